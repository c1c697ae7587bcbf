// Package web is searchd's HTTP layer: an Echo server with the JSON API (search, read, add and
// delete articles, feed status, health) and the browser UI, whose files it serves from an injected fs.FS.
//
// Handlers return errors; one HTTPErrorHandler turns them into a status and a JSON body
// {"error": "..."}: index.ErrBadQuery gives 400, index.ErrNotFound 404, an *echo.HTTPError keeps
// its code, and anything else is logged and answered 500 "internal error".
//
// Every request gets an id: the client's X-Request-ID when it is sane (1 to 128 letters, digits
// and ._:+=/-), else a random one. It is sent back in X-Request-ID and carried in the request's
// context (logctx), so that every log line written for the request has request_id. One line is
// logged per request, and each request is counted in the Prometheus metrics served at /metrics.
// The API is described by an OpenAPI 3.1 document served at /api/openapi.json.
package web

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/searchd/searchd/internal/feeds"
	"github.com/searchd/searchd/internal/index"
	"github.com/searchd/searchd/internal/logctx"
	"github.com/searchd/searchd/internal/metrics"
	"github.com/searchd/searchd/internal/news"
)

// DefaultMaxBodyBytes is the request body limit used when Config.MaxBodyBytes is zero.
const DefaultMaxBodyBytes = 32 << 20

// Store is what the server needs from the index. *index.Index satisfies it.
type Store interface {
	Search(ctx context.Context, q index.Query) (*index.Results, error)
	Get(ctx context.Context, id string) (news.Document, error)
	AddArticles(ctx context.Context, arts []news.Article) (index.LoadStats, error)
	Delete(ctx context.Context, id string) error
	Count() (uint64, error)

	// The news features (news.go).
	SearchQuotes(ctx context.Context, q index.Query) (*index.QuoteResults, error)
	SuggestIn(ctx context.Context, prefix string, size int, within index.Query) ([]index.FacetValue, error)
	Speaker(ctx context.Context, name string) (*index.SpeakerPage, error)
	Related(ctx context.Context, id string) (*index.Related, error)
}

// Config holds the server settings.
type Config struct {
	// APIKey is the bearer token that POST and DELETE require. Empty disables writes.
	APIKey string
	// MaxBodyBytes limits request bodies; 0 means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// PublicURL is the server's address as its users reach it (http.public_url), such as
	// https://news.example.org, for the absolute links of Atom feeds. Empty: the request's Host,
	// with the scheme a trusted proxy gives in X-Forwarded-Proto.
	PublicURL string
	// MaxArticleBytes is the largest article body POST accepts (ingest.max_article_bytes); 0
	// means ingest.DefaultMaxArticleBytes.
	MaxArticleBytes int
	// Feeds reports the state of the polled feeds at GET /api/feeds; nil when no feeds are polled.
	Feeds FeedReporter
	// Metrics records request and search metrics and is served at /metrics. Nil records nothing
	// and leaves /metrics out.
	Metrics *metrics.Metrics
	// TrustedProxies lists the networks (CIDR, such as "127.0.0.1/32") of reverse proxies whose
	// X-Forwarded-For header is believed for the client address that is logged. Empty: the
	// header is ignored and the peer address is logged.
	TrustedProxies []string
	// ReadKey, when set, makes the whole server private: every request but /login, /healthz
	// and /static/ needs it (or APIKey) as a bearer token, or the cookie /login sets.
	ReadKey string
	// RateLimit is the searches per second allowed per client address; 0 disables the limit.
	RateLimit float64
	// RateBurst is how many searches a client may make at once before RateLimit applies.
	RateBurst int
	// RateLimitLoopback applies RateLimit to loopback clients too, which are exempt otherwise.
	RateLimitLoopback bool
	// CORSOrigins lists the origins allowed to call the API from a browser; empty: none.
	CORSOrigins []string
	// BackupDir is where POST /api/admin/backup writes copies of the index; empty disables it.
	BackupDir string
	// Pprof serves Go's profiles (net/http/pprof) under /debug/pprof/, to APIKey holders only.
	Pprof bool
}

