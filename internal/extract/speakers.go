package extract

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/searchd/searchd/internal/geo"
	"github.com/searchd/searchd/internal/news"
)

// speakerFinder finds quotes and resolves them to speakers. It is rule-based: quotation marks,
// reporting verbs and the words around them decide who said what, and the names given in the
// article resolve surnames, titles, roles and pronouns to full names. It is safe for concurrent use.
type speakerFinder struct {
	w    *speakerWords
	rank *ranker        // reconsiders the rules' choice of source; nil: rules only
	gaz  *geo.Gazetteer // tells place names from people's names; may be nil
	pool sync.Pool      // *docScratch, so that articles reuse the largest buffers
}

// docScratch holds the buffers of one doc that are as long as the article: its runes, its
// tokens and the tokenizer's offsets. Nothing that find returns points into them.
type docScratch struct {
	used []bool // doc.usedVerb
	head []bool // doc.headline
	rs   []rune
	toks []token
	off  []int32
	runs []mention // collectEntities' name runs
	slab []string  // the words of names (doc.names)
}

// newSpeakerFinder loads the speaker lexicons. gaz, when not nil, lets names of countries,
// regions and cities count as organisations (their governments) rather than people.
func newSpeakerFinder(gaz *geo.Gazetteer, weights []byte) (*speakerFinder, error) {
	w, err := loadSpeakerWords()
	if err != nil {
		return nil, fmt.Errorf("speaker lexicon: %w", err)
	}
	rank, err := loadRanker(weights)
	if err != nil {
		return nil, err
	}
	return &speakerFinder{w: w, rank: rank, gaz: gaz}, nil
}

// find returns the named speakers of a, with their quotes, and the number of quotes
// attributed to unnamed sources.
func (f *speakerFinder) find(a news.Article) ([]news.Speaker, int) {
	if strings.TrimSpace(a.Body) == "" {
		return nil, 0
	}
	sc, _ := f.pool.Get().(*docScratch)
	if sc == nil {
		sc = &docScratch{}
	}
	d := f.attributions(a.Body, sc)
	d.rerank(f.rank)
	ss, n := d.speakers()
	sc.rs, sc.toks = d.rs[:0], d.toks[:0]
	f.pool.Put(sc)
	return ss, n
}

// attributions reads body and finds its quotes and their sources by the rules.
func (f *speakerFinder) attributions(body string, sc *docScratch) *doc {
	d := f.newDoc(body, sc)
	d.directQuotes()
	d.reportedSpeech()
	d.headlineSpeech()
	if strings.Contains(body, "(@") {
		d.tweetEmbeds()
	}
	d.leftoverQuotes()
	return d
}

// attribution ties one quote to the mention of its speaker.
type attribution struct {
	m          mention
	start, end int // rune offsets of the quote in the body
	direct     bool
	signed     bool // read from a signature line, which the ranker does not overrule
	para       int
	sent       int
}

// cast is the second stage of the speaker finder: on the prose, the people, organisations and
// places the article names (entities with their titles and aliases, acronyms, where each is
// mentioned) and what resolves a later mention to one of them: a surname, a pronoun, a role
// ("the minister"), a description, most recent speaker first (name_resolve.go, name_alias.go).
type cast struct {
	prose
	gaz       *geo.Gazetteer
	ents      []*entity
	aliases   map[string]*entity // lower-cased acronym -> the name it stands for
	noAcronym map[string]bool    // lower-cased acronyms that abbreviate no name before them
	mentions  []entMention       // entity mentions outside quotes, by position
	spoke     []entMention       // resolved speakers, in the order of their quotes
	spokeOrg  []entMention       // resolved organisation speakers, in the order of their quotes
	names     []string           // room for the words of names, shared by the article's mentions
}

// doc is the working state of one article and its last stage: on the cast, the cues (quote
// marks, speech verbs, "according to") and the attribution of each quote to a mention, chosen
// by the rules and the ranker (attribution_rank.go), then the speakers (speakers.go).
type doc struct {
	cast
	usedVerb []bool // by token: a reporting verb already attributed
	attrs    []attribution
	caps     map[string]int // capitalised words and how often they occur, for the ranker (capCount)
}

// newDoc prepares body for finding quotes, in the buffers of sc (nil for fresh ones).
func (f *speakerFinder) newDoc(body string, sc *docScratch) *doc {
	if sc == nil {
		sc = &docScratch{}
	}
	d := &doc{}
	d.cast.read(body, f.w, f.gaz, sc)
	d.usedVerb = falses(sc.used, len(d.toks))
	sc.used = d.usedVerb
	return d
}

// startsWithDigit reports whether s starts with an ASCII digit.
func startsWithDigit(s string) bool { return s != "" && '0' <= s[0] && s[0] <= '9' }

// falses returns buf resized to n, all false.
func falses(buf []bool, n int) []bool {
	buf = slices.Grow(buf[:0], n)[:n]
	clear(buf)
	return buf
}

func isParticiple(low string) bool { return strings.HasSuffix(low, "ing") }

// directQuotes attributes quotes that stand next to their attribution:
// `X said: “…”`, `X said, “…”`, `“…,” X said`, `“…,” said X`.
func (d *doc) directQuotes() {
	signed := -1 // the token after the last signature of a list of signed quotes
	for si := range d.spans {
		sp := &d.spans[si]
		if sp.openTok < 0 || d.titleOfWork(sp) {
			continue
		}
		sent := d.toks[sp.openTok].sent
		lo := d.sentStart[sent]
		sig, next := d.signatureAfter(sp, signed)
		var m mention
		v := -1
		bySig := next >= 0
		switch {
		case bySig:
			m, signed = sig, next // signed on its line: "“…” ― Jane Roe"
		case sp.openTok != signed:
			// after a signature, the name before the quote signs the one before it
			m, v = d.quoteLeft(sp, lo)
			if m.kind == mentionNone && sp.closeTok >= 0 && d.startsSentence(sp) {
				m, v = d.quoteRight(sp)
			}
			if m.kind == mentionNone {
				m, v = d.predicativeLeft(sp, lo)
			}
			if m.kind == mentionNone {
				m, bySig = sig, true
			}
		}
		if m.kind == mentionNone {
			continue
		}
		if v >= 0 {
			d.usedVerb[v] = true
		}
		sp.attributed = len(d.attrs)
		d.attrs = append(d.attrs, attribution{m: m, start: sp.start, end: sp.end, direct: true, signed: bySig,
			para: int(d.toks[sp.openTok].para), sent: int(sent)})
	}
}

// titleOfWork reports whether the quote sp is the title of the work named just before it:
// "said in his 2012 book, “An Island Son.”"
func (d *doc) titleOfWork(sp *quoteSpan) bool {
	k := sp.openTok - 1
	if k < 1 || d.toks[k].low != "," || !d.titleSpan(sp) {
		return false
	}
	w := &d.toks[k-1]
	return w.word && !w.cap && (d.w.documents[w.low] || d.w.sourceNouns[w.low])
}

// signatureAfter reads the line that signs a quote standing alone in its paragraph, as fact
// checks and pull quotes print them: the paragraph after it is a dash and a name, perhaps with
// a title ("— Jane Roe, state senator"); or, in a list of signed quotes, the dash and the name
// follow the closing mark and end the line: "“…” ― Jane Roe" before the next quote or the end
// of the paragraph. signed is the token after the last such signature (-1 for none): a quote
// opening there is in the list even though it does not open the paragraph.
func (d *doc) signatureAfter(sp *quoteSpan, signed int) (mention, int) {
	if sp.closeTok < 0 || !sp.paraStart && sp.openTok != signed {
		return mention{}, -1
	}
	para := d.toks[sp.closeTok].para
	if k := sp.closeTok + 1; k+1 < len(d.toks) && d.toks[k].para == para && isDash(d.toks[k].low) && d.nameTok(k+1) {
		b := d.signatureName(k, para)
		e := b + 1
		if e < len(d.toks) && d.toks[e].low == "." {
			e++
		}
		if e < len(d.toks) && d.toks[e].para == para && !(isQuoteMark(d.toks[e].text) && d.toks[e].quote < 0) {
			return mention{}, -1 // the sentence goes on: "“…” — Jane Roe said that …"
		}
		if m := d.signatureMention(k+1, b); m.kind != mentionNone {
			return m, e
		}
		return mention{}, -1
	}
	k := sp.closeTok + 1
	for k < len(d.toks) && d.toks[k].para == para && !d.toks[k].word {
		k++
	}
	if k+1 >= len(d.toks) || d.toks[k].para != para+1 || !isDash(d.toks[k].low) || !d.nameTok(k+1) {
		return mention{}, -1
	}
	b := d.signatureName(k, para+1)
	if e := b + 1; e < len(d.toks) && d.toks[e].para == para+1 && d.toks[e].low != "," && !(d.toks[e].low == "." && (e+1 == len(d.toks) || d.toks[e+1].para != para+1)) {
		return mention{}, -1 // the line goes on: no signature
	}
	return d.signatureMention(k+1, b), -1
}

// signatureName returns the last token of the name after the dash at token k, in paragraph para.
func (d *doc) signatureName(k int, para int32) int {
	b := k + 1
	for b+1 < len(d.toks) && d.toks[b+1].para == para && d.nameTok(b+1) && b < k+5 {
		b++
	}
	return b
}

// signatureMention is the person whose name signs a quote in tokens [a, b].
func (d *doc) signatureMention(a, b int) mention {
	m := d.nameMention(a, b, true)
	if m.kind != mentionName || d.isPlaceName(strings.Join(m.name, " ")) {
		return mention{}
	}
	return m
}

