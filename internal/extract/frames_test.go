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

// readJSONLines reads the JSON Lines file path, one T a line.
func readJSONLines[T any](tb testing.TB, path string) []T {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			tb.Fatalf("%s:%d: %v", path, n, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

func TestFrames(t *testing.T) {
	f := newTestFinder(t)
	for _, fr := range readJSONLines[frame](t, "testdata/frames.jsonl") {
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
