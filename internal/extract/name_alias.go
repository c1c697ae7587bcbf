package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// collectAcronyms records acronyms defined in parentheses after a name — "Export Development
// Canada (EDC)", "Immigration, Refugees and Citizenship Canada (IRCC)" — as aliases of that
// name, so that a later "EDC said" resolves to the full name.
func (d *doc) collectAcronyms() {
	for i := 1; i+2 < len(d.toks); i++ {
		if d.toks[i].low != "(" || d.toks[i+2].low != ")" {
			continue
		}
		acr := d.toks[i+1]
		r := []rune(acr.text)
		if !acr.word || len(r) < 2 || len(r) > 7 || !isUpperString(acr.text) || unicode.IsDigit(r[0]) {
			continue
		}
		if _, seen := d.aliases[acr.low]; seen {
			continue
		}
		if name := d.acronymSource(i, r); len(name) > 1 {
			d.aliases[acr.low] = d.entityFor(name, i)
		}
	}
}

// acronymSource returns the words before token paren that the acronym letters spell: the
// capitalised words, read right to left over "of", "and", commas and the like, whose initials
// are the acronym's letters. It falls back to the capitalised run just before the parenthesis
// when that run starts with the acronym's first letter.
func (d *doc) acronymSource(paren int, acr []rune) []string {
	letters := acronymLetters(acr)
	start := d.spelledBy(paren-1, letters)
	if start < 0 {
		start = paren
		for start-1 >= 0 && d.nameTok(start-1) && !d.toks[start-1].poss {
			start--
		}
		if paren-start < 2 || unicode.ToLower([]rune(d.toks[start].text)[0]) != letters[0] {
			return nil
		}
	}
	return strings.Fields(d.text(int(d.toks[start].start), int(d.toks[paren-1].end)))
}

// acronymLetters returns the lower-cased letters of an acronym: "U.N." -> "un".
func acronymLetters(acr []rune) []rune {
	var letters []rune
	for _, c := range acr {
		if unicode.IsLetter(c) {
			letters = append(letters, unicode.ToLower(c))
		}
	}
	return letters
}

// spelledBy returns the first token of the capitalised words ending at token end whose
// initials, read right to left over "of", "and", commas and the like, are letters — or -1.
func (d *doc) spelledBy(end int, letters []rune) int {
	if end < 0 || len(letters) == 0 {
		return -1
	}
	caps := 0
	for k := end; k >= 0 && k > end-16; k-- {
		t := &d.toks[k]
		if t.sent != d.toks[end].sent || t.quote >= 0 {
			return -1
		}
		if t.word && t.cap {
			caps++
			if caps > len(letters) || unicode.ToLower([]rune(t.text)[0]) != letters[len(letters)-caps] {
				return -1
			}
			if caps == len(letters) {
				return k
			}
			continue
		}
		switch t.low {
		case "of", "and", "on", "for", "the", "&", ",", "de", "des", "du", "la", "le", "et":
			continue
		}
		return -1
	}
	return -1
}

// acronymBefore resolves an all-capitals word used without a definition in parentheses to the
// name it abbreviates when that name stands earlier in the article outside quotes: "IRCC" after
// "Immigration, Refugees and Citizenship Canada", "the PBO" after "the Parliamentary Budget
// Officer". A name made only of titles ("Chief Executive Officer" for "CEO") does not count.
// Answers are kept in d.aliases (and misses in d.noAcronym), so an article pays once per acronym.
func (d *doc) acronymBefore(word, key string) *entity {
	n := utf8.RuneCountInString(word)
	if d.aliases == nil || n < 2 || n > 6 || !isUpperString(word) || d.noAcronym[key] {
		return nil
	}
	letters := acronymLetters([]rune(word))
	if len(letters) < 2 {
		return nil
	}
	last := letters[len(letters)-1]
	for k := 0; k < len(d.toks); k++ {
		t := &d.toks[k]
		if t.low == key {
			break // the first use of the acronym: the name must come before it
		}
		if !t.word || !t.cap || t.quote >= 0 || t.poss && k+1 < len(d.toks) && d.nameTok(k+1) ||
			unicode.ToLower([]rune(t.text)[0]) != last || k+1 < len(d.toks) && d.toks[k+1].word && d.toks[k+1].cap {
			continue
		}
		start := d.spelledBy(k, letters)
		if start < 0 || d.titleWords(start, k) {
			continue
		}
		e := d.entityFor(strings.Fields(d.text(int(d.toks[start].start), int(t.end))), start)
		d.aliases[key] = e
		return e
	}
	if d.noAcronym == nil {
		d.noAcronym = map[string]bool{}
	}
	d.noAcronym[key] = true
	return nil
}

// titleWords reports whether the capitalised words of tokens [a, b] are all titles and role
// words: "Chief Executive Officer".
func (d *doc) titleWords(a, b int) bool {
	for k := a; k <= b; k++ {
		if t := &d.toks[k]; t.word && t.cap && !t.is(lexRole) && !t.is(lexRolePart) && !t.is(lexModifier) {
			return false
		}
	}
	return true
}

// entityFor returns the entity named name, creating it (as an organisation when the name reads
// like one) when the article has not named it before.
func (d *doc) entityFor(name []string, pos int) *entity {
	key := nameKey(name)
	for _, e := range d.ents {
		if e.key == "" {
			e.key = nameKey(e.name)
		}
		if e.key == key {
			return e
		}
	}
	e := &entity{name: name, org: true, first: pos}
	d.ents = append(d.ents, e)
	return e
}
