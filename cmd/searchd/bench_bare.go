package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/searchd/searchd/internal/index"
	"github.com/searchd/searchd/internal/ingest"
	"github.com/searchd/searchd/internal/news"
)

// bench ingest --bare: the floor that searchd's own ingest is measured against. Bleve's
// offline builder (bleve.NewBuilder, as searchd's bulk build uses it) indexes the least that
// the peers' results page needs of an article search: title and body analysed in English with
// term vectors (phrases, and the positions of snippets), title and body stored (the hit and its
// snippet), source and date as keywords (the source count, a date filter). No extraction, no
// quotes, no stories, no facet columns, Bleve's own analysis and its default builder settings,
// one goroutine (Bleve's builder is not safe for concurrent use).

// bareMapping is the index mapping of a bare build.
func bareMapping() mapping.IndexMapping {
	text := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = en.AnalyzerName
		f.Store = true
		f.IncludeTermVectors = true
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	kw := func() *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = false
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt("title", text())
	dm.AddFieldMappingsAt("body", text())
	dm.AddFieldMappingsAt("source", kw())
	dm.AddFieldMappingsAt("date", kw())
	dm.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	im := bleve.NewIndexMapping()
	im.DefaultMapping = dm
	im.DefaultAnalyzer = en.AnalyzerName
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false
	return im
}

// bareBuild indexes the articles of paths into a new Bleve index at dir with Bleve's offline
// builder, calling observe with the counts so far after every article, and returns them. An
// article without an id gets its number in the input. Unreadable input is reported on stderr
// and skipped, as a load does.
func bareBuild(ctx context.Context, dir string, paths []string, stderr io.Writer, observe func(index.LoadStats)) (index.LoadStats, error) {
	var st index.LoadStats
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return st, fmt.Errorf("bare build: %w", err)
	}
	// NewBuilder wants a directory of its own.
	path := dir + "/bleve"
	b, err := bleve.NewBuilder(path, bareMapping(), nil)
	if err != nil {
		return st, fmt.Errorf("bare build: %w", err)
	}
	werr := ingest.Walk(ctx, paths, ingest.Options{}, func(a news.Article) error {
		st.Read++
		id := a.ID
		if id == "" {
			id = strconv.Itoa(st.Read)
		}
		doc := map[string]any{"title": a.Title, "body": a.Body, "source": a.Source}
		if !a.Date.IsZero() {
			doc["date"] = a.Date.UTC().Format("2006-01-02")
		}
		if err := b.Index(id, doc); err != nil {
			return fmt.Errorf("bare build: add %q: %w", id, err)
		}
		st.Indexed++
		if observe != nil {
			observe(st)
		}
		return nil
	}, func(e *ingest.Error) {
		st.Failed++
		fmt.Fprintln(stderr, e.Error())
	})
	cerr := b.Close() // merges the segments into the index
	if werr != nil {
		return st, werr
	}
	if cerr != nil {
		return st, fmt.Errorf("bare build: %w", cerr)
	}
	return st, nil
}
