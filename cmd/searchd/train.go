package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/pflag"

	"github.com/searchd/searchd/internal/extract"
	"github.com/searchd/searchd/internal/news"
)

// polnearArticle is one line of a PolNeAR gold file: the text and its attributions, each with
// source, cue and content as code-point spans of the text.
type polnearArticle struct {
	ID           string `json:"id"`
	Text         string `json:"text"`
	Attributions []struct {
		Source  *polnearPart `json:"source"`
		Content *polnearPart `json:"content"`
	} `json:"attributions"`
}

type polnearPart struct {
	Text  string   `json:"text"`
	Spans [][2]int `json:"spans"`
}

// runTrain fits the attribution ranker on PolNeAR gold files and writes its weights.
func runTrain(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := pflag.NewFlagSet("train-attribution", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "", "write the weights file here (internal/extract/lexicon/attribution_weights.json)")
	dev := fs.String("dev", "", "a PolNeAR gold file to report the choice accuracy on (not trained on)")
	epochs := fs.Int("epochs", 400, "passes of gradient descent")
	rate := fs.Float64("rate", 0.5, "learning rate")
	l2 := fs.Float64("l2", 0.001, "L2 penalty")
	margin := fs.Float64("margin", 0, "how much better than the rules' choice a candidate must score to replace it")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: searchd train-attribution [--out FILE] [--dev GOLD] GOLD...\n\nLearns, from PolNeAR gold files (JSON Lines, optionally .gz), which candidate mention is the\nsource of each attribution the rules find, and prints the accuracy of the rules and of the\nmodel. Deterministic: the same files give the same weights.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return fmt.Errorf("%w: train-attribution needs at least one gold file", errUsage)
	}
	ex, err := extract.NewRulesOnly()
	if err != nil {
		return fmt.Errorf("load extractor: %w", err)
	}
	var cases []extract.AttributionCase
	var gold []int
	for _, p := range fs.Args() {
		c, g, err := labelledCases(ctx, ex, p)
		if err != nil {
			return err
		}
		cases, gold = append(cases, c...), append(gold, g...)
	}
	w := extract.TrainRanker(cases, gold, *epochs, *rate, *l2)
	fmt.Fprintf(stdout, "train: %s\n", choiceReport(cases, gold, w, *margin))
	if *dev != "" {
		c, g, err := labelledCases(ctx, ex, *dev)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "dev:   %s\n", choiceReport(c, g, w, *margin))
	}
	names := extract.RankFeatureNames()
	for i, n := range names {
		fmt.Fprintf(stdout, "  %-18s %+.3f\n", n, w[i])
	}
	if *out == "" {
		return nil
	}
	rw := extract.RankWeights{Features: names, Weights: w, Margin: *margin,
		Trained: fmt.Sprintf("searchd train-attribution --epochs %d --rate %g --l2 %g --margin %g on %d attributions of %s",
			*epochs, *rate, *l2, *margin, countKnown(gold), strings.Join(baseNames(fs.Args()), ", "))}
	for i := range rw.Weights {
		rw.Weights[i] = float64(int64(rw.Weights[i]*1e4)) / 1e4 // a readable, stable file
	}
	b, err := json.MarshalIndent(rw, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(*out, append(b, '\n'), 0o644)
}

func baseNames(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = p[strings.LastIndex(p, "/")+1:]
	}
	return out
}

func countKnown(gold []int) int {
	n := 0
	for _, g := range gold {
		if g >= 0 {
			n++
		}
	}
	return n
}

