package extract

import (
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/searchd/searchd/internal/geo"
	"github.com/searchd/searchd/internal/news"
	"github.com/searchd/searchd/internal/sharedtest"
)

func newTestFinder(tb testing.TB) *speakerFinder {
	tb.Helper()
	g, err := geo.Load()
	if err != nil {
		tb.Fatalf("geo.Load: %v", err)
	}
	f, err := newSpeakerFinder(g, rankWeightsFile)
	if err != nil {
		tb.Fatalf("newSpeakerFinder: %v", err)
	}
	return f
}

// readSeed reads the seed article: title on the first line, then a "Posted" line, then the body.
func readSeed(tb testing.TB) news.Article {
	tb.Helper()
	b, err := os.ReadFile(sharedtest.Path(tb, "seed/000_764061b886108dc4.txt"))
	if err != nil {
		tb.Fatalf("read seed: %v", err)
	}
	title, rest, _ := strings.Cut(string(b), "\n")
	if _, after, ok := strings.Cut(rest, "Posted\n"); ok {
		rest = after
	}
	return news.Article{ID: "seed", Title: strings.TrimSpace(title), Body: strings.TrimLeft(rest, "\n")}
}

func TestFindSpeakersSeed(t *testing.T) {
	f := newTestFinder(t)
	a := readSeed(t)
	got, _ := f.find(a)
	var people []string
	for _, s := range got {
		if s.Kind == news.KindOrganization {
			if s.Name != "White House" {
				t.Errorf("got organisation %q, want only the White House", s.Name)
			}
			continue
		}
		people = append(people, s.Name)
	}
	want := []string{"Donald Trump", "Vladimir Putin", "JD Vance", "Karoline Leavitt"}
	if !slices.Equal(people, want) {
		t.Fatalf("got people %q, want %q", people, want)
	}
	titles := map[string]string{}
	for _, s := range got {
		titles[s.Name] = s.Title
	}
	for name, title := range map[string]string{"Karoline Leavitt": "White House press secretary", "JD Vance": "Vice President"} {
		if titles[name] != title {
			t.Errorf("%s: got title %q, want %q", name, titles[name], title)
		}
	}
	checkOffsets(t, a.Body, got)
}

// checkOffsets fails when a quote lies outside the body or a direct quote's text is not
// body[start:end] in code points.
func checkOffsets(tb testing.TB, body string, sp []news.Speaker) {
	tb.Helper()
	rs := []rune(body)
	for _, s := range sp {
		for _, q := range s.Quotes {
			if q.Start < 0 || q.End > len(rs) || q.Start > q.End {
				tb.Fatalf("%s: quote offsets [%d,%d) outside body of %d runes", s.Name, q.Start, q.End, len(rs))
			}
			if got := string(rs[q.Start:q.End]); q.Direct && got != q.Text {
				tb.Fatalf("%s: body[%d:%d] = %q, want quote text %q", s.Name, q.Start, q.End, got, q.Text)
			}
		}
	}
}

