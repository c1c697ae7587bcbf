package index

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/searchd/searchd/internal/news"
)

// summitDocs are fictional articles in which two speakers talk about the same things, so that a
// quote search can tell whose words matched.
func summitDocs() []news.Document {
	say := func(name, title string, texts ...string) news.Speaker {
		s := news.Speaker{Name: name, Title: title, Kind: news.KindPerson}
		for _, t := range texts {
			s.Quotes = append(s.Quotes, news.Quote{Text: t, Direct: true})
		}
		return s
	}
	return []news.Document{
		{ID: "s1", Title: "Leaders meet in Geneva", Date: date("2025-03-02"), Source: "Wire",
			Location: &news.Location{Name: "Geneva", Country: "Switzerland", Lat: 46.2, Lon: 6.14},
			Body:     "GENEVA — Two leaders met for talks on a ceasefire.",
			Speakers: []news.Speaker{
				say("Vladimir Putin", "President", "There can be no compromise on our borders"),
				say("Donald Trump", "President", "Everyone wants a compromise, I want a deal", "The talks went well"),
			}},
		{ID: "s2", Title: "Talks resume", Date: date("2025-03-09"), Source: "Ledger",
			Body: "The talks resumed after a week.",
			Speakers: []news.Speaker{
				say("Vladimir Putin", "Russian president", "We are ready to talk about grain"),
				{Name: "", Title: "a senior official", Kind: news.KindUnnamed,
					Quotes: []news.Quote{{Text: "a compromise is close", Direct: false}}},
			}},
	}
}

func newSummitIndex(tb testing.TB) *Index {
	tb.Helper()
	ix, err := Open(tb.TempDir()+"/idx", nil, Options{BatchSize: 3, Workers: 2}, nil)
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() { ix.Close() })
	if _, err := ix.AddDocuments(context.Background(), summitDocs()); err != nil {
		tb.Fatalf("AddDocuments: %v", err)
	}
	return ix
}

func quoteTexts(r *QuoteResults) []string {
	var out []string
	for _, q := range r.Quotes {
		out = append(out, q.Speaker+": "+q.Text)
	}
	slices.Sort(out)
	return out
}

func TestSearchQuotes(t *testing.T) {
	ix := newSummitIndex(t)
	ctx := context.Background()
	tests := []struct {
		name string
		q    Query
		want []string
	}{
		{"speaker's own words only", Query{Q: "compromise", Speakers: []string{"Vladimir Putin"}},
			[]string{"Vladimir Putin: There can be no compromise on our borders"}},
		{"other speaker", Query{Q: "compromise", Speakers: []string{"Donald Trump"}},
			[]string{"Donald Trump: Everyone wants a compromise, I want a deal"}},
		{"all speakers", Query{Q: "compromise"}, []string{
			": a compromise is close",
			"Donald Trump: Everyone wants a compromise, I want a deal",
			"Vladimir Putin: There can be no compromise on our borders"}},
		{"words of the article body do not match", Query{Q: "ceasefire"}, nil},
		{"words in two quotes of one speaker do not join", Query{Q: "deal talks"}, nil},
		{"speaker, no words", Query{Speakers: []string{"Vladimir Putin"}, Sort: SortDateDesc}, []string{
			"Vladimir Putin: There can be no compromise on our borders",
			"Vladimir Putin: We are ready to talk about grain"}},
		{"source filter", Query{Q: "compromise", Sources: []string{"Ledger"}}, []string{": a compromise is close"}},
		{"fielded speaker in q", Query{Q: `speaker:"Donald Trump" talks`}, []string{"Donald Trump: The talks went well"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ix.SearchQuotes(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := quoteTexts(res); !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if res.Total != uint64(len(tt.want)) {
				t.Errorf("got total %d, want %d", res.Total, len(tt.want))
			}
		})
	}

	res, err := ix.SearchQuotes(ctx, Query{Q: "compromise", Speakers: []string{"Vladimir Putin"}})
	if err != nil {
		t.Fatal(err)
	}
	q := res.Quotes[0]
	if !strings.Contains(q.Highlight, "<mark>compromise</mark>") || q.Article != "s1" || q.Title != "Leaders meet in Geneva" ||
		q.Role != "President" || q.Date == nil || q.Location == nil || q.Location.Name != "Geneva" {
		t.Errorf("got quote %+v, want highlighted text, article s1 with its title, role, date and location", q)
	}
	all, err := ix.SearchQuotes(ctx, Query{Q: "compromise"})
	if err != nil {
		t.Fatal(err)
	}
	wantFacet := []FacetValue{{"Donald Trump", 1}, {"Vladimir Putin", 1}}
	if !slices.Equal(all.Facets.Speaker, wantFacet) {
		t.Errorf("speaker facet: got %v, want %v (unnamed sources left out)", all.Facets.Speaker, wantFacet)
	}
	if _, err := ix.SearchQuotes(ctx, Query{Q: "title:talks"}); err == nil {
		t.Errorf("title:talks in a quote search: got no error, want an unknown-field error")
	}
}

// TestQuotesNotInArticleSearch: quote documents never show in article hits, facets or counts.
func TestQuotesNotInArticleSearch(t *testing.T) {
	ix := newSummitIndex(t)
	ctx := context.Background()
	for _, q := range []Query{{}, {Q: "-zebra"}, {Speakers: []string{"Vladimir Putin"}}, {Q: "compromise"}} {
		res, err := ix.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			if strings.Contains(h.ID, "#q") {
				t.Errorf("%+v: got quote document %s among article hits", q, h.ID)
			}
		}
		for _, f := range res.Facets.Speaker {
			if f.Value == "Vladimir Putin" && f.Count != 2 {
				t.Errorf("%+v: got speaker facet %v, want Vladimir Putin 2 (articles)", q, f)
			}
		}
	}
	if got := count(t, ix); got != 2 {
		t.Errorf("Count: got %d, want 2 articles", got)
	}
	if _, err := ix.Get(ctx, quoteID("s1", 0)); err == nil {
		t.Errorf("Get of a quote document id: got no error, want not found")
	}
}

