// Package scorchx holds the parts of searchd's index that reach below Bleve's public index
// API into its scorch engine and search internals: snapshots of an index (Snapshot), the
// columns that replace Bleve's doc values for facets and sorts (Columns) and the collector
// that reads them (Columns.Collect), the leapfrog of a query and its filter (Searcher), the
// flat searcher of words and phrases without filters (flat.go), the phrase query that checks
// term positions itself (PhraseQuery), and the sizes of a segment file's fields
// (SegmentSizes). Package index uses it through this small exported API; it knows nothing
// of searchd's fields, which index gives it (Layout).
//
// Its results equal Bleve's own: package index's tests compare the collector (hits, order,
// totals and facets), the leapfrog, the flat searcher (scores to the bit) and the phrase
// query with Bleve's collector, facets and searchers on generated indexes of several
// segments with deleted and replaced documents, with no data from outside the repository.
package scorchx
