package index

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2/search/query"
)

// Speaker page limits.
const (
	speakerRoles      = 8   // roles listed
	speakerCoSpeakers = 10  // speakers quoted in the same articles
	speakerQuotes     = 10  // latest quotes
	MaxSuggest        = 50  // largest size of Suggest
	suggestCandidates = 500 // names matching a prefix that Suggest counts exactly
)

// SpeakerPage is what the index knows about one speaker.
type SpeakerPage struct {
	Name       string       `json:"name"`
	Articles   uint64       `json:"articles"`    // articles quoting them
	Quotes     uint64       `json:"quote_count"` // their quotes
	FirstSeen  *time.Time   `json:"first_seen"`
	LastSeen   *time.Time   `json:"last_seen"`
	Roles      []Role       `json:"roles"`       // titles and roles given with the name, most frequent first
	Timeline   []DateBucket `json:"timeline"`    // articles per month, first to last seen
	CoSpeakers []FacetValue `json:"co_speakers"` // speakers most often quoted in the same articles
	Latest     []Quote      `json:"quotes"`      // their latest quotes
}

// Role is a title given with a speaker's name, how many quotes carry it, and when.
type Role struct {
	Role  string     `json:"role"`
	Count int        `json:"count"`
	First *time.Time `json:"first"`
	Last  *time.Time `json:"last"`
}

// speakerNames caches the speaker names of the index and their article counts, until the next
// write.
type speakerNames struct {
	sync.Mutex
	gen   uint64
	valid bool
	names []FacetValue // by count, then name
}

// Suggest returns up to size speakers whose name, or a word of it, starts with prefix (case is
// ignored), most quoted first, with the number of articles quoting them.
func (ix *Index) Suggest(ctx context.Context, prefix string, size int) ([]FacetValue, error) {
	return ix.SuggestIn(ctx, prefix, size, Query{})
}

// SuggestIn is Suggest within the articles that within matches (its words, and its filters
// but the speakers): the speakers it returns are quoted in them, and the counts are theirs, the
// speaker facet counts of the search. Errors caused by within wrap ErrBadQuery.
func (ix *Index) SuggestIn(ctx context.Context, prefix string, size int, within Query) ([]FacetValue, error) {
	if size < 1 || size > MaxSuggest {
		return nil, fmt.Errorf("%w: size %d out of range 1..%d", ErrBadQuery, size, MaxSuggest)
	}
	ctx, done, err := ix.budget(ctx, fmt.Sprintf("suggest speakers %q", prefix), false)
	if err != nil {
		return nil, err
	}
	defer done()
	prefix = strings.ToLower(strings.TrimSpace(prefix))
	var picked []string // nil: every speaker
	if prefix != "" {
		names, err := ix.allSpeakers(ctx)
		if err != nil {
			return nil, err
		}
		for _, n := range names {
			if len(picked) == suggestCandidates {
				break
			}
			if nameHasPrefix(n.Value, prefix) {
				picked = append(picked, n.Value)
			}
		}
		if len(picked) == 0 {
			return []FacetValue{}, nil
		}
	}
	p, err := parseQueryDates(within.Q, ix.mapping.AnalyzerNamed(textAnalyzer), scopeArticles, dayTerms(ix.mapping))
	if err != nil {
		return nil, err
	}
	within.Speakers = nil
	if _, err := ix.resolveFilters(ctx, &within); err != nil {
		return nil, err
	}
	within.Speakers = picked
	// The dictionary's counts are approximate (they may include deleted articles): the
	// candidates are counted, and ranked, with a facet.
	res, err := ix.collectNow(ctx, ix.filtered(p.q, within, typeArticle), 0, order{name: SortRelevance}, true)
	if err != nil {
		return nil, fmt.Errorf("count speakers: %w", err)
	}
	defer res.release()
	out := []FacetValue{}
	for _, f := range res.top(colSpeaker, max(len(picked), size)) {
		if picked == nil || slices.Contains(picked, f.Value) {
			out = append(out, f)
		}
	}
	sortFacet(out)
	return out[:min(len(out), size)], nil
}

// nameHasPrefix reports whether name or one of its words starts with the lower-case prefix.
func nameHasPrefix(name, prefix string) bool {
	lower := strings.ToLower(name)
	if strings.HasPrefix(lower, prefix) {
		return true
	}
	for i := range len(lower) {
		if (lower[i] == ' ' || lower[i] == '-') && strings.HasPrefix(lower[i+1:], prefix) {
			return true
		}
	}
	return false
}

func sortFacet(fs []FacetValue) {
	slices.SortFunc(fs, func(a, b FacetValue) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Value, b.Value))
	})
}

