package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/searchd/searchd/internal/news"
)

// TestLeapfrogMatchesBleve compares collect, which leapfrogs the query and its filters
// (searcherOf), with Bleve's own search of the same query, which tests every match of the
// query against the filters: over random documents in several segments and random queries
// with sparse and dense filters, both must find the same documents with the same scores.
func TestLeapfrogMatchesBleve(t *testing.T) {
	ix, err := Open(t.TempDir()+"/idx", nil, Options{BatchSize: 37, Workers: 2}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	rng := rand.New(rand.NewPCG(7, 11))
	words := strings.Fields("harbour budget storm senate vote council park drought market rally rules bridge")
	sources := []string{"Daily Ledger", "Coastal Times", "Wire", "Lisbon Post", "Rare Gazette"}
	pick := func(vocab []string, n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = vocab[rng.IntN(len(vocab))]
		}
		return out
	}
	var docs []news.Document
	for i := range 400 {
		a := news.Article{ID: fmt.Sprintf("r%03d", i), Title: strings.Join(pick(words, 3), " "),
			Body: strings.Join(pick(words, 5+rng.IntN(30)), " ")}
		// The last source is rare: a sparse filter.
		a.Source = sources[rng.IntN(len(sources)-1)]
		if rng.IntN(40) == 0 {
			a.Source = sources[len(sources)-1]
		}
		d := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(1000))
		a.Date = d
		docs = append(docs, news.NewDocument(a, news.Extraction{}))
	}
	ctx := context.Background()
	if _, err := ix.AddDocuments(ctx, docs); err != nil {
		t.Fatal(err)
	}
	if err := ix.Delete(ctx, "r005"); err != nil { // a deleted document in a segment
		t.Fatal(err)
	}
	an := ix.mapping.AnalyzerNamed(textAnalyzer)
	for i := range 80 {
		q := Query{Q: strings.Join(pick(words, 1+rng.IntN(2)), " OR ")}
		if i%4 == 0 {
			q.Q = `"` + strings.Join(pick(words, 2), " ") + `"`
		}
		q.Sources = pick(sources, rng.IntN(3))
		if rng.IntN(2) == 0 {
			q.Since = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(1000))
		}
		if len(q.Sources) == 0 && q.Since.IsZero() {
			q.Sources = sources[len(sources)-1:]
		}
		p, err := parseQuery(q.Q, an)
		if err != nil {
			t.Fatal(err)
		}
		bq := ix.filtered(p.q, q, typeArticle)
		want, err := ix.articles().SearchInContext(ctx, bleve.NewSearchRequestOptions(bq, len(docs), 0, false))
		if err != nil {
			t.Fatal(err)
		}
		snap, err := ix.snapshot()
		if err != nil {
			t.Fatal(err)
		}
		got, err := ix.collect(ctx, snap, bq, len(docs), order{SortRelevance, 'r'}, nil, false)
		snap.Close()
		if err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("%q sources %v since %v", q.Q, q.Sources, q.Since.Format(time.DateOnly))
		if got.total != want.Total || len(got.hits) != len(want.Hits) {
			t.Errorf("%s: got %d matches (%d hits), want %d (%d)", name, got.total, len(got.hits), want.Total, len(want.Hits))
			continue
		}
		scores := map[string]float64{}
		for _, h := range want.Hits {
			scores[h.ID] = h.Score
		}
		for _, h := range got.hits {
			if s, ok := scores[h.ID]; !ok || s != h.Score {
				t.Errorf("%s: hit %s score %v: Bleve has it %v (found: %v)", name, h.ID, h.Score, s, ok)
			}
		}
	}
}
