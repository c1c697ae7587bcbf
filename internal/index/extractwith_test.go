package index

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/searchd/searchd/internal/extract"
	"github.com/searchd/searchd/internal/news"
)

// TestExtractWith checks that loads of articles wait for the extractor that ExtractWith loads,
// and fail with its error when it fails.
func TestExtractWith(t *testing.T) {
	ix := openIndex(t, t.TempDir()+"/idx", Options{})
	release := make(chan struct{})
	loaded := ix.ExtractWith(func() (*extract.Extractor, error) {
		<-release
		return nil, errors.New("no lexicon")
	})
	arts := []news.Article{{ID: "x1", Title: "Budget", Body: "A budget."}}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := ix.AddArticles(ctx, arts); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("load while the extractor loads: got %v, want it to wait until its context ends", err)
	}
	close(release)
	if err := <-loaded; err == nil || !strings.Contains(err.Error(), "no lexicon") {
		t.Fatalf("ExtractWith: got %v, want the loader's error", err)
	}
	if _, err := ix.AddArticles(context.Background(), arts); err == nil || !strings.Contains(err.Error(), "no lexicon") {
		t.Fatalf("load after the extractor failed: got %v, want its error", err)
	}
	if n := count(t, ix); n != 0 {
		t.Fatalf("got %d articles, want none", n)
	}
}
