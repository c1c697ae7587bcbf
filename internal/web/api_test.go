package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/searchd/searchd/internal/index"
	"github.com/searchd/searchd/internal/news"
)

// decodeBody decodes a JSON response into v, failing on a wrong status.
func decodeBody(tb testing.TB, rec interface {
	Result() *http.Response
}, wantStatus int, v any) {
	tb.Helper()
	res := rec.Result()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != wantStatus {
		tb.Fatalf("got status %d, want %d; body %s", res.StatusCode, wantStatus, body)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		tb.Fatalf("got Content-Type %q, want application/json; body %s", ct, body)
	}
	if err := json.Unmarshal(body, v); err != nil {
		tb.Fatalf("decode %s: %v", body, err)
	}
}

func searchJSON(tb testing.TB, h http.Handler, params url.Values) index.Results {
	tb.Helper()
	var res index.Results
	decodeBody(tb, do(tb, h, http.MethodGet, "/api/search?"+params.Encode(), nil), http.StatusOK, &res)
	return res
}

func allIDs(docs []news.Document) []string {
	ids := make([]string, 0, len(docs))
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	return ids
}

func hitIDs(hits []index.Hit) []string {
	ids := make([]string, 0, len(hits))
	for _, h := range hits {
		ids = append(ids, h.ID)
	}
	return ids
}

func TestSearchFilters(t *testing.T) {
	docs := fixtureDocs()
	h, _ := newTestServer(t, newTestIndex(t), Config{})
	tests := []struct {
		name   string
		params url.Values
		want   []string // ids, in any order
	}{
		{"all", url.Values{}, allIDs(docs)},
		{"speaker", url.Values{"speaker": {"James Whitlow"}}, docsWithSpeaker(docs, "James Whitlow")},
		{"speakers ORed", url.Values{"speaker": {"Tom Hale", "Claire Dubois"}},
			append(docsWithSpeaker(docs, "Tom Hale"), docsWithSpeaker(docs, "Claire Dubois")...)},
		{"query and speaker", url.Values{"q": {"ferry"}, "speaker": {"Maria Okafor"}}, []string{"bbc/tech/001", "reuters21578/1"}},
		{"location", url.Values{"location": {"Calais"}}, []string{"wire/2024/ferry-strike"}},
		{"source", url.Values{"source": {"Valley Gazette"}}, []string{"gazette/orchard", "gazette/library"}},
		{"since", url.Values{"since": {"2024-02-20"}}, []string{"wire/2024/ferry-strike", "bbc/tech/001", "gazette/orchard"}},
		{"until inclusive", url.Values{"until": {"2023-12-12"}}, []string{"courier/schools-budget", "gazette/library"}},
		{"range", url.Values{"since": {"2024-01-01"}, "until": {"2024-03-04"}}, []string{"reuters21578/1", "wire/2024/ferry-strike", "bbc/tech/001"}},
		{"unknown parameter ignored", url.Values{"source": {"Wire Service"}, "colour": {"blue"}}, []string{"reuters21578/1", "wire/2024/ferry-strike"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := searchJSON(t, h, tt.params)
			got := hitIDs(res.Hits)
			sort.Strings(got)
			want := slices.Clone(tt.want)
			sort.Strings(want)
			if !slices.Equal(got, want) {
				t.Errorf("got ids %v, want %v", got, want)
			}
			if res.Total != uint64(len(want)) {
				t.Errorf("got total %d, want %d", res.Total, len(want))
			}
		})
	}
}

// TestSearchSpeakerOnly checks that every hit of a speaker search quotes that speaker and that
// the speaker facet counts them all.
func TestSearchSpeakerOnly(t *testing.T) {
	docs := fixtureDocs()
	h, _ := newTestServer(t, newTestIndex(t), Config{})
	for _, name := range []string{"Maria Okafor", "James Whitlow", "Tidewater Energy"} {
		res := searchJSON(t, h, url.Values{"speaker": {name}})
		want := len(docsWithSpeaker(docs, name))
		if len(res.Hits) != want || res.Total != uint64(want) {
			t.Errorf("%s: got %d hits (total %d), want %d", name, len(res.Hits), res.Total, want)
		}
		for _, hit := range res.Hits {
			if !slices.Contains(hit.Speakers, name) {
				t.Errorf("%s: hit %s has speakers %v, want it to include %q", name, hit.ID, hit.Speakers, name)
			}
		}
		i := slices.IndexFunc(res.Facets.Speaker, func(f index.FacetValue) bool { return f.Value == name })
		if i < 0 || res.Facets.Speaker[i].Count != want {
			t.Errorf("%s: got speaker facets %v, want %q with count %d", name, res.Facets.Speaker, name, want)
		}
	}
}

