// Package news holds the domain types that searchd's packages share: an article as read from
// input, what extraction finds in it, and the document the index stores and the API returns.
//
// It has no dependencies beyond the standard library, so every other package may import it.
package news

import "time"

// Speaker kinds.
const (
	KindPerson       = "person"
	KindOrganization = "organization"
	// KindUnnamed marks a source the article does not name ("a senior official said"): the
	// speaker's Name is empty and its Title holds the mention as written. Unnamed speakers
	// are never speaker facet values.
	KindUnnamed = "unnamed"
)

// Location sources: where the location of an article was found.
const (
	LocationDateline = "dateline"
	LocationMetadata = "metadata"
	LocationText     = "text"
)

// Article is one input record, as a reader found it, before extraction.
type Article struct {
	ID      string            `json:"id"`
	Title   string            `json:"title"`
	Body    string            `json:"body"`
	Date    time.Time         `json:"date,omitzero"` // zero when the input gave none
	Source  string            `json:"source,omitempty"`
	URL     string            `json:"url,omitempty"`
	Authors []string          `json:"authors,omitempty"`
	Meta    map[string]string `json:"meta,omitempty"` // input fields searchd does not model, as text
}

// Quote is one attributed statement: a direct quotation or reported speech.
type Quote struct {
	Text   string `json:"text"`
	Direct bool   `json:"direct"`
	// Start and End are code-point offsets of Text in the article body (End exclusive),
	// or both zero when the quote could not be located.
	Start int `json:"start"`
	End   int `json:"end"`
}

// Speaker is a person or organisation quoted in an article, resolved to a canonical full name.
type Speaker struct {
	Name   string  `json:"name"`
	Title  string  `json:"title"` // role given with the name, such as "White House press secretary"; may be empty
	Kind   string  `json:"kind"`  // KindPerson, KindOrganization or KindUnnamed
	Quotes []Quote `json:"quotes"`
	// Written is the name as the article printed it, when the index has resolved that short
	// name ("Roe") to the full name the rest of the archive knows (Name, "Jane Roe"); empty
	// otherwise. The extractor never sets it (see internal/names).
	Written string `json:"written,omitempty"`
}

// Location is a place an article was filed from, resolved against the gazetteer.
type Location struct {
	Name    string `json:"name"`
	Country string `json:"country"`
	// Region is the first-level region (a US state, a Canadian province) the place lies in,
	// or that it is; empty for a country, or when unknown.
	Region string  `json:"region,omitempty"`
	Lat    float64 `json:"lat"`
	Lon    float64 `json:"lon"`
	// Source says where the location was found: LocationDateline, LocationMetadata, or
	// LocationText when the text says the reporting happened there ("told reporters in Paris").
	Source string `json:"source,omitempty"`
}

// labelByRegion are the countries whose places are told apart by their first-level region,
// as their own news does: "Portland, Oregon", "London, Ontario".
var labelByRegion = map[string]bool{"United States": true, "Canada": true, "Australia": true}

// regionLabels are the forms of region names that a label uses instead of the gazetteer's.
var regionLabels = map[string]string{"District of Columbia": "D.C."}

// Label names the place l and no other, for a facet value: a country by its name
// ("France"), a region with its country ("Virginia, United States"), a city with its region
// in the United States, Canada and Australia ("Manchester, New Hampshire") and with its
// country elsewhere ("Manchester, United Kingdom").
func (l Location) Label() string {
	switch {
	case l.Name == "" || l.Country == "" || l.Name == l.Country:
		return l.Name
	case l.Region != "" && l.Region != l.Name && labelByRegion[l.Country]:
		r := l.Region
		if s, ok := regionLabels[r]; ok {
			r = s
		}
		return l.Name + ", " + r
	}
	return l.Name + ", " + l.Country
}

// Extraction is what the extractor finds in an article.
type Extraction struct {
	Date       time.Time // zero when no date was found
	DateSource string    // "metadata", "posted", "dateline", "dateline-text" ...; empty when Date is zero
	Location   *Location // nil when no place was found
	Speakers   []Speaker // in order of first quote, unnamed sources (KindUnnamed) included
	Places     []string  // countries and cities named in the text, canonical names, unique
	Unnamed    int       // quotes attributed to unnamed sources ("an official said")
}

// Document is what the index stores for one article and what `searchd extract` prints:
// the input fields and the extraction. Its JSON form is the extract contract documented in
// the README; change it only compatibly.
type Document struct {
	ID       string            `json:"id"`
	Title    string            `json:"title"`
	Date     *time.Time        `json:"date"`
	Source   string            `json:"source"`
	URL      string            `json:"url"`
	Authors  []string          `json:"authors,omitempty"`
	Location *Location         `json:"location"`
	Speakers []Speaker         `json:"speakers"`
	Places   []string          `json:"places,omitempty"`
	Unnamed  int               `json:"unnamed_quotes,omitempty"`
	Body     string            `json:"body,omitempty"`
	Meta     map[string]string `json:"meta,omitempty"`
}

// NewDocument combines an article and its extraction into the stored document. The extracted
// date is used when the article itself has none.
func NewDocument(a Article, x Extraction) Document {
	d := Document{
		ID:       a.ID,
		Title:    a.Title,
		Source:   a.Source,
		URL:      a.URL,
		Authors:  a.Authors,
		Location: x.Location,
		Speakers: x.Speakers,
		Places:   x.Places,
		Unnamed:  x.Unnamed,
		Body:     a.Body,
		Meta:     a.Meta,
	}
	if d.Speakers == nil {
		d.Speakers = []Speaker{}
	}
	date := a.Date
	if date.IsZero() {
		date = x.Date
	}
	if !date.IsZero() {
		date = date.UTC()
		d.Date = &date
	}
	return d
}

// SpeakerNames returns the names of the document's speakers, in order.
func (d Document) SpeakerNames() []string {
	names := make([]string, 0, len(d.Speakers))
	for _, s := range d.Speakers {
		names = append(names, s.Name)
	}
	return names
}
