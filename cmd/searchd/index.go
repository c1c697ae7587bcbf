package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
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
	fs.Int("batch-size", 0, "articles per write batch (index.batch_size); with --server, articles per POST (default 500)")
	fs.Int("workers", 0, "extraction goroutines, 0 for one per CPU (index.workers)")
	quiet := fs.Bool("quiet", false, "no progress output, only the summary")
	server := fs.String("server", "", "send the articles to this running searchd (such as http://127.0.0.1:8080) instead of opening the index")
	fs.String("api-key", "", "with --server: the server's API key (api_key; prefer SEARCHD_API_KEY)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: searchd index [--index DIR] PATH...\n       searchd index --server URL PATH...   (to a running server, which holds the index)\n\nIndexes .txt, .json, .jsonl/.ndjson, .csv, .html/.htm pages and .rss/.atom/.xml feeds (optionally .gz), and directories of them.")
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
	if *server != "" {
		p := newProgress(stderr, *quiet, fs.Args())
		start := time.Now()
		skipped := newSkipCounter(stderr)
		batch := remoteBatchArticles
		if fs.Changed("batch-size") && cfg.Index.BatchSize > 0 {
			batch = cfg.Index.BatchSize
		}
		stats, err := remoteIndex(ctx, *server, cfg.APIKey, fs.Args(), batch, p.options(ingest.Options{MaxArticleBytes: cfg.Ingest.MaxArticleBytes}), p, skipped, stderr)
		summarize(stderr, stats, skipped, time.Since(start))
		switch {
		case err != nil:
			return fmt.Errorf("index: %w", err)
		case stats.Indexed+stats.Unchanged == 0:
			return errNothingIndexed
		}
		return nil
	}
	ix, err := openIndex(cfg, logger, nil, nil)
	if err != nil {
		return lockAdvice(err, cfg.Index.Path, cfg.HTTP.Addr)
	}
	defer closeIndex(ix, logger)

	p := newProgress(stderr, *quiet, fs.Args())
	start := time.Now()
	skipped := newSkipCounter(stderr)
	stats, loadErr, walkErr := loadPaths(ctx, ix, fs.Args(), cfg, p, skipped)
	took := time.Since(start)
	summarize(stderr, stats, skipped, took)
	logger.Debug("index done", "path", cfg.Index.Path, "took", took)
	// Short speaker names ("Roe") get the full name the whole archive knows, also in the
	// articles indexed before that name was: one facet value per person. The pass runs also
	// when nothing changed, for an index written by a searchd that resolved otherwise.
	var namesErr error
	if loadErr == nil && stats.Indexed+stats.Unchanged > 0 {
		var ns index.NameStats
		ns, namesErr = ix.ResolveNames(ctx)
		switch {
		case namesErr != nil:
		case ns.Skipped && stats.Names != nil: // a bulk build resolved them as it built them
			fmt.Fprintf(stderr, "names: %d full names known from %d articles, %d articles resolved with them as they were built in %s\n",
				stats.Names.Names, stats.Names.Articles, stats.Names.Resolved, stats.Names.Took.Round(time.Millisecond))
		default:
			fmt.Fprintf(stderr, "names: %d full names known from %d articles, %d articles rewritten with them in %s\n",
				ns.Names, ns.Articles, ns.Resolved, ns.Took.Round(time.Millisecond))
		}
	}
	switch {
	case loadErr != nil:
		return fmt.Errorf("index: %w", loadErr)
	case namesErr != nil:
		return fmt.Errorf("index: %w", namesErr)
	case walkErr != nil:
		return fmt.Errorf("read input: %w", walkErr)
	case stats.Indexed+stats.Unchanged == 0:
		return errNothingIndexed
	}
	return nil
}

