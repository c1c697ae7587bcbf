package extract

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/searchd/searchd/internal/news"
)

// prose is the first stage of the speaker finder: an article's text normalised (quote marks,
// captions, soft hyphens, hard wraps; see normalise.go), cut into tokens that carry their word
// lists, quote spans, sentences and paragraphs, with the layout read from them (headlines,
// title case, words capitalised inside sentences). Its methods answer questions about the words
// alone: is this token a speech verb, where does the clause after it end, is this capitalised
// run a name or an organisation's. The later stages (doc: the article's names, the
// attributions, the speakers) are built on it.
type prose struct {
	w         *speakerWords
	rs        []rune
	toks      []token
	spans     []quoteSpan
	sentStart []int        // first token of each sentence
	sentEnd   []int        // one past the last token of each sentence
	headline  []bool       // by paragraph: paragraphs that read like headlines, captions or "READ MORE" links
	titleCase map[int]bool // paragraphs written in title case: headlines, whose capitals name no one
	midCaps   [64]uint64   // Bloom bits of words capitalised inside a sentence (markMidCap): names
	body      string       // the body, when the tokens are read from it unchanged
	low       string       // the tokenized text, lower-cased
	off       []int32      // byte offset of each rune in low (and in body, when set)
}

// read fills tx with the prose of body for the vocabulary w, in the buffers of sc.
func (tx *prose) read(body string, w *speakerWords, sc *docScratch) {
	rs := slices.Grow(sc.rs[:0], len(body))[:len(body)] // no more runes than bytes
	n := 0
	for _, r := range body {
		rs[n] = r
		n++
	}
	rs = rs[:n]
	tx.w, tx.rs = w, rs
	scan, str := normalizeQuotes(normaliseText(tx.rs, body, w), w), body
	if strings.Contains(body, "MORE") {
		scan = maskHoverText(scan)
	}
	if &scan[0] != &tx.rs[0] || !utf8.ValidString(body) {
		str = string(scan) // quote marks rewritten, or invalid bytes turned into U+FFFD
	}
	tx.toks, sc.off, tx.low = tokenize(scan, str, w, sc.toks, sc.off)
	tx.off = sc.off
	if str == body {
		tx.body = body
	}
	tx.spans = findQuoteSpans(scan)
	attachQuotes(tx.toks, tx.spans, scan)
	markSentences(tx.toks, tx.spans)
	for i := range tx.toks {
		t := &tx.toks[i]
		for len(tx.sentStart) <= int(t.sent) {
			tx.sentStart = append(tx.sentStart, i)
			tx.sentEnd = append(tx.sentEnd, i)
		}
		tx.sentEnd[t.sent] = i + 1
	}
	paras := 0
	if len(tx.toks) > 0 {
		paras = int(tx.toks[len(tx.toks)-1].para + 1)
	}
	tx.headline = falses(sc.head, paras)
	sc.head = tx.headline
	for i := range tx.toks {
		t := &tx.toks[i]
		if t.cap && t.para >= 2 {
			tx.markMidCap(i) // the opening paragraphs wait for markTitleCase
		}
		last := i+1 == len(tx.toks) || tx.toks[i+1].para != t.para
		if last {
			switch t.low {
			case ".", "?", "!", "”", "\"", ")", ":", "»":
			default:
				tx.headline[t.para] = true
			}
		}
		first := i == 0 || tx.toks[i-1].para != t.para
		if first && t.word && isUpperString(t.text) && len(t.text) > 2 {
			j := i + 1
			for j < len(tx.toks) && j < i+4 && tx.toks[j].word && isUpperString(tx.toks[j].text) {
				j++
			}
			if j < len(tx.toks) && tx.toks[j].low == ":" && !tx.longParagraph(j) {
				tx.headline[t.para] = true // "READ MORE: …", "WATCH: …", not "SAO PAULO, Aug 27 -"
			}
		}
	}
	tx.markTitleCase()
	for i := 0; i < len(tx.toks) && tx.toks[i].para < 2; i++ {
		if tx.toks[i].cap && !tx.titleCase[int(tx.toks[i].para)] {
			tx.markMidCap(i)
		}
	}
}

// text returns the body between rune offsets a and b.
func (tx *prose) text(a, b int) string {
	if tx.body != "" {
		return tx.body[tx.off[a]:tx.off[b]]
	}
	return string(tx.rs[a:b])
}

// longParagraph reports whether the paragraph of token j goes on for more than a sentence
// after it: "JAPAN ECONOMY: On Wednesday, Japan said …" is a story, not a "READ MORE" link.
func (tx *prose) longParagraph(j int) bool {
	para, n := tx.toks[j].para, 0
	for k := j + 1; k < len(tx.toks) && tx.toks[k].para == para; k++ {
		if tx.toks[k].low == "." {
			n++
		}
	}
	return n >= 2
}

// verb reports whether token i is a reporting verb outside quotation marks.
func (tx *prose) verb(i int) bool {
	if i < 0 || i >= len(tx.toks) {
		return false
	}
	t := &tx.toks[i]
	return t.word && !t.cap && t.quote < 0 && t.is(lexVerb)
}

// reportingVerb reports whether token i introduces reported speech: weak verbs ("announced",
// "wrote") count only when a colon, a quotation mark or "that" follows soon.
func (tx *prose) reportingVerb(i int) bool {
	if !tx.verb(i) {
		return false
	}
	if !tx.toks[i].is(lexWeak) {
		return true
	}
	if k := i + 1; tx.opensWithAs(i) && k+1 < len(tx.toks) {
		if tx.toks[k].low == "out" {
			k++
		}
		if tx.toks[k].low == "," {
			return true // "As Jane Roe pointed out, …": what follows the comma is what she said
		}
	}
	if tx.afterClause(i) {
		return true // "The deal is dead, Jane Roe wrote."
	}
	if n := i + 1; n+1 < len(tx.toks) && tx.w.bareClause[tx.toks[i].low] && tx.toks[n].is(lexPronoun) && tx.toks[n].is(lexClause) && tx.toks[n+1].is(lexClause) && !tx.toks[n+1].is(lexPronoun) {
		return true // "announced he would oppose the nomination": a clause without "that"
	}
	if n := i + 1; n < len(tx.toks) && (tx.toks[n].is(lexDeterminer) && tx.toks[n].low != "that" || tx.toks[n].low == "a" || tx.toks[n].low == "an") {
		// "announced a policy that …": an object, then a relative clause; but "issued a short
		// statement on Tuesday:" and the block after the colon
		return tx.documentColon(n)
	}
	for j := i + 1; j < len(tx.toks) && j < i+12 && tx.toks[j].sent == tx.toks[i].sent; j++ {
		n := tx.toks[j].low
		if n == ":" || n == "that" || isQuoteMark(n) {
			return true
		}
		if n == "." || (n == "," && !(j+1 < len(tx.toks) && isQuoteMark(tx.toks[j+1].text))) {
			return false
		}
	}
	return false
}

// opensWithAs reports whether the sentence of token i opens with "as", perhaps after "and" or
// "but": "As Jane Roe pointed out, …", "But as the paper noted in an op-ed, …".
func (tx *prose) opensWithAs(i int) bool {
	lo := tx.sentStart[tx.toks[i].sent]
	if l := tx.toks[lo].low; (l == "but" || l == "and") && lo+1 < i {
		lo++
	}
	return tx.toks[lo].low == "as"
}

// afterClause reports whether the verb at token i ends its sentence or clause ("…, Jane Roe
// wrote.", "…, she wrote in a letter") right after a subject, a name or a pronoun, that follows a
// comma or a quote closed by one: "“…,” Jane Roe wrote", "The deal “looks out for the funds
// first,” she wrote." A weak verb then reports what stands before.
func (tx *prose) afterClause(i int) bool {
	sent := tx.toks[i].sent
	if n := i + 1; n < tx.sentEnd[sent] {
		switch tx.toks[n].low {
		case ".", ",", ";", "in", "on":
		default:
			return false // "Jane Roe wrote: …", "he pledged to fund it"
		}
	}
	lo := tx.sentStart[sent]
	k := i - 1
	if _, ok := isPronoun(tx.toks[k].low); ok {
		k--
	} else {
		for k > lo && k >= i-4 && tx.nameTok(k) && !tx.toks[k].poss {
			k--
		}
	}
	if k == i-1 || k <= lo {
		return false
	}
	switch t := &tx.toks[k]; {
	case t.quote >= 0:
		return false
	case t.low == ",":
		return true
	case isCloseMark(t.text):
		switch tx.toks[k-1].low {
		case ",", "!", "?":
			return true
		}
	}
	return false
}

// startsSentence reports whether only quotation marks and earlier quotes stand between the start
// of the sentence and the quote.
func (tx *prose) startsSentence(sp *quoteSpan) bool {
	lo := tx.sentStart[tx.toks[sp.openTok].sent]
	if k := sp.openTok - 1; k > lo && tx.toks[k].low == ":" && tx.toks[k].quote < 0 {
		return true // a label: "ANALYST'S TAKE: “…,” Jane Roe said"; a post: "She posted a message: “…,” she wrote"
	}
	for i := lo; i < sp.openTok; i++ {
		t := &tx.toks[i]
		if t.quote < 0 && t.word {
			return false
		}
	}
	return true
}

