package names

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/searchd/searchd/internal/news"
)

// person and org build speakers for the tests; every name here is invented.
func person(name, title string) news.Speaker {
	return news.Speaker{Name: name, Title: title, Kind: news.KindPerson}
}

func org(name string) news.Speaker { return news.Speaker{Name: name, Kind: news.KindOrganization} }

// archive returns a table learnt from n articles quoting each speaker of spec alone.
func archive(spec ...arch) *Table {
	var b Builder
	for _, a := range spec {
		for range a.n {
			b.Add([]news.Speaker{a.sp})
		}
	}
	return b.Table()
}

type arch struct {
	sp news.Speaker
	n  int
}

func TestResolve(t *testing.T) {
	// The archive: Jane Roe is the Roe (a senator, later secretary); Ada and Bo Quill split
	// their surname; Marta Voss is the president Voss and Ben Voss the senator; Jim Dale Jr.
	// is the son; Oren Fisk is a person, and also a news agency "Fisk" as often.
	built := archive(
		arch{person("Jane Roe", "Sen."), 30}, arch{person("Jane Roe", "Secretary of State"), 10},
		arch{person("Jane Roe", ""), 20}, arch{person("Paul Roe", ""), 3},
		arch{person("Ada Quill", ""), 40}, arch{person("Bo Quill", ""), 35},
		arch{person("Marta Voss", "President"), 40}, arch{person("Marta Voss", ""), 60},
		arch{person("Ben Voss", "Senator"), 12}, arch{person("Ben Voss", "former President"), 1},
		arch{person("Jim Dale", "President"), 200}, arch{person("Jim Dale Jr.", "the president's son"), 30},
		arch{person("Oren Fisk", ""), 17}, arch{person("Oren Fisk", "Mayor"), 3}, arch{person("Fisk", ""), 15},
		arch{person("Lena Marsh", ""), 2},
		arch{person("Roe", ""), 4},
	)
	tests := []struct {
		name    string
		sp      news.Speaker
		article []news.Speaker // the other speakers of the article
		want    string
	}{
		{"surname alone, one dominant full name", person("Roe", ""), nil, "Jane Roe"},
		{"surname with a fitting title", person("Roe", "Sen."), nil, "Jane Roe"},
		{"surname with a title spelt out", person("Roe", "former senator"), nil, "Jane Roe"},
		{"title that no Roe has", person("Roe", "Pope"), nil, ""},
		{"two people share the surname", person("Quill", ""), nil, ""},
		{"title picks the president", person("Voss", "President"), nil, "Marta Voss"},
		{"title picks the senator", person("Voss", "Sen."), nil, "Ben Voss"},
		{"one stray title does not fit", person("Voss", "the former president of the club"), nil, "Marta Voss"},
		{"no title: the most quoted Voss", person("Voss", ""), nil, "Marta Voss"},
		{"first name with suffix", person("Jim Jr.", ""), nil, "Jim Dale Jr."},
		{"nickname prefix with suffix", person("Jimmy Jr.", ""), nil, ""},
		{"surname with suffix", person("Dale Jr.", ""), nil, "Jim Dale Jr."},
		{"surname without suffix is the father", person("Dale", ""), nil, "Jim Dale"},
		{"short form as common as the full name", person("Fisk", ""), nil, ""},
		{"short form as common, with a fitting title", person("Fisk", "Mayor"), nil, "Oren Fisk"},
		{"full name in too few articles", person("Marsh", ""), nil, ""},
		{"unknown surname", person("Wren", ""), nil, ""},
		{"full name is left alone", person("Jane Roe", ""), nil, ""},
		{"organisation is left alone", org("Roe"), nil, ""},
		{"article names another Roe", person("Roe", ""), []news.Speaker{person("Paul Roe", "")}, ""},
		{"article names an organisation of that name", person("Roe", ""), []news.Speaker{org("Roe Industries")}, "Jane Roe"},
		{"resolved earlier: read as printed", news.Speaker{Name: "Paul Roe", Written: "Roe", Kind: news.KindPerson}, nil, "Jane Roe"},
	}
	// The table saved and parsed again (persist.go) resolves as the one built.
	saved, err := built.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := ParseTable(saved)
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := parsed.MarshalJSON(); string(again) != string(saved) || parsed.Len() != built.Len() {
		t.Errorf("table saved again: got %s (%d names), want %s (%d)", again, parsed.Len(), saved, built.Len())
	}
	for _, tab := range []*Table{built, parsed} {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				article := append([]news.Speaker{tt.sp}, tt.article...)
				if got := tab.Resolve(tt.sp, article); got != tt.want {
					t.Errorf("Resolve(%q, title %q) = %q, want %q", printed(tt.sp), tt.sp.Title, got, tt.want)
				}
				if tt.want != "" && !Resolvable(article) {
					t.Errorf("Resolvable(%v) = false, want true: %q resolves", article, printed(tt.sp))
				}
			})
		}
	}
	if Resolvable([]news.Speaker{person("Jane Roe", "Sen."), org("Roe"), person("Jim Dale Jr.", "")}) {
		t.Error("Resolvable(full names and an organisation) = true, want false")
	}
	if _, err := ParseTable([]byte(strings.Replace(string(saved), `"version":1`, `"version":0`, 1))); err == nil {
		t.Error("table of another version: parsed without error")
	}
}

