package index

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/searchd/searchd/internal/news"
)

// dateDocs returns invented articles of one quote each, dated on both sides of the
// edges of days, months and years, and one without a date.
func dateDocs(t *testing.T) []news.Document {
	t.Helper()
	dates := []string{
		"1999-05-05T08:00:00Z", "2019-12-31T23:59:59Z", "2020-01-01T00:00:00Z", "2020-01-01T12:30:00Z",
		"2020-01-31T10:00:00Z", "2020-02-01T00:00:00Z", "2020-02-29T23:00:00Z", "2020-03-01T00:00:00.000000001Z",
		"2021-06-15T09:15:00Z", "2023-01-01T00:00:00Z", "2023-12-31T23:00:00Z", "",
	}
	var docs []news.Document
	for i, s := range dates {
		quote := fmt.Sprintf("The tide report %d is late again,", i)
		body := `Harbour officials met on the quay. "` + quote + `" said Ana Reyes, the pilot.`
		start := strings.Index(body, quote)
		d := news.Document{ID: fmt.Sprintf("q%02d", i), Title: "Tide report", Source: "Quay News", Body: body,
			Speakers: []news.Speaker{{Name: "Ana Reyes", Kind: news.KindPerson,
				Quotes: []news.Quote{{Text: quote, Direct: true, Start: start, End: start + len(quote)}}}}}
		if s != "" {
			tm, err := time.Parse(time.RFC3339Nano, s)
			if err != nil {
				t.Fatal(err)
			}
			d.Date = &tm
		}
		docs = append(docs, d)
	}
	return docs
}

// TestDateRanges: date filters and date clauses of article and quote search, which the
// indexes answer with terms of years, months, days and date keys (dates.go), find exactly
// the documents whose dates are in the range; so do indexes created before, with Bleve's
// date field.
func TestDateRanges(t *testing.T) {
	t.Run("day terms", func(t *testing.T) {
		ix := openIndex(t, t.TempDir()+"/idx", Options{BatchSize: 5, Workers: 2})
		if !dayTerms(ix.mapping) || !dayTerms(ix.qmap) {
			t.Fatal("a new index does not date documents by day terms")
		}
		testDateRanges(t, ix)
	})
	t.Run("date field", func(t *testing.T) {
		// The mappings of indexes created before day terms.
		dateField := bleve.NewDateTimeFieldMapping()
		dateField.Store, dateField.IncludeInAll, dateField.DocValues = false, false, false
		im, qm := newMapping(), newQuoteMapping()
		for _, m := range []*mapping.IndexMappingImpl{im, qm} {
			delete(m.DefaultMapping.Properties, fieldYear)
			delete(m.DefaultMapping.Properties, fieldMonth)
			m.DefaultMapping.AddFieldMappingsAt(fieldDate, dateField)
		}
		ix := openIndex(t, createWithMappings(t, im, qm), Options{BatchSize: 5, Workers: 2})
		if dayTerms(ix.mapping) || dayTerms(ix.qmap) {
			t.Fatal("indexes created with a date field: dayTerms is true")
		}
		testDateRanges(t, ix)
	})
}

