package stories

import (
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"testing"

	"github.com/searchd/searchd/internal/heaptest"
)

// TestTableBytesCoversHeap checks that Bytes is at least the heap a Table holds, at every size:
// a bulk build raises its memory limit by Bytes, and a limit below the live heap makes the
// collector run without pause. Random signatures make 32 distinct band keys an article, as
// different articles do; the band key map is at its emptiest (most bytes a key) just after
// its tables double, which happens several times below 20,000 articles. The table must also
// leave the collector nothing to scan: a mark phase that visits every article's id costs more
// and more as a build goes on.
func TestTableBytesCoversHeap(t *testing.T) {
	const articles, every = 20000, 250
	rng := rand.New(rand.NewPCG(1, 2))
	sig := make(Signature, Size)
	base, baseScan := heaptest.Live()
	var s Table
	for i := 1; i <= articles; i++ {
		for j := range sig {
			sig[j] = rng.Uint64()
		}
		s.Assign("a"+strconv.Itoa(i), sig)
		if i%every != 0 {
			continue
		}
		live, scan := heaptest.Live()
		if held := live - base; s.Bytes() < held {
			t.Fatalf("%d articles (%d band keys): Bytes() = %d, want at least the %d bytes the table holds (%.1f bytes a key)",
				i, len(s.heads), s.Bytes(), held, float64(held)/float64(len(s.heads)))
		}
		if grown := scan - baseScan; grown > 64<<10 {
			t.Fatalf("%d articles: the scannable heap grew by %d bytes, want at most 64 KiB (the table holds pointers)", i, grown)
		}
	}
	runtime.KeepAlive(sig)
}

// TestTableAssign: an article joins the story of the most similar earlier article; between
// two stories of equal similarity, the one whose id sorts first (the same stories as before
// the ids moved into a strtab.Strings: the test passes on both).
func TestTableAssign(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	random := func() Signature {
		s := make(Signature, Size)
		for i := range s {
			s[i] = rng.Uint64()
		}
		return s
	}
	// halves returns a signature whose first half is a's and second half b's: similarity 0.5
	// (Threshold) to each.
	halves := func(a, b Signature) Signature {
		return append(slices.Clone(a[:Size/2]), b[Size/2:]...)
	}
	p, q := random(), random()
	tests := []struct {
		name  string
		first []string // ids of two unrelated articles, the first holding p's first half, the second q's second half
		want  string   // story of an article of both halves
	}{
		{"first id sorts first", []string{"a", "b"}, "a"},
		{"second id sorts first", []string{"b", "a"}, "a"},
		{"longer id sorts first", []string{"ab", "b"}, "ab"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s Table
			if got := s.Assign(tt.first[0], halves(p, random())); got != tt.first[0] {
				t.Fatalf("Assign(%q): got story %q, want its own", tt.first[0], got)
			}
			if got := s.Assign(tt.first[1], halves(random(), q)); got != tt.first[1] {
				t.Fatalf("Assign(%q): got story %q, want its own", tt.first[1], got)
			}
			both := halves(p, q)
			if got := s.Assign("z", both); got != tt.want {
				t.Errorf("Assign(z): got story %q, want %q", got, tt.want)
			}
			// A later article like z joins z's story.
			if got := s.Assign("y", both); got != tt.want {
				t.Errorf("Assign(y): got story %q, want %q", got, tt.want)
			}
		})
	}
}
