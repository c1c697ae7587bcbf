package web

import (
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/searchd/searchd/internal/index"
	"github.com/searchd/searchd/internal/metrics"
)

// atomNS is the Atom namespace (RFC 4287).
const atomNS = "http://www.w3.org/2005/Atom"

// atomFeed is an Atom feed document.
type atomFeed struct {
	XMLName xml.Name    `xml:"feed"`
	NS      string      `xml:"xmlns,attr"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomPerson  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type atomEntry struct {
	ID        string       `xml:"id"`
	Title     string       `xml:"title"`
	Updated   string       `xml:"updated"`
	Published string       `xml:"published,omitempty"`
	Links     []atomLink   `xml:"link"`
	Authors   []atomPerson `xml:"author,omitempty"`
	Summary   atomText     `xml:"summary"`
}

// searchAtom answers GET /search.atom with an Atom feed of the newest articles matching the
// parameters of GET /api/search (sort and after are ignored: a feed is always newest first).
func (s *Server) searchAtom(c echo.Context) error {
	params := c.QueryParams()
	q, err := parseQuery(params)
	if err != nil {
		return err
	}
	q.Sort, q.After = index.SortDateDesc, ""
	start := time.Now()
	res, err := s.store.Search(c.Request().Context(), q)
	s.observeSearch(metrics.EndpointAtom, start, err)
	if errors.Is(err, index.ErrBadQuery) {
		return err
	}
	if err != nil {
		return fmt.Errorf("feed: %w", err) // the index's error names the query
	}
	base := s.publicBase(c.Request())
	clean := url.Values{}
	for k, v := range params {
		if k != "sort" && k != "after" {
			clean[k] = v
		}
	}
	qs := clean.Encode()
	if qs != "" {
		qs = "?" + qs
	}
	feed := atomFeed{
		NS:     atomNS,
		ID:     base + "/search.atom" + qs,
		Title:  feedTitle(q),
		Author: atomPerson{Name: "searchd"},
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: base + "/search.atom" + qs},
			{Rel: "alternate", Type: "text/html", Href: base + "/" + qs},
		},
	}
	var newest time.Time
	for _, h := range res.Hits {
		link := base + "/articles/" + escapeID(h.ID)
		e := atomEntry{
			ID:      link,
			Title:   h.Title,
			Links:   []atomLink{{Rel: "alternate", Type: "text/html", Href: link}},
			Summary: atomText{Type: "html", Body: h.Snippet},
		}
		if u := webLink(h.URL); u != "" {
			e.Links = append(e.Links, atomLink{Rel: "related", Type: "text/html", Href: u})
		}
		if h.Source != "" {
			e.Authors = []atomPerson{{Name: h.Source}}
		}
		updated := time.Unix(0, 0).UTC()
		if h.Date != nil {
			updated = h.Date.UTC()
			e.Published = updated.Format(time.RFC3339)
		}
		e.Updated = updated.Format(time.RFC3339)
		if updated.After(newest) {
			newest = updated
		}
		feed.Entries = append(feed.Entries, e)
	}
	if newest.IsZero() {
		newest = time.Unix(0, 0).UTC()
	}
	feed.Updated = newest.Format(time.RFC3339)
	body, err := xml.MarshalIndent(feed, "", "  ")
	if err != nil {
		return fmt.Errorf("encode feed: %w", err)
	}
	c.Response().Header().Set("Cache-Control", "no-cache")
	return c.Blob(http.StatusOK, "application/atom+xml; charset=utf-8", append([]byte(xml.Header), body...))
}

// feedTitle describes the search in words.
func feedTitle(q index.Query) string {
	var parts []string
	if q.Q != "" {
		parts = append(parts, fmt.Sprintf("%q", q.Q))
	}
	for _, f := range []struct {
		label  string
		values []string
	}{{"quoting", q.Speakers}, {"from", q.Locations}, {"about", q.Places}, {"in", q.Sources}} {
		if len(f.values) > 0 {
			parts = append(parts, f.label+" "+strings.Join(f.values, " or "))
		}
	}
	if len(parts) == 0 {
		return "searchd: newest articles"
	}
	return "searchd: " + strings.Join(parts, ", ")
}

// escapeID escapes an article id for a path, keeping its slashes.
func escapeID(id string) string {
	parts := strings.Split(id, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return strings.Join(parts, "/")
}
