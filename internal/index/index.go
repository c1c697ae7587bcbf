// Package index owns searchd's Bleve index: it opens or creates it with searchd's mapping,
// extracts and indexes articles in batches, and answers searches with facets, snippets and
// cursors.
//
// The mapping indexes title and body with the English analyzer, speakers, location, source,
// places and country as keywords, the date as a datetime and the location's coordinates as a
// geopoint. There is no _all field: unfielded query terms are searched in title (boosted) and
// body. Title and body keep term vectors because Bleve's phrase queries need their positions;
// no other field has them, and they hold no byte offsets (preAnalyze). Facets and date sorts read columns of searchd's own, built per
// segment from the term dictionaries (scorchx.Columns, collect.go), not Bleve's doc values: no
// keyword field has doc values (only the geopoint does), in the article index or in the quote
// index. Indexes created with doc values by earlier versions keep them, unread. The columns
// of a segment of at least Options.ColumnFileMin documents are kept in a file beside it
// (<segment>.cols), which the next process maps instead of building them again. The whole
// news.Document is stored, as JSON, in one field that is not indexed, so that Get and every
// hit read a single stored field, and snippets are built from its body.
//
// Durability: Load, AddArticles, AddDocuments and Delete return only after Bleve's scorch
// engine has written the batch to disk and fsynced it (its unsafe_batch option stays off, so
// each batch waits for the persister), and Backup copies only persisted snapshots. An
// acknowledged write therefore survives a crash or SIGKILL right after it returns;
// cmd/searchd's TestProcessDurability checks this with real processes, and fails when
// unsafe_batch is turned on. An index killed mid-load opens with the batches written so far.
// BulkLoad into an index without articles builds it offline instead (bulk.go): nothing is
// acknowledged before the whole build is fsynced and swapped in, and an index killed mid-build
// opens empty.
//
// On the first 5,000 AllSides articles (BenchmarkMapping), Bleve's default mapping takes 3.8
// times the raw text, this mapping 2.0 times, and 1.1 times without term vectors.
package index

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	bindex "github.com/blevesearch/bleve_index_api"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/searchd/searchd/internal/extract"
	"github.com/searchd/searchd/internal/index/scorchx"
	"github.com/searchd/searchd/internal/news"
)

// ErrNoID is wrapped by the error Load returns when articles had an empty id.
var ErrNoID = errors.New("article has no id")

// Option defaults.
const (
	DefaultBatchSize     = 1000
	DefaultSearchTimeout = 10 * time.Second
)

// Options tunes an Index. Zero values take the defaults.
type Options struct {
	BatchSize     int           // articles per batch, default DefaultBatchSize
	Workers       int           // extraction goroutines, default runtime.GOMAXPROCS(0)
	SearchTimeout time.Duration // per search, default DefaultSearchTimeout
	Observer      Observer      // told the outcome of every load; nil for none
	// MaxSearches bounds the searches that run at once, default 2×GOMAXPROCS. More wait for a
	// slot within their timeout: under overload searches finish one after another instead of
	// all slowing down together until every one times out.
	MaxSearches int
	// CostlySearches is how many of the MaxSearches slots costly searches (Costly) may hold at
	// once, default DefaultCostlySearches. A costly search takes a slot only when no other
	// search waits for one.
	CostlySearches int
	// CostlyWait is how long a costly search waits for a slot before it fails with ErrBusy,
	// default DefaultCostlyWait.
	CostlyWait time.Duration
	// SearchCache is how many article search results Search keeps for repeated queries while
	// the index does not change (no write, no merge), default DefaultSearchCache; negative: none.
	SearchCache int
	// MaxQueryTerms bounds the index terms one search reads in all its clauses (wildcards,
	// regexps and fuzzy terms expanded, words, phrases), default DefaultMaxQueryTerms;
	// negative: no bound. A query over it fails with an error wrapping ErrBadQuery.
	// LimitExpansion bounds each clause alone.
	MaxQueryTerms int
	// ColumnFileMin is the least number of documents of a segment whose facet and sort
	// columns are kept in a file beside it (scorchx.Columns), so that the next Open reads them
	// instead of building them at its first search, default DefaultColumnFileMin; negative: none.
	ColumnFileMin int
}

