// Package watch indexes the article files dropped into a folder.
//
// A Watcher indexes the supported files already in the folder and its subdirectories, then
// watches them with fsnotify: a file created or written is indexed once it has been quiet for
// the debounce delay, and again whenever it changes (ids are stable, so re-indexing replaces the
// file's articles with themselves). Files are never moved or deleted. Only regular files inside
// the folder are read: symbolic links (to files or directories), FIFOs, sockets and devices are
// skipped, so that a link cannot make the server index a file outside the folder (its key file)
// and a FIFO cannot block the watcher. Hidden files and
// directories (".name") and editor or download temporaries ("name~", "#name#", ".swp", ".tmp",
// ".part", ".crdownload") are ignored. Bad records and unreadable files are logged as
// "file:line: reason".
package watch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/searchd/searchd/internal/index"
	"github.com/searchd/searchd/internal/ingest"
	"github.com/searchd/searchd/internal/news"
)

// DefaultDebounce is how long a file must be quiet before it is indexed.
const DefaultDebounce = 500 * time.Millisecond

// Indexer is what the watcher needs from the index. *index.Index satisfies it.
type Indexer interface {
	AddArticles(ctx context.Context, arts []news.Article) (index.LoadStats, error)
}

// Options configures a Watcher.
type Options struct {
	Debounce time.Duration // DefaultDebounce when 0
	Ingest   ingest.Options
	// OnIndexed, when set, is called after each file is indexed with its path and article
	// count, and with the error when it could not be indexed (tests use it to wait).
	OnIndexed func(path string, n int, err error)
}

// Watcher indexes the files of one directory tree.
type Watcher struct {
	dir    string
	real   string // dir with its symbolic links resolved
	ix     Indexer
	logger *slog.Logger
	opts   Options
}

// New returns a Watcher for dir, which must be a directory.
func New(dir string, ix Indexer, logger *slog.Logger, opts Options) (*Watcher, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("watch: %s is not a directory", dir)
	}
	if opts.Debounce <= 0 {
		opts.Debounce = DefaultDebounce
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	return &Watcher{dir: dir, real: real, ix: ix, logger: logger, opts: opts}, nil
}

// Run watches until ctx is done, then returns nil; it returns an error only when the watch
// cannot be set up.
func (w *Watcher) Run(ctx context.Context) error {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watch %s: %w", w.dir, err)
	}
	defer fw.Close()
	// Watch first, then index what is there, so that no file dropped in between is missed.
	present := w.addTree(fw, w.dir)
	w.logger.Info("watching folder", "dir", w.dir, "files", len(present))

	d := newDebouncer(w.opts.Debounce)
	defer d.stop()
	for _, p := range present {
		d.touch(p)
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-fw.Events:
			if !ok {
				return nil
			}
			w.handle(fw, d, ev)
		case err, ok := <-fw.Errors:
			if !ok {
				return nil
			}
			w.logger.Warn("watch error", "dir", w.dir, "err", err)
		case p := <-d.ready:
			w.index(ctx, p)
		}
	}
}

// handle reacts to one fsnotify event.
func (w *Watcher) handle(fw *fsnotify.Watcher, d *debouncer, ev fsnotify.Event) {
	if ignored(ev.Name) {
		return
	}
	switch {
	case ev.Has(fsnotify.Create) || ev.Has(fsnotify.Write):
		info, err := os.Lstat(ev.Name) // a link is not followed
		if err != nil {
			return // gone already
		}
		if info.IsDir() {
			// A new directory (perhaps moved in whole): watch it and index its files.
			for _, p := range w.addTree(fw, ev.Name) {
				d.touch(p)
			}
			return
		}
		if info.Mode().IsRegular() && supported(ev.Name) {
			d.touch(ev.Name)
		}
	case ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename):
		d.cancel(ev.Name)
	}
}

