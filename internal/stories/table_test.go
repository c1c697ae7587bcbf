package stories

import (
	"math/rand/v2"
	"runtime"
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
