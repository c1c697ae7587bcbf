package index

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/searchd/searchd/internal/news"
)

// Quotes are indexed as documents of their own beside the articles, in the same index and the
// same batch as their article, with the id "<article id>#q<n>" (n counts the article's quotes
// from 0) and the type field set to typeQuote. Article searches filter on type:article, so
// quote documents never appear in their hits or facets.
//
// Why not Bleve's nested mappings: a nested search returns the root document (the article)
// with its matching children merged into it, while quote search wants each quote as a hit of
// its own, sorted and paged by the quote, with a facet that counts quotes. Quote documents
// give that with the ordinary search path, and replacing an article replaces its quotes in the
// same atomic batch (load.go deletes the ids the new version no longer has).

// quoteHighlightWidth is the longest quote shown whole; longer ones are cut around the matches.
const quoteHighlightWidth = 400

// Quote is one quote as quote search returns it: the statement, who made it, and the article.
type Quote struct {
	ID        string         `json:"id"` // "<article id>#q<n>"
	Text      string         `json:"text"`
	Highlight string         `json:"highlight,omitempty"` // HTML-escaped Text with <mark> around matches
	Direct    bool           `json:"direct"`
	Speaker   string         `json:"speaker"` // empty for an unnamed source
	Role      string         `json:"role,omitempty"`
	Kind      string         `json:"kind"`
	Article   string         `json:"article"`
	Title     string         `json:"title"`
	Date      *time.Time     `json:"date"`
	Source    string         `json:"source,omitempty"`
	Location  *news.Location `json:"location,omitempty"`
	Start     int            `json:"start"`
	End       int            `json:"end"`
	Score     float64        `json:"score"`
}

// QuoteResults is one page of quote search.
type QuoteResults struct {
	Total    uint64        `json:"total"`
	TookMS   float64       `json:"took_ms"`
	Quotes   []Quote       `json:"quotes"`
	Facets   QuoteFacets   `json:"facets"`
	Next     string        `json:"next,omitempty"`
	Timeline *Timeline     `json:"timeline"` // of the matching quotes' dates
	Took     time.Duration `json:"-"`
}

// QuoteFacets counts the matching quotes per speaker.
type QuoteFacets struct {
	Speaker []FacetValue `json:"speaker"`
}

// quoteID returns the id of the n-th quote document of article id.
func quoteID(id string, n int) string { return id + "#q" + strconv.Itoa(n) }

// articleQuotes returns the quotes of d in order, as stored in their quote documents.
func articleQuotes(d news.Document) []Quote {
	var out []Quote
	for _, sp := range d.Speakers {
		name := sp.Name
		if sp.Kind == news.KindUnnamed {
			name = ""
		}
		for _, q := range sp.Quotes {
			if q.Text == "" {
				continue
			}
			out = append(out, Quote{
				ID: quoteID(d.ID, len(out)), Text: q.Text, Direct: q.Direct, Speaker: name, Role: sp.Title,
				Kind: sp.Kind, Article: d.ID, Title: d.Title, Date: d.Date, Source: d.Source,
				Location: d.Location, Start: q.Start, End: q.End,
			})
		}
	}
	return out
}

// quoteDocuments maps the quotes of d to Bleve documents.
func quoteDocuments(im mapping.IndexMapping, d news.Document) ([]*document.Document, error) {
	quotes := articleQuotes(d)
	docs := make([]*document.Document, 0, len(quotes))
	for _, q := range quotes {
		raw, err := json.Marshal(q)
		if err != nil {
			return nil, fmt.Errorf("encode quote %q: %w", q.ID, err)
		}
		f := map[string]any{
			fieldType:    typeQuote,
			fieldQuote:   q.Text,
			fieldArticle: q.Article,
			fieldDoc:     string(raw),
		}
		if q.Speaker != "" {
			f[fieldQSpeaker] = q.Speaker
			if q.Role != "" {
				f[fieldQRole] = q.Role
			}
		}
		if q.Source != "" {
			f[fieldSource] = q.Source
		}
		if q.Date != nil {
			f[fieldDate] = q.Date.UTC()
		}
		if q.Location != nil && q.Location.Name != "" {
			f[fieldLocation] = q.Location.Name
		}
		doc := document.NewDocument(q.ID)
		if err := im.MapDocument(doc, f); err != nil {
			return nil, fmt.Errorf("map quote %q: %w", q.ID, err)
		}
		docs = append(docs, doc)
	}
	return docs, nil
}

