package web

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chromedp/chromedp"
	"github.com/mmcdole/gofeed"

	"github.com/searchd/searchd/internal/index"
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
		{"place mentioned", url.Values{"place": {"Dover"}}},
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
			if p := tt.params.Get("place"); p != "" && !strings.Contains(feed.Title, "about "+p) {
				t.Errorf("got feed title %q, want it to say about %s", feed.Title, p)
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

// linkStore answers every search with three hits whose URLs are a script, a data URL and a web
// page.
type linkStore struct{ failingStore }

func (linkStore) Search(context.Context, index.Query) (*index.Results, error) {
	return &index.Results{Total: 3, Hits: []index.Hit{
		{ID: "s1", Title: "Script", URL: "javascript:alert(document.cookie)"},
		{ID: "s2", Title: "Data", URL: "data:text/html,<script>alert(1)</script>"},
		{ID: "s3", Title: "Page", URL: "https://news.example/ferry"},
	}}, nil
}

// TestAtomLinks checks the links of a feed: article URLs that are not http(s) are left out;
// the base is http.public_url when set, else the Host with the scheme only a trusted proxy may
// change. javascript: and data: URLs were emitted, and any client's X-Forwarded-Proto was
// ignored while a trusted proxy's was too.
func TestAtomLinks(t *testing.T) {
	for _, tt := range []struct {
		name    string
		cfg     Config
		headers []string
		base    string
	}{
		{"host", Config{}, []string{"X-Forwarded-Proto: https", "X-Forwarded-Host: evil.example"}, "http://example.com"},
		{"trusted proxy", Config{TrustedProxies: []string{"192.0.2.0/24"}}, []string{"X-Forwarded-Proto: https"}, "https://example.com"},
		{"public url", Config{PublicURL: "https://news.example.org/"}, []string{"X-Forwarded-Proto: http"}, "https://news.example.org"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h, _ := newTestServer(t, linkStore{}, tt.cfg)
			rec := do(t, h, http.MethodGet, "/search.atom", nil, tt.headers...)
			feed, err := gofeed.NewParser().ParseString(rec.Body.String())
			if err != nil {
				t.Fatalf("parse the feed: %v\n%s", err, rec.Body)
			}
			if len(feed.Items) != 3 {
				t.Fatalf("got %d entries, want 3", len(feed.Items))
			}
			for _, item := range feed.Items {
				if !strings.HasPrefix(item.Link, tt.base+"/articles/") {
					t.Errorf("%s: got link %q, want it under %s", item.Title, item.Link, tt.base)
				}
			}
			for _, bad := range []string{"javascript:", "data:"} {
				if strings.Contains(rec.Body.String(), bad) {
					t.Errorf("the feed has a %s URL:\n%s", bad, rec.Body)
				}
			}
			if !strings.Contains(rec.Body.String(), `href="https://news.example/ferry"`) {
				t.Errorf("the feed lost the web page's URL:\n%s", rec.Body)
			}
		})
	}
	if _, err := NewServer(slog.New(slog.DiscardHandler), linkStore{}, fstest.MapFS{"index.html": {Data: []byte("x")}}, Config{PublicURL: "javascript:x"}); err == nil {
		t.Error("NewServer with public URL javascript:x: got no error")
	}
}
