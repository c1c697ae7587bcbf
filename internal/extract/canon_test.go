package extract

import (
	"slices"
	"strconv"
	"testing"

	"github.com/searchd/searchd/internal/news"
)

func TestCanonicalName(t *testing.T) {
	tests := []struct {
		name, kind, want string
	}{
		{"Donald J. Trump", news.KindPerson, "Donald Trump"},
		{"President Trump", news.KindPerson, "Trump"},
		{"Vice President Mike Pence", news.KindPerson, "Mike Pence"},
		{"Mr. Biden's", news.KindPerson, "Biden"},
		{"Trump’s", news.KindPerson, "Trump"},
		{"NANCY PELOSI", news.KindPerson, "Nancy Pelosi"},
		{"beto o'rourke", news.KindPerson, "Beto O'Rourke"},
		{"Charles E. Schumer", news.KindPerson, "Charles Schumer"},
		{"George W. Bush", news.KindPerson, "George W. Bush"},
		{"George H. W. Bush", news.KindPerson, "George H.W. Bush"},
		{"Donald Trump, Jr", news.KindPerson, "Donald Trump Jr."},
		{"Donald Trump Jr.", news.KindPerson, "Donald Trump Jr."},
		{"Robert S. Mueller III", news.KindPerson, "Robert Mueller"},
		{"J. K. Rowling", news.KindPerson, "J. K. Rowling"},
		{"E. Jean Carroll", news.KindPerson, "E. Jean Carroll"},
		{"Andrés Manuel López Obrador", news.KindPerson, "Andrés Manuel López Obrador"},
		{"Alexandria Ocasio-Cortez", news.KindPerson, "Alexandria Ocasio-Cortez"},
		{"President", news.KindPerson, "President"},
		{"Mr.  Smith", news.KindPerson, "Smith"},
		{"Pew Research Center's", news.KindOrganization, "Pew Research Center"},
		{"President's Council", news.KindOrganization, "President's Council"},
		{"NATO", news.KindOrganization, "NATO"},
		{"TransCanada Corp.", news.KindOrganization, "TransCanada"},
		{"Calgary-based Harbourline Energy Inc.", news.KindOrganization, "Harbourline Energy"},
		{"Procter & Gamble Co.", news.KindOrganization, "Procter & Gamble"},
		{"Inc.", news.KindOrganization, "Inc."},
		{"Department of Justice", news.KindOrganization, "Justice Department"},
		{"U.S. Department of Justice", news.KindOrganization, "Justice Department"},
		{"Department of Veterans Affairs", news.KindOrganization, "Veterans Affairs Department"},
		{"Justice Department", news.KindOrganization, "Justice Department"},
		{"Department of Health and Human Services", news.KindOrganization, "Department of Health and Human Services"},
		{"Department of the Interior", news.KindOrganization, "Department of the Interior"},
		{"Department of Fisheries and Oceans", news.KindOrganization, "Department of Fisheries and Oceans"},
		{"Department of Community Services", news.KindOrganization, "Department of Community Services"},
		{"Department", news.KindOrganization, "Department"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := canonicalName(tt.name, tt.kind); got != tt.want {
				t.Errorf("canonicalName(%q): got %q, want %q", tt.name, got, tt.want)
			}
		})
	}
}

func TestCanonicalSpeakers(t *testing.T) {
	person := func(name string, starts ...int) news.Speaker {
		s := news.Speaker{Name: name, Kind: news.KindPerson}
		for _, st := range starts {
			s.Quotes = append(s.Quotes, news.Quote{Text: "q", Start: st, End: st + 1})
		}
		return s
	}
	org := func(name string, start int) news.Speaker {
		s := person(name, start)
		s.Kind = news.KindOrganization
		return s
	}
	tests := []struct {
		name string
		in   []news.Speaker
		want []string // name: quote starts
	}{
		{"variants of one person merge",
			[]news.Speaker{person("Donald J. Trump", 10), person("Vladimir Putin", 20), person("President Trump", 30), person("Donald Trump", 40)},
			[]string{"Donald Trump:10,30,40", "Vladimir Putin:20"}},
		{"a surname quoted first merges into the full name",
			[]news.Speaker{person("Trump", 5), person("Donald Trump", 50)},
			[]string{"Donald Trump:5,50"}},
		{"an ambiguous surname stays",
			[]news.Speaker{person("Bill Clinton", 1), person("Hillary Clinton", 2), person("Clinton", 3)},
			[]string{"Bill Clinton:1", "Hillary Clinton:2", "Clinton:3"}},
		{"first and last name merge into the full name",
			[]news.Speaker{person("Sarah Huckabee Sanders", 1), person("Bernie Sanders", 2), person("Sarah Sanders", 3)},
			[]string{"Sarah Huckabee Sanders:1,3", "Bernie Sanders:2"}},
		{"father and son stay apart",
			[]news.Speaker{person("Donald Trump", 1), person("Donald Trump Jr.", 2)},
			[]string{"Donald Trump:1", "Donald Trump Jr.:2"}},
		{"diacritics win",
			[]news.Speaker{person("Jose Ruiz", 1), person("José Ruiz", 2)},
			[]string{"José Ruiz:1,2"}},
		{"a person and an organisation of one name stay apart",
			[]news.Speaker{person("Ford", 1), org("Ford", 2)},
			[]string{"Ford:1", "Ford:2"}},
		{"US, USA and United States are one organisation",
			[]news.Speaker{org("US", 1), org("United States", 2), person("U.S.", 3)},
			[]string{"U.S.:1,2,3"}},
		{"AP is the Associated Press",
			[]news.Speaker{org("Associated Press", 1), org("AP", 2)},
			[]string{"Associated Press:1,2"}},
		{"unnamed sources pass through",
			[]news.Speaker{{Kind: news.KindUnnamed, Title: "an official"}, {Kind: news.KindUnnamed, Title: "officials"}},
			[]string{":", ":"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range canonicalSpeakers(tt.in) {
				starts := ""
				for i, q := range s.Quotes {
					if i > 0 {
						starts += ","
					}
					starts += strconv.Itoa(q.Start)
				}
				got = append(got, s.Name+":"+starts)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
