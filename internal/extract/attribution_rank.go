package extract

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"

	"github.com/searchd/searchd/internal/news"
)

// The rules above propose one source for each attribution. The ranker reconsiders that choice:
// every person or organisation named in the attribution's sentence, and "he" or "she", is a
// candidate, described by a few features of its place (before or after the content, how far,
// what stands between, the word before it and after it), and a linear model trained on PolNeAR
// (`searchd train-attribution`) scores them. The rules' choice is one of the features, so the
// model learns when to overrule it. The weights are an embedded data file.

// Features of a candidate source, in the order of rankFeatureNames.
const (
	featRules = iota
	featBefore
	featAfter
	featGap0
	featGap2
	featGap5
	featGap10
	featVerbNext
	featCommaNext
	featPrepBefore
	featVerbBefore
	featAccordingBefore
	featPossessive
	featPronoun
	featOrg
	featOneWord
	featOpens
	featOpensComma
	featBetween1
	featBetween2
	featCommas1
	featCommas2
	featListed
	featRulesAway
	featTitled
	featVerbBetween
	featInQuote
	featDirect
	featAllCaps
	featColonNext
	featSalient
	featHeadline
	nFeat
)

// rankFeatureNames names the features in the weights file, so that a file written for another
// set of features is refused.
var rankFeatureNames = [nFeat]string{
	"rules", "before", "after", "gap0", "gap2", "gap5", "gap10", "verb_next", "comma_next",
	"prep_before", "verb_before", "according_before", "possessive", "pronoun", "org", "one_word",
	"opens", "opens_comma", "between1", "between2", "commas1", "commas2", "listed", "rules_away",
	"titled", "verb_between", "in_quote", "direct", "all_caps", "colon_next", "salient", "headline",
}

// rankCand is one candidate source of an attribution.
type rankCand struct {
	m     mention
	k, e  int // first and head token
	rules bool
	f     [nFeat]float32
}

// ranker holds the weights of the model; a nil ranker keeps the rules' choices.
type ranker struct {
	w      [nFeat]float64
	margin float64 // how much better than the rules' choice a candidate must score
}

// RankWeights is the weights file of the ranker.
type RankWeights struct {
	Features []string  `json:"features"`
	Weights  []float64 `json:"weights"`
	Margin   float64   `json:"margin"`
	Trained  string    `json:"trained"` // what the weights were trained on, and how
}

//go:embed lexicon/attribution_weights.json
var rankWeightsFile []byte

// loadRanker reads the embedded weights; a missing or empty file means rules only.
func loadRanker(data []byte) (*ranker, error) {
	if len(data) == 0 {
		return nil, nil
	}
	var rw RankWeights
	if err := json.Unmarshal(data, &rw); err != nil {
		return nil, fmt.Errorf("attribution weights: %w", err)
	}
	if len(rw.Features) != nFeat || len(rw.Weights) != nFeat {
		return nil, fmt.Errorf("attribution weights: %d features and %d weights, want %d", len(rw.Features), len(rw.Weights), nFeat)
	}
	r := &ranker{margin: rw.Margin}
	for i, name := range rw.Features {
		if name != rankFeatureNames[i] {
			return nil, fmt.Errorf("attribution weights: feature %d is %q, want %q", i, name, rankFeatureNames[i])
		}
		r.w[i] = rw.Weights[i]
	}
	return r, nil
}

func (r *ranker) score(c *rankCand) float64 {
	s := 0.0
	for i, v := range c.f {
		s += r.w[i] * float64(v)
	}
	return s
}