func testDateRanges(t *testing.T, ix *Index) {
	docs := dateDocs(t)
	ctx := context.Background()
	if _, err := ix.AddDocuments(ctx, docs); err != nil {
		t.Fatalf("AddDocuments: %v", err)
	}
	ts := func(s string) time.Time {
		tm, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	// want returns the articles dated in [from, to) (zero: no bound).
	want := func(from, to time.Time) []string {
		var out []string
		for _, d := range docs {
			if d.Date != nil && (from.IsZero() || !d.Date.Before(from)) && (to.IsZero() || d.Date.Before(to)) {
				out = append(out, d.ID)
			}
		}
		return out
	}
	day := func(s string) time.Time { return ts(s + "T00:00:00Z") }
	tests := []struct {
		name string
		q    Query
		want []string
	}{
		{"since a day", Query{Since: day("2020-01-01")}, want(day("2020-01-01"), time.Time{})},
		{"until a day", Query{Until: day("2020-01-31")}, want(time.Time{}, day("2020-02-01"))},
		{"one day", Query{Since: day("2020-01-01"), Until: day("2020-01-01")}, want(day("2020-01-01"), day("2020-01-02"))},
		{"days across months", Query{Since: day("2020-01-31"), Until: day("2020-03-01")}, want(day("2020-01-31"), day("2020-03-02"))},
		{"months across years", Query{Since: day("2019-12-31"), Until: day("2023-12-31")}, want(day("2019-12-31"), day("2024-01-01"))},
		{"whole years", Query{Since: day("2020-01-01"), Until: day("2022-12-31")}, want(day("2020-01-01"), day("2023-01-01"))},
		{"no quote", Query{Since: day("2024-01-01")}, nil},
		{"far bounds", Query{Since: day("1700-01-01"), Until: day("2200-01-01")}, want(time.Time{}, time.Time{})},
		{"time of day, inclusive start", Query{Q: `date:>="2020-01-01T12:30:00Z"`}, want(ts("2020-01-01T12:30:00Z"), time.Time{})},
		{"time of day, exclusive start", Query{Q: `date:>"2020-01-01T12:30:00Z"`}, want(ts("2020-01-01T12:30:00.000000001Z"), time.Time{})},
		{"times within a day", Query{Q: `date:>="2020-01-01T00:00:00Z" date:<"2020-01-01T12:30:00Z"`}, want(ts("2020-01-01T00:00:00Z"), ts("2020-01-01T12:30:00Z"))},
		{"nanoseconds after midnight", Query{Q: `date:>"2020-03-01T00:00:00Z" date:<="2020-03-01T00:00:00.000000001Z"`}, want(ts("2020-03-01T00:00:00.000000001Z"), ts("2020-03-01T00:00:00.000000002Z"))},
		{"hours across years", Query{Q: `date:>="2019-12-31T23:00:00Z" date:<"2023-12-31T23:00:00Z"`}, want(ts("2019-12-31T23:00:00Z"), ts("2023-12-31T23:00:00Z"))},
		{"with words", Query{Q: `date:<"2020-01-01" tide`}, want(time.Time{}, day("2020-01-01"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.q.Size = 50
			res, err := ix.SearchQuotes(ctx, tt.q)
			if err != nil {
				t.Fatalf("SearchQuotes: %v", err)
			}
			var got []string
			for _, q := range res.Quotes {
				got = append(got, q.Article)
				if math.IsNaN(q.Score) || math.IsInf(q.Score, 0) {
					t.Errorf("quote %s: got score %v, want a number", q.ID, q.Score)
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) || res.Total != uint64(len(tt.want)) {
				t.Errorf("quotes: got %v (total %d), want %v", got, res.Total, tt.want)
			}
			tt.q.Q = strings.ReplaceAll(tt.q.Q, "tide", "quay") // a word of the articles' bodies
			hits, err := ix.Search(ctx, tt.q)
			if err != nil {
				t.Fatalf("Search: %v", err)
			}
			got = got[:0]
			for _, h := range hits.Hits {
				got = append(got, h.ID)
				if math.IsNaN(h.Score) || math.IsInf(h.Score, 0) {
					t.Errorf("article %s: got score %v, want a number", h.ID, h.Score)
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) || hits.Total != uint64(len(tt.want)) {
				t.Errorf("articles: got %v (total %d), want %v", got, hits.Total, tt.want)
			}
		})
	}
}

// TestQuoteFieldClausesScore: clauses over the quote index's keyword fields, which have no
// frequencies and norms, match as filters do and leave the scores numbers (Bleve scored them
// NaN, and a NaN score fails the JSON encoding of the answer).
func TestQuoteFieldClausesScore(t *testing.T) {
	ix := openIndex(t, t.TempDir()+"/idx", Options{Workers: 2})
	ctx := context.Background()
	docs := dateDocs(t)
	if _, err := ix.AddDocuments(ctx, docs); err != nil {
		t.Fatalf("AddDocuments: %v", err)
	}
	for _, tt := range []struct {
		q    string
		want int
	}{
		{`speaker:"Ana Reyes"`, len(docs)},
		{`speaker:"Ana Reyes" tide`, len(docs)},
		{`source:"Quay News" -speaker:"Ana Reyes"`, 0},
		{`source:"Quay News" report`, len(docs)},
		{`date:>="2023-01-01"`, 2},
	} {
		res, err := ix.SearchQuotes(ctx, Query{Q: tt.q, Size: 50})
		if err != nil {
			t.Fatalf("%s: %v", tt.q, err)
		}
		if int(res.Total) != tt.want {
			t.Errorf("%s: got %d quotes, want %d", tt.q, res.Total, tt.want)
		}
		for _, q := range res.Quotes {
			if math.IsNaN(q.Score) || math.IsInf(q.Score, 0) {
				t.Errorf("%s: quote %s: got score %v, want a number", tt.q, q.ID, q.Score)
			}
		}
		if _, err := json.Marshal(res); err != nil {
			t.Errorf("%s: encode the answer: %v", tt.q, err)
		}
	}
}
