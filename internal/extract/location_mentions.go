package extract

import (
	"math"
	"slices"
	"strings"
	"time"

	"github.com/searchd/searchd/internal/geo"
	"github.com/searchd/searchd/internal/news"
)

// The place finder is a chain of stages over one article:
//
//	paragraphs (captions, credits, bylines and author notes left out)
//	-> runs of capitalised words (placeRuns)
//	-> mentions: runs the gazetteer knows, with every place they may denote (scan)
//	-> context: the countries and regions the article names without doubt (placeContext)
//	-> one place per mention, chosen by context, or none (choose)
//	-> places (placeLabels) and the text-derived location (fromText)

// placeMention is a run of the text that may name a known place.
type placeMention struct {
	text          string
	place         geo.Place // the chosen place; Kind is empty until choose runs, and when none fits
	lo, hi        int       // its candidates: placeScratch.cands[lo:hi]
	pos           int       // word position in the body, for nearness
	para          int       // paragraph number, counting kept paragraphs only
	afterIn       bool      // preceded by a preposition of place: "in", "from", "at", "near"
	qualified     bool      // followed by ", <region>": "Springfield, Illinois"
	qualifier     string
	sentenceStart bool
	cue           bool // a statement is reported from it: "told reporters in Paris"
	dayCue        bool // the scene of what happened on a named day: "queued in Mumbai on Tuesday"
	dropped       bool // no place: a name of a person or organisation, a common word
	state         bool // followed by "state": the region, not its city of that name
	regionNamed   bool // its region is named in the article or as its qualifier
}

// placeNamed is a country or first-level region that an article names without doubt, and where.
type placeNamed struct {
	code string // "FR" or "US.NH"
	pos  int
}

// Smallest population of a city that places lists when it is named without context.
const minListedPopulation = 100000

// placeNear is how many words apart a city and its region or country may be to count as
// named together ("Manchester ... New Hampshire").
const placeNear = 40

// placeLeadParagraphs is how many opening paragraphs may say where a story was reported.
const placeLeadParagraphs = 3

// scan finds the place mentions of a's body, resolved, in order. The result lives in sc.
func (f *placeFinder) scan(sc *placeScratch, a news.Article) []placeMention {
	sc.cands, sc.ms, sc.surnames, sc.named = sc.cands[:0], sc.ms[:0], sc.surnames[:0], sc.named[:0]
	pos, para := 0, 0
	// Each paragraph is checked once for the marks of a note, and a short paragraph before a
	// note is a caption credited there.
	next, body := nextParagraph(a.Body)
	nextNote := next != "" && f.lex.isNote(next, a.Authors)
	for next != "" {
		line, lineNote := next, nextNote
		next, body = nextParagraph(body)
		nextNote = next != "" && f.lex.isNote(next, a.Authors)
		if lineNote || nextNote && len(line) < 300 {
			continue
		}
		sc.runs, sc.words = placeRuns(line, sc.runs, sc.words)
		for _, t := range sc.runs {
			if f.addRun(sc, t, pos, para) {
				continue
			}
			// not one name: try its parts ("France and Germany"), which hold no "and"
			found := false
			for _, part := range splitRun(t) {
				found = f.addRun(sc, part, pos, para) || found
			}
			if !found {
				f.noteName(sc, t)
			}
		}
		pos += len(sc.words)
		para++
	}
	f.filter(sc)
	f.placeContext(sc, a.Source)
	for i := range sc.ms {
		f.choose(sc, &sc.ms[i])
	}
	return sc.ms
}

// nextParagraph returns the first non-empty line of s, trimmed, and the rest of s; "" at the end.
func nextParagraph(s string) (string, string) {
	for s != "" {
		var line string
		line, s, _ = strings.Cut(s, "\n")
		if line = strings.TrimSpace(line); line != "" {
			return line, s
		}
	}
	return "", ""
}

