package index

import (
	"context"
	"testing"
	"time"

	"github.com/searchd/searchd/internal/news"
)

func TestUnitCount(t *testing.T) {
	d := func(s string) time.Time {
		v, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	spans := [][2]string{{"2024-01-01", "2024-01-01"}, {"2023-12-31", "2024-01-01"}, {"2024-02-28", "2024-03-01"},
		{"2020-01-05", "2020-04-30"}, {"2019-06-17", "2021-02-01"}, {"2012-01-01", "2022-12-31"}, {"2024-03-31", "2024-10-27"}}
	for _, s := range spans {
		for _, u := range []string{UnitDay, UnitWeek, UnitMonth, UnitYear} {
			lo, hi := d(s[0]), d(s[1])
			if got, want := unitCount(u, lo, hi), len(unitBuckets(u, lo, hi)); got != want {
				t.Errorf("unitCount(%s, %s, %s): got %d, want %d", u, s[0], s[1], got, want)
			}
		}
	}
}

// TestAbsurdDatesDropped checks that dates before 1900 or more than a year ahead are dropped
// at ingest, counted and logged, and that the date facet and the timeline keep to 120 buckets:
// articles dated 0000-01-01 and 9999-12-31 made both 10,000 years long.
func TestAbsurdDatesDropped(t *testing.T) {
	ix, err := Open(t.TempDir()+"/idx", nil, Options{BatchSize: 10, Workers: 2}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	docs := []news.Document{
		{ID: "d0", Title: "Harbour", Body: "Harbour works.", Date: date("0000-01-01")},
		{ID: "d1", Title: "Harbour", Body: "Harbour works.", Date: date("9999-12-31")},
		{ID: "d2", Title: "Harbour", Body: "Harbour works.", Date: date("2024-05-01")},
		{ID: "d3", Title: "Harbour", Body: "Harbour works.", Date: date("1901-05-01")},
	}
	stats, err := ix.AddDocuments(ctx, docs)
	if err != nil || stats.DatesDropped != 2 || stats.Indexed != 4 {
		t.Fatalf("AddDocuments: got %+v, %v; want 4 indexed, 2 dates dropped", stats, err)
	}
	for id, want := range map[string]bool{"d0": false, "d1": false, "d2": true, "d3": true} {
		d, err := ix.Get(ctx, id)
		if err != nil || (d.Date != nil) != want {
			t.Errorf("Get(%s): got date %v, %v; want a date: %v", id, d.Date, err, want)
		}
	}
	res, err := ix.Search(ctx, Query{Q: "harbour"})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(res.Facets.Date); n == 0 || n > maxTimelineBuckets {
		t.Errorf("date facet: got %d buckets, want 1 to %d", n, maxTimelineBuckets)
	}
	if res.Timeline == nil || len(res.Timeline.Buckets) > maxTimelineBuckets || res.Timeline.Unit != UnitDecade {
		t.Errorf("timeline: got %+v, want decades, at most %d buckets", res.Timeline, maxTimelineBuckets)
	}
}
