package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"github.com/searchd/searchd/internal/bench"
	"github.com/searchd/searchd/internal/index"
	"github.com/searchd/searchd/internal/news"
)

const benchIngestHelp = `Usage: searchd bench ingest --corpus FILE [--index DIR] [--runs N] [--json]

Indexes the corpus into a fresh index with extraction, through the same code as searchd index,
and prints articles/s, MB/s of raw text (title + body bytes), the index size on disk and its
ratio to the raw text, peak RSS and CPU seconds (user + system). With --runs N it indexes N
times, each into a fresh directory, and prints every run and the median. Without --index the
index goes to a temporary directory that is removed afterwards; with --index DIR (which must be
empty or absent) it is kept there (DIR/run-N with several runs). Config, SEARCHD_* variables,
--batch-size and --workers apply as for searchd index.

With --marks 37554,100000,... it also records the wall and CPU seconds at which the run has
indexed each of these numbers of articles, and prints the rate of each window between two marks
(articles per second and per CPU-second): whether ingest slows as the index grows. The last
window, from the last mark to the end of the run, holds the close (a bulk build's final merge)
and the articles the build deferred until its names table was learnt, which count when read
(the run's line says how many).

With --bare it indexes the corpus with bare Bleve instead, the floor searchd's ingest is
measured against: Bleve's offline builder, title and body in English with term vectors and
stored, source and date as keywords; no extraction, quotes, stories or facet columns. Config,
--batch-size and --workers do not apply to it.
`

// ingestRun is the outcome of one bench ingest run.
type ingestRun struct {
	Run      int `json:"run"`
	Articles int `json:"articles"` // read from the corpus
	Indexed  int `json:"indexed"`
	Failed   int `json:"failed"`
	// Deferred counts the articles a bulk build deferred until its names table was learnt:
	// counted at the marks when read, built at its end.
	Deferred       int     `json:"deferred,omitempty"`
	Seconds        float64 `json:"seconds"`
	ArticlesPerSec float64 `json:"articles_per_sec"`
	RawBytes       int64   `json:"raw_bytes"` // title + body
	MBPerSec       float64 `json:"mb_per_sec"`
	IndexBytes     int64   `json:"index_bytes"`
	Ratio          float64 `json:"ratio"` // index bytes / raw bytes
	PeakRSSBytes   int64   `json:"peak_rss_bytes"`
	// PeakAnonBytes is the highest RssAnon sampled during the run (every 50 ms): the process's
	// own memory, without the index files Bleve maps, which count in PeakRSSBytes.
	PeakAnonBytes int64   `json:"peak_anon_rss_bytes"`
	CPUSeconds    float64 `json:"cpu_seconds"`
	Index         string  `json:"index,omitempty"` // kept index directory
	// Marks are the seconds and CPU seconds from the run's start at which it had indexed
	// each --marks number of articles, then at its end.
	Marks []ingestMark `json:"marks,omitempty"`
}

// ingestMark is the time and CPU time at which a run had indexed Articles.
type ingestMark struct {
	Articles   int     `json:"articles"`
	Seconds    float64 `json:"seconds"`
	CPUSeconds float64 `json:"cpu_seconds"`
}

// ingestReport is bench ingest's --json output.
type ingestReport struct {
	Corpus []string    `json:"corpus"`
	Runs   []ingestRun `json:"runs"`
	Median ingestRun   `json:"median"`
	// PeakRSSCumulative says the peak RSS of runs after the first could not be reset, so it is
	// the peak of the whole process so far.
	PeakRSSCumulative bool `json:"peak_rss_cumulative,omitempty"`
}

