package extract

import (
	"bufio"
	"encoding/json"
	"testing"

	"github.com/searchd/searchd/sample"
)

// sampleLocationFloor is the share of the sample articles whose location must match the
// expected name and country.
const sampleLocationFloor = 0.97

// TestSampleLocations scores the locations found in the bundled sample articles (AP and
// Reuters datelines, BBC-style articles without one) against sample/expected.jsonl.
func TestSampleLocations(t *testing.T) {
	arts, _ := readSampleSet(t)
	// A null location is a story that says no more than what it is about: it gets none.
	want := map[string]*struct{ Name, Country string }{}
	f, err := sample.FS.Open("expected.jsonl")
	if err != nil {
		t.Fatalf("open sample expectations: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var e struct {
			ID       string `json:"id"`
			Location *struct{ Name, Country string }
		}
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("sample expectation: %v", err)
		}
		want[e.ID] = e.Location
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read sample expectations: %v", err)
	}
	pf := newTestPlaceFinder(t)
	right := 0
	for _, a := range arts {
		w, ok := want[a.ID]
		if !ok {
			t.Fatalf("%s: no expected location", a.ID)
		}
		loc, _ := pf.find(a)
		switch {
		case w == nil && loc == nil:
			right++
		case w == nil:
			t.Logf("%s: got %s, %s (%s), want none", a.ID, loc.Name, loc.Country, loc.Source)
		case loc == nil:
			t.Logf("%s: got no location, want %s, %s", a.ID, w.Name, w.Country)
		case loc.Name != w.Name || loc.Country != w.Country:
			t.Logf("%s: got %s, %s (%s), want %s, %s", a.ID, loc.Name, loc.Country, loc.Source, w.Name, w.Country)
		default:
			right++
		}
	}
	acc := float64(right) / float64(len(arts))
	t.Logf("sample location accuracy %.3f (%d of %d)", acc, right, len(arts))
	if acc < sampleLocationFloor {
		t.Errorf("sample location accuracy: got %.3f, want >= %.2f", acc, sampleLocationFloor)
	}
}
