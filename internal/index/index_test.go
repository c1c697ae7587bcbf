package index

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/searchd/searchd/internal/index/scorchx"
	"github.com/searchd/searchd/internal/news"
)

// The fixtures are fictional articles written for these tests.

func date(s string) *time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return &t
}

func speakers(names ...string) []news.Speaker {
	out := []news.Speaker{}
	for _, n := range names {
		out = append(out, news.Speaker{Name: n, Kind: news.KindPerson})
	}
	return out
}

func fixtures() []news.Document {
	washington := &news.Location{Name: "Washington", Country: "United States", Lat: 38.89, Lon: -77.03, Source: news.LocationDateline}
	miami := &news.Location{Name: "Miami", Country: "United States", Lat: 25.77, Lon: -80.19, Source: news.LocationDateline}
	lisbon := &news.Location{Name: "Lisbon", Country: "Portugal", Lat: 38.72, Lon: -9.14, Source: news.LocationDateline}
	newYork := &news.Location{Name: "New York", Country: "United States", Lat: 40.71, Lon: -74.01, Source: news.LocationText}
	brussels := &news.Location{Name: "Brussels", Country: "Belgium", Lat: 50.85, Lon: 4.35, Source: news.LocationDateline}
	return []news.Document{
		{ID: "a1", Title: "Senate passes budget after long night", Date: date("2024-03-15"), Source: "Daily Ledger", URL: "https://example.test/a1",
			Location: washington, Speakers: speakers("Maria Lopez"), Places: []string{"Washington, D.C.", "Freedonia"},
			Body: "WASHINGTON — The Senate voted 52-48 to pass the budget early Friday after a night of debate.\n\n\"This budget keeps the lights on,\" said Maria Lopez, the majority leader. Opponents said the spending plan was too large and promised to fight it in the House."},
		{ID: "a2", Title: "Storm floods coastal towns", Date: date("2024-03-15"), Source: "Coastal Times",
			Location: miami, Speakers: speakers("John Reed"),
			Body: "MIAMI — A slow-moving storm flooded streets in three coastal towns on Friday. \"We have never seen water this high,\" said John Reed, a harbour master. Residents were told to stay indoors until the tide turns."},
		{ID: "a3", Title: "Budget talks stall in the House", Date: date("2024-02-01"), Source: "Daily Ledger",
			Location: washington, Speakers: speakers("Maria Lopez", "Tom Baker"), Places: []string{"Washington, D.C."},
			Body: "WASHINGTON — Talks on the budget stalled on Thursday. Tom Baker said the House would not vote before the recess, while Maria Lopez urged members to keep negotiating over the weekend."},
		{ID: "a4", Title: "City council approves new park", Date: date("2023-11-20"), Source: "Lisbon Post",
			Location: lisbon, Speakers: speakers("Ana Silva"), Places: []string{"Lisbon, Portugal", "Porto, Portugal"},
			Body: "LISBON — The city council approved a new riverside park on Monday. \"Every neighbourhood deserves green space,\" said Ana Silva, the councillor who proposed it."},
		{ID: "a5", Title: "Markets rally as inflation cools", Date: date("2023-06-05"), Source: "Coastal Times",
			Location: newYork, Speakers: speakers("Tom Baker"),
			Body: "Stocks rose sharply in New York after new figures showed inflation cooling for a third month. Tom Baker, an economist, said investors now expect lower rates."},
		{ID: "a6", Title: "Page with markup", Date: date("2019-05-01"), Source: "Daily Ledger",
			Speakers: speakers(),
			Body:     "An odd page: <script>alert(\"budget\")</script> and a note on budget & taxes that a scraper kept."},
		{ID: "a7", Title: "Farmers warn of drought", Date: date("2024-03-16"), Source: "Lisbon Post",
			Location: lisbon, Speakers: speakers("Ana Silva", "John Reed"), Places: []string{"Lisbon, Portugal"},
			Body: "LISBON — Farmers warned of a long drought. Ana Silva said reservoirs were at their lowest level in a decade, and John Reed said the storm season had brought little rain."},
		{ID: "a8", Title: "Undated note on the budget vote procedure", Source: "Wire",
			Speakers: speakers(),
			Body:     "A short note without a date explaining how a budget vote proceeds in both chambers."},
		{ID: "a9", Title: "Senate budget vote delayed by storm", Date: date("2024-03-10"), Source: "Wire",
			Location: washington, Speakers: speakers("Maria Lopez"), Places: []string{"Washington, D.C.", "Portland, Oregon"},
			Body: "WASHINGTON — A winter storm delayed the Senate budget vote by two days. Maria Lopez said the chamber would meet on Tuesday instead."},
		{ID: "a10", Title: "Tech firms face new rules", Date: date("2022-09-30"), Source: "Daily Ledger",
			Location: brussels, Speakers: speakers("Tom Baker"), Places: []string{"Brussels, Belgium", "Freedonia"},
			Body: "BRUSSELS — Technology firms will face new rules on data. Tom Baker, who advises the commission, said the rules would take effect next year."},
	}
}