func TestFindSpeakers(t *testing.T) {
	type want struct {
		name, title, kind string
		direct            []bool
	}
	tests := []struct {
		name    string
		body    string
		want    []want
		unnamed int
	}{
		{
			name: "said after quote, surname resolved",
			body: "Harbour Commissioner Mirela Osgood opened the new pier on Tuesday.\n\n“We waited eleven years for this day,” Osgood said.",
			want: []want{{"Mirela Osgood", "Harbour Commissioner", news.KindPerson, []bool{true}}},
		},
		{
			name: "surname that is also a demonym",
			body: "Ferry owner Ines Danish bought the line in March.\n\nThe fares would have to fall, Danish said. Danish officials said the port stays open.",
			want: []want{
				{"Ines Danish", "Ferry owner", news.KindPerson, []bool{false}},
				{"", "Danish officials", news.KindUnnamed, []bool{false}},
			},
			unnamed: 1,
		},
		{
			name: "split quote around attribution",
			body: "Tomas Brennick runs the ferry.\n\n“The tide was wrong,” he said, “and the engine was older than me.”",
			want: []want{{"Tomas Brennick", "", news.KindPerson, []bool{true, true}}},
		},
		{
			name: "colon form and inverted said",
			body: "Mayor Ilse Varga spoke first. Varga said: “Nobody will lose a home this winter.”\n\n“We checked every street twice,” said Varga.",
			want: []want{{"Ilse Varga", "Mayor", news.KindPerson, []bool{true, true}}},
		},
		{
			name: "quote spanning paragraphs",
			body: "Dr. Amara Quint studies glaciers.\n\n“The ice is retreating faster than any model predicted.\n\n“We will need new models before the next season,” Quint said.",
			want: []want{{"Amara Quint", "", news.KindPerson, []bool{true}}},
		},
		{
			name: "floating quote after attributed paragraph",
			body: "“The bridge will open in May,” said transport minister Olek Farrow.\n\n“After that, the old road closes for good.”",
			want: []want{{"Olek Farrow", "transport minister", news.KindPerson, []bool{true, true}}},
		},
		{
			name: "reported speech with that and according to",
			body: "Councillor Petra Lindqvist said that the budget would be balanced by spring. The deficit had grown for three years, according to Petra Lindqvist.",
			want: []want{{"Petra Lindqvist", "Councillor", news.KindPerson, []bool{false, false}}},
		},
		{
			name: "a surname that is also a country stays the person named before",
			body: "Rep. Ostrava Peru, who chairs the harbour committee, questioned the minister for an hour.\n\n“The dredging contract was never put out to tender,” Peru said.",
			want: []want{{"Ostrava Peru", "Rep.", news.KindPerson, []bool{true}}},
		},
		{
			name: "a nickname in quotation marks inside a name",
			body: "At least six boats were lost, Halvard “Hal” Mostyn told listeners in a late radio call.\n\nTrawler owner Corinna 'Cory' Blythe said the harbour wall had failed twice before.\n\n“We saw the wall go,” said Dariusz \"Darek\" Pawlak.",
			want: []want{
				{"Halvard Mostyn", "", news.KindPerson, []bool{false}},
				{"Corinna Blythe", "Trawler owner", news.KindPerson, []bool{false}},
				{"Dariusz Pawlak", "", news.KindPerson, []bool{true}},
			},
		},
		{
			name: "a person known by one name, introduced with an appositive, is the she of the next quote",
			body: "Harbour official Dariel Umbago said the warning came late.\n\nLestari, a fish trader from the east coast, was mending nets when she heard the siren.\n\n“It sounded like the end of the world,” she said.",
			want: []want{
				{"Dariel Umbago", "Harbour official", news.KindPerson, []bool{false}},
				{"Lestari", "", news.KindPerson, []bool{true}},
			},
		},
		{
			name: "a he or she later in the sentence a person opens gives the person's gender",
			body: "Councillor Abeni Okafor said the shelter plan was a year late.\n\nTemitope Adeyemi spends her nights at the shelter, where she has worked since 2015.\n\n“Nobody asked us,” she said.",
			want: []want{
				{"Abeni Okafor", "Councillor", news.KindPerson, []bool{false}},
				{"Temitope Adeyemi", "", news.KindPerson, []bool{true}},
			},
		},
		{
			name: "asking someone a question reports no claim",
			body: "Coach Ilaria Pellegrini watched from the sideline.\n\nDuring the second half, Tobias Marwick asked Pellegrini how long she had been coaching the side.\n\nPellegrini said the club would decide her future in June.",
			want: []want{{"Ilaria Pellegrini", "Coach", news.KindPerson, []bool{false}}},
		},
		{
			name: "a relation or a person noun heads an unnamed source",
			body: "Mourners gathered in Harwick for the geologist Pell Anstey.\n\n“He taught me everything about rocks,” his colleague wrote on a memorial page.\n\n“The town will miss him,” a classmate said.",
			want: []want{
				{"", "his colleague", news.KindUnnamed, []bool{true}},
				{"", "a classmate", news.KindUnnamed, []bool{true}},
			},
			unnamed: 2,
		},
		{
			name: "a group or a role with the phrase that says which members is an unnamed source, not the phrase's noun",
			body: "The ferry strike entered its third week.\n\nOrganizers of the walkout said they would not back down.\n\nMany commuters at the harbour station said the buses were full.\n\n“Nobody wins a strike like this,” a columnist for the harbour gazette said.",
			want: []want{
				{"", "Organizers", news.KindUnnamed, []bool{false}},
				{"", "Many commuters", news.KindUnnamed, []bool{false}},
				{"", "a columnist", news.KindUnnamed, []bool{true}},
			},
			unnamed: 3,
		},
		{
			name: "the official after a ministry official is that unnamed source, not the minister",
			body: "Harbour Minister Olek Farrow said the new rules would cut waiting times.\n\n“Most requests are approved,” a ministry official said.\n\nThe official told reporters the review takes six weeks.",
			want: []want{
				{"Olek Farrow", "Harbour Minister", news.KindPerson, []bool{false}},
				{"", "a ministry official", news.KindUnnamed, []bool{true}},
				{"", "The official", news.KindUnnamed, []bool{false}},
			},
			unnamed: 2,
		},
		{
			name: "the official after an appositive that names an official is that person",
			body: "Mirela Osgood, a ministry official, said the new rules would cut waiting times.\n\nThe official told reporters the review takes six weeks.",
			want: []want{{"Mirela Osgood", "ministry official", news.KindPerson, []bool{false, false}}},
		},
		{
			name:    "the bank is no person whose title names a bank",
			body:    "Northern Reserve Bank Governor Halvard Mostyn spoke in Oslund on Monday.\n\nNRB WATCH: The bank ended its first meeting of the year. The bank said it would keep its key rate at 2 per cent until the spring. Traders had expected a cut.",
			want:    []want{{"", "The bank", news.KindUnnamed, []bool{false}}},
			unnamed: 1,
		},
		{
			name: "a pronoun opening the next sentence is the subject before, not the object",
			body: "On Friday, Governor Peter Alder did not rule out meeting Thomas Brennick before the spring. But he said no deal on the river crossing was close.",
			want: []want{{"Peter Alder", "Governor", news.KindPerson, []bool{false}}},
		},
		{
			name: "a subject inside a clause opened by while is no subject of the sentence",
			body: "While Peter Alder had a wide array of advisers, that has not been true for the new council, which worries Thomas Brennick, a former councillor.\n\n“Nobody is advising them,” he said.",
			want: []want{{"Thomas Brennick", "", news.KindPerson, []bool{true}}},
		},
		{
			name: "a quote broken by a stray line break inside its sentence",
			body: "Trevor Oakhill, a policy analyst with the port authority, wrote to colleagues in May.\n\n\"Who may dock at night is at the discretion of the harbour master\n\nbased on the advice of the pilots and the weather service,\" said Oakhill in an email.",
			want: []want{{"Trevor Oakhill", "", news.KindPerson, []bool{true}}},
		},
		{
			name: "scare quotes are not quotes",
			body: "The so-called “quiet plan” was announced by the port authority on Monday without any comment.",
		},
		{
			name:    "unnamed sources are kept with the mention as title",
			body:    "The factory will close in March, an official said. Officials said the workers would be paid until June.",
			want:    []want{{"", "an official", news.KindUnnamed, []bool{false}}, {"", "Officials", news.KindUnnamed, []bool{false}}},
			unnamed: 2,
		},
		{
			name: "one unnamed entry per distinct mention",
			body: "A senior harbour official said the cranes were unsafe. The cranes had failed twice this year, a senior harbour official said. A spokesman for the Tarrow Port Authority said that repairs would start in May.",
			want: []want{{"", "A senior harbour official", news.KindUnnamed, []bool{false, false}},
				{"", "A spokesman for the Tarrow Port Authority", news.KindUnnamed, []bool{false}}},
			unnamed: 3,
		},
		{
			name: "a clause before said is no source",
			body: "Nobody knew what the tax returns would have to say about the loans that were made in 2009 and 2010.",
		},
		{
			name: "role mention resolves to the titled name",
			body: "Valdorian Prime Minister Sarko Tenn met the delegates.\n\n“We do not negotiate under threat,” the prime minister said.",
			want: []want{{"Sarko Tenn", "Valdorian Prime Minister", news.KindPerson, []bool{true}}},
		},
		{
			name: "pronoun resolves to the matching gender",
			body: "Mr. Corvin Dale and Ms. Hester Vane met at the dock.\n\n“I expected a storm,” she said.",
			want: []want{{"Hester Vane", "", news.KindPerson, []bool{true}}},
		},
		{
			name: "organisation speaker",
			body: "The Ministry of Tides said on Friday that the harbour would stay closed for a week.",
			want: []want{{"Ministry of Tides", "", news.KindOrganization, []bool{false}}},
		},
		{
			name: "acronym defined in parentheses",
			body: "The Harbour Safety Bureau (HSB) inspected the pier last week.\n\nThe HSB said on Monday that the pier would reopen in May.",
			want: []want{{"Harbour Safety Bureau", "", news.KindOrganization, []bool{false}}},
		},
		{
			name: "first word of an organisation named before",
			body: "Quillfeather Systems makes ferry engines.\n\n“We will keep every job in Tarrow,” Quillfeather said in a statement.",
			want: []want{{"Quillfeather Systems", "", news.KindOrganization, []bool{true}}},
		},
		{
			name: "two people speak together: the quote is each one's",
			body: "Orla Penhallow and Ivo Castellane, who run the bakery, said they would reopen after the flood.",
			want: []want{{"Orla Penhallow", "", news.KindPerson, []bool{false}}, {"Ivo Castellane", "", news.KindPerson, []bool{false}}},
		},
		{
			name: "name between commas after a role",
			body: "His lawyer, Dagny Holloway, said the appeal would be filed within ten days.",
			want: []want{{"Dagny Holloway", "lawyer", news.KindPerson, []bool{false}}},
		},
		{
			name: "descriptor at sentence start is a title",
			body: "Comedian Ffion Marsh said the rent for a shared flat had doubled since last summer.",
			want: []want{{"Ffion Marsh", "Comedian", news.KindPerson, []bool{false}}},
		},
		{
			name: "inverted attribution after reported clause",
			body: "Nine fishing boats were missing after the storm, said police Captain Odile Renner.",
			want: []want{{"Odile Renner", "police Captain", news.KindPerson, []bool{false}}},
		},
		{
			name: "doubled apostrophes as quotation marks",
			body: "Mr. Anselm Brody runs the grain exchange.\n\n''The harvest was the worst in thirty years,'' Mr. Brody said.",
			want: []want{{"Anselm Brody", "", news.KindPerson, []bool{true}}},
		},
		{
			name: "British single quotation marks",
			body: "Nurse Delyth Amory works nights at the ward.\n\n‘We haven’t had a full team since the spring,’ she said.\n\nThe players’ union did not comment.",
			want: []want{{"Delyth Amory", "Nurse", news.KindPerson, []bool{true}}},
		},
		{
			name: "party tag in parentheses before the verb",
			body: "“The levee will not hold another winter,” Rep. Corinne Adeyemi (D-Ore.) said Friday.",
			want: []want{{"Corinne Adeyemi", "Rep.", news.KindPerson, []bool{true}}},
		},
		{
			name:    "reporting credits name no speakers",
			body:    "The mill closed on Friday, the owners said.\n\n(Reporting by Ilse Marrow; Editing by Tobin Greaves)",
			want:    []want{{"", "the owners", news.KindUnnamed, []bool{false}}},
			unnamed: 1,
		},
		{
			name: "it and they go back to an organisation and a group",
			body: "“We will rebuild the plant,” Harrowgate Mills Ltd. said in a statement. It said the insurers had agreed to pay.\n\nLocal officials said the road would reopen. They said the repairs would cost about two million.",
			want: []want{{"Harrowgate Mills Ltd.", "", news.KindOrganization, []bool{true, false}},
				{"", "Local officials", news.KindUnnamed, []bool{false, false}}},
			unnamed: 2,
		},
		{
			name: "told reporters",
			body: "Senator Rhea Mostyn told reporters that the vote would be delayed until the autumn session.",
			want: []want{{"Rhea Mostyn", "Senator", news.KindPerson, []bool{false}}},
		},
		{
			name: "title with of before the name",
			body: "Secretary of Harbours Wendell Ashgrove says the pier will reopen before the summer season.",
			want: []want{{"Wendell Ashgrove", "Secretary of Harbours", news.KindPerson, []bool{false}}},
		},
		{
			name: "a title alone is a role",
			body: "President Ilario Venn toured the port.\n\n“We will rebuild every dock,” the President said.",
			want: []want{{"Ilario Venn", "President", news.KindPerson, []bool{true}}},
		},
		{
			name: "a surname that is also a title",
			body: "Rep. Peter King of Norwick said the levee plan was sound and would pass the committee.",
			want: []want{{"Peter King", "Rep.", news.KindPerson, []bool{false}}},
		},
		{
			name: "department with a title word",
			body: "The Justice Department says it will publish the harbour report on Thursday morning.",
			want: []want{{"Justice Department", "", news.KindOrganization, []bool{false}}},
		},
		{
			name: "he is the subject, not the man after a preposition",
			body: "Corran Delacey scored twice after Tarrow traded him for Victor Haskell last week.\n\n“They are great passers,” he said.",
			want: []want{{"Corran Delacey", "", news.KindPerson, []bool{true}}},
		},
		{
			name: "a short form of a first name",
			body: "Alexander Wrenfield draws comics at the mall.\n\n“It takes months,” says Xander Wrenfield, who is sixteen.",
			want: []want{{"Alexander Wrenfield", "", news.KindPerson, []bool{true}}},
		},
		{
			name: "a title-case headline names no one of its own: what it says is said by the person the article names",
			body: "Vetch Says Harbour Pier Will Reopen in May.\n\nHarbour chief Lorna Vetch said on Monday that the pier would reopen.\n\n“It took too long,” Vetch said.",
			want: []want{{"Lorna Vetch", "Harbour chief", news.KindPerson, []bool{false, false, true}}},
		},
		{
			name: "a known figure's surname with a title that fits",
			body: "“We will build the bridge,” President Trump said at the rally.\n\n“The Senate will pass it,” Sen. Sanders said.",
			want: []want{{"Donald Trump", "President", news.KindPerson, []bool{true}}, {"Bernie Sanders", "Sen.", news.KindPerson, []bool{true}}},
		},
		{
			name: "a known figure's surname alone, in an article that names a slogan starting with it",
			body: "For those not yet on the McConnell Wagon, the hall was full.\n\n“We will win this state,” McConnell said.",
			want: []want{{"Mitch McConnell", "", news.KindPerson, []bool{true}}},
		},
		{
			name: "a known surname without a fitting title stays as written",
			body: "“The dock is ready,” Mrs. Sanders said. “We open at noon,” said Ms. Obama.",
			want: []want{{"Sarah Huckabee Sanders", "", news.KindPerson, []bool{true}}, {"Obama", "", news.KindPerson, []bool{true}}},
		},
		{
			name: "a country speaks as an organisation, and he is no country",
			body: "Talks between Norway and North Korea stalled. Envoy Tarik Olsen met the delegates.\n\nNorth Korea said it would not attend. He said the talks would go on.",
			want: []want{{"North Korea", "", news.KindOrganization, []bool{false}}, {"Tarik Olsen", "Envoy", news.KindPerson, []bool{false}}},
		},
		{
			name: "a capitalised modifier before a noun is no name",
			body: "Iona Redd chairs the committee.\n\n“The bill is late,” the Democratic state senator said.",
			want: []want{{"Iona Redd", "", news.KindPerson, []bool{true}}},
		},
		{
			name: "descriptor before an inverted name",
			body: "“Our wells are closing one by one,” said oil and gas worker Brannock Lyle.",
			want: []want{{"Brannock Lyle", "oil and gas worker", news.KindPerson, []bool{true}}},
		},
		{
			name: "appositive after a party tag",
			body: "Sen. Mirabel Quist, D-Mich., a member of the leadership team, said the vote would wait until spring.",
			want: []want{{"Mirabel Quist", "Sen.", news.KindPerson, []bool{false}}},
		},
		{
			name: "appositive after a party tag in parentheses",
			body: "“The panel has no budget left for this,” Rep. Odile Varga (R-Ohio), a member of the panel, said in an interview.",
			want: []want{{"Odile Varga", "Rep.", news.KindPerson, []bool{true}}},
		},
		{
			name: "organisation joined by on",
			body: "The Commission on Harbour Safety says the north pier was closed for three weeks last winter.",
			want: []want{{"Commission on Harbour Safety", "", news.KindOrganization, []bool{false}}},
		},
		{
			name: "participle after a clause names the sentence's subject",
			body: "Vera Holmgren defended her late-night posts, saying the ferry schedule had been wrong for weeks.",
			want: []want{{"Vera Holmgren", "", news.KindPerson, []bool{false}}},
		},
		{
			name: "quote after a label",
			body: "ANALYST'S TAKE: “Rates will not move before the summer. The bank has said as much,” Ilse Moreau, chief strategist at Brightwater, said in a commentary.",
			want: []want{{"Ilse Moreau", "chief strategist at Brightwater", news.KindPerson, []bool{true}}},
		},
		{
			name: "relative set off by commas",
			body: "Tobin's aunt, Lisbet Harrow-Quaid, said the family was still waiting for news from the court.",
			want: []want{{"Lisbet Harrow-Quaid", "aunt", news.KindPerson, []bool{false}}},
		},
		{
			name: "possessive before a relative after an inverted verb",
			body: "“Nobody prints fewer than a thousand copies,” says Dorsey’s partner, Anselm Greaves. The shop opened in May.",
			want: []want{{"Anselm Greaves", "", news.KindPerson, []bool{true}}},
		},
		{
			name: "embedded post",
			body: "The minister was mocked online.\n\nYou never show up to debate me. Bring it, but you won’t. — Mara Lindqvist (@MaraLindqvist) December 18, 2018\n\nShe later deleted the post.",
			want: []want{{"Mara Lindqvist", "", news.KindPerson, []bool{false}}},
		},
		{
			name: "a shorter name is the full name that ends the same",
			body: "The family arrived with husband Samir Al Qudsi in 2016.\n\n“We want to stay here,” said Al Qudsi.",
			want: []want{{"Samir Al Qudsi", "husband", news.KindPerson, []bool{true}}},
		},
		{
			name:    "progressive reporting verb",
			body:    "The harbour board is saying that the pier will reopen in May after the repairs.",
			want:    []want{{"", "The harbour board", news.KindUnnamed, []bool{false}}},
			unnamed: 1,
		},
		{
			name:    "according to a person who spoke to a news agency: the person, unnamed, not the agency",
			body:    "The trade was done to clear cap space, according to a person who spoke Thursday to The Harbour Press on condition of anonymity.",
			want:    []want{{"", "a person", news.KindUnnamed, []bool{false}}},
			unnamed: 1,
		},
		{
			name: "according to an organisation's database",
			body: "According to Statistics Norland’s public database, most of the gaps in reporting have since been filled.",
			want: []want{{"Statistics Norland", "", news.KindOrganization, []bool{false}}},
		},
		{
			name: "a country is not short for an agency named after it",
			body: "Statistics Portugal counted the farms.\n\nPortugal said it would not extradite the two men to any country.",
			want: []want{{"Portugal", "", news.KindOrganization, []bool{false}}},
		},
		{
			name: "a labelled paragraph that goes on is prose",
			body: "PORTUGAL TRADE: On Monday, Portugal said its exports of cork rose in March. Imports fell. Prices held.",
			want: []want{{"Portugal", "", news.KindOrganization, []bool{false}}},
		},
		{
			name: "numbers after a reporting verb are no speech",
			body: "KEEPING SCORE: The harbour index added 0.1 per cent to 11,193 and the port index rose 0.3 per cent.",
		},
		{
			name: "a participle after an opening phrase",
			body: "Later that month, Brightwater Systems appealed the decision, arguing the refusal was an unreasonable exercise of discretion.",
			want: []want{{"Brightwater Systems", "", news.KindOrganization, []bool{false}}},
		},
		{
			name: "the company is the organisation named just before",
			body: "Harbourline Energy reported higher profits on Monday.\n\nThe company said its sales rose in every region.",
			want: []want{{"Harbourline Energy", "", news.KindOrganization, []bool{false, false}}},
		},
		{
			name: "the utility is the organisation quoted before",
			body: "Power was cut to 40,000 homes in the storm, Coastal Hydro said.\n\nThe utility said more than 800 crews would work around the clock.",
			want: []want{{"Coastal Hydro", "", news.KindOrganization, []bool{false, false}}},
		},
		{
			name: "an ampersand joins an organisation's name",
			body: "Brightwater & Lomax rallied 6 per cent after its profit beat forecasts. The company said its annual profit could be slightly stronger than expected.",
			want: []want{{"Brightwater & Lomax", "", news.KindOrganization, []bool{false}}},
		},
		{
			name: "a full name after 'the' before a noun is still a person",
			body: "I lean toward the Maria Lindqvist appraisal of the harbour plan.\n\n“Forget about the old pier,” Lindqvist said.",
			want: []want{{"Maria Lindqvist", "", news.KindPerson, []bool{true}}},
		},
		{
			name: "an acronym names the organisation spelled out before it",
			body: "Marta Quill got a letter from Fisheries, Oceans and Coast Guard Canada on Tuesday.\n\nIn a statement, FOCGC said the matter was under review.",
			want: []want{{"Fisheries, Oceans and Coast Guard Canada", "", news.KindOrganization, []bool{false}}},
		},
		{
			name: "the acronym with an article, after the full name",
			body: "A report from the Provincial Audit Officer found waste in the ferry budget.\n\n“We expected better,” the PAO said.",
			want: []want{{"Provincial Audit Officer", "", news.KindOrganization, []bool{true}}},
		},
		{
			name: "an acronym of titles only is no organisation",
			body: "Dana Voss became Chief Executive Officer in May.\n\n“Margins are thin,” the CEO said.",
			want: []want{{"Dana Voss", "", news.KindPerson, []bool{true}}},
		},
		{
			name: "an organisation's name goes on past 'on'",
			body: "The river rose two metres overnight, according to the National Institute on Water Safety.",
			want: []want{{"National Institute on Water Safety", "", news.KindOrganization, []bool{false}}},
		},
		{
			name: "an organisation's name is a list of capitalised words",
			body: "The storm reached the coast at noon, according to the Hydrology, Forecasting and Coastal Agency.",
			want: []want{{"Hydrology, Forecasting and Coastal Agency", "", news.KindOrganization, []bool{false}}},
		},
		{
			name: "a list of names without an organisation word stays the last name",
			body: "The road reopened at noon, said Jonas Pike, Meryl Stone and Ada Crane.",
			want: []want{{"Jonas Pike", "", news.KindPerson, []bool{false}}},
		},
		{
			name: "he is the sentence's speaker, not a man named after it",
			body: "Tomas Reyl opened a taproom in March.\n\nReyl said a pint or two might help talks between the council and Mayor Daniel Varn. “They would sort it out over a table,” he said.",
			want: []want{{"Tomas Reyl", "", news.KindPerson, []bool{false, true}}},
		},
		{
			name:    "a party adjective before a noun names no one",
			body:    "Democratic lawmakers said the levy would fail.\n\nA Republican aide said the count was close.",
			want:    []want{{"", "Democratic lawmakers", news.KindUnnamed, []bool{false}}, {"", "A Republican aide", news.KindUnnamed, []bool{false}}},
			unnamed: 2,
		},
		{
			name: "a country before the noun it qualifies names no one; a country that speaks does",
			body: "The U.S. economy cooled in the spring, suggesting that rates would stay low.\n\nThe U.S. says the convoy was sent to reassure its allies.",
			want: []want{{"U.S.", "", news.KindOrganization, []bool{false}}},
		},
		{
			name: "the name after a party adjective and its descriptor opens the sentence",
			body: "Democratic presidential hopeful Mara Quill came second in the straw poll, claiming that the count was wrong.",
			want: []want{{"Mara Quill", "hopeful", news.KindPerson, []bool{false}}},
		},
		{
			name: "a capital in a dateline speaks for its government in normal case",
			body: "OTTAWA — The ferry levy rose again.\n\nIn its spring budget, Ottawa suggested the levy would double by 2030.",
			want: []want{{"Ottawa", "", news.KindOrganization, []bool{false}}},
		},
		{
			name: "a province or city that is no capital is not counted as a source",
			body: "Nova Scotia added the pills to its watch list.\n\nToronto said the shelters were full.",
		},
		{
			name: "a one-word place that is a person's surname stays the person",
			body: "Maria Warren runs the harbour club.\n\nWarren said the boats were ready.",
			want: []want{{"Maria Warren", "", news.KindPerson, []bool{false}}},
		},
		{
			name: "a name given to both sexes does not rule out she",
			body: "Carla Voss chairs the rent board.\n\nPatrice Lorne leads the tenants' group. She has lived in the tower for a decade.\n\n“We will take this to the courts,” she said.",
			want: []want{{"Patrice Lorne", "", news.KindPerson, []bool{true}}},
		},
		{
			name: "retorted and scolded report a quote",
			body: "Pell Harbour's bake-off ended in tears on Sunday.\n\n“Nobody here can make choux pastry,” scolded Rosalind.\n\nGwendolyn Arbe retorted, “You have never baked a thing.”",
			want: []want{{"Rosalind", "", news.KindPerson, []bool{true}}, {"Gwendolyn Arbe", "", news.KindPerson, []bool{true}}},
		},
		{
			name: "boasts a thing is having it, boasts that is a claim",
			body: "Brackley Downs, the host of the autumn classic, boasts a pair of lakes and a long par five.\n\nClub captain Tilda Garrow boasted that the greens were the fastest in the county.",
			want: []want{{"Tilda Garrow", "Club captain", news.KindPerson, []bool{false}}},
		},
		{
			name:    "a work's title after titled names no one; an adverb opening the sentence is no part of a name",
			body:    "“Harsh winters are a fact of life in the north,” says a report titled Winter Rails on the company's website.\n\nPerhaps Maribel told the others that the hut was too cold.",
			want:    []want{{"", "a report titled Winter Rails", news.KindUnnamed, []bool{true}}, {"Maribel", "", news.KindPerson, []bool{false}}},
			unnamed: 1,
		},
		{
			name: "a statement sent by a person quotes its author",
			body: "The radio station lost its licence appeal on Monday.\n\nA statement e-mailed to The Herald by Olin Marsh, who joined the board last month, said the station would respect the order.",
			want: []want{{"Olin Marsh", "", news.KindPerson, []bool{false}}},
		},
		{
			name: "the pronoun after a fronted asked clause is not the person named in it",
			body: "Dennis Albright has lived in the shelter for two winters.\n\n“It is warm and nobody bothers you,” he says.\n\nAsked what he would tell Mayor Gordon Pike about the shelters, he said: “Just listen to us.”",
			want: []want{{"Dennis Albright", "", news.KindPerson, []bool{true, true}}},
		},
		{
			name: "the City of X is a council, not a place named City before it",
			body: "Mayor Hal Denby wants a rail line from King Station to Westvale City.\n\nA chart from the City of Northby suggests that fewer children skate every year.",
			want: []want{{"City of Northby", "", news.KindOrganization, []bool{false}}},
		},
		{
			name: "confessed and revealed report a claim before that",
			body: "Club treasurer Ines Corvo revealed that the accounts had been wrong for a year.\n\nThe club revealed a new kit on Monday.",
			want: []want{{"Ines Corvo", "Club treasurer", news.KindPerson, []bool{false}}},
		},
		{
			name: "a relative clause after a name reports for the name",
			body: "The group date ended at the lake.\n\nThat would be Heather, who finally confessed that she had never kissed anyone before.\n\nThe deal was signed by Orrin Tull, who said the price was fair.\n\nThe chairman of Acme Corp, who said the price was fair, left early.",
			want: []want{{"Heather", "", news.KindPerson, []bool{false}}, {"Orrin Tull", "", news.KindPerson, []bool{false}}},
		},
		{
			name: "a day between the subject and the verb",
			body: "Harbour Minister Lena Voss on Friday said the ferry would run again in May.\n\nThe Northby Dock Authority late Tuesday night said repairs were on schedule.",
			want: []want{{"Lena Voss", "Harbour Minister", news.KindPerson, []bool{false}}, {"Northby Dock Authority", "", news.KindOrganization, []bool{false}}},
		},
		{
			name: "a pair named after a plural role speaks together",
			body: "The trial of the ferry captain was set for March.\n\nHis defence lawyers, Martin Oakes and Paula Reyes, have said they might ask for a new venue.",
			want: []want{{"Martin Oakes", "", news.KindPerson, []bool{false}}, {"Paula Reyes", "", news.KindPerson, []bool{false}}},
		},
		{
			name: "a state's government named by its demonym is an organisation",
			body: "Two sailors were held at the port of Velm.\n\nThe Norwegian government said the sailors were being held without charge.\n\nThe Harbour Safety Agency asked for their release on Monday.\n\n“We expect them home soon,” the agency said.",
			want: []want{{"Norwegian government", "", news.KindOrganization, []bool{false}}, {"Harbour Safety Agency", "", news.KindOrganization, []bool{true}}},
		},
		{
			name:    "a person's office speaks as an organisation, an official in it does not",
			body:    "Governor Tess Maren toured the flooded valley on Sunday.\n\nMaren's office said the valley road had been closed.\n\nAn official in Maren's office said the count could rise.",
			want:    []want{{"Maren's office", "", news.KindOrganization, []bool{false}}, {"", "An official in Maren's office", news.KindUnnamed, []bool{false}}},
			unnamed: 1,
		},
		{
			name: "a peer keeps the title Lord",
			body: "The reform bill reached the upper house on Tuesday.\n\nLord Ashcombe said the bill was badly drafted. “It will not survive the summer,” he told peers.",
			want: []want{{"Lord Ashcombe", "", news.KindPerson, []bool{false, true}}},
		},
		{
			name: "a peer named by his own name too is one speaker",
			body: "Trade Minister Lord Penhale has given £1m to the party.\n\nGerald Penhale said he was glad to help.\n\nLord Penhale added: “The party has my support.”",
			want: []want{{"Gerald Penhale", "", news.KindPerson, []bool{false, true}}},
		},
		{
			name:    "a figure after said starts what is said",
			body:    "Mayor Jane Roe said 400 homes were damaged in the storm.\n\nThe housing ministry said about 3,000 people had fled the coast.\n\nThe index added 0.4 per cent on Friday. Roe has said 10 times that the dam would hold.\n\nThe Harbour Authority said 1,200 boats were lost.",
			want:    []want{{"Jane Roe", "Mayor", news.KindPerson, []bool{false}}, {"", "The housing ministry", news.KindUnnamed, []bool{false}}, {"Harbour Authority", "", news.KindOrganization, []bool{false}}},
			unnamed: 1,
		},
		{
			name: "a capital a sentence gives is no name",
			body: "Separately, the country's largest parcel carrier, Skyhaul Inc., said it had ordered ten new freighters.\n\nMPs have said the levy is unfair. Ministers say the levy will stay.\n\nCommentators say the deal is done.\n\nHaving said that, the levy is small.\n\nOnce installed, the new meters report faults to the council.\n\nKell said the harbour would reopen.",
			want: []want{
				{"Skyhaul Inc.", "", news.KindOrganization, []bool{false}},
				{"", "MPs", news.KindUnnamed, []bool{false}},
				{"", "Ministers", news.KindUnnamed, []bool{false}},
				{"", "Commentators", news.KindUnnamed, []bool{false}},
				{"Kell", "", news.KindPerson, []bool{false}},
			},
			unnamed: 3,
		},
		{
			name: "a lone name a company's, a lone surname a person's",
			body: "Shares in Brightwell fell 4% on Monday.\n\nBrightwell said it would close two plants. Brightwell shares have halved this year.\n\nThe fund's founder, Ana Castell, resigned.\n\nCastell said the fund had lost its way.",
			want: []want{{"Brightwell", "", news.KindOrganization, []bool{false}}, {"Ana Castell", "", news.KindPerson, []bool{false}}},
		},
		{
			name:    "a party named as a party speaks; its members as a group and nationalities are unnamed (CONVENTIONS.md)",
			body:    "Americans say the tax is too high.\n\nDemocrats said the bill would fail.\n\nThe Labour Party said it would vote against the bill.",
			want:    []want{{"", "Americans", news.KindUnnamed, []bool{false}}, {"", "Democrats", news.KindUnnamed, []bool{false}}, {"Labour Party", "", news.KindOrganization, []bool{false}}},
			unnamed: 2,
		},
		{
			name: "a nationality adjective that begins a country's name stays",
			body: "Saudi Arabia said on Thursday it would lease three tankers to the Kessel Line.",
			want: []want{{"Saudi Arabia", "", news.KindOrganization, []bool{false}}},
		},
		{
			name: "an office's possessive joins the organisation it heads, a country's does not",
			body: "The Pell County Sheriff's Office said two deputies had found the boat.\n\nNorway's Fisheries Ministry said the boat was not registered.",
			want: []want{{"Pell County Sheriff's Office", "", news.KindOrganization, []bool{false}}, {"Fisheries Ministry", "", news.KindOrganization, []bool{false}}},
		},
		{
			name: "a role word after an organisation's of is part of its name",
			body: "The Office of Consumer Counsel said the tariff was too high.\n\nThe Justice Department's Office of Tribal Justice said it would review the claim.\n\nUniversity of Tarn Geology Professor Ilse Morrow said the cliff would hold.",
			want: []want{
				{"Office of Consumer Counsel", "", news.KindOrganization, []bool{false}},
				{"Justice Department's Office of Tribal Justice", "", news.KindOrganization, []bool{false}},
				{"Ilse Morrow", "University of Tarn Geology Professor", news.KindPerson, []bool{false}},
			},
		},
		{
			name: "an editorial, a legend and a tycoon are unnamed sources (CONVENTIONS.md: no named author, no name)",
			body: "“The ferry deserves better than this council,” the editorial said.\n\nThe rugby legend said people misunderstand the club.\n\n“My guilty pleasure is the ferry,” the shipping tycoon told Harbour Weekly.",
			want: []want{
				{"", "the editorial", news.KindUnnamed, []bool{true}},
				{"", "The rugby legend", news.KindUnnamed, []bool{false}},
				{"", "the shipping tycoon", news.KindUnnamed, []bool{true}},
			},
			unnamed: 3,
		},
		{
			name: "a possessive name before an organisation noun is an unnamed source, as with a role",
			body: "Brandt's campaign said the rally would move to Friday.\n\nOkafor's spokesman said she would attend.",
			want: []want{
				{"", "Brandt's campaign", news.KindUnnamed, []bool{false}},
				{"", "Okafor's spokesman", news.KindUnnamed, []bool{false}},
			},
			unnamed: 2,
		},
		{
			name: "whatever follows according to is a source, titled without its relative clause",
			body: "The ferry carried 40 passengers a day, according to counts at the time.\n\nThe council chose another route, according to a senior harbour official who asked not to be named.",
			want: []want{
				{"", "counts at the time", news.KindUnnamed, []bool{false}},
				{"", "a senior harbour official", news.KindUnnamed, []bool{false}},
			},
			unnamed: 2,
		},
		{
			name: "unnamed subjects: an aside after the group, a relative clause before the verb, they whom no one names",
			body: "The port is expected to be cheap and fast at once, they say.\n\nOpponents of the levy, however, say it would close the ferry.\n\nMara Quist is sounding the alarm, echoing harbour engineers who say the pier is sinking.\n\nMany angry ferry users who came to the hearing to protest the fare say they will drive instead.",
			want: []want{
				{"", "they", news.KindUnnamed, []bool{false}},
				{"", "Opponents", news.KindUnnamed, []bool{false}},
				{"", "harbour engineers", news.KindUnnamed, []bool{false}},
				{"", "Many angry ferry users", news.KindUnnamed, []bool{false}},
			},
			unnamed: 4,
		},
		{
			name: "it whom no organisation names, and a possessive or indefinite subject before a participle",
			body: "Residents sent a letter to the ferry board in May.\n\n“The fact that it is already July shows the board does not care,” it read.\n\nMara Quist’s campaign shrugged off the letter, telling reporters, “Nobody on our team wrote it.”\n\nA harbour spokesman dismissed the complaint, saying the ferries run on time.",
			want: []want{
				{"", "it", news.KindUnnamed, []bool{true}},
				{"", "Mara Quist’s campaign", news.KindUnnamed, []bool{true}},
				{"", "A harbour spokesman", news.KindUnnamed, []bool{false}},
			},
			unnamed: 3,
		},
		{
			name: "the words between a quote and its verb are a source, whatever their noun; a person noun that opens the sentence",
			body: "“If the ferry stops, the island stops,” the boatbuilder said.\n\n“We are anxious,” another forum user wrote.\n\nThe former pollster said, “The count is close.”\n\nA mere 9 percent say they would take the ferry.\n\nThe levy may hurt the island more than the town, said several observers.\n\n“You are a total loser!” the note says.\n\nAs the horn sounded, the announcer said, “The ferry is late again.”",
			want: []want{
				{"", "the boatbuilder", news.KindUnnamed, []bool{true}},
				{"", "another forum user", news.KindUnnamed, []bool{true}},
				{"", "The former pollster", news.KindUnnamed, []bool{true}},
				{"", "several observers", news.KindUnnamed, []bool{false}},
				{"", "the note", news.KindUnnamed, []bool{true}},
				{"", "the announcer", news.KindUnnamed, []bool{true}},
			},
			unnamed: 6,
		},
		{
			name: "groups that open the clause: a plural with its phrases, a relative clause, an opening adverb, a verb phrase before a participle",
			body: "People briefed on the ferry talks said that the levy would go.\n\nFriends of Mr. Quist who have seen him on the quay say that he is tired.\n\nIndeed, proponents of a second pier here say the queues prove their case.\n\nBut other advisers to the board have been urging a delay, saying that only a crisis would move the council.\n\nSeveral said they would rather wait.",
			want: []want{
				{"", "People briefed on the ferry talks", news.KindUnnamed, []bool{false}},
				{"", "Friends of Mr. Quist", news.KindUnnamed, []bool{false}},
				{"", "proponents of a second pier here", news.KindUnnamed, []bool{false}},
				{"", "other advisers", news.KindUnnamed, []bool{false}},
				{"", "Several", news.KindUnnamed, []bool{false}},
			},
			unnamed: 5,
		},
		{
			name: "a source described by what it knows, and a person noun after the verb",
			body: "A person familiar with the planning for Thursday’s meeting says the talks will focus on the levy.\n\n“In this town, the ferry comes last,” says a narrator, going on to list the delays.\n\n“The ferry is late again,” says the advert’s narrator, going on to list the fares.",
			want: []want{
				{"", "A person", news.KindUnnamed, []bool{false}},
				{"", "a narrator", news.KindUnnamed, []bool{true}},
				{"", "the advert’s narrator", news.KindUnnamed, []bool{true}},
			},
			unnamed: 3,
		},
		{
			name: "a source described by what it knows after the clause it reports, and an age no one is named for",
			body: "The ferry levy is dead, a source close to the harbour board said.\n\nThe pier will be sold, people familiar with the talks said.\n\nThe queues were worse last year, said the 62-year-old.\n\nThe berths will be leased, said officials familiar with the plan.\n\nMara Quist has been “very angry about it,” said an aide close to the mayor.",
			want: []want{
				{"", "a source", news.KindUnnamed, []bool{false}},
				{"", "people", news.KindUnnamed, []bool{false}},
				{"", "the 62-year-old", news.KindUnnamed, []bool{false}},
				{"", "officials", news.KindUnnamed, []bool{false}},
				{"", "an aide", news.KindUnnamed, []bool{false}},
			},
			unnamed: 5,
		},
		{
			name: "plural nouns for people that end in no s, and the sides of a dispute",
			body: "Even though skating is allowed on the quay, the women say wardens still chase them away.\n\nBoth sides said the other would be to blame if the ferry stopped.",
			want: []want{
				{"", "the women", news.KindUnnamed, []bool{false}},
				{"", "Both sides", news.KindUnnamed, []bool{false}},
			},
			unnamed: 2,
		},
		{
			name: "a quantifier and the group it takes its part of; a person noun that ends like no suffix",
			body: "Some of the ferry crews said they would strike on Monday.\n\nMany in the crowd said the pier was the only thing they trusted.\n\nThe shipping magnate says the levy will sink the island.\n\nOne operative inside the harbour office tried to calm the crews, saying the money would come.",
			want: []want{
				{"", "Some of the ferry crews", news.KindUnnamed, []bool{false}},
				{"", "Many in the crowd", news.KindUnnamed, []bool{false}},
				{"", "The shipping magnate", news.KindUnnamed, []bool{false}},
				{"", "One operative", news.KindUnnamed, []bool{false}},
			},
			unnamed: 4,
		},
		{
			name: "a description opening a sentence before a participle; the clause before an inverted verb that a descriptive phrase follows",
			body: "Mara Quist toured the quay.\n\nThe Keswater businesswoman has praised the levy, saying it was overdue.\n\nIslanders would ride the ferry free, Quist said, a policy that could cost the town dearly.",
			want: []want{
				{"", "The Keswater businesswoman", news.KindUnnamed, []bool{false}},
				{"Mara Quist", "", news.KindPerson, []bool{false}},
			},
			unnamed: 1,
		},
		{
			name: "a short phrase opening the sentence is nothing said: no content before a request",
			body: "After the vote, councillors asked Mara Quist to chair the inquiry.\n\nIn 2019 rents fell, Quist said.",
			want: []want{{"Mara Quist", "", news.KindPerson, []bool{false}}},
		},
	}
	f := newTestFinder(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, unnamed := f.find(news.Article{Body: tt.body})
			checkOffsets(t, tt.body, got)
			if unnamed != tt.unnamed {
				t.Errorf("got %d unnamed quotes, want %d", unnamed, tt.unnamed)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got speakers %+v, want %d speakers %+v", got, len(tt.want), tt.want)
			}
			for i, w := range tt.want {
				g := got[i]
				if g.Name != w.name || g.Title != w.title || g.Kind != w.kind {
					t.Errorf("speaker %d: got %q (title %q, %s), want %q (title %q, %s)", i, g.Name, g.Title, g.Kind, w.name, w.title, w.kind)
				}
				var direct []bool
				for _, q := range g.Quotes {
					direct = append(direct, q.Direct)
				}
				if !slices.Equal(direct, w.direct) {
					t.Errorf("speaker %d: got quotes %+v, want direct flags %v", i, g.Quotes, w.direct)
				}
			}
		})
	}
}

