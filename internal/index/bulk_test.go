package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/searchd/searchd/internal/news"
)

// bulkDocs are the fixtures, the summit articles (quotes) and the wire copies (stories).
func bulkDocs() []news.Document {
	return slices.Concat(fixtures(), summitDocs(), storyDocs())
}

// bulkFill loads docs into a new index at dir with bulkLoad, in batches of batch.
func bulkFill(tb testing.TB, dir string, batch int, docs []news.Document) (*Index, LoadStats) {
	tb.Helper()
	ix := openIndex(tb, dir, Options{BatchSize: batch, Workers: 2})
	ctx := context.Background()
	stats, err := bulkLoad(ctx, ix, sliceChan(ctx, docs), func(d news.Document) news.Document { return d }, nil)
	if err != nil {
		tb.Fatalf("bulkLoad: %v", err)
	}
	return ix, stats
}

// TestBulkLoadEqualsLoad: an index built offline answers as one written in online batches:
// the same documents, article hits, quote hits and stories.
func TestBulkLoadEqualsLoad(t *testing.T) {
	ctx := context.Background()
	docs := bulkDocs()
	online := openIndex(t, t.TempDir()+"/online", Options{BatchSize: 3, Workers: 2})
	if _, err := online.AddDocuments(ctx, docs); err != nil {
		t.Fatalf("AddDocuments: %v", err)
	}
	bulk, stats := bulkFill(t, t.TempDir()+"/bulk", 3, docs)
	if stats.Indexed != len(docs) || stats.Read != len(docs) {
		t.Errorf("bulk stats: got %+v, want %d read and indexed", stats, len(docs))
	}
	if got, want := count(t, bulk), count(t, online); got != want {
		t.Fatalf("Count: got %d, want %d", got, want)
	}
	for _, d := range docs {
		got, err := bulk.Get(ctx, d.ID)
		if err != nil {
			t.Fatalf("Get(%q): %v", d.ID, err)
		}
		want, _ := online.Get(ctx, d.ID)
		if got.Title != want.Title || got.Body != want.Body || len(got.Speakers) != len(want.Speakers) {
			t.Errorf("Get(%q): got %q with %d speakers, want %q with %d", d.ID, got.Title, len(got.Speakers), want.Title, len(want.Speakers))
		}
		if g, w := storyOf(t, bulk, d.ID), storyOf(t, online, d.ID); g != w {
			t.Errorf("story of %q: got %q, want %q", d.ID, g, w)
		}
	}
	for _, q := range []Query{{Q: "budget"}, {Q: `"rail link"`}, {Q: "storm", Sort: "date"}, {Q: "talks", Speakers: []string{"Maria Lopez"}}} {
		got, err := bulk.Search(ctx, q)
		if err != nil {
			t.Fatalf("Search(%+v): %v", q, err)
		}
		want, err := online.Search(ctx, q)
		if err != nil {
			t.Fatalf("Search(%+v) online: %v", q, err)
		}
		if g, w := sorted(hitIDs(got)), sorted(hitIDs(want)); !slices.Equal(g, w) || got.Total != want.Total {
			t.Errorf("Search(%q): got %v (total %d), want %v (total %d)", q.Q, g, got.Total, w, want.Total)
		}
	}
	for _, q := range []string{"compromise", "talks", `"ready to talk"`} {
		got, err := bulk.SearchQuotes(ctx, Query{Q: q})
		if err != nil {
			t.Fatalf("SearchQuotes(%q): %v", q, err)
		}
		want, err := online.SearchQuotes(ctx, Query{Q: q})
		if err != nil {
			t.Fatalf("SearchQuotes(%q) online: %v", q, err)
		}
		if g, w := quoteTexts(got), quoteTexts(want); !slices.Equal(g, w) || len(g) == 0 {
			t.Errorf("SearchQuotes(%q): got %q, want %q (not empty)", q, g, w)
		}
	}
	// The bulk-built index takes online writes.
	extra := news.Document{ID: "extra", Title: "Harbour reopens", Body: "The harbour reopened after the storm."}
	if _, err := bulk.AddDocuments(ctx, []news.Document{extra}); err != nil {
		t.Fatalf("AddDocuments after a bulk load: %v", err)
	}
	if got, want := count(t, bulk), uint64(len(docs)+1); got != want {
		t.Errorf("Count after an online write: got %d, want %d", got, want)
	}
	// And leaves no build directory behind.
	if m, _ := filepath.Glob(filepath.Join(bulk.path, bulkPrefix+"*")); len(m) > 0 {
		t.Errorf("build directories left: %v", m)
	}
}

