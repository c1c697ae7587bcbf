package web

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/searchd/searchd/internal/feeds"
	"github.com/searchd/searchd/internal/index"
	"github.com/searchd/searchd/internal/ingest"
	"github.com/searchd/searchd/internal/metrics"
)

// maxReportedErrors caps the per-record errors listed in a POST /api/articles answer.
const maxReportedErrors = 100

// search answers GET /api/search with one page of index.Results.
func (s *Server) search(c echo.Context) error {
	q, err := parseQuery(c.QueryParams())
	if err != nil {
		return err
	}
	start := time.Now()
	res, err := s.store.Search(c.Request().Context(), q)
	s.observeSearch(metrics.EndpointSearch, start, err)
	if errors.Is(err, index.ErrBadQuery) {
		return err // the index's message says what was wrong
	}
	if err != nil {
		return err // the index's error names the query: once is enough in a log line
	}
	normalize(res)
	return c.JSON(http.StatusOK, res)
}

// observeSearch records in the metrics how long the index took over one search of endpoint
// (metrics.EndpointSearch, ...) since start, and how it ended. Every handler whose answer is a
// search of the index calls it.
func (s *Server) observeSearch(endpoint string, start time.Time, err error) {
	s.cfg.Metrics.ObserveSearch(endpoint, searchOutcome(err), time.Since(start))
}

// searchOutcome classifies a search error for the metrics.
func searchOutcome(err error) string {
	switch {
	case err == nil:
		return metrics.SearchOK
	case errors.Is(err, index.ErrBadQuery):
		return metrics.SearchBadQuery
	case errors.Is(err, index.ErrNotFound):
		return metrics.SearchNotFound
	case errors.Is(err, context.DeadlineExceeded):
		return metrics.SearchTimeout
	default:
		return metrics.SearchError
	}
}

// normalize turns nil lists into empty ones, so that clients always get JSON arrays.
func normalize(res *index.Results) {
	if res.Hits == nil {
		res.Hits = []index.Hit{}
	}
	for i := range res.Hits {
		if res.Hits[i].Speakers == nil {
			res.Hits[i].Speakers = []string{}
		}
	}
	f := &res.Facets
	if f.Speaker == nil {
		f.Speaker = []index.FacetValue{}
	}
	if f.Location == nil {
		f.Location = []index.FacetValue{}
	}
	if f.Source == nil {
		f.Source = []index.FacetValue{}
	}
	if f.Date == nil {
		f.Date = []index.DateBucket{}
	}
}

// getArticle answers GET /api/articles/<id> with the stored news.Document.
func (s *Server) getArticle(c echo.Context) error {
	id, err := articleID(c)
	if err != nil {
		return err
	}
	doc, err := s.store.Get(c.Request().Context(), id)
	if err != nil {
		return notFound(err, fmt.Sprintf("no article has the id %q", id), "article %q", id)
	}
	return c.JSON(http.StatusOK, doc)
}

// deleteArticle answers DELETE /api/articles/<id> with 204, or 404 for an unknown id.
func (s *Server) deleteArticle(c echo.Context) error {
	id, err := articleID(c)
	if err != nil {
		return err
	}
	if err := s.store.Delete(c.Request().Context(), id); err != nil {
		return notFound(err, fmt.Sprintf("no article has the id %q", id), "delete article %q", id)
	}
	return c.NoContent(http.StatusNoContent)
}

// notFound returns a 404 saying msg when err wraps index.ErrNotFound, else err with the
// context that format and args give.
func notFound(err error, msg, format string, args ...any) error {
	if errors.Is(err, index.ErrNotFound) {
		return echo.NewHTTPError(http.StatusNotFound, msg).SetInternal(err)
	}
	return fmt.Errorf(format+": %w", append(args, err)...)
}

// articleID returns the URL-decoded id after /api/articles/. Ids may hold slashes
// ("bbc/tech/001"), and escaped slashes ("bbc%2Ftech%2F001") work too.
func articleID(c echo.Context) (string, error) {
	id, ok := strings.CutPrefix(c.Request().URL.Path, "/api/articles/")
	if !ok {
		// The path was escaped in an unusual place; fall back to the router's raw wildcard.
		var err error
		if id, err = url.PathUnescape(c.Param("*")); err != nil {
			return "", badRequest("article id %q is not validly escaped: escape it as a URL path", c.Param("*"))
		}
	}
	if id == "" {
		return "", echo.NewHTTPError(http.StatusNotFound, "no article id in the path: use /api/articles/<id>")
	}
	return id, nil
}

// healthResponse is the body of GET /healthz. Goroutines and HeapBytes let a soak run watch
// for leaks.
type healthResponse struct {
	Status     string `json:"status"`
	Articles   uint64 `json:"articles"`
	Goroutines int    `json:"goroutines"`
	HeapBytes  uint64 `json:"heap_bytes"`
}

