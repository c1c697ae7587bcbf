package index

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blevesearch/bleve/v2"
)

// ErrReadOnly is wrapped by the error of a write the index cannot take: its directory cannot be
// written, or an earlier write failed and the index now serves its last persisted state.
var ErrReadOnly = errors.New("the index cannot be written")

// stores are the two Bleve indexes of an Index, replaced together when a failed write leaves
// them unusable.
type stores struct {
	articles, quotes bleve.Index
	// broken is the write failure after which these indexes were opened read-only; nil while
	// they are writable.
	broken error
}

// articles returns the Bleve index of the articles.
func (ix *Index) articles() bleve.Index { return ix.st.Load().articles }

// quoteDocs returns the Bleve index of the quote documents.
func (ix *Index) quoteDocs() bleve.Index { return ix.st.Load().quotes }

// checkWritable returns an error wrapping ErrReadOnly when a write would fail before it starts:
// the indexes were opened read-only after a failed write, or a file cannot be created where
// Bleve writes its segments. Called with the write token held.
//
// Bleve's scorch makes a batch's segment searchable before it persists it, and when persisting
// fails it closes the segment that its snapshot still holds: every later read of that index
// then panics, some in goroutines of Bleve's own that no recover reaches (a read-only index
// directory crashed the server this way). Not starting a write that cannot persist keeps the
// index as it was.
func (ix *Index) checkWritable() error {
	if st := ix.st.Load(); st.broken != nil {
		return fmt.Errorf("%w: read-only since a write failed (%v): fix the cause and restart searchd", ErrReadOnly, st.broken)
	}
	for _, sub := range []string{articlesDir, quotesDir} {
		f, err := os.CreateTemp(filepath.Join(ix.path, sub, "store"), ".writable-*")
		if err != nil {
			return fmt.Errorf("%w: %w", ErrReadOnly, err)
		}
		err = errors.Join(f.Close(), os.Remove(f.Name()))
		if err != nil {
			return fmt.Errorf("%w: %w", ErrReadOnly, err)
		}
	}
	return ix.raiseFormat()
}

// breakWrites is called, with the write token held, after a Bleve batch failed (or panicked):
// its indexes may hold a closed segment (see checkWritable), so they are closed and opened
// again read-only, from their last persisted state, which holds every acknowledged write.
// Searches go on; writes fail with ErrReadOnly until a restart.
func (ix *Index) breakWrites(cause error) {
	old := ix.st.Load()
	if old.broken != nil {
		return
	}
	ix.logger.Error("a write failed: the index is read-only until searchd restarts", "err", cause)
	for _, idx := range []bleve.Index{old.articles, old.quotes} {
		closeQuietly(idx)
	}
	ro := &stores{broken: cause}
	var errs []error
	for _, part := range []struct {
		to  *bleve.Index
		sub string
	}{{&ro.articles, articlesDir}, {&ro.quotes, quotesDir}} {
		idx, err := bleve.OpenUsing(filepath.Join(ix.path, part.sub), map[string]any{"read_only": true})
		if err != nil {
			errs = append(errs, fmt.Errorf("open %s read-only: %w", part.sub, err))
		}
		*part.to = idx
	}
	if err := errors.Join(errs...); err != nil {
		ix.logger.Error("cannot open the index read-only: searches fail until searchd restarts", "err", err)
		for _, idx := range []bleve.Index{ro.articles, ro.quotes} {
			if idx != nil {
				closeQuietly(idx)
			}
		}
		ro = &stores{articles: old.articles, quotes: old.quotes, broken: errors.Join(cause, err)} // closed: reads fail, none panics
	}
	ix.st.Store(ro)
}

// closeQuietly closes idx, whose state may be broken, with any panic caught.
func closeQuietly(idx bleve.Index) {
	defer func() { _ = recover() }()
	_ = idx.Close()
}