// quoteLeft finds `X said: “`, `X said, “`, `X said “` and `according to X, “`.
func (d *doc) quoteLeft(sp *quoteSpan, lo int) (mention, int) {
	k := sp.openTok - 1
	if k < lo {
		return d.colonSubject(sp), -1 // the quote opens its paragraph
	}
	search := 1
	switch d.toks[k].low {
	case ":":
		search = 10
		k--
	case ",":
		search = 10
		k--
	case "that":
		search = 8 // "Jane Roe says on her website that “…”"
		k--
	}
	for v := k; v >= lo && v > k-search; v-- {
		t := &d.toks[v]
		if t.quote >= 0 || isQuoteMark(t.text) {
			break
		}
		if t.low == "," && v < k && d.mainClauseAfter(v+1, k+1) {
			break // "When Hask suggested a suit, Jane Roe shot back:": no verb of hers before
		}
		if t.low == "it" && v-1 >= lo && (d.toks[v-1].low == "puts" || d.toks[v-1].low == "put") {
			v-- // "As Jane Roe puts it, “…”"
			t = &d.toks[v]
		} else if !d.verb(v) {
			continue
		}
		var m mention
		switch {
		case isParticiple(t.low):
			m = d.sentenceSubject(v)
		case v-1 >= lo && d.toks[v-1].low == "to":
			if m = d.purposeSubject(v-1, lo); m.kind == mentionNone {
				m = d.openingSubject(lo, v) // "He went on to say, “…”"
			}
		default:
			m = d.openingSource(d.subjectLeft(v, lo), v, lo)
			m = d.orGroup(m, lo, v) // "Friends of the mayor who saw him say, “…”"
		}
		if m.kind == mentionNone && v-1 >= lo && d.toks[v-1].low == "," {
			m = d.mentionRight(v+1, sp.openTok)
		}
		if m.kind != mentionNone {
			return m, v
		}
		break
	}
	if d.toks[sp.openTok-1].low == "," {
		if m := d.accordingTo(lo, sp.openTok-1); m.kind != mentionNone {
			return m, -1
		}
	}
	if k := sp.openTok - 2; k > lo && (d.toks[k+1].low == "," || d.toks[k+1].low == ":") && !d.toks[k].cap && d.w.documents[d.toks[k].low] {
		if m := d.openingSubject(lo, k); m.kind != mentionNone {
			return m, -1 // "Jane Roe issued a statement, “…”"
		}
	}
	return d.colonSubject(sp), -1
}

// colonSubject returns the person who is the subject of the sentence whose colon opens quote
// sp, in its paragraph or the next: "Jane Roe had a message for the council: “…”", "He told
// the crowd, to loud applause:" and the quote below.
func (d *doc) colonSubject(sp *quoteSpan) mention {
	c := sp.openTok - 1
	if c < 0 || d.toks[c].low != ":" && d.toks[c].low != "," {
		return mention{}
	}
	lo := d.sentStart[d.toks[c].sent]
	if k := d.afterDateline(lo, c); k < c && (d.toks[k].is(lexSubordinator) || d.toks[k].is(lexPreposition) || d.toks[k].low == "after" || d.toks[k].low == "before") {
		// "When Hask suggested a suit, Jane Roe fired back:": the main clause's subject;
		// before a comma only when a short verb phrase ends the clause ("…, Jane Roe shot
		// back, “…”")
		if m := d.subjectBefore(lo, c); m.kind == mentionName && !m.org && (d.toks[c].low == ":" || d.wordsOnly(m.pos+1, c) && c-m.pos <= 4) {
			m.firm = true // the ranker sees no clauses
			return m
		}
	}
	if d.toks[c].low != ":" {
		return mention{}
	}
	m := d.openingSubject(lo, c)
	if m.kind == mentionNone {
		m = d.nameLabel(lo, c) // "Jane Roe: “…”", as a transcript or a debate report gives it
	}
	if m.kind == mentionName && !m.org && (len(m.name) >= 2 || d.lookup(m.name, m.pos) != nil) || m.kind == mentionPronoun {
		return m // not a word that opens the sentence, as "Giant screens glittered with …:"
	}
	return mention{}
}

// nameLabel reads tokens [lo, c), all that stands before the colon c in its sentence, as a
// name that labels what follows: "Jane Roe:", "Sen. Jane Roe:", "Keswater Research:". A label in
// capitals ("WATCH:") or of one letter ("Q:") is none. A verb of saying may stand before the
// name ("Added Roe:").
func (d *doc) nameLabel(lo, c int) mention {
	k := d.afterDateline(lo, c)
	if k+1 < c && d.toks[k].is(lexVerb) {
		k++ // "Added Roe: “…”": the verb before the name
	}
	if c-k < 1 || c-k > 5 || d.toks[k].quote >= 0 {
		return mention{}
	}
	for j := k; j < c; j++ {
		if t := &d.toks[j]; !d.nameTok(j) || t.poss || len(t.text) < 2 || isUpperString(t.text) && len(t.text) > 3 {
			return mention{}
		}
	}
	return d.runLeft(c-1, k)
}

// predicativeLeft finds `X called the plan “…”`, `X slammed the ruling as “…”`, `X had
// described it as “…”`: a verb that characterises its object (lexicon
// speaker_verbs_predicative.txt) a few words before the quote, whose subject speaks. "called
// for", "called on" (speaker_predicative_particles.txt) characterise nothing.
func (d *doc) predicativeLeft(sp *quoteSpan, lo int) (mention, int) {
	open := sp.openTok
	for v := open - 1; v >= lo && v >= open-9; v-- {
		t := &d.toks[v]
		if q := d.listedBefore(v, open); q != nil {
			open, v = q.openTok, q.openTok // "branded the budget “timid,” “cynical” and “…”"
			continue
		}
		if t.quote >= 0 || isQuoteMark(t.text) || t.low == "." || t.low == ";" || t.low == ":" {
			break
		}
		if !t.word || t.cap || !t.is(lexPredicative) || d.usedVerb[v] && open == sp.openTok {
			continue
		}
		if n := d.toks[v+1].low; d.w.particles[n] || n == "it" && v+2 == sp.openTok && d.namesIt(sp) {
			return mention{}, -1 // "called it “Operation Tide”", "called it “quits”": no quote
		}
		var m mention
		switch {
		case isParticiple(t.low):
			if m = d.withSubject(v, lo); m.kind == mentionNone {
				m = d.sentenceSubject(v)
			}
		case v-1 >= lo && (d.toks[v-1].low == "had" || d.toks[v-1].low == "has" || d.toks[v-1].low == "have"):
			m = d.subjectLeft(v-1, lo)
		default:
			m = d.subjectLeft(v, lo)
		}
		return m, v
	}
	return mention{}, -1
}

// namesIt reports whether the quote sp, after "called it", names something or is part of an
// idiom rather than characterising it ("called it “shameful”"): a capitalised first word, or
// "quits".
func (d *doc) namesIt(sp *quoteSpan) bool {
	k := sp.openTok + 1
	return k >= len(d.toks) || d.toks[k].cap || d.toks[k].low == "quits"
}

// listedBefore returns the quote whose closing mark is token v when only commas, "and" or "or"
// stand between it and the opening mark at token open: the quote before in a list of them.
func (d *doc) listedBefore(v, open int) *quoteSpan {
	if !isCloseMark(d.toks[v].text) {
		return nil
	}
	for k := v + 1; k < open; k++ {
		if l := d.toks[k].low; l != "," && l != "and" && l != "or" {
			return nil
		}
	}
	if q := d.quoteClosedAt(v); q >= 0 {
		return &d.spans[q]
	}
	return nil
}

// quoteRight finds `“…,” X said` and `“…,” said X` after a quote that opens its sentence.
func (d *doc) quoteRight(sp *quoteSpan) (mention, int) {
	r := sp.closeTok + 1
	if r >= len(d.toks) || d.toks[r].para != d.toks[sp.closeTok].para {
		return mention{}, -1
	}
	if d.toks[r].low == "," || d.toks[r].low == "—" || d.toks[r].low == "-" {
		r++
	}
	end := len(d.toks)
	for i := r; i < len(d.toks) && i < r+40; i++ {
		t := &d.toks[i]
		if t.low == "." && i > r && isPartyTag(d.toks[i-1].text) && i+1 < len(d.toks) && d.toks[i+1].low == "," {
			end = i + 1
			continue // "“…,” Rep. Jane Roe, D-Mich., said": the period of the state's abbreviation
		}
		if q := d.quoteAt(i); q >= 0 && d.titleSpan(&d.spans[q]) {
			i = d.spans[q].closeTok // "“…,” Jane Roe, wearing “Vote Roe” pins, said"
			end = i + 1
			continue
		}
		if t.para != d.toks[sp.closeTok].para || t.low == "." || t.low == ";" || isQuoteMark(t.text) {
			end = i
			break
		}
		end = i + 1
	}
	if r < end && d.verb(r) {
		if m := d.mentionRight(r+1, end); m.kind != mentionNone {
			// "“…,” said the investor": a determiner's phrase up to the end of the clause
			m.cued = m.kind == mentionUnnamed && m.first == r+1 && d.opensPhrase(r+1) &&
				(m.pos+1 >= end || !d.toks[m.pos+1].word)
			return m, r
		}
		return mention{}, -1
	}
	for v := r + 1; v < end; v++ {
		if !d.verb(v) || d.toks[v].is(lexModifier) && v+1 < end && d.toks[v+1].is(lexRolePart) {
			continue // not "state" in "the state senator said"
		}
		if d.toks[v-1].is(lexDeterminer) && v+1 < end && d.verb(v+1) {
			continue // a noun: "the note says"
		}
		m := d.subjectLeft(v, r)
		if m.kind == mentionNone || m.first < r {
			break
		}
		for k := r; k < m.first; k++ {
			if !d.toks[k].word && !(k == m.first-1 && d.toks[k].low == "," && k > r && d.personNoun(k-1)) {
				return mention{}, -1 // but "“…,” his wife, Jane Roe, said"
			}
		}
		if d.introducesNext(sp, r, v, m.kind == mentionPronoun) {
			return mention{}, -1 // "“We are not thieves.” Mr. Hask said: “…”": Hask's words follow
		}
		// the words between the quote and its verb are a source whatever their head: "“…,” the
		// investor said"
		m.cued = m.kind == mentionUnnamed && m.first == r && m.pos == v-1 && d.opensPhrase(r) && !d.verb(v+1)
		return m, v
	}
	if r+1 < end && d.toks[r].low == "according" && d.toks[r+1].low == "to" {
		if m, _ := d.accordingMention(r+2, end); m.kind != mentionNone {
			return m, -1
		}
	}
	return mention{}, -1
}