// rerank lets the model overrule the rules' source of each attribution.
func (d *doc) rerank(r *ranker) {
	if r == nil {
		return
	}
	var buf []rankCand
	for i := range d.attrs {
		a := &d.attrs[i]
		if len(a.m.pair) > 0 || a.signed || a.m.firm {
			continue // a joint statement, a signature, a clause's own subject: the rules read the layout
		}
		if !d.hasChoice(a) {
			continue
		}
		buf = d.rankCandidates(a, buf[:0])
		best, rules := -1, -1
		for j := range buf {
			if buf[j].rules {
				rules = j
			}
			if best < 0 || r.score(&buf[j]) > r.score(&buf[best]) {
				best = j
			}
		}
		if best < 0 || best == rules {
			continue
		}
		if rules >= 0 && r.score(&buf[best])-r.score(&buf[rules]) < r.margin {
			continue
		}
		if rules >= 0 && d.inRelativeOf(&buf[best], &buf[rules]) {
			continue // "“…,” said Jane Roe, who backed Senator John Doe …": Doe is in her clause
		}
		if rules >= 0 && (d.colonCue(&buf[rules]) || d.subordinateSubject(&buf[rules])) {
			continue // "…, to which Jane Roe interjected: “…”", "… after the Courier reports …"
		}
		a.m = buf[best].m
	}
}

// inRelativeOf reports whether candidate b stands in a relative clause that follows the
// rules' candidate r (", who …", ", whose …") in the same sentence: a name in a clause about the
// speaker, not the speaker.
func (d *doc) inRelativeOf(b, r *rankCand) bool {
	c := r.e + 1
	if r.m.kind != mentionName || b.k <= r.e || c+1 >= len(d.toks) || d.toks[c].low != "," || !isRelative(d.toks[c+1].low) {
		return false
	}
	for k := c + 2; k < b.k; k++ {
		if t := &d.toks[k]; t.low == "." || t.low == ";" || t.quote >= 0 {
			return false
		}
	}
	return true
}

// colonCue reports whether candidate c is a name right before a verb of saying and the colon
// after it ("Jane Roe interjected: “…”"): the layout names the speaker of what follows, whatever
// other names the sentence holds before.
func (d *doc) colonCue(c *rankCand) bool {
	n := c.e + 1
	return c.m.kind == mentionName && !d.toks[c.e].poss && n+1 < len(d.toks) && d.reportingVerb(n) && d.toks[n+1].low == ":"
}

// subordinateSubject reports whether candidate c is a name that a subordinating conjunction
// opens and a verb of saying follows, perhaps past an adverb ("Roe called for an inquiry after
// the Keswater Courier reports that …", "although Hask often notes that …"): the subject of
// that clause, not of the sentence around it.
func (d *doc) subordinateSubject(c *rankCand) bool {
	v := c.e + 1
	if v+1 < len(d.toks) && d.mannerAdverb(v, c.k) {
		v++ // "although Jane Roe frequently notes that …"
	}
	if c.m.kind != mentionName || c.k < 1 || v >= len(d.toks) || !d.reportingVerb(v) {
		return false
	}
	k := c.k - 1
	if d.toks[k].low == "the" && k >= 1 {
		k--
	}
	p := &d.toks[k]
	return p.is(lexSubordinator) || p.low == "after" || p.low == "before" || p.low == "since"
}

// capCount returns how often the article writes low with a capital letter: how prominent a
// name is. The counts are made on first use.
func (d *doc) capCount(low string) int {
	if d.caps == nil {
		d.caps = map[string]int{}
		for i := range d.toks {
			if t := &d.toks[i]; t.cap && t.word {
				d.caps[t.low]++
			}
		}
	}
	return d.caps[low]
}

