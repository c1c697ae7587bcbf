package web

import (
	"context"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/searchd/searchd/internal/news"
)

// chromiumPath returns the Chromium binary for browser tests: $SEARCHD_CHROMIUM, or chromium
// (or chromium-browser, google-chrome) on the PATH. When there is none the test is skipped, and
// with CI=true it fails, so that CI never passes by skipping.
func chromiumPath(tb testing.TB) string {
	tb.Helper()
	if p := os.Getenv("SEARCHD_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "/usr/bin/chromium"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		tb.Fatalf("chromium not found (set SEARCHD_CHROMIUM or install it: apt-get install chromium): CI=true requires the browser test")
	}
	tb.Skipf("chromium not found: skipping the browser test (apt-get install chromium, or set SEARCHD_CHROMIUM)")
	return ""
}

// consoleWatch collects the errors that pages write to the browser console.
type consoleWatch struct {
	mu           sync.Mutex
	problems     []string
	allowNetwork bool // failed HTTP requests are expected from now on
}

// expectFailedRequests stops reporting failed HTTP requests (4xx answers the test asks for).
func (w *consoleWatch) expectFailedRequests() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.allowNetwork = true
}

func (w *consoleWatch) add(m chromedp.ConsoleMessage) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if m.Source == "network" && w.allowNetwork {
		return
	}
	w.problems = append(w.problems, m.String())
}

// newBrowser starts a headless Chromium with a fresh profile and returns its context. Messages
// the pages write to the console at level error, and uncaught exceptions, are reported as test
// errors at the end.
func newBrowser(t *testing.T) (context.Context, *consoleWatch) {
	t.Helper()
	exe := chromiumPath(t)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.NoFirstRun,
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1200, 900),
	)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)

	watch := &consoleWatch{}
	done := make(chan struct{})
	messages := chromedp.Console(ctx)
	go func() {
		defer close(done)
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				watch.add(m)
			}
		}
	}()
	t.Cleanup(func() {
		cancelCtx()
		cancelAlloc()
		<-done
		watch.mu.Lock()
		defer watch.mu.Unlock()
		for _, p := range watch.problems {
			t.Errorf("browser console: %s", p)
		}
	})
	return ctx, watch
}

// hitView is a result as the page shows it.
type hitView struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Href     string   `json:"href"`
	Speakers []string `json:"speakers"`
}

// pageState is what the search page shows once a search has finished.
type pageState struct {
	Search string    `json:"search"`
	Total  string    `json:"total"`
	Hits   []hitView `json:"hits"`
	Chips  []string  `json:"chips"`
	Error  string    `json:"error"`
}

// readSearchPageJS reads the state of the search page.
const readSearchPageJS = `(() => ({
	search: location.search,
	total: document.querySelector('#summary').dataset.total || '',
	hits: [...document.querySelectorAll('#results .hit')].map((h) => ({
		id: h.dataset.id,
		title: h.querySelector('a.title').textContent,
		href: h.querySelector('a.title').getAttribute('href'),
		speakers: [...h.querySelectorAll('.speaker')].map((s) => s.textContent),
	})),
	chips: [...document.querySelectorAll('#chips .chip')].map((c) => c.dataset.facet + '=' + (c.dataset.value || '')),
	error: document.querySelector('#message').hidden ? '' : document.querySelector('#message').textContent,
}))()`

// readSearchPage waits until the search page has rendered a search whose URL satisfies cond
// (a JavaScript expression over location), then reads it.
func readSearchPage(t *testing.T, ctx context.Context, cond string) pageState {
	t.Helper()
	wait := `!location.pathname.startsWith('/articles/') && (` + cond + `) &&
		!document.querySelector('#search-view').hasAttribute('aria-busy') &&
		document.querySelector('#summary').dataset.total !== undefined`
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](wait, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		t.Fatalf("waiting for the search page (%s) at %s: %v", cond, loc, err)
	}
	st, err := chromedp.Run(ctx, chromedp.Evaluate[pageState](readSearchPageJS))
	if err != nil {
		t.Fatalf("read the search page: %v", err)
	}
	if st.Error != "" {
		t.Fatalf("the page shows an error: %s", st.Error)
	}
	return st
}

// screenshot saves a PNG of the page under $SEARCHD_SCREENSHOTS, when it is set.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("SEARCHD_SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Errorf("screenshot %s: %v", name, err)
	}
}