// introducesNext reports whether the verb at v, after the quote sp and the words from token r,
// opens the next quote or a clause of its own rather than closing sp: sp ends its sentence
// with a full stop inside the marks, no comma follows them, and the verb is followed by a
// colon, an opening mark or what it reports, as in "“We fled the floods,” Ms. Quist said. “We
// are not thieves.” Mr. Hask said: “…”" or "“… campaign.” Jane Roe said she would …"; a
// pronoun that reports words of its own goes on from the quote and takes it.
func (d *doc) introducesNext(sp *quoteSpan, r, v int, pronoun bool) bool {
	if sp.closeTok < 0 || r != sp.closeTok+1 || sp.end <= sp.start || d.rs[sp.end-1] != '.' {
		return false
	}
	n := v + 1
	if n < len(d.toks) && d.toks[n].low == "," {
		n++
	}
	if n >= len(d.toks) || d.toks[n].para != d.toks[v].para {
		return false
	}
	if d.toks[v+1].low == ":" || isQuoteMark(d.toks[n].text) && d.quoteAt(n) >= 0 {
		return true
	}
	if pronoun {
		return false // "“…” She further announced that …": the speaker of the quote goes on
	}
	s, _ := d.contentAfter(v, d.sentEnd[d.toks[v].sent])
	return s >= 0 // "“… campaign.” Jane Roe said she would have fired him": her own words follow
}

// partOfGroup reads a quantifier and the group it takes its part of, from token s up to the
// verb at v, as an unnamed source: "Some of the women said …", "Many in the crowd said …",
// "Most of those at the hearing say …". A share given in figures is a poll's, no source.
func (d *doc) partOfGroup(s, v int) mention {
	if s+3 > v || !d.toks[s].is(lexUnnamedDet) || d.toks[s].low == "a" || d.toks[s].low == "an" ||
		d.toks[s+1].low != "of" && d.toks[s+1].low != "in" || !d.opensPhrase(s+2) && d.toks[s+2].low != "those" {
		return mention{}
	}
	for k := s + 2; k < v; k++ {
		t := &d.toks[k]
		if !t.word || t.quote >= 0 || t.is(lexVerb) && !t.cap || t.is(lexPoll) || startsWithDigit(t.text) || isRelative(t.low) || isAuxiliary(t.low) {
			return mention{}
		}
	}
	return mention{kind: mentionUnnamed, first: s, pos: v - 1, cued: true}
}

// openingSource marks the unnamed mention m, the subject of the verb at v, as a source when
// its noun ends like a noun for a person ("-er", "-ist": speaker_descriptor_suffixes.txt),
// known or not, and it opens the sentence starting at lo with a determiner and stands right
// before the verb: "The former pollster said, “…”", "The investor said that …".
func (d *doc) openingSource(m mention, v, lo int) mention {
	if m.kind != mentionUnnamed || m.pos != v-1 || !d.opensPhrase(m.first) || m.pos == m.first ||
		m.first != d.afterDateline(lo, v) && (m.first == 0 || d.toks[m.first-1].low != ",") {
		return m // "As a phone rang, the announcer said" opens its clause after the comma
	}
	for k := m.first; k < m.pos; k++ {
		if startsWithDigit(d.toks[k].text) {
			return m // "A mere 9 percent say": a poll's share, no source
		}
	}
	if h := &d.toks[m.pos]; h.word && !h.cap && !h.poss && d.w.personHead(h.low) && !h.is(lexFunction) {
		m.cued = true
	}
	return m
}

// opensPhrase reports whether token i is a determiner that opens a noun phrase: "the", "a",
// "her", "several".
func (d *doc) opensPhrase(i int) bool {
	return d.toks[i].is(lexDeterminer) || d.toks[i].is(lexUnnamedDet)
}

// sentenceSubject returns the speaker of the sentence that holds token v: the subject of its
// first attributed reporting verb before v ("Trump said …, adding …").
func (d *doc) sentenceSubject(v int) mention {
	lo := d.sentStart[d.toks[v].sent]
	for u := lo; u < v; u++ {
		if !d.verb(u) || d.nounUse(u, lo) {
			continue
		}
		if m := d.subjectLeft(u, lo); m.kind != mentionNone {
			if m.kind == mentionUnnamed && d.unnamedTitle(m) == "" {
				continue // "a rare note of …": the verb's word is a noun here
			}
			return m
		}
		if u > lo && (d.toks[u-1].low == "," || isCloseMark(d.toks[u-1].text)) {
			if m := d.mentionRight(u+1, v); m.kind != mentionNone {
				return m
			}
		}
	}
	for _, a := range d.attrs {
		if a.sent == int(d.toks[v].sent) {
			return a.m
		}
	}
	if v-1 > lo && d.w.participleLinks[d.toks[v-1].low] && d.toks[v-2].word {
		if m := d.subjectBefore(lo, v-1); m.kind != mentionNone {
			return m // "…, Jane Roe paused before answering: “…”"
		}
	}
	if v-2 > lo && d.toks[v-2].low == "," && d.adverbBefore(v-1) {
		v-- // "Jane Roe defended the plan, recently telling …"
	}
	if v > lo && (d.toks[v-1].low == "," || d.toks[v-1].low == "by" || isDash(d.toks[v-1].low) || isCloseMark(d.toks[v-1].text) && v-2 > lo && d.toks[v-2].low == ",") {
		if c := d.coordinateClause(lo, v); c > lo {
			if m := d.openingSubject(c, v); m.kind == mentionName {
				// "Hask pivoted to trade, but Jane Roe brought him back, asking …"; the ranker,
				// which sees no clauses, keeps it
				m.firm = true
				return m
			}
		}
		if m := d.openingSubject(lo, v); m.kind != mentionNone {
			return m // "Jane Roe defended the plan, saying …", "… – saying …", "… “values,” saying …"
		}
		if m := d.openingRole(lo, v); m.kind != mentionNone {
			return m // "The senator defended the plan, saying …", "Roe's campaign shrugged it off, telling …"
		}
		if m := d.groupSubject(lo, v, true); m.kind != mentionNone {
			return m // "Other advisers have urged a default, saying …"
		}
		// "Later that month, Jane Roe appealed, arguing …"; "While celebrating his wins in five
		// primaries on Tuesday night, Jane Roe mocked …, saying …"
		far := lo + 8
		if t := &d.toks[lo]; t.is(lexPreposition) || t.is(lexSubordinator) || strings.HasSuffix(t.low, "ing") ||
			(t.low == "and" || t.low == "but") && lo+1 < v && d.toks[lo+1].is(lexSubordinator) {
			far = lo + 20 // "And although he thanked …, he sounded …, saying …"
		}
		for k := lo + 1; k < v-1 && k < far; k++ {
			if d.toks[k].low == "," {
				m := d.openingSubject(k+1, v)
				if n := &d.toks[k+1]; m.kind != mentionNone || !(n.is(lexPreposition) || n.is(lexSubordinator) || n.low == "after" || n.low == "before" || n.low == "despite") {
					return m
				}
				far = k + 20 // "Thursday, after remaining neutral for months, Jane Roe endorsed …, saying"
				continue
			}
			if !d.toks[k].word {
				break
			}
		}
	}
	return mention{}
}

// coordinateClause returns the token after the last ", but", ", and" or ", yet" before token
// v in the sentence starting at lo, outside quotes, where a main clause of its own opens; lo
// when there is none.
func (d *doc) coordinateClause(lo, v int) int {
	for c := v - 2; c > lo; c-- {
		if d.toks[c].low == "," && d.toks[c].quote < 0 {
			if l := d.toks[c+1].low; l == "but" || l == "and" || l == "yet" {
				return c + 2
			}
		}
	}
	return lo
}

