package scorchx

import (
	"context"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// PhraseQuery is a quoted phrase over one text field: Bleve's MatchPhraseQuery with the same
// analysis, matches and scores, whose searcher checks the positions of the matching terms
// directly. Bleve's phrase searcher first turns every document holding all the terms into a
// map of field, term and locations (DocumentMatch.Complete), which was half of the time of a
// phrase of common words ("times reported": 40 ms on allsides).
//
// The fields searched (title, body, quote) hold one value each, so array positions, which
// Bleve's phrase searcher also compares, are always equal.
type PhraseQuery struct {
	field string
	// terms holds the analysed terms of each position from the first; a position whose word
	// the analyzer dropped (a stop word) is empty and matches any word.
	terms [][]string
	boost float64
}

// NewPhraseQuery analyses text with an as Bleve's MatchPhraseQuery does (tokenStreamToPhrase).
func NewPhraseQuery(an analysis.Analyzer, text string) *PhraseQuery {
	tokens := an.Analyze([]byte(text))
	q := &PhraseQuery{boost: 1}
	if len(tokens) == 0 {
		return q
	}
	first, last := tokens[0].Position, tokens[0].Position
	for _, t := range tokens {
		first, last = min(first, t.Position), max(last, t.Position)
	}
	q.terms = make([][]string, last-first+1)
	for _, t := range tokens {
		q.terms[t.Position-first] = append(q.terms[t.Position-first], string(t.Term))
	}
	return q
}

func (q *PhraseQuery) SetField(f string)  { q.field = f }
func (q *PhraseQuery) SetBoost(b float64) { q.boost = b }
func (q *PhraseQuery) Boost() float64     { return q.boost }

// Searcher returns the searcher of q: the conjunction of its terms (a disjunction where a
// position has several), with term vectors, as Bleve's phrase searcher builds it, filtered by
// the positions.
func (q *PhraseQuery) Searcher(ctx context.Context, r index.IndexReader, _ mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	if len(q.terms) == 0 {
		return searcher.NewMatchNoneSearcher(r)
	}
	// A position repeated in the phrase ("harbour harbour harbour") has one searcher, counted
	// as many times as the phrase has it (repeated): Bleve's phrase searcher makes one per
	// position, and a phrase of one word 500 times advanced 500 searchers per candidate. A term
	// reads term vectors once, where it first appears: the positions are the same elsewhere.
	vectors := make(map[string]bool)
	var parts []search.Searcher
	closeAll := func() {
		for _, s := range parts {
			s.Close()
		}
	}
	seen := make(map[string]*repeated) // slot's terms -> its searcher
	for _, slot := range q.terms {
		if len(slot) == 0 {
			continue
		}
		key := strings.Join(slot, "\x00")
		if rep, ok := seen[key]; ok {
			rep.n++
			continue
		}
		var ts []search.Searcher
		for _, term := range slot {
			opts := options
			opts.IncludeTermVectors = !vectors[term]
			vectors[term] = true
			s, err := searcher.NewTermSearcher(ctx, r, term, q.field, q.boost, opts)
			if err != nil {
				closeAll()
				for _, s := range ts {
					s.Close()
				}
				return nil, err
			}
			ts = append(ts, s)
		}
		part := ts[0]
		if len(ts) > 1 {
			options.IncludeTermVectors = true
			d, err := searcher.NewDisjunctionSearcher(ctx, r, ts, 1, options)
			if err != nil {
				closeAll()
				return nil, err
			}
			part = d
		}
		rep := &repeated{Searcher: part, n: 1}
		seen[key] = rep
		parts = append(parts, rep)
	}
	for i, p := range parts {
		if rep := p.(*repeated); rep.n == 1 {
			parts[i] = rep.Searcher // as Bleve builds it
		}
	}
	options.IncludeTermVectors = true
	must, err := searcher.NewConjunctionSearcher(ctx, r, parts, options)
	if err != nil {
		closeAll()
		return nil, err
	}
	return newPhraseSearcher(ctx, must, q.field, q.terms), nil
}

// repeated is the searcher of a position that a phrase has n times: it matches as the
// position's searcher does, and weighs and scores as Bleve's conjunction counts n copies of it
// (n times the weight, n times the score; equal up to rounding).
type repeated struct {
	search.Searcher
	n int
}

func (r *repeated) Weight() float64 { return float64(r.n) * r.Searcher.Weight() }

func (r *repeated) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	return r.scaled(r.Searcher.Next(ctx))
}

func (r *repeated) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	return r.scaled(r.Searcher.Advance(ctx, id))
}

func (r *repeated) scaled(dm *search.DocumentMatch, err error) (*search.DocumentMatch, error) {
	if dm != nil {
		dm.Score *= float64(r.n)
	}
	return dm, err
}

// PhraseCheckEvery is how many candidates the phrase searcher reads between checks of its
// context.
const PhraseCheckEvery = 64

