package extract

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/searchd/searchd/internal/geo"
	"github.com/searchd/searchd/internal/news"
)

// Mention kinds.
const (
	mentionNone    = iota
	mentionName    // "Karoline Leavitt", "Vance", "Mr. Smith", "the Kremlin"
	mentionPronoun // "he", "she"
	mentionRole    // "the Russian president", "the ministry"
	mentionUnnamed // "an official", "officials", "a spokesperson"
)

// Genders of the pronouns "it" and "they" in mention.gender, beside 'm' and 'f'.
const (
	pronounIt   = 'n'
	pronounThey = 'o'
)

// mention is how the text names a speaker where it attributes a quote.
type mention struct {
	kind   int
	name   []string // name words, honorifics and titles removed
	title  string
	hon    string // lower-cased honorific removed from the name ("mr.", "ms.")
	gender byte
	org    bool
	role   []string  // lower-case words of a role mention, determiner removed
	pair   []mention // the two people of "Jane Roe and John Doe said"
	first  int       // first token of the mention
	pos    int       // token used for recency (the mention's head)
	key    string    // nameKey(name) when read from the text at no cost, or ""
	fresh  bool      // a given name introduced as a relative ("her father, Joseph,"): no one named before
	cued   bool      // an unnamed source its cue marks as one ("according to the summary"), whatever its head
	firm   bool      // read from clauses the ranker does not see ("…, while Jane Roe … and said"): kept
}

// entity is a person or organisation named in the article.
type entity struct {
	key    string // lower-cased full name
	name   []string
	title  string
	gender byte
	org    bool
	first  int // token of the first mention
}

type entMention struct {
	pos int
	e   *entity
	obj bool // not a subject: after a preposition ("traded for Victor Rask") or possessive
}

func isPronoun(l string) (byte, bool) {
	switch l {
	case "he":
		return 'm', true
	case "she":
		return 'f', true
	}
	return 0, false
}

// genderOfTitle is the gender ('f', 'm') that the first gendered word of title tells, or 0.
func (w *speakerWords) genderOfTitle(title string) byte {
	var buf [32]byte
	for word := range strings.FieldsSeq(title) { // as strings.Fields(strings.ToLower(title)), less copying
		if len(word) <= len(buf) && isASCII(word) {
			b := buf[:len(word)]
			for i := range len(word) {
				c := word[i]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				b[i] = c
			}
			word = string(b) // on the stack: word does not escape
		} else {
			word = strings.ToLower(word)
		}
		if g := w.genderOfTitleWord(word); g != 0 {
			return g
		}
	}
	return 0
}

// genderOfTitleWord is the gender ('f', 'm') that a lower-case title word gives, or 0.
func (w *speakerWords) genderOfTitleWord(word string) byte {
	switch f := w.lex.get(word); {
	case f&lexTitleFemale != 0:
		return 'f'
	case f&lexTitleMale != 0:
		return 'm'
	}
	return 0
}

// definiteDescription reports whether token i ends a definite description of a person that
// does not stand in apposition: "the Democrat", "the 80-year-old senator", not "a nurse" nor
// "Jane Roe, the senator".
func (cs *cast) definiteDescription(i, lo int) bool {
	if !cs.w.partyMembers[cs.toks[i].low] && !cs.toks[i].is(lexRole) {
		return false
	}
	for k := i - 1; k >= lo && k >= i-3; k-- {
		if cs.toks[k].low == "the" {
			return k == lo || cs.toks[k-1].low != ","
		}
		if !cs.toks[k].word || cs.toks[k].quote >= 0 {
			return false
		}
	}
	return false
}

// fromPlaceBefore returns the token "from" that opens a place phrase ending at token i (its
// comma included: "from Buffalo, New York,"), or -1 when none does.
func (cs *cast) fromPlaceBefore(i, lo int) int {
	k := i
	if k >= lo && cs.toks[k].low == "," {
		k--
	}
	end := k
	for k > lo && k > i-7 && (cs.nameTok(k) || cs.toks[k].low == "," && k < end) {
		k--
	}
	if k <= lo || k == end || cs.toks[k].low != "from" || !cs.nameTok(k+1) {
		return -1
	}
	e := k + 1
	for e+1 <= end && cs.nameTok(e+1) {
		e++
	}
	if !cs.isPlaceName(cs.text(int(cs.toks[k+1].start), int(cs.toks[e].end))) {
		return -1
	}
	return k
}

// subjectLeft finds the speaker mention before reporting verb v, looking no further left than lo.
func (cs *cast) subjectLeft(v, lo int) mention {
	i := v - 1
	prog := isParticiple(cs.toks[v].low)
	for i >= lo && cs.toks[i].word && !cs.toks[i].cap && cs.toks[i].quote < 0 && (cs.toks[i].is(lexVerbGap) || prog && cs.toks[i].is(lexProgressive) || cs.mannerAdverb(i, lo)) {
		i--
	}
	if i-3 > lo && cs.toks[i].low == "," && cs.w.adverbs[cs.toks[i-1].low] && cs.toks[i-2].low == "," {
		i -= 3 // "Proponents of the bill, however, say"
	}
	if i-2 > lo && cs.toks[i].low == "to" && cs.toks[i-1].word && !cs.toks[i-1].cap {
		switch cs.toks[i-2].low {
		case "was", "were", "is", "are", "been":
			i -= 3 // "Jane Roe was quick to hail …", "were eager to point out"
		}
	}
	if k := cs.documentAside(i, lo); k != i {
		i = k // "Jane Roe in a Keswater Courier post said": the author, not the platform
	}
	if k := cs.dayBefore(i, lo); k != i {
		// "Jane Roe on Friday said", "the ministry late Tuesday said"
		i = k
		for i >= lo && cs.toks[i].word && !cs.toks[i].cap && cs.toks[i].quote < 0 && cs.toks[i].is(lexVerbGap) {
			i--
		}
	}
	if i >= lo && cs.toks[i].low == ")" {
		// "Rep. Jane Roe (D-Wis.) said", "Jane Roe (pictured) says", "Sen. Jane Roe (a
		// Vermont Democrat so quiet she is taken for an aide) says"
		for k := i - 1; k >= lo && k > i-30 && cs.toks[k].quote < 0 && cs.toks[k].low != ")"; k-- {
			if cs.toks[k].low == "(" {
				i = k - 1
				break
			}
		}
	}
	if i > lo && isDash(cs.toks[i].low) {
		if m, k, ok := cs.dashAside(i, lo); ok {
			return m // "A former candidate — John Doe, who lost in 2008 — said"
		} else if k >= 0 {
			i = k // "Jane Roe — who has fought the plan for years — said"
		}
	}
	if i > lo && isCloseMark(cs.toks[i].text) && cs.toks[i-1].low == "," {
		if q := cs.quoteClosedAt(i); q >= 0 && cs.titleSpan(&cs.spans[q]) && cs.spans[q].openTok > lo && cs.toks[cs.spans[q].openTok-1].word {
			// "Jane Roe, the star of “The Apprentice,” said": the comma inside the marks ends
			// the appositive
			return cs.appositiveSubject(cs.spans[q].openTok, lo)
		}
	}
	if i > lo && isCloseMark(cs.toks[i].text) && cs.toks[i-1].low == "," {
		// "Jane Roe, citing “the magic of the place,” said": the quotation ends a participle's
		// phrase set off by commas after the subject
		if q := cs.quoteClosedAt(i); q >= 0 {
			for p := cs.spans[q].openTok - 1; p-2 >= lo && p >= cs.spans[q].openTok-5 && cs.toks[p].word && cs.toks[p].quote < 0; p-- {
				if !cs.toks[p].cap && isParticiple(cs.toks[p].low) && cs.toks[p-1].low == "," && cs.nameTok(p-2) && !cs.toks[p-2].poss {
					if m := cs.runLeft(p-2, lo); m.kind == mentionName && cs.opensClause(m.first, lo) {
						return m // "Jane Roe, calling the levy “a disgrace,” said"
					}
				}
			}
		}
	}
	if i < lo || cs.toks[i].quote >= 0 {
		return mention{}
	}
	if k := cs.fromPlaceBefore(i, lo); k > lo && cs.definiteDescription(k-1, lo) {
		// "the Democrat from Buffalo, New York, added": the description, not the place
		if m := cs.subjectLeft(k, lo); m.kind != mentionNone {
			m.pos = i
			return m
		}
	}
	t := &cs.toks[i]
	if t.low == "," && i == v-1 && cs.verb(v) && !cs.invertedSubject(v) && i-1 > lo && (cs.nameTok(i-1) && !cs.toks[i-1].poss && !isPartyTag(cs.toks[i-1].text) || cs.toks[i-1].low == ")") {
		// "Gov. Jane Roe (R-Ohio), said": a stray comma after the subject that opens the clause
		// (not "And Trump, said Sunshine, …": the subject after the verb)
		if m := cs.appositiveSubject(i, lo); m.kind == mentionName && !cs.placeOrRegion(strings.Join(m.name, " ")) {
			return m // "Jane Roe's father, Joseph, says": the appositive's reading stands
		}
		if m := cs.subjectLeft(i, lo); m.kind == mentionName && !cs.lowerIn(m.first, i) && (cs.opensClause(m.first, lo) || cs.toks[m.first-1].low == "," && cs.wordsOnly(lo, m.first-1)) {
			return m
		}
	}
	if t.low == "," {
		if i == v-1 && !cs.toks[v].is(lexHearerVerb) && (v+1 == len(cs.toks) || !cs.toks[v+1].is(lexWeekday)) && cs.invertedSubject(v) && !cs.quoteIn(lo, v) {
			return mention{} // "In Keswater, a state she won, the race is tight, said Jane Roe": the name after the verb
		}
		if c := cs.clauseAsideStart(i, lo); c > lo {
			// "One attendee, who spoke on condition of anonymity, said": the subject opens the
			// sentence (not "…into the brakes, which means …, said the report")
			if m := cs.subjectLeft(c, lo); m.kind != mentionNone && cs.opensClause(m.first, lo) {
				return m
			}
		}
		return cs.appositiveSubject(i, lo)
	}
	if isDash(t.low) {
		return cs.dashAppositiveSubject(i, lo)
	}
	if t.low == "and" || t.low == "but" {
		return cs.clauseSubject(lo, i)
	}
	if g, ok := isPronoun(t.low); ok {
		return mention{kind: mentionPronoun, gender: g, first: i, pos: i}
	}
	if t.low == "it" || t.low == "they" {
		// "it said": the organisation quoted last; "they said": the group or organisation
		// quoted just before (resolved in doc.speakers)
		g := byte(pronounIt)
		if t.low == "they" {
			g = pronounThey
		}
		return mention{kind: mentionPronoun, gender: g, first: i, pos: i}
	}
	if t.low == "who" && i-3 >= lo && cs.toks[i-1].low == "," && !cs.nameTok(i-2) {
		// "…, Sen. Jane Roe of Ohio, the ranking Democrat, who said …": the name before the
		// appositive
		if m := cs.nameBeforeAppositive(i-1, lo); m.kind == mentionName && !m.org {
			return m
		}
	}
	if t.low == "who" && i-2 >= lo && cs.toks[i-1].low == "," && cs.nameTok(i-2) && !cs.toks[i-2].poss {
		// "That would be Jane Roe, who confessed that …": the person the clause follows
		a := i - 2
		for a-1 >= lo && cs.nameTok(a-1) && !cs.toks[a-1].poss {
			a--
		}
		if m := cs.nameMention(a, i-2, false); m.kind == mentionName && !m.org {
			return m
		}
	}
	if t.low == "we" || t.low == "i" || t.low == "you" || t.low == "who" {
		return mention{}
	}
	if cs.nameTok(i) && !t.poss {
		if m := cs.personOfPlace(i, lo); m.kind == mentionName {
			return m // "Jane Roe of Columbia, South Carolina says": no comma after the state
		}
		return cs.runLeft(i, lo)
	}
	if t.legalForm() && i-1 >= lo && cs.nameTok(i-1) && !cs.toks[i-1].poss {
		if m := cs.runLeft(i-1, lo); m.kind == mentionName && len(m.pair) == 0 {
			m.org = true // "Tessaly Foods plc said"
			return m
		}
	}
	if t.low == "office" && i-1 >= lo && cs.toks[i-1].poss && cs.nameTok(i-1) {
		if m := cs.officeOf(i, lo); m.kind == mentionName {
			return m
		}
	}
	if t.word && !t.cap {
		if m := cs.groupWithModifier(i, lo); m.kind != mentionNone {
			return m
		}
		if c := cs.lastComma(lo, i); c > lo {
			if m := cs.informedSource(c+1, i); m.kind != mentionNone {
				return m // "The plan is dead, a source close to the talks said"
			}
		}
		return cs.nounPhrase(i, lo)
	}
	return mention{}
}

// documentAside returns the token before a phrase "in a … <document>" that ends at token i
// and follows a name ("Jane Roe in a Courier post said", "Acme in its annual report said"), or i
// when there is none.
func (cs *cast) documentAside(i, lo int) int {
	if i < lo || !cs.toks[i].word || cs.toks[i].cap || !cs.w.documents[cs.toks[i].low] {
		return i
	}
	for k := i - 1; k > lo && k >= i-5; k-- {
		t := &cs.toks[k]
		if t.quote >= 0 || !t.word {
			return i
		}
		if t.low == "in" && k-1 >= lo && cs.nameTok(k-1) && !cs.toks[k-1].poss && (cs.toks[k+1].is(lexDeterminer) || cs.toks[k+1].is(lexPronoun)) {
			return k - 1
		}
	}
	return i
}

// possessiveIn reports whether a capitalised possessive stands in tokens [a, i): "Mrs.
// Quist's presidential campaign".
func (cs *cast) possessiveIn(a, i int) bool {
	for k := a; k < i; k++ {
		if cs.toks[k].poss && cs.toks[k].cap {
			return true
		}
	}
	return false
}

