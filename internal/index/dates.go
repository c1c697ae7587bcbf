package index

import (
	"time"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Articles and quotes are dated by four keyword terms: their year, month, day (all UTC) and
// fieldDateKey, where Bleve's date field indexes 16 terms, one per precision step, which
// were the largest part of a quote document after its words (0.13 of the text on the first
// 3,000 AllSides articles, against 0.25 for the quote text) and 0.04 of the text in the
// article index. A date range is the union of term ranges: the years it spans whole, the
// months it spans whole in the years at its ends, the days in the months at its ends, and
// the date keys in the days at its ends, so that it stays exact to the nanosecond, as
// Bleve's range, with a few dozen terms at most.
//
// Indexes created before (their mapping has fieldDate and not fieldMonth) keep Bleve's date
// field: dayTerms tells which one an index uses. Documents are given both (dateFields), and
// an index's static mapping keeps those it has.

// Fields of the dates, beside fieldDay and fieldDateKey.
const (
	fieldMonth = "month" // keyword: the UTC month of the date, YYYY-MM
	fieldYear  = "year"  // keyword: the UTC year of the date, YYYY
)

// dayTerms reports whether the index of mapping m dates documents by terms of their year,
// month and day (dayTermFields) rather than by Bleve's date field.
func dayTerms(m mapping.IndexMapping) bool {
	im, ok := m.(*mapping.IndexMappingImpl)
	return ok && im.DefaultMapping != nil && im.DefaultMapping.Properties[fieldMonth] != nil
}

// dayTermFields sets the day-term fields of a document of date t (see dateFields).
func dayTermFields(f map[string]any, t time.Time) {
	t = t.UTC()
	f[fieldDateKey] = dateKey(t)
	f[fieldDay] = dayValue(t)
	f[fieldMonth] = t.Format("2006-01")
	f[fieldYear] = t.Format("2006")
}

// dayTermsQuery returns the query of the documents dated in [from, to); a zero bound is no
// bound.
func dayTermsQuery(from, to time.Time) query.Query {
	from, to = from.UTC(), to.UTC()
	var parts []query.Query
	switch {
	case from.IsZero() && to.IsZero():
		return keyRange(fieldYear, "", "")
	case from.IsZero():
		y := startOfYear(to)
		parts = append(parts, keyRange(fieldYear, "", y.Format("2006")))
		from = y
	case to.IsZero():
		y := ceilTo(from, startOfYear, addYear)
		parts = append(parts, keyRange(fieldYear, y.Format("2006"), ""))
		to = y
	}
	parts = append(parts, dateRanges(from, to)...)
	if len(parts) == 0 {
		return query.NewMatchNoneQuery()
	}
	return query.NewDisjunctionQuery(parts)
}

// dateRanges returns the queries of the documents dated in [from, to), both bounds given.
func dateRanges(from, to time.Time) []query.Query {
	// Bleve's dates are nanoseconds in an int64: a date key beyond them does not exist.
	if minT := query.MinRFC3339CompatibleTime; from.Before(minT) {
		from = minT
	}
	if maxT := query.MaxRFC3339CompatibleTime; to.After(maxT) {
		to = maxT
	}
	if !from.Before(to) {
		return nil
	}
	d0, d1 := ceilTo(from, startOfDay, addDay), startOfDay(to)
	if !d0.Before(d1) {
		return []query.Query{keyRange(fieldDateKey, dateKey(from), dateKey(to))}
	}
	var parts []query.Query
	if from.Before(d0) {
		parts = append(parts, keyRange(fieldDateKey, dateKey(from), dateKey(d0)))
	}
	parts = append(parts, dayRanges(d0, d1)...)
	if d1.Before(to) {
		parts = append(parts, keyRange(fieldDateKey, dateKey(d1), dateKey(to)))
	}
	return parts
}

// dayRanges returns the queries of the documents dated in [d0, d1), two midnights, d0 first.
func dayRanges(d0, d1 time.Time) []query.Query {
	m0, m1 := ceilTo(d0, startOfMonth, addMonth), startOfMonth(d1)
	if !m0.Before(m1) {
		return []query.Query{keyRange(fieldDay, dayValue(d0), dayValue(d1))}
	}
	var parts []query.Query
	if d0.Before(m0) {
		parts = append(parts, keyRange(fieldDay, dayValue(d0), dayValue(m0)))
	}
	y0, y1 := ceilTo(m0, startOfYear, addYear), startOfYear(m1)
	if !y0.Before(y1) {
		parts = append(parts, keyRange(fieldMonth, m0.Format("2006-01"), m1.Format("2006-01")))
	} else {
		if m0.Before(y0) {
			parts = append(parts, keyRange(fieldMonth, m0.Format("2006-01"), y0.Format("2006-01")))
		}
		parts = append(parts, keyRange(fieldYear, y0.Format("2006"), y1.Format("2006")))
		if y1.Before(m1) {
			parts = append(parts, keyRange(fieldMonth, y1.Format("2006-01"), m1.Format("2006-01")))
		}
	}
	if m1.Before(d1) {
		parts = append(parts, keyRange(fieldDay, dayValue(m1), dayValue(d1)))
	}
	return parts
}

// keyRange is the query of the terms of field in [lo, hi): terms of one width, whose
// order is that of the dates they stand for. An empty bound is no bound.
func keyRange(field, lo, hi string) query.Query {
	yes, no := true, false
	q := query.NewTermRangeInclusiveQuery(lo, hi, &yes, &no)
	q.SetField(field)
	return q
}

// dayTermsRange returns the query of Bleve's date range q as dayTermsQuery gives it.
func dayTermsRange(q *query.DateRangeQuery) query.Query {
	from, to := q.Start.Time, q.End.Time
	if !from.IsZero() && q.InclusiveStart != nil && !*q.InclusiveStart {
		from = from.Add(time.Nanosecond)
	}
	if !to.IsZero() && q.InclusiveEnd != nil && *q.InclusiveEnd { // Bleve's default: exclusive
		to = to.Add(time.Nanosecond)
	}
	return dayTermsQuery(from, to)
}

func startOfDay(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func startOfMonth(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}

func startOfYear(t time.Time) time.Time { return time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC) }

func addDay(t time.Time) time.Time   { return t.AddDate(0, 0, 1) }
func addMonth(t time.Time) time.Time { return t.AddDate(0, 1, 0) }
func addYear(t time.Time) time.Time  { return t.AddDate(1, 0, 0) }

// ceilTo returns t when start(t) is t, else the next start after it.
func ceilTo(t time.Time, start, next func(time.Time) time.Time) time.Time {
	s := start(t)
	if s.Equal(t) {
		return s
	}
	return next(s)
}
