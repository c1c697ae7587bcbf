package index

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"github.com/searchd/searchd/internal/index/scorchx"
	"github.com/searchd/searchd/internal/news"
)

// nameFixtures are fictional articles: Jane Roe, a senator, quoted in full in five; one
// article (n0) that says only "Roe", written before any of them; two Quills that share a
// surname; and an article that says only "Quill".
func nameFixtures() []news.Document {
	quote := func(name, title, text string) news.Speaker {
		return news.Speaker{Name: name, Title: title, Kind: news.KindPerson,
			Quotes: []news.Quote{{Text: text, Direct: true}}}
	}
	docs := []news.Document{
		{ID: "n0", Title: "Roe presses for a vote", Date: date("2024-01-02"), Source: "Wire",
			Speakers: []news.Speaker{quote("Roe", "", "We will have the vote this week")},
			Body:     "Roe said the chamber would vote this week. \"We will have the vote this week,\" Roe said."},
		{ID: "q0", Title: "Quill on the harbour", Date: date("2024-01-03"), Source: "Wire",
			Speakers: []news.Speaker{quote("Quill", "", "The harbour is full")},
			Body:     "\"The harbour is full,\" Quill said."},
	}
	for i := range 5 {
		docs = append(docs, news.Document{ID: fmt.Sprintf("r%d", i), Title: fmt.Sprintf("Senate day %d", i),
			Date: date(fmt.Sprintf("2024-02-%02d", i+1)), Source: "Ledger",
			Speakers: []news.Speaker{quote("Jane Roe", "Sen.", fmt.Sprintf("Day %d went well", i))},
			Body:     fmt.Sprintf("Sen. Jane Roe spoke on day %d. \"Day %d went well,\" she said.", i, i)})
	}
	for i, n := range []string{"Ada Quill", "Ada Quill", "Bo Quill", "Bo Quill"} {
		docs = append(docs, news.Document{ID: fmt.Sprintf("b%d", i), Title: "Harbour news", Source: "Ledger",
			Speakers: []news.Speaker{quote(n, "", "Boats are late")}, Body: n + " said boats are late."})
	}
	return docs
}

// speakerFacet returns the speaker facet of a match-all search as "name:count" values.
func speakerFacet(tb testing.TB, ix *Index) []string {
	tb.Helper()
	res, err := ix.Search(context.Background(), Query{Size: 1})
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, f := range res.Facets.Speaker {
		out = append(out, fmt.Sprintf("%s:%d", f.Value, f.Count))
	}
	return out
}

// storedNames returns the speakers of every stored article, "id=Name(Written)", sorted.
func storedNames(tb testing.TB, ix *Index, ids []string) []string {
	tb.Helper()
	var out []string
	for _, id := range ids {
		d, err := ix.Get(context.Background(), id)
		if err != nil {
			tb.Fatal(err)
		}
		for _, sp := range d.Speakers {
			out = append(out, fmt.Sprintf("%s=%s(%s)", id, sp.Name, sp.Written))
		}
	}
	slices.Sort(out)
	return out
}

