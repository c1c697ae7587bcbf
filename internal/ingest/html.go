package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/searchd/searchd/internal/dates"
	"github.com/searchd/searchd/internal/news"
)

// ErrNoArticle is reported for an HTML page in which no article text could be found.
var ErrNoArticle = errors.New("no article text found in the page")

// html reads one HTML page (.html, .htm) and extracts its article.
func (d *decoder) html(r io.Reader) error {
	limit := d.opts.maxRecordBytes()
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		d.onErr(readError(d.name, 0, err))
		return d.ctx.Err()
	}
	if int64(len(data)) > limit {
		return d.emit(0, news.Article{}, fmt.Errorf("%w: file larger than %d bytes", ErrTooLarge, limit))
	}
	a, err := ParseHTML(bytes.NewReader(data), "", d.opts)
	return d.emit(0, a, err)
}

// ParseHTML extracts the article of an HTML page: its main text, without menus, ads, related
// links, cookie banners or comments (found with go-readability, a port of Mozilla's Readability),
// as paragraphs separated by blank lines; and its metadata from JSON-LD (NewsArticle and the other
// Article types: headline, datePublished, author, publisher), Open Graph and article:* meta tags,
// and the canonical link. pageURL, the address the page was fetched from, resolves a relative
// canonical link and is the article's URL when the page names none; it may be empty.
//
// The article's URL is the canonical one, and its id is derived from it by ID. Meta keeps the
// byline ("byline"), the modification date ("modified"), the description ("description") and
// the section ("section") when the page gives them.
func ParseHTML(r io.Reader, pageURL string, opts Options) (news.Article, error) {
	doc, err := html.Parse(r)
	if err != nil {
		return news.Article{}, fmt.Errorf("parse HTML: %w", err)
	}
	base, _ := url.Parse(pageURL)
	if base != nil && base.Host == "" {
		base = nil
	}
	m := readMeta(doc, base)

	removeBoilerplate(doc)
	p := readability.NewParser()
	p.CharThresholds = 200
	art, err := p.ParseAndMutate(doc, base)
	if err != nil {
		return news.Article{}, fmt.Errorf("readability: %w", err)
	}
	a := news.Article{
		Title:   firstNonEmpty(m.headline, m.ogTitle, art.Title(), m.title),
		Source:  firstNonEmpty(m.publisher, m.siteName, art.SiteName()),
		URL:     firstNonEmpty(m.canonical, pageURL),
		Authors: m.authors,
	}
	if art.Node != nil {
		a.Body = htmlText(art.Node)
		a.Body = dropLeadingTitle(a.Body, a.Title)
	}
	if a.Body == "" && m.description == "" {
		return news.Article{}, ErrNoArticle
	}
	if a.Body == "" {
		a.Body = m.description
	}
	byline := strings.TrimSpace(art.Byline())
	if len(a.Authors) == 0 && byline != "" {
		if names, src, ok := byline2(byline); ok {
			a.Authors = names
			if a.Source == "" {
				a.Source = src
			}
		}
	}
	setMeta(&a, "byline", byline)
	setMeta(&a, "modified", m.modified)
	setMeta(&a, "description", m.description)
	setMeta(&a, "section", m.section)
	if !utf8.ValidString(a.Title) || !utf8.ValidString(a.Body) {
		return news.Article{}, invalidUTF8("body")
	}
	if m.published != "" {
		if t, err := dates.Parse(m.published); err == nil {
			a.Date = t
		} else {
			setMeta(&a, "published", m.published) // kept, not fatal: the text may still date it
		}
	} else if t, err := art.PublishedTime(); err == nil {
		a.Date = t
	}
	return (&builder{a: a}).finish(opts)
}

// byline2 parses a readability byline such as "By Jane Doe and John Roe, Reuters".
func byline2(s string) ([]string, string, bool) {
	s = strings.TrimSpace(s)
	if w, rest, ok := strings.Cut(s, " "); ok && strings.EqualFold(w, "by") {
		s = rest
	}
	return byline(s)
}

func setMeta(a *news.Article, k, v string) {
	if v = strings.TrimSpace(v); v == "" {
		return
	}
	if a.Meta == nil {
		a.Meta = map[string]string{}
	}
	a.Meta[k] = v
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// dropLeadingTitle removes a first paragraph that repeats the title (an <h1> inside the article).
func dropLeadingTitle(body, title string) string {
	first, rest, _ := strings.Cut(body, "\n\n")
	if title != "" && strings.EqualFold(strings.TrimSpace(first), title) {
		return strings.TrimSpace(rest)
	}
	return body
}

// reBoilerplate matches class and id words of page parts that are never the article.
var reBoilerplate = regexp.MustCompile(`(?i)(^|[\s_-])(cookie|cookies|consent|gdpr|newsletter|subscribe|paywall|related|recommended|read-?more|more-stories|comments?|disqus|advert|advertisement|ads?|ad-slot|sponsored|promo|share|sharing|social|breadcrumbs?|nav|navbar|menu|sidebar|footer|masthead|skip-link|outbrain|taboola)($|[\s_-])`)

// boilerplateTags are elements whose content is never article text.
var boilerplateTags = map[atom.Atom]bool{
	atom.Nav: true, atom.Aside: true, atom.Footer: true, atom.Form: true, atom.Dialog: true,
	atom.Button: true, atom.Noscript: true, atom.Iframe: true, atom.Template: true, atom.Select: true,
}

// removeBoilerplate deletes navigation, asides, forms, and elements whose class, id or role
// names boilerplate (cookie banners, ads, related links, comments, share bars) before
// readability scores the page: readability removes most of them too, but not when they sit
// inside the article's container.
func removeBoilerplate(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && isBoilerplate(c) {
			n.RemoveChild(c)
		} else {
			removeBoilerplate(c)
		}
		c = next
	}
}

func isBoilerplate(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Html, atom.Body, atom.Main, atom.Article, atom.Head:
		return false
	}
	if boilerplateTags[n.DataAtom] {
		return !holdsArticle(n)
	}
	for _, at := range n.Attr {
		switch at.Key {
		case "class", "id":
			if reBoilerplate.MatchString(at.Val) {
				return !holdsArticle(n)
			}
		case "role":
			switch at.Val {
			case "navigation", "complementary", "banner", "contentinfo", "dialog", "alertdialog", "search":
				return !holdsArticle(n)
			}
		case "aria-hidden":
			if at.Val == "true" {
				return !holdsArticle(n)
			}
		case "hidden":
			return !holdsArticle(n)
		}
	}
	return false
}

// holdsArticle reports whether n contains the article's headline or body (an <h1>, <main>, or an
// itemprop="articleBody" element), as a page wrapper with class "with-sidebar" does: such an
// element is not boilerplate, whatever its class says.
func holdsArticle(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom == atom.H1 || c.DataAtom == atom.Main || attr(c, "itemprop") == "articleBody" || holdsArticle(c) {
			return true
		}
	}
	return false
}

// attr returns the value of n's attribute key, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
