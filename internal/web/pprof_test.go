package web

import (
	"net/http"
	"strings"
	"testing"
)

// TestPprof: the profiles exist only when configured, and only for the API key's holder.
func TestPprof(t *testing.T) {
	ix := newTestIndex(t)
	off, _ := newTestServer(t, ix, Config{APIKey: testKey})
	on, _ := newTestServer(t, ix, Config{APIKey: testKey, Pprof: true})
	auth := "Authorization: Bearer " + testKey
	for _, tc := range []struct {
		name   string
		h      http.Handler
		target string
		header []string
		code   int
		body   string
	}{
		{"off", off, "/debug/pprof/", []string{auth}, http.StatusNotFound, ""},
		{"no key", on, "/debug/pprof/", nil, http.StatusUnauthorized, "API key"},
		{"wrong key", on, "/debug/pprof/heap", []string{"Authorization: Bearer nope"}, http.StatusUnauthorized, "API key"},
		{"index", on, "/debug/pprof/", []string{auth}, http.StatusOK, "goroutine"},
		{"heap", on, "/debug/pprof/heap?debug=1", []string{auth}, http.StatusOK, "heap profile"},
		{"goroutines", on, "/debug/pprof/goroutine?debug=1", []string{auth}, http.StatusOK, "goroutine profile"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := do(t, tc.h, http.MethodGet, tc.target, nil, tc.header...)
			if rec.Code != tc.code {
				t.Fatalf("GET %s: got %d, want %d: %s", tc.target, rec.Code, tc.code, rec.Body)
			}
			if !strings.Contains(rec.Body.String(), tc.body) {
				t.Errorf("GET %s: body does not contain %q: %.200s", tc.target, tc.body, rec.Body)
			}
		})
	}
}