// nounUse reports whether the reporting verb at u is used as a noun after a determiner: "the
// claims", "his early-morning tweets".
func (tx *prose) nounUse(u, lo int) bool {
	if u-1 >= lo && tx.toks[u-1].is(lexDeterminer) {
		switch tx.toks[u].low {
		case "said", "say", "says", "told":
			if u-1 == lo && tx.toks[lo].is(lexUnnamedDet) {
				return false // "Several said …", "Many say …": the quantifier is the subject
			}
		}
		return true
	}
	if tx.inOpeningPhrase(u, lo) {
		return true // "In a series of Twitter posts, Jane Roe lamented …"
	}
	p := &tx.toks[max(u-1, 0)]
	return u-2 >= lo && tx.toks[u-2].is(lexDeterminer) && p.word && !p.cap && strings.Contains(p.low, "-") &&
		!p.is(lexOrg) && !p.is(lexRolePart) && !tx.w.genericOrgs[p.low] && !isAgeWord(p.low) // "her late-night posts", not "the co-op said" nor "the 62-year-old said"
}

// inOpeningPhrase reports whether the word at u, in a plural form, ends the phrase that opens
// the sentence at lo with a preposition and is set off by a comma: "In a series of Twitter
// posts, …", "On her Facebook posts, …" ("says" is a verb wherever it stands).
func (tx *prose) inOpeningPhrase(u, lo int) bool {
	if u+1 >= len(tx.toks) || tx.toks[u+1].low != "," || !tx.toks[lo].is(lexPreposition) || u-lo < 2 ||
		tx.toks[u].low == "says" || !strings.HasSuffix(tx.toks[u].low, "s") {
		return false
	}
	for k := lo + 1; k < u; k++ {
		if t := &tx.toks[k]; !t.word || t.quote >= 0 {
			return false
		}
	}
	return true
}

