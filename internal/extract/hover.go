package extract

import (
	"unicode"
)

// maskHoverText blanks the link hover text that some sites (The Hill) leave in article text
// after a linked name: "President Trump Donald John TrumpGOP senators balk at … MORE says"
// repeats the name in full, glued to the first of a few headlines, and ends at "MORE". The
// hover text names no speaker and glues words into false names ("Trump Donald John
// TrumpGOP"). It is recognised by its shape: a name ending in surname S, then within four
// words S again (alone, or glued to a capitalised word), then "MORE" within 80 words of the
// same paragraph. The text from the repeated name to "MORE" becomes spaces, in a copy of rs
// of the same length (rs itself when nothing is masked); a possessive after "MORE" moves to
// the visible name ("Trump’s").
func maskHoverText(rs []rune) []rune {
	if !hasMore(rs) {
		return rs
	}
	type word struct{ start, end int }
	var words []word
	for i := 0; i < len(rs); {
		if unicode.IsSpace(rs[i]) {
			i++
			continue
		}
		j := i
		for j < len(rs) && !unicode.IsSpace(rs[j]) {
			j++
		}
		words = append(words, word{i, j})
		i = j
	}
	text := func(w word) []rune { return rs[w.start:w.end] }
	out := rs
	done := 0 // words before this index are masked or checked
	for m := range words {
		mw := text(words[m])
		if !(string(mw) == "MORE" || len(mw) > 4 && string(mw[:4]) == "MORE" && !unicode.IsLetter(mw[4])) {
			continue
		}
		// the first (surname, repeat) pair, moved right while the pairs overlap: in "Ilse
		// Varga Ilse Marta VargaHarbour" the first pair is Ilse…Ilse, the right one Varga…Varga
		k, last := -1, -1
		for g := max(done+1, m-80); g < m && (k < 0 || g <= last+5); g++ {
			for _, sur := range hoverSurnames(text(words[g])) {
				for j := g - 2; j >= 0 && j >= g-5 && j > k; j-- {
					if string(text(words[j])) == sur && (k < 0 || j <= last) {
						k, last = j, g
						break
					}
				}
			}
		}
		if k < 0 || hasNewline(rs[words[k].start:words[m].end]) {
			continue
		}
		if &out[0] == &rs[0] {
			out = append([]rune(nil), rs...)
		}
		end := words[m].end
		for i := words[k+1].start; i < end; i++ {
			out[i] = ' '
		}
		// "… MORE’s": the possessive goes to the visible name
		if tail := rs[words[m].start+4 : end]; len(tail) == 2 && (tail[0] == '\'' || tail[0] == '’') && tail[1] == 's' {
			out[words[k].end], out[words[k].end+1] = tail[0], tail[1]
		}
		done = m
	}
	return out
}

// hoverSurnames returns the surnames that word w may end a hover name with: w itself when
// capitalised ("Ryan" in "Paul Davis Ryan Retirees …"), and each capitalised start of w
// that a capital letter follows, glued ("Trump" in "TrumpGOP", "McConnell" in
// "McConnellGOP").
func hoverSurnames(w []rune) []string {
	if len(w) < 2 || !unicode.IsUpper(w[0]) {
		return nil
	}
	out := []string{string(w)}
	for i := 2; i < len(w); i++ {
		if unicode.IsLower(w[i-1]) && unicode.IsUpper(w[i]) {
			out = append(out, string(w[:i]))
		}
	}
	return out
}

// hasMore reports whether rs holds the word "MORE", which ends link hover text.
func hasMore(rs []rune) bool {
	for i := 0; i+4 <= len(rs); i++ {
		if rs[i] == 'M' && rs[i+1] == 'O' && rs[i+2] == 'R' && rs[i+3] == 'E' && (i == 0 || unicode.IsSpace(rs[i-1])) {
			return true
		}
	}
	return false
}

func hasNewline(rs []rune) bool {
	for _, r := range rs {
		if r == '\n' {
			return true
		}
	}
	return false
}
