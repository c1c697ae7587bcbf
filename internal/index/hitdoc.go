package index

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/valyala/fastjson"

	"github.com/searchd/searchd/internal/news"
)

// hitDoc is the part of a stored news.Document that a hit shows.
type hitDoc struct {
	Title    string
	Date     *time.Time
	Source   string
	URL      string
	Location *news.Location
	Speakers []string // speakerValues: named speakers, unique, in order
	Body     string
}

// hitDecoder reads hitDocs from stored documents (JSON written by encoding/json from a
// news.Document). It parses with fastjson, which neither validates the document twice nor
// allocates the quotes, as encoding/json did for about a fifth of a search's time; values
// come out as encoding/json gives them (TestDecodeHitMatchesJSON). Not safe for concurrent
// use: one per search.
type hitDecoder struct {
	p fastjson.Parser
}

var errNotObject = errors.New("not a JSON object")

// decode returns the hitDoc of the stored document raw.
func (hd *hitDecoder) decode(raw string) (hitDoc, error) {
	v, err := hd.p.Parse(raw)
	if err != nil {
		return hitDoc{}, err
	}
	o, err := v.Object()
	if err != nil {
		return hitDoc{}, errNotObject
	}
	var d hitDoc
	str := func(v *fastjson.Value) string { return string(v.GetStringBytes()) }
	o.Visit(func(key []byte, v *fastjson.Value) {
		if err != nil {
			return
		}
		switch string(key) {
		case "title":
			d.Title = str(v)
		case "source":
			d.Source = str(v)
		case "url":
			d.URL = str(v)
		case "body":
			d.Body = str(v)
		case "date":
			if v.Type() == fastjson.TypeString {
				var t time.Time
				if err = t.UnmarshalText(v.GetStringBytes()); err == nil {
					d.Date = &t
				}
			}
		case "location":
			if v.Type() == fastjson.TypeObject {
				l := &news.Location{Name: str(v.Get("name")), Country: str(v.Get("country")), Region: str(v.Get("region")), Source: str(v.Get("source"))}
				if l.Lat, err = number(v.Get("lat")); err == nil {
					l.Lon, err = number(v.Get("lon"))
				}
				d.Location = l
			}
		case "speakers":
			d.Speakers = []string{}
			for _, s := range v.GetArray() {
				name := str(s.Get("name"))
				if name != "" && str(s.Get("kind")) != news.KindUnnamed && !slices.Contains(d.Speakers, name) {
					d.Speakers = append(d.Speakers, name)
				}
			}
		}
	})
	if err != nil {
		return hitDoc{}, err
	}
	if d.Speakers == nil {
		d.Speakers = []string{}
	}
	return d, nil
}

// number parses a JSON number as encoding/json does (strconv.ParseFloat of its text); a
// missing or null value is 0.
func number(v *fastjson.Value) (float64, error) {
	if v == nil || v.Type() == fastjson.TypeNull {
		return 0, nil
	}
	if v.Type() != fastjson.TypeNumber {
		return 0, fmt.Errorf("not a number: %s", v)
	}
	return strconv.ParseFloat(string(v.MarshalTo(nil)), 64)
}
