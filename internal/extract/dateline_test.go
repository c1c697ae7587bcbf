package extract

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/searchd/searchd/internal/news"
)

// The lines below are fictional, written for these tests in the styles of the agencies.
func TestParseDateline(t *testing.T) {
	tests := []struct {
		line             string
		place, qualifier string
		agency           string
		month            time.Month
		day              int
		rest             string
		ok               bool
	}{
		{line: "WASHINGTON (AP) — Lawmakers argued late into the night.", place: "WASHINGTON", agency: "AP", rest: "Lawmakers argued late into the night.", ok: true},
		{line: "HOUSTON, Jan 27 (Reuters) - Refiners cut output.", place: "HOUSTON", agency: "Reuters", month: time.January, day: 27, rest: "Refiners cut output.", ok: true},
		{line: "ALEXANDRIA, Va. (Reuters) - A jury was seated.", place: "ALEXANDRIA", qualifier: "Va.", agency: "Reuters", rest: "A jury was seated.", ok: true},
		{line: "PARIS (AFP) - La grève continue.", place: "PARIS", agency: "AFP", rest: "La grève continue.", ok: true},
		{line: "MANCHESTER, N.H. (UPI) -- Voters lined up early.", place: "MANCHESTER", qualifier: "N.H.", agency: "UPI", rest: "Voters lined up early.", ok: true},
		{line: "AUSTIN, Texas (AP) — The governor signed the bill.", place: "AUSTIN", qualifier: "Texas", agency: "AP", rest: "The governor signed the bill.", ok: true},
		{line: "SALVADOR, Feb 26 - Rain fell over the cocoa zone.", place: "SALVADOR", month: time.February, day: 26, rest: "Rain fell over the cocoa zone.", ok: true},
		{line: "New York, March 3 - Shares closed higher.", place: "New York", month: time.March, day: 3, rest: "Shares closed higher.", ok: true},
		{line: "omaha, april 7 - hog prices were steady.", place: "omaha", month: time.April, day: 7, rest: "hog prices were steady.", ok: true},
		{line: "PORTLAND, Ore., Narch 2 - A mill reopened.", place: "PORTLAND", qualifier: "Ore.", rest: "A mill reopened.", ok: true},
		{line: "LONDON, Oct 20- A bank opened a branch.", place: "LONDON", month: time.October, day: 20, rest: "A bank opened a branch.", ok: true},
		{line: "ROME, March 13, Reuter - Rates rose.", place: "ROME", month: time.March, day: 13, rest: "Rates rose.", ok: true},
		{line: "Orlando, Florida (CNN) The governor spoke at length.", place: "Orlando", qualifier: "Florida", agency: "CNN", rest: "The governor spoke at length.", ok: true},
		{line: "Washington (Reuters) The senator spoke.", ok: false}, // only CNN writes no dash
		{line: "AMSTERDAM, 2 March - Bids were accepted.", place: "AMSTERDAM", month: time.March, day: 2, rest: "Bids were accepted.", ok: true},
		{line: "BEIRUT - Gunfire was heard overnight.", place: "BEIRUT", rest: "Gunfire was heard overnight.", ok: true},
		{line: "Washington (CNN) — The Senate adjourned.", place: "Washington", agency: "CNN", rest: "The Senate adjourned.", ok: true},
		{line: "The company said - without giving details - it would cut jobs.", ok: false},
		{line: "Shares rose 3 - 2 in early trade.", ok: false},
		{line: "Friday, January 4, 2019", ok: false},
		{line: "President Jane Doe (D) - the new mayor - spoke first.", ok: false},
		{line: "", ok: false},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			d, ok := parseDateline(tt.line)
			if ok != tt.ok {
				t.Fatalf("parseDateline ok: got %v (%+v), want %v", ok, d, tt.ok)
			}
			if !ok {
				return
			}
			if d.Place != tt.place || d.Qualifier != tt.qualifier || d.Agency != tt.agency {
				t.Errorf("got place %q qualifier %q agency %q, want %q %q %q", d.Place, d.Qualifier, d.Agency, tt.place, tt.qualifier, tt.agency)
			}
			if d.Month != tt.month || d.Day != tt.day {
				t.Errorf("got date %v %d, want %v %d", d.Month, d.Day, tt.month, tt.day)
			}
			if d.Rest != tt.rest {
				t.Errorf("got rest %q, want %q", d.Rest, tt.rest)
			}
		})
	}
}

