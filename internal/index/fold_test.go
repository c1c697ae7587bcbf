package index

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/searchd/searchd/internal/news"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Donald Trump", "donald trump"},
		{"  donald   TRUMP ", "donald trump"},
		{"São Paulo, Brazil", "sao paulo, brazil"},
		{"Zoë Núñez-Ålund", "zoe nunez-alund"},
		{"Straße", "strasse"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := fold(tt.in); got != tt.want {
			t.Errorf("fold(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestFiltersIgnoreCaseAndAccents checks that a filter value the index does not hold as given
// is read without case, accents and runs of spaces, that a value it holds stays exact (so that
// a facet's count is the total of its filter), and that a value matching nothing is named in
// the warning.
func TestFiltersIgnoreCaseAndAccents(t *testing.T) {
	ix := openIndex(t, t.TempDir()+"/idx", Options{BatchSize: 2, Workers: 1})
	saoPaulo := &news.Location{Name: "São Paulo", Country: "Brazil", Lat: -23.5, Lon: -46.6}
	washington := &news.Location{Name: "Washington", Country: "United States", Lat: 38.9, Lon: -77}
	speaker := func(name string) []news.Speaker {
		return []news.Speaker{{Name: name, Kind: news.KindPerson, Quotes: []news.Quote{{Text: "We will see", Direct: true}}}}
	}
	docs := []news.Document{
		{ID: "a", Title: "Harvest", Body: "Growers met.", Source: "Wire Service", Location: saoPaulo,
			Places: []string{"São Paulo, Brazil"}, Speakers: speaker("Antônio Carvalho")},
		{ID: "b", Title: "Budget", Body: "The budget passed.", Source: "WIRE SERVICE", Location: washington,
			Speakers: speaker("Donald Trump")},
		{ID: "c", Title: "Port", Body: "The port reopened.", Source: "Valley Gazette", Location: washington,
			Places: []string{"São Paulo, Brazil"}, Speakers: speaker("Donald Trump")},
	}
	if _, err := ix.AddDocuments(context.Background(), docs); err != nil {
		t.Fatalf("AddDocuments: %v", err)
	}
	tests := []struct {
		name    string
		q       Query
		want    []string
		warning string // a part of the warning; empty: none
	}{
		{"speaker lower case", Query{Speakers: []string{"donald trump"}}, []string{"b", "c"}, ""},
		{"speaker extra spaces", Query{Speakers: []string{" DONALD   Trump"}}, []string{"b", "c"}, ""},
		{"speaker without accent", Query{Speakers: []string{"antonio carvalho"}}, []string{"a"}, ""},
		{"location short and lower case", Query{Locations: []string{"washington"}}, []string{"b", "c"}, ""},
		{"location without accent", Query{Locations: []string{"sao paulo"}}, []string{"a"}, ""},
		{"location full, folded", Query{Locations: []string{"SAO PAULO, brazil"}}, []string{"a"}, ""},
		{"place without accent", Query{Places: []string{"sao paulo"}}, []string{"a", "c"}, ""},
		{"source exact stays exact", Query{Sources: []string{"Wire Service"}}, []string{"a"}, ""},
		{"source folded takes every spelling", Query{Sources: []string{"wire service"}}, []string{"a", "b"}, ""},
		{"source lower case", Query{Sources: []string{"valley gazette"}}, []string{"c"}, ""},
		{"unknown speaker warns", Query{Speakers: []string{"Nobody Here"}}, nil, `speaker "Nobody Here"`},
		{"unknown source warns, others filter", Query{Sources: []string{"Reuters", "valley gazette"}}, []string{"c"}, `source "Reuters"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ix.Search(context.Background(), tt.q)
			if err != nil {
				t.Fatalf("Search: %v", err)
			}
			if got := sorted(hitIDs(res)); !slices.Equal(got, tt.want) && len(got)+len(tt.want) > 0 {
				t.Errorf("got hits %v, want %v", got, tt.want)
			}
			if tt.warning == "" && res.Warning != "" || !strings.Contains(res.Warning, tt.warning) {
				t.Errorf("got warning %q, want one with %q", res.Warning, tt.warning)
			}
			qres, err := ix.SearchQuotes(context.Background(), tt.q)
			if err != nil {
				t.Fatalf("SearchQuotes: %v", err)
			}
			if int(qres.Total) != len(tt.want) {
				t.Errorf("quotes: got total %d, want %d", qres.Total, len(tt.want))
			}
			if tt.warning == "" && qres.Warning != "" || !strings.Contains(qres.Warning, tt.warning) {
				t.Errorf("quotes: got warning %q, want one with %q", qres.Warning, tt.warning)
			}
		})
	}

	// A short name that folds to the start of several values is a 400, as a short name is.
	more := []news.Document{{ID: "d", Title: "Rally", Body: "A rally.", Location: &news.Location{Name: "Washington", Region: "Pennsylvania", Country: "United States", Lat: 40.2, Lon: -80.2}}}
	if _, err := ix.AddDocuments(context.Background(), more); err != nil {
		t.Fatalf("AddDocuments: %v", err)
	}
	if _, err := ix.Search(context.Background(), Query{Locations: []string{"WASHINGTON"}}); !errors.Is(err, ErrBadQuery) {
		t.Errorf("location WASHINGTON with two Washingtons: got error %v, want ErrBadQuery", err)
	}
}
