package extract

import (
	"bufio"
	"encoding/json"
	"slices"
	"testing"

	"github.com/searchd/searchd/internal/news"
	"github.com/searchd/searchd/sample"
)

// readSampleSet reads the bundled sample articles and their expected speaker names, by id.
func readSampleSet(tb testing.TB) ([]news.Article, map[string][]string) {
	tb.Helper()
	var arts []news.Article
	af, err := sample.FS.Open("articles.jsonl")
	if err != nil {
		tb.Fatalf("open sample articles: %v", err)
	}
	defer af.Close()
	sc := bufio.NewScanner(af)
	sc.Buffer(make([]byte, 1<<20), 1<<22)
	for sc.Scan() {
		var a news.Article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			tb.Fatalf("sample article: %v", err)
		}
		arts = append(arts, a)
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("read sample articles: %v", err)
	}
	want := map[string][]string{}
	ef, err := sample.FS.Open("expected.jsonl")
	if err != nil {
		tb.Fatalf("open sample expectations: %v", err)
	}
	defer ef.Close()
	sc = bufio.NewScanner(ef)
	for sc.Scan() {
		var e struct {
			ID       string `json:"id"`
			Speakers []struct {
				Name string `json:"name"`
			} `json:"speakers"`
		}
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			tb.Fatalf("sample expectation: %v", err)
		}
		names := []string{}
		for _, s := range e.Speakers {
			names = append(names, s.Name)
		}
		want[e.ID] = names
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("read sample expectations: %v", err)
	}
	if len(arts) == 0 || len(arts) != len(want) {
		tb.Fatalf("got %d sample articles and %d expectations, want the same non-zero number", len(arts), len(want))
	}
	return arts, want
}

// TestSpeakerSampleSet scores the speaker finder on the bundled fictional articles. A predicted
// name counts only when it equals an expected name after the scorer's normalisation (case,
// diacritics, punctuation, honorifics and middle initials removed): "Comedian Niamh Gallagher"
// or "Brightwater" for Brightwater Systems are errors.
func TestSpeakerSampleSet(t *testing.T) {
	const precisionFloor, recallFloor = 0.98, 0.95
	arts, want := readSampleSet(t)
	f := newTestFinder(t)
	var tp, fp, fn int
	for _, a := range arts {
		got, _ := f.find(a)
		used := map[int]bool{}
		for _, w := range want[a.ID] {
			found := false
			for j, s := range got {
				if !used[j] && slices.Equal(scorerNameTokens(w), scorerNameTokens(s.Name)) {
					used[j], found = true, true
					break
				}
			}
			if found {
				tp++
			} else {
				fn++
				t.Logf("%s: missed %q", a.ID, w)
			}
		}
		for j, s := range got {
			if !used[j] && s.Kind != news.KindUnnamed { // the scorer judges named speakers only
				fp++
				t.Logf("%s: extra %q", a.ID, s.Name)
			}
		}
	}
	p := float64(tp) / float64(max(1, tp+fp))
	r := float64(tp) / float64(max(1, tp+fn))
	f1 := 0.0
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	t.Logf("sample speakers: precision %.3f recall %.3f F1 %.3f (%d right, %d extra, %d missed)", p, r, f1, tp, fp, fn)
	if p < precisionFloor {
		t.Errorf("got speaker precision %.3f on the sample set, want >= %.2f", p, precisionFloor)
	}
	if r < recallFloor {
		t.Errorf("got speaker recall %.3f on the sample set, want >= %.2f", r, recallFloor)
	}
}
