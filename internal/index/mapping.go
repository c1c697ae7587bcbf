package index

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/numeric"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/searchd/searchd/internal/news"
)

// Index field names.
const (
	fieldTitle    = "title"
	fieldBody     = "body"
	fieldSpeaker  = "speaker"
	fieldLocation = "location"
	fieldGeo      = "geo"
	fieldDate     = "date"
	fieldSource   = "source"
	fieldPlaces   = "places"
	fieldCountry  = "country"
	fieldDoc      = "doc"  // stored only: the news.Document as JSON, compressed (stored.go)
	fieldHash     = "hash" // stored only: a hash of the document, to skip unchanged re-indexing
	fieldDay      = "day"  // keyword: the UTC day of the date, YYYY-MM-DD, for date facets
	// fieldDateKey is the date as one keyword term, Bleve's prefix-coded int64 nanoseconds
	// (shift 0), for sorts: its order is the date order, and a sort value is one short term,
	// where a datetime field has 16 prefix-coded terms (one per precision step). Both
	// indexes sort on it through their columns (columns.go).
	fieldDateKey = "datekey"

	// Fields of stories and the map (see story.go).
	fieldStory = "story"   // keyword, stored: the article's wire story
	fieldLSH   = "lsh"     // keyword: MinHash band keys, to find near-duplicates
	fieldSig   = "minhash" // stored only, by indexes written before format 3: the MinHash signature
	fieldPlace = "place"   // keyword: "name\tcountry\tlat\tlon" of the location, for the map

	// Fields of the quote index (see quotes.go), beside fieldSource, fieldLocation, fieldDate,
	// fieldDay and fieldDoc.
	fieldQuote    = "quote"    // text of a quote document
	fieldQSpeaker = "qspeaker" // keyword: the speaker of a quote document
	fieldQRole    = "qrole"    // keyword: the role given with the quote's speaker
)

// Document kinds, for the functions that serve both indexes.
const (
	typeArticle = "article"
	typeQuote   = "quote"
)

// textAnalyzer analyses title and body, and the query terms searched in them.
const textAnalyzer = en.AnalyzerName

// Field mappings shared by the article and quote mappings.

// textField is an English text field with term vectors (positions, which phrase queries need;
// preAnalyze drops their byte offsets).
func textField() *mapping.FieldMapping {
	f := bleve.NewTextFieldMapping()
	f.Analyzer = textAnalyzer
	f.Store = false
	f.IncludeTermVectors = true
	f.IncludeInAll = false
	f.DocValues = false
	return f
}

// keywordField is a keyword field without doc values: facets and sorts read columns.
func keywordField() *mapping.FieldMapping {
	f := bleve.NewKeywordFieldMapping()
	f.Analyzer = keyword.Name
	f.Store = false
	f.IncludeTermVectors = false
	f.IncludeInAll = false
	f.DocValues = false
	return f
}

// skipFreqNorm returns f without frequencies and norms, for the keyword and date fields of
// the quote index. Scorch writes a frequency and a norm (a float's bits: five bytes as a
// varint) for every document of a term, and one byte without them. In the quote index every
// value is shared by the quotes of an article or more, so that is most of the size of these
// fields (the 16 terms of a date: 0.16 of the text on 3,000 AllSides articles, 0.13
// without). Their clauses score 0 instead of a tf-idf of a term that occurs once: quote
// search ranks by the words. The article index keeps them but for years and months: there
// most values are of one article (date keys, MinHash bands), which scorch writes into the
// term dictionary itself when the frequency is 1, and without one they took more room
// (Bleve's date field of the articles 0.040 → 0.049, speakers 0.012 → 0.017).
func skipFreqNorm(f *mapping.FieldMapping) *mapping.FieldMapping {
	f.SkipFreqNorm = true
	return f
}

// dateKey is the fieldDateKey value of t.
func dateKey(t time.Time) string {
	return string(numeric.MustNewPrefixCodedInt64(t.UnixNano(), 0))
}

// dateFields sets the date fields of f for date t: those of an index dated by day terms
// (dates.go) and Bleve's date field of one created before. The mapping of an index has one
// or the other, and its static mapping leaves out the fields it does not have.
func dateFields(f map[string]any, t time.Time) {
	f[fieldDate] = t.UTC()
	dayTermFields(f, t)
}

