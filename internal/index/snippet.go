package index

import (
	"html"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search"
)

// snippetWidth is the length of a snippet window in bytes (about as many characters in English).
const snippetWidth = 240

// marker decides which analysed body tokens a snippet marks: those matching a positive
// query term after analysis (stems), within its fuzziness, or a wildcard/regexp pattern.
type marker struct {
	terms    map[string]int // analysed term -> fuzziness
	patterns []*regexp.Regexp

	// starts holds the first two bytes of the words that may be marked, when all terms are
	// exact and there are no patterns (see prefixes and candidates); nil otherwise.
	starts     *pairSet
	startsDone bool
	// memo holds the marked tokens of the runs analysed so far, offsets relative to the run:
	// a run's tokens do not depend on its context, and the hits of a search share most runs.
	memo map[string][]span
}

// maxMemo bounds marker.memo.
const maxMemo = 4096

func newMarker() *marker { return &marker{terms: map[string]int{}} }

func (m *marker) addTerms(terms []string, fuzziness int) {
	for _, t := range terms {
		if f, ok := m.terms[t]; !ok || fuzziness > f {
			m.terms[t] = fuzziness
		}
	}
}

func (m *marker) addPattern(re *regexp.Regexp) { m.patterns = append(m.patterns, re) }

func (m *marker) empty() bool { return len(m.terms) == 0 && len(m.patterns) == 0 }

// match returns the query term or pattern that token term matches, and whether one does.
func (m *marker) match(term string) (string, bool) {
	if _, ok := m.terms[term]; ok {
		return term, true
	}
	for t, f := range m.terms {
		if f > 0 {
			if _, exceeded := search.LevenshteinDistanceMax(t, term, f); !exceeded {
				return t, true
			}
		}
	}
	for _, re := range m.patterns {
		if re.MatchString(term) {
			return re.String(), true
		}
	}
	return "", false
}

// span is a marked token: byte offsets in the body and the query term it matched.
type span struct {
	start, end int
	key        string
}

// snippet returns about width bytes of body as HTML: escaped text with <mark> around the tokens
// m matches, from the window holding the most distinct matched terms (then the most matches),
// or the opening of body when nothing matches. An ellipsis marks cut text.
func snippet(body string, an analysis.Analyzer, m *marker, width int) string {
	spans := m.spans(body, an, width)
	if len(spans) == 0 {
		end := cutAfter(body, min(width, len(body)))
		return render(body, 0, end, nil)
	}

	// Slide a window over the matches: [i, j) are the matches inside width from spans[i].start.
	bestI, bestJ, bestDistinct := 0, 1, 0
	counts := map[string]int{}
	j := 0
	for i := range spans {
		for j < len(spans) && spans[j].end-spans[i].start <= width {
			counts[spans[j].key]++
			j++
		}
		if j == i { // a single token longer than width
			counts[spans[j].key]++
			j++
		}
		if d := len(counts); d > bestDistinct || (d == bestDistinct && j-i > bestJ-bestI) {
			bestI, bestJ, bestDistinct = i, j, d
		}
		if counts[spans[i].key]--; counts[spans[i].key] == 0 {
			delete(counts, spans[i].key)
		}
	}
	first, last := spans[bestI].start, spans[bestJ-1].end
	slack := max(width-(last-first), 0)
	start := cutBefore(body, max(first-slack/3, 0), first)
	end := cutAfter(body, max(min(start+width, len(body)), last))
	return render(body, start, end, spans[bestI:bestJ])
}

// highlight returns all of s as HTML: escaped text with <mark> around the tokens m matches,
// for a title.
func highlight(s string, an analysis.Analyzer, m *marker) string {
	return render(s, 0, len(s), m.spans(s, an, 0))
}

// cutBefore moves a window start at i forward to the start of a word, not beyond limit.
func cutBefore(s string, i, limit int) int {
	if i == 0 {
		return 0
	}
	for i < limit && !utf8.RuneStart(s[i]) {
		i++
	}
	if r, _ := utf8.DecodeLastRuneInString(s[:i]); unicode.IsSpace(r) {
		return i
	}
	if k := strings.IndexFunc(s[i:limit], unicode.IsSpace); k >= 0 {
		return i + k
	}
	return i
}

// cutAfter moves a window end at i back to the end of a word, keeping at least half the text.
func cutAfter(s string, i int) int {
	if i >= len(s) {
		return len(s)
	}
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	if k := strings.LastIndexFunc(s[:i], unicode.IsSpace); k > i/2 {
		return k
	}
	return i
}

