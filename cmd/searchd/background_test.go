package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestServeFeedsAndWatch runs `searchd serve` with a local feed and a watched folder: the feed's
// entry (read from its page) and a dropped HTML file become searchable, /api/feeds shows the
// feed, and the feed state is saved next to the index.
func TestServeFeedsAndWatch(t *testing.T) {
	page, err := os.ReadFile("../../internal/ingest/testdata/html/harbour.html")
	if err != nil {
		t.Fatal(err)
	}
	frost, err := os.ReadFile("../../internal/ingest/testdata/html/plain.htm")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /news/night-ferry", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write(page)
	})
	var site *httptest.Server
	mux.HandleFunc("GET /rss", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<rss version="2.0"><channel><title>The Coastal Ledger</title><item><title>Night ferry</title>
<link>` + site.URL + `/news/night-ferry</link><guid>nf</guid><description>Short teaser.</description></item></channel></rss>`))
	})
	site = httptest.NewServer(mux)
	defer site.Close()

	dir := t.TempDir()
	t.Chdir(dir)
	inbox := filepath.Join(dir, "inbox")
	if err := os.Mkdir(inbox, 0o755); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"SEARCHD_FEEDS_LIST": site.URL + "/rss", "SEARCHD_FEEDS_ALLOW_PRIVATE": "true", "SEARCHD_INDEX_LOAD_SAMPLE": "false", "SEARCHD_WATCH_DEBOUNCE": "100ms"}
	base := startServer(t, env, "--index", "idx", "--watch", inbox)

	if err := os.WriteFile(filepath.Join(inbox, "frost.htm"), frost, 0o644); err != nil {
		t.Fatal(err)
	}
	waitHits := func(q string) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for {
			var res searchResponse
			getJSON(t, base+"/api/search?q="+q, &res)
			if res.Total == 1 {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("search %q: got %d hits, want 1 within 20s", q, res.Total)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	waitHits("islanders") // only in the feed entry's page, not in the feed
	waitHits("blossom")   // the dropped file

	var status struct {
		Feeds []struct {
			URL       string `json:"url"`
			ItemsSeen int    `json:"items_seen"`
			LastError string `json:"last_error"`
		} `json:"feeds"`
	}
	if code := getJSON(t, base+"/api/feeds", &status); code != 200 || len(status.Feeds) != 1 ||
		status.Feeds[0].URL != site.URL+"/rss" || status.Feeds[0].ItemsSeen != 1 || status.Feeds[0].LastError != "" {
		t.Errorf("GET /api/feeds: got %d %+v, want the feed with 1 item and no error", code, status)
	}
	// The poller saves its state after the poll that indexed the entry; allow it a moment.
	statePath := filepath.Join(dir, "idx.feeds.json")
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		_, err := os.Stat(statePath)
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Errorf("feed state next to the index: %v", err)
			break
		}
	}
}