// newTestIndex returns an index in a temporary directory holding the fixtures.
func newTestIndex(tb testing.TB) *Index {
	tb.Helper()
	return fillTestIndex(tb, tb.TempDir()+"/idx")
}

// openIndex opens the index at dir with opts, without an extractor, and closes it when the
// test ends.
func openIndex(tb testing.TB, dir string, opts Options) *Index {
	tb.Helper()
	ix, err := Open(dir, nil, opts, nil)
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() {
		if err := ix.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return ix
}

// fillTestIndex opens the index at dir, with batches of 3 (several segments), adds the
// fixtures and returns it.
func fillTestIndex(tb testing.TB, dir string) *Index {
	tb.Helper()
	ix := openIndex(tb, dir, Options{BatchSize: 3, Workers: 2})
	stats, err := ix.AddDocuments(context.Background(), fixtures())
	if err != nil {
		tb.Fatalf("AddDocuments: %v", err)
	}
	if stats.Indexed != len(fixtures()) {
		tb.Fatalf("AddDocuments indexed %d, want %d", stats.Indexed, len(fixtures()))
	}
	return ix
}

func count(tb testing.TB, ix *Index) uint64 {
	tb.Helper()
	n, err := ix.Count()
	if err != nil {
		tb.Fatalf("Count: %v", err)
	}
	return n
}

func TestReindexChangesNothing(t *testing.T) {
	ix := newTestIndex(t)
	ctx := context.Background()
	before, err := ix.Search(ctx, Query{Q: "budget", Size: MaxSize})
	if err != nil {
		t.Fatal(err)
	}
	stats, err := ix.AddDocuments(ctx, fixtures())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := stats, (LoadStats{Read: 10, Unchanged: 10}); got != want {
		t.Errorf("second load stats: got %+v, want %+v", got, want)
	}
	if got, want := count(t, ix), uint64(len(fixtures())); got != want {
		t.Errorf("Count after re-indexing: got %d, want %d", got, want)
	}
	after, err := ix.Search(ctx, Query{Q: "budget", Size: MaxSize})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := hitIDs(after), hitIDs(before); !slices.Equal(got, want) {
		t.Errorf("hits after re-indexing: got %v, want %v", got, want)
	}
}

// TestReindexWritesChanged re-indexes the fixtures with one title changed: only that one is
// written, and the search sees the new title.
func TestReindexWritesChanged(t *testing.T) {
	ix := newTestIndex(t)
	ctx := context.Background()
	docs := fixtures()
	docs[3].Title = "Zanzibar ferry timetable rewritten"
	stats, err := ix.AddDocuments(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := stats, (LoadStats{Read: 10, Indexed: 1, Unchanged: 9}); got != want {
		t.Errorf("load stats: got %+v, want %+v", got, want)
	}
	res, err := ix.Search(ctx, Query{Q: "zanzibar"})
	if err != nil {
		t.Fatal(err)
	}
	if got := hitIDs(res); !slices.Equal(got, []string{docs[3].ID}) {
		t.Errorf("search for the new title: got %v, want [%s]", got, docs[3].ID)
	}
}

func TestLoadDuplicatesLaterWins(t *testing.T) {
	ix, err := Open(t.TempDir()+"/idx", nil, Options{BatchSize: 2, Workers: 3}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	var arts []news.Article
	for i := range 7 {
		arts = append(arts, news.Article{ID: fmt.Sprintf("x%d", i%3), Title: fmt.Sprintf("version %d", i), Body: "text"})
	}
	arts = append(arts, news.Article{Title: "no id"})
	var calls int
	in := make(chan news.Article)
	go func() {
		defer close(in)
		for _, a := range arts {
			in <- a
		}
	}()
	stats, err := ix.Load(ctx, in, func(LoadStats) { calls++ })
	if !errors.Is(err, ErrNoID) {
		t.Errorf("Load error: got %v, want ErrNoID", err)
	}
	if got, want := stats, (LoadStats{Read: 8, Indexed: 3, Duplicates: 4, Failed: 1}); got != want {
		t.Errorf("stats: got %+v, want %+v", got, want)
	}
	if calls == 0 {
		t.Error("progress was never called")
	}
	if got, want := count(t, ix), uint64(3); got != want {
		t.Errorf("Count: got %d, want %d", got, want)
	}
	for id, want := range map[string]string{"x0": "version 6", "x1": "version 4", "x2": "version 5"} {
		d, err := ix.Get(ctx, id)
		if err != nil {
			t.Fatalf("Get(%s): %v", id, err)
		}
		if d.Title != want {
			t.Errorf("Get(%s).Title: got %q, want %q (the later article wins)", id, d.Title, want)
		}
	}
}

func TestGetDelete(t *testing.T) {
	ix := newTestIndex(t)
	ctx := context.Background()
	d, err := ix.Get(ctx, "a3")
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	want := fixtures()[2]
	if d.Title != want.Title || d.Body != want.Body || !slices.Equal(d.SpeakerNames(), want.SpeakerNames()) ||
		d.Location == nil || *d.Location != *want.Location || !d.Date.Equal(*want.Date) {
		t.Errorf("Get(a3): got %+v, want %+v", d, want)
	}
	if _, err := ix.Get(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(nope): got %v, want ErrNotFound", err)
	}
	if err := ix.Delete(ctx, "a3"); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := ix.Get(ctx, "a3"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get after Delete: got %v, want ErrNotFound", err)
	}
	if err := ix.Delete(ctx, "a3"); !errors.Is(err, ErrNotFound) {
		t.Errorf("second Delete: got %v, want ErrNotFound", err)
	}
	if got, want := count(t, ix), uint64(len(fixtures())-1); got != want {
		t.Errorf("Count after Delete: got %d, want %d", got, want)
	}
	res, err := ix.Search(ctx, Query{Q: "stall"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 0 {
		t.Errorf("search for the deleted article: got %v, want none", hitIDs(res))
	}
}

func TestReopen(t *testing.T) {
	dir := t.TempDir() + "/idx"
	ix, err := Open(dir, nil, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.AddDocuments(context.Background(), fixtures()); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix, err = Open(dir, nil, Options{}, nil)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer ix.Close()
	if got, want := count(t, ix), uint64(len(fixtures())); got != want {
		t.Errorf("Count after reopen: got %d, want %d", got, want)
	}
	res, err := ix.Search(context.Background(), Query{Q: "drought"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := hitIDs(res), []string{"a7"}; !slices.Equal(got, want) {
		t.Errorf("search after reopen: got %v, want %v", got, want)
	}
}

func hitIDs(r *Results) []string {
	var ids []string
	for _, h := range r.Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

func sorted(ids []string) []string {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	return ids
}

func TestSearchMatches(t *testing.T) {
	ix := newTestIndex(t)
	tests := []struct {
		name string
		q    Query
		want []string // sorted
	}{
		{"words are ANDed", Query{Q: "senate budget"}, []string{"a1", "a9"}},
		{"stemming", Query{Q: "voting"}, []string{"a1", "a3", "a8", "a9"}},
		{"phrase", Query{Q: `"budget vote"`}, []string{"a8", "a9"}},
		{"exclusion", Query{Q: "budget -senate"}, []string{"a3", "a6", "a8"}},
		{"exclusion only", Query{Q: "-budget"}, []string{"a10", "a2", "a4", "a5", "a7"}},
		{"plus is required too", Query{Q: "+storm senate"}, []string{"a9"}},
		{"title field", Query{Q: "title:storm"}, []string{"a2", "a9"}},
		{"body field", Query{Q: "body:reservoirs"}, []string{"a7"}},
		{"speaker field", Query{Q: `speaker:"Ana Silva"`}, []string{"a4", "a7"}},
		{"location field", Query{Q: "location:Lisbon"}, []string{"a4", "a7"}},
		{"source field", Query{Q: `source:"Coastal Times"`}, []string{"a2", "a5"}},
		{"country field", Query{Q: "country:Portugal"}, []string{"a4", "a7"}},
		{"date range", Query{Q: `date:>="2024-03-15" storm`}, []string{"a2", "a7"}},
		{"fuzzy", Query{Q: "drougt~1"}, []string{"a7"}},
		{"wildcard", Query{Q: "reservo*"}, []string{"a7"}},
		{"boost keeps matches", Query{Q: "storm^3 senate"}, []string{"a9"}},
		{"case does not matter", Query{Q: "SENATE Budget"}, []string{"a1", "a9"}},
		{"stop words are dropped", Query{Q: "the budget of the senate"}, []string{"a1", "a9"}},
		{"only stop words match all", Query{Q: "the"}, sorted([]string{"a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10"})},
		{"empty matches all", Query{}, sorted([]string{"a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10"})},
		{"speaker filter ORed", Query{Speakers: []string{"Ana Silva", "John Reed"}}, []string{"a2", "a4", "a7"}},
		{"filters ANDed across fields", Query{Speakers: []string{"Tom Baker", "John Reed"}, Sources: []string{"Coastal Times"}}, []string{"a2", "a5"}},
		{"filters with a query", Query{Q: "budget", Locations: []string{"Washington"}}, []string{"a1", "a3", "a9"}},
		{"source filter", Query{Sources: []string{"Wire"}}, []string{"a8", "a9"}},
		{"since", Query{Since: *date("2024-03-15")}, []string{"a1", "a2", "a7"}},
		{"until is inclusive of the day", Query{Until: *date("2022-09-30")}, []string{"a10", "a6"}},
		{"since and until", Query{Since: *date("2024-02-01"), Until: *date("2024-03-15")}, []string{"a1", "a2", "a3", "a9"}},
		{"no match", Query{Q: "volcano"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.q.Size = MaxSize
			res, err := ix.Search(context.Background(), tt.q)
			if err != nil {
				t.Fatalf("Search(%+v): %v", tt.q, err)
			}
			if got := sorted(hitIDs(res)); !slices.Equal(got, tt.want) {
				t.Errorf("Search(%+v): got %v, want %v", tt.q, got, tt.want)
			}
			if res.Total != uint64(len(tt.want)) {
				t.Errorf("Total: got %d, want %d", res.Total, len(tt.want))
			}
		})
	}
}

func TestSearchSorts(t *testing.T) {
	ix := newTestIndex(t)
	ctx := context.Background()
	docs := map[string]news.Document{}
	for _, d := range fixtures() {
		docs[d.ID] = d
	}
	dateOf := func(id string) time.Time {
		if d := docs[id].Date; d != nil {
			return *d
		}
		return time.Time{}
	}
	tests := []struct {
		q    Query
		want []string
	}{
		{Query{Sort: SortDate}, []string{"a6", "a10", "a5", "a4", "a3", "a9", "a1", "a2", "a7", "a8"}},
		{Query{Sort: SortDateDesc}, []string{"a7", "a1", "a2", "a9", "a3", "a4", "a5", "a10", "a6", "a8"}},
		{Query{}, []string{"a7", "a1", "a2", "a9", "a3", "a4", "a5", "a10", "a6", "a8"}}, // relevance ties: newest first
		{Query{Q: "storm", Sort: SortDate}, []string{"a9", "a2", "a7"}},
	}
	for _, tt := range tests {
		res, err := ix.Search(ctx, tt.q)
		if err != nil {
			t.Fatalf("Search(%+v): %v", tt.q, err)
		}
		if got := hitIDs(res); !slices.Equal(got, tt.want) {
			t.Errorf("Search(%+v): got %v, want %v", tt.q, got, tt.want)
		}
	}

	res, err := ix.Search(ctx, Query{Q: "budget storm senate vote", Sort: SortRelevance})
	if err != nil {
		t.Fatal(err)
	}
	res2, err := ix.Search(ctx, Query{Q: "budget", Size: MaxSize})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []*Results{res, res2} {
		for i := 1; i < len(r.Hits); i++ {
			a, b := r.Hits[i-1], r.Hits[i]
			if a.Score < b.Score || (a.Score == b.Score && dateOf(a.ID).Before(dateOf(b.ID))) {
				t.Errorf("relevance order: %s (%g, %v) before %s (%g, %v)", a.ID, a.Score, a.Date, b.ID, b.Score, b.Date)
			}
		}
	}
	// A title match outranks a body-only match.
	res, err = ix.Search(ctx, Query{Q: "drought"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 || res.Hits[0].Score <= 0 {
		t.Errorf("drought: got %+v, want one scored hit", res.Hits)
	}
}

// TestIgnoredQuerySaysSo checks that a query whose words all analyse to nothing says that it
// matched every article (it answered the whole archive without a word).
func TestIgnoredQuerySaysSo(t *testing.T) {
	ix := newTestIndex(t)
	for _, tt := range []struct {
		q    string
		warn bool
	}{{"the", true}, {"!!!", true}, {"the of", true}, {"", false}, {"budget", false}, {"the budget", false}} {
		res, err := ix.Search(context.Background(), Query{Q: tt.q})
		if err != nil {
			t.Fatalf("Search(%q): %v", tt.q, err)
		}
		if got := res.Warning != ""; got != tt.warn {
			t.Errorf("Search(%q): got warning %q, want one: %v", tt.q, res.Warning, tt.warn)
		}
	}
}

func TestSearchPaging(t *testing.T) {
	ix := newTestIndex(t)
	ctx := context.Background()
	for _, q := range []Query{
		{Sort: SortRelevance}, {Sort: SortDate}, {Sort: SortDateDesc},
		{Q: "budget"}, {Q: "said", Sort: SortDate}, {Q: "storm OR budget"},
	} {
		all, err := ix.Search(ctx, Query{Q: q.Q, Sort: q.Sort, Size: MaxSize})
		if err != nil {
			t.Fatal(err)
		}
		if all.Next != "" {
			t.Errorf("%+v: Next on the only page: got %q, want empty", q, all.Next)
		}
		for _, size := range []int{1, 3, 4} {
			var got []string
			q := q
			q.Size = size
			pages := 0
			for page := 0; ; page++ {
				res, err := ix.Search(ctx, q)
				if err != nil {
					t.Fatalf("%+v: %v", q, err)
				}
				if res.Total != all.Total {
					t.Errorf("%+v: Total on page %d: got %d, want %d", q, page, res.Total, all.Total)
				}
				got = append(got, hitIDs(res)...)
				pages++
				if res.Next == "" {
					break
				}
				if len(res.Hits) != size {
					t.Errorf("%+v: page %d has %d hits and a Next", q, page, len(res.Hits))
				}
				q.After = res.Next
				if page > 20 {
					t.Fatalf("%+v: paging does not end", q)
				}
			}
			if want := hitIDs(all); !slices.Equal(got, want) {
				t.Errorf("pages of %d for %+v: got %v, want %v", size, q, got, want)
			}
			// Next only when a hit follows: no empty last page, also when the hits fill
			// the pages exactly.
			if want := max((len(all.Hits)+size-1)/size, 1); pages != want {
				t.Errorf("pages of %d for %+v: got %d pages for %d hits, want %d", size, q, pages, len(all.Hits), want)
			}
		}
	}
}

func TestSearchBadQueries(t *testing.T) {
	ix := newTestIndex(t)
	ctx := context.Background()
	good, err := ix.Search(ctx, Query{Size: 2})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		q    Query
		want string // in the message
	}{
		{"syntax", Query{Q: `budget "unclosed`}, "cannot parse"},
		{"dangling colon", Query{Q: "title:"}, "cannot parse"},
		{"unknown field", Query{Q: "author:smith"}, `unknown field "author"`},
		{"range on a keyword", Query{Q: "source:>5"}, "no numeric fields"},
		{"date without range", Query{Q: "date:2020"}, "dates take a range"},
		{"bad regexp", Query{Q: "/[a/"}, "regular expression"},
		{"size too large", Query{Size: MaxSize + 1}, "size"},
		{"negative size", Query{Size: -1}, "size"},
		{"bad sort", Query{Sort: "title"}, "sort"},
		{"cursor not base64", Query{After: "!!!"}, "cursor"},
		{"cursor garbage", Query{After: "AQJkZWFk"}, "cursor"},
		{"cursor of another sort", Query{After: good.Next, Sort: SortDate}, "another sort"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ix.Search(ctx, tt.q)
			if !errors.Is(err, ErrBadQuery) {
				t.Fatalf("Search(%+v): got %v, want ErrBadQuery", tt.q, err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Search(%+v): got %q, want it to mention %q", tt.q, err, tt.want)
			}
		})
	}
}

func TestSearchTimeout(t *testing.T) {
	ix := newTestIndex(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ix.Search(ctx, Query{Q: "budget"}); !errors.Is(err, context.Canceled) {
		t.Errorf("Search with a cancelled context: got %v, want context.Canceled", err)
	}
}

func TestUnnamedSpeakersNotInFacet(t *testing.T) {
	ix := openIndex(t, t.TempDir()+"/idx", Options{BatchSize: 2, Workers: 1})
	doc := news.Document{ID: "u1", Title: "Port closes for repairs", Date: date("2024-04-02"), Source: "Wire",
		Body: "The port will close for a week, a senior harbour official said. \"We have no choice,\" said Lena Ortiz.",
		Speakers: []news.Speaker{
			{Name: "", Title: "a senior harbour official", Kind: news.KindUnnamed, Quotes: []news.Quote{{Text: "The port will close for a week"}}},
			{Name: "Lena Ortiz", Kind: news.KindPerson, Quotes: []news.Quote{{Text: "We have no choice", Direct: true}}},
		}}
	if _, err := ix.AddDocuments(context.Background(), []news.Document{doc}); err != nil {
		t.Fatalf("AddDocuments: %v", err)
	}
	res, err := ix.Search(context.Background(), Query{Q: "port"})
	if err != nil {
		t.Fatalf("Search: %v", err)
	}
	var facet []string
	for _, f := range res.Facets.Speaker {
		facet = append(facet, f.Value)
	}
	if want := []string{"Lena Ortiz"}; !slices.Equal(facet, want) {
		t.Errorf("got speaker facet %q, want %q", facet, want)
	}
	if len(res.Hits) != 1 {
		t.Fatalf("got %d hits, want 1", len(res.Hits))
	}
	if got, want := res.Hits[0].Speakers, []string{"Lena Ortiz"}; !slices.Equal(got, want) {
		t.Errorf("got hit speakers %q, want %q", got, want)
	}
	got, err := ix.Get(context.Background(), "u1")
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if len(got.Speakers) != 2 || got.Speakers[0].Kind != news.KindUnnamed || got.Speakers[0].Title != "a senior harbour official" {
		t.Errorf("got stored speakers %+v, want the unnamed source kept in the document", got.Speakers)
	}
}

// testSnapshot returns a snapshot of ix's articles, closed when the test ends.
func testSnapshot(tb testing.TB, ix *Index) *scorchx.Snapshot {
	tb.Helper()
	snap, err := ix.snapshot()
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { snap.Close() })
	return snap
}
