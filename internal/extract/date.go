package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/searchd/searchd/internal/dates"
	"github.com/searchd/searchd/internal/news"
)

// Date sources, as reported in news.Extraction.DateSource.
const (
	dateFromMetadata = "metadata"      // the article's own date or a date field in Meta
	dateFromPosted   = "posted"        // a "Posted …", "Updated …" or "Published …" line
	dateFromLine     = "dateline-text" // a line that is only a date, as Wikinews bodies open
	dateFromDateline = "dateline"      // the month and day of a dateline, with a known year
)

// metaDateKeys are the Meta fields that may hold the publication date, most specific first.
var metaDateKeys = []string{"date", "published", "publish_date", "pubdate", "datePublished", "posted", "created", "updated"}

// findDate returns the article's date, in UTC, and where it was found: the article's date;
// a date field in Meta; a "Posted"/"Updated"/"Published" line or a line holding only a date
// among the opening lines; the date of a dateline when the year is known.
func findDate(a news.Article) (time.Time, string) {
	if !a.Date.IsZero() {
		return a.Date.UTC(), dateFromMetadata
	}
	for _, k := range metaDateKeys {
		if v := strings.TrimSpace(a.Meta[k]); v != "" {
			if t, ok := parseDateText(v); ok {
				return t, dateFromMetadata
			}
		}
	}
	const maxLines = 6
	n := 0
	for line := range strings.Lines(a.Body) {
		line = strings.TrimSpace(strings.ReplaceAll(line, "\u00a0", " "))
		if line == "" {
			continue
		}
		if rest, ok := postedPrefix(line); ok {
			if t, ok := parseDateText(rest); ok {
				return t, dateFromPosted
			}
		} else if len(line) <= 60 && hasFullDate(line) {
			if t, ok := parseDateText(line); ok {
				return t, dateFromLine
			}
		}
		if n++; n >= maxLines {
			break
		}
	}
	if d, ok := findDateline(a.Body); ok && d.Month != 0 {
		if y := yearHint(a); y != 0 {
			return time.Date(y, d.Month, d.Day, 0, 0, 0, 0, time.UTC), dateFromDateline
		}
	}
	return time.Time{}, ""
}

// postedPrefix strips "Posted", "Updated", "Published" or "Last updated" (with an optional
// colon or "on") from the start of line.
func postedPrefix(line string) (string, bool) {
	lower := strings.ToLower(line)
	for _, p := range []string{"posted", "published", "last updated", "updated"} {
		if strings.HasPrefix(lower, p) {
			rest := strings.TrimLeft(line[len(p):], " :")
			rest = strings.TrimPrefix(rest, "on ")
			return strings.TrimSpace(rest), true
		}
	}
	return "", false
}

var (
	weekdayPrefix = regexp.MustCompile(`^(?i)(mon|tues|wednes|thurs|fri|satur|sun)day,?\s+`)
	monthDayYear  = regexp.MustCompile(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2}),?\s+((?:19|20)\d\d)\b`)
	dayMonthYear  = regexp.MustCompile(`(?i)\b(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+((?:19|20)\d\d)\b`)
	isoDate       = regexp.MustCompile(`\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b`)
)

// parseDateText reads a date written in any common form ("Friday, January 4, 2019",
// "2019-01-04T10:00:00Z", "May 19, 2025 2:15 PM EDT", "4 January 2019") and returns it in UTC.
// A date without a time zone is taken as UTC.
func parseDateText(s string) (time.Time, bool) {
	s = weekdayPrefix.ReplaceAllString(strings.TrimSpace(s), "")
	if s == "" || len(s) > 80 {
		return time.Time{}, false
	}
	if t, err := dates.Parse(s); err == nil && plausibleYear(t.Year()) {
		return t.UTC(), true
	}
	if m := monthDayYear.FindStringSubmatch(s); m != nil {
		return dateYMD(m[3], dateMonthOf(m[1]), m[2])
	}
	if m := dayMonthYear.FindStringSubmatch(s); m != nil {
		return dateYMD(m[3], dateMonthOf(m[2]), m[1])
	}
	if m := isoDate.FindStringSubmatch(s); m != nil {
		mo, _ := strconv.Atoi(m[2])
		return dateYMD(m[1], time.Month(mo), m[3])
	}
	return time.Time{}, false
}

// hasFullDate reports whether s holds a full date with a month name or in ISO form, so that a
// short line such as "2020" or "Chapter 12" is not read as a date.
func hasFullDate(s string) bool {
	return monthDayYear.MatchString(s) || dayMonthYear.MatchString(s) || isoDate.MatchString(s)
}

func dateYMD(year string, m time.Month, day string) (time.Time, bool) {
	y, err1 := strconv.Atoi(year)
	d, err2 := strconv.Atoi(day)
	if err1 != nil || err2 != nil || m < 1 || m > 12 || d < 1 || d > 31 || !plausibleYear(y) {
		return time.Time{}, false
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false // February 30
	}
	return t, true
}

func plausibleYear(y int) bool { return y >= 1900 && y <= 2100 }

var copyrightYear = regexp.MustCompile(`(?i)(?:©|\(c\)|copyright)\s*((?:19|20)\d\d)\b`)

// yearHint returns the year an article was written in when something other than a full
// date gives it: Meta["year"] or a copyright line. It returns 0 when the year is unknown.
func yearHint(a news.Article) int {
	if y, err := strconv.Atoi(strings.TrimSpace(a.Meta["year"])); err == nil && plausibleYear(y) {
		return y
	}
	if m := copyrightYear.FindStringSubmatch(a.Body); m != nil {
		y, _ := strconv.Atoi(m[1])
		return y
	}
	return 0
}
