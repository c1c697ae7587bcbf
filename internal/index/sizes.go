package index

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	zap "github.com/blevesearch/zapx/v17"
)

// FieldSize is what one field of one of the index's two Bleve indexes takes on disk.
type FieldSize struct {
	Index string `json:"index"` // "articles" or "quotes"
	Field string `json:"field"`
	// Indexed is the bytes of the field's postings, term vectors and term dictionary.
	Indexed int64 `json:"indexed"`
	// Stored is the field's share of the stored section: its stored bytes before scorch's
	// compression, times the section's size over all stored bytes before compression (scorch
	// compresses each document's fields together).
	Stored int64 `json:"stored"`
}

// segmentVersion is the zap version that FieldSizes reads (Bleve's default since v2.5).
const segmentVersion = 17

// FieldSizes returns the size of every field of the closed index at dir, summed over its
// segments, largest first, and the bytes of the segments that no field holds (document
// numbers, footers). It reads zap files of version 17 only, and fails on others.
//
// Each field's postings and term vectors are written together, ending with its term
// dictionary (zap's inverted index section), so a field's size is the distance from the end of
// the previous field's dictionary to the end of its own; the stored section comes first.
func FieldSizes(dir string) (sizes []FieldSize, rest int64, err error) {
	byKey := map[[2]string]*FieldSize{}
	for _, sub := range []string{articlesDir, quotesDir} {
		files, err := filepath.Glob(filepath.Join(dir, sub, "store", "*.zap"))
		if err != nil {
			return nil, 0, fmt.Errorf("field sizes: %w", err)
		}
		for _, f := range files {
			r, err := segmentFieldSizes(f)
			if err != nil {
				return nil, 0, fmt.Errorf("field sizes: %s: %w", f, err)
			}
			for field, s := range r.fields {
				k := [2]string{sub, field}
				if byKey[k] == nil {
					byKey[k] = &FieldSize{Index: sub, Field: field}
				}
				byKey[k].Indexed += s.Indexed
				byKey[k].Stored += s.Stored
			}
			rest += r.rest
		}
	}
	for _, s := range byKey {
		sizes = append(sizes, *s)
	}
	slices.SortFunc(sizes, func(a, b FieldSize) int {
		return cmp.Or(cmp.Compare(b.Indexed+b.Stored, a.Indexed+a.Stored), cmp.Compare(a.Index, b.Index), cmp.Compare(a.Field, b.Field))
	})
	return sizes, rest, nil
}

type segmentSizes struct {
	fields map[string]FieldSize
	rest   int64
}

func segmentFieldSizes(path string) (segmentSizes, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return segmentSizes{}, err
	}
	if len(data) < 8 {
		return segmentSizes{}, fmt.Errorf("not a zap segment")
	}
	if v := binary.BigEndian.Uint32(data[len(data)-8:]); v != segmentVersion {
		return segmentSizes{}, fmt.Errorf("zap version %d: only %d is read", v, segmentVersion)
	}
	var p zap.ZapPlugin
	seg, err := p.Open(path)
	if err != nil {
		return segmentSizes{}, err
	}
	defer seg.Close()
	s, ok := seg.(*zap.Segment)
	if !ok {
		return segmentSizes{}, fmt.Errorf("not a zap segment")
	}
	out := segmentSizes{fields: map[string]FieldSize{}}
	// Stored: every document's stored bytes per field, before compression.
	raw, total := map[string]int64{}, int64(0)
	for n := range s.NumDocs() {
		err := s.VisitStoredFields(n, func(field string, _ byte, value []byte, _ []uint64) bool {
			raw[field] += int64(len(value))
			total += int64(len(value))
			return true
		})
		if err != nil {
			return segmentSizes{}, err
		}
	}
	section := int64(s.StoredIndexOffset())
	for field, b := range raw {
		f := out.fields[field]
		f.Stored = b * section / max(total, 1)
		out.fields[field] = f
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
			return segmentSizes{}, fmt.Errorf("field %s: bad dictionary length", field)
		}
		dicts = append(dicts, dict{field, addr, addr + uint64(w) + n})
	}
	slices.SortFunc(dicts, func(a, b dict) int { return cmp.Compare(a.addr, b.addr) })
	at := s.StoredIndexOffset() + 8*s.NumDocs()
	out.rest = int64(len(data)) - int64(at)
	for _, d := range dicts {
		f := out.fields[d.field]
		f.Indexed = int64(d.to - at)
		out.fields[d.field] = f
		out.rest -= f.Indexed
		at = d.to
	}
	out.rest += 8 * int64(s.NumDocs()) // the stored section's index of offsets
	return out, nil
}
