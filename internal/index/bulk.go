package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/util"

	"github.com/searchd/searchd/internal/names"
	"github.com/searchd/searchd/internal/news"
	"github.com/searchd/searchd/internal/stories"
	"github.com/searchd/searchd/internal/strtab"
)

// Bulk loads: an index with no articles is filled with Bleve's offline builder (scorch's
// Builder) instead of online batches. The builder writes a segment every bulkSegmentSize
// documents and merges them once at the end, without the online path's persister, merger
// and fsync per batch. Each of the two Bleve indexes is built in a directory of its own
// beside it (.bulk-articles, .bulk-quotes), fsynced, marked complete, and then swapped in:
// the quote index first, the article index last, as a batch writes them (see quotes.go).
// Open completes a swap that a crash interrupted, and removes a build that was not marked
// complete, so the index is either the empty one or the whole build.
//
// The state that online batches read back from the index lives in memory during the build:
// the stories (stories.Table) and the ids and hashes written so far. A later article whose id
// is already in the build (a duplicate across batches; the builder cannot replace a
// document) is written after the swap, through the online path.
//
// A build also resolves its articles' short speaker names (names.go) before it ends, so that
// `searchd index` leaves no rewritten article beside a deleted first copy (the builder cannot
// delete): every article's speakers teach a names.Builder as it is built, and the articles
// whose speakers a table may change (names.Resolvable, about a fifth) are deferred: the load's
// workers give only their hash, MinHash and JSON, which wait in a file of the build with
// their stories. Once every article is read, the table is learnt, and the deferred
// articles are resolved with it, mapped (by as many workers) and built, so that each is
// mapped once, as the others. The index then holds what ResolveNames would have left, and
// the table is the one it would have learnt (it is kept, so the pass that follows skips).

// Bulk build tuning: documents per segment, segments merged at once at the end, and the
// articles handed to the builders at once. Documents are analysed when they are mapped, in
// the workers (preAnalyze), and an analysed article takes about ten times its text in
// memory: small batches keep few of them waiting.
const (
	bulkSegmentSize = 1000
	bulkMergeMax    = 64
	bulkBatchSize   = 100
)

// bulkPrefix is the prefix of the directory of a build, and bulkDone the file that marks it
// complete.
const (
	bulkPrefix   = ".bulk-"
	bulkDone     = "built"
	bulkDeferred = "deferred" // in the article build: the deferred articles (deferredFile)
)

// BulkLoad loads the articles from in as Load does, with Bleve's offline builder when the
// index has no articles (see above), and with Load otherwise. The index takes no other
// writes until the build is swapped in; searches see the empty index until then.
func (ix *Index) BulkLoad(ctx context.Context, in <-chan news.Article, progress func(LoadStats)) (LoadStats, error) {
	if err := ix.awaitExtractor(ctx); err != nil {
		return LoadStats{}, err
	}
	return bulkLoad(ctx, ix, in, ix.articleDocument, progress)
}