// storedField is stored and not indexed.
func storedField() *mapping.FieldMapping {
	f := bleve.NewTextFieldMapping()
	f.Analyzer = keyword.Name
	f.Index = false
	f.Store = true
	f.IncludeTermVectors = false
	f.IncludeInAll = false
	f.DocValues = false
	return f
}

// staticMapping returns an index mapping with dm as its only, static, document mapping and no
// _all field.
func staticMapping(dm *mapping.DocumentMapping) *mapping.IndexMappingImpl {
	dm.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	im := bleve.NewIndexMapping()
	im.DefaultMapping = dm
	im.DefaultAnalyzer = textAnalyzer
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false
	return im
}

// newMapping returns the mapping of the article index: a static mapping with no _all field,
// term vectors on title and body only, and doc values on the geopoint only (geo queries
// filter candidates with them). Facets and sorts read the index's own columns, built from the
// term dictionaries (columns.go), so no keyword field needs doc values. Indexes created with
// doc values on the keyword fields (before columns) keep them: Bleve uses the mapping stored
// in the index, and nothing reads them.
func newMapping() *mapping.IndexMappingImpl {
	geo := bleve.NewGeoPointFieldMapping()
	geo.Store = false
	geo.IncludeInAll = false
	geo.DocValues = true
	story := keywordField()
	story.Store = true

	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(fieldTitle, textField())
	dm.AddFieldMappingsAt(fieldBody, textField())
	dm.AddFieldMappingsAt(fieldSpeaker, keywordField())
	dm.AddFieldMappingsAt(fieldLocation, keywordField())
	dm.AddFieldMappingsAt(fieldSource, keywordField())
	dm.AddFieldMappingsAt(fieldPlaces, keywordField())
	dm.AddFieldMappingsAt(fieldCountry, keywordField())
	dm.AddFieldMappingsAt(fieldYear, skipFreqNorm(keywordField()))
	dm.AddFieldMappingsAt(fieldMonth, skipFreqNorm(keywordField()))
	dm.AddFieldMappingsAt(fieldDay, keywordField())
	dm.AddFieldMappingsAt(fieldDateKey, keywordField())
	dm.AddFieldMappingsAt(fieldGeo, geo)
	dm.AddFieldMappingsAt(fieldDoc, storedField())
	dm.AddFieldMappingsAt(fieldHash, storedField())
	dm.AddFieldMappingsAt(fieldStory, story)
	dm.AddFieldMappingsAt(fieldLSH, keywordField())
	dm.AddFieldMappingsAt(fieldSig, storedField())
	dm.AddFieldMappingsAt(fieldPlace, keywordField())
	return staticMapping(dm)
}

// newQuoteMapping returns the mapping of the quote index, kept lean: the quote text with term
// vectors (phrase search), the speaker and role (facets), the article's source, location and
// places mentioned for filters, its date as terms of its year, month, day (also the
// timeline) and date key (filters, quotedates.go; sorts). Its id names its article (quoteID),
// which replacing or deleting an article's quotes looks up. Quote documents store nothing (quotes.go). No field has doc
// values: facets and sorts read the quote index's columns (columns.go).
func newQuoteMapping() *mapping.IndexMappingImpl {
	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(fieldQuote, textField())
	dm.AddFieldMappingsAt(fieldQSpeaker, skipFreqNorm(keywordField()))
	dm.AddFieldMappingsAt(fieldQRole, skipFreqNorm(keywordField()))
	dm.AddFieldMappingsAt(fieldSource, skipFreqNorm(keywordField()))
	dm.AddFieldMappingsAt(fieldLocation, skipFreqNorm(keywordField()))
	dm.AddFieldMappingsAt(fieldPlaces, skipFreqNorm(keywordField()))
	dm.AddFieldMappingsAt(fieldYear, skipFreqNorm(keywordField()))
	dm.AddFieldMappingsAt(fieldMonth, skipFreqNorm(keywordField()))
	dm.AddFieldMappingsAt(fieldDay, skipFreqNorm(keywordField()))
	dm.AddFieldMappingsAt(fieldDateKey, skipFreqNorm(keywordField()))
	dm.AddFieldMappingsAt(fieldDoc, storedField())
	return staticMapping(dm)
}

