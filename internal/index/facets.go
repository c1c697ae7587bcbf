package index

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/numeric"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// monthsBelowYears: when the matches' dates span at most this many calendar years, the date
// facet has month buckets instead of year buckets.
const monthsBelowYears = 2

// facetDay names the day facet in Bleve requests.
const facetDay = "day"

// Date facets and timelines are computed from one terms facet over fieldDay, the UTC day of
// each match (YYYY-MM-DD), requested with the search itself: day counts add up to weeks,
// months and years, so that every unit is known from one request, without a second search
// once the span of the matches is known.

// bucket is a date range [from, to).
type bucket struct {
	label    string
	from, to time.Time
}

// dayCount is the number of matches dated on one UTC day.
type dayCount struct {
	day time.Time
	n   int
}

// dayFacet returns the facet request that counts the matches per day: its size is the number
// of days in the index's date span (cached). It returns nil when no article has a date.
func (ix *Index) dayFacet(ctx context.Context) (*bleve.FacetRequest, error) {
	lo, hi, ok, err := ix.dateSpan(ctx)
	if err != nil || !ok {
		return nil, err
	}
	days := int(day(hi).Sub(day(lo))/(24*time.Hour)) + 1
	return bleve.NewFacetRequest(fieldDay, days), nil
}

// dayCounts returns the day counts of a day facet, in date order.
func dayCounts(fr *search.FacetResult) []dayCount { return dayCountsOf(termFacet(fr)) }

// dayCountsOf returns the day counts of day facet values, in date order.
func dayCountsOf(values []FacetValue) []dayCount {
	out := make([]dayCount, 0, len(values))
	for _, t := range values {
		d, err := time.Parse(time.DateOnly, t.Value)
		if err != nil {
			continue
		}
		out = append(out, dayCount{day: d, n: t.Count})
	}
	slices.SortFunc(out, func(a, b dayCount) int { return a.day.Compare(b.day) })
	return out
}

// histogram returns the buckets of unit from the one holding the first day of days to the one
// holding the last, with their counts (empty buckets included); nil when days is empty.
func histogram(days []dayCount, unit string) []DateBucket {
	if len(days) == 0 {
		return nil
	}
	buckets := unitBuckets(unit, days[0].day, days[len(days)-1].day)
	out := make([]DateBucket, len(buckets))
	for i, b := range buckets {
		out[i] = DateBucket{Label: b.label, From: b.from.Format(time.DateOnly), To: b.to.Format(time.DateOnly)}
	}
	i := 0
	for _, d := range days {
		for i < len(buckets) && !d.day.Before(buckets[i].to) {
			i++
		}
		if i == len(buckets) {
			break
		}
		out[i].Count += d.n
	}
	return out
}

// dateFacet returns the date facet of the matches counted in days: years from the first to
// the last with a match, or months when they span at most monthsBelowYears calendar years.
func dateFacet(days []dayCount) []DateBucket {
	if len(days) == 0 {
		return []DateBucket{}
	}
	unit := UnitYear
	if days[len(days)-1].day.Year()-days[0].day.Year() < monthsBelowYears {
		unit = UnitMonth
	}
	return histogram(days, unit)
}

// dateSpan returns the earliest and latest article dates in the index, cached until the next
// write; ok is false when no article has a date.
func (ix *Index) dateSpan(ctx context.Context) (lo, hi time.Time, ok bool, err error) {
	gen := ix.gen.Load()
	ix.span.Lock()
	defer ix.span.Unlock()
	if ix.span.valid && ix.span.gen == gen {
		return ix.span.min, ix.span.max, ix.span.dated, nil
	}
	res, err := ix.collectNow(ctx, query.NewMatchAllQuery(), 0, order{name: SortRelevance}, false)
	if err != nil {
		return lo, hi, false, fmt.Errorf("date span: %w", err)
	}
	lo, hi, ok = res.dateRange()
	ix.span.gen, ix.span.valid, ix.span.min, ix.span.max, ix.span.dated = gen, true, lo, hi, ok
	return lo, hi, ok, nil
}

// edgeDates returns the earliest and latest dates of the documents of idx matching q; ok is
// false when none has a date.
func (ix *Index) edgeDates(ctx context.Context, idx bleve.Index, q query.Query) (lo, hi time.Time, ok bool, err error) {
	edge := func(desc bool) (time.Time, bool, error) {
		req := bleve.NewSearchRequestOptions(q, 1, 0, false)
		req.SortByCustom(search.SortOrder{&search.SortField{Field: fieldDateKey, Desc: desc, Missing: search.SortFieldMissingLast}})
		res, err := idx.SearchInContext(ctx, req)
		if err != nil {
			return time.Time{}, false, fmt.Errorf("search date edges: %w", err)
		}
		if len(res.Hits) == 0 {
			return time.Time{}, false, nil
		}
		i64, err := numeric.PrefixCoded(res.Hits[0].Sort[0]).Int64()
		if err != nil { // no date: HighTerm or LowTerm
			return time.Time{}, false, nil
		}
		return time.Unix(0, i64).UTC(), true, nil
	}
	if lo, ok, err = edge(false); err != nil || !ok {
		return lo, hi, ok, err
	}
	hi, _, err = edge(true)
	return lo, hi, ok, err
}