// choiceReport compares, over the cases whose right candidate is known and which have a choice,
// how often the rules and the model pick it.
func choiceReport(cases []extract.AttributionCase, gold []int, w []float64, margin float64) string {
	n, rules, model := 0, 0, 0
	for i, c := range cases {
		g := gold[i]
		if g < 0 || len(c.Cands) < 2 {
			continue
		}
		n++
		best, r := -1, -1
		score := func(j int) float64 {
			s := 0.0
			for k, v := range c.Cands[j].Features {
				s += w[k] * float64(v)
			}
			return s
		}
		for j := range c.Cands {
			if c.Cands[j].Rules {
				r = j
			}
			if best < 0 || score(j) > score(best) {
				best = j
			}
		}
		if r >= 0 && best != r && score(best)-score(r) < margin {
			best = r
		}
		if r == g {
			rules++
		}
		if best == g {
			model++
		}
	}
	if n == 0 {
		return "no attribution with a choice"
	}
	return fmt.Sprintf("%d attributions, %d with the source among 2+ candidates: rules right %.3f, model right %.3f",
		len(cases), n, float64(rules)/float64(n), float64(model)/float64(n))
}

// labelledCases reads a PolNeAR gold file, finds each article's attributions with the rules and
// labels each with the candidate that the gold names as its source: the gold attribution whose
// content overlaps the found content most (at least half of the shorter), and in its source
// span the last candidate that is not a possessive ("Jane Roe, the union's president," → Jane
// Roe). Cases without such a candidate get -1.
func labelledCases(ctx context.Context, ex *extract.Extractor, path string) ([]extract.AttributionCase, []int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
		defer zr.Close()
		r = zr
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var cases []extract.AttributionCase
	var gold []int
	for line := 1; sc.Scan(); line++ {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		var g polnearArticle
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			return nil, nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		for _, c := range ex.AttributionCases(news.Article{ID: g.ID, Body: g.Text}) {
			cases = append(cases, c)
			gold = append(gold, goldCandidate(c, &g))
		}
	}
	return cases, gold, sc.Err()
}

func overlap(a0, a1, b0, b1 int) int { return max(0, min(a1, b1)-max(a0, b0)) }

func goldCandidate(c extract.AttributionCase, g *polnearArticle) int {
	best, bestOv := -1, 0.0
	for i, at := range g.Attributions {
		if at.Content == nil || at.Source == nil || len(at.Source.Spans) == 0 {
			continue
		}
		for _, sp := range at.Content.Spans {
			short := min(c.End-c.Start, sp[1]-sp[0])
			if short <= 0 {
				continue
			}
			if ov := float64(overlap(c.Start, c.End, sp[0], sp[1])) / float64(short); ov >= 0.5 && ov > bestOv {
				best, bestOv = i, ov
			}
		}
	}
	if best < 0 {
		return -1
	}
	return headCandidate(c.Cands, g.Text, g.Attributions[best].Source.Spans)
}

// headCandidate returns the candidate that heads the source span, as the scorer reads a span:
// the name that ends a span without commas ("Acme campaign manager Jane Roe"), else the first
// name of the span's first comma-separated part that is not a possessive ("Jane Roe, president
// of Acme,"), else the name that ends the span, else its first name that is not a possessive.
func headCandidate(cands []extract.AttributionCandidate, text string, spans [][2]int) int {
	rs := []rune(text)
	for _, sp := range spans {
		if sp[0] < 0 || sp[1] > len(rs) || sp[0] >= sp[1] {
			continue
		}
		comma := sp[1]
		for i := sp[0]; i < sp[1]; i++ {
			if rs[i] == ',' || rs[i] == ';' || rs[i] == '(' {
				comma = i
				break
			}
		}
		endsSpan := func(cd extract.AttributionCandidate) bool {
			return cd.Start >= sp[0] && cd.End <= sp[1] && strings.TrimRight(string(rs[cd.End:sp[1]]), " ,;)'’s") == ""
		}
		within := func(cd extract.AttributionCandidate, hi int) bool {
			return cd.Start >= sp[0] && cd.End <= hi && !cd.Possessive
		}
		if comma == sp[1] {
			for j, cd := range cands {
				if endsSpan(cd) && !cd.Possessive {
					return j
				}
			}
		}
		for j, cd := range cands {
			if within(cd, comma) {
				return j
			}
		}
		for j, cd := range cands {
			if endsSpan(cd) && !cd.Possessive {
				return j
			}
		}
		for j, cd := range cands {
			if within(cd, sp[1]) {
				return j
			}
		}
	}
	return -1
}
