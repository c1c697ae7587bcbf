package extract

import (
	"slices"
	"strings"
	"testing"
)

// equivInputs are texts for the tests that check a fast helper against the standard library
// function it stands in for: ASCII, accents, capitals outside ASCII, special spaces,
// control characters and invalid UTF-8.
var equivInputs = []string{
	"", " ", "NATO", "Nato", "OTTAWA", "U.S.", "ÉLYSÉE", "Élysée", "STRASSE ß", "ǅ", "ΑΘΗΝΑ", "Αθήνα",
	"AB\xffCD", "\xff", "ABC\xe2\x80", "12:30", "A\u00a0B", "said\u2009he", "one\ttwo\nthree\r\nfour",
	"\v\fx\x00y\x1f z", "  lead and trail  ", "“Quoted,” he said — later…", "x\u2028y\u3000z", "\u0085a\u200bb",
}

func TestIsUpperString(t *testing.T) {
	for _, s := range equivInputs {
		if got, want := isUpperString(s), strings.ToUpper(s) == s; got != want {
			t.Errorf("isUpperString(%q): got %v, want %v", s, got, want)
		}
	}
}

func TestPlaceWords(t *testing.T) {
	for _, s := range equivInputs {
		if got, want := placeWords(nil, s), strings.Fields(s); !slices.Equal(got, want) {
			t.Errorf("placeWords(%q): got %q, want %q", s, got, want)
		}
	}
}

func TestGenderOfTitle(t *testing.T) {
	w := newTestFinder(t).w
	// want is genderOfTitle as first written: lower-case the title, then split it.
	want := func(title string) byte {
		for _, word := range strings.Fields(strings.ToLower(title)) {
			if g := w.genderOfTitleWord(word); g != 0 {
				return g
			}
		}
		return 0
	}
	titles := append([]string{"White House Press Secretary", "SPOKESWOMAN", "former Chairman", "the Queen’s son",
		"Ms. Mayor", "ſon", "KING\u00a0of", "a very long title word like Congresswomanlikeanythingelseatall"}, equivInputs...)
	for _, title := range titles {
		if got, want := w.genderOfTitle(title), want(title); got != want {
			t.Errorf("genderOfTitle(%q): got %q, want %q", title, got, want)
		}
	}
}
