package index

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/searchd/searchd/internal/news"
)

// Quotes are indexed as documents of their own, in a second Bleve index beside the articles'
// (quotes/), with the id "<article id>#q<n>" (n counts the article's quotes from 0), so that
// article searches never read them. A batch of articles is written as two batches: first the
// quotes of the changed articles (replacing those of their old versions), then the articles
// with their hashes. The article batch is the commit point: when a crash comes between the
// two, the articles still have their old hashes (or are absent), so indexing them again
// rewrites both.
//
// Why not Bleve's nested mappings: a nested search returns the root document (the article)
// with its matching children merged into it, while quote search wants each quote as a hit of
// its own, sorted and paged by the quote, with a facet that counts quotes. Quote documents
// give that with the ordinary search path.
//
// A quote document indexes the quote and its filters but stores nothing: a hit is turned into
// a Quote from the stored document of its article (resolveQuotes). Storing each quote with
// its article's title and place took three quarters of the size of the quote index, as much
// as half the article index.

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
	// Warning names the filter values that match no article (Results.Warning).
	Warning string `json:"warning,omitempty"`
}

// QuoteFacets counts the matching quotes per speaker, and per location, source and place
// mentioned of their articles.
type QuoteFacets struct {
	Speaker  []FacetValue `json:"speaker"`
	Location []FacetValue `json:"location"`
	Places   []FacetValue `json:"places"`
	Source   []FacetValue `json:"source"`
}

// quoteID returns the id of the n-th quote document of article id.
func quoteID(id string, n int) string { return id + quoteIDSep + strconv.Itoa(n) }

// quoteIDSep separates the article id and the quote number in a quote id.
const quoteIDSep = "#q"

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
//
// With fa, the fields that every quote of d has from d (source, date, location, places) are
// mapped and analysed once and shared by the quote documents: they are keyword fields, one
// per name (preAnalyze joins the places), whose terms scorch only reads. (When a name has
// several fields, scorch adds the terms of the others to the first one's: such fields are
// not shared.) Without fa, each quote maps its own.
func quoteDocuments(im mapping.IndexMapping, d news.Document, fa *fieldAnalysis) ([]*document.Document, error) {
	quotes := articleQuotes(d)
	if len(quotes) == 0 {
		return nil, nil
	}
	// articleFields sets the fields of a quote that are its article's.
	articleFields := func(f map[string]any) {
		if d.Source != "" {
			f[fieldSource] = d.Source
		}
		if d.Date != nil {
			dateFields(f, *d.Date)
		}
		if d.Location != nil && d.Location.Name != "" {
			f[fieldLocation] = d.Location.Label()
		}
		if places := uniqueNonEmpty(d.Places); len(places) > 0 {
			f[fieldPlaces] = places // of the article, for the place filter
		}
	}
	var shared []document.Field
	if fa != nil {
		f := map[string]any{}
		articleFields(f)
		doc := document.NewDocument(d.ID)
		if err := im.MapDocument(doc, f); err != nil {
			return nil, fmt.Errorf("map quotes of %q: %w", d.ID, err)
		}
		preAnalyze(doc, fa)
		shared = doc.Fields
		for i, sf := range shared {
			if slices.ContainsFunc(shared[:i], func(o document.Field) bool { return o.Name() == sf.Name() }) {
				shared = nil
				break
			}
		}
	}
	docs := make([]*document.Document, 0, len(quotes))
	for _, q := range quotes {
		f := map[string]any{fieldQuote: q.Text}
		if q.Speaker != "" {
			f[fieldQSpeaker] = q.Speaker
			if q.Role != "" {
				f[fieldQRole] = q.Role
			}
		}
		if shared == nil {
			articleFields(f)
		}
		doc := document.NewDocument(q.ID)
		if err := im.MapDocument(doc, f); err != nil {
			return nil, fmt.Errorf("map quote %q: %w", q.ID, err)
		}
		preAnalyze(doc, fa)
		doc.Fields = append(doc.Fields, shared...)
		docs = append(docs, doc)
	}
	return docs, nil
}

// replaceQuotesChunk bounds the article ids of one lookup of existing quotes, below the
// clause limit of disjunctions (LimitExpansion).
const replaceQuotesChunk = 500

// replaceQuotes adds to batch the quote documents docs of the articles ids, and deletes of the
// quote documents of these articles that docs do not replace. The quotes of an article are
// found by their ids: those that start with quoteID's prefix and end with a number (quote
// documents hold no field of their article id; those of indexes written before do, unread).
func (ix *Index) replaceQuotes(ctx context.Context, batch *bleve.Batch, ids []string, docs []*document.Document) error {
	keep := make(map[string]bool, len(docs))
	for _, d := range docs {
		keep[d.ID()] = true
		if err := batch.IndexAdvanced(d); err != nil {
			return fmt.Errorf("add quote %q to batch: %w", d.ID(), err)
		}
	}
	for chunk := range slices.Chunk(ids, replaceQuotesChunk) {
		anyOf := make([]query.Query, 0, len(chunk))
		articles := make(map[string]bool, len(chunk))
		for _, id := range chunk {
			p := query.NewPrefixQuery(id + quoteIDSep)
			p.SetField("_id")
			anyOf = append(anyOf, p)
			articles[id] = true
		}
		q := query.NewDisjunctionQuery(anyOf)
		res, err := ix.quoteDocs().SearchInContext(ctx, bleve.NewSearchRequestOptions(q, 0, 0, false))
		if err != nil || res.Total == 0 {
			if err != nil {
				return fmt.Errorf("look up stored quotes: %w", err)
			}
			continue
		}
		req := bleve.NewSearchRequestOptions(q, int(res.Total), 0, false)
		req.SortByCustom(search.SortOrder{&search.SortDocID{}}) // no scoring needed
		if res, err = ix.quoteDocs().SearchInContext(ctx, req); err != nil {
			return fmt.Errorf("look up stored quotes: %w", err)
		}
		for _, h := range res.Hits {
			// "x#q1#q0" starts with the prefix of article "x", and is a quote of article "x#q1".
			if id, ok := quoteArticle(h.ID); ok && articles[id] && !keep[h.ID] {
				batch.Delete(h.ID)
			}
		}
	}
	return nil
}

