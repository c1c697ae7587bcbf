// searchd UI: a search page and an article page in one document, driven by the URL.
//
// The whole search state lives in the query string (q, speaker, location, place, source, since, until,
// sort, and for pages after the first the page number and that page's cursor), so links are
// shareable and short, and the back button restores a state through popstate. Article data is always rendered with textContent;
// the only markup taken from the server is the snippet's <mark>, rebuilt node by node.
'use strict';

(() => {
  // A facet's key is its URL and API parameter and the class of its list (.facet-<key>); its
  // counts are facets[facet || key] of the search response.
  const FACETS = [
    { key: 'speaker', label: 'Speaker' },
    { key: 'location', label: 'Location' },
    { key: 'place', facet: 'places', label: 'Places mentioned' },
    { key: 'source', label: 'Source' },
  ];
  const SORTS = ['relevance', '-date', 'date'];
  const PAGE_SIZE = 20;

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
      page: Math.max(1, Math.min(10000, parseInt(p.get('page'), 10) || 1)),
      after: p.get('after') || '',
      tab: p.get('tab') === 'quotes' ? 'quotes' : '',
      collapse: p.get('collapse') === 'none' ? 'none' : 'story',
    };
    for (const f of FACETS) st[f.key] = unique(p.getAll(f.key).filter(Boolean));
    if (!st.after) st.page = 1; // a later page is reached through its cursor only
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
    if (st.page > 1) p.set('page', String(st.page));
    if (st.page > 1 && st.after) p.set('after', st.after);
    const qs = p.toString();
    return qs ? '/?' + qs : '/';
  }

  // withChange returns a copy of st with changes applied, back on the first page.
  function withChange(st, changes) {
    const next = { ...st, page: 1, after: '' };
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
    p.set('size', String(PAGE_SIZE));
    if (st.page > 1 && st.after) p.set('after', st.after);
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
    m.classList.remove('notice');
    m.textContent = text || '';
    m.hidden = !text;
  }

  // showNotice shows what the server says it did not use of the search (res.warning: stop
  // words, filter values that match no article), or hides the message.
  function showNotice(text) {
    showMessage(text ? text.charAt(0).toUpperCase() + text.slice(1) + '.' : '');
    if (text) $('#message').classList.add('notice');
  }

  const dateFormat = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC',
  });

  function formatDate(s) {
    if (!s) return '';
    const d = new Date(s);
    return Number.isNaN(d.getTime()) ? '' : dateFormat.format(d);
  }

  const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

  // periodLabel writes a bucket label ("2024", "2024-03", "2024-03-04") in the page's one date
  // style: "2024", "Mar 2024", "4 Mar 2024".
  function periodLabel(label) {
    if (/^\d{4}-\d{2}$/.test(label)) return monthFormat.format(new Date(label + '-01T00:00:00Z'));
    if (/^\d{4}-\d{2}-\d{2}$/.test(label)) return formatDate(label + 'T00:00:00Z');
    return label;
  }

  function placeName(loc) {
    if (!loc || !loc.name) return '';
    return loc.country && loc.country !== loc.name ? `${loc.name}, ${loc.country}` : loc.name;
  }

  // snippetNodes rebuilds the server's snippet (escaped text with <mark>) from text and <mark>
  // nodes only, so that nothing else in it can ever become markup. The words the server marked
  // are marked again wherever they occur, so that a repeated word is never left plain.
  function snippetNodes(html) {
    const frag = parseSnippet(html);
    return markTerms(frag.textContent, termsOf(frag));
  }

  // parseSnippet parses the server's snippet HTML into an inert fragment (a template's content
  // runs no script and loads nothing) that is only ever read, never inserted.
  function parseSnippet(html) {
    const tpl = document.createElement('template');
    tpl.innerHTML = html || '';
    return tpl.content;
  }

  // termsOf returns the distinct texts of the <mark> elements under node.
  function termsOf(node) {
    const out = new Set();
    for (const m of node.querySelectorAll('mark')) {
      const t = m.textContent.trim().toLowerCase();
      if (t) out.add(t);
    }
    return [...out];
  }

  // markTerms returns text as text nodes with each whole-word occurrence of a term (any case)
  // in a <mark>.
  function markTerms(text, terms) {
    if (!terms.length || !text) return text ? [document.createTextNode(text)] : [];
    const alts = [...terms].sort((a, b) => b.length - a.length)
      .map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
    const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alts.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
    const out = [];
    let at = 0;
    for (const m of text.matchAll(re)) {
      if (m.index > at) out.push(document.createTextNode(text.slice(at, m.index)));
      out.push(el('mark', null, m[0]));
      at = m.index + m[0].length;
    }
    if (at < text.length) out.push(document.createTextNode(text.slice(at)));
    return out;
  }

  // lastTerms are the words marked on the last results page, marked again in the article opened
  // from it.
  let lastTerms = [];

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
    for (const node of document.querySelectorAll('.quotes-only')) node.hidden = !quotes;
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
    // An empty search lists the newest articles first: say so rather than "Relevance".
    $('#sort').value = !st.q && st.sort === 'relevance' ? '-date' : st.sort;
    $('#since').value = st.since;
    $('#until').value = st.until;
    $('#results-heading').textContent = quotes ? 'Quotes' : (st.q ? `Articles matching ${st.q}` : 'Latest articles');
    renderChips(st);
    renderFilterCount(st);

    const seq = ++requestSeq;
    $('#search-view').setAttribute('aria-busy', 'true');
    let res;
    let repaired = null;
    // Quotes have no map of their own: its places are those of the articles of the same
    // search, asked for beside them.
    const articleFacets = (s) => (s.tab === 'quotes'
      ? getJSON(`/api/search?${searchParams(s)}&size=1`).then((r) => r.facets).catch(() => null)
      : Promise.resolve(null));
    let placesAndSources = articleFacets(st);
    try {
      res = await getJSON(apiSearchURL(st));
    } catch (err) {
      if (seq !== requestSeq) return;
      repaired = malformed(st, err) ? repairQuery(st.q) : null;
      if (repaired !== null) {
        // Keep the page useful: show what the words alone find, facets included.
        placesAndSources = articleFacets(withChange(st, { q: repaired }));
        try {
          res = await getJSON(apiSearchURL(withChange(st, { q: repaired })));
        } catch {
          res = null;
        }
        if (seq !== requestSeq) return;
      }
      if (!res) {
        $('#search-view').removeAttribute('aria-busy');
        $('#results').replaceChildren();
        $('#summary').textContent = '';
        $('#empty').hidden = true;
        $('#prev').hidden = true;
        $('#next').hidden = true;
        showMessage(`Search failed: ${err.message}`);
        return;
      }
    }
    const extra = await placesAndSources;
    if (seq !== requestSeq) return;
    $('#search-view').removeAttribute('aria-busy');
    if (repaired !== null) showRepair(st, repaired);
    else showNotice(res.warning);
    renderResults(repaired !== null ? withChange(st, { q: repaired }) : st, res, repaired !== null ? st : null, extra);
    if (scrollToResults) {
      scrollToResults = false;
      const top = $('.results-col').getBoundingClientRect().top + window.scrollY;
      window.scrollTo(0, Math.max(0, top - 8));
      $('#results-heading').focus({ preventScroll: true });
    }
  }

  // scrollToResults is set by a click on the pager: the next render scrolls to the results' top.
  let scrollToResults = false;

  // malformed tells whether err is the index's answer to a query it cannot parse.
  function malformed(st, err) {
    return err.status === 400 && st.q !== '' && /cannot parse|unsupported query/.test(err.message);
  }

  // repairQuery keeps the words of q and drops the signs of the query syntax.
  function repairQuery(q) {
    return q.replace(/[^\p{L}\p{N}'’]+/gu, ' ').replace(/\s+/g, ' ').trim();
  }

  // explainQuery says in plain words what is wrong with a query the index cannot parse.
  function explainQuery(q) {
    const count = (re) => (q.match(re) || []).length;
    if (count(/"/g) % 2) return 'Your search opens a quotation mark (") and never closes it, so it cannot be read as a phrase.';
    if (/(^|\s)[+-](\s|$)/.test(q)) return 'A + or - must stand right before a word, as in -sport.';
    if (/:(\s|$)|(^|\s):/.test(q)) return 'A colon must join a field and a value, as in source:Reuters.';
    if (/[~^](\s|$)|(^|\s)[~^]/.test(q)) return 'The signs ~ and ^ go right after a word, as in harbour~1 or ferry^2.';
    return 'Some signs in your search have a special meaning and cannot be read the way they are written.';
  }

  // showRepair explains a malformed query and offers it as plain words.
  function showRepair(st, repaired) {
    const m = $('#message');
    m.classList.add('notice');
    const offer = repaired
      ? [' ', el('a', { id: 'repair-link', href: stateURL(withChange(st, { q: repaired })) }, `Search for the words ${repaired}`),
        '. Results for those words are shown below.']
      : [' Try it without the signs.'];
    m.replaceChildren(el('span', { id: 'repair-why' }, explainQuery(st.q)), ...offer);
    m.hidden = false;
  }

  // renderFilterCount labels the narrow screen's filter button with the number of active filters.
  function renderFilterCount(st) {
    const n = FACETS.reduce((sum, f) => sum + st[f.key].length, 0) + (st.since ? 1 : 0) + (st.until ? 1 : 0);
    const b = $('#filters-toggle');
    b.textContent = n ? `Filters (${n})` : 'Filters';
    b.dataset.count = String(n);
  }

  function renderChips(st) {
    const chips = [];
    for (const f of FACETS) {
      for (const v of st[f.key]) {
        chips.push(chip(`${f.label}: ${v}`, withChange(st, { [f.key]: st[f.key].filter((x) => x !== v) }),
          { 'data-facet': f.key, 'data-value': v }));
      }
    }
    if (st.since) chips.push(chip(`From ${formatDate(st.since) || st.since}`, withChange(st, { since: '' }), { 'data-facet': 'since' }));
    if (st.until) chips.push(chip(`To ${formatDate(st.until) || st.until}`, withChange(st, { until: '' }), { 'data-facet': 'until' }));
    if (chips.length > 1) {
      chips.push(el('a', { class: 'chip-clear', href: stateURL(withChange(st, { speaker: [], location: [], place: [], source: [], since: '', until: '' })) }, 'Clear all'));
    }
    $('#chips').replaceChildren(...chips);
  }

  function chip(text, target, attrs) {
    return el('a', { class: 'chip', href: stateURL(target), title: 'Remove this filter', ...attrs },
      text, el('span', { class: 'chip-x', 'aria-hidden': 'true' }, '×'), el('span', { class: 'visually-hidden' }, ' (remove)'));
  }

  // renderResults shows one page of results. asked is the malformed search the user typed, when
  // st is its repair.
  function renderResults(st, res, asked, articleFacets) {
    const quotes = st.tab === 'quotes';
    const hits = (quotes ? res.quotes : res.hits) || [];
    const total = res.total || 0;
    const summary = $('#summary');
    summary.dataset.total = String(total);
    const page = st.page;
    const noun = quotes ? (total === 1 ? 'quote' : 'quotes') : (total === 1 ? 'article' : 'articles');
    const first = (page - 1) * PAGE_SIZE + 1;
    const last = first + hits.length - 1;
    const range = hits.length && (page > 1 || res.next) ? `${fmt(first)}–${fmt(last)} of ` : '';
    summary.textContent = `${range}${fmt(total)} ${noun}` +
      (asked ? ` for the words ${st.q}` : '') + ` · ${Number(res.took_ms || 0).toFixed(1)} ms`;
    summary.dataset.range = range ? `${first}-${last}` : '';

    lastTerms = [];
    $('#results').replaceChildren(...(quotes ? groupQuotes(hits).map(renderQuoteHit) : hits.map((h) => renderHit(st, h))));
    $('#empty').hidden = hits.length > 0;
    $('#empty').textContent = quotes
      ? 'No quotes match this search. Try fewer words, or remove a filter.'
      : 'No articles match this search. Try fewer words, or remove a filter.';
    const view = asked || st;
    renderTimeline($('#timeline'), res.timeline, view);
    const places = quotes ? articleFacets || {} : res.facets || {};
    renderMap(view, places.place || []);

    // Pages: the URL holds the page number and that page's cursor; the cursors of the pages
    // seen are remembered for this session, so that "Previous" needs no stack in the URL.
    const key = stateURL(withChange(view, {}));
    const cursors = readCursors(key);
    if (page > 1) cursors[page] = view.after;
    if (res.next) cursors[page + 1] = res.next;
    writeCursors(key, cursors);
    const prev = $('#prev');
    prev.hidden = page === 1;
    const back = page - 1 > 1 && cursors[page - 1] ? { page: page - 1, after: cursors[page - 1] } : { page: 1, after: '' };
    prev.href = stateURL({ ...view, ...back });
    prev.textContent = back.page === page - 1 ? '← Previous' : '← First page';
    const next = $('#next');
    next.hidden = !res.next || asked !== null && asked !== undefined;
    next.href = res.next ? stateURL({ ...view, page: page + 1, after: res.next }) : '/';
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    // Grouped pages hold stories while the total counts articles: no page count then.
    const grouped = !quotes && view.collapse === 'story';
    $('#page').textContent = prev.hidden && next.hidden ? '' : `Page ${fmt(page)}${grouped ? '' : ` of ${fmt(pages)}`}`;
    $('#filters-done').textContent = `Show ${fmt(total)} ${noun}`;

    const facets = res.facets || {};
    for (const f of FACETS) {
      const name = f.facet || f.key;
      // The quote search counts quotes per speaker, location, place and source; an older
      // server's, speakers only: the others are then the articles'.
      const ofArticles = quotes && !facets[name];
      renderFacet(view, f.key, (ofArticles ? places[name] : facets[name]) || [], quotes && !ofArticles);
    }
    // Quotes have no date facet of their own: their years come from their timeline.
    renderDateFacet(view, quotes ? yearsOf(res.timeline) : facets.date || [], quotes);
  }

  function fmt(n) {
    return Number(n).toLocaleString('en');
  }

  function readCursors(key) {
    try {
      const all = JSON.parse(sessionStorage.getItem('searchd.cursors') || '{}');
      return all[key] || {};
    } catch {
      return {};
    }
  }

  function writeCursors(key, cursors) {
    try {
      const all = JSON.parse(sessionStorage.getItem('searchd.cursors') || '{}');
      const keys = Object.keys(all);
      if (keys.length > 50) delete all[keys[0]];
      all[key] = cursors;
      sessionStorage.setItem('searchd.cursors', JSON.stringify(all));
    } catch {
      // storage full or disabled: Previous falls back to the first page
    }
  }

  // yearsOf sums a timeline's buckets into years, as date facet buckets.
  function yearsOf(timeline) {
    const years = new Map();
    for (const b of (timeline && timeline.buckets) || []) {
      const y = (b.from || '').slice(0, 4);
      if (!/^\d{4}$/.test(y)) continue;
      years.set(y, (years.get(y) || 0) + b.count);
    }
    return [...years].sort().map(([y, count]) => ({ label: y, from: `${y}-01-01`, to: `${Number(y) + 1}-01-01`, count }));
  }

  // groupQuotes folds the quotes of a page that repeat one another (same speaker, same words,
  // as in wire copies) into the first, which lists the others' articles.
  function groupQuotes(list) {
    const byKey = new Map();
    const out = [];
    for (const q of list) {
      const key = `${q.speaker || q.role || ''}\u0000${(q.text || '').toLowerCase().replace(/\s+/g, ' ').trim()}`;
      const first = byKey.get(key);
      if (first) {
        first.repeats.push(q);
        continue;
      }
      const g = { ...q, repeats: [] };
      byKey.set(key, g);
      out.push(g);
    }
    return out;
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
    return el('li', { class: `quote-hit ${q.direct ? 'direct' : 'reported'}`, 'data-id': q.id, 'data-speaker': q.speaker || '', 'data-repeats': String((q.repeats || []).length) },
      el('blockquote', { class: 'quote-text' }, ...snippetNodes(q.highlight || q.text)),
      meta,
      el('p', { class: 'quote-article' }, 'In ', el('a', { class: 'title', href: articleURL(q.article) }, q.title || q.article)),
      (q.repeats || []).length ? el('p', { class: 'quote-also' }, `Also in ${q.repeats.length === 1 ? 'one other article' : `${q.repeats.length} other articles`}: `,
        ...q.repeats.flatMap((r, i) => [i > 0 ? '; ' : null, el('a', { href: articleURL(r.article), 'data-id': r.id }, r.title || r.article),
          r.source ? el('span', { class: 'muted' }, ` (${r.source})`) : null])) : null);
  }

  function renderHit(st, h) {
    const terms = st.q ? termsOf(parseSnippet(h.snippet)) : [];
    for (const t of terms) if (!lastTerms.includes(t)) lastTerms.push(t);
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

    // Each quoted name filters the search on that speaker; the small link beside it opens the
    // speaker's page.
    const speakers = (h.speakers || []).length
      ? el('p', { class: 'speakers' }, el('span', { class: 'label' }, 'Quoted: '),
        ...h.speakers.flatMap((name, i) => [i > 0 ? ', ' : null,
          el('a', {
            class: 'speaker', 'data-name': name, href: stateURL(withChange(st, { speaker: [name] })),
            title: `Only articles quoting ${name}`,
          }, name),
          ' ',
          el('a', { class: 'speaker-page-link', href: speakerURL(name), title: `About ${name}` },
            el('span', { 'aria-hidden': 'true' }, '(page)'), el('span', { class: 'visually-hidden' }, `${name}: speaker page`))]))
      : null;

    return el('li', { class: 'hit', 'data-id': h.id, 'data-story': h.story || '' },
      el('h2', null, el('a', { class: 'title', href: articleURL(h.id) },
        ...(h.title_html ? snippetNodes(h.title_html) : markTerms(h.title || h.id, terms)))),
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

  // facetLink is one value of a facet: a link that adds or removes the filter, with the count
  // as a bar, read out as "Name, 12 articles".
  function facetLink(href, on, label, count, max, noun, attrs) {
    const bar = el('span', { class: 'bar', 'aria-hidden': 'true' });
    bar.style.setProperty('--w', (count / Math.max(max, 1)).toFixed(3));
    return el('a', {
      href, class: on ? 'active' : null, 'aria-current': on ? 'true' : null,
      title: on ? 'Remove this filter' : 'Filter on this', ...attrs,
    }, el('span', { class: 'value' }, label),
    el('span', { class: 'visually-hidden' }, on ? ', selected, ' : ', '),
    el('span', { class: 'count' }, fmt(count)),
    el('span', { class: 'visually-hidden' }, ` ${count === 1 ? noun.one : noun.many}`),
    bar);
  }

  function nouns(quotes) {
    return quotes ? { one: 'quote', many: 'quotes' } : { one: 'article', many: 'articles' };
  }

  function renderFacet(st, key, values, quotes) {
    const list = $(`.facet-${key}`);
    const active = st[key];
    const seen = new Set(values.map((v) => v.value));
    // Active values the index did not return (no match left) stay visible, to be removed.
    const all = [...values, ...active.filter((v) => !seen.has(v)).map((v) => ({ value: v, count: 0 }))];
    if (!all.length) {
      list.replaceChildren(el('li', { class: 'none' }, 'None'));
      return;
    }
    const max = Math.max(...all.map((v) => v.count));
    list.replaceChildren(...all.map((v) => el('li', null, facetLink(
      stateURL(withChange(st, { [key]: toggled(active, v.value) })), active.includes(v.value),
      v.value, v.count, max, nouns(quotes), { 'data-value': v.value }))));
    keepInView(list);
  }

  // keepInView scrolls a facet list, when it scrolls, so that the value last clicked in it or
  // else its last selected value shows.
  function keepInView(list) {
    if (list.scrollHeight <= list.clientHeight) return;
    const on = [...list.querySelectorAll('a.active')];
    const clicked = on.find((a) => (a.dataset.value || a.dataset.from) === lastFacetClick);
    const target = clicked || on[on.length - 1];
    if (!target) return;
    const top = target.getBoundingClientRect().top - list.getBoundingClientRect().top + list.scrollTop;
    if (top < list.scrollTop) list.scrollTop = top;
    else if (top + target.offsetHeight > list.scrollTop + list.clientHeight) list.scrollTop = top + target.offsetHeight - list.clientHeight;
  }

  // lastFacetClick is the value of the facet link last clicked.
  let lastFacetClick = '';

  // renderDateFacet lists the date buckets newest first.
  function renderDateFacet(st, buckets, quotes) {
    const list = $('.facet-date');
    const shown = buckets.filter((b) => b.count > 0).reverse();
    const max = Math.max(1, ...shown.map((b) => b.count));
    list.replaceChildren(...shown.map((b) => {
      const since = b.from || '';
      const until = b.to ? dayBefore(b.to) : '';
      const on = st.since === since && st.until === until;
      const target = on ? withChange(st, { since: '', until: '' }) : withChange(st, { since, until });
      return el('li', null, facetLink(stateURL(target), on, periodLabel(b.label), b.count, max, nouns(quotes),
        { 'data-from': since, 'data-to': b.to || '' }));
    }));
    keepInView(list);
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

    const fromSearch = new URLSearchParams(lastSearchURL.split('?')[1] || '').get('q');
    $('#article-body').replaceChildren(...bodyNodes(doc.body || '', doc.speakers || [], fromSearch ? lastTerms : []));

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

  // bodyNodes renders a body as paragraphs: split on blank lines, or on indented lines (wire
  // layout), hard-wrapped lines joined. Each located quote is marked and followed by its
  // speaker's name, and the search's terms are marked.
  function bodyNodes(body, speakers, terms) {
    // Quote offsets are in code points; the string is indexed in UTF-16 units.
    const unit = [];
    let u = 0;
    for (const ch of body) {
      unit.push(u);
      u += ch.length;
    }
    unit.push(u);
    const spans = [];
    for (const sp of speakers) {
      for (const q of sp.quotes || []) {
        let a = -1, b = -1;
        if (q.end > q.start && q.end < unit.length) {
          a = unit[q.start];
          b = unit[q.end];
        } else if (q.text) {
          a = body.indexOf(q.text);
          b = a < 0 ? -1 : a + q.text.length;
        }
        if (a >= 0 && b > a && !spans.some((s) => a < s.b && s.a < b)) {
          spans.push({ a, b, who: sp.name || (sp.title ? `unnamed: ${sp.title}` : 'unnamed source'), direct: q.direct });
        }
      }
    }
    spans.sort((x, y) => x.a - y.a);
    const flat = (t) => t.replace(/\s*\n\s*/g, ' ');
    const out = [];
    const sep = /\n\s*\n|\n(?=[ \t]{2,}\S)/g;
    let start = 0;
    const para = (a, b) => {
      const nodes = [];
      let at = a;
      for (const s of spans) {
        if (s.b <= a || s.a >= b) continue;
        const sa = Math.max(s.a, a), sb = Math.min(s.b, b);
        if (sa > at) nodes.push(...markTerms(flat(body.slice(at, sa)), terms));
        nodes.push(el('mark', { class: `quote-mark ${s.direct ? 'direct' : 'reported'}`, 'data-speaker': s.who },
          ...markTerms(flat(body.slice(sa, sb)), terms)),
        el('span', { class: 'quote-by' }, el('span', { class: 'visually-hidden' }, ' (quote by '), s.who, el('span', { class: 'visually-hidden' }, ')')));
        at = sb;
      }
      if (at < b) nodes.push(...markTerms(flat(body.slice(at, b)), terms));
      const text = nodes.map((n) => n.textContent).join('').trim();
      if (text) {
        // Trim the paragraph's outer whitespace in its first and last text nodes.
        const first = nodes[0], last = nodes[nodes.length - 1];
        if (first.nodeType === Node.TEXT_NODE) first.textContent = first.textContent.replace(/^\s+/, '');
        if (last.nodeType === Node.TEXT_NODE) last.textContent = last.textContent.replace(/\s+$/, '');
        out.push(el('p', null, ...nodes));
      }
    };
    for (const m of body.matchAll(sep)) {
      para(start, m.index);
      start = m.index + m[0].length;
    }
    para(start, body.length);
    return out;
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

  // trimRange returns the span of buckets worth drawing: stray matches far before or after the
  // rest (at most 2% of them) are left out of the chart and counted in a note instead.
  function trimRange(buckets) {
    let lo = 0, hi = buckets.length - 1;
    if (buckets.length <= 12) return { lo, hi, left: 0, right: 0 };
    const total = buckets.reduce((n, b) => n + b.count, 0);
    const budget = Math.floor(total * 0.02);
    let left = 0, right = 0;
    while (lo < hi && left + right + buckets[lo].count <= budget) left += buckets[lo++].count;
    while (hi > lo && left + right + buckets[hi].count <= budget) right += buckets[hi--].count;
    return { lo, hi, left, right };
  }

  // niceMax rounds a count up to 1, 2 or 5 times a power of ten, for the y-axis.
  function niceMax(n) {
    if (n <= 1) return 1;
    const p = 10 ** Math.floor(Math.log10(n));
    for (const m of [1, 2, 5, 10]) if (m * p >= n) return m * p;
    return 10 * p;
  }

  // renderTimeline draws buckets ({label, from, to, count}) as an SVG bar chart into box, with
  // labelled axes. With a search state st, a click on a bar narrows the search to its dates, and
  // a drag across bars to their span; from the keyboard the chart is a list box: arrows move
  // between bars, Shift+arrows widen the span, Enter narrows the search to it.
  function renderTimeline(box, timeline, st) {
    const all = (timeline && timeline.buckets) || [];
    if (all.length < 2 && !(all.length === 1 && !st)) {
      // A chart that had the focus hands it to the results it narrowed.
      const hadFocus = box.contains(document.activeElement);
      box.replaceChildren();
      box.hidden = true;
      if (hadFocus) $('#results-heading').focus();
      return;
    }
    box.hidden = false;
    const unit = (timeline && timeline.unit) || 'period';
    const range = trimRange(all);
    const buckets = all.slice(range.lo, range.hi + 1);
    // Drawn at the box's own width, so that the labels keep their size on a phone.
    const W = Math.max(280, Math.round(box.clientWidth || 600)), H = 110, left = 34, bottom = 18, top = 6;
    const plotW = W - left, plotH = H - bottom - top;
    const yMax = niceMax(Math.max(...buckets.map((b) => b.count), 1));
    const bw = plotW / buckets.length;
    const noun = st && st.tab === 'quotes' ? 'quote' : 'article';
    const what = (n) => `${fmt(n)} ${n === 1 ? noun : noun + 's'}`;
    const idBase = box.id + '-bar-';
    const bars = buckets.map((b, i) => {
      const h = Math.max(b.count ? 2 : 0, Math.round(plotH * b.count / yMax));
      const rect = svg('rect', {
        class: 'bar', x: (left + i * bw + bw * 0.1).toFixed(2), y: top + plotH - h, width: Math.max(bw * 0.8, 2).toFixed(2), height: h,
        'data-i': range.lo + i, 'data-from': b.from, 'data-to': b.to, 'data-count': b.count,
      }, svg('title', null, document.createTextNode(`${periodLabel(b.label)}: ${what(b.count)}`)));
      const hit = svg('rect', { class: 'bar-hit', x: (left + i * bw).toFixed(2), y: 0, width: bw.toFixed(2), height: top + plotH, 'data-i': i });
      return svg('g', { class: 'bar-group', 'data-i': i, id: idBase + i, role: st ? 'option' : null, 'aria-selected': st ? 'false' : null, 'aria-label': `${periodLabel(b.label)}: ${what(b.count)}` }, hit, rect);
    });
    // Axis labels: at most about eight along the bottom, and the scale on the left.
    const labelW = Math.max(...buckets.map((b) => periodLabel(b.label).length)) * 6 + 24;
    const every = Math.max(1, Math.ceil(buckets.length / Math.max(2, Math.floor(plotW / labelW))));
    const ticks = [];
    buckets.forEach((b, i) => {
      if (i % every !== 0) return;
      // Kept whole inside the chart (about 6 px a character at 10 px).
      const text = periodLabel(b.label);
      const half = text.length * 3;
      const tx = Math.min(Math.max(left + i * bw + bw / 2, left + half), W - half);
      ticks.push(svg('text', { x: tx.toFixed(2), y: H - 4, class: 'axis x' }, document.createTextNode(text)));
    });
    const yAxis = [
      svg('line', { class: 'gridline', x1: left, x2: W, y1: top, y2: top }),
      svg('line', { class: 'gridline', x1: left, x2: W, y1: top + plotH / 2, y2: top + plotH / 2 }),
      svg('line', { class: 'baseline', x1: left, x2: W, y1: top + plotH, y2: top + plotH }),
      svg('text', { x: left - 4, y: top + 4, class: 'axis y' }, document.createTextNode(fmt(yMax))),
      yMax >= 2 && yMax % 2 === 0 ? svg('text', { x: left - 4, y: top + plotH / 2 + 4, class: 'axis y' }, document.createTextNode(fmt(yMax / 2))) : null,
      svg('text', { x: left - 4, y: top + plotH + 4, class: 'axis y' }, document.createTextNode('0')),
    ];
    const first = periodLabel(buckets[0].label), last = periodLabel(buckets[buckets.length - 1].label);
    const label = `${noun[0].toUpperCase()}${noun.slice(1)}s per ${unit}, ${first} to ${last}`;
    const chart = svg('svg', {
      viewBox: `0 0 ${W} ${H}`, class: 'timeline-chart',
      role: st ? 'listbox' : 'img', 'aria-label': st ? `${label}: arrows pick a ${unit}, Shift+arrows a span, Enter searches it` : label,
      tabindex: st ? '0' : null, 'aria-multiselectable': st ? 'true' : null,
    }, ...(st ? [] : [svg('title', null, document.createTextNode(label))]),
    svg('g', { class: 'axes', 'aria-hidden': 'true' }, ...yAxis, ...ticks), ...bars);
    const notes = [];
    if (range.left) notes.push(`${what(range.left)} before ${first}`);
    if (range.right) notes.push(`${what(range.right)} after ${last}`);
    const note = notes.length ? el('p', { class: 'timeline-note' }, `Not drawn: ${notes.join(' and ')}.`) : null;
    const hadFocus = box.contains(document.activeElement);
    box.replaceChildren(chart, ...(note ? [note] : []));
    if (hadFocus && st) chart.focus(); // after Enter, the keyboard stays on the chart
    box.dataset.unit = unit;
    if (!st) {
      // Outside a search the chart is a picture: its bars hold no controls.
      for (const g of bars) {
        g.removeAttribute('role');
        g.removeAttribute('aria-label');
      }
      return;
    }
    const narrow = (a, b) => {
      const lo = buckets[Math.min(a, b)], hi = buckets[Math.max(a, b)];
      navigate(stateURL(withChange(st, { since: lo.from, until: dayBefore(hi.to) })));
    };
    let start = -1;
    const index = (ev) => {
      const g = ev.target.closest('[data-i]');
      return g ? Number(g.closest('g').dataset.i) : -1;
    };
    chart.addEventListener('pointerdown', (ev) => {
      start = index(ev);
      ev.preventDefault();
    });
    chart.addEventListener('pointerup', (ev) => {
      const end = index(ev);
      if (start < 0 || end < 0) return;
      const s0 = start;
      start = -1;
      narrow(s0, end);
    });
    // Keyboard: the active bar and the anchor of a span.
    let active = -1, anchor = -1;
    const show = () => {
      const a = Math.min(anchor, active), b = Math.max(anchor, active);
      bars.forEach((g, i) => {
        const on = active >= 0 && i >= a && i <= b;
        g.setAttribute('aria-selected', String(on));
        g.classList.toggle('selected', on);
      });
      if (active >= 0) chart.setAttribute('aria-activedescendant', idBase + active);
    };
    chart.addEventListener('focus', () => {
      if (active < 0) {
        active = anchor = Math.max(0, buckets.findLastIndex((b) => b.count > 0));
        show();
      }
    });
    chart.addEventListener('keydown', (ev) => {
      const n = buckets.length;
      let to = active;
      switch (ev.key) {
        case 'ArrowLeft': case 'ArrowDown': to = Math.max(0, active - 1); break;
        case 'ArrowRight': case 'ArrowUp': to = Math.min(n - 1, active + 1); break;
        case 'Home': to = 0; break;
        case 'End': to = n - 1; break;
        case 'Enter': case ' ':
          ev.preventDefault();
          if (active >= 0) narrow(anchor, active);
          return;
        default: return;
      }
      ev.preventDefault();
      active = to;
      if (!ev.shiftKey) anchor = to;
      show();
    });
  }

  // renderMap draws the places the results were filed from on an equirectangular world map:
  // a graticule, land cells from /static/land.json, and one dot per place, the busiest labelled
  // with their counts; a click filters. The map is for the eye and the pointer: the list of
  // places with bars below it is the same filter for the keyboard and screen readers.
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
    const view = mapView(places, W, H);
    // Sizes in map units that come out in pixels at the map's drawn width.
    const px = view.w / Math.max(200, box.clientWidth || 300);
    const maxCount = Math.max(...places.map((p) => p.count), 1);
    const dots = places.map((p) => {
      const on = st.location.includes(p.name);
      const target = withChange(st, { location: toggled(st.location, p.name) });
      return svg('a', { href: stateURL(target), class: on ? 'place active' : 'place', 'data-name': p.name, tabindex: '-1' },
        svg('circle', { cx: x(p.lon), cy: y(p.lat), r: (px * (4 + 8 * Math.sqrt(p.count / maxCount))).toFixed(3), 'stroke-width': (px).toFixed(3) },
          svg('title', null, document.createTextNode(`${p.name}${p.country ? ', ' + p.country : ''}: ${fmt(p.count)}`))));
    });
    // Labels for up to five of the busiest places, on the side with room, none over another.
    const placed = [];
    const labels = [...places].sort((a, b) => b.count - a.count).flatMap((p) => {
      if (placed.length === 5) return [];
      const lx = Number(x(p.lon)), ly = Number(y(p.lat));
      const right = lx < view.x + view.w * 0.6;
      const text = `${p.name} ${fmt(p.count)}`;
      const w = text.length * 6.5 * px, h = 13 * px;
      const left = right ? lx : lx - w - 9 * px;
      if (placed.some((b) => left < b.left + b.w && b.left < left + w + 9 * px && Math.abs(ly - b.y) < h)) return [];
      placed.push({ left, w: w + 9 * px, y: ly });
      return [svg('text', {
        class: 'place-label', x: (right ? lx + 9 * px : lx - 9 * px).toFixed(3), y: (ly + 4 * px).toFixed(3),
        'text-anchor': right ? 'start' : 'end', 'font-size': (11 * px).toFixed(3), 'stroke-width': (3 * px).toFixed(3),
      }, document.createTextNode(text))];
    });
    box.replaceChildren(svg('svg', { viewBox: `${view.x.toFixed(2)} ${view.y.toFixed(2)} ${view.w.toFixed(2)} ${view.h.toFixed(2)}`, class: 'map-chart', 'aria-hidden': 'true' },
      svg('rect', { class: 'sea', x: 0, y: 0, width: W, height: H }), ...cells, ...grid, ...dots, ...labels));
    box.dataset.places = String(places.length);
  }

  // mapView returns the part of the W×H world map to draw: the places with a margin, at least
  // 60° wide, in the map's 2:1 shape, so that a search filed from one region is not a few
  // dots on a thumbnail of the world.
  function mapView(places, W, H) {
    if (!places.length) return { x: 0, y: 0, w: W, h: H };
    const xs = places.map((p) => p.lon + 180), ys = places.map((p) => 90 - p.lat);
    const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
    const w = Math.min(W, Math.max(60, x1 - x0 + 30, 2 * (y1 - y0 + 20)));
    const h = w / 2;
    const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    return {
      x: Math.min(Math.max(0, cx - w / 2), W - w),
      y: Math.min(Math.max(0, cy - h / 2), H - h),
      w, h,
    };
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
      view.classList.add('unknown');
      $('#speaker-summary').textContent = err.status === 404
        ? `No one called “${name}” is quoted in these articles. Check the spelling, or search for the name as words.`
        : `Could not load the speaker: ${err.message}`;
      $('#speaker-summary').append(' ', el('a', { href: stateURL(withChange(readState(''), { q: `"${name}"` })) }, `Search for “${name}”`));
      return;
    }
    if (seq !== requestSeq) return;
    view.classList.remove('unknown');
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

  // Speaker type-ahead above the speaker facet: a combobox. Typing asks for names once the
  // typing pauses; Down and Up move through them, Enter filters on the one picked, Escape closes.
  let suggestSeq = 0;
  let suggestTimer = 0;
  let suggestActive = -1;

  function suggestOptions() {
    return [...$('#speaker-suggest').querySelectorAll('[role=option]')];
  }

  function closeSuggest() {
    const list = $('#speaker-suggest');
    list.hidden = true;
    list.replaceChildren();
    suggestActive = -1;
    const input = $('#speaker-filter');
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }

  function setSuggestActive(i) {
    const opts = suggestOptions();
    suggestActive = opts.length ? (i + opts.length) % opts.length : -1;
    opts.forEach((o, j) => o.setAttribute('aria-selected', String(j === suggestActive)));
    const input = $('#speaker-filter');
    if (suggestActive >= 0) {
      input.setAttribute('aria-activedescendant', opts[suggestActive].id);
      opts[suggestActive].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function pickSpeaker(name) {
    const st = current();
    closeSuggest();
    $('#speaker-filter').value = '';
    navigate(stateURL(withChange(st, { speaker: unique([...st.speaker, name]) })));
  }

  function scheduleSuggest() {
    clearTimeout(suggestTimer);
    suggestTimer = setTimeout(suggestSpeakers, 150);
  }

  async function suggestSpeakers() {
    const prefix = $('#speaker-filter').value.trim();
    const list = $('#speaker-suggest');
    const seq = ++suggestSeq;
    if (!prefix) {
      closeSuggest();
      return;
    }
    // The names and counts are those of the current search (its words and filters but the
    // speakers), as the speaker facet's are; with no search, of the whole index.
    const p = searchParams(current());
    p.delete('speaker');
    const inSearch = p.toString() !== '';
    p.set('size', '8');
    p.set('prefix', prefix);
    let res;
    try {
      res = await getJSON('/api/speakers?' + p.toString());
    } catch {
      return;
    }
    if (seq !== suggestSeq) return;
    const items = (res.speakers || []).map((v, i) => {
      const li = el('li', { id: `speaker-option-${i}`, role: 'option', 'aria-selected': 'false', 'data-value': v.value },
        el('span', { class: 'value' }, v.value),
        el('span', { class: 'count', title: inSearch ? 'Articles of this search quoting them' : 'Articles quoting them in the whole index' },
          inSearch ? fmt(v.count) : `${fmt(v.count)} in all`));
      li.addEventListener('mousedown', (ev) => ev.preventDefault()); // keep the focus in the input
      li.addEventListener('click', () => pickSpeaker(v.value));
      return li;
    });
    list.replaceChildren(...(items.length ? items : [el('li', { class: 'none', role: 'option', 'aria-disabled': 'true', id: 'speaker-option-none' }, 'No speaker')]));
    list.hidden = false;
    suggestActive = -1;
    $('#speaker-filter').setAttribute('aria-expanded', 'true');
  }

  function suggestKeys(ev) {
    const open = !$('#speaker-suggest').hidden;
    switch (ev.key) {
      case 'ArrowDown':
        ev.preventDefault();
        if (!open) {
          suggestSpeakers();
          return;
        }
        setSuggestActive(suggestActive + 1);
        break;
      case 'ArrowUp':
        if (!open) return;
        ev.preventDefault();
        setSuggestActive(suggestActive - 1);
        break;
      case 'Enter': {
        if (!open) return;
        ev.preventDefault();
        const opts = suggestOptions().filter((o) => o.dataset.value);
        const pick = suggestActive >= 0 ? suggestOptions()[suggestActive] : opts.length === 1 ? opts[0] : null;
        if (pick && pick.dataset.value) pickSpeaker(pick.dataset.value);
        break;
      }
      case 'Escape':
        if (open) {
          ev.preventDefault();
          closeSuggest();
        }
        break;
      default:
    }
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
        const v = $('#' + id).value.trim();
        if (v && !/^\d{4}-\d{2}-\d{2}$/.test(v)) {
          $('#' + id).setAttribute('aria-invalid', 'true');
          return;
        }
        $('#' + id).removeAttribute('aria-invalid');
        navigate(stateURL(withChange(current(), { [id]: v })));
      });
    }
    // Same-page links (results, facets, chips, pager, speakers) navigate without reloading.
    document.addEventListener('click', (ev) => {
      if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
      const a = ev.target.closest('a[href]');
      if (!a || a.getAttribute('target') || a.getAttribute('href').startsWith('#')) return;
      // SVG links (the map) have no origin or pathname of their own: parse the href.
      const u = new URL(a.getAttribute('href'), location.href);
      if (u.origin !== location.origin) return;
      if (u.pathname !== '/' && !u.pathname.startsWith('/articles/') && !u.pathname.startsWith('/speakers/')) return;
      ev.preventDefault();
      if (a.closest('.pager')) scrollToResults = true;
      if (a.closest('.facet')) lastFacetClick = a.dataset.value || a.dataset.from || '';
      navigate(u.pathname + u.search);
      if (u.pathname !== '/') window.scrollTo(0, 0);
    });
    $('#collapse').addEventListener('change', () => {
      navigate(stateURL(withChange(current(), { collapse: $('#collapse').checked ? 'story' : 'none' })));
    });
    $('#speaker-filter').addEventListener('input', scheduleSuggest);
    $('#speaker-filter').addEventListener('keydown', suggestKeys);
    $('#speaker-filter').addEventListener('blur', () => setTimeout(closeSuggest, 150));

    // Narrow screens: the filters open over the results from the "Filters (n)" button.
    const openFilters = (open) => {
      $('#filters').classList.toggle('open', open);
      $('#filters-toggle').setAttribute('aria-expanded', String(open));
      document.body.classList.toggle('filters-open', open);
      if (open) $('#filters-done').focus();
    };
    $('#filters-toggle').addEventListener('click', () => openFilters(!$('#filters').classList.contains('open')));
    $('#filters-done').addEventListener('click', () => {
      openFilters(false);
      $('#filters-toggle').focus();
    });
    document.addEventListener('keydown', (ev) => {
      if (ev.defaultPrevented) return; // handled by a field (the type-ahead's Escape)
      if (ev.key === 'Escape' && $('#filters').classList.contains('open')) {
        openFilters(false);
        $('#filters-toggle').focus();
        return;
      }
      // "/" goes to the search box from anywhere but a field.
      if (ev.key === '/' && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
        const t = ev.target;
        if (t.closest && t.closest('input, textarea, select, [contenteditable]')) return;
        if ($('#filters').classList.contains('open')) return; // the search box is under the filters
        ev.preventDefault();
        $('#q').focus();
        $('#q').select();
      }
    });
    window.addEventListener('popstate', route);
    route();
  }

  init();
})();