// TestQuotesReplacedWithArticle: a changed article replaces its quotes; a deleted one takes
// them along; an unchanged one keeps them without rewriting.
func TestQuotesReplacedWithArticle(t *testing.T) {
	ix := newSummitIndex(t)
	ctx := context.Background()
	search := func(q Query) []string {
		t.Helper()
		res, err := ix.SearchQuotes(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		return quoteTexts(res)
	}

	stats, err := ix.AddDocuments(ctx, summitDocs())
	if err != nil || stats.Unchanged != 2 {
		t.Fatalf("re-index: got %+v, %v; want 2 unchanged", stats, err)
	}
	if got := search(Query{Speakers: []string{"Donald Trump"}}); len(got) != 2 {
		t.Errorf("after an unchanged re-index: got %q, want Trump's 2 quotes", got)
	}

	docs := summitDocs()
	docs[0].Speakers = docs[0].Speakers[:1] // Trump's quotes are gone
	docs[0].Speakers[0].Quotes[0].Text = "A settlement is possible"
	if _, err := ix.AddDocuments(ctx, docs[:1]); err != nil {
		t.Fatal(err)
	}
	if got := search(Query{Speakers: []string{"Donald Trump"}}); len(got) != 0 {
		t.Errorf("after replacing s1: got Trump quotes %q, want none", got)
	}
	if got := search(Query{Q: "compromise", Speakers: []string{"Vladimir Putin"}}); len(got) != 0 {
		t.Errorf("after replacing s1: got old quote %q, want none", got)
	}
	if got, want := search(Query{Q: "settlement"}), []string{"Vladimir Putin: A settlement is possible"}; !slices.Equal(got, want) {
		t.Errorf("after replacing s1: got %q, want %q", got, want)
	}

	if err := ix.Delete(ctx, "s2"); err != nil {
		t.Fatal(err)
	}
	if got, want := search(Query{}), []string{"Vladimir Putin: A settlement is possible"}; !slices.Equal(got, want) {
		t.Errorf("after deleting s2: got %q, want %q", got, want)
	}
}

// TestQuotesReplacedByID: replacing the quotes of article "x" leaves those of article "x#q1",
// whose quote ids start as x's do ("x#q1#q0"), and quote ids are parsed back to articles.
func TestQuotesReplacedByID(t *testing.T) {
	ix := newSummitIndex(t)
	ctx := context.Background()
	docs := summitDocs()
	docs[0].ID, docs[1].ID = "x", "x#q1"
	if _, err := ix.AddDocuments(ctx, docs); err != nil {
		t.Fatal(err)
	}
	changed := docs[0]
	changed.Speakers = changed.Speakers[:1]
	changed.Title = "Leaders meet again"
	if _, err := ix.AddDocuments(ctx, []news.Document{changed}); err != nil {
		t.Fatal(err)
	}
	res, err := ix.SearchQuotes(ctx, Query{Sort: SortDate})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, q := range res.Quotes {
		ids = append(ids, q.ID)
	}
	slices.Sort(ids)
	// Those of the summit index, and of its articles again as x and x#q1: x keeps its first quote.
	if want := []string{"s1#q0", "s1#q1", "s1#q2", "s2#q0", "s2#q1", "x#q0", "x#q1#q0", "x#q1#q1"}; !slices.Equal(ids, want) {
		t.Errorf("quote ids: got %v, want %v", ids, want)
	}
	for qid, want := range map[string]string{"x#q1#q0": "x#q1", "a#q12": "a", "a#q": "", "a#qb": "", "a": ""} {
		if got, ok := quoteArticle(qid); got != want || ok != (want != "") {
			t.Errorf("quoteArticle(%q): got %q, %v; want %q", qid, got, ok, want)
		}
	}
}

// TestConcurrentWritersKeepQuotes adds one id from two writers at once, one version with six
// quotes and one with one, and checks that the quote index holds the quotes of the version
// the article index kept. Each writer read the stored hashes, replaced the quotes and wrote
// two batches with nothing between writers: in some rounds the article kept one version and
// the quote index the other's quotes.
func TestConcurrentWritersKeepQuotes(t *testing.T) {
	ix, err := Open(t.TempDir()+"/idx", nil, Options{BatchSize: 10, Workers: 1, SearchCache: -1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	version := func(round, quotes int) news.Document {
		s := news.Speaker{Name: "Ana Silva", Kind: news.KindPerson}
		for i := range quotes {
			s.Quotes = append(s.Quotes, news.Quote{Text: fmt.Sprintf("The reservoir level %d was noted in round %d", i, round), Direct: true})
		}
		return news.Document{ID: "c1", Title: "Reservoirs", Body: fmt.Sprintf("Round %d of the reservoir report.", round),
			Source: "Wire", Speakers: []news.Speaker{s}}
	}
	for round := range 40 {
		start := make(chan struct{})
		var wg sync.WaitGroup
		for _, n := range []int{6, 1} {
			wg.Go(func() {
				<-start
				if _, err := ix.AddDocuments(ctx, []news.Document{version(round, n)}); err != nil {
					t.Errorf("round %d: AddDocuments: %v", round, err)
				}
			})
		}
		close(start)
		wg.Wait()
		d, err := ix.Get(ctx, "c1")
		if err != nil {
			t.Fatal(err)
		}
		res, err := ix.SearchQuotes(ctx, Query{Size: MaxSize})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := res.Total, uint64(len(d.Speakers[0].Quotes)); got != want {
			t.Fatalf("round %d: the quote index holds %d quotes, the article %d", round, got, want)
		}
	}
}

// TestSearchQuotesPaging checks that pages of quotes add up to all of them, with a Next only
// when a quote follows (no empty last page, also when the quotes fill the pages exactly).
func TestSearchQuotesPaging(t *testing.T) {
	ix := newSummitIndex(t)
	ctx := context.Background()
	for _, q := range []Query{{}, {Q: "compromise"}, {Sort: SortDate}} {
		all, err := ix.SearchQuotes(ctx, Query{Q: q.Q, Sort: q.Sort, Size: MaxSize})
		if err != nil {
			t.Fatal(err)
		}
		if len(all.Quotes) < 2 || all.Next != "" {
			t.Fatalf("%+v: got %d quotes and Next %q on the only page, want 2 or more and none", q, len(all.Quotes), all.Next)
		}
		var want []string
		for _, qt := range all.Quotes {
			want = append(want, qt.ID)
		}
		for _, size := range []int{1, 2} {
			q := q
			q.Size = size
			var got []string
			pages := 0
			for {
				res, err := ix.SearchQuotes(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				for _, qt := range res.Quotes {
					got = append(got, qt.ID)
				}
				if pages++; res.Next == "" || pages > len(want)+1 {
					break
				}
				q.After = res.Next
			}
			if !slices.Equal(got, want) {
				t.Errorf("pages of %d for %+v: got %v, want %v", size, q, got, want)
			}
			if w := (len(want) + size - 1) / size; pages != w {
				t.Errorf("pages of %d for %+v: got %d pages for %d quotes, want %d", size, q, pages, len(want), w)
			}
		}
	}
}
