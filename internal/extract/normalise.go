package extract

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The normalise stage runs first: it rewrites a copy of the body's runes so that the later
// stages (tokens, mentions, cues, attribution) meet one spelling of each thing. The copy has the
// body's length, so every offset found in it is an offset in the body, and the stored body and
// the quotes' text stay as given. It
//
//   - maps the rarer quotation marks to the common ones (″ and ＂ to ", ‟ to “);
//   - takes soft hyphens and zero-width characters out of words ("Mar\u00adgaret" is read as
//     "Margaret", the runes moved left and the freed places at the word's end made spaces);
//   - unwraps hard-wrapped lines: a line break inside a sentence becomes a space, so that a name
//     or a verb split over two lines is one again;
//   - blanks caption, credit and page-furniture paragraphs ("Image copyright …", "Hide Caption",
//     "(AP Photo/…)"), whose capitalised words are no speakers.

// captionWords are the paragraph openings and marks that make a paragraph a caption or credit
// (lexicon/caption_starts.txt and lexicon/caption_marks.txt).
type captionWords struct {
	starts map[rune][][]rune // by first rune
	marks  []string
}

func loadCaptionWords() (captionWords, error) {
	var cw captionWords
	starts, err := readWordList("caption_starts.txt")
	if err != nil {
		return cw, err
	}
	cw.starts = map[rune][][]rune{}
	for _, s := range starts {
		rs := []rune(s)
		cw.starts[rs[0]] = append(cw.starts[rs[0]], rs)
	}
	if cw.marks, err = readWordList("caption_marks.txt"); err != nil {
		return cw, err
	}
	for _, m := range cw.marks {
		if strings.TrimSpace(m) != m || m == "" {
			return cw, fmt.Errorf("lexicon caption_marks.txt: bad line %q", m)
		}
	}
	return cw, nil
}

// isInvisible reports whether r is a soft hyphen, a zero-width character or a bidirectional
// control (left-to-right mark, embedding, isolate…): it has no place in a word as read.
func isInvisible(r rune) bool {
	switch r {
	case '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u200e', '\u200f', '\u061c':
		return true
	}
	return '\u202a' <= r && r <= '\u202e' || '\u2066' <= r && r <= '\u2069'
}

// quoteMarkFor returns the quotation mark the later stages know for r, or r.
func quoteMarkFor(r rune) rune {
	switch r {
	case '″', '＂', '〃', '〝', '〞', '‶':
		return '"'
	case '‟':
		return '“'
	}
	return r
}

// normaliseText returns rs normalised as described above. body is rs as a string; it lets the
// stage skip what the text cannot hold. w gives the caption words and the titles written short
// (nil: neither). rs itself is returned when nothing changes.
func normaliseText(rs []rune, body string, w *speakerWords) []rune {
	if len(rs) == 0 {
		return rs
	}
	out := rs
	own := func() {
		if &out[0] == &rs[0] {
			out = append([]rune(nil), rs...)
		}
	}
	blank := func(a int) { // the paragraph that holds rune a
		own()
		for a > 0 && rs[a-1] != '\n' {
			a--
		}
		for ; a < len(rs) && rs[a] != '\n'; a++ {
			out[a] = ' '
		}
	}
	var cw *captionWords
	if w != nil {
		cw = &w.captions
	}
	if cw != nil && cw.opensCaption(rs) {
		blank(0)
	}
	wrapped := -1 // hardWrapped(body), found at the first line break that needs it
	for i := 0; i < len(out); i++ {
		r := out[i]
		if r < 0x80 && r != '\n' {
			continue
		}
		switch {
		case r == '\n':
			if cw != nil && cw.opensCaption(rs[i+1:]) {
				blank(i + 1)
			}
			if i+1 < len(out) && unicode.IsSpace(out[i+1]) {
				continue // a blank line or an indent: a paragraph break
			}
			if wrapped < 0 {
				wrapped = 0
				if hardWrapped(body) {
					wrapped = 1
				}
			}
			if unwrapAt(out, i, wrapped == 1, w) {
				own()
				out[i] = ' '
			}
		case isInvisible(r):
			own()
			i = dropInvisible(out, i)
		default:
			if q := quoteMarkFor(r); q != r {
				own()
				out[i] = q
			}
		}
	}
	if cw != nil {
		for _, m := range cw.marks {
			for from := 0; ; {
				k := strings.Index(body[from:], m)
				if k < 0 {
					break
				}
				at := from + k
				blank(utf8.RuneCountInString(body[:at]))
				from = at + len(m)
			}
		}
	}
	return out
}

// dropInvisible removes the invisible runes of the word around index i of rs, in place: the
// word's other runes move left, and the places freed at its end become spaces. It returns the
// index of the word's last rune. An invisible rune between two spaces becomes a space.
func dropInvisible(rs []rune, i int) int {
	a := i
	for a > 0 && (isWordRune(rs[a-1]) || isInvisible(rs[a-1])) {
		a--
	}
	e := i
	for e < len(rs) && (isWordRune(rs[e]) || isInvisible(rs[e])) {
		e++
	}
	w := a
	for k := a; k < e; k++ {
		if !isInvisible(rs[k]) {
			rs[w] = rs[k]
			w++
		}
	}
	for k := w; k < e; k++ {
		rs[k] = ' '
	}
	return e - 1
}

