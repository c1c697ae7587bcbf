// Package metrics holds searchd's Prometheus metrics: HTTP requests, searches, ingests, feed polls
// and the size of the index, beside the Go runtime and process collectors. Everything is
// registered on a registry the caller passes in, never on the global default one, and Handler
// serves that registry in the Prometheus text format.
//
// A nil *Metrics is valid and records nothing, so packages can take one as an optional dependency.
//
// The series (all names start with searchd_ except the collectors' go_ and process_):
//
//	searchd_http_requests_total{route,method,status}            counter
//	searchd_http_request_duration_seconds{route,method,status}  histogram
//	searchd_search_duration_seconds{endpoint,outcome}           histogram; endpoint: search, quotes, atom, speakers,
//	                                                            speaker, related; outcome: ok, bad_query, not_found,
//	                                                            timeout, error
//	searchd_ingest_articles_total{outcome}                      counter; outcome: indexed, unchanged, duplicate, failed, skipped
//	searchd_feed_polls_total{feed,outcome}                      counter
//	searchd_index_documents                                     gauge, read from the index at scrape time
//
// route is the Echo route pattern ("/api/articles/*"), never the raw path, so that the number of
// series stays bounded; requests that match no route have route "unmatched".
package metrics

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/searchd/searchd/internal/index"
)

// Search outcomes, the values of the outcome label of searchd_search_duration_seconds.
const (
	SearchOK       = "ok"
	SearchBadQuery = "bad_query"
	SearchNotFound = "not_found" // the article or speaker named in the path is not in the index
	SearchTimeout  = "timeout"
	SearchError    = "error"
)

// Search endpoints, the values of the endpoint label of searchd_search_duration_seconds: every
// route whose answer is a search of the index.
const (
	EndpointSearch  = "search"   // GET /api/search
	EndpointQuotes  = "quotes"   // GET /api/quotes
	EndpointAtom    = "atom"     // GET /search.atom
	EndpointSuggest = "speakers" // GET /api/speakers?prefix=
	EndpointSpeaker = "speaker"  // GET /api/speakers/<name>
	EndpointRelated = "related"  // GET /api/related/<id>
)

// Ingest outcomes, the values of the outcome label of searchd_ingest_articles_total.
const (
	IngestIndexed   = "indexed"   // written to the index (new or replaced)
	IngestUnchanged = "unchanged" // already stored exactly so; nothing rewritten
	IngestDuplicate = "duplicate" // the same id more than once in one load; the later one wins
	IngestFailed    = "failed"    // could not be written
	IngestSkipped   = "skipped"   // rejected by a reader before indexing (bad record, too large)
)

// Feed poll outcomes: suggested values of the outcome label of searchd_feed_polls_total.
const (
	FeedOK          = "ok"           // fetched and parsed
	FeedNotModified = "not_modified" // the server answered 304
	FeedError       = "error"        // fetch or parse failed
)

// UnmatchedRoute is the route label of requests that matched no route.
const UnmatchedRoute = "unmatched"

// Metrics records searchd's metrics on one registry. Its methods are safe for concurrent use.
type Metrics struct {
	gatherer prometheus.Gatherer
	reg      prometheus.Registerer

	httpRequests *prometheus.CounterVec
	httpDuration *prometheus.HistogramVec
	search       *prometheus.HistogramVec
	ingest       *prometheus.CounterVec
	feedPolls    *prometheus.CounterVec
}

// New creates searchd's metrics and registers them, with the Go runtime, process and build-info
// collectors, on reg. It fails when a metric is already registered there.
func New(reg *prometheus.Registry) (*Metrics, error) {
	if reg == nil {
		return nil, errors.New("metrics: nil registry")
	}
	m := &Metrics{
		gatherer: reg,
		reg:      reg,
		httpRequests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "searchd_http_requests_total",
			Help: "HTTP requests answered, by Echo route pattern, method and status code.",
		}, []string{"route", "method", "status"}),
		httpDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "searchd_http_request_duration_seconds",
			Help:    "Time from receiving an HTTP request to the end of its answer, by route, method and status.",
			Buckets: prometheus.DefBuckets,
		}, []string{"route", "method", "status"}),
		search: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "searchd_search_duration_seconds",
			Help:    "Time the index took to answer a search, by endpoint (search, quotes, atom, speakers, speaker, related) and outcome (ok, bad_query, not_found, timeout, error).",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"endpoint", "outcome"}),
		ingest: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "searchd_ingest_articles_total",
			Help: "Articles received for indexing, by outcome (indexed, unchanged, duplicate, failed, skipped).",
		}, []string{"outcome"}),
		feedPolls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "searchd_feed_polls_total",
			Help: "Feed polls, by feed name and outcome (ok, not_modified, error).",
		}, []string{"feed", "outcome"}),
	}
	// Outcomes known in advance start at zero, so that rate() works from the first scrape.
	for _, e := range []string{EndpointSearch, EndpointQuotes, EndpointAtom, EndpointSuggest, EndpointSpeaker, EndpointRelated} {
		for _, o := range []string{SearchOK, SearchBadQuery, SearchNotFound, SearchTimeout, SearchError} {
			m.search.WithLabelValues(e, o)
		}
	}
	for _, o := range []string{IngestIndexed, IngestUnchanged, IngestDuplicate, IngestFailed, IngestSkipped} {
		m.ingest.WithLabelValues(o)
	}
	for _, c := range []prometheus.Collector{
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		collectors.NewBuildInfoCollector(),
		m.httpRequests, m.httpDuration, m.search, m.ingest, m.feedPolls,
	} {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("metrics: register: %w", err)
		}
	}
	return m, nil
}

