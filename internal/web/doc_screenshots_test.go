package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestDocScreenshots takes the README's screenshots: home, results, a speaker filter, a speaker
// page, quotes, an article, no results and a malformed query, at 1366x900 and 390x844. It runs
// only when SEARCHD_DOC_SCREENSHOTS names the folder to write them to; scripts/screenshots.sh
// sets it and serves the bundled sample at SEARCHD_DOC_URL (the test's fixtures without it).
// SEARCHD_DOC_QUERY is the search shown (default "president").
func TestDocScreenshots(t *testing.T) {
	dir := os.Getenv("SEARCHD_DOC_SCREENSHOTS")
	if dir == "" {
		t.Skip("SEARCHD_DOC_SCREENSHOTS is not set: run scripts/screenshots.sh")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	base := os.Getenv("SEARCHD_DOC_URL")
	ctx, srv, console := newBrowserServerWatch(t, nil)
	console.expectFailedRequests() // the malformed query's 400
	if base == "" {
		base = srv.URL
	}
	query := os.Getenv("SEARCHD_DOC_QUERY")
	if query == "" {
		query = "president"
	}

	// The speaker and the article shown are the search's first.
	res, err := http.Get(base + "/api/search?size=1&q=" + url.QueryEscape(query))
	if err != nil {
		t.Fatal(err)
	}
	var first struct {
		Hits   []struct{ ID string } `json:"hits"`
		Facets struct {
			Speaker []struct{ Value string } `json:"speaker"`
		} `json:"facets"`
	}
	err = json.NewDecoder(res.Body).Decode(&first)
	res.Body.Close()
	if err != nil || len(first.Hits) == 0 || len(first.Facets.Speaker) == 0 {
		t.Fatalf("search %q at %s: %v (%d hits): want hits and speakers to show", query, base, err, len(first.Hits))
	}
	speaker := first.Facets.Speaker[0].Value
	results := searchDone + ` && document.querySelectorAll('#results > li').length > 0`
	pages := []struct{ name, path, ready string }{
		{"home", "/", results},
		{"results", "/?q=" + url.QueryEscape(query), results},
		{"speaker-filter", "/?q=" + url.QueryEscape(query) + "&speaker=" + url.QueryEscape(speaker), results},
		{"speaker-page", "/speakers/" + url.PathEscape(speaker), `!document.querySelector('#speaker-view').hidden && !document.querySelector('#speaker-view').hasAttribute('aria-busy')`},
		{"quotes", "/?tab=quotes&speaker=" + url.QueryEscape(speaker), results},
		{"article", "/articles/" + first.Hits[0].ID, `document.querySelectorAll('#article-body p').length > 0`},
		{"no-results", "/?q=zeppelinquarantine", searchDone + ` && !document.querySelector('#empty').hidden`},
		{"malformed", "/?q=" + url.QueryEscape(`"`+query), searchDone + ` && !document.querySelector('#message').hidden`},
	}
	for _, sc := range deskAndPhone {
		setViewport(t, ctx, sc.w, sc.h, sc.mobile)
		for _, p := range pages {
			open(t, ctx, base, p.path, p.ready)
			png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatalf("screenshot %s: %v", p.name, err)
			}
			name := filepath.Join(dir, sc.name+"-"+p.name+".png")
			if err := os.WriteFile(name, png, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("wrote %s", name)
		}
	}
}