// addRun adds the mention of run t when the gazetteer knows its name, and reports whether it does.
func (f *placeFinder) addRun(sc *placeScratch, t placeRun, pos, para int) bool {
	if t.qualifier != "" {
		if _, ok := f.gaz.Region(t.qualifier); !ok {
			t.qualifier = "" // not "Mexico, Ryan said"
		}
	}
	lo := len(sc.cands)
	sc.cands = f.gaz.Candidates(sc.cands, t.text, t.qualifier)
	if len(sc.cands) == lo {
		return false
	}
	m := placeMention{text: t.text, lo: lo, hi: len(sc.cands), pos: pos + t.start, para: para,
		afterIn: t.afterIn, sentenceStart: t.sentenceStart}
	m.qualified, m.qualifier = t.qualifier != "", t.qualifier
	if t.end < len(sc.words) && placeTrimWord(sc.words[t.end]) == "state" {
		m.state = true // "Washington state"
	}
	if t.start > 0 {
		switch placeLower(sc.words[t.start-1]) {
		case "in":
			m.cue = f.reportCue(sc.words, t.start-1) || f.speakerCue(sc.words, t.end)
			m.dayCue = para == 0 && f.dayCue(sc.words, t.start-1, t.end)
		case "at", "from":
			m.cue = f.reportCue(sc.words, t.start-1)
		case "of": // "in the Kenyan port city of Mombasa say"
			if t.start > 1 && f.lex.settlements[placeLower(sc.words[t.start-2])] {
				m.cue = f.speakerCue(sc.words, t.end)
			}
		}
		if (m.cue || m.dayCue) && (f.lookingAhead(sc.words, t.start-1) || f.notNow(sc.words, t.end)) {
			m.cue, m.dayCue = false, false // "will speak at a rally in Tampa on Friday", "in Tucson in 2011"
		}
		if placeLower(sc.words[t.start-1]) == "at" && f.orgBefore(sc.words, t.start-1) {
			m.dropped = true // "University of North Carolina at Charlotte": the university's name
		}
	}
	sc.ms = append(sc.ms, m)
	return true
}

// reportCue reports whether the words before the preposition at words[prep] say that a
// statement was made at the place after it: a verb of saying, with at most a few filler
// words between ("told reporters on Tuesday in"), or an event where things are said, itself
// after "at", "during" or a verb of saying ("at a packed news conference in").
func (f *placeFinder) reportCue(words []string, prep int) bool {
	for j := prep - 1; j >= 0 && j >= prep-7; j-- {
		w := words[j]
		if j < prep-1 && placeEndsClause(w) {
			return false
		}
		lw := placeLower(placeTrimWord(w))
		if f.lex.cues[lw] {
			return true
		}
		if f.lex.events[lw] {
			return f.eventCue(words, j)
		}
		if !f.lex.fillers[lw] && lw != "at" && lw != "in" {
			return false
		}
	}
	return false
}

// eventCue reports whether the event noun at words[ev] is where a statement was made: "at",
// "in" or "during" stands at most four words before it, in the same clause, and a verb of
// saying in the sentence ("told supporters at a rally in"; not "saying she left the event in").
func (f *placeFinder) eventCue(words []string, ev int) bool {
	prep := false
	for j := ev - 1; j >= 0 && j >= ev-4; j-- {
		if placeEndsClause(words[j]) {
			break
		}
		lw := placeLower(placeTrimWord(words[j]))
		if f.lex.cues[lw] {
			return true // "told a packed news conference in"
		}
		if !f.lex.fillers[lw] && lw != "at" && lw != "in" && lw != "during" {
			// an adjective or a possessive: look on for the preposition, but no verb of
			// saying may claim the event now ("saying she left the event in")
			for k := j - 1; k >= 0 && k >= ev-4 && !prep; k-- {
				l := placeLower(placeTrimWord(words[k]))
				prep = l == "at" || l == "in" || l == "during"
			}
			break
		}
		if lw == "at" || lw == "in" || lw == "during" {
			prep = true
			break
		}
	}
	return prep && f.saidInSentence(words, ev)
}

