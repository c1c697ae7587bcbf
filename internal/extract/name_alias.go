package extract

import (
	"strings"
	"unicode"
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
	var letters []rune
	for _, c := range acr {
		if unicode.IsLetter(c) {
			letters = append(letters, unicode.ToLower(c))
		}
	}
	caps := 0
	start := -1
	for k := paren - 1; k >= 0 && k > paren-16; k-- {
		t := d.toks[k]
		if t.sent != d.toks[paren].sent || t.quote >= 0 {
			break
		}
		if t.word && t.cap {
			caps++
			if caps > len(letters) {
				break
			}
			if unicode.ToLower([]rune(t.text)[0]) != letters[len(letters)-caps] {
				break
			}
			if caps == len(letters) {
				start = k
				break
			}
			continue
		}
		switch t.low {
		case "of", "and", "on", "for", "the", "&", ",", "de", "des", "du", "la", "le", "et":
			continue
		}
		break
	}
	if start < 0 {
		start = paren
		for start-1 >= 0 && d.nameTok(start-1) && !d.toks[start-1].poss {
			start--
		}
		if paren-start < 2 || unicode.ToLower([]rune(d.toks[start].text)[0]) != letters[0] {
			return nil
		}
	}
	return strings.Fields(d.text(d.toks[start].start, d.toks[paren-1].end))
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
