package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/searchd/searchd/internal/sharedtest"
)

// syncBuffer is a bytes.Buffer safe for the concurrent writes of a running server.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var listenRE = regexp.MustCompile(`url=(http://\S+)`)

// startServer runs `searchd serve` through run on a free port and returns its base URL. The server
// stops, and run's error is checked, when the test ends.
func startServer(t *testing.T, env map[string]string, args ...string) string {
	t.Helper()
	base, _ := startServerLogs(t, env, args...)
	return base
}

// startServerLogs is startServer that also returns the server's log.
func startServerLogs(t *testing.T, env map[string]string, args ...string) (string, *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stderr := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), nil, &bytes.Buffer{}, stderr, func(k string) string { return env[k] })
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve returned %v; log:\n%s", err, stderr)
			}
		case <-time.After(30 * time.Second):
			t.Errorf("serve did not stop within 30s after cancel")
		}
	})
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if m := listenRE.FindStringSubmatch(stderr.String()); m != nil {
			return m[1], stderr
		}
		select {
		case err := <-done:
			t.Fatalf("serve exited early: %v; log:\n%s", err, stderr)
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("server did not report its address; log:\n%s", stderr)
	return "", nil
}

type searchResponse struct {
	Total uint64 `json:"total"`
	Hits  []struct {
		ID       string   `json:"id"`
		Speakers []string `json:"speakers"`
	} `json:"hits"`
	Facets map[string][]struct {
		Value string `json:"value"`
		Count int    `json:"count"`
	} `json:"facets"`
}

func getJSON(t *testing.T, u string, v any) int {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: decode: %v", u, err)
	}
	return resp.StatusCode
}

