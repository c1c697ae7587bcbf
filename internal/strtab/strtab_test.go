package strtab

import (
	"hash/maphash"
	"math/rand/v2"
	"runtime"
	"strconv"
	"testing"

	"github.com/searchd/searchd/internal/heaptest"
)

func TestStrings(t *testing.T) {
	var s Strings
	in := []string{"b", "", "a", "bb", "b", "é"}
	for i, v := range in {
		if got := s.Add(v); got != i {
			t.Fatalf("Add(%q): got %d, want %d", v, got, i)
		}
	}
	if s.Len() != len(in) {
		t.Fatalf("Len: got %d, want %d", s.Len(), len(in))
	}
	for i, v := range in {
		if got := s.At(i); got != v {
			t.Errorf("At(%d): got %q, want %q", i, got, v)
		}
		for j, w := range in {
			if got := s.Is(i, w); got != (v == w) {
				t.Errorf("Is(%d, %q): got %v, want %v", i, w, got, v == w)
			}
			if got := s.Less(i, j); got != (v < w) {
				t.Errorf("Less(%d, %d) (%q, %q): got %v, want %v", i, j, v, w, got, v < w)
			}
		}
	}
}

// TestSet adds and finds strings with hash functions that make every string collide, or some,
// or none: a string's number does not depend on its hash.
func TestSet(t *testing.T) {
	hashes := []struct {
		name string
		hash func(maphash.Seed, string) uint64
	}{
		{"maphash", nil},
		{"all collide", func(maphash.Seed, string) uint64 { return 7 }},
		{"by length", func(_ maphash.Seed, s string) uint64 { return uint64(len(s)) }},
		{"by first byte", func(_ maphash.Seed, s string) uint64 {
			if s == "" {
				return 0
			}
			return uint64(s[0])
		}},
	}
	steps := []struct {
		s     string
		num   int
		added bool
	}{
		{"a1", 0, true},
		{"a2", 1, true},
		{"b1", 2, true},
		{"a1", 0, false},
		{"", 3, true},
		{"a10", 4, true},
		{"b1", 2, false},
		{"", 3, false},
		{"a10", 4, false},
		{"a2", 1, false},
	}
	for _, h := range hashes {
		t.Run(h.name, func(t *testing.T) {
			s := Set{hash: h.hash}
			if i, ok := s.Find("a1"); ok || i != -1 {
				t.Errorf("Find in an empty set: got %d, %v, want -1, false", i, ok)
			}
			for _, st := range steps {
				num, added := s.Add(st.s)
				if num != st.num || added != st.added {
					t.Fatalf("Add(%q): got %d, %v, want %d, %v", st.s, num, added, st.num, st.added)
				}
				if i, ok := s.Find(st.s); !ok || i != st.num {
					t.Errorf("Find(%q) after Add: got %d, %v, want %d, true", st.s, i, ok, st.num)
				}
			}
			for _, absent := range []string{"a", "a3", "b", "a100", "c1"} {
				if i, ok := s.Find(absent); ok {
					t.Errorf("Find(%q): got %d, true, want -1, false", absent, i)
				}
			}
			if s.Len() != 5 {
				t.Errorf("Len: got %d, want 5", s.Len())
			}
		})
	}
}

// TestSetHeap checks, at every size, that Bytes is at least the heap a Set holds (a bulk build
// raises its memory limit by it, and a limit below the live heap makes the collector run
// without pause), and that the collector has nothing to scan in it: its cost must not grow
// with the strings held.
func TestSetHeap(t *testing.T) {
	const n, every = 100000, 2500
	rng := rand.New(rand.NewPCG(3, 4))
	base, baseScan := heaptest.Live()
	var s Set
	for i := 1; i <= n; i++ {
		s.Add("article-" + strconv.FormatUint(rng.Uint64(), 36))
		if i%every != 0 {
			continue
		}
		live, scan := heaptest.Live()
		if held := live - base; s.Bytes() < held {
			t.Fatalf("%d strings: Bytes() = %d, want at least the %d bytes the set holds", i, s.Bytes(), held)
		}
		if grown := scan - baseScan; grown > 64<<10 {
			t.Fatalf("%d strings: the scannable heap grew by %d bytes, want at most 64 KiB (the set holds pointers)", i, grown)
		}
	}
	runtime.KeepAlive(&s)
}
