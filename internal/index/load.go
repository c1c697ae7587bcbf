package index

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"

	"github.com/searchd/searchd/internal/news"
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
	return load(ctx, ix, in, ix.articleDocument, progress)
}

// AddArticles extracts and indexes arts, as Load does.
func (ix *Index) AddArticles(ctx context.Context, arts []news.Article) (LoadStats, error) {
	return load(ctx, ix, sliceChan(ctx, arts), ix.articleDocument, nil)
}

// AddDocuments indexes documents whose extraction is already done (such as the output of
// `searchd extract`), as Load does but without extracting.
func (ix *Index) AddDocuments(ctx context.Context, docs []news.Document) (LoadStats, error) {
	return load(ctx, ix, sliceChan(ctx, docs), func(d news.Document) news.Document { return d }, nil)
}

// articleDocument extracts a and combines both into the document to index.
func (ix *Index) articleDocument(a news.Article) news.Document {
	var x news.Extraction
	if ix.ex != nil && a.ID != "" {
		x = ix.ex.Extract(a)
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
	err error
}

// load runs the pipeline: one goroutine numbers the input, Workers goroutines turn records into
// Bleve documents, and the calling goroutine collects them into batches and writes them.
func load[T any](ctx context.Context, ix *Index, in <-chan T, toDoc func(T) news.Document, progress func(LoadStats)) (stats LoadStats, err error) {
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
			for j := range jobs {
				d := toDoc(j.v)
				m, err := bleveDocument(ix.mapping, ix.qmap, d)
				if err != nil {
					err = fmt.Errorf("record %d: %w", j.seq+1, err)
				}
				select {
				case results <- mapped{seq: j.seq, id: d.ID, mappedArticle: m, err: err}:
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

	var (
		firstErr error
		seen     = map[string]int{}  // id -> seq of the article that wins so far
		wrote    = map[string]bool{} // id -> whether its flushed article was written (else unchanged)
		pending  = map[string]mapped{}
	)
	// flush writes the pending documents whose stored form changed, and counts the others as
	// Unchanged, so that re-indexing the same input rewrites nothing. A written article gets its
	// story, and its quote documents replace those of its old version. The quotes are written
	// first, the articles (with their hashes) last: see quotes.go.
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		old, err := ix.storedHashes(ctx, pending)
		if err != nil {
			stats.Failed += len(pending)
			return err
		}
		ordered := make([]mapped, 0, len(pending))
		for _, m := range pending {
			ordered = append(ordered, m)
		}
		slices.SortFunc(ordered, func(a, b mapped) int { return cmp.Compare(a.seq, b.seq) })
		batch := ix.idx.NewBatch()
		stories := newStoryTable(ix)
		var ids []string
		var quotes []*document.Document
		for _, m := range ordered {
			id := m.id
			wrote[id] = old[id] != m.hash
			if !wrote[id] {
				stats.Unchanged++
				continue
			}
			story, err := stories.assign(ctx, id, m.sig)
			if err == nil {
				err = setStory(ix.mapping, m.doc, story)
			}
			if err != nil {
				stats.Failed += len(pending)
				return err
			}
			if err := batch.IndexAdvanced(m.doc); err != nil {
				stats.Failed += len(pending)
				return fmt.Errorf("add %q to batch: %w", id, err)
			}
			ids = append(ids, id)
			quotes = append(quotes, m.quotes...)
		}
		if len(ids) > 0 {
			qbatch := ix.quotes.NewBatch()
			if err := ix.replaceQuotes(ctx, qbatch, ids, quotes); err != nil {
				stats.Failed += len(ids)
				return err
			}
			if err := ix.quotes.Batch(qbatch); err != nil {
				stats.Failed += len(ids)
				return fmt.Errorf("write quote batch: %w", err)
			}
			if err := ix.idx.Batch(batch); err != nil {
				stats.Failed += len(ids)
				return fmt.Errorf("write batch: %w", err)
			}
			ix.gen.Add(1)
			stats.Indexed += len(ids)
		}
		clear(pending)
		if progress != nil {
			progress(stats)
		}
		return nil
	}
	// The workers finish out of order: results are taken in input order, so that the stories
	// assigned, which depend on which article came first, do not depend on scheduling.
	for r := range inOrder(results) {
		stats.Read++
		if r.err != nil {
			stats.Failed++
			if firstErr == nil {
				firstErr = r.err
			}
			continue
		}
		if prev, ok := seen[r.id]; ok {
			stats.Duplicates++
			if prev > r.seq {
				continue // a later article with this id was already taken
			}
			if _, inBatch := pending[r.id]; !inBatch {
				// The earlier one was already flushed; the later replaces it and counts instead.
				if wrote[r.id] {
					stats.Indexed--
				} else {
					stats.Unchanged--
				}
			}
		}
		seen[r.id] = r.seq
		pending[r.id] = r
		if len(pending) >= ix.opts.BatchSize {
			if err := flush(); err != nil {
				cancel()
				for range results { // let the workers finish
				}
				return stats, fmt.Errorf("load: %w", err)
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return stats, fmt.Errorf("load: %w", err)
	}
	if err := flush(); err != nil {
		return stats, fmt.Errorf("load: %w", err)
	}
	ix.logger.InfoContext(ctx, "indexed", "read", stats.Read, "indexed", stats.Indexed, "unchanged", stats.Unchanged,
		"duplicates", stats.Duplicates, "failed", stats.Failed, "took", time.Since(start))
	if firstErr != nil {
		return stats, fmt.Errorf("load: %d of %d articles failed, first: %w", stats.Failed, stats.Read, firstErr)
	}
	return stats, nil
}

// storedHashes returns the stored hashes of those of the pending articles that are in the
// index.
func (ix *Index) storedHashes(ctx context.Context, pending map[string]mapped) (map[string]string, error) {
	ids := make([]string, 0, len(pending))
	for id := range pending {
		ids = append(ids, id)
	}
	return ix.storedInfo(ctx, ids)
}

// storedInfo returns the stored hashes of those of ids that are articles in the index.
func (ix *Index) storedInfo(ctx context.Context, ids []string) (map[string]string, error) {
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = []string{fieldHash}
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("look up stored hashes: %w", err)
	}
	out := make(map[string]string, len(res.Hits))
	for _, h := range res.Hits {
		if v, ok := h.Fields[fieldHash].(string); ok {
			out[h.ID] = v
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
