package scorchx

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
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
	k := &collector{out: out, cols: cols, facets: facets, window: window, o: o,
		top: make([]Candidate, 0, window+1), dates: make([][2]uint32, len(cols.segs))}
	flat, _ := s.(*flatSearcher) // matches by segment and local number, no DocumentMatch
	switch {
	case flat != nil && flat.bitsEligible() && (window == 0 || o.ScoreFirst && o.After == nil):
		if err := k.collectBits(ctx, flat); err != nil {
			return nil, err
		}
	default:
		if err := k.collectEach(ctx, s, flat); err != nil {
			return nil, err
		}
	}
	top, dates := k.top, k.dates
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

// collector holds what Collect gathers: the counts of the matches (count) and the top hits
// (offer).
type collector struct {
	out    *Collected
	cols   *snapshotColumns
	facets bool
	window int
	o      Order
	top    []Candidate
	// dates[seg] holds the least and greatest date ranks of the matches in segment seg (0:
	// none yet): MinKey and MaxKey at the end, without comparing keys for every match.
	dates [][2]uint32
}

// countBatch is how many matches of a segment count passes over at once: a column at a time,
// the reads of one batch do not wait for each other.
const countBatch = 256

// collectEach reads the matches of s one by one, counting them by batches of a segment.
func (k *collector) collectEach(ctx context.Context, s MatchSearcher, flat *flatSearcher) error {
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize()+1, 0)}
	batch, batchSeg := make([]uint32, 0, countBatch), 0
	for n := 0; ; n++ {
		if n%CheckDoneEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		var c Candidate
		if flat != nil {
			seg, local, score, ok, err := flat.nextLocal()
			if err != nil {
				return err
			}
			if !ok {
				break
			}
			c = Candidate{Score: score, Seg: seg, Local: local}
		} else {
			dm, err := s.Next(sctx)
			if err != nil {
				return err
			}
			if dm == nil {
				break
			}
			seg, local := k.cols.locate(dm.IndexInternalID.Value())
			c = Candidate{Score: dm.Score, Seg: seg, Local: local}
			sctx.DocumentMatchPool.Put(dm)
		}
		if c.Seg != batchSeg || len(batch) == countBatch {
			k.count(batchSeg, batch)
			batch, batchSeg = batch[:0], c.Seg
		}
		batch = append(batch, uint32(c.Local))
		k.offer(c)
	}
	k.count(batchSeg, batch)
	return nil
}

// collectBits counts the matches of flat from its bitmaps, segment by segment, and scores only
// those whose score can enter the top: the patterns of leaves (flatbits.go) in the order of
// their bounds, until the bound of the next is below the last of a full top. The top is the
// same: a match sorts by its score first, and the top does not depend on the order in which
// the matches are offered. Only for orders by score from the start (Order.After nil).
func (k *collector) collectBits(ctx context.Context, flat *flatSearcher) error {
	pats := flat.patterns()
	buf := make([]uint32, countBatch)
	for seg := range flat.offsets {
		flat.seg = seg
		all, ok := flat.segmentBits()
		if !ok { // no bitmaps: the matches one by one
			flat.startSegment()
			if err := k.offerSegment(ctx, flat, true); err != nil {
				return err
			}
			continue
		}
		if err := k.countBits(ctx, seg, all, buf); err != nil {
			return err
		}
		if k.window == 0 {
			continue
		}
		// First the matches of the pattern of the highest bound (each leaf on them), then,
		// in one pass, those of the other patterns whose bound reaches the last of the top:
		// each pass reads the terms' postings lists through.
		first := flat.patternBits(all, pats[0])
		if !first.IsEmpty() {
			flat.startPattern(pats[0], first)
			pit := first.Iterator()
			for n := 0; pit.HasNext(); n++ {
				if n%CheckDoneEvery == 0 {
					if err := ctx.Err(); err != nil {
						return err
					}
				}
				d := int64(pit.Next())
				score, err := flat.scorePattern(pats[0], d)
				if err != nil {
					return err
				}
				k.offer(Candidate{Score: score, Seg: seg, Local: uint64(d)})
			}
		}
		rest := roaring.AndNot(all, first)
		if len(k.top) == k.window {
			for _, p := range pats[1:] {
				if p.bound < k.top[k.window-1].Score { // none of its matches can enter
					rest.AndNot(flat.patternBits(rest, p))
				}
			}
		}
		if rest.IsEmpty() {
			continue
		}
		for _, c := range flat.clauses {
			for _, l := range c.leaves {
				l.cand.And(rest)
			}
		}
		flat.startLeaves(rest, true)
		if err := k.offerSegment(ctx, flat, false); err != nil {
			return err
		}
	}
	flat.seg = len(flat.offsets) // read
	if k.window > 0 {
		// Each match after the cursor (all: there is none) counts as following once,
		// offered or not.
		k.out.Following = k.out.Total
	}
	return ctx.Err() // a search past its deadline fails, as collectEach's does, with no segment to check it in
}

