package web

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/searchd/searchd/internal/index"
	"github.com/searchd/searchd/internal/news"
)

// These browser tests keep the reader-facing fixes of issue 14 fixed: the phone layout, paging,
// quoted names as links, the malformed-query message and the smaller things a reader notices.
// The accessibility and keyboard checks are in a11y_browser_test.go.

// phone is the viewport of a common phone.
const phoneW, phoneH = 390, 844

// screen is a viewport the browser tests look at the UI in.
type screen struct {
	name   string
	w, h   int64
	mobile bool
}

// deskAndPhone are the screens of issue 14: a laptop and a phone.
var deskAndPhone = []screen{{"desk", 1366, 900, false}, {"phone", phoneW, phoneH, true}}

// setViewport sets the browser's viewport; mobile emulates a touch phone.
func setViewport(t *testing.T, ctx context.Context, w, h int64, mobile bool) {
	t.Helper()
	var opts []chromedp.EmulateViewportOption
	if mobile {
		opts = append(opts, chromedp.EmulateMobile)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, h, opts...)); err != nil {
		t.Fatalf("viewport %dx%d: %v", w, h, err)
	}
}

// open navigates to path on srv and waits until cond holds.
func open(t *testing.T, ctx context.Context, base, path, cond string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(base+path)); err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	waitFor(t, ctx, path, cond)
}

// firstResultTop is the y of the first result's top edge, relative to the top of the page.
const firstResultTop = `(() => { const h = document.querySelector('#results > li'); return h ? h.getBoundingClientRect().top + window.scrollY : -1; })()`

