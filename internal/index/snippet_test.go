package index

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
)

// fullSpans returns the spans of m in body from analysing the whole body, the reference the
// candidate scan of marker.spans must equal.
func fullSpans(body string, an analysis.Analyzer, m *marker) []span {
	full := *m
	full.starts, full.startsDone = nil, true
	return full.spans(body, an, 0)
}

// checkSpans compares marker.spans with fullSpans for markers made of the analysed words of
// texts, one word at a time and all together.
func checkSpans(t *testing.T, an analysis.Analyzer, body string, words []string) {
	t.Helper()
	all := newMarker()
	var markers []*marker
	for _, w := range words {
		var terms []string
		for _, tok := range an.Analyze([]byte(w)) {
			terms = append(terms, string(tok.Term))
		}
		m := newMarker()
		m.addTerms(terms, 0)
		all.addTerms(terms, 0)
		markers = append(markers, m)
	}
	for i, m := range append(markers, all) {
		want := fullSpans(body, an, m)
		first := m.spans(body, an, 0)
		got := m.spans(body, an, 0) // from the memo
		if early := m.spans(body, an, snippetWidth); len(early) > len(want) || !slices.Equal(early, want[:len(early)]) {
			t.Errorf("spans with a width in %.60q: got %v, want a prefix of %v", body, early, want)
		}
		if !slices.Equal(first, want) || !slices.Equal(got, want) {
			name := "all words"
			if i < len(words) {
				name = words[i]
			}
			t.Errorf("%s in %.60q: got spans %v, want %v", name, body, got, want)
		}
	}
}

func TestSpansMatchFullAnalysis(t *testing.T) {
	an := newMapping().AnalyzerNamed(textAnalyzer)
	// Written for this test: possessives, hyphens, dots, digits, quotes, non-ASCII, case.
	body := "The mayor's office said: \"U.S.-backed relations are RELATIONAL, not rational.\" " +
		"Ties, ies and aed; running runners ran\u00a0quickly. Café owners’ hopes (hoping) rose 3.5% in 2024—" +
		"a state-of-the-art generalization. Generalizations? Skies\ttied\nto\r\nties_of x_ukraine Ukraine's ukrainian " +
		"élan ÉLAN naïve naive 'quoted' «guillemets» über Über happy happiness happily conditional conditionally " +
		"We use it, they used US aid; Ay, ays and sky-high skies: Uses of 5"
	words := []string{"mayor", "office", "relations", "relational", "rational", "ties", "running", "runners",
		"quickly", "café", "owners", "hopes", "hoping", "2024", "state", "art", "generalization", "skies",
		"ukraine", "ukrainian", "élan", "naive", "naïve", "quoted", "guillemets", "über", "happy", "happiness",
		"conditional", "3.5", "u.s",
		// Words whose terms are shorter than minPrefixTerm ("use" is "us"; "ay" is "ai"), and one
		// that ends the body.
		"use", "us", "ay", "sky", "5"}
	checkSpans(t, an, body, words)

	arts := readCorpus(t, "corpora/allsides.jsonl.gz", 300)
	for i, a := range arts {
		var words []string
		for _, tok := range an.Analyze([]byte(a.Title)) {
			words = append(words, string(a.Title[tok.Start:tok.End]))
		}
		// And the words of another article's title, which this body mostly lacks.
		other := arts[(i+1)%len(arts)].Title
		for _, tok := range an.Analyze([]byte(other)) {
			words = append(words, string(other[tok.Start:tok.End]))
		}
		t.Run(fmt.Sprint(i), func(t *testing.T) { checkSpans(t, an, a.Body, words) })
	}
}

func TestSnippetStopsAtFullWindow(t *testing.T) {
	an := newMapping().AnalyzerNamed(textAnalyzer)
	filler := strings.Repeat("lorem ipsum dolor sit amet ", 30)
	body := "The zebra met a giraffe. " + filler + "zebra giraffe zebra giraffe zebra. " + filler + "A lone zebra."
	m := newMarker()
	m.addTerms([]string{"zebra", "giraff"}, 0)
	if got := m.spans(body, an, snippetWidth); len(got) != 2 {
		t.Errorf("spans: got %v, want the first zebra and giraffe only", got)
	}
	if got, want := snippet(body, an, m, snippetWidth), "The <mark>zebra</mark> met a <mark>giraffe</mark>."; !strings.HasPrefix(got, want) {
		t.Errorf("snippet: got %q, want it to start with %q", got, want)
	}
}
