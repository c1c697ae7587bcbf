package web

import "github.com/labstack/echo/v4"

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

	// News features: quotes, speakers, related articles, Atom feeds of searches.
	e.GET("/api/quotes", s.searchQuotes)
	e.GET("/api/speakers", s.suggestSpeakers)
	e.GET("/api/speakers/*", s.speaker)
	e.GET("/api/related/*", s.related)
	e.GET("/search.atom", s.searchAtom)

	// Browser UI: one page that renders the search and the article views.
	e.GET("/", s.page)
	e.GET("/articles/*", s.page)
	e.GET("/speakers/*", s.page)
	e.StaticFS("/static/", s.assets)
}