// saidInSentence reports whether a verb of saying stands in the sentence around words[i],
// and not in a clause that reports what was said ("announced that attendees at the rally in
// Tulsa"): "At a rally in Phoenix, Trump said", "Trump told supporters at a rally in Tampa".
func (f *placeFinder) saidInSentence(words []string, i int) bool {
	for j := i - 1; j >= 0 && j >= i-15; j-- {
		if placeEndsSentence(words[j]) {
			break
		}
		lw := placeLower(placeTrimWord(words[j]))
		if lw == "that" {
			return false
		}
		if f.lex.cues[lw] {
			return true
		}
	}
	for j := i + 1; j < len(words) && j <= i+15; j++ {
		if f.lex.cues[placeLower(placeTrimWord(words[j]))] {
			return true
		}
		if placeEndsSentence(words[j]) {
			break
		}
	}
	return false
}

// speakerCue reports whether a verb of saying follows the place that ends before
// words[end], within three words and in the same clause: the speakers are there ("health
// workers in Mombasa say", "officials in Kyiv have warned"). A place that ends a clause or a
// quotation is not the speakers' ("everything in Washington," she told).
func (f *placeFinder) speakerCue(words []string, end int) bool {
	if end > 0 && placeEndsText(words[end-1]) {
		return false
	}
	// The speakers and their place open the clause ("Officials in Kyiv said"), not a place
	// deep in a longer phrase ("the candidate in a disputed race in Ohio said") or an
	// incident's ("survivors of the shooting in Florida have announced").
	if start := f.prepBefore(words, end); start > 0 && f.lex.incidents[placeLower(placeTrimWord(words[start-1]))] {
		return false
	}
	n := 0
	for j := end - 1; j > 0 && !placeEndsText(words[j-1]); j-- {
		if n++; n > 8 {
			return false
		}
	}
	for j := end; j < len(words) && j < end+4; j++ {
		w := placeLower(placeTrimWord(words[j]))
		if f.lex.sayVerbs[w] {
			return true
		}
		if placeEndsText(words[j]) || strings.ContainsAny(words[j], ".;:!?") || !f.lex.auxiliaries[w] {
			return false // "the law in Indiana that critics say", "embassy in Beijing and sources told"
		}
	}
	return false
}

// notNow reports whether the words after a place, in its sentence, put what happened there
// in another year or in what might be: "at a campaign event in Tucson in 2011", "a debate in
// Miami on Thursday would".
func (f *placeFinder) notNow(words []string, end int) bool {
	for j := end; j < len(words) && j < end+8; j++ {
		w := placeTrimWord(words[j])
		if placeYear(w) || len(w) >= 3 && w[0] >= 'A' && w[0] <= 'Z' && dateMonthOf(strings.TrimSuffix(w, ".")) != 0 {
			return true // "at a rally in California in late May": another day than the report's
		}
		lw := placeLower(w)
		if lw == "that" {
			break // what was said: "told reporters in Gdansk that the trams would run"
		}
		if lw == "would" || lw == "could" || lw == "might" || lw == "ago" {
			return true // "what he said in Jerusalem two years ago"
		}
		if placeEndsSentence(words[j]) {
			break
		}
	}
	return false
}

// placeAbbreviation reports whether w is a short capitalised word with a full stop, such
// as "Dec." or "Sen.", which need not end a sentence.
func placeAbbreviation(w string) bool {
	return len(w) <= 5 && strings.HasSuffix(w, ".") && w[0] >= 'A' && w[0] <= 'Z'
}

// placeYear reports whether w is a year or a decade: "2011", "1950s".
func placeYear(w string) bool {
	y := strings.TrimSuffix(w, "s")
	return len(y) == 4 && (strings.HasPrefix(y, "19") || strings.HasPrefix(y, "20")) && strings.Trim(y, "0123456789") == ""
}

