package index

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestFieldSizes: the sizes of the fields, with the rest, add up to the segment files, and
// the fields that hold the most are where they should be.
func TestFieldSizes(t *testing.T) {
	dir := t.TempDir() + "/idx"
	ix, err := Open(dir, nil, Options{BatchSize: 5, Workers: 2}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.AddDocuments(context.Background(), append(fixtures(), dateDocs(t)...)); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	sizes, rest, err := FieldSizes(dir)
	if err != nil {
		t.Fatalf("FieldSizes: %v", err)
	}
	var files int64
	for _, sub := range []string{articlesDir, quotesDir} {
		zaps, err := filepath.Glob(filepath.Join(dir, sub, "store", "*.zap"))
		if err != nil || len(zaps) == 0 {
			t.Fatalf("%s: got segment files %v (%v), want some", sub, zaps, err)
		}
		for _, z := range zaps {
			info, err := os.Stat(z)
			if err != nil {
				t.Fatal(err)
			}
			files += info.Size()
		}
	}
	sum := rest
	got := map[[2]string]FieldSize{}
	for _, s := range sizes {
		sum += s.Indexed + s.Stored
		got[[2]string{s.Index, s.Field}] = s
	}
	// Stored shares are rounded down per field and segment: a few bytes each.
	if diff := files - sum; diff < 0 || diff > int64(8*len(sizes)) {
		t.Errorf("fields and rest add up to %d bytes, want the %d of the segment files", sum, files)
	}
	for _, c := range []struct {
		index, field    string
		indexed, stored bool
	}{
		{articlesDir, fieldBody, true, false},
		{articlesDir, fieldDoc, false, true},
		{articlesDir, fieldSpeaker, true, false},
		{quotesDir, fieldQuote, true, false},
		{quotesDir, fieldQSpeaker, true, false},
	} {
		// A field that is not indexed still has an empty term dictionary in each segment.
		s := got[[2]string{c.index, c.field}]
		if (s.Indexed > s.Stored) != c.indexed || (s.Stored > 0) != c.stored {
			t.Errorf("%s/%s: got indexed %d, stored %d bytes; want indexed %v, stored %v", c.index, c.field, s.Indexed, s.Stored, c.indexed, c.stored)
		}
	}
}
