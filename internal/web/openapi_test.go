package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/searchd/searchd/internal/feeds"
	"github.com/searchd/searchd/internal/metrics"
	"github.com/searchd/searchd/internal/news"
	"github.com/searchd/searchd/web"
)

// contractMaxBody is the body limit of the contract test servers, small enough to provoke 413.
const contractMaxBody = 4096

// contractDocs are fictional articles whose ids have no slash, so that the OpenAPI router can
// match /api/articles/{id}. One has every optional field set, one has none.
func contractDocs() []news.Document {
	day := time.Date(2024, 5, 6, 0, 0, 0, 0, time.UTC)
	return []news.Document{
		{
			ID: "contract-full", Title: "Lighthouse keepers return to Skerry Point", Date: &day,
			Source: "Coastal Courier", URL: "https://courier.example/lighthouse", Authors: []string{"Ann Lowry", "Ben Tate"},
			Location: &news.Location{Name: "Portsmouth", Country: "GB", Lat: 50.8, Lon: -1.09, Source: news.LocationDateline},
			Body: "PORTSMOUTH - Keepers returned to the lighthouse on Monday. \"The lamp needs people,\" said Ellen Shaw. " +
				"Trinity Lights said the trial would last a year, an official said.",
			Speakers: []news.Speaker{{Name: "Ellen Shaw", Title: "head keeper", Kind: news.KindPerson,
				Quotes: []news.Quote{{Text: "The lamp needs people", Direct: true, Start: 66, End: 87}}},
				{Name: "Trinity Lights", Kind: news.KindOrganization,
					Quotes: []news.Quote{{Text: "the trial would last a year", Direct: false}}}},
			Places:  []string{"Portsmouth"},
			Unnamed: 1,
			Meta:    map[string]string{"desk": "regional"},
		},
		{ID: "contract-bare", Title: "Notice", Body: "The office is closed on Friday.", Speakers: []news.Speaker{}},
		{ID: "contract-delete", Title: "To be deleted", Body: "A short notice that a test deletes.", Speakers: []news.Speaker{}},
	}
}

// contractFeeds reports two feeds, one polled and one never polled, so that GET /api/feeds
// answers with every field of feeds.Status, null and not.
type contractFeeds struct{}

func (contractFeeds) Status() []feeds.Status {
	polled := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	next := polled.Add(15 * time.Minute)
	return []feeds.Status{
		{URL: "https://courier.example/feed.xml", Interval: "15m0s", LastPoll: &polled, LastSuccess: &polled, NextPoll: &next, ItemsSeen: 12},
		{URL: "https://gazette.example/rss", Interval: "1h0m0s", LastError: "fetch: 503 Service Unavailable", Failures: 2},
	}
}

// contractServers starts the real server over a real index, once with an API key and once
// without, and returns their URLs.
func contractServers(t *testing.T) (keyed, keyless string) {
	t.Helper()
	ix := newTestIndex(t)
	if _, err := ix.AddDocuments(context.Background(), contractDocs()); err != nil {
		t.Fatalf("add contract docs: %v", err)
	}
	start := func(cfg Config) string {
		m, err := metrics.New(prometheus.NewRegistry())
		if err != nil {
			t.Fatal(err)
		}
		if err := m.RegisterIndex(ix.Count); err != nil {
			t.Fatal(err)
		}
		cfg.Metrics = m
		cfg.MaxBodyBytes = contractMaxBody
		cfg.Feeds = contractFeeds{}
		s, err := NewServer(slog.New(slog.DiscardHandler), ix, web.Assets(), cfg)
		if err != nil {
			t.Fatalf("NewServer: %v", err)
		}
		hs := httptest.NewServer(s.Handler())
		t.Cleanup(hs.Close)
		return hs.URL
	}
	return start(Config{APIKey: testKey, BackupDir: t.TempDir()}), start(Config{})
}