func TestSearchResponseShape(t *testing.T) {
	h, _ := newTestServer(t, newTestIndex(t), Config{})
	rec := do(t, h, http.MethodGet, "/api/search?q=harbour", nil)
	var raw map[string]json.RawMessage
	decodeBody(t, rec, http.StatusOK, &raw)
	for _, k := range []string{"total", "took_ms", "hits", "facets"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("got keys %v, want %q", keys(raw), k)
		}
	}
	var facets map[string]json.RawMessage
	if err := json.Unmarshal(raw["facets"], &facets); err != nil {
		t.Fatalf("facets: %v", err)
	}
	for _, k := range []string{"speaker", "location", "places", "source", "date"} {
		if v, ok := facets[k]; !ok || string(v) == "null" {
			t.Errorf("facets: got %s for %q, want an array", v, k)
		}
	}
	res := searchJSON(t, h, url.Values{"q": {"harbour"}})
	if len(res.Hits) == 0 || !strings.Contains(res.Hits[0].Snippet, "<mark>") {
		t.Errorf("got hits %+v, want a snippet with <mark>", res.Hits)
	}
}

func keys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func TestSearchSortAndPages(t *testing.T) {
	docs := fixtureDocs()
	h, _ := newTestServer(t, newTestIndex(t), Config{})

	res := searchJSON(t, h, url.Values{"sort": {"date"}, "size": {"100"}})
	for i := 1; i < len(res.Hits); i++ {
		if res.Hits[i].Date.Before(*res.Hits[i-1].Date) {
			t.Errorf("sort=date: hit %d (%s) is older than hit %d (%s)", i, res.Hits[i].Date, i-1, res.Hits[i-1].Date)
		}
	}
	res = searchJSON(t, h, url.Values{"sort": {"-date"}})
	for i := 1; i < len(res.Hits); i++ {
		if res.Hits[i].Date.After(*res.Hits[i-1].Date) {
			t.Errorf("sort=-date: hit %d (%s) is newer than hit %d (%s)", i, res.Hits[i].Date, i-1, res.Hits[i-1].Date)
		}
	}

	// Walk all pages of size 2: every article once, the last page without a cursor.
	seen := map[string]bool{}
	params := url.Values{"size": {"2"}, "sort": {"-date"}}
	for page := 0; ; page++ {
		if page > len(docs) {
			t.Fatalf("more than %d pages", len(docs))
		}
		res := searchJSON(t, h, params)
		if len(res.Hits) > 2 {
			t.Fatalf("page %d: got %d hits, want at most 2", page, len(res.Hits))
		}
		for _, hit := range res.Hits {
			if seen[hit.ID] {
				t.Errorf("page %d: %s seen twice", page, hit.ID)
			}
			seen[hit.ID] = true
		}
		if res.Next == "" {
			break
		}
		params.Set("after", res.Next)
	}
	if len(seen) != len(docs) {
		t.Errorf("got %d articles over all pages, want %d", len(seen), len(docs))
	}
}

func TestSearchBadParameters(t *testing.T) {
	h, _ := newTestServer(t, newTestIndex(t), Config{})
	tests := []struct {
		query string
		want  []string // substrings of the error message
	}{
		{"since=2024-13-01", []string{"since", "YYYY-MM-DD"}},
		{"since=yesterday", []string{"since", "YYYY-MM-DD"}},
		{"until=15/03/2024", []string{"until", "YYYY-MM-DD"}},
		{"since=2024-03-02&until=2024-03-01", []string{"until", "before since"}},
		{"sort=newest", []string{"sort", "relevance", "-date"}},
		{"size=0", []string{"size", "1 to 100"}},
		{"size=101", []string{"size", "1 to 100"}},
		{"size=ten", []string{"size", "1 to 100"}},
		{"after=not-a-cursor", []string{"after"}},
		{"q=" + url.QueryEscape("colour:blue"), []string{"bad query", "colour"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			var body errorBody
			decodeBody(t, do(t, h, http.MethodGet, "/api/search?"+tt.query, nil), http.StatusBadRequest, &body)
			for _, w := range tt.want {
				if !strings.Contains(body.Error, w) {
					t.Errorf("got error %q, want it to mention %q", body.Error, w)
				}
			}
		})
	}
}

