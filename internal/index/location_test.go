package index

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/searchd/searchd/internal/news"
)

// TestLocationFacetNamesOnePlace checks that two places of one name are two facet values, and
// that the location filter takes a short name only when it names one place in the index.
func TestLocationFacetNamesOnePlace(t *testing.T) {
	ix, err := Open(t.TempDir()+"/idx", nil, Options{BatchSize: 2, Workers: 1}, nil)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := ix.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
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