// loadServedDoc fetches /api/openapi.json from the server, loads it with kin-openapi and
// validates it as an OpenAPI document.
func loadServedDoc(t *testing.T, base string) (*openapi3.T, routers.Router) {
	t.Helper()
	res, err := http.Get(base + "/api/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		t.Fatalf("load OpenAPI document: %v", err)
	}
	if !doc.IsOpenAPI31OrLater() {
		t.Fatalf("got OpenAPI version %q, want 3.1", doc.OpenAPI)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("the OpenAPI document is invalid: %v", err)
	}
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatalf("router: %v", err)
	}
	return doc, router
}

// contractCase is one request of the contract test.
type contractCase struct {
	name        string
	keyless     bool // send to the server without an API key
	method      string
	target      string // path and query
	contentType string
	body        string
	header      []string // "Key: value"
	wantStatus  int
	// docRejects says the request breaks the document (a bad parameter that the schema
	// describes): the document must reject it too, so that both agree on what is accepted.
	docRejects bool
}

const (
	bearer    = "Authorization: Bearer " + testKey
	typeJSON  = "application/json"
	typeNDJSN = "application/x-ndjson"
)

func contractCases() []contractCase {
	article := `{"id":"posted-1","title":"Pier repairs begin","body":"DOVER - Repairs began on the pier, said Tom Hale.","date":"2024-06-01","source":"Wire Service","authors":"Ann Lowry","desk":"south"}`
	big := `{"title":"Too long","body":"` + strings.Repeat("word ", contractMaxBody/5) + `"}`
	return []contractCase{
		{name: "search all", method: "GET", target: "/api/search", wantStatus: 200},
		{name: "search filtered", method: "GET", target: "/api/search?q=lighthouse&source=Coastal+Courier&since=2024-01-01&until=2024-12-31&sort=-date&size=5", wantStatus: 200},
		{name: "search page with next", method: "GET", target: "/api/search?q=ferry&size=1&sort=date", wantStatus: 200},
		{name: "search repeated filters", method: "GET", target: "/api/search?speaker=Maria+Okafor&speaker=Tom+Hale&location=Portsmouth", wantStatus: 200},
		{name: "search places mentioned", method: "GET", target: "/api/search?place=Portsmouth&place=Dover%2C+United+Kingdom", wantStatus: 200},
		{name: "search ambiguous place", method: "GET", target: "/api/search?place=Portland", wantStatus: 400},
		{name: "search size out of range", method: "GET", target: "/api/search?size=0", wantStatus: 400, docRejects: true},
		{name: "search bad sort", method: "GET", target: "/api/search?sort=newest", wantStatus: 400, docRejects: true},
		{name: "search bad date", method: "GET", target: "/api/search?since=15.03.2024", wantStatus: 400, docRejects: true},
		{name: "search unknown field", method: "GET", target: "/api/search?q=colour%3Ablue", wantStatus: 400},
		{name: "search bad cursor", method: "GET", target: "/api/search?after=not-a-cursor", wantStatus: 400},
		{name: "search until before since", method: "GET", target: "/api/search?since=2024-02-01&until=2024-01-01", wantStatus: 400},
		{name: "get full article", method: "GET", target: "/api/articles/contract-full", wantStatus: 200},
		{name: "get bare article", method: "GET", target: "/api/articles/contract-bare", wantStatus: 200},
		{name: "get unknown article", method: "GET", target: "/api/articles/no-such-id", wantStatus: 404},
		{name: "post object", method: "POST", target: "/api/articles", contentType: typeJSON, body: article, header: []string{bearer}, wantStatus: 200},
		{name: "post array with a bad record", method: "POST", target: "/api/articles", contentType: typeJSON,
			body: `[{"id":"posted-2","title":"Bridge opens","body":"The bridge opened."},{"id":"posted-3","title":7}]`, header: []string{bearer}, wantStatus: 200, docRejects: true},
		{name: "post ndjson", method: "POST", target: "/api/articles", contentType: typeNDJSN,
			body: "{\"id\":\"posted-4\",\"title\":\"Market reopens\"}\n{\"id\":\"posted-4\",\"title\":\"Market reopens today\"}\n", header: []string{bearer}, wantStatus: 200},
		{name: "post nothing valid", method: "POST", target: "/api/articles", contentType: typeNDJSN, body: "{\"title\":\n", header: []string{bearer}, wantStatus: 400},
		{name: "post without key", method: "POST", target: "/api/articles", contentType: typeJSON, body: article, wantStatus: 401},
		{name: "post with wrong key", method: "POST", target: "/api/articles", contentType: typeJSON, body: article, header: []string{"Authorization: Bearer wrong"}, wantStatus: 401},
		{name: "post with writes disabled", keyless: true, method: "POST", target: "/api/articles", contentType: typeJSON, body: article, header: []string{bearer}, wantStatus: 403},
		{name: "post too large", method: "POST", target: "/api/articles", contentType: typeJSON, body: big, header: []string{bearer}, wantStatus: 413},
		{name: "post unsupported type", method: "POST", target: "/api/articles", contentType: "text/xml", body: "<article/>", header: []string{bearer}, wantStatus: 415, docRejects: true},
		{name: "delete", method: "DELETE", target: "/api/articles/contract-delete", header: []string{bearer}, wantStatus: 204},
		{name: "delete unknown", method: "DELETE", target: "/api/articles/no-such-id", header: []string{bearer}, wantStatus: 404},
		{name: "delete without key", method: "DELETE", target: "/api/articles/contract-full", wantStatus: 401},
		{name: "search collapsed", method: "GET", target: "/api/search?q=ferry&collapse=story", wantStatus: 200},
		{name: "quotes", method: "GET", target: "/api/quotes?q=ferry&speaker=James+Whitlow&sort=-date", wantStatus: 200},
		{name: "quotes of a place mentioned", method: "GET", target: "/api/quotes?place=Dover", wantStatus: 200},
		{name: "quotes all", method: "GET", target: "/api/quotes", wantStatus: 200},
		{name: "quotes bad sort", method: "GET", target: "/api/quotes?sort=newest", wantStatus: 400, docRejects: true},
		{name: "speaker type-ahead", method: "GET", target: "/api/speakers?prefix=oka&size=5", wantStatus: 200},
		{name: "speaker type-ahead bad size", method: "GET", target: "/api/speakers?size=0", wantStatus: 400, docRejects: true},
		{name: "speaker page", method: "GET", target: "/api/speakers/Maria%20Okafor", wantStatus: 200},
		{name: "unknown speaker", method: "GET", target: "/api/speakers/Nobody%20Known", wantStatus: 404},
		{name: "related", method: "GET", target: "/api/related/contract-full", wantStatus: 200},
		{name: "related unknown", method: "GET", target: "/api/related/no-such-id", wantStatus: 404},
		{name: "atom", method: "GET", target: "/search.atom?q=ferry", wantStatus: 200},
		{name: "atom bad date", method: "GET", target: "/search.atom?since=15.03.2024", wantStatus: 400, docRejects: true},
		{name: "ui speaker page", method: "GET", target: "/speakers/Maria%20Okafor", wantStatus: 200},
		{name: "delete with writes disabled", keyless: true, method: "DELETE", target: "/api/articles/contract-full", header: []string{bearer}, wantStatus: 403},
		{name: "health", method: "GET", target: "/healthz", wantStatus: 200},
		{name: "feeds", method: "GET", target: "/api/feeds", wantStatus: 200},
		{name: "openapi", method: "GET", target: "/api/openapi.json", wantStatus: 200},
		{name: "metrics", method: "GET", target: "/metrics", wantStatus: 200},
		{name: "ui search", method: "GET", target: "/?q=ferry", wantStatus: 200},
		{name: "ui article", method: "GET", target: "/articles/contract-full", wantStatus: 200},
		{name: "ui file", method: "GET", target: "/static/app.js", wantStatus: 200},
		{name: "ui missing file", method: "GET", target: "/static/nope.js", wantStatus: 404},
		{name: "client request id", method: "GET", target: "/healthz", header: []string{"X-Request-ID: trace-42.a"}, wantStatus: 200},
		{name: "backup", method: "POST", target: "/api/admin/backup?name=contract-1", header: []string{bearer}, wantStatus: 200},
		{name: "backup again", method: "POST", target: "/api/admin/backup?name=contract-1", header: []string{bearer}, wantStatus: 409},
		{name: "backup bad name", method: "POST", target: "/api/admin/backup?name=..%2Fup", header: []string{bearer}, wantStatus: 400, docRejects: true},
		{name: "backup without key", method: "POST", target: "/api/admin/backup", wantStatus: 401},
		{name: "backup with writes disabled", keyless: true, method: "POST", target: "/api/admin/backup", header: []string{bearer}, wantStatus: 403},
		{name: "login form", method: "GET", target: "/login", wantStatus: 200},
	}
}

