package index

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"

	"github.com/searchd/searchd/internal/index/scorchx"
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

// FieldSizes returns the size of every field of the closed index at dir, summed over its
// segments, largest first, and the bytes of the segments that no field holds (document
// numbers, footers), as scorchx.SegmentSizes measures them.
func FieldSizes(dir string) (sizes []FieldSize, rest int64, err error) {
	byKey := map[[2]string]*FieldSize{}
	for _, sub := range []string{articlesDir, quotesDir} {
		files, err := filepath.Glob(filepath.Join(dir, sub, "store", "*.zap"))
		if err != nil {
			return nil, 0, fmt.Errorf("field sizes: %w", err)
		}
		for _, f := range files {
			fields, segRest, err := scorchx.SegmentSizes(f)
			if err != nil {
				return nil, 0, fmt.Errorf("field sizes: %s: %w", f, err)
			}
			for field, s := range fields {
				k := [2]string{sub, field}
				if byKey[k] == nil {
					byKey[k] = &FieldSize{Index: sub, Field: field}
				}
				byKey[k].Indexed += s.Indexed
				byKey[k].Stored += s.Stored
			}
			rest += segRest
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
