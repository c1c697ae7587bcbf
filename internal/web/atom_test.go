package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/mmcdole/gofeed"
)

func TestSearchAtom(t *testing.T) {
	h, _ := newTestServer(t, newTestIndex(t), Config{})
	tests := []struct {
		name   string
		params url.Values
	}{
		{"everything", url.Values{}},
		{"query and speaker", url.Values{"q": {"ferry"}, "speaker": {"James Whitlow"}}},
		{"sort and cursor are ignored", url.Values{"q": {"ferry"}, "sort": {"date"}, "after": {"junk"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(t, h, http.MethodGet, "/search.atom?"+tt.params.Encode(), nil)
			if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/atom+xml") {
				t.Fatalf("got %d %s, want 200 application/atom+xml; body %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
			}
			feed, err := gofeed.NewParser().ParseString(rec.Body.String())
			if err != nil {
				t.Fatalf("parse the feed: %v\n%s", err, rec.Body)
			}
			if feed.FeedType != "atom" {
				t.Errorf("got feed type %q, want atom", feed.FeedType)
			}
			p := url.Values{}
			for k, v := range tt.params {
				if k != "sort" && k != "after" {
					p[k] = v
				}
			}
			p.Set("sort", "-date")
			want := searchJSON(t, h, p)
			if len(feed.Items) != len(want.Hits) {
				t.Fatalf("got %d entries, want %d", len(feed.Items), len(want.Hits))
			}
			for i, item := range feed.Items {
				hit := want.Hits[i]
				if item.Title != hit.Title || !strings.HasSuffix(item.Link, "/articles/"+escapeID(hit.ID)) {
					t.Errorf("entry %d: got %q %s, want %q …/articles/%s (newest first)", i, item.Title, item.Link, hit.Title, hit.ID)
				}
				if item.PublishedParsed == nil || !item.PublishedParsed.Equal(*hit.Date) {
					t.Errorf("entry %d: got published %v, want %v", i, item.PublishedParsed, hit.Date)
				}
			}
		})
	}
	if rec := do(t, h, http.MethodGet, "/search.atom?since=yesterday", nil); rec.Code != http.StatusBadRequest {
		t.Errorf("since=yesterday: got %d, want 400", rec.Code)
	}
}

func TestBrowserAtomLink(t *testing.T) {
	ctx, srv := newBrowserServer(t)
	const path = "/?q=ferry&speaker=James+Whitlow"
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+path)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the results", searchDone)
	href := eval[string](t, ctx, `document.querySelector('#atom-link').getAttribute('href')`)
	head := eval[string](t, ctx, `document.querySelector('link[rel=alternate][type="application/atom+xml"]').getAttribute('href')`)
	var feed *gofeed.Feed
	u, err := url.Parse(href)
	if err != nil || u.Path != "/search.atom" || u.Query().Get("q") != "ferry" || !slices.Equal(u.Query()["speaker"], []string{"James Whitlow"}) {
		t.Fatalf("Atom link: got %q, want /search.atom with q=ferry and speaker=James Whitlow", href)
	}
	if head != href {
		t.Errorf("head link: got %q, want the same as the page link %q", head, href)
	}
	// The browser fetches the link, and the feed it gets lists the hits the page shows.
	type fetched struct {
		Status int    `json:"status"`
		Type   string `json:"type"`
		Body   string `json:"body"`
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[fetched](`fetch(document.querySelector('#atom-link').href).then(async (r) => ({status: r.status, type: r.headers.get('content-type'), body: await r.text()}))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != http.StatusOK || !strings.HasPrefix(got.Type, "application/atom+xml") {
		t.Fatalf("fetch %s: got %d %s", href, got.Status, got.Type)
	}
	feed, err = gofeed.NewParser().ParseString(got.Body)
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, it := range feed.Items {
		titles = append(titles, it.Title)
	}
	shown := eval[[]string](t, ctx, `[...document.querySelectorAll('#results .hit a.title')].map((a) => a.textContent)`)
	slices.Sort(titles)
	slices.Sort(shown)
	if !slices.Equal(titles, shown) {
		t.Errorf("feed entries %q, want the page's hits %q", titles, shown)
	}
}
