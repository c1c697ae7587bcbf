package web

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
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

// rawGet sends GET url with the given headers ("Key: value") and returns the response, its
// body read as sent (not decompressed).
func rawGet(tb testing.TB, target string, header ...string) (*http.Response, []byte) {
	tb.Helper()
	req, err := http.NewRequest(http.MethodGet, target, nil)
	if err != nil {
		tb.Fatal(err)
	}
	for _, kv := range header {
		k, v, _ := strings.Cut(kv, ": ")
		req.Header.Set(k, v)
	}
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	res, err := client.Do(req)
	if err != nil {
		tb.Fatalf("GET %s: %v", target, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		tb.Fatalf("GET %s: read body: %v", target, err)
	}
	return res, body
}

// TestStaticCaching checks that the page links its files with their version, that a file
// asked for with its version may be kept (immutable), that another request revalidates, and
// that a revalidation with the ETag is a 304 without a body.
func TestStaticCaching(t *testing.T) {
	h, _ := newTestServer(t, newTestIndex(t), Config{})
	srv := httptest.NewServer(h)
	defer srv.Close()
	_, page := rawGet(t, srv.URL+"/")
	m := regexp.MustCompile(`src="(/static/app\.js\?v=([A-Za-z0-9_-]+))"`).FindSubmatch(page)
	if m == nil {
		t.Fatalf("page: got no versioned link to /static/app.js in %.300s", page)
	}
	versioned, tag := string(m[1]), string(m[2])
	for _, tt := range []struct {
		path, cache string
	}{
		{versioned, "public, max-age=31536000, immutable"},
		{"/static/app.js", "no-cache"},
		{"/static/app.js?v=old", "no-cache"},
		{"/static/land.json", "no-cache"},
	} {
		res, body := rawGet(t, srv.URL+tt.path)
		if res.StatusCode != http.StatusOK || len(body) == 0 {
			t.Fatalf("GET %s: got status %d and %d bytes, want 200 and the file", tt.path, res.StatusCode, len(body))
		}
		if got := res.Header.Get("Cache-Control"); got != tt.cache {
			t.Errorf("GET %s: got Cache-Control %q, want %q", tt.path, got, tt.cache)
		}
		etag := res.Header.Get("ETag")
		if etag == "" {
			t.Fatalf("GET %s: got no ETag", tt.path)
		}
		res, body = rawGet(t, srv.URL+tt.path, "If-None-Match: "+etag)
		if res.StatusCode != http.StatusNotModified || len(body) != 0 {
			t.Errorf("GET %s with If-None-Match: got status %d and %d bytes, want 304 and none", tt.path, res.StatusCode, len(body))
		}
	}
	if res, _ := rawGet(t, srv.URL+"/static/app.js"); res.Header.Get("ETag") != `"`+tag+`"` {
		t.Errorf("app.js: got ETag %s, want the page's version %q", res.Header.Get("ETag"), tag)
	}
}

// TestGzip checks that JSON answers and UI files are gzipped for a client that accepts it,
// and sent as they are to one that does not.
func TestGzip(t *testing.T) {
	h, _ := newTestServer(t, newTestIndex(t), Config{})
	srv := httptest.NewServer(h)
	defer srv.Close()
	for _, path := range []string{"/api/search?q=", "/api/quotes?q=", "/static/app.js", "/static/style.css", "/"} {
		plainRes, plain := rawGet(t, srv.URL+path)
		if enc := plainRes.Header.Get("Content-Encoding"); enc != "" {
			t.Errorf("GET %s without Accept-Encoding: got Content-Encoding %q, want none", path, enc)
		}
		res, body := rawGet(t, srv.URL+path, "Accept-Encoding: gzip")
		if enc := res.Header.Get("Content-Encoding"); enc != "gzip" {
			t.Errorf("GET %s: got Content-Encoding %q, want gzip", path, enc)
			continue
		}
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		unzipped, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("GET %s: gunzip: %v", path, err)
		}
		if len(body) >= len(plain) {
			t.Errorf("GET %s: got %d bytes gzipped for %d plain, want fewer", path, len(body), len(plain))
		}
		// Searches carry took_ms, which differs between two answers; files are equal.
		if strings.HasPrefix(path, "/static/") && !bytes.Equal(unzipped, plain) {
			t.Errorf("GET %s: the gunzipped body differs from the plain one", path)
		}
	}
}

