package main

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/searchd/searchd/internal/index"
	"github.com/searchd/searchd/internal/news"
)

// TestIndexResolvesShortNames indexes invented articles, one that names only "Roe" before
// those that name Sen. Jane Roe in full, and checks that `searchd index` ends with one facet
// value for her, which `searchd speakers` prints.
func TestIndexResolvesShortNames(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	lines := []string{`{"id":"short","title":"Harbour bill","body":"\"The harbour bill is dead,\" Roe said on Tuesday.","date":"2025-03-01T10:00:00Z","source":"Test Wire"}`}
	for i := range 4 {
		lines = append(lines, fmt.Sprintf(`{"id":"full-%d","title":"Budget vote %d","body":"WASHINGTON (AP) — Sen. Jane Roe said on Monday that budget %d would pass. \"We have the votes,\" Roe said.","date":"2025-03-0%dT10:00:00Z","source":"Test Wire"}`, i, i, i, i+2))
	}
	if err := os.WriteFile(in, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	idx := filepath.Join(dir, "idx")
	env := func(string) string { return "" }
	var stderr syncBuffer
	if err := run(context.Background(), []string{"index", "--quiet", "--index", idx, in}, nil, &bytes.Buffer{}, &stderr, env); err != nil {
		t.Fatalf("index: %v\n%s", err, stderr.String())
	}
	if want := "1 full names known from 5 articles, 1 articles resolved with them as they were built"; !strings.Contains(stderr.String(), want) {
		t.Errorf("index output lacks %q:\n%s", want, stderr.String())
	}
	var out bytes.Buffer
	if err := run(context.Background(), []string{"speakers", "--index", idx, "--top", "5"}, nil, &out, &stderr, env); err != nil {
		t.Fatalf("speakers: %v\n%s", err, stderr.String())
	}
	if got, want := out.String(), "   1      5 person       Jane Roe\n"; got != want {
		t.Errorf("speakers: got %q, want %q", got, want)
	}
}

// TestResolveNamesEvery checks the server's periodic pass: an article that says only "Roe",
// written before the articles that name Jane Roe in full, is rewritten by a later pass.
func TestResolveNamesEvery(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	ix, err := index.Open(filepath.Join(t.TempDir(), "idx"), nil, index.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer closeIndex(ix, slog.New(slog.DiscardHandler))
	done := make(chan error, 1)
	go func() { done <- resolveNamesEvery(ctx, ix, 20*time.Millisecond, slog.New(slog.DiscardHandler)) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("resolveNamesEvery: %v", err)
		}
	}()
	person := func(name string) []news.Speaker { return []news.Speaker{{Name: name, Kind: news.KindPerson}} }
	docs := []news.Document{{ID: "short", Title: "Harbour", Body: "Roe said so.", Speakers: person("Roe")}}
	if _, err := ix.AddDocuments(ctx, docs); err != nil {
		t.Fatal(err)
	}
	docs = nil
	for i := range 4 {
		docs = append(docs, news.Document{ID: fmt.Sprintf("full-%d", i), Title: "Budget", Body: "Jane Roe said so.", Speakers: person("Jane Roe")})
	}
	if _, err := ix.AddDocuments(ctx, docs); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		d, err := ix.Get(ctx, "short")
		if err != nil {
			t.Fatal(err)
		}
		if d.Speakers[0].Name == "Jane Roe" && d.Speakers[0].Written == "Roe" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 10 s: speaker %+v, want Jane Roe written Roe", d.Speakers[0])
		}
	}
}