// openingRole reads a description that opens the sentence starting at token lo, before token
// hi, as the subject of its first verb: "The Florida senator sought to calm the crowd, saying
// …", "The Wisconsin Republican did give some credit, saying …", "A spokesman shrugged off the
// remarks, telling reporters …", "Roe's campaign shrugged off …". The description is a role,
// resolved to the person it describes, or a source the article does not name; any other noun
// phrase gives no mention.
func (d *doc) openingRole(lo, hi int) mention {
	k := d.afterDateline(lo, hi)
	if k >= hi {
		return mention{}
	}
	switch low := d.toks[k].low; {
	case low == "the", low == "a", low == "an":
	case d.nameTok(k) && d.toks[k].poss, k+1 < hi && d.nameTok(k) && d.nameTok(k+1) && d.toks[k+1].poss:
		// "Roe's campaign", "Jane Roe's office"
	default:
		return mention{}
	}
	for u := k + 2; u < hi && u <= k+7; u++ {
		t := &d.toks[u]
		if !t.word || t.quote >= 0 {
			break
		}
		if t.cap || t.poss {
			continue
		}
		m := d.subjectLeft(u, lo)
		if m.first != k && m.first != k+1 {
			continue
		}
		if m.kind == mentionRole {
			return m
		}
		if m.kind != mentionUnnamed || len(m.role) == 0 {
			continue
		}
		h := m.role[len(m.role)-1]
		if d.toks[k].low != "the" && d.sourceHead(h) {
			return m
		}
		if d.w.personHead(h) {
			m.cued = true // "The New York businessman has praised the plan, saying …"
			return m
		}
	}
	return mention{}
}

// subjectBefore returns the subject of the clause that ends before token hi in the sentence
// starting at lo: the last name before hi followed by a lower-case word, itself after a comma
// or opening the sentence ("Asked whether …, Transport Commissioner Jane Roe paused").
func (d *doc) subjectBefore(lo, hi int) mention {
	for e := hi - 2; e >= lo; e-- {
		if d.toks[e].quote >= 0 {
			break
		}
		if !d.nameTok(e) || d.toks[e].poss || !d.toks[e+1].word || d.toks[e+1].cap || d.toks[e+1].is(lexFunction) {
			continue
		}
		a := e
		for a-1 >= lo && d.nameTok(a-1) && !d.toks[a-1].poss {
			a--
		}
		if a == lo || d.toks[a-1].low == "," {
			if m := d.runLeft(e, lo); m.kind == mentionName {
				return m
			}
		}
		return mention{}
	}
	return mention{}
}

// isDash reports whether low is a dash that sets off a phrase: "–", "—", "-".
func isDash(low string) bool { return low == "–" || low == "—" || low == "-" || low == "―" }

// openingSubject returns the subject that opens the sentence starting at token lo, before
// token hi: "he" or "she", or a name followed by a lower-case word ("Jane Roe defended …").
func (d *doc) openingSubject(lo, hi int) mention {
	k := d.afterDateline(lo, hi)
	for k < hi && !d.toks[k].word {
		k++
	}
	for k+1 < hi && (d.toks[k].low == "and" || d.toks[k].low == "but" || d.toks[k].low == "so") && d.w.adverbs[d.toks[k+1].low] {
		k += 2 // "And then Jane Roe went on the attack, saying …"
	}
	if k >= hi || d.toks[k].quote >= 0 {
		return mention{}
	}
	if g, ok := isPronoun(d.toks[k].low); ok {
		return mention{kind: mentionPronoun, gender: g, first: k, pos: k}
	}
	if k+1 < hi && isAgeWord(d.toks[k].low) && d.nameTok(k+1) {
		k++ // "76-year-old Jane Roe, founder of …, endorsed …, saying"
	}
	the := d.toks[k].low == "the" && k+1 < hi && d.nameTok(k+1)
	if the {
		k++ // "The Ninth District Court of Appeals reversed the conviction, finding …"
	}
	if !d.nameTok(k) || d.toks[k].poss {
		return mention{}
	}
	e := k
	for e+1 < hi && d.nameTok(e+1) && !d.toks[e].poss {
		e++
	}
	for the && e+2 < hi && d.toks[e+1].low == "of" && d.nameTok(e+2) && d.isOrgRun(k, e) {
		for e += 2; e+1 < hi && d.nameTok(e+1) && !d.toks[e].poss; e++ {
		} // "Court" + "of Appeals"
	}
	if n := d.roleThenName(e, hi); n > e {
		// "Keswater campaign manager Jane Roe rejected …, saying …": the name after the
		// role, not the name the role belongs to
		for k, e = n, n; e+1 < hi && d.nameTok(e+1) && !d.toks[e].poss; {
			e++
		}
	} else if n := d.afterAdjectives(k, e, hi); n > e {
		// "Democratic presidential hopeful Jane Roe came second, saying …": the name after
		// the party adjective and its descriptor
		for k, e = n, n; e+1 < hi && d.nameTok(e+1) && !d.toks[e].poss; {
			e++
		}
	}
	pe := e // the name's end, or that of the place after it
	if !d.isOrgRun(k, e) {
		pe = d.ofPlaceAfter(e, hi) // "Jane Roe of Ohio defended …", not "A Superior Court of Ontario judge"
	}
	n := d.dayAfter(d.afterParenthesis(pe+1, hi), hi) // "Sen. Jane Roe (D-Ohio) on Monday defended …"
	n = d.afterPartyTag(n, hi)                        // "Sen. Jane Roe, R-Ohio, defended …"
	n = d.afterAsidePhrase(n, hi)                     // "Jane Roe, in an interview on Friday, defended …"
	n = d.afterRelativeAside(n, hi)                   // "Jane Roe of Ohio, who is running second, stuck to …"
	if n >= hi || d.toks[e].poss || !d.toks[n].word || d.toks[n].cap || d.toks[n].is(lexFunction) {
		return mention{}
	}
	if m := d.runLeft(e, lo); m.kind == mentionName {
		return m
	}
	return mention{}
}

// roleThenName returns the first token of the name that follows the name ending at token e
// after at most three lower-case words naming a role ("campaign manager", "press secretary",
// "spokesman"), before token hi; -1 when none does. A verb ("Jane Roe thanked supporter …")
// ends the role.
func (d *doc) roleThenName(e, hi int) int {
	i := e + 1
	if d.toks[e].poss || i >= hi || !d.toks[i].word || d.toks[i].cap {
		return -1
	}
	n := d.descriptorRun(i, hi)
	if n <= i || n > i+3 || !d.toks[n-1].is(lexRole) && !d.w.persons[d.toks[n-1].low] {
		return -1 // not "Roe quotes former Doe adviser Teodor Hask"
	}
	for k := i; k < n; k++ {
		if l := d.toks[k].low; strings.HasSuffix(l, "ed") || d.verb(k) {
			return -1
		}
	}
	return n
}

// afterRelativeAside returns the token after a relative clause set off by commas that opens at
// the comma i ("…, who is running second in many states, …"), or i when none does.
func (d *doc) afterRelativeAside(i, hi int) int {
	if i+1 >= hi || d.toks[i].low != "," || !isRelative(d.toks[i+1].low) {
		return i
	}
	for j := i + 2; j < hi && j < i+30; j++ {
		t := &d.toks[j]
		if t.quote >= 0 || isQuoteMark(t.text) || t.low == "." || t.low == ";" {
			return i
		}
		if t.low == "," {
			return j + 1
		}
	}
	return i
}

