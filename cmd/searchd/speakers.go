package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/pflag"

	"github.com/searchd/searchd/internal/index"
)

// runSpeakers prints the speakers quoted in the most articles of an index, with the number
// of articles and their kind: the head of the speaker facet, for reading (scripts/top_speakers.sh).
func runSpeakers(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	fs := pflag.NewFlagSet("speakers", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	addConfigFlags(fs)
	top := fs.Int("top", 100, "how many speakers to print")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: searchd speakers [--index DIR] [--top N]\n\nPrints the N speakers quoted in the most articles: rank, articles, kind, name.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	if fs.NArg() > 0 || *top < 1 {
		fs.Usage()
		return fmt.Errorf("%w: speakers takes no arguments and --top of at least 1", errUsage)
	}
	cfg, err := loadConfig(fs, getenv)
	if err != nil {
		return err
	}
	logger := newLogger(cfg.Log, stderr)
	ix, err := index.Open(cfg.Index.Path, nil, index.Options{}, logger)
	if err != nil {
		return err
	}
	defer closeIndex(ix, logger)
	vals, err := ix.TopSpeakers(ctx, *top)
	if err != nil {
		return err
	}
	for i, v := range vals {
		kind, err := speakerKind(ctx, ix, v.Value)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%4d %6d %-12s %s\n", i+1, v.Count, kind, v.Value)
	}
	return nil
}

// speakerKind returns the kind of the speaker called name in the newest article quoting them.
func speakerKind(ctx context.Context, ix *index.Index, name string) (string, error) {
	res, err := ix.Search(ctx, index.Query{Speakers: []string{name}, Size: 1, Sort: index.SortDateDesc})
	if err != nil {
		return "", err
	}
	if len(res.Hits) == 0 {
		return "", fmt.Errorf("speaker %q: %w", name, index.ErrNotFound)
	}
	d, err := ix.Get(ctx, res.Hits[0].ID)
	if err != nil {
		return "", err
	}
	for _, sp := range d.Speakers {
		if sp.Name == name {
			return sp.Kind, nil
		}
	}
	return "", errors.New("speaker " + name + " not in its article")
}
