package index

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2/document"
	bindex "github.com/blevesearch/bleve_index_api"
	"github.com/valyala/fastjson"

	"github.com/searchd/searchd/internal/index/scorchx"
	"github.com/searchd/searchd/internal/names"
	"github.com/searchd/searchd/internal/news"
)

// Short names across the archive (internal/names): an article that says only "Roe" is stored
// with the full name the rest of the archive knows for that person, with the printed name in
// news.Speaker.Written, so that the speaker facet, the speaker filter, the speaker page and
// quote search see one value per person, with exact counts, and nothing at query time changes.
//
// Two steps keep that true whatever order articles come in:
//   - every load resolves its articles with the table of the last pass (load.go), so a new
//     "Roe" is stored as "Jane Roe" at once when the archive already knew her;
//   - ResolveNames reads every stored article, learns the table again, and rewrites the
//     articles whose resolution changed: those stored before the full name was known, and
//     those a changed archive no longer resolves the same way. It is idempotent.
//
// The stored hash is of the document as extracted (names restored, mapping.go), so
// re-indexing the same input still finds the article unchanged and keeps its resolution.

// NameStats says what ResolveNames did.
type NameStats struct {
	Articles int           // articles read
	Names    int           // full names of persons learnt
	Resolved int           // articles whose speakers' names were rewritten
	Skipped  bool          // nothing was written since the last pass: nothing done
	Took     time.Duration // wall time
}

// nameState is the table of the last ResolveNames pass, which loads apply, and the write
// generation that pass left.
type nameState struct {
	table atomic.Pointer[names.Table] // nil before the first pass
	pass  sync.Mutex                  // one pass at a time; guards gen
	gen   uint64                      // ix.gen after the last pass that saw every write
}

// ResolveNames learns from every stored article the full names of the archive's speakers
// and rewrites the articles whose short speaker names resolve otherwise than stored
// (internal/names). Run it after a load: `searchd index` runs it at its end and `searchd
// serve` periodically. It returns at once, with Skipped set, when no article was written
// since its last pass in this process, or, at its first call in a process, when the index
// directory keeps the table of a pass over the very articles of the index (namesFile): a pass
// that saw every write keeps its table there. Articles written while it runs are left to the
// next pass.
func (ix *Index) ResolveNames(ctx context.Context) (NameStats, error) {
	start := time.Now()
	ix.names.pass.Lock()
	defer ix.names.pass.Unlock()
	gen := ix.gen.Load()
	if last := ix.names.table.Load(); last != nil && gen == ix.names.gen {
		return NameStats{Skipped: true, Names: last.Len()}, nil
	}
	if ix.names.table.Load() == nil {
		// The table an earlier process learnt from these very articles, if it kept one.
		if t, ok := ix.readNames(); ok {
			ix.names.table.Store(t)
			ix.names.gen = gen // a write since is not in the snapshot read, or changed it
			ix.logger.InfoContext(ctx, "read the names table of the last pass", "names", t.Len(), "took", time.Since(start))
			return NameStats{Skipped: true, Names: t.Len(), Took: time.Since(start)}, nil
		}
	}
	var b names.Builder
	var stored []storedSpeakers // only those that a table may change: memory for a few
	read := 0
	err := ix.scanSpeakers(ctx, func(s storedSpeakers) {
		read++
		b.Add(s.speakers)
		if names.Resolvable(s.speakers) {
			stored = append(stored, s)
		}
	})
	if err != nil {
		return NameStats{}, fmt.Errorf("resolve names: %w", err)
	}
	table := b.Table()
	stats := NameStats{Articles: read, Names: table.Len()}
	var todo []storedSpeakers
	for _, s := range stored {
		if table.Apply(&news.Document{Speakers: s.speakers}) {
			todo = append(todo, s)
		}
	}
	ix.names.table.Store(table)
	writes := uint64(0) // batches this pass wrote, each one step of ix.gen
	for chunk := range slices.Chunk(todo, ix.opts.BatchSize) {
		n, err := ix.rewriteNames(ctx, table, chunk)
		stats.Resolved += n
		if n > 0 {
			writes++
		}
		if err != nil {
			if errors.Is(err, ErrReadOnly) {
				ix.names.gen = ix.gen.Load() // no use trying again before something is written
			}
			return stats, fmt.Errorf("resolve names: %w", err)
		}
	}
	// Writes of others during the pass leave gen behind, so that the next pass reads them.
	if ix.gen.Load() == gen+writes {
		ix.names.gen = gen + writes
		ix.saveNames(ctx, table, gen+writes)
	}
	stats.Took = time.Since(start)
	ix.logger.InfoContext(ctx, "resolved names", "articles", stats.Articles, "names", stats.Names,
		"rewritten", stats.Resolved, "took", stats.Took)
	return stats, nil
}

