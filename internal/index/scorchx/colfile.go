package scorchx

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"unsafe"

	"github.com/blevesearch/mmap-go"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// The columns of a large segment are kept in a file beside the segment's, <segment>.cols, so
// that a new process reads them in one read instead of building them from the term
// dictionaries (seconds for a million documents, most of it page faults in a segment file
// larger than the page cache). Segments never change, but a segment file's name may come
// back in another index (a bulk build starts its numbering again), so a file names what it
// was built from, the segment's size, CRC and document count and the layout's fields, and is
// rejected when one differs; a checksum rejects a torn or damaged file. Scorch removes only
// the .zap files it no longer needs; writeColumns removes the .cols files left without one.
//
// The layout, little-endian, after the magic: the fingerprint; the ids (offsets, then the
// bytes); the date keys (count, strings) and the ranks; then per column its local values
// (count, strings) and its ordinals (one per document, or the offsets and the values of a
// column of several); last colEnd. Every array of ordinals starts at a multiple of 4 bytes, so
// that on a little-endian machine the columns are the file's pages, mapped copy-on-write: a
// new process touches only what its searches read. A file is written whole under another name,
// fsynced and renamed, so a crash leaves it complete or absent; like Bleve's segment files, it
// is not checksummed when opened (that would read all of it), but its sizes are checked.
const (
	colMagic = "SDCOLS2\n"
	colEnd   = "SDCOLEND"
)

// littleEndian is true when the machine's uint32 have the file's byte order, so that the
// columns can be used in place.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// errStale is returned by readColumns for a file that is not that of the segment.
var errStale = errors.New("columns file of another segment or layout")

// colFile is where the columns of a segment are kept, and what they must have been built from.
type colFile struct {
	path   string
	finger []byte // the fingerprint, as written at the start of the file
}

// persisted is what a segment file offers for a fingerprint (zapx.Segment).
type persisted interface {
	Path() string
	CRC() uint32
}

// fileOf returns the columns file of seg, false when seg's columns are not kept: a segment in
// memory, or one of fewer than Layout.SaveMin documents.
func (c *Columns) fileOf(seg segment.Segment) (colFile, bool) {
	p, ok := seg.(persisted)
	if !ok || c.layout.SaveMin <= 0 || seg.Count() < uint64(c.layout.SaveMin) {
		return colFile{}, false
	}
	fi, err := os.Stat(p.Path())
	if err != nil {
		return colFile{}, false
	}
	var w colWriter
	w.u64(uint64(fi.Size()))
	w.u64(uint64(p.CRC()))
	w.u64(seg.Count())
	w.strs(c.layout.Fields[:])
	w.strs([]string{c.layout.DateKey})
	w.u64(uint64(c.layout.Day))
	return colFile{path: strings.TrimSuffix(p.Path(), ".zap") + ".cols", finger: w.b}, true
}

// colWriter appends little-endian values to b.
type colWriter struct{ b []byte }

func (w *colWriter) u64(v uint64) { w.b = binary.LittleEndian.AppendUint64(w.b, v) }

func (w *colWriter) u32s(vs []uint32) {
	w.u64(uint64(len(vs)))
	for len(w.b)%4 != 0 {
		w.b = append(w.b, 0)
	}
	for _, v := range vs {
		w.b = binary.LittleEndian.AppendUint32(w.b, v)
	}
}

func (w *colWriter) str(s string) {
	w.u64(uint64(len(s)))
	w.b = append(w.b, s...)
}

func (w *colWriter) strs(ss []string) {
	w.u64(uint64(len(ss)))
	for _, s := range ss {
		w.str(s)
	}
}

// writeColumns writes sc, with local ordinals (before bind), to f, through a temporary file
// renamed into place, and removes the columns files of the directory whose segment is gone.
func writeColumns(f colFile, sc *segColumns) error {
	w := colWriter{b: make([]byte, 0, 64+len(sc.id.all)+4*len(sc.id.at)*(3+NumCols))}
	w.b = append(w.b, colMagic...)
	w.b = append(w.b, f.finger...)
	w.u32s(sc.id.at)
	w.str(sc.id.all)
	w.strs(sc.dateKeys)
	w.u32s(sc.dateOrd)
	for col := range NumCols {
		w.strs(sc.names[col])
		if col < NumOne {
			w.u32s(sc.one[col])
		} else {
			w.u32s(sc.many[col-NumOne].at)
			w.u32s(sc.many[col-NumOne].vals)
		}
	}
	w.b = append(w.b, colEnd...)
	tmp, err := os.CreateTemp(filepath.Dir(f.path), filepath.Base(f.path)+".tmp*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(w.b)
	if err == nil {
		err = tmp.Sync()
	}
	if err2 := tmp.Close(); err == nil {
		err = err2
	}
	if err == nil {
		err = os.Rename(tmp.Name(), f.path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return err
	}
	removeOrphans(filepath.Dir(f.path))
	return nil
}

// removeOrphans removes the columns files (and temporary files of writeColumns) in dir whose
// segment file is gone.
func removeOrphans(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		base, ok := strings.CutSuffix(name, ".cols")
		if !ok {
			if i := strings.Index(name, ".cols.tmp"); i > 0 {
				base, ok = name[:i], true
			}
		}
		if !ok {
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, base+".zap")); errors.Is(err, os.ErrNotExist) {
			os.Remove(filepath.Join(dir, name))
		}
	}
}

// colReader reads what colWriter wrote; the first error sticks.
type colReader struct {
	b   []byte
	at  int
	err error
}

func (r *colReader) take(n uint64) []byte {
	if r.err != nil || n > uint64(len(r.b)-r.at) {
		r.err = cmp.Or(r.err, io.ErrUnexpectedEOF)
		return nil
	}
	v := r.b[r.at : r.at+int(n)]
	r.at += int(n)
	return v
}