// notExercised lists the documented responses that the contract test cannot provoke from a
// healthy server, with the reason. Every other documented response must be exercised.
var notExercised = map[string]string{
	"GET /api/search 500":           "needs an index failure",
	"GET /api/search 503":           "needs a search slower than the timeout",
	"POST /api/articles 500":        "needs an index failure",
	"GET /api/articles/{id} 500":    "needs an index failure",
	"DELETE /api/articles/{id} 500": "needs an index failure",
	"GET /healthz 503":              "needs an unreadable index",
	"POST /api/admin/backup 500":    "needs a failing copy",
	"POST /login 303":               "the client follows redirects; TestReadKey checks it",
	"POST /login 401":               "needs a private server; TestReadKey checks it",
	"GET /api/quotes 500":           "needs an index failure",
	"GET /api/quotes 503":           "needs a search slower than the timeout",
	"GET /api/speakers 500":         "needs an index failure",
	"GET /api/speakers/{name} 500":  "needs an index failure",
	"GET /api/related/{id} 500":     "needs an index failure",
	"GET /search.atom 500":          "needs an index failure",
}

// TestOpenAPIContract sends real requests to the real server over a real index and validates
// each request and response against the OpenAPI document the server serves, with kin-openapi's
// OpenAPI 3.1 (JSON Schema 2020-12) validation. It also checks that every documented response
// is exercised, so that the document cannot describe answers the server no longer gives.
func TestOpenAPIContract(t *testing.T) {
	keyed, keyless := contractServers(t)
	doc, router := loadServedDoc(t, keyed)
	exercised := map[string]bool{}
	cases := contractCases()

	// A second page, through the cursor of a first one, is a case of its own.
	var first struct{ Next string }
	getJSON(t, keyed+"/api/search?q=ferry&size=1&sort=date", &first)
	if first.Next == "" {
		t.Fatal("got no next cursor for a one-hit page of several matches")
	}
	cases = append(cases, contractCase{name: "search second page", method: "GET",
		target: "/api/search?q=ferry&size=1&sort=date&after=" + url.QueryEscape(first.Next), wantStatus: 200})

	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			base := keyed
			if tc.keyless {
				base = keyless
			}
			newReq := func() *http.Request {
				req, err := http.NewRequest(tc.method, base+tc.target, strings.NewReader(tc.body))
				if err != nil {
					t.Fatal(err)
				}
				if tc.contentType != "" {
					req.Header.Set("Content-Type", tc.contentType)
				}
				for _, kv := range tc.header {
					k, v, _ := strings.Cut(kv, ": ")
					req.Header.Set(k, v)
				}
				return req
			}

			// The request, against the document.
			vreq := newReq()
			route, params, err := router.FindRoute(vreq)
			if err != nil {
				t.Fatalf("%s %s is not in the OpenAPI document: %v", tc.method, tc.target, err)
			}
			reqInput := &openapi3filter.RequestValidationInput{
				Request: vreq, PathParams: params, Route: route,
				Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true},
			}
			err = openapi3filter.ValidateRequest(context.Background(), reqInput)
			switch {
			case tc.docRejects && err == nil:
				t.Errorf("the document accepts the request, want it rejected as the server does")
			case !tc.docRejects && err != nil:
				t.Errorf("the request does not match the document: %v", err)
			}

			// The real response, against the document.
			res, err := http.DefaultClient.Do(newReq())
			if err != nil {
				t.Fatal(err)
			}
			body, err := io.ReadAll(res.Body)
			res.Body.Close()
			if err != nil {
				t.Fatal(err)
			}
			if res.StatusCode != tc.wantStatus {
				t.Fatalf("got status %d, want %d; body %.300s", res.StatusCode, tc.wantStatus, body)
			}
			err = openapi3filter.ValidateResponse(context.Background(), &openapi3filter.ResponseValidationInput{
				RequestValidationInput: reqInput,
				Status:                 res.StatusCode,
				Header:                 res.Header,
				Body:                   io.NopCloser(bytes.NewReader(body)),
				Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
			})
			if err != nil {
				t.Errorf("the response does not match the document: %v\nbody: %.500s", err, body)
			}
			exercised[route.Method+" "+route.Path+" "+strconv.Itoa(res.StatusCode)] = true
		})
	}

	for _, key := range documentedResponses(doc) {
		_, skip := notExercised[key]
		switch {
		case exercised[key] && skip:
			t.Errorf("%s is exercised now: remove it from notExercised", key)
		case !exercised[key] && !skip:
			t.Errorf("documented response %s is not exercised by the contract test", key)
		}
	}
}