// adoptNames makes table, learnt by a bulk build from every article of the index at write
// generation gen, the table of the last ResolveNames pass, and keeps it (namesFile) unless a
// write came after gen: the pass that follows the build then has nothing to do.
func (ix *Index) adoptNames(ctx context.Context, table *names.Table, gen uint64) {
	if table == nil {
		return
	}
	ix.names.pass.Lock()
	defer ix.names.pass.Unlock()
	ix.names.table.Store(table)
	ix.names.gen = gen
	ix.saveNames(ctx, table, gen)
}

// resolveNames resolves the short speaker names of d with the table of the last
// ResolveNames pass, if any: the hook of loads.
func (ix *Index) resolveNames(d *news.Document) {
	if t := ix.names.table.Load(); t != nil {
		t.Apply(d)
	}
}

// extractedJSON returns the JSON of d as the extractor gave it, its resolved names restored,
// for the stored hash: raw (d's JSON) when no name was resolved.
func extractedJSON(d news.Document, raw []byte) ([]byte, error) {
	sp := names.Restore(d.Speakers)
	if len(sp) == 0 || &sp[0] == &d.Speakers[0] {
		return raw, nil
	}
	d.Speakers = sp
	return json.Marshal(d)
}

// storedSpeakers is an article's id, stored hash and speakers (without their quotes).
type storedSpeakers struct {
	id, hash string
	speakers []news.Speaker
}

// scanSpeakers calls f with the speakers of every stored article, in the order of the
// current snapshot's segments (the table learnt does not depend on it), reading each stored
// article once.
func (ix *Index) scanSpeakers(ctx context.Context, f func(storedSpeakers)) error {
	snap, err := ix.snapshot()
	if err != nil {
		return fmt.Errorf("read stored articles: %w", err)
	}
	defer snap.Close()
	var p fastjson.Parser
	return scorchx.EachLive(ctx, snap, func(c scorchx.Candidate) error {
		var id, stored, hash []byte
		err := scorchx.VisitStored(snap, c, func(field string, value []byte) bool {
			switch field {
			case "_id":
				id = value
			case fieldDoc:
				stored = value
			case fieldHash:
				hash = value
			}
			return true
		})
		if err != nil {
			return fmt.Errorf("read stored articles: %w", err)
		}
		if stored == nil { // not an article (none such is written; Bleve's internal documents)
			return nil
		}
		raw, err := docJSON(stored)
		if err != nil {
			return fmt.Errorf("read stored article %q: %w", id, err)
		}
		v, err := p.ParseBytes(raw)
		if err != nil {
			return fmt.Errorf("read stored article %q: %w", id, err)
		}
		s := storedSpeakers{id: string(id), hash: storedHash(string(hash))}
		for _, sv := range v.GetArray("speakers") {
			s.speakers = append(s.speakers, news.Speaker{
				Name: string(sv.GetStringBytes("name")), Title: string(sv.GetStringBytes("title")),
				Kind: string(sv.GetStringBytes("kind")), Written: string(sv.GetStringBytes("written")),
			})
		}
		f(s)
		return nil
	})
}

// rewriteNames resolves the names of the articles todo with table and writes those whose
// stored form changed, as a batch of a load does: quotes first, then the articles. An article
// written by another load since it was read is left as it is. It returns the number written.
func (ix *Index) rewriteNames(ctx context.Context, table *names.Table, todo []storedSpeakers) (int, error) {
	unlock, err := ix.lockWrites(ctx)
	if err != nil {
		return 0, err
	}
	defer unlock()
	if err := ix.checkWritable(); err != nil {
		return 0, err
	}
	ids := make([]string, len(todo))
	for i, s := range todo {
		ids[i] = s.id
	}
	now, err := ix.storedInfo(ctx, ids)
	if err != nil {
		return 0, err
	}
	batch := ix.articles().NewBatch()
	var changed []string
	var quotes []*document.Document
	fa := newFieldAnalysis(ix.mapping, ix.qmap)
	for _, s := range todo {
		if now[s.id] != s.hash {
			continue // rewritten or deleted since the scan
		}
		d, story, err := ix.storedDocStory(s.id)
		if err != nil {
			return 0, err
		}
		if !table.Apply(&d) {
			continue
		}
		m, err := bleveDocument(ix.mapping, ix.qmap, d, fa)
		if err == nil && story != "" {
			err = setStory(ix.mapping, m.doc, story)
		}
		if err != nil {
			return 0, err
		}
		if err := batch.IndexAdvanced(m.doc); err != nil {
			return 0, fmt.Errorf("add %q to batch: %w", s.id, err)
		}
		changed = append(changed, s.id)
		quotes = append(quotes, m.quotes...)
	}
	if len(changed) == 0 {
		return 0, nil
	}
	qbatch := ix.quoteDocs().NewBatch()
	if err := ix.replaceQuotes(ctx, qbatch, changed, quotes); err != nil {
		return 0, err
	}
	if err := ix.quoteDocs().Batch(qbatch); err != nil {
		err = fmt.Errorf("write quote batch: %w", err)
		ix.breakWrites(err)
		return 0, err
	}
	if err := ix.articles().Batch(batch); err != nil {
		err = fmt.Errorf("write batch: %w", err)
		ix.breakWrites(err)
		return 0, err
	}
	ix.gen.Add(1)
	return len(changed), nil
}