// TestAliases checks that a formal name in aliases.txt, printed with a middle initial, takes
// the name news uses, and that a surname alone resolves when the archive holds the person
// under both names (without the aliases they split the surname's weight in two).
func TestAliases(t *testing.T) {
	w, err := load()
	if err != nil {
		t.Fatal(err)
	}
	keys := slices.Sorted(maps.Keys(w.aliases))
	if len(keys) == 0 {
		t.Fatal("aliases.txt is empty")
	}
	key := keys[0]
	want := w.aliases[key]
	f := strings.Fields(key)
	formal := f[0] + " Q. " + strings.Join(f[1:], " ") // a middle initial the key drops
	tab := archive(arch{person(formal, ""), 5}, arch{person(want, ""), 5})
	if got := tab.Resolve(person(formal, ""), nil); got != want {
		t.Errorf("Resolve(%q) = %q, want %q", formal, got, want)
	}
	if got := tab.Resolve(person(want, ""), nil); got != "" {
		t.Errorf("Resolve(%q) = %q, want it left alone", want, got)
	}
	surname := f[len(f)-1]
	if got := tab.Resolve(person(surname, ""), nil); got != want {
		t.Errorf("Resolve(%q) = %q, want %q (both forms are one person)", surname, got, want)
	}
	if tab.Len() != 1 {
		t.Errorf("table holds %d full names, want 1", tab.Len())
	}
	if !Resolvable([]news.Speaker{person(formal, "")}) {
		t.Errorf("Resolvable(%q) = false, want true: a pass must keep it", formal)
	}
}