// TestTitleHighlight checks that hits carry title_html, the title escaped with the search's
// words marked, also a word only the title holds.
func TestTitleHighlight(t *testing.T) {
	h, _ := newTestServer(t, newTestIndex(t), Config{})
	srv := httptest.NewServer(h)
	defer srv.Close()
	for _, tt := range []struct{ q, want string }{
		{"orchard", "<mark>Orchard</mark> growers count cost of late frost"},
		{"frosts growers", "Orchard <mark>growers</mark> count cost of late <mark>frost</mark>"},
		{"", "Orchard growers count cost of late frost"},
	} {
		var res index.Results
		getAPI(t, srv.URL, "/api/search?"+url.Values{"q": {tt.q}, "source": {"Valley Gazette"}}.Encode(), http.StatusOK, &res)
		i := slices.IndexFunc(res.Hits, func(h index.Hit) bool { return h.ID == "gazette/orchard" })
		if i < 0 {
			t.Fatalf("q=%q: gazette/orchard not among the hits %v", tt.q, hitIDs(res.Hits))
		}
		if got := res.Hits[i].TitleHTML; got != tt.want {
			t.Errorf("q=%q: got title_html %q, want %q", tt.q, got, tt.want)
		}
	}
}

// TestSpeakersTypeAheadWithinSearch checks that /api/speakers, given a search's words and
// filters, suggests the speakers of that search with its speaker facet counts, and with none,
// those of the whole index.
func TestSpeakersTypeAheadWithinSearch(t *testing.T) {
	h, _ := newTestServer(t, newTestIndex(t), Config{})
	srv := httptest.NewServer(h)
	defer srv.Close()
	facetCount := func(params url.Values, name string) int {
		var res index.Results
		getAPI(t, srv.URL, "/api/search?"+params.Encode(), http.StatusOK, &res)
		for _, f := range res.Facets.Speaker {
			if f.Value == name {
				return f.Count
			}
		}
		return 0
	}
	for _, tt := range []struct {
		name   string
		params url.Values
		prefix string
		want   []string
	}{
		{"whole index", url.Values{}, "oka", []string{"Maria Okafor"}},
		{"words", url.Values{"q": {"ferry"}}, "oka", []string{"Maria Okafor"}},
		{"words and a speaker filter, which is left out", url.Values{"q": {"ferry"}, "speaker": {"Claire Dubois"}}, "oka", []string{"Maria Okafor"}},
		{"source", url.Values{"source": {"Valley Gazette"}}, "t", []string{"Tom Hale"}},
		{"source without the name", url.Values{"source": {"Valley Gazette"}}, "oka", nil},
		{"dates", url.Values{"since": {"2024-01-01"}, "until": {"2024-01-31"}}, "oka", []string{"Maria Okafor"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			v := url.Values{"prefix": {tt.prefix}}
			for k, vs := range tt.params {
				v[k] = vs
			}
			var sug struct {
				Speakers []index.FacetValue `json:"speakers"`
			}
			getAPI(t, srv.URL, "/api/speakers?"+v.Encode(), http.StatusOK, &sug)
			var got []string
			for _, s := range sug.Speakers {
				got = append(got, s.Value)
				within := url.Values{}
				for k, vs := range tt.params {
					if k != "speaker" {
						within[k] = vs
					}
				}
				if want := facetCount(within, s.Value); s.Count != want {
					t.Errorf("%s: got count %d, want the search's facet count %d", s.Value, s.Count, want)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got speakers %q, want %q", got, tt.want)
			}
		})
	}
	var e errorBody
	getAPI(t, srv.URL, "/api/speakers?prefix=oka&q=%22unclosed", http.StatusBadRequest, &e)
	if e.Error == "" {
		t.Errorf("type-ahead with a malformed q: got no error message")
	}
}

// TestQuoteFacets checks that a quote search counts its quotes per location, place mentioned
// and source, and that each count is the total of the quote search with that filter added.
func TestQuoteFacets(t *testing.T) {
	h, _ := newTestServer(t, newTestIndex(t), Config{})
	srv := httptest.NewServer(h)
	defer srv.Close()
	for _, base := range []url.Values{{}, {"speaker": {"James Whitlow"}}, {"q": {"ferry OR roof OR ships"}}} {
		var res index.QuoteResults
		getAPI(t, srv.URL, "/api/quotes?"+base.Encode(), http.StatusOK, &res)
		for _, f := range []struct {
			param  string
			values []index.FacetValue
		}{{"location", res.Facets.Location}, {"place", res.Facets.Places}, {"source", res.Facets.Source}} {
			if len(f.values) == 0 && res.Total > 0 {
				t.Errorf("quotes %v: got no %s facet values", base, f.param)
			}
			for _, v := range f.values {
				params := url.Values{f.param: {v.Value}}
				for k, vs := range base {
					params[k] = vs
				}
				var filtered index.QuoteResults
				getAPI(t, srv.URL, "/api/quotes?"+params.Encode(), http.StatusOK, &filtered)
				if uint64(v.Count) != filtered.Total {
					t.Errorf("quotes %v: %s %q counts %d, but filtering on it gives %d quotes", base, f.param, v.Value, v.Count, filtered.Total)
				}
			}
		}
	}
}
