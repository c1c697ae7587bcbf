package web

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"github.com/searchd/searchd/internal/index"
	"github.com/searchd/searchd/internal/metrics"
	"github.com/searchd/searchd/internal/metrics/metricstest"
	"github.com/searchd/searchd/web"
)

// scrape fetches /metrics from h and parses it with the Prometheus text parser.
func scrape(tb testing.TB, h http.Handler) map[string]*dto.MetricFamily {
	tb.Helper()
	rec := do(tb, h, http.MethodGet, "/metrics", nil)
	if rec.Code != http.StatusOK {
		tb.Fatalf("GET /metrics: got status %d, want 200", rec.Code)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		tb.Fatalf("GET /metrics: got Content-Type %q, want text/plain", ct)
	}
	fams, err := metricstest.Parse(rec.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return fams
}

// labelValues returns the values label takes in family name.
func labelValues(fams map[string]*dto.MetricFamily, name, label string) []string {
	var out []string
	if f := fams[name]; f != nil {
		for _, m := range f.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == label {
					out = append(out, l.GetValue())
				}
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// newMetricsServer is a test server with metrics and the documents gauge. Ingest outcomes other
// than skipped are counted by the index's Observer, tested in cmd/searchd where it is wired.
func newMetricsServer(t *testing.T) http.Handler {
	t.Helper()
	ix := newTestIndex(t)
	m, err := metrics.New(prometheus.NewRegistry())
	if err != nil {
		t.Fatal(err)
	}
	if err := m.RegisterIndex(ix.Count); err != nil {
		t.Fatal(err)
	}
	h, _ := newTestServer(t, ix, Config{APIKey: testKey, Metrics: m})
	return h
}

// TestMetrics sends requests to the real server and checks the scraped series and labels.
func TestMetrics(t *testing.T) {
	h := newMetricsServer(t)
	requests := []struct {
		method, target string
		body           string
		header         []string
		want           int
	}{
		{"GET", "/api/search?q=ferry", "", nil, 200},
		{"GET", "/api/search?q=ferry&size=1", "", nil, 200},
		{"GET", "/api/search?q=colour%3Ablue", "", nil, 400},
		{"GET", "/api/search?size=0", "", nil, 400},
		{"GET", "/api/articles/gazette/orchard", "", nil, 200},
		{"GET", "/api/articles/bbc%2Ftech%2F001", "", nil, 200},
		{"GET", "/api/nothing/here", "", nil, 404},
		{"PUT", "/api/search", "", nil, 405},
		{"BREW", "/api/search", "", nil, 405},
		{"POST", "/api/articles", `[{"id":"m-1","title":"Quay","body":"The quay reopened."},{"title":5}]`,
			[]string{"Authorization: Bearer " + testKey, "Content-Type: application/json"}, 200},
		{"POST", "/api/articles", `{"title":"x"}`, nil, 401},
	}
	for _, r := range requests {
		var body io.Reader
		if r.body != "" {
			body = strings.NewReader(r.body)
		}
		if rec := do(t, h, r.method, r.target, body, r.header...); rec.Code != r.want {
			t.Fatalf("%s %s: got status %d, want %d; body %s", r.method, r.target, rec.Code, r.want, rec.Body)
		}
	}
	fams := scrape(t, h)

	tests := []struct {
		name   string
		labels map[string]string
		want   float64
	}{
		{"searchd_http_requests_total", map[string]string{"route": "/api/search", "method": "GET", "status": "200"}, 2},
		{"searchd_http_requests_total", map[string]string{"route": "/api/search", "method": "GET", "status": "400"}, 2},
		{"searchd_http_requests_total", map[string]string{"route": "/api/articles/*", "method": "GET", "status": "200"}, 2},
		{"searchd_http_requests_total", map[string]string{"route": "unmatched", "method": "GET", "status": "404"}, 1},
		{"searchd_http_requests_total", map[string]string{"route": "/api/search", "method": "PUT", "status": "405"}, 1},
		{"searchd_http_requests_total", map[string]string{"route": "/api/search", "method": "other", "status": "405"}, 1},
		{"searchd_http_requests_total", map[string]string{"route": "/api/articles", "method": "POST", "status": "200"}, 1},
		{"searchd_http_requests_total", map[string]string{"route": "/api/articles", "method": "POST", "status": "401"}, 1},
		{"searchd_http_request_duration_seconds", map[string]string{"route": "/api/search", "method": "GET", "status": "200"}, 2},
		{"searchd_search_duration_seconds", map[string]string{"endpoint": "search", "outcome": "ok"}, 2},
		{"searchd_search_duration_seconds", map[string]string{"endpoint": "search", "outcome": "bad_query"}, 1}, // size=0 never reaches the index
		{"searchd_search_duration_seconds", map[string]string{"endpoint": "search", "outcome": "timeout"}, 0},
		{"searchd_ingest_articles_total", map[string]string{"outcome": "skipped"}, 1},
		{"searchd_index_documents", map[string]string{}, float64(len(fixtureDocs()) + 1)},
	}
	for _, tt := range tests {
		got, ok := metricstest.Value(fams, tt.name, tt.labels)
		if !ok {
			t.Errorf("%s%v: no such series; routes seen: %v", tt.name, tt.labels, labelValues(fams, "searchd_http_requests_total", "route"))
			continue
		}
		if got != tt.want {
			t.Errorf("%s%v: got %v, want %v", tt.name, tt.labels, got, tt.want)
		}
	}

	// Raw paths must never become label values: only route patterns and "unmatched".
	for _, route := range labelValues(fams, "searchd_http_requests_total", "route") {
		if route != metrics.UnmatchedRoute && !strings.HasPrefix(route, "/") || strings.Contains(route, "orchard") || strings.Contains(route, "nothing") {
			t.Errorf("got route label %q, want a route pattern", route)
		}
	}
	for _, name := range []string{"go_goroutines", "go_memstats_heap_inuse_bytes", "process_resident_memory_bytes", "go_build_info"} {
		if _, ok := fams[name]; !ok {
			t.Errorf("no %s in /metrics", name)
		}
	}
	if f := fams["searchd_http_request_duration_seconds"]; f == nil || f.GetType() != dto.MetricType_HISTOGRAM {
		t.Errorf("searchd_http_request_duration_seconds: got %v, want a histogram", f.GetType())
	}
}

// TestSearchMetricsEveryEndpoint checks that every search-shaped endpoint records its searches
// in searchd_search_duration_seconds, by endpoint and outcome: only /api/search did.
func TestSearchMetricsEveryEndpoint(t *testing.T) {
	h := newMetricsServer(t)
	for _, tt := range []struct {
		target, endpoint, outcome string
	}{
		{"/api/search?q=ferry", metrics.EndpointSearch, metrics.SearchOK},
		{"/api/quotes?q=ferry", metrics.EndpointQuotes, metrics.SearchOK},
		{"/api/quotes?q=colour%3Ablue", metrics.EndpointQuotes, metrics.SearchBadQuery},
		{"/search.atom?q=ferry", metrics.EndpointAtom, metrics.SearchOK},
		{"/api/speakers?prefix=a", metrics.EndpointSuggest, metrics.SearchOK},
		{"/api/speakers/Nobody%20Atall", metrics.EndpointSpeaker, metrics.SearchNotFound},
		{"/api/related/gazette/orchard", metrics.EndpointRelated, metrics.SearchOK},
		{"/api/related/none", metrics.EndpointRelated, metrics.SearchNotFound},
	} {
		do(t, h, http.MethodGet, tt.target, nil)
		labels := map[string]string{"endpoint": tt.endpoint, "outcome": tt.outcome}
		if got, ok := metricstest.Value(scrape(t, h), "searchd_search_duration_seconds", labels); !ok || got < 1 {
			t.Errorf("GET %s: searchd_search_duration_seconds%v: got %v (series found: %v), want at least 1", tt.target, labels, got, ok)
		}
	}
}

// TestNoMetricsRoute checks that a server without metrics has no /metrics route.
func TestNoMetricsRoute(t *testing.T) {
	h, _ := newTestServer(t, newTestIndex(t), Config{})
	if rec := do(t, h, http.MethodGet, "/metrics", nil); rec.Code != http.StatusNotFound {
		t.Errorf("GET /metrics without metrics: got status %d, want 404", rec.Code)
	}
}

func TestRequestID(t *testing.T) {
	long := strings.Repeat("a", 129)
	tests := []struct {
		name, sent string
		keep       bool // the server answers with the id sent
	}{
		{"none", "", false},
		{"sane", "req-42.a:b/c+d=e_f", true},
		{"uuid", "0b7f6f0e-7c1a-4c1e-9d39-2f1c2a6f6c11", true},
		{"128 chars", long[:128], true},
		{"too long", long, false},
		{"space", "two words", false},
		{"quote", `a"b`, false},
		{"newline", "a\nlevel=ERROR", false},
		{"non-ASCII", "idé", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, logs := newTestServer(t, newTestIndex(t), Config{})
			req := httptest.NewRequest(http.MethodGet, "/api/articles/no-such-id", nil)
			if tt.sent != "" {
				req.Header.Set(HeaderRequestID, tt.sent)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			got := rec.Header().Get(HeaderRequestID)
			switch {
			case tt.keep && got != tt.sent:
				t.Errorf("got X-Request-ID %q, want the client's %q", got, tt.sent)
			case !tt.keep && (got == tt.sent || !saneRequestID(got) || len(got) < 16):
				t.Errorf("got X-Request-ID %q, want a new random id", got)
			}
			// The request line is logged with the id.
			if l := logs.String(); !strings.Contains(l, "request_id="+got+"\n") && !strings.Contains(l, "request_id="+strconv.Quote(got)+"\n") {
				t.Errorf("got logs %q, want request_id=%s in them", logs, got)
			}
		})
	}
	// Two requests without an id get different ids.
	h, _ := newTestServer(t, newTestIndex(t), Config{})
	a := do(t, h, http.MethodGet, "/healthz", nil).Header().Get(HeaderRequestID)
	b := do(t, h, http.MethodGet, "/healthz", nil).Header().Get(HeaderRequestID)
	if a == b {
		t.Errorf("got the same id %q for two requests, want different ones", a)
	}
}

// TestRequestIDInHandlerLogs checks that lines logged inside a handler, and by the index it
// calls, carry the request's id: the id travels in the request context.
func TestRequestIDInHandlerLogs(t *testing.T) {
	logs := &syncBuffer{}
	logger := slog.New(slog.NewJSONHandler(logs, nil))
	ix := newTestIndex(t)
	s, err := NewServer(logger, ix, web.Assets(), Config{APIKey: testKey})
	if err != nil {
		t.Fatal(err)
	}
	body := `{"id":"rid-1","title":"Quay reopens","body":"The quay reopened on Monday."}`
	rec := do(t, s.Handler(), http.MethodPost, "/api/articles", strings.NewReader(body),
		"Authorization: Bearer "+testKey, "Content-Type: application/json", HeaderRequestID+": trace-7")
	if rec.Code != http.StatusOK {
		t.Fatalf("got status %d, want 200; body %s", rec.Code, rec.Body)
	}
	var msgs []string
	for line := range bytes.Lines([]byte(logs.String())) {
		if bytes.Contains(line, []byte(`"request_id":"trace-7"`)) {
			msgs = append(msgs, string(line))
		}
	}
	for _, want := range []string{`"msg":"articles added"`, `"msg":"request"`} {
		if !slices.ContainsFunc(msgs, func(l string) bool { return strings.Contains(l, want) }) {
			t.Errorf("no line with %s and request_id trace-7; logs:\n%s", want, logs)
		}
	}
}

func TestTrustedProxies(t *testing.T) {
	tests := []struct {
		name    string
		trusted []string
		peer    string
		xff     string
		want    string
	}{
		{"no proxies: header ignored", nil, "192.0.2.1:1234", "203.0.113.9", "192.0.2.1"},
		{"trusted proxy", []string{"192.0.2.0/24"}, "192.0.2.1:1234", "203.0.113.9", "203.0.113.9"},
		{"untrusted peer", []string{"10.0.0.0/8"}, "192.0.2.1:1234", "203.0.113.9", "192.0.2.1"},
		{"spoofed chain", []string{"192.0.2.0/24"}, "192.0.2.1:1234", "1.2.3.4, 203.0.113.9", "203.0.113.9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, logs := newTestServer(t, newTestIndex(t), Config{TrustedProxies: tt.trusted})
			req := httptest.NewRequest(http.MethodGet, "/healthz", nil)
			req.RemoteAddr = tt.peer
			req.Header.Set("X-Forwarded-For", tt.xff)
			h.ServeHTTP(httptest.NewRecorder(), req)
			if !strings.Contains(logs.String(), "remote="+tt.want+" ") {
				t.Errorf("got logs %q, want remote=%s", logs, tt.want)
			}
		})
	}
	if _, err := NewServer(slog.New(slog.DiscardHandler), newTestIndex(t), web.Assets(), Config{TrustedProxies: []string{"localhost"}}); err == nil {
		t.Errorf("NewServer with trusted proxy %q: got no error, want one", "localhost")
	}
}

// TestTimedOutSearchLogsQueryOnce checks that a search that runs out of time names its query
// once in each log line: the handler wrapped the index's error, which names the query, with the
// query again, so a 500-word query filled the "request timed out" line twice over.
func TestTimedOutSearchLogsQueryOnce(t *testing.T) {
	ix, err := index.Open(filepath.Join(t.TempDir(), "index"), nil, index.Options{SearchTimeout: time.Nanosecond}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	h, logs := newTestServer(t, ix, Config{})
	const word = "quixotically"
	for _, target := range []string{"/api/search?q=", "/api/quotes?q=", "/search.atom?q="} {
		t.Run(target, func(t *testing.T) {
			seen := len(logs.String())
			if rec := do(t, h, http.MethodGet, target+word, nil); rec.Code != http.StatusServiceUnavailable {
				t.Fatalf("got status %d, want 503 (the search timeout is 1 ns)", rec.Code)
			}
			timedOut := false
			for line := range strings.Lines(logs.String()[seen:]) {
				if n := strings.Count(line, word); n > 1 {
					t.Errorf("log line names the query %d times, want once: %s", n, line)
				}
				timedOut = timedOut || strings.Contains(line, "request timed out")
			}
			if !timedOut {
				t.Errorf("got logs:\n%s\nwant a line 'request timed out'", logs.String()[seen:])
			}
		})
	}
}
