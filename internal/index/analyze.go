package index

import (
	"slices"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
	"github.com/blevesearch/segment"
)

// fieldAnalysis analyses the text and keyword fields of the documents a load maps, with the
// result Bleve's own analysis gives (TextField.Analyze), for less CPU. Bleve's English
// analyzer turns every word into a token, then runs four filters over each token (possessive,
// lower case, stop words, Porter stemmer), and TokenFrequency allocates a location for each;
// that was a fifth of the CPU of a bulk load. Every one of these filters maps one word to at
// most one term, whatever the words around it, so fieldAnalysis runs them once per distinct
// word and keeps the outcome (words), and builds a field's frequencies with a few allocations
// instead of one per token. A keyword field is one term, as Bleve's single-token analyzer
// makes it.
//
// Fields of other analysers are left to Bleve. A fieldAnalysis is used by one goroutine at a
// time: each load worker has its own.
type fieldAnalysis struct {
	// Bleve's English and keyword analysers, as the instances of the mappings (each mapping
	// has its own).
	text, keyword []analysis.Analyzer

	words    map[string]int32 // word as the tokenizer cut it -> term number, or wordStop
	maxWords int              // words remembered at most (maxAnalysedWords)
	terms    []analysedTerm   // by term number
	ids      map[string]int32 // term -> term number

	// Scratch of one field, reused: the tokens kept, and per term number the field's
	// generation that last counted it, its count and its slot.
	toks  []fieldToken
	gen   uint32
	seen  []uint32
	count []int32
	slot  []int32
}

// analysedTerm is a term that analysis produced, as bytes for Bleve and as a string for the
// frequency map's key, so that neither is allocated again.
type analysedTerm struct {
	b []byte
	s string
}

// fieldToken is a kept token of the field being analysed: its term number and position.
type fieldToken struct {
	term int32
	pos  int32
}

// wordStop marks a word that the filters drop (a stop word).
const wordStop = -1

// maxAnalysedWords bounds the words a fieldAnalysis remembers: when there are more, it
// forgets them all and starts again (a few MB each).
const maxAnalysedWords = 1 << 17

// newFieldAnalysis returns the analysis of the fields of the mappings ims that use their
// English (textAnalyzer) and keyword analysers.
func newFieldAnalysis(ims ...mapping.IndexMapping) *fieldAnalysis {
	a := &fieldAnalysis{words: map[string]int32{}, maxWords: maxAnalysedWords, ids: map[string]int32{}}
	for _, im := range ims {
		a.text = append(a.text, im.AnalyzerNamed(textAnalyzer))
		a.keyword = append(a.keyword, im.AnalyzerNamed(keyword.Name))
	}
	return a
}

// analyze analyses f and reports whether it did; when it did not, f is for Bleve to analyse.
// Offsets of term vectors are 0, as preAnalyze sets them.
func (a *fieldAnalysis) analyze(f document.Field) (length int, freqs index.TokenFrequencies, ok bool) {
	tf, isText := f.(*document.TextField)
	if a == nil || !isText || tf.Analyzer() == nil {
		return 0, nil, false
	}
	switch an := tf.Analyzer(); {
	case slices.Contains(a.text, an):
		// Bleve's English analyser: the unicode tokenizer and four filters that map a token
		// to at most one (TestFieldAnalysisIsBleves).
		da, ok := an.(*analysis.DefaultAnalyzer)
		if !ok || len(da.CharFilters) > 0 {
			return 0, nil, false
		}
		if _, ok := da.Tokenizer.(*unicode.UnicodeTokenizer); !ok {
			return 0, nil, false
		}
		length, freqs = a.analyzeText(tf.Value(), tf.ArrayPositions(), tf.Options(), da.TokenFilters)
		return length, freqs, true
	case slices.Contains(a.keyword, an):
		da, ok := an.(*analysis.DefaultAnalyzer)
		if !ok || len(da.CharFilters) > 0 || len(da.TokenFilters) > 0 {
			return 0, nil, false
		}
		if _, ok := da.Tokenizer.(*single.SingleTokenTokenizer); !ok {
			return 0, nil, false
		}
		return 1, keywordFrequencies(tf.Value(), tf.ArrayPositions(), tf.Options()), true
	}
	return 0, nil, false
}