func TestFindLocation(t *testing.T) {
	pf := newTestPlaceFinder(t)
	tests := []struct {
		name    string
		article news.Article
		want    string // "Name|Country|Source", or "" for no location
	}{
		{"AP", news.Article{Body: "WASHINGTON (AP) — The committee met on Tuesday."}, "Washington|United States|dateline"},
		{"after title and byline", news.Article{Body: "Mill town votes\n\nBy Ann Example, Associated Press\n\nMANCHESTER, N.H. (AP) — Voters lined up."}, "Manchester|United States|dateline"},
		{"state qualifier", news.Article{Body: "PORTLAND, Maine (AP) — The ferry was late."}, "Portland|United States|dateline"},
		{"other state", news.Article{Body: "PORTLAND, Ore. (Reuters) - Rain again."}, "Portland|United States|dateline"},
		{"province", news.Article{Body: "LONDON, Ontario, March 3 - A plant closed."}, "London|Canada|dateline"},
		{"country dateline", news.Article{Body: "BAHRAIN, March 3 - Crude prices rose."}, "Bahrain|Bahrain|dateline"},
		{"exonym keeps writer's name", news.Article{Body: "COLOGNE, May 5 - Output fell."}, "Cologne|Germany|dateline"},
		{"former name shown as current", news.Article{Body: "PEKING, May 5 - Output fell."}, "Beijing|China|dateline"},
		{"small town placed by its state", news.Article{Body: "QUILLBY FALLS, Vt. (AP) — The town hall flooded."}, "Quillby Falls|United States|dateline"},
		{"misspelt big city", news.Article{Body: "PHILADEPHIA, March 18 - A bank merged."}, "Philadephia|United States|dateline"},
		{"United Nations", news.Article{Body: "UNITED NATIONS (Reuters) - The council voted."}, "United Nations|United States|dateline"},
		{"metadata dateline", news.Article{Body: "Rain fell.", Meta: map[string]string{"dateline": "SALVADOR, Feb 26"}}, "Salvador|Brazil|metadata"},
		{"metadata places", news.Article{Body: "Rain fell.", Meta: map[string]string{"places": "brazil"}}, "Brazil|Brazil|metadata"},
		{"text says where it was reported", news.Article{Body: "The mayor told reporters in Gdansk, Poland on Monday that the trams would run again soon."}, "Gdańsk|Poland|text"},
		{"text only about a place", news.Article{Body: "The inquiry into the 2019 tram crash in Gdansk, Poland found that the brakes had failed."}, ""},
		{"speakers in a place", news.Article{Body: "Health workers in the port city of Mombasa say the clinics are struggling to cope with the cases."}, "Mombasa|Kenya|text"},
		{"scene on a named day", news.Article{Body: "Thousands of commuters queued in Mumbai on Tuesday as the first underground line opened."}, "Mumbai|India|text"},
		{"unknown place", news.Article{Body: "NOWHEREVILLE (AP) — Nothing happened."}, ""},
		{"person not place", news.Article{Body: "Jordan Example said on Monday that the team would travel next week for the final."}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loc, _ := pf.find(tt.article)
			got := ""
			if loc != nil {
				got = loc.Name + "|" + loc.Country + "|" + loc.Source
				if loc.Lat == 0 && loc.Lon == 0 {
					t.Errorf("coordinates: got 0,0, want a position")
				}
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPlaces(t *testing.T) {
	pf := newTestPlaceFinder(t)
	body := "Officials from France and Germany met in Brussels on Monday. Rachel Bolton, who chairs the panel, " +
		"said talks in São Paulo would follow. Jordan Smith said the U.S. would attend. Ministers from Jordan did not."
	_, got := pf.find(news.Article{Body: body})
	want := []string{"France", "Germany", "Brussels, Belgium", "São Paulo, Brazil", "United States", "Jordan"}
	if strings.Join(got, ";") != strings.Join(want, ";") {
		t.Errorf("got %v, want %v", got, want)
	}
}

func FuzzParseDateline(f *testing.F) {
	for _, s := range []string{
		"WASHINGTON (AP) — x", "HOUSTON, Jan 27 (Reuters) - y", "SALVADOR, Feb 26 - z", "BEIRUT - a",
		"PORTLAND, Ore., Narch 2 - b", "AMSTERDAM, 2 March - c", "LONDON, Oct 20- d", "(((", "- - -", "A, B, C, D - e",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		d, ok := parseDateline(line)
		if !ok {
			return
		}
		if d.Place == "" {
			t.Errorf("parseDateline(%q): ok with an empty place", line)
		}
		if !strings.HasSuffix(line, d.Rest) {
			t.Errorf("parseDateline(%q): rest %q is not a suffix of the line", line, d.Rest)
		}
		if d.Day < 0 || d.Day > 31 || d.Month < 0 || d.Month > 12 {
			t.Errorf("parseDateline(%q): bad date %v %d", line, d.Month, d.Day)
		}
		if utf8.ValidString(line) && !utf8.ValidString(d.Place) {
			t.Errorf("parseDateline(%q): place %q is not valid UTF-8", line, d.Place)
		}
	})
}

func BenchmarkFindLocation(b *testing.B) {
	pf := newTestPlaceFinder(b)
	articles := []news.Article{
		{Body: "WASHINGTON (AP) — The committee met on Tuesday in a closed session.\n\nOfficials from France and Germany attended, and a delegation from Brazil arrived later."},
		{Body: "SALVADOR, Feb 26 - Rain continued in the cocoa zone of Bahia, traders in Sao Paulo and New York said."},
		{Body: "A tram derailed in Gdansk, Poland on Monday, injuring twelve people.\n\nThe city of Gdansk said service would resume on Wednesday."},
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		a := articles[i%len(articles)]
		pf.find(a)
		findDate(a)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}
