package index

import (
	"errors"
	"os"
	"testing"

	"github.com/blevesearch/bleve/v2/search"
)

// FuzzParseQueryString checks the query-string rewriting: no panic, and every rejection wraps
// ErrBadQuery so that the user gets a 400 with the message.
func FuzzParseQueryString(f *testing.F) {
	for _, s := range []string{"budget", "\"budget vote\" -storm", "title:senate^2 speaker:\"Maria Lopez\"", "budg* /sen.te/ budgit~2",
		"date:>=\"2024-01-01\" date:<\"2025-01-01\"", "+a -b c", "(", "a:b:c", "\\", "~", "date:x", "123", "-", "/[/", "place:Lisbon country:Portugal"} {
		f.Add(s)
	}
	an := newMapping().AnalyzerNamed(textAnalyzer)
	f.Fuzz(func(t *testing.T, s string) {
		p, err := parseQuery(s, an)
		if err != nil {
			if !errors.Is(err, ErrBadQuery) {
				t.Fatalf("parseQuery(%q): error %v does not wrap ErrBadQuery", s, err)
			}
			return
		}
		if p.mark == nil {
			t.Fatalf("parseQuery(%q): nil marker", s)
		}
	})
}

// FuzzCursor checks that decodeCursor never panics, rejects with ErrBadQuery, and that what it
// accepts encodes back to the same cursor.
func FuzzCursor(f *testing.F) {
	f.Add(encodeCursor(order{SortRelevance, 'r'}, &search.DocumentMatch{Score: 1.5, Sort: []string{"_score", search.HighTerm, "a1"}}), byte(0))
	f.Add(encodeCursor(order{SortDate, 'd'}, &search.DocumentMatch{Sort: []string{search.HighTerm, "a1"}}), byte(1))
	f.Add("AXI", byte('r'))
	f.Add("", byte('d'))
	f.Fuzz(func(t *testing.T, s string, code byte) {
		var o order
		switch code % 3 {
		case 0:
			o = order{SortRelevance, 'r'}
		case 1:
			o = order{SortDate, 'd'}
		default:
			o = order{SortDateDesc, 'D'}
		}
		vals, err := decodeCursor(s, o)
		if err != nil {
			if !errors.Is(err, ErrBadQuery) {
				t.Fatalf("decodeCursor(%q): error %v does not wrap ErrBadQuery", s, err)
			}
			return
		}
		if len(vals) != len(o.sort()) {
			t.Fatalf("decodeCursor(%q): %d values for %d sort keys", s, len(vals), len(o.sort()))
		}
	})
}

// TestFuzzSeeds checks that the committed seed corpora are there.
func TestFuzzSeeds(t *testing.T) {
	for _, name := range []string{"FuzzParseQueryString", "FuzzCursor"} {
		if ents, err := os.ReadDir("testdata/fuzz/" + name); err != nil || len(ents) == 0 {
			t.Errorf("%s: got no seed corpus under testdata/fuzz (%v)", name, err)
		}
	}
}
