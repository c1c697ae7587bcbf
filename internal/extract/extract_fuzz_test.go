package extract

import (
	"encoding/json"
	"errors"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/searchd/searchd/internal/news"
)

// FuzzExtract runs the whole extractor (speakers, places, date) on arbitrary titles and bodies
// and checks what every caller relies on: no stage that panics, quote offsets inside the body, speakers
// with names (or unnamed), a location with a name, and a result that encodes as JSON.
func FuzzExtract(f *testing.F) {
	f.Add("Ferry resumes", "OSLO (AP) — The ferry resumed on Monday, Mayor Lars Dahl said. “We are back,” he said.", "2025-06-01")
	f.Add("", "WASHINGTON, May 19 (Reuters) - \"Talks went well,\" a senior official said, according to aides.", "")
	f.Add("Posted 3:14 PM EDT", "Updated March 5, 2024\n\nLISBON — «Nada», disse ela. Ana Silva said: \"ok\"", "not a date")
	f.Add("“", "said said said “ ” \" , — (AP) —", "0001-01-01")
	f.Add("Cut", "“We are ready,” the mayor of Keswater, said", "") // the verb ends the body
	ex, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, title, body, date string) {
		if !utf8.ValidString(title) || !utf8.ValidString(body) {
			return // the readers reject invalid UTF-8 before extraction
		}
		a := news.Article{ID: "fuzz", Title: title, Body: body}
		if d, err := time.Parse(time.DateOnly, date); err == nil {
			a.Date = d
		}
		x, err := ex.TryExtract(a) // Extract would hide a panic
		var ie *InternalError
		if errors.As(err, &ie) {
			t.Fatalf("%v\n%s", err, ie.Stack)
		}
		checkOffsets(t, body, x.Speakers)
		for _, s := range x.Speakers {
			if s.Name == "" && s.Kind != news.KindUnnamed {
				t.Errorf("speaker of kind %q without a name: %+v", s.Kind, s)
			}
		}
		if x.Unnamed < 0 {
			t.Errorf("got %d unnamed quotes, want >= 0", x.Unnamed)
		}
		if x.Location != nil && x.Location.Name == "" {
			t.Errorf("location without a name: %+v", x.Location)
		}
		if x.Date.IsZero() != (x.DateSource == "") {
			t.Errorf("date %v with source %q: want a source exactly when there is a date", x.Date, x.DateSource)
		}
		if _, err := json.Marshal(news.NewDocument(a, x)); err != nil {
			t.Errorf("the document does not encode as JSON: %v", err)
		}
	})
}
