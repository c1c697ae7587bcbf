package web

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkSearchHandler measures GET /api/search through the Echo stack (parameter parsing,
// the index search with facets, JSON encoding) over the fixture index.
func BenchmarkSearchHandler(b *testing.B) {
	h, _ := newTestServer(b, newTestIndex(b), Config{})
	targets := []string{
		"/api/search?q=ferry",
		"/api/search?q=ferry&speaker=James+Whitlow&sort=-date",
		"/api/search?since=2024-01-01&until=2024-03-31&size=5",
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, targets[i%len(targets)], nil))
		if rec.Code != http.StatusOK {
			b.Fatalf("got status %d: %s", rec.Code, rec.Body)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}
