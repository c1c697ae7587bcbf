package extract

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/searchd/searchd/internal/news"
	"github.com/searchd/searchd/internal/sharedtest"
)

// benchArticles is how many AllSides articles BenchmarkExtractAllSides runs over.
const benchArticles = 2000

// readAllSides reads the first n articles of the AllSides corpus as ingest would give them.
func readAllSides(tb testing.TB, n int) []news.Article {
	tb.Helper()
	path := sharedtest.Path(tb, "corpora/allsides.jsonl.gz")
	f, err := os.Open(path)
	if err != nil {
		tb.Fatalf("open %s: %v", path, err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatalf("read %s: %v", path, err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	var out []news.Article
	for len(out) < n && sc.Scan() {
		var in struct {
			ID, Title, Body, Date, Source string
		}
		if err := json.Unmarshal(sc.Bytes(), &in); err != nil {
			tb.Fatalf("%s: %v", path, err)
		}
		a := news.Article{ID: in.ID, Title: in.Title, Body: in.Body, Source: in.Source}
		if d, err := time.Parse(time.DateOnly, in.Date); err == nil {
			a.Date = d
		}
		out = append(out, a)
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("read %s: %v", path, err)
	}
	return out
}

// BenchmarkExtractAllSides measures the whole of Extract (speakers, location, date) over the
// first benchArticles AllSides articles. Run it on one core, as the speed target is set:
//
//	go test ./internal/extract -run '^$' -bench ExtractAllSides -cpu 1
func BenchmarkExtractAllSides(b *testing.B) {
	articles := readAllSides(b, benchArticles)
	x, err := New()
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	cpu0 := cpuTime(b)
	for i := 0; i < b.N; i++ {
		x.Extract(articles[i%len(articles)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	if cpu := cpuTime(b) - cpu0; cpu > 0 {
		b.ReportMetric(float64(b.N)/cpu.Seconds(), "articles/cpu-s")
	}
}

// cpuTime returns the CPU time (user and system) the process has used so far, garbage
// collection included: on a shared machine, articles per CPU-second vary less than articles
// per second of wall time.
func cpuTime(tb testing.TB) time.Duration {
	tb.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatalf("getrusage: %v", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkPlacesAllSides measures only the location, places and date finders over the same
// articles, the part of Extract that is not speaker finding.
func BenchmarkPlacesAllSides(b *testing.B) {
	articles := readAllSides(b, benchArticles)
	pf := newTestPlaceFinder(b)
	b.ResetTimer()
	cpu0 := cpuTime(b)
	for i := 0; i < b.N; i++ {
		a := articles[i%len(articles)]
		pf.find(a)
		findDate(a)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	if cpu := cpuTime(b) - cpu0; cpu > 0 {
		b.ReportMetric(float64(b.N)/cpu.Seconds(), "articles/cpu-s")
	}
}
