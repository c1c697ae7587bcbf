// searchd UI: a search page and an article page in one document, driven by the URL.
//
// The whole search state lives in the query string (q, speaker, location, source, since, until,
// sort, and "after" repeated as a stack of page cursors), so links are shareable and the back
// button restores a state through popstate. Article data is always rendered with textContent;
// the only markup taken from the server is the snippet's <mark>, rebuilt node by node.
'use strict';

(() => {
  const FACETS = [
    { key: 'speaker', label: 'Speaker' },
    { key: 'location', label: 'Location' },
    { key: 'source', label: 'Source' },
  ];
  const SORTS = ['relevance', '-date', 'date'];

  const $ = (sel, root = document) => root.querySelector(sel);

  let lastSearchURL = '/';
  let requestSeq = 0; // responses to older requests are dropped

  // el builds an element; strings among the children become text nodes.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = v;
      else node.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children) {
      if (c !== null && c !== undefined && c !== false) node.append(c);
    }
    return node;
  }

  // ---- URL state ----------------------------------------------------------------------------

  function readState(search = location.search) {
    const p = new URLSearchParams(search);
    const st = {
      q: p.get('q') || '',
      since: p.get('since') || '',
      until: p.get('until') || '',
      sort: SORTS.includes(p.get('sort')) ? p.get('sort') : 'relevance',
      after: p.getAll('after').filter(Boolean),
    };
    for (const f of FACETS) st[f.key] = unique(p.getAll(f.key).filter(Boolean));
    return st;
  }

  function unique(list) {
    return [...new Set(list)];
  }

  function stateURL(st) {
    const p = new URLSearchParams();
    if (st.q) p.set('q', st.q);
    for (const f of FACETS) for (const v of st[f.key]) p.append(f.key, v);
    if (st.since) p.set('since', st.since);
    if (st.until) p.set('until', st.until);
    if (st.sort && st.sort !== 'relevance') p.set('sort', st.sort);
    for (const a of st.after) p.append('after', a);
    const qs = p.toString();
    return qs ? '/?' + qs : '/';
  }

  // withChange returns a copy of st with changes applied and the page cursors reset.
  function withChange(st, changes) {
    const next = { ...st, after: [] };
    for (const f of FACETS) next[f.key] = [...st[f.key]];
    return Object.assign(next, changes);
  }

  function toggled(list, value) {
    return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
  }

  function apiSearchURL(st) {
    const p = new URLSearchParams();
    if (st.q) p.set('q', st.q);
    for (const f of FACETS) for (const v of st[f.key]) p.append(f.key, v);
    if (st.since) p.set('since', st.since);
    if (st.until) p.set('until', st.until);
    p.set('sort', st.sort);
    if (st.after.length) p.set('after', st.after[st.after.length - 1]);
    return '/api/search?' + p.toString();
  }

  function encodeID(id) {
    return id.split('/').map(encodeURIComponent).join('/');
  }

  function decodeID(path) {
    try {
      return path.split('/').map(decodeURIComponent).join('/');
    } catch {
      return path;
    }
  }

  function articleURL(id) {
    return '/articles/' + encodeID(id);
  }

  function navigate(url) {
    history.pushState(null, '', url);
    route();
  }

  // ---- helpers --------------------------------------------------------------------------------

  async function getJSON(url) {
    const res = await fetch(url, { headers: { Accept: 'application/json' } });
    let body = null;
    try {
      body = await res.json();
    } catch {
      body = null;
    }
    if (!res.ok) {
      const err = new Error((body && body.error) || `${res.status} ${res.statusText}`);
      err.status = res.status;
      throw err;
    }
    return body;
  }

  function showMessage(text) {
    const m = $('#message');
    m.textContent = text || '';
    m.hidden = !text;
  }

  const dateFormat = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC',
  });

  function formatDate(s) {
    if (!s) return '';
    const d = new Date(s);
    return Number.isNaN(d.getTime()) ? '' : dateFormat.format(d);
  }

  function placeName(loc) {
    if (!loc || !loc.name) return '';
    return loc.country && loc.country !== loc.name ? `${loc.name}, ${loc.country}` : loc.name;
  }

  // snippetNodes rebuilds the server's snippet (escaped text with <mark>) from text and <mark>
  // nodes only, so that nothing else in it can ever become markup.
  function snippetNodes(html) {
    const tpl = document.createElement('template');
    tpl.innerHTML = html || '';
    const out = [];
    const walk = (node, into) => {
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) {
          into.push(document.createTextNode(child.textContent));
        } else if (child.nodeName === 'MARK') {
          into.push(el('mark', null, child.textContent));
        } else {
          walk(child, into);
        }
      }
    };
    walk(tpl.content, out);
    return out;
  }

  function dayBefore(ymd) {
    const d = new Date(ymd + 'T00:00:00Z');
    if (Number.isNaN(d.getTime())) return '';
    d.setUTCDate(d.getUTCDate() - 1);
    return d.toISOString().slice(0, 10);
  }

  // ---- search view ----------------------------------------------------------------------------

  async function showSearch(st) {
    $('#article-view').hidden = true;
    $('#search-view').hidden = false;
    lastSearchURL = stateURL(st);
    document.title = st.q ? `${st.q} – searchd` : 'searchd';
    $('#q').value = st.q;
    $('#sort').value = st.sort;
    $('#since').value = st.since;
    $('#until').value = st.until;
    renderChips(st);

    const seq = ++requestSeq;
    $('#search-view').setAttribute('aria-busy', 'true');
    let res;
    try {
      res = await getJSON(apiSearchURL(st));
    } catch (err) {
      if (seq !== requestSeq) return;
      $('#search-view').removeAttribute('aria-busy');
      $('#results').replaceChildren();
      $('#summary').textContent = '';
      $('#empty').hidden = true;
      $('#prev').hidden = true;
      $('#next').hidden = true;
      showMessage(`Search failed: ${err.message}`);
      return;
    }
    if (seq !== requestSeq) return;
    $('#search-view').removeAttribute('aria-busy');
    showMessage('');
    renderResults(st, res);
  }

  function renderChips(st) {
    const chips = [];
    for (const f of FACETS) {
      for (const v of st[f.key]) {
        chips.push(chip(`${f.label}: ${v}`, withChange(st, { [f.key]: st[f.key].filter((x) => x !== v) }),
          { 'data-facet': f.key, 'data-value': v }));
      }
    }
    if (st.since) chips.push(chip(`From ${st.since}`, withChange(st, { since: '' }), { 'data-facet': 'since' }));
    if (st.until) chips.push(chip(`To ${st.until}`, withChange(st, { until: '' }), { 'data-facet': 'until' }));
    if (chips.length > 1) {
      chips.push(el('a', { class: 'chip-clear', href: stateURL(withChange(st, { speaker: [], location: [], source: [], since: '', until: '' })) }, 'Clear all'));
    }
    $('#chips').replaceChildren(...chips);
  }

  function chip(text, target, attrs) {
    return el('a', { class: 'chip', href: stateURL(target), title: 'Remove this filter', ...attrs },
      text, el('span', { class: 'chip-x', 'aria-hidden': 'true' }, '×'));
  }

  function renderResults(st, res) {
    const hits = res.hits || [];
    const total = res.total || 0;
    const summary = $('#summary');
    summary.dataset.total = String(total);
    const page = st.after.length + 1;
    summary.textContent = `${total.toLocaleString('en')} ${total === 1 ? 'article' : 'articles'}` +
      (page > 1 ? ` · page ${page}` : '') + ` · ${Number(res.took_ms || 0).toFixed(1)} ms`;

    $('#results').replaceChildren(...hits.map(renderHit));
    $('#empty').hidden = hits.length > 0;

    const prev = $('#prev');
    prev.hidden = st.after.length === 0;
    prev.href = stateURL({ ...st, after: st.after.slice(0, -1) });
    const next = $('#next');
    next.hidden = !res.next;
    next.href = res.next ? stateURL({ ...st, after: [...st.after, res.next] }) : '/';
    $('#page').textContent = prev.hidden && next.hidden ? '' : `Page ${page}`;

    const facets = res.facets || {};
    for (const f of FACETS) renderFacet(st, f.key, facets[f.key] || []);
    renderDateFacet(st, facets.date || []);
  }

  function renderHit(h) {
    const meta = el('p', { class: 'meta' });
    const parts = [];
    if (h.date) parts.push(el('time', { class: 'date', datetime: h.date }, formatDate(h.date)));
    if (h.source) parts.push(el('span', { class: 'source' }, h.source));
    const place = placeName(h.location);
    if (place) parts.push(el('span', { class: 'location' }, place));
    parts.forEach((p, i) => {
      if (i > 0) meta.append(el('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '));
      meta.append(p);
    });

    const speakers = (h.speakers || []).length
      ? el('p', { class: 'speakers' }, el('span', { class: 'label' }, 'Quoted: '),
        ...h.speakers.flatMap((name, i) => [i > 0 ? ', ' : null,
          el('span', { class: 'speaker', 'data-name': name }, name)]))
      : null;

    return el('li', { class: 'hit', 'data-id': h.id },
      el('h3', null, el('a', { class: 'title', href: articleURL(h.id) }, h.title || h.id)),
      meta,
      el('p', { class: 'snippet' }, ...snippetNodes(h.snippet)),
      speakers);
  }

  function renderFacet(st, key, values) {
    const list = $(`.facet-${key}`);
    const active = st[key];
    const seen = new Set(values.map((v) => v.value));
    // Active values the index did not return (no match left) stay visible, to be removed.
    const all = [...values, ...active.filter((v) => !seen.has(v)).map((v) => ({ value: v, count: 0 }))];
    if (!all.length) {
      list.replaceChildren(el('li', { class: 'none' }, 'None'));
      return;
    }
    list.replaceChildren(...all.map((v) => {
      const on = active.includes(v.value);
      return el('li', null, el('a', {
        href: stateURL(withChange(st, { [key]: toggled(active, v.value) })),
        class: on ? 'active' : null,
        'aria-pressed': on ? 'true' : 'false',
        'data-value': v.value,
        title: on ? 'Remove this filter' : 'Filter on this',
      }, el('span', { class: 'value' }, v.value), el('span', { class: 'count' }, String(v.count))));
    }));
  }

  function renderDateFacet(st, buckets) {
    const list = $('.facet-date');
    const shown = buckets.filter((b) => b.count > 0);
    list.replaceChildren(...shown.map((b) => {
      const since = b.from || '';
      const until = b.to ? dayBefore(b.to) : '';
      const on = st.since === since && st.until === until;
      const target = on ? withChange(st, { since: '', until: '' }) : withChange(st, { since, until });
      return el('li', null, el('a', {
        href: stateURL(target),
        class: on ? 'active' : null,
        'aria-pressed': on ? 'true' : 'false',
        'data-from': since,
        'data-to': b.to || '',
      }, el('span', { class: 'value' }, b.label), el('span', { class: 'count' }, String(b.count))));
    }));
  }

  // ---- article view ---------------------------------------------------------------------------

  async function showArticle(id) {
    $('#search-view').hidden = true;
    const view = $('#article-view');
    view.hidden = false;
    $('#back').href = lastSearchURL;
    for (const sel of ['#article-title', '#article-meta', '#article-authors', '#article-url']) {
      $(sel).replaceChildren();
    }
    $('#article-body').replaceChildren();
    $('#speakers').replaceChildren();
    $('#no-quotes').hidden = true;
    $('#article-quotes').hidden = true;

    const seq = ++requestSeq;
    let doc;
    try {
      doc = await getJSON('/api/articles/' + encodeID(id));
    } catch (err) {
      if (seq !== requestSeq) return;
      document.title = 'Not found – searchd';
      showMessage(err.status === 404 ? `No article has the id “${id}”.` : `Could not load the article: ${err.message}`);
      return;
    }
    if (seq !== requestSeq) return;
    showMessage('');
    renderArticle(doc);
  }

  function renderArticle(doc) {
    document.title = `${doc.title || doc.id} – searchd`;
    $('#article-title').textContent = doc.title || doc.id;

    const meta = $('#article-meta');
    const parts = [];
    if (doc.date) parts.push(el('time', { class: 'date', datetime: doc.date }, formatDate(doc.date)));
    if (doc.source) parts.push(el('span', { class: 'source' }, doc.source));
    const place = placeName(doc.location);
    if (place) parts.push(el('span', { class: 'location' }, place));
    parts.forEach((p, i) => {
      if (i > 0) meta.append(el('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '));
      meta.append(p);
    });

    const authors = doc.authors || [];
    $('#article-authors').textContent = authors.length ? `By ${authors.join(', ')}` : '';
    if (doc.url && /^https?:\/\//i.test(doc.url)) {
      $('#article-url').replaceChildren(el('a', { href: doc.url, rel: 'noopener noreferrer nofollow', target: '_blank' }, 'Read the original'));
    }

    $('#article-body').replaceChildren(...paragraphs(doc.body || '').map((p) => el('p', null, p)));

    const speakers = doc.speakers || [];
    $('#article-quotes').hidden = false;
    $('#no-quotes').hidden = speakers.length > 0;
    $('#speakers').replaceChildren(...speakers.map(renderSpeaker));
    // Documents extracted before unnamed sources became speakers only carry their count.
    if (doc.unnamed_quotes && !speakers.some((sp) => sp.kind === 'unnamed')) {
      $('#speakers').append(el('p', { class: 'unnamed' },
        `${doc.unnamed_quotes} more ${doc.unnamed_quotes === 1 ? 'quote' : 'quotes'} from unnamed sources.`));
    }
  }

  // paragraphs splits a body on blank lines, or on indented lines (wire layout), and joins
  // hard-wrapped lines.
  function paragraphs(body) {
    return body.split(/\n\s*\n|\n(?=[ \t]{2,}\S)/)
      .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
      .filter(Boolean);
  }

  function renderSpeaker(sp) {
    const search = stateURL(withChange(readState(''), { speaker: [sp.name] }));
    const quotes = sp.quotes || [];
    // Unnamed sources ("a senior official") have no name to search by: no link, the mention as heading.
    const unnamed = sp.kind === 'unnamed' || !sp.name;
    const heading = unnamed
      ? el('h3', null, el('span', { class: 'speaker-name unnamed' }, `Unnamed source: ${sp.title || 'not given'}`))
      : el('h3', null, el('a', { class: 'speaker-name', href: search, title: `Articles quoting ${sp.name}` }, sp.name));
    return el('section', { class: `speaker-card kind-${sp.kind || 'person'}`, 'data-name': sp.name },
      heading,
      sp.title && !unnamed ? el('p', { class: 'speaker-title' }, sp.title) : null,
      el('ul', { class: 'quote-list' }, ...quotes.map((q) => el('li', { class: `quote ${q.direct ? 'direct' : 'reported'}` },
        el('span', { class: 'quote-kind' }, q.direct ? 'Direct' : 'Reported'),
        el('q', { class: 'quote-text' }, q.text)))));
  }

  // ---- routing and events ---------------------------------------------------------------------

  function route() {
    const path = location.pathname;
    if (path.startsWith('/articles/')) {
      showArticle(decodeID(path.slice('/articles/'.length)));
    } else {
      showSearch(readState());
    }
  }

  function current() {
    return location.pathname.startsWith('/articles/') ? readState('') : readState();
  }

  function init() {
    $('#search-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      navigate(stateURL(withChange(current(), { q: $('#q').value.trim() })));
    });
    $('#sort').addEventListener('change', () => {
      navigate(stateURL(withChange(current(), { sort: $('#sort').value })));
    });
    for (const id of ['since', 'until']) {
      $('#' + id).addEventListener('change', () => {
        const v = $('#' + id).value;
        if (v && !/^\d{4}-\d{2}-\d{2}$/.test(v)) return;
        navigate(stateURL(withChange(current(), { [id]: v })));
      });
    }
    // Same-page links (results, facets, chips, pager, speakers) navigate without reloading.
    document.addEventListener('click', (ev) => {
      if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
      const a = ev.target.closest('a[href]');
      if (!a || a.target || a.origin !== location.origin) return;
      if (a.pathname !== '/' && !a.pathname.startsWith('/articles/')) return;
      ev.preventDefault();
      navigate(a.pathname + a.search);
      if (a.pathname.startsWith('/articles/')) window.scrollTo(0, 0);
    });
    window.addEventListener('popstate', route);
    route();
  }

  init();
})();
