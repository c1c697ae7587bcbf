package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/searchd/searchd/internal/index"
)

// busyIndex is a real index whose article searches find every slot busy, as a costly search
// does when other searches keep the slots (index.ErrBusy).
type busyIndex struct{ *index.Index }

func (b busyIndex) Search(_ context.Context, q index.Query) (*index.Results, error) {
	return nil, fmt.Errorf("search %q: %w", q.Q, index.ErrBusy)
}

// TestBusyIs503WithRetryAfter checks that a costly search that found no slot is answered 503
// with Retry-After and a message that says why, and that other endpoints are unaffected.
func TestBusyIs503WithRetryAfter(t *testing.T) {
	h, _ := newTestServer(t, busyIndex{newTestIndex(t)}, Config{})
	rec := do(t, h, http.MethodGet, "/api/search?q="+url.QueryEscape("-a* -b* -c* -d* -e*"), nil)
	if rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("busy search: got status %d, want 503; body %s", rec.Code, rec.Body)
	}
	if got, want := rec.Header().Get("Retry-After"), fmt.Sprint(busyRetryAfter); got != want {
		t.Errorf("busy search: got Retry-After %q, want %q", got, want)
	}
	var body errorBody
	decodeBody(t, rec, http.StatusServiceUnavailable, &body)
	if body.Error == "" || body.Error == "internal error" {
		t.Errorf("busy search: got error %q, want one that says the query is costly", body.Error)
	}
	if rec := do(t, h, http.MethodGet, "/api/quotes?q=budget", nil); rec.Code != http.StatusOK {
		t.Errorf("quote search beside a busy one: got status %d, want 200", rec.Code)
	}
}