func TestResolveNames(t *testing.T) {
	ctx := context.Background()
	ix := openIndex(t, t.TempDir()+"/idx", Options{BatchSize: 3, Workers: 2})
	docs := nameFixtures()
	// n0 is written alone first, when the archive knows no Jane Roe yet.
	if _, err := ix.AddDocuments(ctx, docs[:1]); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.ResolveNames(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.AddDocuments(ctx, docs[1:]); err != nil {
		t.Fatal(err)
	}
	if got := speakerFacet(t, ix); !slices.Contains(got, "Roe:1") {
		t.Fatalf("before the pass: facet %v, want Roe:1 still there", got)
	}

	st, err := ix.ResolveNames(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != len(docs) || st.Resolved != 1 || st.Names != 3 || st.Skipped {
		t.Errorf("pass: got %+v, want %d articles, 3 names, 1 resolved", st, len(docs))
	}
	want := []string{"Jane Roe:6", "Ada Quill:2", "Bo Quill:2", "Quill:1"}
	if got := speakerFacet(t, ix); !slices.Equal(got, want) {
		t.Errorf("facet after the pass: got %v, want %v", got, want)
	}
	d, err := ix.Get(ctx, "n0")
	if err != nil {
		t.Fatal(err)
	}
	if sp := d.Speakers[0]; sp.Name != "Jane Roe" || sp.Written != "Roe" || len(sp.Quotes) != 1 {
		t.Errorf("n0 speaker: got %+v, want Jane Roe written Roe with its quote", sp)
	}
	// The filter, the speaker page and quote search find the resolved article and its quote.
	res, err := ix.Search(ctx, Query{Speakers: []string{"Jane Roe"}, Size: 10})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 6 || !slices.Contains(hitIDs(res), "n0") {
		t.Errorf("filter Jane Roe: got %d hits %v, want 6 with n0", res.Total, hitIDs(res))
	}
	if res, err := ix.Search(ctx, Query{Speakers: []string{"Roe"}}); err != nil || res.Total != 0 {
		t.Errorf("filter Roe: got %v hits (err %v), want 0", res.Total, err)
	}
	p, err := ix.Speaker(ctx, "Jane Roe")
	if err != nil {
		t.Fatal(err)
	}
	if p.Articles != 6 || p.Quotes != 6 {
		t.Errorf("speaker page: got %d articles, %d quotes, want 6 and 6", p.Articles, p.Quotes)
	}
	qs, err := ix.SearchQuotes(ctx, Query{Q: "vote", Speakers: []string{"Jane Roe"}})
	if err != nil {
		t.Fatal(err)
	}
	if qs.Total != 1 || qs.Quotes[0].Article != "n0" || qs.Quotes[0].Speaker != "Jane Roe" {
		t.Errorf("quote search: got %+v, want n0's quote by Jane Roe", qs.Quotes)
	}
	if qs, err := ix.SearchQuotes(ctx, Query{Speakers: []string{"Roe"}}); err != nil || qs.Total != 0 {
		t.Errorf("quotes of Roe: got %d (err %v), want 0", qs.Total, err)
	}

	// Idempotent: with no write since, nothing to do; re-indexing the same input changes
	// nothing and keeps the resolution.
	if st, err := ix.ResolveNames(ctx); err != nil || !st.Skipped {
		t.Errorf("second pass: got %+v (err %v), want skipped", st, err)
	}
	ls, err := ix.AddDocuments(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	if ls.Unchanged != len(docs) || ls.Indexed != 0 {
		t.Errorf("re-index: got %+v, want all %d unchanged", ls, len(docs))
	}
	if got := storedNames(t, ix, []string{"n0"}); !slices.Equal(got, []string{"n0=Jane Roe(Roe)"}) {
		t.Errorf("n0 after re-index: got %v", got)
	}

	// A new article that says only "Roe" is resolved as it is written.
	later := docs[0]
	later.ID = "n1"
	if _, err := ix.AddDocuments(ctx, []news.Document{later}); err != nil {
		t.Fatal(err)
	}
	if got := storedNames(t, ix, []string{"n1"}); !slices.Equal(got, []string{"n1=Jane Roe(Roe)"}) {
		t.Errorf("n1 at write: got %v, want Jane Roe(Roe)", got)
	}
	if st, err := ix.ResolveNames(ctx); err != nil || st.Resolved != 0 || st.Skipped {
		t.Errorf("pass after n1: got %+v (err %v), want a pass that rewrites nothing", st, err)
	}

	// When the archive no longer singles her out, the resolutions are undone.
	var maxes []news.Document
	for i := range 6 {
		maxes = append(maxes, news.Document{ID: fmt.Sprintf("m%d", i), Title: "Max Roe", Source: "Ledger",
			Speakers: []news.Speaker{{Name: "Max Roe", Kind: news.KindPerson}}, Body: "Max Roe said so."})
	}
	if _, err := ix.AddDocuments(ctx, maxes); err != nil {
		t.Fatal(err)
	}
	if st, err := ix.ResolveNames(ctx); err != nil || st.Resolved != 2 {
		t.Errorf("pass after Max Roe: got %+v (err %v), want n0 and n1 rewritten", st, err)
	}
	if got := storedNames(t, ix, []string{"n0", "n1"}); !slices.Equal(got, []string{"n0=Roe()", "n1=Roe()"}) {
		t.Errorf("after Max Roe: got %v, want Roe restored", got)
	}
	if qs, err := ix.SearchQuotes(ctx, Query{Speakers: []string{"Roe"}}); err != nil || qs.Total != 2 {
		t.Errorf("quotes of Roe after the undo: got %d (err %v), want 2", qs.Total, err)
	}
}

// TestResolveNamesOrderIndependent indexes the same articles in two orders and checks that,
// after a pass, both indexes store the same names.
func TestResolveNamesOrderIndependent(t *testing.T) {
	ctx := context.Background()
	docs := nameFixtures()
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	var results [][]string
	for _, order := range [][]news.Document{docs, reversed(docs)} {
		ix := openIndex(t, t.TempDir()+"/idx", Options{BatchSize: 2, Workers: 2})
		// One pass after every batch, as a server's periodic pass would.
		for chunk := range slices.Chunk(order, 4) {
			if _, err := ix.AddDocuments(ctx, chunk); err != nil {
				t.Fatal(err)
			}
			if _, err := ix.ResolveNames(ctx); err != nil {
				t.Fatal(err)
			}
		}
		results = append(results, storedNames(t, ix, ids))
	}
	if !slices.Equal(results[0], results[1]) {
		t.Errorf("orders differ:\n%s\n%s", strings.Join(results[0], " "), strings.Join(results[1], " "))
	}
	if !slices.Contains(results[0], "n0=Jane Roe(Roe)") || !slices.Contains(results[0], "q0=Quill()") {
		t.Errorf("got %v, want n0 resolved and q0 left alone", results[0])
	}
}

func reversed[T any](s []T) []T {
	out := slices.Clone(s)
	slices.Reverse(out)
	return out
}

// TestResolveNamesReadOnly checks that a pass over an index that cannot be written fails with
// ErrReadOnly once, and is not tried again until something is written.
func TestResolveNamesReadOnly(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir() + "/idx"
	ix := openIndex(t, dir, Options{BatchSize: 4, Workers: 2})
	if _, err := ix.AddDocuments(ctx, nameFixtures()); err != nil {
		t.Fatal(err)
	}
	undo := makeReadOnly(t, filepath.Join(dir, articlesDir, "store"))
	if _, err := ix.ResolveNames(ctx); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("pass over a read-only index: got %v, want ErrReadOnly", err)
	}
	if st, err := ix.ResolveNames(ctx); err != nil || !st.Skipped {
		t.Errorf("second pass: got %+v (err %v), want skipped", st, err)
	}
	undo()
	if got := storedNames(t, ix, []string{"n0"}); !slices.Equal(got, []string{"n0=Roe()"}) {
		t.Errorf("n0 on a read-only index: got %v, want Roe as written", got)
	}
}

// TestNamesTableKept checks that a pass keeps its table in the index directory, that the next
// process uses it instead of reading every article while nothing was written, and resolves
// new articles with it, and that a write or a damaged file makes the next process read the
// articles again.
func TestNamesTableKept(t *testing.T) {
	dir := t.TempDir() + "/idx"
	ctx := context.Background()
	// session opens the index, runs f and a names pass, closes the index and returns the pass.
	session := func(f func(ix *Index)) NameStats {
		t.Helper()
		ix, err := Open(dir, nil, Options{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer func() {
			if err := ix.Close(); err != nil {
				t.Fatal(err)
			}
		}()
		if f != nil {
			f(ix)
		}
		st, err := ix.ResolveNames(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	add := func(docs ...news.Document) func(ix *Index) {
		return func(ix *Index) {
			if _, err := ix.AddDocuments(ctx, docs); err != nil {
				t.Fatal(err)
			}
		}
	}
	learnt := session(add(nameFixtures()...))
	if learnt.Skipped || learnt.Resolved != 1 {
		t.Fatalf("first pass: got %+v, want n0 resolved", learnt)
	}
	// The table is kept after a pass that saw every write; a merge of Bleve's in the
	// background makes it stale (another snapshot), and the next pass keeps it again.
	// settle returns the first pass of up to ten that used the kept table.
	settle := func() NameStats {
		t.Helper()
		for range 10 {
			if st := session(nil); st.Skipped {
				return st
			}
		}
		t.Fatal("no pass used the table kept by the one before")
		return NameStats{}
	}
	settle()
	var resolved []string
	st := session(func(ix *Index) {
		// The kept table, unless a merge since made it stale (settle checked it is used).
		if st, err := ix.ResolveNames(ctx); err != nil || st.Names != learnt.Names {
			t.Fatalf("pass with nothing written: got %+v (err %v), want %d names", st, err, learnt.Names)
		}
		add(news.Document{ID: "n1", Title: "Roe again", Source: "Wire",
			Speakers: []news.Speaker{{Name: "Roe", Kind: news.KindPerson}}, Body: "Roe said so."})(ix)
		resolved = storedNames(t, ix, []string{"n1"})
	})
	if !slices.Equal(resolved, []string{"n1=Jane Roe(Roe)"}) {
		t.Errorf("article loaded with the kept table: got %v, want Roe resolved", resolved)
	}
	if st.Skipped {
		t.Fatalf("pass after a write: got %+v, want the articles read", st)
	}
	// A write in a process that does not pass (the table stays as it was) makes it stale.
	ix, err := Open(dir, nil, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Delete(ctx, "n1"); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if st := session(nil); st.Skipped {
		t.Fatalf("pass after a delete: got %+v, want the articles read", st)
	}
	// The pass after the delete kept its table; a merge of Bleve's since may have made it
	// stale (the next pass keeps it again), so settle before looking at the kept table.
	if st := settle(); st.Names != learnt.Names || st.Articles != 0 {
		t.Fatalf("pass with nothing written: got %+v, want the kept table (%d names), no article read", st, learnt.Names)
	}
	if err := os.WriteFile(filepath.Join(dir, namesFile), []byte(`{"fingerprint":"x","table":{}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if st := session(nil); st.Skipped {
		t.Fatalf("pass with a table of other articles: got %+v, want the articles read", st)
	}
	settle()
}

// deletedDocs returns the documents a Bleve index still holds as deleted, in its segments.
func deletedDocs(tb testing.TB, idx bleve.Index) uint64 {
	tb.Helper()
	snap, err := scorchx.SnapshotOf(idx)
	if err != nil {
		tb.Fatal(err)
	}
	defer snap.Close()
	var n uint64
	for _, ss := range snap.Segments() {
		if d := ss.Deleted(); d != nil {
			n += d.GetCardinality()
		}
	}
	return n
}

// tableJSON returns the names table of ix's last pass as JSON.
func tableJSON(tb testing.TB, ix *Index) string {
	tb.Helper()
	b, err := ix.names.table.Load().MarshalJSON()
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// TestBulkLoadResolvesNames checks that a bulk build resolves short names as it builds the
// articles, leaving what a load and a ResolveNames pass leave (the same speakers in every
// article, the same table) without rewriting any article: no deleted document in either
// index, and the pass that follows has nothing to do.
func TestBulkLoadResolvesNames(t *testing.T) {
	ctx := context.Background()
	docs := slices.Concat(nameFixtures(), bulkDocs())
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	online := openIndex(t, t.TempDir()+"/online", Options{BatchSize: 3, Workers: 2})
	if _, err := online.AddDocuments(ctx, docs); err != nil {
		t.Fatal(err)
	}
	if st, err := online.ResolveNames(ctx); err != nil || st.Resolved == 0 {
		t.Fatalf("online pass: got %+v (err %v), want articles rewritten", st, err)
	}
	bulk, stats := bulkFill(t, t.TempDir()+"/bulk", 3, docs)
	if stats.Names == nil || stats.Names.Resolved != 1 || stats.Names.Articles != len(docs) {
		t.Errorf("bulk names: got %+v, want n0 resolved among %d articles", stats.Names, len(docs))
	}
	// The articles with a person named by one word are the ones a table may change.
	short := 0
	for _, d := range docs {
		if slices.ContainsFunc(d.Speakers, func(sp news.Speaker) bool {
			return sp.Kind == news.KindPerson && len(strings.Fields(sp.Name)) == 1
		}) {
			short++
		}
	}
	if short == 0 || stats.Deferred != short || stats.Indexed != len(docs) {
		t.Errorf("bulk build: got %d deferred of %d indexed, want the %d with a short name of %d", stats.Deferred, stats.Indexed, short, len(docs))
	}
	if got, want := storedNames(t, bulk, ids), storedNames(t, online, ids); !slices.Equal(got, want) {
		t.Errorf("stored names:\ngot  %v\nwant %v", got, want)
	}
	if got, want := speakerFacet(t, bulk), speakerFacet(t, online); !slices.Equal(got, want) {
		t.Errorf("speaker facet: got %v, want %v", got, want)
	}
	if qs, err := bulk.SearchQuotes(ctx, Query{Speakers: []string{"Jane Roe"}}); err != nil || qs.Total != 6 {
		t.Errorf("quotes of Jane Roe: got %d (err %v), want 6", qs.Total, err)
	}
	if a, q := deletedDocs(t, bulk.articles()), deletedDocs(t, bulk.quoteDocs()); a+q != 0 {
		t.Errorf("deleted documents after the build: %d articles, %d quotes, want none", a, q)
	}
	st, err := bulk.ResolveNames(ctx)
	if err != nil || !st.Skipped {
		t.Errorf("pass after the build: got %+v (err %v), want skipped", st, err)
	}
	if got, want := tableJSON(t, bulk), tableJSON(t, online); got != want {
		t.Errorf("table:\ngot  %s\nwant %s", got, want)
	}
	// Re-indexing the same input finds every article unchanged: a deferred article's hash is
	// that of its document as extracted.
	if again, err := bulk.AddDocuments(ctx, docs); err != nil || again.Unchanged != len(docs) {
		t.Errorf("indexing again: got %+v (err %v), want %d unchanged", again, err, len(docs))
	}
	// The table is kept for the next process, which then skips the pass too.
	if kept, ok := bulk.readNames(); !ok || kept.Len() != bulk.names.table.Load().Len() {
		t.Errorf("kept table: got %v (ok %v), want the build's", kept.Len(), ok)
	}
	// Compressed; the plain JSON that searchd wrote before still reads.
	path := filepath.Join(bulk.path, namesFile)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, zstdMagic) {
		t.Errorf("%s: got %q..., want zstd", namesFile, b[:min(len(b), 8)])
	}
	plain, err := docJSON(b)
	if err == nil {
		err = os.WriteFile(path, plain, 0o600)
	}
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := bulk.readNames(); !ok {
		t.Errorf("%s as plain JSON: not read", namesFile)
	}
}

// TestBulkLoadResolvesNamesLateDuplicate: when a deferred article comes again, changed, in a
// later batch, the later version is written after the build and the next pass learns the
// table again from what the index holds.
func TestBulkLoadResolvesNamesLateDuplicate(t *testing.T) {
	ctx := context.Background()
	docs := nameFixtures()
	changed := docs[0] // n0, which says only "Roe"
	changed.Title = "Roe presses again"
	in := append(slices.Clone(docs), changed)
	bulk, _ := bulkFill(t, t.TempDir()+"/bulk", 2, in)
	st, err := bulk.ResolveNames(ctx)
	if err != nil || st.Skipped {
		t.Fatalf("pass after the build: got %+v (err %v), want a pass", st, err)
	}
	d, err := bulk.Get(ctx, "n0")
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != changed.Title || d.Speakers[0].Name != "Jane Roe" || d.Speakers[0].Written != "Roe" {
		t.Errorf("n0: got %q with %+v, want %q with Jane Roe written Roe", d.Title, d.Speakers[0], changed.Title)
	}
}