func TestAliasKey(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Charles E. Schumer", "charles schumer"},
		{"Beto O'Rourke", "beto orourke"},
		{"Ann de Vries", "ann de vries"},
		{"J. Roe", "j roe"},
	} {
		if got := aliasKey(tt.in); got != tt.want {
			t.Errorf("aliasKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestResolveNilTable(t *testing.T) {
	var tab *Table
	if got := tab.Resolve(person("Roe", ""), nil); got != "" {
		t.Errorf("nil table resolved %q", got)
	}
	if tab.Len() != 0 {
		t.Errorf("nil table Len = %d, want 0", tab.Len())
	}
}

func TestApplyIsIdempotentAndReversible(t *testing.T) {
	tab := archive(arch{person("Jane Roe", ""), 10})
	d := news.Document{ID: "a", Speakers: []news.Speaker{person("Roe", ""), person("Kit Lowe", ""), org("Acme")}}
	if !tab.Apply(&d) {
		t.Fatal("Apply changed nothing, want Roe resolved")
	}
	if got, want := names(d.Speakers), "Jane Roe (Roe)|Kit Lowe|Acme"; got != want {
		t.Fatalf("after Apply: got %s, want %s", got, want)
	}
	if tab.Apply(&d) {
		t.Errorf("second Apply changed %s, want no change", names(d.Speakers))
	}
	// A table that no longer singles out Jane Roe undoes the resolution.
	other := archive(arch{person("Jane Roe", ""), 10}, arch{person("Max Roe", ""), 10})
	if !other.Apply(&d) {
		t.Fatal("Apply with an ambiguous table changed nothing, want Roe restored")
	}
	if got, want := names(d.Speakers), "Roe|Kit Lowe|Acme"; got != want {
		t.Errorf("after undo: got %s, want %s", got, want)
	}
	if got := Restore(d.Speakers); &got[0] != &d.Speakers[0] {
		t.Errorf("Restore copied speakers that hold no resolution")
	}
}

// TestOrderIndependent checks that the table, and so every decision, does not depend on the
// order in which articles are learnt, nor on resolutions stored earlier.
func TestOrderIndependent(t *testing.T) {
	arts := [][]news.Speaker{
		{person("Roe", "")},
		{person("Jane Roe", "Sen."), person("Kit Lowe", "")},
		{person("Jane Roe", "")},
		{person("Jane Roe", "Senator")},
		{person("Jane Roe", ""), org("Acme")},
		{person("Roe", "Sen.")},
		{person("Jane Roe", "")},
		{person("Jane Roe", "Sen.")},
	}
	learn := func(order []int, resolvedFirst bool) []string {
		var b Builder
		for _, i := range order {
			sp := arts[i]
			if resolvedFirst && len(sp) == 1 && sp[0].Name == "Roe" {
				sp = []news.Speaker{{Name: "Jane Roe", Written: "Roe", Title: sp[0].Title, Kind: news.KindPerson}}
			}
			b.Add(sp)
		}
		tab := b.Table()
		var out []string
		for _, a := range arts {
			d := news.Document{Speakers: slices.Clone(a)}
			tab.Apply(&d)
			out = append(out, names(d.Speakers))
		}
		return out
	}
	want := learn([]int{0, 1, 2, 3, 4, 5, 6, 7}, false)
	if want[0] != "Jane Roe (Roe)" {
		t.Fatalf("first article: got %s, want Jane Roe (Roe)", want[0])
	}
	for _, c := range []struct {
		order    []int
		resolved bool
	}{{[]int{7, 6, 5, 4, 3, 2, 1, 0}, false}, {[]int{2, 0, 6, 4, 1, 7, 5, 3}, true}} {
		if got := learn(c.order, c.resolved); !slices.Equal(got, want) {
			t.Errorf("order %v (resolved %v): got %q, want %q", c.order, c.resolved, got, want)
		}
	}
}

func TestRoleOf(t *testing.T) {
	for _, tt := range []struct{ title, want string }{
		{"", ""},
		{"Sen.", "senator"},
		{"Senator", "senator"},
		{"former Gov.", "governor"},
		{"House Speaker", "speaker"},
		{"Speaker of the House", "speaker"},
		{"Secretary of State", "secretary"},
		{"White House press secretary", "secretary"},
		{"Chief Justice", "justice"},
		{"President-elect", "president"},
		{"the president's son", "son"},
		{"CEO, Acme Corp.", "ceo"},
		{"former", ""},
	} {
		if got := roleOf(tt.title); got != tt.want {
			t.Errorf("roleOf(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}

func TestParse(t *testing.T) {
	for _, tt := range []struct {
		name string
		want parsed
	}{
		{"Roe", parsed{given: "roe", surname: "roe", words: 1}},
		{"Jane Q. Roe", parsed{given: "jane", surname: "roe", words: 3}},
		{"Jim Dale Jr.", parsed{given: "jim", surname: "dale", suffix: "jr", words: 2}},
		{"Jim Jr.", parsed{given: "jim", surname: "jim", suffix: "jr", words: 1}},
		{"Jr.", parsed{given: "jr.", surname: "jr.", words: 1}},
		{"", parsed{}},
	} {
		if got := parse(tt.name); got != tt.want {
			t.Errorf("parse(%q) = %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func TestLexicon(t *testing.T) {
	w, err := load()
	if err != nil {
		t.Fatal(err)
	}
	for word := range w.modifiers {
		if w.boundaries[word] {
			t.Errorf("%q is both a modifier and a boundary", word)
		}
	}
	for abbr, full := range w.abbreviations {
		if w.modifiers[abbr] || w.modifiers[full] || w.boundaries[abbr] {
			t.Errorf("abbreviation %q (%q) is also a modifier or boundary", abbr, full)
		}
	}
}

// names renders speakers as "Name (Written)|...".
func names(sps []news.Speaker) string {
	var parts []string
	for _, sp := range sps {
		s := sp.Name
		if sp.Written != "" {
			s += " (" + sp.Written + ")"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "|")
}
