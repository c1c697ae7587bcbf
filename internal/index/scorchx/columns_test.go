package scorchx

import (
	"slices"
	"testing"
)

func TestLocate(t *testing.T) {
	sc := &snapshotColumns{offsets: []uint64{0, 3, 3, 10}} // the second segment is empty
	for _, c := range []struct {
		n     uint64
		seg   int
		local uint64
	}{{0, 0, 0}, {2, 0, 2}, {3, 2, 0}, {9, 2, 6}, {10, 3, 0}, {25, 3, 15}} {
		if seg, local := sc.locate(c.n); seg != c.seg || local != c.local {
			t.Errorf("locate(%d): got segment %d, local %d; want %d, %d", c.n, seg, local, c.seg, c.local)
		}
	}
}

func TestManyValues(t *testing.T) {
	// Pairs (document, value) in term order: values 1, 2, 3 of documents 0, 2 and 3.
	m := newManyValues(4, [][2]uint32{{0, 1}, {3, 1}, {2, 2}, {3, 2}, {0, 3}})
	want := [][]uint32{{1, 3}, {}, {2}, {1, 2}}
	for n, w := range want {
		if got := m.of(uint64(n)); !slices.Equal(got, w) {
			t.Errorf("document %d: got values %v, want %v", n, got, w)
		}
	}
}
