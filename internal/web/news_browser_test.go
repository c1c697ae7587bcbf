package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/searchd/searchd/internal/index"
)

// newBrowserServer starts the server over the fixtures and a browser; it skips in -short mode.
func newBrowserServer(t *testing.T) (context.Context, *httptest.Server) {
	t.Helper()
	return newBrowserServerOver(t, nil)
}

// newBrowserServerOver is newBrowserServer over store (nil: the fixtures).
func newBrowserServerOver(t *testing.T, store Store) (context.Context, *httptest.Server) {
	t.Helper()
	ctx, srv, _ := newBrowserServerWatch(t, store)
	return ctx, srv
}

// newBrowserServerWatch is newBrowserServerOver that also returns the console watch.
func newBrowserServerWatch(t *testing.T, store Store) (context.Context, *httptest.Server, *consoleWatch) {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	if store == nil {
		store = newTestIndex(t)
	}
	h, _ := newTestServer(t, store, Config{})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	ctx, watch := newBrowser(t)
	return ctx, srv, watch
}

// waitFor polls the JavaScript condition cond until it holds.
func waitFor(t *testing.T, ctx context.Context, what, cond string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](cond, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		t.Fatalf("waiting for %s (%s) at %s: %v", what, cond, loc, err)
	}
}

// eval evaluates the JavaScript expression js into a T.
func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// searchDone is true once the search page shows a finished search.
const searchDone = `!document.querySelector('#search-view').hidden && !document.querySelector('#search-view').hasAttribute('aria-busy') && document.querySelector('#summary').dataset.total !== undefined`

func TestBrowserQuoteSearch(t *testing.T) {
	ctx, srv := newBrowserServer(t)
	h, _ := newTestServer(t, newTestIndex(t), Config{})
	const speaker = "Maria Okafor"
	all := quotesJSON(t, h, url.Values{})
	want := quotesJSON(t, h, url.Values{"speaker": {speaker}})
	if len(want.Quotes) == 0 || len(want.Quotes) == len(all.Quotes) {
		t.Fatalf("fixtures: %d quotes, %d by %s; want the filter to narrow them", len(all.Quotes), len(want.Quotes), speaker)
	}

	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the start page", searchDone)
	if err := chromedp.Do(ctx, chromedp.Click(`#tab-quotes`)); err != nil {
		t.Fatalf("click the Quotes tab: %v", err)
	}
	waitFor(t, ctx, "the quotes tab", `location.search.includes('tab=quotes') && `+searchDone+` && document.querySelectorAll('#results .quote-hit').length > 0`)
	if got := eval[int](t, ctx, `document.querySelectorAll('#results .quote-hit').length`); got != len(all.Quotes) {
		t.Errorf("quotes tab: got %d quotes, want %d", got, len(all.Quotes))
	}
	screenshot(t, ctx, "quotes-1-all")

	sel := `.facet-speaker a[data-value="` + speaker + `"]`
	if err := chromedp.Do(ctx, chromedp.Click(sel)); err != nil {
		t.Fatalf("click %s: %v", sel, err)
	}
	waitFor(t, ctx, "the speaker filter", `new URLSearchParams(location.search).get('speaker') === '`+speaker+`' && `+searchDone)
	speakers := eval[[]string](t, ctx, `[...document.querySelectorAll('#results .quote-hit')].map((q) => q.dataset.speaker)`)
	if len(speakers) != len(want.Quotes) {
		t.Errorf("speaker filter: got %d quotes, want %d", len(speakers), len(want.Quotes))
	}
	for _, s := range speakers {
		if s != speaker {
			t.Errorf("speaker filter: got a quote by %q, want only %s", s, speaker)
		}
	}
	texts := eval[[]string](t, ctx, `[...document.querySelectorAll('#results .quote-hit blockquote')].map((q) => q.textContent)`)
	for _, q := range want.Quotes {
		if !slices.Contains(texts, q.Text) {
			t.Errorf("speaker filter: quote %q not shown among %q", q.Text, texts)
		}
	}
	screenshot(t, ctx, "quotes-2-speaker")
}