// allSpeakers returns every speaker name in the index with its (approximate) article count.
func (ix *Index) allSpeakers(ctx context.Context) ([]FacetValue, error) {
	gen := ix.gen.Load()
	c := &ix.speakers
	c.Lock()
	defer c.Unlock()
	if c.valid && c.gen == gen {
		return c.names, nil
	}
	dict, err := ix.articles().FieldDict(fieldSpeaker)
	if err != nil {
		return nil, fmt.Errorf("read speaker names: %w", err)
	}
	defer dict.Close()
	var names []FacetValue
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		e, err := dict.Next()
		if err != nil {
			return nil, fmt.Errorf("read speaker names: %w", err)
		}
		if e == nil {
			break
		}
		names = append(names, FacetValue{Value: e.Term, Count: int(e.Count)})
	}
	sortFacet(names)
	c.gen, c.valid, c.names = gen, true, names
	return names, nil
}

// Speaker returns the page of the speaker called name, or an error wrapping ErrNotFound when no
// article quotes them. A name the index does not hold ("daniel okafor") is read without case,
// accents and runs of spaces when it folds like one speaker's name.
func (ix *Index) Speaker(ctx context.Context, name string) (*SpeakerPage, error) {
	ctx, done, err := ix.budget(ctx, fmt.Sprintf("speaker %q", name), false)
	if err != nil {
		return nil, err
	}
	defer done()
	// A name written in another case or without its accents is the one speaker it folds to.
	if name, err = ix.speakerNamed(ctx, name); err != nil {
		return nil, err
	}
	articles := ix.filtered(nil, Query{Speakers: []string{name}}, typeArticle)
	quotes := ix.filtered(nil, Query{Speakers: []string{name}}, typeQuote)

	// One pass over the speaker's articles: count, co-speakers, first and last date, timeline.
	res, err := ix.collectNow(ctx, articles, 0, order{name: SortRelevance}, true)
	if err != nil {
		return nil, fmt.Errorf("speaker %q: %w", name, err)
	}
	defer res.release()
	if res.total == 0 {
		return nil, fmt.Errorf("speaker %q: %w", name, ErrNotFound)
	}
	p := &SpeakerPage{Name: name, Articles: res.total, Roles: []Role{}, Timeline: []DateBucket{}, CoSpeakers: []FacetValue{}}
	for _, f := range res.top(colSpeaker, speakerCoSpeakers+1) {
		if f.Value != name && len(p.CoSpeakers) < speakerCoSpeakers {
			p.CoSpeakers = append(p.CoSpeakers, f)
		}
	}
	if lo, hi, ok := res.dateRange(); ok {
		p.FirstSeen, p.LastSeen = &lo, &hi
	}
	if t := timelineOf(res.dayCounts(), UnitMonth); t != nil {
		p.Timeline = t.Buckets
	}

	// Their quotes, newest first, and the roles given with them.
	qres, err := ix.collectQuotes(ctx, quotes, speakerQuotes, order{name: SortDateDesc}, nil, true)
	if err != nil {
		return nil, fmt.Errorf("speaker %q quotes: %w", name, err)
	}
	defer qres.release()
	p.Quotes = qres.total
	latest, err := ix.resolveQuotes(ctx, qres.hits)
	if err != nil {
		return nil, err
	}
	for i := range qres.hits {
		if q, ok := latest[i]; ok {
			p.Latest = append(p.Latest, q)
		}
	}
	for _, f := range qres.top(colQRole, speakerRoles) {
		r := Role{Role: f.Value, Count: f.Count}
		role := query.NewTermQuery(f.Value)
		role.SetField(fieldQRole)
		rres, err := ix.collectQuotes(ctx, query.NewConjunctionQuery([]query.Query{quotes, role}), 0, order{name: SortRelevance}, nil, false)
		if err != nil {
			return nil, fmt.Errorf("speaker %q role %q: %w", name, f.Value, err)
		}
		if lo, hi, ok := rres.dateRange(); ok {
			r.First, r.Last = &lo, &hi
		}
		p.Roles = append(p.Roles, r)
	}
	return p, nil
}

// speakerNamed returns the speaker name the index holds for name: name itself, or the one
// name that folds like it (fold.go); name when there is none or several.
func (ix *Index) speakerNamed(ctx context.Context, name string) (string, error) {
	if ok, err := ix.hasValue(fieldSpeaker, name); err != nil || ok {
		return name, err
	}
	vs, err := ix.foldedValues(ctx, fieldSpeaker)
	if err != nil {
		return "", err
	}
	if same := foldedEqual(vs, fold(name)); len(same) == 1 {
		return same[0], nil
	}
	return name, nil
}

// TopSpeakers returns the n speakers quoted in the most articles, most quoted first, with
// exact article counts: the head of the speaker facet of every article.
func (ix *Index) TopSpeakers(ctx context.Context, n int) ([]FacetValue, error) {
	if n < 1 {
		return nil, fmt.Errorf("%w: top %d speakers: want at least 1", ErrBadQuery, n)
	}
	res, err := ix.collectNow(ctx, ix.filtered(nil, Query{}, typeArticle), 0, order{name: SortRelevance}, true)
	if err != nil {
		return nil, fmt.Errorf("count speakers: %w", err)
	}
	defer res.release()
	out := res.top(colSpeaker, n)
	sortFacet(out)
	return out, nil
}
