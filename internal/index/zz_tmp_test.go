package index

import (
	"context"
	"testing"
	"time"
)

func BenchmarkZZPerQuery(b *testing.B) {
	ix := benchIndex(b)
	ctx := context.Background()
	for _, q := range allSidesQueries {
		b.Run(q, func(b *testing.B) {
			res, _ := ix.Search(ctx, Query{Q: q})
			var ds []time.Duration
			for b.Loop() {
				t := time.Now()
				ix.Search(ctx, Query{Q: q})
				ds = append(ds, time.Since(t))
			}
			b.ReportMetric(float64(res.Total), "total")
			reportLatency(b, ds)
		})
	}
}
