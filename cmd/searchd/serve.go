package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/spf13/pflag"

	"github.com/searchd/searchd/internal/feeds"
	"github.com/searchd/searchd/internal/index"
	"github.com/searchd/searchd/internal/ingest"
	"github.com/searchd/searchd/internal/metrics"
	"github.com/searchd/searchd/internal/news"
	"github.com/searchd/searchd/internal/watch"
	"github.com/searchd/searchd/internal/web"
	"github.com/searchd/searchd/sample"
	webassets "github.com/searchd/searchd/web"
)

func runServe(ctx context.Context, args []string, stderr io.Writer, getenv func(string) string) error {
	fs := pflag.NewFlagSet("serve", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	addConfigFlags(fs)
	fs.String("addr", "", "listen address (http.addr, default 127.0.0.1:8080: this machine only; :8080 for every interface)")
	fs.String("api-key", "", "bearer key for writes (api_key; prefer SEARCHD_API_KEY)")
	fs.String("watch", "", "index files dropped into this folder and its subdirectories (watch.dir)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: searchd serve [--addr 127.0.0.1:8080] [--index DIR] [--watch DIR]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: serve takes no arguments, got %q", errUsage, fs.Args())
	}
	cfg, err := loadConfig(fs, getenv)
	if err != nil {
		return err
	}
	applyRuntime(cfg.Runtime, getenv)
	logger := newLogger(cfg.Log, stderr)
	// One registry per server, never Prometheus' global one, so that tests can run servers side by side.
	m, err := metrics.New(prometheus.NewRegistry())
	if err != nil {
		return err
	}
	// The columns load while the extractor is still loading, which the server does not wait
	// for (writes do); the quote columns load in the background, and end before the index is
	// closed.
	var warming sync.WaitGroup
	ix, exErr, err := openServeIndex(cfg, logger, m, func(ix *index.Index) { warmUp(ctx, ix, logger, &warming) })
	if err != nil {
		return err
	}
	defer closeIndex(ix, logger)
	defer warming.Wait()
	if err := m.RegisterIndex(ix.Count); err != nil {
		return err
	}
	if cfg.Index.LoadSample {
		if err := loadSampleIfEmpty(ctx, ix, logger); err != nil && ctx.Err() == nil {
			return err
		}
	}
	// A signal during start-up stops it here, cleanly, instead of after the server listens.
	if ctx.Err() != nil {
		logger.Info("stopped during start-up")
		return nil
	}

	// Background ingest (feeds, watched folder) stops before the index is closed: this defer
	// runs before closeIndex's.
	bgCtx, stopBackground := context.WithCancel(ctx)
	var bg sync.WaitGroup
	defer func() {
		stopBackground()
		bg.Wait()
	}()
	poller, err := startBackground(bgCtx, &bg, cfg, ix, logger, m.ObserveFeedPoll)
	if err != nil {
		return err
	}
	webCfg := webConfig(cfg)
	webCfg.Metrics = m
	if poller != nil {
		webCfg.Feeds = poller
	}
	srv, err := web.NewServer(logger, ix, webassets.Assets(), webCfg)
	if err != nil {
		return err
	}
	hs := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: cfg.HTTP.ReadHeaderTimeout,
		ReadTimeout:       cfg.HTTP.ReadTimeout,
		WriteTimeout:      cfg.HTTP.WriteTimeout,
		IdleTimeout:       cfg.HTTP.IdleTimeout,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	ln, err := net.Listen("tcp", cfg.HTTP.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.HTTP.Addr, err)
	}
	n, _ := ix.Count()
	logger.Info("listening", "url", "http://"+displayAddr(ln.Addr()), "index", cfg.Index.Path, "articles", n,
		"writes", cfg.APIKey != "", "version", version(), "trusted_proxies", cfg.HTTP.TrustedProxies, "private", cfg.ReadKey != "")

	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	var exFailed error // the extractor's, which stops the server as it would have at start-up
wait:
	for {
		select {
		case err := <-errc:
			return fmt.Errorf("serve: %w", err)
		case err := <-exErr:
			exErr = nil // received once
			if err != nil {
				logger.Error("stopping", "err", err)
				exFailed = err
				break wait
			}
		case <-ctx.Done():
			break wait
		}
	}
	logger.Info("shutting down", "timeout", cfg.HTTP.ShutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), cfg.HTTP.ShutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	logger.Info("requests drained; closing the index")
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return exFailed
}

// warmUp makes ready the article index's facet and sort columns before the server listens,
// so that the first user does not wait for them (read from the files an earlier serve or index
// kept beside the segments, or built from the term dictionaries: about 250 ms of CPU for the
// articles of the AllSides corpus, seconds for a million), and starts on those of the quote
// index in the background, tracked by wg, so that the server answers article searches without
// waiting for them. A failure is logged, not fatal: searches will build the columns then.
func warmUp(ctx context.Context, ix *index.Index, logger *slog.Logger, wg *sync.WaitGroup) {
	start := time.Now()
	built, read, err := ix.LoadColumns()
	if err != nil {
		logger.Warn("loading the columns failed", "err", err)
		return
	}
	logger.Info("warmed up", "segments_built", built, "segments_read", read, "took", time.Since(start))
	wg.Go(func() {
		if ctx.Err() != nil {
			return
		}
		start := time.Now()
		built, read, err := ix.LoadQuoteColumns()
		if err != nil {
			logger.Warn("loading the quote columns failed", "err", err)
			return
		}
		logger.Info("warmed up quotes", "segments_built", built, "segments_read", read, "took", time.Since(start))
	})
}

