package scorchx

import (
	"context"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// MatchSearcher is the part of a Bleve searcher that Columns.Collect uses.
type MatchSearcher interface {
	Next(sctx *search.SearchContext) (*search.DocumentMatch, error)
	DocumentMatchPoolSize() int
	Close() error
}

// Searcher returns the searcher of q over r. A Boolean query with must clauses and a
// filter, and nothing else (the shape package index builds for filters), is run as a leapfrog of the must
// searcher and the filter searcher: each skips ahead to the other's document, so that a
// selective filter (source:"Foreign Policy" under the query "use") costs its own matches,
// where Bleve's Boolean searcher reads and scores every match of the must clauses and tests
// each against the filter. The scores are those of Bleve's Boolean searcher, which is built
// here as Bleve builds it.
//
// A query of words and phrases without filters (flat.go) is run by the flat searcher, which
// gives the same matches and scores as Bleve's searchers at a fraction of their cost.
func Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, q query.Query) (MatchSearcher, error) {
	if snap, ok := r.(*Snapshot); ok {
		if p := flatten(q, m); p != nil {
			return newFlatSearcher(ctx, snap, p)
		}
	}
	bq, ok := q.(*query.BooleanQuery)
	if !ok || bq.Must == nil || bq.Filter == nil || bq.Should != nil || bq.MustNot != nil {
		return q.Searcher(ctx, r, m, search.SearcherOptions{})
	}
	must, err := bq.Must.Searcher(ctx, r, m, search.SearcherOptions{})
	if err != nil {
		return nil, err
	}
	if _, none := must.(*searcher.MatchNoneSearcher); none {
		return must, nil
	}
	main, err := searcher.NewBooleanSearcher(ctx, r, must, nil, nil, search.SearcherOptions{})
	if err != nil {
		must.Close()
		return nil, err
	}
	filter, err := bq.Filter.Searcher(ctx, r, m, search.SearcherOptions{Score: "none"})
	if err != nil {
		main.Close()
		return nil, err
	}
	return &leapfrog{main: main, filter: filter}, nil
}

// leapfrog yields the matches of main that filter also matches, with main's scores.
type leapfrog struct {
	main, filter search.Searcher
	f            *search.DocumentMatch // filter's current match; nil before the first
	done         bool
}

// Next returns the next match of both searchers, or nil when there is none.
func (l *leapfrog) Next(sctx *search.SearchContext) (*search.DocumentMatch, error) {
	if l.done {
		return nil, nil
	}
	var err error
	if l.f == nil {
		if l.f, err = l.filter.Next(sctx); err != nil || l.f == nil {
			l.done = true
			return nil, err
		}
	}
	for {
		// main to the filter's document, or past it.
		m, err := l.main.Advance(sctx, l.f.IndexInternalID)
		if err != nil || m == nil {
			l.done = true
			return nil, err
		}
		if m.IndexInternalID.Compare(l.f.IndexInternalID) > 0 {
			// filter to main's document, or past it.
			sctx.DocumentMatchPool.Put(l.f)
			if l.f, err = l.filter.Advance(sctx, m.IndexInternalID); err != nil || l.f == nil {
				sctx.DocumentMatchPool.Put(m)
				l.done = true
				return nil, err
			}
			if m.IndexInternalID.Compare(l.f.IndexInternalID) < 0 {
				sctx.DocumentMatchPool.Put(m)
				continue
			}
		}
		// Both are on m's document: the filter moves on, so that the next call starts past it.
		sctx.DocumentMatchPool.Put(l.f)
		if l.f, err = l.filter.Next(sctx); err != nil || l.f == nil {
			l.done = true
			l.f = nil
			if err != nil {
				return nil, err
			}
		}
		return m, nil
	}
}

// DocumentMatchPoolSize is the number of matches both searchers hold at once.
func (l *leapfrog) DocumentMatchPoolSize() int {
	return l.main.DocumentMatchPoolSize() + l.filter.DocumentMatchPoolSize() + 1
}

// Close closes both searchers.
func (l *leapfrog) Close() error {
	err := l.main.Close()
	if ferr := l.filter.Close(); err == nil {
		err = ferr
	}
	return err
}
