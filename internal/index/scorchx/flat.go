package scorchx

import (
	"context"
	"math"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/scorer"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Unwrapper is a query that wraps another and matches, scores and searches as it does, such as
// package index's queries that observe the context: the flat searcher looks through it.
type Unwrapper interface {
	Unwrap() query.Query
}

// The flat searcher evaluates the queries package index builds for words and phrases (no
// filters, no negations): a conjunction of clauses, each a disjunction of leaves or one leaf,
// each leaf the conjunction of a field's terms (a word: Bleve's MatchQuery with the AND
// operator) or a phrase of them (PhraseQuery). "white house" over title (boosted) and body is
// AND(OR(title:white^2, body:white), OR(title:house^2, body:house)).
//
// Bleve runs such a query as five levels of searchers, each passing a DocumentMatch per
// candidate up to the next; for two common words that was 55–70% of a search. The flat searcher
// reads the postings of each segment itself and leapfrogs them with local document numbers,
// scoring only the matches, and gives Collect their segment and local number directly. Its
// matches and scores are those of Bleve's searchers, bit for bit: each term scores as Bleve's
// TermQueryScorer does, and the sums are made in the order Bleve's searchers make them (their
// children sorted by count, stably), with Bleve's coordination factor for disjunctions and its
// query norm over the whole query. A query that matches everything (MatchAllQuery: an empty
// query, stop words only, a speaker page) is the segments' live documents, each with the
// constant score Bleve gives it. Queries of any other shape keep Bleve's searchers.

// flatPlan is a query of the flat shape, before it meets an index.
type flatPlan struct {
	clauses []*flatClause
	// all is set for a query that matches every document (Bleve's MatchAllQuery, what an
	// empty query or one of stop words becomes), of boost allBoost; clauses is empty then.
	all      bool
	allBoost float64
}

type flatClause struct {
	leaves []*flatLeaf
	disj   bool // a disjunction of the leaves (with coordination); false: one leaf as is
	count  uint64
	weight float64
	doc    int64 // current candidate in the segment: the least doc of the leaves
}

type flatLeaf struct {
	field  string
	boost  float64
	terms  []*flatTerm // sorted by count once the index is known
	phrase []int       // for a phrase: the term (index into the unsorted terms) of each position, -1 for any word
	byPos  []*flatTerm // the terms in phrase order (phrase only)
	count  uint64
	weight float64
	doc    int64       // current match in the segment (-1: not read yet; noDoc: none left)
	buf    [2][]uint64 // phrase starts still possible, and the next ones (reused)
	// cand are the leaf's candidates in the current segment (flatbits.go): the documents
	// with all its terms that have a candidate in every clause.
	cand *roaring.Bitmap
}

type flatTerm struct {
	term     string
	idf, qw  float64 // Bleve's idf and query weight (boost × idf × query norm)
	count    uint64
	lists    []segment.PostingsList // per segment; nil where the term is absent
	it       segment.PostingsIterator
	post     segment.Posting // the current posting, valid until it moves
	doc      int64
	pos      []uint64 // the current posting's positions (phrases)
	withLocs bool
}

const noDoc = math.MaxInt64

// FlatMaxClauses bounds the clauses of a level the flat searcher takes: Bleve sorts the
// children of a searcher with sort.Sort, stable (insertion sort) up to 12, and its disjunction
// searcher changes to a heap beyond searcher.DisjunctionHeapTakeover children.
const FlatMaxClauses = 10

// flatten returns the plan of q, or nil when q has another shape.
func flatten(q query.Query, m mapping.IndexMapping) *flatPlan {
	bq, ok := q.(*query.BooleanQuery)
	if !ok || bq.Must == nil || bq.Should != nil || bq.MustNot != nil || bq.Filter != nil {
		return nil
	}
	conj, ok := bq.Must.(*query.ConjunctionQuery)
	if !ok || len(conj.Conjuncts) != 1 {
		return nil
	}
	if all, ok := unwrap(conj.Conjuncts[0]).(*query.MatchAllQuery); ok {
		return &flatPlan{all: true, allBoost: all.Boost()}
	}
	top := []query.Query{conj.Conjuncts[0]}
	if inner, ok := unwrap(conj.Conjuncts[0]).(*query.BooleanQuery); ok {
		if inner.Should != nil || inner.MustNot != nil || inner.Filter != nil {
			return nil
		}
		ic, ok := inner.Must.(*query.ConjunctionQuery)
		if !ok {
			return nil
		}
		top = ic.Conjuncts
	}
	if len(top) == 0 || len(top) > FlatMaxClauses {
		return nil
	}
	p := &flatPlan{}
	for _, c := range top {
		c = unwrap(c)
		fc := &flatClause{}
		if d, ok := c.(*query.DisjunctionQuery); ok {
			if d.Min > 1 || len(d.Disjuncts) == 0 || len(d.Disjuncts) > min(FlatMaxClauses, searcher.DisjunctionHeapTakeover) {
				return nil
			}
			fc.disj = true
			for _, l := range d.Disjuncts {
				leaf := flatLeafOf(unwrap(l), m)
				if leaf == nil {
					return nil
				}
				fc.leaves = append(fc.leaves, leaf)
			}
		} else {
			leaf := flatLeafOf(c, m)
			if leaf == nil {
				return nil
			}
			fc.leaves = []*flatLeaf{leaf}
		}
		p.clauses = append(p.clauses, fc)
	}
	return p
}

func unwrap(q query.Query) query.Query {
	for {
		u, ok := q.(Unwrapper)
		if !ok {
			return q
		}
		q = u.Unwrap()
	}
}

// flatLeafOf returns the leaf of a word or phrase query, or nil for any other query.
func flatLeafOf(q query.Query, m mapping.IndexMapping) *flatLeaf {
	switch q := q.(type) {
	case *query.MatchQuery:
		// Fuzziness set by the query string parser is seen here; auto fuzziness, which only
		// JSON queries set, is not: package index never sends those.
		if q.Fuzziness != 0 || q.Operator != query.MatchQueryOperatorAnd {
			return nil
		}
		field := q.FieldVal
		if field == "" {
			field = m.DefaultSearchField()
		}
		name := q.Analyzer
		if name == "" {
			name = m.AnalyzerNameForPath(field)
		}
		an := m.AnalyzerNamed(name)
		if an == nil {
			return nil
		}
		tokens := an.Analyze([]byte(q.Match))
		if len(tokens) == 0 || len(tokens) > FlatMaxClauses {
			return nil
		}
		leaf := &flatLeaf{field: field, boost: q.Boost()}
		for _, t := range tokens {
			leaf.terms = append(leaf.terms, &flatTerm{term: string(t.Term)})
		}
		return leaf
	case *PhraseQuery:
		if q.field == "" {
			return nil
		}
		leaf := &flatLeaf{field: q.field, boost: q.boost}
		seen := map[string]bool{}
		for _, slot := range q.terms {
			switch {
			case len(slot) == 0:
				leaf.phrase = append(leaf.phrase, -1)
				continue
			case len(slot) > 1 || seen[slot[0]]:
				return nil // a position with several terms, or a repeated one: Bleve's searchers
			}
			seen[slot[0]] = true
			leaf.phrase = append(leaf.phrase, len(leaf.terms))
			leaf.terms = append(leaf.terms, &flatTerm{term: slot[0], withLocs: true})
		}
		if len(leaf.terms) == 0 || len(leaf.terms) > FlatMaxClauses {
			return nil
		}
		if len(leaf.phrase) == 1 {
			// One word ("state could": could is a stop word): any position of it matches,
			// since the fields phrases search keep term vectors, so its locations need no
			// reading.
			leaf.phrase, leaf.terms[0].withLocs = nil, false
		}
		return leaf
	}
	return nil
}

// flatSearcher runs a flat plan over a snapshot.
type flatSearcher struct {
	ctx     context.Context
	snap    *Snapshot
	clauses []*flatClause // sorted by count
	terms   []*flatTerm
	offsets []uint64 // global number of each segment's first document
	seg     int      // current segment; -1 before the first
	target  int64    // the next candidate in the segment
	steps   int
	// all: every live document matches (flatPlan.all), scoring allScore; live iterates the
	// current segment's live documents.
	all      bool
	allScore float64
	live     interface {
		HasNext() bool
		Next() uint32
	}
}

// newFlatSearcher reads the postings lists of p's terms in snap and computes the terms'
// weights as Bleve's searchers do.
func newFlatSearcher(ctx context.Context, snap *Snapshot, p *flatPlan) (*flatSearcher, error) {
	total, err := snap.DocCount()
	if err != nil {
		return nil, err
	}
	segs := snap.Segments()
	s := &flatSearcher{ctx: ctx, snap: snap, seg: -1, offsets: make([]uint64, len(segs))}
	var running uint64
	for i, ss := range segs {
		s.offsets[i] = running
		running += ss.Segment().Count()
	}
	if p.all {
		// As Bleve's MatchAllSearcher (a ConstantScorer of 1) under its conjunction, which
		// sets the query norm from the scorer's weight.
		s.all = true
		w := float64(p.allBoost * p.allBoost)
		qw := p.allBoost * (1.0 / math.Sqrt(w))
		s.allScore = 1.0
		if qw != 1.0 {
			s.allScore = s.allScore * qw
		}
		return s, nil
	}
	dicts := map[string][]segment.TermDictionary{}
	for _, c := range p.clauses {
		for _, l := range c.leaves {
			d, ok := dicts[l.field]
			if !ok {
				d = make([]segment.TermDictionary, len(segs))
				for i, ss := range segs {
					if d[i], err = ss.Segment().Dictionary(l.field); err != nil {
						return nil, err
					}
				}
				dicts[l.field] = d
			}
			for _, t := range l.terms {
				// Counted against the context's limit as Bleve counts its term searchers.
				if err := search.RecordTermSearcher(ctx); err != nil {
					return nil, err
				}
				t.lists = make([]segment.PostingsList, len(segs))
				for i, ss := range segs {
					if d[i] == nil {
						continue
					}
					pl, err := d[i].PostingsList([]byte(t.term), ss.Deleted(), nil)
					if err != nil {
						return nil, err
					}
					if pl != nil && pl.Count() > 0 {
						t.lists[i] = pl
						t.count += pl.Count()
					}
				}
				// As scorer.NewTermQueryScorer (tf-idf) computes it.
				t.idf = 1.0 + math.Log(float64(total)/float64(t.count+1.0))
				s.terms = append(s.terms, t)
			}
			if l.phrase != nil {
				l.byPos = make([]*flatTerm, len(l.phrase))
				for i, ti := range l.phrase {
					if ti >= 0 {
						l.byPos[i] = l.terms[ti]
					}
				}
			}
			// Bleve's conjunction sorts its term searchers by count (stably: few of them) and
			// sums their weights in that order.
			slices.SortStableFunc(l.terms, func(a, b *flatTerm) int { return cmpCount(a.count, b.count) })
			l.weight = 0
			for _, t := range l.terms {
				l.count += t.count
				w := l.boost * t.idf
				l.weight += float64(w * w) // rounded as TermQueryScorer.Weight returns it: no fused multiply-add
			}
		}
		slices.SortStableFunc(c.leaves, func(a, b *flatLeaf) int { return cmpCount(a.count, b.count) })
		for _, l := range c.leaves {
			c.count += l.count
			c.weight += l.weight
		}
	}
	s.clauses = slices.Clone(p.clauses)
	slices.SortStableFunc(s.clauses, func(a, b *flatClause) int { return cmpCount(a.count, b.count) })
	sum := 0.0
	for _, c := range s.clauses {
		sum += c.weight
	}
	norm := 1.0 / math.Sqrt(sum)
	for _, c := range s.clauses {
		for _, l := range c.leaves {
			for _, t := range l.terms {
				t.qw = l.boost * t.idf * norm
			}
		}
	}
	return s, nil
}

func cmpCount(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// nextLocal returns the next match: its segment, local number and score; ok is false when
// there is none left.
func (s *flatSearcher) nextLocal() (seg int, local uint64, score float64, ok bool, err error) {
	for {
		if s.seg >= 0 && s.seg < len(s.offsets) {
			d, err := s.nextInSegment()
			if err != nil {
				return 0, 0, 0, false, err
			}
			if d != noDoc {
				return s.seg, uint64(d), s.score(d), true, nil
			}
		}
		if s.seg++; s.seg >= len(s.offsets) {
			return 0, 0, 0, false, nil
		}
		s.startSegment()
	}
}

// startSegment points every term at the start of the current segment, to read only the
// candidates of its leaf (flatbits.go).
func (s *flatSearcher) startSegment() {
	if s.all {
		s.live = s.snap.Segments()[s.seg].DocNumbersLive().Iterator()
		return
	}
	all, bits := s.segmentBits()
	s.startLeaves(all, bits)
}

// startLeaves points every term at the start of the current segment, to read only the
// candidates of its leaf when bits is set, all being the candidates of the query.
func (s *flatSearcher) startLeaves(all *roaring.Bitmap, bits bool) {
	s.target = 0
	for _, c := range s.clauses {
		c.doc = -1
		for _, l := range c.leaves {
			l.doc = -1
			for _, t := range l.terms {
				t.doc, t.post = -1, nil
				pl := t.lists[s.seg]
				if pl == nil || bits && l.cand.IsEmpty() {
					t.doc = noDoc
					continue
				}
				t.it = pl.Iterator(true, true, t.withLocs, t.it)
				if bits {
					restrict(t.it, l.cand)
				}
			}
		}
	}
	if bits && all.IsEmpty() {
		s.target = noDoc
	}
}

// flatCheckEvery is how many candidates the flat searcher reads between checks of its context.
const flatCheckEvery = 256

// nextInSegment returns the next match in the current segment, or noDoc.
func (s *flatSearcher) nextInSegment() (int64, error) {
	if s.all {
		if !s.live.HasNext() {
			return noDoc, nil
		}
		return int64(s.live.Next()), nil
	}
	d := s.target
	if d == noDoc {
		return noDoc, nil
	}
	for {
		agree := true
		for _, c := range s.clauses {
			if c.doc < d {
				if err := s.advanceClause(c, d); err != nil {
					return 0, err
				}
			}
			if c.doc == noDoc {
				s.target = noDoc
				return noDoc, nil
			}
			if c.doc > d {
				d, agree = c.doc, false
				break
			}
		}
		if agree {
			s.target = d + 1
			return d, nil
		}
	}
}

// advanceClause moves c to its first match at or after d.
func (s *flatSearcher) advanceClause(c *flatClause, d int64) error {
	c.doc = noDoc
	for _, l := range c.leaves {
		if l.doc < d {
			if err := s.advanceLeaf(l, d); err != nil {
				return err
			}
		}
		c.doc = min(c.doc, l.doc)
	}
	return nil
}

// advanceLeaf moves l to its first match at or after d.
func (s *flatSearcher) advanceLeaf(l *flatLeaf, d int64) error {
	for {
		if s.steps++; s.steps%flatCheckEvery == 0 {
			if err := s.ctx.Err(); err != nil {
				return err
			}
		}
		agree := true
		for _, t := range l.terms {
			if t.doc < d {
				if err := t.advance(d); err != nil {
					return err
				}
			}
			if t.doc == noDoc {
				l.doc = noDoc
				return nil
			}
			if t.doc > d {
				d, agree = t.doc, false
				break
			}
		}
		if !agree {
			continue
		}
		if l.phrase != nil && !l.matchPhrase() {
			d++
			continue
		}
		l.doc = d
		return nil
	}
}

// advance moves t to its first posting at or after d.
func (t *flatTerm) advance(d int64) error {
	p, err := t.it.Advance(uint64(d))
	if err != nil {
		return err
	}
	if p == nil {
		t.doc, t.post = noDoc, nil
		return nil
	}
	t.doc, t.post = int64(p.Number()), p
	return nil
}

// matchPhrase reports whether the terms of l, all on the same document, stand at consecutive
// positions, as phraseSearcher.match checks them.
func (l *flatLeaf) matchPhrase() bool {
	for _, t := range l.terms {
		t.pos = t.pos[:0]
		for _, loc := range t.post.Locations() {
			t.pos = append(t.pos, loc.Pos())
		}
		if !slices.IsSorted(t.pos) {
			slices.Sort(t.pos)
		}
	}
	if l.byPos[0] == nil {
		return false
	}
	starts := append(l.buf[0][:0], l.byPos[0].pos...)
	next := l.buf[1][:0]
	for i := 1; i < len(l.byPos) && len(starts) > 0; i++ {
		t := l.byPos[i]
		if t == nil {
			continue // a stop word: any word
		}
		next = appendShifted(next[:0], starts, t.pos, uint64(i))
		starts, next = next, starts
	}
	l.buf[0], l.buf[1] = starts, next
	return len(starts) > 0
}

// score returns the score of document d, on which every clause stands (some of their leaves
// do), as Bleve's searchers compute it.
func (s *flatSearcher) score(d int64) float64 {
	if s.all {
		return s.allScore
	}
	var sum float64
	for _, c := range s.clauses {
		sum += c.score(d)
	}
	return sum
}

func (c *flatClause) score(d int64) float64 {
	if !c.disj {
		return c.leaves[0].score()
	}
	var sum float64
	n := 0
	for _, l := range c.leaves {
		if l.doc == d {
			sum += l.score()
			n++
		}
	}
	coord := float64(n) / float64(len(c.leaves))
	return sum * coord
}

func (l *flatLeaf) score() float64 {
	var sum float64
	for _, t := range l.terms {
		sum += t.score()
	}
	return sum
}

// score is scorer.TermQueryScorer's tf-idf score of the current posting.
func (t *flatTerm) score() float64 {
	freq := t.post.Frequency()
	var tf float64
	if freq < scorer.MaxSqrtCache {
		tf = scorer.SqrtCache[int(freq)]
	} else {
		tf = math.Sqrt(float64(freq))
	}
	score := tf * t.post.Norm() * t.idf
	if t.qw != 1.0 {
		score = score * t.qw
	}
	return score
}

// Next returns the next match as a DocumentMatch, for callers other than Collect.
func (s *flatSearcher) Next(sctx *search.SearchContext) (*search.DocumentMatch, error) {
	seg, local, score, ok, err := s.nextLocal()
	if err != nil || !ok {
		return nil, err
	}
	dm := sctx.DocumentMatchPool.Get()
	dm.IndexInternalID = index.NewIndexInternalID(dm.IndexInternalID, s.offsets[seg]+local)
	dm.Score = score
	return dm, nil
}

func (s *flatSearcher) DocumentMatchPoolSize() int { return 1 }
func (s *flatSearcher) Close() error               { return nil }

// IsFlat reports whether s is the flat searcher (for tests: that a query takes that path).
func IsFlat(s MatchSearcher) bool {
	_, ok := s.(*flatSearcher)
	return ok
}