// DefaultColumnFileMin is the default of Options.ColumnFileMin. A file costs disk (on AllSides,
// with 10,000: 47 MB, a fifth of the text, most of it the quotes' ids, written by the first
// server beside an index of 2.16 times the text), and saves a build that takes seconds below a
// million documents
// (AllSides' 37,554 articles about 0.2 s; its half a million quotes 3.6–5.7 s, after the first
// answer), but overran the 10 s search timeout for the million articles' segment.
const DefaultColumnFileMin = 800000

// Observer is told what each load (Load, AddArticles, AddDocuments) did, so that a caller can
// count ingests, for metrics, without this package depending on a metrics library. ObserveLoad
// is called once per load, also when the load fails, with the counts so far; it must be safe for
// concurrent use.
type Observer interface {
	ObserveLoad(LoadStats)
}

func (o Options) withDefaults() Options {
	if o.BatchSize <= 0 {
		o.BatchSize = DefaultBatchSize
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.SearchTimeout <= 0 {
		o.SearchTimeout = DefaultSearchTimeout
	}
	if o.MaxSearches <= 0 {
		o.MaxSearches = 2 * runtime.GOMAXPROCS(0)
	}
	if o.CostlySearches <= 0 {
		o.CostlySearches = DefaultCostlySearches
	}
	if o.CostlyWait <= 0 {
		o.CostlyWait = DefaultCostlyWait
	}
	if o.MaxQueryTerms == 0 {
		o.MaxQueryTerms = DefaultMaxQueryTerms
	}
	if o.SearchCache == 0 {
		o.SearchCache = DefaultSearchCache
	}
	if o.ColumnFileMin == 0 {
		o.ColumnFileMin = DefaultColumnFileMin
	}
	return o
}

// Index is searchd's article index. It is safe for concurrent use.
//
// On disk it is a directory holding two Bleve indexes: articles/ and quotes/, the quote
// documents (see quotes.go). Keeping the quotes apart keeps them out of the article index's
// posting lists and columns, which article searches and their facets read.
type Index struct {
	path    string
	st      atomic.Pointer[stores] // the Bleve indexes (writable.go)
	mapping mapping.IndexMapping
	qmap    mapping.IndexMapping
	ex      *extract.Extractor
	// exReady, when not nil, is closed once ExtractWith's extractor is loaded (then ex is
	// set) or failed to (exErr); loads wait for it.
	exReady chan struct{}
	exErr   error
	opts    Options
	logger  *slog.Logger
	slots   *admission // the search slots (admit.go)
	// writer is the token of the one write at a time: a batch of a load (from reading the
	// stored hashes to writing the quote and article batches) or a delete. Without it, two
	// writers of one id could leave the article of one and the quotes of the other.
	writer chan struct{}

	// gen counts writes, so that the cached speaker names can be invalidated.
	gen      atomic.Uint64
	speakers speakerNames
	names    nameState        // short speaker names resolved across the archive (names.go)
	cols     *scorchx.Columns // facet and sort columns of the article index's segments (columns.go)
	qcols    *scorchx.Columns // those of the quote index's segments
	results  resultCache      // of Search (cache.go)
	// hitDecoders recycles the hitDecoders of searches, whose parser keeps a copy of the last
	// document parsed and its values: one search of 20 hits grew them to a few hundred KB.
	hitDecoders sync.Pool

	// folds holds the filter fields' values without case and accents (fold.go).
	folds foldedFields

	// legacyBands is true when the article index holds MinHash band keys of the form of
	// earlier versions (stories.Signature.LegacyBandKeys), which story look-ups then search too. Set
	// by Open: writes add band keys of the current form only.
	legacyBands bool
	// formatRaised is true once both Bleve indexes hold formatVersion (raiseFormat).
	formatRaised atomic.Bool
}

// Subdirectories of an index directory.
const (
	articlesDir = "articles"
	quotesDir   = "quotes"
)

// errOldLayout is returned for an index written by an older searchd.
var errOldLayout = errors.New("the index was created by an older searchd (one Bleve index for articles and quotes): " +
	"move it away and index the articles again (searchd index --index DIR FILES)")

// Open opens the index at path, creating it (with searchd's mappings) when it does not exist
// or is an empty directory. ex extracts speakers, places and dates from the articles Load
// receives; it may be nil, in which case articles are indexed without extraction.
func Open(path string, ex *extract.Extractor, opts Options, logger *slog.Logger) (*Index, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	entries, err := os.ReadDir(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("open index %s: %w", path, err)
	}
	create := len(entries) == 0
	if !create {
		// A bulk load (bulk.go) that a crash interrupted: its build swapped in, or removed.
		if err := finishBuilds(path); err != nil {
			return nil, fmt.Errorf("open index %s: finish a bulk load: %w", path, err)
		}
		if _, err := os.Stat(filepath.Join(path, articlesDir)); err != nil {
			if _, meta := os.Stat(filepath.Join(path, "index_meta.json")); meta == nil {
				return nil, fmt.Errorf("open index %s: %w", path, errOldLayout)
			}
			return nil, fmt.Errorf("open index %s: not a searchd index (no %s directory): %w", path, articlesDir, err)
		}
	}
	idx, err := openOrCreate(filepath.Join(path, articlesDir), newMapping())
	if err != nil {
		return nil, fmt.Errorf("open index %s: %w", path, err)
	}
	err = checkFormat(idx)
	if err == nil {
		err = checkMapping(idx.Mapping())
	}
	if err != nil {
		idx.Close()
		return nil, fmt.Errorf("open index %s: %w", path, err)
	}
	// A crash right after the article index was created leaves no quote index: create it.
	quotes, err := openOrCreate(filepath.Join(path, quotesDir), newQuoteMapping())
	if err != nil {
		idx.Close()
		return nil, fmt.Errorf("open index %s: %w", path, err)
	}
	addQuotePlaces(quotes.Mapping())
	if create {
		logger.Info("created index", "path", path)
	} else {
		logger.Info("opened index", "path", path)
	}
	opts = opts.withDefaults()
	ix := &Index{path: path, mapping: idx.Mapping(), qmap: quotes.Mapping(), ex: ex, opts: opts,
		logger: logger, slots: newAdmission(opts.MaxSearches, opts.CostlySearches),
		writer: make(chan struct{}, 1)}
	ix.st.Store(&stores{articles: idx, quotes: quotes})
	ix.cols, ix.qcols = newColumns(colFields, opts.ColumnFileMin), newColumns(quoteColFields, opts.ColumnFileMin)
	if ix.legacyBands, err = hasLegacyBands(idx); err != nil {
		ix.Close()
		return nil, fmt.Errorf("open index %s: %w", path, err)
	}
	return ix, nil
}

// openOrCreate opens the Bleve index at dir, or creates it with im when dir does not exist.
func openOrCreate(dir string, im mapping.IndexMapping) (bleve.Index, error) {
	switch _, err := os.Stat(dir); {
	case err == nil:
		// A bolt lock held by another process fails after lockTimeout instead of blocking.
		idx, err := bleve.OpenUsing(dir, map[string]any{"bolt_timeout": lockTimeout.String()})
		if errors.Is(err, bolterrors.ErrTimeout) {
			return nil, fmt.Errorf("%w: another searchd (serve or index) has it open", ErrLocked)
		}
		return idx, err
	case errors.Is(err, os.ErrNotExist):
		idx, err := bleve.New(dir, im)
		if err != nil {
			return nil, fmt.Errorf("create %s: %w", filepath.Base(dir), err)
		}
		if err := idx.SetInternal(formatKey, formatValue()); err != nil {
			idx.Close()
			return nil, fmt.Errorf("create %s: %w", filepath.Base(dir), err)
		}
		return idx, nil
	default:
		return nil, err
	}
}

// Close flushes and closes the index.
func (ix *Index) Close() error {
	st := ix.st.Load()
	err1 := st.articles.Close()
	err2 := st.quotes.Close()
	if err := errors.Join(err1, err2); err != nil {
		return fmt.Errorf("close index: %w", err)
	}
	return nil
}

// checkMapping fails for an article index whose mapping lacks the fields of this version.
func checkMapping(m mapping.IndexMapping) error {
	im, ok := m.(*mapping.IndexMappingImpl)
	if !ok || im.DefaultMapping == nil || im.DefaultMapping.Properties[fieldDateKey] == nil {
		return errOldLayout
	}
	return nil
}

// addQuotePlaces adds fieldPlaces to the mapping of a quote index created before quote
// documents held their article's places, so that the quotes re-indexed since (hashVersion 4)
// are found by the place filter; Bleve keeps the mapping an index was created with.
func addQuotePlaces(m mapping.IndexMapping) {
	im, ok := m.(*mapping.IndexMappingImpl)
	if !ok || im.DefaultMapping == nil || im.DefaultMapping.Properties[fieldPlaces] != nil {
		return
	}
	im.DefaultMapping.AddFieldMappingsAt(fieldPlaces, keywordField())
}

// Count returns the number of articles in the index (quote documents are not counted).
func (ix *Index) Count() (uint64, error) {
	n, err := ix.articles().DocCount()
	if err != nil {
		return 0, fmt.Errorf("count documents: %w", err)
	}
	return n, nil
}

// Get returns the stored document with the given id, or an error wrapping ErrNotFound.
func (ix *Index) Get(ctx context.Context, id string) (news.Document, error) {
	if err := ctx.Err(); err != nil {
		return news.Document{}, err
	}
	raw, err := ix.storedDoc(id)
	if err != nil {
		return news.Document{}, err
	}
	d, err := decodeStored(raw)
	if err != nil {
		return news.Document{}, fmt.Errorf("get %q: %w", id, err)
	}
	return d, nil
}

// storedDoc returns the stored JSON of the document id, or an error wrapping ErrNotFound.
func (ix *Index) storedDoc(id string) ([]byte, error) {
	doc, err := ix.articles().Document(id)
	if err != nil {
		return nil, fmt.Errorf("get %q: %w", id, err)
	}
	if doc == nil {
		return nil, fmt.Errorf("get %q: %w", id, ErrNotFound)
	}
	var raw []byte
	doc.VisitFields(func(f bindex.Field) {
		if f.Name() == fieldDoc {
			raw = f.Value()
		}
	})
	if raw == nil {
		return nil, fmt.Errorf("get %q: no stored document (index built with another mapping?)", id)
	}
	if raw, err = docJSON(raw); err != nil {
		return nil, fmt.Errorf("get %q: %w", id, err)
	}
	return raw, nil
}

// Delete removes the article with the given id and its quotes, or returns an error wrapping
// ErrNotFound when there is no such article. The article goes first: a crash before its quotes
// are deleted leaves quotes without an article, which deleting the id again removes.
func (ix *Index) Delete(ctx context.Context, id string) error {
	unlock, err := ix.lockWrites(ctx)
	if err != nil {
		return fmt.Errorf("delete %q: %w", id, err)
	}
	defer unlock()
	if err := ix.checkWritable(); err != nil {
		return fmt.Errorf("delete %q: %w", id, err)
	}
	info, err := ix.storedInfo(ctx, []string{id})
	if err != nil {
		return fmt.Errorf("delete %q: %w", id, err)
	}
	_, found := info[id]
	if found {
		batch := ix.articles().NewBatch()
		batch.Delete(id)
		if err := ix.articles().Batch(batch); err != nil {
			err = fmt.Errorf("delete %q: %w", id, err)
			ix.breakWrites(err)
			return err
		}
		ix.gen.Add(1)
	}
	batch := ix.quoteDocs().NewBatch()
	if err := ix.replaceQuotes(ctx, batch, []string{id}, nil); err != nil {
		return fmt.Errorf("delete %q: %w", id, err)
	}
	if batch.Size() > 0 {
		if err := ix.quoteDocs().Batch(batch); err != nil {
			err = fmt.Errorf("delete quotes of %q: %w", id, err)
			ix.breakWrites(err)
			return err
		}
	}
	if !found {
		return fmt.Errorf("delete %q: %w", id, ErrNotFound)
	}
	return nil
}

// lockWrites waits for the write token, or for ctx to be done, and returns the function that
// gives the token back.
func (ix *Index) lockWrites(ctx context.Context) (unlock func(), err error) {
	select {
	case ix.writer <- struct{}{}:
		return func() { <-ix.writer }, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("waiting for another write: %w", ctx.Err())
	}
}