// FeedReporter tells the state of the polled feeds. *feeds.Poller satisfies it.
type FeedReporter interface {
	Status() []feeds.Status
}

// Server is searchd's HTTP server: routes, handlers and the UI.
type Server struct {
	logger    *slog.Logger
	store     Store
	cfg       Config
	indexHTML []byte
	files     map[string]staticFile // the UI's other files (static.go)
	openAPI   []byte                // the OpenAPI document, as JSON
	routeSet  map[string]bool       // route patterns, to tell a matched route from a 404
	echo      *echo.Echo
	limits    *limiters    // per-client search buckets; nil without a rate limit
	logins    *limiters    // per-client buckets of POST /login
	publicURL string       // Config.PublicURL without a trailing slash
	proxies   []*net.IPNet // Config.TrustedProxies
}

// contentSecurityPolicy allows only the server's own files: no inline script, no CDN.
const contentSecurityPolicy = "default-src 'self'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

// NewServer builds the server. assets is the UI file tree with index.html at its root (as
// returned by web.Assets); a tree with the files under "static/" (web.Static) is accepted too.
// It fails when index.html is missing, so that a broken build is found at start-up.
func NewServer(logger *slog.Logger, store Store, assets fs.FS, cfg Config) (*Server, error) {
	if logger == nil {
		return nil, errors.New("web: nil logger")
	}
	if store == nil {
		return nil, errors.New("web: nil store")
	}
	if assets == nil {
		return nil, errors.New("web: nil assets")
	}
	if cfg.MaxBodyBytes < 0 {
		return nil, fmt.Errorf("web: max body bytes %d: must be positive, or 0 for the default", cfg.MaxBodyBytes)
	}
	if cfg.MaxBodyBytes == 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if _, err := fs.Stat(assets, "index.html"); err != nil {
		if sub, subErr := fs.Sub(assets, "static"); subErr == nil {
			if _, err2 := fs.Stat(sub, "index.html"); err2 == nil {
				assets = sub
			}
		}
	}
	page, err := fs.ReadFile(assets, "index.html")
	if err != nil {
		return nil, fmt.Errorf("web: read UI page: %w", err)
	}
	files, err := readStatic(assets)
	if err != nil {
		return nil, err
	}
	page = versionLinks(page, files)
	doc, err := openAPIJSON()
	if err != nil {
		return nil, err
	}
	publicURL, err := parsePublicURL(cfg.PublicURL)
	if err != nil {
		return nil, err
	}
	extractIP, err := ipExtractor(cfg.TrustedProxies)
	if err != nil {
		return nil, err
	}
	s := &Server{logger: logctx.Wrap(logger), store: store, cfg: cfg, indexHTML: page, files: files, openAPI: doc,
		publicURL: publicURL, proxies: parseProxies(cfg.TrustedProxies), logins: newLimiters(loginRate, loginBurst)}
	if cfg.RateLimit > 0 {
		s.limits = newLimiters(cfg.RateLimit, cfg.RateBurst)
	}

	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	e.IPExtractor = extractIP
	e.HTTPErrorHandler = s.handleError
	e.Use(requestID, s.requestLogger, recoverPanic)
	e.Use(securityHeaders, strictQuery)
	e.Use(compress())
	if len(cfg.CORSOrigins) > 0 {
		e.Use(middleware.CORSWithConfig(middleware.CORSConfig{
			AllowOrigins: cfg.CORSOrigins,
			AllowMethods: []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodDelete},
			AllowHeaders: []string{echo.HeaderAuthorization, echo.HeaderContentType},
		}))
	}
	s.echo = e
	e.Use(s.requireRead)
	s.routes(e)
	s.routeSet = map[string]bool{}
	for _, r := range e.Routes() {
		s.routeSet[r.Path] = true
	}
	return s, nil
}