// bulkLoad is BulkLoad for any input that toDoc turns into documents.
func bulkLoad[T any](ctx context.Context, ix *Index, in <-chan T, toDoc func(T) news.Document, progress func(LoadStats)) (LoadStats, error) {
	unlock, err := ix.lockWrites(ctx)
	if err != nil {
		return LoadStats{}, fmt.Errorf("load: %w", err)
	}
	n, err := ix.articles().DocCount()
	if err != nil || n > 0 || ix.checkWritable() != nil {
		unlock()
		return load(ctx, ix, in, toDoc, newBatchWriter(ix), progress)
	}
	w, err := newBulkWriter(ix)
	if err != nil {
		unlock()
		return LoadStats{}, fmt.Errorf("load: %w", err)
	}
	// Load's error may only say that some records failed (ErrNoID): the build is complete
	// unless the load was cancelled or a write failed.
	stats, lerr := load(ctx, ix, in, toDoc, w, progress)
	err = lerr
	if ctx.Err() == nil && !w.failed {
		err = w.finish(ctx)
	}
	w.abort() // removes what a failed build left
	gen := ix.gen.Load()
	unlock()
	if err != nil || ctx.Err() != nil || w.failed {
		// Nothing was swapped in: what was counted as indexed is not.
		stats.Failed += stats.Indexed
		stats.Indexed = 0
		return stats, errors.Join(err, ctx.Err())
	}
	stats.Names = &w.nameStats
	if len(w.late) == 0 {
		ix.adoptNames(ctx, w.table, gen)
	} else {
		// The table was learnt from the earlier versions of these articles: ResolveNames
		// learns it again from what the index holds (not kept, so it runs).
		late := make([]mapped, 0, len(w.late))
		fa := newFieldAnalysis(ix.mapping, ix.qmap)
		for _, m := range w.late {
			if m.deferred != nil {
				var err error
				if m.mappedArticle, _, err = mapDeferred(ix, m.deferred, m.sig, nil, fa); err != nil {
					return stats, fmt.Errorf("load: write later duplicates: %w", err)
				}
			}
			late = append(late, m)
		}
		lw := newBatchWriter(ix)
		var discard LoadStats // the stats counted these already
		var mu sync.Mutex
		if err := lw.write(ctx, late, &discard, &mu); err != nil {
			return stats, fmt.Errorf("load: write later duplicates: %w", err)
		}
	}
	// The first process to search a segment builds its facet and sort columns and keeps them
	// in a file beside it (scorchx.Columns): the build does it now, so that the first serve
	// after it maps them instead of building them while it answers.
	for _, load := range []func() (int, int, error){ix.LoadColumns, ix.LoadQuoteColumns} {
		if _, _, err := load(); err != nil {
			ix.logger.Warn("bulk build: columns not kept; the first searches will build them", "err", err)
		}
	}
	return stats, lerr
}

// bulkWriter writes the batches of a bulk load into two offline builders.
type bulkWriter struct {
	ix               *Index
	articles, quotes *scorch.Builder
	dirs             [2]string // of the builds: articles, quotes
	stories          stories.Table
	// The ids of the articles built, and their hashes: the hash of built id number i is
	// hashes[i*contentHashLen:][:contentHashLen]. Neither holds pointers, so that the
	// collector's mark phase does not visit a million of them (see strtab).
	ids    strtab.Set
	hashes []byte
	late   map[string]mapped // later versions of ids already built
	closed bool              // the builders are closed
	// The quotes are built in a goroutine of their own, in parallel with the articles:
	// quoteDocs takes their batches, and quoteErr gives the goroutine's outcome.
	quoteDocs chan []*document.Document
	quoteErr  chan error
	// Documents given to the builders: articles by write, quotes by the quote goroutine
	// (read after quoteErr).
	nArticles, nQuotes int
	failed             bool // a write failed: the build is abandoned
	// The names table is learnt from every article built (names), and the articles it may
	// change wait in deferred until it is.
	names     names.Builder
	deferred  *deferredFile // nil before the first
	table     *names.Table  // learnt once every article is read
	nameStats NameStats
}

// newBulkWriter starts the builds of both indexes, in directories beside them.
func newBulkWriter(ix *Index) (*bulkWriter, error) {
	w := &bulkWriter{ix: ix, late: map[string]mapped{}}
	var err error
	w.dirs[0] = filepath.Join(ix.path, bulkPrefix+articlesDir)
	if w.articles, err = newBuilder(w.dirs[0], ix.mapping); err != nil {
		return nil, err
	}
	w.dirs[1] = filepath.Join(ix.path, bulkPrefix+quotesDir)
	if w.quotes, err = newBuilder(w.dirs[1], ix.qmap); err != nil {
		w.articles.Close()
		os.RemoveAll(w.dirs[0])
		return nil, err
	}
	w.quoteDocs, w.quoteErr = make(chan []*document.Document, 2), make(chan error, 1)
	go func() {
		var err error
		for docs := range w.quoteDocs {
			for _, q := range docs {
				if err == nil {
					if err = w.quotes.Index(q); err != nil {
						err = fmt.Errorf("bulk build: add quote %q: %w", q.ID(), err)
					}
					w.nQuotes++
				}
			}
		}
		w.quoteErr <- err
	}()
	return w, nil
}

