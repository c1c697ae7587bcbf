package ingest

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageMeta is what a page says about its article outside the article text.
type pageMeta struct {
	title, headline, ogTitle    string
	publisher, siteName         string
	canonical                   string
	authors                     []string
	published                   string
	modified                    string
	description, section        string
	metaAuthors                 []string
	metaDates                   map[string]string
	ldURL, ogURL, timePublished string
	ldFound                     bool
}

// dateMetaKeys are meta names and properties giving the publication date, best first.
var dateMetaKeys = []string{
	"article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
	"publish-date", "dc.date.issued", "dcterms.created", "dc.date", "parsely-pub-date", "sailthru.date", "date",
}

// authorMetaKeys are meta names giving the author.
var authorMetaKeys = map[string]bool{
	"author": true, "article:author": true, "dc.creator": true, "parsely-author": true, "sailthru.author": true, "byl": true,
}

// readMeta collects the metadata of the page rooted at doc. base resolves relative links.
func readMeta(doc *html.Node, base *url.URL) pageMeta {
	m := pageMeta{metaDates: map[string]string{}}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Title:
				if m.title == "" {
					m.title = collapse(textOf(n))
				}
			case atom.Meta:
				m.meta(n)
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") && m.canonical == "" {
					m.canonical = resolve(base, attr(n, "href"))
				}
			case atom.Script:
				if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") {
					m.jsonLD(textOf(n))
				}
				return
			case atom.Time:
				if m.timePublished == "" && (attr(n, "itemprop") == "datePublished" || hasAttr(n, "pubdate")) {
					m.timePublished = attr(n, "datetime")
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)

	if m.published == "" {
		for _, k := range dateMetaKeys {
			if v := m.metaDates[k]; v != "" {
				m.published = v
				break
			}
		}
	}
	if m.published == "" && m.timePublished != "" {
		m.published = m.timePublished
	}
	if len(m.authors) == 0 {
		m.authors = m.metaAuthors
	}
	if m.canonical == "" {
		m.canonical = resolve(base, firstNonEmpty(m.ldURL, m.ogURL))
	}
	return m
}

// meta reads one <meta> element.
func (m *pageMeta) meta(n *html.Node) {
	key := strings.ToLower(strings.TrimSpace(firstNonEmpty(attr(n, "property"), attr(n, "name"), attr(n, "itemprop"))))
	val := strings.TrimSpace(attr(n, "content"))
	if key == "" || val == "" {
		return
	}
	switch key {
	case "og:title":
		m.ogTitle = firstNonEmpty(m.ogTitle, val)
	case "og:site_name":
		m.siteName = firstNonEmpty(m.siteName, val)
	case "og:url":
		m.ogURL = firstNonEmpty(m.ogURL, val)
	case "description", "og:description":
		m.description = firstNonEmpty(m.description, val)
	case "article:section":
		m.section = firstNonEmpty(m.section, val)
	case "article:modified_time", "og:updated_time", "datemodified":
		m.modified = firstNonEmpty(m.modified, val)
	}
	for _, k := range dateMetaKeys {
		if key == k && m.metaDates[k] == "" {
			m.metaDates[k] = val
		}
	}
	if authorMetaKeys[key] && !strings.Contains(val, "://") {
		for _, name := range splitAuthors(strings.TrimPrefix(strings.TrimPrefix(val, "By "), "by ")) {
			if !contains(m.metaAuthors, name) {
				m.metaAuthors = append(m.metaAuthors, name)
			}
		}
	}
}

// reArticleType matches the schema.org types of news and blog articles.
var reArticleType = regexp.MustCompile(`^(?:https?://schema\.org/)?(?:\w*Article|Report|BlogPosting|LiveBlogPosting|SocialMediaPosting)$`)