// runBenchIngest is `searchd bench ingest`.
func runBenchIngest(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	fs := pflag.NewFlagSet("bench ingest", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	addConfigFlags(fs)
	fs.Int("batch-size", 0, "articles per write batch (index.batch_size)")
	fs.Int("workers", 0, "extraction goroutines, 0 for one per CPU (index.workers)")
	corpus := fs.StringSlice("corpus", nil, "corpus file or directory (repeatable)")
	runs := fs.Int("runs", 1, "number of runs, each into a fresh index")
	asJSON := fs.Bool("json", false, "print one JSON object instead of text")
	progressOut := fs.Bool("progress", false, "print indexing progress on stderr")
	marks := fs.IntSlice("marks", nil, "numbers of articles indexed at which to record the time and CPU time (see above)")
	bare := fs.Bool("bare", false, "index with bare Bleve instead of searchd (see above): the floor to compare with")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the runs (not of the first counting pass) to this file")
	fs.Usage = func() {
		fmt.Fprint(stderr, benchIngestHelp)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	if len(*corpus) == 0 || *runs < 1 || fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("%w: bench ingest needs --corpus and --runs of at least 1, and no other arguments", errUsage)
	}
	keep, _ := fs.GetString("index")
	cfg, err := loadConfig(fs, getenv)
	if err != nil {
		return err
	}
	applyRuntime(cfg.Runtime, getenv)
	if keep != "" {
		if err := checkEmptyDir(keep); err != nil {
			return err
		}
	}
	logger := newLogger(cfg.Log, stderr)

	// A first pass counts the raw text, and warms the page cache so that every run reads alike.
	var articles int
	var raw int64
	if err := walkCorpus(ctx, *corpus, io.Discard, func(a news.Article) {
		articles++
		raw += int64(len(a.Title) + len(a.Body))
	}); err != nil {
		return err
	}
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	rep := ingestReport{Corpus: *corpus}
	for r := 1; r <= *runs; r++ {
		dir := keep
		switch {
		case keep == "":
			if dir, err = os.MkdirTemp("", "searchd-bench-ingest-"); err != nil {
				return fmt.Errorf("bench ingest: %w", err)
			}
		case *runs > 1:
			dir = filepath.Join(keep, "run-"+strconv.Itoa(r))
		}
		c := cfg
		c.Index.Path = filepath.Join(dir, "index")
		if keep != "" && *runs == 1 {
			c.Index.Path = dir
		}
		if !resetPeakRSS() && r > 1 {
			rep.PeakRSSCumulative = true
		}
		cpu0 := cpuSeconds()
		start := time.Now()
		anon := sampleAnonRSS(50 * time.Millisecond)
		var marked []ingestMark
		next := 0 // of *marks
		observe := func(s index.LoadStats) {
			for next < len(*marks) && s.Indexed >= (*marks)[next] {
				m := ingestMark{Articles: (*marks)[next], Seconds: time.Since(start).Seconds(), CPUSeconds: cpuSeconds() - cpu0}
				marked = append(marked, m)
				next++
				// Also on stderr as it comes: a long run stopped early keeps its windows.
				fmt.Fprintf(stderr, "mark: %d articles indexed at %.1fs, %.1f CPU-s, peak RSS %.0f MB\n",
					m.Articles, m.Seconds, m.CPUSeconds, float64(peakRSS())/1e6)
			}
		}
		var stats index.LoadStats
		var loadErr, walkErr, cerr error
		if *bare {
			stats, loadErr = bareBuild(ctx, c.Index.Path, *corpus, stderr, observe)
		} else {
			ix, err := openIndex(c, logger, nil, nil)
			if err != nil {
				anon()
				return err
			}
			p := newProgress(stderr, !*progressOut, *corpus)
			p.observe = observe
			stats, loadErr, walkErr = loadPaths(ctx, ix, *corpus, c, p, newSkipCounter(stderr))
			cerr = ix.Close() // part of the run: it flushes the index
		}
		took := time.Since(start)
		run := ingestRun{
			Run: r, Articles: articles, Indexed: stats.Indexed, Failed: stats.Failed, Deferred: stats.Deferred,
			Seconds: took.Seconds(), RawBytes: raw, PeakRSSBytes: peakRSS(), CPUSeconds: cpuSeconds() - cpu0,
			PeakAnonBytes: anon(),
		}
		if len(*marks) > 0 {
			run.Marks = append(marked, ingestMark{Articles: stats.Indexed, Seconds: run.Seconds, CPUSeconds: run.CPUSeconds})
		}
		run.ArticlesPerSec = float64(stats.Read) / run.Seconds
		run.MBPerSec = float64(raw) / 1e6 / run.Seconds
		run.IndexBytes, err = dirSize(c.Index.Path)
		if err == nil && raw > 0 {
			run.Ratio = float64(run.IndexBytes) / float64(raw)
		}
		if keep == "" {
			if rerr := os.RemoveAll(dir); rerr != nil && err == nil {
				err = fmt.Errorf("remove %s: %w", dir, rerr)
			}
		} else {
			run.Index = c.Index.Path
		}
		switch {
		case loadErr != nil:
			return fmt.Errorf("bench ingest run %d: %w", r, loadErr)
		case walkErr != nil:
			return fmt.Errorf("bench ingest run %d: read input: %w", r, walkErr)
		case cerr != nil:
			return fmt.Errorf("bench ingest run %d: close index: %w", r, cerr)
		case err != nil:
			return fmt.Errorf("bench ingest run %d: %w", r, err)
		}
		rep.Runs = append(rep.Runs, run)
		if !*asJSON {
			fmt.Fprintln(stdout, formatIngestRun(fmt.Sprintf("run %d", r), run))
			for _, w := range formatMarks(run.Marks) {
				fmt.Fprintln(stdout, "  "+w)
			}
		}
	}
	rep.Median = medianRun(rep.Runs)
	if *asJSON {
		return writeJSONReport(stdout, rep)
	}
	if *runs > 1 {
		fmt.Fprintln(stdout, formatIngestRun("median", rep.Median))
	}
	if rep.PeakRSSCumulative {
		fmt.Fprintln(stdout, "note: peak RSS could not be reset between runs; later runs show the peak so far")
	}
	return nil
}

// formatIngestRun is one line of bench ingest's text output.
func formatIngestRun(label string, r ingestRun) string {
	deferred := ""
	if r.Deferred > 0 {
		deferred = fmt.Sprintf(", %d of them deferred", r.Deferred)
	}
	return fmt.Sprintf("%s: %d articles (%d indexed%s, %d failed) in %.2fs: %.1f articles/s, %.2f MB/s of text; index %.3f MB for %.3f MB of text, ratio %.3f; peak RSS %.1f MB (anonymous %.1f MB); CPU %.2fs",
		label, r.Articles, r.Indexed, deferred, r.Failed, r.Seconds, r.ArticlesPerSec, r.MBPerSec,
		float64(r.IndexBytes)/1e6, float64(r.RawBytes)/1e6, r.Ratio, float64(r.PeakRSSBytes)/1e6, float64(r.PeakAnonBytes)/1e6, r.CPUSeconds)
}

// formatMarks describes the windows between consecutive marks, the first from the run's start.
func formatMarks(marks []ingestMark) []string {
	var out []string
	prev := ingestMark{}
	for _, m := range marks {
		n := float64(m.Articles - prev.Articles)
		dt, dc := m.Seconds-prev.Seconds, m.CPUSeconds-prev.CPUSeconds
		if dt > 0 && dc > 0 {
			out = append(out, fmt.Sprintf("articles %d–%d: %.1fs, %.1f articles/s, %.1f CPU-s, %.1f articles per CPU-second",
				prev.Articles, m.Articles, dt, n/dt, dc, n/dc))
		}
		prev = m
	}
	return out
}

// medianRun returns the median of every measure over runs, each taken on its own.
func medianRun(runs []ingestRun) ingestRun {
	if len(runs) == 0 {
		return ingestRun{}
	}
	med := func(f func(ingestRun) float64) float64 {
		xs := make([]float64, len(runs))
		for i, r := range runs {
			xs[i] = f(r)
		}
		return bench.Median(xs)
	}
	m := runs[0]
	m.Run, m.Index = 0, ""
	m.Seconds = med(func(r ingestRun) float64 { return r.Seconds })
	m.ArticlesPerSec = med(func(r ingestRun) float64 { return r.ArticlesPerSec })
	m.MBPerSec = med(func(r ingestRun) float64 { return r.MBPerSec })
	m.IndexBytes = int64(med(func(r ingestRun) float64 { return float64(r.IndexBytes) }))
	m.Ratio = med(func(r ingestRun) float64 { return r.Ratio })
	m.PeakRSSBytes = int64(med(func(r ingestRun) float64 { return float64(r.PeakRSSBytes) }))
	m.PeakAnonBytes = int64(med(func(r ingestRun) float64 { return float64(r.PeakAnonBytes) }))
	m.CPUSeconds = med(func(r ingestRun) float64 { return r.CPUSeconds })
	return m
}

// startCPUProfile writes a CPU profile to path until the returned function is called.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

// checkEmptyDir returns an error unless dir is absent or an empty directory.
func checkEmptyDir(dir string) error {
	ents, err := os.ReadDir(dir)
	switch {
	case os.IsNotExist(err):
		return nil
	case err != nil:
		return fmt.Errorf("bench ingest: %w", err)
	case len(ents) > 0:
		return fmt.Errorf("%w: --index %s is not empty: bench ingest needs a fresh directory", errUsage, dir)
	}
	return nil
}

// dirSize returns the total size of the regular files under dir.
func dirSize(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			n += info.Size()
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("index size: %w", err)
	}
	return n, nil
}