// render returns s[start:end] HTML-escaped, with the spans (sorted, inside the window) marked,
// whitespace collapsed and ellipses where text was cut.
func render(s string, start, end int, spans []span) string {
	var b strings.Builder
	if start > 0 {
		b.WriteString("…")
	}
	at := start
	for _, sp := range spans {
		if sp.start < at || sp.end > end {
			continue
		}
		b.WriteString(html.EscapeString(s[at:sp.start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(s[sp.start:sp.end]))
		b.WriteString("</mark>")
		at = sp.end
	}
	b.WriteString(html.EscapeString(s[at:end]))
	if end < len(s) {
		b.WriteString("…")
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// spans returns the tokens of body that m marks, in order. With width > 0, it may stop once
// the tokens found hold a window of that width with every term of m: no window can then hold
// more distinct terms, and finding more matches would only break ties between such windows.
func (m *marker) spans(body string, an analysis.Analyzer, width int) []span {
	if m.empty() {
		return nil
	}
	var spans []span
	analyze := func(from, to int) {
		for _, t := range an.Analyze([]byte(body[from:to])) {
			if key, ok := m.match(string(t.Term)); ok {
				spans = append(spans, span{from + t.Start, from + t.End, key})
			}
		}
	}
	starts := m.prefixes()
	if starts == nil {
		analyze(0, len(body))
		return spans
	}
	last := make(map[string]int, len(m.terms)) // term -> start of its last match
	candidates(body, starts, func(from, to int) bool {
		at := len(spans)
		run := body[from:to]
		if rel, ok := m.memo[run]; ok {
			for _, sp := range rel {
				spans = append(spans, span{from + sp.start, from + sp.end, sp.key})
			}
		} else {
			analyze(from, to)
			rel = make([]span, len(spans)-at)
			for i, sp := range spans[at:] {
				rel[i] = span{sp.start - from, sp.end - from, sp.key}
			}
			if m.memo == nil {
				m.memo = map[string][]span{}
			}
			if len(m.memo) < maxMemo {
				m.memo[run] = rel
			}
		}
		if width <= 0 || len(spans) == at {
			return true
		}
		for _, sp := range spans[at:] {
			last[sp.key] = sp.start
		}
		if len(last) < len(m.terms) {
			return true
		}
		first := spans[len(spans)-1].start
		for _, start := range last {
			first = min(first, start)
		}
		return spans[len(spans)-1].end-first > width
	})
	return spans
}

// minPrefixTerm is the length from which a term's first two bytes are those of every word
// the analyzer turns into it. The English analyzer lowercases, drops a possessive 's and stems
// with Porter's algorithm, which only rewrites the end of a word and keeps a stem of at least
// two letters in front of any suffix it rewrites; the only exceptions are words of at most four
// letters (such as "ies" -> "i"), whose stems are shorter than three bytes.
const minPrefixTerm = 3

// prefixes returns the set of the first two bytes of the words that may be marked, or nil
// when a word might match without starting with any: fuzzy terms, patterns. For a term
// shorter than minPrefixTerm ("us", the stem of "use") only the first byte is certain, since
// the analyzer never changes a word's first letter (Porter's rules rewrite suffixes after a
// non-empty stem), so every pair starting with it is in the set. A word at the very end of
// the body is paired with 0.
func (m *marker) prefixes() *pairSet {
	if m.startsDone {
		return m.starts
	}
	m.startsDone = true
	if len(m.patterns) > 0 {
		return nil
	}
	set := &pairSet{}
	for t, f := range m.terms {
		if f > 0 || t == "" {
			return nil
		}
		if len(t) < minPrefixTerm {
			for b := range 256 {
				set.add(t[0], byte(b))
			}
			continue
		}
		set.add(t[0], t[1])
	}
	m.starts = set
	return set
}

// pairSet is a set of two-byte sequences.
type pairSet [1 << 16 / 64]uint64

func (p *pairSet) add(a, b byte) { i := int(a)<<8 | int(b); p[i/64] |= 1 << (i % 64) }

func (p *pairSet) has(a, b byte) bool { i := int(a)<<8 | int(b); return p[i/64]&(1<<(i%64)) != 0 }

// candidates calls analyze, until it returns false, for the parts of body that may hold a
// marked token: the runs of non-space bytes holding a word that starts (lowercased) with a
// pair in starts, or holding non-ASCII text (which this scan does not lowercase or split).
// ASCII white space always separates words (Unicode word boundaries), so that analysing such a
// run alone yields the tokens that analysing the whole body yields there. A byte is tested
// when the one before it is not an ASCII letter or digit; once a run is kept, the scan skips
// to its end.
func candidates(body string, starts *pairSet, analyze func(from, to int) bool) {
	from, keep := 0, false
	for i := 0; i < len(body); {
		c := body[i]
		switch byteClasses[c] {
		case classSpace:
			if keep && i > from && !analyze(from, i) {
				return
			}
			from, keep = i+1, false
			i++
			continue
		case classHigh:
			keep = true
			i++
		case classAlnum: // the first of a word: the byte before is not alphanumeric
			keep = starts.has(lower(c), nextLower(body, i))
			for i++; i < len(body) && byteClasses[body[i]] == classAlnum; i++ {
			}
			if !keep && i < len(body) && byteClasses[body[i]] == classOther {
				i++ // after a letter or digit: not tested
			}
		default: // classOther
			keep = starts.has(lower(c), nextLower(body, i))
			i++
		}
		if keep { // the run is kept: on to its end
			for i < len(body) && byteClasses[body[i]] != classSpace {
				i++
			}
		}
	}
	if keep && len(body) > from {
		analyze(from, len(body))
	}
}

// nextLower returns the byte after body[i], lowercased, or 0 at the end of body.
func nextLower(body string, i int) byte {
	if i+1 < len(body) {
		return lower(body[i+1])
	}
	return 0
}

// Classes of bytes for candidates.
const (
	classOther = iota // ASCII, neither space nor letter nor digit
	classSpace        // ASCII white space: ' ', \t, \n, \v, \f, \r
	classAlnum        // ASCII letter or digit
	classHigh         // not ASCII: part of a UTF-8 sequence
)

// byteClasses holds the class of every byte.
var byteClasses = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			t[c] = classSpace
		case c >= utf8.RuneSelf:
			t[c] = classHigh
		case c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			t[c] = classAlnum
		}
	}
	return t
}()

// lower lowercases an ASCII letter.
func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