// loadPaths reads every article under paths and loads it into ix, as `searchd index` does (and
// `searchd bench ingest` measures): a walker goroutine feeds ix.BulkLoad through a channel, which
// builds an index without articles offline and writes online batches into any other. It returns
// the load statistics, Load's error and the walker's error.
func loadPaths(ctx context.Context, ix *index.Index, paths []string, cfg Config, p *progress, skipped *skipCounter) (index.LoadStats, error, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	in := make(chan news.Article, 4*cfg.Index.BatchSize)
	var walkErr error
	go func() {
		defer close(in)
		walkErr = ingest.Walk(ctx, paths, p.options(ingest.Options{MaxArticleBytes: cfg.Ingest.MaxArticleBytes}),
			func(a news.Article) error {
				p.walk()
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
	// A bulk load holds its stories and ids in memory until the build ends: the soft memory
	// limit, meant for the batches' working memory, is raised by them meanwhile, or the
	// collector would run without pause once they outgrow it (about 1.7 GB for a million
	// articles).
	update := p.update
	if base := debug.SetMemoryLimit(-1); base < math.MaxInt64 {
		defer debug.SetMemoryLimit(base)
		update = func(s index.LoadStats) {
			debug.SetMemoryLimit(base + s.HeldBytes)
			p.update(s)
		}
	}
	stats, loadErr := ix.BulkLoad(ctx, in, update)
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
	ix, err := index.Open(cfg.Index.Path, nil, indexOptions(cfg, obs), logger)
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

// indexOptions are the index options of cfg; obs, which may be nil, is told the outcome of
// every load.
func indexOptions(cfg Config, obs index.Observer) index.Options {
	return index.Options{BatchSize: cfg.Index.BatchSize, Workers: cfg.Index.Workers, SearchTimeout: cfg.HTTP.SearchTimeout,
		Observer: obs, SearchCache: cfg.Index.SearchCache, MaxQueryTerms: cfg.Index.MaxQueryTerms,
		CostlySearches: cfg.Index.CostlySearches, CostlyWait: cfg.Index.CostlyWait}
}

// openServeIndex opens (or creates) the index that cfg names for a server, runs warm on it and
// returns it without waiting for the extractor, which loads meanwhile (lexicons, gazetteer:
// about 450 ms of CPU): searches need none, and writes wait for it (index.ExtractWith). The
// channel gives the extractor's error, nil when it loaded, once.
func openServeIndex(cfg Config, logger *slog.Logger, obs index.Observer, warm func(*index.Index)) (*index.Index, <-chan error, error) {
	index.LimitExpansion(cfg.Index.MaxExpansion)
	ix, err := index.Open(cfg.Index.Path, nil, indexOptions(cfg, obs), logger)
	if err != nil {
		return nil, nil, err
	}
	exErr := ix.ExtractWith(extract.New)
	warm(ix)
	return ix, exErr, nil
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

// progress prints running totals to stderr: on a terminal a live bar, with the articles
// indexed, the rate and the time left; otherwise a line every progressEvery. The share done is
// the articles indexed over the articles the input holds, estimated from the articles read so
// far and the share of the input's bytes they took (the files' sizes, from stat before reading;
// the bytes counted as ingest reads them, ingest.Options.Read). Reading runs ahead of indexing
// by the walker's buffer, so the bytes read alone would tell too much done.
type progress struct {
	mu     sync.Mutex
	w      io.Writer
	bar    *progressbar.ProgressBar
	quiet  bool
	every  time.Duration // between two lines, without a terminal
	last   time.Time
	start  time.Time
	total  int64 // bytes of input; 0 when unknown
	read   int64 // bytes read so far
	walked int64 // articles read so far
	// observe, when set, is given every update, quiet or not (bench ingest's marks).
	observe func(index.LoadStats)
}

// barSteps is the bar's length in steps: the share done, in thousandths.
const barSteps = 1000

// progressEvery is the time between two progress lines when stderr is not a terminal.
const progressEvery = 5 * time.Second

func newProgress(w io.Writer, quiet bool, paths []string) *progress {
	p := &progress{w: w, quiet: quiet, every: progressEvery, start: time.Now(), last: time.Now()}
	if quiet {
		return p
	}
	p.total = inputSize(paths)
	if f, ok := w.(*os.File); ok && isatty.IsTerminal(f.Fd()) {
		steps := int64(barSteps)
		if p.total == 0 {
			steps = -1 // a spinner
		}
		p.bar = progressbar.NewOptions64(steps,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription("indexing"),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
	return p
}

// inputSize returns the bytes of the files Walk would read under paths: files named, and the
// files of a supported format in directories, hidden ones left out.
func inputSize(paths []string) int64 {
	var n int64
	for _, root := range paths {
		_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return nil
			case path != root && strings.HasPrefix(d.Name(), "."):
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			case d.IsDir():
				return nil
			}
			if _, _, ok := ingest.FormatOf(path); ok || path == root {
				if info, err := d.Info(); err == nil {
					n += info.Size()
				}
			}
			return nil
		})
	}
	return n
}

// options returns opts with the progress's byte counter.
func (p *progress) options(opts ingest.Options) ingest.Options {
	if !p.quiet {
		opts.Read = p.addRead
	}
	return opts
}

// addRead counts n bytes of input read.
func (p *progress) addRead(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.read += int64(n)
}

// walk counts one article read from the input.
func (p *progress) walk() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.walked++
}

// done returns the share of the input's articles that loaded stands for, from 0 to 1, or
// false when it is not known yet.
func (p *progress) done(loaded int) (float64, bool) {
	if p.total == 0 || p.read == 0 || p.walked == 0 || loaded == 0 {
		return 0, false
	}
	articles := float64(p.walked) * float64(p.total) / float64(p.read)
	return min(float64(loaded)/articles, 1), true
}

func (p *progress) update(s index.LoadStats) {
	if p.observe != nil {
		p.observe(s)
	}
	if p.quiet {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	el := time.Since(p.start)
	rate := float64(s.Read) / max(el.Seconds(), 1e-3)
	frac, known := p.done(s.Read)
	if p.bar != nil {
		p.bar.Describe(fmt.Sprintf("indexing: %d articles, %.0f/s", s.Read, rate))
		if known {
			_ = p.bar.Set(int(frac * barSteps))
		}
		return
	}
	if time.Since(p.last) < p.every {
		return
	}
	p.last = time.Now()
	line := fmt.Sprintf("progress: read %d, indexed %d, %.0f articles/s", s.Read, s.Indexed, rate)
	if known {
		left := time.Duration(float64(el) * (1 - frac) / frac)
		line += fmt.Sprintf(", %.0f%% of the input, about %s left", 100*frac, left.Round(time.Second))
	}
	fmt.Fprintln(p.w, line)
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
