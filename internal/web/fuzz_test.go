package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"testing"

	"github.com/searchd/searchd/internal/index"
)

// FuzzSearchRequest sends arbitrary query strings to GET /api/search over a real index: every
// answer is 200 with results, or a 4xx/503 with a JSON error message; never a 500 or a panic.
// It covers the HTTP parameter parsing here and the query-string rewriting, cursor decoding and
// search in internal/index.
func FuzzSearchRequest(f *testing.F) {
	for _, s := range []string{
		"q=ferry", "q=ferry+strike&speaker=James+Whitlow&sort=-date&size=2", "q=title:harbour+-strike",
		"q=%22ferry+strike%22~2&since=2024-01-01&until=2024-12-31", "q=fer*&location=Dover&source=Wire+Service",
		"q=/fe.ry/", "q=ferri~1", "q=date:>=%222024-02-01%22", "q=harbour^3+port", "sort=date&size=1&after=AWQCEAA",
		"q=(a+b", "q=speaker:", "q=%2B%2B%2B", "size=-1", "after=%00%01", "q=%ff%fe",
	} {
		f.Add(s)
	}
	h, _ := newTestServer(f, newTestIndex(f), Config{})
	f.Fuzz(func(t *testing.T, raw string) {
		req := httptest.NewRequest(http.MethodGet, "/api/search", nil)
		req.URL.RawQuery = raw
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		switch {
		case rec.Code == http.StatusOK:
			var res index.Results
			if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
				t.Fatalf("?%s: 200 with a body that is not Results: %v", raw, err)
			}
			if uint64(len(res.Hits)) > res.Total {
				t.Fatalf("?%s: %d hits but total %d", raw, len(res.Hits), res.Total)
			}
		case rec.Code >= 400 && rec.Code < 500, rec.Code == http.StatusServiceUnavailable:
			var e errorBody
			if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Error == "" {
				t.Fatalf("?%s: %d without an error message: %s", raw, rec.Code, rec.Body)
			}
		default:
			t.Fatalf("?%s: got status %d (%s), want 200, 4xx or 503", raw, rec.Code, rec.Body)
		}
	})
}

// FuzzParseQuery checks the parameter parser alone: it never panics, and a query it accepts is
// within the documented ranges.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"q=a&size=5&sort=date", "since=2024-02-30", "until=2024-01-01&since=2024-01-02", "size=99999999999999999999", "speaker=+&speaker=A"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		q, err := parseQuery(v)
		if err != nil {
			return
		}
		if q.Size < 1 || q.Size > index.MaxSize {
			t.Errorf("?%s: accepted size %d", raw, q.Size)
		}
		if q.Sort != index.SortRelevance && q.Sort != index.SortDate && q.Sort != index.SortDateDesc {
			t.Errorf("?%s: accepted sort %q", raw, q.Sort)
		}
		if !q.Since.IsZero() && !q.Until.IsZero() && q.Until.Before(q.Since) {
			t.Errorf("?%s: accepted until %v before since %v", raw, q.Until, q.Since)
		}
		for _, s := range slices.Concat(q.Speakers, q.Locations, q.Places, q.Sources) {
			if s == "" {
				t.Errorf("?%s: accepted an empty filter value", raw)
			}
		}
	})
}

// TestFuzzSeeds checks that the committed seed corpora are there, so that a plain go test runs
// them through the targets.
func TestFuzzSeeds(t *testing.T) {
	for _, name := range []string{"FuzzSearchRequest", "FuzzParseQuery"} {
		if ents, err := os.ReadDir("testdata/fuzz/" + name); err != nil || len(ents) == 0 {
			t.Errorf("%s: got no seed corpus under testdata/fuzz (%v)", name, err)
		}
	}
}