// groupWithModifier reads a group that opens the sentence and ends at token i with the phrase
// that says which members it means: "Organizers of the boycott said", "Democrats in Iowa who
// watched the debate said", "Many speakers at the service said". The group is an unnamed
// source; the words after its head are no subject of their own.
func (cs *cast) groupWithModifier(i, lo int) mention {
	k := cs.afterDateline(lo, i)
	a := k
	for a < i && a < k+4 && (cs.toks[a].is(lexDeterminer) || cs.toks[a].is(lexUnnamedDet) || startsWithDigit(cs.toks[a].text)) {
		a++
	}
	for h := a; h < i && h <= a+3; h++ {
		t := &cs.toks[h]
		if !t.word || t.quote >= 0 || t.poss || t.low == "and" || t.low == "or" {
			return mention{} // "Bush and his rivals said": a named member
		}
		low := t.low
		lowerCase := !t.cap || h == k // "Proponents of the bill", opening the sentence
		// "A person familiar with the talks said": a source described by what it knows
		informed := lowerCase && h+2 < i && cs.w.sourcePerson(low) && cs.informedBy(h+1)
		if !informed && (t.is(lexPoll) || !(cs.w.groups[low] || cs.pluralRole(h, lo) || lowerCase && strings.HasSuffix(low, "s") && cs.w.persons[low[:len(low)-1]] || t.cap && cs.w.partyMembers[strings.TrimSuffix(low, "s")] && strings.HasSuffix(low, "s"))) {
			continue // "Credit scores use data from …": data are no group of people
		}
		head := h
		if informed {
			h++ // the phrase after "familiar" is the group's own, as after a group noun
		} else if n := cs.toks[h+1].low; n != "who" && !cs.toks[h+1].is(lexPhrasePrep) && n != "in" && n != "on" && n != "across" && n != "around" {
			return mention{}
		}
		for j := h + 1; j <= i; j++ {
			tj := &cs.toks[j]
			if !tj.word || tj.quote >= 0 || tj.is(lexVerb) && !tj.cap {
				return mention{}
			}
			if cs.nameTok(j) && (j == h+2 || cs.toks[j-1].low == "the") && !cs.isPlaceName(tj.text) {
				return mention{} // "Leaders of AIPAC said": the organisation's reading stands
			}
		}
		if cs.clauseBetween(h+1, i+1) {
			return mention{}
		}
		return mention{kind: mentionUnnamed, first: k, pos: head}
	}
	return mention{}
}

// personOfPlace reads "Jane Roe of Columbia, South Carolina" ending at token i, the state's
// last word, with no comma after the state: the person, when a region or a place the gazetteer
// knows follows "of" and a comma and a region close it. It returns no mention otherwise.
func (cs *cast) personOfPlace(i, lo int) mention {
	a := i
	for a-1 >= lo && a > i-3 && cs.nameTok(a-1) {
		a--
	}
	if a-2 <= lo || cs.toks[a-1].low != "," || !cs.isRegion(cs.text(int(cs.toks[a].start), int(cs.toks[i].end))) {
		return mention{}
	}
	c := a - 2 // the city's last word
	if !cs.nameTok(c) {
		return mention{}
	}
	of := c
	for of-1 >= lo && of > c-3 && cs.nameTok(of-1) {
		of--
	}
	of-- // "of"
	if of-1 < lo || cs.toks[of].low != "of" || !cs.nameTok(of-1) || cs.ofPlaceAfter(of-1, a) == of-1 {
		return mention{}
	}
	if m := cs.runLeft(of-1, lo); m.kind == mentionName && !m.org {
		return m
	}
	return mention{}
}

// informedBy reports whether tokens j, j+1 say what a source knows: "familiar with", "close
// to", "briefed on".
func (cs *cast) informedBy(j int) bool {
	switch cs.toks[j].low + " " + cs.toks[j+1].low {
	case "familiar with", "close to", "briefed on":
		return true
	}
	return false
}

// informedSource reads tokens [a, i] after a comma as a source described by what it knows: a
// determiner or none, a noun for people, then "familiar with", "close to" or "briefed on" and
// its object, with no verb: "…, a source close to the talks said", "…, people familiar with
// the plan said". The source is unnamed.
func (cs *cast) informedSource(a, i int) mention {
	h := a
	if h < i && (cs.toks[h].is(lexDeterminer) || cs.toks[h].is(lexUnnamedDet)) {
		h++
	}
	if h+2 >= i || cs.toks[h].cap || !cs.informedBy(h+1) {
		return mention{}
	}
	low := cs.toks[h].low
	if !cs.w.sourcePerson(low) && !cs.w.roles[strings.TrimSuffix(low, "s")] && !cs.w.groups[low] {
		return mention{}
	}
	for j := h + 3; j <= i; j++ {
		if t := &cs.toks[j]; !t.word || t.quote >= 0 || t.is(lexVerb) && !t.cap {
			return mention{}
		}
	}
	return mention{kind: mentionUnnamed, first: a, pos: h}
}

// dashAppositiveSubject reads the name before an appositive set off by dashes, the second of
// which is token i: "Jane Roe — chief engineer at the water board since 2015 — said".
func (cs *cast) dashAppositiveSubject(i, lo int) mention {
	for k := i - 1; k > lo && k > i-20; k-- {
		if cs.toks[k].quote >= 0 {
			break
		}
		if isDash(cs.toks[k].low) {
			if cs.nameTok(k-1) && !cs.toks[k-1].poss {
				if m := cs.runLeft(k-1, lo); m.kind == mentionName {
					return m
				}
			}
			break
		}
	}
	return mention{}
}

// officeOf reads "Jane Roe's office" ending at token i (the word "office") as the organisation
// of that name: the staff who speak for a person named in the article.
func (cs *cast) officeOf(i, lo int) mention {
	a := i - 1
	for a-1 >= lo && cs.nameTok(a-1) && !cs.toks[a-1].poss {
		a--
	}
	if k := a - 1; k-1 >= lo && cs.toks[k].is(lexPreposition) && !cs.w.documents[cs.toks[k-1].low] {
		return mention{} // "an official in Jane Roe's office said": the official
	}
	m := cs.nameMention(a, i-1, false)
	if m.kind != mentionName || m.org || len(m.name) == 0 || len(m.pair) > 0 {
		return mention{}
	}
	name := append([]string{}, m.name[:len(m.name)-1]...)
	name = append(name, cs.text(int(cs.toks[i-1].start), int(cs.toks[i].end)))
	return mention{kind: mentionName, org: true, name: name, first: a, pos: i}
}

// clauseSubject finds the subject of a sentence whose reporting verb follows "and"
// ("Jane Roe praised the plan and said …"): the first name or pronoun of the sentence that is
// followed by a lower-case word; or of the clause that holds "and", when a conjunction after
// a comma opens it ("…, while John Doe proposed a levy and said …").
func (cs *cast) clauseSubject(lo, and int) mention {
	for c := and - 2; c > lo; c-- {
		if t := &cs.toks[c]; t.quote >= 0 {
			continue // "…, while John Doe proposed we “wake up” and said …"
		}
		if l := cs.toks[c].low; (l == "," || l == ";") && (cs.toks[c+1].is(lexSubordinator) || cs.toks[c+1].low == "but") {
			// "Jane Roe signed an order, while John Doe proposed a levy and said …": the
			// subject of the clause that holds "and"
			if m := cs.clauseSubject(c+2, and); m.kind != mentionNone {
				m.firm = true
				return m
			}
			break
		}
	}
	for k := lo; k < and; k++ {
		t := &cs.toks[k]
		if t.quote >= 0 || !t.word {
			continue
		}
		if g, ok := isPronoun(t.low); ok && k+1 < and && cs.toks[k+1].word && !cs.toks[k+1].cap {
			return mention{kind: mentionPronoun, gender: g, first: k, pos: k}
		}
		if cs.nameTok(k) && !t.poss {
			e := k
			for e+1 < and && cs.nameTok(e+1) && !cs.toks[e].poss {
				e++
			}
			// "Gov. Jane Roe (R) blasted the plan and said …": a party tag may follow the name
			if n := cs.afterParenthesis(e+1, and); n < and && cs.toks[n].word && !cs.toks[n].cap && !cs.toks[e].poss {
				if m := cs.runLeft(e, lo); m.kind == mentionName {
					return m
				}
			}
			if e+1 < and && cs.toks[e+1].low == "," && k == cs.afterDateline(lo, and) && !cs.toks[e].poss {
				// "Jane Roe, a spokeswoman, criticized the plan and said …": the name that
				// opens the clause, before its appositive
				if m := cs.runLeft(e, lo); m.kind == mentionName && !cs.isPlaceName(strings.Join(m.name, " ")) {
					return m
				}
			}
			k = e
		}
	}
	return mention{}
}

// runLeft reads the capitalised run ending at token i as a subject mention. A run after "and"
// is a group ("Jane Roe and John Doe said"); after "of" it names where the subject is from
// ("Sen. Jane Roe of Ohio"), or belongs to a phrase ("the speaker of the House").
func (cs *cast) runLeft(i, lo int) mention {
	a := i
	for a-1 >= lo && cs.nameTok(a-1) && !cs.toks[a-1].poss {
		a--
	}
	if cs.toks[i].is(lexOrg) {
		a = cs.possOrgStart(a, lo)
	}
	if a-2 >= lo && cs.toks[a-1].poss && cs.toks[a-2].is(lexFunction) && !(i > a && cs.toks[a].is(lexGiven)) {
		return mention{kind: mentionUnnamed, first: a, pos: i} // "passengers on London's Underground said"
	}
	if k := a - 1; k-2 >= lo && cs.toks[k].low == "the" && !cs.toks[k-2].cap && (cs.toks[k-2].is(lexRolePart) || cs.w.persons[cs.toks[k-2].low] || strings.Contains(cs.toks[k-2].low, "-")) {
		switch cs.toks[k-1].low {
		case "for", "of", "from", "at", "with":
			return mention{kind: mentionUnnamed, first: a, pos: i} // "a spokesman for the Port Authority said"
		}
	}
	if a-3 >= lo && cs.toks[a-1].low == "the" && cs.toks[a-2].low == "of" && cs.nameTok(a-3) && cs.toks[a-3].is(lexRolePart) && !cs.toks[a-3].is(lexOrg) && i-a >= 2 {
		return cs.titleOfRun(a-3, a, i, lo) // "Chancellor of the Exchequer Jane Roe", "Speaker of the House Jane Roe"
	}
	if a-3 >= lo && cs.toks[a-1].low == "the" && cs.toks[a-2].low == "of" && cs.nameTok(a-3) && cs.toks[a-3].is(lexOrg) {
		// "the Organization of the Petroleum Exporting Countries"
		b := a - 3
		for b-1 >= lo && cs.nameTok(b-1) && !cs.toks[b-1].poss {
			b--
		}
		if m := cs.nameMention(b, i, false); m.kind == mentionName {
			m.org = true
			return m
		}
	}
	if a-1 >= lo {
		switch cs.toks[a-1].low {
		case "and", "&":
			if a-2 >= lo && cs.nameTok(a-2) {
				return cs.pairMention(a, i, lo)
			}
		case "of", "from", "for", "at", "in", "with", "by", "on", "to":
			if cs.toks[a-1].low == "by" && cs.documentBefore(a-1, lo) {
				// "A statement e-mailed to The Globe by Jane Roe said": the author speaks
				if m := cs.nameMention(a, i, false); m.kind == mentionName && !m.org {
					return m
				}
			}
			if a-2 >= lo && cs.nameTok(a-2) && (cs.toks[a-1].low == "of" || orgJoin(cs.toks[a-1].low) && cs.toks[a-2].is(lexOrg|lexRolePart)) {
				if cs.toks[a-2].is(lexOrg) {
					// "the Ministry of Tides", "the University of Calgary"
					b := a - 2
					for b-1 >= lo && cs.nameTok(b-1) && !cs.toks[b-1].poss {
						b--
					}
					b = cs.possOrgStart(b, lo)
					m := cs.nameMention(b, i, false)
					m.org = m.kind == mentionName
					if k := b - 1; m.org && k-1 >= lo && (cs.toks[k].low == "at" || cs.toks[k].low == "with" || (cs.toks[k].low == "the" && k-2 >= lo && (cs.toks[k-1].low == "at" || cs.toks[k-1].low == "with"))) {
						if cs.toks[k].low == "the" {
							k--
						}
						if cs.nameTok(k-1) && !cs.toks[k-1].poss {
							if p := cs.runLeft(k-1, lo); p.kind == mentionName && !p.org {
								return p
							}
						}
					}
					return m
				}
				if cs.toks[a-2].is(lexRolePart) {
					return cs.titleOfRun(a-2, a, i, lo) // "Secretary of State Rex Tillerson", "Minister for Trade Jane Roe"
				}
				return cs.runLeft(a-2, lo)
			}
			return mention{kind: mentionUnnamed, first: a, pos: i}
		}
	}
	m := cs.nameMention(a, i, false)
	if m.kind == mentionName && m.org {
		// "Jane Roe with the Port Authority says", "Jane Roe at the University of Calgary says"
		k := m.first - 1
		if k >= lo && cs.toks[k].low == "the" {
			k--
		}
		if k-1 >= lo {
			switch cs.toks[k].low {
			case "with", "at", "from", "of":
				if cs.nameTok(k-1) && !cs.toks[k-1].poss {
					if p := cs.runLeft(k-1, lo); p.kind == mentionName && !p.org {
						return p
					}
				}
			}
		}
	}
	return m
}

// possOrgStart extends the capitalised run that starts at token a, and ends in an
// organisation word, over the possessive name of an office or organisation just before it:
// "the Harris County Sheriff's Office", "the Justice Department's Office of Legal Counsel", "the
// Fulton County Medical Examiner's Office" ("examiner" is no role word: "the Washington
// Examiner" is a newspaper, and "the medical examiner's report" no one quoted). A
// person's or a country's possessive stays out: "Jane Roe's Campaign Committee", "Russia's
// Defence Ministry".
func (cs *cast) possOrgStart(a, lo int) int {
	p := a - 1
	if p < lo || !cs.toks[p].poss || !cs.nameTok(p) {
		return a
	}
	if !cs.toks[p].is(lexRolePart|lexOrg) && cs.toks[p].low != "examiner" {
		// "Moody's Investors Service": a one-word possessive that names no person or place
		if (p-1 >= lo && cs.nameTok(p-1)) || cs.toks[p].is(lexGiven) || cs.isPlaceName(cs.toks[p].text) || cs.lookup([]string{cs.toks[p].text}, p) != nil {
			return a
		}
		return p
	}
	for p-1 >= lo && cs.nameTok(p-1) && !cs.toks[p-1].poss {
		p--
	}
	return p
}

// orgJoin reports whether low can join an organisation word to the rest of its name, as
// "of" does: "the Commission on Presidential Debates", "the Center for Public Integrity".
func orgJoin(low string) bool { return low == "on" || low == "for" }

