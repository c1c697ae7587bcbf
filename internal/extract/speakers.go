package extract

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

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
	para       int
	sent       int
}

// doc is the working state of one article.
type doc struct {
	w         *speakerWords
	gaz       *geo.Gazetteer
	rs        []rune
	toks      []token
	spans     []quoteSpan
	sentStart []int        // first token of each sentence
	sentEnd   []int        // one past the last token of each sentence
	usedVerb  []bool       // by token: a reporting verb already attributed
	headline  []bool       // by paragraph: paragraphs that read like headlines, captions or "READ MORE" links
	titleCase map[int]bool // paragraphs written in title case: headlines, whose capitals name no one
	midCaps   [64]uint64   // Bloom bits of words capitalised inside a sentence (markMidCap): names
	attrs     []attribution
	caps      map[string]int // capitalised words and how often they occur, for the ranker (capCount)
	ents      []*entity
	aliases   map[string]*entity // lower-cased acronym -> the name it stands for
	noAcronym map[string]bool    // lower-cased acronyms that abbreviate no name before them
	mentions  []entMention       // entity mentions outside quotes, by position
	spoke     []entMention       // resolved speakers, in the order of their quotes
	spokeOrg  []entMention       // resolved organisation speakers, in the order of their quotes
	names     []string           // room for the words of names, shared by the article's mentions
	body      string             // the body, when the tokens are read from it unchanged
	low       string             // the tokenized text, lower-cased
	off       []int32            // byte offset of each rune in low (and in body, when set)
}

// text returns the body between rune offsets a and b.
func (d *doc) text(a, b int) string {
	if d.body != "" {
		return d.body[d.off[a]:d.off[b]]
	}
	return string(d.rs[a:b])
}

// newDoc prepares body for finding quotes, in the buffers of sc (nil for fresh ones).
func (f *speakerFinder) newDoc(body string, sc *docScratch) *doc {
	if sc == nil {
		sc = &docScratch{}
	}
	rs := slices.Grow(sc.rs[:0], len(body))[:len(body)] // no more runes than bytes
	n := 0
	for _, r := range body {
		rs[n] = r
		n++
	}
	rs = rs[:n]
	d := &doc{w: f.w, gaz: f.gaz, rs: rs, names: sc.slab[:0]}
	scan, str := normalizeQuotes(normaliseText(d.rs, body, f.w), f.w), body
	if strings.Contains(body, "MORE") {
		scan = maskHoverText(scan)
	}
	if &scan[0] != &d.rs[0] || !utf8.ValidString(body) {
		str = string(scan) // quote marks rewritten, or invalid bytes turned into U+FFFD
	}
	d.toks, sc.off, d.low = tokenize(scan, str, f.w, sc.toks, sc.off)
	d.off = sc.off
	if str == body {
		d.body = body
	}
	d.spans = findQuoteSpans(scan)
	attachQuotes(d.toks, d.spans, scan)
	markSentences(d.toks, d.spans)
	for i := range d.toks {
		t := &d.toks[i]
		for len(d.sentStart) <= int(t.sent) {
			d.sentStart = append(d.sentStart, i)
			d.sentEnd = append(d.sentEnd, i)
		}
		d.sentEnd[t.sent] = i + 1
	}
	d.usedVerb = falses(sc.used, len(d.toks))
	paras := 0
	if len(d.toks) > 0 {
		paras = int(d.toks[len(d.toks)-1].para + 1)
	}
	d.headline = falses(sc.head, paras)
	sc.used, sc.head = d.usedVerb, d.headline
	for i := range d.toks {
		t := &d.toks[i]
		if t.cap && t.para >= 2 {
			d.markMidCap(i) // the opening paragraphs wait for markTitleCase
		}
		last := i+1 == len(d.toks) || d.toks[i+1].para != t.para
		if last {
			switch t.low {
			case ".", "?", "!", "”", "\"", ")", ":", "»":
			default:
				d.headline[t.para] = true
			}
		}
		first := i == 0 || d.toks[i-1].para != t.para
		if first && t.word && isUpperString(t.text) && len(t.text) > 2 {
			j := i + 1
			for j < len(d.toks) && j < i+4 && d.toks[j].word && isUpperString(d.toks[j].text) {
				j++
			}
			if j < len(d.toks) && d.toks[j].low == ":" && !d.longParagraph(j) {
				d.headline[t.para] = true // "READ MORE: …", "WATCH: …", not "SAO PAULO, Aug 27 -"
			}
		}
	}
	d.markTitleCase()
	for i := 0; i < len(d.toks) && d.toks[i].para < 2; i++ {
		if d.toks[i].cap && !d.titleCase[int(d.toks[i].para)] {
			d.markMidCap(i)
		}
	}
	sc.runs = d.collectEntities(sc.runs)
	sc.slab = d.names // the last slab; names read later get room of their own
	d.aliases = map[string]*entity{}
	d.collectAcronyms()
	return d
}

// startsWithDigit reports whether s starts with an ASCII digit.
func startsWithDigit(s string) bool { return s != "" && '0' <= s[0] && s[0] <= '9' }

// longParagraph reports whether the paragraph of token j goes on for more than a sentence
// after it: "JAPAN ECONOMY: On Wednesday, Japan said …" is a story, not a "READ MORE" link.
func (d *doc) longParagraph(j int) bool {
	para, n := d.toks[j].para, 0
	for k := j + 1; k < len(d.toks) && d.toks[k].para == para; k++ {
		if d.toks[k].low == "." {
			n++
		}
	}
	return n >= 2
}

