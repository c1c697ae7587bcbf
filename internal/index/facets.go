package index

import (
	"context"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/numeric"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// monthsBelowYears: when the matches' dates span at most this many calendar years, the date
// facet has month buckets instead of year buckets.
const monthsBelowYears = 2

// bucket is a date-facet range [from, to).
type bucket struct {
	label    string
	from, to time.Time
}

// yearBuckets returns one bucket per calendar year of the index's date span, or none when no
// article has a date.
func (ix *Index) yearBuckets(ctx context.Context) ([]bucket, error) {
	lo, hi, ok, err := ix.dateSpan(ctx)
	if err != nil || !ok {
		return nil, err
	}
	var out []bucket
	for y := lo.Year(); y <= hi.Year(); y++ {
		from := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		out = append(out, bucket{label: fmt.Sprint(y), from: from, to: from.AddDate(1, 0, 0)})
	}
	return out, nil
}

// monthBuckets returns one bucket per month of the calendar years from first to last.
func monthBuckets(first, last int) []bucket {
	var out []bucket
	for from := time.Date(first, 1, 1, 0, 0, 0, 0, time.UTC); from.Year() <= last; from = from.AddDate(0, 1, 0) {
		out = append(out, bucket{label: from.Format("2006-01"), from: from, to: from.AddDate(0, 1, 0)})
	}
	return out
}

func dateFacet(buckets []bucket) *bleve.FacetRequest {
	fr := bleve.NewFacetRequest(fieldDate, len(buckets))
	for _, b := range buckets {
		fr.AddDateTimeRange(b.label, b.from, b.to)
	}
	return fr
}

// dateFacets turns the year counts of a search into date buckets from the first to the last
// non-empty one. When they span at most monthsBelowYears years, it runs q again, for facets
// only, with month buckets.
func (ix *Index) dateFacets(ctx context.Context, q query.Query, years []bucket, fr *search.FacetResult) ([]DateBucket, error) {
	out, first, last := bucketCounts(years, fr)
	if len(out) == 0 || last-first >= monthsBelowYears {
		return out, nil
	}
	months := monthBuckets(years[first].from.Year(), years[last].from.Year())
	req := bleve.NewSearchRequestOptions(q, 0, 0, false)
	req.AddFacet(facetDate, dateFacet(months))
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search month facets: %w", err)
	}
	out, _, _ = bucketCounts(months, res.Facets[facetDate])
	return out, nil
}

// bucketCounts returns the buckets from the first to the last with a count in fr, and the
// indexes of these two in buckets.
func bucketCounts(buckets []bucket, fr *search.FacetResult) (out []DateBucket, first, last int) {
	out = []DateBucket{}
	counts := map[string]int{}
	if fr != nil {
		for _, r := range fr.DateRanges {
			counts[r.Name] = r.Count
		}
	}
	first, last = -1, -1
	for i, b := range buckets {
		if counts[b.label] > 0 {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return out, -1, -1
	}
	for _, b := range buckets[first : last+1] {
		out = append(out, DateBucket{
			Label: b.label,
			From:  b.from.Format(time.DateOnly),
			To:    b.to.Format(time.DateOnly),
			Count: counts[b.label],
		})
	}
	return out, first, last
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
	if lo, ok, err = ix.edgeDate(ctx, false); err != nil {
		return lo, hi, false, err
	}
	if hi, _, err = ix.edgeDate(ctx, true); err != nil {
		return lo, hi, false, err
	}
	ix.span.gen, ix.span.valid, ix.span.min, ix.span.max, ix.span.dated = gen, true, lo, hi, ok
	return lo, hi, ok, nil
}

// edgeDate returns the earliest (or, with desc, latest) date in the index.
func (ix *Index) edgeDate(ctx context.Context, desc bool) (time.Time, bool, error) {
	req := bleve.NewSearchRequestOptions(typeQuery(typeArticle), 1, 0, false)
	req.SortByCustom(search.SortOrder{&search.SortField{Field: fieldDate, Desc: desc, Missing: search.SortFieldMissingLast}})
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("search date span: %w", err)
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
