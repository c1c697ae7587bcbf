package bench

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"

	"github.com/searchd/searchd/internal/news"
)

// Query is one line of a query-set file (JSON Lines). Q, Speaker, Source, Since and Until are
// GET /api/search parameters of the same names; Kind and Terms describe how the query was made
// and are not sent. Q holds lower-case words, all required (AND), and at most one quoted phrase.
type Query struct {
	Q       string `json:"q,omitempty"`
	Speaker string `json:"speaker,omitempty"`
	Source  string `json:"source,omitempty"`
	Since   string `json:"since,omitempty"` // YYYY-MM-DD, inclusive
	Until   string `json:"until,omitempty"` // YYYY-MM-DD, inclusive
	Kind    string `json:"kind,omitempty"`  // one of the Kind* constants
	Terms   string `json:"terms,omitempty"` // document-frequency bucket of the first word: common, mid, rare
}

// Query kinds.
const (
	KindWords1  = "words1"  // one word
	KindWords2  = "words2"  // two words
	KindWords3  = "words3"  // three words
	KindPhrase  = "phrase"  // a quoted phrase of two or three words
	KindSpeaker = "speaker" // a word and a speaker filter
	KindDate    = "date"    // a word and a since/until window
	KindSource  = "source"  // a word and a source filter
)

// Document-frequency buckets: the share of the corpus's articles that contain a word.
const (
	TermsCommon = "common" // in at least 5% of the articles
	TermsMid    = "mid"    // in 0.5% to 5%
	TermsRare   = "rare"   // in fewer than 0.5%
)

// Values returns the query's GET /api/search parameters.
func (q Query) Values() url.Values {
	v := url.Values{}
	for _, p := range [][2]string{{"q", q.Q}, {"speaker", q.Speaker}, {"source", q.Source}, {"since", q.Since}, {"until", q.Until}} {
		if p[1] != "" {
			v.Set(p[0], p[1])
		}
	}
	return v
}

// ReadQueries reads a query-set file: one JSON object per line, blank lines ignored.
func ReadQueries(r io.Reader) ([]Query, error) {
	var qs []Query
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for line := 1; sc.Scan(); line++ {
		b := strings.TrimSpace(sc.Text())
		if b == "" {
			continue
		}
		var q Query
		if err := json.Unmarshal([]byte(b), &q); err != nil {
			return nil, fmt.Errorf("query line %d: %w", line, err)
		}
		qs = append(qs, q)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read queries: %w", err)
	}
	return qs, nil
}

// WriteQueries writes qs as JSON Lines.
func WriteQueries(w io.Writer, qs []Query) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, q := range qs {
		if err := enc.Encode(q); err != nil {
			return fmt.Errorf("write queries: %w", err)
		}
	}
	return nil
}

// Facts is what extraction knows of an article that the generator needs: its date (metadata or
// found in the text; zero when none) and its named speakers, as the speaker facet lists them.
type Facts struct {
	Date     time.Time
	Speakers []string
}

// Generator makes a query set from a corpus in two steps: Observe every article (counting
// document frequencies and keeping a fixed-size random sample), then Generate. The same corpus
// in the same order and the same seed give the same queries.
type Generator struct {
	rng    *rand.Rand
	keep   int
	seen   int
	sample []news.Article
	df     map[string]int
	stop   analysis.TokenMap
}

// NewGenerator returns a generator that samples keep articles (at least 1) with seed.
func NewGenerator(seed uint64, keep int) (*Generator, error) {
	stop := analysis.NewTokenMap()
	if err := stop.LoadBytes(en.EnglishStopWords); err != nil {
		return nil, fmt.Errorf("load stop words: %w", err)
	}
	return &Generator{rng: rand.New(rand.NewPCG(seed, seed^0x5eed)), keep: max(keep, 1), df: map[string]int{}, stop: stop}, nil
}

// Observe counts a's words and may keep a in the sample (reservoir sampling).
func (g *Generator) Observe(a news.Article) {
	seen := map[string]bool{}
	for _, t := range g.words(a.Title + "\n" + a.Body) {
		if !seen[t.word] {
			seen[t.word] = true
			g.df[t.word]++
		}
	}
	if len(g.sample) < g.keep {
		g.sample = append(g.sample, a)
	} else if j := g.rng.IntN(g.seen + 1); j < g.keep {
		g.sample[j] = a
	}
	g.seen++
}

// Observed returns the number of articles observed.
func (g *Generator) Observed() int { return g.seen }

// Sample returns the kept articles; facts for them are what Generate asks for.
func (g *Generator) Sample() []news.Article { return g.sample }

// kindWeights is the mix of query kinds, in percent.
var kindWeights = []struct {
	kind   string
	weight int
}{
	{KindWords1, 25}, {KindWords2, 20}, {KindWords3, 10}, {KindPhrase, 15},
	{KindSpeaker, 12}, {KindDate, 12}, {KindSource, 6},
}

