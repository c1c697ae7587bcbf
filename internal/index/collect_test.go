package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/searchd/searchd/internal/news"
)

// bleveCollect is the reference for collect: Bleve's own TopN collector and term facets.
func bleveCollect(t *testing.T, ix *Index, q query.Query, window int, o order, after []string) (*bleve.SearchResult, [numCols][]FacetValue) {
	t.Helper()
	req := bleve.NewSearchRequestOptions(q, window, 0, false)
	req.Fields = []string{fieldDoc, fieldStory}
	req.SortByCustom(o.sort())
	req.SearchAfter = after
	for _, f := range colFields {
		req.AddFacet(f, bleve.NewFacetRequest(f, 100000))
	}
	res, err := ix.articles().SearchInContext(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits { // Bleve returns the stored form; collect gives the JSON
		if stored, ok := h.Fields[fieldDoc].(string); ok {
			raw, err := docJSON([]byte(stored))
			if err != nil {
				t.Fatal(err)
			}
			h.Fields[fieldDoc] = string(raw)
		}
	}
	var facets [numCols][]FacetValue
	for col, f := range colFields {
		facets[col] = termFacet(res.Facets[f])
	}
	return res, facets
}

// checkCollect compares collect with Bleve's collector for queries, every sort order, and the
// second page of each.
func checkCollect(t *testing.T, ix *Index, queries []Query, window int) {
	t.Helper()
	an := ix.mapping.AnalyzerNamed(textAnalyzer)
	for _, q := range queries {
		p, err := parseQuery(q.Q, an)
		if err != nil {
			t.Fatal(err)
		}
		bq := ix.filtered(p.q, q, typeArticle)
		for _, o := range []order{{SortRelevance, 'r'}, {SortDate, 'd'}, {SortDateDesc, 'D'}} {
			var after []string
			for page := range 2 {
				name := fmt.Sprintf("%+v %s page %d", q, o.name, page+1)
				want, wantFacets := bleveCollect(t, ix, bq, window, o, after)
				snap, err := ix.snapshot()
				if err != nil {
					t.Fatal(err)
				}
				got, err := ix.collect(context.Background(), snap, bq, window, o, after, true)
				snap.Close()
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				if got.total != want.Total {
					t.Errorf("%s: got total %d, want %d", name, got.total, want.Total)
				}
				if len(got.hits) != len(want.Hits) {
					t.Fatalf("%s: got %d hits, want %d", name, len(got.hits), len(want.Hits))
				}
				for i, h := range got.hits {
					w := want.Hits[i]
					if h.ID != w.ID || h.Score != w.Score || encodeCursor(o, h) != encodeCursor(o, w) ||
						h.Fields[fieldDoc] != w.Fields[fieldDoc] || fmt.Sprint(h.Fields[fieldStory]) != fmt.Sprint(w.Fields[fieldStory]) {
						t.Errorf("%s: hit %d: got %s %v %v, want %s %v %v", name, i, h.ID, h.Score, h.Sort, w.ID, w.Score, w.Sort)
					}
				}
				if page == 0 && len(want.Hits) > 0 && o.name != SortRelevance {
					// The first hit in date order has the least date key, in reverse
					// date order the greatest; a hit without one sorts last.
					key, gotKey := want.Hits[0].Sort[0], got.res.MinKey
					if o.name == SortDateDesc {
						gotKey = got.res.MaxKey
					}
					if key == search.HighTerm || key == search.LowTerm {
						key = ""
					}
					if gotKey != key {
						t.Errorf("%s: date range end: got %q, want %q", name, gotKey, key)
					}
				}
				if page == 0 {
					if g, w := got.dayCounts(), dayCountsOf(wantFacets[colDay]); !slices.Equal(g, w) {
						t.Errorf("%s: day counts: got %v, want %v", name, g, w)
					}
					for col := range numCols {
						if g := got.top(col, 100000); !slices.Equal(g, wantFacets[col]) {
							t.Errorf("%s: facet %s: got %v, want %v", name, colFields[col], g, wantFacets[col])
						}
						for _, n := range []int{1, 2, 3} { // fewer than the values counted
							w := wantFacets[col][:min(n, len(wantFacets[col]))]
							if g := got.top(col, n); !slices.Equal(g, w) {
								t.Errorf("%s: facet %s, top %d: got %v, want %v", name, colFields[col], n, g, w)
							}
						}
					}
				}
				// The counts go back to their pool, so that the next search reuses them: its
				// counts must not see these.
				got.release()
				if len(want.Hits) == 0 {
					break
				}
				if after, err = decodeCursor(encodeCursor(o, want.Hits[len(want.Hits)-1]), o); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}

// docValuesFields are the article fields that had doc values before the columns.
var docValuesFields = []string{fieldSpeaker, fieldLocation, fieldSource, fieldPlace, fieldDay, fieldDateKey, fieldStory, fieldPlaces}

// quoteDocValuesFields are the quote fields that had doc values before the columns.
var quoteDocValuesFields = []string{fieldQSpeaker, fieldQRole, fieldDay, fieldDateKey}

// newDocValuesTestIndex returns an index of the fixtures whose article index was created, as
// by earlier versions, with doc values on docValuesFields, which Bleve's collector needs.
func newDocValuesTestIndex(t *testing.T) *Index {
	t.Helper()
	im := newMapping()
	for _, f := range docValuesFields {
		for _, fm := range im.DefaultMapping.Properties[f].Fields {
			fm.DocValues = true
		}
	}
	qm := newQuoteMapping()
	for _, f := range quoteDocValuesFields {
		for _, fm := range qm.DefaultMapping.Properties[f].Fields {
			fm.DocValues = true
		}
	}
	return fillTestIndex(t, createWithMappings(t, im, qm))
}

// createWithMappings creates an empty index with the article mapping im and the quote mapping
// qm, as an earlier version would have, and returns its directory.
func createWithMappings(t *testing.T, im, qm *mapping.IndexMappingImpl) string {
	t.Helper()
	dir := t.TempDir() + "/idx"
	for sub, m := range map[string]*mapping.IndexMappingImpl{articlesDir: im, quotesDir: qm} {
		idx, err := bleve.New(dir+"/"+sub, m)
		if err != nil {
			t.Fatal(err)
		}
		if err := idx.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestMappingHasNoKeywordDocValues(t *testing.T) {
	for kind, im := range map[string]*mapping.IndexMappingImpl{"article": newMapping(), "quote": newQuoteMapping()} {
		for name, dm := range im.DefaultMapping.Properties {
			for _, fm := range dm.Fields {
				if got, want := fm.DocValues, kind == "article" && name == fieldGeo; got != want {
					t.Errorf("%s field %s: got doc values %v, want %v", kind, name, got, want)
				}
			}
		}
	}
}

// TestDocValuesIndexSameResults checks that an index created with doc values gives the same
// answers as one without: nothing reads them any more.
func TestDocValuesIndexSameResults(t *testing.T) {
	ixs := []*Index{newTestIndex(t), newDocValuesTestIndex(t)}
	got, want := answersOf(t, ixs[0]), answersOf(t, ixs[1])
	if len(got) != len(want) {
		t.Fatalf("got %d answers, want %d", len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("answer %d: got %s, want (doc values) %s", i, got[i], want[i])
		}
	}
}

// TestCollectQuotesMatchesBleve compares the quote index's collect with Bleve's collector and
// facets over an index with doc values.
func TestCollectQuotesMatchesBleve(t *testing.T) {
	ix := newDocValuesTestIndex(t)
	ctx := context.Background()
	an := ix.mapping.AnalyzerNamed(textAnalyzer)
	for _, q := range []Query{{}, {Q: "budget"}, {Speakers: []string{"Maria Lopez"}}, {Q: "nothingmatches"}} {
		p, err := parseQueryIn(q.Q, an, scopeQuotes)
		if err != nil {
			t.Fatal(err)
		}
		bq := ix.filtered(p.q, q, typeQuote)
		for _, o := range []order{{SortRelevance, 'r'}, {SortDate, 'd'}, {SortDateDesc, 'D'}} {
			name := fmt.Sprintf("%+v %s", q, o.name)
			req := bleve.NewSearchRequestOptions(bq, 3, 0, false)
			req.SortByCustom(o.sort())
			for _, f := range quoteColFields {
				if f != "" {
					req.AddFacet(f, bleve.NewFacetRequest(f, 100000))
				}
			}
			want, err := ix.quoteDocs().SearchInContext(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			got, err := ix.collectQuotes(ctx, bq, 3, o, nil, true)
			if err != nil {
				t.Fatal(err)
			}
			if got.total != want.Total || len(got.hits) != len(want.Hits) {
				t.Fatalf("%s: got %d matches %d hits, want %d %d", name, got.total, len(got.hits), want.Total, len(want.Hits))
			}
			for i, h := range got.hits {
				if w := want.Hits[i]; h.ID != w.ID || encodeCursor(o, h) != encodeCursor(o, w) {
					t.Errorf("%s: hit %d: got %s %v, want %s %v", name, i, h.ID, h.Sort, w.ID, w.Sort)
				}
			}
			for _, col := range []int{colQSpeaker, colQRole, colDay} {
				if g, w := got.top(col, 100000), termFacet(want.Facets[quoteColFields[col]]); !slices.Equal(g, w) {
					t.Errorf("%s: facet %s: got %v, want %v", name, quoteColFields[col], g, w)
				}
			}
			got.release()
		}
	}
}

func TestCollectMatchesBleve(t *testing.T) {
	ix := newDocValuesTestIndex(t) // batches of 3: several segments
	ctx := context.Background()
	if err := ix.Delete(ctx, "a4"); err != nil { // a deleted document
		t.Fatal(err)
	}
	// A changed document: its old version is deleted in its segment, the new one elsewhere.
	changed := fixtures()[2]
	changed.Speakers = speakers("Ana Silva")
	changed.Source = "Wire"
	if _, err := ix.AddDocuments(ctx, []news.Document{changed}); err != nil {
		t.Fatal(err)
	}
	queries := []Query{{}, {Q: "budget"}, {Q: "storm OR budget"}, {Q: `"budget vote"`}, {Q: "senate budget"},
		{Q: "budget", Speakers: []string{"Maria Lopez", "Ana Silva"}}, {Sources: []string{"Wire"}}, {Q: "nothingmatches"},
		// Filters that leapfrog with the query (searcherOf): sparse, dense, several, none left.
		{Q: "budget OR storm OR markets OR park", Sources: []string{"Daily Ledger", "Wire"}, Since: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)},
		{Q: "budget OR senate", Locations: []string{"Washington"}, Speakers: []string{"Maria Lopez"}},
		{Q: `"budget vote" OR drought`, Until: time.Date(2024, 3, 12, 0, 0, 0, 0, time.UTC)},
		{Q: "budget", Sources: []string{"Nobody's Paper"}}, {Speakers: []string{"Tom Baker"}, Since: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)},
		// Words and phrases without filters: scorchx's flat searcher (flat.go).
		{Q: "senate budget vote"}, {Q: `"budget vote" senate`}, {Q: "title:budget storm"}, {Q: "source:Wire budget"}}
	checkCollect(t, ix, queries, 3)
	checkCollect(t, ix, queries, 21)
}

// TestCollectMatchesBleveAllSides runs the comparison on the index named by
// SEARCHD_BENCH_INDEX (an AllSides index created with doc values, by an earlier version), or
// skips.
func TestCollectMatchesBleveAllSides(t *testing.T) {
	path := os.Getenv("SEARCHD_BENCH_INDEX")
	if path == "" {
		t.Skip("set SEARCHD_BENCH_INDEX to an index directory")
	}
	ix, err := Open(path, nil, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var queries []Query
	for _, q := range allSidesQueries {
		queries = append(queries, Query{Q: q})
	}
	queries = append(queries, benchQueries...)
	checkCollect(t, ix, queries, 21)
}

// termFacet returns the values of a Bleve term facet.
func termFacet(fr *search.FacetResult) []FacetValue {
	out := []FacetValue{}
	if fr == nil || fr.Terms == nil {
		return out
	}
	for _, t := range fr.Terms.Terms() {
		out = append(out, FacetValue{Value: t.Term, Count: t.Count})
	}
	return out
}

// dayCountsOf returns the day counts of day facet values, in date order.
func dayCountsOf(values []FacetValue) []dayCount {
	out := make([]dayCount, 0, len(values))
	for _, t := range values {
		d, err := time.Parse(time.DateOnly, t.Value)
		if err != nil {
			continue
		}
		out = append(out, dayCount{day: d, n: t.Count})
	}
	slices.SortFunc(out, func(a, b dayCount) int { return a.day.Compare(b.day) })
	return out
}

// answersOf returns the JSON of many answers of ix (searches, speaker pages, suggestions,
// related articles, quote searches, the timeline), times zeroed, for comparisons.
func answersOf(t *testing.T, ix *Index) []string {
	t.Helper()
	ctx := context.Background()
	var out []string
	add := func(v any, err error) {
		t.Helper()
		if err != nil && !errors.Is(err, ErrNotFound) {
			t.Fatal(err)
		}
		if r, ok := v.(*Results); ok && r != nil {
			r.Took, r.TookMS = 0, 0
		}
		b, _ := json.Marshal(v)
		out = append(out, string(b)+fmt.Sprint(err))
	}
	for _, q := range []Query{{}, {Q: "budget"}, {Q: "budget", Sort: SortDate}, {Q: "storm", Sort: SortDateDesc},
		{Q: "budget", Collapse: CollapseStory}, {Sources: []string{"Wire"}, Size: 2}} {
		add(ix.Search(ctx, q))
	}
	for _, name := range []string{"Maria Lopez", "Tom Baker", "Nobody"} {
		add(ix.Speaker(ctx, name))
	}
	for _, prefix := range []string{"", "t", "lo"} {
		add(ix.Suggest(ctx, prefix, 10))
	}
	for _, d := range fixtures() {
		add(ix.Related(ctx, d.ID))
	}
	for _, q := range []Query{{}, {Q: "budget"}, {Sort: SortDate, Size: 2}, {Sort: SortDateDesc}, {Speakers: []string{"Maria Lopez"}}} {
		res, err := ix.SearchQuotes(ctx, q)
		if res != nil {
			res.Took, res.TookMS = 0, 0
		}
		add(res, err)
	}
	add(ix.timeline(ctx, query.NewMatchAllQuery(), ""))
	return out
}
