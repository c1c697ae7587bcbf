package index

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/searchd/searchd/internal/news"
)

// checkDecodeHit compares hitDecoder with encoding/json and speakerValues on d.
func checkDecodeHit(t *testing.T, hd *hitDecoder, d news.Document) {
	t.Helper()
	raw, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var want news.Document
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	got, err := hd.decode(string(raw))
	if err != nil {
		t.Fatalf("%s: %v", d.ID, err)
	}
	w := hitDoc{Title: want.Title, Date: want.Date, Source: want.Source, URL: want.URL, Location: want.Location,
		Speakers: speakerValues(want), Body: want.Body}
	if !reflect.DeepEqual(got, w) {
		t.Errorf("%s: got %+v, want %+v", d.ID, got, w)
	}
}

func TestDecodeHitMatchesJSON(t *testing.T) {
	var hd hitDecoder
	for _, d := range fixtures() {
		checkDecodeHit(t, &hd, d)
	}
	at := time.Date(2021, 7, 4, 13, 5, 59, 123456789, time.FixedZone("X", 3600))
	odd := news.Document{ID: "odd", Title: "Quotes \"inside\", a tab\t, \\ and \u2028 \U0001F600 <b>&amp;</b>",
		Date: &at, Source: "S", URL: "https://x.test/?a=1&b=2",
		Location: &news.Location{Name: "Zürich", Country: "Switzerland", Lat: 47.3769, Lon: 8.5417, Source: news.LocationText},
		Speakers: []news.Speaker{{Name: "A", Kind: news.KindPerson, Quotes: []news.Quote{{Text: "said \"x\"", Direct: true}}},
			{Name: "", Title: "an official", Kind: news.KindUnnamed}, {Name: "B", Kind: news.KindUnnamed}, {Name: "A", Kind: news.KindPerson},
			{Name: "Org", Kind: news.KindOrganization}},
		Authors: []string{"x"}, Places: []string{"p"}, Meta: map[string]string{"title": "not this one"},
		Body: "Line one.\nLine \"two\" with invalid \xff UTF-8 and \x00 a NUL."}
	checkDecodeHit(t, &hd, odd)
	checkDecodeHit(t, &hd, news.Document{ID: "empty"})
	checkDecodeHit(t, &hd, news.Document{ID: "far", Location: &news.Location{Lat: -1e-7, Lon: 179.99999999999997}})
	for _, a := range readCorpus(t, "corpora/allsides.jsonl.gz", 500) {
		checkDecodeHit(t, &hd, news.NewDocument(a, news.Extraction{Speakers: []news.Speaker{{Name: a.Source, Kind: news.KindOrganization,
			Quotes: []news.Quote{{Text: a.Title}}}}}))
	}
	if _, err := hd.decode("[1]"); err == nil {
		t.Errorf("decode of an array: got no error, want one")
	}
}