// lookingAhead reports whether the clause before the preposition at words[prep] speaks of
// what is to come, or of a plan: "will speak at a rally in", "is expected to meet in".
func (f *placeFinder) lookingAhead(words []string, prep int) bool {
	for j := prep - 1; j >= 0 && j >= prep-15; j-- {
		if placeEndsSentence(words[j]) && !placeAbbreviation(words[j]) {
			return false
		}
		w := placeTrimWord(words[j])
		lw := placeLower(w)
		if f.lex.ahead[lw] || placeYear(w) {
			return true // also another time: "Three years ago, ... in Nevada said", "In April, 2009, he said, in Prague"
		}
		if placePossessive(words[j]) && placeWeekday(strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")) {
			return true // "saying during Thursday's summit in Hanoi": an event the story looks back on
		}
		if lw == "to" && j > 0 && (placeLower(words[j-1]) == "is" || placeLower(words[j-1]) == "are") {
			return true // "Eminem is to play a gig in London"
		}
	}
	return false
}

// prepBefore returns the index of the preposition before the place that ends before
// words[end]: the nearest "in" or "of" in the four words before end, or -1.
func (f *placeFinder) prepBefore(words []string, end int) int {
	for j := end - 1; j >= 0 && j >= end-5; j-- {
		if l := placeLower(words[j]); l == "in" || l == "of" {
			return j
		}
	}
	return -1
}

// placeEndsText reports whether w ends a clause or a quotation.
func placeEndsText(w string) bool {
	return placeEndsClause(w) || strings.HasSuffix(w, "\"") || strings.HasSuffix(w, "”") || strings.HasSuffix(w, "'") ||
		strings.HasSuffix(w, "’") || strings.HasSuffix(w, ")")
}

// dayCue reports whether the city between words[prep] and words[end] is the scene of what
// happened on a named day, as the first paragraph of a report from there says it: "commuters
// queued in Mumbai on Tuesday", "on Thursday in Ottawa".
func (f *placeFinder) dayCue(words []string, prep, end int) bool {
	if prep > 0 && f.lex.incidents[placeLower(placeTrimWord(words[prep-1]))] {
		return false // "the attack in London on Saturday": what the story is about
	}
	if prep > 1 && placeWeekday(placeTrimWord(words[prep-1])) && f.lex.incidents[placeLower(placeTrimWord(words[prep-2]))] {
		return false
	}
	if end > 0 && !placeEndsText(words[end-1]) {
		for j := end; j < len(words) && j < end+3; j++ {
			w := placeTrimWord(words[j])
			if placeWeekday(w) {
				// "last Thursday": a report from elsewhere, later
				return placeLower(placeTrimWord(words[j-1])) != "last" && !f.subjectEnds(words, j+1)
			}
			if placeEndsText(words[j]) || !f.lex.fillers[placeLower(w)] {
				break
			}
		}
	}
	if prep > 0 && !placeEndsText(words[prep-1]) && placeWeekday(placeTrimWord(words[prep-1])) {
		return !f.subjectEnds(words, end)
	}
	return false
}

// subjectEnds reports whether a verb follows at words[i] (after day parts: "morning"), so
// that the place and day before it were part of the sentence's subject, what the story is
// about: "The attack on the embassy in Baghdad on Tuesday brought back ...".
func (f *placeFinder) subjectEnds(words []string, i int) bool {
	if i > 0 && placeEndsText(words[i-1]) {
		return false
	}
	for ; i < len(words); i++ {
		w := placeTrimWord(words[i])
		lw := placeLower(w)
		if f.lex.fillers[lw] {
			if placeEndsText(words[i]) {
				return false
			}
			continue
		}
		if w == "" || w[0] < 'a' || w[0] > 'z' {
			return false
		}
		return !f.lex.linkers[lw]
	}
	return false
}

// placeWeekday reports whether w is a day of the week, capitalised: "Tuesday".
func placeWeekday(w string) bool {
	_, err := time.Parse("Monday", w)
	return err == nil
}

