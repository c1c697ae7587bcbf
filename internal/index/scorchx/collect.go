package scorchx

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
)

// CheckDoneEvery is how many matches Collect reads between checks of its context.
const CheckDoneEvery = 1024

// Snapshot is a point-in-time view of a Bleve scorch index, to be closed after use. It is
// an index.IndexReader for searchers, and its identity tells apart the states of an index.
type Snapshot = scorch.IndexSnapshot

// SnapshotOf returns the current snapshot of idx, a scorch index, to be closed after use.
func SnapshotOf(idx bleve.Index) (*Snapshot, error) {
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

// Candidate is a match in the running top hits: its score, date key (or the order's missing
// value), id, and where it is in the snapshot (segment and local number).
type Candidate struct {
	Score   float64
	DateKey string
	ID      string
	Seg     int
	Local   uint64
}

// Order is the order of Collect's top hits.
type Order struct {
	Less    func(a, b *Candidate) bool // whether a sorts before b
	After   *Candidate                 // only the matches after it; nil: from the start
	Missing string                     // the date key of matches without one
	// ScoreFirst tells that Less orders by score, highest first, before anything else: a
	// match of a lower score than the last of a full top cannot enter it.
	ScoreFirst bool
}

// Collected is what Collect returns: the total, the top hits and the facet counts.
type Collected struct {
	Total uint64
	// Following is the number of matches after Order.After (all of them without it), counted
	// when Top is asked for: more than the window tells that there is a next page.
	Following uint64
	Top       []Candidate
	// Counts[col][value] is the number of matches with that value (none for value 0, "no
	// value"); Names[col][value] its name.
	Counts [NumCols][]int32
	Names  [NumCols][]string
	Days   []DayOrd // the day column's values in date order
	// MinKey and MaxKey are the least and greatest date keys of the matches; empty when no
	// match has one.
	MinKey, MaxKey string
	pool           *sync.Pool // of *[NumCols][]int32, where Counts came from
}

// Release returns the counts to their pool; c's Counts must not be used after.
func (c *Collected) Release() {
	if c.pool != nil {
		c.pool.Put(&c.Counts)
		c.pool = nil
	}
}

// Collect reads the matches of s over snapshot snap of the index of cc and returns the first
// window of them (none when window is 0) in order o, with the total, the date range and,
// when facets is true, the facet counts of all matches. It does what Bleve's TopN collector
// and facet builders do, reading ids, dates and facet values from the columns instead of
// doc values: the same hits, order, totals and counts.
func (cc *Columns) Collect(ctx context.Context, snap *Snapshot, s MatchSearcher, window int, o Order, facets bool) (*Collected, error) {
	cols, err := cc.of(snap)
	if err != nil {
		return nil, err
	}
	out := &Collected{Names: cols.names, Days: cols.days}
	if facets {
		out.pool = &cc.counts
		if pooled, ok := out.pool.Get().(*[NumCols][]int32); ok {
			out.Counts = *pooled
		}
		for i := range out.Counts { // zeroed, as long as the names (a speaker facet has ~50,000)
			n := len(cols.names[i])
			if cap(out.Counts[i]) < n {
				out.Counts[i] = make([]int32, n, n+n/4)
			}
			out.Counts[i] = out.Counts[i][:n]
			clear(out.Counts[i])
		}
	}
	less, afterC := o.Less, o.After
	top := make([]Candidate, 0, window+1)
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize()+1, 0)}
	flat, _ := s.(*flatSearcher) // matches by segment and local number, no DocumentMatch
	var c Candidate              // one for the loop: less takes pointers, so that c escapes
	// dates[seg] holds the least and greatest date ranks of the matches in segment seg (0:
	// none yet): MinKey and MaxKey at the end, without comparing keys for every match.
	dates := make([][2]uint32, len(cols.segs))
	for n := 0; ; n++ {
		if n%CheckDoneEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if flat != nil {
			seg, local, score, ok, err := flat.nextLocal()
			if err != nil {
				return nil, err
			}
			if !ok {
				break
			}
			c = Candidate{Score: score, Seg: seg, Local: local}
		} else {
			dm, err := s.Next(sctx)
			if err != nil {
				return nil, err
			}
			if dm == nil {
				break
			}
			seg, local := cols.locate(dm.IndexInternalID.Value())
			c = Candidate{Score: dm.Score, Seg: seg, Local: local}
			sctx.DocumentMatchPool.Put(dm)
		}
		seg, local := c.Seg, c.Local
		sc := cols.segs[seg]
		out.Total++
		if facets {
			for col := range NumOne {
				out.Counts[col][sc.one[col][local]]++
			}
			for i := range sc.many {
				for _, v := range sc.many[i].of(local) {
					out.Counts[NumOne+i][v]++
				}
			}
		}
		d := sc.dateOrd[local]
		if d != 0 {
			r := &dates[seg]
			if r[0] == 0 || d < r[0] {
				r[0] = d
			}
			if d > r[1] {
				r[1] = d
			}
		}
		if window == 0 {
			continue
		}
		if o.ScoreFirst && afterC == nil && len(top) == window && c.Score < top[window-1].Score {
			out.Following++ // sorts after the last of a full top: its id and date key are not read
			continue
		}
		c.ID, c.DateKey = sc.id.of(local), o.Missing
		if d != 0 {
			c.DateKey = sc.dateKeys[d]
		}
		if afterC != nil && !less(afterC, &c) {
			continue
		}
		out.Following++
		if len(top) == window && !less(&c, &top[window-1]) {
			continue
		}
		// The first position whose candidate does not sort before c, found with pointers
		// into top: a comparison function of Candidate values made two copies escape to the
		// heap per comparison, a thousand allocations in a search of a common word.
		at, n := 0, len(top)
		for at < n {
			h := int(uint(at+n) >> 1)
			if less(&top[h], &c) {
				at = h + 1
			} else {
				n = h
			}
		}
		top = slices.Insert(top, at, c)
		if len(top) > window {
			top = top[:window]
		}
	}
	for seg, r := range dates {
		if r[0] == 0 {
			continue
		}
		keys := cols.segs[seg].dateKeys
		if out.MinKey == "" || keys[r[0]] < out.MinKey {
			out.MinKey = keys[r[0]]
		}
		if keys[r[1]] > out.MaxKey {
			out.MaxKey = keys[r[1]]
		}
	}
	// Ids may be in the memory of a columns file (colfile.go), unmapped once its columns are
	// dropped: what is returned is copied.
	for i := range top {
		top[i].ID = strings.Clone(top[i].ID)
	}
	runtime.KeepAlive(cols)
	for i := range out.Counts { // value 0 is "none"
		if len(out.Counts[i]) > 0 {
			out.Counts[i][0] = 0
		}
	}
	out.Top = top
	return out, nil
}

// VisitStored calls visit with the stored fields of the document of c in snap, the snapshot
// that Collect found it in, until visit returns false.
func VisitStored(snap *Snapshot, c Candidate, visit func(field string, value []byte) bool) error {
	return snap.Segments()[c.Seg].VisitDocument(c.Local, func(field string, _ byte, value []byte, _ []uint64) bool {
		return visit(field, value)
	})
}

// EachLive calls fn with every live (not deleted) document of snap, segment by segment in
// document order, as a Candidate for VisitStored, until fn returns an error or ctx is done. It
// reads each document once: a match-all search sorted by id, a page at a time, would rank
// every document again for every page.
func EachLive(ctx context.Context, snap *Snapshot, fn func(c Candidate) error) error {
	n := 0
	for seg, ss := range snap.Segments() {
		deleted := ss.Deleted()
		for local := range ss.Segment().Count() {
			if deleted != nil && deleted.Contains(uint32(local)) {
				continue
			}
			if n++; n%CheckDoneEvery == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			if err := fn(Candidate{Seg: seg, Local: local}); err != nil {
				return err
			}
		}
	}
	return ctx.Err()
}
