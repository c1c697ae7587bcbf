package index

import "time"

// monthsBelowYears: when the matches' dates span at most this many calendar years, the date
// facet has month buckets instead of year buckets.
const monthsBelowYears = 2

// Date facets and timelines are computed from the number of matches per fieldDay value, the
// UTC day of each match (YYYY-MM-DD), counted with the search itself (collect): day counts add
// up to weeks, months and years, so that every unit is known from one pass.

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
// the last with a match, or months when they span at most monthsBelowYears calendar years, or
// decades when years would be more than maxTimelineBuckets buckets.
func dateFacet(days []dayCount) []DateBucket {
	if len(days) == 0 {
		return []DateBucket{}
	}
	unit := UnitYear
	switch lo, hi := days[0].day, days[len(days)-1].day; {
	case hi.Year()-lo.Year() < monthsBelowYears:
		unit = UnitMonth
	case unitCount(UnitYear, lo, hi) > maxTimelineBuckets:
		unit = UnitDecade
	}
	return histogram(days, unit)
}
