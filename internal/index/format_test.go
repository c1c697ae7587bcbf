package index

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
)

// TestFormatWritten: an index created online, one built in bulk and a backup hold this format.
func TestFormatWritten(t *testing.T) {
	online := newTestIndex(t)
	bulk, _ := bulkFill(t, t.TempDir()+"/bulk", 3, fixtures())
	dir := t.TempDir() + "/backup"
	if err := online.Backup(dir); err != nil {
		t.Fatal(err)
	}
	backup := openIndex(t, dir, Options{})
	for name, ix := range map[string]*Index{"online": online, "bulk": bulk, "backup": backup} {
		for sub, idx := range map[string]bleve.Index{articlesDir: ix.articles(), quotesDir: ix.quoteDocs()} {
			v, err := idx.GetInternal(formatKey)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := string(v), string(formatValue()); got != want {
				t.Errorf("%s %s: got format %q, want %q", name, sub, got, want)
			}
		}
	}
}

// TestNewerFormatRefused: an index of a format newer than this searchd's does not open, and
// says why.
func TestNewerFormatRefused(t *testing.T) {
	dir := t.TempDir() + "/idx"
	ix, err := Open(dir, nil, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.articles().SetInternal(formatKey, []byte("99")); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix, err = Open(dir, nil, Options{}, nil)
	if err == nil {
		ix.Close()
		t.Fatal("Open of a format-99 index: got no error, want ErrNewerFormat")
	}
	if !errors.Is(err, ErrNewerFormat) {
		t.Errorf("Open of a format-99 index: got %v, want ErrNewerFormat", err)
	}
}

// TestHexHashesUnchanged: articles whose hashes an index of format 1 holds as hex text are
// found unchanged when indexed again, and rewritten when they changed.
func TestHexHashesUnchanged(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir() + "/idx"
	ix := openIndex(t, dir, Options{})
	docs := fixtures()
	batch := ix.articles().NewBatch()
	for _, d := range docs {
		m, err := bleveDocument(ix.mapping, ix.qmap, d, nil)
		if err != nil {
			t.Fatal(err)
		}
		raw, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		f := indexFields(d, raw, hex.EncodeToString([]byte(m.hash))) // plain JSON, hex hash
		doc := document.NewDocument(d.ID)
		if err := ix.mapping.MapDocument(doc, f); err != nil {
			t.Fatal(err)
		}
		if err := batch.IndexAdvanced(doc); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.articles().Batch(batch); err != nil {
		t.Fatal(err)
	}
	docs[0].Title = "A changed title"
	stats, err := ix.AddDocuments(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := stats, (LoadStats{Read: len(docs), Indexed: 1, Unchanged: len(docs) - 1}); got != want {
		t.Errorf("stats: got %+v, want %+v", got, want)
	}
	if got, err := ix.Get(ctx, docs[1].ID); err != nil || got.Title != docs[1].Title {
		t.Errorf("Get %q: got %q, %v; want %q", docs[1].ID, got.Title, err, docs[1].Title)
	}
}

// TestFormatRaisedByWrite: an index of an earlier format opens as it is, and takes this
// searchd's format at its first write, which is of this format.
func TestFormatRaisedByWrite(t *testing.T) {
	dir := t.TempDir() + "/idx"
	ix, err := Open(dir, nil, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, idx := range []bleve.Index{ix.articles(), ix.quoteDocs()} {
		if err := idx.SetInternal(formatKey, []byte("2")); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix = openIndex(t, dir, Options{})
	format := func(idx bleve.Index) string {
		t.Helper()
		v, err := idx.GetInternal(formatKey)
		if err != nil {
			t.Fatal(err)
		}
		return string(v)
	}
	if got := format(ix.articles()); got != "2" {
		t.Errorf("format after Open: got %q, want %q", got, "2")
	}
	if _, err := ix.AddDocuments(context.Background(), fixtures()[:1]); err != nil {
		t.Fatal(err)
	}
	for sub, idx := range map[string]bleve.Index{articlesDir: ix.articles(), quotesDir: ix.quoteDocs()} {
		if got, want := format(idx), string(formatValue()); got != want {
			t.Errorf("%s: format after a write: got %q, want %q", sub, got, want)
		}
	}
}
