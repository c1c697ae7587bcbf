package index

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"

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
	fieldDoc      = "doc"  // stored only: the news.Document as JSON
	fieldHash     = "hash" // stored only: a hash of the document, to skip unchanged re-indexing
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
		}
	}
	return f
}

// bleveDocument maps d to a Bleve document with im, ready for Batch.IndexAdvanced, and returns
// the hash of d's stored form with it. It runs in the extraction workers, so that mapping is
// done in parallel.
func bleveDocument(im mapping.IndexMapping, d news.Document) (*document.Document, string, error) {
	if d.ID == "" {
		return nil, "", ErrNoID
	}
	raw, err := json.Marshal(d)
	if err != nil {
		return nil, "", fmt.Errorf("encode %q: %w", d.ID, err)
	}
	sum := sha256.Sum256(raw)
	hash := hex.EncodeToString(sum[:16])
	doc := document.NewDocument(d.ID)
	if err := im.MapDocument(doc, indexFields(d, raw, hash)); err != nil {
		return nil, "", fmt.Errorf("map %q: %w", d.ID, err)
	}
	return doc, hash, nil
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
