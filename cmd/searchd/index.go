package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/pflag"

	"github.com/searchd/searchd/internal/extract"
	"github.com/searchd/searchd/internal/index"
	"github.com/searchd/searchd/internal/ingest"
	"github.com/searchd/searchd/internal/news"
)

// errNothingIndexed is returned by `searchd index` when input was given but no article could be indexed.
var errNothingIndexed = errors.New("nothing could be indexed")

func runIndex(ctx context.Context, args []string, stderr io.Writer, getenv func(string) string) error {
	fs := pflag.NewFlagSet("index", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	addConfigFlags(fs)
	fs.Int("batch-size", 0, "articles per write batch (index.batch_size)")
	fs.Int("workers", 0, "extraction goroutines, 0 for one per CPU (index.workers)")
	quiet := fs.Bool("quiet", false, "no progress output, only the summary")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: searchd index [--index DIR] PATH...\n\nIndexes .txt, .json, .jsonl/.ndjson, .csv, .html/.htm pages and .rss/.atom/.xml feeds (optionally .gz), and directories of them.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return fmt.Errorf("%w: index needs at least one file or directory", errUsage)
	}
	cfg, err := loadConfig(fs, getenv)
	if err != nil {
		return err
	}
	applyRuntime(cfg.Runtime, getenv)
	logger := newLogger(cfg.Log, stderr)
	ix, err := openIndex(cfg, logger, nil, nil)
	if err != nil {
		return err
	}
	defer closeIndex(ix, logger)

	p := newProgress(stderr, *quiet)
	start := time.Now()
	skipped := newSkipCounter(stderr)
	stats, loadErr, walkErr := loadPaths(ctx, ix, fs.Args(), cfg, p, skipped)
	took := time.Since(start)
	summarize(stderr, stats, skipped, took)
	logger.Debug("index done", "path", cfg.Index.Path, "took", took)
	switch {
	case loadErr != nil:
		return fmt.Errorf("index: %w", loadErr)
	case walkErr != nil:
		return fmt.Errorf("read input: %w", walkErr)
	case stats.Indexed+stats.Unchanged == 0:
		return errNothingIndexed
	}
	return nil
}

// loadPaths reads every article under paths and loads it into ix, as `searchd index` does (and
// `searchd bench ingest` measures): a walker goroutine feeds ix.Load through a channel. It returns
// the load statistics, Load's error and the walker's error.
func loadPaths(ctx context.Context, ix *index.Index, paths []string, cfg Config, p *progress, skipped *skipCounter) (index.LoadStats, error, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	in := make(chan news.Article, 4*cfg.Index.BatchSize)
	var walkErr error
	go func() {
		defer close(in)
		walkErr = ingest.Walk(ctx, paths, ingest.Options{MaxArticleBytes: cfg.Ingest.MaxArticleBytes},
			func(a news.Article) error {
				select {
				case in <- a:
					return nil
				case <-ctx.Done():
					return ctx.Err()
				}
			},
			func(e *ingest.Error) {
				p.clear()
				skipped.add(e)
			})
	}()
	stats, loadErr := ix.Load(ctx, in, p.update)
	p.finish()
	// If Load stopped early, stop the walker and wait for it to end.
	cancel()
	for range in {
	}
	return stats, loadErr, walkErr
}