// orgBefore reports whether the capitalised words before words[at] name an organisation
// that a place after "at" belongs to: "University of North Carolina at".
func (f *placeFinder) orgBefore(words []string, at int) bool {
	for j := at - 1; j >= 0 && j >= at-6; j-- {
		w := placeTrimWord(words[j])
		if placeConnectors[w] {
			continue
		}
		if !placeCapitalised(w) {
			return false
		}
		if f.lex.orgWords[placeLower(w)] {
			return true
		}
		if j < at-1 && placeEndsClause(words[j]) {
			return false
		}
	}
	return false
}

// noteName records the last word of a run that names no place and looks like a person's name
// ("John Bolton"), so that the word alone is not taken for a place later ("Bolton said").
func (f *placeFinder) noteName(sc *placeScratch, t placeRun) {
	n := t.end - t.start
	if n < 2 || n > 3 || t.qualifier != "" || strings.Contains(t.text, " and ") || strings.Contains(t.text, " of ") {
		return
	}
	first := placeLower(placeTrimWord(sc.words[t.start]))
	if f.lex.modifiers[first] {
		return
	}
	last := placeTrimWord(sc.words[t.end-1])
	sc.surnames = append(sc.surnames, geo.Key(last))
}

// filter drops the mentions that name no place whatever the context: common words, names that
// need a preposition, surnames of the article's people.
func (f *placeFinder) filter(sc *placeScratch) {
	for i := range sc.ms {
		m := &sc.ms[i]
		k := geo.Key(m.text)
		switch {
		case f.lex.never[k]:
			m.dropped = true
		case f.lex.ambiguous[k] && !m.afterIn && !m.qualified:
			m.dropped = true
		case !m.qualified && !strings.Contains(m.text, " ") && slices.Contains(sc.surnames, k):
			m.dropped = m.dropped || !sc.hasCapital(m) // "John Bolton ... Bolton said"; not "George Washington ... Washington"
		}
	}
}

// hasCapital reports whether one of m's candidates is a national capital or a country.
func (sc *placeScratch) hasCapital(m *placeMention) bool {
	for _, p := range sc.cands[m.lo:m.hi] {
		if p.Capital || p.Kind == geo.KindCountry {
			return true
		}
	}
	return false
}

// placeContext collects what the article names without doubt: countries, regions (also as
// qualifiers: "Manchester, N.H."), the countries of places that only one country has, and the
// source's home country.
func (f *placeFinder) placeContext(sc *placeScratch, source string) {
	if sc.counts == nil {
		sc.counts = map[string]int{}
	}
	clear(sc.counts)
	if cc, ok := f.lex.home[source]; ok {
		sc.named = append(sc.named, placeNamed{code: "home:" + cc, pos: -1})
	}
	for i := range sc.ms {
		m := &sc.ms[i]
		if m.dropped {
			continue
		}
		if m.qualified {
			if r, ok := f.gaz.Region(m.qualifier); ok {
				code := r.CountryCode
				if r.Admin1Code != "" {
					code += "." + r.Admin1Code
				}
				sc.named = append(sc.named, placeNamed{code: code, pos: m.pos})
			}
		}
		cands := sc.cands[m.lo:m.hi]
		if cands[0].Kind == geo.KindCountry { // "Egypt", whatever towns have it as another name
			sc.counts[cands[0].CountryCode]++
			sc.named = append(sc.named, placeNamed{code: cands[0].CountryCode, pos: m.pos})
			continue
		}
		cc := cands[0].CountryCode
		for _, p := range cands[1:] {
			if p.CountryCode != cc {
				cc = ""
				break
			}
		}
		if cc == "" {
			continue
		}
		sc.counts[cc]++
		switch p := cands[0]; {
		case p.Kind == geo.KindCountry:
			sc.named = append(sc.named, placeNamed{code: cc, pos: m.pos})
		case p.Kind == geo.KindRegion && len(cands) == 1:
			sc.named = append(sc.named, placeNamed{code: p.Admin1Code, pos: m.pos}, placeNamed{code: cc, pos: m.pos})
		}
	}
	sc.top, sc.topCount = "", 0
	for cc, n := range sc.counts {
		if n > sc.topCount || n == sc.topCount && cc < sc.top {
			sc.top, sc.topCount = cc, n
		}
	}
}

