package index

import (
	"context"
	"slices"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// phraseQuery is a quoted phrase over one text field: Bleve's MatchPhraseQuery with the same
// analysis, matches and scores, whose searcher checks the positions of the matching terms
// directly. Bleve's phrase searcher first turns every document holding all the terms into a
// map of field, term and locations (DocumentMatch.Complete), which was half of the time of a
// phrase of common words ("times reported": 40 ms on allsides).
//
// The fields searched (title, body, quote) hold one value each, so array positions, which
// Bleve's phrase searcher also compares, are always equal.
type phraseQuery struct {
	field string
	// terms holds the analysed terms of each position from the first; a position whose word
	// the analyzer dropped (a stop word) is empty and matches any word.
	terms [][]string
	boost float64
}

// newPhraseQuery analyses text with an as Bleve's MatchPhraseQuery does (tokenStreamToPhrase).
func newPhraseQuery(an analysis.Analyzer, text string) *phraseQuery {
	tokens := an.Analyze([]byte(text))
	q := &phraseQuery{boost: 1}
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

func (q *phraseQuery) SetField(f string)  { q.field = f }
func (q *phraseQuery) SetBoost(b float64) { q.boost = b }
func (q *phraseQuery) Boost() float64     { return q.boost }

// Searcher returns the searcher of q: the conjunction of its terms (a disjunction where a
// position has several), with term vectors, as Bleve's phrase searcher builds it, filtered by
// the positions.
func (q *phraseQuery) Searcher(ctx context.Context, r index.IndexReader, _ mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	if len(q.terms) == 0 {
		return searcher.NewMatchNoneSearcher(r)
	}
	options.IncludeTermVectors = true
	var parts []search.Searcher
	closeAll := func() {
		for _, s := range parts {
			s.Close()
		}
	}
	for _, slot := range q.terms {
		var ts []search.Searcher
		for _, term := range slot {
			s, err := searcher.NewTermSearcher(ctx, r, term, q.field, q.boost, options)
			if err != nil {
				closeAll()
				for _, s := range ts {
					s.Close()
				}
				return nil, err
			}
			ts = append(ts, s)
		}
		switch len(ts) {
		case 0:
			continue
		case 1:
			parts = append(parts, ts[0])
		default:
			d, err := searcher.NewDisjunctionSearcher(ctx, r, ts, 1, options)
			if err != nil {
				closeAll()
				return nil, err
			}
			parts = append(parts, d)
		}
	}
	must, err := searcher.NewConjunctionSearcher(ctx, r, parts, options)
	if err != nil {
		closeAll()
		return nil, err
	}
	pos := make([][]uint64, len(q.terms))
	return &phraseSearcher{must: must, field: q.field, terms: q.terms, pos: pos}, nil
}

// phraseSearcher yields the matches of must whose term positions form the phrase.
type phraseSearcher struct {
	must  search.Searcher
	field string
	terms [][]string
	pos   [][]uint64 // positions of each slot's terms in the current document (reused)
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
		for i, slot := range s.terms {
			if slices.Contains(slot, ftl.Term) {
				s.pos[i] = append(s.pos[i], ftl.Location.Pos)
			}
		}
	}
next:
	for _, p := range s.pos[0] {
		for i := 1; i < len(s.terms); i++ {
			if len(s.terms[i]) > 0 && !slices.Contains(s.pos[i], p+uint64(i)) {
				continue next
			}
		}
		return true
	}
	return false
}

// skip returns dm if it matches, else the next match of must that does.
func (s *phraseSearcher) skip(ctx *search.SearchContext, dm *search.DocumentMatch, err error) (*search.DocumentMatch, error) {
	for err == nil && dm != nil && !s.match(dm) {
		ctx.DocumentMatchPool.Put(dm)
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