// phraseSearcher yields the matches of must whose term positions form the phrase.
//
// Its cost per candidate is linear in the phrase and in the document: the positions of each
// distinct term are gathered once, and the possible starts of the phrase are narrowed slot by
// slot with a merge of sorted lists, so a phrase of one word repeated N times costs N merges,
// not N² searches (it was quadratic, and a phrase of 500 words ran for minutes).
type phraseSearcher struct {
	ctx   context.Context
	must  search.Searcher
	field string
	slots [][]int        // the distinct terms (indexes into pos) of each position of the phrase
	ids   map[string]int // distinct term -> index into pos
	pos   [][]uint64     // sorted positions of each distinct term in the current document (reused)
	buf   [2][]uint64    // starts of the phrase still possible, and the next ones (reused)
	seen  int            // candidates read, for PhraseCheckEvery
}

func newPhraseSearcher(ctx context.Context, must search.Searcher, field string, terms [][]string) *phraseSearcher {
	s := &phraseSearcher{ctx: ctx, must: must, field: field, ids: make(map[string]int), slots: make([][]int, len(terms))}
	for i, slot := range terms {
		for _, term := range slot {
			id, ok := s.ids[term]
			if !ok {
				id = len(s.ids)
				s.ids[term] = id
			}
			if !slices.Contains(s.slots[i], id) {
				s.slots[i] = append(s.slots[i], id)
			}
		}
	}
	s.pos = make([][]uint64, len(s.ids))
	return s
}

// match reports whether the terms of dm's field stand at consecutive positions, slot after
// slot, from some position of the first slot.
func (s *phraseSearcher) match(dm *search.DocumentMatch) bool {
	for i := range s.pos {
		s.pos[i] = s.pos[i][:0]
	}
	for _, ftl := range dm.FieldTermLocations {
		if ftl.Field != s.field {
			continue
		}
		if id, ok := s.ids[ftl.Term]; ok {
			s.pos[id] = append(s.pos[id], ftl.Location.Pos)
		}
	}
	for _, p := range s.pos {
		if !slices.IsSorted(p) {
			slices.Sort(p)
		}
	}
	starts := s.positions(s.buf[0][:0], s.slots[0])
	next := s.buf[1][:0]
	for i := 1; i < len(s.slots) && len(starts) > 0; i++ {
		if len(s.slots[i]) == 0 {
			continue // a stop word: any word
		}
		next = next[:0]
		for _, id := range s.slots[i] {
			next = appendShifted(next, starts, s.pos[id], uint64(i))
		}
		if len(s.slots[i]) > 1 {
			slices.Sort(next)
			next = slices.Compact(next)
		}
		starts, next = next, starts
	}
	s.buf[0], s.buf[1] = starts, next
	return len(starts) > 0
}

// positions appends to dst the sorted positions of the terms ids.
func (s *phraseSearcher) positions(dst []uint64, ids []int) []uint64 {
	for _, id := range ids {
		dst = append(dst, s.pos[id]...)
	}
	if len(ids) > 1 {
		slices.Sort(dst)
		dst = slices.Compact(dst)
	}
	return dst
}

// appendShifted appends to dst the starts p (sorted) for which p+shift is in pos (sorted), in
// one merge of the two lists.
func appendShifted(dst, starts, pos []uint64, shift uint64) []uint64 {
	j := 0
	for _, p := range starts {
		want := p + shift
		for j < len(pos) && pos[j] < want {
			j++
		}
		if j == len(pos) {
			break
		}
		if pos[j] == want {
			dst = append(dst, p)
		}
	}
	return dst
}

// skip returns dm if it matches, else the next match of must that does. It returns the
// context's error when the context is done, checked every PhraseCheckEvery candidates.
func (s *phraseSearcher) skip(ctx *search.SearchContext, dm *search.DocumentMatch, err error) (*search.DocumentMatch, error) {
	for err == nil && dm != nil && !s.match(dm) {
		ctx.DocumentMatchPool.Put(dm)
		if s.seen++; s.seen%PhraseCheckEvery == 0 {
			if err := s.ctx.Err(); err != nil {
				return nil, err
			}
		}
		dm, err = s.must.Next(ctx)
	}
	return dm, err
}

func (s *phraseSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	dm, err := s.must.Next(ctx)
	return s.skip(ctx, dm, err)
}

func (s *phraseSearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	dm, err := s.must.Advance(ctx, id)
	return s.skip(ctx, dm, err)
}

func (s *phraseSearcher) Weight() float64            { return s.must.Weight() }
func (s *phraseSearcher) SetQueryNorm(qnorm float64) { s.must.SetQueryNorm(qnorm) }
func (s *phraseSearcher) Count() uint64              { return s.must.Count() }
func (s *phraseSearcher) Min() int                   { return 0 }
func (s *phraseSearcher) Size() int                  { return s.must.Size() }
func (s *phraseSearcher) DocumentMatchPoolSize() int { return s.must.DocumentMatchPoolSize() + 1 }
func (s *phraseSearcher) Close() error               { return s.must.Close() }
