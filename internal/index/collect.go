package index

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unsafe"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/numeric"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/searchd/searchd/internal/index/scorchx"
)

// collected is what collect returns: the total, the top hits (with Score, ID, Sort and the
// stored fieldDoc, decompressed to JSON, and fieldStory in Fields) and the facet counts.
type collected struct {
	total uint64
	// following is the number of matches after the cursor (all without one), when the
	// window is not 0: more than the window tells that there is a next page.
	following uint64
	hits      []*search.DocumentMatch
	res       *scorchx.Collected // the counts and the date range
}

// release returns the counts to their pool; c must not be used after.
func (c *collected) release() { c.res.Release() }

// snapshot returns the current snapshot of the article index, to be closed after use.
func (ix *Index) snapshot() (*scorchx.Snapshot, error) { return scorchx.SnapshotOf(ix.articles()) }

// LoadColumns makes ready the facet and sort columns of the article index's segments (read
// from the files an earlier process kept, or built from the term dictionaries), which the
// first search would otherwise do, and returns the number of segments whose columns were built
// and read so far. LoadQuoteColumns does it for the quote index.
func (ix *Index) LoadColumns() (built, read int, err error) {
	return loadColumns(ix.cols, ix.articles())
}

// LoadQuoteColumns is LoadColumns for the quote index, which quote searches read.
func (ix *Index) LoadQuoteColumns() (built, read int, err error) {
	return loadColumns(ix.qcols, ix.quoteDocs())
}

func loadColumns(cc *scorchx.Columns, idx bleve.Index) (built, read int, err error) {
	snap, err := scorchx.SnapshotOf(idx)
	if err != nil {
		return 0, 0, err
	}
	defer snap.Close()
	if err := cc.Load(snap); err != nil {
		return 0, 0, err
	}
	built, read = cc.Loaded()
	return built, read, nil
}

// collect runs q over snapshot snap of the article index and returns the first window hits
// (none when window is 0) in order o after the sort values after (nil: from the start), with
// the total, the date range and, when facets is true, the facet counts of all matches.
// It does what Bleve's TopN collector and facet builders do, reading ids, dates and facet values
// from ix.cols instead of doc values (scorchx.Columns.Collect): the same hits, order, totals
// and counts.
func (ix *Index) collect(ctx context.Context, snap *scorchx.Snapshot, q query.Query, window int, o order, after []string, facets bool) (*collected, error) {
	return collectIn(withTermLimit(ctx, ix.opts.MaxQueryTerms), ix.cols, snap, ix.mapping, q, window, o, after, facets)
}

// collectQuotes is collect over the current snapshot of the quote index and its columns.
func (ix *Index) collectQuotes(ctx context.Context, q query.Query, window int, o order, after []string, facets bool) (*collected, error) {
	snap, err := scorchx.SnapshotOf(ix.quoteDocs())
	if err != nil {
		return nil, err
	}
	defer snap.Close()
	return collectIn(withTermLimit(ctx, ix.opts.MaxQueryTerms), ix.qcols, snap, ix.qmap, q, window, o, after, facets)
}

// collectIn is Index.collect over snapshot snap of the index of cc, whose mapping is m.
func collectIn(ctx context.Context, cc *scorchx.Columns, snap *scorchx.Snapshot, m mapping.IndexMapping, q query.Query, window int, o order, after []string, facets bool) (*collected, error) {
	s, err := searcherOf(ctx, snap, m, q)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	so := scorchx.Order{Less: o.less(), Missing: search.HighTerm, ScoreFirst: o.name == SortRelevance}
	if after != nil {
		so.After = o.candidate(after)
	}
	if o.name != SortDate {
		so.Missing = search.LowTerm
	}
	res, err := cc.Collect(ctx, snap, s, window, so, facets)
	if err != nil {
		return nil, err
	}
	out := &collected{total: res.Total, following: res.Following, res: res, hits: make([]*search.DocumentMatch, len(res.Top))}
	for i, c := range res.Top {
		h := &search.DocumentMatch{ID: c.ID, Score: c.Score, Fields: map[string]any{}}
		if o.name == SortRelevance {
			h.Sort = []string{"_score", c.DateKey, c.ID}
		} else {
			h.Sort = []string{c.DateKey, c.ID}
		}
		var derr error
		err := scorchx.VisitStored(snap, c, func(field string, value []byte) bool {
			switch field {
			case fieldDoc:
				var raw []byte
				raw, derr = docJSON(value)
				if len(raw) > 0 && unsafe.SliceData(raw) != unsafe.SliceData(value) {
					// Decompressed into a buffer of its own, which nothing else holds or
					// changes: the string shares it instead of copying a whole article.
					h.Fields[field] = unsafe.String(unsafe.SliceData(raw), len(raw))
				} else {
					h.Fields[field] = string(raw) // the segment's bytes: copied
				}
			case fieldStory:
				h.Fields[field] = string(value)
			}
			return true
		})
		if err == nil {
			err = derr
		}
		if err != nil {
			res.Release()
			return nil, fmt.Errorf("search: stored fields of %q: %w", c.ID, err)
		}
		out.hits[i] = h
	}
	return out, nil
}

