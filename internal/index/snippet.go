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
}

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
	var spans []span
	if !m.empty() {
		for _, t := range an.Analyze([]byte(body)) {
			if key, ok := m.match(string(t.Term)); ok {
				spans = append(spans, span{t.Start, t.End, key})
			}
		}
	}
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
