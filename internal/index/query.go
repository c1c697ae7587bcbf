package index

import (
	"errors"
	"time"

	"github.com/searchd/searchd/internal/news"
)

// ErrNotFound is returned when no article has the requested id.
var ErrNotFound = errors.New("article not found")

// ErrBadQuery wraps every error caused by the caller's query (syntax, cursor, size, sort), so
// that the HTTP layer can answer 400 with the message.
var ErrBadQuery = errors.New("bad query")

// Sort orders.
const (
	SortRelevance = "relevance" // score, then newest first
	SortDate      = "date"      // oldest first
	SortDateDesc  = "-date"     // newest first
)

// Size limits for Query.Size.
const (
	DefaultSize = 20
	MaxSize     = 100
)

// Limits for Query.FacetSize.
const (
	DefaultFacetSize = 20
	MaxFacetSize     = 100
)

// Query is one search request.
type Query struct {
	Q         string    // Bleve query-string syntax; words are ANDed; empty matches all
	Speakers  []string  // ORed within the field
	Locations []string  // ORed within the field
	Places    []string  // places mentioned (news.Document.Places); ORed within the field
	Sources   []string  // ORed within the field
	Since     time.Time // inclusive, zero for no bound
	Until     time.Time // inclusive day, zero for no bound
	Sort      string    // SortRelevance (default), SortDate, SortDateDesc
	Size      int       // 0 means DefaultSize; at most MaxSize
	After     string    // opaque cursor from Results.Next
	Collapse  string    // CollapseStory: one hit per wire story; empty: every article
	FacetSize int       // values per term facet (speaker, location, places, source); 0 means DefaultFacetSize; at most MaxFacetSize
}

// CollapseStory is the Query.Collapse value that returns one hit per wire story (collapse.go).
const CollapseStory = "story"

// Results is one page of hits with facets over all matches.
type Results struct {
	Total  uint64        `json:"total"`
	TookMS float64       `json:"took_ms"`
	Hits   []Hit         `json:"hits"`
	Facets Facets        `json:"facets"`
	Next   string        `json:"next,omitempty"` // cursor for the next page; empty on the last page
	Took   time.Duration `json:"-"`
	// Timeline is the date histogram of all matches (timeline.go); nil when none has a date.
	Timeline *Timeline `json:"timeline"`
	// Warning says what of the query was not used: set when every word of Q is a stop word or
	// punctuation, so that the search matched every article.
	Warning string `json:"warning,omitempty"`
}

// warnIgnored is Results.Warning for a query whose words all analysed to nothing.
const warnIgnored = "every word of the query is a stop word or punctuation, which are not indexed: all articles match; search for other words"

// Hit is one matching article as the result list shows it.
type Hit struct {
	ID       string         `json:"id"`
	Title    string         `json:"title"`
	Date     *time.Time     `json:"date"`
	Source   string         `json:"source"`
	URL      string         `json:"url"`
	Location *news.Location `json:"location"`
	Speakers []string       `json:"speakers"`
	Snippet  string         `json:"snippet"` // HTML-escaped body text with <mark> around matches
	Score    float64        `json:"score"`
	Story    string         `json:"story,omitempty"`    // the wire story (story.go): an article id
	Versions int            `json:"versions,omitempty"` // with Collapse: articles of the story in the index
	Others   []Version      `json:"others,omitempty"`   // with Collapse: the other versions, newest first

	// TitleHTML is the title HTML-escaped, with <mark> around the matches, as in Snippet.
	TitleHTML string `json:"title_html"`
}

// Version is another article of a hit's wire story.
type Version struct {
	ID     string     `json:"id"`
	Title  string     `json:"title"`
	Source string     `json:"source"`
	Date   *time.Time `json:"date"`
}

// Facets holds the facet counts of a search.
type Facets struct {
	Speaker  []FacetValue `json:"speaker"`
	Location []FacetValue `json:"location"`
	Places   []FacetValue `json:"places"` // the places the stories are about: "Places mentioned"
	Source   []FacetValue `json:"source"`
	Date     []DateBucket `json:"date"`
	Place    []PlaceValue `json:"place"` // locations with coordinates, for the map
}

// PlaceValue is a location of the matching articles, with its coordinates and count.
type PlaceValue struct {
	Name    string  `json:"name"`
	Country string  `json:"country"`
	Lat     float64 `json:"lat"`
	Lon     float64 `json:"lon"`
	Count   int     `json:"count"`
}

// FacetValue is one value of a term facet and the number of matching articles that have it.
type FacetValue struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// DateBucket is one date-range facet bucket. From is inclusive, To exclusive (YYYY-MM-DD).
type DateBucket struct {
	Label string `json:"label"`
	From  string `json:"from,omitempty"`
	To    string `json:"to,omitempty"`
	Count int    `json:"count"`
}

// LoadStats counts what a load did.
type LoadStats struct {
	Read       int `json:"read"`       // articles received
	Indexed    int `json:"indexed"`    // articles written (new or changed)
	Unchanged  int `json:"unchanged"`  // articles already in the index exactly as they would be written
	Duplicates int `json:"duplicates"` // articles whose id was already seen earlier in the same load; the later one wins
	Failed     int `json:"failed"`     // articles that could not be written (see the returned error)
	// DatesDropped counts articles indexed without their date, which was out of range
	// (before 1900 or more than a year ahead).
	DatesDropped int `json:"dates_dropped,omitempty"`
	// HeldBytes estimates the memory a load holds until it ends (the ids it has seen, and a
	// bulk load's stories and the ids and hashes built), which grows with the articles loaded:
	// a soft memory limit meant for the working memory of batches should be raised by it.
	// Progress reports carry it.
	HeldBytes int64 `json:"-"`
	// Deferred counts the articles a bulk build deferred until its names table was learnt
	// (bulk.go): read, extracted and counted as indexed when read, built at its end.
	Deferred int `json:"deferred,omitempty"`
	// Names is, for a bulk build, what resolving its articles' short speaker names did as
	// they were built (bulk.go); nil otherwise.
	Names *NameStats `json:"names,omitempty"`
}
