package scorchx

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
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

// testSegColumns returns the columns of a segment of three documents with those ids and
// local speaker values.
func testSegColumns(docIDs []string, speakers []string) *segColumns {
	sc := &segColumns{id: idsOf(docIDs), dateOrd: []uint32{1, 0, 2}, dateKeys: []string{"", "2024-01-01", "2024-02-01"}}
	for i := range sc.one {
		sc.one[i] = []uint32{1, 0, 1}
		sc.names[i] = []string{"v" + strconv.Itoa(i)}
	}
	sc.names[NumOne] = speakers
	sc.many[0] = newManyValues(3, [][2]uint32{{0, 1}, {2, 1}, {2, 2}})
	sc.many[1] = newManyValues(3, nil)
	return sc
}

func idsOf(docIDs []string) ids {
	var d ids
	d.at = []uint32{0}
	for _, id := range docIDs {
		d.all += id
		d.at = append(d.at, uint32(len(d.all)))
	}
	return d
}

// TestColumnFileRoundTrip checks that columns written and read back are the same, bind to the
// same global values, and that a file of another fingerprint or a damaged one is refused.
func TestColumnFileRoundTrip(t *testing.T) {
	dir := t.TempDir()
	segs := []*segColumns{testSegColumns([]string{"a", "bb", "c"}, []string{"Roe", "Ann"}), testSegColumns([]string{"d", "e", "ff"}, []string{"Ann", "Zed"})}
	built, read := NewColumns(Layout{}), NewColumns(Layout{})
	for i, sc := range segs {
		f := colFile{path: filepath.Join(dir, strconv.Itoa(i)+".cols"), finger: []byte{byte(i), 1, 2}}
		if err := os.WriteFile(filepath.Join(dir, strconv.Itoa(i)+".zap"), nil, 0o600); err != nil {
			t.Fatal(err) // a columns file without its segment is removed
		}
		if err := writeColumns(f, sc); err != nil {
			t.Fatal(err)
		}
		got, err := readColumns(f)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, sc) {
			t.Fatalf("segment %d: read %+v, wrote %+v", i, got, sc)
		}
		built.bind(sc)
		read.bind(got)
		if !reflect.DeepEqual(got, sc) {
			t.Fatalf("segment %d: bound read %+v, bound built %+v", i, got, sc)
		}
		if _, err := readColumns(colFile{path: f.path, finger: []byte{9, 1, 2}}); !errors.Is(err, errStale) {
			t.Errorf("another fingerprint: got %v, want errStale", err)
		}
	}
	if got, want := read.terms[NumOne].names, []string{"", "Roe", "Ann", "Zed"}; !slices.Equal(got, want) {
		t.Errorf("speaker values: got %q, want %q", got, want)
	}
	// Ann is 2 in both segments once bound: the second segment's local 1.
	if got := segs[1].many[0].of(2); !slices.Equal(got, []uint32{2, 3}) {
		t.Errorf("second segment, document 2: got speakers %v, want [2 3]", got)
	}
	if err := os.Remove(filepath.Join(dir, "1.zap")); err != nil {
		t.Fatal(err)
	}
	removeOrphans(dir)
	if _, err := os.Stat(filepath.Join(dir, "1.cols")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("columns file of a removed segment: got %v, want it removed", err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "0.cols"))
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{len(b) - 1, len(b) / 2, len(colMagic) + 3} {
		if err := os.WriteFile(filepath.Join(dir, "0.cols"), b[:n], 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := readColumns(colFile{path: filepath.Join(dir, "0.cols"), finger: []byte{0, 1, 2}}); err == nil {
			t.Errorf("file cut at %d of %d: read without error", n, len(b))
		}
	}
}
