package index

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestFacetsMatchFilteredTotals(t *testing.T) {
	ix := newTestIndex(t)
	ctx := context.Background()
	for _, q := range []Query{{}, {Q: "budget"}, {Q: "said"}, {Q: "storm", Sources: []string{"Wire", "Lisbon Post"}}, {Since: *date("2024-01-01")}} {
		res, err := ix.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		check := func(facet string, v string, want int, narrow Query) {
			t.Helper()
			got, err := ix.Search(ctx, narrow)
			if err != nil {
				t.Fatal(err)
			}
			if got.Total != uint64(want) {
				t.Errorf("%+v: facet %s %q counts %d, but filtering on it finds %d", q, facet, v, want, got.Total)
			}
		}
		if len(res.Facets.Speaker) == 0 || len(res.Facets.Source) == 0 || len(res.Facets.Date) == 0 || len(res.Facets.Places) == 0 {
			t.Errorf("%+v: empty facets: %+v", q, res.Facets)
		}
		for _, f := range res.Facets.Speaker {
			n := q
			n.Speakers = []string{f.Value}
			check("speaker", f.Value, f.Count, n)
		}
		for _, f := range res.Facets.Location {
			n := q
			n.Locations = []string{f.Value}
			check("location", f.Value, f.Count, n)
		}
		for _, f := range res.Facets.Source {
			n := q
			n.Sources = []string{f.Value}
			check("source", f.Value, f.Count, n)
		}
		for _, f := range res.Facets.Places {
			n := q
			n.Places = []string{f.Value}
			check("places", f.Value, f.Count, n)
		}
		for _, b := range res.Facets.Date {
			from, err1 := time.Parse(time.DateOnly, b.From)
			to, err2 := time.Parse(time.DateOnly, b.To)
			if err1 != nil || err2 != nil {
				t.Fatalf("bucket %+v: bad dates", b)
			}
			n := q
			if n.Since.Before(from) {
				n.Since = from
			}
			n.Until = to.AddDate(0, 0, -1)
			check("date", b.Label, b.Count, n)
		}
	}
}

func TestDateFacetGranularity(t *testing.T) {
	ix := newTestIndex(t)
	ctx := context.Background()
	tests := []struct {
		q      Query
		labels []string
		counts []int
	}{
		// 2019..2024: years, from the first to the last non-empty one.
		{Query{}, []string{"2019", "2020", "2021", "2022", "2023", "2024"}, []int{1, 0, 0, 1, 2, 5}},
		// 2023..2024: months.
		{Query{Q: "said", Since: *date("2023-01-01")}, []string{"2023-06", "2023-07", "2023-08", "2023-09", "2023-10", "2023-11", "2023-12", "2024-01", "2024-02", "2024-03"}, []int{1, 0, 0, 0, 0, 1, 0, 0, 1, 4}},
		{Query{Q: "storm"}, []string{"2024-03"}, []int{3}},
	}
	for _, tt := range tests {
		res, err := ix.Search(ctx, tt.q)
		if err != nil {
			t.Fatal(err)
		}
		var labels []string
		var counts []int
		for _, b := range res.Facets.Date {
			labels = append(labels, b.Label)
			counts = append(counts, b.Count)
		}
		if strings.Join(labels, ",") != strings.Join(tt.labels, ",") || !slices.Equal(counts, tt.counts) {
			t.Errorf("%+v: date buckets: got %v %v, want %v %v", tt.q, labels, counts, tt.labels, tt.counts)
		}
	}
}

func TestFacetTopValues(t *testing.T) {
	ix := newTestIndex(t)
	res, err := ix.Search(context.Background(), Query{})
	if err != nil {
		t.Fatal(err)
	}
	want := []FacetValue{{"Maria Lopez", 3}, {"Tom Baker", 3}, {"Ana Silva", 2}, {"John Reed", 2}}
	if got := res.Facets.Speaker; len(got) != len(want) || got[0] != want[0] && got[0] != want[1] || got[2].Count != 2 || got[3].Count != 2 {
		t.Errorf("speaker facet: got %+v, want %+v", got, want)
	}
	for i := 1; i < len(res.Facets.Source); i++ {
		if res.Facets.Source[i-1].Count < res.Facets.Source[i].Count {
			t.Errorf("source facet not by count: %+v", res.Facets.Source)
		}
	}
}

