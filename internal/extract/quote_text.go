package extract

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word or punctuation mark of an article body, with code-point offsets.
type token struct {
	text  string  // as written, possessive suffix removed
	low   string  // lower-cased text
	start int32   // code-point offset of the first rune
	end   int32   // code-point offset after the last rune (possessive included)
	para  int32   // paragraph number
	sent  int32   // sentence number
	quote int32   // index of the quote span holding the token, or -1
	lex   lexFlag // the word lists that hold low
	word  bool    // letters or digits
	cap   bool    // starts with an upper-case letter
	poss  bool    // ended in 's or ’s, which was removed from text
}

// is reports whether the token's lower-case form is in any of the word lists of f.
func (t *token) is(f lexFlag) bool { return t.lex&f != 0 }

// legalForm reports whether t is a company's legal form written in lower case after its name:
// "plc", "ltd.", "inc" (canonOrgSuffixes).
func (t *token) legalForm() bool {
	return t.word && !t.cap && canonOrgSuffixes[strings.TrimSuffix(t.low, ".")]
}

// gender returns the gender of the token as a given name ('m', 'f', or 0 when both) and
// whether it is one.
func (t *token) gender() (byte, bool) {
	switch {
	case t.lex&lexMale != 0:
		return 'm', true
	case t.lex&lexFemale != 0:
		return 'f', true
	}
	return 0, t.lex&lexGiven != 0
}

// quoteSpan is one stretch of text between quotation marks.
type quoteSpan struct {
	open, close  int // rune offsets of the opening mark and of the closing mark (-1 when unclosed)
	start, end   int // rune offsets of the quoted text, trimmed
	openTok      int // token index of the opening mark
	closeTok     int // token index of the closing mark, or -1
	first, last  int // token range [first, last) of the quoted words
	words        int
	paraStart    bool // the opening mark starts its paragraph
	paraEnd      bool // the closing mark ends its paragraph
	attributed   int  // index of the attribution that owns it, or -1
	coveredByRep bool // lies inside reported content
}

func isOpenQuote(r rune) bool  { return r == '“' || r == '„' || r == '«' }
func isCloseQuote(r rune) bool { return r == '”' || r == '»' }

// findQuoteSpans pairs double quotation marks, curly or straight. A quote left open at the end of a
// paragraph continues when the next paragraph opens with a quotation mark or with a lower-case
// letter (a line break inside a sentence); otherwise it ends with its paragraph.
func findQuoteSpans(rs []rune) []quoteSpan {
	var spans []quoteSpan
	open := -1
	emit := func(o, c, end int) {
		s, e := o+1, end
		for s < e && (unicode.IsSpace(rs[s])) {
			s++
		}
		for e > s && (unicode.IsSpace(rs[e-1]) || rs[e-1] == ',') {
			e--
		}
		if e > s {
			spans = append(spans, quoteSpan{open: o, close: c, start: s, end: e, attributed: -1})
		}
	}
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		switch {
		case isOpenQuote(c):
			if open >= 0 && rs[open] == '„' && c == '“' {
				emit(open, i, i) // German „…“
				open = -1
				continue
			}
			open = i
		case isCloseQuote(c):
			if open >= 0 {
				emit(open, i, i)
				open = -1
			} else if (i == 0 || unicode.IsSpace(rs[i-1])) && i+1 < len(rs) && isWordRune(rs[i+1]) {
				open = i // a closing mark that opens: ”like this”
			} else if i > 0 && (rs[i-1] == ',' || rs[i-1] == ':') && nextMarkCloses(rs, i+1) {
				open = i // after a comma, and a closing mark follows in the paragraph: says,” like this.”
			}
		case c == '"':
			if open >= 0 {
				emit(open, i, i)
				open = -1
			} else if i == 0 || !isWordRune(rs[i-1]) {
				open = i
			}
		case c == '\n':
			if open < 0 {
				continue
			}
			j := i
			for j < len(rs) && unicode.IsSpace(rs[j]) {
				j++
			}
			if j < len(rs) && (isOpenQuote(rs[j]) || rs[j] == '"') {
				i = j // the quote goes on in the next paragraph
				continue
			}
			if j < len(rs) && unicode.IsLower(rs[j]) {
				i = j - 1 // a stray line break inside a sentence: "… the decision-maker\n\nbased on …"
				continue
			}
			emit(open, -1, i)
			open = -1
		}
	}
	if open >= 0 {
		emit(open, -1, len(rs))
	}
	return spans
}

