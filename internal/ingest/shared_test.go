package ingest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/searchd/searchd/internal/news"
	"github.com/searchd/searchd/internal/sharedtest"
)

// TestSharedTextSamples reads the seed article and the raw samples of the data kit and checks
// that titles, bodies and datelines come out as the layout says.
func TestSharedTextSamples(t *testing.T) {
	seed := sharedtest.Path(t, "seed")
	samples := sharedtest.Path(t, "corpora/raw-samples")
	wantFiles := 0
	for _, dir := range []string{seed, samples} {
		ents, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range ents {
			if strings.HasSuffix(e.Name(), ".txt") {
				wantFiles++
			}
		}
	}
	got := walk(t, seed, samples)
	if len(got.errs) != 0 {
		t.Errorf("got errors %q, want none", got.errs)
	}
	if len(got.articles) != wantFiles {
		t.Fatalf("got %d articles, want %d (one per .txt file)", len(got.articles), wantFiles)
	}
	for _, a := range got.articles {
		if a.Title == "" || strings.Contains(a.Title, "\n") || len(a.Title) > 200 {
			t.Errorf("%s: got title %q, want one non-empty line", a.ID, a.Title)
		}
		if !strings.Contains(a.Body, "\n\n") || strings.Contains(a.Body, "\n\n\n") {
			t.Errorf("%s: body paragraphs not separated by exactly one blank line", a.ID)
		}
		if strings.HasPrefix(a.Body, "Posted") || strings.Contains(a.Body, a.Title) && strings.HasPrefix(a.Body, a.Title) {
			t.Errorf("%s: body starts with metadata or title: %.60q", a.ID, a.Body)
		}
		if a.Source != "Associated Press" && a.Source != "Reuters" {
			t.Errorf("%s: got source %q from dateline %.40q, want Associated Press or Reuters", a.ID, a.Source, a.Body)
		}
		if !utf8.ValidString(a.Body) {
			t.Errorf("%s: body is not valid UTF-8", a.ID)
		}
	}
	seedID := strings.TrimSuffix(filepath.Base(mustGlob(t, filepath.Join(seed, "*.txt"))), ".txt")
	for _, a := range got.articles {
		if a.ID == seedID && !strings.HasPrefix(a.Body, "WASHINGTON (AP) — President Donald Trump") {
			t.Errorf("seed: got body %.60q, want the AP dateline first", a.Body)
		}
	}
}

func mustGlob(t *testing.T, pattern string) string {
	t.Helper()
	m, err := filepath.Glob(pattern)
	if err != nil || len(m) == 0 {
		t.Fatalf("glob %s: got %v, %v", pattern, m, err)
	}
	return m[0]
}

// TestSharedAllSides streams the 227 MB AllSides corpus: every one of its 37,554 articles must
// read without error.
func TestSharedAllSides(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 227 MB; skipped with -short")
	}
	path := sharedtest.Path(t, "corpora/allsides.jsonl.gz")
	n, withDate, withAuthors := 0, 0, 0
	ids := make(map[string]bool)
	var errs []string
	err := Walk(context.Background(), []string{path}, Options{}, func(a news.Article) error {
		n++
		ids[a.ID] = true
		if !a.Date.IsZero() {
			withDate++
		}
		if len(a.Authors) > 0 {
			withAuthors++
		}
		if a.Meta["bias"] == "" || a.Meta["topic"] == "" {
			t.Errorf("%s: got meta %v, want bias and topic", a.ID, a.Meta)
		}
		return nil
	}, func(e *Error) {
		if len(errs) < 10 {
			errs = append(errs, e.Error())
		}
	})
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	if len(errs) > 0 {
		t.Errorf("got errors %q, want none", errs)
	}
	if n != 37554 {
		t.Errorf("got %d articles, want 37554", n)
	}
	if len(ids) != n {
		t.Errorf("got %d distinct ids for %d articles, want all distinct", len(ids), n)
	}
	// DATA.md: date is missing for 4,410 articles.
	if want := 37554 - 4410; withDate != want {
		t.Errorf("got %d articles with a date, want %d", withDate, want)
	}
	if withAuthors == 0 {
		t.Error("got no article with authors")
	}
}