func TestHitsAndSnippets(t *testing.T) {
	ix := newTestIndex(t)
	ctx := context.Background()
	tests := []struct {
		q       string
		id      string
		want    []string // in the snippet
		notWant []string
	}{
		{"taxes", "a6", []string{"&lt;script&gt;alert(&#34;budget&#34;)&lt;/script&gt;", "budget &amp; <mark>taxes</mark>"}, []string{"<script>"}},
		{"votes senate", "a1", []string{"<mark>Senate</mark> <mark>voted</mark>"}, nil},
		{`"budget vote" -storm`, "a8", []string{"<mark>budget</mark> <mark>vote</mark>"}, []string{"storm"}},
		{"reservo*", "a7", []string{"<mark>reservoirs</mark>"}, nil},
		{"drougt~1", "a7", []string{"long <mark>drought</mark>"}, nil},
		{"speaker:\"Ana Silva\" park", "a4", []string{"new riverside <mark>park</mark>"}, []string{"<mark>Ana"}},
	}
	for _, tt := range tests {
		res, err := ix.Search(ctx, Query{Q: tt.q})
		if err != nil {
			t.Fatal(err)
		}
		var found bool
		for _, h := range res.Hits {
			if h.ID != tt.id {
				continue
			}
			found = true
			for _, w := range tt.want {
				if !strings.Contains(h.Snippet, w) {
					t.Errorf("%q: snippet of %s: got %q, want it to contain %q", tt.q, h.ID, h.Snippet, w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(h.Snippet, w) {
					t.Errorf("%q: snippet of %s: got %q, want no %q", tt.q, h.ID, h.Snippet, w)
				}
			}
		}
		if !found {
			t.Errorf("%q: got hits %v, want %s", tt.q, hitIDs(res), tt.id)
		}
	}

	res, err := ix.Search(ctx, Query{Q: "reservoirs"})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("reservoirs: got %v, %v", res, err)
	}
	h := res.Hits[0]
	if h.Title != "Farmers warn of drought" || h.Source != "Lisbon Post" || h.Location == nil || h.Location.Name != "Lisbon" ||
		strings.Join(h.Speakers, ",") != "Ana Silva,John Reed" || h.Date == nil || h.Score <= 0 {
		t.Errorf("hit: got %+v", h)
	}
}

func TestSnippetWindow(t *testing.T) {
	an := newMapping().AnalyzerNamed(textAnalyzer)
	filler := strings.Repeat("lorem ipsum dolor sit amet ", 30)
	body := "Opening words here. " + filler + "the zebra crossed. " + filler + "A zebra and a giraffe met at dawn. " + filler
	tests := []struct {
		name  string
		terms []string
		want  string
	}{
		{"no terms: the opening", nil, "Opening words here. lorem"},
		{"most distinct terms win", []string{"zebra", "giraff"}, "A <mark>zebra</mark> and a <mark>giraffe</mark> met"},
	}
	for _, tt := range tests {
		m := newMarker()
		m.addTerms(tt.terms, 0)
		got := snippet(body, an, m, snippetWidth)
		if !strings.Contains(got, tt.want) {
			t.Errorf("%s: got %q, want it to contain %q", tt.name, got, tt.want)
		}
		if n := len([]rune(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(got))); n > snippetWidth+2 {
			t.Errorf("%s: snippet has %d characters, want about %d", tt.name, n, snippetWidth)
		}
	}
	m := newMarker()
	m.addTerms([]string{"zebra", "giraff"}, 0)
	if got := snippet(body, an, m, snippetWidth); !strings.HasPrefix(got, "…") || !strings.HasSuffix(got, "…") {
		t.Errorf("cut snippet: got %q, want ellipses at both ends", got)
	}
	if got := snippet("Short body.", an, newMarker(), snippetWidth); got != "Short body." {
		t.Errorf("short body: got %q, want it whole", got)
	}
}
