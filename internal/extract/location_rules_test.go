package extract

import (
	"slices"
	"testing"

	"github.com/searchd/searchd/internal/news"
)

// TestPlaceRules checks each rule of the place finder on invented text: the places an
// article names (as facet labels) and its location.
func TestPlaceRules(t *testing.T) {
	pf := newTestPlaceFinder(t)
	tests := []struct {
		name     string
		a        news.Article
		has      []string // labels that places must hold
		hasNot   []string // labels that places must not hold
		location string   // Label|Source of the location, "" for none
	}{
		{
			name: "a US state is the state",
			a:    news.Article{Source: "Fox News", Body: "The governor said the new budget for Virginia would add teachers in Richmond and Norfolk."},
			has:  []string{"Virginia, United States"}, hasNot: []string{"Virginia, South Africa"},
		},
		{
			name: "a city with its state named nearby",
			a:    news.Article{Body: "Voters in Manchester lined up early. New Hampshire holds the first primary of the year."},
			has:  []string{"Manchester, New Hampshire", "New Hampshire, United States"}, hasNot: []string{"Manchester, United Kingdom"},
		},
		{
			name: "a city of the source's home country",
			a:    news.Article{Source: "BBC News", Body: "The factory in Birmingham will close next year, the firm said in a statement to staff."},
			has:  []string{"Birmingham, United Kingdom"},
		},
		{
			name: "a city of the country the article names",
			a:    news.Article{Source: "CNN", Body: "Protests spread from Cairo to Alexandria as Egypt braced for another week of unrest."},
			has:  []string{"Alexandria, Egypt", "Egypt"}, hasNot: []string{"Alexandria, Virginia"},
		},
		{
			name: "a state abbreviation qualifies a city",
			a:    news.Article{Source: "CNN", Body: "The senator told a crowd in Rochester, N.H. on Friday that he would run."},
			has:  []string{"Rochester, New Hampshire"}, location: "Rochester, New Hampshire|text",
		},
		{
			name: "a city far better known by another name",
			a:    news.Article{Source: "CNN", Body: "The secretary said in Geneva after the meeting that talks would go on."},
			has:  []string{"Genève, Switzerland"}, location: "Geneva, Switzerland|text",
		},
		{
			name: "a city of its own name against a capital of that other name",
			a:    news.Article{Source: "BBC News", Body: "European leaders will gather in Rome to sign the treaty. Authorities in Philadelphia said they found no evidence."},
			has:  []string{"Rome, Italy", "Philadelphia, Pennsylvania"}, location: "Philadelphia, Pennsylvania|text",
		},
		{
			name:     "a fixture ahead is no place of reporting",
			a:        news.Article{Source: "BBC News", Body: "The coach is confident ahead of the cup final on Saturday in Lusaka. The singer is to play a gig in London on Saturday."},
			has:      []string{"Lusaka, Zambia", "London, United Kingdom"},
			location: "",
		},
		{
			name:     "a place and day in the subject are what the story is about",
			a:        news.Article{Source: "CNN", Body: "The attack on the embassy in Baghdad on Tuesday brought back memories of another siege."},
			has:      []string{"Baghdad, Iraq"},
			location: "",
		},
		{
			name:     "the scene of what happened on a named day",
			a:        news.Article{Source: "CNN", Body: "A gunman opened fire in Pittsburgh on Saturday and wounded four people."},
			location: "Pittsburgh, Pennsylvania|text",
		},
		{
			name: "Washington state",
			a:    news.Article{Source: "CNN", Body: "The first case was confirmed in Washington state, officials said."},
			has:  []string{"Washington, United States"}, hasNot: []string{"Washington, D.C."},
		},
		{
			name:     "a place deep in the subject of a verb of saying",
			a:        news.Article{Source: "CNN", Body: "The son of the candidate in a disputed congressional race in North Carolina said on Wednesday that he had warned him."},
			location: "",
		},
		{
			name:     "an event the statement is about",
			a:        news.Article{Source: "CNN", Body: "Her campaign issued a statement saying she left the event in New York because she felt unwell."},
			location: "",
		},
		{
			name:     "a statement told to an event",
			a:        news.Article{Source: "BBC News", Body: "The union leader has told a conference in Cardiff that rural bus cuts risk isolating towns."},
			location: "Cardiff, United Kingdom|text",
		},
		{
			name:     "an incident on a named day is what the story is about",
			a:        news.Article{Source: "CNN", Body: "Reacting to the attack in London on Saturday night, the senator posted a message."},
			has:      []string{"London, United Kingdom"},
			location: "",
		},
		{
			name:     "a city far better known by another name shields it from small towns",
			a:        news.Article{Source: "CNN", Body: "The U.S. envoy said in Geneva after a meeting with Illinois donors that talks would go on."},
			location: "Geneva, Switzerland|text",
		},
		{
			name:     "a small town named alone is no location",
			a:        news.Article{Source: "CNN", Body: "The candidate told a crowd in Selma on Sunday that he was sorry."},
			location: "",
		},
		{
			name:     "last week's event is reported from elsewhere",
			a:        news.Article{Source: "CNN", Body: "Critics condemned what the nominee did in Cleveland last Thursday."},
			location: "",
		},
		{
			name:     "an earlier occasion is reported from elsewhere",
			a:        news.Article{Source: "CNN", Body: "The senator said at a rally in Tampa in late May that he would win. It echoed what he said in a recent speech in Orlando."},
			location: "",
		},
		{
			name:   "a name after the comma that is no region",
			a:      news.Article{Source: "CNN", Body: "The talks will continue in Mexico, Ryan said on Friday."},
			has:    []string{"Mexico"},
			hasNot: []string{"Mexico City, Mexico"},
		},
		{
			name:   "a surname is no place",
			a:      news.Article{Source: "CNN", Body: "John Bolton left the room early.\n\nReporters later spoke to Bolton about the talks."},
			hasNot: []string{"Bolton, United Kingdom"},
		},
		{
			name:   "a university's campus is no place of the story",
			a:      news.Article{Body: "The study was led by a team at the University of North Carolina at Charlotte and published on Monday."},
			hasNot: []string{"Charlotte, North Carolina"},
		},
		{
			name:   "no place from a caption or photo credit",
			a:      news.Article{Body: "The senator spoke for an hour.\n\nThe senator waves to supporters in Paris. (Photo: Jane Roe/Getty Images)\n\nHe left at noon."},
			hasNot: []string{"Paris, France"},
		},
		{
			name:   "no place from a photographer's credit",
			a:      news.Article{Body: "The senator speaks at a rally in Tampa, Florida, May 3, 2019. (Jane Roe/Wire Agency)\n\nThe race is close."},
			hasNot: []string{"Tampa, Florida"},
		},
		{
			name:     "a plan is no place of reporting",
			a:        news.Article{Source: "CNN", Body: "The senator will speak at a rally in Tampa on Friday, aides said."},
			has:      []string{"Tampa, Florida"},
			location: "",
		},
		{
			name:     "what a statement is about is no place of reporting",
			a:        news.Article{Source: "CNN", Body: "The governor said the new law in Indiana that critics say is unfair would stand."},
			has:      []string{"Indiana, United States"},
			location: "",
		},
		{
			name:   "no place from a caption credited in the next paragraph",
			a:      news.Article{Body: "The race is close.\n\nThe senator speaks during a rally in Concord, N.C.\n\n(Jane Roe/The Wire Agency)\n\nThe polls open at seven."},
			hasNot: []string{"Concord, North Carolina"},
		},
		{
			name:   "a name spelt in other words is another place",
			a:      news.Article{Source: "CNN", Body: "The school board met in West Chester on Monday to vote on the budget."},
			hasNot: []string{"Westchester, Florida"},
		},
		{
			name:     "long ago is no place of reporting",
			a:        news.Article{Source: "CNN", Body: "Three years ago, a candidate for the Senate in Nevada said that guns were the answer."},
			location: "",
		},
		{
			name:   "no place from an author note",
			a:      news.Article{Authors: []string{"Jane Roe"}, Body: "Budgets are moral documents.\n\nJane Roe is a professor of economics at a college in Alexandria, Virginia."},
			hasNot: []string{"Alexandria, Virginia"},
		},
		{
			name:   "no place from a reporting credit",
			a:      news.Article{Body: "The talks ended without a deal.\n\nReporting by Jane Roe in Geneva; Editing by John Doe"},
			hasNot: []string{"Geneva, Switzerland"},
		},
		{
			name:     "a place the story is about is no location",
			a:        news.Article{Source: "CNN", Body: "Lawmakers questioned the former secretary about the attack in Benghazi, Libya for eleven hours."},
			has:      []string{"Benghazi, Libya", "Libya"},
			location: "",
		},
		{
			name:     "the text says the statement was made there",
			a:        news.Article{Source: "CNN", Body: "The president told a rally in Tampa on Tuesday that the economy was booming."},
			has:      []string{"Tampa, Florida"},
			location: "Tampa, Florida|text",
		},
		{
			name:     "a dateline is the location, not the places named",
			a:        news.Article{Body: "WASHINGTON (AP) — Officials said on Monday that talks in Geneva would resume."},
			has:      []string{"Genève, Switzerland"}, // canonical: one label per place, whatever the spelling
			location: "Washington, D.C.|dateline",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loc, places := pf.find(tt.a)
			for _, w := range tt.has {
				if !slices.Contains(places, w) {
					t.Errorf("places: got %q, want it to hold %q", places, w)
				}
			}
			for _, w := range tt.hasNot {
				if slices.Contains(places, w) {
					t.Errorf("places: got %q, want it without %q", places, w)
				}
			}
			got := ""
			if loc != nil {
				got = loc.Label() + "|" + loc.Source
			}
			if got != tt.location {
				t.Errorf("location: got %q, want %q", got, tt.location)
			}
		})
	}
}

func TestPlaceLexicon(t *testing.T) {
	for _, name := range []string{"place_never.txt", "place_ambiguous.txt", "place_cues.txt", "place_fillers.txt",
		"place_modifiers.txt", "place_orgwords.txt", "place_notes.txt", "place_sources.txt", "place_sayverbs.txt", "place_events.txt", "place_auxiliaries.txt", "place_ahead.txt", "place_linkers.txt", "place_incidents.txt",
		"place_settlements.txt"} {
		words, err := placeList(name)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, w := range words {
			if seen[w] {
				t.Errorf("%s: %q listed twice", name, w)
			}
			seen[w] = true
		}
	}
}