// documentedResponses lists "METHOD /path STATUS" for every response in the document.
func documentedResponses(doc *openapi3.T) []string {
	var out []string
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			for status := range op.Responses.Map() {
				out = append(out, method+" "+path+" "+status)
			}
		}
	}
	slices.Sort(out)
	return out
}

func getJSON(t *testing.T, target string, v any) {
	t.Helper()
	getJSONStatus(t, target, http.StatusOK, v)
}

// getJSONStatus sends GET target over HTTP and decodes the JSON answer into v, failing unless
// its status is wantStatus.
func getJSONStatus(t *testing.T, target string, wantStatus int, v any) {
	t.Helper()
	res, err := http.Get(target)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	if res.StatusCode != wantStatus {
		t.Fatalf("GET %s: got status %d, want %d; body %.300s", target, res.StatusCode, wantStatus, body)
	}
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("GET %s: decode %.300s: %v", target, body, err)
	}
}

// paramRE matches an OpenAPI path parameter.
var paramRE = regexp.MustCompile(`\{[^}]+\}`)

// TestOpenAPICoversRoutes checks that every route of routes.go is in the OpenAPI document, with
// its method, and that the document describes no route the server does not have. Echo's
// trailing wildcard "/api/articles/*" corresponds to the document's "/api/articles/{id}".
func TestOpenAPICoversRoutes(t *testing.T) {
	m, err := metrics.New(prometheus.NewRegistry())
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewServer(slog.New(slog.DiscardHandler), newTestIndex(t), web.Assets(), Config{Metrics: m})
	if err != nil {
		t.Fatal(err)
	}
	var routes []string
	for _, r := range s.echo.Routes() {
		routes = append(routes, r.Method+" "+r.Path)
	}
	doc, err := openapi3.NewLoader().LoadFromData(s.openAPI)
	if err != nil {
		t.Fatal(err)
	}
	var documented []string
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			documented = append(documented, method+" "+paramRE.ReplaceAllString(path, "*"))
		}
	}
	slices.Sort(routes)
	routes = slices.Compact(routes)
	slices.Sort(documented)
	for _, r := range routes {
		if !slices.Contains(documented, r) {
			t.Errorf("route %s is not in openapi.yaml", r)
		}
	}
	for _, d := range documented {
		if !slices.Contains(routes, d) {
			t.Errorf("openapi.yaml documents %s, which routes.go does not have", d)
		}
	}
	if len(routes) < 8 {
		t.Errorf("got %d routes, want at least 8: %v", len(routes), routes)
	}
	t.Logf("routes: %s", fmt.Sprint(routes))
}