// afterDateline returns the first token after a dateline that opens the sentence at lo
// ("WASHINGTON —", "LA CROSSE, Wis. (AP) —"): capitalised words, commas, stops and a
// parenthesis before a dash. It returns lo when there is none.
func (tx *prose) afterDateline(lo, hi int) int {
	for k := lo; k < hi && k < lo+10; k++ {
		t := &tx.toks[k]
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
// preposition ("…, in an interview on Friday, …") or a determiner ("…, a staunch ally of the
// mayor, …"), or i when none does.
func (tx *prose) afterAsidePhrase(i, hi int) int {
	if i+1 >= hi || tx.toks[i].low != "," {
		return i
	}
	far := i + 10
	switch n := &tx.toks[i+1]; {
	case n.is(lexPreposition):
	case (n.is(lexDeterminer) || n.is(lexUnnamedDet)) && !n.is(lexClause), !n.cap && (n.is(lexRole) || n.is(lexModifier)):
		far = i + 14 // "…, a staunch ally of the mayor, …", "…, vice chairwoman of the board, …"
	default:
		return i
	}
	for j := i + 2; j < hi && j <= far; j++ {
		t := &tx.toks[j]
		if t.low == "," {
			return j + 1
		}
		if !t.word || t.quote >= 0 || tx.verb(j) {
			break
		}
	}
	return i
}

// afterPartyTag returns the token after a party tag set off by commas that opens at the comma
// i ("…, R-Ill., rescinded"), the comma that closes the tag when a relative clause follows it
// ("…, R-Ill., who faces …,"), or i when no tag opens there.
func (tx *prose) afterPartyTag(i, hi int) int {
	if i+2 >= hi || tx.toks[i].low != "," || !isPartyTag(tx.toks[i+1].text) {
		return i
	}
	j := i + 2
	if tx.toks[j].low == "." {
		j++
	}
	if j >= hi || tx.toks[j].low != "," {
		return i
	}
	if j+1 < hi && isRelative(tx.toks[j+1].low) {
		return j
	}
	return j + 1
}

// afterParenthesis returns the token after a parenthesis that opens at i ("(D-Ohio)", "(R)",
// "(a Vermont Democrat so quiet she is taken for an aide)"), or i when none opens there.
func (tx *prose) afterParenthesis(i, hi int) int {
	if i >= hi || tx.toks[i].low != "(" {
		return i
	}
	for j := i + 1; j < hi && j <= i+30 && tx.toks[j].quote < 0 && tx.toks[j].low != "("; j++ {
		if tx.toks[j].low == ")" {
			return j + 1
		}
	}
	return i
}

// afterAdjectives returns the first token of the name that follows the capitalised
// adjectives [k, e] ("Democratic", "Canadian") over at most four lower-case descriptor words
// ("presidential hopeful"), or -1 when [k, e] are not all adjectives or no name follows.
func (tx *prose) afterAdjectives(k, e, hi int) int {
	for i := k; i <= e; i++ {
		if !tx.toks[i].is(lexModifier) && !tx.toks[i].is(lexDemonym) {
			return -1
		}
	}
	if !tx.modifierRun(e) {
		return -1
	}
	for n := e + 1; n < hi && n <= e+5; n++ {
		t := &tx.toks[n]
		if tx.nameTok(n) {
			return n
		}
		if !t.word || t.cap || t.quote >= 0 || t.poss || t.is(lexVerb) || t.is(lexFunction) {
			return -1
		}
	}
	return -1
}

// sourceInPhrase reports whether the name run [a, b] inside the "according to" phrase [i, j)
// can be its source: not inside a relative clause, not the object of "to" or "with" or of a
// participle's "by", and not a modifier of a lower-case noun (but a possessive: "Statistics
// Canada's figures").
func (tx *prose) sourceInPhrase(i, a, b, j int) bool {
	for k := i; k < a; k++ {
		switch tx.toks[k].low {
		case "who", "which", "that", "whose":
			return false
		}
	}
	if b+1 < j && !tx.toks[b].poss && tx.toks[b+1].word && !tx.toks[b+1].cap && !tx.toks[b+1].is(lexFunction) {
		return false
	}
	p := a - 1
	if p >= i && tx.toks[p].low == "the" {
		p--
	}
	if p < i {
		return true
	}
	switch tx.toks[p].low {
	case "to", "with":
		return false
	case "by":
		if p-1 >= i && tx.w.authoring[tx.toks[p-1].low] {
			return true // "figures published by the Housing Federation"
		}
		return !(p-1 >= i && strings.HasSuffix(tx.toks[p-1].low, "ed"))
	}
	return true
}

// span returns the rune offsets of tokens [a, b), without trailing punctuation, or -1 when
// they hold fewer than three words.
func (tx *prose) span(a, b int) (int, int) {
	for b > a && !tx.toks[b-1].word && !isCloseMark(tx.toks[b-1].text) {
		b--
	}
	for a < b && !tx.toks[a].word && !isQuoteMark(tx.toks[a].text) {
		a++
	}
	n := 0
	for i := a; i < b; i++ {
		if tx.toks[i].word {
			n++
		}
	}
	if n < 3 {
		return -1, -1
	}
	return int(tx.toks[a].start), int(tx.toks[b-1].end)
}

// colonBlock returns the paragraph after a colon that ends the paragraph of tokens [i, hi)
// within a few words: a statement or post that follows its introduction without quotation
// marks. It returns -1, -1 when there is none.
func (tx *prose) colonBlock(i, hi int) (int, int) {
	for j := i; j < hi && j < i+10; j++ {
		t := &tx.toks[j]
		if t.quote >= 0 || isQuoteMark(t.text) {
			return -1, -1
		}
		if t.low != ":" {
			continue
		}
		n := j + 1
		if n >= len(tx.toks) || tx.toks[n].para == t.para || isQuoteMark(tx.toks[n].text) {
			return -1, -1
		}
		e := n
		for e < len(tx.toks) && tx.toks[e].para == tx.toks[n].para {
			e++
		}
		return tx.span(n, e)
	}
	return -1, -1
}

// contentAfter returns the reported clause after verb v: `said (Monday) (that) …`.
func (tx *prose) contentAfter(v, hi int) (int, int) {
	i := v + 1
	low := tx.toks[v].low
	if strings.HasPrefix(low, "point") && i < hi && tx.toks[i].low == "out" {
		i++ // "pointed out that …", "As Jane Roe pointed out, …"
	}
	if tx.toks[v].is(lexHearerVerb) {
		for j := i; j < hi && j < i+14; j++ {
			if tx.toks[j].low == "that" {
				i = j + 1
				goto clause
			}
			if q := tx.quoteAt(j); q >= 0 && tx.titleSpan(&tx.spans[q]) {
				j = tx.spans[q].closeTok // "told CNN's “State of the Union” on Sunday that …"
				continue
			}
			if !tx.toks[j].word && tx.toks[j].low != "," || tx.toks[j].quote >= 0 {
				break // "told a town hall in Salem, N.H., on Monday that …" reads on over commas
			}
		}
		if i+1 < hi && tx.objectPronoun(i) {
			i++ // "told her she had run a fine race", "telling them that …"
		} else if n := tx.afterPossessedObject(i, hi); n > i {
			i = n // "told his closest advisers the deal was dead"
			if i < hi && (tx.toks[i].is(lexSubordinator) || tx.toks[i].low == "as") {
				return -1, -1 // "…, Jane Roe told her aides as she left": what she told is before
			}
		}
		for i < hi && tx.toks[i].word && (tx.toks[i].cap || tx.w.audience[tx.toks[i].low]) {
			if tx.toks[i].is(lexDeterminer) && i+1 < hi && !(tx.toks[i+1].cap || tx.w.audience[tx.toks[i+1].low]) {
				break // "told reporters the deal was dead": "the" opens the clause
			}
			i++
		}
		if i+1 < hi && (tx.toks[i].low == "in" || tx.toks[i].low == "at" || tx.toks[i].low == "of" && i > v+1 && tx.toks[i-1].cap) && tx.toks[i+1].cap {
			i += 2 // "told reporters in Berlin the deal was dead", "told The Courier of Newark she …"
			for i < hi && tx.toks[i].cap && tx.nameTok(i) {
				i++
			}
		}
	}
	for i < hi {
		l := tx.toks[i].low
		if tx.w.timeWords[l] || l == "also" || l == "," || i+1 < hi && tx.toks[i+1].low == "that" && (l == "only" || tx.adverbBefore(i)) {
			i++ // "saying only that …", "said simply that …"
			continue
		}
		if tx.w.timeMods[l] && i+1 < hi && (tx.w.timeWords[tx.toks[i+1].low] || tx.toks[i+1].low == "on") {
			i++ // "reported late on Tuesday", "said early Monday"
			continue
		}
		if n := tx.skipSourcePhrase(i, hi); n > i {
			i = n // "in a statement", "by email", "in July", "on Twitter"
			continue
		}
		if l == "in" || l == "on" || l == "at" || l == "during" || l == "after" || l == "before" || l == "following" || l == "via" || l == "through" || l == "while" || l == "for" || l == "with" || l == "to" {
			found := -1
			for j := i + 1; j < hi && j < i+9; j++ {
				if tx.toks[j].low == "that" || tx.toks[j].low == "," {
					found = j
					break
				}
				if !tx.toks[j].word {
					break
				}
			}
			if found > 0 {
				i = found + 1
				continue
			}
			if l == "after" || l == "before" || l == "following" || l == "in" || l == "at" || l == "during" {
				// "said after the vote he would resign", "said in politics it takes time": the
				// clause opens at its pronoun
				for j := i + 2; j+1 < hi && j < i+8 && tx.toks[j].word; j++ {
					if n := &tx.toks[j+1]; tx.toks[j].is(lexPronoun) && tx.toks[j].is(lexClause) && n.word && !n.cap && !n.is(lexDeterminer) {
						found = j
						break
					}
				}
				if found > 0 {
					i = found
					continue
				}
			}
		}
		break
	}
	if i < hi && tx.toks[i].low == "that" && !(tx.toks[i-1].low == "," && tx.opensWithAs(v)) {
		i++ // not "As Jane Roe said, that is …": a pronoun after the comma
	}
	if s, e := tx.colonBlock(i, hi); s >= 0 {
		return s, e // "Jane Roe posted a statement on Instagram:" and the paragraph after
	}
clause:
	if i >= hi {
		return -1, -1
	}
	// after "that" a clause may open with a phrase: "said that with the votes counted, …"
	that := i > v+1 && tx.toks[i-1].low == "that" && tx.toks[i].low != "to" && tx.toks[i].low != ":"
	// "the ministry said about 3,000 people fled": a figure, not a topic
	if !that && (tx.toks[i].low != "about" || !tx.saysNumber(i, hi)) {
		switch tx.toks[i].low {
		case ";", ":", "about", "of", "for", "to", "on", "with", "from", "by", "at", "into", "against", "in", "as", "up", "out", "him", "them", "me", "after", "before", "following":
			return -1, -1
		}
	}
	if isQuoteMark(tx.toks[i].text) || tx.toks[i].low == "not" && i+1 < hi && tx.toks[i+1].low == "to" {
		return -1, -1 // "asked not to be named": a request, as "asked to …" is
	}
	if i > v+1 && tx.toks[i-1].low == "," && tx.toks[i].word && !tx.toks[i].cap && isParticiple(tx.toks[i].low) {
		return -1, -1 // "…, Jane Roe said, citing rising costs": a phrase of the narration
	}
	e := hi
	sub, part := tx.inSubordinate(v), isParticiple(low)
	for j := i; j < hi; j++ {
		t := &tx.toks[j]
		if t.low == "," && j+1 < hi && tx.toks[j+1].word && isParticiple(tx.toks[j+1].low) && tx.toks[j+1].is(lexVerb) {
			e = j
			break
		}
		if t.low == "," && t.quote < 0 && tx.clauseEnds(j+1, hi, sub, part) {
			e = j
			break
		}
		if j > i && (t.low == "and" || t.low == "but") && t.quote < 0 && j+1 < hi && tx.verb(j+1) && tx.reportingVerb(j+1) {
			e = j // "said the levy was fair and added that …": the second verb reports on its own
			break
		}
		if t.low == "," && j+2 < hi && tx.w.participleLinks[tx.toks[j+1].low] && isParticiple(tx.toks[j+2].low) && tx.toks[j+2].is(lexVerb) {
			e = j // "…, while adding that …": the participle says something else
			break
		}
		if sub && t.low == "," && t.quote < 0 && tx.mainClauseAfter(j+1, hi) {
			e = j // "When Hask suggested that …, Jane Roe fired back": the subordinate clause ends
			break
		}
		if t.low == "," && t.quote < 0 && tx.replyClause(j+1, hi) {
			e = j // "…, to which Jane Roe replied: …": the narration goes on
			break
		}
		if part && t.low == "and" && t.quote < 0 && tx.namedParticiple(j+1, hi) {
			e = j // "Jane Roe saying she was pleased and John Doe calling it …": his words
			break
		}
		if isQuoteMark(t.text) && t.quote < 0 && j > i {
			if q := tx.quoteAt(j); q >= 0 && tx.spans[q].attributed >= 0 {
				e = j
				break
			}
		}
	}
	if s, e := tx.span(i, e); s >= 0 {
		return s, e
	}
	return tx.shortClause(i, e)
}

// shortClause returns the two-word clause in tokens [i, e), a subject and its verb that end the
// sentence ("Acme said profits fell."), which span leaves out as too short, or -1, -1: not
// "said so", "said no more", "said thank you", "said never happened", "said are unrelated".
func (tx *prose) shortClause(i, e int) (int, int) {
	for e > i && !tx.toks[e-1].word {
		e--
	}
	if e-i != 2 || e >= len(tx.toks) || tx.toks[e].low != "." {
		return -1, -1
	}
	a, b := &tx.toks[i], &tx.toks[i+1]
	if !a.word || !b.word || b.cap || a.quote >= 0 || b.quote >= 0 || a.is(lexFunction) || a.is(lexDeterminer) || b.is(lexFunction) ||
		tx.w.timeWords[a.low] || tx.w.timeWords[b.low] || isAuxiliary(a.low) || tx.w.adverbs[a.low] || a.low == "never" || a.low == "not" || strings.HasSuffix(a.low, "ly") ||
		!strings.HasSuffix(b.low, "ed") && !tx.w.shortVerbs[b.low] {
		return -1, -1
	}
	return int(a.start), int(b.end)
}

// mainClauseAfter reports whether a name and a lower-case verb open at token i, before token
// hi: the subject of the main clause after a subordinate one ("…, Jane Roe fired back").
func (tx *prose) mainClauseAfter(i, hi int) bool {
	k := i
	for k < hi && tx.nameTok(k) && !tx.toks[k].poss {
		k++
	}
	return k > i && k < hi && tx.toks[k].word && !tx.toks[k].cap && !tx.toks[k].is(lexFunction) && !tx.toks[k].is(lexDeterminer)
}

// replyClause reports whether a relative clause whose verb is one of saying opens at token i,
// before token hi: a preposition, "which", a name or a pronoun and the verb ("to which Jane
// Roe replied", "at which point he added"), a new speaker's turn rather than part of what was
// reported.
func (tx *prose) replyClause(i, hi int) bool {
	if i+3 >= hi || !tx.toks[i].is(lexPreposition) || tx.toks[i+1].low != "which" {
		return false
	}
	k := i + 2
	if tx.toks[k].low == "point" {
		k++
	}
	if _, ok := isPronoun(tx.toks[k].low); ok {
		return k+1 < hi && tx.reportingVerb(k+1)
	}
	for k < hi && tx.nameTok(k) {
		k++
	}
	return k > i+2 && k < hi && tx.reportingVerb(k)
}

// namedParticiple reports whether a name opens at token i and a participle of saying or of
// characterising follows it, before token hi: "John Doe calling it …", "Jane Roe saying …".
func (tx *prose) namedParticiple(i, hi int) bool {
	k := i
	for k < hi && tx.nameTok(k) && !tx.toks[k].poss {
		k++
	}
	if k == i || k >= hi {
		return false
	}
	t := &tx.toks[k]
	return t.word && !t.cap && isParticiple(t.low) && (t.is(lexVerb) || t.is(lexPredicative))
}

// afterPossessedObject returns the token after the object that opens at token i with a
// possessive ("his closest advisers", "her staff"), before a clause, or i when there is none:
// the object ends before a determiner, a pronoun, "that", "as", a preposition or a
// subordinating conjunction.
func (tx *prose) afterPossessedObject(i, hi int) int {
	switch tx.toks[i].low {
	case "his", "her", "their", "our", "its", "my", "your":
	default:
		return i
	}
	j := i + 1
	for j < hi && j < i+5 {
		t := &tx.toks[j]
		if !t.word || t.cap || t.quote >= 0 || t.low == "that" || t.low == "as" || t.is(lexDeterminer) || t.is(lexPronoun) || t.is(lexPreposition) || t.is(lexSubordinator) || t.is(lexVerb) {
			break
		}
		j++
	}
	if j == i+1 {
		return i
	}
	return j
}

// objectPronoun reports whether token i is a pronoun object of "told" and not the start of
// what was told: "him", "them", "me", "us", and "her" before a clause ("told her she …",
// "told her that …") rather than before its noun ("told her staff the deal was off").
func (tx *prose) objectPronoun(i int) bool {
	switch tx.toks[i].low {
	case "him", "them", "me", "us":
		return true
	case "her":
		n := &tx.toks[i+1]
		return n.low == "that" || n.is(lexPronoun) && n.is(lexClause) || n.is(lexDeterminer)
	}
	return false
}

// documentColon reports whether the words from token n are a document noun and a colon that
// opens what it says: "a short statement on Tuesday evening:".
func (tx *prose) documentColon(n int) bool {
	doc := false
	for j := n; j < len(tx.toks) && j < n+9 && tx.toks[j].sent == tx.toks[n].sent; j++ {
		t := &tx.toks[j]
		switch {
		case t.low == ":":
			return doc
		case !t.word || t.quote >= 0 || t.low == "that":
			return false
		}
		doc = doc || tx.w.documents[t.low]
	}
	return false
}

// inSubordinate reports whether verb v stands in a subordinate clause that opens its sentence,
// before any comma: "While she says she will vote for Roe, she …", "And although he said …".
func (tx *prose) inSubordinate(v int) bool {
	k := tx.sentStart[tx.toks[v].sent]
	if k < v && (tx.toks[k].low == "and" || tx.toks[k].low == "but") {
		k++
	}
	if k >= v || !tx.toks[k].is(lexSubordinator) {
		return false
	}
	for j := k + 1; j < v; j++ {
		if tx.toks[j].low == "," || tx.toks[j].quote >= 0 {
			return false
		}
	}
	return true
}

// clauseEnds reports whether the words from token j, after a comma in a reported clause, start
// the narration again rather than continue what was said: the main clause after a subordinate
// one that holds the verb (sub: "While she says X, she applauds …"), a new clause after a
// participle ("saying X, but he suggested …"), or a noun that sums up what was said ("…, a
// swipe at …", "…, remarks that …"; speaker_summary_nouns.txt). ", she said," is an
// attribution inside the clause, not its end.
func (tx *prose) clauseEnds(j, hi int, sub, part bool) bool {
	if j >= hi || !tx.toks[j].word {
		return false
	}
	l := tx.toks[j].low
	if sub && tx.toks[j].is(lexPronoun) && tx.toks[j].is(lexClause) && !(tx.verb(j+1) && j+2 < hi && tx.toks[j+2].low == ",") {
		return true
	}
	if part && (l == "but" || l == "yet") && j+1 < hi && tx.toks[j+1].is(lexPronoun) && tx.toks[j+1].is(lexClause) {
		return true
	}
	if (l == "a" || l == "an") && j+1 < hi {
		j++ // "the comment had made it plain" is a clause of its own
		if j+1 < hi && !tx.toks[j].cap && tx.toks[j+1].word && !tx.toks[j+1].cap && tx.w.summaryNouns[tx.toks[j+1].low] {
			j++ // "an apparent reference to …"
		}
	}
	return !tx.toks[j].cap && tx.w.summaryNouns[tx.toks[j].low]
}

// saysNumber reports whether a figure after token v starts what a form of "say" reports:
// "Jane Roe said 400 homes were damaged", "the ministry said about 3,000 people fled". Other
// verbs take a figure as their object ("the index added 0.1 per cent", "she reported $2
// million"), and "said 10 times" counts the saying.
func (tx *prose) saysNumber(v, hi int) bool {
	i := v
	if tx.toks[i].low == "about" {
		i--
	}
	switch tx.toks[i].low {
	case "said", "says", "say":
	default:
		return false
	}
	n := v + 1
	if n+1 < hi && tx.toks[i].low != tx.toks[v].low && (tx.toks[n].low == "half" || isCountWord(tx.toks[n].low)) && tx.toks[n+1].low == "of" {
		return true // "said about half of the rise was …"
	}
	if n >= hi || !startsWithDigit(tx.toks[n].text) {
		return false
	}
	for n+2 < hi && tx.toks[n+1].low == "," && startsWithDigit(tx.toks[n+2].text) {
		n += 2 // "3,000"
	}
	return n+1 < hi && tx.toks[n+1].word && tx.toks[n+1].low != "times"
}

// titleSpan reports whether quote span sp holds a title, not words said: at most six words,
// each capitalised or a function word ("State of the Union", "Meet the Press").
func (tx *prose) titleSpan(sp *quoteSpan) bool {
	if sp.closeTok < 0 || sp.words == 0 || sp.words > 6 {
		return false
	}
	for k := sp.first; k < sp.last; k++ {
		if t := &tx.toks[k]; t.word && !t.cap && !t.is(lexFunction) {
			return false
		}
	}
	return true
}

// quoteAt returns the span whose opening mark is token j, or -1.
func (tx *prose) quoteAt(j int) int {
	for i := range tx.spans {
		if tx.spans[i].openTok == j {
			return i
		}
	}
	return -1
}

// quoteClosedAt returns the span whose closing mark is token j, or -1.
func (tx *prose) quoteClosedAt(j int) int {
	for i := range tx.spans {
		if tx.spans[i].closeTok == j {
			return i
		}
	}
	return -1
}

// contentBefore returns the reported clause before the attribution: `…, X said`.
func (tx *prose) contentBefore(lo, mfirst int) (int, int) {
	k := mfirst - 1
	if k > lo && (tx.toks[k].low == "the" || tx.toks[k].low == "a" || tx.toks[k].low == "an") {
		mfirst, k = k, k-1 // "…, the Kremlin said", "…, a Westbrook University survey shows"
	}
	for j := k; j >= lo && j > mfirst-7; j-- {
		t := &tx.toks[j]
		if t.word && !t.cap && t.is(lexDeterminer) && j < k {
			continue // "…, the official Dalmoran News Agency said"
		}
		// "state" before "broadcaster" is no verb: "…, state broadcaster RAI said"
		verb := tx.verb(j) && !(j+1 < mfirst && (tx.toks[j+1].is(lexRolePart) || tx.w.genericOrgs[tx.toks[j+1].low]))
		if !t.word || t.quote >= 0 || verb || t.is(lexClause) || t.is(lexFunction) && !t.poss {
			if j < k && (t.low == "," || isCloseMark(t.text)) {
				k = j // over the title: "…,” the company’s managing director Jane Roe said"
			}
			break
		}
	}
	if k < lo || (tx.toks[k].low != "," && !isCloseMark(tx.toks[k].text)) {
		return -1, -1
	}
	if j := tx.roleBetweenCommas(lo, k); j >= 0 {
		k = j // "…, the utility's chief executive, Jane Roe, said": the role is the name's
	}
	c := k
	if !isCloseMark(tx.toks[c].text) {
		c = k - 1
	}
	if c >= lo && isCloseMark(tx.toks[c].text) {
		// a direct quote, handled by directQuotes, unless it is a partial quote inside the
		// sentence ("The company is “very disappointed,” Jane Roe said")
		if q := tx.toks[c-1].quote; c-1 >= lo && q >= 0 && tx.spans[q].attributed < 0 && tx.spans[q].openTok > lo {
			return tx.span(lo, c+1)
		}
		return -1, -1
	}
	if tx.openingPhrase(lo, k) {
		return -1, -1 // "After the vote, officials asked her to …": a phrase, no clause
	}
	return tx.span(lo, k)
}

// openingPhrase reports whether tokens [lo, k) are a short phrase opened by a preposition, with
// no room for a clause: "After the vote", "By Sept. 30", "In the morning".
func (tx *prose) openingPhrase(lo, k int) bool {
	if k-lo > 3 || k-lo < 2 {
		return false
	}
	switch tx.toks[lo].low {
	case "after", "before", "during", "since", "until":
	default:
		if !tx.toks[lo].is(lexPreposition) {
			return false
		}
	}
	n := &tx.toks[lo+1]
	if !n.is(lexDeterminer) && !n.cap && !startsWithDigit(n.text) {
		return false
	}
	for j := lo + 1; j < k; j++ {
		if t := &tx.toks[j]; t.low == "," || t.quote >= 0 || strings.HasSuffix(t.low, "ed") {
			return false
		}
	}
	return true
}

// roleBetweenCommas returns the comma that opens a role phrase ending at the comma k ("…, the
// bank's chief economist, Jane Roe, said"): lower-case words with no verb, the last a role or
// a relation. It returns -1 when the words before k are no such phrase.
func (tx *prose) roleBetweenCommas(lo, k int) int {
	if tx.toks[k].low != "," || k-1 <= lo || !(tx.toks[k-1].is(lexRolePart) || tx.w.kin[tx.toks[k-1].low]) {
		return -1
	}
	for j := k - 1; j > lo && j > k-9; j-- {
		t := &tx.toks[j]
		if t.low == "," {
			return j
		}
		if !t.word || t.cap || t.quote >= 0 || tx.verb(j) && !t.is(lexRolePart) {
			return -1
		}
	}
	return -1
}

// asksQuestion reports whether verb v asks someone an indirect question, which reports no
// claim: "asked Roe how long he had been coming", "asked reporters whether the line would close".
func (tx *prose) asksQuestion(v, hi int) bool {
	if !strings.HasPrefix(tx.toks[v].low, "ask") {
		return false
	}
	i := v + 1
	for i < hi && i < v+6 && tx.toks[i].word && (tx.toks[i].cap || tx.w.audience[tx.toks[i].low]) {
		i++
	}
	return i > v+1 && i < hi && tx.toks[i].is(lexQuestion)
}

// loneOrg reports whether the one-word name reads as an organisation's in the article: never
// after a given name or an honorific nor before ", who" ("Arsene Wenger", "Mr Wenger"), and at
// least once before ", which", before a verb whose clause opens with "it" or "its" ("Skyhaul
// said it …"), or before a noun a company has ("Skyhaul shares", "Skyhaul's profits").
func (tx *prose) loneOrg(name string) bool {
	org := false
	for k := range tx.toks {
		t := &tx.toks[k]
		if !t.cap || len(t.text) != len(name) || t.text != name {
			continue
		}
		if k > 0 {
			p := &tx.toks[k-1]
			if _, hon := tx.w.honorific(p.low); hon || p.cap && p.is(lexGiven) {
				return false
			}
		}
		if k+2 >= len(tx.toks) {
			continue
		}
		n1, n2 := tx.toks[k+1].low, tx.toks[k+2].low
		switch {
		case n1 == "," && n2 == "who":
			return false
		case n1 == "," && n2 == "which":
			org = true
		case tx.verb(k+1) && (n2 == "it" || n2 == "its"):
			org = true
		case tx.w.business[n1] && (!t.poss || n1 != "spokesman" && n1 != "spokeswoman" && n1 != "chief" && n1 != "boss"):
			org = true
		}
	}
	return org
}

// quote returns the quote of attribution a.
func (tx *prose) quote(a attribution) news.Quote {
	return news.Quote{Text: tx.text(a.start, a.end), Direct: a.direct, Start: a.start, End: a.end}
}

// skipSourcePhrase returns the token after a phrase at i that says how or when something was
// said — "in a statement", "by email", "in an e-mailed statement", "on Twitter", "in July",
// "on Friday" — or i when there is none.
func (tx *prose) skipSourcePhrase(i, hi int) int {
	switch tx.toks[i].low {
	case "in", "on", "by", "via", "during", "through", "over":
	default:
		return i
	}
	for j := i + 1; j < hi && j < i+6; j++ {
		t := &tx.toks[j]
		if !t.word {
			return i
		}
		if tx.w.sourceNouns[t.low] || (j == i+1 && (t.is(lexMonth) || tx.w.timeWords[t.low])) {
			k := j + 1
			for k < hi && k < j+3 && tx.toks[k].word && tx.w.sourceNouns[tx.toks[k].low] {
				k++ // "in a Facebook post", "in a blog post"
			}
			for k < hi && k < j+3 && tx.toks[k].word && tx.w.timeWords[tx.toks[k].low] {
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

// quoteIn reports whether a token in [a, b) stands inside quotation marks.
func (tx *prose) quoteIn(a, b int) bool {
	for k := a; k < b; k++ {
		if tx.toks[k].quote >= 0 {
			return true
		}
	}
	return false
}

// lastComma returns the last comma in tokens (lo, i) with only words after it, or -1: the
// start of the clause before token i.
func (tx *prose) lastComma(lo, i int) int {
	for k := i - 1; k > lo; k-- {
		t := &tx.toks[k]
		if t.low == "," {
			return k
		}
		if !t.word || t.quote >= 0 {
			return -1
		}
	}
	return -1
}

// endsClause reports whether token i ends the clause of an inverted attribution ("…, said Jane
// Roe." or "…, said Jane Roe on Monday"): the end of the sentence, punctuation, or a
// preposition or time word.
func (tx *prose) endsClause(i, hi int) bool {
	if i >= hi {
		return true
	}
	t := &tx.toks[i]
	if !t.word {
		return !isQuoteMark(t.text) || t.quote < 0 && isCloseMark(t.text)
	}
	switch t.low {
	case "on", "in", "at", "during", "after", "before", "when", "while", "from", "of", "with", "who", "adding",
		"noting", "saying", "according", "as", "to", "for", "and", "but":
		return true
	}
	return tx.w.timeWords[t.low]
}

// unnamedTitle returns the words of an unnamed or unresolved mention as written: "a senior
// White House official", "a spokesman for the Port Authority", "the ministry", or "" when they
// do not read like a source. A mention that starts at a name inside a phrase ("a spokesman for
// [Google]") is read from the phrase's determiner.
func (tx *prose) unnamedTitle(m mention) string {
	a, b := m.first, m.pos
	if a < 0 || b < a || b >= len(tx.toks) {
		return ""
	}
	if tx.toks[a].cap && !tx.toks[a].is(lexDeterminer) {
		for k := a - 1; k >= 0 && k >= m.first-8; k-- {
			t := &tx.toks[k]
			if !t.word || t.quote >= 0 || t.sent != tx.toks[a].sent || tx.verb(k) || t.is(lexClause) || t.low == "according" {
				break
			}
			a = k
			if t.is(lexDeterminer) && !(k > 0 && tx.toks[k-1].is(lexPhrasePrep)) {
				break
			}
		}
	}
	for b > a && !tx.toks[b].word {
		b--
	}
	for k := a; k <= b; k++ {
		if t := &tx.toks[k]; !t.word || t.is(lexClause) {
			a = k + 1 // "… how experts" -> "experts"
		}
	}
	for a < b && (tx.toks[a].is(lexFunction) && !tx.toks[a].is(lexDeterminer) || tx.toks[a].low == "after" || tx.toks[a].low == "but") {
		a++ // "of Democratic …", "and human rights groups"
	}
	if a > b {
		return ""
	}
	head := tx.toks[b]
	if !head.word || !m.cued && (head.poss || head.is(lexFunction) || head.is(lexDeterminer) || head.is(lexVerbGap) ||
		strings.HasSuffix(head.low, "ly") || tx.w.timeWords[head.low]) {
		return "" // "the mayor’s", "a series of", "his early-morning"; but "according to polls at the time"
	}
	if !m.cued && !tx.sourceHead(head.low) && !head.cap && !strings.HasSuffix(head.low, "s") && !isAgeWord(head.low) {
		return ""
	}
	return strings.TrimSpace(tx.text(int(tx.toks[a].start), int(tx.toks[b].end)))
}

// sourceHead reports whether low can head the mention of a source: a role ("official",
// "spokesperson"), a group ("critics", "lawmakers"), an organisation noun ("the company") or a
// document ("the report", "a study").
func (tx *prose) sourceHead(low string) bool {
	if tx.w.roles[low] || tx.w.groups[low] || tx.w.genericOrgs[low] || tx.w.documents[low] || tx.w.orgWords[low] {
		return true
	}
	if tx.w.persons[low] || tx.w.kin[low] {
		return true // "a neighbour", "his colleague"
	}
	sing := strings.TrimSuffix(low, "s")
	return sing != low && (tx.w.roles[sing] || tx.w.genericOrgs[sing] || tx.w.documents[sing] || tx.w.persons[sing])
}

// markMidCap records token i, a capitalised token, when it stands inside its sentence: there
// the capital says the word is a name.
func (tx *prose) markMidCap(i int) {
	t := &tx.toks[i]
	if i == 0 || !t.word {
		return
	}
	if p := &tx.toks[i-1]; !(p.word && p.sent == t.sent && p.para == t.para) && !tx.midSentence(i) {
		return
	}
	h := lexHash(t.low)
	tx.midCaps[h>>6&63] |= 1 << (h & 63)
}

// capitalisedMidSentence reports whether the word low is capitalised inside a sentence
// somewhere in the article (rarely true of a word that is not).
func (tx *prose) capitalisedMidSentence(low string) bool {
	h := lexHash(low)
	return tx.midCaps[h>>6&63]&(1<<(h&63)) != 0
}

// markTitleCase marks the first two paragraphs when written in title case, as headlines are
// ("Mayor Says Harbour Will Reopen in May."): every word of four letters or more is
// capitalised, save a few prepositions, and there are at least three of them. Their
// capitalised runs are no names, and their verbs attribute nothing.
func (tx *prose) markTitleCase() {
	caps, lower := 0, 0
	flush := func(para int) {
		if caps >= 3 && lower == 0 {
			if tx.titleCase == nil {
				tx.titleCase = map[int]bool{}
			}
			tx.titleCase[para] = true
			tx.headline[para] = true
		}
		caps, lower = 0, 0
	}
	for i := range tx.toks {
		t := &tx.toks[i]
		if i > 0 && tx.toks[i-1].para != t.para {
			flush(int(tx.toks[i-1].para))
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
	if len(tx.toks) > 0 {
		flush(int(tx.toks[len(tx.toks)-1].para))
	}
}

// nameTok reports whether token i can be part of a capitalised name outside quotes.
func (tx *prose) nameTok(i int) bool {
	if i < 0 || i >= len(tx.toks) {
		return false
	}
	t := &tx.toks[i]
	if !t.word || t.quote >= 0 {
		// "Procter & Gamble", "Marks & Spencer": an ampersand between capitalised words
		return t.low == "&" && t.quote < 0 && i > 0 && i+1 < len(tx.toks) && tx.toks[i-1].cap && tx.toks[i+1].cap &&
			tx.toks[i+1].word && tx.toks[i-1].end+1 == t.start
	}
	if t.cap {
		return !t.is(lexStopCapContraction) // "We’d", "It's"; cap: starts with an upper-case letter, never a digit
	}
	if p, rest, ok := strings.Cut(t.text, "-"); ok && tx.w.has(p, lexParticle) && rest != "" && rest[0] >= 'A' && rest[0] <= 'Z' {
		return i > 0 && (tx.toks[i-1].cap || tx.toks[i-1].is(lexParticle)) // "Ali al-Hassan"
	}
	if !t.is(lexParticle) || i == 0 || !(tx.toks[i-1].cap || tx.toks[i-1].is(lexParticle)) {
		return false
	}
	// "Ben van der Pluijm": a chain of particles between capitalised words
	for k := i + 1; k < len(tx.toks) && k < i+3; k++ {
		if tx.toks[k].cap {
			return tx.toks[k].word
		}
		if !tx.toks[k].is(lexParticle) {
			return false
		}
	}
	return false
}

// mannerAdverb reports whether token i is an adverb of manner between a name or pronoun and its
// verb: "Jane Roe jokingly said", "he angrily told".
func (tx *prose) mannerAdverb(i, lo int) bool {
	l := tx.toks[i].low
	return len(l) > 4 && strings.HasSuffix(l, "ly") && i-1 >= lo && (tx.nameTok(i-1) && !tx.toks[i-1].poss || tx.toks[i-1].is(lexPronoun))
}

// adverbBefore reports whether token i is an adverb that can stand between a comma and the
// participle it modifies: "…, recently telling …", "…, again saying …".
func (tx *prose) adverbBefore(i int) bool {
	t := &tx.toks[i]
	return t.word && !t.cap && (tx.w.adverbs[t.low] || len(t.low) > 4 && strings.HasSuffix(t.low, "ly"))
}

// dayBefore steps back over a day named between a subject and its verb, ending at token i:
// "on Friday", "late Tuesday", "on Monday night", "Thursday". It returns the token before the
// phrase, or i when there is none.
func (tx *prose) dayBefore(i, lo int) int {
	k := i
	if k >= lo && tx.toks[k].word && !tx.toks[k].cap && tx.toks[k].is(lexDayPart) {
		k--
	}
	if k < lo || !tx.toks[k].cap || !tx.toks[k].is(lexWeekday) {
		return i
	}
	k--
	if k >= lo && tx.toks[k].word && !tx.toks[k].cap {
		switch tx.toks[k].low {
		case "on", "late", "early", "last", "this", "earlier":
			k--
		}
	}
	return k
}

// dayAfter returns the token after a day phrase that starts at i ("on Friday", "late
// Tuesday", "Monday night"), or i when none starts there: dayBefore read forwards.
func (tx *prose) dayAfter(i, hi int) int {
	k := i
	if k < hi && tx.toks[k].word && !tx.toks[k].cap {
		switch tx.toks[k].low {
		case "on", "late", "early", "last", "this", "earlier":
			k++
		}
	}
	if k >= hi || !tx.toks[k].cap || !tx.toks[k].is(lexWeekday) {
		return i
	}
	k++
	if k < hi && tx.toks[k].word && !tx.toks[k].cap && tx.toks[k].is(lexDayPart) {
		k++
	}
	return k
}

// documentBefore reports whether a noun naming a text (speaker_document_nouns.txt) heads the words
// before token by, within the few words of a subject: "A statement e-mailed to The Globe
// by", "a letter signed by".
func (tx *prose) documentBefore(by, lo int) bool {
	for k := by - 1; k >= lo && k > by-8; k-- {
		t := &tx.toks[k]
		if !t.word || t.quote >= 0 || t.is(lexClause) && t.low != "to" {
			return false
		}
		if !t.cap && tx.w.documents[t.low] {
			return true
		}
	}
	return false
}

// clauseBetween reports whether tokens [a, b) hold a finite verb outside a relative clause:
// they are a clause, not an appositive ("a lawyer for the family", "who runs the shop").
func (tx *prose) clauseBetween(a, b int) bool {
	for k := a; k < b; k++ {
		switch low := tx.toks[k].low; {
		case isRelative(low) || low == "(":
			return false
		case isAuxiliary(low):
			return true
		}
	}
	return false
}

// isRelative reports whether low is a relative pronoun that opens a clause after a noun.
func isRelative(low string) bool {
	return low == "who" || low == "which" || low == "whose" || low == "that"
}

// isAuxiliary reports whether low is an auxiliary or modal verb: the mark of a finite clause.
func isAuxiliary(low string) bool {
	switch low {
	case "will", "would", "can", "could", "should", "is", "are", "was", "were", "has", "have", "had", "do",
		"does", "did", "may", "might", "must", "won't", "can't", "isn't", "wasn't":
		return true
	}
	return false
}

// appositiveTitle returns tokens [a, b) as a title when they read like one ("CEO of Civic Action").
func (tx *prose) appositiveTitle(a, b int) string {
	if b-a < 1 || b-a > 10 {
		return ""
	}
	hasRole := false
	for i := a; i < b; i++ {
		if tx.toks[i].is(lexRole) {
			hasRole = true
		}
		if tx.toks[i].low == "who" || tx.toks[i].low == "which" {
			return ""
		}
	}
	if !hasRole {
		return ""
	}
	if l := tx.toks[a].low; l == "a" || l == "an" || l == "the" {
		a++
	}
	if a >= b {
		return ""
	}
	return tx.text(int(tx.toks[a].start), int(tx.toks[b-1].end))
}

// midSentence reports whether token i follows a word or mark of its own sentence other than an
// opening quotation mark or parenthesis, a colon or a dash, so that its capital is no sentence's.
func (tx *prose) midSentence(i int) bool {
	if i == 0 {
		return false
	}
	t, p := &tx.toks[i], &tx.toks[i-1]
	if p.sent != t.sent || p.para != t.para {
		return false
	}
	if p.word {
		return true
	}
	switch p.low {
	case ":", "(", "—", "–", "-", ";":
		return false
	}
	return !isQuoteMark(p.text) || t.quote < 0 // an opening mark is followed by a quoted word
}

// lowerElsewhere reports whether the article writes the word low in lower case somewhere.
func (tx *prose) lowerElsewhere(low string) bool {
	if tx.body == "" {
		return false
	}
	for k := 0; k < len(tx.low); {
		j := strings.Index(tx.low[k:], low)
		if j < 0 {
			return false
		}
		j += k
		e := j + len(low)
		if (j == 0 || !isWordByte(tx.low[j-1])) && (e == len(tx.low) || !isWordByte(tx.low[e])) && 'a' <= tx.body[j] && tx.body[j] <= 'z' {
			return true
		}
		k = j + 1
	}
	return false
}

// isOrgRun reports whether the name tokens [a, b] name an organisation: they hold an
// organisation word ("Ministry", "Inc.") or are one all-capitals word ("NATO").
func (tx *prose) isOrgRun(a, b int) bool {
	for i := a; i <= b; i++ {
		if tx.toks[i].is(lexOrg) || tx.toks[i].low == "&" {
			return true
		}
	}
	if n := b + 1; n < len(tx.toks) && tx.toks[n].legalForm() {
		return true // "Marrow Bakeries plc"
	}
	if a == b {
		t := tx.toks[a].text
		return utf8.RuneCountInString(t) > 1 && isUpperString(t)
	}
	return false
}

// orgNameRight reads an organisation's name that goes on past token j, where mentionRight's
// run over [i, j) stopped: "the Institute" + "on Water Safety", "the Hydrology" + ", Forecasting
// and Coastal Agency". The name runs from the capitalised run before j to the end of the tail
// that orgTail finds, within hi.
func (tx *prose) orgNameRight(i, j, hi int) (mention, bool) {
	b := j - 1
	if j >= hi || !tx.nameTok(b) || tx.toks[b].poss {
		return mention{}, false
	}
	e := tx.orgTail(j, hi)
	if e < 0 {
		e = tx.orgOfAndTail(i, j, hi)
	}
	if e < 0 {
		return mention{}, false
	}
	a := b
	for a-1 >= i && (tx.nameTok(a-1) && !tx.toks[a-1].poss && !tx.toks[a-1].is(lexRole) || tx.toks[a-1].low == "of" && a-2 >= i && tx.nameTok(a-2)) {
		a--
	}
	m := mention{kind: mentionName, org: true, first: a, pos: e - 1}
	m.name = strings.Fields(tx.text(int(tx.toks[a].start), int(tx.toks[e-1].end)))
	return m, true
}

// orgOfAndTail returns one past the last token of a capitalised run joined by "and" at token j
// to an organisation's name with "of" in [i, j) ("the Federation of Tile Makers and Fitters"),
// when the run ends the phrase; or -1.
func (tx *prose) orgOfAndTail(i, j, hi int) int {
	if j+1 >= hi || tx.toks[j].low != "and" || !tx.nameTok(j+1) {
		return -1
	}
	of := false
	for k := i + 1; k < j; k++ {
		of = of || tx.toks[k].low == "of" && tx.toks[k-1].is(lexOrg)
	}
	if !of {
		return -1
	}
	e := j + 1
	for e < hi && tx.nameTok(e) && !tx.toks[e].poss {
		e++
	}
	if !tx.endsClause(e, hi) {
		return -1
	}
	return e
}

// orgTail returns one past the last token of the rest of an organisation's name that starts at
// token j, right after a capitalised word, or -1: "on"/"for" and a capitalised run after an
// organisation word ("Institute on Water Safety"), or a list of capitalised words joined by
// commas and "and" whose last run ends in an organisation word ("Hydrology, Forecasting and
// Coastal Agency").
func (tx *prose) orgTail(j, hi int) int {
	hi = min(hi, len(tx.toks), j+14)
	if j >= hi {
		return -1
	}
	if orgJoin(tx.toks[j].low) {
		if !tx.toks[j-1].is(lexOrg) || !tx.nameTok(j+1) || j+1 >= hi {
			return -1
		}
		e := j + 1
		for e < hi && tx.nameTok(e) && !tx.toks[e].poss {
			e++
		}
		return e
	}
	if tx.toks[j].low != "," {
		return -1
	}
	for k := j; k < hi; {
		sep := tx.toks[k].low
		if sep != "," && sep != "and" {
			return -1
		}
		k++
		if k < hi && sep == "," && tx.toks[k].low == "and" {
			k++
		}
		if k >= hi || !tx.toks[k].cap || !tx.nameTok(k) {
			return -1
		}
		for k+1 < hi && tx.nameTok(k+1) && !tx.toks[k].poss {
			k++
		}
		if sep == "and" || tx.toks[k-1].low == "and" {
			if tx.toks[k].is(lexOrg) && !tx.toks[k].poss {
				return k + 1
			}
			return -1
		}
		k++
	}
	return -1
}

// descriptorRun returns the token where a name starts after a lower-case descriptor at i that
// ends in a word for a person — "said oil and gas worker Jane Roe", "said longtime party
// strategist Jane Roe" — or i when there is none.
func (tx *prose) descriptorRun(i, hi int) int {
	for k := i; k < hi && k < i+6; k++ {
		t := &tx.toks[k]
		if !t.word || t.quote >= 0 {
			return i
		}
		if t.cap {
			if k > i && tx.nameTok(k) && isPersonWord(tx.w, &tx.toks[k-1]) {
				return k
			}
			return i
		}
		if t.is(lexVerb) && !t.is(lexRole) || t.is(lexClause) || t.is(lexDeterminer) || t.is(lexPronoun) ||
			t.is(lexFunction) && t.low != "and" && t.low != "of" {
			return i
		}
	}
	return i
}

// nounPhraseRight classifies the lower-case phrase [i, j) after a verb.
// nationalBody reads "the Canadian government" and "the French army", a country's
// government or armed force named by its demonym, ending at token i, as the organisation of
// that name: a body the article names, not an unnamed source.
func (tx *prose) nationalBody(det string, words []string, i int) (mention, bool) {
	if det != "the" || len(words) != 2 || i < 1 || tx.toks[i].poss || !tx.toks[i-1].cap || !tx.toks[i-1].is(lexDemonym) {
		return mention{}, false
	}
	if !tx.w.isNationalBody(words) {
		return mention{}, false
	}
	return mention{kind: mentionName, org: true, name: []string{tx.toks[i-1].text, tx.toks[i].text}, first: i - 2, pos: i}, true
}

func (tx *prose) nounPhraseRight(i, j int) mention {
	det := tx.toks[i].low
	var words []string
	for k := i; k < j; k++ {
		if k == i && tx.w.has(det, lexDeterminer) {
			continue
		}
		words = append(words, tx.toks[k].low)
	}
	if len(words) == 0 {
		return mention{}
	}
	head := words[len(words)-1]
	if m, ok := tx.nationalBody(det, words, j-1); ok {
		return m
	}
	m := mention{role: words, first: i, pos: j - 1}
	switch {
	case tx.w.has(det, lexUnnamedDet) || tx.w.groups[head]:
		m.kind = mentionUnnamed
	case det == "the" && (tx.w.roles[head] || tx.w.orgWords[head] || tx.w.genericOrgs[head] || isAgeWord(head)):
		m.kind = mentionRole // "said the 62-year-old": the person just quoted or named, as before the verb
	case det == "the" && tx.w.personNounEnding(head) && (j >= len(tx.toks) || !tx.toks[j].word):
		m.kind, m.cued = mentionUnnamed, true // "…, said the investor."
	default:
		return mention{}
	}
	return m
}

// orgOfEnd extends the capitalised run [i, j] that ends in a bare organisation noun
// (speaker_bare_org_nouns.txt) over the name it heads: "the Bureau of Labor Statistics", "The
// Department of Health and Human Services", "the Georgia Bureau of Investigation". It returns
// the new end of the run.
func (tx *prose) orgOfEnd(j int) int {
	if !tx.w.bareOrgs[tx.toks[j].low] || tx.toks[j].poss {
		return j
	}
	next := func(k int) int { // the end of the capitalised run that starts at token k
		for k+1 < len(tx.toks) && tx.nameTok(k+1) && !tx.toks[k].poss && tx.toks[k+1].sent == tx.toks[k].sent {
			k++
		}
		return k
	}
	if j+2 >= len(tx.toks) || !(tx.toks[j+1].low == "of" || tx.toks[j+1].low == "for") || !tx.nameTok(j+2) {
		return j
	}
	j = next(j + 2)
	for j+2 < len(tx.toks) && !tx.toks[j].poss && (tx.toks[j+1].low == "and" || tx.toks[j+1].low == "&") && tx.nameTok(j+2) &&
		tx.toks[j+2].sent == tx.toks[j].sent {
		// "of Health and Human Services", but not "of Prisons and Congress" or "of Defence and
		// Jane Roe": the words after "and" name nothing by themselves
		k := next(j + 2)
		if k == j+2 && tx.toks[k].is(lexOrg) {
			break
		}
		for x := j + 2; x <= k; x++ {
			if tx.toks[x].is(lexGiven | lexRolePart) {
				return j
			}
		}
		j = k
	}
	return j
}

// andOrgEnd returns the end of an organisation's name that goes on over "and" after the run
// [i, j]: "the Securities and Exchange Commission", "the Department of Health and Human
// Services" (the run after "and" ends in an organisation word, and "the" opens the whole). It
// returns j when there is none.
func (tx *prose) andOrgEnd(i, j int) int {
	if i == 0 || tx.toks[i-1].low != "the" || j+2 >= len(tx.toks) || tx.toks[j+1].low != "and" || !tx.toks[j+2].cap || !tx.nameTok(j+2) || tx.isOrgRun(i, j) {
		return j
	}
	e := j + 2
	for e+1 < len(tx.toks) && tx.nameTok(e+1) && !tx.toks[e].poss && tx.toks[e+1].sent == tx.toks[e].sent {
		e++
	}
	if !tx.toks[e].is(lexOrg) {
		return j
	}
	return e
}

// capsLabel reports whether the name run [a, b] opens its paragraph in capitals, as the
// label of a paragraph does ("ECB WATCH: The bank said …").
func (tx *prose) capsLabel(a, b int) bool {
	if a > 0 && tx.toks[a-1].para == tx.toks[a].para {
		return false
	}
	for k := a; k <= b; k++ {
		if !isUpperString(tx.toks[k].text) {
			return false
		}
	}
	return true
}

// opensSentence reports whether only capitalised words, roles and modifiers stand before
// token i in its sentence: "On Monday, Jane Roe …", "Deputy mayor Jane Roe …".
func (tx *prose) opensSentence(i int) bool {
	for k := tx.sentStart[tx.toks[i].sent]; k < i; k++ {
		if t := &tx.toks[k]; t.word && (!t.cap && !t.is(lexRole) && !t.is(lexModifier) || t.is(lexSubordinator)) {
			return false // "While Obama had …, Jane Roe …" opens with a clause
		}
	}
	return true
}

// laterPronoun returns the first "he" or "she" after token i in its sentence, outside
// quotation marks, or the token that opens the next sentence.
func (tx *prose) laterPronoun(i int) *token {
	sent := tx.toks[i].sent
	for k := i + 1; k < tx.sentEnd[sent]; k++ {
		if t := &tx.toks[k]; t.quote < 0 && (t.low == "he" || t.low == "she") {
			return t
		}
	}
	if int(sent)+1 >= len(tx.sentStart) {
		return nil
	}
	k := tx.sentStart[sent+1]
	for n := 0; n < 2 && k+1 < tx.sentEnd[sent+1]; n++ {
		if l := tx.toks[k].low; l != "but" && l != "and" && l != "yet" && l != "," && !tx.w.adverbs[l] {
			break
		}
		k++ // "But he said …", "Later, she …"
	}
	return &tx.toks[k]
}

// runKey returns nameKey of the words of tokens [a, b] as a substring of the lower-cased
// text when it is one (ASCII words one space apart, no possessive), or "".
func (tx *prose) runKey(a, b int) string {
	for i := a; i <= b; i++ {
		t := &tx.toks[i]
		if t.poss || !isASCII(t.text) || i < b && (tx.toks[i+1].start != t.end+1 || tx.rs[t.end] != ' ') {
			return ""
		}
	}
	return tx.low[tx.off[tx.toks[a].start]:tx.off[tx.toks[b].end]]
}

// companyName reports whether e can be a company: its name does not end in a word for another
// kind of organisation ("Commission", "Ministry"), unless that word ends company names too.
func (tx *prose) companyName(e *entity) bool {
	if len(e.name) == 0 {
		return false
	}
	last := strings.ToLower(e.name[len(e.name)-1])
	return !tx.w.orgWords[last] && !tx.w.genericOrgs[last] || tx.w.company[last]
}

// unnamedBefore reports whether the role head was brought in unnamed before token pos,
// outside quotation marks and not as part of a name: "a justice official", "another official",
// but not "Jane Roe, a justice official" or "Roe is a justice official", which name her.
func (tx *prose) unnamedBefore(head string, pos int) bool {
next:
	for k := 1; k < pos; k++ {
		if t := &tx.toks[k]; t.low != head || t.quote >= 0 || k+1 < len(tx.toks) && tx.nameTok(k+1) {
			continue
		}
		for j := k - 1; j >= 0 && j >= k-3 && tx.toks[j].word; j-- {
			if l := tx.toks[j].low; l == "a" || l == "an" || l == "another" {
				if j > 0 {
					switch tx.toks[j-1].low {
					case ",", "is", "was", "as", "became", "becomes", "(":
						continue next // "Jane Roe, a justice official, …" names her
					}
				}
				return true
			}
		}
	}
	return false
}

// isRole reports whether low is a role noun, alone or as part of a hyphenated word
// ("singer-songwriter", "co-founder").
func (tx *prose) isRole(low string) bool {
	if tx.w.roles[low] {
		return true
	}
	if strings.Contains(low, "-") {
		for part := range strings.SplitSeq(low, "-") {
			if tx.w.roles[part] {
				return true
			}
		}
	}
	return false
}

// firstNameAt returns the token in (a, b) where a person's name starts when the run [a, b]
// holds title words or photo-credit words before a known first name, or -1. Runs holding an
// organisation word are left whole.
func (tx *prose) firstNameAt(a, b int) int {
	if b-a < 2 {
		return -1
	}
	lastOrg := -1
	for i := a; i <= b; i++ {
		if tx.toks[i].is(lexOrg) {
			lastOrg = i
		}
	}
	if lastOrg >= 0 {
		// "the United Nations Jane Roe": an organisation's name, then a person's
		if i := lastOrg + 1; b-a >= 3 && i < b && tx.toks[i].is(lexGiven) {
			return i
		}
		return -1
	}
	if g := b - 1; g > a+1 && tx.toks[g].is(lexGiven) && !tx.toks[a].is(lexGiven) && !tx.toks[a+1].is(lexGiven) {
		return g // "United Nations Jane Roe": two or more capitalised words, then a given name and a surname
	}
	for i := a; i < b; i++ {
		t := &tx.toks[i]
		if t.is(lexGiven) {
			if i == a {
				return -1
			}
			return i
		}
		if i == a && tx.opensSentenceAt(i) && !t.is(lexParticle) && !t.is(lexGiven) {
			// "Investor Jane Roe bought …", "Gardener Jane Roe said": a descriptor
			if tx.toks[i+1].is(lexGiven) {
				continue
			}
			if tx.w.personNounEnding(t.low) && tx.toks[i+1].word && tx.toks[i+1].cap && !tx.toks[i+1].is(lexRolePart|lexModifier|lexOrg) {
				return i + 1
			}
		}
		if t.is(lexParticle) || !(t.is(lexModifier|lexRole|lexStopCap) || tx.w.credits[t.low]) {
			return -1
		}
	}
	return -1
}

// opensSentenceAt reports whether token i is the first word of its sentence.
func (tx *prose) opensSentenceAt(i int) bool {
	return i == 0 || tx.toks[i-1].sent != tx.toks[i].sent || tx.toks[i-1].low == "“" || tx.toks[i-1].low == "\""
}

// relativeBefore reports whether a relative pronoun ("who", "which") stands between token a
// and token j: a verb after it belongs to a relative clause inside an appositive.
func (tx *prose) relativeBefore(j, a int) bool {
	for k := j - 1; k >= a; k-- {
		switch tx.toks[k].low {
		case "who", "which", "whose", "whom", "that":
			return true
		}
	}
	return false
}

// pluralRole reports whether token k is the plural of a role or kin word: "lawyers",
// "parents", "co-owners".
func (tx *prose) pluralRole(k, lo int) bool {
	t := &tx.toks[k]
	if k < lo || !t.word || t.cap {
		return false
	}
	if t.is(lexPluralRelation) {
		return true
	}
	one, ok := strings.CutSuffix(t.low, "s")
	return ok && (tx.isRole(one) || tx.w.kin[one])
}

// modifierRun reports whether the capitalised run ending at token b modifies the lower-case
// noun after it ("the Obama administration", "the Democratic lawmakers") rather than naming
// something itself ("the Kremlin said", "the Pentagon on Monday").
func (tx *prose) modifierRun(b int) bool {
	n := b + 1
	if n >= len(tx.toks) || tx.toks[b].poss {
		return false
	}
	t := &tx.toks[n]
	if !t.word || t.cap || t.quote >= 0 || t.sent != tx.toks[b].sent {
		return false
	}
	if t.is(lexRole) || t.is(lexModifier) || t.is(lexOrg) {
		return true // "the Democratic state senator", "the Obama administration"
	}
	return !t.is(lexVerb) && !t.is(lexFunction) && !t.is(lexVerbGap) && !t.is(lexClause) &&
		!strings.HasSuffix(t.low, "ed") && !strings.HasSuffix(t.low, "ly")
}

// shouted reports whether the words [k, e] are all written in capitals, as datelines and
// labels are ("MIRAMICHI", "ANALYST'S VIEWPOINT"), not acronyms of one word.
func (tx *prose) shouted(k, e int) bool {
	letters := 0
	for i := k; i <= e; i++ {
		t := &tx.toks[i]
		if t.text != strings.ToUpper(t.text) {
			return false
		}
		letters += len(t.text)
	}
	return letters > 6 || e > k
}

// hasChoice reports, at the cost of a scan of the sentence, whether a has more than one
// candidate source: a name or "he"/"she" outside the content besides the rules' choice. Most
// attributions have none, and rankCandidates reads names with the full rules.
func (tx *prose) hasChoice(a *attribution) bool {
	if a.sent < 0 || a.sent >= len(tx.sentStart) {
		return false
	}
	lo, hi := tx.sentStart[a.sent], tx.sentEnd[a.sent]
	cs, ce := tx.contentTokens(a.start, a.end)
	n := 0
	if a.m.pos < lo || a.m.pos >= hi {
		n++ // the rules' choice stands outside the sentence
	}
	for i := lo; i < hi; i++ {
		if i >= cs && i < ce {
			i = ce - 1
			continue
		}
		t := &tx.toks[i]
		if t.quote >= 0 {
			continue
		}
		if _, ok := isPronoun(t.low); ok || tx.nameTok(i) && (i == lo || !tx.nameTok(i-1) || tx.toks[i-1].poss) {
			if n++; n > 1 {
				return true
			}
		}
	}
	return false
}

// contentTokens returns the tokens [cs, ce) that lie inside the rune span [start, end).
func (tx *prose) contentTokens(start, end int) (int, int) {
	cs := sort.Search(len(tx.toks), func(i int) bool { return int(tx.toks[i].start) >= start })
	ce := cs
	for ce < len(tx.toks) && int(tx.toks[ce].end) <= end {
		ce++
	}
	return cs, ce
}

// acronymSource returns the words before token paren that the acronym letters spell: the
// capitalised words, read right to left over "of", "and", commas and the like, whose initials
// are the acronym's letters. It falls back to the capitalised run just before the parenthesis
// when that run starts with the acronym's first letter.
func (tx *prose) acronymSource(paren int, acr []rune) []string {
	letters := acronymLetters(acr)
	start := tx.spelledBy(paren-1, letters)
	if start < 0 {
		start = paren
		for start-1 >= 0 && tx.nameTok(start-1) && !tx.toks[start-1].poss {
			start--
		}
		if paren-start < 2 || unicode.ToLower([]rune(tx.toks[start].text)[0]) != letters[0] {
			return nil
		}
	}
	return strings.Fields(tx.text(int(tx.toks[start].start), int(tx.toks[paren-1].end)))
}

// spelledBy returns the first token of the capitalised words ending at token end whose
// initials, read right to left over "of", "and", commas and the like, are letters — or -1.
func (tx *prose) spelledBy(end int, letters []rune) int {
	if end < 0 || len(letters) == 0 {
		return -1
	}
	caps := 0
	for k := end; k >= 0 && k > end-16; k-- {
		t := &tx.toks[k]
		if t.sent != tx.toks[end].sent || t.quote >= 0 {
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

// titleWords reports whether the capitalised words of tokens [a, b] are all titles and role
// words: "Chief Executive Officer".
func (tx *prose) titleWords(a, b int) bool {
	for k := a; k <= b; k++ {
		if t := &tx.toks[k]; t.word && t.cap && !t.is(lexRole) && !t.is(lexRolePart) && !t.is(lexModifier) {
			return false
		}
	}
	return true
}
