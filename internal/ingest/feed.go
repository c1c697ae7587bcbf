package ingest

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/searchd/searchd/internal/news"
)

// ErrNotFeed is reported for a file that is not an RSS, Atom or JSON feed.
var ErrNotFeed = errors.New("not an RSS or Atom feed")

// Feed is a parsed RSS, Atom or JSON feed.
type Feed struct {
	Title string // the feed's title, the Source of its articles
	Link  string // the site's address
	Items []FeedItem
}

// FeedItem is one entry of a feed, read as an article.
type FeedItem struct {
	// Key identifies the entry across reads of the feed: its GUID, else its link, else its title.
	Key string
	// Link is the address of the entry's page ("" when the feed gives none).
	Link string
	// Article is the entry as the feed tells it: title, content (content:encoded, else the
	// description or summary, HTML reduced to paragraphs), link as URL, published date, authors
	// and the feed's title as Source. It is empty when Err is set.
	Article news.Article
	// Err says why the entry could not be read (no title and no content, too large).
	Err error
}

// ParseFeed reads an RSS 2.0 (or 0.9x/1.0), Atom or JSON feed with gofeed and turns its entries
// into articles. It fails only when r is not a feed; a bad entry is a FeedItem with Err set.
func ParseFeed(r io.Reader, opts Options) (*Feed, error) {
	f, err := gofeed.NewParser().Parse(r)
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return nil, ErrNotFeed
		}
		return nil, fmt.Errorf("parse feed: %w", err)
	}
	out := &Feed{Title: collapse(f.Title), Link: strings.TrimSpace(f.Link), Items: make([]FeedItem, 0, len(f.Items))}
	for _, it := range f.Items {
		if it == nil {
			continue
		}
		a, err := feedArticle(it, out.Title, opts)
		item := FeedItem{Key: firstNonEmpty(it.GUID, it.Link, it.Title), Link: strings.TrimSpace(it.Link), Article: a, Err: err}
		out.Items = append(out.Items, item)
	}
	return out, nil
}

// feedArticle turns one entry into an article.
func feedArticle(it *gofeed.Item, source string, opts Options) (news.Article, error) {
	a := news.Article{
		Title:  collapse(it.Title),
		Body:   FragmentText(firstNonEmpty(it.Content, it.Description)),
		Source: source,
		URL:    strings.TrimSpace(it.Link),
	}
	switch {
	case it.PublishedParsed != nil:
		a.Date = *it.PublishedParsed
	case it.UpdatedParsed != nil:
		a.Date = *it.UpdatedParsed
	}
	for _, p := range it.Authors {
		if p != nil && !contains(a.Authors, firstNonEmpty(p.Name, p.Email)) {
			a.Authors = append(a.Authors, firstNonEmpty(p.Name, p.Email))
		}
	}
	if len(a.Authors) == 0 && it.Author != nil {
		a.Authors = []string{firstNonEmpty(it.Author.Name, it.Author.Email)}
	}
	setMeta(&a, "guid", it.GUID)
	setMeta(&a, "categories", strings.Join(it.Categories, ", "))
	if a.URL == "" && it.GUID != "" {
		a.ID = "feed-" + shortHash(it.GUID)
	}
	return (&builder{a: a}).finish(opts)
}

// FragmentText reduces a piece of HTML (a feed entry's content) to paragraphs separated by
// "\n\n", as ParseHTML does for an article body. Text without tags keeps its own paragraphs.
func FragmentText(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if !strings.ContainsAny(s, "<&") {
		return paragraphs(strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n"))
	}
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(s), root)
	if err != nil {
		return collapse(s)
	}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	return htmlText(root)
}

// feed reads one feed file: each entry is a record.
func (d *decoder) feed(r io.Reader) error {
	limit := d.opts.maxRecordBytes() * 4
	f, err := ParseFeed(io.LimitReader(r, limit), d.opts)
	if err != nil {
		return d.emit(0, news.Article{}, err)
	}
	for i, it := range f.Items {
		err := it.Err
		if err != nil {
			err = fmt.Errorf("entry %d (%q): %w", i+1, firstNonEmpty(it.Key, "no id"), err)
		}
		if ferr := d.emit(0, it.Article, err); ferr != nil {
			return ferr
		}
	}
	return nil
}

// isFeedFile reports whether the .xml (or .xml.gz) file at path is a feed, by its root element.
func isFeedFile(path string) bool {
	file, err := os.Open(path)
	if err != nil {
		return true // let the reader report the error
	}
	defer file.Close()
	br := bufio.NewReader(file)
	var r io.Reader = br
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return true
		}
		defer zr.Close()
		r = zr
	}
	return gofeed.DetectFeedType(io.LimitReader(r, 64<<10)) != gofeed.FeedTypeUnknown
}