// nameBeforeAppositive reads the person named before the appositive that ends at the comma
// c, wherever the name stands in its clause: "backed by Sen. Jane Roe of Ohio, the ranking
// Democrat on the panel," (the place after "of" is no part of the name).
func (cs *cast) nameBeforeAppositive(c, lo int) mention {
	for k := c - 1; k > lo && k > c-20; k-- {
		t := &cs.toks[k]
		if t.quote >= 0 || t.low == "." || t.low == ";" {
			return mention{}
		}
		if t.low != "," || !cs.nameTok(k-1) || cs.toks[k-1].poss {
			continue
		}
		e := k - 1
		a := e
		for a-1 >= lo && cs.nameTok(a-1) && !cs.toks[a-1].poss {
			a--
		}
		if a-2 >= lo && cs.toks[a-1].low == "of" && cs.nameTok(a-2) {
			place := cs.text(int(cs.toks[a].start), int(cs.toks[e].end))
			if cs.isRegion(place) || cs.inGazetteer(place) {
				e = a - 2 // "Jane Roe of Ohio"
				for a = e; a-1 >= lo && cs.nameTok(a-1) && !cs.toks[a-1].poss; a-- {
				}
			}
		}
		return cs.nameMention(a, e, true)
	}
	return mention{}
}

// invertedSubject reports whether the verb at v is followed by its subject, a name that ends
// the clause: "…, said Jane Roe, who …", not "said Trump's plan would fail".
func (cs *cast) invertedSubject(v int) bool {
	e := v + 1
	if !cs.nameTok(e) {
		return false
	}
	for e+1 < len(cs.toks) && cs.nameTok(e+1) && !cs.toks[e].poss {
		e++
	}
	if cs.toks[e].poss {
		return false
	}
	return e+1 >= len(cs.toks) || cs.toks[e+1].low == "," || cs.toks[e+1].low == "." || cs.toks[e+1].low == ";"
}

// lowerIn reports whether a lower-case word stands in tokens [a, b), as in "Republican of New
// York" (a description, not a name).
func (cs *cast) lowerIn(a, b int) bool {
	for k := a; k < b; k++ {
		if t := &cs.toks[k]; t.word && !t.cap {
			return true
		}
	}
	return false
}

// wordsOnly reports whether tokens [a, b) are all words: a phrase with no comma or mark in it
// ("After winning Ohio").
func (cs *cast) wordsOnly(a, b int) bool {
	for k := a; k < b; k++ {
		if !cs.toks[k].word {
			return false
		}
	}
	return true
}

// opensClause reports whether only a conjunction or marks stand between the sentence start lo
// and token k.
func (cs *cast) opensClause(k, lo int) bool {
	for j := lo; j < k; j++ {
		if t := &cs.toks[j]; t.word && t.low != "but" && t.low != "and" && t.low != "yet" && t.low != "so" {
			return false
		}
	}
	return true
}

// clauseAsideStart returns the comma that opens a clause set off by commas and ending at the
// comma i before a verb: a relative clause ("…, who like others spoke on condition of
// anonymity, said") or an adverbial one ("…, when contacted by Reuters, said"); or -1.
func (cs *cast) clauseAsideStart(i, lo int) int {
	for k := i - 1; k > lo && k > i-30; k-- {
		t := &cs.toks[k]
		if t.quote >= 0 || !t.word && t.low != "," {
			return -1
		}
		if t.low != "," {
			continue
		}
		if n := &cs.toks[k+1]; isRelative(n.low) && n.low != "that" || n.is(lexSubordinator) || n.low == "after" || n.low == "before" {
			return k
		}
		return -1
	}
	return -1
}

// dashAside reads the aside between dashes that ends with the dash at token i, before a verb
// ("--" is two tokens). An aside naming a person ("— John Doe, who lost in 2008 —") is the
// subject, returned with ok; an aside opened by a relative pronoun ("— who has fought the plan
// for years —") is skipped: k is the last token before it, where the subject ends. Any other
// aside ("— and two-thirds of the voters —") gives k = -1.
func (cs *cast) dashAside(i, lo int) (m mention, k int, ok bool) {
	j := i
	for j-1 > lo && isDash(cs.toks[j-1].low) {
		j--
	}
	for k := j - 1; k > lo && k > j-30; k-- {
		t := &cs.toks[k]
		if t.low == "." && t.quote < 0 {
			return mention{}, -1, false
		}
		if !isDash(t.low) || t.quote >= 0 {
			continue // "— who said he would “bomb the ports” —"
		}
		a := k + 1 // the aside's first token
		for k-1 > lo && isDash(cs.toks[k-1].low) {
			k--
		}
		switch {
		case isRelative(cs.toks[a].low) && cs.toks[k-1].word:
			return mention{}, k - 1, false
		case cs.nameTok(a):
			b := a
			for b+1 < j && cs.nameTok(b+1) && !cs.toks[b].poss {
				b++
			}
			if !cs.toks[b].poss && (b+1 == j || cs.toks[b+1].low == "," && b+2 < j && !cs.nameTok(b+2)) {
				// a name and its description, not a list: "— Acme's, Beta and Gamma —"
				if n := cs.nameMention(a, b, true); n.kind == mentionName && !n.org && len(n.pair) == 0 {
					return n, -1, true
				}
			}
		}
		return mention{}, -1, false
	}
	return mention{}, -1, false
}

// appositiveSubject reads a subject set off by commas before the verb: "Jane Roe, a lawyer for
// the family, said" or "Keeper of the Seal, Jane Roe, said". comma is the comma before the verb.
func (cs *cast) appositiveSubject(comma, lo int) mention {
	if m, ok := cs.membersAppositive(comma, lo); ok {
		return m
	}
	if m := cs.leadingNameAppositive(comma, lo); m.kind == mentionName {
		return m
	}
	var cands []int // commas, right to left, with a name before them
	plain := true   // no verb or relative pronoun yet: an appositive may run on past 20 tokens
	for j := comma - 1; j >= lo && j > comma-32; j-- {
		tj := &cs.toks[j]
		if tj.word && !tj.cap && (tj.is(lexVerb) || isRelative(tj.low) || isAuxiliary(tj.low)) {
			plain = false
		}
		if j <= comma-20 && (len(cands) > 0 || !plain) {
			break // "Jane Roe, the frontrunner nationally and … after winning the primaries, said"
		}
		if tj.low == "." && j-1 >= lo && isPartyTag(cs.toks[j-1].text) {
			continue // "Jane Roe, D-Mich., a member of …, said"
		}
		if q := cs.quoteClosedAt(j); q >= 0 && isCloseMark(tj.text) && cs.titleSpan(&cs.spans[q]) {
			j = cs.spans[q].openTok // "Jane Roe, the author of “Going Under,” said"
			continue
		}
		if tj.quote >= 0 || isQuoteMark(tj.text) || tj.low == "." || tj.low == ";" {
			break
		}
		if tj.low == "," && j-1 >= lo && cs.nameTok(j-1) && !isPartyTag(cs.toks[j-1].text) && (j > comma-20 || cs.toks[j+1].is(lexDeterminer)) {
			cands = append(cands, j) // far off, only before a noun phrase: "Jane Roe, the …"
		}
		if tj.low == "," && len(cands) == 0 && j-1 > lo && cs.toks[j-1].low == ")" {
			// "Rep. Jane Roe (D-Wis.), a member of the panel, said"
			for k := j - 2; k > lo && k > j-8; k-- {
				if cs.toks[k].low == "(" {
					if cs.nameTok(k-1) && !cs.toks[k-1].poss {
						if m := cs.runLeft(k-1, lo); m.kind == mentionName && !m.org {
							if m.title == "" {
								m.title = cs.appositiveTitle(j+1, comma)
							}
							return m
						}
					}
					break
				}
			}
		}
	}
	if len(cands) == 0 {
		if m := cs.roleAppositive(comma, lo); m.kind != mentionNone {
			return m
		}
		return cs.descriptorAppositive(comma, lo)
	}
	// the part between the last comma pair is itself a name: "Keeper of the Seal, Jane Roe, said"
	j := cands[0]
	inner := true
	end := comma - 1 // the inner name's last token
	for k := j + 1; k < comma; k++ {
		if cs.toks[k].is(lexPreposition) && k > j+1 && k+1 < comma && cs.nameTok(k-1) && cs.nameTok(k+1) {
			if end == comma-1 {
				end = k - 1 // "One pastor backing Hask, Jane Roe of Keswater Baptist Church in Ardley, said"
			}
			continue
		}
		if !(cs.nameTok(k) || cs.toks[k].is(lexRole) || cs.toks[k].is(lexModifier)) {
			inner = false
			break
		}
	}
	// "a nurse from Dayton, Ohio, said": a place and its state are no name
	cityState := comma-1 == j+1 && (cs.isPlaceName(cs.toks[j-1].text) || cs.isPlaceName(cs.toks[j+1].text))
	if inner && !cityState && end > j && cs.nameTok(end) && !isPartyTag(cs.toks[end].text) {
		m := cs.runLeft(end, j+1)
		if m.kind == mentionName && !m.org && (end == comma-1 || cs.opensClause(m.first, j+1)) {
			return m
		}
	}
	best := cands[0]
	for _, c := range cands {
		a := c - 1
		for a-1 >= lo && (cs.nameTok(a-1) && !cs.toks[a-1].poss || a-2 >= lo && cs.toks[a-1].low == "of" && cs.nameTok(a-2)) {
			a--
		}
		if a == lo || (!cs.toks[a-1].word && cs.toks[a-1].low != ",") || a-2 == lo && cs.toks[a-1].low == "," && cs.w.adverbs[cs.toks[lo].low] {
			best = c // not "Jane Roe, D-Mich., a member of …, said"; "Recently, Jane Roe of Hollis, Maine, said"
			break
		}
	}
	if cs.clauseBetween(best+1, comma) {
		return mention{} // "Somehow, the family will find a way, adds Jane Roe"
	}
	m := cs.runLeft(best-1, lo)
	if m.kind != mentionName && cs.nameTok(comma-1) {
		// "Separately, the largest parcel carrier, Skyhaul, said", "…from April, the
		// utility's chief executive, Jane Roe, said": the word before the first comma named
		// no one, and the name the appositive ends with is the subject, its description part
		// of the mention
		a := comma - 1
		for a-1 > best && cs.nameTok(a-1) && !cs.toks[a-1].poss {
			a--
		}
		if a-1 > best && cs.toks[a-1].low == "," {
			if n := cs.runLeft(comma-1, a); n.kind == mentionName {
				n.first = best + 1
				return n
			}
		}
	}
	if m.kind == mentionName && m.title == "" {
		m.title = cs.appositiveTitle(best+1, comma)
	}
	return m
}

// nounPhrase reads a lower-case noun phrase ending at token i: "an official", "the Russian
// president", "the ministry", "officials".
func (cs *cast) nounPhrase(i, lo int) mention {
	a := i
	for a-1 >= lo && a > i-6 {
		p := &cs.toks[a-1]
		if !p.word || p.quote >= 0 {
			break
		}
		if p.is(lexDeterminer) {
			a--
			break
		}
		if p.is(lexVerb) && !p.cap && !p.is(lexModifier) || strings.HasSuffix(p.low, "ing") && a-2 >= lo && cs.toks[a-2].low == "," {
			break // "…, echoing experts who say": the participle opens a phrase of its own
		}
		a--
	}
	if m, ok := cs.nameBeforeOrgNoun(a, i); ok {
		return m
	}
	if p := a - 2; p >= lo && cs.toks[a].is(lexDeterminer) && cs.toks[a-1].is(lexPhrasePrep) && cs.toks[p].word && !cs.toks[p].cap && (cs.toks[p].is(lexRole) || cs.w.persons[cs.toks[p].low] || cs.w.kin[cs.toks[p].low]) {
		// "a columnist for the site said": the person, not the site
		if m := cs.nounPhrase(p, lo); m.kind != mentionNone {
			m.kind = mentionUnnamed
			return m
		}
	}
	var words []string
	det := ""
	for k := a; k <= i; k++ {
		l := cs.toks[k].low
		if k == a && cs.w.has(l, lexDeterminer) {
			det = l
			continue
		}
		words = append(words, l)
	}
	if len(words) == 0 {
		return mention{}
	}
	if n := len(words); n >= 3 && words[n-2] == "of" && isCountWord(words[n-1]) && cs.w.roles[words[n-3]] {
		words = words[:n-2] // "the father of four said": a father
	}
	head := words[len(words)-1]
	if m, ok := cs.nationalBody(det, words, i); ok {
		return m
	}
	m := mention{role: words, first: a, pos: i}
	if cs.w.has(det, lexUnnamedDet) || det == "" && strings.HasSuffix(head, "s") || cs.w.groups[head] {
		m.kind = mentionUnnamed
		return m
	}
	if det == "the" && (cs.w.roles[head] || cs.w.orgWords[head] || cs.w.genericOrgs[head] || isAgeWord(head)) {
		m.kind = mentionRole
		return m
	}
	if det == "" && !cs.w.roles[head] && !(cs.possessiveIn(a, i) && cs.sourceHead(head)) {
		return mention{} // but "Kent's campaign said": a possessive stands for a determiner
	}
	m.kind = mentionUnnamed
	return m
}

// nameMention turns the capitalised run [a, b] into a mention: leading sentence words and
// honorifics removed, a title split off ("Russian President Vladimir Putin") and extended to the
// left ("White House press secretary Karoline Leavitt"). inPhrase allows a run in the middle of
// a phrase.
func (cs *cast) nameMention(a, b int, inPhrase bool) mention {
	// "Office of Legal Counsel", "Bureau of Prisons": the words after "of" belong to the
	// organisation, whether they read as a role or not
	ofOrg := false
	for i := a; i < b; i++ {
		ofOrg = ofOrg || cs.toks[i].is(lexOrg) && cs.toks[i+1].low == "of"
	}
	first := cs.nameStart(a, b)
	if first > b || first > 0 && cs.toks[first-1].is(lexWorkTitle) {
		return mention{} // "a report titled Winter Rails": the name of a work, not of a speaker
	}
	if first == b {
		if k, ok := cs.positionalCap(first, inPhrase); ok {
			return mention{kind: k, first: first, pos: b}
		}
	}
	m := mention{kind: mentionName, first: first, pos: b}
	a, gender := cs.honorifics(&m, first, b)
	if a < b && cs.capitalPluralRole(a) && cs.nameTok(a+1) && !cs.toks[a+1].is(lexOrg|lexRolePart) {
		// "Senators Jane Roe and John Doe": a plural title opens the first member's name
		m.title = cs.toks[a].text
		a++
	}
	a = cs.splitTitle(&m, a, b)
	if a > b {
		return mention{}
	}
	m.name = cs.nameWords(a, b)
	m.key = cs.runKey(a, b)
	m.gender = gender
	if m.gender == 0 {
		m.gender = cs.w.genderOfTitle(m.title)
	}
	if m.gender == 0 && len(m.name) > 1 {
		m.gender, _ = cs.toks[a].gender()
	}
	return cs.classifyName(m, a, b, ofOrg)
}

