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
      tab: p.get('tab') === 'quotes' ? 'quotes' : '',
      collapse: p.get('collapse') === 'none' ? 'none' : 'story',
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
    if (st.tab) p.set('tab', st.tab);
    if (st.collapse === 'none') p.set('collapse', 'none');
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

  // searchParams returns the API parameters of st's search (without cursor and grouping).
  function searchParams(st) {
    const p = new URLSearchParams();
    if (st.q) p.set('q', st.q);
    for (const f of FACETS) for (const v of st[f.key]) p.append(f.key, v);
    if (st.since) p.set('since', st.since);
    if (st.until) p.set('until', st.until);
    return p;
  }

  function apiSearchURL(st) {
    const p = searchParams(st);
    p.set('sort', st.sort);
    if (st.after.length) p.set('after', st.after[st.after.length - 1]);
    if (st.tab === 'quotes') return '/api/quotes?' + p.toString();
    if (st.collapse === 'story') p.set('collapse', 'story');
    return '/api/search?' + p.toString();
  }

  function atomURL(st) {
    const qs = searchParams(st).toString();
    return '/search.atom' + (qs ? '?' + qs : '');
  }

  function speakerURL(name) {
    return '/speakers/' + encodeURIComponent(name);
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
    $('#speaker-view').hidden = true;
    $('#search-view').hidden = false;
    const quotes = st.tab === 'quotes';
    for (const node of document.querySelectorAll('.articles-only')) node.hidden = quotes;
    $('#map-panel').hidden = quotes;
    $('#tab-articles').href = stateURL(withChange(st, { tab: '' }));
    $('#tab-quotes').href = stateURL(withChange(st, { tab: 'quotes' }));
    $('#tab-articles').classList.toggle('active', !quotes);
    $('#tab-quotes').classList.toggle('active', quotes);
    $('#tab-articles').setAttribute('aria-current', quotes ? 'false' : 'page');
    $('#tab-quotes').setAttribute('aria-current', quotes ? 'page' : 'false');
    $('#collapse').checked = st.collapse === 'story';
    $('#atom-link').href = atomURL(st);
    $('#atom-head').href = atomURL(st);
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
    const quotes = st.tab === 'quotes';
    const hits = (quotes ? res.quotes : res.hits) || [];
    const total = res.total || 0;
    const summary = $('#summary');
    summary.dataset.total = String(total);
    const page = st.after.length + 1;
    const noun = quotes ? (total === 1 ? 'quote' : 'quotes') : (total === 1 ? 'article' : 'articles');
    summary.textContent = `${total.toLocaleString('en')} ${noun}` +
      (page > 1 ? ` · page ${page}` : '') + ` · ${Number(res.took_ms || 0).toFixed(1)} ms`;

    $('#results').replaceChildren(...hits.map(quotes ? renderQuoteHit : renderHit));
    $('#empty').hidden = hits.length > 0;
    $('#empty').textContent = quotes
      ? 'No quotes match this search. Try fewer words, or remove a filter.'
      : 'No articles match this search. Try fewer words, or remove a filter.';
    renderTimeline($('#timeline'), res.timeline, st);
    if (!quotes) renderMap(st, (res.facets || {}).place || []);

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

  // renderQuoteHit renders one quote of the Quotes tab.
  function renderQuoteHit(q) {
    const who = q.speaker
      ? el('a', { class: 'quote-speaker', href: speakerURL(q.speaker) }, q.speaker)
      : el('span', { class: 'quote-speaker unnamed' }, q.role ? `Unnamed: ${q.role}` : 'Unnamed source');
    const meta = el('p', { class: 'meta' }, who,
      q.speaker && q.role ? el('span', { class: 'quote-role' }, `, ${q.role}`) : null,
      q.date ? ' · ' : null, q.date ? el('time', { class: 'date', datetime: q.date }, formatDate(q.date)) : null,
      q.source ? ` · ${q.source}` : null);
    return el('li', { class: `quote-hit ${q.direct ? 'direct' : 'reported'}`, 'data-id': q.id, 'data-speaker': q.speaker || '' },
      el('blockquote', { class: 'quote-text' }, ...snippetNodes(q.highlight || q.text)),
      meta,
      el('p', { class: 'quote-article' }, 'In ', el('a', { class: 'title', href: articleURL(q.article) }, q.title || q.article)));
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

    return el('li', { class: 'hit', 'data-id': h.id, 'data-story': h.story || '' },
      el('h3', null, el('a', { class: 'title', href: articleURL(h.id) }, h.title || h.id)),
      meta,
      el('p', { class: 'snippet' }, ...snippetNodes(h.snippet)),
      speakers,
      renderVersions(h));
  }

  // renderVersions shows the other versions of a hit's wire story, folded.
  function renderVersions(h) {
    const others = h.others || [];
    if (!h.versions || h.versions < 2) return null;
    const toggle = el('button', { type: 'button', class: 'versions-toggle', 'aria-expanded': 'false' },
      `${h.versions} versions`);
    const list = el('ul', { class: 'versions-list' }, ...others.map((o) => el('li', null,
      el('a', { class: 'version', href: articleURL(o.id), 'data-id': o.id }, o.title || o.id),
      o.source ? el('span', { class: 'version-source' }, ` · ${o.source}`) : null,
      o.date ? el('span', { class: 'version-date' }, ` · ${formatDate(o.date)}`) : null)));
    list.hidden = true;
    toggle.addEventListener('click', () => {
      list.hidden = !list.hidden;
      toggle.setAttribute('aria-expanded', String(!list.hidden));
    });
    return el('div', { class: 'versions' }, toggle, list);
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
    $('#speaker-view').hidden = true;
    $('#related').hidden = true;
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
    showRelated(id, seq);
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
      unnamed ? null : el('p', { class: 'speaker-links' }, el('a', { class: 'speaker-page', href: speakerURL(sp.name) }, 'Speaker page')),
      el('ul', { class: 'quote-list' }, ...quotes.map((q) => el('li', { class: `quote ${q.direct ? 'direct' : 'reported'}` },
        el('span', { class: 'quote-kind' }, q.direct ? 'Direct' : 'Reported'),
        el('q', { class: 'quote-text' }, q.text)))));
  }

  // ---- charts ---------------------------------------------------------------------------------

  // The SVG namespace, read from a parsed element rather than written as a URL.
  const SVG = new DOMParser().parseFromString('<svg></svg>', 'text/html').body.firstChild.namespaceURI;

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v !== null && v !== undefined) node.setAttribute(k, String(v));
    }
    for (const c of children) if (c) node.append(c);
    return node;
  }

  // renderTimeline draws buckets ({label, from, to, count}) as an SVG bar chart into box. With a
  // search state st, a click on a bar narrows the search to its dates, and a drag across bars
  // to their span.
  function renderTimeline(box, timeline, st) {
    const buckets = (timeline && timeline.buckets) || [];
    if (buckets.length < 2 && !(buckets.length === 1 && !st)) {
      box.replaceChildren();
      box.hidden = true;
      return;
    }
    box.hidden = false;
    const W = 600, H = 90, pad = 14;
    const maxCount = Math.max(...buckets.map((b) => b.count), 1);
    const bw = W / buckets.length;
    const bars = buckets.map((b, i) => {
      const h = Math.max(b.count ? 2 : 0, Math.round((H - pad) * b.count / maxCount));
      const rect = svg('rect', {
        class: 'bar', x: (i * bw + bw * 0.1).toFixed(2), y: H - pad - h, width: Math.max(bw * 0.8, 0.5).toFixed(2), height: h,
        'data-i': i, 'data-from': b.from, 'data-to': b.to, 'data-count': b.count,
      }, svg('title', null, document.createTextNode(`${b.label}: ${b.count}`)));
      const hit = svg('rect', { class: 'bar-hit', x: (i * bw).toFixed(2), y: 0, width: bw.toFixed(2), height: H - pad, 'data-i': i });
      return svg('g', { class: 'bar-group', 'data-i': i }, hit, rect);
    });
    const first = buckets[0].label, last = buckets[buckets.length - 1].label;
    const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'timeline-chart', role: 'img', 'aria-label': `Matches per ${(timeline && timeline.unit) || 'period'}, ${first} to ${last}` },
      ...bars,
      svg('text', { x: 0, y: H - 2, class: 'axis' }, document.createTextNode(first)),
      svg('text', { x: W, y: H - 2, class: 'axis end' }, document.createTextNode(last)));
    box.replaceChildren(chart);
    if (!st) return;
    box.dataset.unit = (timeline && timeline.unit) || '';
    let start = -1;
    const index = (ev) => {
      const g = ev.target.closest('[data-i]');
      return g ? Number(g.dataset.i) : -1;
    };
    chart.addEventListener('pointerdown', (ev) => {
      start = index(ev);
      ev.preventDefault();
    });
    chart.addEventListener('pointerup', (ev) => {
      const end = index(ev);
      if (start < 0 || end < 0) return;
      const lo = buckets[Math.min(start, end)], hi = buckets[Math.max(start, end)];
      start = -1;
      navigate(stateURL(withChange(st, { since: lo.from, until: dayBefore(hi.to) })));
    });
  }

  // renderMap draws the places the results were filed from on an equirectangular world map:
  // a graticule, land cells from /static/land.json, and one dot per place; a click filters.
  async function renderMap(st, places) {
    const box = $('#map');
    const W = 360, H = 180;
    const x = (lon) => (lon + 180).toFixed(2);
    const y = (lat) => (90 - lat).toFixed(2);
    const grid = [];
    for (let lon = -150; lon <= 150; lon += 30) grid.push(svg('line', { class: 'grat', x1: x(lon), y1: 0, x2: x(lon), y2: H }));
    for (let lat = -60; lat <= 60; lat += 30) grid.push(svg('line', { class: 'grat', x1: 0, y1: y(lat), x2: W, y2: y(lat) }));
    const land = await landCells();
    const step = land.step || 2;
    const cells = (land.cells || []).map(([lat, lon]) => svg('rect', { class: 'land', x: x(lon), y: y(lat + step), width: step, height: step }));
    const maxCount = Math.max(...places.map((p) => p.count), 1);
    const dots = places.map((p) => {
      const on = st.location.includes(p.name);
      const target = withChange(st, { location: toggled(st.location, p.name) });
      return svg('a', { href: stateURL(target), class: on ? 'place active' : 'place', 'data-name': p.name, 'aria-label': `${p.name}: ${p.count}` },
        svg('circle', { cx: x(p.lon), cy: y(p.lat), r: (1.5 + 4 * Math.sqrt(p.count / maxCount)).toFixed(2) },
          svg('title', null, document.createTextNode(`${p.name}${p.country ? ', ' + p.country : ''}: ${p.count}`))));
    });
    box.replaceChildren(svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'map-chart', role: 'img', 'aria-label': 'Where the results were filed' },
      svg('rect', { class: 'sea', x: 0, y: 0, width: W, height: H }), ...cells, ...grid, ...dots));
    box.dataset.places = String(places.length);
  }

  let landPromise = null;
  function landCells() {
    if (!landPromise) landPromise = fetch('/static/land.json').then((r) => (r.ok ? r.json() : {})).catch(() => ({}));
    return landPromise;
  }

  // ---- speaker page ---------------------------------------------------------------------------

  async function showSpeaker(name) {
    $('#search-view').hidden = true;
    $('#article-view').hidden = true;
    const view = $('#speaker-view');
    view.hidden = false;
    view.setAttribute('aria-busy', 'true');
    $('#speaker-back').href = lastSearchURL;
    $('#speaker-name').textContent = name;
    document.title = `${name} – searchd`;
    for (const sel of ['#speaker-summary', '#speaker-quotes', '#speaker-roles', '#speaker-co', '#speaker-chart']) $(sel).replaceChildren();
    const seq = ++requestSeq;
    let sp;
    try {
      sp = await getJSON('/api/speakers/' + encodeURIComponent(name));
    } catch (err) {
      if (seq !== requestSeq) return;
      view.removeAttribute('aria-busy');
      showMessage(err.status === 404 ? `No one called “${name}” is quoted.` : `Could not load the speaker: ${err.message}`);
      return;
    }
    if (seq !== requestSeq) return;
    showMessage('');
    const n = sp.articles || 0;
    $('#speaker-summary').textContent = `Quoted in ${n.toLocaleString('en')} ${n === 1 ? 'article' : 'articles'}` +
      (sp.first_seen ? ` · first seen ${formatDate(sp.first_seen)}` : '') +
      (sp.last_seen ? ` · last seen ${formatDate(sp.last_seen)}` : '');
    renderTimeline($('#speaker-chart'), { unit: 'month', buckets: sp.timeline || [] }, null);
    $('#speaker-roles').replaceChildren(...(sp.roles || []).map((r) => el('li', { class: 'role' },
      el('span', { class: 'role-name' }, r.role), ` (${r.count})`,
      r.first ? el('span', { class: 'muted' }, ` ${formatDate(r.first)} – ${formatDate(r.last)}`) : null)));
    $('#speaker-co').replaceChildren(...(sp.co_speakers || []).map((c) => el('li', null,
      el('a', { class: 'co-speaker', href: speakerURL(c.value) }, c.value), ` (${c.count})`)));
    $('#speaker-quotes').replaceChildren(...(sp.quotes || []).map((q) => el('li', { class: `quote ${q.direct ? 'direct' : 'reported'}` },
      el('q', { class: 'quote-text' }, q.text), ' ',
      el('span', { class: 'meta' }, formatDate(q.date), ' · ', el('a', { href: articleURL(q.article) }, q.title || q.article)))));
    $('#speaker-all-quotes').href = stateURL(withChange(readState(''), { speaker: [name], tab: 'quotes', sort: '-date' }));
    $('#speaker-articles').href = stateURL(withChange(readState(''), { speaker: [name] }));
    view.removeAttribute('aria-busy');
  }

  // Speaker type-ahead above the speaker facet.
  let suggestSeq = 0;
  async function suggestSpeakers() {
    const prefix = $('#speaker-filter').value.trim();
    const list = $('#speaker-suggest');
    const seq = ++suggestSeq;
    if (!prefix) {
      list.hidden = true;
      list.replaceChildren();
      return;
    }
    let res;
    try {
      res = await getJSON('/api/speakers?size=8&prefix=' + encodeURIComponent(prefix));
    } catch {
      return;
    }
    if (seq !== suggestSeq) return;
    const st = current();
    const items = (res.speakers || []).map((v) => el('li', null, el('a', {
      href: stateURL(withChange(st, { speaker: unique([...st.speaker, v.value]) })), 'data-value': v.value,
    }, el('span', { class: 'value' }, v.value), el('span', { class: 'count' }, String(v.count)))));
    list.replaceChildren(...(items.length ? items : [el('li', { class: 'none' }, 'No speaker')]));
    list.hidden = false;
  }

  // ---- related articles -----------------------------------------------------------------------

  async function showRelated(id, seq) {
    const box = $('#related');
    box.hidden = true;
    let rel;
    try {
      rel = await getJSON('/api/related/' + encodeID(id));
    } catch {
      return;
    }
    if (seq !== requestSeq) return;
    const group = (sel, title, hits) => {
      $(sel).replaceChildren(...(hits && hits.length ? [el('h3', null, title), el('ul', { class: 'related-list' },
        ...hits.map((h) => el('li', { 'data-id': h.id }, el('a', { href: articleURL(h.id) }, h.title || h.id),
          el('span', { class: 'meta' }, [h.source, formatDate(h.date), h.reason].filter(Boolean).map((t) => ` · ${t}`).join('')))))] : []));
    };
    group('#related-story', 'Same story', rel.story);
    group('#related-speakers', 'Quoting the same people', rel.speakers);
    group('#related-similar', 'Similar articles', rel.similar);
    box.hidden = !(rel.story || []).length && !(rel.speakers || []).length && !(rel.similar || []).length;
  }

  // ---- routing and events ---------------------------------------------------------------------

  function route() {
    const path = location.pathname;
    if (path.startsWith('/speakers/')) {
      let name = path.slice('/speakers/'.length);
      try {
        name = decodeURIComponent(name);
      } catch {
        // keep it as written
      }
      showSpeaker(name);
    } else if (path.startsWith('/articles/')) {
      showArticle(decodeID(path.slice('/articles/'.length)));
    } else {
      showSearch(readState());
    }
  }

  function current() {
    return location.pathname === '/' ? readState() : readState('');
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
      if (!a || a.getAttribute('target')) return;
      // SVG links (the map) have no origin or pathname of their own: parse the href.
      const u = new URL(a.getAttribute('href'), location.href);
      if (u.origin !== location.origin) return;
      if (u.pathname !== '/' && !u.pathname.startsWith('/articles/') && !u.pathname.startsWith('/speakers/')) return;
      ev.preventDefault();
      navigate(u.pathname + u.search);
      if (u.pathname !== '/') window.scrollTo(0, 0);
    });
    $('#collapse').addEventListener('change', () => {
      navigate(stateURL(withChange(current(), { collapse: $('#collapse').checked ? 'story' : 'none' })));
    });
    $('#speaker-filter').addEventListener('input', suggestSpeakers);
    window.addEventListener('popstate', route);
    route();
  }

  init();
})();
