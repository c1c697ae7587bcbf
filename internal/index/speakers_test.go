package index

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"
)

func TestSuggest(t *testing.T) {
	ix := newTestIndex(t)
	ctx := context.Background()
	tests := []struct {
		prefix string
		size   int
		want   []FacetValue
	}{
		{"ma", 5, []FacetValue{{"Maria Lopez", 3}}},
		{"BAK", 5, []FacetValue{{"Tom Baker", 3}}}, // a later word, any case
		{"", 2, []FacetValue{{"Maria Lopez", 3}, {"Tom Baker", 3}}},
		{"zz", 5, []FacetValue{}},
	}
	for _, tt := range tests {
		got, err := ix.Suggest(ctx, tt.prefix, tt.size)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Suggest(%q, %d): got %v, want %v", tt.prefix, tt.size, got, tt.want)
		}
	}
	// Counts follow deletions.
	if err := ix.Delete(ctx, "a1"); err != nil {
		t.Fatal(err)
	}
	got, err := ix.Suggest(ctx, "maria", 5)
	if err != nil {
		t.Fatal(err)
	}
	if want := []FacetValue{{"Maria Lopez", 2}}; !slices.Equal(got, want) {
		t.Errorf("after a delete: got %v, want %v", got, want)
	}
	if _, err := ix.Suggest(ctx, "a", 0); !errors.Is(err, ErrBadQuery) {
		t.Errorf("size 0: got %v, want ErrBadQuery", err)
	}
}

func TestSpeakerPage(t *testing.T) {
	ix := newSummitIndex(t)
	ctx := context.Background()
	p, err := ix.Speaker(ctx, "Vladimir Putin")
	if err != nil {
		t.Fatal(err)
	}
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	if p.Articles != 2 || p.Quotes != 2 || !p.FirstSeen.Equal(day("2025-03-02")) || !p.LastSeen.Equal(day("2025-03-09")) {
		t.Errorf("got %d articles, %d quotes, seen %v to %v; want 2, 2, 2025-03-02 to 2025-03-09", p.Articles, p.Quotes, p.FirstSeen, p.LastSeen)
	}
	if len(p.Timeline) != 1 || p.Timeline[0].Label != "2025-03" || p.Timeline[0].Count != 2 {
		t.Errorf("timeline: got %+v, want one month 2025-03 with 2", p.Timeline)
	}
	if len(p.Roles) != 2 {
		t.Fatalf("roles: got %+v, want President and Russian president", p.Roles)
	}
	for _, r := range p.Roles {
		want := map[string]string{"President": "2025-03-02", "Russian president": "2025-03-09"}[r.Role]
		if r.Count != 1 || r.First == nil || !r.First.Equal(day(want)) || !r.Last.Equal(day(want)) {
			t.Errorf("role %+v: want 1 quote on %s", r, want)
		}
	}
	if want := []FacetValue{{"Donald Trump", 1}}; !slices.Equal(p.CoSpeakers, want) {
		t.Errorf("co-speakers: got %v, want %v", p.CoSpeakers, want)
	}
	if len(p.Latest) != 2 || p.Latest[0].Article != "s2" {
		t.Errorf("latest quotes: got %+v, want 2, newest (s2) first", p.Latest)
	}
	if _, err := ix.Speaker(ctx, "Nobody Known"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown speaker: got %v, want ErrNotFound", err)
	}
}

func TestTimeline(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	units := []struct {
		lo, hi string
		want   string
	}{
		{"2024-03-01", "2024-03-20", UnitDay},
		{"2024-01-01", "2024-12-31", UnitWeek},
		{"2019-01-01", "2024-12-31", UnitMonth},
		{"1990-01-01", "2024-12-31", UnitYear},
	}
	for _, u := range units {
		if got := timelineUnit(day(u.lo), day(u.hi)); got != u.want {
			t.Errorf("timelineUnit(%s, %s): got %s, want %s", u.lo, u.hi, got, u.want)
		}
	}
	if got := unitStart(UnitWeek, day("2024-03-17")); !got.Equal(day("2024-03-11")) {
		t.Errorf("week of Sunday 2024-03-17: got %v, want Monday 2024-03-11", got)
	}

	ix := newTestIndex(t)
	for _, q := range []Query{{Q: "budget"}, {}, {Speakers: []string{"Tom Baker"}}} {
		res, err := ix.Search(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if res.Timeline == nil {
			t.Fatalf("%+v: got no timeline", q)
		}
		sum := 0
		for _, b := range res.Timeline.Buckets {
			sum += b.Count
			// Each bucket count is the total of the same search narrowed to its dates.
			since, _ := time.Parse(time.DateOnly, b.From)
			to, _ := time.Parse(time.DateOnly, b.To)
			nq := q
			nq.Since, nq.Until = since, to.AddDate(0, 0, -1)
			narrowed, err := ix.Search(context.Background(), nq)
			if err != nil {
				t.Fatal(err)
			}
			if narrowed.Total != uint64(b.Count) {
				t.Errorf("%+v bucket %s: got %d, want the narrowed total %d", q, b.Label, b.Count, narrowed.Total)
			}
		}
		dated := 0
		for _, h := range res.Hits {
			if h.Date != nil {
				dated++
			}
		}
		if sum != dated {
			t.Errorf("%+v: timeline counts sum to %d, want the %d dated hits", q, sum, dated)
		}
	}
}

func TestTopSpeakers(t *testing.T) {
	ix := newTestIndex(t)
	ctx := context.Background()
	got, err := ix.TopSpeakers(ctx, 3)
	if err != nil {
		t.Fatal(err)
	}
	want := []FacetValue{{"Maria Lopez", 3}, {"Tom Baker", 3}, {"Ana Silva", 2}}
	if !slices.Equal(got, want) {
		t.Errorf("TopSpeakers(3): got %v, want %v", got, want)
	}
	if _, err := ix.TopSpeakers(ctx, 0); !errors.Is(err, ErrBadQuery) {
		t.Errorf("TopSpeakers(0): got %v, want ErrBadQuery", err)
	}
}
