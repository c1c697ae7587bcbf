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

// Timeline units.
const (
	UnitDay   = "day"
	UnitWeek  = "week"
	UnitMonth = "month"
	UnitYear  = "year"
)

// maxTimelineBuckets bounds the bars of a timeline: the unit is the smallest of day, week,
// month and year that covers the matches' dates in at most this many buckets.
const maxTimelineBuckets = 120

// facetTimeline names the timeline facet in Bleve requests.
const facetTimeline = "timeline"

// Timeline is a date histogram of the matches of a search, from the bucket of the earliest
// match to that of the latest, empty buckets included.
type Timeline struct {
	Unit    string       `json:"unit"` // UnitDay, UnitWeek (from Monday), UnitMonth or UnitYear
	Buckets []DateBucket `json:"buckets"`
}

// timeline computes the timeline of the documents matching q: it finds their earliest and
// latest dates, picks the unit, and counts them with a date-range facet. It returns nil when
// no match has a date.
func (ix *Index) timeline(ctx context.Context, q query.Query, unit string) (*Timeline, error) {
	lo, hi, ok, err := ix.edgeDates(ctx, q)
	if err != nil || !ok {
		return nil, err
	}
	if unit == "" {
		unit = timelineUnit(lo, hi)
	}
	return ix.timelineIn(ctx, q, unit, lo, hi)
}

// timelineIn counts the documents matching q in the buckets of unit from lo to hi.
func (ix *Index) timelineIn(ctx context.Context, q query.Query, unit string, lo, hi time.Time) (*Timeline, error) {
	buckets := unitBuckets(unit, lo, hi)
	req := bleve.NewSearchRequestOptions(q, 0, 0, false)
	req.AddFacet(facetTimeline, dateFacet(buckets))
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search timeline: %w", err)
	}
	counts := map[string]int{}
	if fr := res.Facets[facetTimeline]; fr != nil {
		for _, r := range fr.DateRanges {
			counts[r.Name] = r.Count
		}
	}
	t := &Timeline{Unit: unit, Buckets: make([]DateBucket, 0, len(buckets))}
	for _, b := range buckets {
		t.Buckets = append(t.Buckets, DateBucket{Label: b.label, From: b.from.Format(time.DateOnly),
			To: b.to.Format(time.DateOnly), Count: counts[b.label]})
	}
	return t, nil
}

// timelineFromFacets computes the timeline of the documents matching q from their date facet
// (year or month buckets from the first to the last non-empty one, as dateFacets returns them):
// the facet bounds the span, so no search for the earliest and latest dates is needed, and when
// the unit is the facet's own the facet is the timeline.
func (ix *Index) timelineFromFacets(ctx context.Context, q query.Query, facet []DateBucket) (*Timeline, error) {
	if len(facet) == 0 {
		return nil, nil
	}
	lo, err1 := time.Parse(time.DateOnly, facet[0].From)
	end, err2 := time.Parse(time.DateOnly, facet[len(facet)-1].To)
	if err1 != nil || err2 != nil {
		return ix.timeline(ctx, q, "")
	}
	hi := end.AddDate(0, 0, -1)
	unit := timelineUnit(lo, hi)
	facetUnit := UnitYear
	if len(facet[0].Label) == len("2006-01") {
		facetUnit = UnitMonth
	}
	if unit == facetUnit {
		return &Timeline{Unit: unit, Buckets: facet}, nil
	}
	return ix.timelineIn(ctx, q, unit, lo, hi)
}

// timelineUnit returns the smallest unit that covers [lo, hi] in at most maxTimelineBuckets.
func timelineUnit(lo, hi time.Time) string {
	for _, u := range []string{UnitDay, UnitWeek, UnitMonth} {
		if len(unitBuckets(u, lo, hi)) <= maxTimelineBuckets {
			return u
		}
	}
	return UnitYear
}

// unitStart returns the start of the unit holding t.
func unitStart(unit string, t time.Time) time.Time {
	d := day(t)
	switch unit {
	case UnitWeek:
		return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
	case UnitMonth:
		return time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC)
	case UnitYear:
		return time.Date(d.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return d
}

// unitBuckets returns the buckets of unit from the one holding lo to the one holding hi.
func unitBuckets(unit string, lo, hi time.Time) []bucket {
	next := func(t time.Time) time.Time {
		switch unit {
		case UnitWeek:
			return t.AddDate(0, 0, 7)
		case UnitMonth:
			return t.AddDate(0, 1, 0)
		case UnitYear:
			return t.AddDate(1, 0, 0)
		}
		return t.AddDate(0, 0, 1)
	}
	layout := map[string]string{UnitDay: time.DateOnly, UnitWeek: time.DateOnly, UnitMonth: "2006-01", UnitYear: "2006"}[unit]
	var out []bucket
	for from := unitStart(unit, lo); !from.After(hi); from = next(from) {
		out = append(out, bucket{label: from.Format(layout), from: from, to: next(from)})
		if len(out) > 100*maxTimelineBuckets {
			break // a guard against absurd spans
		}
	}
	return out
}

// edgeDates returns the earliest and latest dates of the documents matching q; ok is false
// when none has a date.
func (ix *Index) edgeDates(ctx context.Context, q query.Query) (lo, hi time.Time, ok bool, err error) {
	edge := func(desc bool) (time.Time, bool, error) {
		req := bleve.NewSearchRequestOptions(q, 1, 0, false)
		req.SortByCustom(search.SortOrder{&search.SortField{Field: fieldDate, Desc: desc, Missing: search.SortFieldMissingLast}})
		res, err := ix.idx.SearchInContext(ctx, req)
		if err != nil {
			return time.Time{}, false, fmt.Errorf("search date edges: %w", err)
		}
		if len(res.Hits) == 0 {
			return time.Time{}, false, nil
		}
		i64, err := numeric.PrefixCoded(res.Hits[0].Sort[0]).Int64()
		if err != nil { // no date
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