// reportedSpeech finds `X said (that) …`, `…, X said`, `…, said X` and `according to X`.
func (d *doc) reportedSpeech() {
	for v := range d.toks {
		t := &d.toks[v]
		if t.word && t.low == "according" && v+1 < len(d.toks) && d.toks[v+1].low == "to" && t.quote < 0 {
			d.according(v)
			continue
		}
		if t.word && t.low == "as" && v+3 < len(d.toks) && d.toks[v+2].low == "by" && t.quote < 0 && d.reportedBy(v+1) {
			d.accordingFrom(v, v+3) // "As reported by the Courier, …"
			continue
		}
		if t.word && !t.cap && t.quote < 0 && t.is(lexFinding) && !d.usedVerb[v] && !d.headline[t.para] {
			if m := d.pollSubject(v); m.kind == mentionName {
				lo := d.sentStart[t.sent]
				s, e := d.contentAfter(v, d.sentEnd[t.sent])
				if s < 0 && m.first > lo {
					s, e = d.contentBefore(lo, m.first) // "…, a Westbrook University survey shows"
				}
				if s >= 0 {
					d.addReported(m, s, e, int(t.sent))
					d.usedVerb[v] = true
				}
				continue
			}
		}
		if t.word && !t.cap && t.quote < 0 && t.is(lexRuling) && v+1 < len(d.toks) && d.toks[v+1].low == "that" && !d.usedVerb[v] && !d.headline[t.para] {
			if m := d.courtSubject(v); m.kind == mentionName {
				if s, e := d.contentAfter(v, d.sentEnd[t.sent]); s >= 0 {
					d.addReported(m, s, e, int(t.sent))
					d.usedVerb[v] = true
				}
				continue
			}
		}
		if d.usedVerb[v] || !d.reportingVerb(v) || d.headline[t.para] {
			continue
		}
		sent := t.sent
		lo, hi := d.sentStart[sent], d.sentEnd[sent]
		if d.nounUse(v, lo) || v+1 < hi && startsWithDigit(d.toks[v+1].text) && !d.saysNumber(v, hi) {
			continue // "his tweets", "her late-night posts", "the index added 0.1 per cent"
		}
		var m mention
		if !isParticiple(t.low) || v-1 >= lo && d.toks[v-1].is(lexProgressive) {
			m = d.openingSource(d.subjectLeft(v, lo), v, lo) // "Jane Roe said", "Jane Roe is saying"
			if m.kind == mentionNone || m.kind == mentionUnnamed || m.kind == mentionRole {
				if r := d.relativeSubject(lo, v); r.kind != mentionNone {
					m = r // "security experts who say …", "supporters who came to protest the convention say …"
				}
			}
			m = d.orGroup(m, lo, v) // "People briefed on the move said …", "Aides to Jane Roe say …"
		} else if v-2 >= lo && d.toks[v-1].low == "as" {
			m = d.quotedAs(v-1, lo) // "AFP quoted Jane Roe as saying …"
		} else {
			m = d.withSubject(v, lo) // "…, with Jane Roe tweeting that …"
		}
		before := false
		if m.kind == mentionNone && v > lo && isParticiple(t.low) && (isDash(d.toks[v-1].low) || isCloseMark(d.toks[v-1].text)) {
			m = d.sentenceSubject(v) // "… – saying …", "… “values,” saying …"
		}
		if m.kind == mentionNone && isParticiple(t.low) && v-2 > lo && d.toks[v-2].low == "," && (d.w.participleLinks[d.toks[v-1].low] || d.adverbBefore(v-1)) {
			m = d.sentenceSubject(v) // "…, before adding that …", "…, while insisting that …", "…, recently telling …"
		}
		if m.kind == mentionNone && v > lo && (d.toks[v-1].low == "," || !isParticiple(t.low) && isCloseMark(d.toks[v-1].text) && v-2 > lo && d.toks[v-2].low == ",") {
			if isParticiple(t.low) {
				m = d.sentenceSubject(v)
			} else {
				m = d.mentionRight(v+1, hi)
				before = true
				if m.kind == mentionPronoun || !d.endsClause(m.pos+1, hi) && !(m.kind == mentionUnnamed && m.pos+2 < hi && d.informedBy(m.pos+1)) {
					m = mention{} // "…, said he was ready", "…, said Covington Catholic has …"; but "…, said a source close to the talks"
				}
			}
		}
		purpose := false
		if (t.low == "say" || t.low == "tell") && v-2 > lo && d.toks[v-1].low == "to" && (m.kind == mentionNone || m.kind == mentionUnnamed && m.pos == v-1) {
			if p := d.purposeSubject(v-1, lo); p.kind != mentionNone {
				m, purpose = p, true // "Jane Roe took to Twitter to say …"
				if v+1 < hi && d.toks[v+1].is(lexQuestion) {
					continue // "stood up to say what she liked": a topic, no claim
				}
			}
		}
		if m.kind == mentionNone && isParticiple(t.low) && v-2 > lo && d.toks[v-1].low == "," {
			m = d.openingRole(lo, v) // "The Florida senator calmed the crowd, saying …"
		}
		if m.kind == mentionNone && isParticiple(t.low) && v-2 > lo && d.toks[v-1].low == "by" {
			m = d.openingSubject(lo, v) // "Jane Roe made peace by telling him that …"
			if m.kind == mentionNone {
				m = d.sentenceSubject(v) // "After the vote, Jane Roe made peace by telling him …"
			}
		}
		if m.kind == mentionNone && isParticiple(t.low) && v-1 > lo && !d.toks[v-1].cap && d.w.documents[d.toks[v-1].low] {
			m = d.openingSubject(lo, v) // "Jane Roe issued a statement saying …"
			if m.kind == mentionNone {
				m = d.documentSubject(v-1, lo)
			}
		}
		if m.kind == mentionNone || d.asksQuestion(v, hi) {
			continue
		}
		s, e := -1, -1
		inParen := false
		if p := d.parenthesisOpen(lo, m.first); p >= 0 && v+1 < hi && d.toks[v+1].low == ")" {
			lo, inParen = p+1, true // "… (at one point as low as 19%, Jane Roe says) …": what the parenthesis holds
		} else if !before && d.appositiveAfterVerb(m, lo, v, hi) {
			s, e = d.contentBefore(lo, m.first) // "…, Jane Roe said, a policy that …"
		}
		if !before && s < 0 && !inParen {
			s, e = d.contentAfter(v, hi)
		}
		if s < 0 && before {
			s, e = d.contentBefore(lo, v) // "…, said police Chief Jane Roe"
		} else if s < 0 && m.first > lo && !purpose && !(v+1 < hi && d.toks[v+1].low == "that") && !d.inRelativeClause(m, v) {
			s, e = d.contentBefore(lo, m.first)
		}
		if s < 0 {
			continue
		}
		d.addReported(m, s, e, int(sent))
		d.usedVerb[v] = true
	}
}

// parenthesisOpen returns the opening parenthesis in tokens [lo, k) that no closing one follows
// before k, or -1.
func (d *doc) parenthesisOpen(lo, k int) int {
	for j := k - 1; j >= lo; j-- {
		switch d.toks[j].low {
		case ")":
			return -1
		case "(":
			return j
		}
	}
	return -1
}

// appositiveAfterVerb reports whether the verb at v, its subject m set off by commas inside the
// sentence [lo, hi), is followed by a phrase that describes the clause before it rather than a
// clause of its own: "The levy would be cut for islanders, Jane Roe said, a policy that …".
func (d *doc) appositiveAfterVerb(m mention, lo, v, hi int) bool {
	if m.first <= lo+2 || d.toks[m.first-1].low != "," || v+2 >= hi || d.toks[v+1].low != "," || d.toks[v+2].low != "a" && d.toks[v+2].low != "an" {
		return false
	}
	for k := lo; k < m.first-1; k++ {
		if t := &d.toks[k]; t.quote < 0 && (isAuxiliary(t.low) || t.is(lexVerb) && !t.cap) {
			return true
		}
	}
	return false
}

// relativeSubject reads the subject of the verb at v when a relative clause stands between
// them, with no comma: "experts who say …", "many supporters who came to protest the
// convention say …". The subject is the noun phrase or name before "who".
func (d *doc) relativeSubject(lo, v int) mention {
	w := -1
	for k := v - 1; k > lo && k > v-16; k-- {
		t := &d.toks[k]
		if !t.word || t.quote >= 0 {
			return mention{}
		}
		if t.low == "who" {
			w = k
			break
		}
	}
	if w < 0 {
		return mention{}
	}
	p := &d.toks[w-1]
	switch {
	case d.nameTok(w-1) && !p.poss:
		// the name opens the clause: not "An official with Acme Services who was there told …"
		if m := d.runLeft(w-1, lo); m.kind == mentionName && (m.first == lo || d.toks[m.first-1].low == ",") {
			return m
		}
	case p.word && !p.cap && strings.HasSuffix(p.low, "s"):
		if m := d.nounPhrase(w-1, lo); m.kind == mentionUnnamed {
			return m
		}
	}
	return mention{}
}

// inRelativeClause reports whether the verb at v belongs to a relative clause after mention m
// ("…, Jane Roe, who had reported it twice."): the clause before the name is nothing she said.
func (d *doc) inRelativeClause(m mention, v int) bool {
	if m.pos+2 >= v || d.toks[m.pos+1].low != "," || d.toks[m.pos+2].low != "who" {
		return false
	}
	for k := m.pos + 3; k < v; k++ {
		if !d.toks[k].word {
			return false
		}
	}
	return true
}

// purposeSubject reads the subject of the act done to speak, before the "to" at token to:
// "Jane Roe took to Twitter to say …", "Jane Roe stood up at the meeting to say …". Nothing
// when a negation stands between ("did not stop to say").
func (d *doc) purposeSubject(to, lo int) mention {
	if b := to - 2; b > lo && d.toks[to-1].word && !d.toks[to-1].cap && (d.toks[b].low == "was" || d.toks[b].low == "were" || d.toks[b].low == "felt") {
		return d.subjectLeft(b, lo) // "Jane Roe was prompted to say …", "felt compelled to say"
	}
	for k := to - 1; k >= lo && k >= to-6; k-- {
		t := &d.toks[k]
		if !t.word || t.quote >= 0 || t.low == "not" || t.low == "never" || strings.HasSuffix(t.low, "n't") || strings.HasSuffix(t.low, "n’t") {
			return mention{}
		}
		if !t.cap && t.is(lexPurposeVerb) {
			return d.subjectLeft(k, lo)
		}
	}
	return mention{}
}

// documentSubject reads the subject of the verb before the document noun at token n: "A group
// of economists, including Jane Roe and John Doe, signed an open letter warning …".
func (d *doc) documentSubject(n, lo int) mention {
	u := n - 1
	for u > lo && d.toks[u].word && !d.toks[u].cap && !d.toks[u].is(lexDeterminer) && u > n-4 {
		u-- // "open", "joint", "two-page"
	}
	if u <= lo || !d.toks[u].is(lexDeterminer) || !d.toks[u-1].word || d.toks[u-1].cap {
		return mention{}
	}
	return d.subjectLeft(u-1, lo)
}

// withSubject reads the name before the participle v after "with", or after a comma, a dash
// or "and" that opens a clause of a participle with its own subject: "Republicans chimed in,
// with Jane Roe tweeting that …", "Both issued statements – Jane Roe saying she was pleased
// and John Doe calling it “a great meeting.”"
func (d *doc) withSubject(v, lo int) mention {
	e := v - 1
	if e <= lo || !d.nameTok(e) || d.toks[e].poss {
		return mention{}
	}
	a := e
	for a-1 > lo && d.nameTok(a-1) && !d.toks[a-1].poss {
		a--
	}
	if p := d.toks[a-1].low; p != "with" && p != "," && !isDash(p) && !(p == "and" && d.absoluteBefore(a-1, lo)) {
		return mention{}
	}
	if m := d.nameMention(a, e, false); m.kind == mentionName {
		m.firm = true // the ranker sees no clauses: it would give "calling" the first subject
		return m
	}
	return mention{}
}

// absoluteBefore reports whether a participle with a name right before it stands between
// token lo and the "and" at token and: the first of two clauses with their own subjects, as
// in "Jane Roe saying she was pleased and John Doe calling it …" (not "a letter from Acme,
// Bolt and Keswater Bank informing them …").
func (d *doc) absoluteBefore(and, lo int) bool {
	for k := and - 1; k > lo; k-- {
		if t := &d.toks[k]; t.quote < 0 && t.word && !t.cap && isParticiple(t.low) && d.nameTok(k-1) && !d.toks[k-1].poss {
			return true
		}
	}
	return false
}