// indexFields returns the values of d that the mapping indexes, with stored, d's stored form
// (compressDoc), and its hash to store.
func indexFields(d news.Document, stored []byte, hash string) map[string]any {
	f := map[string]any{
		fieldTitle: d.Title,
		fieldBody:  d.Body,
		fieldDoc:   string(stored),
		fieldHash:  hash,
	}
	if names := speakerValues(d); len(names) > 0 {
		f[fieldSpeaker] = names
	}
	if places := uniqueNonEmpty(d.Places); len(places) > 0 {
		f[fieldPlaces] = places
	}
	if d.Source != "" {
		f[fieldSource] = d.Source
	}
	if d.Date != nil {
		dateFields(f, *d.Date)
	}
	if l := d.Location; l != nil {
		if l.Name != "" {
			f[fieldLocation] = l.Label() // one place per value: "Manchester, New Hampshire"
		}
		if l.Country != "" {
			f[fieldCountry] = l.Country
		}
		if l.Lat != 0 || l.Lon != 0 {
			f[fieldGeo] = map[string]any{"lat": l.Lat, "lon": l.Lon}
			if l.Name != "" {
				f[fieldPlace] = placeValue(*l)
			}
		}
	}
	return f
}

// hashVersion is mixed into the stored hash: raise it when what is indexed for an unchanged
// document changes (such as its quote documents), so that re-indexing rewrites it.
const hashVersion = "4" // 4: quote documents hold their article's places

// mappedArticle is an article mapped to Bleve documents, before its story is known.
type mappedArticle struct {
	doc    *document.Document   // the article, without fieldStory
	quotes []*document.Document // its quote documents
	sig    signature            // MinHash of its body; nil when too short
	hash   string               // of its stored form: equal hashes mean an unchanged article
}

// bleveDocument maps d to Bleve documents, the article with im and its quotes with qm, ready
// for Batch.IndexAdvanced, with the hash of d's stored form. It runs in the extraction workers,
// so that mapping is done in parallel.
func bleveDocument(im, qm mapping.IndexMapping, d news.Document, fa *fieldAnalysis) (mappedArticle, error) {
	return mapDocument(im, qm, d, minhash(d.Body), fa)
}

// mapDocument is bleveDocument with sig, the MinHash of d's body, computed already.
func mapDocument(im, qm mapping.IndexMapping, d news.Document, sig signature, fa *fieldAnalysis) (mappedArticle, error) {
	if d.ID == "" {
		return mappedArticle{}, ErrNoID
	}
	raw, err := json.Marshal(d)
	if err != nil {
		return mappedArticle{}, fmt.Errorf("encode %q: %w", d.ID, err)
	}
	hashed, err := extractedJSON(d, raw) // resolved names do not change the hash (names.go)
	if err != nil {
		return mappedArticle{}, fmt.Errorf("encode %q: %w", d.ID, err)
	}
	m := mappedArticle{hash: contentHash(hashed), sig: sig}
	if m.quotes, err = quoteDocuments(qm, d, fa); err != nil {
		return mappedArticle{}, err
	}
	storedRaw, err := storedJSON(d, raw)
	if err != nil {
		return mappedArticle{}, fmt.Errorf("encode %q: %w", d.ID, err)
	}
	stored, err := compressDoc(storedRaw)
	if err != nil {
		return mappedArticle{}, fmt.Errorf("encode %q: %w", d.ID, err)
	}
	f := indexFields(d, stored, m.hash)
	if m.sig != nil {
		f[fieldLSH] = m.sig.BandKeys() // the signature is not stored (story.go)
	}
	m.doc = document.NewDocument(d.ID)
	if err := im.MapDocument(m.doc, f); err != nil {
		return mappedArticle{}, fmt.Errorf("map %q: %w", d.ID, err)
	}
	preAnalyze(m.doc, fa)
	return m, nil
}