// nameStart returns the first token of the name in the capitalised run [a, b], after the words
// that open it without being part of it: a demonym ("Saudi officials"), a word never capitalised
// for a name, a town in capitals, an age, "-based", a participle or adverb opening a sentence.
// It is b+1 when no word is left.
func (cs *cast) nameStart(a, b int) int {
	orgRun := false
	for i := a; i <= b; i++ {
		orgRun = orgRun || cs.toks[i].is(lexOrg)
	}
	for a <= b {
		t := &cs.toks[a]
		if t.is(lexDemonym) && !orgRun && !(a < b && cs.isPlaceRun(a, b)) && !(a == b && !cs.modifierRun(b) && cs.knownSurname(t.text)) && !cs.afterHonorific(a) {
			// "Saudi officials", not "Saudi Arabia" or "Dominican Republic": a country's name
			a++
			continue
		}
		sentStart := a == 0 || cs.toks[a-1].sent != t.sent || !cs.toks[a-1].word
		allCaps := a < b && utf8.RuneCountInString(t.text) > 4 && isUpperString(t.text) // "OTTAWA", not "AFN"
		// "Following Jane Roe …" opens with a participle; "Downing Street said" with a name
		participle := strings.HasSuffix(t.low, "ing") && !cs.verb(b+1)
		if sentStart && a == b && cs.pastParticiple(a) {
			a++ // "Pressed on whether …, Jane Roe said"
			continue
		}
		if t.is(lexStopCap) && !(a == b && cs.knownSurname(t.text)) || allCaps || isAgeWord(t.low) || a < b && strings.HasSuffix(t.low, "-based") || (sentStart && a < b && (participle || cs.w.adverbs[t.low])) {
			a++
			continue
		}
		break
	}
	return a
}

// afterHonorific reports whether the token before i is an honorific: "Mr. English" is a
// name, whatever else the word can be.
func (cs *cast) afterHonorific(i int) bool {
	if i == 0 || !cs.toks[i-1].cap {
		return false
	}
	_, ok := cs.w.honorific(cs.toks[i-1].low)
	return ok
}

// pastParticiple reports whether the capitalised word at token i, alone at the start of its
// sentence, is a past participle opening a phrase rather than a name: "Pressed on", "Asked
// about", "Questioned over" (a word in -ed before a preposition that is no given name or known
// surname: "Ahmed on Monday said" is a name).
func (cs *cast) pastParticiple(i int) bool {
	t := &cs.toks[i]
	if i+1 >= len(cs.toks) || len(t.low) < 5 || !strings.HasSuffix(t.low, "ed") || !cs.toks[i+1].is(lexPreposition) {
		return false
	}
	_, given := t.gender()
	return !given && !cs.knownSurname(t.text)
}

// honorifics removes the honorifics that open the name [a, b] of m ("Mr.", "Sen."), recording
// the last in m.hon, and returns where the name goes on and the gender they give.
func (cs *cast) honorifics(m *mention, a, b int) (int, byte) {
	var gender byte
	for a <= b {
		g, ok := cs.w.honorific(cs.toks[a].low)
		if !ok || a == b {
			break
		}
		if a+1 == b && cs.toks[a].low == "lord" && !cs.toks[b].is(lexGiven) {
			gender = g // "Lord Falconer": a peer's name, which keeps the title
			break
		}
		if g != 0 {
			gender = g
		}
		m.hon = cs.toks[a].low
		a++
	}
	return a, gender
}

// splitTitle splits the title off the name [a, b] of m into m.title ("Russian President
// Vladimir Putin", "Getty Images Kevin Vickers"), extended to the left over role words and
// capitalised modifiers ("White House press secretary Karoline Leavitt"), and returns where the
// name starts.
func (cs *cast) splitTitle(m *mention, a, b int) int {
	k := -1
	for i := a; i < b; i++ {
		if cs.toks[i].is(lexRolePart) {
			k = i
		}
	}
	for i := max(k, a) + 1; k >= 0 && i <= b; i++ {
		if cs.toks[i].is(lexOrg) {
			// "the Justice Department", "the Defense Ministry", "the Justice Department's Office
			// of Legal Policy": one name, no title
			k = -1
		}
	}
	titleStart, titleEnd := -1, -1
	if k >= 0 {
		titleStart, titleEnd = a, k
		a = k + 1
	}
	// a first name after capitalised words that are not names starts the name: "Getty Images
	// Kevin Vickers", "Secretary of State Mike Pompeo" (run "State Mike Pompeo")
	if k2 := cs.firstNameAt(a, b); k2 > a {
		if titleStart < 0 {
			titleStart = a
		}
		titleEnd = k2 - 1
		a = k2
	}
	// extend the title to the left over lower-case role words and capitalised modifiers
	if titleStart < 0 || titleStart == m.first {
		s := m.first
		role := titleStart >= 0
		j := s - 1
		for j >= 0 && j > s-7 {
			t := &cs.toks[j]
			if !t.word || t.quote >= 0 || t.sent != cs.toks[s].sent {
				break
			}
			if t.is(lexRole) {
				role = true
			} else if !(t.is(lexModifier) || (t.cap && !t.is(lexStopCap)) || t.low == "of" || t.low == "for") {
				break
			}
			j--
			if t.poss {
				break
			}
		}
		if role && j+1 < s {
			titleStart = j + 1
			if titleEnd < 0 {
				titleEnd = s - 1
			}
			for titleStart < s && (cs.toks[titleStart].low == "of" || cs.toks[titleStart].low == "for") {
				titleStart++
			}
		}
	}
	if titleStart >= 0 && titleEnd >= titleStart {
		m.title = cs.text(int(cs.toks[titleStart].start), int(cs.toks[titleEnd].end))
		m.title = strings.TrimSuffix(strings.TrimSuffix(m.title, "'s"), "’s")
		if titleEnd < len(cs.toks) && cs.toks[titleEnd].poss {
			m.title = cs.text(int(cs.toks[titleStart].start), int(cs.toks[titleEnd].end))
		}
	}
	return a
}

// nameWords returns the words of the name [a, b], in cs.names.
func (cs *cast) nameWords(a, b int) []string {
	if n := b - a + 1; cap(cs.names)-len(cs.names) < n {
		cs.names = make([]string, 0, max(512, 2*cap(cs.names), n))
	}
	k0 := len(cs.names)
	for i := a; i <= b; i++ {
		if t := &cs.toks[i]; t.poss && i < b {
			cs.names = append(cs.names, cs.text(int(t.start), int(t.end))) // "Sheriff's Office"
			continue
		}
		cs.names = append(cs.names, cs.toks[i].text)
	}
	return cs.names[k0:len(cs.names):len(cs.names)] // full: an append copies
}

// surnameAfterUnknownName reports whether the two-word run [a, b] is a given name the lexicon
// does not know and a surname that is also a role ("Carole King"): the first word is no place,
// demonym, modifier, organisation word, role or word never capitalised for a name.
func (cs *cast) surnameAfterUnknownName(a, b int) bool {
	t := &cs.toks[a]
	if b != a+1 || !cs.w.surnameRoles[cs.toks[b].low] || t.poss || !t.cap {
		return false
	}
	if t.is(lexStopCap) || t.is(lexDemonym) || t.is(lexModifier) || t.is(lexOrg) || t.is(lexRolePart) || t.is(lexHonorific) || cs.w.partyMembers[t.low] {
		return false
	}
	return !cs.isPlaceName(t.text)
}

// classifyName decides what the name [a, b] of m is: a person's or organisation's name, a role
// ("the President said", "Yellowhead MP"), an unnamed source ("another Democrat", "Officials"),
// or no name at all ("Democratic lawmakers", "the Obama administration"). ofOrg tells that the
// run holds an organisation word before "of".
func (cs *cast) classifyName(m mention, a, b int, ofOrg bool) mention {
	the := m.first > 0 && cs.toks[m.first-1].low == "the"
	if _, first := cs.toks[a].gender(); len(m.name) > 1 && cs.toks[b].is(lexRole) && !ofOrg && !first && !cs.surnameAfterUnknownName(a, b) {
		// "Yellowhead MP", not "Peter King" nor "Carole King"
		return mention{kind: mentionRole, role: []string{cs.toks[b].low}, first: m.first, pos: m.pos}
	}
	if len(m.name) == 1 && cs.w.bareOrgs[cs.toks[b].low] {
		// "the Administration said", "Administration officials", "the Bureau of …": a common
		// noun capitalised names no organisation by itself; as a role it stands for the one
		// named before, or for no one
		return mention{kind: mentionRole, role: []string{cs.toks[b].low}, first: m.first, pos: m.pos}
	}
	if len(m.name) == 1 && cs.toks[b].is(lexRole) && (the || m.first > 0 && (cs.toks[m.first-1].is(lexDeterminer) || cs.toks[m.first-1].is(lexDemonym) && cs.toks[m.first-1].cap) || cs.w.titleOnly[cs.toks[b].low]) {
		// "the President said", "Secretary said": a title alone names no one; "another
		// Democrat said" is an unnamed source
		kind := mentionRole
		if m.first > 0 && cs.toks[m.first-1].is(lexUnnamedDet) {
			kind = mentionUnnamed
		}
		return mention{kind: kind, role: []string{cs.toks[b].low}, first: m.first, pos: m.pos}
	}
	_, given := cs.toks[a].gender()
	person := given && b > a // "the Larry Ellison appraisal": a person's full name all the same
	// "Cuban said" after Mark Cuban: a demonym that is the surname of a person named in full
	surname := a == b && !cs.modifierRun(b) && cs.knownSurname(cs.toks[a].text)
	if a == b && !surname && cs.modifierRun(b) && (!the && (cs.toks[a].is(lexModifier) || cs.toks[a].is(lexDemonym)) || cs.isPlaceRun(a, b)) {
		// "Democratic lawmakers said", "a Liberal source said", "the U.S. economy cooled …,
		// suggesting": an adjective or a country before the noun it qualifies, no name
		return mention{}
	}
	if the && !person && !cs.isOrgRun(a, b) && cs.modifierRun(b) {
		return mention{} // "the Obama administration", "the Democratic state senator": no name
	}
	m.org = the && !person || cs.isOrgRun(a, b) || cs.isPlaceRun(a, b) || cs.w.seats[strings.ToLower(strings.Join(m.name, " "))]
	if len(m.name) == 1 && !surname && m.hon == "" && (cs.w.groups[cs.toks[a].low] || cs.w.demonyms[strings.TrimSuffix(cs.toks[a].low, "s")]) {
		// "Officials said", "Americans say": a group, not a name
		return mention{kind: mentionUnnamed, first: m.first, pos: m.pos}
	}
	return m
}

// knownSurname reports whether w is the last name of a person the article has named in full:
// "May" after Anne May, "March" after Alan March, though the words are common ones.
func (cs *cast) knownSurname(w string) bool {
	for _, e := range cs.ents {
		if !e.org && len(e.name) >= 2 && e.name[len(e.name)-1] == w {
			return true
		}
	}
	return false
}

// positionalCap reports whether the one-word run at token i is a common word rather than a
// name, and then the mention it makes: a plural role ("Ministers say", "MPs have said") and a
// plural capitalised only as a sentence's first word ("Commentators say") are unnamed sources;
// a word capitalised only there that reads as a common word (a participle, an adverb, a
// preposition, an abstract noun, or a word the article also writes in lower case: "Having said
// that", "Separately", "Speculation suggests") names no one. A surname the article names only
// at the start of sentences ("Hitler said") stays a name. The search for the word in lower
// case is left to subjects (inPhrase false), as it costs a pass over the text.
func (cs *cast) positionalCap(i int, inPhrase bool) (int, bool) {
	t := &cs.toks[i]
	if !t.cap || t.is(lexGiven|lexOrg) {
		return 0, false
	}
	n := len(t.low)
	plural := n >= 3 && t.low[n-1] == 's' && t.low[n-2] != 's' && t.low[n-2] != 'u' && t.low[n-2] != '\''
	if plural && cs.knownSurname(t.text) {
		return 0, false // "Sanders said" after Bernie Sanders: a surname, not a plural
	}
	if plural && cs.w.flags(t.low[:n-1])&lexRole != 0 {
		return mentionUnnamed, true
	}
	if cs.midSentence(i) || t.is(lexRole) || cs.capitalisedMidSentence(t.low) {
		return 0, false // the capital marks a name
	}
	if cs.w.groups[t.low] || hasInnerUpper(t.text) {
		return 0, false // "People say" is read as a group below; "NetRatings", "OVD-Info"
	}
	if plural && n > 3 {
		return mentionUnnamed, true
	}
	// a word with a common word's ending that stands right before a reporting verb is its
	// subject, a name: "Boeing said"
	suffix := (!cs.verb(i+1) || t.low == "having" || t.low == "being") && (strings.HasSuffix(t.low, "ing") || strings.HasSuffix(t.low, "ly") ||
		strings.HasSuffix(t.low, "tion") || strings.HasSuffix(t.low, "ment") || strings.HasSuffix(t.low, "ness"))
	if suffix || cs.w.adverbs[t.low] || t.is(lexPreposition) || !inPhrase && cs.lowerElsewhere(t.low) {
		return mentionNone, true
	}
	return 0, false
}

// isWordByte reports whether b is an ASCII letter or digit, or part of a multi-byte rune.
func isWordByte(b byte) bool {
	return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b >= 0x80
}

