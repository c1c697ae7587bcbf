package index

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/searchd/searchd/internal/extract"
	"github.com/searchd/searchd/internal/news"
)

// TestLoadExtractionFails checks that an article on which extraction fails (here an
// Extractor without its lexicons, whose speaker and place stages panic) is indexed all the
// same, searchable with the date the other stage found, and that the failure is logged with
// the article's id; a bulk build does the same.
func TestLoadExtractionFails(t *testing.T) {
	ctx := context.Background()
	date := time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)
	arts := []news.Article{{ID: "f1", Title: "Ferry back", Body: "The ferry is back, Mayor Jane Roe said.", Date: date}}
	for _, bulk := range []bool{false, true} {
		var logs bytes.Buffer
		ix, err := Open(t.TempDir()+"/idx", &extract.Extractor{}, Options{}, slog.New(slog.NewTextHandler(&logs, nil)))
		if err != nil {
			t.Fatal(err)
		}
		var st LoadStats
		if bulk {
			st, err = ix.BulkLoad(ctx, sliceChan(ctx, arts), nil)
		} else {
			st, err = ix.AddArticles(ctx, arts)
		}
		if err != nil || st.Indexed != 1 || st.Failed != 0 {
			t.Fatalf("bulk %v: got %+v (err %v), want the article indexed", bulk, st, err)
		}
		res, err := ix.Search(ctx, Query{Q: "ferry"})
		if err != nil || res.Total != 1 || len(res.Hits) != 1 || res.Hits[0].Date == nil || !res.Hits[0].Date.Equal(date) {
			t.Errorf("bulk %v: search: got %+v (err %v), want f1 with its date", bulk, res, err)
		}
		if l := logs.String(); !strings.Contains(l, "extraction failed") || !strings.Contains(l, "id=f1") || !strings.Contains(l, "speakers") {
			t.Errorf("bulk %v: log %q: want the failure with the article's id and stage", bulk, l)
		}
		if err := ix.Close(); err != nil {
			t.Fatal(err)
		}
	}
}
