package extract

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/searchd/searchd/internal/news"
)

func TestLoadRanker(t *testing.T) {
	names := slices.Clone(rankFeatureNames[:])
	weights := make([]float64, nFeat)
	file := func(f []string, w []float64) []byte {
		b, err := json.Marshal(RankWeights{Features: f, Weights: w})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	renamed := slices.Clone(names)
	renamed[3] = "something_else"
	tests := []struct {
		name    string
		data    []byte
		wantErr string
		wantNil bool
	}{
		{"no file: rules only", nil, "", true},
		{"the features of this build", file(names, weights), "", false},
		{"a feature renamed", file(renamed, weights), `feature 3 is "something_else"`, false},
		{"a feature missing", file(names[1:], weights[1:]), "want", false},
		{"not JSON", []byte("{"), "attribution weights", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := loadRanker(tt.data)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("loadRanker: %v", err)
			}
			if (r == nil) != tt.wantNil {
				t.Errorf("got ranker %v, want nil %v", r, tt.wantNil)
			}
		})
	}
}

// The embedded weights load, and were trained: the rules' choice and a speech verb after the
// name count for a candidate, a possessive against it.
func TestEmbeddedRankerWeights(t *testing.T) {
	r, err := loadRanker(rankWeightsFile)
	if err != nil || r == nil {
		t.Fatalf("loadRanker(embedded) = %v, %v", r, err)
	}
	if r.w[featRules] <= 0 || r.w[featVerbNext] <= 0 || r.w[featPossessive] >= 0 {
		t.Errorf("weights rules %.3f, verb_next %.3f, possessive %.3f: want >0, >0, <0",
			r.w[featRules], r.w[featVerbNext], r.w[featPossessive])
	}
}

// TrainRanker learns a rule that the rules' choice misses, and gives the same weights twice.
func TestTrainRanker(t *testing.T) {
	var cases []AttributionCase
	var gold []int
	for i := range 40 {
		right, wrong := AttributionCandidate{}, AttributionCandidate{Rules: true}
		right.Features[featVerbNext] = 1
		wrong.Features[featRules] = 1
		if i%4 == 0 { // now and then the rules are right, and the right one has no verb after it
			right.Features[featVerbNext], wrong.Features[featVerbNext] = 0, 1
		}
		cases = append(cases, AttributionCase{Cands: []AttributionCandidate{wrong, right}})
		gold = append(gold, 1)
	}
	cases = append(cases, AttributionCase{Cands: []AttributionCandidate{{}}}) // no choice: skipped
	gold = append(gold, 0)
	w := TrainRanker(cases, gold, 300, 0.5, 0.001)
	if !slices.Equal(w, TrainRanker(cases, gold, 300, 0.5, 0.001)) {
		t.Fatal("two trainings on the same cases gave different weights")
	}
	if w[featVerbNext] <= w[featRules] {
		t.Errorf("verb_next %.3f, rules %.3f: want the speech verb to count for more", w[featVerbNext], w[featRules])
	}
}

// The ranker chooses among the names of the attribution's sentence; without weights the
// rules' choice stands.
func TestRerank(t *testing.T) {
	f := newTestFinder(t)
	body := "Tomas Brennick met the council on Monday. After a call with Ilse Varga, Brennick said the harbour needs dredging."
	d := f.attributions(body, nil)
	if len(d.attrs) != 1 {
		t.Fatalf("got %d attributions, want 1", len(d.attrs))
	}
	cands := d.rankCandidates(&d.attrs[0], nil)
	rules := 0
	for _, c := range cands {
		if c.rules {
			rules++
			if c.f[featBefore] != 1 || c.f[featGap0] != 1 || c.f[featVerbBetween] != 1 || c.f[featVerbNext] != 1 {
				t.Errorf("rules' candidate features before %v gap0 %v verb_between %v verb_next %v, want 1 1 1 1",
					c.f[featBefore], c.f[featGap0], c.f[featVerbBetween], c.f[featVerbNext])
			}
		}
	}
	if rules != 1 {
		t.Errorf("got %d candidates marked as the rules' choice, want 1", rules)
	}
	before := d.attrs[0].m
	d.rerank(nil)
	if d.attrs[0].m.pos != before.pos {
		t.Error("rerank without weights changed the source")
	}
	against := &ranker{}
	against.w[featRules] = -1 // a model that always overrules the rules, where it can
	d.attrs = append(d.attrs[:0], attribution{m: before, start: d.attrs[0].start, end: d.attrs[0].end, sent: d.attrs[0].sent})
	d.rerank(against)
	if len(cands) < 2 {
		t.Fatalf("got %d candidates, want Ilse Varga beside Brennick", len(cands))
	}
	if d.attrs[0].m.pos == before.pos {
		t.Error("a model against the rules' choice did not overrule it")
	}
}

// "said that" opens the reported clause even when a phrase follows "that"; the words before
// the subject are then no quote.
func TestSaidThatPhrase(t *testing.T) {
	f := newTestFinder(t)
	body := "Ada Pellow spoke on Monday. Discounting the rumour, Pellow said that with the reserve flooded, the birds would leave."
	got, _ := f.find(news.Article{Body: body})
	if len(got) != 1 || len(got[0].Quotes) != 1 {
		t.Fatalf("got %+v, want one speaker with one quote", got)
	}
	q := got[0].Quotes[0]
	if text := q.Text; !strings.HasPrefix(text, "with the reserve flooded") {
		t.Errorf("got quote %q, want the clause after \"said that\"", text)
	}
}

// A quote of "he" or "she" whom the article never names is kept as a quote of someone unnamed,
// not dropped: quote search finds it, the speaker facet does not list it.
func TestUnresolvedPronounQuote(t *testing.T) {
	f := newTestFinder(t)
	got, unnamed := f.find(news.Article{Body: "The crowd cheered at the fairground.\n\n“It just came out of my mouth,” she said."})
	if len(got) != 1 || got[0].Kind != news.KindUnnamed || got[0].Name != "" || len(got[0].Quotes) != 1 || unnamed != 1 {
		t.Fatalf("got %+v, %d unnamed; want one unnamed speaker with the quote", got, unnamed)
	}
}
