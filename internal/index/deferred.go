package index

import (
	"bufio"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2/document"

	"github.com/searchd/searchd/internal/names"
	"github.com/searchd/searchd/internal/news"
)

// The articles a bulk build defers until its names table is learnt (bulk.go): their JSON and
// MinHash wait in a file of the build, and they are mapped at the end.

// deferredArticle returns what a bulk build needs of d before it maps it: its hash and MinHash
// (as bleveDocument gives them), and its JSON.
func deferredArticle(d news.Document) (mappedArticle, []byte, error) {
	if d.ID == "" {
		return mappedArticle{}, nil, ErrNoID
	}
	raw, err := json.Marshal(d)
	if err != nil {
		return mappedArticle{}, nil, fmt.Errorf("encode %q: %w", d.ID, err)
	}
	hashed, err := extractedJSON(d, raw)
	if err != nil {
		return mappedArticle{}, nil, fmt.Errorf("encode %q: %w", d.ID, err)
	}
	return mappedArticle{hash: contentHash(hashed), sig: minhash(d.Body)}, raw, nil
}

// mapDeferred maps the article of JSON raw and MinHash sig (deferredArticle) as a load maps
// it, its speakers' names resolved with table (or, when table is nil, with ix's, as a load
// does), and reports whether the table changed them.
func mapDeferred(ix *Index, raw []byte, sig signature, table *names.Table, fa *fieldAnalysis) (mappedArticle, bool, error) {
	var d news.Document
	if err := json.Unmarshal(raw, &d); err != nil {
		return mappedArticle{}, false, fmt.Errorf("decode deferred article: %w", err)
	}
	resolved := false
	if table != nil {
		resolved = table.Apply(&d)
	} else {
		ix.resolveNames(&d)
	}
	m, err := mapDocument(ix.mapping, ix.qmap, d, sig, fa)
	return m, resolved, err
}

// deferredFile holds the deferred articles of a build: for each, its id, story, JSON and
// MinHash (its values as 8 bytes each, little-endian; none when nil), each as a uvarint
// length and its bytes.
type deferredFile struct {
	f *os.File
	w *bufio.Writer
	n int // articles added
}

// createDeferred creates the file of deferred articles path.
func createDeferred(path string) (*deferredFile, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return nil, err
	}
	return &deferredFile{f: f, w: bufio.NewWriterSize(f, 1<<20)}, nil
}

// add appends an article.
func (df *deferredFile) add(id, story string, raw []byte, sig signature) error {
	var n [binary.MaxVarintLen64]byte
	sb := make([]byte, 0, 8*len(sig))
	for _, v := range sig {
		sb = binary.LittleEndian.AppendUint64(sb, v)
	}
	for _, b := range [][]byte{[]byte(id), []byte(story), raw, sb} {
		if _, err := df.w.Write(n[:binary.PutUvarint(n[:], uint64(len(b)))]); err != nil {
			return err
		}
		if _, err := df.w.Write(b); err != nil {
			return err
		}
	}
	df.n++
	return nil
}

// deferredRecord is one article of a deferredFile, with its position in it.
type deferredRecord struct {
	seq       int
	id, story string
	raw       []byte
	sig       signature
}

// each calls f with every article added, in order, until f returns false.
func (df *deferredFile) each(f func(deferredRecord) bool) error {
	if err := df.w.Flush(); err != nil {
		return err
	}
	if _, err := df.f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	r := bufio.NewReaderSize(df.f, 1<<20)
	field := func() ([]byte, error) {
		n, err := binary.ReadUvarint(r)
		if err != nil {
			return nil, err
		}
		b := make([]byte, n)
		_, err = io.ReadFull(r, b)
		return b, err
	}
	for seq := range df.n {
		var parts [4][]byte
		for i := range parts {
			var err error
			if parts[i], err = field(); err != nil {
				return fmt.Errorf("read deferred articles: %w", err)
			}
		}
		var sig signature
		for b := parts[3]; len(b) >= 8; b = b[8:] {
			sig = append(sig, binary.LittleEndian.Uint64(b))
		}
		if !f(deferredRecord{seq: seq, id: string(parts[0]), story: string(parts[1]), raw: parts[2], sig: sig}) {
			return nil
		}
	}
	return nil
}

// close closes and removes the file.
func (df *deferredFile) close() {
	df.f.Close()
	os.Remove(df.f.Name())
}

// buildDeferred learns the names table from every article built, and resolves, maps and
// builds the deferred articles with it, in their input order, mapping on the load's number of
// workers. The file of deferred articles is removed.
func (w *bulkWriter) buildDeferred(parent context.Context) error {
	start := time.Now()
	w.table = w.names.Table()
	w.nameStats.Names = w.table.Len()
	if w.deferred == nil {
		return nil
	}
	defer func() {
		w.deferred.close()
		w.deferred = nil
		w.nameStats.Took = time.Since(start)
	}()
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	ix := w.ix
	records := make(chan deferredRecord, ix.opts.Workers)
	read := make(chan error, 1)
	go func() {
		defer close(records)
		read <- w.deferred.each(func(r deferredRecord) bool {
			select {
			case records <- r:
				return true
			case <-ctx.Done():
				return false
			}
		})
	}()
	results := make(chan mapped, 2*ix.opts.Workers)
	var wg sync.WaitGroup
	var resolved atomic.Int64
	for range ix.opts.Workers {
		wg.Go(func() {
			fa := newFieldAnalysis(ix.mapping, ix.qmap)
			for r := range records {
				m, changed, err := mapDeferred(ix, r.raw, r.sig, w.table, fa)
				if err == nil {
					err = setStory(ix.mapping, m.doc, r.story)
				}
				if err != nil {
					err = fmt.Errorf("deferred article %q: %w", r.id, err)
				} else if changed {
					resolved.Add(1)
				}
				select {
				case results <- mapped{seq: r.seq, id: r.id, mappedArticle: m, err: err}:
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
	var firstErr error
	var quotes []*document.Document
	sendQuotes := func() {
		if len(quotes) == 0 {
			return
		}
		select {
		case w.quoteDocs <- quotes:
		case <-ctx.Done():
		}
		quotes = nil
	}
	for r := range inOrder(results) {
		err := r.err
		if err == nil {
			if err = w.articles.Index(r.doc); err != nil {
				err = fmt.Errorf("add %q: %w", r.id, err)
			}
		}
		if err != nil {
			firstErr = err
			cancel()
			break
		}
		w.nArticles++
		quotes = append(quotes, r.quotes...)
		if len(quotes) >= bulkSegmentSize {
			sendQuotes()
		}
	}
	sendQuotes()
	cancel()
	for range results { // let the workers finish after a failure
	}
	w.nameStats.Resolved = int(resolved.Load())
	return errors.Join(firstErr, <-read, parent.Err())
}