// TestBulkLoadDuplicates: when an id comes again in a later batch, the later article wins, as
// in Load; an identical one changes nothing.
func TestBulkLoadDuplicates(t *testing.T) {
	ctx := context.Background()
	docs := fixtures()
	changed := docs[0]
	changed.Title = "Senate passes amended budget"
	in := slices.Concat(docs, []news.Document{changed, docs[1]})
	ix, stats := bulkFill(t, t.TempDir()+"/idx", 2, in)
	if stats.Duplicates != 2 || stats.Indexed+stats.Unchanged != len(docs) {
		t.Errorf("stats: got %+v, want 2 duplicates and %d indexed or unchanged", stats, len(docs))
	}
	if got := count(t, ix); got != uint64(len(docs)) {
		t.Errorf("Count: got %d, want %d", got, len(docs))
	}
	got, err := ix.Get(ctx, changed.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != changed.Title {
		t.Errorf("title of %q: got %q, want the later %q", changed.ID, got.Title, changed.Title)
	}
	res, err := ix.Search(ctx, Query{Q: "amended"})
	if err != nil {
		t.Fatal(err)
	}
	if ids := hitIDs(res); !slices.Equal(ids, []string{changed.ID}) {
		t.Errorf("search for the later title: got %v, want [%s]", ids, changed.ID)
	}
}

// TestBulkLoadIntoFilledIndex: an index that has articles takes a bulk load as online batches.
func TestBulkLoadIntoFilledIndex(t *testing.T) {
	dir := t.TempDir() + "/idx"
	ix := fillTestIndex(t, dir)
	ctx := context.Background()
	more := storyDocs()
	stats, err := bulkLoad(ctx, ix, sliceChan(ctx, append(fixtures(), more...)), func(d news.Document) news.Document { return d }, nil)
	if err != nil {
		t.Fatalf("bulkLoad: %v", err)
	}
	if stats.Unchanged != len(fixtures()) || stats.Indexed != len(more) {
		t.Errorf("stats: got %+v, want %d unchanged and %d indexed", stats, len(fixtures()), len(more))
	}
	if got, want := count(t, ix), uint64(len(fixtures())+len(more)); got != want {
		t.Errorf("Count: got %d, want %d", got, want)
	}
}

// TestFinishBuilds: Open completes a swap that a crash interrupted, and drops a build that was
// not complete.
func TestFinishBuilds(t *testing.T) {
	ctx := context.Background()
	build := func(dir string) uint64 {
		ix, err := Open(dir, nil, Options{BatchSize: 4}, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		if _, err := bulkLoad(ctx, ix, sliceChan(ctx, fixtures()), func(d news.Document) news.Document { return d }, nil); err != nil {
			t.Fatal(err)
		}
		return count(t, ix)
	}
	dir, src := t.TempDir()+"/idx", t.TempDir()+"/src"
	want := build(dir)
	build(src)
	// A complete build of the same articles, not swapped in yet: the crash came after the
	// quote index was swapped, before the article index was.
	if err := os.Rename(filepath.Join(src, articlesDir), filepath.Join(dir, bulkPrefix+articlesDir)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, bulkPrefix+articlesDir, bulkDone), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	// And an incomplete one.
	if err := os.MkdirAll(filepath.Join(dir, bulkPrefix+quotesDir, "store"), 0o700); err != nil {
		t.Fatal(err)
	}
	reopened := openIndex(t, dir, Options{})
	if got := count(t, reopened); got != want {
		t.Errorf("Count: got %d, want %d", got, want)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, bulkPrefix+"*")); len(m) > 0 {
		t.Errorf("build directories left: %v", m)
	}
	if _, err := os.Stat(filepath.Join(dir, articlesDir, bulkDone)); err == nil {
		t.Errorf("the build's mark is left in the article index")
	}
}

// TestBulkLoadFailedRecords: an article that cannot be indexed (no id) fails alone, as in
// Load: the build of the others is swapped in, and the error says what failed.
func TestBulkLoadFailedRecords(t *testing.T) {
	ctx := context.Background()
	ix := openIndex(t, t.TempDir()+"/idx", Options{BatchSize: 4, Workers: 2})
	in := append(fixtures(), news.Document{Title: "No id", Body: "An article without an id."})
	stats, err := bulkLoad(ctx, ix, sliceChan(ctx, in), func(d news.Document) news.Document { return d }, nil)
	if !errors.Is(err, ErrNoID) {
		t.Errorf("bulkLoad error: got %v, want one wrapping ErrNoID", err)
	}
	if stats.Failed != 1 || stats.Indexed != len(fixtures()) {
		t.Errorf("stats: got %+v, want 1 failed and %d indexed", stats, len(fixtures()))
	}
	if got := count(t, ix); got != uint64(len(fixtures())) {
		t.Errorf("Count: got %d, want %d", got, len(fixtures()))
	}
}

// TestBulkLoadCancelled: a cancelled bulk load swaps nothing in and leaves no build behind.
func TestBulkLoadCancelled(t *testing.T) {
	ix := openIndex(t, t.TempDir()+"/idx", Options{BatchSize: 2, Workers: 2})
	ctx, cancel := context.WithCancel(context.Background())
	in := make(chan news.Document)
	go func() {
		for _, d := range fixtures()[:5] {
			in <- d
		}
		cancel() // and never close in
	}()
	stats, err := bulkLoad(ctx, ix, in, func(d news.Document) news.Document { return d }, nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("bulkLoad error: got %v, want context.Canceled", err)
	}
	if stats.Indexed != 0 {
		t.Errorf("stats: got %+v, want nothing indexed", stats)
	}
	if got := count(t, ix); got != 0 {
		t.Errorf("Count: got %d, want 0", got)
	}
	if m, _ := filepath.Glob(filepath.Join(ix.path, bulkPrefix+"*")); len(m) > 0 {
		t.Errorf("build directories left: %v", m)
	}
}

// TestBulkLoadHeldBytes: a bulk load reports the memory it holds for the build, growing with
// the articles built, so that the caller can raise its memory limit by it.
func TestBulkLoadHeldBytes(t *testing.T) {
	ctx := context.Background()
	docs := bulkDocs()
	ix := openIndex(t, t.TempDir(), Options{BatchSize: 3, Workers: 2})
	var held []int64
	if _, err := bulkLoad(ctx, ix, sliceChan(ctx, docs), func(d news.Document) news.Document { return d },
		func(s LoadStats) { held = append(held, s.HeldBytes) }); err != nil {
		t.Fatalf("bulkLoad: %v", err)
	}
	if len(held) < 2 || held[0] <= 0 || held[len(held)-1] <= held[0] {
		t.Errorf("HeldBytes per batch: got %v, want positive and growing", held)
	}
}

// TestLoadHeldBytes: an online load also holds memory until it ends (the ids it has seen,
// to count duplicates), and reports it as a bulk load does.
func TestLoadHeldBytes(t *testing.T) {
	ctx := context.Background()
	docs := bulkDocs()
	ix := openIndex(t, t.TempDir(), Options{BatchSize: 3, Workers: 2})
	var held []int64
	if _, err := load(ctx, ix, sliceChan(ctx, docs), func(d news.Document) news.Document { return d }, newBatchWriter(ix),
		func(s LoadStats) { held = append(held, s.HeldBytes) }); err != nil {
		t.Fatalf("load: %v", err)
	}
	if len(held) < 2 || held[0] <= 0 || held[len(held)-1] <= held[0] {
		t.Errorf("HeldBytes per batch: got %v, want positive and growing", held)
	}
}
