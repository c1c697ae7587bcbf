package scorchx

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Columns replace Bleve's doc values for facets and sorts: for each segment of an index, the
// id, date key and facet values of every document, as small integers, built once from the
// segment's term dictionaries (segments never change) and dropped when a snapshot no longer
// holds the segment. Counting a facet value of a match is then an array increment, where
// Bleve decoded (snappy) the doc value chunks of every match on every search.

// NumCols is the number of columns, of which the first NumOne hold one value per document
// and the others several.
const (
	NumCols = 6
	NumOne  = 4
)

// Layout names the fields that the columns of an index read.
type Layout struct {
	Fields  [NumCols]string // by column; empty: none
	DateKey string          // the field of the date key (a sortable term), read for every document
	Day     int             // the column whose values are days (YYYY-MM-DD), kept in date order
	// SaveMin is the least number of documents of a segment whose columns are kept in a file
	// beside the segment's (colfile.go), to be read there instead of built again by the next
	// process; 0: none are kept.
	SaveMin int
}

// terms interns the values of one column field: value 0 is "no value".
type terms struct {
	names []string
	ord   map[string]uint32
}

func (t *terms) intern(s string) uint32 {
	if o, ok := t.ord[s]; ok {
		return o
	}
	t.init()
	o := uint32(len(t.names))
	t.names = append(t.names, s)
	t.ord[s] = o
	return o
}

func (t *terms) init() {
	if t.ord == nil {
		t.ord = map[string]uint32{}
		t.names = []string{""}
	}
}

// segColumns are the columns of one segment, indexed by local document number. Built or read
// from a file, its values are local (segment) ordinals, made global by bind.
type segColumns struct {
	id ids
	// dateOrd is the rank of the date key in the segment's keys, from 1 (0: no date), and
	// dateKeys the keys by rank (dateKeys[0] is empty): ranks compare as their keys do.
	dateOrd  []uint32
	dateKeys []string
	one      [NumOne][]uint32
	many     [NumCols - NumOne]manyValues // column NumOne+i in many[i]
	// names are, by column, the segment's values in the order the column's values were first
	// met (term order), without the "no value" 0: local ordinal o is names[col][o-1]. bind
	// interns them in that order, so that the global ordinals do not depend on whether the
	// columns were built or read.
	names [NumCols][]string
	// totals are, by column, the number of documents (deleted ones too) with each value,
	// made at the first search that counts a match set of more than half the segment
	// (collector.countBits).
	totalsOnce sync.Once
	totals     [NumCols][]int32
}

// valueTotals returns the number of documents of the segment with each value, by column.
func (sc *segColumns) valueTotals() *[NumCols][]int32 {
	sc.totalsOnce.Do(func() {
		add := func(col int, vals []uint32) {
			t := sc.totals[col]
			for _, v := range vals {
				if int(v) >= len(t) {
					t = append(t, make([]int32, int(v)+1-len(t))...)
				}
				t[v]++
			}
			sc.totals[col] = t
		}
		for col := range NumOne {
			add(col, sc.one[col])
		}
		for i := range sc.many {
			add(NumOne+i, sc.many[i].vals)
		}
	})
	return &sc.totals
}

// ids are the documents' ids of a segment in one string, without a pointer per document:
// that of document n is all[at[n]:at[n+1]].
type ids struct {
	all string
	at  []uint32
}

func (d *ids) of(n uint64) string { return d.all[d.at[n]:d.at[n+1]] }

// manyValues is a column with several values per document: those of document n are
// vals[at[n]:at[n+1]], in term order, as Bleve's doc values visit them.
type manyValues struct {
	at   []uint32
	vals []uint32
}

// of returns the values of local document n.
func (m *manyValues) of(n uint64) []uint32 { return m.vals[m.at[n]:m.at[n+1]] }

// Columns caches the segColumns of the segments of an index. It is safe for concurrent use.
type Columns struct {
	layout Layout
	mu     sync.Mutex
	terms  [NumCols]terms // grow only: a value of a deleted document stays interned
	segs   map[segment.Segment]*segColumns
	// days are the values of the day column in date order, parsed; remade when a value is added.
	days    []DayOrd
	daysFor int // the number of day values when days was made
	// counts recycles the facet counters of searches (Collected.Counts).
	counts sync.Pool
	// built and read count the segments whose columns were built, and read from their file.
	built, read int
}

