// Package scorchx holds the parts of searchd's index that reach below Bleve's public index
// API into its scorch engine and search internals: the phrase query that checks term
// positions itself, the sizes of a segment file's fields, and what reads scorch snapshots
// and segments directly.
// Package index uses it through a small exported API; nothing else imports it.
//
// Its results equal Bleve's own: package index's tests compare them with Bleve's phrase
// query (and, for what reads segments, Bleve's collector and facets) on generated indexes of
// several segments with deleted documents.
package scorchx