// startBackground starts the feed poller and the folder watcher that cfg asks for, in
// goroutines tracked by wg that end when ctx is done. It returns the poller, nil without feeds.
func startBackground(ctx context.Context, wg *sync.WaitGroup, cfg Config, ix *index.Index, logger *slog.Logger, onPoll func(feed, outcome string)) (*feeds.Poller, error) {
	opts := ingest.Options{MaxArticleBytes: cfg.Ingest.MaxArticleBytes}
	var w *watch.Watcher
	if cfg.Watch.Dir != "" {
		var err error
		w, err = watch.New(cfg.Watch.Dir, ix, logger.With("component", "watch"), watch.Options{Debounce: cfg.Watch.Debounce, Ingest: opts})
		if err != nil {
			return nil, err
		}
	}
	var p *feeds.Poller
	if len(cfg.Feeds.List) > 0 {
		srcs := make([]feeds.Source, len(cfg.Feeds.List))
		for i, f := range cfg.Feeds.List {
			srcs[i] = feeds.Source{URL: f.URL, Interval: f.Interval}
		}
		var err error
		p, err = feeds.New(srcs, ix, feeds.FileStore{Path: cfg.statePath()}, feeds.Options{
			Client:    feeds.NewClient(cfg.Feeds.Timeout, cfg.Feeds.AllowPrivate),
			Logger:    logger.With("component", "feeds"),
			Interval:  cfg.Feeds.Interval,
			UserAgent: "searchd/" + version(),
			Ingest:    opts,
			OnPoll:    onPoll,
		})
		if err != nil {
			return nil, err
		}
	}
	run := func(name string, f func(context.Context) error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := f(ctx); err != nil {
				logger.Error(name+" stopped", "err", err)
			}
		}()
	}
	if w != nil {
		run("watch", w.Run)
	}
	if cfg.Index.NamesInterval > 0 {
		run("names", func(ctx context.Context) error { return resolveNamesEvery(ctx, ix, cfg.Index.NamesInterval, logger) })
	}
	if p != nil {
		run("feeds", p.Run)
	}
	return p, nil
}

// resolveNamesEvery resolves short speaker names across the archive now and then every
// interval (a pass that finds nothing written since the last one does nothing), until ctx is
// done. A failed pass is logged and tried again at the next tick.
func resolveNamesEvery(ctx context.Context, ix *index.Index, interval time.Duration, logger *slog.Logger) error {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if _, err := ix.ResolveNames(ctx); err != nil && ctx.Err() == nil {
			logger.Error("resolve names", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// webConfig is the part of cfg the HTTP server needs.
func webConfig(cfg Config) web.Config {
	return web.Config{
		APIKey: cfg.APIKey, ReadKey: cfg.ReadKey, MaxBodyBytes: cfg.HTTP.MaxBodyBytes, MaxArticleBytes: cfg.Ingest.MaxArticleBytes,
		RateLimit: cfg.HTTP.RateLimit, RateBurst: cfg.HTTP.RateBurst, RateLimitLoopback: cfg.HTTP.RateLimitLoopback,
		CORSOrigins: cfg.HTTP.CORSOrigins, BackupDir: cfg.Index.BackupDir, TrustedProxies: cfg.HTTP.TrustedProxies,
		Pprof: cfg.HTTP.Pprof, PublicURL: cfg.HTTP.PublicURL,
	}
}

// displayAddr turns a listener address into host:port a browser can open.
func displayAddr(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

// loadSampleIfEmpty indexes the bundled fictional corpus when the index has no articles.
func loadSampleIfEmpty(ctx context.Context, ix *index.Index, logger *slog.Logger) error {
	n, err := ix.Count()
	if err != nil {
		return fmt.Errorf("count articles: %w", err)
	}
	if n > 0 {
		return nil
	}
	f, err := sample.FS.Open("articles.jsonl")
	if err != nil {
		return fmt.Errorf("open sample corpus: %w", err)
	}
	defer f.Close()
	var arts []news.Article
	err = ingest.Decode(ctx, f, "sample/articles.jsonl", ingest.Format("jsonl"), ingest.Options{},
		func(a news.Article) error { arts = append(arts, a); return nil },
		func(e *ingest.Error) { logger.Warn("sample corpus", "err", e) })
	if err != nil {
		return fmt.Errorf("read sample corpus: %w", err)
	}
	stats, err := ix.AddArticles(ctx, arts)
	if err != nil {
		return fmt.Errorf("index sample corpus: %w", err)
	}
	logger.Info("empty index: loaded the bundled sample corpus", "articles", stats.Indexed)
	return nil
}