// named scores how the article names code near word position pos: 0 when not at all, 1
// anywhere, 2 within placeNear words.
func (sc *placeScratch) namedScore(code string, pos int) int {
	s := 0
	for _, n := range sc.named {
		if n.code != code || n.pos == pos && pos >= 0 {
			continue // not the mention itself: "Mexico" does not name Mexico City's country
		}
		if n.pos >= 0 && placeAbs(n.pos-pos) <= placeNear {
			return 2
		}
		s = 1
	}
	return s
}

func (sc *placeScratch) isHome(cc string) bool {
	for _, n := range sc.named {
		if n.pos < 0 && n.code[5:] == cc {
			return true
		}
	}
	return false
}

func placeAbs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// regionCountries are the countries whose first-level regions are places in any story; a
// region elsewhere counts only when the story names its country or comes from there (the
// names of regions in other countries are often common words: "Central", "Western").
var regionCountries = map[string]bool{"US": true, "CA": true, "AU": true, "GB": true}

// choose picks m's place among its candidates by context: its region or country named
// nearby (strongest) or anywhere in the article, the source's home country, the country most
// of the article's places lie in, then size. A national capital and a city of millions keep
// their name against a small town of the home country ("Paris" is not Paris, Texas, in an
// American paper), but not against their own region named nearby.
func (f *placeFinder) choose(sc *placeScratch, m *placeMention) {
	if m.dropped {
		return
	}
	cands := sc.cands[m.lo:m.hi]
	maxOwn := 0 // the most people in a city of this very name
	for _, p := range cands {
		if p.Kind == geo.KindCity && !p.Alias {
			maxOwn = max(maxOwn, p.Population)
		}
	}
	// A national capital of this name, or a city far better known by it ("Geneva"): no small
	// town takes the name without a qualifier.
	shield := false
	for _, p := range cands {
		big := p.Capital || p.Alias && p.Population >= minListedPopulation && p.Population > 5*maxOwn
		shield = shield || big && p.Kind == geo.KindCity && !m.qualified
	}
	best, bestScore := -1, math.Inf(-1)
	for i, p := range cands {
		if shield && p.Kind == geo.KindCity && !p.Capital && !p.Alias && p.Population < minListedPopulation {
			continue // "Washington" is not Washington, Utah, even when Utah is named nearby
		}
		if p.Kind == geo.KindRegion && !regionCountries[p.CountryCode] && !sc.isHome(p.CountryCode) && sc.namedScore(p.CountryCode, m.pos) == 0 {
			continue
		}
		if m.state && p.Kind != geo.KindRegion && hasRegion(cands) {
			continue
		}
		if p.Kind == geo.KindRegion && !m.state && regionHasCity(cands, p) {
			continue // "Moscow", "Tokyo", "New York": the city, not its region of that name
		}
		var s float64
		switch p.Kind {
		case geo.KindCountry:
			s = 40 // "Mexico" is the country, not Mexico City
		default:
			s = 2 * math.Log10(float64(p.Population)+1)
		}
		if p.Capital {
			s += 4
		}
		if p.Alias {
			if p.Population >= minListedPopulation && p.Population > 5*maxOwn {
				s += 12 // "Geneva" is Genève, also in an American paper
			} else {
				s -= 10
			}
		}
		if p.Kind != geo.KindCountry {
			switch sc.namedScore(p.Admin1Code, m.pos) {
			case 2:
				s += 40
			case 1:
				s += 10
			}
			switch sc.namedScore(p.CountryCode, m.pos) {
			case 2:
				s += 18
			case 1:
				s += 8
			}
		}
		if sc.isHome(p.CountryCode) {
			s += 6
		}
		if p.CountryCode == sc.top && sc.topCount >= 2 {
			s += 4
		}
		if s > bestScore {
			best, bestScore = i, s
		}
	}
	if best < 0 {
		m.dropped = true
		return
	}
	p := cands[best]
	if !f.keep(m, p, maxOwn) {
		m.dropped = true
		return
	}
	m.place = p
	m.regionNamed = m.qualified || sc.namedScore(p.Admin1Code, m.pos) > 0
}

