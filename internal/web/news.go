package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/searchd/searchd/internal/index"
	"github.com/searchd/searchd/internal/metrics"
)

// This file holds the handlers of the news features: quote search, speakers, related articles
// and the Atom feed of a search.

// searchQuotes answers GET /api/quotes with one page of index.QuoteResults. It takes the
// parameters of GET /api/search; words match the quote text and speaker the quote's speaker.
func (s *Server) searchQuotes(c echo.Context) error {
	q, err := parseQuery(c.QueryParams())
	if err != nil {
		return err
	}
	start := time.Now()
	res, err := s.store.SearchQuotes(c.Request().Context(), q)
	s.observeSearch(metrics.EndpointQuotes, start, err)
	if errors.Is(err, index.ErrBadQuery) {
		return err
	}
	if err != nil {
		return err // the index's error names the query
	}
	if res.Quotes == nil {
		res.Quotes = []index.Quote{}
	}
	for _, f := range []*[]index.FacetValue{&res.Facets.Speaker, &res.Facets.Location, &res.Facets.Places, &res.Facets.Source} {
		if *f == nil {
			*f = []index.FacetValue{}
		}
	}
	return c.JSON(http.StatusOK, res)
}

// defaultSuggest is the default size of GET /api/speakers.
const defaultSuggest = 10

// suggestResponse is the body of GET /api/speakers.
type suggestResponse struct {
	Speakers []index.FacetValue `json:"speakers"`
}

// suggestSpeakers answers GET /api/speakers?prefix=&size=: the speakers whose name or a word
// of it starts with prefix, most quoted first, with their article counts. With the parameters
// of a search (q, location, place, source, since, until), the names and counts are those of
// the search's articles.
func (s *Server) suggestSpeakers(c echo.Context) error {
	v := c.QueryParams()
	size := defaultSuggest
	if raw := v.Get("size"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > index.MaxSuggest {
			return badRequest("size %q is not accepted: use a whole number from 1 to %d", raw, index.MaxSuggest)
		}
		size = n
	}
	// The search the names are suggested for: its words and filters, but the speakers.
	within, err := parseQuery(withoutKeys(v, "size", "speaker"))
	if err != nil {
		return err
	}
	start := time.Now()
	names, err := s.store.SuggestIn(c.Request().Context(), v.Get("prefix"), size, within)
	s.observeSearch(metrics.EndpointSuggest, start, err)
	if errors.Is(err, index.ErrBadQuery) {
		return err
	}
	if err != nil {
		return fmt.Errorf("suggest speakers: %w", err)
	}
	return c.JSON(http.StatusOK, suggestResponse{Speakers: names})
}

// speaker answers GET /api/speakers/<name> with the speaker's index.SpeakerPage, or 404.
func (s *Server) speaker(c echo.Context) error {
	name, err := pathParam(c, "/api/speakers/")
	if err != nil {
		return err
	}
	start := time.Now()
	p, err := s.store.Speaker(c.Request().Context(), name)
	s.observeSearch(metrics.EndpointSpeaker, start, err)
	if err != nil {
		return notFound(err, fmt.Sprintf("nobody called %q is quoted in any article: /api/speakers?prefix=%s lists the names that start so",
			name, url.QueryEscape(firstWord(name))), "speaker page %q", name)
	}
	if p.Latest == nil {
		p.Latest = []index.Quote{}
	}
	return c.JSON(http.StatusOK, p)
}

// withoutKeys returns a copy of v without the parameters keys.
func withoutKeys(v url.Values, keys ...string) url.Values {
	out := url.Values{}
	for k, vs := range v {
		if !slices.Contains(keys, k) {
			out[k] = vs
		}
	}
	return out
}

// firstWord returns the first word of s.
func firstWord(s string) string {
	w, _, _ := strings.Cut(strings.TrimSpace(s), " ")
	return w
}

// pathParam returns the URL-decoded rest of the path after prefix.
func pathParam(c echo.Context, prefix string) (string, error) {
	rest, ok := strings.CutPrefix(c.Request().URL.Path, prefix)
	if !ok {
		var err error
		if rest, err = url.PathUnescape(c.Param("*")); err != nil {
			return "", badRequest("%q is not validly escaped: escape it as a URL path", c.Param("*"))
		}
	}
	if strings.TrimSpace(rest) == "" {
		return "", echo.NewHTTPError(http.StatusNotFound, "nothing named in the path: use "+prefix+"<name>")
	}
	return rest, nil
}

// related answers GET /api/related/<article id> with the index.Related articles, or 404.
func (s *Server) related(c echo.Context) error {
	id, err := pathParam(c, "/api/related/")
	if err != nil {
		return err
	}
	start := time.Now()
	rel, err := s.store.Related(c.Request().Context(), id)
	s.observeSearch(metrics.EndpointRelated, start, err)
	if err != nil {
		return notFound(err, fmt.Sprintf("no article has the id %q", id), "related to %q", id)
	}
	return c.JSON(http.StatusOK, rel)
}