func TestGetArticle(t *testing.T) {
	h, _ := newTestServer(t, newTestIndex(t), Config{})
	tests := []struct {
		path   string
		wantID string
	}{
		{"/api/articles/bbc/tech/001", "bbc/tech/001"},
		{"/api/articles/bbc%2Ftech%2F001", "bbc/tech/001"},
		{"/api/articles/reuters21578/1", "reuters21578/1"},
		{"/api/articles/gazette/library", "gazette/library"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			var doc news.Document
			decodeBody(t, do(t, h, http.MethodGet, tt.path, nil), http.StatusOK, &doc)
			if doc.ID != tt.wantID {
				t.Errorf("got id %q, want %q", doc.ID, tt.wantID)
			}
			if doc.Body == "" {
				t.Errorf("got an empty body, want the article text")
			}
		})
	}

	var doc news.Document
	decodeBody(t, do(t, h, http.MethodGet, "/api/articles/bbc/tech/001", nil), http.StatusOK, &doc)
	if len(doc.Speakers) != 2 || doc.Speakers[0].Name != "Maria Okafor" || len(doc.Speakers[0].Quotes) != 1 || !doc.Speakers[0].Quotes[0].Direct {
		t.Errorf("got speakers %+v, want Maria Okafor with one direct quote, then Tidewater Energy", doc.Speakers)
	}

	for _, path := range []string{"/api/articles/nope/404", "/api/articles/"} {
		var body errorBody
		decodeBody(t, do(t, h, http.MethodGet, path, nil), http.StatusNotFound, &body)
		if body.Error == "" {
			t.Errorf("%s: got an empty error message", path)
		}
	}
}

func TestHealthz(t *testing.T) {
	h, _ := newTestServer(t, newTestIndex(t), Config{})
	var got healthResponse
	decodeBody(t, do(t, h, http.MethodGet, "/healthz", nil), http.StatusOK, &got)
	if got.Status != "ok" || got.Articles != uint64(len(fixtureDocs())) {
		t.Errorf("got %+v, want status ok and %d articles", got, len(fixtureDocs()))
	}
	if got.Goroutines < 1 || got.HeapBytes == 0 {
		t.Errorf("got goroutines %d and heap %d bytes, want both positive", got.Goroutines, got.HeapBytes)
	}
}

func TestWriteAuth(t *testing.T) {
	ix := newTestIndex(t)
	open, _ := newTestServer(t, ix, Config{})
	locked, _ := newTestServer(t, ix, Config{APIKey: testKey})
	article := `{"id":"auth/1","title":"A title","body":"A body."}`
	tests := []struct {
		name       string
		h          http.Handler
		method     string
		auth       string
		wantStatus int
		wantError  string
	}{
		{"no key configured: post", open, http.MethodPost, "Bearer " + testKey, http.StatusForbidden, "writes are disabled: set api_key"},
		{"no key configured: delete", open, http.MethodDelete, "Bearer " + testKey, http.StatusForbidden, "writes are disabled: set api_key"},
		{"missing key: post", locked, http.MethodPost, "", http.StatusUnauthorized, "Authorization: Bearer"},
		{"missing key: delete", locked, http.MethodDelete, "", http.StatusUnauthorized, "Authorization: Bearer"},
		{"wrong key", locked, http.MethodPost, "Bearer wrong", http.StatusUnauthorized, "wrong API key"},
		{"key as prefix", locked, http.MethodPost, "Bearer " + testKey + "x", http.StatusUnauthorized, "wrong API key"},
		{"wrong scheme", locked, http.MethodPost, "Basic " + testKey, http.StatusUnauthorized, "wrong API key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			target := "/api/articles"
			if tt.method == http.MethodDelete {
				target = "/api/articles/bbc/tech/001"
			}
			var body errorBody
			decodeBody(t, do(t, tt.h, tt.method, target, strings.NewReader(article),
				"Authorization: "+tt.auth, "Content-Type: application/json"), tt.wantStatus, &body)
			if !strings.Contains(body.Error, tt.wantError) {
				t.Errorf("got error %q, want it to contain %q", body.Error, tt.wantError)
			}
		})
	}
	// Nothing was written or deleted.
	n, err := ix.Count()
	if err != nil || n != uint64(len(fixtureDocs())) {
		t.Errorf("got count %d (%v), want %d", n, err, len(fixtureDocs()))
	}
}

