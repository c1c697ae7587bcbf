package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// TestIndexToServer checks `searchd index --server URL`: the articles are sent to the running
// server, which holds the index, and are searchable there; without the key the server's refusal
// is told; and `searchd index` on the index the server holds fails with the advice to use
// --server or stop the server.
func TestIndexToServer(t *testing.T) {
	dir := t.TempDir()
	idx := filepath.Join(dir, "idx")
	const key = "remote-test-key"
	base := startServer(t, map[string]string{"SEARCHD_API_KEY": key, "SEARCHD_INDEX_LOAD_SAMPLE": "false"}, "--index", idx)

	input := filepath.Join(dir, "desk.jsonl")
	lines := []string{
		`{"id":"desk-1","title":"Lighthouse keepers return","body":"GALWAY — The lighthouse on the point is staffed again, the harbour board said.","date":"2025-03-01","source":"Harbour Herald","desk":"coast"}`,
		`{"id":"desk-2","title":"Ferry timetable grows","body":"Two more lighthouse tours will sail each day from May.","date":"2025-03-02","source":"Harbour Herald"}`,
		`{"title": 7}`,
		`{"id":"desk-3","title":"Quiet week at the quay","body":"Nothing sailed; the lighthouse was closed for paint.","source":"Harbour Herald"}`,
	}
	if err := os.WriteFile(input, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	env := func(k string) string { return map[string]string{"SEARCHD_API_KEY": key}[k] }
	var stderr syncBuffer
	if err := run(context.Background(), []string{"index", "--server", base, input}, nil, &bytes.Buffer{}, &stderr, env); err != nil {
		t.Fatalf("index --server: %v\n%s", err, stderr.String())
	}
	if out := stderr.String(); !strings.Contains(out, "indexed 3") || !strings.Contains(out, "skipped 1") {
		t.Errorf("index --server: got output %q, want indexed 3 and skipped 1", out)
	}
	var res searchResponse
	getJSON(t, base+"/api/search?"+url.Values{"q": {"lighthouse"}}.Encode(), &res)
	if res.Total != 3 {
		t.Errorf("search lighthouse on the server: got total %d, want 3", res.Total)
	}
	var doc struct {
		Meta map[string]string `json:"meta"`
	}
	getJSON(t, base+"/api/articles/desk-1", &doc)
	if doc.Meta["desk"] != "coast" {
		t.Errorf("article desk-1: got meta %v, want desk=coast kept", doc.Meta)
	}

	// Without the key, the server's refusal and what to do.
	stderr = syncBuffer{}
	err := run(context.Background(), []string{"index", "--server", base, input}, nil, &bytes.Buffer{}, &stderr, func(string) string { return "" })
	if err == nil || !strings.Contains(err.Error(), "401") || !strings.Contains(err.Error(), "--api-key") {
		t.Errorf("index --server without the key: got %v, want the 401 and --api-key", err)
	}

	// The server holds the index: opening it says what to do instead.
	stderr = syncBuffer{}
	err = run(context.Background(), []string{"index", "--index", idx, input}, nil, &bytes.Buffer{}, &stderr, func(string) string { return "" })
	if err == nil || !strings.Contains(err.Error(), "searchd index --server http://127.0.0.1:8080 ") || !strings.Contains(err.Error(), "stop it") {
		t.Errorf("index on the server's index: got %v, want advice to use searchd index --server or stop the server", err)
	}
}

// TestIndexToServerBatchSize checks that --batch-size sets the articles per POST of
// `searchd index --server`, and that without it a POST takes up to remoteBatchArticles.
func TestIndexToServerBatchSize(t *testing.T) {
	var mu sync.Mutex
	var sizes []int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		n := bytes.Count(b, []byte("\n"))
		mu.Lock()
		sizes = append(sizes, n)
		mu.Unlock()
		fmt.Fprintf(w, `{"indexed":%d}`, n)
	}))
	defer srv.Close()

	input := filepath.Join(t.TempDir(), "five.jsonl")
	var lines []string
	for i := range 5 {
		lines = append(lines, fmt.Sprintf(`{"id":"a-%d","title":"Harbour news %d","body":"The ferry sailed on time."}`, i, i))
	}
	if err := os.WriteFile(input, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want []int
	}{
		{nil, []int{5}},
		{[]string{"--batch-size", "2"}, []int{2, 2, 1}},
	} {
		sizes = nil
		args := append([]string{"index", "--quiet", "--server", srv.URL}, tc.args...)
		var stderr syncBuffer
		if err := run(context.Background(), append(args, input), nil, &bytes.Buffer{}, &stderr, func(string) string { return "" }); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, stderr.String())
		}
		if !slices.Equal(sizes, tc.want) {
			t.Errorf("%v: got POSTs of %v articles, want %v", tc.args, sizes, tc.want)
		}
	}
}

func TestRemoteBatchLimit(t *testing.T) {
	for _, tc := range []struct{ articles, want int }{
		{1, remoteBatchBytes},
		{remoteBatchArticles, remoteBatchBytes},
		{1000, 2 * remoteBatchBytes},
		{100000, remoteMaxBytes},
	} {
		if got := remoteBatchLimit(tc.articles); got != tc.want {
			t.Errorf("remoteBatchLimit(%d): got %d, want %d", tc.articles, got, tc.want)
		}
	}
}
