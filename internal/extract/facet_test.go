package extract

import (
	"slices"
	"testing"

	"github.com/searchd/searchd/internal/news"
)

// TestFindSpeakersFacetNames checks speaker names as the speaker facet shows them: hover text
// makes no name, well-known surnames alone resolve, outlets and pollsters are organisations.
func TestFindSpeakersFacetNames(t *testing.T) {
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, body string
		want       []string // name/kind
	}{
		{
			name: "hover text after a name",
			body: "President Trump Donald John TrumpFerry fares rise again Harbour deal stalls MORE said on Monday that the harbour plan was sound.",
			want: []string{"Donald Trump/person"},
		},
		{
			name: "a well-known surname alone",
			body: "The harbour bill passed the Senate late on Friday.\n\nMcConnell said that the vote showed the chamber could still work.",
			want: []string{"Mitch McConnell/person"},
		},
		{
			name: "a surname alone with another holder named stays with the article's person",
			body: "Edna McConnell runs the ferry company.\n\nMcConnell said that the fares would rise in the spring.",
			want: []string{"Edna McConnell/person"},
		},
		{
			name: "pollsters and outlets are organisations",
			body: "Gallup said that approval of the harbour plan had fallen to a record low. Politico reported that the vote would be delayed until the spring.",
			want: []string{"Gallup/organization", "Politico/organization"},
		},
		{
			name: "US and United States are one organisation",
			body: "The US said that the ferry talks would resume. The United States said that a deal was near.",
			want: []string{"U.S./organization"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := namedSpeakers(x, tt.body); !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFindSpeakersNoFalseNames(t *testing.T) {
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, body string
		want       []string // name/kind
	}{
		{
			name: "party tag after the name",
			body: "The ferry program will grow. Rep. Jane Roe, R-Texas, said more action might be needed at the harbour.",
			want: []string{"Jane Roe/person"},
		},
		{
			name: "another report is no name",
			body: "Another report found that nearly half of the harbour workers would leave within a year.",
		},
		{
			name: "lawmakers are an unnamed group",
			body: "Lawmakers said they did not know what would happen next with the ferry bill.",
			want: []string{"/unnamed"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range x.Extract(news.Article{Body: tt.body}).Speakers {
				got = append(got, s.Name+"/"+s.Kind)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// namedSpeakers returns the named speakers that x finds in body, as "name/kind".
func namedSpeakers(x *Extractor, body string) []string {
	var out []string
	for _, s := range x.Extract(news.Article{Body: body}).Speakers {
		if s.Kind != news.KindUnnamed {
			out = append(out, s.Name+"/"+s.Kind)
		}
	}
	return out
}