// jsonLD reads one JSON-LD script: the first article object in it (top level, in an array, or
// in an @graph) gives headline, dates, authors, publisher and URL.
func (m *pageMeta) jsonLD(text string) {
	if m.ldFound {
		return
	}
	text = strings.TrimSpace(text)
	text = strings.TrimSuffix(strings.TrimPrefix(text, "<![CDATA["), "]]>")
	var v any
	if err := json.Unmarshal([]byte(text), &v); err != nil {
		return
	}
	obj := findArticle(v)
	if obj == nil {
		return
	}
	m.ldFound = true
	m.headline = collapse(str(obj["headline"]))
	if m.headline == "" {
		m.headline = collapse(str(obj["name"]))
	}
	if d := str(obj["datePublished"]); d != "" {
		m.published = d
	}
	m.modified = firstNonEmpty(str(obj["dateModified"]), m.modified)
	m.authors = names(obj["author"])
	if p := names(obj["publisher"]); len(p) > 0 {
		m.publisher = p[0]
	}
	m.ldURL = str(obj["url"])
	if m.ldURL == "" {
		switch e := obj["mainEntityOfPage"].(type) {
		case string:
			m.ldURL = e
		case map[string]any:
			m.ldURL = str(e["@id"])
		}
	}
	m.description = firstNonEmpty(str(obj["description"]), m.description)
	m.section = firstNonEmpty(m.section, str(obj["articleSection"]))
}

// findArticle returns the first object of an article type in a JSON-LD value.
func findArticle(v any) map[string]any {
	switch t := v.(type) {
	case []any:
		for _, e := range t {
			if o := findArticle(e); o != nil {
				return o
			}
		}
	case map[string]any:
		if isArticleType(t["@type"]) {
			return t
		}
		if g, ok := t["@graph"]; ok {
			return findArticle(g)
		}
	}
	return nil
}

func isArticleType(v any) bool {
	switch t := v.(type) {
	case string:
		return reArticleType.MatchString(t)
	case []any:
		for _, e := range t {
			if isArticleType(e) {
				return true
			}
		}
	}
	return false
}

// names returns the names in a JSON-LD person or organisation value: a string, an object with
// a name, or a list of those.
func names(v any) []string {
	var out []string
	switch t := v.(type) {
	case string:
		out = append(out, splitAuthors(t)...)
	case map[string]any:
		if n := collapse(str(t["name"])); n != "" {
			out = append(out, n)
		}
	case []any:
		for _, e := range t {
			for _, n := range names(e) {
				if !contains(out, n) {
					out = append(out, n)
				}
			}
		}
	}
	return out
}

// str returns v when it is a string (or the first string of a list), else "".
func str(v any) string {
	switch t := v.(type) {
	case string:
		return strings.TrimSpace(t)
	case []any:
		if len(t) > 0 {
			return str(t[0])
		}
	}
	return ""
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// resolve makes ref absolute against base; without a base it returns ref as it is.
func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || base == nil {
		return ref
	}
	u, err := base.Parse(ref)
	if err != nil {
		return ref
	}
	return u.String()
}

// textOf returns the concatenated text of n's descendants.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// collapse trims s and replaces runs of white space with one space.
func collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// blockTags start a new paragraph in htmlText.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true,
	atom.H6: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Blockquote: true, atom.Pre: true,
	atom.Section: true, atom.Article: true, atom.Header: true, atom.Table: true, atom.Tr: true,
	atom.Td: true, atom.Th: true, atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Figure: true,
	atom.Hr: true, atom.Main: true, atom.Address: true,
}

// skipTags hold no article prose.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Figcaption: true, atom.Svg: true,
	atom.Button: true, atom.Template: true, atom.Iframe: true, atom.Head: true, atom.Select: true,
}

// htmlText renders the text of n as paragraphs separated by "\n\n": each block element (p,
// headings, list items, quotes, ...) is a paragraph, <br> breaks a line, two <br> a paragraph,
// and white space inside a line is collapsed.
func htmlText(n *html.Node) string {
	var paras []string
	var cur strings.Builder
	flush := func() {
		var lines []string
		for _, l := range strings.Split(cur.String(), "\n") {
			l = collapse(l)
			if l == "" {
				if len(lines) > 0 {
					paras = append(paras, strings.Join(lines, "\n"))
					lines = lines[:0]
				}
				continue
			}
			lines = append(lines, l)
		}
		if len(lines) > 0 {
			paras = append(paras, strings.Join(lines, "\n"))
		}
		cur.Reset()
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(strings.ReplaceAll(n.Data, "\n", " "))
			return
		case html.ElementNode:
			if skipTags[n.DataAtom] {
				return
			}
			if n.DataAtom == atom.Br {
				cur.WriteByte('\n')
				return
			}
		}
		block := n.Type == html.ElementNode && blockTags[n.DataAtom]
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			flush()
		}
	}
	walk(n)
	flush()
	return strings.Join(paras, "\n\n")
}
