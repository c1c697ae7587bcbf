package index

import (
	"context"
	"encoding/json"
	"os"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/searchd/searchd/internal/bench"
)

// benchIndex opens the index named by SEARCHD_BENCH_INDEX (such as an AllSides index built with
// `searchd index --index /tmp/idx allsides.jsonl.gz`), or skips. Its search result cache is
// off, so that repeated queries measure searches (BenchmarkSearchAllSidesCached turns it on).
func benchIndex(b *testing.B) *Index {
	b.Helper()
	return benchIndexWith(b, Options{SearchCache: -1})
}

func benchIndexWith(b *testing.B, opts Options) *Index {
	b.Helper()
	path := os.Getenv("SEARCHD_BENCH_INDEX")
	if path == "" {
		b.Skip("set SEARCHD_BENCH_INDEX to an index directory")
	}
	ix, err := Open(path, nil, opts, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ix.Close() })
	return ix
}

// benchQueries are the searches the latency benchmarks cycle through.
var benchQueries = []Query{
	{Q: "compromise"}, {Q: "economy"}, {Q: "health care"}, {Q: "immigration"}, {Q: "war"},
	{Q: "tax", Speakers: []string{"Donald Trump"}}, {Speakers: []string{"Barack Obama"}},
	{}, {Q: "climate change", Sort: SortDateDesc}, {Q: "election", Since: time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)},
}

// measureLatency runs op(i) for i = 0, 1, ... while b loops, and reports the p50 and p99 of
// its durations in milliseconds.
func measureLatency(b *testing.B, op func(i int) error) {
	var ds []time.Duration
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		if err := op(i); err != nil {
			b.Fatal(err)
		}
		ds = append(ds, time.Since(start))
	}
	reportLatency(b, ds)
}