// SearchQuotes runs q over the quotes: words match the quote text only, Speakers filters on
// the quote's own speaker, and Locations, Sources, Since and Until on its article. Sort, Size
// and After work as in Search. Errors caused by q wrap ErrBadQuery.
func (ix *Index) SearchQuotes(ctx context.Context, q Query) (*QuoteResults, error) {
	start := time.Now()
	ctx, cancel := context.WithTimeout(ctx, ix.opts.SearchTimeout)
	defer cancel()
	size, order, err := pageParams(q)
	if err != nil {
		return nil, err
	}
	an := ix.mapping.AnalyzerNamed(textAnalyzer)
	p, err := parseQueryIn(q.Q, an, scopeQuotes)
	if err != nil {
		return nil, err
	}
	bq := ix.filtered(p.q, q, typeQuote)
	req := bleve.NewSearchRequestOptions(bq, size+1, 0, false)
	req.Fields = []string{fieldDoc}
	req.SortByCustom(order.sort())
	if q.After != "" {
		if req.SearchAfter, err = decodeCursor(q.After, order); err != nil {
			return nil, err
		}
	}
	req.AddFacet(facetSpeaker, bleve.NewFacetRequest(fieldQSpeaker, facetSize))
	years, err := ix.yearBuckets(ctx)
	if err != nil {
		return nil, err
	}
	if len(years) > 0 {
		req.AddFacet(facetDate, dateFacet(years))
	}
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search quotes %q: %w", q.Q, err)
	}
	out := &QuoteResults{Total: res.Total, Quotes: make([]Quote, 0, min(len(res.Hits), size))}
	for i, h := range res.Hits {
		if i == size {
			out.Next = encodeCursor(order, res.Hits[size-1])
			break
		}
		qt, err := storedQuote(h)
		if err != nil {
			return nil, err
		}
		qt.Highlight = snippet(qt.Text, an, p.mark, max(quoteHighlightWidth, 0))
		qt.Score = h.Score
		out.Quotes = append(out.Quotes, qt)
	}
	out.Facets.Speaker = termFacet(res.Facets[facetSpeaker])
	dates, err := ix.dateFacets(ctx, bq, years, res.Facets[facetDate])
	if err != nil {
		return nil, err
	}
	if out.Timeline, err = ix.timelineFromFacets(ctx, bq, dates); err != nil {
		return nil, err
	}
	out.Took = time.Since(start)
	out.TookMS = float64(out.Took.Microseconds()) / 1000
	return out, nil
}

// storedQuote decodes the stored form of a quote hit.
func storedQuote(h *search.DocumentMatch) (Quote, error) {
	raw, _ := h.Fields[fieldDoc].(string)
	var q Quote
	if err := json.Unmarshal([]byte(raw), &q); err != nil {
		return Quote{}, fmt.Errorf("quote %q: decode stored quote: %w", h.ID, err)
	}
	return q, nil
}

// pageParams validates q's size and sort.
func pageParams(q Query) (int, order, error) {
	size := q.Size
	if size == 0 {
		size = DefaultSize
	}
	if size < 1 || size > MaxSize {
		return 0, order{}, fmt.Errorf("%w: size %d out of range 1..%d", ErrBadQuery, q.Size, MaxSize)
	}
	o, err := sortOrder(q.Sort)
	return size, o, err
}

// typeQuery matches the documents of type typ.
func typeQuery(typ string) query.Query {
	t := query.NewTermQuery(typ)
	t.SetField(fieldType)
	return t
}
