package web

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/searchd/searchd/internal/index"
	"github.com/searchd/searchd/internal/news"
)

// Payloads that would run if the UI put article text into the page as markup or followed a
// javascript: URL. Each one sets window.__xss and the document title.
const (
	xssScript = `<script>window.__xss='script';document.title='pwned'</script>`
	xssImg    = `<img src=x onerror="window.__xss='img';document.title='pwned'">`
	xssSVG    = `<svg onload="window.__xss='svg'"></svg>`
	xssURL    = `javascript:window.__xss='url';document.title='pwned'`
)

// xssDoc is an article with a payload in every field the UI shows.
func xssDoc() news.Document {
	d := time.Date(2024, 5, 2, 0, 0, 0, 0, time.UTC)
	return news.Document{
		ID:      "xss/1",
		Title:   "Harbour report " + xssScript + xssImg,
		Body:    "HARBOUR - The harbour report was published. " + xssImg + " " + xssScript + " " + xssSVG + "\n\n\"The harbour is safe,\" said the harbour master.",
		Source:  "Wire " + xssImg,
		URL:     xssURL,
		Authors: []string{"Reporter " + xssScript},
		Date:    &d,
		Speakers: []news.Speaker{{Name: "Eve " + xssImg, Title: xssScript, Kind: news.KindPerson,
			Quotes: []news.Quote{{Text: "The harbour is safe " + xssImg, Direct: true}}}},
		Location: &news.Location{Name: "Harbour " + xssImg, Country: "GB", Source: news.LocationDateline},
	}
}

// xssCheckJS reports what a payload could have done, on the page as it is now.
const xssCheckJS = `(() => ({
	xss: window.__xss === undefined ? '' : String(window.__xss),
	title: document.title,
	scripts: [...document.scripts].map((s) => s.src || 'inline'),
	// The UI draws its own charts (timeline, map) as SVG; anything else is injected markup.
	injected: document.querySelectorAll('main img, main svg:not(.timeline-chart):not(.map-chart), main [onerror], main [onload]').length,
	jsLinks: [...document.querySelectorAll('a[href]')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href'))).length,
	text: document.querySelector('main').innerText,
	snippet: (document.querySelector('#results .snippet') || {}).innerHTML || '',
}))()`

type xssState struct {
	XSS      string   `json:"xss"`
	Title    string   `json:"title"`
	Scripts  []string `json:"scripts"`
	Injected int      `json:"injected"`
	JSLinks  int      `json:"jsLinks"`
	Text     string   `json:"text"`
	Snippet  string   `json:"snippet"`
}

// TestBrowserXSSInert loads an article whose title, body, source, author, speaker, quote,
// location and URL hold script payloads, opens it in the search results and on its own page,
// and checks in a real browser that nothing ran, nothing was injected as markup, the payloads
// show as text, the javascript: URL is not a link, and the snippet holds only escaped text and
// <mark>.
func TestBrowserXSSInert(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	ix, err := index.Open(filepath.Join(t.TempDir(), "index"), nil, index.Options{}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if _, err := ix.AddDocuments(context.Background(), []news.Document{xssDoc()}); err != nil {
		t.Fatal(err)
	}
	h, _ := newTestServer(t, ix, Config{})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	ctx, _ := newBrowser(t)

	pages := []struct {
		name, path, ready string
	}{
		{"results", "/?q=harbour", `document.querySelectorAll('#results .hit').length === 1`},
		{"article", "/articles/xss/1", `document.querySelector('#article-title').textContent !== ''`},
	}
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+p.path)); err != nil {
				t.Fatalf("open %s: %v", p.path, err)
			}
			if _, err := chromedp.Run(ctx, chromedp.Poll[bool](p.ready, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
				t.Fatalf("wait for %s: %v", p.path, err)
			}
			time.Sleep(300 * time.Millisecond) // give an onerror or onload handler time to fire
			st, err := chromedp.Run(ctx, chromedp.Evaluate[xssState](xssCheckJS))
			if err != nil {
				t.Fatalf("inspect %s: %v", p.path, err)
			}
			if st.XSS != "" || st.Title == "pwned" {
				t.Errorf("%s: a payload ran: window.__xss=%q, title %q", p.path, st.XSS, st.Title)
			}
			if len(st.Scripts) != 1 || !strings.Contains(st.Scripts[0], "/static/app.js?v=") {
				t.Errorf("%s: got scripts %q, want only /static/app.js", p.path, st.Scripts)
			}
			if st.Injected != 0 {
				t.Errorf("%s: %d elements from article text became markup (img, svg or event handlers)", p.path, st.Injected)
			}
			if st.JSLinks != 0 {
				t.Errorf("%s: %d javascript: links are clickable", p.path, st.JSLinks)
			}
			if !strings.Contains(st.Text, "<script>") || !strings.Contains(st.Text, "<img src=x") {
				t.Errorf("%s: the payloads are not shown as text; page text:\n%s", p.path, st.Text)
			}
			if p.name == "results" {
				if !strings.Contains(st.Snippet, "<mark>") || !strings.Contains(st.Snippet, "&lt;") || strings.Contains(st.Snippet, "<img") || strings.Contains(st.Snippet, "<script") {
					t.Errorf("snippet markup %q: want escaped text with <mark> and no other tags", st.Snippet)
				}
			}
		})
	}
}