// quoteArticle returns the article id of quote id qid ("<article id>#q<n>"); ok is false when
// qid is not the id of a quote.
func quoteArticle(qid string) (id string, ok bool) {
	cut := strings.LastIndex(qid, quoteIDSep)
	if cut < 0 {
		return "", false
	}
	n := qid[cut+len(quoteIDSep):]
	if n == "" || strings.Trim(n, "0123456789") != "" {
		return "", false
	}
	return qid[:cut], true
}

// SearchQuotes runs q over the quotes: words match the quote text only, Speakers filters on
// the quote's own speaker, and Locations, Places, Sources, Since and Until on its article. Sort, Size
// and After work as in Search. Errors caused by q wrap ErrBadQuery.
func (ix *Index) SearchQuotes(ctx context.Context, q Query) (*QuoteResults, error) {
	start := time.Now()
	ctx, done, err := ix.budget(ctx, fmt.Sprintf("search quotes %q", q.Q), Costly(q.Q))
	if err != nil {
		return nil, err
	}
	defer done()
	size, order, err := pageParams(q)
	if err != nil {
		return nil, err
	}
	an := ix.mapping.AnalyzerNamed(textAnalyzer)
	p, err := parseQueryDates(q.Q, an, scopeQuotes, dayTerms(ix.qmap))
	if err != nil {
		return nil, err
	}
	unmatched, err := ix.resolveFilters(ctx, &q)
	if err != nil {
		return nil, err
	}
	bq := ix.filtered(p.q, q, typeQuote)
	var after []string
	if q.After != "" {
		if after, err = decodeCursor(q.After, order); err != nil {
			return nil, err
		}
	}
	res, err := ix.collectQuotes(ctx, bq, size, order, after, true) // res.following: a next page
	if err != nil {
		return nil, searchError(q.Q, err)
	}
	defer res.release()
	out := &QuoteResults{Total: res.total, Quotes: make([]Quote, 0, min(len(res.hits), size)), Warning: unmatched}
	hits := res.hits
	if res.following > uint64(size) {
		out.Next = encodeCursor(order, hits[size-1])
	}
	quotes, err := ix.resolveQuotes(ctx, hits)
	if err != nil {
		return nil, err
	}
	for i, h := range hits {
		qt, ok := quotes[i]
		if !ok {
			continue
		}
		qt.Highlight = snippet(qt.Text, an, p.mark, max(quoteHighlightWidth, 0))
		qt.Score = h.Score
		out.Quotes = append(out.Quotes, qt)
	}
	out.Facets.Speaker = res.top(colQSpeaker, q.facetSize())
	out.Facets.Location = res.top(colLocation, q.facetSize())
	out.Facets.Places = res.top(colPlaces, q.facetSize())
	out.Facets.Source = res.top(colSource, q.facetSize())
	out.Timeline = timelineOf(res.dayCounts(), "")
	out.Took = time.Since(start)
	out.TookMS = float64(out.Took.Microseconds()) / 1000
	return out, nil
}

// resolveQuotes returns the quotes of quote hits, by hit position. Quote documents store
// nothing: a quote is read from the stored document of its article, each article read once.
// A hit whose article is gone or has fewer quotes (a write between the two indexes in
// progress, see above) is left out.
func (ix *Index) resolveQuotes(ctx context.Context, hits []*search.DocumentMatch) (map[int]Quote, error) {
	out := make(map[int]Quote, len(hits))
	articles := map[string][]Quote{}
	for i, h := range hits {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		id, ok := quoteArticle(h.ID)
		if !ok {
			continue
		}
		n, err := strconv.Atoi(h.ID[len(id)+len(quoteIDSep):])
		if err != nil {
			continue
		}
		qs, ok := articles[id]
		if !ok {
			d, err := ix.Get(ctx, id)
			switch {
			case errors.Is(err, ErrNotFound):
			case err != nil:
				return nil, fmt.Errorf("quote %q: %w", h.ID, err)
			default:
				qs = articleQuotes(d)
			}
			articles[id] = qs
		}
		if n < len(qs) && qs[n].ID == h.ID {
			out[i] = qs[n]
		}
	}
	return out, nil
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
	if q.FacetSize < 0 || q.FacetSize > MaxFacetSize {
		return 0, order{}, fmt.Errorf("%w: facet size %d out of range 1..%d", ErrBadQuery, q.FacetSize, MaxFacetSize)
	}
	o, err := sortOrder(q.Sort)
	return size, o, err
}

// facetSize returns the number of values each term facet of q returns.
func (q Query) facetSize() int {
	if q.FacetSize == 0 {
		return DefaultFacetSize
	}
	return q.FacetSize
}
