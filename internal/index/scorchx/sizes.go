package scorchx

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"os"
	"slices"

	zap "github.com/blevesearch/zapx/v17"
)

// FieldSize is what one field of a segment takes.
type FieldSize struct {
	Indexed int64 // the bytes of the field's postings, term vectors and term dictionary
	Stored  int64 // the field's share of the stored section (FieldSizes in package index)
}

// segmentVersion is the zap version that SegmentSizes reads (Bleve's default since v2.5).
const segmentVersion = 17

// SegmentSizes returns the size of every field of the zap segment file at path, and the bytes
// that no field holds (document numbers, footers). It reads zap files of version 17 only, and
// fails on others.
//
// Each field's postings and term vectors are written together, ending with its term
// dictionary (zap's inverted index section), so a field's size is the distance from the end of
// the previous field's dictionary to the end of its own; the stored section comes first. A
// field's stored bytes are its stored bytes before scorch's compression, times the section's
// size over all stored bytes before compression.
func SegmentSizes(path string) (fields map[string]FieldSize, rest int64, err error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, 0, err
	}
	if len(data) < 8 {
		return nil, 0, fmt.Errorf("not a zap segment")
	}
	if v := binary.BigEndian.Uint32(data[len(data)-8:]); v != segmentVersion {
		return nil, 0, fmt.Errorf("zap version %d: only %d is read", v, segmentVersion)
	}
	var p zap.ZapPlugin
	seg, err := p.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer seg.Close()
	s, ok := seg.(*zap.Segment)
	if !ok {
		return nil, 0, fmt.Errorf("not a zap segment")
	}
	fields = map[string]FieldSize{}
	// Stored: every document's stored bytes per field, before compression.
	raw, total := map[string]int64{}, int64(0)
	for n := range s.NumDocs() {
		err := s.VisitStoredFields(n, func(field string, _ byte, value []byte, _ []uint64) bool {
			raw[field] += int64(len(value))
			total += int64(len(value))
			return true
		})
		if err != nil {
			return nil, 0, err
		}
	}
	section := int64(s.StoredIndexOffset())
	for field, b := range raw {
		f := fields[field]
		f.Stored = b * section / max(total, 1)
		fields[field] = f
	}
	// Indexed: from the end of the stored section's index to each dictionary's end.
	type dict struct {
		field    string
		addr, to uint64
	}
	var dicts []dict
	for _, field := range s.Fields() {
		addr, err := s.DictAddr(field)
		if err != nil || addr == 0 || addr >= uint64(len(data)) {
			continue
		}
		n, w := binary.Uvarint(data[addr:])
		if w <= 0 {
			return nil, 0, fmt.Errorf("field %s: bad dictionary length", field)
		}
		dicts = append(dicts, dict{field, addr, addr + uint64(w) + n})
	}
	slices.SortFunc(dicts, func(a, b dict) int { return cmp.Compare(a.addr, b.addr) })
	at := s.StoredIndexOffset() + 8*s.NumDocs()
	rest = int64(len(data)) - int64(at)
	for _, d := range dicts {
		f := fields[d.field]
		f.Indexed = int64(d.to - at)
		fields[d.field] = f
		rest -= f.Indexed
		at = d.to
	}
	rest += 8 * int64(s.NumDocs()) // the stored section's index of offsets
	return fields, rest, nil
}
