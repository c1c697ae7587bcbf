package metrics

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/searchd/searchd/internal/index"
)

func newMetrics(t *testing.T) (*Metrics, *prometheus.Registry) {
	t.Helper()
	reg := prometheus.NewRegistry()
	m, err := New(reg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return m, reg
}

func TestIngestAndFeedCounters(t *testing.T) {
	m, _ := newMetrics(t)
	var _ index.Observer = m // *Metrics is what the index is given
	m.ObserveLoad(index.LoadStats{Read: 7, Indexed: 5, Duplicates: 1, Failed: 1})
	m.ObserveLoad(index.LoadStats{Read: 3, Indexed: 2, Unchanged: 1})
	m.ObserveSkipped(3)
	m.ObserveSkipped(0)
	m.ObserveFeedPoll("harbour-news", FeedOK)
	m.ObserveFeedPoll("harbour-news", FeedOK)
	m.ObserveFeedPoll("harbour-news", FeedError)
	tests := []struct {
		c    prometheus.Collector
		want float64
	}{
		{m.ingest.WithLabelValues(IngestIndexed), 7},
		{m.ingest.WithLabelValues(IngestUnchanged), 1},
		{m.ingest.WithLabelValues(IngestDuplicate), 1},
		{m.ingest.WithLabelValues(IngestFailed), 1},
		{m.ingest.WithLabelValues(IngestSkipped), 3},
		{m.feedPolls.WithLabelValues("harbour-news", FeedOK), 2},
		{m.feedPolls.WithLabelValues("harbour-news", FeedError), 1},
		{m.feedPolls.WithLabelValues("harbour-news", FeedNotModified), 0},
	}
	for i, tt := range tests {
		if got := testutil.ToFloat64(tt.c); got != tt.want {
			t.Errorf("case %d: got %v, want %v", i, got, tt.want)
		}
	}
}

func TestRequestLabels(t *testing.T) {
	m, _ := newMetrics(t)
	m.ObserveRequest("/api/search", "GET", 200, time.Millisecond)
	m.ObserveRequest("", "GET", 404, time.Millisecond)
	m.ObserveRequest("/api/search", "PROPFIND", 405, time.Millisecond)
	tests := []struct {
		route, method, status string
		want                  float64
	}{
		{"/api/search", "GET", "200", 1},
		{UnmatchedRoute, "GET", "404", 1},
		{"/api/search", "other", "405", 1},
	}
	for _, tt := range tests {
		if got := testutil.ToFloat64(m.httpRequests.WithLabelValues(tt.route, tt.method, tt.status)); got != tt.want {
			t.Errorf("requests{%s,%s,%s}: got %v, want %v", tt.route, tt.method, tt.status, got, tt.want)
		}
	}
}

func TestIndexGauge(t *testing.T) {
	m, reg := newMetrics(t)
	n, fail := uint64(42), false
	if err := m.RegisterIndex(func() (uint64, error) {
		if fail {
			return 0, errors.New("closed")
		}
		return n, nil
	}); err != nil {
		t.Fatal(err)
	}
	value := func() float64 {
		fams, err := reg.Gather()
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range fams {
			if f.GetName() == "searchd_index_documents" {
				return f.GetMetric()[0].GetGauge().GetValue()
			}
		}
		t.Fatal("no searchd_index_documents")
		return 0
	}
	if got := value(); got != 42 {
		t.Errorf("got %v, want 42", got)
	}
	fail = true
	if got := value(); !math.IsNaN(got) {
		t.Errorf("got %v for a failing count, want NaN", got)
	}
	if err := m.RegisterIndex(func() (uint64, error) { return 0, nil }); err == nil {
		t.Errorf("second RegisterIndex: got no error, want one")
	}
}

func TestNewErrors(t *testing.T) {
	if _, err := New(nil); err == nil {
		t.Errorf("New(nil): got no error, want one")
	}
	reg := prometheus.NewRegistry()
	if _, err := New(reg); err != nil {
		t.Fatal(err)
	}
	if _, err := New(reg); err == nil {
		t.Errorf("New twice on one registry: got no error, want one")
	}
}

// TestNil checks that a nil *Metrics records nothing and does not panic.
func TestNil(t *testing.T) {
	var m *Metrics
	m.ObserveRequest("/", "GET", 200, time.Second)
	m.ObserveSearch(EndpointSearch, SearchOK, time.Second)
	m.ObserveLoad(index.LoadStats{Indexed: 1})
	m.ObserveSkipped(1)
	m.ObserveFeedPoll("f", FeedOK)
	if err := m.RegisterIndex(func() (uint64, error) { return 0, nil }); err != nil {
		t.Errorf("RegisterIndex on nil: got %v, want nil", err)
	}
	if m.Handler() == nil {
		t.Errorf("Handler on nil: got nil, want a handler")
	}
}