// rankCandidates lists the candidate sources of a: the names and "he"/"she" of its sentence
// outside the content, and the rules' choice wherever it stands.
func (d *doc) rankCandidates(a *attribution, out []rankCand) []rankCand {
	if a.sent < 0 || a.sent >= len(d.sentStart) {
		return out
	}
	lo, hi := d.sentStart[a.sent], d.sentEnd[a.sent]
	cs, ce := d.contentTokens(a.start, a.end)
	inContent := func(i int) bool { return i >= cs && i < ce }
	for i := lo; i < hi; i++ {
		t := &d.toks[i]
		if inContent(i) || t.quote >= 0 {
			continue
		}
		if g, ok := isPronoun(t.low); ok {
			out = append(out, rankCand{m: mention{kind: mentionPronoun, gender: g, first: i, pos: i}, k: i, e: i})
			continue
		}
		if !d.nameTok(i) || (i > lo && d.nameTok(i-1) && !d.toks[i-1].poss && !inContent(i-1)) {
			continue
		}
		e := i
		for e+1 < hi && !inContent(e+1) && d.nameTok(e+1) && !d.toks[e].poss {
			e++
		}
		if d.headline[t.para] || d.shouted(i, e) {
			i = e
			continue // a dateline, a label or a headline names no speaker
		}
		m := d.runLeft(e, lo)
		if m.kind != mentionName {
			m = d.nameMention(i, e, false) // a name after a preposition, which runLeft reads as no subject
		}
		if m.kind == mentionName && len(m.pair) == 0 {
			out = append(out, rankCand{m: m, k: i, e: e})
		}
		i = e
	}
	found := false
	for j := range out {
		if c := &out[j]; a.m.pos >= c.k && a.m.pos <= c.e || a.m.first >= c.k && a.m.first <= c.e {
			c.rules, c.m, found = true, a.m, true
			break
		}
	}
	if !found && a.m.kind != mentionNone {
		k, e := a.m.first, a.m.pos
		if e < k {
			k, e = e, k
		}
		out = append(out, rankCand{m: a.m, k: k, e: e, rules: true})
	}
	if len(out) < 2 {
		return out // no choice to make: most attributions
	}
	for j := range out {
		d.rankFeatures(&out[j], out, a, lo, hi, cs, ce)
	}
	return out
}

// rankFeatures fills c.f.
func (d *doc) rankFeatures(c *rankCand, all []rankCand, a *attribution, lo, hi, cs, ce int) {
	f := &c.f
	set := func(i int, on bool) {
		if on {
			f[i] = 1
		}
	}
	set(featRules, c.rules)
	set(featDirect, a.direct)
	inSent := c.k >= lo && c.e < hi
	set(featRulesAway, c.rules && !inSent)
	set(featPronoun, c.m.kind == mentionPronoun)
	set(featOrg, c.m.org)
	set(featOneWord, c.m.kind == mentionName && len(c.m.name) == 1)
	set(featTitled, c.m.title != "" || c.m.hon != "")
	if !inSent || c.e >= len(d.toks) {
		return
	}
	set(featPossessive, d.toks[c.e].poss)
	set(featHeadline, d.headline[d.toks[c.k].para])
	set(featSalient, d.capCount(d.toks[c.e].low) >= 3)
	set(featAllCaps, c.m.kind == mentionName && d.shouted(c.k, c.e))
	set(featInQuote, d.toks[c.k].quote >= 0)
	// the gap to the content, and what stands in it
	var gap, from, to int
	if c.e < cs {
		set(featBefore, true)
		gap, from, to = cs-c.e-1, c.e+1, cs
	} else {
		set(featAfter, true)
		gap, from, to = c.k-ce, ce, c.k
	}
	switch {
	case gap <= 1:
		set(featGap0, true)
	case gap <= 4:
		set(featGap2, true)
	case gap <= 9:
		set(featGap5, true)
	default:
		set(featGap10, true)
	}
	commas, verb := 0, false
	for i := max(from, 0); i < to && i < len(d.toks); i++ {
		if d.toks[i].low == "," {
			commas++
		}
		if d.reportingVerb(i) {
			verb = true
		}
	}
	set(featCommas1, commas >= 1)
	set(featCommas2, commas >= 2)
	set(featVerbBetween, verb)
	between := 0
	for j := range all {
		o := &all[j]
		if o != c && o.k >= from && o.e < to {
			between++
		}
	}
	set(featBetween1, between >= 1)
	set(featBetween2, between >= 2)
	if n := c.e + 1; n < hi {
		set(featVerbNext, d.reportingVerb(n))
		set(featCommaNext, d.toks[n].low == ",")
		set(featColonNext, d.toks[n].low == ":")
	}
	first := lo
	for first < hi && !d.toks[first].word {
		first++
	}
	set(featOpens, c.k == first)
	set(featOpensComma, c.k == first && c.e == c.k && c.e+1 < hi && d.toks[c.e+1].low == ",")
	if p := c.k - 1; p >= lo {
		pl := d.toks[p].low
		if pl == "the" && p-1 >= lo {
			p--
			pl = d.toks[p].low
		}
		set(featPrepBefore, d.w.has(pl, lexRankPrep))
		set(featVerbBefore, d.verb(p))
		set(featAccordingBefore, pl == "to" && p-1 >= lo && d.toks[p-1].low == "according")
		set(featListed, pl == "and" || pl == "or" || pl == "&" || pl == ",")
	}
}