func TestPostArticles(t *testing.T) {
	auth := "Authorization: Bearer " + testKey
	tests := []struct {
		name        string
		contentType string
		body        string
		wantStatus  int
		want        addResponse
		wantErrors  []string // prefixes of the errors, in order
		wantIDs     []string // articles to find afterwards
	}{
		{
			name: "object", contentType: "application/json",
			body:       `{"id":"post/1","title":"Lighthouse keeper retires","body":"After forty years the keeper hands over the lamp.","date":"2024-05-01","source":"Coastal Courier"}`,
			wantStatus: http.StatusOK, want: addResponse{Indexed: 1}, wantIDs: []string{"post/1"},
		},
		{
			name: "array", contentType: "application/json; charset=utf-8",
			body:       `[{"id":"post/2","title":"Pier repairs begin","body":"Scaffolding went up on the pier."},{"id":"post/3","title":"Tide tables printed","body":"The new tables are out."}]`,
			wantStatus: http.StatusOK, want: addResponse{Indexed: 2}, wantIDs: []string{"post/2", "post/3"},
		},
		{
			name: "ndjson with a bad line", contentType: "application/x-ndjson",
			body: `{"id":"post/4","title":"Gull numbers fall","body":"Counters found fewer gulls."}` + "\n" +
				`{"id":"post/5","title": oops}` + "\n" +
				`{"id":"post/6","title":"Beach cleaned","body":"Volunteers filled forty bags."}` + "\n",
			wantStatus: http.StatusOK, want: addResponse{Indexed: 2, Failed: 1},
			wantErrors: []string{"request:2: "}, wantIDs: []string{"post/4", "post/6"},
		},
		{
			name: "ndjson sniffed", contentType: "",
			body:       `{"id":"post/7","title":"Ferry museum opens","body":"Old tickets on show."}` + "\n" + `{"id":"post/8","title":"Quay renamed","body":"A vote settled it."}`,
			wantStatus: http.StatusOK, want: addResponse{Indexed: 2}, wantIDs: []string{"post/7", "post/8"},
		},
		{
			name: "object sniffed, pretty-printed", contentType: "",
			body:       "{\n  \"id\": \"post/9\",\n  \"title\": \"Harbour fees rise\",\n  \"body\": \"Mooring costs more.\"\n}\n",
			wantStatus: http.StatusOK, want: addResponse{Indexed: 1}, wantIDs: []string{"post/9"},
		},
		{
			name: "same id twice", contentType: "application/x-ndjson",
			body:       `{"id":"post/10","title":"First","body":"one"}` + "\n" + `{"id":"post/10","title":"Second","body":"two"}`,
			wantStatus: http.StatusOK, want: addResponse{Indexed: 1, Duplicates: 1}, wantIDs: []string{"post/10"},
		},
		{
			name: "nothing valid", contentType: "application/x-ndjson",
			body:       `{"id":"post/11"}` + "\n" + `not json` + "\n",
			wantStatus: http.StatusBadRequest, want: addResponse{Failed: 2},
			wantErrors: []string{"request:1: ", "request:2: "},
		},
		{
			// An array on one line: the element index tells the records apart.
			name: "array on one line", contentType: "application/json",
			body:       `[{"id":"post/12"},{"id":"post/13","title":"Kept","body":"ok"},{"id":"post/14","title":7}]`,
			wantStatus: http.StatusOK, want: addResponse{Indexed: 1, Failed: 2}, wantIDs: []string{"post/13"},
			wantErrors: []string{"request:1: element 1: ", "request:1: element 3: "},
		},
		{
			name: "empty body", contentType: "application/json", body: "",
			wantStatus: http.StatusBadRequest, want: addResponse{Failed: 1}, wantErrors: []string{"request: empty"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := newTestIndex(t)
			h, logs := newTestServer(t, ix, Config{APIKey: testKey})
			header := []string{auth}
			if tt.contentType != "" {
				header = append(header, "Content-Type: "+tt.contentType)
			}
			var got addResponse
			decodeBody(t, do(t, h, http.MethodPost, "/api/articles", strings.NewReader(tt.body), header...), tt.wantStatus, &got)
			if got.Indexed != tt.want.Indexed || got.Duplicates != tt.want.Duplicates || got.Failed != tt.want.Failed {
				t.Errorf("got indexed/duplicates/failed %d/%d/%d, want %d/%d/%d (errors %q)",
					got.Indexed, got.Duplicates, got.Failed, tt.want.Indexed, tt.want.Duplicates, tt.want.Failed, got.Errors)
			}
			if got.Errors == nil {
				t.Errorf("got errors null, want an array")
			}
			if len(got.Errors) != len(tt.wantErrors) {
				t.Errorf("got errors %q, want %d starting %q", got.Errors, len(tt.wantErrors), tt.wantErrors)
			} else {
				for i, e := range got.Errors {
					if !strings.HasPrefix(e, tt.wantErrors[i]) {
						t.Errorf("got error %q, want it to start with %q", e, tt.wantErrors[i])
					}
				}
			}
			if tt.wantStatus == http.StatusBadRequest && got.Error == "" {
				t.Errorf("got no error message with 400, want one saying what is accepted")
			}
			for _, id := range tt.wantIDs {
				var doc news.Document
				decodeBody(t, do(t, h, http.MethodGet, "/api/articles/"+id, nil), http.StatusOK, &doc)
				if doc.ID != id {
					t.Errorf("got id %q, want %q", doc.ID, id)
				}
			}
			var health healthResponse
			decodeBody(t, do(t, h, http.MethodGet, "/healthz", nil), http.StatusOK, &health)
			if want := uint64(len(fixtureDocs()) + tt.want.Indexed); health.Articles != want {
				t.Errorf("got %d articles after the post, want %d", health.Articles, want)
			}
			if strings.Contains(logs.String(), testKey) {
				t.Errorf("the logs hold the API key:\n%s", logs)
			}
		})
	}
}