func TestBrowserPhoneResultsFirst(t *testing.T) {
	ctx, srv := newBrowserServer(t)
	setViewport(t, ctx, phoneW, phoneH, true)
	const speaker = "James Whitlow"
	open(t, ctx, srv.URL, "/?q=ferry&speaker="+url.QueryEscape(speaker), searchDone+` && document.querySelectorAll('#results .hit').length > 0`)
	screenshot(t, ctx, "phone-results")

	y := eval[float64](t, ctx, firstResultTop)
	t.Logf("first result's top at %.0f px on a %dx%d screen", y, phoneW, phoneH)
	if y < 0 || y > phoneH/2 {
		t.Errorf("first result's top: got y=%.0f, want it in the top half of the %d px screen", y, phoneH)
	}
	if eval[bool](t, ctx, `document.querySelector('#filters').offsetParent !== null`) {
		t.Errorf("filters are shown before the results on a phone, want them behind the Filters button")
	}
	if got := eval[string](t, ctx, `document.querySelector('#filters-toggle').textContent`); got != "Filters (1)" {
		t.Errorf("filters button: got %q, want \"Filters (1)\"", got)
	}

	// The button opens the filters over the results; Escape closes them and gives the focus back.
	if err := chromedp.Do(ctx, chromedp.Click("#filters-toggle")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the open filters", `getComputedStyle(document.querySelector('#filters')).display !== 'none'`)
	screenshot(t, ctx, "phone-filters")
	type panel struct {
		Expanded string  `json:"expanded"`
		Focus    string  `json:"focus"`
		Width    float64 `json:"width"`
		Speakers int     `json:"speakers"`
	}
	p := eval[panel](t, ctx, `({expanded: document.querySelector('#filters-toggle').getAttribute('aria-expanded'),
		focus: document.activeElement.id, width: document.querySelector('#filters').getBoundingClientRect().width,
		speakers: document.querySelectorAll('.facet-speaker a').length})`)
	if p.Expanded != "true" || p.Focus != "filters-done" || p.Width < phoneW-1 || p.Speakers == 0 {
		t.Errorf("open filters: got %+v, want aria-expanded=true, focus on filters-done, full width and speakers listed", p)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the closed filters", `getComputedStyle(document.querySelector('#filters')).display === 'none' && document.activeElement.id === 'filters-toggle'`)

	// On a desk the filters stand beside the results and the button is gone.
	setViewport(t, ctx, 1366, 900, false)
	waitFor(t, ctx, "the desktop layout", `document.querySelector('#filters').offsetParent !== null && document.querySelector('#filters-toggle').offsetParent === null`)
	rects := eval[[]float64](t, ctx, `[document.querySelector('#filters').getBoundingClientRect().right, document.querySelector('#results').getBoundingClientRect().left]`)
	if rects[0] > rects[1] {
		t.Errorf("desktop: filters end at x=%.0f, after the results start at x=%.0f; want them on the left", rects[0], rects[1])
	}
}

// pagingIndex returns an index of n invented council bulletins, one a day.
func pagingIndex(t *testing.T, n int) *index.Index {
	t.Helper()
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	docs := make([]news.Document, n)
	for i := range docs {
		day := start.AddDate(0, 0, i)
		docs[i] = news.Document{
			ID: fmt.Sprintf("bulletin/%03d", i+1), Title: fmt.Sprintf("Council bulletin number %d", i+1), Date: &day,
			Source: "Town Hall Notes",
			Body:   fmt.Sprintf("Bulletin %d of the parish council lists the road repairs, bin days and library hours for the week.", i+1),
		}
	}
	return newIndexOf(t, docs)
}

func TestBrowserPaging(t *testing.T) {
	const n = 45
	ctx, srv := newBrowserServerOver(t, pagingIndex(t, n))
	setViewport(t, ctx, 1366, 900, false)
	open(t, ctx, srv.URL, "/?q=bulletin&sort=-date&collapse=none", searchDone+` && document.querySelectorAll('#results .hit').length === 20`)
	if got := eval[string](t, ctx, `document.querySelector('#summary').textContent + ' | ' + document.querySelector('#page').textContent`); !strings.HasPrefix(got, "1–20 of 45 articles") || !strings.HasSuffix(got, "| Page 1 of 3") {
		t.Errorf("page 1 summary: got %q, want 1–20 of 45 articles and Page 1 of 3", got)
	}

	type pageView struct {
		Search  string  `json:"search"`
		Summary string  `json:"summary"`
		First   string  `json:"first"`
		ScrollY float64 `json:"scrollY"`
		Top     float64 `json:"top"` // the results column's top in the viewport
		Focus   string  `json:"focus"`
	}
	const readPage = `({search: location.search, summary: document.querySelector('#summary').textContent,
		first: document.querySelector('#results .hit').dataset.id, scrollY: window.scrollY,
		top: document.querySelector('.results-col').getBoundingClientRect().top, focus: document.activeElement.id})`
	steps := []struct {
		click, page, summary, first string
	}{
		{"#next", "2", "21–40 of 45", "bulletin/025"},
		{"#next", "3", "41–45 of 45", "bulletin/005"},
		{"#prev", "2", "21–40 of 45", "bulletin/025"},
	}
	for _, s := range steps {
		// Scroll to the pager at the bottom, as a reader does, and click.
		if err := chromedp.Do(ctx, chromedp.Click(s.click)); err != nil {
			t.Fatalf("click %s: %v", s.click, err)
		}
		waitFor(t, ctx, "page "+s.page, `new URLSearchParams(location.search).get('page') === '`+s.page+`' && `+searchDone+
			` && document.querySelector('#summary').textContent.startsWith('`+s.summary+`')`)
		got := eval[pageView](t, ctx, readPage)
		if got.First != s.first {
			t.Errorf("page %s: first hit %s, want %s", s.page, got.First, s.first)
		}
		if got.Top < -1 || got.Top > 50 {
			t.Errorf("page %s: results column top at %.0f px in the viewport (scrollY %.0f), want it at the top", s.page, got.Top, got.ScrollY)
		}
		if got.Focus != "results-heading" {
			t.Errorf("page %s: focus on %q, want the results heading", s.page, got.Focus)
		}
		q, _ := url.ParseQuery(strings.TrimPrefix(got.Search, "?"))
		if len(q["after"]) != 1 || len(got.Search) > 120 {
			t.Errorf("page %s: URL query %q (%d chars), want one cursor and at most 120 chars", s.page, got.Search, len(got.Search))
		}
	}

	// The URL of a page loads that page by itself.
	loc := eval[string](t, ctx, `location.pathname + location.search`)
	open(t, ctx, srv.URL, loc, searchDone+` && document.querySelectorAll('#results .hit').length > 0`)
	if got := eval[pageView](t, ctx, readPage); !strings.HasPrefix(got.Summary, "21–40 of 45") || got.First != "bulletin/025" {
		t.Errorf("reload of %s: got %+v, want page 2", loc, got)
	}
}

func TestBrowserQuotedNamesAreLinks(t *testing.T) {
	ctx, srv := newBrowserServer(t)
	docs := fixtureDocs()
	open(t, ctx, srv.URL, "/?q=ferry", searchDone+` && document.querySelectorAll('#results .hit').length > 0`)
	const name = "Claire Dubois"
	sel := `#results .hit a.speaker[data-name="` + name + `"]`
	page := eval[string](t, ctx, `document.querySelector('`+sel+`').parentNode.querySelector('a.speaker-page-link[href="/speakers/`+url.PathEscape(name)+`"]') ? 'yes' : 'no'`)
	if page != "yes" {
		t.Errorf("no speaker-page link beside %s", name)
	}
	if err := chromedp.Do(ctx, chromedp.Click(sel)); err != nil {
		t.Fatalf("click %s: %v", sel, err)
	}
	st := readSearchPage(t, ctx, `new URLSearchParams(location.search).get('speaker') === '`+name+`'`)
	q, _ := url.ParseQuery(strings.TrimPrefix(st.Search, "?"))
	if q.Get("q") != "ferry" {
		t.Errorf("after the click: URL %s, want the words kept", st.Search)
	}
	want := matchingDocs(docs, "ferry", name)
	if len(st.Hits) != len(want) || len(want) == 0 {
		t.Errorf("after the click on %s: got %d hits, want %d", name, len(st.Hits), len(want))
	}

	// The small link beside the name opens the speaker's page.
	if err := chromedp.Do(ctx, chromedp.Click(`#results .hit a.speaker-page-link[href="/speakers/`+url.PathEscape(name)+`"]`)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the speaker page", `location.pathname === '/speakers/`+url.PathEscape(name)+`' && !document.querySelector('#speaker-view').hasAttribute('aria-busy')`)
	if got := eval[string](t, ctx, `document.querySelector('#speaker-name').textContent`); got != name {
		t.Errorf("speaker page: got %q, want %s", got, name)
	}
}

func TestBrowserMalformedQuery(t *testing.T) {
	ctx, srv, console := newBrowserServerWatch(t, nil)
	console.expectFailedRequests() // the 400 answers to the malformed queries
	type view struct {
		Message string `json:"message"`
		Repair  string `json:"repair"`
		Href    string `json:"href"`
		Facets  int    `json:"facets"`
		Hits    int    `json:"hits"`
	}
	const read = `({message: document.querySelector('#message').hidden ? '' : document.querySelector('#message').textContent,
		repair: (document.querySelector('#repair-link') || {}).textContent || '',
		href: (document.querySelector('#repair-link') || {getAttribute: () => ''}).getAttribute('href'),
		facets: document.querySelectorAll('.facet-speaker a, .facet-source a').length,
		hits: document.querySelectorAll('#results .hit').length})`
	cases := []struct {
		q, why, words string
	}{
		{`"ferry`, "quotation mark", "ferry"},
		{`ferry -`, "+ or -", "ferry"},
		{`:ferry`, "colon", "ferry"},
	}
	for _, c := range cases {
		open(t, ctx, srv.URL, "/?q="+url.QueryEscape(c.q), searchDone+` && !document.querySelector('#message').hidden`)
		screenshot(t, ctx, "malformed")
		got := eval[view](t, ctx, read)
		if !strings.Contains(got.Message, c.why) || strings.Contains(got.Message, "cannot parse") || strings.Contains(got.Message, "syntax") {
			t.Errorf("q=%s: message %q, want plain words about the %s and no parser text", c.q, got.Message, c.why)
		}
		if got.Repair != "Search for the words "+c.words {
			t.Errorf("q=%s: repair link %q, want \"Search for the words %s\"", c.q, got.Repair, c.words)
		}
		if got.Facets == 0 || got.Hits == 0 {
			t.Errorf("q=%s: %d facet values and %d hits, want the facets and results of the words", c.q, got.Facets, got.Hits)
		}
	}

	// The offered query is a search of the words.
	if err := chromedp.Do(ctx, chromedp.Click("#repair-link")); err != nil {
		t.Fatal(err)
	}
	st := readSearchPage(t, ctx, `new URLSearchParams(location.search).get('q') === 'ferry' && document.querySelector('#message').hidden`)
	if len(st.Hits) == 0 {
		t.Errorf("repaired search: got no hit")
	}
}

func TestBrowserSmallerThings(t *testing.T) {
	ctx, srv, console := newBrowserServerWatch(t, nil)
	setViewport(t, ctx, 1366, 900, false)

	// The home page lists the newest first, and the sort box says so.
	open(t, ctx, srv.URL, "/", searchDone)
	if got := eval[string](t, ctx, `document.querySelector('#sort').selectedOptions[0].textContent`); got != "Newest first" {
		t.Errorf("home page sort box: got %q, want Newest first", got)
	}

	// One date format: chips use the results' "4 Mar 2024".
	open(t, ctx, srv.URL, "/?since=2024-01-01&until=2024-02-29", searchDone)
	chips := eval[[]string](t, ctx, `[...document.querySelectorAll('#chips .chip')].map((c) => c.firstChild.textContent)`)
	if !slices.Equal(chips, []string{"From 1 Jan 2024", "To 29 Feb 2024"}) {
		t.Errorf("date chips: got %q, want From 1 Jan 2024 and To 29 Feb 2024", chips)
	}

	// Periods in the date list and on the timeline are written the same way.
	labels := eval[[]string](t, ctx, `[...document.querySelectorAll('.facet-date .value, #timeline text.axis.x')].map((e) => e.textContent)`)
	for _, l := range labels {
		if strings.Contains(l, "-") || strings.Contains(l, "/") {
			t.Errorf("period label %q, want the form 4 Mar 2024, Mar 2024 or 2024", l)
		}
	}
	if len(labels) == 0 {
		t.Errorf("no period labels in the date list or on the timeline")
	}

	// Facet values read as "name, count articles", not "name12".
	open(t, ctx, srv.URL, "/?q=ferry", searchDone)
	label := eval[string](t, ctx, `document.querySelector('.facet-speaker a[data-value="James Whitlow"]').textContent`)
	if label != "James Whitlow, 2 articles" {
		t.Errorf("facet text: got %q, want \"James Whitlow, 2 articles\"", label)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('[aria-pressed]').length`); n != 0 {
		t.Errorf("got %d elements with aria-pressed, want none (not allowed on links)", n)
	}

	// The date list is newest first, so that recent years are not hidden below its scroll.
	from := eval[[]string](t, ctx, `[...document.querySelectorAll('.facet-date a')].map((a) => a.dataset.from)`)
	if !slices.IsSortedFunc(from, func(a, b string) int { return strings.Compare(b, a) }) {
		t.Errorf("date facet: got %v, want newest first", from)
	}

	// An unknown speaker gets a sentence, not an empty page skeleton.
	console.expectFailedRequests() // the 404 of the unknown speaker
	open(t, ctx, srv.URL, "/speakers/Nobody%20Here", `!document.querySelector('#speaker-view').hasAttribute('aria-busy')`)
	type unknown struct {
		Summary string `json:"summary"`
		Layout  bool   `json:"layout"`
	}
	u := eval[unknown](t, ctx, `({summary: document.querySelector('#speaker-summary').textContent,
		layout: document.querySelector('#speaker-view .speaker-layout').offsetParent !== null})`)
	if !strings.Contains(u.Summary, "No one called “Nobody Here”") || u.Layout {
		t.Errorf("unknown speaker: got %+v, want a sentence and no empty sections", u)
	}

	// The type-ahead asks once the typing pauses, not once a keystroke.
	open(t, ctx, srv.URL, "/", searchDone)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
		window.__asked = 0;
		const f = window.fetch;
		window.fetch = (u, o) => { if (String(u).startsWith('/api/speakers?')) window.__asked++; return f(u, o); };
		return true;
	})()`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys("#speaker-filter", "whitlow")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "suggestions", `document.querySelectorAll('#speaker-suggest [data-value]').length > 0`)
	if n := eval[int](t, ctx, `window.__asked`); n > 2 {
		t.Errorf("type-ahead: %d requests for 7 keystrokes, want at most 2", n)
	}
}

func TestBrowserTimelineAxesAndRange(t *testing.T) {
	// Sixty bulletins, one a month from 2020, and one stray from 1990: the server draws years
	// from 1990, and the chart should start where the matches are.
	var docs []news.Document
	for i := range 60 {
		day := time.Date(2020, time.Month(1+i%12), 10, 0, 0, 0, 0, time.UTC).AddDate(i/12, 0, 0)
		docs = append(docs, news.Document{ID: fmt.Sprintf("monthly/%02d", i), Title: fmt.Sprintf("Monthly harbour report %d", i+1), Date: &day,
			Body: fmt.Sprintf("Harbour report %d: tonnage, berths and tides of the month.", i+1)})
	}
	old := time.Date(1990, 6, 1, 0, 0, 0, 0, time.UTC)
	docs = append(docs, news.Document{ID: "archive/1990", Title: "Harbour report from the archive", Date: &old,
		Body: "An archived harbour report of 1990."})
	ctx, srv := newBrowserServerOver(t, newIndexOf(t, docs))
	setViewport(t, ctx, 1366, 900, false)
	open(t, ctx, srv.URL, "/?q=harbour&collapse=none", searchDone+` && document.querySelectorAll('#timeline rect.bar').length > 0`)
	screenshot(t, ctx, "timeline-range")
	type chart struct {
		Bars  []string `json:"bars"`
		X     []string `json:"x"`
		Y     []string `json:"y"`
		Note  string   `json:"note"`
		Label string   `json:"label"`
	}
	c := eval[chart](t, ctx, `({bars: [...document.querySelectorAll('#timeline rect.bar')].map((r) => r.dataset.from),
		x: [...document.querySelectorAll('#timeline text.axis.x')].map((e) => e.textContent),
		y: [...document.querySelectorAll('#timeline text.axis.y')].map((e) => e.textContent),
		note: (document.querySelector('#timeline .timeline-note') || {}).textContent || '',
		label: document.querySelector('#timeline svg').getAttribute('aria-label')})`)
	if len(c.Bars) != 5 || !strings.HasPrefix(c.Bars[0], "2020") {
		t.Errorf("bars from %v, want the five years 2020-2024", c.Bars)
	}
	if !slices.Equal(c.X, []string{"2020", "2021", "2022", "2023", "2024"}) {
		t.Errorf("x-axis labels %v, want 2020 to 2024", c.X)
	}
	if !slices.Equal(c.Y, []string{"20", "10", "0"}) {
		t.Errorf("y-axis labels %v, want 20, 10, 0 for bars of 12", c.Y)
	}
	if c.Note != "Not drawn: 1 article before 2020." {
		t.Errorf("note %q, want the stray article counted", c.Note)
	}
	if !strings.HasPrefix(c.Label, "Articles per year, 2020 to 2024") {
		t.Errorf("chart label %q, want it to name the unit and the span", c.Label)
	}
}

func TestBrowserHighlights(t *testing.T) {
	ctx, srv := newBrowserServer(t)
	setViewport(t, ctx, 1366, 900, false)
	open(t, ctx, srv.URL, "/?q=ferry", searchDone+` && document.querySelectorAll('#results .hit').length > 0`)

	// Titles are marked like snippets, and a word the snippet repeats is marked each time.
	titles := eval[[]string](t, ctx, `[...document.querySelectorAll('#results .hit a.title mark')].map((m) => m.textContent)`)
	if len(titles) == 0 {
		t.Errorf("no word marked in the titles of q=ferry")
	}
	plain := eval[[]string](t, ctx, `[...document.querySelectorAll('#results .hit .snippet')].flatMap((p) =>
		[...p.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE && /(^|[^a-z])ferry([^a-z]|$)/i.test(n.textContent)).map((n) => n.textContent))`)
	if len(plain) != 0 {
		t.Errorf("snippets leave ferry unmarked in %q", plain)
	}

	// The article opened from the results marks the search's words and each quote, with its speaker.
	if err := chromedp.Do(ctx, chromedp.Click(`#results .hit[data-id="reuters21578/1"] a.title`)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the article", `location.pathname === '/articles/reuters21578/1' && document.querySelectorAll('#article-body p').length > 0`)
	screenshot(t, ctx, "article-marks")
	type marks struct {
		Terms  []string `json:"terms"`
		Quotes []string `json:"quotes"`
		By     []string `json:"by"`
	}
	m := eval[marks](t, ctx, `({terms: [...document.querySelectorAll('#article-body mark:not(.quote-mark)')].map((m) => m.textContent),
		quotes: [...document.querySelectorAll('#article-body mark.quote-mark')].map((m) => m.dataset.speaker + ': ' + m.textContent),
		by: [...document.querySelectorAll('#article-body .quote-by')].map((m) => m.textContent)})`)
	if len(m.Terms) == 0 || !strings.EqualFold(m.Terms[0], "ferry") {
		t.Errorf("article terms marked: %q, want ferry", m.Terms)
	}
	doc := fixtureDocs()[1]
	var want []string
	for _, sp := range doc.Speakers {
		for _, q := range sp.Quotes {
			want = append(want, sp.Name+": "+q.Text)
		}
	}
	if !slices.Equal(m.Quotes, want) {
		t.Errorf("article quotes marked: %q, want %q", m.Quotes, want)
	}
	if len(m.By) != len(want) || !strings.Contains(m.By[0], "James Whitlow") {
		t.Errorf("quote labels %q, want each quote followed by its speaker", m.By)
	}
}

func TestBrowserQuotesTab(t *testing.T) {
	// A wire copy repeats Whitlow's quote: the Quotes tab shows it once, with the other article.
	ctx, srv := newBrowserServerOver(t, wireCopyIndexAPI(t))
	setViewport(t, ctx, 1366, 900, false)
	open(t, ctx, srv.URL, "/?tab=quotes&speaker="+url.QueryEscape("James Whitlow"), searchDone+` && document.querySelectorAll('#results .quote-hit').length > 0`)
	screenshot(t, ctx, "quotes-grouped")
	type quoteView struct {
		Text    string `json:"text"`
		Repeats string `json:"repeats"`
		Also    int    `json:"also"`
	}
	qs := eval[[]quoteView](t, ctx, `[...document.querySelectorAll('#results .quote-hit')].map((q) => ({text: q.querySelector('blockquote').textContent,
		repeats: q.dataset.repeats, also: q.querySelectorAll('.quote-also a').length}))`)
	seen := map[string]bool{}
	grouped := false
	for _, q := range qs {
		if seen[q.Text] {
			t.Errorf("quote %q shown twice", q.Text)
		}
		seen[q.Text] = true
		if q.Text == "We cannot run empty ships through January" {
			grouped = q.Repeats == "1" && q.Also == 1
		}
	}
	if !grouped {
		t.Errorf("quotes %+v: want the wire copy's repeat folded into one with a link to the other article", qs)
	}

	// The year list of the Quotes tab comes from their dates.
	years := eval[[]string](t, ctx, `[...document.querySelectorAll('.facet-date a')].map((a) => a.dataset.from)`)
	if !slices.Equal(years, []string{"2024-01-01"}) {
		t.Errorf("quotes year list %v, want 2024", years)
	}

	// Places and sources stay on the Quotes tab (with the quotes' counts), and filter it.
	sources := eval[[]string](t, ctx, `[...document.querySelectorAll('.facet-source a')].map((a) => a.dataset.value)`)
	if !slices.Contains(sources, "Wire Service") || eval[int](t, ctx, `document.querySelectorAll('.facet-location a').length`) == 0 {
		t.Fatalf("quotes tab: sources %v and no place listed, want both panels filled", sources)
	}
	shown := eval[string](t, ctx, `document.querySelector('.facet-source a[data-value="Wire Service"] .count').textContent`)
	if err := chromedp.Do(ctx, chromedp.Click(`.facet-source a[data-value="Wire Service"]`)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the source filter", `new URLSearchParams(location.search).get('source') === 'Wire Service' && new URLSearchParams(location.search).get('tab') === 'quotes' && `+searchDone)
	if total := eval[string](t, ctx, `document.querySelector('#summary').dataset.total`); total != shown {
		t.Errorf("quotes tab: Wire Service counted %s, but filtering on it gives %s quotes", shown, total)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('#results .quote-hit').length`); n != 2 {
		t.Errorf("quotes by James Whitlow in Wire Service articles: got %d, want 2", n)
	}
}

func TestBrowserFacetStateWhileLoading(t *testing.T) {
	// Twenty-five hearings all quote Ada Anchor, and the nth also quotes the fillers 0 to n: with
	// Ada and a rare filler chosen (an OR), the filler sits at the bottom of a list taller than
	// its panel, and is scrolled into view.
	var docs []news.Document
	day := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	quote := []news.Quote{{Text: "a word", Direct: true}}
	for j := range 25 {
		sp := []news.Speaker{{Name: "Ada Anchor", Kind: news.KindPerson, Quotes: quote}}
		for i := 0; i <= j; i++ {
			sp = append(sp, news.Speaker{Name: fmt.Sprintf("Filler Number%02d", 24-i), Kind: news.KindPerson, Quotes: quote})
		}
		docs = append(docs, news.Document{ID: fmt.Sprintf("hearing/%02d", j), Title: fmt.Sprintf("Hearing %d", j), Date: &day,
			Body: fmt.Sprintf("Ada Anchor spoke at hearing %d.", j), Speakers: sp})
	}
	ctx, srv := newBrowserServerOver(t, newIndexOf(t, docs))
	setViewport(t, ctx, 1366, 900, false)
	const rare = "Filler Number06" // in 7 hearings: the 20th value listed
	open(t, ctx, srv.URL, "/?speaker=Ada+Anchor&speaker="+url.QueryEscape(rare), searchDone)
	type list struct {
		Values  int     `json:"values"`
		Scroll  float64 `json:"scroll"`
		Visible bool    `json:"visible"`
	}
	l := eval[list](t, ctx, `(() => { const ul = document.querySelector('.facet-speaker'), a = ul.querySelector('a[data-value="`+rare+`"]');
		const r = a.getBoundingClientRect(), u = ul.getBoundingClientRect();
		return {values: ul.querySelectorAll('a').length, scroll: ul.scrollTop, visible: r.top >= u.top - 1 && r.bottom <= u.bottom + 1}; })()`)
	if l.Scroll == 0 || !l.Visible {
		t.Errorf("speaker list of %d values: scrollTop %.0f, %s visible %v; want it scrolled into view", l.Values, l.Scroll, rare, l.Visible)
	}

	// While a search loads, its old counts cannot be clicked and the view says it is busy.
	eval[bool](t, ctx, `(() => { const f = window.fetch; window.fetch = (u, o) => String(u).startsWith('/api/search')
		? new Promise((ok) => setTimeout(() => ok(f(u, o)), 1500)) : f(u, o); return true; })()`)
	if err := chromedp.Do(ctx, chromedp.Click(`.facet-speaker a[data-value="Filler Number24"]`)); err != nil {
		t.Fatal(err)
	}
	busy := eval[[]string](t, ctx, `[document.querySelector('#search-view').getAttribute('aria-busy'),
		getComputedStyle(document.querySelector('.facet-speaker a')).pointerEvents]`)
	if busy[0] != "true" || busy[1] != "none" {
		t.Errorf("while loading: aria-busy %q, facet pointer-events %q; want true and none", busy[0], busy[1])
	}
	waitFor(t, ctx, "the search", searchDone)
}

// TestBrowserTitleMarkedByServer checks that a result's title marks the search's words as the
// server found them (title_html), also when the snippet holds none of them.
func TestBrowserTitleMarkedByServer(t *testing.T) {
	ctx, srv := newBrowserServer(t)
	setViewport(t, ctx, 1366, 900, false)
	open(t, ctx, srv.URL, "/?q=orchard", searchDone+` && document.querySelectorAll('#results .hit').length > 0`)
	marks := eval[[]string](t, ctx, `[...document.querySelectorAll('#results .hit a.title mark')].map((m) => m.textContent)`)
	if !slices.Equal(marks, []string{"Orchard"}) {
		t.Errorf("title marks for q=orchard: got %q, want [Orchard]", marks)
	}
}

// TestBrowserTypeAheadCountsOfSearch checks that the speaker type-ahead shows, beside a name,
// the number of the search's articles quoting them, the count of the speaker facet, not the
// whole index's.
func TestBrowserTypeAheadCountsOfSearch(t *testing.T) {
	ctx, srv := newBrowserServer(t)
	setViewport(t, ctx, 1366, 900, false)
	docs := fixtureDocs()
	const name = "Maria Okafor"
	inSearch := len(matchingDocs(docs, "ferry", name))
	if all := len(docsWithSpeaker(docs, name)); all == inSearch {
		t.Fatalf("fixtures: %s is quoted in %d articles, all of them about ferries: the test cannot tell the counts apart", name, all)
	}
	open(t, ctx, srv.URL, "/?q=ferry", searchDone+` && document.querySelectorAll('#results .hit').length > 0`)
	if err := chromedp.Do(ctx, chromedp.SendKeys("#speaker-filter", "oka")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "suggestions", `document.querySelectorAll('#speaker-suggest [role=option][data-value]').length > 0`)
	got := eval[string](t, ctx, `document.querySelector('#speaker-suggest [data-value="`+name+`"] .count').textContent`)
	if got != fmt.Sprint(inSearch) {
		t.Errorf("type-ahead count of %s on q=ferry: got %q, want %d (the search's), not the whole index's", name, got, inSearch)
	}
}

// TestBrowserShowsWarning checks that the page says what the server did not use of a search:
// a filter value that matches no article (typed into the URL), and a query of stop words.
func TestBrowserShowsWarning(t *testing.T) {
	ctx, srv := newBrowserServer(t)
	setViewport(t, ctx, 1366, 900, false)
	for _, tt := range []struct{ path, want string }{
		{"/?speaker=" + url.QueryEscape("Nobody Here"), `No article has speaker "Nobody Here"`},
		{"/?q=the", "Every word of the query is a stop word"},
	} {
		open(t, ctx, srv.URL, tt.path, searchDone)
		got := eval[string](t, ctx, `(() => { const m = document.querySelector('#message'); return m.hidden ? '' : m.textContent; })()`)
		if !strings.Contains(got, tt.want) {
			t.Errorf("%s: got message %q, want one with %q", tt.path, got, tt.want)
		}
	}
	open(t, ctx, srv.URL, "/?q=ferry", searchDone+` && document.querySelectorAll('#results .hit').length > 0`)
	if eval[bool](t, ctx, `!document.querySelector('#message').hidden`) {
		t.Errorf("q=ferry: a message is shown, want none")
	}
}
