package index

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/searchd/searchd/internal/news"
)

// columnFiles returns the columns files kept in the index at dir.
func columnFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	for _, sub := range []string{articlesDir, quotesDir} {
		found, err := filepath.Glob(filepath.Join(dir, sub, "store", "*.cols"))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, found...)
	}
	return out
}

// TestColumnFilesSameAnswers checks that columns read from the files an earlier Open kept give
// the same answers as columns built from the term dictionaries, that they are read instead of
// built, and that a file that is not its segment's is rejected (and replaced).
func TestColumnFilesSameAnswers(t *testing.T) {
	dir := t.TempDir() + "/idx"
	ctx := context.Background()
	// One session, one segment: Bleve merges segments in the background, which would change
	// what is built and read from one open to the next (TestColumnFileRoundTrip binds the
	// values of several segments).
	ix, err := Open(dir, nil, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.AddDocuments(ctx, fixtures()); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	// reopen opens the index with opts, returns its answers and the segments whose columns
	// were built and read, and closes it.
	reopen := func(opts Options) (answers []string, built, read int) {
		t.Helper()
		ix, err := Open(dir, nil, opts, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		answers = answersOf(t, ix)
		b, r := ix.cols.Loaded()
		qb, qr := ix.qcols.Loaded()
		return answers, b + qb, r + qr
	}

	want, _, read := reopen(Options{ColumnFileMin: -1})
	if files := columnFiles(t, dir); len(files) != 0 || read != 0 {
		t.Fatalf("ColumnFileMin -1: got files %v, %d read; want none", files, read)
	}
	check := func(name string, got []string) {
		t.Helper()
		if !slices.Equal(got, want) {
			for i := range min(len(got), len(want)) {
				if got[i] != want[i] {
					t.Fatalf("%s: answer %d: got %s, want (built) %s", name, i, got[i], want[i])
				}
			}
			t.Fatalf("%s: got %d answers, want %d", name, len(got), len(want))
		}
	}

	got, built, read := reopen(Options{ColumnFileMin: 1})
	check("columns built and kept", got)
	files := columnFiles(t, dir)
	if len(files) != built || built == 0 || read != 0 {
		t.Fatalf("first open: got %d files, %d built, %d read; want a file per segment built", len(files), built, read)
	}

	got, built2, read := reopen(Options{ColumnFileMin: 1})
	check("columns read", got)
	if built2 != 0 || read != built {
		t.Fatalf("second open: got %d built, %d read; want 0, %d", built2, read, built)
	}

	// A file written for another segment or layout is stale: here the same segment with
	// another count in the fingerprint, as after a rebuild that numbered its segments again.
	// A truncated file is rejected too.
	for _, damage := range []func(b []byte) []byte{
		func(b []byte) []byte { b[len("SDCOLS2\n")+16]++; return b }, // the count
		func(b []byte) []byte { return b[:len(b)-3] },
		func(b []byte) []byte { return b[:100] },
	} {
		b, err := os.ReadFile(files[0])
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(files[0], damage(slices.Clone(b)), 0o600); err != nil {
			t.Fatal(err)
		}
		got, built2, read = reopen(Options{ColumnFileMin: 1})
		check("damaged file", got)
		if built2 != 1 || read != built-1 {
			t.Fatalf("damaged file: got %d built, %d read; want 1, %d", built2, read, built-1)
		}
		if b2, err := os.ReadFile(files[0]); err != nil || !slices.Equal(b2, b) {
			t.Fatalf("damaged file: not written again (err %v)", err)
		}
	}
	if got, _, _ := reopen(Options{ColumnFileMin: -1}); !slices.Equal(got, want) {
		t.Fatal("answers changed")
	}
}

// TestBulkLoadKeepsColumnFiles checks that a bulk build leaves the columns files of its
// segments, so that the next process reads every segment's columns and builds none.
func TestBulkLoadKeepsColumnFiles(t *testing.T) {
	dir := t.TempDir() + "/idx"
	ctx := context.Background()
	ix, err := Open(dir, nil, Options{ColumnFileMin: 1, Workers: 2}, nil)
	if err != nil {
		t.Fatal(err)
	}
	docs := bulkDocs()
	if st, err := bulkLoad(ctx, ix, sliceChan(ctx, docs), func(d news.Document) news.Document { return d }, nil); err != nil || st.Indexed != len(docs) {
		t.Fatalf("bulkLoad: got %+v (err %v), want %d indexed", st, err, len(docs))
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	files := columnFiles(t, dir)
	if len(files) != 2 {
		t.Fatalf("after the build: got columns files %v, want one per index", files)
	}
	ix, err = Open(dir, nil, Options{ColumnFileMin: 1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	answersOf(t, ix)
	b, r := ix.cols.Loaded()
	qb, qr := ix.qcols.Loaded()
	if b+qb != 0 || r+qr != 2 {
		t.Errorf("next process: got %d segments' columns built, %d read; want none built, 2 read", b+qb, r+qr)
	}
}