func TestBrowserSpeakerPage(t *testing.T) {
	ctx, srv := newBrowserServer(t)
	h, _ := newTestServer(t, newTestIndex(t), Config{})
	const name = "James Whitlow"
	var want index.SpeakerPage
	decodeBody(t, do(t, h, http.MethodGet, "/api/speakers/"+url.PathEscape(name), nil), http.StatusOK, &want)

	// The type-ahead above the speaker facet finds him and filters on him.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the start page", searchDone)
	if err := chromedp.Do(ctx, chromedp.SendKeys("#speaker-filter", "whit")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "suggestions", `document.querySelectorAll('#speaker-suggest [role=option][data-value]').length > 0`)
	if got := eval[[]string](t, ctx, `[...document.querySelectorAll('#speaker-suggest [role=option]')].map((a) => a.dataset.value)`); !slices.Equal(got, []string{name}) {
		t.Errorf("suggestions for whit: got %v, want [%s]", got, name)
	}
	if err := chromedp.Do(ctx, chromedp.Click(`#speaker-suggest [role=option]`)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the speaker filter", `new URLSearchParams(location.search).get('speaker') === '`+name+`' && `+searchDone)

	// The speaker page draws the monthly timeline.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/speakers/"+url.PathEscape(name))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the speaker page", `!document.querySelector('#speaker-view').hidden && !document.querySelector('#speaker-view').hasAttribute('aria-busy')`)
	screenshot(t, ctx, "speaker-page")
	bars := eval[[]int](t, ctx, `[...document.querySelectorAll('#speaker-chart svg rect.bar')].map((r) => Number(r.dataset.count))`)
	var wantBars []int
	for _, b := range want.Timeline {
		wantBars = append(wantBars, b.Count)
	}
	if !slices.Equal(bars, wantBars) {
		t.Errorf("chart bars: got %v, want %v", bars, wantBars)
	}
	heights := eval[[]float64](t, ctx, `[...document.querySelectorAll('#speaker-chart svg rect.bar')].map((r) => r.getBBox().height)`)
	for i, h := range heights {
		if (wantBars[i] > 0) != (h > 0) {
			t.Errorf("bar %d: got height %v for count %d", i, h, wantBars[i])
		}
	}
	if got := eval[int](t, ctx, `document.querySelectorAll('#speaker-quotes li').length`); got != len(want.Latest) {
		t.Errorf("latest quotes: got %d, want %d", got, len(want.Latest))
	}
	if got := eval[string](t, ctx, `document.querySelector('#speaker-summary').textContent`); !strings.Contains(got, "Quoted in 2 articles") {
		t.Errorf("summary: got %q, want it to say Quoted in 2 articles", got)
	}
	if got := eval[[]string](t, ctx, `[...document.querySelectorAll('#speaker-roles .role-name')].map((r) => r.textContent)`); !slices.Equal(got, []string{want.Roles[0].Role}) {
		t.Errorf("roles: got %v, want %s", got, want.Roles[0].Role)
	}
}

// barView is a timeline bar as the page draws it.
type barView struct {
	I     int     `json:"i"`
	From  string  `json:"from"`
	To    string  `json:"to"`
	Count int     `json:"count"`
	X     float64 `json:"x"`
	Y     float64 `json:"y"`
}

const readBarsJS = `[...document.querySelectorAll('#timeline rect.bar')].map((r) => {
	const b = r.parentNode.querySelector('.bar-hit').getBoundingClientRect();
	return {i: Number(r.dataset.i), from: r.dataset.from, to: r.dataset.to, count: Number(r.dataset.count),
		x: b.left + b.width / 2, y: b.top + b.height / 2};
})`

func TestBrowserTimeline(t *testing.T) {
	ctx, srv := newBrowserServer(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the timeline", searchDone+` && document.querySelectorAll('#timeline rect.bar').length > 1`)
	screenshot(t, ctx, "timeline-1")
	bars := eval[[]barView](t, ctx, readBarsJS)
	var nonEmpty []barView
	sum := 0
	for _, b := range bars {
		sum += b.Count
		if b.Count > 0 {
			nonEmpty = append(nonEmpty, b)
		}
	}
	if sum != len(fixtureDocs()) { // every fixture is dated
		t.Errorf("timeline: bars sum to %d, want the %d dated articles", sum, len(fixtureDocs()))
	}
	if len(nonEmpty) < 2 {
		t.Fatalf("timeline: got %d non-empty bars, want at least 2", len(nonEmpty))
	}

	// A click on a bar narrows the search to its dates.
	b := nonEmpty[1]
	if err := chromedp.Do(ctx, chromedp.MouseClickXY(b.X, b.Y)); err != nil {
		t.Fatal(err)
	}
	st := readSearchPage(t, ctx, `new URLSearchParams(location.search).get('since') === '`+b.From+`'`)
	q, _ := url.ParseQuery(strings.TrimPrefix(st.Search, "?"))
	if q.Get("until") != dayBefore(t, b.To) || len(st.Hits) != b.Count {
		t.Errorf("click on bar %s: got %s with %d hits, want until=%s and %d hits", b.From, st.Search, len(st.Hits), dayBefore(t, b.To), b.Count)
	}

	// A drag across bars narrows it to their span.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the timeline", searchDone+` && !location.search && document.querySelectorAll('#timeline rect.bar').length > 1`)
	lo, hi := nonEmpty[0], nonEmpty[len(nonEmpty)-2]
	if err := chromedp.Do(ctx,
		chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, lo.X, lo.Y, chromedp.ButtonLeft, chromedp.ClickCount(1)),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, hi.X, hi.Y, chromedp.ButtonLeft),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, hi.X, hi.Y, chromedp.ButtonLeft, chromedp.ClickCount(1)),
	); err != nil {
		t.Fatal(err)
	}
	st = readSearchPage(t, ctx, `new URLSearchParams(location.search).get('since') === '`+lo.From+`'`)
	q, _ = url.ParseQuery(strings.TrimPrefix(st.Search, "?"))
	want := 0
	for _, b := range bars[lo.I : hi.I+1] {
		want += b.Count
	}
	if q.Get("until") != dayBefore(t, hi.To) || st.Total != strconv.Itoa(want) {
		t.Errorf("drag %s..%s: got %s with total %s, want until=%s and %d", lo.From, hi.To, st.Search, st.Total, dayBefore(t, hi.To), want)
	}
}