// hasRegion reports whether cands hold a first-level region.
func hasRegion(cands []geo.Place) bool {
	for _, p := range cands {
		if p.Kind == geo.KindRegion {
			return true
		}
	}
	return false
}

// regionHasCity reports whether cands hold a city that lies in region r.
func regionHasCity(cands []geo.Place, r geo.Place) bool {
	for _, p := range cands {
		if p.Kind == geo.KindCity && p.Admin1Code == r.Admin1Code {
			return true
		}
	}
	return false
}

// keep reports whether mention m is a place mention when it denotes p: a lone word that names
// a small town is as likely a surname, and a mention at the start of a sentence says nothing
// by its capital.
func (f *placeFinder) keep(m *placeMention, p geo.Place, maxOwn int) bool {
	if p.Kind == geo.KindCountry || p.Kind == geo.KindRegion {
		return true
	}
	if m.sentenceStart {
		return false
	}
	if !m.afterIn && !m.qualified && !p.Capital &&
		(p.Population < minListedPopulation || p.Population < 1000000 && !strings.Contains(m.text, " ")) {
		return false // "Bolton said"
	}
	if !p.Alias && strings.Count(p.Name, " ") != strings.Count(m.text, " ") && !strings.Contains(p.Name, "-") {
		return false // "West Chester" is not Westchester
	}
	if p.Alias && geo.Key(p.Name) != geo.Key(m.text) && !strings.HasPrefix(geo.Key(p.Name), geo.Key(m.text)) && !aliasWins(p, maxOwn) {
		return false // found by another name: only trusted for a city far better known ("Peking", "Geneva")
	}
	return true
}

// aliasWins reports whether city p, found by another name than its own, is far better known
// than the largest city of that very name, of maxOwn people: a capital, a city of a million,
// or a city of 100,000 five times its size ("Geneva" is Genève, not Geneva, Illinois).
func aliasWins(p geo.Place, maxOwn int) bool {
	return p.Capital || p.Population >= 1000000 || p.Population >= 100000 && p.Population > 5*maxOwn
}

// placeLabel is the label of place p: the facet value that names it and no other.
func placeLabel(p geo.Place) string {
	name := p.Name
	if n, ok := displayNames[name]; ok {
		name = n
	}
	return news.Location{Name: name, Country: p.Country, Region: p.Admin1}.Label()
}

// placeLabels lists the places the mentions name, by label, unique, in order of first mention.
func placeLabels(ms []placeMention) []string {
	var out []string
	for i := range ms {
		if ms[i].dropped || ms[i].place.Kind == "" {
			continue
		}
		l := placeLabel(ms[i].place)
		if !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	return out
}

// fromText returns the place where, the opening paragraphs say, the reported statement or
// event happened: the first city or region after a reporting cue ("told reporters in
// Paris", "at a rally in Tampa"). A place the story is only about is no location.
func fromText(ms []placeMention) *news.Location {
	for i := range ms {
		m := &ms[i]
		if m.para >= placeLeadParagraphs {
			break
		}
		if m.dropped || m.place.Kind == "" || m.place.Kind == geo.KindCountry {
			continue
		}
		if !m.cue && !(m.dayCue && m.place.Kind == geo.KindCity) {
			continue // a state-wide vote "in Kentucky on Tuesday" is no place of reporting
		}
		if m.place.Kind == geo.KindCity && m.place.Population < minListedPopulation && !m.regionNamed {
			continue // a small town named alone may be another town of that name ("Selma")
		}
		p := m.place
		return &news.Location{Name: placeName(p, m.text), Country: p.Country, Region: p.Admin1, Lat: p.Lat, Lon: p.Lon}
	}
	return nil
}
