package web

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/searchd/searchd/internal/index"
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
	res, err := s.store.SearchQuotes(c.Request().Context(), q)
	if errors.Is(err, index.ErrBadQuery) {
		return err
	}
	if err != nil {
		return fmt.Errorf("search quotes %q: %w", q.Q, err)
	}
	if res.Quotes == nil {
		res.Quotes = []index.Quote{}
	}
	if res.Facets.Speaker == nil {
		res.Facets.Speaker = []index.FacetValue{}
	}
	return c.JSON(http.StatusOK, res)
}