// namedDocument reads tokens [i, k] as a poll, survey or study with its author's name before
// it: "a Quinnipiac University poll", "the Real Clear Politics polling average", "a new Acme
// News national survey". The document noun (speaker_poll_nouns.txt) is the last word or the one
// before it; at most two lower-case words stand between it and the name. The author speaks, as
// an organisation.
func (d *doc) namedDocument(i, k int) (mention, bool) {
	poll := func(j int) bool { return d.toks[j].word && !d.toks[j].cap && d.toks[j].is(lexPoll) }
	h := k
	if h > i && !poll(h) {
		h--
	}
	if h < i || !poll(h) {
		return mention{}, false
	}
	n := h - 1
	for n >= i && n > h-3 && d.toks[n].word && !d.toks[n].cap {
		n--
	}
	if n < i || !d.nameTok(n) {
		return mention{}, false
	}
	a := n
	for a-1 >= i && d.nameTok(a-1) && !d.toks[a-1].poss {
		a--
	}
	if d.toks[n].poss && a == n && d.toks[n].is(lexGiven) {
		return mention{}, false // "Jane's poll": a person's, not a pollster's
	}
	m := d.nameMention(a, n, true)
	if m.kind != mentionName || len(m.pair) > 0 {
		return mention{}, false
	}
	m.org, m.title = true, ""
	return m, true
}

// pollSubject reads the subject of a finding verb at v when it is a named poll, survey or
// study (namedDocument): "a Quinnipiac University poll found", "a new Acme News survey shows".
func (d *doc) pollSubject(v int) mention {
	lo := d.sentStart[d.toks[v].sent]
	k := v - 1
	for k >= lo && d.toks[k].word && !d.toks[k].cap && d.toks[k].is(lexVerbGap) {
		k--
	}
	for j := k - 1; k >= lo && !d.toks[k].is(lexPoll) && j >= lo && j > k-6; j-- {
		if d.toks[j].is(lexPoll) && d.w.authoring[d.toks[j+1].low] {
			k = j // "a Westbrook University survey released on Sunday shows"
		}
	}
	if k < lo || !d.toks[k].is(lexPoll) {
		return mention{}
	}
	if m, ok := d.namedDocument(lo, k); ok && (m.pos == k-1 || m.org && d.toks[m.pos].poss) {
		// the name right before the noun: "a Pew Research Center survey found"; or an
		// organisation's survey: "the Ardley Institute's annual housing survey found"
		return m
	}
	return mention{}
}

// courtSubject returns the court that is the subject of the ruling verb v, which "that" follows
// ("the Court of Appeal held that …", "the Halden County Circuit Court found that …"; not "held
// a hearing"): a named organisation with a court noun (speaker_court_words.txt) in its name. In
// anyone else's mouth "held" and "found" are no speech.
func (d *doc) courtSubject(v int) mention {
	m := d.subjectLeft(v, d.sentStart[d.toks[v].sent])
	if m.kind != mentionName || !m.org {
		return mention{}
	}
	for k := m.first; k <= m.pos && k < v; k++ {
		if d.toks[k].is(lexCourt) {
			return m
		}
	}
	return mention{}
}

// quotedAs reads "quoted Jane Roe as (saying)", where as is the token "as": the person an
// outlet quotes speaks, not the outlet (CONVENTIONS.md). The quoting verb
// (speaker_verbs_quoting.txt) stands a few words before the name.
func (d *doc) quotedAs(as, lo int) mention {
	if !d.nameTok(as-1) || d.toks[as-1].poss {
		return mention{}
	}
	m := d.runLeft(as-1, lo)
	if m.kind != mentionName {
		return mention{}
	}
	for k := m.first - 1; k >= lo && k >= m.first-4; k-- {
		if d.w.quoting[d.toks[k].low] {
			return m
		}
	}
	return mention{}
}

func (d *doc) addReported(m mention, s, e, sent int) {
	// skip content that is a direct quote already attributed
	for i := range d.spans {
		sp := &d.spans[i]
		if sp.start >= s && sp.end <= e {
			if sp.attributed >= 0 && sp.end-sp.start > (e-s)*2/3 {
				return
			}
		}
	}
	for i := range d.spans {
		sp := &d.spans[i]
		if sp.start >= s && sp.end <= e+1 && sp.attributed < 0 {
			sp.coveredByRep = true
		}
	}
	d.attrs = append(d.attrs, attribution{m: m, start: s, end: e, para: int(d.toks[d.sentStart[sent]].para), sent: sent})
}

// headlineSpeech reads what a headline says someone said, in the first two paragraphs when
// they read as headlines: "Mayor Says Harbour Will Reopen in May", "The Latest: Jane Roe tells
// voters she is with them", "Harbour Will Reopen, Mayor Roe Says". A headline's capitals name no
// one by themselves, so the speaker is the person or organisation the article names elsewhere,
// by full name or by a surname no one else in the article has.
func (d *doc) headlineSpeech() {
	for i := 0; i < len(d.toks) && d.toks[i].para < 2; {
		para := d.toks[i].para
		lo, hi := i, i
		for hi < len(d.toks) && d.toks[hi].para == para {
			hi++
		}
		i = hi
		if !d.headline[para] {
			continue
		}
		for k := lo; k < hi && k < lo+5; k++ {
			if d.toks[k].low == ":" {
				lo = k + 1 // "The Latest: …", "EXCLUSIVE: …"
				break
			}
		}
		for v := lo + 1; v < hi; v++ {
			t := &d.toks[v]
			if d.usedVerb[v] || !t.word || t.quote >= 0 || !t.is(lexVerb) || t.is(lexWeak) || !(strings.HasSuffix(t.low, "s") || t.low == "said" || t.low == "told") {
				continue
			}
			a := v - 1
			for a-1 >= lo && a > v-4 && d.toks[a-1].word && d.toks[a-1].cap && d.toks[a-1].quote < 0 {
				a--
			}
			if a == v || !d.toks[a].cap || a > lo && d.toks[a-1].low != "," {
				continue
			}
			m := d.headlineName(a, v-1)
			if m.kind == mentionNone {
				continue
			}
			end := v + 1
			for end < hi && d.toks[end].low != ";" {
				end++
			}
			var s, e int
			if a > lo { // "Harbour Will Reopen, Mayor Roe Says."
				if end != v+1 && !(end == v+2 && d.toks[v+1].low == ".") {
					continue
				}
				s, e = d.span(lo, a-1)
			} else if s, e = d.contentAfter(v, end); s < 0 {
				continue
			}
			d.usedVerb[v] = true
			d.addReported(m, s, e, int(t.sent))
			break
		}
	}
}

// headlineName returns the person or organisation that the capitalised words [a, b] of a
// headline name, as the article names it elsewhere: the whole run is an entity's name, or its
// last word is the surname of one person only ("Rep McCaul", "Trump").
func (d *doc) headlineName(a, b int) mention {
	var hit *entity
	for _, e := range d.ents {
		whole := len(e.name) == b-a+1
		for k := 0; whole && k < len(e.name); k++ {
			whole = strings.EqualFold(e.name[k], d.toks[a+k].text)
		}
		if whole {
			hit = e
			break
		}
		if !e.org && len(e.name) >= 2 && strings.EqualFold(e.name[len(e.name)-1], d.toks[b].text) {
			if hit != nil && hit.key != e.key {
				return mention{} // two people with that surname
			}
			hit = e
		}
	}
	if hit == nil || hit.first >= 0 && d.headline[d.toks[hit.first].para] {
		return mention{} // named nowhere but in a headline
	}
	return mention{kind: mentionName, name: hit.name, key: hit.key, org: hit.org, gender: hit.gender, first: a, pos: b, fresh: true}
}

// according handles "according to X, …" and "…, according to X".
func (d *doc) according(v int) {
	d.accordingFrom(v, v+2)
}

// accordingFrom reads the source whose mention starts at token from after a cue that starts at
// token v, as according does: "according to X", "As reported by X, …".
func (d *doc) accordingFrom(v, from int) {
	sent := d.toks[v].sent
	lo, hi := d.sentStart[sent], d.sentEnd[sent]
	m, after := d.accordingMention(from, hi)
	if m.kind == mentionNone {
		return
	}
	var s, e int
	if after < hi && d.toks[after].low == "," && (v == lo || v == lo+1 && d.toks[lo].low == "(") {
		s, e = d.span(after+1, hi) // "According to X, …", "(According to X, …)"
	} else if v-1 > lo && v-1 <= lo+5 && d.toks[v-1].low == "," && after+3 < hi && d.toks[after].low == "," && d.wordsOnly(lo, v-1) && !isRelative(d.toks[after+1].low) && !isCoordinator(d.toks[after+1].low) {
		// the aside follows a few words that open the clause: "In addition, according to X,
		// …" gives what follows it, "Turnout, according to X, has doubled" the whole clause
		if t := &d.toks[lo]; !t.is(lexDeterminer) && (t.is(lexPreposition) || t.is(lexFunction) || d.w.adverbs[t.low]) {
			s, e = d.span(after+1, hi)
		} else {
			s, e = d.span(lo, hi)
		}
	} else if v > lo && d.toks[v-1].low == "," {
		s, e = d.span(lo, v-1)
	} else if v > lo && isCloseMark(d.toks[v-1].text) {
		s, e = d.span(lo, v) // "… became “the high-water mark,” according to Jane Roe"
	} else if c := d.relativeClauseStart(lo, v); c >= 0 && after < hi && d.toks[after].low == "," {
		s, e = d.span(c, v) // "The storm, which killed 40 people according to the UN, moved on."
	} else {
		return
	}
	if s >= 0 {
		d.addReported(m, s, e, int(sent))
	}
}

