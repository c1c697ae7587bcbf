package index

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/numeric"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// checkDoneEvery is how many matches the collector reads between checks of its context.
const checkDoneEvery = 1024

// collected is what collect returns: the total, the top hits (with Score, ID, Sort and the
// stored fieldDoc, decompressed to JSON, and fieldStory in Fields) and the facet counts.
type collected struct {
	total uint64
	hits  []*search.DocumentMatch
	// counts[col][value] is the number of matches with that value; names[col][value] its name.
	counts [numCols][]int32
	names  [numCols][]string
	days   []dayOrd   // colDay values in date order
	pool   *sync.Pool // of *[numCols][]int32, where counts came from
	// minKey and maxKey are the least and greatest fieldDateKey of the matches; empty when
	// no match has a date.
	minKey, maxKey string
}

// release returns the counts to their pool; c must not be used after.
func (c *collected) release() {
	if c.pool != nil {
		c.pool.Put(&c.counts)
		c.pool = nil
	}
}

// candidate is a match in the running top hits.
type candidate struct {
	score   float64
	dateKey string // fieldDateKey, or the sort's missing value
	id      string
	seg     int
	local   uint64
}

// snapshot returns the current snapshot of the article index, to be closed after use.
func (ix *Index) snapshot() (*scorch.IndexSnapshot, error) { return snapshotOf(ix.articles()) }

// snapshotOf returns the current snapshot of idx, to be closed after use.
func snapshotOf(idx bleve.Index) (*scorch.IndexSnapshot, error) {
	ai, err := idx.Advanced()
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	r, err := ai.Reader()
	if err != nil {
		return nil, fmt.Errorf("search: open reader: %w", err)
	}
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		r.Close()
		return nil, fmt.Errorf("search: unexpected index reader %T", r)
	}
	return snap, nil
}

// collect runs q over snapshot snap of the article index and returns the first window hits
// (none when window is 0) in order o after the sort values after (nil: from the start), with
// the total, the date range and, when facets is true, the facet counts of all matches.
// It does what Bleve's TopN collector and facet builders do, reading ids, dates and facet values
// from ix.cols instead of doc values: the same hits, order, totals and counts.
func (ix *Index) collect(ctx context.Context, snap *scorch.IndexSnapshot, q query.Query, window int, o order, after []string, facets bool) (*collected, error) {
	return ix.cols.collect(withTermLimit(ctx, ix.opts.MaxQueryTerms), snap, ix.mapping, q, window, o, after, facets)
}

// collectQuotes is collect over the current snapshot of the quote index and its columns.
func (ix *Index) collectQuotes(ctx context.Context, q query.Query, window int, o order, after []string, facets bool) (*collected, error) {
	snap, err := snapshotOf(ix.quoteDocs())
	if err != nil {
		return nil, err
	}
	defer snap.Close()
	return ix.qcols.collect(withTermLimit(ctx, ix.opts.MaxQueryTerms), snap, ix.qmap, q, window, o, after, facets)
}

