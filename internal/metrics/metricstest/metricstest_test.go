package metricstest

import (
	"strings"
	"testing"
)

func TestValue(t *testing.T) {
	const scrape = `# TYPE req_total counter
req_total{route="/a",status="200"} 3
req_total{route="/a",status="500"} 1
# TYPE docs gauge
docs 42
# TYPE lat_seconds histogram
lat_seconds_bucket{le="0.1"} 2
lat_seconds_bucket{le="+Inf"} 5
lat_seconds_sum 1.5
lat_seconds_count 5
`
	fams, err := Parse(strings.NewReader(scrape))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		labels map[string]string
		want   float64
		ok     bool
	}{
		{"req_total", map[string]string{"route": "/a", "status": "500"}, 1, true},
		{"req_total", map[string]string{"route": "/a"}, 0, false}, // labels must match exactly
		{"docs", map[string]string{}, 42, true},
		{"lat_seconds", map[string]string{}, 5, true},
		{"missing", nil, 0, false},
	} {
		got, ok := Value(fams, tc.name, tc.labels)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Value(%s, %v): got %v, %v, want %v, %v", tc.name, tc.labels, got, ok, tc.want, tc.ok)
		}
	}
	if _, err := Parse(strings.NewReader("not { a metric")); err == nil {
		t.Error("Parse of garbage: got no error")
	}
}
