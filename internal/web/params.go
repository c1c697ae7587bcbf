package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/searchd/searchd/internal/index"
)

// dateLayout is the accepted form of the since and until parameters.
const dateLayout = "2006-01-02"

// parseQuery turns the query string of GET /api/search into an index.Query. Unknown parameters
// are ignored; a bad value gives a 400 error saying what is accepted.
func parseQuery(v url.Values) (index.Query, error) {
	q := index.Query{
		Q:         strings.TrimSpace(strings.Join(v["q"], " ")),
		Speakers:  nonEmpty(v["speaker"]),
		Locations: nonEmpty(v["location"]),
		Places:    nonEmpty(v["place"]),
		Sources:   nonEmpty(v["source"]),
		Sort:      index.SortRelevance,
		Size:      index.DefaultSize,
		After:     v.Get("after"),
	}
	var err error
	if q.Since, err = parseDate(v, "since"); err != nil {
		return q, err
	}
	if q.Until, err = parseDate(v, "until"); err != nil {
		return q, err
	}
	if !q.Since.IsZero() && !q.Until.IsZero() && q.Until.Before(q.Since) {
		return q, badRequest("until (%s) is before since (%s): give until on or after since", v.Get("until"), v.Get("since"))
	}
	if s := v.Get("sort"); s != "" {
		switch s {
		case index.SortRelevance, index.SortDate, index.SortDateDesc:
			q.Sort = s
		default:
			return q, badRequest("sort %q is not accepted: use relevance, date (oldest first) or -date (newest first)", s)
		}
	}
	switch c := v.Get("collapse"); c {
	case "", "none":
	case index.CollapseStory:
		q.Collapse = c
	default:
		return q, badRequest("collapse %q is not accepted: use story (one hit per wire story) or none", c)
	}
	if s := v.Get("size"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > index.MaxSize {
			return q, badRequest("size %q is not accepted: use a whole number from 1 to %d", s, index.MaxSize)
		}
		q.Size = n
	}
	if s := v.Get("facet_size"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > index.MaxFacetSize {
			return q, badRequest("facet_size %q is not accepted: use a whole number from 1 to %d (values per facet; default %d)", s, index.MaxFacetSize, index.DefaultFacetSize)
		}
		q.FacetSize = n
	}
	return q, nil
}

// parseDate reads an optional YYYY-MM-DD parameter.
func parseDate(v url.Values, name string) (time.Time, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return time.Time{}, badRequest("%s %q is not a date: use the form YYYY-MM-DD, such as 2024-03-15", name, s)
	}
	return t, nil
}

// nonEmpty returns the trimmed non-empty values, or nil.
func nonEmpty(vals []string) []string {
	var out []string
	for _, s := range vals {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// badRequest returns a 400 error with a formatted message.
func badRequest(format string, args ...any) error {
	return echo.NewHTTPError(http.StatusBadRequest, fmt.Sprintf(format, args...))
}
