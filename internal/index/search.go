package index

import (
	"context"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"weak"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/numeric"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Search runs q and returns one page of hits with facets over all matches. Errors caused by q
// (syntax, size, sort, cursor) wrap ErrBadQuery. The search is cancelled after
// Options.SearchTimeout.
func (ix *Index) Search(ctx context.Context, q Query) (*Results, error) {
	start := time.Now()
	size, order, err := pageParams(q)
	if err != nil {
		return nil, err
	}
	snap, err := ix.snapshot()
	if err != nil {
		return nil, err
	}
	defer snap.Close()
	key, gen := cacheKey(q, size, order), weak.Make(snap)
	if res, ok := ix.results.get(key, gen); ok {
		res.Took = time.Since(start)
		res.TookMS = float64(res.Took.Microseconds()) / 1000
		return res, nil
	}
	ctx, done, err := ix.budget(ctx, fmt.Sprintf("search %q", q.Q), Costly(q.Q))
	if err != nil {
		return nil, err
	}
	defer done()

	an := ix.mapping.AnalyzerNamed(textAnalyzer)
	p, err := parseQueryDates(q.Q, an, scopeArticles, dayTerms(ix.mapping))
	if err != nil {
		return nil, err
	}
	unmatched, err := ix.resolveFilters(ctx, &q)
	if err != nil {
		return nil, err
	}
	bq := ix.filtered(p.q, q, typeArticle)

	window := size // res.following tells whether there is a next page
	if q.Collapse == CollapseStory {
		window = min(size*collapseFactor, maxCollapseWindow) + 1
	}
	var after []string
	if q.After != "" {
		if after, err = decodeCursor(q.After, order); err != nil {
			return nil, err
		}
	}
	res, err := ix.collect(ctx, snap, bq, window, order, after, true)
	if err != nil {
		return nil, searchError(q.Q, err)
	}
	defer res.release()

	hd, _ := ix.hitDecoders.Get().(*hitDecoder)
	if hd == nil {
		hd = new(hitDecoder)
	}
	defer ix.hitDecoders.Put(hd)
	out := &Results{Total: res.total, Hits: make([]Hit, 0, min(len(res.hits), size))}
	if p.ignored {
		out.Warning = warnIgnored
	}
	if unmatched != "" {
		out.Warning = strings.TrimPrefix(out.Warning+"; "+unmatched, "; ")
	}
	if q.Collapse == CollapseStory {
		if err := ix.collapse(ctx, out, res.hits, collapsePage{size: size, window: window, order: order,
			query: bq, later: q.After != "", an: an, mark: p.mark, hd: hd, snap: snap}); err != nil {
			return nil, err
		}
	} else {
		for _, h := range res.hits {
			hit, err := ix.hit(h, hd, an, p.mark)
			if err != nil {
				return nil, err
			}
			out.Hits = append(out.Hits, hit)
		}
		if res.following > uint64(size) {
			out.Next = encodeCursor(order, res.hits[size-1])
		}
	}
	out.Facets.Speaker = res.top(colSpeaker, q.facetSize())
	out.Facets.Location = res.top(colLocation, q.facetSize())
	out.Facets.Places = res.top(colPlaces, q.facetSize())
	out.Facets.Source = res.top(colSource, q.facetSize())
	out.Facets.Place = placeValues(res.top(colPlace, placeFacetSize))
	counts := res.dayCounts()
	out.Facets.Date = dateFacet(counts)
	out.Timeline = timelineOf(counts, "")
	out.Took = time.Since(start)
	out.TookMS = float64(out.Took.Microseconds()) / 1000
	ix.results.put(key, gen, out, ix.opts.SearchCache)
	mine := *out // callers may change their copy
	mine.Hits = slices.Clone(out.Hits)
	return &mine, nil
}

// filtered combines the parsed query (nil: match all) with q's filters, which do not score,
// for the documents of kind typ (typeArticle, or typeQuote whose speaker is in another field).
func (ix *Index) filtered(parsed query.Query, q Query, typ string) query.Query {
	var filters []query.Query
	speakerField := fieldSpeaker
	if typ == typeQuote {
		speakerField = fieldQSpeaker
	}
	for _, f := range []struct {
		field  string
		values []string
	}{{speakerField, q.Speakers}, {fieldLocation, q.Locations}, {fieldPlaces, q.Places}, {fieldSource, q.Sources}} {
		values := uniqueNonEmpty(f.values)
		if len(values) == 0 {
			continue
		}
		var anyOf []query.Query
		for _, v := range values {
			t := query.NewTermQuery(v)
			t.SetField(f.field)
			anyOf = append(anyOf, t)
		}
		filters = append(filters, query.NewDisjunctionQuery(anyOf))
	}
	if !q.Since.IsZero() || !q.Until.IsZero() {
		var from, to time.Time
		if !q.Since.IsZero() {
			from = day(q.Since)
		}
		if !q.Until.IsZero() {
			to = day(q.Until).AddDate(0, 0, 1)
		}
		// Bleve's dates span 1677 to 2262 (nanoseconds in an int64): a bound beyond that is
		// no bound (FuzzSearchRequest: since=0000-01-01 was a 500), and a bound on the far
		// side of it is clamped to the edge, which no stored date passes (until=0001-10-01 was
		// a 500).
		minT, maxT := query.MinRFC3339CompatibleTime, query.MaxRFC3339CompatibleTime
		switch {
		case from.Before(minT):
			from = time.Time{}
		case from.After(maxT):
			from = maxT
		}
		switch {
		case to.After(maxT):
			to = time.Time{}
		case !to.IsZero() && to.Before(minT):
			to = minT
		}
		switch {
		case from.IsZero() && to.IsZero():
		case typ == typeQuote && dayTerms(ix.qmap), typ == typeArticle && dayTerms(ix.mapping):
			filters = append(filters, dayTermsQuery(from, to))
		default:
			yes, no := true, false
			r := query.NewDateRangeInclusiveQuery(from, to, &yes, &no)
			r.SetField(fieldDate)
			filters = append(filters, r)
		}
	}
	if parsed == nil {
		parsed = query.NewMatchAllQuery()
	}
	bq := query.NewBooleanQuery([]query.Query{parsed}, nil, nil)
	if len(filters) > 0 {
		bq.AddFilter(query.NewConjunctionQuery(filters))
	}
	return bq
}

// day returns the start (UTC) of t's calendar day.
func day(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// hit turns a Bleve hit into a Hit, reading the stored document with hd.
func (ix *Index) hit(h *search.DocumentMatch, hd *hitDecoder, an analysis.Analyzer, m *marker) (Hit, error) {
	raw, _ := h.Fields[fieldDoc].(string)
	d, err := hd.decode(raw)
	if err != nil {
		return Hit{}, fmt.Errorf("hit %q: decode stored document: %w", h.ID, err)
	}
	story, _ := h.Fields[fieldStory].(string)
	hit := Hit{
		Story:    story,
		ID:       h.ID,
		Title:    d.Title,
		Date:     d.Date,
		Source:   d.Source,
		URL:      d.URL,
		Location: d.Location,
		Speakers: d.Speakers,
		Snippet:  snippet(d.Body, an, m, snippetWidth),
		Score:    h.Score,
	}
	hit.TitleHTML = highlight(d.Title, an, m)
	return hit, nil
}

// order is a sort order: its name (Query.Sort) and the cursor code.
type order struct {
	name string
	code byte
}

func sortOrder(s string) (order, error) {
	switch s {
	case "", SortRelevance:
		return order{SortRelevance, 'r'}, nil
	case SortDate:
		return order{SortDate, 'd'}, nil
	case SortDateDesc:
		return order{SortDateDesc, 'D'}, nil
	}
	return order{}, fmt.Errorf("%w: sort %q: want %q, %q or %q", ErrBadQuery, s, SortRelevance, SortDate, SortDateDesc)
}

// sort returns the Bleve sort; every order ends with the id, so that it is total (cursors).
func (o order) sort() search.SortOrder {
	byDate := func(desc bool) search.SearchSort {
		return &search.SortField{Field: fieldDateKey, Desc: desc, Missing: search.SortFieldMissingLast}
	}
	id := &search.SortDocID{}
	switch o.name {
	case SortDate:
		return search.SortOrder{byDate(false), id}
	case SortDateDesc:
		return search.SortOrder{byDate(true), id}
	}
	return search.SortOrder{&search.SortScore{Desc: true}, byDate(true), id}
}

// A cursor is base64url of: version 1, the sort code, then each sort value of the last hit as
// a uvarint length and its bytes. For the score, the value is the formatted float.

const cursorVersion = 1

func encodeCursor(o order, h *search.DocumentMatch) string {
	vals := h.Sort
	if o.name == SortRelevance {
		vals = append([]string{strconv.FormatFloat(h.Score, 'g', -1, 64)}, h.Sort[1:]...)
	}
	b := []byte{cursorVersion, o.code}
	for _, v := range vals {
		b = binary.AppendUvarint(b, uint64(len(v)))
		b = append(b, v...)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

var errCursor = errors.New("malformed cursor")

func decodeCursor(s string, o order) ([]string, error) {
	vals, err := parseCursor(s, o)
	if err != nil {
		return nil, fmt.Errorf("%w: after: %w (pass the next value of the previous page with the same sort)", ErrBadQuery, err)
	}
	return vals, nil
}

func parseCursor(s string, o order) ([]string, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(b) < 2 || b[0] != cursorVersion {
		return nil, errCursor
	}
	if b[1] != o.code {
		return nil, fmt.Errorf("cursor is for another sort order than %q", o.name)
	}
	b = b[2:]
	var vals []string
	for len(b) > 0 {
		n, k := binary.Uvarint(b)
		if k <= 0 || n > uint64(len(b)-k) {
			return nil, errCursor
		}
		vals = append(vals, string(b[k:k+int(n)]))
		b = b[k+int(n):]
	}
	if len(vals) != len(o.sort()) {
		return nil, errCursor
	}
	dateAt := 0
	if o.name == SortRelevance {
		if _, err := strconv.ParseFloat(vals[0], 64); err != nil {
			return nil, errCursor
		}
		dateAt = 1
	}
	if v := vals[dateAt]; v != search.HighTerm && v != search.LowTerm {
		if shift, err := numeric.PrefixCoded(v).Shift(); err != nil || shift != 0 {
			return nil, errCursor
		}
	}
	return vals, nil
}
