package index

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/searchd/searchd/internal/index/scorchx"
)

// Collapsing: a search with Query.Collapse = CollapseStory reads collapseFactor times the page
// size of hits (at most maxCollapseWindow) and keeps the first hit of each story. Each kept hit
// gets the number of articles of its story in the whole index and up to maxOthers of the
// others. On later pages, a story whose better-ranked match was on an earlier page is left out.
const (
	collapseFactor    = 5
	maxCollapseWindow = 500
	maxOthers         = 10
	placeFacetSize    = 50
)

// collapsePage is what collapse needs to know about the search.
type collapsePage struct {
	size, window int
	order        order
	query        query.Query
	later        bool // a page after the first
	an           analysis.Analyzer
	mark         *marker
	hd           *hitDecoder
	snap         *scorchx.Snapshot // of the search
}

// collapse fills out.Hits and out.Next from the raw hits, one per story.
func (ix *Index) collapse(ctx context.Context, out *Results, hits []*search.DocumentMatch, p collapsePage) error {
	seen := map[string]bool{}
	var kept []*search.DocumentMatch
	last := -1
	for i, h := range hits {
		if len(kept) == p.size {
			break
		}
		last = i
		story, _ := h.Fields[fieldStory].(string)
		if story == "" {
			story = h.ID
		}
		if seen[story] {
			continue
		}
		seen[story] = true
		kept = append(kept, h)
	}
	if last >= 0 && (last < len(hits)-1 || len(hits) == p.window) {
		out.Next = encodeCursor(p.order, hits[last])
	}
	stories := make([]string, 0, len(kept))
	for _, h := range kept {
		if s, _ := h.Fields[fieldStory].(string); s != "" {
			stories = append(stories, s)
		}
	}
	counts, err := ix.storyCounts(ctx, p.snap, stories)
	if err != nil {
		return err
	}
	for _, h := range kept {
		hit, err := ix.hit(h, p.hd, p.an, p.mark)
		if err != nil {
			return err
		}
		hit.Versions = max(counts[hit.Story], 1)
		if hit.Versions > 1 {
			if p.later {
				earlier, err := ix.matchedEarlier(ctx, p, h, hit.Story)
				if err != nil {
					return err
				}
				if earlier {
					continue
				}
			}
			if hit.Others, err = ix.otherVersions(ctx, p.snap, hit.Story, hit.ID); err != nil {
				return err
			}
		}
		out.Hits = append(out.Hits, hit)
	}
	return nil
}

// storyQuery matches the articles of story.
func storyQuery(story string) query.Query {
	t := query.NewTermQuery(story)
	t.SetField(fieldStory)
	return t
}

// storyCounts returns the number of articles of each story in snapshot snap: the matches of
// its term, one count per story (a story is a term of fieldStory, which has no doc values).
func (ix *Index) storyCounts(ctx context.Context, snap *scorchx.Snapshot, stories []string) (map[string]int, error) {
	out := map[string]int{}
	for _, s := range stories {
		if _, ok := out[s]; ok {
			continue
		}
		res, err := ix.collect(ctx, snap, storyQuery(s), 0, order{name: SortRelevance}, nil, false)
		if err != nil {
			return nil, fmt.Errorf("count story versions: %w", err)
		}
		out[s] = int(res.total)
	}
	return out, nil
}

// otherVersions returns up to maxOthers articles of story other than id, newest first.
func (ix *Index) otherVersions(ctx context.Context, snap *scorchx.Snapshot, story, id string) ([]Version, error) {
	res, err := ix.collect(ctx, snap, storyQuery(story), maxOthers+1, order{name: SortDateDesc}, nil, false)
	if err != nil {
		return nil, fmt.Errorf("versions of story %q: %w", story, err)
	}
	out := []Version{}
	for _, h := range res.hits {
		if h.ID == id || len(out) == maxOthers {
			continue
		}
		v, err := storedVersion(h)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// storedVersion reads the title, source and date of a hit's stored document.
func storedVersion(h *search.DocumentMatch) (Version, error) {
	raw, _ := h.Fields[fieldDoc].(string)
	d, err := decodeStored([]byte(raw))
	if err != nil {
		return Version{}, fmt.Errorf("%q: %w", h.ID, err)
	}
	return Version{ID: d.ID, Title: d.Title, Source: d.Source, Date: d.Date}, nil
}

// matchedEarlier reports whether another article of story matches the search and sorts before
// h, so that the story was shown on an earlier page: the first match of the story, in the
// search's order, is not h.
func (ix *Index) matchedEarlier(ctx context.Context, p collapsePage, h *search.DocumentMatch, story string) (bool, error) {
	bq := query.NewBooleanQuery([]query.Query{p.query}, nil, nil)
	bq.AddFilter(storyQuery(story))
	res, err := ix.collect(ctx, p.snap, bq, 1, p.order, nil, false)
	if err != nil {
		return false, fmt.Errorf("earlier versions of story %q: %w", story, err)
	}
	return len(res.hits) > 0 && res.hits[0].ID != h.ID, nil
}

// placeValues turns place facet values into places.
func placeValues(values []FacetValue) []PlaceValue {
	out := []PlaceValue{}
	for _, f := range values {
		parts := strings.Split(f.Value, "\t")
		if len(parts) != 4 {
			continue
		}
		lat, err1 := strconv.ParseFloat(parts[2], 64)
		lon, err2 := strconv.ParseFloat(parts[3], 64)
		if err1 != nil || err2 != nil {
			continue
		}
		out = append(out, PlaceValue{Name: parts[0], Country: parts[1], Lat: lat, Lon: lon, Count: f.Count})
	}
	return out
}