func TestPostSearchable(t *testing.T) {
	h, _ := newTestServer(t, newTestIndex(t), Config{APIKey: testKey})
	body := `{"id":"post/zeppelin","title":"Zeppelin hangar listed","body":"The old zeppelin hangar is now protected."}`
	var got addResponse
	decodeBody(t, do(t, h, http.MethodPost, "/api/articles", strings.NewReader(body),
		"Authorization: Bearer "+testKey, "Content-Type: application/json"), http.StatusOK, &got)
	res := searchJSON(t, h, url.Values{"q": {"zeppelin"}})
	if ids := hitIDs(res.Hits); !slices.Equal(ids, []string{"post/zeppelin"}) {
		t.Errorf("got hits %v, want [post/zeppelin]", ids)
	}
}

func TestPostErrors(t *testing.T) {
	h, _ := newTestServer(t, newTestIndex(t), Config{APIKey: testKey, MaxBodyBytes: 200})
	auth := "Authorization: Bearer " + testKey
	big := `{"id":"big","title":"Big","body":"` + strings.Repeat("word ", 100) + `"}`
	tests := []struct {
		name       string
		body       io.Reader
		header     []string
		wantStatus int
		wantError  string
	}{
		{"too large, with length", strings.NewReader(big), []string{auth, "Content-Type: application/json"},
			http.StatusRequestEntityTooLarge, "at most 200 bytes"},
		{"too large, chunked", io.MultiReader(strings.NewReader(big)), []string{auth, "Content-Type: application/json"},
			http.StatusRequestEntityTooLarge, "at most 200 bytes"},
		{"unsupported type", strings.NewReader(`{"title":"x"}`), []string{auth, "Content-Type: text/csv"},
			http.StatusUnsupportedMediaType, "application/x-ndjson"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body errorBody
			decodeBody(t, do(t, h, http.MethodPost, "/api/articles", tt.body, tt.header...), tt.wantStatus, &body)
			if !strings.Contains(body.Error, tt.wantError) {
				t.Errorf("got error %q, want it to contain %q", body.Error, tt.wantError)
			}
		})
	}
}

func TestDeleteArticle(t *testing.T) {
	h, _ := newTestServer(t, newTestIndex(t), Config{APIKey: testKey})
	auth := "Authorization: Bearer " + testKey
	rec := do(t, h, http.MethodDelete, "/api/articles/bbc/tech/001", nil, auth)
	if rec.Code != http.StatusNoContent || rec.Body.Len() != 0 {
		t.Fatalf("delete: got %d %q, want 204 and no body", rec.Code, rec.Body)
	}
	var body errorBody
	decodeBody(t, do(t, h, http.MethodGet, "/api/articles/bbc/tech/001", nil), http.StatusNotFound, &body)
	decodeBody(t, do(t, h, http.MethodDelete, "/api/articles/bbc/tech/001", nil, auth), http.StatusNotFound, &body)
	if body.Error == "" {
		t.Errorf("got an empty error for a second delete, want a message")
	}
	res := searchJSON(t, h, url.Values{"q": {"tidal"}})
	if res.Total != 0 {
		t.Errorf("got %d hits for a deleted article's word, want 0", res.Total)
	}
}

