package stories

import (
	"context"
	"errors"
	"hash/fnv"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/searchd/searchd/internal/ingest"
	"github.com/searchd/searchd/internal/news"
	"github.com/searchd/searchd/internal/sharedtest"
)

// referenceMinHash is MinHash as its doc comment defines it, written plainly: the signature
// of an index must not change when MinHash is optimised, or new copies stop joining old
// stories.
func referenceMinHash(body string) Signature {
	words := strings.FieldsFunc(strings.ToLower(body), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	n := len(words) - ShingleWords + 1
	if n < MinShingles {
		return nil
	}
	sig := make(Signature, Size)
	for i := range sig {
		sig[i] = ^uint64(0)
	}
	for i := range n {
		h := fnv.New64a()
		h.Write([]byte(strings.Join(words[i:i+ShingleWords], " ") + " "))
		h1 := h.Sum64()
		h2 := splitmix(h1) | 1
		for j := range sig {
			sig[j] = min(sig[j], h1+uint64(j)*h2)
		}
	}
	return sig
}

// testBody is a fictional wire story.
const testBody = "HARBOUR CITY (Wire) — The port authority approved on Monday a plan to deepen the " +
	"main channel, after a year of hearings on the cost of dredging and the fate of the oyster beds " +
	"near the breakwater. Officials said the work could start in the autumn."

func TestMinHashMatchesReference(t *testing.T) {
	bodies := []string{testBody, strings.Repeat(testBody+" ", 3), "Too short to compare.",
		"Ça a été dit: «Ölpreise» steigen — 2025 wird teurer, sagt Müller; Ölpreise steigen weiter, sagt er, und Ölpreise fallen nie.",
		"bad \xff utf8 \xfe in the middle of a body with enough words to make several shingles of five words each",
	}
	for i, b := range bodies {
		if got, want := MinHash(b), referenceMinHash(b); !slices.Equal(got, want) {
			t.Errorf("body %d: MinHash differs from the reference (got %d values, want %d)", i, len(got), len(want))
		}
	}
}

// allSidesBodies returns the bodies of the first n AllSides articles of the data kit.
func allSidesBodies(tb testing.TB, n int) []string {
	tb.Helper()
	var out []string
	done := errors.New("enough")
	err := ingest.Walk(context.Background(), []string{sharedtest.Path(tb, "corpora/allsides.jsonl.gz")}, ingest.Options{},
		func(a news.Article) error {
			out = append(out, a.Body)
			if len(out) == n {
				return done
			}
			return nil
		}, nil)
	if err != nil && !errors.Is(err, done) {
		tb.Fatal(err)
	}
	return out
}

// TestMinHashMatchesReferenceAllSides compares MinHash with the reference over real article
// bodies, with their curly quotes, dashes, accented names and odd bytes.
func TestMinHashMatchesReferenceAllSides(t *testing.T) {
	for i, b := range allSidesBodies(t, 3000) {
		if got, want := MinHash(b), referenceMinHash(b); !slices.Equal(got, want) {
			t.Errorf("article %d: MinHash differs from the reference", i)
		}
	}
}

// BenchmarkMinHash measures the signature of one AllSides article body per op.
func BenchmarkMinHash(b *testing.B) {
	bodies := allSidesBodies(b, 1000)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		MinHash(bodies[i%len(bodies)])
	}
}
