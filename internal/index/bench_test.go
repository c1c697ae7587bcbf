package index

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"syscall"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/searchd/searchd/internal/extract"
	"github.com/searchd/searchd/internal/news"
	"github.com/searchd/searchd/internal/sharedtest"
)

// benchArticles is how many allsides articles the benchmarks index.
const benchArticles = 5000

// readCorpus decodes the first n records of a corpus JSONL.gz of the data kit (a minimal
// decoder, so that the benchmarks do not depend on internal/ingest).
func readCorpus(tb testing.TB, rel string, n int) []news.Article {
	tb.Helper()
	f, err := os.Open(sharedtest.Path(tb, rel))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatal(err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 16<<20)
	var out []news.Article
	for len(out) < n && sc.Scan() {
		var rec struct {
			ID, Title, Body, Date, Source, URL string
			Authors                            []string
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			tb.Fatalf("record %d: %v", len(out)+1, err)
		}
		a := news.Article{ID: rec.ID, Title: rec.Title, Body: rec.Body, Source: rec.Source, URL: rec.URL, Authors: rec.Authors}
		for _, layout := range []string{time.DateOnly, time.RFC3339} {
			if t, err := time.Parse(layout, rec.Date); err == nil {
				a.Date = t
				break
			}
		}
		out = append(out, a)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

func dirSize(tb testing.TB, dir string) int64 {
	tb.Helper()
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err == nil {
			n += info.Size()
		}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return n
}

func rawBytes(arts []news.Article) int64 {
	var n int64
	for _, a := range arts {
		n += int64(len(a.Title) + len(a.Body))
	}
	return n
}

// BenchmarkMapping compares index size and indexing speed of Bleve's default mapping
// (dynamic, _all, term vectors and docvalues everywhere, every field stored) indexing
// news.Document values, with searchd's mapping, through the same sequential batches.
// Run with -benchtime=1x.
func BenchmarkMapping(b *testing.B) {
	arts := readCorpus(b, "corpora/allsides.jsonl.gz", benchArticles)
	docs := make([]news.Document, len(arts))
	for i, a := range arts {
		docs[i] = news.NewDocument(a, news.Extraction{})
	}
	noTV := newMapping()
	for _, f := range []string{fieldTitle, fieldBody} {
		noTV.DefaultMapping.Properties[f].Fields[0].IncludeTermVectors = false
	}
	for _, v := range []struct {
		name   string
		im     mapping.IndexMapping
		data   func(news.Document) (any, error)
		config map[string]any
	}{
		{"default", bleve.NewIndexMapping(), func(d news.Document) (any, error) { return d, nil }, nil},
		{"searchd", newMapping(), searchdFields, nil},
		{"searchd-without-term-vectors", noTV, searchdFields, nil},
	} {
		b.Run(v.name, func(b *testing.B) {
			var size int64
			var took, cpu time.Duration
			for range b.N {
				dir := filepath.Join(b.TempDir(), "idx")
				start, cpu0 := time.Now(), cpuTime(b)
				idx, err := bleve.NewUsing(dir, v.im, bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore, v.config)
				if err != nil {
					b.Fatal(err)
				}
				batch := idx.NewBatch()
				for _, d := range docs {
					data, err := v.data(d)
					if err != nil {
						b.Fatal(err)
					}
					if err := batch.Index(d.ID, data); err != nil {
						b.Fatal(err)
					}
					if batch.Size() >= DefaultBatchSize {
						if err := idx.Batch(batch); err != nil {
							b.Fatal(err)
						}
						batch.Reset()
					}
				}
				if err := idx.Batch(batch); err != nil {
					b.Fatal(err)
				}
				if err := idx.Close(); err != nil {
					b.Fatal(err)
				}
				took += time.Since(start)
				cpu += cpuTime(b) - cpu0
				size = dirSize(b, dir)
			}
			b.ReportMetric(float64(len(docs)*b.N)/cpu.Seconds(), "articles/cpu-s")
			b.ReportMetric(float64(size), "index-bytes")
			b.ReportMetric(float64(size)/float64(rawBytes(arts)), "index/raw")
			b.ReportMetric(float64(len(docs)*b.N)/took.Seconds(), "articles/s")
		})
	}
}

// cpuTime returns the user and system CPU time of the process so far: the machine is shared,
// so articles per CPU-second is steadier than articles per second.
func cpuTime(tb testing.TB) time.Duration {
	tb.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// threadCPUTime returns the user and system CPU time of the calling thread (Linux; lock the
// goroutine to its thread around what is measured).
func threadCPUTime(tb testing.TB) time.Duration {
	tb.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// rusageThread is Linux's RUSAGE_THREAD, which package syscall does not name.
const rusageThread = 1

func searchdFields(d news.Document) (any, error) {
	raw, err := json.Marshal(d)
	if err != nil {
		return nil, err
	}
	stored, err := compressDoc(raw)
	return indexFields(d, stored, ""), err
}

// BenchmarkLoad measures Load end to end (workers, batches) on allsides articles, without
// extraction and with the extractor. It runs with the test binary's garbage collector
// settings, not searchd's (runtime.gc_percent 400 and memory_limit_mb 640 in config.yaml):
// a change that holds more memory can look faster here and be slower in searchd, where the
// heap meets the limit (a pipelined writer did: +19% here, -42% in searchd). Confirm ingest
// changes with `searchd bench ingest`, which applies the configuration.
func BenchmarkLoad(b *testing.B) {
	arts := readCorpus(b, "corpora/allsides.jsonl.gz", benchArticles)
	ex, err := extract.New()
	if err != nil {
		b.Logf("extract.New: %v; skipping the extract variant", err)
		ex = nil
	}
	for _, v := range []struct {
		name string
		ex   *extract.Extractor
	}{{"no-extraction", nil}, {"extraction", ex}} {
		b.Run(v.name, func(b *testing.B) {
			if v.name == "extraction" && v.ex == nil {
				b.Skip("no extractor")
			}
			benchLoad(b, arts, v.ex, func(ix *Index) error {
				_, err := ix.AddArticles(context.Background(), arts)
				return err
			})
		})
	}
}

// benchLoad runs load on b.N new indexes with extractor ex and reports the articles of arts
// loaded per second and per CPU-second, and the index size over their text.
func benchLoad(b *testing.B, arts []news.Article, ex *extract.Extractor, load func(*Index) error) {
	b.Helper()
	var took, cpu time.Duration
	var size int64
	for range b.N {
		dir := filepath.Join(b.TempDir(), "idx")
		ix, err := Open(dir, ex, Options{}, nil)
		if err != nil {
			b.Fatal(err)
		}
		start, cpu0 := time.Now(), cpuTime(b)
		if err := load(ix); err != nil {
			b.Fatal(err)
		}
		took += time.Since(start)
		cpu += cpuTime(b) - cpu0
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
		size = dirSize(b, dir)
	}
	b.ReportMetric(float64(len(arts)*b.N)/took.Seconds(), "articles/s")
	b.ReportMetric(float64(len(arts)*b.N)/cpu.Seconds(), "articles/cpu-s")
	b.ReportMetric(float64(size)/float64(rawBytes(arts)), "index/raw")
}

// BenchmarkBulkLoad measures BulkLoad (the offline builder of `searchd index` into an empty
// index) with extraction on allsides articles, under searchd's default garbage collector
// settings (runtime.gc_percent 400, memory_limit_mb 640), so that its CPU and allocation
// profiles are those of `searchd bench ingest`:
// go test ./internal/index -run '^$' -bench BulkLoad -benchtime 1x -cpuprofile cpu.out.
func BenchmarkBulkLoad(b *testing.B) {
	arts := readCorpus(b, "corpora/allsides.jsonl.gz", benchArticles)
	ex, err := extract.New()
	if err != nil {
		b.Skipf("extract.New: %v", err)
	}
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(640 << 20))
	benchLoad(b, arts, ex, func(ix *Index) error {
		_, err := ix.BulkLoad(context.Background(), sliceChan(context.Background(), arts), nil)
		return err
	})
}

// BenchmarkSearch measures in-process search latency (facets and snippets included) over an
// index of allsides articles.
func BenchmarkSearch(b *testing.B) {
	arts := readCorpus(b, "corpora/allsides.jsonl.gz", benchArticles)
	ix, err := Open(filepath.Join(b.TempDir(), "idx"), nil, Options{}, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.AddArticles(context.Background(), arts); err != nil {
		b.Fatal(err)
	}
	for _, q := range []Query{
		{},
		{Q: "president"},
		{Q: "health care reform"},
		{Q: `"supreme court" -abortion`},
		{Q: "immigration", Sort: SortDateDesc, Sources: []string{"CNN (Web News)", "Fox News"}},
		{Q: "elect*"},
	} {
		b.Run(q.Q+"|"+q.Sort, func(b *testing.B) {
			ctx := context.Background()
			if _, err := ix.Search(ctx, q); err != nil { // warm the date-span cache
				b.Fatal(err)
			}
			b.ResetTimer()
			for range b.N {
				if _, err := ix.Search(ctx, q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