func TestUIRoutes(t *testing.T) {
	h, _ := newTestServer(t, newTestIndex(t), Config{})
	tests := []struct {
		path       string
		wantStatus int
		wantType   string
		wantBody   string
	}{
		{"/", http.StatusOK, "text/html", `src="/static/app.js?v=`},
		{"/?q=ferry&speaker=Tom+Hale", http.StatusOK, "text/html", `id="results"`},
		{"/articles/bbc/tech/001", http.StatusOK, "text/html", `id="article-view"`},
		{"/static/app.js", http.StatusOK, "javascript", "textContent"},
		{"/static/style.css", http.StatusOK, "text/css", "@media"},
		{"/static/nope.js", http.StatusNotFound, "application/json", `"error"`},
		{"/static/../web.go", http.StatusNotFound, "application/json", `"error"`},
		{"/api/nope", http.StatusNotFound, "application/json", `/api/nope not found: the API has /api/search`},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			rec := do(t, h, http.MethodGet, tt.path, nil)
			if rec.Code != tt.wantStatus {
				t.Errorf("got status %d, want %d", rec.Code, tt.wantStatus)
			}
			if ct := rec.Header().Get("Content-Type"); !strings.Contains(ct, tt.wantType) {
				t.Errorf("got Content-Type %q, want %q", ct, tt.wantType)
			}
			if !strings.Contains(rec.Body.String(), tt.wantBody) {
				t.Errorf("got body %.200q, want it to contain %q", rec.Body, tt.wantBody)
			}
			if strings.HasPrefix(tt.path, "/api/") {
				return
			}
			if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
				t.Errorf("got CSP %q, want default-src 'self'", csp)
			}
		})
	}
}

func TestMethodNotAllowed(t *testing.T) {
	h, _ := newTestServer(t, newTestIndex(t), Config{APIKey: testKey})
	var body errorBody
	decodeBody(t, do(t, h, http.MethodPut, "/api/articles", strings.NewReader("{}")), http.StatusMethodNotAllowed, &body)
	if !strings.Contains(body.Error, "PUT is not allowed") || !strings.Contains(body.Error, "POST") {
		t.Errorf("got error %q, want it to name PUT and the allowed POST", body.Error)
	}
}

// TestUIFilesSelfContained checks the rules that let the UI run under a strict CSP: no inline
// script or style, no external URLs, no innerHTML except for the snippet.
func TestUIFilesSelfContained(t *testing.T) {
	h, _ := newTestServer(t, newTestIndex(t), Config{})
	page := do(t, h, http.MethodGet, "/", nil).Body.String()
	for _, inline := range []string{"<script>", "<style", " style=", " onclick=", " onsubmit=", "javascript:"} {
		if strings.Contains(page, inline) {
			t.Errorf("index.html has inline code %q", inline)
		}
	}
	for _, p := range []string{"/", "/static/app.js", "/static/style.css"} {
		body := do(t, h, http.MethodGet, p, nil).Body.String()
		if strings.Contains(body, "http://") || strings.Contains(body, "https://") || strings.Contains(body, "//cdn") {
			t.Errorf("%s refers to an external URL", p)
		}
	}
	js := do(t, h, http.MethodGet, "/static/app.js", nil).Body.String()
	if n := strings.Count(js, "innerHTML"); n != 1 {
		t.Errorf("app.js uses innerHTML %d times, want once (the snippet)", n)
	}
}

// failingStore fails every call, to test the error handler's 500 path.
type failingStore struct{ err error }

func (f failingStore) Search(context.Context, index.Query) (*index.Results, error) { return nil, f.err }
func (f failingStore) Get(context.Context, string) (news.Document, error) {
	return news.Document{}, f.err
}
func (f failingStore) AddArticles(context.Context, []news.Article) (index.LoadStats, error) {
	return index.LoadStats{}, f.err
}
func (f failingStore) Delete(context.Context, string) error { return f.err }
func (f failingStore) Count() (uint64, error)               { return 0, f.err }

func TestInternalErrors(t *testing.T) {
	secret := errors.New("disk on fire at /var/secret/path")
	h, logs := newTestServer(t, failingStore{err: secret}, Config{APIKey: testKey})
	tests := []struct {
		method, path, body string
		wantStatus         int
		wantError          string
	}{
		{http.MethodGet, "/api/search?q=x", "", http.StatusInternalServerError, "internal error"},
		{http.MethodGet, "/api/articles/a/b", "", http.StatusInternalServerError, "internal error"},
		{http.MethodPost, "/api/articles", `{"id":"x","title":"t","body":"b"}`, http.StatusInternalServerError, "internal error"},
		{http.MethodDelete, "/api/articles/a", "", http.StatusInternalServerError, "internal error"},
		{http.MethodGet, "/healthz", "", http.StatusServiceUnavailable, "index unavailable"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			var body errorBody
			decodeBody(t, do(t, h, tt.method, tt.path, strings.NewReader(tt.body),
				"Authorization: Bearer "+testKey, "Content-Type: application/json"), tt.wantStatus, &body)
			if body.Error != tt.wantError {
				t.Errorf("got error %q, want %q", body.Error, tt.wantError)
			}
		})
	}
	out := logs.String()
	if !strings.Contains(out, "disk on fire") || !strings.Contains(out, "path=/api/search") {
		t.Errorf("got logs\n%s\nwant the cause logged with the request path", out)
	}
	if strings.Contains(out, testKey) || strings.Contains(out, `"title":"t"`) {
		t.Errorf("got logs\n%s\nwant no API key and no body", out)
	}
}

