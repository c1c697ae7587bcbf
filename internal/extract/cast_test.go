package extract

import (
	"strings"
	"testing"

	"github.com/searchd/searchd/internal/news"
)

// readCast runs the first two stages alone on body: the prose and the names it holds.
func readCast(t *testing.T, f *speakerFinder, body string) *cast {
	t.Helper()
	var cs cast
	cs.read(body, f.w, f.gaz, &docScratch{})
	return &cs
}

// TestCastSubject checks the second stage without the attribution stage: the subject of a
// speech verb, read as a mention and resolved against the names the article gave before it
// (a surname, a pronoun, a role, an acronym, a title split off the name).
func TestCastSubject(t *testing.T) {
	f := newTestFinder(t)
	tests := []struct {
		name  string
		body  string
		verb  string // the speech verb whose subject is asked (its last occurrence)
		kind  int    // of the mention read
		want  resolved
		found bool
	}{
		{
			name:  "surname of a person named in full",
			body:  "Harbour Commissioner Mirela Osgood opened the pier on Tuesday. Osgood said it was late.",
			verb:  "said",
			kind:  mentionName,
			want:  resolved{name: "Mirela Osgood", title: "Harbour Commissioner", kind: news.KindPerson},
			found: true,
		},
		{
			name:  "pronoun of the only woman named",
			body:  "Anna Kessler met Tomas Brennick at the dock. She said the ferry was full.",
			verb:  "said",
			kind:  mentionPronoun,
			want:  resolved{name: "Anna Kessler", kind: news.KindPerson},
			found: true,
		},
		{
			name:  "role of a person named with it",
			body:  "Governor Lena Marsh toured the dam on Friday. The governor said repairs would take a year.",
			verb:  "said",
			kind:  mentionRole,
			want:  resolved{name: "Lena Marsh", title: "Governor", kind: news.KindPerson},
			found: true,
		},
		{
			name:  "acronym of an organisation named in full",
			body:  "The Port Ellis Water Board (PEWB) voted on Monday. PEWB said rates would rise.",
			verb:  "said",
			kind:  mentionName,
			want:  resolved{name: "Port Ellis Water Board", kind: news.KindOrganization},
			found: true,
		},
		{
			name:  "title split off the name",
			body:  "Speaker of the House Jane Roe said the vote would be close.",
			verb:  "said",
			kind:  mentionName,
			want:  resolved{name: "Jane Roe", title: "Speaker of the House", kind: news.KindPerson},
			found: true,
		},
		{
			name:  "a surname that is also a demonym",
			body:  "Ferry owner Ines Danish bought the line. Danish said fares would fall.",
			verb:  "said",
			kind:  mentionName,
			want:  resolved{name: "Ines Danish", title: "Ferry owner", kind: news.KindPerson},
			found: true,
		},
		{
			name: "an unnamed source resolves to no name",
			body: "An official said the dam was safe.",
			verb: "said",
			kind: mentionUnnamed,
			// no identity: the attribution stage keeps its quote as an unnamed one
			want:  resolved{},
			found: false,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := readCast(t, f, tt.body)
			v := -1
			for i := range cs.toks {
				if cs.toks[i].text == tt.verb {
					v = i
				}
			}
			if v < 0 {
				t.Fatalf("no %q in %q", tt.verb, tt.body)
			}
			m := cs.subjectLeft(v, cs.sentStart[cs.toks[v].sent])
			if m.kind != tt.kind {
				t.Errorf("subject of %q: got mention kind %d, want %d", tt.verb, m.kind, tt.kind)
			}
			got, ok := cs.resolve(m)
			if ok != tt.found || got != tt.want {
				t.Errorf("subject of %q: got %+v (%v), want %+v (%v)", tt.verb, got, ok, tt.want, tt.found)
			}
		})
	}
}

// TestCastNameMention checks how a capitalised run becomes a mention: the words that open it
// without being part of the name, honorifics, the title split off, and what kind of mention the
// rest is.
func TestCastNameMention(t *testing.T) {
	f := newTestFinder(t)
	tests := []struct {
		body     string
		from, to string // the first and last word of the run
		kind     int
		name     string
		title    string
		org      bool
	}{
		{"Russian President Vladimir Putin said the talks failed.", "Russian", "Putin", mentionName, "Vladimir Putin", "Russian President", false},
		{"White House press secretary Karoline Leavitt said no.", "Karoline", "Leavitt", mentionName, "Karoline Leavitt", "White House press secretary", false},
		{"Following Jane Roe, the council voted.", "Following", "Roe", mentionName, "Jane Roe", "", false},
		{"Mr. Tom Vale said it again.", "Mr.", "Vale", mentionName, "Tom Vale", "", false},
		{"Lord Falconer said it again.", "Lord", "Falconer", mentionName, "Lord Falconer", "", false},
		{"The Port Ellis Water Board said rates would rise.", "Port", "Board", mentionName, "Port Ellis Water Board", "", true},
		{"Yellowhead MP said it again.", "Yellowhead", "MP", mentionRole, "", "", false},
		{"Another Democrat said it again.", "Democrat", "Democrat", mentionUnnamed, "", "", false},
		{"Officials said the road was shut.", "Officials", "Officials", mentionUnnamed, "", "", false},
		{"A report titled Winter Rails said so.", "Winter", "Rails", mentionNone, "", "", false},
	}
	for _, tt := range tests {
		cs := readCast(t, f, tt.body)
		a, b := -1, -1
		for i := range cs.toks {
			if a < 0 && cs.toks[i].text == tt.from {
				a = i
			}
			if a >= 0 && b < 0 && cs.toks[i].text == tt.to {
				b = i
			}
		}
		if a < 0 || b < 0 {
			t.Fatalf("no run %q…%q in %q", tt.from, tt.to, tt.body)
		}
		m := cs.nameMention(a, b, false)
		got := strings.Join(m.name, " ")
		if m.kind != tt.kind || got != tt.name || m.title != tt.title || m.org != tt.org {
			t.Errorf("%q: got kind %d name %q title %q org %v, want kind %d name %q title %q org %v",
				tt.body, m.kind, got, m.title, m.org, tt.kind, tt.name, tt.title, tt.org)
		}
	}
}