// unwrapAt reports whether the line break at index i of rs falls inside a sentence: it is alone
// (no blank line follows), the next line is not indented, the line before is long enough to
// have been wrapped, and either the next line goes on in lower case, or the line before ends
// without closing its sentence or with a title's abbreviation ("said Dr.\nJane Roe"),
// or the text is wrapped at a fixed width (wrapped), where a paragraph starts with an indent or
// a blank line and a line break is never one.
func unwrapAt(rs []rune, i int, wrapped bool, w *speakerWords) bool {
	if i+1 >= len(rs) || i == 0 {
		return false
	}
	next := rs[i+1]
	if unicode.IsSpace(next) {
		return false
	}
	p := i - 1
	for p >= 0 && rs[p] != '\n' && unicode.IsSpace(rs[p]) {
		p--
	}
	if p < 0 || rs[p] == '\n' {
		return false
	}
	lineStart := p
	for lineStart > 0 && rs[lineStart-1] != '\n' {
		lineStart--
	}
	if wrapped {
		return true
	}
	if p-lineStart < 30 {
		// a heading, a list item or a table row, unless a name is cut after its title or given
		// name: "Fire Chief Benedikta\nSorensen said …"
		return w != nil && w.nameCutAt(rs, p, i)
	}
	if unicode.IsLower(next) {
		return true
	}
	if rs[p] == '.' && unicode.IsUpper(next) && w != nil && w.titleAbbrevs[strings.ToLower(string(rs[lastWordStart(rs, p):p]))] {
		return true
	}
	switch rs[p] {
	case '.', '!', '?', ':', ';', '”', '"', '»', '’', '\'', ')', ']', '…', '|':
		return false
	}
	return true
}

// nameCutAt reports whether the line break at index i, after a short line whose last letter is
// at p, cuts a name: the line ends with a capitalised given name, or a title and the given name
// after it, and the next
// line opens with a capitalised word followed by a lower-case one ("Benedikta\nSorensen said").
func (w *speakerWords) nameCutAt(rs []rune, p, i int) bool {
	if !unicode.IsLetter(rs[p]) {
		return false
	}
	a := lastWordStart(rs, p+1)
	if !unicode.IsUpper(rs[a]) {
		return false
	}
	named := func(a, e int) bool {
		return w.flags(strings.ToLower(string(rs[a:e])))&(lexGiven|lexRole|lexHonorific) != 0
	}
	if !named(a, p+1) {
		// "Fire Chief Benedikta": a title before the given name
		e := a - 1
		if e < 1 || rs[e] != ' ' || !unicode.IsLetter(rs[e-1]) {
			return false
		}
		if b := lastWordStart(rs, e); !unicode.IsUpper(rs[b]) || !named(b, e) {
			return false
		}
	}
	k := i + 1
	if k >= len(rs) || !unicode.IsUpper(rs[k]) {
		return false
	}
	for k < len(rs) && unicode.IsLetter(rs[k]) {
		k++
	}
	return k+1 < len(rs) && rs[k] == ' ' && unicode.IsLower(rs[k+1])
}

// lastWordStart returns the index of the first letter of the word that ends before index p.
func lastWordStart(rs []rune, p int) int {
	a := p
	for a > 0 && unicode.IsLetter(rs[a-1]) {
		a--
	}
	return a
}

// hardWrapped reports whether body is wrapped at a fixed width, as wire copy is: it has at least
// three lines, and nine in ten of them are no longer than 90 bytes.
func hardWrapped(body string) bool {
	lines, short := 0, 0
	for body != "" {
		l, rest, _ := strings.Cut(body, "\n")
		body = rest
		if strings.TrimSpace(l) == "" {
			continue
		}
		lines++
		if len(l) <= 90 {
			short++
		}
	}
	return lines >= 3 && short*10 >= lines*9
}

// opensCaption reports whether the paragraph p (its text up to the end of the body) opens with
// a caption opening.
func (cw *captionWords) opensCaption(p []rune) bool {
	k := 0
	for k < len(p) && p[k] != '\n' && unicode.IsSpace(p[k]) {
		k++
	}
	p = p[k:]
	if len(p) == 0 {
		return false
	}
	for _, s := range cw.starts[p[0]] {
		if hasRunePrefix(p, s) && (len(p) == len(s) || !isWordRune(p[len(s)]) || !isWordRune(s[len(s)-1])) {
			return true
		}
	}
	return false
}

func hasRunePrefix(p, s []rune) bool {
	if len(p) < len(s) {
		return false
	}
	for i, r := range s {
		if p[i] != r {
			return false
		}
	}
	return true
}
