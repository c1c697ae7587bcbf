package index

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/searcher"
)

// ErrLocked is wrapped by Open's error when another process holds the index open.
var ErrLocked = errors.New("index is locked")

// ErrBackupExists is wrapped by Backup's error when the target directory exists, also when
// another backup of the same name finished first.
var ErrBackupExists = errors.New("a backup of that name already exists")

// lockTimeout is how long Open waits for another process to release the index.
const lockTimeout = 2 * time.Second

// DefaultMaxExpansion is the term-expansion limit LimitExpansion is given by searchd's defaults.
const DefaultMaxExpansion = 10000

// LimitExpansion bounds how many index terms one wildcard, regexp or fuzzy clause (or one
// disjunction) may expand to; a search over the limit fails with an error wrapping ErrBadQuery
// instead of running. n <= 0 removes the limit.
//
// The limit is Bleve's searcher.DisjunctionMaxClauseCount, a process-wide setting: call this
// once at start-up, before any search runs, not per index.
func LimitExpansion(n int) {
	if n < 0 {
		n = 0
	}
	searcher.DisjunctionMaxClauseCount = n
}

// searchError turns an error from Bleve's search into one for the caller: limits that the
// query ran into wrap ErrBadQuery with a readable message, the rest keep their cause.
func searchError(q string, err error) error {
	msg := err.Error()
	switch {
	case errors.Is(err, errTooManyTerms), strings.Contains(msg, "TooManyTermSearchers"):
		return fmt.Errorf("%w: %q matches too many words in the index in all its terms: use fewer wildcard, regexp and fuzzy terms, or more specific ones",
			ErrBadQuery, q)
	case strings.Contains(msg, "TooManyClauses"):
		return fmt.Errorf("%w: %q matches too many words in the index (more than %d): make wildcard, regexp and fuzzy terms more specific, such as ceasef* rather than c*",
			ErrBadQuery, q, searcher.DisjunctionMaxClauseCount)
	case strings.Contains(msg, "fuzziness exceeds max"):
		return fmt.Errorf("%w: %q: fuzziness can be at most %d, as in word~2", ErrBadQuery, q, searcher.MaxFuzziness)
	}
	return fmt.Errorf("search %q: %w", q, err)
}

// Backup writes a consistent copy of the index, as of its last persisted state, to dir, which
// must not exist yet. The copy is written beside dir and renamed into place when complete, so
// that dir is either absent or a whole index; `searchd serve --index dir` serves it. Searches and
// writes go on while the copy is made.
func (ix *Index) Backup(dir string) error {
	if _, err := os.Stat(dir); err == nil {
		return fmt.Errorf("backup to %s: %w: choose a new directory", dir, ErrBackupExists)
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("backup to %s: %w", dir, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".partial-")
	if err != nil {
		return fmt.Errorf("backup to %s: %w", dir, err)
	}
	// The articles are copied first, then the quotes: the copy may hold quotes newer than their
	// articles, the state a crash between the two batches of a load leaves (see quotes.go), which
	// indexing the articles again repairs; never articles newer than their quotes.
	for _, part := range []struct {
		idx bleve.Index
		sub string
	}{{ix.articles(), articlesDir}, {ix.quoteDocs(), quotesDir}} {
		copyable, ok := part.idx.(bleve.IndexCopyable)
		if !ok {
			os.RemoveAll(tmp)
			return fmt.Errorf("backup to %s: the index type cannot be copied", dir)
		}
		if err := copyable.CopyTo(bleve.FileSystemDirectory(filepath.Join(tmp, part.sub))); err != nil {
			os.RemoveAll(tmp)
			return fmt.Errorf("backup to %s: %s: %w", dir, part.sub, err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		os.RemoveAll(tmp)
		if errors.Is(err, fs.ErrExist) || errors.Is(err, syscall.ENOTEMPTY) { // another backup of that name won
			return fmt.Errorf("backup to %s: %w: choose a new directory", dir, ErrBackupExists)
		}
		return fmt.Errorf("backup to %s: %w", dir, err)
	}
	return nil
}
