package index

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestCandidatesMatchesByteScan checks candidates against the byte-at-a-time scan it replaced
// (candidatesBefore): the same runs, in the same order, stopping at the same one, over random
// text of letters, digits, punctuation, white space and UTF-8, with random pair sets.
func TestCandidatesMatchesByteScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "b", "c", "s", "t", "u", "A", "B", "S", "T", "1", "9", ".", ",", "\"", "'", "-", "(",
		" ", " ", " ", "\n", "\t", "\r", "\f", "\v", "é", "—", "“", "”", "中", "\x80", "\xff", "us", "st", "ta", "the"}
	type run struct{ from, to int }
	scan := func(f func(string, *pairSet, func(int, int) bool), body string, starts *pairSet, stopAt int) []run {
		var got []run
		f(body, starts, func(from, to int) bool {
			got = append(got, run{from, to})
			return len(got) != stopAt
		})
		return got
	}
	for i := range 20000 {
		var b strings.Builder
		for range rng.IntN(60) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		body := b.String()
		starts := &pairSet{}
		for range rng.IntN(4) {
			first := "abstuABST1.\"'-("[rng.IntN(15)]
			second := "abcstu19 .é\x00"[rng.IntN(13)]
			starts.add(lower(first), lower(second))
		}
		if i%7 == 0 { // a short term: every pair of a first byte
			for c := range 256 {
				starts.add('u', byte(c))
			}
		}
		stopAt := rng.IntN(4) // 0: never stop
		want := scan(candidatesBefore, body, starts, stopAt)
		got := scan(candidates, body, starts, stopAt)
		if !slices.Equal(got, want) {
			t.Fatalf("body %q (valid UTF-8 %v), stop at %d: got runs %v, want %v", body, utf8.ValidString(body), stopAt, got, want)
		}
	}
}

// candidatesBefore is candidates as it was before it skipped words and kept runs at once.
func candidatesBefore(body string, starts *pairSet, analyze func(from, to int) bool) {
	from, keep := 0, false
	prevAlnum := false
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			if keep && i > from && !analyze(from, i) {
				return
			}
			from, keep, prevAlnum = i+1, false, false
			continue
		case c >= utf8.RuneSelf:
			keep = true
		case !prevAlnum:
			var next byte
			if i+1 < len(body) {
				next = lower(body[i+1])
			}
			keep = keep || starts.has(lower(c), next)
		}
		prevAlnum = c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	}
	if keep && len(body) > from {
		analyze(from, len(body))
	}
}
