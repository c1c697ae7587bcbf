package web

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// axeViolation is one rule that axe-core found broken on a page.
type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// runAxe runs axe-core (vendored in testdata/axe) on the page shown in ctx and returns its
// violations.
func runAxe(t *testing.T, ctx context.Context) []axeViolation {
	t.Helper()
	src, err := os.ReadFile("testdata/axe/axe.min.js")
	if err != nil {
		t.Fatalf("read axe-core: %v", err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](string(src)+"\n;typeof axe === 'object'")); err != nil {
		t.Fatalf("load axe-core: %v", err)
	}
	v, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](`axe.run(document, {resultTypes: ['violations']}).then((r) =>
		r.violations.map((v) => ({id: v.id, impact: v.impact || '', help: v.help,
			nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' ' + n.html.slice(0, 120))})))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("run axe-core: %v", err)
	}
	return v
}

// a11yPages are the five kinds of page the accessibility checks visit, with the condition that
// tells each has finished loading.
var a11yPages = []struct{ name, path, ready string }{
	{"home", "/", searchDone + ` && document.querySelectorAll('#results .hit').length > 0`},
	{"results", "/?q=ferry", searchDone + ` && document.querySelectorAll('#results .hit').length > 0`},
	{"quotes", "/?tab=quotes", searchDone + ` && document.querySelectorAll('#results .quote-hit').length > 0`},
	{"article", "/articles/reuters21578/1", `document.querySelectorAll('#speakers .speaker-card').length > 0 && !document.querySelector('#related').hidden`},
	{"speaker", "/speakers/" + url.PathEscape("James Whitlow"), `!document.querySelector('#speaker-view').hidden && !document.querySelector('#speaker-view').hasAttribute('aria-busy')`},
}

func TestBrowserAxe(t *testing.T) {
	ctx, srv := newBrowserServer(t)
	screens := []struct {
		name   string
		w, h   int64
		mobile bool
		scheme string
	}{
		{"desk", 1366, 900, false, "light"},
		{"phone", phoneW, phoneH, true, "light"},
		{"desk-dark", 1366, 900, false, "dark"},
	}
	for _, sc := range screens {
		setViewport(t, ctx, sc.w, sc.h, sc.mobile)
		media := emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: sc.scheme}}}
		if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, media)
			return err
		})); err != nil {
			t.Fatalf("color scheme %s: %v", sc.scheme, err)
		}
		for _, p := range a11yPages {
			open(t, ctx, srv.URL, p.path, p.ready)
			violations := runAxe(t, ctx)
			t.Logf("%s %s: %d axe violations", sc.name, p.name, len(violations))
			for _, v := range violations {
				t.Errorf("%s %s (%s): axe %s (%s): %s\n\t%s", sc.name, p.name, p.path, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t"))
			}
		}
	}
	// The filters, opened on a phone, are checked too.
	setViewport(t, ctx, phoneW, phoneH, true)
	open(t, ctx, srv.URL, "/?q=ferry", a11yPages[1].ready)
	if err := chromedp.Do(ctx, chromedp.Click("#filters-toggle")); err != nil {
		t.Fatal(err)
	}
	for _, v := range runAxe(t, ctx) {
		t.Errorf("phone filters: axe %s (%s): %s\n\t%s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t"))
	}
}

// tabsTo presses Tab until the element matching sel has the focus, and returns how many
// presses it took (or -1 after max).
func tabsTo(t *testing.T, ctx context.Context, sel string, max int) int {
	t.Helper()
	for i := 1; i <= max; i++ {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatalf("press Tab: %v", err)
		}
		if eval[bool](t, ctx, fmt.Sprintf(`document.activeElement === document.querySelector(%q)`, sel)) {
			return i
		}
	}
	return -1
}

func TestBrowserKeyboard(t *testing.T) {
	ctx, srv := newBrowserServer(t)
	const firstResult = `#results .hit a.title`

	// The first result is within ten Tab presses on a desk and on a phone, and the first press
	// reaches the skip link.
	for _, sc := range deskAndPhone {
		setViewport(t, ctx, sc.w, sc.h, sc.mobile)
		open(t, ctx, srv.URL, "/?q=ferry", a11yPages[1].ready)
		n := tabsTo(t, ctx, firstResult, 40) // from the top of a freshly loaded page
		y := eval[float64](t, ctx, firstResultTop)
		t.Logf("%s: %d Tab presses to the first result, whose top is at y=%.0f", sc.name, n, y)
		if n < 1 || n > 10 {
			t.Errorf("%s: %d Tab presses to the first result, want 1 to 10", sc.name, n)
		}
		open(t, ctx, srv.URL, "/?q=ferry", a11yPages[1].ready)
		if got := tabsTo(t, ctx, ".skip-link", 1); got != 1 {
			t.Errorf("%s: the first Tab does not reach the skip link", sc.name)
		}
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, "the skip link's target", `document.activeElement.id === 'results-heading'`)
		// From the results heading, the next stops are the tabs, the toolbar and the first result.
		if n := tabsTo(t, ctx, firstResult, 10); n < 1 {
			t.Errorf("%s: the first result is not within 10 Tab presses of the skip link's target", sc.name)
		}
	}
	setViewport(t, ctx, 1366, 900, false)

	// "/" goes to the search box, but types a slash inside a field.
	open(t, ctx, srv.URL, "/?q=ferry", a11yPages[1].ready)
	eval[bool](t, ctx, `(() => { document.activeElement.blur(); return true; })()`)
	pressSlash(t, ctx)
	if got := eval[string](t, ctx, `document.activeElement.id + '|' + document.querySelector('#q').value`); got != "q|ferry" {
		t.Errorf("after /: focus and search box %q, want q|ferry", got)
	}
	eval[bool](t, ctx, `(() => { const q = document.querySelector('#q'); q.setSelectionRange(q.value.length, q.value.length); return true; })()`)
	pressSlash(t, ctx)
	if got := eval[string](t, ctx, `document.querySelector('#q').value`); got != "ferry/" {
		t.Errorf("/ typed in the search box: got %q, want ferry/", got)
	}

	// The timeline is a list box: End picks the last bar, Shift+Left widens the span to the one
	// before, Enter narrows the search to that span.
	open(t, ctx, srv.URL, "/", searchDone+` && document.querySelectorAll('#timeline [role=option]').length > 1`)
	bars := eval[[]barView](t, ctx, readBarsJS)
	if err := chromedp.Do(ctx, chromedp.Focus(`#timeline svg`), chromedp.KeyEvent(kb.End), chromedp.KeyEvent(kb.ArrowLeft, chromedp.KeyModifiers(chromedp.ModifierShift))); err != nil {
		t.Fatal(err)
	}
	sel := eval[[]string](t, ctx, `[...document.querySelectorAll('#timeline [role=option][aria-selected=true]')].map((g) => g.id)`)
	if len(sel) != 2 {
		t.Errorf("timeline after End and Shift+Left: %d bars selected %v, want 2", len(sel), sel)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	lo, hi := bars[len(bars)-2], bars[len(bars)-1]
	st := readSearchPage(t, ctx, `new URLSearchParams(location.search).get('since') === '`+lo.From+`'`)
	q, _ := url.ParseQuery(strings.TrimPrefix(st.Search, "?"))
	if q.Get("until") != dayBefore(t, hi.To) || st.Total != fmt.Sprint(lo.Count+hi.Count) {
		t.Errorf("timeline Enter: got %s with total %s, want until=%s and %d", st.Search, st.Total, dayBefore(t, hi.To), lo.Count+hi.Count)
	}
	// The focus stays on the chart, or goes to the results when a span too short for a chart is shown.
	if focus := eval[string](t, ctx, `document.activeElement === document.querySelector('#timeline svg') ? 'chart' : document.activeElement.id`); focus != "chart" && focus != "results-heading" {
		t.Errorf("timeline Enter: the focus went to %q, want it on the chart or the results heading", focus)
	}

	// The type-ahead is a combobox: Down picks a name, Enter filters on it.
	open(t, ctx, srv.URL, "/", searchDone)
	if err := chromedp.Do(ctx, chromedp.SendKeys("#speaker-filter", "whit")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "suggestions", `document.querySelector('#speaker-filter').getAttribute('aria-expanded') === 'true' && document.querySelectorAll('#speaker-suggest [role=option][data-value]').length > 0`)
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown)); err != nil {
		t.Fatal(err)
	}
	if got := eval[string](t, ctx, `(() => { const id = document.querySelector('#speaker-filter').getAttribute('aria-activedescendant'); return id ? document.getElementById(id).dataset.value : ''; })()`); got != "James Whitlow" {
		t.Errorf("type-ahead after Down: active option %q, want James Whitlow", got)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	readSearchPage(t, ctx, `new URLSearchParams(location.search).get('speaker') === 'James Whitlow'`)
}

// pressSlash presses and releases "/" as a keyboard does: one keyDown that carries the text,
// so that a handler that prevents the keydown's default keeps the slash out of any field.
func pressSlash(t *testing.T, ctx context.Context) {
	t.Helper()
	down := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyDown, Key: "/", Code: "Slash", Text: "/", UnmodifiedText: "/", WindowsVirtualKeyCode: 191, NativeVirtualKeyCode: 191}
	up := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyUp, Key: "/", Code: "Slash", WindowsVirtualKeyCode: 191, NativeVirtualKeyCode: 191}
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, input.DispatchKeyEvent, down); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, input.DispatchKeyEvent, up)
		return err
	})); err != nil {
		t.Fatalf("press /: %v", err)
	}
}
