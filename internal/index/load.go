package index

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"

	"github.com/searchd/searchd/internal/extract"
	"github.com/searchd/searchd/internal/news"
	"github.com/searchd/searchd/internal/strtab"
)

// Load extracts and indexes the articles from in until in is closed, writing batches of
// Options.BatchSize, and calls progress (which may be nil) after each batch with running
// totals. Extraction runs on Options.Workers goroutines. Ids are upserts, so loading the same
// input twice changes nothing; when one load has an id more than once, the later article wins
// and the others are counted as Duplicates.
//
// Articles with an empty id are counted as Failed and reported in the returned error (wrapping
// ErrNoID) once the load is done. A write error or a cancelled ctx stops the load: Load stops
// receiving from in, so a sender should also select on ctx.Done().
func (ix *Index) Load(ctx context.Context, in <-chan news.Article, progress func(LoadStats)) (LoadStats, error) {
	if err := ix.awaitExtractor(ctx); err != nil {
		return LoadStats{}, err
	}
	return load(ctx, ix, in, ix.articleDocument, newBatchWriter(ix), progress)
}

// AddArticles extracts and indexes arts, as Load does.
func (ix *Index) AddArticles(ctx context.Context, arts []news.Article) (LoadStats, error) {
	if err := ix.awaitExtractor(ctx); err != nil {
		return LoadStats{}, err
	}
	return load(ctx, ix, sliceChan(ctx, arts), ix.articleDocument, newBatchWriter(ix), nil)
}

// AddDocuments indexes documents whose extraction is already done (such as the output of
// `searchd extract`), as Load does but without extracting.
func (ix *Index) AddDocuments(ctx context.Context, docs []news.Document) (LoadStats, error) {
	return load(ctx, ix, sliceChan(ctx, docs), func(d news.Document) news.Document { return d }, newBatchWriter(ix), nil)
}

// SetExtractor sets the extractor of the articles that loads receive, for an index opened
// without one while the extractor was still loading. Call it before the first load.
func (ix *Index) SetExtractor(ex *extract.Extractor) { ix.ex = ex }

// ExtractWith loads the extractor of the articles that loads receive with load, in a
// goroutine, for an index opened without one: searches need none, so a server can answer them
// before it is loaded. Loads of articles (Load, AddArticles, BulkLoad) wait for it, and fail
// with load's error when it fails. The returned channel gives that error (nil when the
// extractor loaded) once. Call it before the first load, at most once.
func (ix *Index) ExtractWith(load func() (*extract.Extractor, error)) <-chan error {
	done := make(chan error, 1)
	ix.exReady = make(chan struct{})
	go func() {
		ex, err := load()
		if err != nil {
			err = fmt.Errorf("load extractor: %w", err)
		}
		ix.ex, ix.exErr = ex, err
		close(ix.exReady)
		done <- err
	}()
	return done
}

// awaitExtractor waits for the extractor of ExtractWith, if any, and returns its error, or
// that of ctx when it is done first.
func (ix *Index) awaitExtractor(ctx context.Context) error {
	if ix.exReady == nil {
		return nil
	}
	select {
	case <-ix.exReady:
		return ix.exErr
	case <-ctx.Done():
		return fmt.Errorf("waiting for the extractor: %w", ctx.Err())
	}
}

// articleDocument extracts a and combines both into the document to index. A stage of
// extraction that fails on a (a bug of the extractor's) is logged with the article's id, and
// a is indexed with what the other stages found: its text is not lost.
func (ix *Index) articleDocument(a news.Article) news.Document {
	var x news.Extraction
	if ix.ex != nil && a.ID != "" {
		var err error
		if x, err = ix.ex.TryExtract(a); err != nil {
			var stack []byte
			if ie := (*extract.InternalError)(nil); errors.As(err, &ie) {
				stack = ie.Stack
			}
			ix.logger.Error("extraction failed: the article is indexed with what the other stages found",
				"id", a.ID, "err", err, "stack", string(stack))
		}
	}
	return news.NewDocument(a, x)
}