// reportLatency reports the p50 and p99 of ds in milliseconds.
func reportLatency(b *testing.B, ds []time.Duration) {
	slices.Sort(ds)
	b.ReportMetric(float64(bench.Percentile(ds, 50).Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(bench.Percentile(ds, 99).Microseconds())/1000, "p99-ms")
}

// BenchmarkQuoteSearchLatency measures SearchQuotes (hits, highlights, speaker facet, timeline).
func BenchmarkQuoteSearchLatency(b *testing.B) {
	ix := benchIndex(b)
	ctx := context.Background()
	b.ResetTimer()
	measureLatency(b, func(i int) error {
		_, err := ix.SearchQuotes(ctx, benchQueries[i%len(benchQueries)])
		return err
	})
}

// BenchmarkTimelineLatency measures a timeline computed on its own: one pass of collect
// counting days. (Search and the speaker page take theirs from the pass they make anyway.)
func BenchmarkTimelineLatency(b *testing.B) {
	ix := benchIndex(b)
	ctx := context.Background()
	an := ix.mapping.AnalyzerNamed(textAnalyzer)
	var qs []query.Query
	for _, q := range benchQueries {
		p, err := parseQuery(q.Q, an)
		if err != nil {
			b.Fatal(err)
		}
		qs = append(qs, ix.filtered(p.q, q, typeArticle))
	}
	b.ResetTimer()
	measureLatency(b, func(i int) error {
		_, err := ix.timeline(ctx, qs[i%len(qs)], "")
		return err
	})
}

// BenchmarkSearchLatency measures a whole article search with collapse=story and timeline.
func BenchmarkSearchLatency(b *testing.B) {
	ix := benchIndex(b)
	ctx := context.Background()
	b.ResetTimer()
	measureLatency(b, func(i int) error {
		q := benchQueries[i%len(benchQueries)]
		q.Collapse = CollapseStory
		_, err := ix.Search(ctx, q)
		return err
	})
}

// allSidesQueries are the ten typical queries of scripts/check_allsides.py, which measures
// their median latency over HTTP.
var allSidesQueries = []string{"ukraine", "climate change", "supreme court", `"health care"`, "trump tariffs",
	"election", "immigration border", "federal reserve interest rates", "gun control", "covid vaccine"}

// BenchmarkSearchAllSides measures an article search as the UI runs it (hits, snippets, facets,
// timeline) over allSidesQueries on the index named by SEARCHD_BENCH_INDEX; one op is one
// query, and ms/op is reported. Compare runs with a baseline measured in the same session: the
// machine is noisy.
func BenchmarkSearchAllSides(b *testing.B) { searchAllSides(b, benchIndex(b)) }

// BenchmarkSearchAllSidesCached is BenchmarkSearchAllSides with the search result cache on (the
// default): after the warm-up, every search is answered from the cache.
func BenchmarkSearchAllSidesCached(b *testing.B) { searchAllSides(b, benchIndexWith(b, Options{})) }

func searchAllSides(b *testing.B, ix *Index) {
	qs := make([]Query, len(allSidesQueries))
	for i, q := range allSidesQueries {
		qs[i] = Query{Q: q}
	}
	searchQueries(b, ix, qs)
}

// searchQueries runs the searches qs in turn, once to warm caches (date span, file pages) and
// then one per op, reporting wall and CPU milliseconds per search and latency percentiles.
//
// The CPU of each search is that of its thread (the search runs on the benchmark's goroutine,
// locked to it): cpu-p50-ms and cpu-p99-ms, without the collector's background work, which
// cpu-ms/op counts. With SEARCHD_BENCH_PERQUERY=FILE, each measured search is written to FILE
// as a JSON line: the query, its thread CPU and wall milliseconds and its total.
func searchQueries(b *testing.B, ix *Index, qs []Query) {
	ctx := context.Background()
	for _, q := range qs {
		if _, err := ix.Search(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	var perQuery *json.Encoder
	if path := os.Getenv("SEARCHD_BENCH_PERQUERY"); path != "" {
		f, err := os.Create(path)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		perQuery = json.NewEncoder(f)
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var ds, cpus []time.Duration
	start, cpu0 := time.Now(), cpuTime(b)
	n := 0
	for b.Loop() {
		q := qs[n%len(qs)]
		t, c := time.Now(), threadCPUTime(b)
		res, err := ix.Search(ctx, q)
		if err != nil {
			b.Fatal(err)
		}
		cpu, wall := threadCPUTime(b)-c, time.Since(t)
		ds, cpus = append(ds, wall), append(cpus, cpu)
		if perQuery != nil {
			if err := perQuery.Encode(map[string]any{"q": q.Q, "cpu_ms": float64(cpu.Microseconds()) / 1000,
				"wall_ms": float64(wall.Microseconds()) / 1000, "total": res.Total}); err != nil {
				b.Fatal(err)
			}
		}
		n++
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(n), "ms/op")
	// CPU time is steadier than wall time on a shared machine.
	b.ReportMetric(float64((cpuTime(b)-cpu0).Microseconds())/1000/float64(n), "cpu-ms/op")
	reportLatency(b, ds)
	slices.Sort(cpus)
	b.ReportMetric(float64(bench.Percentile(cpus, 50).Microseconds())/1000, "cpu-p50-ms")
	b.ReportMetric(float64(bench.Percentile(cpus, 99).Microseconds())/1000, "cpu-p99-ms")
}

// BenchmarkSearchQueryFile is BenchmarkSearchAllSides over the queries of the file named by
// SEARCHD_BENCH_QUERIES (JSON Lines, as bench query reads them: q, speaker, source, since,
// until), such as the peer harness's 2,000 queries: one op is one search, cycling through the
// file once warmed by a first pass; cpu-ms/op is the steadier figure on a shared machine.
func BenchmarkSearchQueryFile(b *testing.B) {
	ix := benchIndex(b)
	path := os.Getenv("SEARCHD_BENCH_QUERIES")
	if path == "" {
		b.Skip("set SEARCHD_BENCH_QUERIES to a query file")
	}
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	bqs, err := bench.ReadQueries(f)
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	qs := make([]Query, 0, len(bqs))
	for _, bq := range bqs {
		q := Query{Q: bq.Q}
		if bq.Speaker != "" {
			q.Speakers = []string{bq.Speaker}
		}
		if bq.Source != "" {
			q.Sources = []string{bq.Source}
		}
		for _, d := range []struct {
			s  string
			to *time.Time
		}{{bq.Since, &q.Since}, {bq.Until, &q.Until}} {
			if d.s == "" {
				continue
			}
			if *d.to, err = time.Parse(time.DateOnly, d.s); err != nil {
				b.Fatal(err)
			}
		}
		qs = append(qs, q)
	}
	if len(qs) == 0 {
		b.Fatalf("%s holds no query", path)
	}
	searchQueries(b, ix, qs)
}