// matchingDocs returns the fixtures whose title or body holds word and that quote speaker (any
// speaker when it is empty).
func matchingDocs(docs []news.Document, word, speaker string) []news.Document {
	var out []news.Document
	for _, d := range docs {
		text := strings.ToLower(d.Title + " " + d.Body)
		if strings.Contains(text, word) && (speaker == "" || slices.Contains(d.SpeakerNames(), speaker)) {
			out = append(out, d)
		}
	}
	return out
}

func TestBrowserSearchFacetArticle(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	docs := fixtureDocs()
	h, _ := newTestServer(t, newTestIndex(t), Config{})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	ctx, console := newBrowser(t)

	const word, speaker, place = "ferry", "James Whitlow", "Calais, France"
	wantAll := matchingDocs(docs, word, "")
	wantSpeaker := matchingDocs(docs, word, speaker)
	if len(wantSpeaker) == 0 || len(wantSpeaker) == len(wantAll) {
		t.Fatalf("fixtures: %d articles with %q, %d of them quoting %s; want the filter to narrow them", len(wantAll), word, len(wantSpeaker), speaker)
	}

	// Start page: every article, newest first by default for an empty query.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatalf("open the start page: %v", err)
	}
	st := readSearchPage(t, ctx, "true")
	if len(st.Hits) != len(docs) || st.Total != strconv.Itoa(len(docs)) {
		t.Errorf("start page: got %d hits (total %s), want %d", len(st.Hits), st.Total, len(docs))
	}

	// Type a query and submit it.
	if err := chromedp.Do(ctx,
		chromedp.SendKeys("#q", word),
		chromedp.Click("#search-btn"),
	); err != nil {
		t.Fatalf("search %q: %v", word, err)
	}
	st = readSearchPage(t, ctx, `new URLSearchParams(location.search).get('q') === '`+word+`'`)
	if len(st.Hits) != len(wantAll) {
		t.Errorf("q=%s: got %d hits %v, want %d", word, len(st.Hits), st.Hits, len(wantAll))
	}
	screenshot(t, ctx, "1-query")

	// Click the speaker in the facet list.
	sel := `.facet-speaker a[data-value="` + speaker + `"]`
	if err := chromedp.Do(ctx, chromedp.Click(sel)); err != nil {
		t.Fatalf("click %s: %v", sel, err)
	}
	st = readSearchPage(t, ctx, `new URLSearchParams(location.search).getAll('speaker').includes('`+speaker+`')`)
	screenshot(t, ctx, "2-speaker")
	if len(st.Hits) != len(wantSpeaker) || st.Total != strconv.Itoa(len(wantSpeaker)) {
		t.Errorf("speaker filter: got %d hits (total %s), want %d", len(st.Hits), st.Total, len(wantSpeaker))
	}
	for _, hit := range st.Hits {
		if !slices.Contains(hit.Speakers, speaker) {
			t.Errorf("speaker filter: hit %q lists speakers %v, want %s among them", hit.Title, hit.Speakers, speaker)
		}
	}
	q, err := url.ParseQuery(strings.TrimPrefix(st.Search, "?"))
	if err != nil || q.Get("q") != word || !slices.Equal(q["speaker"], []string{speaker}) {
		t.Errorf("got URL query %q, want q=%s and speaker=%s", st.Search, word, speaker)
	}
	if !slices.Equal(st.Chips, []string{"speaker=" + speaker}) {
		t.Errorf("got chips %v, want one for the speaker", st.Chips)
	}

	// The back button restores the unfiltered search, and forward the filtered one.
	if err := chromedp.Do(ctx, chromedp.NavigateBack()); err != nil {
		t.Fatalf("back: %v", err)
	}
	st = readSearchPage(t, ctx, `!location.search.includes('speaker=')`)
	if len(st.Hits) != len(wantAll) || len(st.Chips) != 0 {
		t.Errorf("after back: got %d hits and chips %v, want %d hits and no chip", len(st.Hits), st.Chips, len(wantAll))
	}
	if err := chromedp.Do(ctx, chromedp.NavigateForward()); err != nil {
		t.Fatalf("forward: %v", err)
	}
	st = readSearchPage(t, ctx, `location.search.includes('speaker=')`)
	if len(st.Hits) != len(wantSpeaker) {
		t.Errorf("after forward: got %d hits, want %d", len(st.Hits), len(wantSpeaker))
	}

	// A value of "Places mentioned", the panel after "Filed from", narrows the results to the
	// articles about that place; removing its chip widens them again.
	var wantPlace []string
	for _, d := range wantSpeaker {
		if slices.Contains(d.Places, place) {
			wantPlace = append(wantPlace, d.Title)
		}
	}
	if len(wantPlace) == 0 || len(wantPlace) == len(wantSpeaker) {
		t.Fatalf("fixtures: %d of %d articles mention %s; want the filter to narrow them", len(wantPlace), len(wantSpeaker), place)
	}
	panels := eval[[]string](t, ctx, `[...document.querySelectorAll('.filters .panel h2')].map((h) => h.textContent)`)
	if i := slices.Index(panels, "Filed from"); i < 0 || i+1 >= len(panels) || panels[i+1] != "Places mentioned" {
		t.Errorf("got panels %q, want Places mentioned right after Filed from", panels)
	}
	sel = `.facet-place a[data-value="` + place + `"]`
	if err := chromedp.Do(ctx, chromedp.Click(sel)); err != nil {
		t.Fatalf("click %s: %v", sel, err)
	}
	st = readSearchPage(t, ctx, `new URLSearchParams(location.search).getAll('place').includes('`+place+`')`)
	screenshot(t, ctx, "2-place")
	var titles []string
	for _, hit := range st.Hits {
		titles = append(titles, hit.Title)
	}
	if !slices.Equal(titles, wantPlace) || st.Total != strconv.Itoa(len(wantPlace)) {
		t.Errorf("place filter: got hits %q (total %s), want %q", titles, st.Total, wantPlace)
	}
	if want := []string{"speaker=" + speaker, "place=" + place}; !slices.Equal(st.Chips, want) {
		t.Errorf("place filter: got chips %q, want %q", st.Chips, want)
	}
	if !eval[bool](t, ctx, `document.querySelector('.facet-place a[data-value="`+place+`"]').classList.contains('active')`) {
		t.Errorf("place filter: the clicked value is not shown as active")
	}
	if err := chromedp.Do(ctx, chromedp.Click(`#chips a.chip[data-facet="place"]`)); err != nil {
		t.Fatalf("remove the place chip: %v", err)
	}
	st = readSearchPage(t, ctx, `!location.search.includes('place=')`)
	if len(st.Hits) != len(wantSpeaker) {
		t.Errorf("place chip removed: got %d hits, want %d", len(st.Hits), len(wantSpeaker))
	}

	// Open the first article and read its quotes.
	first := st.Hits[0]
	if err := chromedp.Do(ctx, chromedp.Click(`#results .hit a.title`)); err != nil {
		t.Fatalf("open %s: %v", first.ID, err)
	}
	type speakerView struct {
		Name   string   `json:"name"`
		Title  string   `json:"title"`
		Quotes []string `json:"quotes"`
		Kinds  []string `json:"kinds"`
	}
	type articleView struct {
		Path     string        `json:"path"`
		Title    string        `json:"title"`
		Paras    int           `json:"paras"`
		Speakers []speakerView `json:"speakers"`
	}
	const readArticleJS = `(() => ({
		path: location.pathname,
		title: document.querySelector('#article-title').textContent,
		paras: document.querySelectorAll('#article-body p').length,
		speakers: [...document.querySelectorAll('#speakers .speaker-card')].map((c) => ({
			name: c.querySelector('.speaker-name').textContent,
			title: (c.querySelector('.speaker-title') || {}).textContent || '',
			quotes: [...c.querySelectorAll('.quote-text')].map((q) => q.textContent),
			kinds: [...c.querySelectorAll('.quote-kind')].map((q) => q.textContent),
		})),
	}))()`
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`location.pathname.startsWith('/articles/') &&
		document.querySelectorAll('#speakers .speaker-card').length > 0`, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		t.Fatalf("waiting for the article page: %v", err)
	}
	screenshot(t, ctx, "3-article")
	av, err := chromedp.Run(ctx, chromedp.Evaluate[articleView](readArticleJS))
	if err != nil {
		t.Fatalf("read the article page: %v", err)
	}
	i := slices.IndexFunc(docs, func(d news.Document) bool { return d.ID == first.ID })
	if i < 0 {
		t.Fatalf("opened article %q is not a fixture", first.ID)
	}
	doc := docs[i]
	if av.Path != first.Href || av.Title != doc.Title {
		t.Errorf("article page: got path %q title %q, want %q and %q", av.Path, av.Title, first.Href, doc.Title)
	}
	if av.Paras < 2 {
		t.Errorf("article page: got %d paragraphs, want the body split into paragraphs", av.Paras)
	}
	if len(av.Speakers) != len(doc.Speakers) {
		t.Fatalf("article page: got speakers %+v, want %d", av.Speakers, len(doc.Speakers))
	}
	for j, sp := range doc.Speakers {
		got := av.Speakers[j]
		if got.Name != sp.Name || got.Title != sp.Title || len(got.Quotes) != len(sp.Quotes) {
			t.Errorf("speaker %d: got %+v, want %s (%s) with %d quotes", j, got, sp.Name, sp.Title, len(sp.Quotes))
			continue
		}
		for k, quote := range sp.Quotes {
			kind := map[bool]string{true: "Direct", false: "Reported"}[quote.Direct]
			if got.Quotes[k] != quote.Text || got.Kinds[k] != kind {
				t.Errorf("speaker %s quote %d: got %q (%s), want %q (%s)", sp.Name, k, got.Quotes[k], got.Kinds[k], quote.Text, kind)
			}
		}
	}

	// A speaker's name leads back to a search filtered on them.
	other := doc.Speakers[len(doc.Speakers)-1].Name
	if err := chromedp.Do(ctx, chromedp.Click(`#speakers .speaker-card[data-name="`+other+`"] a.speaker-name`)); err != nil {
		t.Fatalf("click speaker %s: %v", other, err)
	}
	st = readSearchPage(t, ctx, `new URLSearchParams(location.search).get('speaker') === '`+other+`'`)
	if want := len(docsWithSpeaker(docs, other)); len(st.Hits) != want {
		t.Errorf("speaker link %s: got %d hits, want %d", other, len(st.Hits), want)
	}

	// Deep links on a narrow screen: both views load from their URL, and nothing overflows sideways.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(375, 800, chromedp.EmulateMobile)); err != nil {
		t.Fatalf("narrow viewport: %v", err)
	}
	views := []struct{ name, path, ready string }{
		{"4-narrow-search", "/?q=ferry&speaker=" + url.QueryEscape(speaker), `document.querySelectorAll('#results .hit').length === ` + strconv.Itoa(len(wantSpeaker))},
		{"5-narrow-article", first.Href, `document.querySelectorAll('#speakers .speaker-card').length === ` + strconv.Itoa(len(doc.Speakers))},
	}
	for _, v := range views {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+v.path)); err != nil {
			t.Fatalf("open %s: %v", v.path, err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](v.ready, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
			t.Fatalf("waiting for %s (%s): %v", v.path, v.ready, err)
		}
		screenshot(t, ctx, v.name)
		width, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[document.documentElement.scrollWidth, window.innerWidth]`))
		if err != nil {
			t.Fatalf("measure %s: %v", v.path, err)
		}
		if width[0] > width[1] {
			t.Errorf("%s at 375px: got page width %d, want at most the viewport's %d", v.path, width[0], width[1])
		}
	}

	// The empty state and a server error are shown on the page.
	console.expectFailedRequests()
	states := []struct{ path, ready, want string }{
		{"/?q=zeppelinquarantine", `!document.querySelector('#empty').hidden`, "No articles match"},
		{"/?since=last-week", `!document.querySelector('#message').hidden`, "YYYY-MM-DD"},
		{"/articles/no/such/id", `!document.querySelector('#message').hidden`, "no/such/id"},
	}
	for _, st := range states {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+st.path)); err != nil {
			t.Fatalf("open %s: %v", st.path, err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](st.ready, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
			t.Fatalf("waiting for %s (%s): %v", st.path, st.ready, err)
		}
		text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('main').innerText`))
		if err != nil {
			t.Fatalf("read %s: %v", st.path, err)
		}
		if !strings.Contains(text, st.want) {
			t.Errorf("%s: got page text %q, want it to contain %q", st.path, text, st.want)
		}
	}
}