func (r *colReader) u64() uint64 {
	if b := r.take(8); b != nil {
		return binary.LittleEndian.Uint64(b)
	}
	return 0
}

// u32s returns the next array of ordinals: in place on a little-endian machine (b is then
// aligned), decoded otherwise.
func (r *colReader) u32s() []uint32 {
	n := r.u64()
	r.take(uint64(-r.at & 3)) // to a multiple of 4
	b := r.take(4 * n)
	if b == nil || n == 0 {
		return []uint32{}
	}
	if littleEndian {
		return unsafe.Slice((*uint32)(unsafe.Pointer(&b[0])), n)
	}
	vs := make([]uint32, n)
	for i := range vs {
		vs[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return vs
}

// str returns the next string, in place: it lives as long as the mapping.
func (r *colReader) str() string {
	b := r.take(r.u64())
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// strs returns the next strings, copied: they outlive the mapping.
func (r *colReader) strs() []string {
	n := r.u64()
	if n > uint64(len(r.b)-r.at)/8 { // each string takes its length at least
		r.err = cmp.Or(r.err, io.ErrUnexpectedEOF)
		return nil
	}
	ss := make([]string, n)
	for i := range ss {
		ss[i] = strings.Clone(r.str())
	}
	return ss
}

// readColumns maps the columns kept in f, with local ordinals, or returns an error: no file,
// one of another segment or layout (errStale), or a damaged one. The ids are in the mapping,
// which is unmapped when the columns are no longer reachable: a string taken from them must be
// cloned to outlive them. The ordinals are writable (copy-on-write), for bind.
func readColumns(f colFile) (*segColumns, error) {
	file, err := os.Open(f.path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	fi, err := file.Stat()
	if err != nil {
		return nil, err
	}
	head := len(colMagic) + len(f.finger)
	if fi.Size() < int64(head+len(colEnd)) {
		return nil, fmt.Errorf("%s: %w", f.path, errStale)
	}
	m, err := mmap.Map(file, mmap.COPY, 0)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.path, err)
	}
	sc, err := decodeColumns(m, f.finger)
	if err != nil {
		m.Unmap()
		return nil, fmt.Errorf("%s: %w", f.path, err)
	}
	runtime.AddCleanup(sc, func(m mmap.MMap) { m.Unmap() }, m)
	return sc, nil
}

// decodeColumns returns the columns in b, a file that writeColumns wrote for fingerprint
// finger, using b's memory.
func decodeColumns(b []byte, finger []byte) (*segColumns, error) {
	head := len(colMagic) + len(finger)
	if len(b) < head+len(colEnd) || string(b[:len(colMagic)]) != colMagic || !bytes.Equal(b[len(colMagic):head], finger) {
		return nil, errStale
	}
	if string(b[len(b)-len(colEnd):]) != colEnd {
		return nil, errors.New("truncated")
	}
	r := colReader{b: b[:len(b)-len(colEnd)], at: head}
	sc := &segColumns{}
	sc.id.at = r.u32s()
	sc.id.all = r.str()
	sc.dateKeys = r.strs()
	sc.dateOrd = r.u32s()
	for col := range NumCols {
		if names := r.strs(); len(names) > 0 {
			sc.names[col] = names
		}
		if col < NumOne {
			sc.one[col] = r.u32s()
		} else {
			sc.many[col-NumOne] = manyValues{at: r.u32s(), vals: r.u32s()}
		}
	}
	if r.err == nil && r.at != len(r.b) {
		r.err = errors.New("trailing bytes")
	}
	if r.err == nil {
		r.err = sc.check()
	}
	return sc, r.err
}

// check tells whether the sizes of sc's slices agree with each other, so that a file that
// is not what this version wrote cannot make a search index out of range through them. It
// reads no more than the last offset of each array: ordinals are not checked one by one.
func (sc *segColumns) check() error {
	n := len(sc.dateOrd)
	if len(sc.id.at) != n+1 || int(sc.id.at[n]) != len(sc.id.all) || len(sc.dateKeys) == 0 {
		return errors.New("inconsistent ids or dates")
	}
	for col := range NumCols {
		if col < NumOne {
			if len(sc.one[col]) != n {
				return fmt.Errorf("inconsistent column %d", col)
			}
			continue
		}
		if m := sc.many[col-NumOne]; len(m.at) != n+1 || int(m.at[n]) != len(m.vals) {
			return fmt.Errorf("inconsistent column %d", col)
		}
	}
	return nil
}

// Fingerprint returns a string that names the content of snapshot s: for each segment, its
// file's name and size, its CRC and document count, and its deleted documents. Any write after
// s (a new segment, a delete, a merge) gives another. ok is false when a segment of s is not
// yet in a file, or cannot be read, and s has no fingerprint.
func Fingerprint(s *Snapshot) (fp string, ok bool) {
	var w colWriter
	for _, ss := range s.Segments() {
		p, isFile := ss.Segment().(persisted)
		if !isFile {
			return "", false
		}
		fi, err := os.Stat(p.Path())
		if err != nil {
			return "", false
		}
		w.str(filepath.Base(p.Path()))
		w.u64(uint64(fi.Size()))
		w.u64(uint64(p.CRC()))
		w.u64(ss.Segment().Count())
		var deleted []byte
		if d := ss.Deleted(); d != nil && !d.IsEmpty() {
			if deleted, err = d.ToBytes(); err != nil {
				return "", false
			}
		}
		w.u64(uint64(crc32.ChecksumIEEE(deleted)))
		w.u64(uint64(len(deleted)))
	}
	return fmt.Sprintf("%x", w.b), true
}
