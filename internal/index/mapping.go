package index

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"

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
	fieldDoc      = "doc"  // stored only: the news.Document as JSON (a quote document: its Quote)
	fieldHash     = "hash" // stored only: a hash of the document, to skip unchanged re-indexing

	// Fields added for quote documents, stories and the map (see quotes.go and story.go).
	fieldType     = "type"     // keyword: typeArticle or typeQuote
	fieldQuote    = "quote"    // text of a quote document
	fieldQSpeaker = "qspeaker" // keyword, doc values: the speaker of a quote document
	fieldQRole    = "qrole"    // keyword, doc values: the role given with the quote's speaker
	fieldArticle  = "article"  // keyword: the article id of a quote document
	fieldStory    = "story"    // keyword, doc values, stored: the article's wire story
	fieldLSH      = "lsh"      // keyword: MinHash band keys, to find near-duplicates
	fieldSig      = "minhash"  // stored only: the MinHash signature, to verify candidates
	fieldNQuotes  = "nquotes"  // stored only: how many quote documents the article has
	fieldPlace    = "place"    // keyword, doc values: "name\tcountry\tlat\tlon" of the location, for the map
)

// Document types (fieldType).
const (
	typeArticle = "article"
	typeQuote   = "quote"
)

// textAnalyzer analyses title and body, and the query terms searched in them.
const textAnalyzer = en.AnalyzerName

// newMapping returns searchd's index mapping: a static mapping with no _all field, no term
// vectors and one stored field (see the package comment).
func newMapping() *mapping.IndexMappingImpl {
	text := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = textAnalyzer
		f.Store = false
		f.IncludeTermVectors = true // positions, which phrase queries need
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	kw := func(docValues bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = false
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = docValues // needed by facets and sorts
		return f
	}
	date := bleve.NewDateTimeFieldMapping()
	date.Store = false
	date.IncludeInAll = false
	date.DocValues = true // sort and date facets
	geo := bleve.NewGeoPointFieldMapping()
	geo.Store = false
	geo.IncludeInAll = false
	geo.DocValues = true // geo queries filter candidates with doc values
	stored := bleve.NewTextFieldMapping()
	stored.Analyzer = keyword.Name
	stored.Index = false
	stored.Store = true
	stored.IncludeTermVectors = false
	stored.IncludeInAll = false
	stored.DocValues = false

	storedKW := kw(true)
	storedKW.Store = true

	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(fieldTitle, text())
	dm.AddFieldMappingsAt(fieldBody, text())
	dm.AddFieldMappingsAt(fieldSpeaker, kw(true))
	dm.AddFieldMappingsAt(fieldLocation, kw(true))
	dm.AddFieldMappingsAt(fieldSource, kw(true))
	dm.AddFieldMappingsAt(fieldPlaces, kw(false))
	dm.AddFieldMappingsAt(fieldCountry, kw(false))
	dm.AddFieldMappingsAt(fieldDate, date)
	dm.AddFieldMappingsAt(fieldGeo, geo)
	dm.AddFieldMappingsAt(fieldDoc, stored)
	dm.AddFieldMappingsAt(fieldHash, stored)
	dm.AddFieldMappingsAt(fieldType, kw(false))
	dm.AddFieldMappingsAt(fieldQuote, text())
	dm.AddFieldMappingsAt(fieldQSpeaker, kw(true))
	dm.AddFieldMappingsAt(fieldQRole, kw(true))
	dm.AddFieldMappingsAt(fieldArticle, kw(false))
	dm.AddFieldMappingsAt(fieldStory, storedKW)
	dm.AddFieldMappingsAt(fieldLSH, kw(false))
	dm.AddFieldMappingsAt(fieldSig, stored)
	dm.AddFieldMappingsAt(fieldNQuotes, stored)
	dm.AddFieldMappingsAt(fieldPlace, kw(true))
	dm.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())

	im := bleve.NewIndexMapping()
	im.DefaultMapping = dm
	im.DefaultAnalyzer = textAnalyzer
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false
	return im
}

// indexFields returns the values of d that the mapping indexes, with raw, d's JSON, and its
// hash to store.
func indexFields(d news.Document, raw []byte, hash string) map[string]any {
	f := map[string]any{
		fieldType:  typeArticle,
		fieldTitle: d.Title,
		fieldBody:  d.Body,
		fieldDoc:   string(raw),
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
		f[fieldDate] = d.Date.UTC()
	}
	if l := d.Location; l != nil {
		if l.Name != "" {
			f[fieldLocation] = l.Name
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
const hashVersion = "2"

// mappedArticle is an article mapped to Bleve documents, before its story is known.
type mappedArticle struct {
	doc    *document.Document   // the article, without fieldStory
	quotes []*document.Document // its quote documents
	sig    signature            // MinHash of its body; nil when too short
	hash   string               // of its stored form: equal hashes mean an unchanged article
}

// bleveDocument maps d to Bleve documents with im, ready for Batch.IndexAdvanced, with the hash
// of d's stored form. It runs in the extraction workers, so that mapping is done in parallel.
func bleveDocument(im mapping.IndexMapping, d news.Document) (mappedArticle, error) {
	if d.ID == "" {
		return mappedArticle{}, ErrNoID
	}
	raw, err := json.Marshal(d)
	if err != nil {
		return mappedArticle{}, fmt.Errorf("encode %q: %w", d.ID, err)
	}
	sum := sha256.Sum256(append([]byte(hashVersion), raw...))
	m := mappedArticle{hash: hex.EncodeToString(sum[:16]), sig: minhash(d.Body)}
	if m.quotes, err = quoteDocuments(im, d); err != nil {
		return mappedArticle{}, err
	}
	f := indexFields(d, raw, m.hash)
	f[fieldNQuotes] = strconv.Itoa(len(m.quotes))
	if m.sig != nil {
		f[fieldLSH] = m.sig.bands()
		f[fieldSig] = m.sig.encode()
	}
	m.doc = document.NewDocument(d.ID)
	if err := im.MapDocument(m.doc, f); err != nil {
		return mappedArticle{}, fmt.Errorf("map %q: %w", d.ID, err)
	}
	return m, nil
}

// setStory adds the story field to a mapped article.
func setStory(im mapping.IndexMapping, doc *document.Document, story string) error {
	if err := im.MapDocument(doc, map[string]any{fieldStory: story}); err != nil {
		return fmt.Errorf("map story of %q: %w", doc.ID(), err)
	}
	return nil
}

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
