package index

import (
	"context"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2/search/query"
)

// Timeline units.
const (
	UnitDay   = "day"
	UnitWeek  = "week"
	UnitMonth = "month"
	UnitYear  = "year"
	// UnitDecade is used when years would make more than maxTimelineBuckets buckets; its
	// labels are the first year of the decade ("1990").
	UnitDecade = "decade"
)

// maxTimelineBuckets bounds the bars of a timeline: the unit is the smallest of day, week,
// month and year that covers the matches' dates in at most this many buckets.
const maxTimelineBuckets = 120

// Timeline is a date histogram of the matches of a search, from the bucket of the earliest
// match to that of the latest, empty buckets included.
type Timeline struct {
	Unit    string       `json:"unit"` // UnitDay, UnitWeek (from Monday), UnitMonth or UnitYear
	Buckets []DateBucket `json:"buckets"`
}

// timeline computes the timeline of the articles matching q from the day counts of one pass
// of collect, in unit or, when unit is empty, in the smallest that fits. It returns nil when no
// match has a date.
func (ix *Index) timeline(ctx context.Context, q query.Query, unit string) (*Timeline, error) {
	res, err := ix.collectNow(ctx, q, 0, order{name: SortRelevance}, true)
	if err != nil {
		return nil, fmt.Errorf("search timeline: %w", err)
	}
	defer res.release()
	return timelineOf(res.dayCounts(), unit), nil
}

// timelineOf returns the timeline of the matches counted in days, in unit or, when unit is
// empty, in the smallest that covers them in at most maxTimelineBuckets; nil when days is empty.
func timelineOf(days []dayCount, unit string) *Timeline {
	if len(days) == 0 {
		return nil
	}
	if unit == "" {
		unit = timelineUnit(days[0].day, days[len(days)-1].day)
	}
	return &Timeline{Unit: unit, Buckets: histogram(days, unit)}
}

// timelineUnit returns the smallest unit that covers [lo, hi] in at most maxTimelineBuckets.
func timelineUnit(lo, hi time.Time) string {
	for _, u := range []string{UnitDay, UnitWeek, UnitMonth, UnitYear} {
		if unitCount(u, lo, hi) <= maxTimelineBuckets {
			return u
		}
	}
	return UnitDecade
}

// unitCount returns the number of buckets of unit from the one holding lo to the one holding
// hi, as len(unitBuckets(unit, lo, hi)) without making them.
func unitCount(unit string, lo, hi time.Time) int {
	from, to := unitStart(unit, lo), unitStart(unit, hi)
	if to.Before(from) {
		return 0
	}
	switch unit {
	case UnitMonth:
		return (to.Year()-from.Year())*12 + int(to.Month()-from.Month()) + 1
	case UnitYear:
		return to.Year() - from.Year() + 1
	case UnitDecade:
		return (to.Year()-from.Year())/10 + 1
	case UnitWeek:
		return int(to.Sub(from).Hours()/24)/7 + 1
	}
	return int(to.Sub(from).Hours()/24) + 1
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
	case UnitDecade:
		return time.Date(d.Year()-(d.Year()%10+10)%10, 1, 1, 0, 0, 0, 0, time.UTC)
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
		case UnitDecade:
			return t.AddDate(10, 0, 0)
		}
		return t.AddDate(0, 0, 1)
	}
	layout := map[string]string{UnitDay: time.DateOnly, UnitWeek: time.DateOnly, UnitMonth: "2006-01", UnitYear: "2006", UnitDecade: "2006"}[unit]
	var out []bucket
	for from := unitStart(unit, lo); !from.After(hi); from = next(from) {
		out = append(out, bucket{label: from.Format(layout), from: from, to: next(from)})
		if len(out) > 100*maxTimelineBuckets {
			break // a guard against absurd spans
		}
	}
	return out
}
