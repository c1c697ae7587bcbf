package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/searchd/searchd/internal/bench"
)

// genQueries runs `searchd bench queries` over the sample corpus and returns its output.
func genQueries(t *testing.T, corpus string, n, seed string) []byte {
	t.Helper()
	out, logs, err := runCmd(t, "bench", "queries", "--corpus", corpus, "--n", n, "--seed", seed)
	if err != nil {
		t.Fatalf("bench queries: %v\n%s", err, logs)
	}
	return []byte(out)
}

func TestBenchQueriesDeterministic(t *testing.T) {
	corpus, _, _ := sampleCorpus(t)
	a, b, c := genQueries(t, corpus, "60", "7"), genQueries(t, corpus, "60", "7"), genQueries(t, corpus, "60", "8")
	if !bytes.Equal(a, b) {
		t.Errorf("same seed, different output:\n%s\n---\n%s", a, b)
	}
	if bytes.Equal(a, c) {
		t.Errorf("seeds 7 and 8 gave the same output")
	}
	qs, err := bench.ReadQueries(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 60 {
		t.Errorf("got %d queries, want 60", len(qs))
	}
	kinds := map[string]int{}
	for _, q := range qs {
		kinds[q.Kind]++
	}
	for _, k := range []string{bench.KindWords1, bench.KindWords2, bench.KindPhrase, bench.KindSpeaker, bench.KindDate} {
		if kinds[k] == 0 {
			t.Errorf("no query of kind %s in %v", k, kinds)
		}
	}
}

func TestBenchScale(t *testing.T) {
	corpus, _, _ := sampleCorpus(t)
	dir := t.TempDir()
	gen := func(name, seed string) []byte {
		t.Helper()
		path := filepath.Join(dir, name)
		if _, logs, err := runCmd(t, "bench", "scale", "--corpus", corpus, "--n", "150", "--seed", seed, "--out", path); err != nil {
			t.Fatalf("bench scale: %v\n%s", err, logs)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	a, b, c := gen("a.jsonl.gz", "1"), gen("b.jsonl.gz", "1"), gen("c.jsonl.gz", "2")
	if !bytes.Equal(a, b) {
		t.Errorf("same seed, different output")
	}
	if bytes.Equal(a, c) {
		t.Errorf("seeds 1 and 2 gave the same output")
	}
	zr, err := gzip.NewReader(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for i, line := range strings.Split(strings.TrimSpace(string(plain)), "\n") {
		var art struct{ ID, Title, Body string }
		if err := json.Unmarshal([]byte(line), &art); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if ids[art.ID] || !strings.HasPrefix(art.ID, "scale-") || art.Title == "" || art.Body == "" {
			t.Errorf("line %d: got id %q (repeated: %v), title %q; want a new scale- id, a title and a body", i+1, art.ID, ids[art.ID], art.Title)
		}
		ids[art.ID] = true
	}
	if len(ids) != 150 {
		t.Errorf("got %d unique ids, want 150", len(ids))
	}
	// searchd index reads the file and indexes every article.
	_, logs, err := runCmd(t, "index", "--quiet", "--index", filepath.Join(dir, "idx"), filepath.Join(dir, "a.jsonl.gz"))
	if err != nil || !strings.Contains(logs, "indexed 150, unchanged 0, skipped 0") {
		t.Errorf("index the scaled corpus: got %v, summary:\n%s\nwant 150 indexed", err, logs)
	}
}