// dayBefore returns the day before the YYYY-MM-DD date s.
func dayBefore(t *testing.T, s string) string {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatalf("bad date %q", s)
	}
	return d.AddDate(0, 0, -1).Format(time.DateOnly)
}

func TestBrowserCollapsedStory(t *testing.T) {
	ctx, srv := newBrowserServerOver(t, wireCopyIndexAPI(t))
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/?q=ferry")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the results", searchDone+` && document.querySelectorAll('#results .hit').length > 0`)
	const hitJS = `[...document.querySelectorAll('#results .hit')].filter((h) => h.dataset.story === 'reuters21578/1')`
	if n := eval[int](t, ctx, hitJS+`.length`); n != 1 {
		t.Fatalf("grouped results: got %d hits of the story, want 1", n)
	}
	label := eval[string](t, ctx, hitJS+`[0].querySelector('.versions-toggle').textContent`)
	if label != "2 versions" {
		t.Errorf("versions button: got %q, want \"2 versions\"", label)
	}
	if eval[bool](t, ctx, hitJS+`[0].querySelector('.versions-list').hidden`) != true {
		t.Errorf("the other versions are shown before the click, want them folded")
	}
	if err := chromedp.Do(ctx, chromedp.Click(`#results .hit[data-story="reuters21578/1"] .versions-toggle`)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the versions", hitJS+`[0].querySelector('.versions-list').hidden === false`)
	screenshot(t, ctx, "collapse-expanded")
	links := eval[[]string](t, ctx, hitJS+`[0].querySelectorAll('.versions-list a.version').length ? [...`+hitJS+`[0].querySelectorAll('.versions-list a.version')].map((a) => a.dataset.id) : []`)
	shown := eval[string](t, ctx, hitJS+`[0].dataset.id`)
	other := map[string]string{"reuters21578/1": "ledger/ferry-cuts", "ledger/ferry-cuts": "reuters21578/1"}[shown]
	if !slices.Equal(links, []string{other}) {
		t.Fatalf("other versions of %s: got %v, want [%s]", shown, links, other)
	}
	if err := chromedp.Do(ctx, chromedp.Click(`#results .hit[data-story="reuters21578/1"] .versions-list a.version`)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the other version", `location.pathname === '/articles/`+other+`' && document.querySelector('#article-title').textContent !== ''`)

	// Without grouping, both copies are hits.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/?q=ferry&collapse=none")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the ungrouped results", searchDone+` && document.querySelectorAll('#results .hit').length > 0`)
	if n := eval[int](t, ctx, hitJS+`.length`); n != 2 {
		t.Errorf("collapse=none: got %d hits of the story, want 2", n)
	}
}

func TestBrowserMapClick(t *testing.T) {
	ctx, srv := newBrowserServer(t)
	h, _ := newTestServer(t, newTestIndex(t), Config{})
	api := searchJSON(t, h, url.Values{"q": {"ferry"}})
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/?q=ferry")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the map", searchDone+` && document.querySelectorAll('#map a.place').length > 0`)
	screenshot(t, ctx, "map")
	// Each place with its centre on the page and the place found at that point (dots overlap).
	type placeView struct {
		Name string  `json:"name"`
		X    float64 `json:"x"`
		Y    float64 `json:"y"`
		Top  string  `json:"top"`
	}
	places := eval[[]placeView](t, ctx, `[...document.querySelectorAll('#map a.place')].map((a) => {
		const r = a.querySelector('circle').getBoundingClientRect();
		const x = r.left + r.width / 2, y = r.top + r.height / 2;
		const top = document.elementFromPoint(x, y);
		return {name: a.dataset.name, x, y, top: top && top.closest('a.place') ? top.closest('a.place').dataset.name : ''};
	})`)
	if len(places) != len(api.Facets.Place) {
		t.Errorf("map: got %d places, want the facet's %d", len(places), len(api.Facets.Place))
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('#map rect.land').length`); n < 100 {
		t.Errorf("map: got %d land cells, want the land drawn", n)
	}
	box := eval[[]float64](t, ctx, `(() => { const r = document.querySelector('#map svg').getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })()`)
	// The map shows the part of the world around the places: its viewBox, in degrees from 180°W, 90°N.
	vb := eval[[]float64](t, ctx, `(() => { const v = document.querySelector('#map svg').viewBox.baseVal; return [v.x, v.y, v.width, v.height]; })()`)
	if vb[2] >= 360 || vb[2] < 60 || abs(vb[2]-2*vb[3]) > 0.01 {
		t.Errorf("map view %v: want it zoomed on the places, at least 60° wide, twice as wide as high", vb)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('#map text.place-label').length`); n < 1 || n > 5 {
		t.Errorf("map: got %d place labels, want 1 to 5", n)
	}
	var pick *placeView
	for i, p := range places {
		for _, f := range api.Facets.Place {
			if f.Name != p.Name {
				continue
			}
			// Equirectangular: x from longitude, y from latitude.
			fx, fy := (p.X-box[0])/box[2], (p.Y-box[1])/box[3]
			if wx, wy := (f.Lon+180-vb[0])/vb[2], (90-f.Lat-vb[1])/vb[3]; abs(fx-wx) > 0.01 || abs(fy-wy) > 0.01 {
				t.Errorf("%s drawn at (%.3f, %.3f) of the map, want (%.3f, %.3f)", p.Name, fx, fy, wx, wy)
			}
		}
		if pick == nil && p.Top == p.Name {
			pick = &places[i]
		}
	}
	if pick == nil {
		t.Fatalf("map: no place can be clicked: %+v", places)
	}
	want := searchJSON(t, h, url.Values{"q": {"ferry"}, "location": {pick.Name}})
	if err := chromedp.Do(ctx, chromedp.MouseClickXY(pick.X, pick.Y)); err != nil {
		t.Fatal(err)
	}
	st := readSearchPage(t, ctx, `new URLSearchParams(location.search).get('location') === '`+pick.Name+`'`)
	if got := len(st.Hits); got != len(want.Hits) || got == 0 {
		t.Errorf("after the click on %s: got %d hits, want %d", pick.Name, got, len(want.Hits))
	}
	if !slices.Equal(st.Chips, []string{"location=" + pick.Name}) {
		t.Errorf("got chips %v, want location=%s", st.Chips, pick.Name)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