// addTree watches root and its subdirectories and returns the supported files in them.
func (w *Watcher) addTree(fw *fsnotify.Watcher, root string) []string {
	var files []string
	err := filepath.WalkDir(root, func(p string, de fs.DirEntry, err error) error {
		if err != nil {
			w.logger.Warn("watch", "path", p, "err", err)
			return nil
		}
		if p != root && ignored(p) {
			if de.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if de.IsDir() {
			if err := fw.Add(p); err != nil {
				w.logger.Warn("watch directory", "dir", p, "err", err)
			}
			return nil
		}
		if de.Type().IsRegular() && supported(p) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		w.logger.Warn("watch", "dir", root, "err", err)
	}
	return files
}

// index reads one file and indexes its articles, logging bad records as file:line: reason.
func (w *Watcher) index(ctx context.Context, path string) {
	var arts []news.Article
	bad := 0
	err := w.read(ctx, path,
		func(a news.Article) error { arts = append(arts, a); return nil },
		func(e *ingest.Error) {
			bad++
			w.logger.Warn("skipped", "err", e.Error())
		})
	if err == nil && len(arts) > 0 {
		var stats index.LoadStats
		stats, err = w.ix.AddArticles(ctx, arts)
		if err == nil && stats.Failed > 0 {
			err = fmt.Errorf("%d of %d articles failed to index", stats.Failed, len(arts))
		}
	}
	switch {
	case err != nil && ctx.Err() != nil:
		return
	case err != nil:
		w.logger.Error("index file", "file", path, "err", err)
	case len(arts) == 0 && bad > 0:
		err = errors.New("no article could be read")
	default:
		w.logger.Info("indexed file", "file", path, "articles", len(arts), "skipped", bad)
	}
	if w.opts.OnIndexed != nil {
		w.opts.OnIndexed(path, len(arts), err)
	}
}

// errNotRegular is the error of a path that is not a regular file inside the folder.
var errNotRegular = errors.New("not a regular file inside the watched folder: skipped")

// read decodes the file at path, which must be a regular file inside the folder. It is opened
// without following a link and without blocking (a FIFO would block an ordinary open until a
// writer comes), and checked on the open file, so that nothing swapped in after the event is
// read either.
func (w *Watcher) read(ctx context.Context, path string, fn func(news.Article) error, onErr func(*ingest.Error)) error {
	parent, err := filepath.EvalSymlinks(filepath.Dir(path))
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if rel, err := filepath.Rel(w.real, parent); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return fmt.Errorf("%s: %w", path, errNotRegular)
	}
	f, err := os.OpenFile(path, openFlags, 0)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%s: %w", path, errNotRegular)
	}
	format, _, ok := ingest.FormatOf(path)
	if !ok {
		return fmt.Errorf("%s: %w", path, ingest.ErrUnsupported)
	}
	return ingest.Decode(ctx, f, path, format, w.opts.Ingest, fn, onErr)
}

// supported reports whether ingest reads files named like p.
func supported(p string) bool {
	_, _, ok := ingest.FormatOf(p)
	return ok && !ignored(p)
}

// tempSuffixes end the names of files still being written by editors and downloaders.
var tempSuffixes = []string{"~", ".swp", ".swx", ".tmp", ".temp", ".part", ".partial", ".crdownload", ".download"}

// ignored reports whether the base name of p is hidden or a temporary file.
func ignored(p string) bool {
	base := filepath.Base(p)
	if strings.HasPrefix(base, ".") || strings.HasPrefix(base, "#") || strings.HasPrefix(base, "~$") {
		return true
	}
	lower := strings.ToLower(base)
	for _, s := range tempSuffixes {
		if strings.HasSuffix(lower, s) {
			return true
		}
	}
	return false
}

// debouncer delivers a path on ready once it has not been touched for the delay.
type debouncer struct {
	delay  time.Duration
	ready  chan string
	mu     sync.Mutex
	timers map[string]*time.Timer
	done   chan struct{}
}

func newDebouncer(delay time.Duration) *debouncer {
	return &debouncer{delay: delay, ready: make(chan string), timers: map[string]*time.Timer{}, done: make(chan struct{})}
}

// touch (re)starts p's quiet period.
func (d *debouncer) touch(p string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if t, ok := d.timers[p]; ok {
		t.Reset(d.delay)
		return
	}
	d.timers[p] = time.AfterFunc(d.delay, func() {
		d.mu.Lock()
		delete(d.timers, p)
		d.mu.Unlock()
		select {
		case d.ready <- p:
		case <-d.done:
		}
	})
}

// cancel forgets p (removed or renamed away before it was indexed).
func (d *debouncer) cancel(p string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if t, ok := d.timers[p]; ok {
		t.Stop()
		delete(d.timers, p)
	}
}

// stop releases the pending timers.
func (d *debouncer) stop() {
	d.mu.Lock()
	defer d.mu.Unlock()
	close(d.done)
	for p, t := range d.timers {
		t.Stop()
		delete(d.timers, p)
	}
}