// isCoordinator reports whether low joins clauses: "and", "but", "or", "yet".
func isCoordinator(low string) bool {
	return low == "and" || low == "but" || low == "or" || low == "yet"
}

// reportedBy reports whether token i is a participle that with "by" after it names a source
// as "according to" does: "(as) reported by", "(as) noted by", "(as) first reported by".
func (d *doc) reportedBy(i int) bool {
	switch d.toks[i].low {
	case "reported", "noted", "stated", "announced", "told":
		return true
	}
	return false
}

// relativeClauseStart returns the first token of the relative clause set off by a comma that
// token v stands in ("…, which has killed 4,000 people according to …"), or -1 when v is in
// none: the comma before v in [lo, v) is followed by a relative pronoun.
func (d *doc) relativeClauseStart(lo, v int) int {
	for k := v - 1; k > lo; k-- {
		if d.toks[k].quote >= 0 || isQuoteMark(d.toks[k].text) {
			return -1
		}
		if d.toks[k].low == "," && !(startsWithDigit(d.toks[k-1].text) && startsWithDigit(d.toks[k+1].text)) {
			if d.relativeBefore(min(k+2, v), k+1) {
				return k + 1
			}
			return -1
		}
	}
	return -1
}

// accordingMention reads the source after "according to": a name, or a phrase holding a name
// ("the most recent numbers from Statistics Canada"), or an unnamed source.
func (d *doc) accordingMention(i, hi int) (mention, int) {
	j := i
	for j < hi && d.toks[j].low != "." && d.toks[j].quote < 0 && !isQuoteMark(d.toks[j].text) && j < i+12 {
		if d.toks[j].low == "," {
			if e := d.orgTail(j, hi); j > i && d.nameTok(j-1) && e > 0 {
				j = e // "according to the Hydrology, Forecasting and Coastal Agency"
				continue
			}
			break
		}
		j++
	}
	if j == i {
		return mention{}, j
	}
	if m := d.mentionRight(i, j); m.kind == mentionName || m.kind == mentionPronoun {
		return m, j
	}
	if m, ok := d.namedDocument(i, j-1); ok {
		return m, j // "according to the Real Clear Politics polling average"
	}
	for p := i + 1; p+1 < j; p++ {
		if d.toks[p].is(lexPoll) && d.w.authoring[d.toks[p+1].low] {
			if m, ok := d.namedDocument(i, p); ok {
				return m, j // "according to the results of the latest Acme University poll released Wednesday"
			}
		}
	}
	// the last capitalised run inside the phrase, unless it is no source of it: "the person
	// who spoke to The Associated Press", "the memo obtained by The Globe", "a senior
	// Democratic aide"
	for k := j - 1; k >= i; k-- {
		if d.nameTok(k) {
			a := d.orgStart(i, k)
			if d.sourceInPhrase(i, a, k, j) {
				if m := d.nameMention(a, k, true); m.kind == mentionName {
					return m, j
				}
			}
			break
		}
	}
	return mention{kind: mentionUnnamed, first: i, pos: d.beforeRelative(i, j), cued: true}, j
}

// beforeRelative returns the last token before the relative clause in tokens [i, j) ("a senior
// aide who asked not to be named"), or j-1 when none opens there.
func (d *doc) beforeRelative(i, j int) int {
	for k := i + 1; k < j; k++ {
		if isRelative(d.toks[k].low) {
			return k - 1
		}
	}
	return j - 1
}

// orgStart returns the first token of the name whose capitalised run ends at token k, no
// earlier than token i: the run itself, or, when the name is an organisation's, the runs before
// it joined by "of", "for", "and" or "&" (and "the"): "the Society of Motor Manufacturers and
// Traders", "the Associated Press-NORC Center for Public Affairs Research".
func (d *doc) orgStart(i, k int) int {
	a := k
	for a-1 >= i && d.nameTok(a-1) {
		a--
	}
	best := a
	for n := 0; n < 4; n++ {
		j := a - 1
		if j-1 >= i && d.toks[j].low == "the" && d.toks[j-1].low == "of" {
			j--
		}
		if j-1 < i || !d.nameTok(j-1) {
			break
		}
		switch d.toks[j].low {
		case "of", "for", "and", "&":
		default:
			return best
		}
		for a = j - 1; a-1 >= i && d.nameTok(a-1); a-- {
		}
		if d.isOrgRun(a, j-1) {
			best = a // the name starts at a run with an organisation word: "Society" of …
		}
	}
	return best
}

func (d *doc) accordingTo(lo, comma int) mention {
	for v := lo; v < comma; v++ {
		if d.toks[v].low == "according" && d.toks[v+1].low == "to" {
			m, end := d.accordingMention(v+2, comma)
			if end == comma {
				return m
			}
		}
	}
	return mention{}
}

// tweetEmbeds attributes embedded posts, which news pages print as a paragraph ending in
// "— Jane Roe (@janeroe) January 15, 2019": the paragraph is the author's quote.
func (d *doc) tweetEmbeds() {
	for i := 1; i+2 < len(d.toks); i++ {
		if d.toks[i].low != "(" || d.toks[i+1].low != "@" || !d.nameTok(i-1) {
			continue
		}
		b := i - 1
		a := b
		for a-1 >= 0 && a > b-4 && d.nameTok(a-1) {
			a--
		}
		dash := a - 1
		if dash < 1 || (d.toks[dash].low != "—" && d.toks[dash].low != "–" && d.toks[dash].low != "-") {
			continue
		}
		k := i + 2
		for k < len(d.toks) && k < i+8 && d.toks[k].low != ")" {
			k++
		}
		if k+1 >= len(d.toks) || d.toks[k].low != ")" || !d.toks[k+1].is(lexMonth) {
			continue
		}
		para := d.toks[dash].para
		s := dash
		for s-1 >= 0 && d.toks[s-1].para == para {
			s--
		}
		start, end := d.span(s, dash)
		if start < 0 {
			continue
		}
		m := d.nameMention(a, b, true)
		if m.kind != mentionName {
			continue
		}
		for si := range d.spans {
			if sp := &d.spans[si]; sp.start >= start && sp.end <= end && sp.attributed < 0 {
				sp.coveredByRep = true
			}
		}
		d.attrs = append(d.attrs, attribution{m: m, start: start, end: end, para: int(para), sent: int(d.toks[s].sent)})
	}
}

// leftoverQuotes gives unattributed quotes of four words or more to the speaker of the
// nearest earlier quote in the same paragraph, or of the paragraph before when the quote opens
// its paragraph (a floating quote). Shorter ones are scare quotes and are dropped.
func (d *doc) leftoverQuotes() {
	sort.SliceStable(d.attrs, func(i, j int) bool { return d.attrs[i].start < d.attrs[j].start })
	for si := range d.spans {
		sp := &d.spans[si]
		if sp.attributed >= 0 || sp.coveredByRep || sp.openTok < 0 {
			continue
		}
		if sp.words < 4 && !(d.startsSentence(sp) && sp.end > sp.start && strings.ContainsRune(".!?", d.rs[sp.end-1])) {
			continue // a scare quote or a title, unless it is a sentence of its own: “Done. Finished.”
		}
		if d.titleSpan(sp) && !d.startsSentence(sp) {
			continue // the title of a show or a book: CNN's “The Lead with Jake Tapper”
		}
		para := d.toks[sp.openTok].para
		best := -1
		for ai, a := range d.attrs {
			if a.start >= sp.start {
				break
			}
			if a.m.kind == mentionName || a.m.kind == mentionPronoun || a.m.kind == mentionRole {
				best = ai
			}
		}
		if best < 0 {
			continue
		}
		best = d.sentenceSpeaker(best)
		a := d.attrs[best]
		if a.para != int(para) && !(a.para == int(para)-1 && sp.paraStart) {
			continue
		}
		sp.attributed = len(d.attrs)
		d.attrs = append(d.attrs, attribution{m: a.m, start: sp.start, end: sp.end, direct: true, para: int(para),
			sent: int(d.toks[sp.openTok].sent)})
	}
}

// sentenceSpeaker returns the attribution of the direct quote that opens the sentence of the
// reported attribution bi, when there is one, else bi: in "“…,” Jane Roe told the Courier,
// after John Doe said he would end the deal. “…”" the quote after the sentence goes on from
// Roe's, not from the clause that tells what Doe said.
func (d *doc) sentenceSpeaker(bi int) int {
	b := d.attrs[bi]
	if b.direct {
		return bi
	}
	for ai := bi - 1; ai >= 0; ai-- {
		a := d.attrs[ai]
		if a.sent != b.sent || a.para != b.para {
			break
		}
		if a.direct && (a.m.kind == mentionName || a.m.kind == mentionPronoun || a.m.kind == mentionRole) {
			return ai
		}
	}
	return bi
}

