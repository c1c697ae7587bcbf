package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/searchd/searchd/internal/bench"
	"github.com/searchd/searchd/internal/news"
)

const benchScaleHelp = `Usage: searchd bench scale --corpus FILE --n 1000000 [--seed 1] --out FILE.jsonl.gz

Writes a larger corpus made by recombining the articles of --corpus: each generated article
(ids scale-000001, scale-000002, ...) takes its first paragraph and length from one real article,
its other paragraphs, title, date and source from random others, so speakers, places and
vocabulary recur as in real news. The output is streamed (gzip when --out ends in .gz, JSON Lines
otherwise) and readable by searchd index; the same corpus, --n and --seed give the same file.
The source corpus is held in memory (about its text size); the output never is.
`

// runBenchScale is `searchd bench scale`.
func runBenchScale(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := pflag.NewFlagSet("bench scale", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	corpus := fs.StringSlice("corpus", nil, "corpus file or directory (repeatable)")
	n := fs.Int("n", 1000000, "number of articles to generate")
	seed := fs.Uint64("seed", 1, "random seed")
	out := fs.String("out", "", "output file (.jsonl.gz for gzip), - for uncompressed standard output")
	fs.Usage = func() {
		fmt.Fprint(stderr, benchScaleHelp)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	if len(*corpus) == 0 || *out == "" || *n < 1 {
		fs.Usage()
		return fmt.Errorf("%w: bench scale needs --corpus, --out and --n of at least 1", errUsage)
	}
	var s bench.Scaler
	if err := walkCorpus(ctx, *corpus, stderr, func(a news.Article) { s.Add(a) }); err != nil {
		return err
	}
	gz := strings.HasSuffix(*out, ".gz")
	return writeOutput(*out, stdout, gz, func(w io.Writer) error { return s.Write(ctx, w, *n, *seed) })
}
