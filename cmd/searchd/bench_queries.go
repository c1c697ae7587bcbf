package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"

	"github.com/spf13/pflag"

	"github.com/searchd/searchd/internal/bench"
	"github.com/searchd/searchd/internal/extract"
	"github.com/searchd/searchd/internal/ingest"
	"github.com/searchd/searchd/internal/news"
)

const benchQueriesHelp = `Usage: searchd bench queries --corpus FILE [--n 500] [--seed 1] [--sample 2000] > queries.jsonl

Writes a deterministic query set drawn from the corpus, one JSON object per line:

  {"q":"tariff","kind":"words1","terms":"rare"}
  {"q":"\"trade deal\"","kind":"phrase"}
  {"q":"minerals","speaker":"Robert Lavoie","kind":"speaker","terms":"mid"}
  {"q":"harbour","since":"2025-02-01","until":"2025-04-10","kind":"date","terms":"common"}
  {"q":"council","source":"Reuters","kind":"source","terms":"common"}

q, speaker, source, since and until are the GET /api/search parameters of those names (words in
q are all required; a phrase is quoted). kind says how the query was made (words1, words2,
words3, phrase, speaker, date, source) and terms the document-frequency bucket of its first word
(common: in >= 5% of the articles, mid: 0.5-5%, rare: < 0.5%). Every query is drawn from one
article of a random sample, with its speakers found by searchd's extractor, so it matches at
least that article. The same corpus, --n, --seed and --sample give the same file.
scripts/fts5_baseline.py reads the same file.
`

// runBenchQueries is `searchd bench queries`.
func runBenchQueries(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := pflag.NewFlagSet("bench queries", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	corpus := fs.StringSlice("corpus", nil, "corpus file or directory (repeatable)")
	n := fs.Int("n", 500, "number of queries")
	seed := fs.Uint64("seed", 1, "random seed")
	keep := fs.Int("sample", 2000, "articles sampled to draw queries from (extraction runs on these only)")
	out := fs.String("out", "-", "output file, - for standard output")
	fs.Usage = func() {
		fmt.Fprint(stderr, benchQueriesHelp)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	if len(*corpus) == 0 || *n < 1 || *keep < 1 {
		fs.Usage()
		return fmt.Errorf("%w: bench queries needs --corpus, and --n and --sample of at least 1", errUsage)
	}
	g, err := bench.NewGenerator(*seed, *keep)
	if err != nil {
		return err
	}
	if err := walkCorpus(ctx, *corpus, stderr, func(a news.Article) { g.Observe(a) }); err != nil {
		return err
	}
	ex, err := extract.New()
	if err != nil {
		return fmt.Errorf("load extractor: %w", err)
	}
	sample := g.Sample()
	facts := make([]bench.Facts, len(sample))
	for i, a := range sample {
		facts[i] = articleFacts(ex, a)
	}
	qs, err := g.Generate(*n, facts)
	if err != nil {
		return err
	}
	return writeOutput(*out, stdout, false, func(w io.Writer) error { return bench.WriteQueries(w, qs) })
}

// articleFacts returns what the index will store of a's date and speaker facet values.
func articleFacts(ex *extract.Extractor, a news.Article) bench.Facts {
	d := news.NewDocument(a, ex.Extract(a))
	var f bench.Facts
	if d.Date != nil {
		f.Date = *d.Date
	}
	for _, s := range d.Speakers {
		if s.Name != "" && s.Kind != news.KindUnnamed {
			f.Speakers = append(f.Speakers, s.Name)
		}
	}
	return f
}

// walkCorpus calls fn for every article under paths, reporting bad records on stderr.
func walkCorpus(ctx context.Context, paths []string, stderr io.Writer, fn func(news.Article)) error {
	err := ingest.Walk(ctx, paths, ingest.Options{}, func(a news.Article) error {
		fn(a)
		return nil
	}, func(e *ingest.Error) { fmt.Fprintln(stderr, e.Error()) })
	if err != nil {
		return fmt.Errorf("read corpus: %w", err)
	}
	return nil
}

// writeOutput runs write on the file path ("-": stdout), gzip-compressed when gz is set, and
// reports the first error of writing, compressing or closing.
func writeOutput(path string, stdout io.Writer, gz bool, write func(io.Writer) error) (err error) {
	var f *os.File
	dst := stdout
	if path != "-" {
		if f, err = os.Create(path); err != nil {
			return fmt.Errorf("create output: %w", err)
		}
		defer func() {
			if cerr := f.Close(); err == nil && cerr != nil {
				err = fmt.Errorf("close %s: %w", path, cerr)
			}
		}()
		dst = f
	}
	bw := bufio.NewWriterSize(dst, 1<<20)
	var w io.Writer = bw
	var zw *gzip.Writer
	if gz {
		// Fastest compression: a million generated articles are written in minutes, not tens of them.
		zw, _ = gzip.NewWriterLevel(bw, gzip.BestSpeed) // a valid level: no error
		w = zw
	}
	if err := write(w); err != nil {
		return err
	}
	if zw != nil {
		if err := zw.Close(); err != nil {
			return fmt.Errorf("compress output: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	return nil
}
