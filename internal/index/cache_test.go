package index

import (
	"context"
	"reflect"
	"testing"
	"time"
)

func TestCacheKey(t *testing.T) {
	day1 := time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC)
	same := []struct{ a, b Query }{
		{Query{Q: "budget"}, Query{Q: "budget", Sort: SortRelevance, Size: DefaultSize}},
		{Query{Speakers: []string{"B", "A", "A", ""}}, Query{Speakers: []string{"A", "B"}}},
		{Query{Since: day1}, Query{Since: day1.Add(13 * time.Hour)}},
	}
	differ := []struct{ a, b Query }{
		{Query{Q: "budget"}, Query{Q: "budgets"}},
		{Query{Speakers: []string{"A"}}, Query{Locations: []string{"A"}}},
		{Query{Locations: []string{"A"}}, Query{Places: []string{"A"}}},
		{Query{Speakers: []string{"A,B"}}, Query{Speakers: []string{"A", "B"}}},
		{Query{Since: day1}, Query{Until: day1}},
		{Query{Q: "x"}, Query{Q: "x", Sort: SortDate}},
		{Query{Q: "x"}, Query{Q: "x", Size: 5}},
		{Query{Q: "x"}, Query{Q: "x", After: "abc"}},
		{Query{Q: "x"}, Query{Q: "x", Collapse: CollapseStory}},
	}
	key := func(q Query) string {
		size, o, err := pageParams(q)
		if err != nil {
			t.Fatal(err)
		}
		return cacheKey(q, size, o)
	}
	for _, p := range same {
		if key(p.a) != key(p.b) {
			t.Errorf("%+v and %+v: got different keys, want the same", p.a, p.b)
		}
	}
	for _, p := range differ {
		if key(p.a) == key(p.b) {
			t.Errorf("%+v and %+v: got the same key %q, want different ones", p.a, p.b, key(p.a))
		}
	}
}

func TestSearchCache(t *testing.T) {
	ix := newTestIndex(t)
	ctx := context.Background()
	q := Query{Q: "budget"}
	first, err := ix.Search(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	first.Hits[0].Title = "changed by the caller" // must not reach the cache
	again, err := ix.Search(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if again.Hits[0].Title == "changed by the caller" {
		t.Errorf("cached hit: got the title a caller set, want the stored one")
	}
	first.Hits[0].Title = again.Hits[0].Title
	first.Took, first.TookMS, again.Took, again.TookMS = 0, 0, 0, 0
	if !reflect.DeepEqual(first, again) {
		t.Errorf("repeated search: got %+v, want %+v", again, first)
	}
	if err := ix.Delete(ctx, again.Hits[0].ID); err != nil {
		t.Fatal(err)
	}
	after, err := ix.Search(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if after.Total != again.Total-1 {
		t.Errorf("after a delete: got total %d, want %d", after.Total, again.Total-1)
	}

	off, err := Open(t.TempDir()+"/idx", nil, Options{SearchCache: -1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer off.Close()
	if _, err := off.Search(ctx, q); err != nil {
		t.Fatal(err)
	}
	if off.results.byKey != nil {
		t.Errorf("SearchCache -1: got %d cached results, want none", len(off.results.byKey))
	}
}
