package web

import (
	"context"
	"net/http/httptest"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// newBrowserServer starts the server over the fixtures and a browser; it skips in -short mode.
func newBrowserServer(t *testing.T) (context.Context, *httptest.Server) {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	h, _ := newTestServer(t, newTestIndex(t), Config{})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	ctx, _ := newBrowser(t)
	return ctx, srv
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