// nextMarkCloses reports whether the next double quotation mark from rs[i] in its paragraph is
// a closing one ”, after a space and a letter at i: then a closing mark just before i opened a
// quote ("He says,” there is time.”"), where "It was fine,” he said. “…" closed one.
func nextMarkCloses(rs []rune, i int) bool {
	if i+1 >= len(rs) || rs[i] != ' ' || !unicode.IsLetter(rs[i+1]) {
		return false
	}
	for j := i + 1; j < len(rs) && rs[j] != '\n'; j++ {
		switch {
		case isCloseQuote(rs[j]):
			return true
		case isOpenQuote(rs[j]) || rs[j] == '"':
			return false
		}
	}
	return false
}

// normalizeQuotes returns a copy of rs for finding quotes and tokens, with the same length so
// that offsets hold: a pair of apostrophes used as a double quotation mark (”like this”,
// an old wire and archive style) becomes one straight double quote and a space, and in a text
// with no double quotation marks at all, single quotation marks that open and close a quote
// (‘like this’ or 'like this', the British style) become double ones. Apostrophes inside
// words (don’t, Trump’s) and after plurals (players’) stay.
func normalizeQuotes(rs []rune, sw *speakerWords) []rune {
	var out []rune
	double := false
	skip := -1 // the last apostrophe of three already read
	for i, r := range rs {
		if i <= skip {
			continue
		}
		switch {
		case r == '“' && i > 0 && !unicode.IsSpace(rs[i-1]) && (i+1 == len(rs) || unicode.IsSpace(rs[i+1]) || unicode.IsPunct(rs[i+1])):
			// an opening mark after a word, before a space: a closing one typed wrong
			// (called it “abhorrent“ in a tweet)
			if out == nil {
				out = append([]rune(nil), rs...)
			}
			out[i] = '”'
			double = true
		case r == '"' || isOpenQuote(r) || isCloseQuote(r):
			if out != nil && out[i] == ' ' {
				continue // the closing mark of a nickname
			}
			if i > 0 && rs[i-1] == ' ' {
				if j := nicknameEnd(rs, i, sw); j > 0 {
					out = blank(out, rs, i, j) // Jane “JJ” Roe is Jane Roe, and quotes nothing
					continue
				}
			}
			double = true
		case r == '\'':
			if i+2 < len(rs) && rs[i+1] == '\'' && rs[i+2] == '\'' && (i+3 == len(rs) || rs[i+3] != '\'') {
				// three: a single mark and a doubled one, closing (…'bomb them,''' said) or
				// opening (at a word)
				if out == nil {
					out = append([]rune(nil), rs...)
				}
				if i+3 == len(rs) || !isWordRune(rs[i+3]) {
					out[i], out[i+1], out[i+2] = '\'', '"', ' '
				} else {
					out[i], out[i+1], out[i+2] = '"', ' ', '\''
				}
				double, skip = true, i+2
			} else if i+1 < len(rs) && rs[i+1] == '\'' {
				if out == nil {
					out = append([]rune(nil), rs...)
				}
				out[i], out[i+1] = '"', ' '
				double = true
			} else if i > 0 && rs[i-1] == ' ' {
				if j := nicknameEnd(rs, i, sw); j > 0 {
					out = blank(out, rs, i, j)
				}
			}
		}
	}
	if double {
		if out == nil {
			return rs
		}
		return out
	}
	src := rs
	if out != nil {
		src = out // nicknames blanked
	}
	open := -1
	for i, r := range src {
		if r == '\n' {
			open = -1 // a quote goes on in the next paragraph with a new opening mark
			continue
		}
		if r != '‘' && r != '’' && r != '\'' {
			continue
		}
		before := i > 0 && !unicode.IsSpace(src[i-1]) // a letter or punctuation: ’ closes ("spring,’")
		after := i+1 < len(src) && isWordRune(src[i+1])
		switch {
		case r != '’' && !(i > 0 && isWordRune(src[i-1])) && after:
			open = i
		case r != '‘' && open >= 0 && before && !after:
			if out == nil {
				out = append([]rune(nil), rs...)
			}
			out[open], out[i] = '“', '”'
			open = -1
		}
	}
	if out == nil {
		return rs
	}
	return out
}

// blank returns out, a copy of rs made when nil, with [i, j) turned into spaces.
func blank(out, rs []rune, i, j int) []rune {
	if out == nil {
		out = append([]rune(nil), rs...)
	}
	for k := i; k < j; k++ {
		out[k] = ' '
	}
	return out
}