// falses returns buf resized to n, all false.
func falses(buf []bool, n int) []bool {
	buf = slices.Grow(buf[:0], n)[:n]
	clear(buf)
	return buf
}

// verb reports whether token i is a reporting verb outside quotation marks.
func (d *doc) verb(i int) bool {
	if i < 0 || i >= len(d.toks) {
		return false
	}
	t := &d.toks[i]
	return t.word && !t.cap && t.quote < 0 && t.is(lexVerb)
}

// reportingVerb reports whether token i introduces reported speech: weak verbs ("announced",
// "wrote") count only when a colon, a quotation mark or "that" follows soon.
func (d *doc) reportingVerb(i int) bool {
	if !d.verb(i) {
		return false
	}
	if !d.toks[i].is(lexWeak) {
		return true
	}
	for j := i + 1; j < len(d.toks) && j < i+12 && d.toks[j].sent == d.toks[i].sent; j++ {
		n := d.toks[j].low
		if n == ":" || n == "that" || isQuoteMark(n) {
			return true
		}
		if n == "." || (n == "," && !(j+1 < len(d.toks) && isQuoteMark(d.toks[j+1].text))) {
			return false
		}
	}
	return false
}

func isParticiple(low string) bool { return strings.HasSuffix(low, "ing") }

// directQuotes attributes quotes that stand next to their attribution:
// `X said: “…”`, `X said, “…”`, `“…,” X said`, `“…,” said X`.
func (d *doc) directQuotes() {
	for si := range d.spans {
		sp := &d.spans[si]
		if sp.openTok < 0 {
			continue
		}
		sent := d.toks[sp.openTok].sent
		lo := d.sentStart[sent]
		m, v := d.quoteLeft(sp, lo)
		if m.kind == mentionNone && sp.closeTok >= 0 && d.startsSentence(sp) {
			m, v = d.quoteRight(sp)
		}
		if m.kind == mentionNone {
			m, v = d.predicativeLeft(sp, lo)
		}
		if m.kind == mentionNone {
			continue
		}
		if v >= 0 {
			d.usedVerb[v] = true
		}
		sp.attributed = len(d.attrs)
		d.attrs = append(d.attrs, attribution{m: m, start: sp.start, end: sp.end, direct: true,
			para: int(d.toks[sp.openTok].para), sent: int(sent)})
	}
}

// startsSentence reports whether only quotation marks and earlier quotes stand between the start
// of the sentence and the quote.
func (d *doc) startsSentence(sp *quoteSpan) bool {
	lo := d.sentStart[d.toks[sp.openTok].sent]
	if k := sp.openTok - 1; k > lo && d.toks[k].low == ":" && d.toks[k].quote < 0 && sp.openTok-lo <= 6 {
		return true // a label: "ANALYST'S TAKE: “…,” Jane Roe said"
	}
	for i := lo; i < sp.openTok; i++ {
		t := &d.toks[i]
		if t.quote < 0 && t.word {
			return false
		}
	}
	return true
}