// searcherOf returns the searcher of q over r (scorchx.Searcher), after checking the terms it
// expands to against the budget of ctx (checkExpansion).
func searcherOf(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, q query.Query) (scorchx.MatchSearcher, error) {
	if err := checkExpansion(ctx, r, q); err != nil {
		return nil, err
	}
	return scorchx.Searcher(ctx, r, m, q)
}

// collectNow runs collect on the current snapshot of the article index.
func (ix *Index) collectNow(ctx context.Context, q query.Query, window int, o order, facets bool) (*collected, error) {
	snap, err := ix.snapshot()
	if err != nil {
		return nil, err
	}
	defer snap.Close()
	return ix.collect(ctx, snap, q, window, o, nil, facets)
}

// dateRange returns the earliest and latest dates of the matches; ok is false when none has
// a date.
func (c *collected) dateRange() (lo, hi time.Time, ok bool) {
	if c.res.MinKey == "" {
		return lo, hi, false
	}
	return keyTime(c.res.MinKey), keyTime(c.res.MaxKey), true
}

// keyTime returns the time of a fieldDateKey value (the zero time for a malformed one).
func keyTime(key string) time.Time {
	i64, err := numeric.PrefixCoded(key).Int64()
	if err != nil {
		return time.Time{}
	}
	return time.Unix(0, i64).UTC()
}

// less returns the comparison of o: whether a sorts before b.
func (o order) less() func(a, b *scorchx.Candidate) bool {
	switch o.name {
	case SortDate:
		return func(a, b *scorchx.Candidate) bool {
			if a.DateKey != b.DateKey {
				return a.DateKey < b.DateKey
			}
			return a.ID < b.ID
		}
	case SortDateDesc:
		return func(a, b *scorchx.Candidate) bool {
			if a.DateKey != b.DateKey {
				return a.DateKey > b.DateKey
			}
			return a.ID < b.ID
		}
	}
	return func(a, b *scorchx.Candidate) bool {
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if a.DateKey != b.DateKey {
			return a.DateKey > b.DateKey
		}
		return a.ID < b.ID
	}
}

// candidate returns the sort position of a cursor's sort values (decodeCursor checked them).
func (o order) candidate(vals []string) *scorchx.Candidate {
	if o.name == SortRelevance {
		score, _ := strconv.ParseFloat(vals[0], 64)
		return &scorchx.Candidate{Score: score, DateKey: vals[1], ID: vals[2]}
	}
	return &scorchx.Candidate{DateKey: vals[0], ID: vals[1]}
}

// topTerms returns the n values with the highest counts (ties by value), as Bleve's term
// facets order them, leaving out values without matches.
func topTerms(counts []int32, names []string, n int) []FacetValue {
	out := []FacetValue{}
	if n >= len(counts) { // all of them
		for v, c := range counts {
			if c > 0 {
				out = append(out, FacetValue{Value: names[v], Count: int(c)})
			}
		}
		slices.SortFunc(out, func(a, b FacetValue) int {
			if facetBefore(a, b) {
				return -1
			}
			return 1
		})
		return out
	}
	for v, c := range counts {
		if c == 0 || len(out) == n && int(c) < out[n-1].Count { // before reading the name
			continue
		}
		fv := FacetValue{Value: names[v], Count: int(c)}
		if len(out) == n && !facetBefore(fv, out[n-1]) {
			continue
		}
		at, _ := slices.BinarySearchFunc(out, fv, func(a, b FacetValue) int {
			if facetBefore(a, b) {
				return -1
			}
			return 1
		})
		out = slices.Insert(out, at, fv)
		if len(out) > n {
			out = out[:n]
		}
	}
	return out
}

func facetBefore(a, b FacetValue) bool {
	if a.Count != b.Count {
		return a.Count > b.Count
	}
	return strings.Compare(a.Value, b.Value) < 0
}

// top returns the n most frequent values of column col among the matches.
func (c *collected) top(col, n int) []FacetValue {
	return topTerms(c.res.Counts[col], c.res.Names[col], n)
}

// dayCounts returns the number of matches per day, in date order, for the days with matches.
func (c *collected) dayCounts() []dayCount {
	counts := c.res.Counts[colDay]
	days := 0 // counted first: the list is made once, not grown (a common word has thousands)
	for _, d := range c.res.Days {
		if counts[d.Ord] > 0 {
			days++
		}
	}
	if days == 0 {
		return nil
	}
	out := make([]dayCount, 0, days)
	for _, d := range c.res.Days {
		if n := counts[d.Ord]; n > 0 {
			out = append(out, dayCount{day: d.Day, n: int(n)})
		}
	}
	return out
}
