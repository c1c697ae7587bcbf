package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// collectAcronyms records acronyms defined in parentheses after a name — "Export Development
// Canada (EDC)", "Immigration, Refugees and Citizenship Canada (IRCC)" — as aliases of that
// name, so that a later "EDC said" resolves to the full name.
func (cs *cast) collectAcronyms() {
	for i := 1; i+2 < len(cs.toks); i++ {
		if cs.toks[i].low != "(" || cs.toks[i+2].low != ")" {
			continue
		}
		acr := cs.toks[i+1]
		r := []rune(acr.text)
		if !acr.word || len(r) < 2 || len(r) > 7 || !isUpperString(acr.text) || unicode.IsDigit(r[0]) {
			continue
		}
		if _, seen := cs.aliases[acr.low]; seen {
			continue
		}
		if name := cs.acronymSource(i, r); len(name) > 1 {
			cs.aliases[acr.low] = cs.entityFor(name, i)
		}
	}
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

// acronymBefore resolves an all-capitals word used without a definition in parentheses to the
// name it abbreviates when that name stands earlier in the article outside quotes: "IRCC" after
// "Immigration, Refugees and Citizenship Canada", "the PBO" after "the Parliamentary Budget
// Officer". A name made only of titles ("Chief Executive Officer" for "CEO") does not count.
// Answers are kept in d.aliases (and misses in d.noAcronym), so an article pays once per acronym.
func (cs *cast) acronymBefore(word, key string) *entity {
	n := utf8.RuneCountInString(word)
	if cs.aliases == nil || n < 2 || n > 6 || !isUpperString(word) || cs.noAcronym[key] {
		return nil
	}
	letters := acronymLetters([]rune(word))
	if len(letters) < 2 {
		return nil
	}
	last := letters[len(letters)-1]
	for k := 0; k < len(cs.toks); k++ {
		t := &cs.toks[k]
		if t.low == key {
			break // the first use of the acronym: the name must come before it
		}
		if !t.word || !t.cap || t.quote >= 0 || t.poss && k+1 < len(cs.toks) && cs.nameTok(k+1) ||
			unicode.ToLower([]rune(t.text)[0]) != last || k+1 < len(cs.toks) && cs.toks[k+1].word && cs.toks[k+1].cap {
			continue
		}
		start := cs.spelledBy(k, letters)
		if start < 0 || cs.titleWords(start, k) {
			continue
		}
		e := cs.entityFor(strings.Fields(cs.text(int(cs.toks[start].start), int(t.end))), start)
		cs.aliases[key] = e
		return e
	}
	if cs.noAcronym == nil {
		cs.noAcronym = map[string]bool{}
	}
	cs.noAcronym[key] = true
	return nil
}

// entityFor returns the entity named name, creating it (as an organisation when the name reads
// like one) when the article has not named it before.
func (cs *cast) entityFor(name []string, pos int) *entity {
	key := nameKey(name)
	for _, e := range cs.ents {
		if e.key == "" {
			e.key = nameKey(e.name)
		}
		if e.key == key {
			return e
		}
	}
	e := &entity{name: name, org: true, first: pos}
	cs.ents = append(cs.ents, e)
	return e
}