// TestReadOnlyIndex checks that writes to an index that cannot be written answer 503 without
// the cause (a path), which is logged.
func TestReadOnlyIndex(t *testing.T) {
	cause := fmt.Errorf("load: %w: open /var/secret/idx/store/x: read-only file system", index.ErrReadOnly)
	h, logs := newTestServer(t, failingStore{err: cause}, Config{APIKey: testKey})
	for _, tt := range []struct{ method, path, body string }{
		{http.MethodPost, "/api/articles", `{"id":"x","title":"t","body":"b"}`},
		{http.MethodDelete, "/api/articles/a", ""},
	} {
		t.Run(tt.method, func(t *testing.T) {
			var body errorBody
			decodeBody(t, do(t, h, tt.method, tt.path, strings.NewReader(tt.body),
				"Authorization: Bearer "+testKey, "Content-Type: application/json"), http.StatusServiceUnavailable, &body)
			if strings.Contains(body.Error, "secret") || !strings.Contains(body.Error, "cannot be written") {
				t.Errorf("got error %q, want 'cannot be written' without the path", body.Error)
			}
		})
	}
	if !strings.Contains(logs.String(), "read-only file system") {
		t.Errorf("got logs\n%s\nwant the cause logged", logs)
	}
}

func TestTimeout(t *testing.T) {
	h, _ := newTestServer(t, failingStore{err: fmt.Errorf("search: %w", context.DeadlineExceeded)}, Config{})
	var body errorBody
	decodeBody(t, do(t, h, http.MethodGet, "/api/search?q=x", nil), http.StatusServiceUnavailable, &body)
	if !strings.Contains(body.Error, "took too long") {
		t.Errorf("got error %q, want it to say the search took too long", body.Error)
	}
}

func TestNewServerErrors(t *testing.T) {
	logger := slog.New(slog.DiscardHandler)
	ix := failingStore{}
	if _, err := NewServer(logger, ix, fstest.MapFS{"app.js": {Data: []byte("x")}}, Config{}); err == nil {
		t.Errorf("got no error for assets without index.html, want one")
	}
	if _, err := NewServer(logger, ix, fstest.MapFS{"index.html": {Data: []byte("x")}}, Config{MaxBodyBytes: -1}); err == nil {
		t.Errorf("got no error for a negative body limit, want one")
	}
	nested := fstest.MapFS{"static/index.html": {Data: []byte("<p>nested</p>")}}
	s, err := NewServer(logger, ix, nested, Config{})
	if err != nil {
		t.Fatalf("NewServer over static/: %v", err)
	}
	if rec := do(t, s.Handler(), http.MethodGet, "/", nil); !strings.Contains(rec.Body.String(), "nested") {
		t.Errorf("got %q, want the page under static/", rec.Body)
	}
}

// TestPostKeepsArticleLimit checks that POST /api/articles applies ingest.max_article_bytes
// (Config.MaxArticleBytes): it decoded with the default limit whatever the configuration.
func TestPostKeepsArticleLimit(t *testing.T) {
	h, _ := newTestServer(t, newTestIndex(t), Config{APIKey: testKey, MaxArticleBytes: 100})
	body := `[{"id":"short","title":"Ferry","body":"The ferry resumed."},` +
		`{"id":"long","title":"Ferry","body":"` + strings.Repeat("The ferry resumed. ", 10) + `"}]`
	var resp addResponse
	decodeBody(t, do(t, h, http.MethodPost, "/api/articles", strings.NewReader(body),
		"Authorization: Bearer "+testKey, "Content-Type: application/json"), http.StatusOK, &resp)
	if resp.Indexed != 1 || resp.Failed != 1 || len(resp.Errors) != 1 || !strings.Contains(resp.Errors[0], "limit 100") {
		t.Errorf("got %+v, want 1 indexed and 1 failed over the limit of 100 bytes", resp)
	}
}

