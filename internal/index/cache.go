package index

import (
	"container/list"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"weak"

	"github.com/searchd/searchd/internal/index/scorchx"
)

// DefaultSearchCache is the default number of article search results Search keeps.
const DefaultSearchCache = 256

// resultCache is a small LRU cache of article search results, keyed by the normalised query
// and valid for one snapshot of the article index: a search that sees another snapshot (after
// a write, or a merge) empties it. Results are the same as the search's, not just close: a
// search never gets results older than the data an earlier search saw (Index.gen is bumped
// only after a write is visible, too late for that). The zero value is ready; size <= 0
// disables it.
type resultCache struct {
	mu    sync.Mutex
	gen   weak.Pointer[scorchx.Snapshot] // does not keep a closed snapshot alive
	order *list.List                     // of *cacheEntry, most recently used first
	byKey map[string]*list.Element
}

type cacheEntry struct {
	key string
	res *Results
}

// get returns a copy of the results cached for key in snapshot gen.
func (c *resultCache) get(key string, gen weak.Pointer[scorchx.Snapshot]) (*Results, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen || c.byKey == nil {
		return nil, false
	}
	el, ok := c.byKey[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(el)
	res := *el.Value.(*cacheEntry).res
	res.Hits = slices.Clone(res.Hits) // callers may change their hits
	return &res, true
}

// put caches res for key in snapshot gen, keeping at most size results.
func (c *resultCache) put(key string, gen weak.Pointer[scorchx.Snapshot], res *Results, size int) {
	if size <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byKey == nil || c.gen != gen {
		c.gen, c.order, c.byKey = gen, list.New(), map[string]*list.Element{}
	}
	if el, ok := c.byKey[key]; ok {
		el.Value.(*cacheEntry).res = res
		c.order.MoveToFront(el)
		return
	}
	c.byKey[key] = c.order.PushFront(&cacheEntry{key: key, res: res})
	for c.order.Len() > size {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.byKey, last.Value.(*cacheEntry).key)
	}
}

// cacheKey returns q in a normal form: equal keys are queries with equal results. Filter
// values are deduplicated and sorted (they are ORed), dates are reduced to their day, and
// defaults are filled in.
func cacheKey(q Query, size int, o order) string {
	var b strings.Builder
	field := func(s string) {
		b.WriteString(strconv.Itoa(len(s)))
		b.WriteByte(':')
		b.WriteString(s)
	}
	set := func(vs []string) {
		vs = uniqueNonEmpty(vs)
		slices.Sort(vs)
		b.WriteString(strconv.Itoa(len(vs)))
		b.WriteByte('[')
		for _, v := range vs {
			field(v)
		}
	}
	date := func(t time.Time) {
		if t.IsZero() {
			field("")
			return
		}
		field(day(t).Format(time.DateOnly))
	}
	field(q.Q)
	set(q.Speakers)
	set(q.Locations)
	set(q.Places)
	set(q.Sources)
	date(q.Since)
	date(q.Until)
	field(o.name)
	field(strconv.Itoa(size))
	field(q.After)
	field(q.Collapse)
	field(strconv.Itoa(q.facetSize()))
	return b.String()
}
