// Package dates parses the dates news carries, in metadata and in text, one way for every
// reader: RFC 3339 and ISO forms, AP and newspaper forms with North American zone
// abbreviations ("3:14 PM EDT, May 19, 2025"), and the many forms the dateparse library knows
// (github.com/itlightning/dateparse, the maintained fork of araddon/dateparse). Zones come from
// the embedded time zone database (time/tzdata), so the result does not depend on the machine.
package dates

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // America/New_York and friends on machines without a zone database

	"github.com/itlightning/dateparse"
)

// isoLayouts are tried first: the forms the corpora use.
var isoLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02T15:04Z07:00",
}

// wireLayouts are the AP and newspaper forms, after normalise has rewritten time-zone
// abbreviations as offsets, "a.m." as "AM" and dropped the weekday and abbreviation dots.
var wireLayouts = []string{
	"3:04 PM -0700, January 2, 2006",
	"3:04 PM -0700 January 2, 2006",
	"January 2, 2006, 3:04 PM -0700",
	"January 2, 2006 3:04 PM -0700",
	"3:04 PM, January 2, 2006",
	"3:04 PM January 2, 2006",
	"January 2, 2006, 3:04 PM",
	"January 2, 2006 3:04 PM",
	"January 2, 2006",
	"2 January 2006",
	"3:04 PM -0700, Jan 2, 2006",
	"3:04 PM -0700 Jan 2, 2006",
	"Jan 2, 2006, 3:04 PM -0700",
	"Jan 2, 2006 3:04 PM -0700",
	"3:04 PM, Jan 2, 2006",
	"3:04 PM Jan 2, 2006",
	"Jan 2, 2006 3:04 PM",
	"Jan 2, 2006",
	"2 Jan 2006",
}

// usZones maps North American zone abbreviations to UTC offsets in hours; the generic ones
// ("ET") are resolved in their zone's location (genericZones), daylight saving included.
var usZones = map[string]int{
	"EDT": -4, "EST": -5, "CDT": -5, "CST": -6, "MDT": -6, "MST": -7, "PDT": -7, "PST": -8,
	"AKDT": -8, "AKST": -9, "HST": -10, "UTC": 0, "GMT": 0, "Z": 0,
	"BST": 1, "CET": 1, "CEST": 2,
}

var genericZones = map[string]string{"ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver", "PT": "America/Los_Angeles"}

var (
	reWeekday  = regexp.MustCompile(`\b(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|sday|urday)?\b\.?,?\s*`)
	reMeridian = regexp.MustCompile(`(?i)\b([ap])\.?m\.?(\s|,|$)`)
	reZone     = regexp.MustCompile(`\b([A-Z]{1,4})\b`)
	reMonthDot = regexp.MustCompile(`\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.`)
	reSpaces   = regexp.MustCompile(`\s+`)
)

// Parse parses the date forms found in news metadata and text: RFC 3339, YYYY-MM-DD, AP's
// "3:14 PM EDT, May 19, 2025" and the many forms dateparse knows. A time without a zone is
// taken as UTC.
func Parse(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, l := range isoLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, nil
		}
	}
	n, generic := normalise(s)
	for _, l := range wireLayouts {
		if t, err := time.Parse(l, n); err == nil {
			if generic != "" {
				t = inZone(t, genericZones[generic])
			}
			return t, nil
		}
	}
	if t, err := parseAny(s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("cannot parse %q as a date", s)
}

// parseAny calls dateparse, which has panicked on odd input in the past.
func parseAny(s string) (t time.Time, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("dateparse: %v", r)
		}
	}()
	return dateparse.ParseIn(s, time.UTC)
}

// normalise rewrites s for wireLayouts. It returns the generic zone ("ET") it removed, if any,
// so that the caller can apply daylight saving for the parsed date.
func normalise(s string) (string, string) {
	s = reSpaces.ReplaceAllString(s, " ")
	s = reWeekday.ReplaceAllString(s, "")
	s = reMeridian.ReplaceAllStringFunc(s, func(m string) string {
		suffix := strings.TrimLeft(m, "aApPmM.")
		return strings.ToUpper(m[:1]) + "M" + suffix
	})
	s = reMonthDot.ReplaceAllStringFunc(s, func(m string) string {
		return strings.TrimSuffix(strings.Replace(m, "Sept", "Sep", 1), ".")
	})
	generic := ""
	s = reZone.ReplaceAllStringFunc(s, func(m string) string {
		if h, ok := usZones[m]; ok {
			return fmt.Sprintf("%+03d00", h)
		}
		if _, ok := genericZones[m]; ok && generic == "" {
			generic = m
			return ""
		}
		return m
	})
	s = strings.TrimSpace(strings.ReplaceAll(reSpaces.ReplaceAllString(s, " "), " ,", ","))
	return s, generic
}

// inZone reinterprets the wall-clock time t (parsed as UTC) in the named location, daylight
// saving included, as "ET" and friends mean.
func inZone(t time.Time, name string) time.Time {
	loc := zoneLocations()[name]
	if loc == nil {
		return t // the embedded database has every name of genericZones
	}
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
}

// zoneLocations loads the locations of genericZones once: time.LoadLocation reads the zone
// database on every call.
var zoneLocations = sync.OnceValue(func() map[string]*time.Location {
	out := map[string]*time.Location{}
	for _, name := range genericZones {
		if loc, err := time.LoadLocation(name); err == nil {
			out[name] = loc
		}
	}
	return out
})
