package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/searchd/searchd/internal/news"
	"github.com/searchd/searchd/internal/sharedtest"
)

// readSample reads a raw sample or seed article: title, blank line, body. The body starts
// after the "Posted" line when there is one.
func readSample(tb testing.TB, path string) news.Article {
	tb.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("read %s: %v", path, err)
	}
	title, body, _ := strings.Cut(string(raw), "\n")
	if i := strings.Index(body, "\nPosted\n"); i >= 0 {
		body = body[i+len("\nPosted\n"):]
	}
	return news.Article{ID: filepath.Base(path), Title: title, Body: body}
}

func TestSeedLocation(t *testing.T) {
	a := readSample(t, sharedtest.Path(t, "seed/000_764061b886108dc4.txt"))
	loc, places := newTestPlaceFinder(t).find(a)
	if loc == nil {
		t.Fatal("location: got nil, want Washington, United States")
	}
	if loc.Name != "Washington" || loc.Country != "United States" || loc.Source != news.LocationDateline {
		t.Errorf("location: got %q, %q from %q, want Washington, United States from dateline", loc.Name, loc.Country, loc.Source)
	}
	if loc.Lat < 38.8 || loc.Lat > 39 || loc.Lon < -77.1 || loc.Lon > -76.9 {
		t.Errorf("coordinates: got %.3f,%.3f, want about 38.9,-77.0", loc.Lat, loc.Lon)
	}
	for _, want := range []string{"Russia", "Ukraine"} {
		if !hasPlace(places, want) {
			t.Errorf("places: got %v, want it to hold %s", places, want)
		}
	}
}

// TestRawSamples checks that every AP and Reuters raw sample resolves its dateline, to the
// place its dateline names.
func TestRawSamples(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(sharedtest.Path(t, "corpora/raw-samples"), "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("raw samples: got %d files (%v), want some", len(files), err)
	}
	pf := newTestPlaceFinder(t)
	for _, f := range files {
		a := readSample(t, f)
		d, ok := findDateline(a.Body)
		if !ok {
			t.Errorf("%s: no dateline found in %.60q", a.ID, strings.TrimSpace(a.Body))
			continue
		}
		loc, _ := pf.find(a)
		if loc == nil || loc.Source != news.LocationDateline {
			t.Errorf("%s: dateline %q, %q: got location %+v, want one from the dateline", a.ID, d.Place, d.Qualifier, loc)
			continue
		}
		if scoreKey(loc.Name) != scoreKey(d.Place) {
			t.Errorf("%s: dateline %q: got %q, %q", a.ID, d.Place, loc.Name, loc.Country)
		}
		t.Logf("%s: %s, %s (%.2f, %.2f)", d.Place, loc.Name, loc.Country, loc.Lat, loc.Lon)
	}
}

func hasPlace(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
