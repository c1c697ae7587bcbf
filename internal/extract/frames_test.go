package extract

import (
	"bufio"
	"encoding/json"
	"os"
	"slices"
	"testing"
)

// frame is one invented news text and the named speakers it has (testdata/frames.jsonl, in
// the families of ../shared/gold/frames-public.jsonl but in other words). Adding a frame is
// adding a line.
type frame struct {
	Family   string   `json:"family"`
	Text     string   `json:"text"`
	Speakers []string `json:"speakers"`
}

func readFrames(tb testing.TB, path string) []frame {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []frame
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		var fr frame
		if err := json.Unmarshal(sc.Bytes(), &fr); err != nil {
			tb.Fatalf("%s:%d: %v", path, n, err)
		}
		out = append(out, fr)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

func TestFrames(t *testing.T) {
	f := newTestFinder(t)
	for _, fr := range readFrames(t, "testdata/frames.jsonl") {
		t.Run(fr.Family, func(t *testing.T) {
			got := speakerNames(f, fr.Text)
			want := fr.Speakers
			slices.Sort(got)
			want = slices.Sorted(slices.Values(want))
			if !slices.Equal(got, want) {
				t.Errorf("%q: got speakers %q, want %q", fr.Text, got, want)
			}
		})
	}
}
