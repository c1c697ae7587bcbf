package bench

import (
	"testing"
	"time"
)

func TestSummarize(t *testing.T) {
	ms := time.Millisecond
	hundred := make([]time.Duration, 100)
	for i := range hundred {
		hundred[i] = time.Duration(100-i) * ms // descending: Summarize must sort
	}
	tests := []struct {
		name string
		in   []time.Duration
		want Summary
	}{
		{"empty", nil, Summary{}},
		{"one", []time.Duration{3 * ms}, Summary{Count: 1, MeanMS: 3, P50MS: 3, P95MS: 3, P99MS: 3, MaxMS: 3}},
		{"hundred", hundred, Summary{Count: 100, MeanMS: 50.5, P50MS: 50, P95MS: 95, P99MS: 99, MaxMS: 100}},
		{"outlier", []time.Duration{ms, ms, ms, 1000 * ms}, Summary{Count: 4, MeanMS: 250.75, P50MS: 1, P95MS: 1000, P99MS: 1000, MaxMS: 1000}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Summarize(tt.in); got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
	if hundred[0] != 100*ms {
		t.Errorf("Summarize sorted its input: got first %v, want 100ms", hundred[0])
	}
}

func TestMedian(t *testing.T) {
	tests := []struct {
		in   []float64
		want float64
	}{
		{nil, 0}, {[]float64{5}, 5}, {[]float64{3, 1, 2}, 2}, {[]float64{4, 1, 3, 2}, 2.5},
	}
	for _, tt := range tests {
		if got := Median(tt.in); got != tt.want {
			t.Errorf("Median(%v): got %v, want %v", tt.in, got, tt.want)
		}
	}
}