// RegisterIndex adds the gauge searchd_index_documents, which calls count at every scrape. A
// count that fails is reported as NaN.
func (m *Metrics) RegisterIndex(count func() (uint64, error)) error {
	if m == nil {
		return nil
	}
	g := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "searchd_index_documents",
		Help: "Articles in the index (NaN when the index cannot be read).",
	}, func() float64 {
		n, err := count()
		if err != nil {
			return math.NaN()
		}
		return float64(n)
	})
	if err := m.reg.Register(g); err != nil {
		return fmt.Errorf("metrics: register index gauge: %w", err)
	}
	return nil
}

// Handler serves the registry in the Prometheus exposition format.
func (m *Metrics) Handler() http.Handler {
	if m == nil {
		return http.NotFoundHandler()
	}
	return promhttp.HandlerFor(m.gatherer, promhttp.HandlerOpts{
		// Serve what can be gathered rather than fail the whole scrape.
		ErrorHandling: promhttp.ContinueOnError,
	})
}

// ObserveRequest records one answered HTTP request. route is the route pattern, or
// UnmatchedRoute; methods other than the standard ones are recorded as "other".
func (m *Metrics) ObserveRequest(route, method string, status int, d time.Duration) {
	if m == nil {
		return
	}
	if route == "" {
		route = UnmatchedRoute
	}
	labels := prometheus.Labels{"route": route, "method": normalizeMethod(method), "status": strconv.Itoa(status)}
	m.httpRequests.With(labels).Inc()
	m.httpDuration.With(labels).Observe(d.Seconds())
}

// normalizeMethod bounds the method label: a client can send any token as a method.
func normalizeMethod(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace:
		return m
	}
	return "other"
}

// ObserveSearch records how long one search of endpoint (EndpointSearch, EndpointQuotes, ...)
// took in the index, with its outcome (SearchOK, SearchBadQuery, SearchNotFound, SearchTimeout
// or SearchError).
func (m *Metrics) ObserveSearch(endpoint, outcome string, d time.Duration) {
	if m == nil {
		return
	}
	m.search.WithLabelValues(endpoint, outcome).Observe(d.Seconds())
}

// ObserveLoad counts the outcome of one load into the index. It makes *Metrics an
// index.Observer, so every write through the index is counted, whoever calls it.
func (m *Metrics) ObserveLoad(s index.LoadStats) {
	if m == nil {
		return
	}
	m.ingest.WithLabelValues(IngestIndexed).Add(float64(s.Indexed))
	m.ingest.WithLabelValues(IngestUnchanged).Add(float64(s.Unchanged))
	m.ingest.WithLabelValues(IngestDuplicate).Add(float64(s.Duplicates))
	m.ingest.WithLabelValues(IngestFailed).Add(float64(s.Failed))
}

// ObserveSkipped counts n records that a reader rejected before they reached the index.
func (m *Metrics) ObserveSkipped(n int) {
	if m == nil || n <= 0 {
		return
	}
	m.ingest.WithLabelValues(IngestSkipped).Add(float64(n))
}

// ObserveFeedPoll counts one poll of the named feed with its outcome (FeedOK, FeedNotModified,
// FeedError, or another short fixed word). feed should be the configured feed name, not a URL
// that may change, to keep the number of series bounded.
func (m *Metrics) ObserveFeedPoll(feed, outcome string) {
	if m == nil {
		return
	}
	m.feedPolls.WithLabelValues(feed, outcome).Inc()
}
