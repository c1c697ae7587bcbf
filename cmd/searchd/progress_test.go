package main

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

// TestIndexProgressLines checks the progress of `searchd index` when stderr is not a terminal:
// lines with the articles read and indexed, the share of the input read and the time left,
// ending at 100%.
func TestIndexProgressLines(t *testing.T) {
	fs := pflag.NewFlagSet("index", pflag.ContinueOnError)
	addConfigFlags(fs)
	if err := fs.Parse([]string{"--index", filepath.Join(t.TempDir(), "idx")}); err != nil {
		t.Fatal(err)
	}
	cfg, err := loadConfig(fs, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	cfg.Index.BatchSize = 6
	logger := slog.New(slog.DiscardHandler)
	ix, err := openIndex(cfg, logger, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer closeIndex(ix, logger)

	paths := []string{filepath.Join("..", "..", "sample", "articles.jsonl")}
	var out bytes.Buffer
	p := newProgress(&out, false, paths)
	p.every = 0
	stats, loadErr, walkErr := loadPaths(context.Background(), ix, paths, cfg, p, newSkipCounter(&out))
	if loadErr != nil || walkErr != nil || stats.Indexed == 0 {
		t.Fatalf("loadPaths: got %+v, %v, %v", stats, loadErr, walkErr)
	}
	line := regexp.MustCompile(`^progress: read \d+, indexed \d+, \d+ articles/s, (\d+)% of the input, about \d+(ms|s|m\S*) left$`)
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) < 2 {
		t.Fatalf("got %d progress lines, want one per batch:\n%s", len(lines), out.String())
	}
	for _, l := range lines {
		if !line.MatchString(l) {
			t.Errorf("got line %q, want %s", l, line)
		}
	}
	if m := line.FindStringSubmatch(lines[len(lines)-1]); m == nil || m[1] != "100" {
		t.Errorf("last line %q: want 100%% of the input", lines[len(lines)-1])
	}
}