// speakers resolves the attributions to speakers, one per canonical name, in order of first
// quote. Quotes of unnamed sources ("an official said") go to speakers of kind
// news.KindUnnamed with an empty name, one per distinct mention; their number is returned too.
func (d *doc) speakers() ([]news.Speaker, int) {
	sort.SliceStable(d.attrs, func(i, j int) bool { return d.attrs[i].start < d.attrs[j].start })
	unnamed := 0
	var out []news.Speaker
	index := map[string]int{}
	prev, prevPara := -1, -1 // the speaker of the previous quote, and its paragraph
	for _, a := range d.attrs {
		if a.m.kind == mentionPronoun && a.m.gender == pronounThey {
			// "they said" after a group or an organisation quoted in this paragraph or the one
			// before; else a source the article does not name
			if prev >= 0 && a.para-prevPara <= 1 && d.w.isGroupSpeaker(out[prev]) {
				out[prev].Quotes = appendQuote(out[prev].Quotes, d.quote(a))
				if out[prev].Kind == news.KindUnnamed {
					unnamed++
				}
				prevPara = a.para
				continue
			}
		}
		ms := []mention{a.m}
		if len(a.m.pair) > 0 {
			ms = a.m.pair // a joint statement: the quote is each author's
		} else if fam := d.family(a.m); len(fam) > 1 {
			ms = fam // "the Roes said": the Roes the article names
		}
		for _, m := range ms {
			a.m = m
			if i, ok := d.addSpeaker(&out, index, a, &unnamed); ok {
				prev, prevPara = i, a.para
			}
		}
	}
	for i := range out {
		if s := &out[i]; s.Kind == news.KindPerson && s.Title == "" && !strings.Contains(s.Name, " ") && d.loneOrg(s.Name) {
			s.Kind = news.KindOrganization // "Skyhaul said it would …", "Skyhaul shares fell"
		}
	}
	return out, unnamed
}

// family returns the members of a family that mention m names by its plural surname ("the
// Roes"): a mention of each person the article names with that surname, when there are two or
// more and no one is named by the plural itself.
func (d *doc) family(m mention) []mention {
	if m.kind != mentionName || len(m.name) != 1 || m.first < 1 || d.toks[m.first-1].low != "the" {
		return nil
	}
	sur, ok := strings.CutSuffix(m.name[0], "s")
	if !ok || len(sur) < 2 {
		return nil
	}
	sur = strings.TrimSuffix(sur, "e") // "the Joneses" is the Jones family
	var out []mention
	for _, e := range d.ents {
		if !e.org && len(e.name) >= 2 && (strings.EqualFold(e.name[len(e.name)-1], sur) || strings.EqualFold(e.name[len(e.name)-1], sur+"e")) {
			out = append(out, mention{kind: mentionName, name: e.name, first: m.first, pos: m.pos, fresh: true})
		}
	}
	return out
}

// addSpeaker resolves the mention of attribution a and adds its quote to the speaker it names in
// out (index maps speaker keys to positions in out), counting quotes of unnamed sources in
// unnamed. It returns the speaker's position, or false when the mention names no one.
func (d *doc) addSpeaker(out *[]news.Speaker, index map[string]int, a attribution, unnamed *int) (int, bool) {
	r, ok := d.resolve(a.m)
	if !ok {
		if a.m.kind != mentionUnnamed && a.m.kind != mentionRole && (a.m.kind != mentionPronoun || a.m.gender != 'm' && a.m.gender != 'f' && a.m.gender != pronounThey && a.m.gender != pronounIt) {
			return 0, false
		}
		// an unnamed source: one entry per distinct mention, titled as written; "he" or
		// "she" whom the article does not name stays a quote of someone unnamed
		r = resolved{title: d.unnamedTitle(a.m), kind: news.KindUnnamed}
		if a.m.kind == mentionPronoun {
			r.title = d.toks[a.m.pos].low
		}
		if r.title == "" {
			return 0, false
		}
		*unnamed++
	}
	if r.kind != news.KindUnnamed && d.w.nonSpeaker[strings.ToLower(lastWord(r.name))] {
		return 0, false // "the Affordable Care Act says": a law, no speaker
	}
	key := strings.ToLower(r.name)
	if r.kind == news.KindUnnamed {
		key = "\x00" + strings.ToLower(r.title)
	}
	i, seen := index[key]
	if !seen {
		i = len(*out)
		index[key] = i
		*out = append(*out, news.Speaker{Name: r.name, Title: r.title, Kind: r.kind})
	}
	s := &(*out)[i]
	if s.Title == "" {
		s.Title = r.title
	}
	if r.kind == news.KindOrganization && s.Kind == news.KindPerson {
		s.Kind = r.kind // "Harbourline Energy said …" and then "the company said …"
	}
	if s.Quotes == nil {
		s.Quotes = []news.Quote{}
	}
	s.Quotes = appendQuote(s.Quotes, d.quote(a))
	return i, true
}

// appendQuote appends q to qs unless qs holds a quote with the same offsets.
func appendQuote(qs []news.Quote, q news.Quote) []news.Quote {
	for _, old := range qs {
		if old.Start == q.Start && old.End == q.End {
			return qs
		}
	}
	return append(qs, q)
}

// isGroupSpeaker reports whether "they" can stand for s: an organisation, or an unnamed
// source named in the plural ("officials", "the players").
func (w *speakerWords) isGroupSpeaker(s news.Speaker) bool {
	switch s.Kind {
	case news.KindOrganization:
		return true
	case news.KindUnnamed:
		return strings.HasSuffix(strings.ToLower(s.Title), "s") || w.groups[strings.ToLower(lastWord(s.Title))]
	}
	return false
}

func lastWord(s string) string {
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		return s[i+1:]
	}
	return s
}

// orGroup returns the group that opens the clause starting at lo as the subject of the verb at
// v (groupSubject) instead of mention m, the subject read before, when m is a description
// inside the group's phrase ("People close to the mayor say": the people, not the mayor) or
// names no one. A name inside the phrase stays the subject: the rules read it before.
func (d *doc) orGroup(m mention, lo, v int) mention {
	g := d.groupSubject(lo, v, false)
	if g.kind == mentionNone {
		return m
	}
	if m.kind == mentionNone || g.first < m.first && m.kind != mentionName || m.kind == mentionUnnamed && d.unnamedTitle(m) == "" {
		return g
	}
	return m
}

// groupSubject reads the noun phrase that opens the clause starting at lo as the subject of
// the verb at v when no name or listed role heads it: people named by a plural or a noun for a
// person, with the phrases and the relative clause that follow it ("People briefed on the move
// said", "Friends of Mr. Roe who have seen him say", "Indeed, proponents of tighter rules here
// say"). With verbPhrase, the clause's own verb phrase may stand between the phrase and a
// participle v after a comma ("Other advisers have been urging a default, saying …").
func (d *doc) groupSubject(lo, v int, verbPhrase bool) mention {
	s := d.afterDateline(lo, v)
	if s < v && (d.toks[s].low == "and" || d.toks[s].low == "but" || d.toks[s].low == "yet") {
		s++
	}
	if s+2 < v && d.toks[s+1].low == "," && d.w.adverbs[d.toks[s].low] {
		s += 2 // "Indeed, …"
	}
	if t := &d.toks[s]; s == v-1 && !verbPhrase && t.word && (t.is(lexUnnamedDet) || t.low == "others" || t.low == "both") {
		return mention{kind: mentionUnnamed, first: s, pos: s, cued: true} // "Several said …", "Others say …"
	}
	if m := d.partOfGroup(s, v); m.kind != mentionNone && !verbPhrase {
		return m // "Some of the women said …", "Many in the crowd said …"
	}
	h := -1 // the head noun
	for k := s; k < v && k < s+4; k++ {
		t := &d.toks[k]
		if !t.word || t.quote >= 0 || t.poss || t.cap && k > s || t.is(lexVerb) || t.is(lexClause) || t.is(lexPreposition) {
			break
		}
		if k == s+1 && !d.toks[s].cap && !d.opensPhrase(s) {
			break // the phrase opens with a determiner, a capital or its noun: not "provide any …"
		}
		// a plural that is a source's noun or ends like a noun for people ("critics",
		// "proponents"; not "a subsequent", "an earlier"), or one source ("a spokesman")
		plural := strings.HasSuffix(t.low, "s") || t.low == "people"
		one := k > s && d.toks[k-1].is(lexUnnamedDet) || d.toks[s].is(lexUnnamedDet)
		if plural && (d.sourceHead(t.low) || d.w.personNounEnding(t.low) || t.low == "people") || one && d.sourceHead(t.low) {
			h = k // "the" and one person are the role readers' ("The former secretary of State …")
			break
		}
	}
	if h < 0 {
		return mention{}
	}
	e := h // the phrase's last word, before a relative clause or the verb phrase
	if verbPhrase {
		// where the verb phrase starts is not known: the noun and a name after "of" or "in"
		if k := h + 2; k < v && (d.toks[h+1].low == "of" || d.toks[h+1].low == "in") && d.toks[k].cap {
			for e = k; e+1 < v && d.nameTok(e+1); e++ {
			}
		}
		if d.toks[v-1].low != "," {
			return mention{}
		}
		return mention{kind: mentionUnnamed, first: s, pos: e, cued: true}
	}
	if n := &d.toks[h+1]; h+1 < v && (n.is(lexPreposition) || n.low == "here" || n.low == "there" || h+2 < v && d.informedBy(h+1)) {
		// the phrases after the noun: "of tighter rules here", "briefed on the move"
		for k := h + 1; k < v; k++ {
			t := &d.toks[k]
			if !t.word || t.quote >= 0 {
				return mention{}
			}
			if isRelative(t.low) || t.is(lexVerb) || isAuxiliary(t.low) {
				break
			}
			if t.low == "and" || t.low == "but" || t.low == "or" {
				return mention{} // "A spokesman for the mayor defended the route and said …"
			}
			e = k
		}
	}
	// what stands between the phrase and v is a relative clause or nothing
	if e+1 < v && !isRelative(d.toks[e+1].low) {
		return mention{}
	}
	return mention{kind: mentionUnnamed, first: s, pos: e, cued: true}
}