// ipExtractor returns how Echo finds the client address: the peer address, or with trusted
// proxies the last X-Forwarded-For entry not sent by one of them.
func ipExtractor(trusted []string) (echo.IPExtractor, error) {
	if len(trusted) == 0 {
		return echo.ExtractIPDirect(), nil
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, cidr := range trusted {
		_, n, err := net.ParseCIDR(strings.TrimSpace(cidr))
		if err != nil {
			return nil, fmt.Errorf("web: trusted proxy %q: want a network such as 127.0.0.1/32 or 10.0.0.0/8: %w", cidr, err)
		}
		opts = append(opts, echo.TrustIPRange(n))
	}
	return echo.ExtractIPFromXFFHeader(opts...), nil
}

// Handler returns the server's http.Handler, to be wrapped in an http.Server by the caller.
// A HEAD request is served as the GET of the same URL without the body (Echo's router answered
// 405 for every route, which has only GET).
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodHead {
			s.echo.ServeHTTP(w, r)
			return
		}
		get := r.Clone(r.Context())
		get.Method = http.MethodGet
		s.echo.ServeHTTP(headWriter{w}, get)
	})
}

// headWriter is the ResponseWriter of a HEAD request served as a GET: headers and status go
// through, the body does not.
type headWriter struct{ http.ResponseWriter }

func (w headWriter) Write(p []byte) (int, error) { return len(p), nil }

// Unwrap lets http.ResponseController reach the connection's writer (Flush).
func (w headWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// errorBody is the JSON body of every error response.
type errorBody struct {
	Error string `json:"error"`
}

// handleError is the one place that turns a handler error into a response.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	code, msg := http.StatusInternalServerError, "internal error"
	var he *echo.HTTPError
	switch {
	case errors.As(err, &he):
		code = he.Code
		msg = http.StatusText(code)
		if m, ok := he.Message.(string); ok && m != "" {
			msg = m
		}
		switch he {
		case echo.ErrNotFound:
			msg = c.Request().URL.Path + " not found"
			if strings.HasPrefix(c.Request().URL.Path, "/api/") {
				msg += ": the API has /api/search, /api/articles/<id>, /api/feeds and /healthz"
			}
		case echo.ErrMethodNotAllowed:
			msg = fmt.Sprintf("method %s is not allowed on %s (allowed: %s)", c.Request().Method, c.Request().URL.Path, c.Response().Header().Get(echo.HeaderAllow))
		}
		if code >= 500 {
			s.logger.ErrorContext(c.Request().Context(), "request failed", "method", c.Request().Method, "path", c.Request().URL.Path, "status", code, "err", err)
		}
		if code == http.StatusInternalServerError {
			msg = "internal error"
		}
	case errors.Is(err, index.ErrBadQuery):
		code, msg = http.StatusBadRequest, err.Error()
	case errors.Is(err, index.ErrNotFound):
		code, msg = http.StatusNotFound, err.Error()
	case errors.Is(err, index.ErrReadOnly):
		// The cause (a path, an OS error) is logged, not shown.
		code, msg = http.StatusServiceUnavailable, "the index cannot be written now: searches still work; try again later"
		s.logger.ErrorContext(c.Request().Context(), "write refused", "method", c.Request().Method, "path", c.Request().URL.Path, "err", err)
	case errors.Is(err, index.ErrBusy):
		// A costly search that other searches kept waiting: a client that retries at once
		// only adds to the queue.
		code, msg = http.StatusServiceUnavailable, "the server is busy: this query is costly (a long phrase, many words or wildcards) and waits behind other searches; retry later or narrow it"
		c.Response().Header().Set("Retry-After", strconv.Itoa(busyRetryAfter))
	case errors.Is(err, context.DeadlineExceeded):
		code, msg = http.StatusServiceUnavailable, "the search took too long: narrow it with more words or filters"
		s.logger.WarnContext(c.Request().Context(), "request timed out", "method", c.Request().Method, "path", c.Request().URL.Path, "err", err)
	case errors.Is(err, context.Canceled):
		// The client went away; nobody reads the answer.
		code = 499
		s.logger.InfoContext(c.Request().Context(), "request canceled", "method", c.Request().Method, "path", c.Request().URL.Path)
	default:
		s.logger.ErrorContext(c.Request().Context(), "request failed", "method", c.Request().Method, "path", c.Request().URL.Path, "err", err)
	}
	if c.Request().Method == http.MethodHead {
		err = c.NoContent(code)
	} else {
		err = c.JSON(code, errorBody{Error: msg})
	}
	if err != nil {
		s.logger.WarnContext(c.Request().Context(), "write error response", "path", c.Request().URL.Path, "err", err)
	}
}