// collect is Index.collect over snapshot snap of the index of cc, whose mapping is m.
func (cc *columns) collect(ctx context.Context, snap *scorch.IndexSnapshot, m mapping.IndexMapping, q query.Query, window int, o order, after []string, facets bool) (*collected, error) {
	r := index.IndexReader(snap)
	cols, err := cc.of(snap)
	if err != nil {
		return nil, err
	}
	s, err := searcherOf(ctx, r, m, q)
	if err != nil {
		return nil, err
	}
	defer s.Close()

	out := &collected{names: cols.names, days: cols.days}
	if facets {
		out.pool = &cc.counts
		if pooled, ok := out.pool.Get().(*[numCols][]int32); ok {
			out.counts = *pooled
		}
		for i := range out.counts { // zeroed, as long as the names (a speaker facet has ~50,000)
			n := len(cols.names[i])
			if cap(out.counts[i]) < n {
				out.counts[i] = make([]int32, n, n+n/4)
			}
			out.counts[i] = out.counts[i][:n]
			clear(out.counts[i])
		}
	}
	less := o.less()
	var afterC *candidate
	if after != nil {
		afterC = o.candidate(after)
	}
	missing := search.HighTerm
	if o.name != SortDate {
		missing = search.LowTerm
	}
	top := make([]candidate, 0, window+1)
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize()+1, 0)}
	var c candidate // one for the loop: less takes pointers, so that c escapes
	for n := 0; ; n++ {
		if n%checkDoneEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		dm, err := s.Next(sctx)
		if err != nil {
			return nil, err
		}
		if dm == nil {
			break
		}
		seg, local := cols.locate(dm.IndexInternalID.Value())
		c = candidate{score: dm.Score, seg: seg, local: local}
		sctx.DocumentMatchPool.Put(dm)
		sc := cols.segs[seg]
		out.total++
		if facets {
			for col := range numOne {
				out.counts[col][sc.one[col][local]]++
			}
			for i := range sc.many {
				for _, v := range sc.many[i].of(local) {
					out.counts[numOne+i][v]++
				}
			}
		}
		c.id, c.dateKey = sc.id[local], sc.dateKey[local]
		if c.dateKey == "" {
			c.dateKey = missing
		} else {
			if out.minKey == "" || c.dateKey < out.minKey {
				out.minKey = c.dateKey
			}
			if c.dateKey > out.maxKey {
				out.maxKey = c.dateKey
			}
		}
		if window == 0 || (afterC != nil && !less(afterC, &c)) {
			continue
		}
		if len(top) == window && !less(&c, &top[window-1]) {
			continue
		}
		at, _ := slices.BinarySearchFunc(top, c, func(a, b candidate) int {
			if less(&a, &b) {
				return -1
			}
			return 1
		})
		top = slices.Insert(top, at, c)
		if len(top) > window {
			top = top[:window]
		}
	}
	for i := range out.counts { // value 0 is "none"
		if len(out.counts[i]) > 0 {
			out.counts[i][0] = 0
		}
	}

	sss := snap.Segments()
	out.hits = make([]*search.DocumentMatch, len(top))
	for i, c := range top {
		h := &search.DocumentMatch{ID: c.id, Score: c.score, Fields: map[string]any{}}
		if o.name == SortRelevance {
			h.Sort = []string{"_score", c.dateKey, c.id}
		} else {
			h.Sort = []string{c.dateKey, c.id}
		}
		var derr error
		err := sss[c.seg].VisitDocument(c.local, func(field string, _ byte, value []byte, _ []uint64) bool {
			switch field {
			case fieldDoc:
				var raw []byte
				raw, derr = docJSON(value)
				h.Fields[field] = string(raw)
			case fieldStory:
				h.Fields[field] = string(value)
			}
			return true
		})
		if err == nil {
			err = derr
		}
		if err != nil {
			return nil, fmt.Errorf("search: stored fields of %q: %w", c.id, err)
		}
		out.hits[i] = h
	}
	return out, nil
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
	if c.minKey == "" {
		return lo, hi, false
	}
	return keyTime(c.minKey), keyTime(c.maxKey), true
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
func (o order) less() func(a, b *candidate) bool {
	switch o.name {
	case SortDate:
		return func(a, b *candidate) bool {
			if a.dateKey != b.dateKey {
				return a.dateKey < b.dateKey
			}
			return a.id < b.id
		}
	case SortDateDesc:
		return func(a, b *candidate) bool {
			if a.dateKey != b.dateKey {
				return a.dateKey > b.dateKey
			}
			return a.id < b.id
		}
	}
	return func(a, b *candidate) bool {
		if a.score != b.score {
			return a.score > b.score
		}
		if a.dateKey != b.dateKey {
			return a.dateKey > b.dateKey
		}
		return a.id < b.id
	}
}

// candidate returns the sort position of a cursor's sort values (decodeCursor checked them).
func (o order) candidate(vals []string) *candidate {
	if o.name == SortRelevance {
		score, _ := strconv.ParseFloat(vals[0], 64)
		return &candidate{score: score, dateKey: vals[1], id: vals[2]}
	}
	return &candidate{dateKey: vals[0], id: vals[1]}
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
		if c == 0 {
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
func (c *collected) top(col, n int) []FacetValue { return topTerms(c.counts[col], c.names[col], n) }

// dayCounts returns the number of matches per day, in date order, for the days with matches.
func (c *collected) dayCounts() []dayCount {
	var out []dayCount
	counts := c.counts[colDay]
	for _, d := range c.days {
		if n := counts[d.ord]; n > 0 {
			out = append(out, dayCount{day: d.day, n: int(n)})
		}
	}
	return out
}
