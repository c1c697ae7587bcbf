package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"sync"

	"github.com/spf13/pflag"

	"github.com/searchd/searchd/internal/extract"
	"github.com/searchd/searchd/internal/ingest"
	"github.com/searchd/searchd/internal/news"
)

// runExtract prints, for every article read from the paths ("-" for JSON Lines on stdin), the
// document the indexer would store, one JSON object per line, in input order.
func runExtract(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) error {
	fs := pflag.NewFlagSet("extract", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	addConfigFlags(fs)
	withBody := fs.Bool("body", false, "include the article body in the output")
	rulesOnly := fs.Bool("rules-only", false, "keep the rules' choice of each quote's source (no learned ranker): for ablation")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: searchd extract [--body] PATH...\n\nPrints one JSON object per article: id, title, date, source, url, location, speakers (see README).\nPATH - reads JSON Lines from standard input.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return fmt.Errorf("%w: extract needs at least one file or directory", errUsage)
	}
	cfg, err := loadConfig(fs, getenv)
	if err != nil {
		return err
	}
	newExtractor := extract.New
	if *rulesOnly {
		newExtractor = extract.NewRulesOnly
	}
	ex, err := newExtractor()
	if err != nil {
		return fmt.Errorf("load extractor: %w", err)
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	w := newOrderedExtractor(ex, out, stderr, *withBody)
	onErr := func(e *ingest.Error) { fmt.Fprintln(stderr, e.Error()) }
	opts := ingest.Options{MaxArticleBytes: cfg.Ingest.MaxArticleBytes}
	for _, p := range fs.Args() {
		if p == "-" {
			err = ingest.Decode(ctx, stdin, "stdin", ingest.Format("jsonl"), opts, w.add, onErr)
		} else {
			err = ingest.Walk(ctx, []string{p}, opts, w.add, onErr)
		}
		if err != nil {
			break
		}
	}
	if ferr := w.flush(); err == nil {
		err = ferr
	}
	if err != nil {
		return err
	}
	if w.n == 0 {
		return errNothingIndexed
	}
	return nil
}

// orderedExtractor extracts articles in parallel chunks and writes the documents in input order.
type orderedExtractor struct {
	ex       *extract.Extractor
	enc      *json.Encoder
	stderr   io.Writer // where an article that extraction failed on is reported
	withBody bool
	pending  []news.Article
	n        int
}

func newOrderedExtractor(ex *extract.Extractor, w, stderr io.Writer, withBody bool) *orderedExtractor {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &orderedExtractor{ex: ex, enc: enc, stderr: stderr, withBody: withBody}
}

func (o *orderedExtractor) add(a news.Article) error {
	o.pending = append(o.pending, a)
	if len(o.pending) >= 256 {
		return o.flush()
	}
	return nil
}

func (o *orderedExtractor) flush() error {
	docs := make([]news.Document, len(o.pending))
	errs := make([]error, len(o.pending))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				x, err := o.ex.TryExtract(o.pending[i])
				docs[i], errs[i] = news.NewDocument(o.pending[i], x), err
			}
		}()
	}
	for i := range o.pending {
		next <- i
	}
	close(next)
	wg.Wait()
	o.pending = o.pending[:0]
	for i, d := range docs {
		if errs[i] != nil {
			// The article is written with what the other stages found.
			fmt.Fprintln(o.stderr, errs[i])
		}
		if !o.withBody {
			d.Body = ""
		}
		if err := o.enc.Encode(d); err != nil {
			return fmt.Errorf("write output: %w", err)
		}
		o.n++
	}
	return nil
}
