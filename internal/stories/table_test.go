package stories

import (
	"math/rand/v2"
	"runtime"
	"strconv"
	"testing"
)

// heapBytes returns the bytes of live heap objects after a collection.
func heapBytes() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

// TestTableBytesCoversHeap checks that Bytes is at least the heap a Table holds, at every size:
// a bulk build raises its memory limit by Bytes, and a limit below the live heap makes the
// collector run without pause. Random signatures make 32 distinct band keys an article, as
// different articles do; the band key map is at its emptiest (most bytes a key) just after
// its tables double, which happens several times below 20,000 articles.
func TestTableBytesCoversHeap(t *testing.T) {
	const articles, every = 20000, 250
	rng := rand.New(rand.NewPCG(1, 2))
	sig := make(Signature, Size)
	base := heapBytes()
	var s Table
	for i := 1; i <= articles; i++ {
		for j := range sig {
			sig[j] = rng.Uint64()
		}
		s.Assign("a"+strconv.Itoa(i), sig)
		if i%every != 0 {
			continue
		}
		if held := heapBytes() - base; s.Bytes() < held {
			t.Fatalf("%d articles (%d band keys): Bytes() = %d, want at least the %d bytes the table holds (%.1f bytes a key)",
				i, len(s.heads), s.Bytes(), held, float64(held)/float64(len(s.heads)))
		}
	}
	runtime.KeepAlive(sig)
}