// TestHead checks that HEAD follows GET, without a body: every route answered 405.
func TestHead(t *testing.T) {
	h, _ := newTestServer(t, newTestIndex(t), Config{})
	for _, tt := range []struct {
		path string
		code int
	}{
		{"/api/search?q=ferry", http.StatusOK},
		{"/", http.StatusOK},
		{"/search.atom", http.StatusOK},
		{"/healthz", http.StatusOK},
		{"/api/articles/no-such-id", http.StatusNotFound},
		{"/api/search?since=yesterday", http.StatusBadRequest},
	} {
		get := do(t, h, http.MethodGet, tt.path, nil)
		head := do(t, h, http.MethodHead, tt.path, nil)
		if head.Code != tt.code || get.Code != tt.code || head.Body.Len() != 0 ||
			head.Header().Get("Content-Type") != get.Header().Get("Content-Type") {
			t.Errorf("HEAD %s: got %d %q with %d body bytes, want %d %q with none (GET: %d)", tt.path,
				head.Code, head.Header().Get("Content-Type"), head.Body.Len(), tt.code, get.Header().Get("Content-Type"), get.Code)
		}
	}
}

// TestSearchPlacesFacet checks the "Places mentioned" facet and the place filter through the
// real HTTP server: every facet value's count is the total of filtering on it, a short name
// that names one place filters on it, and one that names several is a 400 that lists them.
func TestSearchPlacesFacet(t *testing.T) {
	h, _ := newTestServer(t, newTestIndex(t), Config{})
	hs := httptest.NewServer(h)
	t.Cleanup(hs.Close)
	get := func(t *testing.T, path string, params url.Values, wantStatus int, v any) {
		t.Helper()
		getJSONStatus(t, hs.URL+path+"?"+params.Encode(), wantStatus, v)
	}

	var all index.Results
	get(t, "/api/search", url.Values{}, http.StatusOK, &all)
	want := []index.FacetValue{
		{Value: "Dover, United Kingdom", Count: 2}, {Value: "Isle of Wight, United Kingdom", Count: 2},
		{Value: "Portsmouth, United Kingdom", Count: 2}, {Value: "Calais, France", Count: 1},
		{Value: "Hereford, United Kingdom", Count: 1}, {Value: "Portland, Maine", Count: 1},
		{Value: "Portland, Oregon", Count: 1},
	}
	if !slices.Equal(all.Facets.Places, want) {
		t.Errorf("places facet: got %v, want %v", all.Facets.Places, want)
	}
	for _, f := range all.Facets.Places {
		var narrowed index.Results
		get(t, "/api/search", url.Values{"place": {f.Value}}, http.StatusOK, &narrowed)
		if narrowed.Total != uint64(f.Count) {
			t.Errorf("place %q: facet counts %d, filtering on it finds %d", f.Value, f.Count, narrowed.Total)
		}
	}

	tests := []struct {
		name   string
		params url.Values
		want   []string // ids, sorted
	}{
		{"full label", url.Values{"place": {"Isle of Wight, United Kingdom"}}, []string{"bbc/tech/001", "reuters21578/1"}},
		{"short form", url.Values{"place": {"Dover"}}, []string{"reuters21578/1", "wire/2024/ferry-strike"}},
		{"ORed", url.Values{"place": {"Calais, France", "Portland, Oregon"}}, []string{"gazette/orchard", "wire/2024/ferry-strike"}},
		{"with location", url.Values{"place": {"Dover"}, "location": {"Calais"}}, []string{"wire/2024/ferry-strike"}},
		{"with query", url.Values{"place": {"Portsmouth"}, "q": {"ferry"}}, []string{"bbc/tech/001"}},
		{"unknown place", url.Values{"place": {"Southampton"}}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var res index.Results
			get(t, "/api/search", tt.params, http.StatusOK, &res)
			got := hitIDs(res.Hits)
			sort.Strings(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got ids %v, want %v", got, tt.want)
			}
		})
	}

	t.Run("quotes", func(t *testing.T) {
		var res index.QuoteResults
		get(t, "/api/quotes", url.Values{"place": {"Portland, Maine"}}, http.StatusOK, &res)
		var articles []string
		for _, q := range res.Quotes {
			articles = append(articles, q.Article)
		}
		if got, want := slices.Compact(articles), []string{"reuters21578/1"}; !slices.Equal(got, want) {
			t.Errorf("quotes of articles %v, want %v", got, want)
		}
	})

	for _, path := range []string{"/api/search", "/api/quotes"} {
		t.Run("ambiguous short form "+path, func(t *testing.T) {
			var body errorBody
			get(t, path, url.Values{"place": {"Portland"}}, http.StatusBadRequest, &body)
			for _, w := range []string{`place "Portland"`, "Portland, Maine", "Portland, Oregon", "give one of them"} {
				if !strings.Contains(body.Error, w) {
					t.Errorf("got error %q, want it to mention %q", body.Error, w)
				}
			}
		})
	}
}