// resetPeakRSS resets this process's peak RSS (VmHWM) on Linux, reporting whether it could.
func resetPeakRSS() bool {
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
}

// peakRSS returns this process's peak resident set size: VmHWM from /proc/self/status, else
// getrusage's maximum RSS (which cannot be reset).
func peakRSS() int64 {
	if kb := statusKB("VmHWM:"); kb > 0 {
		return kb << 10
	}
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Maxrss << 10 // kilobytes on Linux
}

// sampleAnonRSS samples this process's RssAnon (Linux) every interval until the returned
// function is called, which returns the highest value seen (0 where /proc is missing).
func sampleAnonRSS(interval time.Duration) func() int64 {
	done := make(chan struct{})
	peak := make(chan int64, 1)
	go func() {
		var hi int64
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			hi = max(hi, statusKB("RssAnon:")<<10)
			select {
			case <-done:
				peak <- hi
				return
			case <-t.C:
			}
		}
	}()
	return func() int64 {
		close(done)
		return <-peak
	}
}

// statusKB returns a kB field of /proc/self/status, such as "RssAnon:", or 0.
func statusKB(field string) int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for l := range strings.SplitSeq(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == field {
			if kb, err := strconv.ParseInt(f[1], 10, 64); err == nil {
				return kb
			}
		}
	}
	return 0
}

// cpuSeconds returns the user and system CPU time this process has used.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	tv := func(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
	return tv(ru.Utime) + tv(ru.Stime)
}
