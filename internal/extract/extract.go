// Package extract finds who is quoted in a news article, where it was filed and when.
//
// It is pure: text in, news.Extraction out, with no I/O after New has loaded the embedded
// lexicons and gazetteer. An Extractor is safe for concurrent use.
package extract

import (
	"errors"
	"fmt"
	"runtime/debug"

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

// Extract returns the speakers, date and location of one article. It does not panic: a
// stage that fails gives nothing (see TryExtract).
func (e *Extractor) Extract(a news.Article) news.Extraction {
	x, _ := e.TryExtract(a)
	return x
}

// TryExtract is Extract that also reports the stages that failed. A stage that panics (a bug:
// text that no rule foresaw) gives nothing, the others still give theirs, and the error (one
// *InternalError per stage) names the article and the stage, so that a load indexes the
// article with what was found, says why, and goes on.
func (e *Extractor) TryExtract(a news.Article) (news.Extraction, error) {
	var x news.Extraction
	var errs []error
	stage := func(name string, f func()) {
		defer func() {
			if r := recover(); r != nil {
				errs = append(errs, &InternalError{ID: a.ID, Stage: name, Value: r, Stack: debug.Stack()})
			}
		}()
		f()
	}
	stage("speakers", func() {
		speakers, unnamed := e.speakers.find(a)
		x.Speakers, x.Unnamed = canonicalSpeakers(speakers), unnamed
	})
	stage("places", func() { x.Location, x.Places = e.places.find(a) })
	stage("date", func() { x.Date, x.DateSource = findDate(a) })
	return x, errors.Join(errs...)
}

// InternalError is a stage of extraction that panicked on an article.
type InternalError struct {
	ID    string // the article's
	Stage string // speakers, places or date
	Value any    // what the stage panicked with
	Stack []byte // where
}

func (e *InternalError) Error() string {
	return fmt.Sprintf("extract %q: %s: internal error: %v", e.ID, e.Stage, e.Value)
}
