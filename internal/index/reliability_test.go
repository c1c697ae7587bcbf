package index

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/searchd/searchd/internal/news"
)

// TestBackup copies a live index while writes go on: the copy opens, holds at least every
// article written before the backup began, serves searches, and a second backup to the same
// directory is refused.
func TestBackup(t *testing.T) {
	ix := newTestIndex(t)
	before := count(t, ix)
	ctx := context.Background()
	var wg sync.WaitGroup
	wg.Go(func() { // writes during the backup
		for i := range 20 {
			d := news.Document{ID: fmt.Sprintf("w%d", i), Title: "Late ferry bulletin", Body: "The ferry sailed late."}
			if _, err := ix.AddDocuments(ctx, []news.Document{d}); err != nil {
				t.Errorf("AddDocuments during backup: %v", err)
				return
			}
		}
	})
	dir := filepath.Join(t.TempDir(), "backups", "b1")
	err := ix.Backup(dir)
	wg.Wait()
	if err != nil {
		t.Fatalf("Backup: %v", err)
	}
	if err := ix.Backup(dir); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("second Backup to %s: got %v, want an 'already exists' error", dir, err)
	}
	cp, err := Open(dir, nil, Options{}, nil)
	if err != nil {
		t.Fatalf("Open backup: %v", err)
	}
	defer cp.Close()
	got := count(t, cp)
	if got < before || got > before+20 {
		t.Errorf("backup holds %d articles, want from %d to %d", got, before, before+20)
	}
	res, err := cp.Search(ctx, Query{Q: "budget", Speakers: []string{"Maria Lopez"}})
	if err != nil {
		t.Fatalf("Search backup: %v", err)
	}
	if res.Total == 0 {
		t.Errorf("search on the backup: got no hits, want the fixtures' budget articles")
	}
}

// TestOpenLocked checks that a second Open of an index in use fails fast with ErrLocked.
func TestOpenLocked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "idx")
	ix, err := Open(path, nil, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	start := time.Now()
	_, err = Open(path, nil, Options{}, nil)
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second Open: got %v, want ErrLocked", err)
	}
	if d := time.Since(start); d > 3*lockTimeout {
		t.Errorf("second Open took %s, want about %s", d, lockTimeout)
	}
}

// TestExpansionLimit checks that wildcard, regexp and fuzzy clauses that expand to more terms
// than LimitExpansion allows are refused as bad queries, and that narrower ones still run.
func TestExpansionLimit(t *testing.T) {
	ix := newTestIndex(t)
	LimitExpansion(5)
	defer LimitExpansion(0)
	for _, q := range []string{"*", "s*", "/.*/", "title:/[a-z]+/"} {
		_, err := ix.Search(context.Background(), Query{Q: q})
		if !errors.Is(err, ErrBadQuery) || !strings.Contains(err.Error(), "too many words") {
			t.Errorf("Search(%q) with limit 5: got %v, want ErrBadQuery 'too many words'", q, err)
		}
	}
	for _, q := range []string{"budg*", "/budg.t/", "budgit~1"} {
		res, err := ix.Search(context.Background(), Query{Q: q})
		if err != nil || res.Total == 0 {
			t.Errorf("Search(%q) with limit 5: got %v and %v, want hits", q, res, err)
		}
	}
}

// TestSearchTimeoutOption checks that Options.SearchTimeout bounds every search.
func TestSearchTimeoutOption(t *testing.T) {
	ix := newTestIndex(t)
	ix.opts.SearchTimeout = time.Nanosecond
	_, err := ix.Search(context.Background(), Query{Q: "budget"})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Search with a 1ns timeout: got %v, want context.DeadlineExceeded", err)
	}
}

// TestSearchDuringIngest runs searches, gets and counts while batches are written; run it with
// -race. Every search must succeed and totals must never go down (writes only add).
func TestSearchDuringIngest(t *testing.T) {
	ix := newTestIndex(t)
	ctx := context.Background()
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		defer close(done)
		for b := range 15 {
			var docs []news.Document
			for i := range 10 {
				docs = append(docs, news.Document{ID: fmt.Sprintf("c%d-%d", b, i), Title: "Harbour budget update",
					Body: fmt.Sprintf("The harbour budget was revised for the %d time.", b*10+i), Source: "Wire", Date: date("2024-05-01")})
			}
			if _, err := ix.AddDocuments(ctx, docs); err != nil {
				t.Errorf("AddDocuments: %v", err)
				return
			}
		}
	})
	for range 3 {
		wg.Go(func() {
			var last uint64
			for {
				select {
				case <-done:
					return
				default:
				}
				res, err := ix.Search(ctx, Query{Q: "budget", Sort: SortDateDesc, Size: 5})
				if err != nil {
					t.Errorf("Search during ingest: %v", err)
					return
				}
				if res.Total < last {
					t.Errorf("total went from %d to %d during an add-only ingest", last, res.Total)
				}
				last = res.Total
				if _, err := ix.Get(ctx, "a1"); err != nil {
					t.Errorf("Get during ingest: %v", err)
				}
			}
		})
	}
	wg.Wait()
	if got, want := count(t, ix), uint64(len(fixtures())+150); got != want {
		t.Errorf("after ingest: got %d articles, want %d", got, want)
	}
}