// nicknameEnd returns the offset after the nickname whose opening mark is rs[i], or -1: a
// capitalised word or two between quotation marks that stand between a given name sw knows
// and the surname of a person, as in Jane “JJ” Roe, Jane "JJ" Roe and Jane 'JJ' Roe.
func nicknameEnd(rs []rune, i int, sw *speakerWords) int {
	if i < 3 || rs[i-1] != ' ' || !isWordRune(rs[i-2]) {
		return -1
	}
	w := i - 2 // the given name: a capitalised word of two letters or more
	for w > 0 && isWordRune(rs[w-1]) {
		w--
	}
	if i-2-w < 1 || !unicode.IsUpper(rs[w]) || w > 0 && !unicode.IsSpace(rs[w-1]) {
		return -1
	}
	closing := rs[i]
	switch closing {
	case '“':
		closing = '”'
	case '‘':
		closing = '’'
	}
	words := 0
	for k := i + 1; k < len(rs) && k < i+30; k++ {
		switch r := rs[k]; {
		case r == closing || r == '"' && closing == '”':
			if words == 0 || !isWordRune(rs[k-1]) || k+2 >= len(rs) || rs[k+1] != ' ' || !unicode.IsUpper(rs[k+2]) ||
				!nameAround(rs, w, i-1, k+2, sw) {
				return -1
			}
			return k + 1
		case r == ' ':
			if !isWordRune(rs[k-1]) {
				return -1
			}
		case isWordRune(r) || r == '.' || r == '-':
			if !isWordRune(rs[k-1]) && r != '.' && r != '-' {
				if !unicode.IsUpper(r) || words == 2 {
					return -1
				}
				words++
			}
		default:
			return -1
		}
	}
	return -1
}

// nameAround reports whether the words rs[a:b] and the one at c can be the given name and
// the surname around a nickname: a given name sw knows, or else two words in lower case
// after their capital, neither a stop word, with no capitalised word after the second, as
// headlines have ("Gun Laws 'Tougher' Than Immigration", "The 'Inside Politics' Forecast").
func nameAround(rs []rune, a, b, c int, sw *speakerWords) bool {
	first := strings.ToLower(string(rs[a:b]))
	if sw.flags(first)&lexGiven != 0 {
		return true
	}
	e := c
	for e < len(rs) && isWordRune(rs[e]) {
		e++
	}
	if e+1 < len(rs) && rs[e] == ' ' && unicode.IsUpper(rs[e+1]) {
		return false
	}
	last := string(rs[c:e])
	return first != string(rs[a:b]) && last != strings.ToUpper(last) &&
		sw.flags(first)&lexStopCap == 0 && sw.flags(strings.ToLower(last))&lexStopCap == 0
}

// lowerSameLength lower-cases s rune by rune, leaving the few runes whose lower case has a
// different UTF-8 length as they are, so that byte offsets into s hold in the result.
func lowerSameLength(s string) string {
	var b strings.Builder // one allocation: String does not copy
	b.Grow(len(s))
	from := 0 // s[from:i] is still to be written as it is
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				b.WriteString(s[from:i])
				b.WriteByte(c + 'a' - 'A')
				from = i + 1
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if l := unicode.ToLower(r); l != r && utf8.RuneLen(l) == n {
			b.WriteString(s[from:i])
			b.WriteRune(l)
			from = i + n
		}
		i += n
	}
	b.WriteString(s[from:])
	return b.String()
}

// isWordRune reports whether r is a letter or a digit, outside general punctuation. It is
// small enough to be inlined for ASCII, the most common case.
func isWordRune(r rune) bool {
	if r >= utf8.RuneSelf {
		return isWordRuneNotASCII(r)
	}
	return asciiWord[r]
}

// asciiWord marks the ASCII letters and digits.
var asciiWord = [utf8.RuneSelf]bool{
	'0': true, '1': true, '2': true, '3': true, '4': true, '5': true, '6': true, '7': true, '8': true, '9': true,
	'A': true, 'B': true, 'C': true, 'D': true, 'E': true, 'F': true, 'G': true, 'H': true, 'I': true,
	'J': true, 'K': true, 'L': true, 'M': true, 'N': true, 'O': true, 'P': true, 'Q': true, 'R': true,
	'S': true, 'T': true, 'U': true, 'V': true, 'W': true, 'X': true, 'Y': true, 'Z': true,
	'a': true, 'b': true, 'c': true, 'd': true, 'e': true, 'f': true, 'g': true, 'h': true, 'i': true,
	'j': true, 'k': true, 'l': true, 'm': true, 'n': true, 'o': true, 'p': true, 'q': true, 'r': true,
	's': true, 't': true, 'u': true, 'v': true, 'w': true, 'x': true, 'y': true, 'z': true,
}