// keywordFrequencies returns the frequencies of a field that is one token, value, as
// analysis.TokenFrequency makes them.
func keywordFrequencies(value []byte, arrayPositions []uint64, opts index.FieldIndexingOptions) index.TokenFrequencies {
	tf := &index.TokenFreq{Term: value}
	if opts.IncludeTermVectors() {
		tf.Locations = []*index.TokenLocation{{ArrayPositions: arrayPositions, Position: 1}}
	}
	if !opts.SkipFreqNorm() {
		tf.SetFrequency(1)
	}
	return index.TokenFrequencies{string(value): tf}
}

// analyzeText analyses value with Bleve's unicode tokenizer followed by filters, each of which
// maps one token to at most one.
func (a *fieldAnalysis) analyzeText(value []byte, arrayPositions []uint64, opts index.FieldIndexingOptions, filters []analysis.TokenFilter) (int, index.TokenFrequencies) {
	if len(a.words) > a.maxWords {
		*a = fieldAnalysis{text: a.text, keyword: a.keyword, words: map[string]int32{}, maxWords: a.maxWords,
			ids: map[string]int32{}, toks: a.toks}
	}
	a.toks = a.toks[:0]
	a.gen++
	distinct := 0
	seg := segment.NewWordSegmenterDirect(value)
	pos := int32(0)
	for seg.Segment() {
		if seg.Type() == segment.None {
			continue
		}
		pos++ // positions count the words the filters drop, as Bleve's do
		w := seg.Bytes()
		id, known := a.words[string(w)]
		if !known {
			id = a.learn(w, seg.Type(), filters)
		}
		if id == wordStop {
			continue
		}
		if a.seen[id] != a.gen {
			a.seen[id], a.count[id] = a.gen, 0
			distinct++
		}
		a.count[id]++
		a.toks = append(a.toks, fieldToken{term: id, pos: pos})
	}
	freqs := make(index.TokenFrequencies, distinct)
	if len(a.toks) == 0 {
		return 0, freqs
	}
	// One allocation each for the frequencies, the locations and their pointers: a term's
	// locations are a slice of its own of the pointers, in the order of the tokens.
	tfs := make([]index.TokenFreq, 0, distinct)
	var locs []index.TokenLocation
	var ptrs []*index.TokenLocation
	vectors := opts.IncludeTermVectors()
	if vectors {
		locs = make([]index.TokenLocation, len(a.toks))
		ptrs = make([]*index.TokenLocation, len(a.toks))
	}
	next := 0
	a.gen++ // the second pass marks the terms given a slot
	for i, t := range a.toks {
		if a.seen[t.term] != a.gen {
			a.seen[t.term] = a.gen
			a.slot[t.term] = int32(len(tfs))
			term := a.terms[t.term]
			tf := index.TokenFreq{Term: term.b}
			if !opts.SkipFreqNorm() {
				tf.SetFrequency(int(a.count[t.term]))
			}
			if vectors {
				n := int(a.count[t.term])
				tf.Locations = ptrs[next : next : next+n]
				next += n
			}
			tfs = append(tfs, tf)
			freqs[term.s] = &tfs[len(tfs)-1]
		}
		if vectors {
			locs[i] = index.TokenLocation{ArrayPositions: arrayPositions, Position: int(t.pos)}
			tf := &tfs[a.slot[t.term]]
			tf.Locations = append(tf.Locations, &locs[i])
		}
	}
	return len(a.toks), freqs
}

// learn runs the filters over word w, remembers the outcome and returns it: a term number or
// wordStop.
func (a *fieldAnalysis) learn(w []byte, typ int, filters []analysis.TokenFilter) int32 {
	key := string(w)
	tok := &analysis.Token{Term: []byte(key), Start: 0, End: len(w), Position: 1, Type: tokenType(typ)}
	ts := analysis.TokenStream{tok}
	for _, f := range filters {
		ts = f.Filter(ts)
	}
	id := int32(wordStop)
	if len(ts) == 1 {
		term := string(ts[0].Term)
		var ok bool
		if id, ok = a.ids[term]; !ok {
			id = int32(len(a.terms))
			a.terms = append(a.terms, analysedTerm{b: []byte(term), s: term})
			a.ids[term] = id
			a.seen, a.count, a.slot = append(a.seen, 0), append(a.count, 0), append(a.slot, 0)
		}
	}
	a.words[key] = id
	return id
}

// tokenType is the type Bleve's unicode tokenizer gives a word of segment type typ.
func tokenType(typ int) analysis.TokenType {
	switch typ {
	case segment.Ideo, segment.Kana:
		return analysis.Ideographic
	case segment.Number:
		return analysis.Numeric
	}
	return analysis.AlphaNumeric
}
