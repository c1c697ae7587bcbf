package feeds

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/searchd/searchd/internal/index"
	"github.com/searchd/searchd/internal/ingest"
	"github.com/searchd/searchd/internal/news"
)

// fakeClock is a clock that moves only when told. Its After never fires for a positive wait.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	ch := make(chan time.Time, 1)
	if d <= 0 {
		ch <- c.Now()
	}
	return ch
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// recorder is an Indexer that keeps what it was given.
type recorder struct {
	mu    sync.Mutex
	calls [][]news.Article
	fail  error
}

func (r *recorder) AddArticles(_ context.Context, arts []news.Article) (index.LoadStats, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fail != nil {
		return index.LoadStats{}, r.fail
	}
	r.calls = append(r.calls, slices.Clone(arts))
	return index.LoadStats{Read: len(arts), Indexed: len(arts)}, nil
}

// titles returns the titles indexed by every call so far, call by call.
func (r *recorder) titles() [][]string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out [][]string
	for _, c := range r.calls {
		var ts []string
		for _, a := range c {
			ts = append(ts, a.Title)
		}
		out = append(out, ts)
	}
	return out
}

// site is a local news site with a feed at /feed.rss and article pages under /a/.
type site struct {
	*httptest.Server
	mu          sync.Mutex
	items       []string // article numbers in the feed, newest first
	etag        string
	status      int    // when non-zero, the feed answers this status
	retryAfter  string // Retry-After header with status
	feedGets    int
	notModified int
	lastINM     string
}

func newSite(t *testing.T) *site {
	t.Helper()
	s := &site{items: []string{"2", "1"}, etag: `"v1"`}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /feed.rss", s.feed)
	mux.HandleFunc("GET /a/1", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, pageOne)
	})
	mux.HandleFunc("GET /a/3", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, strings.NewReplacer("Quarry", "Quarry appeal", `href="/a/1"`, `href="/a/3"`).Replace(pageOne))
	})
	// /a/2 is missing: the poller falls back to the feed's text.
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

