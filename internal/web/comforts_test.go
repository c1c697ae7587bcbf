package web

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/searchd/searchd/internal/index"
)

// getAPI sends GET base+path to a running test server and decodes the JSON answer into v,
// failing on another status than want.
func getAPI(tb testing.TB, base, path string, want int, v any) http.Header {
	tb.Helper()
	res, err := http.Get(base + path)
	if err != nil {
		tb.Fatalf("GET %s: %v", path, err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != want {
		tb.Fatalf("GET %s: got status %d, want %d; body %s", path, res.StatusCode, want, body)
	}
	if err := json.Unmarshal(body, v); err != nil {
		tb.Fatalf("GET %s: decode %s: %v", path, body, err)
	}
	return res.Header
}

// TestFilterValuesIgnoreCase checks, over HTTP, that the speaker, location, place and source
// filters take a value in any case, with or without accents, and that a value matching
// nothing is named in the answer's warning instead of failing silently.
func TestFilterValuesIgnoreCase(t *testing.T) {
	docs := fixtureDocs()
	h, _ := newTestServer(t, newTestIndex(t), Config{})
	srv := httptest.NewServer(h)
	defer srv.Close()
	tests := []struct {
		name    string
		params  url.Values
		want    []string
		warning string
	}{
		{"speaker lower case", url.Values{"speaker": {"maria okafor"}}, docsWithSpeaker(docs, "Maria Okafor"), ""},
		{"speaker upper case, spaces", url.Values{"speaker": {"  JAMES  WHITLOW "}}, docsWithSpeaker(docs, "James Whitlow"), ""},
		{"location lower case", url.Values{"location": {"calais"}}, []string{"wire/2024/ferry-strike"}, ""},
		{"place lower case", url.Values{"place": {"hereford"}}, []string{"gazette/orchard"}, ""},
		{"source lower case", url.Values{"source": {"valley gazette"}}, []string{"gazette/orchard", "gazette/library"}, ""},
		{"speaker nobody", url.Values{"speaker": {"Nobody Here"}}, nil, `no article has speaker "Nobody Here"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var res index.Results
			getAPI(t, srv.URL, "/api/search?"+tt.params.Encode(), http.StatusOK, &res)
			got := hitIDs(res.Hits)
			sort.Strings(got)
			want := slices.Clone(tt.want)
			sort.Strings(want)
			if !slices.Equal(got, want) && len(got)+len(want) > 0 {
				t.Errorf("got ids %v, want %v", got, want)
			}
			if tt.warning == "" && res.Warning != "" || !strings.Contains(res.Warning, tt.warning) {
				t.Errorf("got warning %q, want one with %q", res.Warning, tt.warning)
			}
		})
	}
	var quotes index.QuoteResults
	getAPI(t, srv.URL, "/api/quotes?speaker=maria+okafor", http.StatusOK, &quotes)
	if quotes.Total == 0 {
		t.Errorf("quotes of speaker=maria okafor: got total 0, want Maria Okafor's quotes")
	}
}

// TestFacetSize checks that facet_size sets the number of values of each term facet, that
// the default is 20, and that a value out of range is a 400 saying what is accepted.
func TestFacetSize(t *testing.T) {
	docs := fixtureDocs()
	// Thirty sources, one article each, so that a facet can hold more than 20 values.
	for i := range 30 {
		d := docs[len(docs)-1]
		d.ID = fmt.Sprintf("extra/%02d", i)
		d.Source = fmt.Sprintf("Parish Newsletter %02d", i)
		docs = append(docs, d)
	}
	h, _ := newTestServer(t, newIndexOf(t, docs), Config{})
	srv := httptest.NewServer(h)
	defer srv.Close()
	sources := map[string]bool{}
	for _, d := range docs {
		sources[d.Source] = true
	}
	for _, tt := range []struct {
		param string
		want  int
	}{{"", index.DefaultFacetSize}, {"&facet_size=3", 3}, {"&facet_size=100", len(sources)}} {
		var res index.Results
		getAPI(t, srv.URL, "/api/search?q="+tt.param, http.StatusOK, &res)
		if got := len(res.Facets.Source); got != tt.want {
			t.Errorf("search%s: got %d source values, want %d", tt.param, got, tt.want)
		}
		var quotes index.QuoteResults
		getAPI(t, srv.URL, "/api/quotes?q="+tt.param, http.StatusOK, &quotes)
		if tt.param == "&facet_size=3" && len(quotes.Facets.Speaker) != 3 {
			t.Errorf("quotes%s: got %d speaker values, want 3", tt.param, len(quotes.Facets.Speaker))
		}
	}
	for _, bad := range []string{"0", "101", "x"} {
		var e errorBody
		getAPI(t, srv.URL, "/api/search?facet_size="+bad, http.StatusBadRequest, &e)
		if !strings.Contains(e.Error, "facet_size") || !strings.Contains(e.Error, "1 to 100") {
			t.Errorf("facet_size=%s: got error %q, want it to name facet_size and 1 to 100", bad, e.Error)
		}
	}
}

// TestNotFoundWording checks that a 404 says what was not found in words a user reads: a
// speaker nobody quotes is not an "article not found", and a speaker's name is found in any
// case.
func TestNotFoundWording(t *testing.T) {
	h, _ := newTestServer(t, newTestIndex(t), Config{})
	srv := httptest.NewServer(h)
	defer srv.Close()
	tests := []struct {
		path string
		want string
	}{
		{"/api/speakers/Nobody%20Here", `nobody called "Nobody Here" is quoted in any article: /api/speakers?prefix=Nobody lists`},
		{"/api/articles/no-such-id", `no article has the id "no-such-id"`},
		{"/api/related/no-such-id", `no article has the id "no-such-id"`},
	}
	for _, tt := range tests {
		var e errorBody
		getAPI(t, srv.URL, tt.path, http.StatusNotFound, &e)
		if !strings.Contains(e.Error, tt.want) || strings.Contains(e.Error, "article not found") {
			t.Errorf("GET %s: got error %q, want one with %q", tt.path, e.Error, tt.want)
		}
	}
	var page index.SpeakerPage
	getAPI(t, srv.URL, "/api/speakers/maria%20OKAFOR", http.StatusOK, &page)
	if page.Name != "Maria Okafor" || page.Articles == 0 {
		t.Errorf("speaker page of maria OKAFOR: got name %q with %d articles, want Maria Okafor's page", page.Name, page.Articles)
	}
}