// health answers GET /healthz with the number of stored articles.
func (s *Server) health(c echo.Context) error {
	n, err := s.store.Count()
	if err != nil {
		return echo.NewHTTPError(http.StatusServiceUnavailable, "index unavailable").SetInternal(err)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return c.JSON(http.StatusOK, healthResponse{Status: "ok", Articles: n, Goroutines: runtime.NumGoroutine(), HeapBytes: ms.HeapAlloc})
}

// feedsResponse is the body of GET /api/feeds.
type feedsResponse struct {
	Feeds []feeds.Status `json:"feeds"`
}

// feedStatus answers GET /api/feeds with the state of every polled feed: an empty list when
// the server polls none.
func (s *Server) feedStatus(c echo.Context) error {
	out := feedsResponse{Feeds: []feeds.Status{}}
	if s.cfg.Feeds != nil {
		out.Feeds = append(out.Feeds, s.cfg.Feeds.Status()...)
	}
	return c.JSON(http.StatusOK, out)
}

// openAPIDoc answers GET /api/openapi.json with the API's OpenAPI document.
func (s *Server) openAPIDoc(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "no-cache")
	return c.JSONBlob(http.StatusOK, s.openAPI)
}

// page serves the UI's single HTML page, which renders both the search and the article views.
func (s *Server) page(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "no-cache")
	return c.HTMLBlob(http.StatusOK, s.indexHTML)
}

// requireKey lets a write request through only with "Authorization: Bearer <APIKey>". With no
// key configured, writes are refused.
func (s *Server) requireKey(next echo.HandlerFunc) echo.HandlerFunc {
	want := sha256.Sum256([]byte(s.cfg.APIKey))
	return func(c echo.Context) error {
		if s.cfg.APIKey == "" {
			return echo.NewHTTPError(http.StatusForbidden, "writes are disabled: set api_key")
		}
		auth := c.Request().Header.Get(echo.HeaderAuthorization)
		scheme, token, _ := strings.Cut(auth, " ")
		// Hashing first makes the comparison constant-time whatever the lengths.
		got := sha256.Sum256([]byte(strings.TrimSpace(token)))
		if !strings.EqualFold(scheme, "Bearer") || subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
			c.Response().Header().Set(echo.HeaderWWWAuthenticate, `Bearer realm="searchd"`)
			return echo.NewHTTPError(http.StatusUnauthorized, "missing or wrong API key: send the header Authorization: Bearer <api_key>")
		}
		return next(c)
	}
}

// addResponse is the body of POST /api/articles.
type addResponse struct {
	Indexed    int      `json:"indexed"`
	Unchanged  int      `json:"unchanged"` // already stored exactly so: accepted, nothing rewritten
	Duplicates int      `json:"duplicates"`
	Failed     int      `json:"failed"`
	Errors     []string `json:"errors"`
	Error      string   `json:"error,omitempty"` // set when nothing could be indexed
}

// addArticles answers POST /api/articles: it decodes a JSON object, a JSON array or NDJSON,
// indexes the valid articles and reports the records it could not use.
func (s *Server) addArticles(c echo.Context) error {
	r := c.Request()
	ctx := r.Context()
	max := s.cfg.MaxBodyBytes
	if r.ContentLength > max {
		return tooLarge(max)
	}
	body, err := io.ReadAll(http.MaxBytesReader(c.Response(), r.Body, max))
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return tooLarge(max)
		}
		return fmt.Errorf("read request body: %w", err)
	}
	format, err := bodyFormat(r.Header.Get(echo.HeaderContentType), body)
	if err != nil {
		return err
	}
	arts, recErrs, err := decodeArticles(ctx, body, format, ingest.Options{MaxArticleBytes: s.cfg.MaxArticleBytes})
	if err != nil {
		return err
	}
	s.cfg.Metrics.ObserveSkipped(len(recErrs))
	resp := addResponse{Failed: len(recErrs), Errors: []string{}}
	for i, e := range recErrs {
		if i == maxReportedErrors {
			resp.Errors = append(resp.Errors, fmt.Sprintf("... and %d more errors", len(recErrs)-i))
			break
		}
		resp.Errors = append(resp.Errors, e.Error())
	}
	if len(arts) == 0 {
		resp.Error = "no valid article in the request: send a JSON object, a JSON array of objects or NDJSON (one object a line), each with a title or body"
		return c.JSON(http.StatusBadRequest, resp)
	}
	stats, err := s.store.AddArticles(ctx, arts)
	if err != nil {
		if stats.Indexed+stats.Unchanged == 0 {
			return fmt.Errorf("add %d articles: %w", len(arts), err)
		}
		s.logger.ErrorContext(ctx, "add articles", "articles", len(arts), "indexed", stats.Indexed, "failed", stats.Failed, "err", err)
		resp.Errors = append(resp.Errors, fmt.Sprintf("%d articles could not be indexed: internal error", stats.Failed))
	}
	resp.Indexed, resp.Unchanged, resp.Duplicates = stats.Indexed, stats.Unchanged, stats.Duplicates
	resp.Failed += stats.Failed
	s.logger.InfoContext(ctx, "articles added", "indexed", resp.Indexed, "unchanged", resp.Unchanged, "duplicates", resp.Duplicates, "failed", resp.Failed)
	return c.JSON(http.StatusOK, resp)
}

// tooLarge is the 413 error for a body over the limit.
func tooLarge(max int64) error {
	return echo.NewHTTPError(http.StatusRequestEntityTooLarge,
		fmt.Sprintf("request body is larger than %d bytes: send at most %d bytes, or split the articles over several requests", max, max))
}
