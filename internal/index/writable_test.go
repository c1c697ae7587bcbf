package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/searchd/searchd/internal/news"
)

// blockSegments makes Bleve fail to persist the next segments of the index in dir: a
// directory stands where each of the next n segment files would be created, which no user,
// root included, can open as a file.
func blockSegments(t *testing.T, dir string, n int) {
	t.Helper()
	store := filepath.Join(dir, "store")
	names, err := filepath.Glob(filepath.Join(store, "*.zap"))
	if err != nil {
		t.Fatal(err)
	}
	var last uint64
	for _, name := range names {
		id, err := strconv.ParseUint(strings.TrimSuffix(filepath.Base(name), ".zap"), 16, 64)
		if err != nil {
			t.Fatal(err)
		}
		last = max(last, id)
	}
	for id := last + 1; id <= last+uint64(n); id++ {
		if err := os.Mkdir(filepath.Join(store, fmt.Sprintf("%012x.zap", id)), 0o755); err != nil && !errors.Is(err, os.ErrExist) { // a merge's
			t.Fatal(err)
		}
	}
}

// budgetIndex returns the directory of a test index with the fixtures, the index, and the
// number of its articles that match "budget".
func budgetIndex(t *testing.T) (string, *Index, uint64) {
	t.Helper()
	dir := t.TempDir() + "/idx"
	ix := fillTestIndex(t, dir)
	res, err := ix.Search(context.Background(), Query{Q: "budget", Size: MaxSize})
	if err != nil {
		t.Fatal(err)
	}
	return dir, ix, res.Total
}

// checkReadsServe checks that searches, quote searches and gets answer as they did before.
func checkReadsServe(t *testing.T, ix *Index, total uint64) {
	t.Helper()
	ctx := context.Background()
	res, err := ix.Search(ctx, Query{Q: "budget", Size: MaxSize})
	if err != nil || res.Total != total {
		t.Errorf("Search after the failed write: got %v, %v; want %d hits", res, err, total)
	}
	if _, err := ix.SearchQuotes(ctx, Query{}); err != nil {
		t.Errorf("SearchQuotes after the failed write: %v", err)
	}
	if _, err := ix.Get(ctx, "a1"); err != nil {
		t.Errorf("Get after the failed write: %v", err)
	}
}

// TestFailedWriteKeepsReads checks that a batch Bleve cannot persist fails as an error and
// leaves the index serving reads: Bleve closed the segment its snapshot still held, every later
// search panicked ("assignment to entry in nil map" in zapx), and the next write crashed the
// process from one of Bleve's goroutines. Later writes fail with ErrReadOnly.
func TestFailedWriteKeepsReads(t *testing.T) {
	dir, ix, total := budgetIndex(t)
	ctx := context.Background()
	blockSegments(t, filepath.Join(dir, articlesDir), 200)
	blockSegments(t, filepath.Join(dir, quotesDir), 200)
	doc := news.Document{ID: "new1", Title: "Budget vote", Body: "The budget vote was held.",
		Speakers: []news.Speaker{{Name: "Ana Silva", Quotes: []news.Quote{{Text: "The budget is sound", Direct: true}}}}}
	if _, err := ix.AddDocuments(ctx, []news.Document{doc}); err == nil {
		t.Fatal("AddDocuments with the segment files blocked: got no error")
	}
	checkReadsServe(t, ix, total)
	for _, write := range []func() error{
		func() error { _, err := ix.AddDocuments(ctx, []news.Document{doc}); return err },
		func() error { return ix.Delete(ctx, "a1") },
	} {
		if err := write(); !errors.Is(err, ErrReadOnly) {
			t.Errorf("a write after the failed one: got %v, want ErrReadOnly", err)
		}
	}
	checkReadsServe(t, ix, total)
}

// TestReadOnlyDirectory checks that a write to an index whose directory cannot be written fails
// with ErrReadOnly before Bleve starts it, reads go on, and writes work again once the
// directory can be written.
func TestReadOnlyDirectory(t *testing.T) {
	dir, ix, total := budgetIndex(t)
	ctx := context.Background()
	undo := makeReadOnly(t, filepath.Join(dir, articlesDir, "store"))
	doc := news.Document{ID: "new1", Title: "Budget vote", Body: "The budget vote was held."}
	if _, err := ix.AddDocuments(ctx, []news.Document{doc}); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("AddDocuments to a read-only directory: got %v, want ErrReadOnly", err)
	}
	checkReadsServe(t, ix, total)
	undo()
	if _, err := ix.AddDocuments(ctx, []news.Document{doc}); err != nil {
		t.Fatalf("AddDocuments once the directory is writable again: %v", err)
	}
	checkReadsServe(t, ix, total+1)
}
