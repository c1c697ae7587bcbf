package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/pflag"

	"github.com/searchd/searchd/internal/index"
	"github.com/searchd/searchd/internal/news"
)

const benchSizesHelp = `Usage: searchd bench sizes --index DIR [--corpus FILE] [--json]

Prints what each field of a closed index takes on disk: its postings, term vectors and term
dictionary (indexed), and its share of the stored documents (stored), largest first, for the
article index and the quote index. With --corpus (the corpus the index was built from) it
prints each size over the raw text (title + body bytes) too, as searchd bench ingest does.
Reads segments of the current zap version only; stop the server first.
`

// fieldSizesReport is the output of searchd bench sizes.
type fieldSizesReport struct {
	Fields   []index.FieldSize `json:"fields"`
	Rest     int64             `json:"rest"` // segment bytes no field holds
	Total    int64             `json:"total"`
	RawBytes int64             `json:"raw_bytes,omitempty"`
}

// runBenchSizes is `searchd bench sizes`.
func runBenchSizes(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := pflag.NewFlagSet("bench sizes", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("index", "", "index directory")
	corpus := fs.StringSlice("corpus", nil, "corpus the index was built from, for sizes over the text (repeatable)")
	asJSON := fs.Bool("json", false, "print one JSON object instead of text")
	fs.Usage = func() {
		fmt.Fprint(stderr, benchSizesHelp)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	if *dir == "" {
		fs.Usage()
		return fmt.Errorf("%w: bench sizes needs --index", errUsage)
	}
	sizes, rest, err := index.FieldSizes(*dir)
	if err != nil {
		return err
	}
	rep := fieldSizesReport{Fields: sizes, Rest: rest, Total: rest}
	for _, s := range sizes {
		rep.Total += s.Indexed + s.Stored
	}
	if len(*corpus) > 0 {
		err := walkCorpus(ctx, *corpus, stderr, func(a news.Article) { rep.RawBytes += int64(len(a.Title) + len(a.Body)) })
		if err != nil {
			return err
		}
	}
	if *asJSON {
		return writeJSONReport(stdout, rep)
	}
	ratio := func(n int64) string {
		if rep.RawBytes == 0 {
			return ""
		}
		return fmt.Sprintf("%.3f", float64(n)/float64(rep.RawBytes))
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "index\tfield\tindexed MB\tstored MB\t÷ text\t")
	for _, s := range sizes {
		fmt.Fprintf(tw, "%s\t%s\t%.2f\t%.2f\t%s\t\n", s.Index, s.Field, float64(s.Indexed)/1e6, float64(s.Stored)/1e6, ratio(s.Indexed+s.Stored))
	}
	fmt.Fprintf(tw, "\t(rest)\t%.2f\t\t%s\t\n", float64(rest)/1e6, ratio(rest))
	fmt.Fprintf(tw, "\ttotal\t%.2f\t\t%s\t\n", float64(rep.Total)/1e6, ratio(rep.Total))
	return tw.Flush()
}