func (s *site) feed(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.feedGets++
	s.lastINM = r.Header.Get("If-None-Match")
	if s.status != 0 {
		if s.retryAfter != "" {
			w.Header().Set("Retry-After", s.retryAfter)
		}
		http.Error(w, "down", s.status)
		return
	}
	if s.lastINM == s.etag {
		s.notModified++
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("ETag", s.etag)
	w.Header().Set("Content-Type", "application/rss+xml")
	fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Hillside Gazette</title><link>`+s.URL+`</link>`)
	for _, n := range s.items {
		fmt.Fprintf(w, `<item><title>Story %s</title><link>%s/a/%s</link><guid>gazette-%s</guid>
<pubDate>Tue, 0%s Jun 2025 08:00:00 GMT</pubDate><description>&lt;p&gt;BRANTON — Feed text of story %s.&lt;/p&gt;</description></item>`, n, s.URL, n, n, n, n)
	}
	fmt.Fprint(w, `</channel></rss>`)
}

func (s *site) set(f func(s *site)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f(s)
}

func (s *site) counts() (gets, notModified int, inm string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.feedGets, s.notModified, s.lastINM
}

// pageOne is the article page of story 1, in a news site's markup.
const pageOne = `<!doctype html><html><head><title>Quarry expansion rejected | Hillside Gazette</title>
<link rel="canonical" href="/a/1">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Quarry expansion rejected",
"datePublished":"2025-06-01T07:30:00Z","author":{"@type":"Person","name":"Ines Calloway"},"publisher":{"@type":"Organization","name":"Hillside Gazette"}}</script>
</head><body><nav><a href="/">Home</a><a href="/news">News</a></nav>
<article><h1>Quarry expansion rejected</h1>
<p>BRANTON — County planners on Monday rejected a plan to double the size of the Branton quarry, citing dust and lorry traffic on the valley road.</p>
<p>"The valley has carried enough heavy traffic," said Ruth Abney, who chairs the planning committee, after a vote of seven to one.</p>
<p>The quarry's owner, Greyrock Aggregates, said it was considering an appeal and would study the committee's reasons before deciding.</p>
<div class="related"><a href="/x">Quarry dust study published last spring by the county health board</a></div>
</article><div id="comments"><p>Good decision, the lorries are a menace on that road every single morning.</p></div>
</body></html>`

func newPoller(t *testing.T, s *site, ix Indexer, store StateStore, clock Clock, opts Options) *Poller {
	t.Helper()
	opts.Client = s.Client()
	opts.Clock = clock
	opts.Rand = func() float64 { return 0.5 } // no jitter
	p, err := New([]Source{{URL: s.URL + "/feed.rss", Interval: 10 * time.Minute}}, ix, store, opts)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

var t0 = time.Date(2025, 6, 2, 12, 0, 0, 0, time.UTC)

func TestPollerIndexesNewEntriesOnce(t *testing.T) {
	s := newSite(t)
	ix := &recorder{}
	store := FileStore{Path: filepath.Join(t.TempDir(), "index.feeds.json")}
	clock := &fakeClock{now: t0}
	var outcomes []string
	p := newPoller(t, s, ix, store, clock, Options{OnPoll: func(feed, outcome string) {
		outcomes = append(outcomes, outcome)
	}})
	ctx := context.Background()

	next, ok := p.PollDue(ctx)
	if !ok || !next.Equal(t0.Add(10*time.Minute)) {
		t.Errorf("first poll: got next %v (ok %v), want %v", next, ok, t0.Add(10*time.Minute))
	}
	if got, want := ix.titles(), [][]string{{"Story 2", "Quarry expansion rejected"}}; !slices.EqualFunc(got, want, slices.Equal) {
		t.Fatalf("first poll indexed %q, want %q", got, want)
	}
	arts := ix.calls[0]
	// Story 2's page is missing: the feed's own text, with the feed's title as source.
	if a := arts[0]; a.Body != "BRANTON — Feed text of story 2." || a.Source != "Hillside Gazette" || a.URL != s.URL+"/a/2" {
		t.Errorf("story 2: got %#v, want the feed's version", a)
	}
	// Story 1's page is read with readability: body without nav, related links or comments.
	a := arts[1]
	wantBody := "BRANTON — County planners on Monday rejected a plan to double the size of the Branton quarry, citing dust and lorry traffic on the valley road.\n\n" +
		"\"The valley has carried enough heavy traffic,\" said Ruth Abney, who chairs the planning committee, after a vote of seven to one.\n\n" +
		"The quarry's owner, Greyrock Aggregates, said it was considering an appeal and would study the committee's reasons before deciding."
	if a.Body != wantBody {
		t.Errorf("story 1 body:\ngot  %q\nwant %q", a.Body, wantBody)
	}
	wantDate := time.Date(2025, 6, 1, 7, 30, 0, 0, time.UTC)
	if a.URL != s.URL+"/a/1" || a.ID != ingest.ID(news.Article{URL: s.URL + "/a/1"}) || !a.Date.Equal(wantDate) ||
		!slices.Equal(a.Authors, []string{"Ines Calloway"}) || a.Source != "Hillside Gazette" || a.Meta["guid"] != "gazette-1" {
		t.Errorf("story 1: got url %q id %q date %v authors %q source %q meta %v", a.URL, a.ID, a.Date, a.Authors, a.Source, a.Meta)
	}

	// Unchanged feed: a conditional GET, answered 304, indexes nothing.
	clock.Advance(10 * time.Minute)
	p.PollDue(ctx)
	if gets, nm, inm := s.counts(); gets != 2 || nm != 1 || inm != `"v1"` {
		t.Errorf("second poll: got %d GETs, %d 304s, If-None-Match %q; want 2, 1, \"v1\"", gets, nm, inm)
	}
	// Not due yet: no request.
	clock.Advance(time.Minute)
	p.PollDue(ctx)
	if gets, _, _ := s.counts(); gets != 2 {
		t.Errorf("poll before due: got %d GETs, want 2", gets)
	}
	if want := []string{PollOK, PollNotModified}; !slices.Equal(outcomes, want) {
		t.Errorf("OnPoll outcomes: got %q, want %q", outcomes, want)
	}
	// A new entry: only it is indexed.
	s.set(func(s *site) { s.items = []string{"3", "2", "1"}; s.etag = `"v2"` })
	clock.Advance(9 * time.Minute)
	p.PollDue(ctx)
	if got := ix.titles(); len(got) != 2 || !slices.Equal(got[1], []string{"Quarry appeal expansion rejected"}) {
		t.Errorf("third poll: got %q, want one new call with story 3", got)
	}
	st := p.Status()[0]
	if st.ItemsSeen != 3 || st.LastError != "" || st.LastSuccess == nil || !st.LastSuccess.Equal(t0.Add(20*time.Minute)) {
		t.Errorf("status: got %+v, want 3 items seen, no error, last success at +20m", st)
	}

	// Restart: the state file brings back the seen entries and the ETag.
	s.set(func(s *site) { s.etag = `"v3"` }) // same entries, new validator: a full 200 answer
	p2 := newPoller(t, s, ix, store, clock, Options{})
	clock.Advance(10 * time.Minute)
	p2.PollDue(ctx)
	if got := ix.titles(); len(got) != 2 {
		t.Errorf("after restart: got %d index calls, want still 2 (nothing new)", len(got))
	}
	if _, _, inm := s.counts(); inm != `"v2"` {
		t.Errorf("after restart: sent If-None-Match %q, want the saved \"v2\"", inm)
	}
	if st := p2.Status()[0]; st.ItemsSeen != 3 {
		t.Errorf("after restart: got %d items seen, want 3", st.ItemsSeen)
	}
	files, _ := os.ReadDir(filepath.Dir(store.Path))
	if len(files) != 1 {
		t.Errorf("state directory: got %d files, want only the state file (no temporaries)", len(files))
	}
}

func TestPollerBacksOff(t *testing.T) {
	s := newSite(t)
	s.set(func(s *site) { s.status = http.StatusInternalServerError })
	ix := &recorder{}
	clock := &fakeClock{now: t0}
	var errorPolls int
	p := newPoller(t, s, ix, FileStore{Path: filepath.Join(t.TempDir(), "state.json")}, clock,
		Options{RetryBase: time.Minute, MaxBackoff: 5 * time.Minute, OnPoll: func(_, outcome string) {
			if outcome == PollError {
				errorPolls++
			}
		}})
	ctx := context.Background()
	// Delays double from RetryBase and stop at MaxBackoff.
	for i, want := range []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute, 5 * time.Minute, 5 * time.Minute} {
		next, _ := p.PollDue(ctx)
		if got := next.Sub(clock.Now()); got != want {
			t.Errorf("failure %d: got retry in %v, want %v", i+1, got, want)
		}
		clock.Advance(want)
	}
	st := p.Status()[0]
	if st.Failures != 5 || !strings.Contains(st.LastError, "500 Internal Server Error") || st.LastSuccess != nil {
		t.Errorf("status after failures: got %+v, want 5 failures with the 500 error", st)
	}
	if errorPolls != 5 {
		t.Errorf("OnPoll error outcomes: got %d, want 5", errorPolls)
	}
	// The server asks for more time than the back-off.
	s.set(func(s *site) { s.status = http.StatusServiceUnavailable; s.retryAfter = "3600" })
	if next, _ := p.PollDue(ctx); next.Sub(clock.Now()) != time.Hour {
		t.Errorf("Retry-After 3600: got retry in %v, want 1h", next.Sub(clock.Now()))
	}
	clock.Advance(time.Hour)
	// Recovery resets the failures and goes back to the interval.
	s.set(func(s *site) { s.status = 0 })
	next, _ := p.PollDue(ctx)
	st = p.Status()[0]
	if st.Failures != 0 || st.LastError != "" || next.Sub(clock.Now()) != 10*time.Minute || st.ItemsSeen != 2 {
		t.Errorf("after recovery: got %+v next in %v, want no failures, 2 items, next in 10m", st, next.Sub(clock.Now()))
	}
}

func TestPollerJitter(t *testing.T) {
	p := &Poller{opts: Options{RetryBase: time.Minute, MaxBackoff: time.Hour}.withDefaults()}
	for _, r := range []float64{0, 0.25, 0.999} {
		p.opts.Rand = func() float64 { return r }
		got := p.backoff(3)
		lo, hi := time.Duration(float64(4*time.Minute)*(1-Jitter)), time.Duration(float64(4*time.Minute)*(1+Jitter))
		if got < lo || got > hi {
			t.Errorf("backoff(3) with rand %v: got %v, want within [%v, %v]", r, got, lo, hi)
		}
	}
}

func TestPollerIndexFailureRetriesEntries(t *testing.T) {
	s := newSite(t)
	ix := &recorder{fail: fmt.Errorf("disk full")}
	clock := &fakeClock{now: t0}
	p := newPoller(t, s, ix, FileStore{Path: filepath.Join(t.TempDir(), "state.json")}, clock, Options{})
	p.PollDue(context.Background())
	if st := p.Status()[0]; st.ItemsSeen != 0 || !strings.Contains(st.LastError, "disk full") {
		t.Errorf("index failure: got %+v, want no items seen and the error", st)
	}
	ix.mu.Lock()
	ix.fail = nil
	ix.mu.Unlock()
	clock.Advance(time.Hour)
	p.PollDue(context.Background())
	if got := ix.titles(); len(got) != 1 || len(got[0]) != 2 {
		t.Errorf("retry after index failure: got %q, want both entries indexed", got)
	}
}

func TestRunStopsWithContext(t *testing.T) {
	s := newSite(t)
	ix := &recorder{}
	clock := &fakeClock{now: t0}
	p := newPoller(t, s, ix, FileStore{Path: filepath.Join(t.TempDir(), "state.json")}, clock, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx) }()
	deadline := time.Now().Add(10 * time.Second)
	for p.Status()[0].LastPoll == nil {
		if time.Now().After(deadline) {
			t.Fatal("Run did not poll the feed")
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run: got %v, want nil", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
}

func TestStatusJSON(t *testing.T) {
	s := newSite(t)
	clock := &fakeClock{now: t0}
	p := newPoller(t, s, &recorder{}, FileStore{Path: filepath.Join(t.TempDir(), "state.json")}, clock, Options{})
	before, err := json.Marshal(p.Status())
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"url":"` + s.URL + `/feed.rss","interval":"10m0s","last_poll":null,"last_success":null,"last_error":"","failures":0,"items_seen":0,"next_poll":null}]`
	if string(before) != want {
		t.Errorf("status before polling:\ngot  %s\nwant %s", before, want)
	}
}

func TestNewRejectsBadSources(t *testing.T) {
	store := FileStore{Path: filepath.Join(t.TempDir(), "state.json")}
	for _, srcs := range [][]Source{{{URL: " "}}, {{URL: "http://a/feed"}, {URL: "http://a/feed"}}} {
		if _, err := New(srcs, &recorder{}, store, Options{}); err == nil {
			t.Errorf("New(%v): got nil error, want one", srcs)
		}
	}
	if err := os.WriteFile(store.Path, []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := New(nil, &recorder{}, store, Options{}); err == nil || !strings.Contains(err.Error(), "feed state") {
		t.Errorf("New with a corrupt state file: got %v, want a feed state error", err)
	}
}
