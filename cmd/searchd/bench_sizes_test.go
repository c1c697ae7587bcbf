package main

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"testing"
)

// TestBenchSizes builds an index of the sample with bench ingest and reads its field sizes:
// they add up to nearly the whole index, and the body and the stored documents are there.
func TestBenchSizes(t *testing.T) {
	corpus, _, _ := sampleCorpus(t)
	dir := filepath.Join(t.TempDir(), "kept")
	if _, logs, err := runCmd(t, "bench", "ingest", "--corpus", corpus, "--index", dir); err != nil {
		t.Fatalf("bench ingest: %v\n%s", err, logs)
	}
	out, logs, err := runCmd(t, "bench", "sizes", "--index", dir, "--corpus", corpus, "--json")
	if err != nil {
		t.Fatalf("bench sizes: %v\n%s", err, logs)
	}
	var rep fieldSizesReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("bench sizes --json: %v in %q", err, out)
	}
	size, err := dirSize(dir)
	if err != nil {
		t.Fatal(err)
	}
	// The rest of the directory is Bleve's small metadata files (root.bolt, index_meta.json).
	if rep.Total > size || rep.Total < size-300_000 {
		t.Errorf("got total %d bytes, want the segments of the %d-byte index", rep.Total, size)
	}
	if rep.RawBytes == 0 {
		t.Errorf("got raw_bytes 0, want the corpus's text")
	}
	found := map[string]bool{}
	for _, f := range rep.Fields {
		if f.Indexed+f.Stored > 0 {
			found[f.Index+"/"+f.Field] = true
		}
	}
	for _, want := range []string{"articles/body", "articles/doc", "quotes/quote"} {
		if !found[want] {
			t.Errorf("got no size for %s in %+v", want, rep.Fields)
		}
	}
	if _, _, err := runCmd(t, "bench", "sizes"); !errors.Is(err, errUsage) {
		t.Errorf("bench sizes without --index: got %v, want a usage error", err)
	}
}
