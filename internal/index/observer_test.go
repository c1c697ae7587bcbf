package index

import (
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"

	"github.com/searchd/searchd/internal/news"
)

// recorder is an Observer that keeps what it is told.
type recorder struct {
	mu    sync.Mutex
	loads []LoadStats
}

func (r *recorder) ObserveLoad(s LoadStats) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.loads = append(r.loads, s)
}

func TestObserver(t *testing.T) {
	rec := &recorder{}
	ix, err := Open(filepath.Join(t.TempDir(), "index"), nil, Options{Observer: rec}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	docs := []news.Document{
		{ID: "obs-a", Title: "Quay reopens"},
		{ID: "obs-b", Title: "Bridge opens"},
		{ID: "obs-a", Title: "Quay reopens today"},
		{ID: "", Title: "No id"},
	}
	_, err = ix.AddDocuments(context.Background(), docs)
	if !errors.Is(err, ErrNoID) {
		t.Fatalf("got error %v, want one wrapping ErrNoID", err)
	}
	if _, err := ix.AddArticles(context.Background(), []news.Article{{ID: "obs-c", Title: "Ferry"}}); err != nil {
		t.Fatal(err)
	}
	want := []LoadStats{{Read: 4, Indexed: 2, Duplicates: 1, Failed: 1}, {Read: 1, Indexed: 1}}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.loads) != len(want) {
		t.Fatalf("got %d observed loads %+v, want %d", len(rec.loads), rec.loads, len(want))
	}
	for i := range want {
		if rec.loads[i] != want[i] {
			t.Errorf("load %d: got %+v, want %+v", i, rec.loads[i], want[i])
		}
	}
}
