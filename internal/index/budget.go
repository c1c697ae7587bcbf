package index

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// DefaultMaxQueryTerms is the default of Options.MaxQueryTerms: DefaultMaxExpansion, so that a
// query reads at most as many terms as one clause may expand to. Building a term searcher costs
// about 0.1 ms of CPU, so this bounds a query's searchers to about a second; checkExpansion's
// count, which a query over the limit costs, to about 5 ms. (It was twice as many, so that an
// unfielded wildcard at the clause limit in both title and body ran: two seconds of CPU.)
const DefaultMaxQueryTerms = DefaultMaxExpansion

// observeEvery is how many steps (Next or Advance) an observed searcher takes between checks
// of its context.
const observeEvery = 256

// budget returns ctx bounded by Options.SearchTimeout, once a search slot is its own (at most
// Options.MaxSearches run at once), and the function that gives the slot back. Every
// search-shaped call (Search, SearchQuotes, Related, Speaker, Suggest) runs within one, so that
// no endpoint can run more searches at once, or longer, than the others.
//
// A costly search (Costly) waits behind every other search, runs only in one of the
// Options.CostlySearches slots, and waits at most Options.CostlyWait: then it fails with an
// error wrapping ErrBusy.
func (ix *Index) budget(ctx context.Context, what string, costly bool) (context.Context, func(), error) {
	ctx, cancel := context.WithTimeout(ctx, ix.opts.SearchTimeout)
	wait := ctx
	if costly {
		var stop context.CancelFunc
		wait, stop = context.WithTimeout(ctx, ix.opts.CostlyWait)
		defer stop()
	}
	done, err := ix.slots.acquire(wait, costly)
	if err != nil {
		busy := costly && ctx.Err() == nil // the wait ended, not the search's time
		cancel()
		if busy {
			return nil, nil, fmt.Errorf("%s: %w: a costly search waited %s for a slot", what, ErrBusy, ix.opts.CostlyWait)
		}
		return nil, nil, fmt.Errorf("%s: waiting for a free slot: %w", what, err)
	}
	return ctx, func() { done(); cancel() }, nil
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

// errTooManyTerms is the error of a query whose clauses expand to more index terms than the
// term limit of its search (withTermLimit); searchError turns it into a bad query.
var errTooManyTerms = errors.New("too many terms in all clauses")

// countEvery is how many dictionary terms checkExpansion counts between checks of its context.
const countEvery = 1024

// checkExpansion counts, in the term dictionaries of r, the index terms that the clauses of q
// expand to, and fails with errTooManyTerms once they exceed the term limit that withTermLimit
// put in ctx (no limit: nil at once). It walks the dictionaries only, which is cheap: Bleve
// counts the terms as it builds their searchers, each opening postings in every segment, and
// sixteen negated prefixes (-a* … -p*) took two seconds of CPU to build 20,000 of them before
// they were refused. Clauses that do not expand count one term; Bleve's own count stays the
// bound for them.
func checkExpansion(ctx context.Context, r index.IndexReader, q query.Query) error {
	limit, _ := ctx.Value(search.MaxTermSearchersKey).(int)
	if limit <= 0 || q == nil {
		return nil
	}
	c := expansion{ctx: ctx, r: r, limit: limit}
	return c.walk(q)
}

// expansion is the running count of checkExpansion.
type expansion struct {
	ctx   context.Context
	r     index.IndexReader
	limit int
	n     int
}

func (c *expansion) walk(q query.Query) error {
	switch q := q.(type) {
	case observedQuery:
		return c.walk(q.Query)
	case *query.BooleanQuery:
		for _, sub := range []query.Query{q.Must, q.Should, q.MustNot, q.Filter} {
			if sub != nil {
				if err := c.walk(sub); err != nil {
					return err
				}
			}
		}
		return nil
	case *query.ConjunctionQuery:
		return c.walkAll(q.Conjuncts)
	case *query.DisjunctionQuery:
		return c.walkAll(q.Disjuncts)
	case *query.WildcardQuery:
		return c.regexp(q.FieldVal, wildcardToRegexp(q.Wildcard))
	case *query.RegexpQuery:
		return c.regexp(q.FieldVal, q.Regexp)
	case *query.PrefixQuery:
		if q.FieldVal == "" {
			return c.add(1)
		}
		d, err := c.r.FieldDictPrefix(q.FieldVal, []byte(q.Prefix))
		if err != nil {
			return err
		}
		return c.count(d)
	}
	return c.add(1)
}

func (c *expansion) walkAll(qs []query.Query) error {
	for _, q := range qs {
		if err := c.walk(q); err != nil {
			return err
		}
	}
	return nil
}

// regexp counts the terms of field that match the regular expression re, as Bleve's regexp
// searcher finds them.
func (c *expansion) regexp(field, re string) error {
	rr, ok := c.r.(index.IndexReaderRegexp)
	if field == "" || !ok {
		return c.add(1)
	}
	d, err := rr.FieldDictRegexp(field, re)
	if err != nil {
		return err // a bad expression: Bleve's searcher fails on it too, with its message
	}
	return c.count(d)
}

// count adds the terms of d and closes it.
func (c *expansion) count(d index.FieldDict) (err error) {
	defer func() {
		if cerr := d.Close(); err == nil {
			err = cerr
		}
	}()
	for i := 0; ; i++ {
		if i%countEvery == 0 {
			if err := c.ctx.Err(); err != nil {
				return err
			}
		}
		t, err := d.Next()
		if err != nil || t == nil {
			return err
		}
		if err := c.add(1); err != nil {
			return err
		}
	}
}

func (c *expansion) add(n int) error {
	if c.n += n; c.n > c.limit {
		return fmt.Errorf("%w: more than %d", errTooManyTerms, c.limit)
	}
	return nil
}

// wildcardToRegexp turns a wildcard (* and ?) into the regular expression Bleve's wildcard
// searcher matches against the term dictionary.
func wildcardToRegexp(w string) string { return wildcardReplacer.Replace(w) }

var wildcardReplacer = strings.NewReplacer(
	"+", `\+`, "(", `\(`, ")", `\)`, "^", `\^`, "$", `\$`, ".", `\.`, "{", `\{`, "}", `\}`,
	"[", `\[`, "]", `\]`, "|", `\|`, `\`, `\\`,
	"*", ".*", "?", ".")

// observedQuery is a query whose searcher returns the context's error when the context of the
// search is done. Bleve's Boolean and conjunction searchers loop inside Next, skipping documents
// that a must-not clause excludes or that not every clause holds, without looking at the
// context: a query of negated wildcards over an archive where nearly every document is excluded
// read all of it in one call. Each clause of a parsed query is observed, so that every step of
// those loops passes through a check.
type observedQuery struct {
	query.Query
}

// Unwrap returns the query observed, for scorchx's flat searcher, which observes the context
// itself (scorchx.Unwrapper).
func (q observedQuery) Unwrap() query.Query { return q.Query }

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
