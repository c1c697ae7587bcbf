// Package extract finds who is quoted in a news article, where it was filed and when.
//
// It is pure: text in, news.Extraction out, with no I/O after New has loaded the embedded
// lexicons and gazetteer. An Extractor is safe for concurrent use.
package extract

import (
	"github.com/searchd/searchd/internal/news"
)

// Extractor holds the lexicons and gazetteer that extraction needs. Build one with New and share it.
type Extractor struct {
	speakers *speakerFinder
	places   *placeFinder
}

// New loads the embedded lexicons, gazetteer and attribution weights.
func New() (*Extractor, error) { return newExtractor(rankWeightsFile) }

// NewRulesOnly is New without the learned ranker: what `searchd train-attribution` learns from,
// and the ablation of the ranker. It does not read the weights file, so a stale one cannot stop
// the training that replaces it.
func NewRulesOnly() (*Extractor, error) { return newExtractor(nil) }

func newExtractor(weights []byte) (*Extractor, error) {
	pf, err := newPlaceFinder()
	if err != nil {
		return nil, err
	}
	sf, err := newSpeakerFinder(pf.gaz, weights)
	if err != nil {
		return nil, err
	}
	return &Extractor{speakers: sf, places: pf}, nil
}

// Extract returns the speakers, date and location of one article.
func (e *Extractor) Extract(a news.Article) news.Extraction {
	var x news.Extraction
	x.Speakers, x.Unnamed = e.speakers.find(a)
	x.Speakers = canonicalSpeakers(x.Speakers)
	x.Location, x.Places = e.places.find(a)
	x.Date, x.DateSource = findDate(a)
	return x
}