// Generate returns n queries drawn from the sample. facts[i] describes Sample()[i]. Every query
// matches, under AND semantics, at least the sampled article it was drawn from: its words and
// phrase occur in that article, and its filters hold for it.
func (g *Generator) Generate(n int, facts []Facts) ([]Query, error) {
	if len(g.sample) == 0 {
		return nil, fmt.Errorf("generate queries: the corpus has no articles")
	}
	if len(facts) != len(g.sample) {
		return nil, fmt.Errorf("generate queries: got facts for %d articles, want %d", len(facts), len(g.sample))
	}
	toks := make([][]token, len(g.sample))
	out := make([]Query, 0, n)
	for tries := 0; len(out) < n; tries++ {
		if tries > 100*n+1000 {
			return nil, fmt.Errorf("generate queries: made %d of %d; the corpus has too few usable words", len(out), n)
		}
		kind := g.pickKind()
		bucket := []string{TermsCommon, TermsMid, TermsRare}[g.rng.IntN(3)]
		i := g.rng.IntN(len(g.sample))
		if toks[i] == nil {
			a := g.sample[i]
			toks[i] = g.words(a.Title + "\n" + a.Body)
		}
		if q, ok := g.make(kind, bucket, g.sample[i], facts[i], toks[i]); ok {
			out = append(out, q)
		}
	}
	return out, nil
}

func (g *Generator) pickKind() string {
	r := g.rng.IntN(100)
	for _, kw := range kindWeights {
		if r < kw.weight {
			return kw.kind
		}
		r -= kw.weight
	}
	return KindWords1
}

// make builds one query of kind from article a, or reports false when a cannot give one.
func (g *Generator) make(kind, bucket string, a news.Article, f Facts, toks []token) (Query, bool) {
	q := Query{Kind: kind}
	if kind == KindPhrase {
		text := a.Title + "\n" + a.Body
		var starts []int
		for j := 0; j+1 < len(toks); j++ {
			if toks[j].ok && toks[j+1].ok && text[toks[j].end:toks[j+1].start] == " " {
				starts = append(starts, j)
			}
		}
		if len(starts) == 0 {
			return q, false
		}
		j := starts[g.rng.IntN(len(starts))]
		words := []string{toks[j].word, toks[j+1].word}
		if j+2 < len(toks) && toks[j+2].ok && text[toks[j+1].end:toks[j+2].start] == " " && g.rng.IntN(2) == 0 {
			words = append(words, toks[j+2].word)
		}
		q.Q = `"` + strings.Join(words, " ") + `"`
		return q, true
	}
	nwords := 1
	switch kind {
	case KindWords2:
		nwords = 2
	case KindWords3:
		nwords = 3
	case KindSpeaker:
		if len(f.Speakers) == 0 {
			return q, false
		}
		q.Speaker = f.Speakers[g.rng.IntN(len(f.Speakers))]
	case KindDate:
		if f.Date.IsZero() {
			return q, false
		}
		d := f.Date.UTC()
		q.Since = d.AddDate(0, 0, -g.rng.IntN(60)-1).Format(time.DateOnly)
		q.Until = d.AddDate(0, 0, g.rng.IntN(60)+1).Format(time.DateOnly)
	case KindSource:
		if strings.TrimSpace(a.Source) == "" {
			return q, false
		}
		q.Source = strings.TrimSpace(a.Source)
	}
	var first, rest []string
	for _, t := range toks {
		if t.ok {
			rest = append(rest, t.word)
			if g.bucket(t.word) == bucket {
				first = append(first, t.word)
			}
		}
	}
	if len(rest) == 0 {
		return q, false
	}
	if len(first) == 0 {
		first = rest // no word of that bucket in this article: take any
	}
	words := []string{first[g.rng.IntN(len(first))]}
	q.Terms = g.bucket(words[0])
	for range nwords * 4 {
		if len(words) == nwords {
			break
		}
		if w := rest[g.rng.IntN(len(rest))]; !slices.Contains(words, w) {
			words = append(words, w)
		}
	}
	q.Q = strings.Join(words, " ")
	return q, true
}

// bucket names the document-frequency bucket of word.
func (g *Generator) bucket(word string) string {
	share := float64(g.df[word]) / float64(max(g.seen, 1))
	switch {
	case share >= 0.05:
		return TermsCommon
	case share >= 0.005:
		return TermsMid
	default:
		return TermsRare
	}
}

// token is a run of letters, digits and apostrophes in a text. ok says it is usable in a query:
// three or more ASCII letters only, and not an English stop word. word is the lower-cased run.
type token struct {
	word       string
	start, end int
	ok         bool
}

// words splits s into tokens (byte offsets).
func (g *Generator) words(s string) []token {
	var out []token
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := s[start:end]
		ok := len(w) >= 3
		for i := 0; ok && i < len(w); i++ {
			c := w[i]
			ok = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		}
		lw := strings.ToLower(w)
		ok = ok && !g.stop[lw]
		out = append(out, token{word: lw, start: start, end: end, ok: ok})
		start = -1
	}
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' || unicode.Is(unicode.Mn, r) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(s))
	return out
}
