package main

import (
	"strings"
	"testing"

	"github.com/searchd/searchd/internal/extract"
)

// headCandidate picks the candidate that heads a source span, as the scorer reads spans.
func TestHeadCandidate(t *testing.T) {
	// cand returns a candidate over the first occurrence of word in text.
	cand := func(text, word string, poss bool) extract.AttributionCandidate {
		i := len([]rune(text[:strings.Index(text, word)]))
		return extract.AttributionCandidate{Start: i, End: i + len([]rune(word)), Possessive: poss}
	}
	span := func(text, s string) [][2]int {
		i := len([]rune(text[:strings.Index(text, s)]))
		return [][2]int{{i, i + len([]rune(s))}}
	}
	tests := []struct {
		name  string
		text  string
		src   string
		cands []string // the candidates in order; a trailing "'s" marks a possessive
		want  int
	}{
		{"name then appositive", "Jane Roe, president of Acme Corp, said so.", "Jane Roe, president of Acme Corp,", []string{"Jane Roe", "Acme Corp"}, 0},
		{"role then name", "Acme campaign manager John Doe said so.", "Acme campaign manager John Doe", []string{"Acme", "John Doe"}, 1},
		{"possessive first", "Acme's president, John Doe, said so.", "Acme's president, John Doe,", []string{"Acme's", "John Doe"}, 1},
		{"no candidate in the span", "Officials said so, Jane Roe wrote.", "Officials", []string{"Jane Roe"}, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var cs []extract.AttributionCandidate
			for _, w := range tt.cands {
				poss := strings.HasSuffix(w, "'s")
				cs = append(cs, cand(tt.text, strings.TrimSuffix(w, "'s"), poss))
			}
			if got := headCandidate(cs, tt.text, span(tt.text, tt.src)); got != tt.want {
				t.Errorf("got candidate %d, want %d", got, tt.want)
			}
		})
	}
}