// quoteLeft finds `X said: “`, `X said, “`, `X said “` and `according to X, “`.
func (d *doc) quoteLeft(sp *quoteSpan, lo int) (mention, int) {
	k := sp.openTok - 1
	if k < lo {
		return mention{}, -1
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
			m = d.openingSubject(lo, v) // "He went on to say, “…”"
		default:
			m = d.subjectLeft(v, lo)
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
	return mention{}, -1
}

// predicativeLeft finds `X called the plan “…”`, `X slammed the ruling as “…”`, `X had
// described it as “…”`: a verb that characterises its object (lexicon
// speaker_verbs_predicative.txt) a few words before the quote, whose subject speaks. "called
// for", "called on" (speaker_predicative_particles.txt) characterise nothing.
func (d *doc) predicativeLeft(sp *quoteSpan, lo int) (mention, int) {
	for v := sp.openTok - 1; v >= lo && v >= sp.openTok-9; v-- {
		t := &d.toks[v]
		if t.quote >= 0 || isQuoteMark(t.text) || t.low == "." || t.low == ";" || t.low == ":" {
			break
		}
		if !t.word || t.cap || !t.is(lexPredicative) || d.usedVerb[v] {
			continue
		}
		if n := d.toks[v+1].low; d.w.particles[n] || n == "it" && v+2 == sp.openTok {
			return mention{}, -1
		}
		var m mention
		switch {
		case isParticiple(t.low):
			m = d.sentenceSubject(v)
		case v-1 >= lo && (d.toks[v-1].low == "had" || d.toks[v-1].low == "has" || d.toks[v-1].low == "have"):
			m = d.subjectLeft(v-1, lo)
		default:
			m = d.subjectLeft(v, lo)
		}
		return m, v
	}
	return mention{}, -1
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
	for i := r; i < len(d.toks) && i < r+24; i++ {
		t := &d.toks[i]
		if t.low == "." && i > r && isPartyTag(d.toks[i-1].text) && i+1 < len(d.toks) && d.toks[i+1].low == "," {
			end = i + 1
			continue // "“…,” Rep. Jane Roe, D-Mich., said": the period of the state's abbreviation
		}
		if t.para != d.toks[sp.closeTok].para || t.low == "." || t.low == ";" || isQuoteMark(t.text) {
			end = i
			break
		}
		end = i + 1
	}
	if r < end && d.verb(r) {
		if m := d.mentionRight(r+1, end); m.kind != mentionNone {
			return m, r
		}
		return mention{}, -1
	}
	for v := r + 1; v < end; v++ {
		if !d.verb(v) || d.toks[v].is(lexModifier) && v+1 < end && d.toks[v+1].is(lexRolePart) {
			continue // not "state" in "the state senator said"
		}
		m := d.subjectLeft(v, r)
		if m.kind == mentionNone || m.first < r {
			break
		}
		for k := r; k < m.first; k++ {
			if !d.toks[k].word {
				return mention{}, -1
			}
		}
		return m, v
	}
	if r+1 < end && d.toks[r].low == "according" && d.toks[r+1].low == "to" {
		if m, _ := d.accordingMention(r+2, end); m.kind != mentionNone {
			return m, -1
		}
	}
	return mention{}, -1
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
	if v > lo && (d.toks[v-1].low == "," || isDash(d.toks[v-1].low) || isCloseMark(d.toks[v-1].text) && v-2 > lo && d.toks[v-2].low == ",") {
		if m := d.openingSubject(lo, v); m.kind != mentionNone {
			return m // "Jane Roe defended the plan, saying …", "… – saying …", "… “values,” saying …"
		}
		for k := lo + 1; k < v-1 && k < lo+8; k++ {
			if d.toks[k].low == "," {
				return d.openingSubject(k+1, v) // "Later that month, Jane Roe appealed, arguing …"
			}
			if !d.toks[k].word {
				break
			}
		}
	}
	return mention{}
}

// isDash reports whether low is a dash that sets off a phrase: "–", "—", "-".
func isDash(low string) bool { return low == "–" || low == "—" || low == "-" }

// nounUse reports whether the reporting verb at u is used as a noun after a determiner: "the
// claims", "his early-morning tweets".
func (d *doc) nounUse(u, lo int) bool {
	if u-1 >= lo && d.toks[u-1].is(lexDeterminer) {
		return true
	}
	return u-2 >= lo && d.toks[u-2].is(lexDeterminer) && d.toks[u-1].word && !d.toks[u-1].cap && strings.Contains(d.toks[u-1].low, "-")
}

// openingSubject returns the subject that opens the sentence starting at token lo, before
// token hi: "he" or "she", or a name followed by a lower-case word ("Jane Roe defended …").
func (d *doc) openingSubject(lo, hi int) mention {
	k := d.afterDateline(lo, hi)
	for k < hi && !d.toks[k].word {
		k++
	}
	if k >= hi || d.toks[k].quote >= 0 {
		return mention{}
	}
	if g, ok := isPronoun(d.toks[k].low); ok {
		return mention{kind: mentionPronoun, gender: g, first: k, pos: k}
	}
	if !d.nameTok(k) || d.toks[k].poss {
		return mention{}
	}
	e := k
	for e+1 < hi && d.nameTok(e+1) && !d.toks[e].poss {
		e++
	}
	if n := d.afterAdjectives(k, e, hi); n > e {
		// "Democratic presidential hopeful Jane Roe came second, saying …": the name after
		// the party adjective and its descriptor
		for k, e = n, n; e+1 < hi && d.nameTok(e+1) && !d.toks[e].poss; {
			e++
		}
	}
	n := d.dayAfter(d.afterParenthesis(e+1, hi), hi) // "Sen. Jane Roe (D-Ohio) on Monday defended …"
	n = d.afterAsidePhrase(n, hi)                    // "Jane Roe, in an interview on Friday, defended …"
	if n >= hi || d.toks[e].poss || !d.toks[n].word || d.toks[n].cap || isFunctionWord(d.toks[n].low) {
		return mention{}
	}
	if m := d.runLeft(e, lo); m.kind == mentionName {
		return m
	}
	return mention{}
}

// afterDateline returns the first token after a dateline that opens the sentence at lo
// ("WASHINGTON —", "LA CROSSE, Wis. (AP) —"): capitalised words, commas, stops and a
// parenthesis before a dash. It returns lo when there is none.
func (d *doc) afterDateline(lo, hi int) int {
	for k := lo; k < hi && k < lo+10; k++ {
		t := &d.toks[k]
		switch {
		case isDash(t.low) && k > lo:
			return k + 1
		case t.word && t.cap, t.low == ",", t.low == ".", t.low == "(", t.low == ")":
		default:
			return lo
		}
	}
	return lo
}

// afterAsidePhrase returns the token after an aside set off by commas that opens at i with a
// preposition ("…, in an interview on Friday, …"), or i when none does.
func (d *doc) afterAsidePhrase(i, hi int) int {
	if i+1 >= hi || d.toks[i].low != "," || !isPreposition(d.toks[i+1].low) {
		return i
	}
	for j := i + 2; j < hi && j <= i+10; j++ {
		t := &d.toks[j]
		if t.low == "," {
			return j + 1
		}
		if !t.word || t.quote >= 0 || d.verb(j) {
			break
		}
	}
	return i
}

// afterParenthesis returns the token after a short parenthesis that opens at i ("(D-Ohio)",
// "(R)"), or i when none opens there.
func (d *doc) afterParenthesis(i, hi int) int {
	if i >= hi || d.toks[i].low != "(" {
		return i
	}
	for j := i + 1; j < hi && j <= i+6; j++ {
		if d.toks[j].low == ")" {
			return j + 1
		}
	}
	return i
}

// afterAdjectives returns the first token of the name that follows the capitalised
// adjectives [k, e] ("Democratic", "Canadian") over at most four lower-case descriptor words
// ("presidential hopeful"), or -1 when [k, e] are not all adjectives or no name follows.
func (d *doc) afterAdjectives(k, e, hi int) int {
	for i := k; i <= e; i++ {
		if !d.toks[i].is(lexModifier) && !d.toks[i].is(lexDemonym) {
			return -1
		}
	}
	if !d.modifierRun(e) {
		return -1
	}
	for n := e + 1; n < hi && n <= e+5; n++ {
		t := &d.toks[n]
		if d.nameTok(n) {
			return n
		}
		if !t.word || t.cap || t.quote >= 0 || t.poss || t.is(lexVerb) || isFunctionWord(t.low) {
			return -1
		}
	}
	return -1
}

// reportedSpeech finds `X said (that) …`, `…, X said`, `…, said X` and `according to X`.
func (d *doc) reportedSpeech() {
	for v := range d.toks {
		t := &d.toks[v]
		if t.word && t.low == "according" && v+1 < len(d.toks) && d.toks[v+1].low == "to" && t.quote < 0 {
			d.according(v)
			continue
		}
		if t.word && !t.cap && t.quote < 0 && t.is(lexFinding) && !d.usedVerb[v] && !d.headline[t.para] {
			if m := d.pollSubject(v); m.kind == mentionName {
				if s, e := d.contentAfter(v, d.sentEnd[t.sent]); s >= 0 {
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
		if !isParticiple(t.low) || v-1 >= lo && isProgressiveAux(d.toks[v-1].low) {
			m = d.subjectLeft(v, lo) // "Jane Roe said", "Jane Roe is saying"
		} else if v-2 >= lo && d.toks[v-1].low == "as" {
			m = d.quotedAs(v-1, lo) // "AFP quoted Jane Roe as saying …"
		} else {
			m = d.withSubject(v, lo) // "…, with Jane Roe tweeting that …"
		}
		before := false
		if m.kind == mentionNone && v > lo && isParticiple(t.low) && (isDash(d.toks[v-1].low) || isCloseMark(d.toks[v-1].text)) {
			m = d.sentenceSubject(v) // "… – saying …", "… “values,” saying …"
		}
		if m.kind == mentionNone && isParticiple(t.low) && v-2 > lo && d.toks[v-2].low == "," && d.w.participleLinks[d.toks[v-1].low] {
			m = d.sentenceSubject(v) // "…, before adding that …", "…, while insisting that …"
		}
		if m.kind == mentionNone && v > lo && (d.toks[v-1].low == "," || !isParticiple(t.low) && isCloseMark(d.toks[v-1].text) && v-2 > lo && d.toks[v-2].low == ",") {
			if isParticiple(t.low) {
				m = d.sentenceSubject(v)
			} else {
				m = d.mentionRight(v+1, hi)
				before = true
				if m.kind == mentionPronoun || !d.endsClause(m.pos+1, hi) {
					m = mention{} // "…, said he was ready", "…, said Covington Catholic has …"
				}
			}
		}
		if m.kind == mentionNone && isParticiple(t.low) && v-1 > lo && !d.toks[v-1].cap && d.w.documents[d.toks[v-1].low] {
			m = d.openingSubject(lo, v) // "Jane Roe issued a statement saying …"
		}
		if m.kind == mentionNone || d.asksQuestion(v, hi) {
			continue
		}
		s, e := -1, -1
		if !before {
			s, e = d.contentAfter(v, hi)
		}
		if s < 0 && before {
			s, e = d.contentBefore(lo, v) // "…, said police Chief Jane Roe"
		} else if s < 0 && m.first > lo && !(v+1 < hi && d.toks[v+1].low == "that") {
			s, e = d.contentBefore(lo, m.first)
		}
		if s < 0 {
			continue
		}
		d.addReported(m, s, e, int(sent))
		d.usedVerb[v] = true
	}
}

// withSubject reads the name before the participle v after "with": "Republicans chimed in,
// with Jane Roe tweeting that …".
func (d *doc) withSubject(v, lo int) mention {
	e := v - 1
	if e <= lo || !d.nameTok(e) || d.toks[e].poss {
		return mention{}
	}
	a := e
	for a-1 > lo && d.nameTok(a-1) && !d.toks[a-1].poss {
		a--
	}
	if d.toks[a-1].low != "with" {
		return mention{}
	}
	if m := d.nameMention(a, e, false); m.kind == mentionName {
		return m
	}
	return mention{}
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
	if k < lo || !d.toks[k].is(lexPoll) {
		return mention{}
	}
	if m, ok := d.namedDocument(lo, k); ok && m.pos == k-1 {
		return m // the name right before the noun: "a Pew Research Center survey found"
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

// according handles "according to X, …" and "…, according to X".
func (d *doc) according(v int) {
	sent := d.toks[v].sent
	lo, hi := d.sentStart[sent], d.sentEnd[sent]
	m, after := d.accordingMention(v+2, hi)
	if m.kind == mentionNone {
		return
	}
	var s, e int
	if after < hi && d.toks[after].low == "," && v == lo {
		s, e = d.span(after+1, hi)
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
	// the last capitalised run inside the phrase, unless it is no source of it: "the person
	// who spoke to The Associated Press", "the memo obtained by The Globe", "a senior
	// Democratic aide"
	for k := j - 1; k >= i; k-- {
		if d.nameTok(k) {
			a := k
			for a-1 >= i && d.nameTok(a-1) {
				a--
			}
			if d.sourceInPhrase(i, a, k, j) {
				if m := d.nameMention(a, k, true); m.kind == mentionName {
					return m, j
				}
			}
			break
		}
	}
	return mention{kind: mentionUnnamed, first: i, pos: j - 1}, j
}

// sourceInPhrase reports whether the name run [a, b] inside the "according to" phrase [i, j)
// can be its source: not inside a relative clause, not the object of "to" or "with" or of a
// participle's "by", and not a modifier of a lower-case noun (but a possessive: "Statistics
// Canada's figures").
func (d *doc) sourceInPhrase(i, a, b, j int) bool {
	for k := i; k < a; k++ {
		switch d.toks[k].low {
		case "who", "which", "that", "whose":
			return false
		}
	}
	if b+1 < j && !d.toks[b].poss && d.toks[b+1].word && !d.toks[b+1].cap && !isFunctionWord(d.toks[b+1].low) {
		return false
	}
	p := a - 1
	if p >= i && d.toks[p].low == "the" {
		p--
	}
	if p < i {
		return true
	}
	switch d.toks[p].low {
	case "to", "with":
		return false
	case "by":
		return !(p-1 >= i && strings.HasSuffix(d.toks[p-1].low, "ed"))
	}
	return true
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

// span returns the rune offsets of tokens [a, b), without trailing punctuation, or -1 when
// they hold fewer than three words.
func (d *doc) span(a, b int) (int, int) {
	for b > a && !d.toks[b-1].word && !isCloseMark(d.toks[b-1].text) {
		b--
	}
	for a < b && !d.toks[a].word && !isQuoteMark(d.toks[a].text) {
		a++
	}
	n := 0
	for i := a; i < b; i++ {
		if d.toks[i].word {
			n++
		}
	}
	if n < 3 {
		return -1, -1
	}
	return int(d.toks[a].start), int(d.toks[b-1].end)
}

// colonBlock returns the paragraph after a colon that ends the paragraph of tokens [i, hi)
// within a few words: a statement or post that follows its introduction without quotation
// marks. It returns -1, -1 when there is none.
func (d *doc) colonBlock(i, hi int) (int, int) {
	for j := i; j < hi && j < i+10; j++ {
		t := &d.toks[j]
		if t.quote >= 0 || isQuoteMark(t.text) {
			return -1, -1
		}
		if t.low != ":" {
			continue
		}
		n := j + 1
		if n >= len(d.toks) || d.toks[n].para == t.para || isQuoteMark(d.toks[n].text) {
			return -1, -1
		}
		e := n
		for e < len(d.toks) && d.toks[e].para == d.toks[n].para {
			e++
		}
		return d.span(n, e)
	}
	return -1, -1
}

// contentAfter returns the reported clause after verb v: `said (Monday) (that) …`.
func (d *doc) contentAfter(v, hi int) (int, int) {
	i := v + 1
	low := d.toks[v].low
	if low == "told" || low == "tell" || low == "tells" || low == "telling" || low == "informed" || low == "assured" || low == "reminded" || low == "warned" || low == "asked" {
		for j := i; j < hi && j < i+14; j++ {
			if d.toks[j].low == "that" {
				i = j + 1
				goto clause
			}
			if !d.toks[j].word && d.toks[j].low != "," || d.toks[j].quote >= 0 {
				break // "told a town hall in Salem, N.H., on Monday that …" reads on over commas
			}
		}
		for i < hi && d.toks[i].word && (d.toks[i].cap || d.w.audience[d.toks[i].low]) {
			if d.toks[i].is(lexDeterminer) && i+1 < hi && !(d.toks[i+1].cap || d.w.audience[d.toks[i+1].low]) {
				break // "told reporters the deal was dead": "the" opens the clause
			}
			i++
		}
		if i+1 < hi && (d.toks[i].low == "in" || d.toks[i].low == "at") && d.toks[i+1].cap {
			i += 2 // "told reporters in Berlin the deal was dead"
			for i < hi && d.toks[i].cap && d.nameTok(i) {
				i++
			}
		}
	}
	for i < hi {
		l := d.toks[i].low
		if d.w.timeWords[l] || l == "also" || l == "," {
			i++
			continue
		}
		if d.w.timeMods[l] && i+1 < hi && (d.w.timeWords[d.toks[i+1].low] || d.toks[i+1].low == "on") {
			i++ // "reported late on Tuesday", "said early Monday"
			continue
		}
		if n := d.skipSourcePhrase(i, hi); n > i {
			i = n // "in a statement", "by email", "in July", "on Twitter"
			continue
		}
		if l == "in" || l == "on" || l == "at" || l == "during" || l == "via" || l == "through" || l == "while" || l == "for" || l == "with" || l == "to" {
			found := -1
			for j := i + 1; j < hi && j < i+9; j++ {
				if d.toks[j].low == "that" || d.toks[j].low == "," {
					found = j
					break
				}
				if !d.toks[j].word {
					break
				}
			}
			if found > 0 {
				i = found + 1
				continue
			}
		}
		break
	}
	if i < hi && d.toks[i].low == "that" {
		i++
	}
	if s, e := d.colonBlock(i, hi); s >= 0 {
		return s, e // "Jane Roe posted a statement on Instagram:" and the paragraph after
	}
clause:
	if i >= hi {
		return -1, -1
	}
	// after "that" a clause may open with a phrase: "said that with the votes counted, …"
	that := i > v+1 && d.toks[i-1].low == "that" && d.toks[i].low != "to" && d.toks[i].low != ":"
	// "the ministry said about 3,000 people fled": a figure, not a topic
	if !that && (d.toks[i].low != "about" || !d.saysNumber(i, hi)) {
		switch d.toks[i].low {
		case ":", "about", "of", "for", "to", "on", "with", "from", "by", "at", "into", "against", "in", "as", "up", "out", "him", "them", "me":
			return -1, -1
		}
	}
	if isQuoteMark(d.toks[i].text) {
		return -1, -1
	}
	if i > v+1 && d.toks[i-1].low == "," && d.toks[i].word && !d.toks[i].cap && isParticiple(d.toks[i].low) {
		return -1, -1 // "…, Jane Roe said, citing rising costs": a phrase of the narration
	}
	e := hi
	for j := i; j < hi; j++ {
		t := &d.toks[j]
		if t.low == "," && j+1 < hi && d.toks[j+1].word && isParticiple(d.toks[j+1].low) && d.toks[j+1].is(lexVerb) {
			e = j
			break
		}
		if t.low == "," && j+2 < hi && d.w.participleLinks[d.toks[j+1].low] && isParticiple(d.toks[j+2].low) && d.toks[j+2].is(lexVerb) {
			e = j // "…, while adding that …": the participle says something else
			break
		}
		if isQuoteMark(t.text) && t.quote < 0 && j > i {
			if q := d.quoteAt(j); q >= 0 && d.spans[q].attributed >= 0 {
				e = j
				break
			}
		}
	}
	return d.span(i, e)
}

// saysNumber reports whether a figure after token v starts what a form of "say" reports:
// "Jane Roe said 400 homes were damaged", "the ministry said about 3,000 people fled". Other
// verbs take a figure as their object ("the index added 0.1 per cent", "she reported $2
// million"), and "said 10 times" counts the saying.
func (d *doc) saysNumber(v, hi int) bool {
	i := v
	if d.toks[i].low == "about" {
		i--
	}
	switch d.toks[i].low {
	case "said", "says", "say":
	default:
		return false
	}
	n := v + 1
	if n >= hi || !startsWithDigit(d.toks[n].text) {
		return false
	}
	for n+2 < hi && d.toks[n+1].low == "," && startsWithDigit(d.toks[n+2].text) {
		n += 2 // "3,000"
	}
	return n+1 < hi && d.toks[n+1].word && d.toks[n+1].low != "times"
}

// quoteAt returns the span whose opening mark is token j, or -1.
func (d *doc) quoteAt(j int) int {
	for i := range d.spans {
		if d.spans[i].openTok == j {
			return i
		}
	}
	return -1
}

// contentBefore returns the reported clause before the attribution: `…, X said`.
func (d *doc) contentBefore(lo, mfirst int) (int, int) {
	k := mfirst - 1
	if k > lo && d.toks[k].low == "the" {
		mfirst, k = k, k-1 // "…, the Kremlin said"
	}
	for j := k; j >= lo && j > mfirst-7; j-- {
		t := &d.toks[j]
		if !t.word || t.quote >= 0 || d.verb(j) || isClauseWord(t.low) || isFunctionWord(t.low) && !t.poss {
			if j < k && (t.low == "," || isCloseMark(t.text)) {
				k = j // over the title: "…,” the company’s managing director Jane Roe said"
			}
			break
		}
	}
	if k < lo || (d.toks[k].low != "," && !isCloseMark(d.toks[k].text)) {
		return -1, -1
	}
	if j := d.roleBetweenCommas(lo, k); j >= 0 {
		k = j // "…, the utility's chief executive, Jane Roe, said": the role is the name's
	}
	c := k
	if !isCloseMark(d.toks[c].text) {
		c = k - 1
	}
	if c >= lo && isCloseMark(d.toks[c].text) {
		// a direct quote, handled by directQuotes, unless it is a partial quote inside the
		// sentence ("The company is “very disappointed,” Jane Roe said")
		if q := d.toks[c-1].quote; c-1 >= lo && q >= 0 && d.spans[q].attributed < 0 && d.spans[q].openTok > lo {
			return d.span(lo, c+1)
		}
		return -1, -1
	}
	return d.span(lo, k)
}

// roleBetweenCommas returns the comma that opens a role phrase ending at the comma k ("…, the
// bank's chief economist, Jane Roe, said"): lower-case words with no verb, the last a role or
// a relation. It returns -1 when the words before k are no such phrase.
func (d *doc) roleBetweenCommas(lo, k int) int {
	if d.toks[k].low != "," || k-1 <= lo || !(d.toks[k-1].is(lexRolePart) || d.w.kin[d.toks[k-1].low]) {
		return -1
	}
	for j := k - 1; j > lo && j > k-9; j-- {
		t := &d.toks[j]
		if t.low == "," {
			return j
		}
		if !t.word || t.cap || t.quote >= 0 || d.verb(j) && !t.is(lexRolePart) {
			return -1
		}
	}
	return -1
}

// asksQuestion reports whether verb v asks someone an indirect question, which reports no
// claim: "asked Roe how long he had been coming", "asked reporters whether the line would close".
func (d *doc) asksQuestion(v, hi int) bool {
	if !strings.HasPrefix(d.toks[v].low, "ask") {
		return false
	}
	i := v + 1
	for i < hi && i < v+6 && d.toks[i].word && (d.toks[i].cap || d.w.audience[d.toks[i].low]) {
		i++
	}
	return i > v+1 && i < hi && isQuestionWord(d.toks[i].low)
}

// isQuestionWord reports whether l opens an indirect question.
func isQuestionWord(l string) bool {
	switch l {
	case "how", "whether", "if", "what", "why", "when", "where", "who", "which":
		return true
	}
	return false
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
		if k+1 >= len(d.toks) || d.toks[k].low != ")" || !isMonth(d.toks[k+1].low) {
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
		a := d.attrs[best]
		if a.para != int(para) && !(a.para == int(para)-1 && sp.paraStart) {
			continue
		}
		sp.attributed = len(d.attrs)
		d.attrs = append(d.attrs, attribution{m: a.m, start: sp.start, end: sp.end, direct: true, para: int(para),
			sent: int(d.toks[sp.openTok].sent)})
	}
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
			// "they said" after a group or an organisation quoted in this paragraph or the one before
			if prev < 0 || a.para-prevPara > 1 || !d.w.isGroupSpeaker(out[prev]) {
				continue
			}
			out[prev].Quotes = appendQuote(out[prev].Quotes, d.quote(a))
			if out[prev].Kind == news.KindUnnamed {
				unnamed++
			}
			prevPara = a.para
			continue
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
		if a.m.kind != mentionUnnamed && a.m.kind != mentionRole && (a.m.kind != mentionPronoun || a.m.gender != 'm' && a.m.gender != 'f') {
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

// loneOrg reports whether the one-word name reads as an organisation's in the article: never
// after a given name or an honorific nor before ", who" ("Arsene Wenger", "Mr Wenger"), and at
// least once before ", which", before a verb whose clause opens with "it" or "its" ("Skyhaul
// said it …"), or before a noun a company has ("Skyhaul shares", "Skyhaul's profits").
func (d *doc) loneOrg(name string) bool {
	org := false
	for k := range d.toks {
		t := &d.toks[k]
		if !t.cap || len(t.text) != len(name) || t.text != name {
			continue
		}
		if k > 0 {
			p := &d.toks[k-1]
			if _, hon := honorific(p.low); hon || p.cap && p.is(lexGiven) {
				return false
			}
		}
		if k+2 >= len(d.toks) {
			continue
		}
		n1, n2 := d.toks[k+1].low, d.toks[k+2].low
		switch {
		case n1 == "," && n2 == "who":
			return false
		case n1 == "," && n2 == "which":
			org = true
		case d.verb(k+1) && (n2 == "it" || n2 == "its"):
			org = true
		case d.w.business[n1] && (!t.poss || n1 != "spokesman" && n1 != "spokeswoman" && n1 != "chief" && n1 != "boss"):
			org = true
		}
	}
	return org
}

// quote returns the quote of attribution a.
func (d *doc) quote(a attribution) news.Quote {
	return news.Quote{Text: d.text(a.start, a.end), Direct: a.direct, Start: a.start, End: a.end}
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

// skipSourcePhrase returns the token after a phrase at i that says how or when something was
// said — "in a statement", "by email", "in an e-mailed statement", "on Twitter", "in July",
// "on Friday" — or i when there is none.
func (d *doc) skipSourcePhrase(i, hi int) int {
	switch d.toks[i].low {
	case "in", "on", "by", "via", "during", "through", "over":
	default:
		return i
	}
	for j := i + 1; j < hi && j < i+6; j++ {
		t := &d.toks[j]
		if !t.word {
			return i
		}
		if d.w.sourceNouns[t.low] || (j == i+1 && (isMonth(t.low) || d.w.timeWords[t.low])) {
			k := j + 1
			for k < hi && k < j+3 && d.toks[k].word && d.w.timeWords[d.toks[k].low] {
				k++
			}
			return k
		}
		if t.cap && t.low != "twitter" && t.low != "facebook" {
			return i
		}
	}
	return i
}

func isMonth(l string) bool {
	switch strings.TrimSuffix(l, ".") {
	case "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
		"november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec":
		return true
	}
	return false
}

// endsClause reports whether token i ends the clause of an inverted attribution ("…, said Jane
// Roe." or "…, said Jane Roe on Monday"): the end of the sentence, punctuation, or a
// preposition or time word.
func (d *doc) endsClause(i, hi int) bool {
	if i >= hi {
		return true
	}
	t := &d.toks[i]
	if !t.word {
		return !isQuoteMark(t.text) || t.quote < 0 && isCloseMark(t.text)
	}
	switch t.low {
	case "on", "in", "at", "during", "after", "before", "when", "while", "from", "of", "with", "who", "adding",
		"noting", "saying", "according", "as", "to", "for", "and", "but":
		return true
	}
	return d.w.timeWords[t.low]
}

// unnamedTitle returns the words of an unnamed or unresolved mention as written: "a senior
// White House official", "a spokesman for the Port Authority", "the ministry", or "" when they
// do not read like a source. A mention that starts at a name inside a phrase ("a spokesman for
// [Google]") is read from the phrase's determiner.
func (d *doc) unnamedTitle(m mention) string {
	a, b := m.first, m.pos
	if a < 0 || b < a || b >= len(d.toks) {
		return ""
	}
	if d.toks[a].cap && !d.toks[a].is(lexDeterminer) {
		for k := a - 1; k >= 0 && k >= m.first-8; k-- {
			t := &d.toks[k]
			if !t.word || t.quote >= 0 || t.sent != d.toks[a].sent || d.verb(k) || isClauseWord(t.low) || t.low == "according" {
				break
			}
			a = k
			if t.is(lexDeterminer) && !(k > 0 && isPhrasePrep(d.toks[k-1].low)) {
				break
			}
		}
	}
	for b > a && !d.toks[b].word {
		b--
	}
	for k := a; k <= b; k++ {
		if t := &d.toks[k]; !t.word || isClauseWord(t.low) {
			a = k + 1 // "… how experts" -> "experts"
		}
	}
	for a < b && (isFunctionWord(d.toks[a].low) && !d.toks[a].is(lexDeterminer) || d.toks[a].low == "after" || d.toks[a].low == "but") {
		a++ // "of Democratic …", "and human rights groups"
	}
	if a > b {
		return ""
	}
	head := d.toks[b]
	if head.poss || !head.word || isFunctionWord(head.low) || head.is(lexDeterminer) || head.is(lexVerbGap) ||
		strings.HasSuffix(head.low, "ly") || d.w.timeWords[head.low] {
		return "" // "the mayor’s", "a series of", "his early-morning"
	}
	if !d.sourceHead(head.low) && !head.cap && !strings.HasSuffix(head.low, "s") {
		return ""
	}
	return strings.TrimSpace(d.text(int(d.toks[a].start), int(d.toks[b].end)))
}

// isPhrasePrep reports whether low joins a source to what it belongs to: "a spokesman for the …".
func isPhrasePrep(low string) bool {
	return low == "for" || low == "of" || low == "from" || low == "at" || low == "with"
}

// sourceHead reports whether low can head the mention of a source: a role ("official",
// "spokesperson"), a group ("critics", "lawmakers"), an organisation noun ("the company") or a
// document ("the report", "a study").
func (d *doc) sourceHead(low string) bool {
	if d.w.roles[low] || d.w.groups[low] || d.w.genericOrgs[low] || d.w.documents[low] || d.w.orgWords[low] {
		return true
	}
	if d.w.persons[low] {
		return true
	}
	sing := strings.TrimSuffix(low, "s")
	return sing != low && (d.w.roles[sing] || d.w.genericOrgs[sing] || d.w.documents[sing] || d.w.persons[sing])
}

// isClauseWord reports whether low belongs to a clause rather than to a noun phrase naming a source.
func isClauseWord(low string) bool {
	switch low {
	case "to", "would", "will", "was", "were", "is", "are", "be", "been", "has", "have", "had", "do", "does", "did",
		"not", "which", "who", "whose", "that", "it", "they", "he", "she", "we", "i", "you", "can", "could", "should",
		"may", "might", "must", "if", "when", "while", "because", "but", "than", "what", "how", "where", "why", "as":
		return true
	}
	return false
}

// markMidCap records token i, a capitalised token, when it stands inside its sentence: there
// the capital says the word is a name.
func (d *doc) markMidCap(i int) {
	t := &d.toks[i]
	if i == 0 || !t.word {
		return
	}
	if p := &d.toks[i-1]; !(p.word && p.sent == t.sent && p.para == t.para) && !d.midSentence(i) {
		return
	}
	h := lexHash(t.low)
	d.midCaps[h>>6&63] |= 1 << (h & 63)
}

// capitalisedMidSentence reports whether the word low is capitalised inside a sentence
// somewhere in the article (rarely true of a word that is not).
func (d *doc) capitalisedMidSentence(low string) bool {
	h := lexHash(low)
	return d.midCaps[h>>6&63]&(1<<(h&63)) != 0
}

// markTitleCase marks the first two paragraphs when written in title case, as headlines are
// ("Mayor Says Harbour Will Reopen in May."): every word of four letters or more is
// capitalised, save a few prepositions, and there are at least three of them. Their
// capitalised runs are no names, and their verbs attribute nothing.
func (d *doc) markTitleCase() {
	caps, lower := 0, 0
	flush := func(para int) {
		if caps >= 3 && lower == 0 {
			if d.titleCase == nil {
				d.titleCase = map[int]bool{}
			}
			d.titleCase[para] = true
			d.headline[para] = true
		}
		caps, lower = 0, 0
	}
	for i := range d.toks {
		t := &d.toks[i]
		if i > 0 && d.toks[i-1].para != t.para {
			flush(int(d.toks[i-1].para))
			if t.para > 1 {
				return // only the opening paragraphs hold the headline
			}
		}
		if !t.word || t.quote >= 0 || utf8.RuneCountInString(t.text) < 4 {
			continue
		}
		switch {
		case t.cap:
			caps++
		case t.low == "with" || t.low == "from" || t.low == "into" || t.low == "over" || t.low == "than" ||
			t.low == "that" || t.low == "this" || t.low == "upon" || t.low == "after" || t.low == "about":
		default:
			lower++
		}
	}
	if len(d.toks) > 0 {
		flush(int(d.toks[len(d.toks)-1].para))
	}
}