// isWordRuneNotASCII is isWordRune for runes outside ASCII.
func isWordRuneNotASCII(r rune) bool {
	if 0x2000 <= r && r <= 0x206f {
		return false // general punctuation: dashes, curly quotes, ellipses
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// tokenize splits rs into tokens, numbering paragraphs at line breaks, and looks each word up
// in the word lists of sw once. It also returns str lower-cased (lowerSameLength), which the
// tokens' low forms are substrings of, at the byte offsets off. The tokens are
// appended to toks[:0], and off is scratch space; both may be nil, and are returned for reuse.
func tokenize(rs []rune, str string, sw *speakerWords, toks []token, off []int32) ([]token, []int32, string) {
	// token texts are substrings of str (string(rs)), found through byte offsets
	off = slices.Grow(off[:0], len(rs)+1)[:len(rs)+1]
	b := 0
	for i, r := range rs {
		off[i] = int32(b)
		if r < utf8.RuneSelf {
			b++
		} else {
			b += utf8.RuneLen(r)
		}
	}
	off[len(rs)] = int32(b)
	sub := func(i, j int) string { return str[off[i]:off[j]] }
	low := lowerSameLength(str)

	toks = slices.Grow(toks[:0], len(rs)/5+8)
	para := 0
	for i := 0; i < len(rs); {
		c := rs[i]
		if c == '\n' {
			if len(toks) > 0 && toks[len(toks)-1].para == int32(para) {
				para++
			}
			i++
			continue
		}
		if c == ' ' || c >= utf8.RuneSelf && unicode.IsSpace(c) || '\t' <= c && c <= '\r' {
			i++
			continue
		}
		if !isWordRune(c) {
			w := sub(i, i+1)
			toks = append(toks, token{text: w, low: low[off[i]:off[i+1]], start: int32(i), end: int32(i + 1), para: int32(para), quote: -1})
			i++
			continue
		}
		j := i + 1
		hyphen := false
		for j < len(rs) {
			if r := rs[j]; isWordRune(r) || r >= 0x300 && unicode.Is(unicode.Mn, r) {
				j++
				continue
			}
			if (rs[j] == '\'' || rs[j] == '’' || rs[j] == '-' || rs[j] == '.' || rs[j] == '&') && j+1 < len(rs) && isWordRune(rs[j+1]) {
				hyphen = hyphen || rs[j] == '-'
				j += 2
				continue
			}
			break
		}
		w := sub(i, j)
		if j < len(rs) && rs[j] == '.' {
			// "U.S.", "J.", "Mr.", and an abbreviation closing a parenthesis: "(D-Ore.)"
			if strings.Contains(w, ".") || (j-i == 1 && unicode.IsUpper(c)) || (j+1 < len(rs) && rs[j+1] == ')') ||
				j+1-i <= sw.abbrevLen && getFold(sw.abbrev, sub(i, j+1)) {
				j++
				w = sub(i, j)
			}
		}
		lw := low[off[i]:off[j]]
		t := token{text: w, low: lw, start: int32(i), end: int32(j), word: true, cap: unicode.IsUpper(c), para: int32(para), quote: -1}
		if n := len(w); n > 2 && w[n-1] == 's' && w[n-2] == '\'' {
			t.text, t.low, t.poss = w[:n-2], lw[:n-2], true
		} else if n > 4 && strings.HasSuffix(w, "’s") {
			t.text, t.low, t.poss = w[:n-4], lw[:n-4], true
		} else if t.cap && w[n-1] == 's' && j+2 < len(rs) && (rs[j] == '\'' || rs[j] == '’') && rs[j+1] == ' ' && unicode.IsUpper(rs[j+2]) {
			j++ // "NBC News' Jane Roe": a name's plural possessive
			t.end, t.poss = int32(j), true
			if sw.lex.get(nextWordLower(low, off, rs, j+1))&lexOrg != 0 {
				// "the Rail Users' Association": the possessive is a word of the name
				t.text, t.low, t.poss = sub(i, j), low[off[i]:off[j]], false
			}
		}
		t.lex = sw.lex.get(t.low)
		if t.lex == 0 && t.cap && (len(toks) == 0 || !toks[len(toks)-1].word || toks[len(toks)-1].para != t.para) && hasLatinDiacritic(t.low) {
			// "María" opening a sentence is the given name Maria (within a sentence a capital
			// marks a name without it)
			t.lex = sw.givenFolded(t.low)
		}
		if hyphen && t.lex&lexRole == 0 {
			t.lex |= sw.rolePart(t.low) // the word's only hyphens are those the loop above joined at
		}
		if t.cap && sw.contraction(t.low) {
			t.lex |= lexStopCapContraction
		}
		toks = append(toks, t)
		i = j
	}
	return toks, off, low
}

// markSentences numbers the sentences of toks. A sentence ends at . ! or ? outside quotation
// marks when the next token does not start with a lower-case letter, and at every paragraph end.
func markSentences(toks []token, spans []quoteSpan) {
	sent := 0
	for i := range toks {
		if i > 0 {
			prev := toks[i-1]
			brk := prev.para != toks[i].para
			if !brk && !(toks[i].word && !toks[i].cap) && !continuesSentence(toks[i].low) {
				switch {
				case prev.quote < 0 && (prev.low == "." || prev.low == "!" || prev.low == "?"):
					brk = true
				case i >= 2 && isCloseMark(prev.text) && !opensSpan(toks, spans, i-1) && (toks[i-2].low == "." || toks[i-2].low == "!" || toks[i-2].low == "?"):
					brk = true
				}
			}
			if brk {
				sent++
			}
		}
		toks[i].sent = int32(sent)
	}
}

// opensSpan reports whether token k is the opening mark of the quote that holds the token after
// it: a straight mark after a full stop (`said. "Please."`) opens a sentence, it does not end one.
func opensSpan(toks []token, spans []quoteSpan, k int) bool {
	q := toks[k+1].quote
	return q >= 0 && spans[q].openTok == k
}

// continuesSentence reports whether a token after a full stop goes on with the sentence: a
// comma or a closing parenthesis after an abbreviation ("Jane Roe, D-Mich., said").
func continuesSentence(low string) bool {
	return low == "," || low == ";" || low == ")"
}

func isCloseMark(s string) bool { return s == "”" || s == "\"" || s == "»" }
func isQuoteMark(s string) bool {
	return s == "“" || s == "”" || s == "\"" || s == "«" || s == "»" || s == "„"
}

// attachQuotes records which tokens each span holds and which span holds each token.
func attachQuotes(toks []token, spans []quoteSpan, rs []rune) {
	ti := 0
	for si := range spans {
		sp := &spans[si]
		sp.openTok, sp.closeTok, sp.first, sp.last = -1, -1, -1, -1
		for ti < len(toks) && toks[ti].start < int32(sp.open) {
			ti++
		}
		if ti < len(toks) && toks[ti].start == int32(sp.open) {
			sp.openTok = ti
		}
		end := sp.close
		if end < 0 {
			end = sp.end
		}
		k := ti
		if sp.openTok >= 0 {
			k = ti + 1
		}
		sp.first = k
		for k < len(toks) && toks[k].start < int32(end) {
			toks[k].quote = int32(si)
			if toks[k].word {
				sp.words++
			}
			k++
		}
		sp.last = k
		if sp.close >= 0 && k < len(toks) && toks[k].start == int32(sp.close) {
			sp.closeTok = k
		}
		// the opening mark starts its paragraph
		j := sp.open - 1
		for j >= 0 && rs[j] != '\n' && unicode.IsSpace(rs[j]) {
			j--
		}
		sp.paraStart = j < 0 || rs[j] == '\n'
		if sp.close >= 0 {
			j = sp.close + 1
			for j < len(rs) && rs[j] != '\n' && unicode.IsSpace(rs[j]) {
				j++
			}
			sp.paraEnd = j >= len(rs) || rs[j] == '\n'
		} else {
			sp.paraEnd = true
		}
		ti = k
	}
}

// nextWordLower returns the lower-cased word of letters that starts at rune k of rs, from low
// at the byte offsets off: the word after a token, looked up before it is a token itself.
func nextWordLower(low string, off []int32, rs []rune, k int) string {
	e := k
	for e < len(rs) && unicode.IsLetter(rs[e]) {
		e++
	}
	return low[off[k]:off[e]]
}