// busyRetryAfter is the Retry-After, in seconds, of a costly search refused with index.ErrBusy.
const busyRetryAfter = 2

// HeaderRequestID is the header that carries the request id, in both directions.
const HeaderRequestID = "X-Request-ID"

// maxRequestIDLen is the longest client request id that is kept.
const maxRequestIDLen = 128

// requestID gives the request an id: the client's X-Request-ID when it is sane, else a new
// random one. The id is sent back in the response header and put in the request's context, so
// that every line logged with that context carries request_id.
func requestID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		id := req.Header.Get(HeaderRequestID)
		if !saneRequestID(id) {
			id = rand.Text()
		}
		c.Response().Header().Set(HeaderRequestID, id)
		c.SetRequest(req.WithContext(logctx.With(req.Context(), slog.String("request_id", id))))
		return next(c)
	}
}

// saneRequestID reports whether a client's request id can be logged and echoed as it is: 1 to
// maxRequestIDLen characters from a set without spaces, quotes or control characters.
func saneRequestID(id string) bool {
	if id == "" || len(id) > maxRequestIDLen {
		return false
	}
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		case strings.ContainsRune("._:+=/-", r):
		default:
			return false
		}
	}
	return true
}

// requestLogger logs one line per request (method, route, uri, status, latency, response size,
// client address and, through the context, request_id) and records it in the metrics. It never
// logs bodies or headers, nor the query string of write requests. Errors are handed to the error
// handler first, so that the logged status is the one sent.
func (s *Server) requestLogger(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		took := time.Since(start)
		req, res := c.Request(), c.Response()
		route := c.Path()
		if !s.routeSet[route] {
			route = metrics.UnmatchedRoute
		}
		s.cfg.Metrics.ObserveRequest(route, req.Method, res.Status, took)
		target := req.URL.RequestURI()
		if req.Method != http.MethodGet && req.Method != http.MethodHead {
			target = req.URL.Path
		}
		level := slog.LevelInfo
		if res.Status >= 500 {
			level = slog.LevelError
		}
		s.logger.LogAttrs(req.Context(), level, "request",
			slog.String("method", req.Method),
			slog.String("route", route),
			slog.String("uri", target),
			slog.Int("status", res.Status),
			slog.Duration("latency", took),
			slog.Int64("bytes", res.Size),
			slog.String("remote", c.RealIP()),
		)
		return nil
	}
}

// recoverPanic turns a panic in a handler into an error for the error handler, with the stack.
// strictQuery answers 400 for a query string that does not decode: a bad escape (q=%%%), a ";"
// separator (since=2019-01-01;size=1) or more parameters than Go reads (10,000). Echo's
// QueryParams drops what does not decode, or every parameter, without a word, so such a
// request used to run as another one (q=%%% answered every article; the filter was lost).
func strictQuery(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if raw := c.Request().URL.RawQuery; raw != "" {
			if _, err := url.ParseQuery(raw); err != nil {
				return badRequest("the query string cannot be decoded: %v (escape %% as %%25, separate parameters with &)", err)
			}
		}
		return next(c)
	}
}

func recoverPanic(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			if r := recover(); r != nil {
				if r == http.ErrAbortHandler {
					panic(r)
				}
				err = fmt.Errorf("panic: %v\n%s", r, debug.Stack())
			}
		}()
		return next(c)
	}
}

// securityHeaders sets, on every response (API, pages, files and errors), headers that keep
// the UI to its own origin: the CSP, no MIME sniffing, no framing, same-origin referrers.
func securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Frame-Options", "DENY")
		return next(c)
	}
}