// hasInnerUpper reports whether s has an upper-case ASCII letter after its first byte: "MPs",
// "OVD-Info", "eBay".
func hasInnerUpper(s string) bool {
	for i := 1; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

// isPartyTag reports whether w is a party and state tag written after a US politician's
// name: "R-Texas", "D-Calif.", "I-Vt.".
func isPartyTag(w string) bool {
	return len(w) > 3 && (w[0] == 'R' || w[0] == 'D' || w[0] == 'I') && w[1] == '-' && 'A' <= w[2] && w[2] <= 'Z'
}

// mentionRight reads a speaker mention that follows a reporting verb, in tokens [i, hi):
// "said Jane Roe", "said the Russian president", "said White House press secretary Jane Roe".
func (cs *cast) mentionRight(i, hi int) mention {
	if i >= hi || i >= len(cs.toks) {
		return mention{}
	}
	t := &cs.toks[i]
	if t.quote >= 0 {
		return mention{}
	}
	if g, ok := isPronoun(t.low); ok {
		return mention{kind: mentionPronoun, gender: g, first: i, pos: i}
	}
	e := i
	for e+1 < hi && e < i+10 && cs.toks[e+1].word && cs.toks[e+1].quote < 0 {
		e++
	}
	if m := cs.informedSource(i, e); m.kind != mentionNone {
		return m // "said people familiar with the talks"
	}
	for c := i + 1; c < hi && c <= i+4; c++ {
		// "said the two leaders, Jane Roe and Ann Poe": a lower-case role phrase, then the names
		if t := &cs.toks[c]; !t.word || t.cap || t.quote >= 0 {
			if t.low == "," {
				if m := cs.namedAfterRole(c-1, hi); m.kind == mentionName {
					return m
				}
			}
			break
		}
	}
	if m := cs.namedAfterRolePhrase(i, hi); m.kind == mentionName {
		return m
	}
	desc := cs.descriptorRun(i, hi)
	j := i
	for j < hi && j < i+10 {
		tj := &cs.toks[j]
		if !tj.word || tj.quote >= 0 {
			break
		}
		ok := j < desc || cs.nameTok(j) || tj.is(lexRole) || tj.is(lexModifier) || (j == i && (tj.is(lexDeterminer) || tj.is(lexUnnamedDet))) || (j > i && (tj.low == "of" || tj.low == "for")) ||
			j > i && (cs.w.persons[tj.low] || isAgeWord(tj.low)) && cs.toks[j-1].is(lexDeterminer) || // "says a narrator", "said the 62-year-old"
			j == i+1 && tj.poss && !tj.cap && cs.toks[i].is(lexDeterminer) && j+1 < hi && !cs.toks[j+1].cap && (cs.personNoun(j+1) || cs.w.personNounEnding(cs.toks[j+1].low)) || // "says the ad's narrator"
			j > i && !tj.cap && !cs.toks[j-1].cap && cs.w.personNounEnding(tj.low) && (j+1 >= hi || !cs.toks[j+1].word) // "said several observers."
		if !ok && !tj.cap && j > i && !tj.is(lexFunction) && j+1 < hi && (cs.nameTok(j+1) || (j+2 < hi && !cs.toks[j+1].cap && cs.nameTok(j+2))) {
			ok = true // a descriptor before the name: "says Cambridge cartoonist Jane Roe"
		}
		if !ok {
			break
		}
		j++
		if tj.poss && !(j < hi && (cs.nameTok(j) || cs.toks[j].is(lexRole) || cs.toks[j].is(lexModifier))) {
			if j < hi && cs.toks[j].word && !cs.toks[j].cap {
				if m := cs.namedAfterRole(j, hi); m.kind == mentionName {
					return m // "says Jane Roe's partner, John Doe."
				}
				return mention{kind: mentionUnnamed, first: i, pos: j}
			}
			break
		}
	}
	for j > i+1 && (cs.toks[j-1].low == "of" || cs.toks[j-1].low == "for") {
		j-- // "said Jane Roe of the union": the phrase after the name is no part of it
	}
	if j == i {
		return mention{}
	}
	if m, ok := cs.orgNameRight(i, j, hi); ok {
		return m // "according to the National Institute on Water Safety"
	}
	// the trailing capitalised run is the name
	b := j - 1
	if !cs.nameTok(b) && j < hi && cs.toks[j].low == "," {
		if m := cs.namedAfterRole(b, hi); m.kind == mentionName {
			return m // "says Jane Roe's partner, John Doe."
		}
	}
	if cs.nameTok(b) {
		a := b
		for a-1 >= i && cs.nameTok(a-1) && !cs.toks[a-1].is(lexRole) && !cs.toks[a-1].poss && !cs.capitalPluralRole(a-1) {
			a--
		}
		if a-2 >= i && cs.toks[a-1].low == "of" && (cs.w.kin[cs.toks[a-2].low] || cs.w.persons[cs.toks[a-2].low]) {
			return mention{kind: mentionUnnamed, first: i, pos: b} // "said a friend of Jane Roe": the friend
		}
		for a-2 >= i && (cs.toks[a-1].low == "of" || orgJoin(cs.toks[a-1].low)) && cs.nameTok(a-2) && cs.toks[a-2].is(lexOrg) {
			a -= 2 // "the province's Department of Community Services"
			for a-1 >= i && cs.nameTok(a-1) && !cs.toks[a-1].is(lexRole) && !cs.toks[a-1].poss {
				a--
			}
		}
		if a-3 >= i && cs.toks[a-1].low == "of" && cs.nameTok(a-2) && !cs.toks[a-2].is(lexOrg) && (cs.toks[a-3].is(lexGiven) || a-4 >= i && cs.toks[a-4].is(lexGiven) || cs.isPlaceName(cs.text(int(cs.toks[a].start), int(cs.toks[b].end)))) {
			// "said Sen. Jane Roe of Oregon": the person, from the place
			b = a - 2
			for a = b; a-1 >= i && cs.nameTok(a-1) && !cs.toks[a-1].is(lexRole) && !cs.toks[a-1].poss; a-- {
			}
		}
		if a-2 >= i && orgJoin(cs.toks[a-1].low) && cs.toks[a-2].is(lexRolePart) && !cs.isOrgRun(a, b) {
			if m := cs.titleOfRun(a-2, a, b, i); m.kind == mentionName {
				return cs.pairRight(m, j, hi) // "said Commissioner for Energy Jane Roe"
			}
		}
		m := cs.nameMention(a, b, true)
		if m.kind == mentionName {
			if a > i && m.title == "" {
				s := i
				if cs.toks[s].is(lexDeterminer) {
					s++
				}
				if s < a {
					m.title = cs.text(int(cs.toks[s].start), int(cs.toks[a-1].end))
					m.title = strings.TrimSuffix(strings.TrimSuffix(m.title, "'s"), "’s")
				}
			}
			if m.title == "" && j < len(cs.toks) && cs.toks[j].low == "," {
				e := j + 1
				for e < len(cs.toks) && e < j+12 && cs.toks[e].low != "," && cs.toks[e].low != "." && cs.toks[e].sent == cs.toks[j].sent {
					e++
				}
				m.title = cs.appositiveTitle(j+1, e)
			}
			return cs.pairRight(m, j, hi)
		}
	}
	return cs.nounPhraseRight(i, j)
}

// isPersonWord reports whether t is a noun for what a person is or does: a role in the lexicon
// ("strategist"), a person noun ("resident"), or a word for a trade ("worker", "economist").
func isPersonWord(w *speakerWords, t *token) bool {
	if t.is(lexRole) || w.persons[t.low] {
		return true
	}
	for _, suf := range []string{"er", "or", "ist", "ian", "ant", "ent"} {
		if len(t.low) > len(suf)+2 && strings.HasSuffix(t.low, suf) {
			return true
		}
	}
	return false
}

// isNationalBody reports whether the two words of name end in the body of a state that
// nationalBody reads after a demonym: "Canadian government".
func (w *speakerWords) isNationalBody(name []string) bool {
	return len(name) == 2 && w.has(strings.ToLower(name[1]), lexNationalBody)
}

// read fills cs with the prose of body and the names it holds, in the buffers of sc.
func (cs *cast) read(body string, w *speakerWords, gaz *geo.Gazetteer, sc *docScratch) {
	cs.prose.read(body, w, sc)
	cs.gaz, cs.names = gaz, sc.slab[:0]
	sc.runs = cs.collectEntities(sc.runs)
	sc.slab = cs.names // the last slab; names read later get room of their own
	cs.aliases = map[string]*entity{}
	cs.collectAcronyms()
}

// collectEntities records the people and organisations named in the body outside quotes, and
// every later mention of them, for resolving surnames, roles and pronouns. runs is scratch
// space, returned for reuse.
func (cs *cast) collectEntities(runs []mention) []mention {
	runs = runs[:0]
	for i := 0; i < len(cs.toks); {
		if !cs.toks[i].cap || !cs.nameTok(i) || cs.titleCase[int(cs.toks[i].para)] {
			i++
			continue
		}
		j := i
		for j+1 < len(cs.toks) && cs.nameTok(j+1) && !cs.toks[j].poss && cs.toks[j+1].sent == cs.toks[j].sent {
			j++
		}
		if j+1 < len(cs.toks) && cs.toks[j+1].low == ":" && cs.capsLabel(i, j) {
			i = j + 1 // "MARKET WATCH: …" labels a paragraph and names no one
			continue
		}
		for i < j && cs.capitalPluralRole(i) {
			i++ // "Senators Jane Roe and John Doe": the plural title names no one
		}
		credit := (j+1 < len(cs.toks) && cs.toks[j+1].low == "/") || (i > 0 && cs.toks[i-1].low == "/")
		j = cs.orgOfEnd(j)
		m := cs.nameMention(i, j, true)
		if e2 := cs.andOrgEnd(i, j); e2 > j {
			// "the Securities and Exchange Commission": one organisation
			if r := cs.nameMention(j+2, e2, true); m.kind == mentionName && r.kind == mentionName {
				m = orgNamedWithAnd([]mention{m, r}, e2)
				j = e2
			}
		}
		if i >= 2 && (cs.toks[i-1].low == "of" || orgJoin(cs.toks[i-1].low)) && cs.nameTok(i-2) && cs.toks[i-2].is(lexRolePart) && !cs.isOrgRun(i, j) {
			m = cs.titleOfRun(i-2, i, j, 0) // "Secretary of State Rex Tillerson", "Minister for Trade Jane Roe"
		} else if i >= 3 && j-i >= 2 && cs.toks[i-1].low == "the" && cs.toks[i-2].low == "of" && cs.nameTok(i-3) && cs.toks[i-3].is(lexRolePart) && !cs.toks[i-3].is(lexOrg) {
			m = cs.titleOfRun(i-3, i, j, 0) // "Speaker of the House Jane Roe"
		}
		if m.kind == mentionName && !credit {
			runs = append(runs, m)
		}
		i = j + 1
	}
	byKey := make(map[string]*entity, len(runs))
	keys := make([]string, len(runs))
	for i, m := range runs {
		keys[i] = m.key
		if keys[i] == "" {
			keys[i] = nameKey(m.name)
		}
		if len(m.name) < 2 {
			continue
		}
		key := keys[i]
		e := byKey[key]
		if e == nil && (len(m.name) == 2 || cs.w.has(strings.ToLower(m.name[0]), lexParticle)) && !m.org {
			for _, o := range cs.ents {
				if len(o.name) == 2 && len(m.name) == 2 && !o.org && strings.EqualFold(o.name[1], m.name[1]) && isShortForm(m.name[0], o.name[0]) ||
					len(o.name) > len(m.name) && !o.org && hasSuffixFold(o.name, m.name) {
					// "Xander Wise" after Alexander Wise, "Al Hashish" after Fouzia Al Hashish,
					// "Van der Berg" after Pieter van der Berg
					e = o
					byKey[key] = e
					break
				}
			}
		}
		if e == nil {
			e = &entity{key: key, name: m.name, org: m.org, first: m.first}
			byKey[key] = e
			cs.ents = append(cs.ents, e)
		}
		if e.title == "" {
			e.title = m.title
		}
		if e.gender == 0 && genderFits(m, e) {
			e.gender = m.gender
		}
	}
	for i, m := range runs {
		e := byKey[keys[i]]
		if e == nil {
			e = cs.lookupKey(m.name, keys[i], m.first)
		}
		if e == nil && !m.org && len(m.name) == 1 {
			if full := knownFigure(m); full != nil {
				e = cs.entityFor(full, m.first) // "President Trump" in an article that never says Donald
				e.org = false
				if e.title == "" {
					e.title = m.title
				}
			}
		}
		if e == nil {
			if !m.org && len(m.name) == 1 && !cs.introducesMononym(m) {
				continue
			}
			e = &entity{key: keys[i], name: m.name, org: m.org, first: m.first, title: m.title, gender: m.gender}
			cs.ents = append(cs.ents, e)
		}
		if e.gender == 0 && m.gender != 0 && genderFits(m, e) {
			e.gender = m.gender
		}
		obj := cs.toks[m.pos].poss || m.first > 0 && cs.toks[m.first-1].is(lexPreposition) || cs.inPrepPhrase(m.first)
		cs.mentions = append(cs.mentions, entMention{pos: m.pos, e: e, obj: obj})
	}
	cs.inferGender()
	return runs[:0]
}

// inPrepPhrase reports whether the name that starts at token a ends a phrase that a preposition
// opens, past other names joined by "and" and a few lower-case words before them: "with radio
// hosts Mara Quist and Jane Roe". Such a name is no subject.
func (cs *cast) inPrepPhrase(a int) bool {
	lo := cs.sentStart[cs.toks[a].sent]
	lower := 0
	for k := a - 1; k >= lo && k >= a-10; k-- {
		t := &cs.toks[k]
		switch {
		case t.is(lexPreposition):
			return k < a-1
		case t.quote >= 0 || t.poss || !t.word:
			return false
		case t.low == "and" || cs.nameTok(k):
		case !t.cap && !t.is(lexFunction) && !t.is(lexDeterminer) && !cs.verb(k) && lower < 3:
			lower++
		default:
			return false
		}
	}
	return false
}

// introducesMononym reports whether the one-word name m opens its sentence with an
// appositive that says who the person is, as people known by one name are introduced:
// "Yuni, a resident of the port, was at home when …", "Wanjiru, 34, said …".
func (cs *cast) introducesMononym(m mention) bool {
	i := m.first
	if i != m.pos || i+3 >= len(cs.toks) || i != cs.sentStart[cs.toks[i].sent] || cs.toks[i+1].low != "," {
		return false
	}
	t := &cs.toks[i]
	if t.is(lexStopCap|lexRole|lexDemonym|lexOrg) || isUpperString(t.text) || cs.isPlaceName(t.text) {
		return false
	}
	n := &cs.toks[i+2]
	return n.low == "a" || n.low == "an" || startsWithDigit(n.low) && cs.toks[i+3].low == ","
}

// genderFits reports whether the gender of mention m can be the gender of e: the mention
// starts with e's first name, or has an honorific or a title. "Al Hashish" for Fouzia Al
// Hashish has the gender of the given name "Al", which is not hers.
func genderFits(m mention, e *entity) bool {
	return len(m.name) == 0 || len(e.name) == 0 || foldEqual(m.name[0], e.name[0]) || m.hon != "" || m.title != ""
}

// inferGender gives a gender to people the first-name list does not know, from the sentence
// after the one they open: "Whitfield, a former school board chair, has proposed … She told
// the crowd …". Each such mention votes with the he or she that opens the next sentence.
func (cs *cast) inferGender() {
	votes := map[*entity][2]int{}
	for _, mn := range cs.mentions {
		if mn.e.org || mn.e.gender != 0 {
			continue
		}
		if !cs.opensSentence(mn.pos) {
			continue
		}
		next := cs.laterPronoun(mn.pos)
		if next == nil || next.para > cs.toks[mn.pos].para+1 {
			continue
		}
		v := votes[mn.e]
		switch next.low {
		case "he":
			v[0]++
		case "she":
			v[1]++
		}
		votes[mn.e] = v
	}
	for e, v := range votes {
		switch {
		case v[0] > 0 && v[1] == 0:
			e.gender = 'm'
		case v[1] > 0 && v[0] == 0:
			e.gender = 'f'
		}
	}
}

// lookup finds the entity a name refers to: the same full name, or the full name whose surname
// (or, for organisations, whose last word) the name is, nearest before pos.
func (cs *cast) lookup(name []string, pos int) *entity {
	return cs.lookupKey(name, nameKey(name), pos)
}

// lookupKey is lookup with the name's key given.
func (cs *cast) lookupKey(name []string, key string, pos int) *entity {
	if len(name) == 1 {
		if e := cs.aliases[key]; e != nil {
			return e
		}
		if e := cs.acronymBefore(name[0], key); e != nil {
			return e
		}
	}
	var best, byFirst *entity
	last, first := name[len(name)-1], name[0]
	if len(name) == 2 && strings.EqualFold(first, "Lord") {
		// "Lord Roe" is John Roe when the article gives the peer's own name
		for _, e := range cs.ents {
			if !e.org && len(e.name) > 1 && !strings.EqualFold(e.name[0], first) && strings.EqualFold(e.name[len(e.name)-1], last) {
				return e
			}
		}
	}
	for _, e := range cs.ents {
		if e.key == "" {
			e.key = nameKey(e.name)
		}
		if e.key == key {
			return e
		}
		if !foldEqual(e.name[len(e.name)-1], last) && (len(name) > 1 || !foldEqual(e.name[0], first)) {
			continue // every test below needs the same last word, or the same first word
		}
		if len(name) == 1 && len(e.name) > 1 && strings.EqualFold(e.name[len(e.name)-1], name[0]) && !(e.org && cs.isPlaceName(name[0])) &&
			!(e.org && len(e.name) > 2 && e.name[len(e.name)-2] == "of") { // "Justice" is no "Ministry of Justice"
			// several people share the surname: the one quoted already, else the one named
			// first ("Greenspan" is Dorie Greenspan, not her husband Michael named later)
			if best == nil || (e.first <= pos && (best.first > pos || !cs.hasSpoken(best) && (cs.hasSpoken(e) || e.first < best.first))) {
				best = e
			}
		}
		if len(name) > 1 && len(e.name) > len(name) && strings.EqualFold(e.name[len(e.name)-1], name[len(name)-1]) &&
			(strings.EqualFold(e.name[0], name[0]) || hasSuffixFold(e.name, name)) {
			best = e // "Jane Roe" for Jane Q. Roe, "Al Hashish" for Fouzia Al Hashish
		}
		if len(name) == 2 && len(e.name) == 2 && best == nil && strings.EqualFold(e.name[1], name[1]) && isShortForm(name[0], e.name[0]) {
			best = e // "Xander Wise" for Alexander Wise, "Alex Roe" for Alexandra Roe
		}
		// "Brightwater" for Brightwater Systems, "Hua" for Hua Chunying, "Jayme" for Jayme Closs
		if len(name) == 1 && len(e.name) > 1 && e.first <= pos && strings.EqualFold(e.name[0], name[0]) && byFirst == nil {
			byFirst = e
		}
	}
	if best == nil {
		best = byFirst
	}
	if best == nil && len(name) == 1 && cs.w.flags(strings.ToLower(name[0]))&lexGiven == 0 {
		best = cs.paternalSurname(name[0], pos)
	}
	return best
}

// paternalSurname returns the person named before token pos whose name has a given name and two
// surnames, the first of them w: "Echeverría said" after Ximena Echeverría Lozano (Spanish and
// Portuguese names put the father's surname first and are cut to it).
func (cs *cast) paternalSurname(w string, pos int) *entity {
	for _, e := range cs.ents {
		if n := len(e.name); !e.org && n == 3 && e.first <= pos && foldEqual(e.name[1], w) &&
			cs.w.flags(strings.ToLower(e.name[0]))&lexGiven != 0 {
			return e
		}
	}
	return nil
}

// foldEqual is strings.EqualFold with a quick answer for words whose first letters are
// different ASCII letters.
func foldEqual(a, b string) bool {
	if a == "" || b == "" {
		return a == b
	}
	if x, y := a[0]|0x20, b[0]|0x20; a[0] < utf8.RuneSelf && b[0] < utf8.RuneSelf && x != y {
		return false
	}
	return strings.EqualFold(a, b)
}

// nameKey returns the lower-cased words of name joined by spaces: the key of an entity.
func nameKey(name []string) string {
	if len(name) == 1 {
		return strings.ToLower(name[0])
	}
	return strings.ToLower(strings.Join(name, " "))
}

// hasSpoken reports whether e has been resolved as the speaker of a quote.
func (cs *cast) hasSpoken(e *entity) bool {
	for _, sp := range cs.spoke {
		if sp.e == e {
			return true
		}
	}
	return false
}

// resolved is a mention turned into a speaker identity.
type resolved struct {
	name, title, kind string
}

func (cs *cast) resolve(m mention) (resolved, bool) {
	r, e, ok := cs.resolveEntity(m)
	if ok && e != nil && !e.org {
		cs.spoke = append(cs.spoke, entMention{pos: m.pos, e: e})
	}
	if ok && e != nil && e.org {
		cs.spokeOrg = append(cs.spokeOrg, entMention{pos: m.pos, e: e})
	}
	return r, ok
}

func (cs *cast) resolveEntity(m mention) (resolved, *entity, bool) {
	switch m.kind {
	case mentionName:
		if len(m.pair) == 2 {
			// "Jane Roe and John Doe said": one speaker, as the article names the pair
			l, _, _ := cs.resolveEntity(m.pair[0])
			r, _, _ := cs.resolveEntity(m.pair[1])
			return resolved{name: l.name + " and " + r.name, kind: news.KindPerson}, nil, true
		}
		name := m.name
		title := m.title
		kind := news.KindPerson
		if m.org {
			kind = news.KindOrganization
		}
		var e *entity
		if !m.fresh {
			e = cs.lookup(m.name, m.pos)
		}
		if full := knownFigure(m); full != nil && (e == nil || len(e.name) > 1 && !foldEqual(e.name[len(e.name)-1], m.name[0])) {
			// "McConnell said" is Mitch McConnell, not the "McConnell Wagon" the article also names: a
			// known figure's surname beats a name that only starts with it
			e = cs.entityFor(full, m.first)
			e.org = false
		}
		if pl, capital, ok := cs.placeSpeaker(name, e); ok {
			if !capital {
				return resolved{}, nil, false // "Nova Scotia added …": no source the annotators count
			}
			return resolved{name: pl, kind: news.KindOrganization}, nil, true // "Beijing said"
		}
		if e != nil {
			// The entity's kind wins over the mention's: "Jordan said", a country's name, is
			// Rep. Jim Jordan, a person, when the article named him before.
			name = e.name
			if title == "" {
				title = e.title
			}
			kind = news.KindPerson
			if e.org {
				kind = news.KindOrganization
			}
		} else {
			e = &entity{name: m.name, org: m.org, gender: m.gender, title: m.title, first: m.first}
			cs.ents = append(cs.ents, e)
		}
		return resolved{name: strings.Join(name, " "), title: title, kind: kind}, e, true
	case mentionPronoun:
		if m.gender == pronounThey {
			return resolved{}, nil, false
		}
		if m.gender == pronounIt {
			// the organisation that is the subject of this sentence or the one before
			// ("Acme Corp. cut its forecast. It said …"), else the one quoted last
			e := cs.subjectOrg(m.pos, true)
			if e == nil {
				e = cs.recentOrg(m.pos)
			}
			if e == nil {
				return resolved{}, nil, false
			}
			return resolved{name: strings.Join(e.name, " "), title: e.title, kind: news.KindOrganization}, e, true
		}
		e := cs.pronoun(m.pos, m.gender)
		if e == nil {
			return resolved{}, nil, false
		}
		return resolved{name: strings.Join(e.name, " "), title: e.title, kind: news.KindPerson}, e, true
	case mentionUnnamed:
		e := cs.unnamedReferent(m)
		if e == nil {
			return resolved{}, nil, false
		}
		kind := news.KindPerson
		if e.org {
			kind = news.KindOrganization
		}
		return resolved{name: strings.Join(e.name, " "), title: e.title, kind: kind}, e, true
	case mentionRole:
		e := cs.role(m.role, m.pos)
		if e == nil {
			return resolved{}, nil, false
		}
		kind := news.KindPerson
		if e.org {
			kind = news.KindOrganization
		}
		return resolved{name: strings.Join(e.name, " "), title: e.title, kind: kind}, e, true
	}
	return resolved{}, nil, false
}

// pronoun resolves he/she at token pos. It weighs the most recent person of that gender named
// before pos against the most recent earlier speaker whose gender fits (or is unknown), and takes
// the later of the two; a person of unknown gender is the last resort.
func (cs *cast) pronoun(pos int, g byte) *entity {
	var named, fallback, object *entity
	namedPos, objectPos, fallbackPos := -1, -1, -1
	// "Asked what he would tell Mayor Jane Roe, he said": a sentence that opens with "Asked"
	// names the one asked only by the pronoun; the names in it are objects
	sent := cs.toks[pos].sent
	asked := cs.toks[cs.sentStart[sent]].low == "asked"
	for i := len(cs.mentions) - 1; i >= 0; i-- {
		mn := cs.mentions[i]
		if mn.pos >= pos {
			continue
		}
		if pos-mn.pos > 800 {
			break
		}
		e := mn.e
		if e.org || len(e.name) < 2 && e.gender == 0 {
			continue // a one-word name only when its gender is known: "Yuni, a resident of …"
		}
		if e.gender == g && (mn.obj || asked && cs.toks[mn.pos].sent == sent) {
			if object == nil {
				object, objectPos = e, mn.pos // "for Victor Rask": only if no subject fits
			}
			continue
		}
		if e.gender == g {
			named, namedPos = e, mn.pos
			if cs.toks[mn.pos].sent != cs.toks[pos].sent {
				// a pronoun that opens a later sentence stands for the subject of the one
				// before rather than its object: "Roe did not rule out meeting Doe. But he
				// said …" is Roe
				lo := cs.sentStart[cs.toks[mn.pos].sent]
				for k := i - 1; k >= 0 && cs.mentions[k].pos >= lo; k-- {
					if s := cs.mentions[k]; !s.obj && s.e.gender == g && !s.e.org && s.e != e && cs.opensSentence(s.pos) {
						named, namedPos = s.e, s.pos
					}
				}
			}
			break
		}
		if e.gender == 0 && fallback == nil && !mn.obj {
			fallback, fallbackPos = e, mn.pos
		}
	}
	if named == nil && object != nil && (fallback == nil || fallbackPos < cs.sentStart[cs.toks[objectPos].sent]) {
		// a person of the pronoun's gender named after a preposition, unless a subject of
		// unknown gender stands in the same sentence or later
		named, namedPos = object, objectPos
	}
	for i := len(cs.spoke) - 1; i >= 0; i-- {
		sp := cs.spoke[i]
		if sp.pos >= pos || sp.e.org {
			continue
		}
		if sp.e.gender == g || sp.e.gender == 0 {
			// the speaker of the sentence that names the other person after its subject: "Roe
			// said a talk between the council and Doe might help. “…,” she said."
			if sp.pos > namedPos || namedPos >= 0 && cs.toks[sp.pos].sent == cs.toks[namedPos].sent && sp.e != named {
				named = sp.e
			}
			break
		}
	}
	if named == nil {
		named = fallback
	}
	if named != nil && named.gender == 0 {
		named.gender = g
	}
	return named
}

// role resolves "the Russian president" or "the ministry" to the entity whose title (or, for
// organisations, whose name) holds every word of the role, the most recent before pos first.
func (cs *cast) role(words []string, pos int) *entity {
	orgHead := len(words) > 0 && cs.w.genericOrgs[words[len(words)-1]]
	firm := len(words) > 0 && (words[len(words)-1] == "company" || words[len(words)-1] == "firm")
	fits := func(e *entity) bool {
		if orgHead && !e.org {
			return false // "the bank said" is no European Central Bank President
		}
		if firm && !cs.companyName(e) {
			return false // "the company said" is no Securities and Exchange Commission
		}
		if head := words[len(words)-1]; cs.w.partyMembers[head] {
			// "the Wisconsin Republican" is neither the Republican Party nor a Republican
			// National Committee Chairman
			f := strings.Fields(e.title)
			if e.org || len(f) == 0 || !roleWordIs(f[len(f)-1], head) {
				return false
			}
		}
		for _, w := range words {
			if e.org && !slices.ContainsFunc(e.name, func(h string) bool { return roleWordIs(h, w) }) ||
				!e.org && !fieldsContain(e.title, w) {
				return false
			}
		}
		return true
	}
	for i := len(cs.mentions) - 1; i >= 0; i-- {
		if cs.mentions[i].pos < pos && fits(cs.mentions[i].e) {
			return cs.mentions[i].e
		}
	}
	for _, e := range cs.ents {
		if fits(e) {
			return e
		}
	}
	if orgHead {
		// "the company said": the organisation that is the subject of this sentence or the
		// one before, else the one quoted last, or named last, nearby; "the agency" is not
		// the Canadian government quoted before
		if e := cs.subjectOrg(pos, false); e != nil && (!firm || cs.companyName(e)) {
			return e
		}
		if e := cs.recentOrg(pos); e != nil && !(cs.w.isNationalBody(e.name) && !strings.EqualFold(e.name[1], words[len(words)-1])) && (!firm || cs.companyName(e)) {
			return e
		}
		if e := cs.namedOrg(pos); e != nil && (!firm || cs.companyName(e)) {
			return e
		}

	}
	if len(words) > 0 && isAgeWord(words[len(words)-1]) {
		return cs.recentPerson(pos) // "the 62-year-old said": the person just quoted or named
	}
	if len(words) > 0 && cs.w.roles[words[len(words)-1]] && !cs.w.orgWords[words[len(words)-1]] {
		if cs.unnamedBefore(words[len(words)-1], pos) {
			return nil // "a justice official said …" and then "the official said": no one named
		}
		// "the New York businessman said", "the mayor said" when no title says so: the
		// person quoted last, or else the person named last, nearby
		return cs.recentPerson(pos)
	}
	return nil
}

// recentOrg returns the organisation quoted last before token pos, within 800 tokens.
// namedOrg returns the organisation named last before token pos, a few words before in the
// same paragraph or the one before: an entity known to be one, or a name that reads like no
// person's (no given name, no title, no gender: "Harbourline Energy"), which "the company"
// then shows to be one.
func (cs *cast) namedOrg(pos int) *entity {
	for i := len(cs.mentions) - 1; i >= 0; i-- {
		mn := cs.mentions[i]
		if mn.pos >= pos {
			continue
		}
		if pos-mn.pos > 60 || cs.toks[pos].para-cs.toks[mn.pos].para > 1 {
			break
		}
		e := mn.e
		if e.org {
			return e
		}
		if !cs.noPersonName(e) || cs.isPlaceName(strings.Join(e.name, " ")) {
			continue
		}
		e.org = true
		return e
	}
	return nil
}

// subjectOrg returns the organisation that is the subject of the sentence of token pos or of
// the one before it, for "it" when no organisation was quoted: "Acme Corp. cut its forecast.
// It said …". A place is no such subject ("Lake Ida was flooded. It said …" is someone else).
// With guess, a name that reads like no person's (no title, gender or given name) and that
// spoke counts as an organisation ("Harlow Brewing said …. It also said …"); "the utility"
// asks for a known one.
func (cs *cast) subjectOrg(pos int, guess bool) *entity {
	sent := cs.toks[pos].sent
	for i := len(cs.mentions) - 1; i >= 0; i-- {
		mn := cs.mentions[i]
		if mn.pos >= pos {
			continue
		}
		if s := cs.toks[mn.pos].sent; s+1 < sent {
			break
		}
		e := mn.e
		if mn.obj || !cs.opensSentence(mn.pos) || !e.org && !(guess && cs.noPersonName(e) && cs.hasSpoken(e)) {
			continue
		}
		// a known organisation unless it is a large place; a guess unless it is any place
		// (isPlaceName's places are among inGazetteer's)
		if name := strings.Join(e.name, " "); e.org && cs.isPlaceName(name) || !e.org && cs.inGazetteer(name) {
			continue
		}
		e.org = true // "Harlow Brewing said …. It also said …": a name no person has, that spoke
		return e
	}
	return nil
}

// noPersonName reports whether entity e's name reads like no person's: two words or more, no
// title, no gender, no given name first ("Harbourline Energy").
func (cs *cast) noPersonName(e *entity) bool {
	return e.title == "" && e.gender == 0 && len(e.name) >= 2 && cs.w.flags(strings.ToLower(e.name[0]))&(lexGiven|lexMale|lexFemale) == 0
}

func (cs *cast) recentOrg(pos int) *entity {
	for i := len(cs.spokeOrg) - 1; i >= 0; i-- {
		if mn := cs.spokeOrg[i]; mn.pos < pos && pos-mn.pos < 800 {
			return mn.e
		}
	}
	return nil
}

// unnamedReferent resolves a source that stands for someone named before: "The RCMP
// statement" (a name inside), "the agency" (the organisation quoted last), "her statement" (she). It returns nil for true unnamed sources ("an official").
func (cs *cast) unnamedReferent(m mention) *entity {
	if len(m.role) == 0 || m.first < 0 || m.pos >= len(cs.toks) {
		return nil
	}
	head := m.role[len(m.role)-1]
	for k := m.first + 1; k < m.pos; k++ {
		if t := &cs.toks[k]; cs.nameTok(k) && !t.is(lexDemonym) {
			if e := cs.lookup([]string{t.text}, k); e != nil && cs.w.documents[head] {
				return e // "The RCMP statement"
			}
		}
	}
	switch det := cs.toks[m.first].low; {
	case (det == "the" || det == "its") && cs.w.genericOrgs[head]:
		return cs.recentOrg(m.pos)
	case (det == "his" || det == "her") && cs.w.documents[head]:
		g := byte('m')
		if det == "her" {
			g = 'f'
		}
		return cs.pronoun(m.pos, g)
	}
	return nil
}

// recentPerson returns the person quoted last before token pos, or the person named last when
// that is nearer, within 400 tokens; or the subject that opens a sentence after that quote
// (sentenceOpener), rather than the people its verbs act on.
func (cs *cast) recentPerson(pos int) *entity {
	var best *entity
	bestPos := pos - 400
	for i := len(cs.spoke) - 1; i >= 0; i-- {
		if sp := cs.spoke[i]; sp.pos < pos && !sp.e.org && len(sp.e.name) > 1 {
			if sp.pos > bestPos {
				best, bestPos = sp.e, sp.pos
			}
			break
		}
	}
	for i := len(cs.mentions) - 1; i >= 0; i-- {
		if mn := cs.mentions[i]; mn.pos < pos && !mn.e.org && len(mn.e.name) > 1 && !mn.obj {
			if op, opPos := cs.sentenceOpener(i); mn.pos > bestPos+40 || opPos > bestPos && op != best {
				best = op // "“…,” Roe said. Jane Doe blasted Roe. “…,” the senator said" is Doe
			}
			break
		}
	}
	return best
}

// sentenceOpener returns the person named as the subject that opens the sentence of mention
// i, and where, or else the person of mention i and -1: "Jane Roe blasted Hask and defended
// John Doe" names Roe, then her objects, and "the senator said" after it is Roe. A sentence
// that opens with a clause ("As Keswater Academy reopened, …") or with a name that reads like
// no person's (noPersonName) opens with no such subject.
func (cs *cast) sentenceOpener(i int) (*entity, int) {
	mn := cs.mentions[i]
	lo := cs.sentStart[cs.toks[mn.pos].sent]
	for k := i; k >= 0 && cs.mentions[k].pos >= lo; k-- {
		if s := cs.mentions[k]; !s.obj && !s.e.org && !cs.noPersonName(s.e) && len(s.e.name) > 1 && cs.opensSentence(s.pos) && !cs.toks[lo].is(lexSubordinator) && !cs.toks[lo].is(lexPreposition) && cs.toks[lo].low != "as" {
			return s.e, s.pos
		}
	}
	return mn.e, -1
}

// isGenericOrgNoun reports whether low is a noun that stands for an organisation named
// before: "the company", "the union", "the Geneva-based nonprofit".
// nameBeforeOrgNoun reads "Xinhua news agency" and "Acme parent company", tokens [a, i]: a
// capitalised name before at most two lower-case words whose last is a noun for an
// organisation names that organisation.
func (cs *cast) nameBeforeOrgNoun(a, i int) (mention, bool) {
	head := &cs.toks[i]
	if head.cap || !(head.is(lexOrg) || cs.w.genericOrgs[head.low]) {
		return mention{}, false
	}
	b := i - 1
	for b >= a && b > i-3 && cs.toks[b].word && !cs.toks[b].cap {
		b--
	}
	if b < a || !cs.nameTok(b) || cs.toks[b].poss || b+1 < i && cs.toks[b+1].is(lexVerb) {
		return mention{}, false
	}
	s := b
	for s-1 >= a && cs.nameTok(s-1) && !cs.toks[s-1].poss {
		s--
	}
	if s > a && !cs.toks[s-1].is(lexDeterminer) {
		return mention{}, false
	}
	m := cs.nameMention(s, b, true)
	if m.kind != mentionName || len(m.pair) > 0 {
		return mention{}, false
	}
	m.org, m.title, m.pos = true, "", i
	return m, true
}

// roleWordIs reports whether the word h of a name or title, lower-cased and without a
// possessive, is the lower-case word w.
func roleWordIs(h, w string) bool {
	h = strings.TrimSuffix(strings.TrimSuffix(h, "'s"), "’s")
	if len(h) != len(w) {
		return !isASCII(h) && strings.ToLower(h) == w
	}
	for i := 0; i < len(h); i++ {
		c := h[i]
		if c >= utf8.RuneSelf {
			return strings.ToLower(h) == w
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != w[i] {
			return false
		}
	}
	return true
}

// fieldsContain reports whether a word of title is w (see roleWordIs).
func fieldsContain(title, w string) bool {
	for h := range strings.FieldsSeq(title) {
		if roleWordIs(h, w) {
			return true
		}
	}
	return false
}

// isCountWord reports whether low is a small number written as a word or in digits: "father of
// four", "mother of 3".
func isCountWord(low string) bool {
	switch low {
	case "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve":
		return true
	}
	return low != "" && startsWithDigit(low)
}

// isAgeWord reports whether low is an age written before a name: "twelve-year-old", "16-year-old".
func isAgeWord(low string) bool {
	return strings.HasSuffix(low, "-year-old") || strings.HasSuffix(low, "-month-old")
}

// hasSuffixFold reports whether the words of name end with the words of suffix, ignoring case.
func hasSuffixFold(name, suffix []string) bool {
	if len(suffix) > len(name) {
		return false
	}
	for i, w := range suffix {
		if !strings.EqualFold(name[len(name)-len(suffix)+i], w) {
			return false
		}
	}
	return true
}

// leadingNameAppositive reads the subject of a sentence that opens with a name followed by an
// appositive, however long, before the comma at comma that precedes the verb: "Jane Roe, 22, of
// Flint, Mich., said", "Similarly, Jane Roe, a former education secretary, said", "Jane Roe, an
// aide who ran the state for the campaign in 2008 and now runs it, said". An opening phrase of
// a few words before a comma may come first. The name is a person's.
func (cs *cast) leadingNameAppositive(comma, lo int) mention {
	k := lo
	for j := lo; j < comma && j < lo+5; j++ {
		if cs.toks[j].low == "," {
			if w := cs.toks[j-1].low; j > lo && (!cs.nameTok(j-1) || cs.toks[lo].is(lexPreposition) || j-1 == lo && (strings.HasSuffix(w, "ly") || cs.w.adverbs[w] || cs.w.has(w, lexWeekday))) {
				k = j + 1 // "Similarly,", "On Monday,", "In a statement,", "At Pine Hollow,"
			}
			break
		}
	}
	if k < comma && (cs.toks[k].quote >= 0 || !cs.toks[k].word) {
		return mention{}
	}
	e := k
	for e+1 < comma && cs.nameTok(e+1) && !cs.toks[e].poss {
		e++
	}
	if !cs.nameTok(k) || cs.toks[e].poss || e+1 >= comma || cs.toks[e+1].low != "," {
		return mention{}
	}
	for j := e + 1; j < comma; j++ {
		t := &cs.toks[j]
		if t.quote >= 0 || isQuoteMark(t.text) || t.low == ";" || cs.verb(j) && !cs.relativeBefore(j, e+1) {
			return mention{}
		}
	}
	m := cs.runLeft(e, k)
	if m.kind != mentionName || m.org || len(m.pair) > 0 || cs.isPlaceName(strings.Join(m.name, " ")) {
		return mention{}
	}
	if len(m.name) < 2 && cs.lookup(m.name, m.pos) == nil {
		return mention{}
	}
	if m.title == "" {
		m.title = cs.appositiveTitle(e+2, comma)
	}
	return m
}

// descriptorAppositive reads a person named between commas after a noun phrase that says who
// they are: "One of the survivors, Jane Roe, said", "A top donor, Boston lawyer Jane Roe, said",
// "Another resident, 80-year-old Jane Roe, said". comma is the comma before the verb. The
// stretch between the commas ends in a full name (or one the article gave before) and may open
// with descriptor words; neither stretch is a clause.
func (cs *cast) descriptorAppositive(comma, lo int) mention {
	p := comma - 1
	for p >= lo && p > comma-10 && cs.toks[p].low != "," {
		if t := &cs.toks[p]; !t.word || t.quote >= 0 || cs.verb(p) {
			return mention{}
		}
		p--
	}
	if p <= lo || p >= comma-1 || cs.toks[p].low != "," || !cs.nameTok(comma-1) || cs.toks[comma-1].poss {
		return mention{}
	}
	h := p - 1 // the head phrase runs back to the sentence start or an earlier comma
	for h > lo && cs.toks[h-1].low != "," && p-h < 8 {
		h--
	}
	if cs.nameTok(p-1) || cs.clauseBetween(h, p) || cs.clauseBetween(p+1, comma) {
		return mention{}
	}
	for k := h; k < p; k++ {
		if cs.verb(k) || cs.toks[k].quote >= 0 {
			return mention{}
		}
	}
	m := cs.runLeft(comma-1, p+1)
	if m.kind != mentionName || m.org || len(m.pair) > 0 || len(m.name) < 2 && cs.lookup(m.name, m.pos) == nil {
		return mention{}
	}
	if m.title == "" {
		m.title = cs.appositiveTitle(h, p)
	}
	return m
}

// roleAppositive reads "His lawyer, Jane Roe, said" and "Maharashtra's industries minister,
// Jane Roe, said": a name between two commas after a role noun. comma is the comma before the
// verb.
func (cs *cast) roleAppositive(comma, lo int) mention {
	p := comma - 1
	for p >= lo && p > comma-7 && cs.nameTok(p) {
		p--
	}
	if p > lo+1 && p < comma-1 && cs.toks[p].low == "and" && cs.nameTok(p-1) {
		// "His lawyers, Jane Roe and John Doe, said": the pair speaks together
		for p--; p >= lo && p > comma-12 && cs.nameTok(p); p-- {
		}
		if p-1 < lo || cs.toks[p].low != "," || !cs.pluralRole(p-1, lo) {
			return mention{}
		}
		if m := cs.runLeft(comma-1, p+1); m.kind == mentionName && len(m.pair) > 0 {
			return m
		}
		return mention{}
	}
	if p == comma-1 || p-1 < lo || cs.toks[p].low != "," || !(cs.toks[p-1].is(lexRolePart) || cs.w.kin[cs.toks[p-1].low] || cs.w.persons[cs.toks[p-1].low]) {
		return mention{}
	}
	m := cs.runLeft(comma-1, p+1)
	if m.kind != mentionName || m.org {
		return mention{}
	}
	m.fresh = len(m.name) == 1 && cs.w.kin[cs.toks[p-1].low]
	if j := cs.pairBeforeRole(p-1, lo); j >= 0 && !m.fresh {
		// "Jane Roe and her husband, John Roe, said": the pair speaks together
		if l := cs.runLeft(j, lo); l.kind == mentionName && !l.org && cs.jointMembers([]mention{l, m}) {
			return jointMention([]mention{l, m}, comma-1)
		}
	}
	if m.title == "" {
		a := p - 1
		for a-1 >= lo && a > p-5 && cs.toks[a-1].word && !cs.toks[a-1].poss && (cs.toks[a-1].is(lexModifier) || cs.toks[a-1].is(lexRolePart)) {
			a--
		}
		m.title = cs.text(int(cs.toks[a].start), int(cs.toks[p-1].end))
	}
	return m
}

// pairBeforeRole returns the last token of the name before "and" and the role phrase with a
// determiner that ends at token r ("Jane Roe and her husband"), or -1 when there is none.
func (cs *cast) pairBeforeRole(r, lo int) int {
	a := r
	for a-1 >= lo && a > r-4 && cs.toks[a-1].word && !cs.toks[a-1].cap && cs.toks[a-1].low != "and" {
		a--
	}
	if a == r || a-2 < lo || cs.toks[a-1].low != "and" || !cs.nameTok(a-2) || cs.toks[a-2].poss || !cs.toks[a].is(lexDeterminer) {
		return -1
	}
	return a - 2
}

// membersAppositive reads the named members of a group set off by commas before the verb:
// "Several senators, including Jane Roe and John Doe, said", "Critics, among them economist
// Jane Roe, said". Each named member speaks. comma is the comma before the verb; ok is false
// when no such phrase stands there.
func (cs *cast) membersAppositive(comma, lo int) (m mention, ok bool) {
	p := comma - 1
	for p >= lo && p > comma-12 && (cs.nameTok(p) || cs.toks[p].low == "and" && p+1 < comma && cs.nameTok(p+1)) {
		p--
	}
	if p == comma-1 {
		return mention{}, false
	}
	q := p
	for q > lo+1 && cs.toks[q].word && !cs.toks[q].cap && (cs.toks[q].is(lexRolePart) || cs.toks[q].is(lexModifier)) {
		q-- // "Critics, including economist Jane Roe, said": the member's role
	}
	if !cs.memberIntro(q, lo) {
		return mention{}, false
	}
	if m := cs.runLeft(comma-1, p+1); m.kind == mentionName && (len(m.pair) > 0 || !m.org && (len(m.name) >= 2 || cs.lookup(m.name, m.pos) != nil)) {
		return m, true // a surname alone is a member the article named before
	}
	return mention{}, true
}

// memberIntro reports whether token k ends the words after a comma that introduce named members
// of a group (speaker_member_words.txt), alone or before "them": ", including", ", among them".
func (cs *cast) memberIntro(k, lo int) bool {
	if k-2 > lo && cs.toks[k].low == "them" {
		k--
	}
	return k-1 > lo && cs.w.members[cs.toks[k].low] && cs.toks[k-1].low == ","
}

// capitalPluralRole reports whether token k is the capitalised plural of a role, a title before
// the names of a joint statement: "said Senators Jane Roe and John Doe", "Councilmen …".
func (cs *cast) capitalPluralRole(k int) bool {
	t := &cs.toks[k]
	if !t.cap {
		return false
	}
	if stem, ok := strings.CutSuffix(t.low, "men"); ok && len(stem) > 2 {
		return cs.w.has(stem+"man", lexRole)
	}
	one, ok := strings.CutSuffix(t.low, "s")
	return ok && len(one) > 2 && cs.w.has(one, lexRole)
}

// namedAfterRole reads the name set off by a comma after the role word at j: "partner, John
// Doe" in "says Jane Roe's partner, John Doe.", when the name ends the clause.
func (cs *cast) namedAfterRole(j, hi int) mention {
	if !cs.personNoun(j) || j+1 >= hi || cs.toks[j+1].low != "," {
		return mention{}
	}
	return cs.namedAfterComma(j+1, hi)
}

// personNoun reports whether the token at j is a word for a person that a name can follow in
// apposition: a role, a kinship word, a person noun or a plural role.
func (cs *cast) personNoun(j int) bool {
	t := &cs.toks[j]
	return t.is(lexRolePart) || cs.w.kin[t.low] || cs.w.persons[t.low] || cs.pluralRole(j, j)
}

// namedAfterRolePhrase reads the name set off by a comma after a role and the phrase that says
// where or for whom it serves, in tokens [i, hi) after a reporting verb: "said a classmate at
// Harwick, Paul Renner", "said a spokesman for the embassy, Jane Roe".
func (cs *cast) namedAfterRolePhrase(i, hi int) mention {
	for r := i; r+2 < hi && r <= i+3; r++ {
		if t := &cs.toks[r]; !t.word || t.quote >= 0 || t.cap && !t.is(lexDeterminer) {
			return mention{}
		}
		if !cs.toks[r+1].is(lexPhrasePrep) || !cs.personNoun(r) && !isPersonWord(cs.w, &cs.toks[r]) {
			continue
		}
		for e := r + 3; e < hi && e <= r+8; e++ {
			if te := &cs.toks[e]; te.low == "," {
				m := cs.namedAfterComma(e, hi)
				if m.kind != mentionName || cs.isPlaceName(strings.Join(m.name, " ")) {
					return mention{}
				}
				m.first = i
				return m
			} else if !te.word || te.quote >= 0 {
				return mention{}
			}
		}
		return mention{}
	}
	return mention{}
}

// namedAfterComma reads a person's name after the comma at token c that ends the clause or is
// set off by another comma, or two names joined by "and".
func (cs *cast) namedAfterComma(c, hi int) mention {
	if c+1 >= hi || !cs.nameTok(c+1) {
		return mention{}
	}
	b := c + 1
	for b+1 < hi && cs.nameTok(b+1) && !cs.toks[b].poss {
		b++
	}
	if e := cs.ofPlaceAfter(b, hi); e+2 < hi && cs.toks[e+1].low == "and" && cs.nameTok(e+2) {
		// "said the two leaders, Jane Roe and Ann Poe.", "…, Jane Roe of Ohio and Ann Poe of Iowa."
		m := cs.nameMention(c+1, b, true)
		if p := cs.pairRight(m, e+1, hi); len(p.pair) > 0 {
			return p
		}
	}
	if cs.toks[b].poss || !cs.endsClause(b+1, hi) && !(b+1 < hi && cs.toks[b+1].low == ",") {
		return mention{}
	}
	m := cs.nameMention(c+1, b, true)
	if m.org {
		return mention{}
	}
	return m
}

// ofPlaceAfter returns the last token of the place that says where the person named up to
// token b comes from ("Jane Roe of Ohio", "of North Carolina"), or b when none follows.
func (cs *cast) ofPlaceAfter(b, hi int) int {
	if b+2 >= hi || cs.toks[b+1].low != "of" || !cs.nameTok(b+2) {
		return b
	}
	e := b + 2
	for e+1 < hi && e < b+4 && cs.nameTok(e+1) {
		e++
	}
	place := cs.text(int(cs.toks[b+2].start), int(cs.toks[e].end))
	if !cs.isRegion(place) && !cs.inGazetteer(place) {
		return b
	}
	return e
}

// pairMention reads "Jane Roe and John Doe" ending at token i, where [a, i] is the run after
// "and": the people or organisations who speak together ("Sens. Jane Roe, John Doe and Ann Poe
// said", "Acme Mining and Beta Resources said in a joint statement", "France and Germany
// said"), or an unnamed group when a member is neither.
func (cs *cast) pairMention(a, i, lo int) mention {
	group := mention{kind: mentionUnnamed, first: a, pos: i}
	right := cs.nameMention(a, i, false)
	left := cs.runLeft(a-2, lo)
	if left.kind != mentionName || right.kind != mentionName || len(left.pair) > 0 {
		return group
	}
	members := []mention{left, right}
	// more members before: "Jane Roe, John Doe and Ann Poe"
	for k := left.first - 1; k-1 >= lo && cs.toks[k].low == "," && cs.nameTok(k-1) && !cs.toks[k-1].poss; {
		m := cs.runLeft(k-1, lo)
		if m.kind != mentionName || len(m.pair) > 0 || m.first >= k {
			break
		}
		members = append([]mention{m}, members...)
		k = m.first - 1
	}
	if !cs.jointMembers(members) {
		return group
	}
	if k := members[0].first - 1; len(members) == 2 && k >= lo && cs.toks[k].low == "the" && (left.org || right.org) {
		// "the Securities and Exchange Commission": one organisation ("the Acme Bank and the
		// Beta Fund" would be two)
		return orgNamedWithAnd(members, i)
	}
	return jointMention(members, i)
}

// jointMention is the mention of members speaking together, ending at token i.
func jointMention(members []mention, i int) mention {
	var name []string
	for k, m := range members {
		if k > 0 {
			name = append(name, "and")
		}
		name = append(name, m.name...)
	}
	return mention{kind: mentionName, pair: members, name: name, first: members[0].first, pos: i}
}

// orgNamedWithAnd is the one organisation whose name joins members with "and" ("the Securities
// and Exchange Commission"), ending at token i.
func orgNamedWithAnd(members []mention, i int) mention {
	m := jointMention(members, i)
	m.pair, m.org = nil, true
	return m
}

// jointMembers reports whether the mentions can be the members of a joint statement: all
// people, each named in full or named before, or all organisations or places.
func (cs *cast) jointMembers(ms []mention) bool {
	people, orgs := 0, 0
	for _, m := range ms {
		switch {
		case m.kind != mentionName || len(m.pair) > 0 || len(m.name) == 0:
			return false
		case m.org || cs.isPlaceName(strings.Join(m.name, " ")):
			orgs++
		case len(m.name) >= 2 || cs.lookup(m.name, m.pos) != nil:
			people++
		default:
			return false
		}
	}
	return people == len(ms) || orgs == len(ms)
}

// pairRight extends mention m, read after a reporting verb and ending before token j, over
// "and" and a second name: "said Reps. Jane Roe and John Doe". It returns m unchanged when no
// such member follows.
func (cs *cast) pairRight(m mention, j, hi int) mention {
	if m.kind != mentionName || len(m.pair) > 0 || j+1 >= hi || cs.toks[j].low != "and" || !cs.nameTok(j+1) {
		return m
	}
	b := j + 1
	for b+1 < hi && cs.nameTok(b+1) && !cs.toks[b].poss {
		b++
	}
	if cs.toks[b].poss || !cs.endsClause(b+1, hi) && !(b+1 < hi && cs.toks[b+1].low == ",") {
		return m
	}
	r := cs.nameMention(j+1, b, true)
	if !cs.jointMembers([]mention{m, r}) {
		return m
	}
	return jointMention([]mention{m, r}, b)
}

// titleOfRun reads "Secretary of State Rex Tillerson said": a role at token r, "of", and the
// run [a, i] that holds the rest of the title and then the name. The name starts at a known
// first name, or else is the last two words (the last one when the run has two).
func (cs *cast) titleOfRun(r, a, i, lo int) mention {
	s := r
	for s-1 >= lo && cs.nameTok(s-1) && !cs.toks[s-1].poss {
		s--
	}
	start := cs.firstNameAt(a, i)
	if start < 0 {
		switch {
		case i-a >= 2:
			start = i - 1
		case i-a == 1:
			start = i
		default:
			return mention{kind: mentionRole, role: []string{cs.toks[r].low}, first: s, pos: i}
		}
	}
	m := cs.nameMention(start, i, true)
	if m.kind != mentionName || m.org {
		return mention{kind: mentionRole, role: []string{cs.toks[r].low}, first: s, pos: i}
	}
	m.first = s
	m.title = cs.text(int(cs.toks[s].start), int(cs.toks[start-1].end))
	if m.gender == 0 {
		m.gender = cs.w.genderOfTitle(m.title)
	}
	return m
}

// isShortForm reports whether the first name short is a short form of long that keeps its
// start or its end: "Alex" or "Xander" for Alexander, "Liz" is not (too short a tail).
func isShortForm(short, long string) bool {
	if len(short) < 3 || len(short) >= len(long) {
		return false
	}
	s, l := strings.ToLower(short), strings.ToLower(long)
	return strings.HasPrefix(l, s) || len(s) >= 4 && strings.HasSuffix(l, s)
}

// isPlaceRun reports whether the name tokens [a, b] name a place that speaks as its government
// or administration ("North Korea said", "Ontario says"): a country, or, for names of two words
// or more, a first-level region or a city of 100,000 people, written as the gazetteer writes
// it. One-word city and region names are often surnames too (Houston, Warren) and are left to
// count as people.
// isPlaceName reports whether name is a country or a large place, so that "Canada" is not
// short for Statistics Canada.
func (cs *cast) isPlaceName(name string) bool {
	if cs.gaz == nil {
		return false
	}
	p, ok := cs.gaz.Lookup(name, "")
	return ok && (p.Kind == geo.KindCountry || !p.Alias && p.Population >= 100000)
}

// placeOrRegion reports whether name is a place isPlaceName knows or a region ("Ohio").
func (cs *cast) placeOrRegion(name string) bool { return cs.isPlaceName(name) || cs.isRegion(name) }

// isRegion reports whether name is a country or a first-level region the gazetteer knows
// ("Ohio", "North Carolina"), which Lookup does not find as places.
func (cs *cast) isRegion(name string) bool {
	if cs.gaz == nil {
		return false
	}
	_, ok := cs.gaz.Region(name)
	return ok
}

// inGazetteer reports whether name is any place the gazetteer knows ("Lake Cowichan"), however
// small.
func (cs *cast) inGazetteer(name string) bool {
	if cs.gaz == nil {
		return false
	}
	_, ok := cs.gaz.Lookup(name, "")
	return ok
}

// placeSpeaker reports whether a mention named name, resolved to e (nil when the article names
// no one so), is a city or region standing for its government ("Ottawa suggested", "Nova
// Scotia added"), and returns the place's name as the gazetteer writes it ("OTTAWA" ->
// "Ottawa") and whether it is a national capital. A capital speaks for its country ("Beijing
// said"); news gold sets do not count other cities and regions as sources. Countries are not
// such places: they speak as themselves. A one-word name is a place only when the article
// gives no person that name.
func (cs *cast) placeSpeaker(name []string, e *entity) (string, bool, bool) {
	if cs.gaz == nil || len(name) == 0 || len(name) > 3 {
		return "", false, false
	}
	if e != nil {
		if !e.org || len(e.name) != len(name) {
			return "", false, false
		}
		name = e.name
	}
	full := strings.Join(name, " ")
	p, ok := cs.gaz.Lookup(full, "")
	if ok && p.Kind == geo.KindCountry {
		return "", false, false
	}
	if ok && !p.Alias && p.Population >= 100000 && strings.EqualFold(p.Name, full) {
		return p.Name, p.Capital, true
	}
	if r, ok := cs.gaz.Region(full); ok && r.Admin1Code != "" && strings.EqualFold(r.Name, full) {
		return r.Name, false, true
	}
	return "", false, false
}

func (cs *cast) isPlaceRun(a, b int) bool {
	if cs.gaz == nil {
		return false
	}
	if g, ok := cs.toks[a].gender(); ok && g != 0 {
		return false // "Donald Trump": a given name first
	}
	name := cs.text(int(cs.toks[a].start), int(cs.toks[b].end))
	if cs.toks[b].poss {
		name = strings.TrimSuffix(strings.TrimSuffix(name, "'s"), "’s")
	}
	p, ok := cs.gaz.Lookup(name, "") // countries first; no allocation for names that are no place
	if ok && p.Kind == geo.KindCountry {
		return true
	}
	if a == b {
		return false
	}
	if ok && !p.Alias && p.Population >= 100000 {
		return true
	}
	_, ok = cs.gaz.Region(name)
	return ok
}
