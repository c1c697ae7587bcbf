package web

import (
	"net/http"
	"net/http/pprof"

	"github.com/labstack/echo/v4"
)

// routes lists every route of the server.
func (s *Server) routes(e *echo.Echo) {
	// JSON API.
	e.GET("/api/search", s.search, s.rateLimit)
	e.GET("/api/articles/*", s.getArticle)
	e.POST("/api/articles", s.addArticles, s.requireKey)
	e.DELETE("/api/articles/*", s.deleteArticle, s.requireKey)
	e.GET("/api/feeds", s.feedStatus)
	e.GET("/api/openapi.json", s.openAPIDoc)
	e.GET("/healthz", s.health)
	e.POST("/api/admin/backup", s.backup, s.requireKey)
	e.GET("/login", s.loginForm)
	e.POST("/login", s.login)

	// Operations: Prometheus metrics, when the server has them.
	if s.cfg.Metrics != nil {
		e.GET("/metrics", echo.WrapHandler(s.cfg.Metrics.Handler()))
	}

	// Profiling, when configured: CPU, heap, goroutines... for the API key's holder only.
	if s.cfg.Pprof {
		g := e.Group("/debug/pprof", s.requireKey)
		g.GET("/", echo.WrapHandler(http.HandlerFunc(pprof.Index)))
		g.GET("/cmdline", echo.WrapHandler(http.HandlerFunc(pprof.Cmdline)))
		g.GET("/profile", echo.WrapHandler(http.HandlerFunc(pprof.Profile)))
		g.GET("/symbol", echo.WrapHandler(http.HandlerFunc(pprof.Symbol)))
		g.GET("/trace", echo.WrapHandler(http.HandlerFunc(pprof.Trace)))
		g.GET("/:name", echo.WrapHandler(http.HandlerFunc(pprof.Index))) // heap, goroutine, allocs...
	}

	// News features: quotes, speakers, related articles, Atom feeds of searches. Each is a
	// search, and limited as /api/search is (the index bounds their time and concurrency).
	e.GET("/api/quotes", s.searchQuotes, s.rateLimit)
	e.GET("/api/speakers", s.suggestSpeakers, s.rateLimit)
	e.GET("/api/speakers/*", s.speaker, s.rateLimit)
	e.GET("/api/related/*", s.related, s.rateLimit)
	e.GET("/search.atom", s.searchAtom, s.rateLimit)

	// Browser UI: one page that renders the search and the article views.
	e.GET("/", s.page)
	e.GET("/articles/*", s.page)
	e.GET("/speakers/*", s.page)
	e.GET("/static/*", s.static)
}
