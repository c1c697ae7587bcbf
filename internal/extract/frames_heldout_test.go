package extract

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/searchd/searchd/internal/news"
)

// heldoutFrame is one line of testdata/frames-heldout.jsonl: an invented news text in one of the
// 22 families of ../shared/gold/frames-public.jsonl, written in other words and blind (before
// the extractor was run on any of them), with its named speakers and their quotes as
// ../shared/gold/CONVENTIONS.md has them.
type heldoutFrame struct {
	ID       string `json:"id"`
	Family   string `json:"family"`
	Text     string `json:"text"`
	Speakers []struct {
		Name    string   `json:"name"`
		Aliases []string `json:"aliases"`
		Quotes  []struct {
			Text string `json:"text"`
		} `json:"quotes"`
	} `json:"speakers"`
}

// heldoutBatteries are the held-out frame files and the share of each that must pass. Each
// battery was committed before the extractor saw it, and its blind pass rate (by
// ../shared/tools/score_extract.py) is in its commit:
//   - frames-heldout.jsonl: blind, 158 of 176 (0.898; 159 once three frames too near the public
//     battery were reworded); 176 of 176 after the fixes it prompted.
//   - frames-heldout2.jsonl (written by someone who read neither the extractor nor its output):
//     blind, 86 of 110 on the extractor of the day it came (0.782); 106 of 110 after the fixes it
//     prompted.
//
// Each fix is a sentence shape with its own invented case in TestSpeakerShapes; each floor is the
// pass rate after the fixes less a margin of five frames, so a rule that breaks a family shows.
var heldoutBatteries = []struct {
	file  string
	floor float64
}{
	{"testdata/frames-heldout.jsonl", 0.97},
	{"testdata/frames-heldout2.jsonl", 0.91},
}

func TestHeldoutFrames(t *testing.T) {
	ex, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range heldoutBatteries {
		t.Run(b.file, func(t *testing.T) {
			frames := readJSONLines[heldoutFrame](t, b.file)
			pass, fam := 0, map[string][2]int{}
			for _, fr := range frames {
				x := ex.Extract(news.Article{ID: fr.ID, Body: fr.Text})
				ok, why := heldoutPasses(fr, x.Speakers)
				if ok {
					pass++
				} else {
					t.Logf("%s %s %q: %s", fr.ID, fr.Family, fr.Text, why)
				}
				c := fam[fr.Family]
				c[1]++
				if ok {
					c[0]++
				}
				fam[fr.Family] = c
			}
			for _, k := range slices.Sorted(maps.Keys(fam)) {
				t.Logf("%-24s %d/%d", k, fam[k][0], fam[k][1])
			}
			rate := float64(pass) / float64(len(frames))
			t.Logf("held-out frames: %d/%d pass (%.3f)", pass, len(frames), rate)
			if rate < b.floor {
				t.Errorf("held-out frames: got pass rate %.3f (%d/%d), want at least %.2f", rate, pass, len(frames), b.floor)
			}
		})
	}
}

// heldoutPasses is the scorer's rule for a frame: the named speakers found are exactly the gold
// ones, and every gold quote is found and given to its speaker. Names match as the scorer
// matches them, a little more strictly (no honorific is stripped from a predicted name).
func heldoutPasses(fr heldoutFrame, got []news.Speaker) (bool, string) {
	var named []news.Speaker
	for _, s := range got {
		if s.Kind != news.KindUnnamed && s.Name != "" {
			named = append(named, s)
		}
	}
	used := make([]bool, len(named))
	for _, g := range fr.Speakers {
		// As in the scorer, a one-word alias ("Roe") does not name a speaker alone.
		names := []string{g.Name}
		for _, a := range g.Aliases {
			if len(frameNameTokens(a)) > 1 {
				names = append(names, a)
			}
		}
		found := -1
		for i, s := range named {
			if !used[i] && slices.ContainsFunc(names, func(n string) bool { return frameNamesMatch(n, s.Name) }) {
				found = i
				break
			}
		}
		if found < 0 {
			return false, "missing speaker " + g.Name
		}
		used[found] = true
		for _, q := range g.Quotes {
			if !slices.ContainsFunc(named[found].Quotes, func(p news.Quote) bool { return wordOverlap(q.Text, p.Text) >= 0.5 }) {
				return false, "quote " + q.Text + " not given to " + g.Name
			}
		}
	}
	for i, s := range named {
		if !used[i] {
			return false, "extra speaker " + s.Name
		}
	}
	return true, ""
}

// frameWords is s lower-cased and split at everything but letters and digits.
func frameWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func frameNameTokens(s string) []string {
	toks := frameWords(strings.ReplaceAll(strings.ReplaceAll(s, "’s", ""), "'s", ""))
	if len(toks) > 1 && toks[0] == "the" {
		toks = toks[1:]
	}
	for len(toks) > 1 && slices.Contains([]string{"inc", "corp", "co", "ltd", "plc", "ag", "llc"}, toks[len(toks)-1]) {
		toks = toks[:len(toks)-1]
	}
	return toks
}

func frameNamesMatch(gold, pred string) bool {
	g, p := frameNameTokens(gold), frameNameTokens(pred)
	switch {
	case len(g) == 0 || len(p) == 0:
		return false
	case slices.Equal(g, p):
		return true
	case len(g) > 1 && len(p) > 1:
		return g[0] == p[0] && g[len(g)-1] == p[len(p)-1]
	}
	return len(g) == 1 && len(p) > 1 && g[0] == p[len(p)-1]
}

// wordOverlap is the share of the shorter text's words that the other text also has.
func wordOverlap(a, b string) float64 {
	wa, wb := frameWords(a), frameWords(b)
	if len(wa) == 0 || len(wb) == 0 {
		return 0
	}
	left := map[string]int{}
	for _, w := range wb {
		left[w]++
	}
	n := 0
	for _, w := range wa {
		if left[w] > 0 {
			left[w]--
			n++
		}
	}
	return float64(n) / float64(min(len(wa), len(wb)))
}