// newBuilder starts an offline build of a Bleve index with mapping im in dir, which it
// creates (removing what a failed build left there), as bleve.NewBuilder does, but taking
// documents already mapped.
func newBuilder(dir string, im mapping.IndexMapping) (*scorch.Builder, error) {
	if err := os.RemoveAll(dir); err != nil {
		return nil, fmt.Errorf("bulk build: %w", err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("bulk build: %w", err)
	}
	mb, err := util.MarshalJSON(im)
	if err != nil {
		return nil, fmt.Errorf("bulk build: mapping: %w", err)
	}
	meta, err := json.Marshal(map[string]string{"storage": scorch.Name, "index_type": scorch.Name})
	if err != nil {
		return nil, fmt.Errorf("bulk build: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "index_meta.json"), meta, 0o600); err != nil {
		return nil, fmt.Errorf("bulk build: %w", err)
	}
	b, err := scorch.NewBuilder(map[string]any{
		"path":            filepath.Join(dir, "store"),
		"buildPathPrefix": dir, // the segments before the merge, on the index's file system
		"batchSize":       bulkSegmentSize,
		"mergeMax":        bulkMergeMax,
		"internal":        map[string][]byte{string(util.MappingInternalKey): mb, string(formatKey): formatValue()},
	})
	if err != nil {
		return nil, fmt.Errorf("bulk build: %w", err)
	}
	return b, nil
}

func (w *bulkWriter) batchSize() int { return min(w.ix.opts.BatchSize, bulkBatchSize) }

// defers defers the articles whose speakers a names table may change (see above).
func (w *bulkWriter) defers(d *news.Document) bool { return names.Resolvable(d.Speakers) }

// write adds the articles of b (in input order, unique ids) and their quotes to the builds.
func (w *bulkWriter) write(ctx context.Context, b []mapped, stats *LoadStats, mu *sync.Mutex) (err error) {
	defer func() { w.failed = w.failed || err != nil }()
	var indexed, unchanged, deferred int
	var quotes []*document.Document
	for _, m := range b {
		if err := ctx.Err(); err != nil {
			return err
		}
		if i, ok := w.ids.Find(m.id); ok {
			// Built already: the later version is written after the swap. As in a batch,
			// the earlier one is uncounted.
			indexed--
			if string(w.hashes[i*contentHashLen:][:contentHashLen]) == m.hash {
				unchanged++
				delete(w.late, m.id)
			} else {
				indexed++
				w.late[m.id] = m
			}
			continue
		}
		if len(m.hash) != contentHashLen {
			return fmt.Errorf("bulk build: %q has a hash of %d bytes, want %d", m.id, len(m.hash), contentHashLen)
		}
		story := w.stories.Assign(m.id, m.sig)
		w.names.Add(m.speakers)
		if m.deferred != nil {
			if w.deferred == nil {
				if w.deferred, err = createDeferred(filepath.Join(w.dirs[0], bulkDeferred)); err != nil {
					return fmt.Errorf("bulk build: %w", err)
				}
			}
			if err := w.deferred.add(m.id, story, m.deferred, m.sig); err != nil {
				return fmt.Errorf("bulk build: defer %q: %w", m.id, err)
			}
			deferred++
		} else {
			if err := setStory(w.ix.mapping, m.doc, story); err != nil {
				return err
			}
			if err := w.articles.Index(m.doc); err != nil {
				return fmt.Errorf("bulk build: add %q: %w", m.id, err)
			}
			w.nArticles++
			quotes = append(quotes, m.quotes...)
		}
		w.nameStats.Articles++
		w.ids.Add(m.id)
		w.hashes = append(w.hashes, m.hash...)
		indexed++
	}
	select {
	case w.quoteDocs <- quotes:
	case <-ctx.Done():
		return ctx.Err()
	}
	mu.Lock()
	stats.Indexed += indexed
	stats.Unchanged += unchanged
	stats.Deferred += deferred
	stats.HeldBytes = w.stories.Bytes() + w.ids.Bytes() + int64(cap(w.hashes)) + w.names.Bytes()
	mu.Unlock()
	return nil
}

// finish builds the deferred articles, closes the builders (merging their segments), makes
// the builds durable and swaps them in for the empty indexes. A builder that received no
// document (Bleve's cannot close empty) is dropped, and its index stays as it was: empty.
func (w *bulkWriter) finish(ctx context.Context) error {
	if err := w.buildDeferred(ctx); err != nil {
		w.failed = true
		return fmt.Errorf("bulk build: %w", err)
	}
	w.closed = true
	close(w.quoteDocs)
	qerr := <-w.quoteErr
	builds := []struct {
		b   *scorch.Builder
		n   int
		dir string
	}{{w.articles, w.nArticles, w.dirs[0]}, {w.quotes, w.nQuotes, w.dirs[1]}}
	// Closing a builder merges its segments: both merge at once.
	closed := make(chan error, len(builds))
	for _, b := range builds {
		go func() {
			if b.n == 0 {
				closed <- os.RemoveAll(b.dir)
				return
			}
			closed <- b.b.Close()
		}()
	}
	errs := []error{qerr}
	for range builds {
		errs = append(errs, <-closed)
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("bulk build: %w", err)
	}
	if w.nArticles == 0 && w.nQuotes == 0 {
		return nil
	}
	for _, b := range builds {
		if b.n == 0 {
			continue
		}
		if err := syncTree(b.dir); err != nil {
			return fmt.Errorf("bulk build: %w", err)
		}
		if err := writeSynced(filepath.Join(b.dir, bulkDone)); err != nil {
			return fmt.Errorf("bulk build: %w", err)
		}
	}
	return w.ix.installBuild()
}

// abort removes the directories of a build that did not finish (the builders keep no file
// open between documents, and their segments are in these directories).
func (w *bulkWriter) abort() {
	if !w.closed {
		w.closed = true
		close(w.quoteDocs)
		<-w.quoteErr
	}
	if w.deferred != nil {
		w.deferred.close()
	}
	for _, dir := range w.dirs {
		_ = os.RemoveAll(dir)
	}
}

// installBuild closes the (empty) Bleve indexes, puts the completed builds in their place and
// opens them. Called with the write token held.
func (ix *Index) installBuild() error {
	old := ix.st.Load()
	if err := errors.Join(old.quotes.Close(), old.articles.Close()); err != nil {
		ix.breakWrites(err)
		return fmt.Errorf("bulk build: close the empty index: %w", err)
	}
	if err := finishBuilds(ix.path); err != nil {
		ix.breakWrites(err)
		return fmt.Errorf("bulk build: %w", err)
	}
	articles, err := openOrCreate(filepath.Join(ix.path, articlesDir), nil)
	if err != nil {
		ix.breakWrites(err)
		return fmt.Errorf("bulk build: open: %w", err)
	}
	quotes, err := openOrCreate(filepath.Join(ix.path, quotesDir), nil)
	if err != nil {
		articles.Close()
		ix.breakWrites(err)
		return fmt.Errorf("bulk build: open: %w", err)
	}
	addQuotePlaces(quotes.Mapping())
	ix.st.Store(&stores{articles: articles, quotes: quotes})
	ix.gen.Add(1)
	return nil
}

// finishBuilds puts every build under path that is marked complete in place of its index,
// quotes before articles, and removes builds that are not complete. Open calls it, so that
// a crash during a swap leaves the whole build, or none of it.
func finishBuilds(path string) error {
	for _, sub := range []string{quotesDir, articlesDir} {
		build := filepath.Join(path, bulkPrefix+sub)
		switch _, err := os.Stat(filepath.Join(build, bulkDone)); {
		case err == nil:
			dst := filepath.Join(path, sub)
			if err := os.RemoveAll(dst); err != nil {
				return err
			}
			if err := os.Rename(build, dst); err != nil {
				return err
			}
			if err := syncDir(path); err != nil {
				return err
			}
			if err := os.Remove(filepath.Join(dst, bulkDone)); err != nil {
				return err
			}
		case errors.Is(err, fs.ErrNotExist):
			if err := os.RemoveAll(build); err != nil {
				return err
			}
		default:
			return err
		}
	}
	return nil
}

// syncTree fsyncs every file and directory under dir.
func syncTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return syncDir(p)
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		return errors.Join(f.Sync(), f.Close())
	})
}

// syncDir fsyncs the directory dir, so that the names created in it are durable.
func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	return errors.Join(f.Sync(), f.Close())
}

// writeSynced creates the empty file path and fsyncs it and its directory.
func writeSynced(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := errors.Join(f.Sync(), f.Close()); err != nil {
		return err
	}
	return syncDir(filepath.Dir(path))
}
