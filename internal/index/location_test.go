package index

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/searchd/searchd/internal/news"
)

// TestLocationFacetNamesOnePlace checks that two places of one name are two facet values, and
// that the location filter takes a short name only when it names one place in the index.
func TestLocationFacetNamesOnePlace(t *testing.T) {
	ix := openIndex(t, t.TempDir()+"/idx", Options{BatchSize: 2, Workers: 1})
	loc := func(name, region, country string) *news.Location {
		return &news.Location{Name: name, Region: region, Country: country, Lat: 1, Lon: 1}
	}
	docs := []news.Document{
		{ID: "nh", Title: "Primary night", Body: "Voters queued.", Location: loc("Manchester", "New Hampshire", "United States")},
		{ID: "uk", Title: "Tram line", Body: "A tram line opened.", Location: loc("Manchester", "England", "United Kingdom")},
		{ID: "pt", Title: "Harbour", Body: "The harbour reopened.", Location: loc("Lisbon", "Lisbon", "Portugal")},
	}
	if _, err := ix.AddDocuments(context.Background(), docs); err != nil {
		t.Fatalf("AddDocuments: %v", err)
	}
	res, err := ix.Search(context.Background(), Query{})
	if err != nil {
		t.Fatalf("Search: %v", err)
	}
	var values []string
	for _, v := range res.Facets.Location {
		values = append(values, v.Value)
	}
	slices.Sort(values)
	if want := []string{"Lisbon, Portugal", "Manchester, New Hampshire", "Manchester, United Kingdom"}; !slices.Equal(values, want) {
		t.Errorf("location facet: got %q, want %q", values, want)
	}
	tests := []struct {
		filter  string
		want    []string
		wantErr bool
	}{
		{"Manchester, New Hampshire", []string{"nh"}, false},
		{"Manchester, United Kingdom", []string{"uk"}, false},
		{"Lisbon", []string{"pt"}, false},
		{"Manchester", nil, true},
		{"Porto", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.filter, func(t *testing.T) {
			res, err := ix.Search(context.Background(), Query{Locations: []string{tt.filter}})
			if tt.wantErr {
				if !errors.Is(err, ErrBadQuery) {
					t.Fatalf("got error %v, want ErrBadQuery", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Search: %v", err)
			}
			if got := sorted(hitIDs(res)); !slices.Equal(got, tt.want) && len(got)+len(tt.want) > 0 {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestPlacesFacet checks the "Places mentioned" facet: one value per place an article is
// about, counts equal to the totals of filtering on them, and a place filter that takes a
// short name only when it names one place in the index, for articles and for quotes.
func TestPlacesFacet(t *testing.T) {
	ix := openIndex(t, t.TempDir()+"/idx", Options{BatchSize: 2, Workers: 1})
	filed := &news.Location{Name: "Concord", Region: "New Hampshire", Country: "United States", Lat: 43.2, Lon: -71.5}
	quoted := func(name, text string) []news.Speaker {
		return []news.Speaker{{Name: name, Kind: news.KindPerson, Quotes: []news.Quote{{Text: text, Direct: true}}}}
	}
	docs := []news.Document{
		{ID: "p1", Title: "Mill town votes", Body: "The mill town voted on a new bridge.", Location: filed,
			Places: []string{"Manchester, New Hampshire", "Nashua, New Hampshire"}, Speakers: quoted("Ida Marsh", "The bridge is overdue")},
		{ID: "p2", Title: "Canal cleanup", Body: "Volunteers cleaned the canal.",
			Places: []string{"Manchester, United Kingdom"}, Speakers: quoted("Ned Crane", "The canal looks new")},
		{ID: "p3", Title: "Twin cities", Body: "Two mill towns signed a pact.",
			Places: []string{"Manchester, New Hampshire", "Manchester, United Kingdom"}, Speakers: []news.Speaker{}},
		{ID: "p4", Title: "Harbour lights", Body: "The harbour lights were repaired.",
			Places: []string{"Lisbon, Portugal"}, Speakers: quoted("Rui Lopes", "The lights shine again")},
		{ID: "p5", Title: "No places", Body: "A note that names nowhere.", Speakers: []news.Speaker{}},
		{ID: "p6", Title: "Mountain pass", Body: "A mountain pass reopened.", Places: []string{"Georgia"}, Speakers: []news.Speaker{}},
		{ID: "p7", Title: "Peach harvest", Body: "The peach harvest was early.", Places: []string{"Georgia, United States"}, Speakers: []news.Speaker{}},
	}
	if _, err := ix.AddDocuments(context.Background(), docs); err != nil {
		t.Fatalf("AddDocuments: %v", err)
	}
	ctx := context.Background()
	res, err := ix.Search(ctx, Query{})
	if err != nil {
		t.Fatalf("Search: %v", err)
	}
	want := []FacetValue{
		{"Manchester, New Hampshire", 2}, {"Manchester, United Kingdom", 2}, {"Georgia", 1},
		{"Georgia, United States", 1}, {"Lisbon, Portugal", 1}, {"Nashua, New Hampshire", 1},
	}
	if !slices.Equal(res.Facets.Places, want) {
		t.Errorf("places facet: got %v, want %v", res.Facets.Places, want)
	}
	if got, want := res.Facets.Location, []FacetValue{{"Concord, New Hampshire", 1}}; !slices.Equal(got, want) {
		t.Errorf("location facet: got %v, want %v (places are not where a story was filed)", got, want)
	}
	for _, f := range res.Facets.Places {
		got, err := ix.Search(ctx, Query{Places: []string{f.Value}})
		if err != nil {
			t.Fatalf("Search place %q: %v", f.Value, err)
		}
		if got.Total != uint64(f.Count) {
			t.Errorf("place %q: facet counts %d, filtering on it finds %d", f.Value, f.Count, got.Total)
		}
	}

	tests := []struct {
		name       string
		places     []string
		want       []string // article ids
		wantQuotes []string // article ids of the matching quotes
		wantErr    string   // in the ErrBadQuery message
	}{
		{"full label", []string{"Manchester, New Hampshire"}, []string{"p1", "p3"}, []string{"p1"}, ""},
		{"two values are ORed", []string{"Nashua, New Hampshire", "Lisbon, Portugal"}, []string{"p1", "p4"}, []string{"p1", "p4"}, ""},
		{"unambiguous short form", []string{"Nashua"}, []string{"p1"}, []string{"p1"}, ""},
		{"short form of a country's place", []string{"Lisbon"}, []string{"p4"}, []string{"p4"}, ""},
		{"unknown place", []string{"Porto"}, nil, nil, ""},
		{"a value without a comma is itself", []string{"Georgia"}, []string{"p6"}, nil, ""},
		{"filed-from only", []string{"Concord"}, nil, nil, ""},
		{"ambiguous short form", []string{"Manchester"}, nil, nil, `place "Manchester" names several places (Manchester, New Hampshire; Manchester, United Kingdom)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ix.Search(ctx, Query{Places: tt.places})
			qres, qerr := ix.SearchQuotes(ctx, Query{Places: tt.places})
			if tt.wantErr != "" {
				for _, err := range []error{err, qerr} {
					if !errors.Is(err, ErrBadQuery) || !strings.Contains(err.Error(), tt.wantErr) {
						t.Errorf("got error %v, want ErrBadQuery with %q", err, tt.wantErr)
					}
				}
				return
			}
			if err != nil || qerr != nil {
				t.Fatalf("Search: %v; SearchQuotes: %v", err, qerr)
			}
			if got := sorted(hitIDs(res)); !slices.Equal(got, tt.want) {
				t.Errorf("articles: got %v, want %v", got, tt.want)
			}
			var articles []string
			for _, q := range qres.Quotes {
				articles = append(articles, q.Article)
			}
			if got := sorted(articles); !slices.Equal(got, tt.wantQuotes) {
				t.Errorf("quotes of articles: got %v, want %v", got, tt.wantQuotes)
			}
		})
	}
}

// TestPlacesFilterOnOldQuoteIndex checks that a quote index created before quote documents
// held their article's places gets the field when opened, so that the quotes indexed since
// are found by the place filter.
func TestPlacesFilterOnOldQuoteIndex(t *testing.T) {
	dir := t.TempDir() + "/idx"
	old := newQuoteMapping()
	delete(old.DefaultMapping.Properties, fieldPlaces)
	for sub, m := range map[string]*mapping.IndexMappingImpl{articlesDir: newMapping(), quotesDir: old} {
		idx, err := bleve.New(dir+"/"+sub, m)
		if err != nil {
			t.Fatal(err)
		}
		if err := idx.Close(); err != nil {
			t.Fatal(err)
		}
	}
	ix := openIndex(t, dir, Options{})
	doc := news.Document{ID: "q1", Title: "Ferry pact", Body: "Two ports signed a pact.", Places: []string{"Lisbon, Portugal"},
		Speakers: []news.Speaker{{Name: "Rui Lopes", Kind: news.KindPerson, Quotes: []news.Quote{{Text: "A good day for both ports", Direct: true}}}}}
	if _, err := ix.AddDocuments(context.Background(), []news.Document{doc}); err != nil {
		t.Fatalf("AddDocuments: %v", err)
	}
	res, err := ix.SearchQuotes(context.Background(), Query{Places: []string{"Lisbon"}})
	if err != nil {
		t.Fatalf("SearchQuotes: %v", err)
	}
	if res.Total != 1 {
		t.Errorf("got %d quotes about Lisbon, want 1", res.Total)
	}
}
