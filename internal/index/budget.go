package index

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// DefaultMaxQueryTerms is the default of Options.MaxQueryTerms: twice DefaultMaxExpansion, so
// that one unfielded wildcard at the clause limit (expanded in title and in body) still runs.
const DefaultMaxQueryTerms = 2 * DefaultMaxExpansion

// observeEvery is how many steps (Next or Advance) an observed searcher takes between checks
// of its context.
const observeEvery = 256

// budget returns ctx bounded by Options.SearchTimeout, once one of the Options.MaxSearches
// slots is free, and the function that gives the slot back. Every search-shaped call (Search,
// SearchQuotes, Related, Speaker, Suggest) runs within one, so that no endpoint can run more
// searches at once, or longer, than the others.
func (ix *Index) budget(ctx context.Context, what string) (context.Context, func(), error) {
	ctx, cancel := context.WithTimeout(ctx, ix.opts.SearchTimeout)
	select {
	case ix.slots <- struct{}{}:
		return ctx, func() { <-ix.slots; cancel() }, nil
	case <-ctx.Done():
		cancel()
		return nil, nil, fmt.Errorf("%s: waiting for a free slot: %w", what, ctx.Err())
	}
}

// withTermLimit returns ctx with a fresh count of the index terms one search reads, which
// Bleve's term searchers check against limit (its MaxTermSearchersKey): a query whose clauses
// expand to more terms in all fails with an error searchError reports. limit <= 0: no limit.
//
// LimitExpansion bounds each clause; this bounds their sum, so that sixteen wildcards each
// under the clause limit (-a* -b* … -p*) cannot read sixteen times as much.
func withTermLimit(ctx context.Context, limit int) context.Context {
	if limit <= 0 {
		return ctx
	}
	return search.ContextWithTermSearchersCounter(context.WithValue(ctx, search.MaxTermSearchersKey, limit))
}

// observedQuery is a query whose searcher returns the context's error when the context of the
// search is done. Bleve's Boolean and conjunction searchers loop inside Next, skipping documents
// that a must-not clause excludes or that not every clause holds, without looking at the
// context: a query of negated wildcards over an archive where nearly every document is excluded
// read all of it in one call. Each clause of a parsed query is observed, so that every step of
// those loops passes through a check.
type observedQuery struct {
	query.Query
}

// observe returns q observed; nil stays nil.
func observe(q query.Query) query.Query {
	if q == nil {
		return nil
	}
	if _, ok := q.(observedQuery); ok {
		return q
	}
	return observedQuery{q}
}

// Searcher returns the searcher of the wrapped query, observing ctx. It checks ctx before it
// builds the searcher too: building one of a wildcard that expands to thousands of terms takes
// a while, and Bleve does not look at the context meanwhile.
func (q observedQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s, err := q.Query.Searcher(ctx, r, m, options)
	if err != nil {
		return nil, err
	}
	if _, none := s.(*searcher.MatchNoneSearcher); none { // as is, for Bleve to see
		return s, nil
	}
	return &observedSearcher{Searcher: s, ctx: ctx}, nil
}

// observedSearcher is a searcher that checks its context every observeEvery steps.
type observedSearcher struct {
	search.Searcher
	ctx   context.Context
	steps int
}

func (s *observedSearcher) check() error {
	if s.steps++; s.steps%observeEvery == 0 {
		return s.ctx.Err()
	}
	return nil
}

func (s *observedSearcher) Next(sctx *search.SearchContext) (*search.DocumentMatch, error) {
	if err := s.check(); err != nil {
		return nil, err
	}
	return s.Searcher.Next(sctx)
}

func (s *observedSearcher) Advance(sctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	if err := s.check(); err != nil {
		return nil, err
	}
	return s.Searcher.Advance(sctx, id)
}
