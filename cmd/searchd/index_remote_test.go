package main

import (
	"bytes"
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
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