// TestServeLoadsSampleCorpus is the README's first command end to end: an empty index directory,
// the embedded sample corpus loaded on start, searchable over HTTP, and a clean shutdown.
func TestServeLoadsSampleCorpus(t *testing.T) {
	t.Chdir(t.TempDir())
	base, logs := startServerLogs(t, nil, "--index", "idx")
	// The warm-up search runs before the server reports its address.
	if log := logs.String(); !strings.Contains(log[:strings.Index(log, "url=")], "warmed up") {
		t.Errorf("no warm-up before listening; log:\n%s", log)
	}

	var health struct {
		Status   string `json:"status"`
		Articles int    `json:"articles"`
	}
	if code := getJSON(t, base+"/healthz", &health); code != 200 || health.Status != "ok" {
		t.Fatalf("healthz: got %d %+v, want 200 ok", code, health)
	}
	if health.Articles < 36 {
		t.Errorf("sample corpus: got %d articles, want at least 36", health.Articles)
	}
	var all searchResponse
	getJSON(t, base+"/api/search", &all)
	if int(all.Total) != health.Articles {
		t.Errorf("match-all total: got %d, want %d", all.Total, health.Articles)
	}
	if len(all.Facets["speaker"]) == 0 {
		t.Fatalf("no speaker facet over the sample corpus")
	}
	// Filtering on the top speaker returns exactly the facet's count, all quoting that speaker.
	top := all.Facets["speaker"][0]
	var filtered searchResponse
	getJSON(t, base+"/api/search?size=100&speaker="+url.QueryEscape(top.Value), &filtered)
	if int(filtered.Total) != top.Count {
		t.Errorf("speaker=%q: got total %d, want facet count %d", top.Value, filtered.Total, top.Count)
	}
	for _, h := range filtered.Hits {
		if !slices.Contains(h.Speakers, top.Value) {
			t.Errorf("hit %s speakers %v lack %q", h.ID, h.Speakers, top.Value)
		}
	}
	resp, err := http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Errorf("GET /: got %d %q, want 200 text/html", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}

// TestIndexIsIdempotent indexes the same files twice: the second run adds nothing, and a bad JSONL
// line is reported with its file and line while the rest is indexed.
func TestIndexIsIdempotent(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for i := range 5 {
		lines = append(lines, fmt.Sprintf(`{"id":"t-%d","title":"Harbour story %d","body":"OSLO (AP) — The harbour reopened on day %d, officials said.","date":"2025-03-0%dT10:00:00Z","source":"Test Wire"}`, i, i, i, i+1))
	}
	lines = append(lines[:2], append([]string{`{"id": "broken",`}, lines[2:]...)...)
	if err := os.WriteFile(filepath.Join(in, "a.jsonl"), []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	idx := filepath.Join(dir, "idx")
	for round := 1; round <= 2; round++ {
		var stderr syncBuffer
		err := run(context.Background(), []string{"index", "--quiet", "--index", idx, in}, nil, &bytes.Buffer{}, &stderr, func(string) string { return "" })
		if err != nil {
			t.Fatalf("round %d: %v\n%s", round, err, stderr.String())
		}
		out := stderr.String()
		if !strings.Contains(out, "a.jsonl:3:") {
			t.Errorf("round %d: bad line not reported as a.jsonl:3: ...; stderr:\n%s", round, out)
		}
		want := "indexed 5, unchanged 0, skipped 1,"
		if round == 2 {
			want = "indexed 0, unchanged 5, skipped 1," // the same input again rewrites nothing
		}
		if !strings.Contains(out, want) {
			t.Errorf("round %d: summary lacks %q; stderr:\n%s", round, want, out)
		}
	}
	base := startServer(t, map[string]string{"SEARCHD_INDEX_LOAD_SAMPLE": "false"}, "--index", idx)
	var all searchResponse
	getJSON(t, base+"/api/search", &all)
	if all.Total != 5 {
		t.Errorf("after two runs: got total %d, want 5", all.Total)
	}
}

func TestIndexNothingIndexed(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.jsonl")
	if err := os.WriteFile(bad, []byte("not json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr syncBuffer
	err := run(context.Background(), []string{"index", "--quiet", "--index", filepath.Join(dir, "idx"), bad}, nil, &bytes.Buffer{}, &stderr, func(string) string { return "" })
	if !errors.Is(err, errNothingIndexed) {
		t.Errorf("got %v, want errNothingIndexed", err)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{nil, {"frobnicate"}, {"index"}, {"extract"}, {"serve", "extra"}} {
		err := run(context.Background(), args, nil, &bytes.Buffer{}, &bytes.Buffer{}, func(string) string { return "" })
		if !errors.Is(err, errUsage) {
			t.Errorf("run %q: got %v, want a usage error", args, err)
		}
	}
}

// TestHelpIsNoError checks that asking a command for its flags prints them and succeeds: main
// exits 0, not 2 with "pflag: help requested".
func TestHelpIsNoError(t *testing.T) {
	for _, cmd := range []string{"serve", "index", "extract", "backup"} {
		var stderr bytes.Buffer
		err := run(context.Background(), []string{cmd, "--help"}, nil, &bytes.Buffer{}, &stderr, func(string) string { return "" })
		if err != nil {
			t.Errorf("run %s --help: got error %v, want none", cmd, err)
		}
		if !strings.Contains(stderr.String(), "--") {
			t.Errorf("run %s --help: got %q on stderr, want the flags", cmd, stderr.String())
		}
	}
	err := run(context.Background(), []string{"index", "--no-such-flag"}, nil, &bytes.Buffer{}, &bytes.Buffer{}, func(string) string { return "" })
	if !errors.Is(err, errUsage) {
		t.Errorf("run index --no-such-flag: got %v, want a usage error", err)
	}
}

// TestExtractSeed runs `searchd extract` on the mission's seed article and checks the speakers and
// location the issue states.
func TestExtractSeed(t *testing.T) {
	seed := sharedtest.Path(t, "seed/000_764061b886108dc4.txt")
	var stdout bytes.Buffer
	var stderr syncBuffer
	if err := run(context.Background(), []string{"extract", seed}, nil, &stdout, &stderr, func(string) string { return "" }); err != nil {
		t.Fatalf("extract: %v\n%s", err, stderr.String())
	}
	var doc struct {
		Location *struct {
			Name, Country string
			Lat, Lon      float64
		} `json:"location"`
		Speakers []struct {
			Name string `json:"name"`
			Kind string `json:"kind"`
		} `json:"speakers"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
		t.Fatalf("output %q: %v", stdout.String(), err)
	}
	var people []string
	for _, s := range doc.Speakers {
		if s.Kind == "person" {
			people = append(people, s.Name)
		} else if s.Name != "White House" && s.Name != "the White House" {
			t.Errorf("unexpected organisation speaker %q", s.Name)
		}
	}
	want := []string{"Donald Trump", "Vladimir Putin", "JD Vance", "Karoline Leavitt"}
	slices.Sort(people)
	slices.Sort(want)
	if !slices.Equal(people, want) {
		t.Errorf("speakers: got %v, want %v", people, want)
	}
	if doc.Location == nil || doc.Location.Name != "Washington" || doc.Location.Country != "United States" || doc.Location.Lat == 0 {
		t.Errorf("location: got %+v, want Washington, United States with coordinates", doc.Location)
	}
}

// TestServeStopsDuringStartUp checks that a serve whose context ends during start-up (SIGTERM
// while the index opens or the sample loads) returns cleanly without listening; it went on to
// listen first.
func TestServeStopsDuringStartUp(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	stderr := &syncBuffer{}
	dir := t.TempDir()
	err := run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--index", filepath.Join(dir, "idx")}, nil, &bytes.Buffer{}, stderr, func(string) string { return "" })
	if err != nil {
		t.Errorf("serve with a cancelled context: got %v, want nil; log:\n%s", err, stderr)
	}
	if log := stderr.String(); strings.Contains(log, "listening") || !strings.Contains(log, "stopped during start-up") {
		t.Errorf("serve with a cancelled context: log\n%s\nwant 'stopped during start-up' and no 'listening'", log)
	}
}
