package index

import "github.com/searchd/searchd/internal/index/scorchx"

// Facets and sorts read columns of our own instead of Bleve's doc values (scorchx.Columns):
// for each segment of the article index (and of the quote index), the id, date key and facet
// values of every document, as small integers, built once from the segment's term
// dictionaries. These are the columns' fields.

// Column fields: the single-valued facet fields, then those with several values per document
// (from colSpeaker on: the speakers and the places mentioned).
const (
	colLocation = iota
	colSource
	colPlace
	colDay
	colSpeaker
	colPlaces
	numCols
)

// numOne is the number of single-valued columns: those before colSpeaker.
const numOne = colSpeaker

// The layout of scorchx.Columns is this one: both sizes are equal, or this does not compile.
var (
	_ [numCols - scorchx.NumCols]struct{}
	_ [scorchx.NumCols - numCols]struct{}
	_ [numOne - scorchx.NumOne]struct{}
	_ [scorchx.NumOne - numOne]struct{}
)

// newColumns returns the columns of an index with fields (colFields or quoteColFields), kept
// in files for segments of at least fileMin documents (none when it is negative).
func newColumns(fields [numCols]string, fileMin int) *scorchx.Columns {
	return scorchx.NewColumns(scorchx.Layout{Fields: fields, DateKey: fieldDateKey, Day: colDay, SaveMin: max(fileMin, 0)})
}

// colFields are the index fields of the article index's columns, by column.
var colFields = [numCols]string{fieldLocation, fieldSource, fieldPlace, fieldDay, fieldSpeaker, fieldPlaces}

// The quote index has columns too, for its speaker, role, location, source and places facets,
// its timeline and its date sort: quoteColFields, where colQRole takes colPlace's slot and
// colQSpeaker colSpeaker's (a quote has one speaker; the column allows several).
const (
	colQRole    = colPlace
	colQSpeaker = colSpeaker
)

// quoteColFields are the index fields of the quote index's columns, by column; empty: none.
var quoteColFields = [numCols]string{fieldLocation, fieldSource, fieldQRole, fieldDay, fieldQSpeaker, fieldPlaces}