func FuzzExtractSpeakers(f *testing.F) {
	f.Add("“We waited,” Osgood said. Osgood said that it was “late”.")
	f.Add("\"Open \" quote\n\n\"and\n“more” ”“ said he, \"")
	f.Add("Mr. A. B. Cé told reporters: “Ünïcode — ok.” “Second,” she said, “third.”")
	f.Add("according to , said , “")
	sf := newTestFinder(f)
	f.Fuzz(func(t *testing.T, body string) {
		if !utf8.ValidString(body) {
			return
		}
		got, unnamed := sf.find(news.Article{Body: body})
		if unnamed < 0 {
			t.Fatalf("got %d unnamed quotes, want >= 0", unnamed)
		}
		checkOffsets(t, body, got)
	})
}

func BenchmarkFindSpeakersGGT(b *testing.B) {
	gold := sharedtest.Path(b, "gold/quotes-ggt.jsonl")
	arts := readGoldArticles(b, gold)
	f := newTestFinder(b)
	b.ResetTimer()
	n := 0
	for b.Loop() {
		for _, a := range arts {
			f.find(a)
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}

func TestCapsLabelNamesNoOne(t *testing.T) {
	f := newTestFinder(t)
	tests := []struct {
		body string
		want bool // whether the capitals before the colon are an entity
	}{
		{"The bank met on Monday.\n\nNRB WATCH: The bank ended its first meeting of the year. Traders had expected a cut.", false},
		{"The fund named its new owner.\n\nRates Watch Holdings: the board agreed on Monday to sell.", true},
	}
	for _, tt := range tests {
		d := f.newDoc(tt.body, nil)
		name, _, _ := strings.Cut(tt.body, ":")
		words := strings.Fields(name)
		got := d.lookup(words[len(words)-2:], len(d.toks)) != nil
		if got != tt.want {
			t.Errorf("%q: got entity %v, want %v", name, got, tt.want)
		}
	}
}