// AttributionCase is one attribution as the rules found it, with its candidate sources: what
// `searchd train-attribution` learns from.
type AttributionCase struct {
	Start, End int // rune offsets of the content in the body
	Direct     bool
	Cands      []AttributionCandidate
}

// AttributionCandidate is one candidate source: the rune offsets of its words, whether the rules
// chose it, and its features.
type AttributionCandidate struct {
	Start, End int
	Rules      bool
	Possessive bool
	Features   [nFeat]float32
}

// AttributionCases returns the attributions that the rules find in a, each with its candidate
// sources, before the ranker reconsiders them.
func (e *Extractor) AttributionCases(a news.Article) []AttributionCase {
	d := e.speakers.attributions(a.Body, nil)
	var out []AttributionCase
	var buf []rankCand
	for i := range d.attrs {
		at := &d.attrs[i]
		buf = d.rankCandidates(at, buf[:0])
		c := AttributionCase{Start: at.start, End: at.end, Direct: at.direct}
		for _, r := range buf {
			s, e := r.k, r.e
			if s < 0 || e >= len(d.toks) {
				continue
			}
			c.Cands = append(c.Cands, AttributionCandidate{Start: int(d.toks[s].start), End: int(d.toks[e].end), Rules: r.rules, Possessive: d.toks[e].poss, Features: r.f})
		}
		out = append(out, c)
	}
	return out
}

// RankFeatureNames returns the names of the ranker's features, in order.
func RankFeatureNames() []string { return rankFeatureNames[:] }

// TrainRanker fits the ranker to cases whose right candidate is known (gold[i] is the index of
// the right candidate of cases[i], or -1 to skip it): a conditional logit over each case's
// candidates, by full-batch gradient descent from zero, so the result is deterministic. It
// returns the weights.
func TrainRanker(cases []AttributionCase, gold []int, epochs int, rate, l2 float64) []float64 {
	w := make([]float64, nFeat)
	grad := make([]float64, nFeat)
	var p []float64
	for range epochs {
		clear(grad)
		n := 0
		for i, c := range cases {
			g := gold[i]
			if g < 0 || len(c.Cands) < 2 {
				continue
			}
			n++
			p = p[:0]
			mx := math.Inf(-1)
			for _, cd := range c.Cands {
				s := 0.0
				for k, v := range cd.Features {
					s += w[k] * float64(v)
				}
				p = append(p, s)
				mx = max(mx, s)
			}
			z := 0.0
			for j := range p {
				p[j] = math.Exp(p[j] - mx)
				z += p[j]
			}
			for j, cd := range c.Cands {
				y := 0.0
				if j == g {
					y = 1
				}
				d := p[j]/z - y
				for k, v := range cd.Features {
					grad[k] += d * float64(v)
				}
			}
		}
		if n == 0 {
			break
		}
		for k := range w {
			w[k] -= rate * (grad[k]/float64(n) + l2*w[k])
		}
	}
	return w
}
