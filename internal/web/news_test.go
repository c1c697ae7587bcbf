package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/searchd/searchd/internal/index"
	"github.com/searchd/searchd/internal/news"
)

// The failing store of api_test.go fails the news features too.

func (f failingStore) SearchQuotes(context.Context, index.Query) (*index.QuoteResults, error) {
	return nil, f.err
}

func (f failingStore) SuggestIn(context.Context, string, int, index.Query) ([]index.FacetValue, error) {
	return nil, f.err
}

func (f failingStore) Speaker(context.Context, string) (*index.SpeakerPage, error) {
	return nil, f.err
}

func (f failingStore) Related(context.Context, string) (*index.Related, error) {
	return nil, f.err
}

func quotesJSON(tb testing.TB, h http.Handler, params url.Values) index.QuoteResults {
	tb.Helper()
	var res index.QuoteResults
	decodeBody(tb, do(tb, h, http.MethodGet, "/api/quotes?"+params.Encode(), nil), http.StatusOK, &res)
	return res
}

func TestQuotesAPI(t *testing.T) {
	h, _ := newTestServer(t, newTestIndex(t), Config{})
	tests := []struct {
		name   string
		params url.Values
		want   []string // "speaker: text", sorted
	}{
		// Two speakers are quoted in reuters21578/1, only Okafor about cuts: her quote matches,
		// and Whitlow's quotes never do, although his article contains the word.
		{"speaker's own words", url.Values{"q": {"cuts"}, "speaker": {"Maria Okafor"}},
			[]string{"Maria Okafor: the cuts would hurt island commuters"}},
		{"other speaker in the same article", url.Values{"q": {"cuts"}, "speaker": {"James Whitlow"}}, nil},
		{"words across speakers", url.Values{"q": {"january"}}, []string{"James Whitlow: We cannot run empty ships through January"}},
		{"speaker only", url.Values{"speaker": {"James Whitlow"}}, []string{
			"James Whitlow: Sailings resume at noon", "James Whitlow: We cannot run empty ships through January"}},
		{"since", url.Values{"speaker": {"James Whitlow"}, "since": {"2024-02-01"}}, []string{"James Whitlow: Sailings resume at noon"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := quotesJSON(t, h, tt.params)
			var got []string
			for _, q := range res.Quotes {
				got = append(got, q.Speaker+": "+q.Text)
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	res := quotesJSON(t, h, url.Values{"q": {"cuts"}})
	if len(res.Quotes) != 1 {
		t.Fatalf("q=cuts: got %d quotes, want 1", len(res.Quotes))
	}
	q := res.Quotes[0]
	if q.Article != "reuters21578/1" || q.Title == "" || q.Date == nil || !strings.Contains(q.Highlight, "<mark>cuts</mark>") {
		t.Errorf("got %+v, want article reuters21578/1 with title, date and a highlight", q)
	}
	if want := []index.FacetValue{{Value: "Maria Okafor", Count: 1}}; !slices.Equal(res.Facets.Speaker, want) {
		t.Errorf("speaker facet: got %v, want %v", res.Facets.Speaker, want)
	}
	// Paging with the cursor visits every quote once.
	seen := map[string]bool{}
	params := url.Values{"size": {"2"}, "sort": {"-date"}}
	for page := 0; page < 10; page++ {
		res := quotesJSON(t, h, params)
		for _, q := range res.Quotes {
			if seen[q.ID] {
				t.Errorf("quote %s on two pages", q.ID)
			}
			seen[q.ID] = true
		}
		if res.Next == "" {
			break
		}
		params.Set("after", res.Next)
	}
	want := 0
	for _, d := range fixtureDocs() {
		for _, sp := range d.Speakers {
			want += len(sp.Quotes)
		}
	}
	if len(seen) != want {
		t.Errorf("paging: got %d quotes, want the fixtures' %d", len(seen), want)
	}
	rec := do(t, h, http.MethodGet, "/api/quotes?q=title:ferry", nil)
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "quote, speaker") {
		t.Errorf("q=title:ferry: got %d %s, want 400 naming the quote fields", rec.Code, rec.Body)
	}
}

func TestSpeakersAPI(t *testing.T) {
	h, _ := newTestServer(t, newTestIndex(t), Config{})
	var sug suggestResponse
	decodeBody(t, do(t, h, http.MethodGet, "/api/speakers?prefix=oka&size=5", nil), http.StatusOK, &sug)
	want := []index.FacetValue{{Value: "Maria Okafor", Count: len(docsWithSpeaker(fixtureDocs(), "Maria Okafor"))}}
	if !slices.Equal(sug.Speakers, want) {
		t.Errorf("prefix oka: got %v, want %v", sug.Speakers, want)
	}
	if rec := do(t, h, http.MethodGet, "/api/speakers?size=500", nil); rec.Code != http.StatusBadRequest {
		t.Errorf("size=500: got %d, want 400", rec.Code)
	}

	var p index.SpeakerPage
	decodeBody(t, do(t, h, http.MethodGet, "/api/speakers/James%20Whitlow", nil), http.StatusOK, &p)
	if p.Name != "James Whitlow" || p.Articles != 2 || len(p.Latest) != 2 || p.FirstSeen == nil || len(p.Timeline) == 0 {
		t.Errorf("got %+v, want James Whitlow in 2 articles with 2 quotes, dates and a timeline", p)
	}
	if len(p.Roles) != 1 || p.Roles[0].Role != "chief executive of Channel Links" || p.Roles[0].Count != 2 {
		t.Errorf("roles: got %+v, want his one role on 2 quotes", p.Roles)
	}
	co := []string{}
	for _, c := range p.CoSpeakers {
		co = append(co, c.Value)
	}
	slices.Sort(co)
	if want := []string{"Claire Dubois", "Maria Okafor"}; !slices.Equal(co, want) {
		t.Errorf("co-speakers: got %v, want %v", co, want)
	}
	if rec := do(t, h, http.MethodGet, "/api/speakers/Nobody%20Here", nil); rec.Code != http.StatusNotFound {
		t.Errorf("unknown speaker: got %d, want 404", rec.Code)
	}
}

func TestSearchTimelineAPI(t *testing.T) {
	h, _ := newTestServer(t, newTestIndex(t), Config{})
	for _, params := range []url.Values{{}, {"q": {"ferry"}}, {"since": {"2024-01-01"}, "until": {"2024-01-31"}}} {
		res := searchJSON(t, h, params)
		if res.Timeline == nil {
			t.Fatalf("%v: got no timeline", params)
		}
		sum := 0
		for _, b := range res.Timeline.Buckets {
			sum += b.Count
		}
		if uint64(sum) != res.Total {
			t.Errorf("%v: timeline sums to %d, want the total %d (every fixture is dated)", params, sum, res.Total)
		}
	}
	if res := searchJSON(t, h, url.Values{"since": {"2024-01-01"}, "until": {"2024-01-31"}}); res.Timeline.Unit != index.UnitDay {
		t.Errorf("one month: got unit %q, want day", res.Timeline.Unit)
	}
	if res := searchJSON(t, h, url.Values{}); res.Timeline.Unit != index.UnitWeek {
		t.Errorf("five months: got unit %q, want week", res.Timeline.Unit)
	}
}

func TestCollapseAPI(t *testing.T) {
	h, _ := newTestServer(t, wireCopyIndexAPI(t), Config{})
	plain := searchJSON(t, h, url.Values{"q": {"ferry"}})
	collapsed := searchJSON(t, h, url.Values{"q": {"ferry"}, "collapse": {"story"}})
	if len(collapsed.Hits) != len(plain.Hits)-1 {
		t.Errorf("collapse=story: got %d hits, want %d (one per story)", len(collapsed.Hits), len(plain.Hits)-1)
	}
	found := false
	for _, hit := range collapsed.Hits {
		if hit.Story == "reuters21578/1" {
			found = true
			if hit.Versions != 2 || len(hit.Others) != 1 {
				t.Errorf("story hit %s: got %d versions, others %+v; want 2 and the other one", hit.ID, hit.Versions, hit.Others)
			}
		}
	}
	if !found {
		t.Errorf("collapse=story: no hit of story reuters21578/1 in %v", hitIDs(collapsed.Hits))
	}
	if rec := do(t, h, http.MethodGet, "/api/search?collapse=site", nil); rec.Code != http.StatusBadRequest {
		t.Errorf("collapse=site: got %d, want 400", rec.Code)
	}
}

func TestRelatedAPI(t *testing.T) {
	h, _ := newTestServer(t, wireCopyIndexAPI(t), Config{})
	var rel index.Related
	decodeBody(t, do(t, h, http.MethodGet, "/api/related/reuters21578/1", nil), http.StatusOK, &rel)
	if len(rel.Story) != 1 || rel.Story[0].ID != "ledger/ferry-cuts" {
		t.Errorf("same story: got %+v, want ledger/ferry-cuts", rel.Story)
	}
	var speakers []string
	for _, r := range rel.Speakers {
		speakers = append(speakers, r.ID)
	}
	slices.Sort(speakers)
	// Whitlow and Okafor are quoted in reuters21578/1; the copy is in the story list only.
	if want := []string{"bbc/tech/001", "courier/schools-budget", "wire/2024/ferry-strike"}; !slices.Equal(speakers, want) {
		t.Errorf("shared speakers: got %v, want %v", speakers, want)
	}
	if rec := do(t, h, http.MethodGet, "/api/related/no/such/id", nil); rec.Code != http.StatusNotFound {
		t.Errorf("unknown id: got %d, want 404", rec.Code)
	}
}

// wireCopyIndexAPI returns the fixtures' index with a wire copy of reuters21578/1.
func wireCopyIndexAPI(t *testing.T) *index.Index {
	t.Helper()
	ix := newTestIndex(t)
	c := fixtureDocs()[1]
	c.ID, c.Source = "ledger/ferry-cuts", "Harbour Ledger"
	c.Body = strings.Replace(c.Body, "DOVER, Jan 15 - ", "DOVER - ", 1)
	if _, err := ix.AddDocuments(context.Background(), []news.Document{c}); err != nil {
		t.Fatal(err)
	}
	return ix
}

func TestPlaceFacetAPI(t *testing.T) {
	h, _ := newTestServer(t, newTestIndex(t), Config{})
	res := searchJSON(t, h, url.Values{"q": {"ferry"}})
	want := map[string]int{}
	for _, d := range matchingDocsAPI(fixtureDocs(), "ferry") {
		if d.Location != nil {
			want[d.Location.Name]++
		}
	}
	got := map[string]int{}
	for _, p := range res.Facets.Place {
		got[p.Name] = p.Count
		if p.Lat == 0 && p.Lon == 0 {
			t.Errorf("place %s: got no coordinates", p.Name)
		}
	}
	if len(got) != len(want) {
		t.Errorf("place facet: got %v, want %v", got, want)
	}
	for n, c := range want {
		if got[n] != c {
			t.Errorf("place %s: got %d, want %d", n, got[n], c)
		}
	}
}

// matchingDocsAPI returns the fixtures whose title or body holds word.
func matchingDocsAPI(docs []news.Document, word string) []news.Document {
	var out []news.Document
	for _, d := range docs {
		if strings.Contains(strings.ToLower(d.Title+" "+d.Body), word) {
			out = append(out, d)
		}
	}
	return out
}