// sliceChan sends the values of s on the returned channel, which is closed after the last one
// or when ctx is done.
func sliceChan[T any](ctx context.Context, s []T) <-chan T {
	ch := make(chan T)
	go func() {
		defer close(ch)
		for _, v := range s {
			select {
			case ch <- v:
			case <-ctx.Done():
				return
			}
		}
	}()
	return ch
}

// mapped is one input record after extraction and mapping.
type mapped struct {
	seq int // position in the input, so that the later of two equal ids wins
	id  string
	mappedArticle
	err         error
	droppedDate *time.Time     // the date dropAbsurdDate removed, if any
	speakers    []news.Speaker // of the document, for a bulk build's names table
	// deferred is, for an article whose mapping the sink defers (its doc and quotes are
	// nil), the JSON of its document (bulk.go).
	deferred []byte
}

// Dates an article may have: earlier or later ones are errors of the source or the extraction
// (0000-01-01, 9999-12-31), and stretched every date facet and timeline to thousands of
// buckets. The article is indexed without the date, and the drop is logged and counted.
var minArticleDate = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)

// maxDateAhead is how far past the load's start an article's date may be.
const maxDateAhead = 366 * 24 * time.Hour

// dropAbsurdDate removes d's date when it is before minArticleDate or more than maxDateAhead
// after now, and returns the removed date (nil when it kept it).
func dropAbsurdDate(d *news.Document, now time.Time) *time.Time {
	if d.Date == nil || (!d.Date.Before(minArticleDate) && !d.Date.After(now.Add(maxDateAhead))) {
		return nil
	}
	t := *d.Date
	d.Date = nil
	return &t
}

// batchSink writes the batches of one load, one after another: batchWriter online, bulkWriter
// into offline builds.
type batchSink interface {
	// write writes the articles of b, in input order with unique ids, and adds to stats, under
	// mu, what it wrote.
	write(ctx context.Context, b []mapped, stats *LoadStats, mu *sync.Mutex) error
	// batchSize is the number of articles of a batch.
	batchSize() int
	// defers reports whether the mapping of d waits until the sink asks for it: the load's
	// workers then give it only d's hash, MinHash and JSON (deferredArticle).
	defers(d *news.Document) bool
}