// storedDocStory returns the stored document of article id and its story ("" for none).
func (ix *Index) storedDocStory(id string) (news.Document, string, error) {
	doc, err := ix.articles().Document(id)
	if err != nil || doc == nil {
		return news.Document{}, "", fmt.Errorf("get %q: %w", id, cmp.Or(err, ErrNotFound))
	}
	var raw []byte
	story := ""
	doc.VisitFields(func(f bindex.Field) {
		switch f.Name() {
		case fieldDoc:
			raw = f.Value()
		case fieldStory:
			story = string(f.Value())
		}
	})
	raw, err = docJSON(raw)
	if err != nil {
		return news.Document{}, "", fmt.Errorf("get %q: %w", id, err)
	}
	d, err := decodeStored(raw)
	if err != nil {
		return news.Document{}, "", fmt.Errorf("get %q: %w", id, err)
	}
	return d, story, nil
}

// namesFile is the file of the index directory where ResolveNames keeps the table of its last
// pass, with the fingerprint of the article index it read (scorchx.Fingerprint), so that a new
// process uses it instead of reading every article again, as long as nothing was written since.
// It is a savedNames, as JSON compressed as stored documents are (compressDoc: 0.4 MB instead of
// 2.4 MB on AllSides); plain JSON, as written before, still reads.
const namesFile = "names.json"

// savedNames is the content of namesFile.
type savedNames struct {
	Fingerprint string          `json:"fingerprint"`
	Table       json.RawMessage `json:"table"`
}

// readNames returns the table kept in namesFile when it was learnt from the articles of the
// current snapshot, false otherwise (no file, another snapshot, another version of the rules).
func (ix *Index) readNames() (*names.Table, bool) {
	b, err := os.ReadFile(filepath.Join(ix.path, namesFile))
	if err == nil {
		b, err = docJSON(b)
	}
	if err != nil {
		return nil, false
	}
	var saved savedNames
	if json.Unmarshal(b, &saved) != nil {
		return nil, false
	}
	snap, err := ix.snapshot()
	if err != nil {
		return nil, false
	}
	defer snap.Close()
	if fp, ok := scorchx.Fingerprint(snap); !ok || fp != saved.Fingerprint {
		return nil, false
	}
	t, err := names.ParseTable(saved.Table)
	return t, err == nil
}

// saveNames keeps table in namesFile with the fingerprint of the current snapshot, when no
// write came after generation gen, whose articles it was learnt from. A failure is logged: the
// next process will read the articles again.
func (ix *Index) saveNames(ctx context.Context, table *names.Table, gen uint64) {
	unlock, err := ix.lockWrites(ctx)
	if err != nil {
		return
	}
	defer unlock()
	if ix.gen.Load() != gen {
		return
	}
	snap, err := ix.snapshot()
	if err != nil {
		return
	}
	fp, ok := scorchx.Fingerprint(snap)
	snap.Close()
	if !ok {
		return
	}
	tb, err := table.MarshalJSON()
	if err == nil {
		var b []byte
		if b, err = json.Marshal(savedNames{Fingerprint: fp, Table: tb}); err == nil {
			b, err = compressDoc(b)
		}
		if err == nil {
			err = writeFileAtomic(filepath.Join(ix.path, namesFile), b)
		}
	}
	if err != nil {
		ix.logger.WarnContext(ctx, "keep the names table", "err", err)
	}
}

// writeFileAtomic writes b to path through a temporary file, fsynced and renamed, so that path
// holds either its old content or b.
func writeFileAtomic(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(b)
	if err == nil {
		err = tmp.Sync()
	}
	if err2 := tmp.Close(); err == nil {
		err = err2
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}