// TestSearchSlots checks that at most Options.MaxSearches searches run at once: with every
// slot taken a search waits, and fails with DeadlineExceeded when its timeout passes first.
func TestSearchSlots(t *testing.T) {
	ix := newTestIndex(t)
	if got, want := ix.slots.free, ix.opts.MaxSearches; got != want || got < 2 {
		t.Fatalf("got %d slots, want MaxSearches %d (at least 2)", got, want)
	}
	release := holdSlots(t, ix)
	ix.opts.SearchTimeout = 100 * time.Millisecond
	if _, err := ix.Search(context.Background(), Query{Q: "budget"}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Search with every slot taken: got %v, want context.DeadlineExceeded", err)
	}
	release()
	if _, err := ix.Search(context.Background(), Query{Q: "budget"}); err != nil {
		t.Errorf("Search with a free slot: %v", err)
	}
}

// TestRegexpsBleveCannotRun is the regression test of a FuzzSearchRequest crasher: /aa$0000/
// compiles in Go but not in vellum, Bleve's term-dictionary automaton, and was a 500. Such
// regexps are bad queries now.
func TestRegexpsBleveCannotRun(t *testing.T) {
	ix := newTestIndex(t)
	for _, q := range []string{"/aa$0000/", "/budget$/", `/budget\b/`, "/bud.*?/"} {
		_, err := ix.Search(context.Background(), Query{Q: q})
		if !errors.Is(err, ErrBadQuery) || !strings.Contains(err.Error(), "bad regular expression") {
			t.Errorf("Search(%q): got %v, want ErrBadQuery 'bad regular expression'", q, err)
		}
	}
}

// TestDatesOutOfBleveRange is the regression test of a FuzzSearchRequest crasher: since and
// until beyond Bleve's 1677..2262 were a 500. They are open bounds now; such dates in the query
// string were already bad queries.
func TestDatesOutOfBleveRange(t *testing.T) {
	ix := newTestIndex(t)
	all := count(t, ix)
	for _, q := range []Query{
		{Since: time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC)},
		{Until: time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)},
		{Since: time.Date(1000, 1, 1, 0, 0, 0, 0, time.UTC), Until: time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC)},
	} {
		res, err := ix.Search(context.Background(), q)
		if err != nil {
			t.Errorf("Search(since %v, until %v): %v", q.Since, q.Until, err)
			continue
		}
		if res.Total != all {
			t.Errorf("Search(since %v, until %v): got %d hits, want all %d", q.Since, q.Until, res.Total, all)
		}
	}
	res, err := ix.Search(context.Background(), Query{Until: time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC), Since: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil || res.Total == 0 || res.Total == all {
		t.Errorf("since 2024-03-01 until 9999: got %v (%v), want some but not all", res, err)
	}
	// A bound on the far side of the range matches nothing (until=0001-10-01 was a 500 too).
	for _, q := range []Query{
		{Until: time.Date(1, 10, 1, 0, 0, 0, 0, time.UTC)},
		{Since: time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)},
	} {
		res, err := ix.Search(context.Background(), q)
		if err != nil || res.Total != 0 {
			t.Errorf("Search(since %v, until %v): got %v (%v), want no hits and no error", q.Since, q.Until, res, err)
		}
	}
	if _, err := ix.Search(context.Background(), Query{Q: `date:>="0500-01-01"`}); !errors.Is(err, ErrBadQuery) || !strings.Contains(err.Error(), "date range") {
		t.Errorf(`date:>="0500-01-01": got %v, want ErrBadQuery "date range"`, err)
	}
}

// TestConcurrentBackupsOfOneName checks that of two backups to one directory at once, one is
// written and the other fails with ErrBackupExists (the loser's rename failed with an OS error,
// a 500).
func TestConcurrentBackupsOfOneName(t *testing.T) {
	ix := newTestIndex(t)
	for round := range 5 {
		dir := filepath.Join(t.TempDir(), fmt.Sprintf("b%d", round))
		var errs [2]error
		var wg sync.WaitGroup
		for i := range errs {
			wg.Go(func() { errs[i] = ix.Backup(dir) })
		}
		wg.Wait()
		ok, exists := 0, 0
		for _, err := range errs {
			switch {
			case err == nil:
				ok++
			case errors.Is(err, ErrBackupExists):
				exists++
			}
		}
		if ok != 1 || exists != 1 {
			t.Fatalf("round %d: got %v, want one backup and one ErrBackupExists", round, errs)
		}
	}
}
