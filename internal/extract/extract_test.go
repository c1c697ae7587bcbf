package extract

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/searchd/searchd/internal/news"
)

// TestTryExtractStageFails checks that a stage that panics gives an error naming the article
// and the stage, and that the other stages still give what they find: an Extractor without
// its lexicons and gazetteer panics in the speaker and place stages, and the date is found.
func TestTryExtractStageFails(t *testing.T) {
	date := time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)
	a := news.Article{ID: "a1", Title: "Ferry back", Body: "KESWATER — The ferry is back, Mayor Jane Roe said.", Date: date}
	x, err := (&Extractor{}).TryExtract(a)
	var stages []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var ie *InternalError
		if !errors.As(e, &ie) || ie.ID != "a1" || len(ie.Stack) == 0 || !strings.Contains(e.Error(), `"a1"`) {
			t.Errorf("error %v: want an *InternalError naming a1, with a stack", e)
			continue
		}
		stages = append(stages, ie.Stage)
	}
	if strings.Join(stages, ",") != "speakers,places" {
		t.Errorf("failed stages: got %v, want speakers and places", stages)
	}
	if !x.Date.Equal(date) || x.DateSource == "" || len(x.Speakers) != 0 || x.Location != nil {
		t.Errorf("got %+v, want the date alone", x)
	}
	// Extract gives the same and does not panic.
	if y := (&Extractor{}).Extract(a); !y.Date.Equal(date) || len(y.Speakers) != 0 {
		t.Errorf("Extract: got %+v, want the date alone", y)
	}
	// A whole extractor fails in no stage.
	ex, err := New()
	if err != nil {
		t.Fatal(err)
	}
	if x, err := ex.TryExtract(a); err != nil || len(x.Speakers) != 1 || x.Speakers[0].Name != "Jane Roe" {
		t.Errorf("TryExtract: got %+v (err %v), want Jane Roe", x.Speakers, err)
	}
}

// TestTryExtractCutArticles extracts every prefix of invented articles that ends at a word
// or a mark, as an article cut off by a feed's summary or a generator is: no stage may fail.
// (Three of them panicked: a body that ends with the verb after a comma, "“We are ready,” the
// mayor of Keswater, said"; a generated article of the million ended so.)
func TestTryExtractCutArticles(t *testing.T) {
	ex, err := New()
	if err != nil {
		t.Fatal(err)
	}
	bodies := []string{
		"KESWATER, Ont. (AP) — “We are ready,” the mayor of Keswater, said on Monday. " +
			"“We are ready.” And the mayor, said she would stay. In Keswater, a town she won, the vote is close, said Jane Roe. " +
			"Roe, 62, told reporters: “The harbour will reopen.” According to the ministry, the ferry is late, a spokesman said.",
		"The council (which met late) said it would vote. Sen. Jane Roe (D-Wis.), said the bill — which she wrote — “is fair,” " +
			"adding, “we will win.” Asked about it, Roe said: “No.” Stated Quist: “Yes.” “Maybe,” said Quist, “or not.” " +
			"\"The levy is a disgrace,\" Rep. Tom Quist, R-Ohio, said",
	}
	for _, body := range bodies {
		for i, r := range body {
			if r != ' ' && r != ',' && r != '.' && r != '”' && r != ':' && r != ')' {
				continue
			}
			for _, cut := range []string{body[:i], body[:i+len(string(r))]} {
				a := news.Article{ID: "cut", Title: "Cut", Body: cut}
				if _, err := ex.TryExtract(a); err != nil {
					var ie *InternalError
					errors.As(err, &ie)
					t.Fatalf("body %q: %v\n%s", cut, err, ie.Stack)
				}
			}
		}
	}
}
