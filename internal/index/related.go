package index

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/searchd/searchd/internal/index/scorchx"
	"github.com/searchd/searchd/internal/news"
)

// Related-article limits.
const (
	relatedSize  = 5  // articles per kind of relation
	relatedTerms = 12 // distinctive terms that the similarity query uses
	relatedMatch = 3  // of which a similar article must contain at least this many
)

// Related lists the articles related to one article, by kind of relation.
type Related struct {
	Story    []RelatedArticle `json:"story"`    // other versions of its wire story
	Speakers []RelatedArticle `json:"speakers"` // articles quoting the same people
	Similar  []RelatedArticle `json:"similar"`  // articles sharing its most distinctive terms
	Terms    []string         `json:"terms"`    // those terms
}

// RelatedArticle is one related article and why it is related.
type RelatedArticle struct {
	Version
	Reason string `json:"reason,omitempty"` // such as "quotes Maria Lopez"
}

// Related returns the articles related to article id, or an error wrapping ErrNotFound. Other
// versions of its story are left out of the other two lists.
func (ix *Index) Related(ctx context.Context, id string) (*Related, error) {
	ctx, done, err := ix.budget(ctx, fmt.Sprintf("related to %q", id), false)
	if err != nil {
		return nil, err
	}
	defer done()
	d, err := ix.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	stories, err := ix.stories(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	story := cmp.Or(stories[id], id)
	out := &Related{Story: []RelatedArticle{}, Speakers: []RelatedArticle{}, Similar: []RelatedArticle{}, Terms: []string{}}
	snap, err := ix.snapshot()
	if err != nil {
		return nil, err
	}
	defer snap.Close()
	versions, err := ix.otherVersions(ctx, snap, story, id)
	if err != nil {
		return nil, err
	}
	for _, v := range versions {
		out.Story = append(out.Story, RelatedArticle{Version: v, Reason: "same story"})
	}
	exclude := []query.Query{query.NewDocIDQuery([]string{id}), storyQuery(story)}

	if names := speakerValues(d); len(names) > 0 {
		anyOf := make([]query.Query, 0, len(names))
		for _, n := range names {
			t := query.NewTermQuery(n)
			t.SetField(fieldSpeaker)
			anyOf = append(anyOf, t)
		}
		hits, err := ix.relatedSearch(ctx, snap, query.NewDisjunctionQuery(anyOf), exclude)
		if err != nil {
			return nil, err
		}
		for _, h := range hits {
			var shared []string
			for _, n := range speakerValues(h.doc) {
				if slices.Contains(names, n) {
					shared = append(shared, n)
				}
			}
			out.Speakers = append(out.Speakers, RelatedArticle{Version: h.version(), Reason: "quotes " + joinNames(shared)})
		}
	}

	terms, err := ix.distinctiveTerms(d)
	if err != nil {
		return nil, err
	}
	if len(terms) >= relatedMatch {
		out.Terms = terms
		anyOf := make([]query.Query, 0, len(terms))
		for _, t := range terms {
			tq := query.NewTermQuery(t)
			tq.SetField(fieldBody)
			anyOf = append(anyOf, tq)
		}
		dq := query.NewDisjunctionQuery(anyOf)
		dq.SetMin(relatedMatch)
		hits, err := ix.relatedSearch(ctx, snap, dq, exclude)
		if err != nil {
			return nil, err
		}
		for _, h := range hits {
			out.Similar = append(out.Similar, RelatedArticle{Version: h.version(), Reason: "similar words"})
		}
	}
	return out, nil
}

// relatedHit is a hit of a related-article search with its stored document.
type relatedHit struct {
	id  string
	doc news.Document
}

func (h relatedHit) version() Version {
	return Version{ID: h.id, Title: h.doc.Title, Source: h.doc.Source, Date: h.doc.Date}
}

// relatedSearch returns the best relatedSize articles matching q and none of exclude.
func (ix *Index) relatedSearch(ctx context.Context, snap *scorchx.Snapshot, q query.Query, exclude []query.Query) ([]relatedHit, error) {
	bq := query.NewBooleanQuery([]query.Query{q}, nil, exclude)
	// By score, then newest first, then id.
	res, err := ix.collect(ctx, snap, bq, relatedSize, order{name: SortRelevance}, nil, false)
	if err != nil {
		return nil, fmt.Errorf("related articles: %w", err)
	}
	out := make([]relatedHit, 0, len(res.hits))
	for _, h := range res.hits {
		raw, _ := h.Fields[fieldDoc].(string)
		d, err := decodeStored([]byte(raw))
		if err != nil {
			return nil, fmt.Errorf("related %q: %w", h.ID, err)
		}
		out = append(out, relatedHit{id: h.ID, doc: d})
	}
	return out, nil
}

// distinctiveTerms returns the relatedTerms analysed terms of d's title and body with the
// highest tf-idf weight, where the document frequency comes from the body field's dictionary.
func (ix *Index) distinctiveTerms(d news.Document) ([]string, error) {
	an := ix.mapping.AnalyzerNamed(textAnalyzer)
	tf := map[string]int{}
	for _, t := range an.Analyze([]byte(d.Title + "\n" + d.Body)) {
		if len(t.Term) > 2 {
			tf[string(t.Term)]++
		}
	}
	n, err := ix.Count()
	if err != nil {
		return nil, err
	}
	type weighted struct {
		term string
		w    float64
	}
	var ws []weighted
	for term, f := range tf {
		df, err := ix.docFreq(fieldBody, term)
		if err != nil {
			return nil, err
		}
		if df < 2 { // only in this article: matches nothing else
			continue
		}
		ws = append(ws, weighted{term, (1 + math.Log(float64(f))) * math.Log(float64(n+1)/float64(df))})
	}
	slices.SortFunc(ws, func(a, b weighted) int { return cmp.Or(cmp.Compare(b.w, a.w), cmp.Compare(a.term, b.term)) })
	out := make([]string, 0, relatedTerms)
	for _, w := range ws[:min(len(ws), relatedTerms)] {
		out = append(out, w.term)
	}
	return out, nil
}

// docFreq returns the number of documents whose field holds term (deleted ones may count).
func (ix *Index) docFreq(field, term string) (uint64, error) {
	dict, err := ix.articles().FieldDictRange(field, []byte(term), []byte(term))
	if err != nil {
		return 0, fmt.Errorf("document frequency of %q: %w", term, err)
	}
	defer dict.Close()
	e, err := dict.Next()
	if err != nil || e == nil {
		return 0, err
	}
	return e.Count, nil
}

// joinNames joins names as "A", "A and B" or "A, B and C".
func joinNames(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	out := names[0]
	for _, n := range names[1 : len(names)-1] {
		out += ", " + n
	}
	return out + " and " + names[len(names)-1]
}