// Loaded returns the number of segments whose columns c built from their term dictionaries,
// and the number it read from a file kept by an earlier build (Layout.SaveMin).
func (c *Columns) Loaded() (built, read int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.built, c.read
}

// NewColumns returns the (empty) columns of an index of layout l.
func NewColumns(l Layout) *Columns { return &Columns{layout: l} }

// snapshotColumns are the columns of one snapshot: its segments' columns and offsets (a global
// document number minus the offset of its segment is the local number), and the value names.
type snapshotColumns struct {
	segs    []*segColumns
	offsets []uint64
	names   [NumCols][]string
	days    []DayOrd
}

// DayOrd is a value of the day column: its ordinal and its day.
type DayOrd struct {
	Ord uint32
	Day time.Time
}

// locate returns the segment index and local number of the global document number n.
func (sc *snapshotColumns) locate(n uint64) (int, uint64) {
	lo, hi := 0, len(sc.offsets)-1
	for lo < hi { // the last offset <= n
		mid := (lo + hi + 1) / 2
		if sc.offsets[mid] <= n {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo, n - sc.offsets[lo]
}

// Load makes ready the columns of the segments of snapshot s that are not yet: read from
// their files (Layout.SaveMin) or built. Searches do it when they need to; Load lets a server
// do it before its first search.
func (c *Columns) Load(s *Snapshot) error {
	_, err := c.of(s)
	return err
}

// of returns the columns of snapshot s, building those of segments not seen before and
// forgetting those of segments s no longer holds.
func (c *Columns) of(s *scorch.IndexSnapshot) (*snapshotColumns, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.segs == nil {
		c.segs = map[segment.Segment]*segColumns{}
	}
	sss := s.Segments()
	out := &snapshotColumns{segs: make([]*segColumns, len(sss)), offsets: make([]uint64, len(sss))}
	live := make(map[segment.Segment]bool, len(sss))
	var running uint64
	for i, ss := range sss {
		seg := ss.Segment()
		live[seg] = true
		sc := c.segs[seg]
		if sc == nil {
			var err error
			if sc, err = c.load(seg); err != nil {
				return nil, err
			}
			c.bind(sc)
			c.segs[seg] = sc
		}
		out.segs[i] = sc
		out.offsets[i] = running
		running += seg.Count()
	}
	for seg := range c.segs {
		if !live[seg] {
			delete(c.segs, seg)
		}
	}
	for i := range c.terms {
		c.terms[i].init()
		out.names[i] = c.terms[i].names // append-only: the prefix stays valid
	}
	if days := c.terms[c.layout.Day].names; c.daysFor != len(days) {
		c.daysFor = len(days)
		c.days = make([]DayOrd, 0, len(days))
		for o, name := range days[1:] {
			if d, err := time.Parse(time.DateOnly, name); err == nil {
				c.days = append(c.days, DayOrd{Ord: uint32(o + 1), Day: d})
			}
		}
		slices.SortFunc(c.days, func(a, b DayOrd) int { return a.Day.Compare(b.Day) })
	}
	out.days = c.days // replaced, never changed
	return out, nil
}

// load returns the columns of seg, read from the file beside it when one was kept for it
// (colfile.go), else built from its term dictionaries and then kept when the segment is large
// enough. A file that cannot be read or written is no error: the columns are built instead.
func (c *Columns) load(seg segment.Segment) (*segColumns, error) {
	f, ok := c.fileOf(seg)
	if ok {
		if sc, err := readColumns(f); err == nil {
			c.read++
			return sc, nil
		}
	}
	sc, err := c.build(seg)
	if err == nil {
		c.built++
	}
	if err == nil && ok {
		_ = writeColumns(f, sc) // best effort: the next process builds them again
	}
	return sc, err
}

// build reads the columns of seg from its term dictionaries, with local ordinals.
func (c *Columns) build(seg segment.Segment) (*segColumns, error) {
	n := int(seg.Count())
	sc := &segColumns{dateOrd: make([]uint32, n), dateKeys: []string{""}}
	for i := range sc.one {
		sc.one[i] = make([]uint32, n)
	}
	ids := make([]string, n)
	var pairs [NumCols - NumOne][][2]uint32 // columns of several values: document, value
	err := visitTerms(seg, "_id", func(term string, doc uint64) { ids[doc] = term })
	if err == nil {
		err = visitTerms(seg, c.layout.DateKey, func(term string, doc uint64) { // in term order
			if sc.dateKeys[len(sc.dateKeys)-1] != term {
				sc.dateKeys = append(sc.dateKeys, term)
			}
			sc.dateOrd[doc] = uint32(len(sc.dateKeys) - 1)
		})
	}
	for col := 0; err == nil && col < NumCols; col++ {
		if c.layout.Fields[col] == "" {
			continue
		}
		var t terms
		err = visitTerms(seg, c.layout.Fields[col], func(term string, doc uint64) {
			o := t.intern(term)
			if col >= NumOne {
				pairs[col-NumOne] = append(pairs[col-NumOne], [2]uint32{uint32(doc), o})
			} else {
				sc.one[col][doc] = o
			}
		})
		if len(t.names) > 1 {
			sc.names[col] = t.names[1:]
		}
	}
	if err != nil {
		return nil, fmt.Errorf("read facet columns: %w", err)
	}
	for i := range sc.many {
		sc.many[i] = newManyValues(n, pairs[i])
	}
	sc.id.at = make([]uint32, n+1)
	var b strings.Builder
	for i, id := range ids {
		b.WriteString(id)
		sc.id.at[i+1] = uint32(b.Len())
	}
	sc.id.all = b.String()
	return sc, nil
}

// bind turns the local ordinals of sc into the global ones of c, interning the segment's
// values in their local order.
func (c *Columns) bind(sc *segColumns) {
	for col := range NumCols {
		local := sc.names[col]
		if len(local) == 0 {
			continue
		}
		to := make([]uint32, len(local)+1) // local ordinal -> global; 0 stays 0
		same := true
		for i, name := range local {
			to[i+1] = c.terms[col].intern(name)
			same = same && to[i+1] == uint32(i+1)
		}
		if same {
			continue
		}
		var vals []uint32
		if col < NumOne {
			vals = sc.one[col]
		} else {
			vals = sc.many[col-NumOne].vals
		}
		for i, v := range vals {
			vals[i] = to[v]
		}
	}
}

// newManyValues returns the column of n documents holding the (document, value) pairs, which
// are in term order.
func newManyValues(n int, pairs [][2]uint32) manyValues {
	m := manyValues{at: make([]uint32, n+1), vals: make([]uint32, len(pairs))}
	for _, p := range pairs {
		m.at[p[0]+1]++
	}
	for i := 1; i <= n; i++ {
		m.at[i] += m.at[i-1]
	}
	next := append([]uint32(nil), m.at[:n]...)
	for _, p := range pairs { // in term order, as Bleve's doc values visit them
		m.vals[next[p[0]]] = p[1]
		next[p[0]]++
	}
	return m
}

// visitTerms calls fn for every term of field in seg and every document holding it, deleted
// documents included.
func visitTerms(seg segment.Segment, field string, fn func(term string, doc uint64)) error {
	dict, err := seg.Dictionary(field)
	if err != nil {
		return fmt.Errorf("dictionary of %s: %w", field, err)
	}
	count := seg.Count()
	it := dict.AutomatonIterator(nil, nil, nil)
	var pl segment.PostingsList
	var pi segment.PostingsIterator
	for {
		e, err := it.Next()
		if err != nil {
			return fmt.Errorf("terms of %s: %w", field, err)
		}
		if e == nil {
			return nil
		}
		term := e.Term
		if pl, err = dict.PostingsList([]byte(term), nil, pl); err != nil {
			return fmt.Errorf("postings of %s %q: %w", field, term, err)
		}
		pi = pl.Iterator(false, false, false, pi)
		for {
			p, err := pi.Next()
			if err != nil {
				return fmt.Errorf("postings of %s %q: %w", field, term, err)
			}
			if p == nil {
				break
			}
			if n := p.Number(); n < count {
				fn(term, n)
			}
		}
	}
}
