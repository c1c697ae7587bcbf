// Package bench holds the parts of searchd's benchmark harness that are not commands: latency
// statistics, the query-set file format and its generator, and the generator of scaled corpora
// made by recombining real articles. The commands live in cmd/searchd (searchd bench ...).
package bench

import (
	"math"
	"slices"
	"time"
)

// Summary describes a set of latencies, in milliseconds.
type Summary struct {
	Count  int     `json:"count"`
	MeanMS float64 `json:"mean_ms"`
	P50MS  float64 `json:"p50_ms"`
	P95MS  float64 `json:"p95_ms"`
	P99MS  float64 `json:"p99_ms"`
	MaxMS  float64 `json:"max_ms"`
}

// Summarize returns the count, mean, nearest-rank percentiles and maximum of ds. ds is not
// modified. The zero Summary describes an empty set.
func Summarize(ds []time.Duration) Summary {
	if len(ds) == 0 {
		return Summary{}
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	var sum time.Duration
	for _, d := range s {
		sum += d
	}
	return Summary{
		Count:  len(s),
		MeanMS: ms(sum / time.Duration(len(s))),
		P50MS:  ms(Percentile(s, 50)),
		P95MS:  ms(Percentile(s, 95)),
		P99MS:  ms(Percentile(s, 99)),
		MaxMS:  ms(s[len(s)-1]),
	}
}

// Percentile returns the nearest-rank p-th percentile (0 < p <= 100) of sorted, which must be
// sorted in ascending order and not empty: the smallest value with at least p% of the values at
// or below it.
func Percentile(sorted []time.Duration, p float64) time.Duration {
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	return sorted[min(max(rank, 1), len(sorted))-1]
}

// Median returns the median of xs (the mean of the two middle values for an even count), or 0
// for an empty slice. xs is not modified.
func Median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// ms converts d to milliseconds, rounded to microseconds.
func ms(d time.Duration) float64 {
	return math.Round(float64(d)/1e3) / 1e3
}
