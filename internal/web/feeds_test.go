package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/searchd/searchd/internal/feeds"
)

func TestFeedStatusWithoutFeeds(t *testing.T) {
	h, _ := newTestServer(t, newTestIndex(t), Config{})
	rec := do(t, h, http.MethodGet, "/api/feeds", nil)
	if rec.Code != http.StatusOK || strings.TrimSpace(rec.Body.String()) != `{"feeds":[]}` {
		t.Errorf("GET /api/feeds without feeds: got %d %s, want 200 {\"feeds\":[]}", rec.Code, rec.Body)
	}
}

// TestFeedStatus polls a local feed that fails, and one that works, with a real Poller, and reads
// their state back through the API.
func TestFeedStatus(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /down.rss", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "gone fishing", http.StatusBadGateway)
	})
	mux.HandleFunc("GET /up.rss", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<rss version="2.0"><channel><title>Quay Post</title>
<item><title>Tide tables printed</title><guid>q1</guid><description>The harbour office printed the tables.</description></item>
</channel></rss>`))
	})
	site := httptest.NewServer(mux)
	defer site.Close()

	ix := newTestIndex(t)
	srcs := []feeds.Source{{URL: site.URL + "/down.rss", Interval: time.Hour}, {URL: site.URL + "/up.rss"}}
	p, err := feeds.New(srcs, ix, feeds.FileStore{Path: filepath.Join(t.TempDir(), "feeds.json")},
		feeds.Options{Client: site.Client(), Interval: 5 * time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	before := time.Now()
	p.PollDue(context.Background())

	h, _ := newTestServer(t, ix, Config{Feeds: p})
	var got feedsResponse
	decodeBody(t, do(t, h, http.MethodGet, "/api/feeds", nil), http.StatusOK, &got)
	if len(got.Feeds) != 2 {
		t.Fatalf("got %d feeds, want 2: %+v", len(got.Feeds), got)
	}
	down, up := got.Feeds[0], got.Feeds[1]
	if down.URL != srcs[0].URL || down.Interval != "1h0m0s" || down.LastPoll == nil || down.LastPoll.Before(before.Add(-time.Second)) ||
		down.LastSuccess != nil || !strings.Contains(down.LastError, "502 Bad Gateway") || down.Failures != 1 ||
		down.NextPoll == nil || !down.NextPoll.After(*down.LastPoll) {
		t.Errorf("failing feed: got %+v, want a poll, no success, the 502 error, one failure and a next poll", down)
	}
	if up.Interval != "5m0s" || up.LastSuccess == nil || up.LastError != "" || up.ItemsSeen != 1 ||
		up.NextPoll == nil || up.NextPoll.Sub(*up.LastPoll) != 5*time.Minute {
		t.Errorf("working feed: got %+v, want a success, 1 item and the next poll 5m later", up)
	}
	rec := do(t, h, http.MethodGet, "/api/search?q=tide", nil)
	if !strings.Contains(rec.Body.String(), "Tide tables printed") {
		t.Errorf("the feed's entry is not searchable: %s", rec.Body)
	}
}