// openIndex loads the extractor and opens (or creates) the index that cfg names. obs, which may
// be nil, is told the outcome of every load. warm, when not nil, is run on the open index while
// the extractor is still loading.
//
// The extractor (lexicons, gazetteer: about 450 ms) loads while the index opens and warm runs
// (the first searches build in-memory columns: a few hundred ms on a large index), so that a
// server's start is the longer of the two instead of their sum.
func openIndex(cfg Config, logger *slog.Logger, obs index.Observer, warm func(*index.Index)) (*index.Index, error) {
	type loaded struct {
		ex  *extract.Extractor
		err error
	}
	exc := make(chan loaded, 1)
	go func() {
		ex, err := extract.New()
		exc <- loaded{ex, err}
	}()
	index.LimitExpansion(cfg.Index.MaxExpansion)
	opts := index.Options{BatchSize: cfg.Index.BatchSize, Workers: cfg.Index.Workers, SearchTimeout: cfg.HTTP.SearchTimeout,
		Observer: obs, SearchCache: cfg.Index.SearchCache, MaxQueryTerms: cfg.Index.MaxQueryTerms,
		CostlySearches: cfg.Index.CostlySearches, CostlyWait: cfg.Index.CostlyWait}
	ix, err := index.Open(cfg.Index.Path, nil, opts, logger)
	if err == nil && warm != nil {
		warm(ix)
	}
	l := <-exc
	if err != nil {
		return nil, err
	}
	if l.err != nil {
		closeIndex(ix, logger)
		return nil, fmt.Errorf("load extractor: %w", l.err)
	}
	ix.SetExtractor(l.ex)
	return ix, nil
}

// closeIndex closes ix, logging a failure: by then the command's own result is already decided.
func closeIndex(ix *index.Index, logger *slog.Logger) {
	if err := ix.Close(); err != nil {
		logger.Error("close index", "err", err)
	}
}

func summarize(w io.Writer, s index.LoadStats, sk *skipCounter, took time.Duration) {
	rate := 0.0
	if took > 0 {
		rate = float64(s.Read) / took.Seconds()
	}
	fmt.Fprintf(w, "read %d, indexed %d, unchanged %d, skipped %d, duplicates %d, failed %d in %s (%.0f articles/s)\n",
		s.Read+sk.total(), s.Indexed, s.Unchanged, sk.total(), s.Duplicates, s.Failed, took.Round(time.Millisecond), rate)
	for _, r := range sk.reasons() {
		fmt.Fprintf(w, "  skipped %d: %s\n", r.n, r.reason)
	}
}

// skipCounter reports bad records as they come and counts them by reason.
type skipCounter struct {
	mu     sync.Mutex
	w      io.Writer
	counts map[string]int
	n      int
}

func newSkipCounter(w io.Writer) *skipCounter {
	return &skipCounter{w: w, counts: map[string]int{}}
}

func (s *skipCounter) add(e *ingest.Error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fmt.Fprintln(s.w, e.Error())
	s.n++
	s.counts[reasonOf(e)]++
}

func (s *skipCounter) total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.n
}

type reasonCount struct {
	reason string
	n      int
}

func (s *skipCounter) reasons() []reasonCount {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]reasonCount, 0, len(s.counts))
	for r, n := range s.counts {
		out = append(out, reasonCount{r, n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].n != out[j].n {
			return out[i].n > out[j].n
		}
		return out[i].reason < out[j].reason
	})
	return out
}

// reasonOf reduces an error to its kind, for the summary: the text before the first colon of the
// innermost message, so "title: want a string, got number" counts as "title".
func reasonOf(e *ingest.Error) string {
	msg := e.Err.Error()
	if i := strings.Index(msg, ":"); i > 0 {
		msg = msg[:i]
	}
	return msg
}

// progress prints running totals to stderr: a live bar on a terminal, a line every few seconds otherwise.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	bar   *progressbar.ProgressBar
	quiet bool
	last  time.Time
	start time.Time
}

func newProgress(w io.Writer, quiet bool) *progress {
	p := &progress{w: w, quiet: quiet, start: time.Now(), last: time.Now()}
	if f, ok := w.(*os.File); ok && !quiet && isatty.IsTerminal(f.Fd()) {
		p.bar = progressbar.NewOptions64(-1,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription("indexing"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("articles"),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
	return p
}

func (p *progress) update(s index.LoadStats) {
	if p.quiet {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		_ = p.bar.Set(s.Read)
		return
	}
	if time.Since(p.last) >= 5*time.Second {
		p.last = time.Now()
		el := time.Since(p.start).Seconds()
		fmt.Fprintf(p.w, "progress: read %d, indexed %d, %.0f articles/s\n", s.Read, s.Indexed, float64(s.Indexed)/el)
	}
}

// clear removes the bar's line before another message is printed.
func (p *progress) clear() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		_ = p.bar.Clear()
	}
}

func (p *progress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}