// load runs the pipeline: one goroutine numbers the input, Workers goroutines turn records into
// Bleve documents, and the calling goroutine collects them into batches, which sink writes.
func load[T any](ctx context.Context, ix *Index, in <-chan T, toDoc func(T) news.Document, sink batchSink, progress func(LoadStats)) (stats LoadStats, err error) {
	start := time.Now()
	if obs := ix.opts.Observer; obs != nil {
		defer func() { obs.ObserveLoad(stats) }()
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type job struct {
		seq int
		v   T
	}
	jobs := make(chan job, ix.opts.Workers)
	go func() {
		defer close(jobs)
		for seq := 0; ; seq++ {
			var v T
			var ok bool
			select {
			case v, ok = <-in:
				if !ok {
					return
				}
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- job{seq, v}:
			case <-ctx.Done():
				return
			}
		}
	}()

	results := make(chan mapped, 2*ix.opts.Workers)
	var wg sync.WaitGroup
	for range ix.opts.Workers {
		wg.Go(func() {
			fa := newFieldAnalysis(ix.mapping, ix.qmap)
			for j := range jobs {
				d := toDoc(j.v)
				ix.resolveNames(&d)
				dropped := dropAbsurdDate(&d, start)
				r := mapped{seq: j.seq, id: d.ID, droppedDate: dropped, speakers: d.Speakers}
				if sink.defers(&d) {
					r.mappedArticle, r.deferred, r.err = deferredArticle(d)
				} else {
					r.mappedArticle, r.err = bleveDocument(ix.mapping, ix.qmap, d, fa)
				}
				if r.err != nil {
					r.err = fmt.Errorf("record %d: %w", j.seq+1, r.err)
				}
				select {
				case results <- r:
				case <-ctx.Done():
					return
				}
			}
		})
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	// The collector (this goroutine) takes the results in input order and cuts them into
	// batches; a writer goroutine writes one batch while the workers extract the next, so that
	// extraction and Bleve's indexing overlap. Stats are shared under mu.
	var (
		mu       sync.Mutex
		firstErr error
		seen     strtab.Set // ids taken so far in this load, without pointers (see strtab)
		seenSize int64      // seen.Bytes(), under mu
		pending  = map[string]mapped{}
	)
	batches := make(chan []mapped, 1)
	written := make(chan error, 1)
	go func() {
		for b := range batches {
			if err := sink.write(ctx, b, &stats, &mu); err != nil {
				cancel()
				written <- err
				for range batches { // let the collector finish
				}
				return
			}
			if progress != nil {
				mu.Lock()
				s := stats
				s.HeldBytes += seenSize
				mu.Unlock()
				progress(s)
			}
		}
		written <- nil
	}()
	// send hands the pending articles to the writer, in input order.
	send := func() bool {
		if len(pending) == 0 {
			return true
		}
		b := make([]mapped, 0, len(pending))
		for _, m := range pending {
			b = append(b, m)
		}
		slices.SortFunc(b, func(x, y mapped) int { return cmp.Compare(x.seq, y.seq) })
		pending = make(map[string]mapped, sink.batchSize())
		select {
		case batches <- b:
			return true
		case <-ctx.Done():
			return false
		}
	}
	// The workers finish out of order: results are taken in input order, so that the stories
	// assigned, which depend on which article came first, do not depend on scheduling.
	for r := range inOrder(results) {
		mu.Lock()
		stats.Read++
		if r.err != nil {
			stats.Failed++
			if firstErr == nil {
				firstErr = r.err
			}
			mu.Unlock()
			continue
		}
		if r.droppedDate != nil {
			stats.DatesDropped++
			ix.logger.WarnContext(ctx, "dropped an article's date out of range", "id", r.id, "date", r.droppedDate.Format(time.RFC3339),
				"accepted", minArticleDate.Format(time.DateOnly)+" to a year ahead")
		}
		if _, added := seen.Add(r.id); !added {
			// The later article wins: it replaces a pending one here, or an earlier batch's
			// in the writer, which then uncounts that one.
			stats.Duplicates++
		}
		seenSize = seen.Bytes()
		mu.Unlock()
		pending[r.id] = r
		if len(pending) >= sink.batchSize() && !send() {
			break
		}
	}
	if ctx.Err() == nil {
		send()
	}
	close(batches)
	for range results { // let the workers finish after a failed write
	}
	werr := <-written
	mu.Lock()
	defer mu.Unlock()
	if werr != nil {
		return stats, fmt.Errorf("load: %w", werr)
	}
	if err := ctx.Err(); err != nil {
		return stats, fmt.Errorf("load: %w", err)
	}
	ix.logger.InfoContext(ctx, "indexed", "read", stats.Read, "indexed", stats.Indexed, "unchanged", stats.Unchanged,
		"duplicates", stats.Duplicates, "failed", stats.Failed, "took", time.Since(start))
	if firstErr != nil {
		return stats, fmt.Errorf("load: %d of %d articles failed, first: %w", stats.Failed, stats.Read, firstErr)
	}
	return stats, nil
}

// batchWriter writes the batches of one load, one after another, as online Bleve batches.
type batchWriter struct {
	ix *Index
	// outcome records, for every id written or found unchanged in an earlier batch of this
	// load, whether it was written, so that a later article with the same id uncounts it.
	outcome map[string]bool
}

func newBatchWriter(ix *Index) *batchWriter {
	return &batchWriter{ix: ix, outcome: map[string]bool{}}
}

func (w *batchWriter) batchSize() int { return w.ix.opts.BatchSize }

func (w *batchWriter) defers(*news.Document) bool { return false }

// write writes the articles of b (in input order, unique ids) whose stored form changed, and
// counts the others as Unchanged, so that re-indexing the same input rewrites nothing. A
// written article gets its story, and its quote documents replace those of its old version.
// The quotes are written first, the articles (with their hashes) last: see quotes.go. The
// whole batch holds the index's write token, so that writes of other loads, and deletes, come
// before or after it, never between its reads and its writes.
func (w *batchWriter) write(ctx context.Context, b []mapped, stats *LoadStats, mu *sync.Mutex) (err error) {
	ix := w.ix
	fail := func(n int, err error) error {
		mu.Lock()
		stats.Failed += n
		mu.Unlock()
		return err
	}
	ids := make([]string, len(b))
	for i, m := range b {
		ids[i] = m.id
	}
	// From the hashes read to the batches written, no other writer may change these ids.
	unlock, err := ix.lockWrites(ctx)
	if err != nil {
		return fail(len(b), err)
	}
	defer unlock()
	if err := ix.checkWritable(); err != nil {
		return fail(len(b), err)
	}
	// A panic inside Bleve leaves its state unknown: no more writes (breakWrites).
	defer func() {
		if p := recover(); p != nil {
			err = fail(len(b), fmt.Errorf("write batch: panic: %v", p))
			ix.breakWrites(err)
		}
	}()
	old, err := ix.storedInfo(ctx, ids)
	if err != nil {
		return fail(len(b), err)
	}
	batch := ix.articles().NewBatch()
	stories := newStoryTable(ix)
	var changed []string
	var quotes []*document.Document
	var indexed, unchanged int
	for _, m := range b {
		id := m.id
		if wrote, ok := w.outcome[id]; ok {
			if wrote {
				indexed--
			} else {
				unchanged--
			}
		}
		w.outcome[id] = old[id] != m.hash
		if !w.outcome[id] {
			unchanged++
			continue
		}
		story, err := stories.assign(ctx, id, m.sig)
		if err == nil {
			err = setStory(ix.mapping, m.doc, story)
		}
		if err != nil {
			return fail(len(b), err)
		}
		if err := batch.IndexAdvanced(m.doc); err != nil {
			return fail(len(b), fmt.Errorf("add %q to batch: %w", id, err))
		}
		changed = append(changed, id)
		indexed++
		quotes = append(quotes, m.quotes...)
	}
	if len(changed) > 0 {
		qbatch := ix.quoteDocs().NewBatch()
		if err := ix.replaceQuotes(ctx, qbatch, changed, quotes); err != nil {
			return fail(len(changed), err)
		}
		if err := ix.quoteDocs().Batch(qbatch); err != nil {
			err = fmt.Errorf("write quote batch: %w", err)
			ix.breakWrites(err)
			return fail(len(changed), err)
		}
		if err := ix.articles().Batch(batch); err != nil {
			err = fmt.Errorf("write batch: %w", err)
			ix.breakWrites(err)
			return fail(len(changed), err)
		}
		ix.gen.Add(1)
	}
	mu.Lock()
	stats.Indexed += indexed
	stats.Unchanged += unchanged
	mu.Unlock()
	return nil
}

// storedInfo returns the stored hashes of those of ids that are articles in the index.
func (ix *Index) storedInfo(ctx context.Context, ids []string) (map[string]string, error) {
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = []string{fieldHash}
	res, err := ix.articles().SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("look up stored hashes: %w", err)
	}
	out := make(map[string]string, len(res.Hits))
	for _, h := range res.Hits {
		if v, ok := h.Fields[fieldHash].(string); ok {
			out[h.ID] = storedHash(v)
		}
	}
	return out, nil
}

// inOrder returns the values of results in the order of their seq (0, 1, 2, ...), holding back
// those that arrive early.
func inOrder(results <-chan mapped) func(yield func(mapped) bool) {
	return func(yield func(mapped) bool) {
		early := map[int]mapped{}
		next := 0
		for r := range results {
			early[r.seq] = r
			for {
				m, ok := early[next]
				if !ok {
					break
				}
				delete(early, next)
				next++
				if !yield(m) {
					return
				}
			}
		}
	}
}