// offerSegment offers the matches of flat in its current segment, started, counting them too
// when count is set.
func (k *collector) offerSegment(ctx context.Context, flat *flatSearcher, count bool) error {
	var one [1]uint32
	for n := 0; ; n++ {
		if n%CheckDoneEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		d, err := flat.nextInSegment()
		if err != nil || d == noDoc {
			return err
		}
		if count {
			one[0] = uint32(d)
			k.count(flat.seg, one[:])
		}
		k.offer(Candidate{Score: flat.score(d), Seg: flat.seg, Local: uint64(d)})
	}
}

// countBits counts the matches all of segment seg, by batches read into buf. When they are
// more than half the segment, the facet counts are the segment's totals less the counts of
// the other documents: fewer to read.
func (k *collector) countBits(ctx context.Context, seg int, all *roaring.Bitmap, buf []uint32) error {
	sc := k.cols.segs[seg]
	n := uint64(len(sc.dateOrd))
	complement := k.facets && all.GetCardinality() > n/2
	if complement {
		for col, t := range sc.valueTotals() {
			counts := k.out.Counts[col]
			for v, c := range t {
				counts[v] += c
			}
		}
		others := all.Clone()
		others.Flip(0, n)
		if err := eachBatch(ctx, others, buf, func(locals []uint32) { k.countFacets(sc, locals, -1) }); err != nil {
			return err
		}
	}
	return eachBatch(ctx, all, buf, func(locals []uint32) {
		k.out.Total += uint64(len(locals))
		if k.facets && !complement {
			k.countFacets(sc, locals, 1)
		}
		k.countDates(seg, locals)
	})
}

// eachBatch calls fn with the members of bm, in order, by batches read into buf.
func eachBatch(ctx context.Context, bm *roaring.Bitmap, buf []uint32, fn func([]uint32)) error {
	it := bm.ManyIterator()
	for n := 0; ; n++ {
		if n%(CheckDoneEvery/countBatch) == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		got := it.NextMany(buf)
		if got == 0 {
			return nil
		}
		fn(buf[:got])
	}
}

// count adds the matches locals of segment seg to the total, the facet counts and the date
// range.
func (k *collector) count(seg int, locals []uint32) {
	if len(locals) == 0 {
		return
	}
	k.out.Total += uint64(len(locals))
	if k.facets {
		k.countFacets(k.cols.segs[seg], locals, 1)
	}
	k.countDates(seg, locals)
}

// countFacets adds delta to the facet counts of the values of documents locals of sc.
func (k *collector) countFacets(sc *segColumns, locals []uint32, delta int32) {
	out := k.out
	for col := range NumOne {
		counts, vals := out.Counts[col], sc.one[col]
		for _, l := range locals {
			counts[vals[l]] += delta
		}
	}
	for i := range sc.many {
		counts, m := out.Counts[NumOne+i], &sc.many[i]
		// The values of consecutive documents are one run of vals: a common word
		// matches most documents, in runs.
		for j := 0; j < len(locals); {
			first := locals[j]
			for j++; j < len(locals) && locals[j] == locals[j-1]+1; j++ {
			}
			for _, v := range m.vals[m.at[first]:m.at[locals[j-1]+1]] {
				counts[v] += delta
			}
		}
	}
}

// countDates widens the date range of the matches of segment seg by locals.
func (k *collector) countDates(seg int, locals []uint32) {
	r, dateOrd := k.dates[seg], k.cols.segs[seg].dateOrd
	for _, l := range locals {
		d := dateOrd[l]
		if d == 0 {
			continue
		}
		if r[0] == 0 || d < r[0] {
			r[0] = d
		}
		if d > r[1] {
			r[1] = d
		}
	}
	k.dates[seg] = r
}

// offer puts match c in the top if it sorts before its last, counting it as following the
// cursor when it does.
func (k *collector) offer(c Candidate) {
	window, less, afterC, top := k.window, k.o.Less, k.o.After, k.top
	if window == 0 {
		return
	}
	if k.o.ScoreFirst && afterC == nil && len(top) == window && c.Score < top[window-1].Score {
		k.out.Following++ // sorts after the last of a full top: its id and date key are not read
		return
	}
	sc := k.cols.segs[c.Seg]
	c.ID, c.DateKey = sc.id.of(c.Local), k.o.Missing
	if d := sc.dateOrd[c.Local]; d != 0 {
		c.DateKey = sc.dateKeys[d]
	}
	if afterC != nil && !less(afterC, &c) {
		return
	}
	k.out.Following++
	if len(top) == window && !less(&c, &top[window-1]) {
		return
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
	k.top = top
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