// preAnalyze analyses the indexed fields of doc now, in the calling goroutine, and marks them
// analysed, so that Bleve's own analysis of the document (in scorch's Batch, or in the
// offline builder, which analyses and builds segments in one goroutine) skips them. Mapping
// runs in the extraction workers, so the analysis of text, the largest part of indexing
// after segment building, runs on every core in a bulk load too.
//
// The term vectors of text fields keep the positions of the words, which phrases need, and
// drop their byte offsets (set to 0), which nothing reads: snippets and quote highlights are
// cut from the stored text (snippet.go), and phrases compare positions (scorchx.PhraseQuery, and
// Bleve's phrase searcher). Scorch writes each location as varints, so an offset of 0 takes
// one byte instead of two or three.
//
// Text and keyword fields are analysed by fa (which may be nil), the others by Bleve.
func preAnalyze(doc *document.Document, fa *fieldAnalysis) {
	out := doc.Fields[:0]
	var joined map[string]int // name -> index in out of the field that joins keyword values
	for _, f := range doc.Fields {
		if !f.Options().IsIndexed() {
			out = append(out, f)
			continue
		}
		if length, freqs, ok := fa.analyze(f); ok {
			if joinable(f, freqs) {
				if i, ok := joined[f.Name()]; ok {
					out[i] = out[i].(analyzedField).join(length, freqs)
					continue
				}
				if joined == nil {
					joined = map[string]int{}
				}
				joined[f.Name()] = len(out)
			}
			out = append(out, analyzedField{Field: f, length: length, freqs: freqs})
			continue
		}
		f.Analyze()
		if f.Options().IncludeTermVectors() {
			for _, tf := range f.AnalyzedTokenFrequencies() {
				for _, l := range tf.Locations {
					l.Start, l.End = 0, 0
				}
			}
		}
		out = append(out, analyzedField{Field: f, length: f.AnalyzedLength(), freqs: f.AnalyzedTokenFrequencies()})
	}
	clear(doc.Fields[len(out):])
	doc.Fields = out
}

// joinable reports whether the values of field f, analysed to freqs, can join those of the
// other fields of its name as one field: a keyword field (one term) that is neither stored
// nor has term vectors or doc values. Scorch adds up the terms and lengths of the fields of a
// name in a document (TokenFrequencies.MergeAll) and keeps the array positions of a value
// only with its term vectors, so the segment is the same, with fewer fields to visit: the 32
// MinHash band keys of an article, the places of a quote.
func joinable(f document.Field, freqs index.TokenFrequencies) bool {
	o := f.Options()
	return len(freqs) == 1 && !o.IsStored() && !o.IncludeTermVectors() && !o.IncludeDocValues()
}

// analyzedField is a field that preAnalyze analysed: Analyze does nothing, and the
// analysis is its length and frequencies.
type analyzedField struct {
	document.Field
	length int
	freqs  index.TokenFrequencies
}

// Analyze does nothing: the field was analysed already.
func (analyzedField) Analyze() {}

// AnalyzedLength returns the number of tokens of the field.
func (f analyzedField) AnalyzedLength() int { return f.length }

// AnalyzedTokenFrequencies returns the terms of the field, with their locations.
func (f analyzedField) AnalyzedTokenFrequencies() index.TokenFrequencies { return f.freqs }

// join returns f with the terms of another field of its name (joinable) added, as
// TokenFrequencies.MergeAll adds them.
func (f analyzedField) join(length int, freqs index.TokenFrequencies) analyzedField {
	f.length += length
	for k, tf := range freqs {
		if have, ok := f.freqs[k]; ok {
			have.SetFrequency(have.Frequency() + tf.Frequency())
		} else {
			f.freqs[k] = tf
		}
	}
	return f
}

// setStory adds the story field to a mapped article.
func setStory(im mapping.IndexMapping, doc *document.Document, story string) error {
	if err := im.MapDocument(doc, map[string]any{fieldStory: story}); err != nil {
		return fmt.Errorf("map story of %q: %w", doc.ID(), err)
	}
	return nil
}

// dayValue is the fieldDay value of date t: its UTC day, YYYY-MM-DD.
func dayValue(t time.Time) string { return t.UTC().Format(time.DateOnly) }

// placeValue is the map facet value of a location: name, country, latitude and longitude,
// separated by tabs.
func placeValue(l news.Location) string {
	return strings.Join([]string{l.Name, l.Country,
		strconv.FormatFloat(l.Lat, 'f', 4, 64), strconv.FormatFloat(l.Lon, 'f', 4, 64)}, "\t")
}

// speakerValues returns the unique names of d's named speakers: the values of the speaker field
// and facet. Unnamed sources (news.KindUnnamed, empty names) are left out.
func speakerValues(d news.Document) []string {
	names := make([]string, 0, len(d.Speakers))
	for _, s := range d.Speakers {
		if s.Name != "" && s.Kind != news.KindUnnamed && !slices.Contains(names, s.Name) {
			names = append(names, s.Name)
		}
	}
	return names
}

// uniqueNonEmpty returns the non-empty values of ss without repeats, in order.
func uniqueNonEmpty(ss []string) []string {
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
