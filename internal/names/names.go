// Package names resolves the short names of speakers across an archive: an article that
// only says "Roe said" or "Jim Jr. said" is given the full name that the rest of the archive
// uses for that person ("Jane Roe", "James Doe Jr."), when that is unambiguous, so that the
// speaker facet holds one value per person.
//
// The extractor reads each article alone, and keeps a short name when the article gives no
// more (CONVENTIONS.md: "If the article gives only part of a name, that part is the name").
// The archive knows more: a Builder learns from every article's speakers which full names
// it holds, in how many articles, and with which roles (the head word of the titles given
// with them: "senator", "secretary", "justice"). The Table it builds maps a short name to a
// full name only when
//
//   - the short name is a person's surname alone ("Roe"), or a first name or surname with a
//     generational suffix ("Jim Jr.", "Doe Jr."), and the article names no other person of
//     that surname;
//   - the full names it may stand for (same surname; for a suffixed form, same suffix and a
//     first name that starts with the short one) have a role that fits the title given with
//     the short name, when one is given ("President Roe" is not a senator Roe);
//   - one of them holds at least MinShare of the weight (articles, or articles with that
//     role when a title is given), and is found in at least MinArticles articles; and, when
//     no title is given, in more than twice as many articles as the short name is given
//     without a title: a bare short form nearly as common as the full name is mostly someone
//     or something else ("Bloomberg" the news agency beside "Michael Bloomberg"), while
//     "Mayor Bloomberg" is not.
//
// A full name that is a well-known person's formal or alternate name ("Charles E. Schumer")
// is given the name news uses for them ("Chuck Schumer", lexicon/aliases.txt): the extractor
// keeps names as printed, and this is where the facet joins the two.
//
// Decisions depend only on what the extractor found (a resolved speaker keeps the name as
// printed in Written, and learning reads that), so resolving again with the same articles
// gives the same names, whatever order the articles came in.
package names

import (
	"cmp"
	"slices"
	"strings"

	"github.com/searchd/searchd/internal/news"
)

// Decision thresholds.
const (
	MinShare    = 0.8 // least share of the candidates' weight the chosen full name holds
	MinArticles = 3   // least articles the chosen full name is found in
	// roleShare: a candidate fits a title when at least 1/roleShare of its titled articles
	// give it that role, so that one stray title does not make a senator a president.
	roleShare = 20
)

// entry is a full name as the archive knows it.
type entry struct {
	name     string
	given    string         // first word, lower case
	surname  string         // last word before any suffix, lower case
	suffix   string         // generational suffix, lower case without the full stop; "" for none
	articles int            // articles naming the person so
	titled   int            // of those, articles that give a title
	roles    map[string]int // role head word -> articles giving it
}

// Builder learns full names from the speakers of articles. The zero value is ready to use.
// It is not safe for concurrent use.
type Builder struct {
	full  map[string]*entry // by full name
	short map[string]int    // short person names (lower case) -> articles giving them without a title
}

// Add learns from the speakers of one article. A speaker resolved earlier counts under the
// name the article printed (Written), and each name counts once per article.
func (b *Builder) Add(speakers []news.Speaker) {
	if b.full == nil {
		b.full = map[string]*entry{}
		b.short = map[string]int{}
	}
	seen := make(map[string]bool, len(speakers))
	for _, sp := range speakers {
		name := printed(sp)
		if sp.Kind != news.KindPerson || name == "" {
			continue
		}
		p := parse(name)
		if p.short() {
			key := strings.ToLower(name)
			if !seen[key] && roleOf(sp.Title) == "" {
				seen[key] = true
				b.short[key]++
			}
			continue
		}
		name = alias(name)
		p = parse(name)
		e := b.full[name]
		if e == nil {
			e = &entry{name: name, given: p.given, surname: p.surname, suffix: p.suffix, roles: map[string]int{}}
			b.full[name] = e
		}
		if !seen[name] {
			seen[name] = true
			e.articles++
		}
		// One title per article and name: the first one given.
		if role := roleOf(sp.Title); role != "" && !seen[name+"\x00role"] {
			seen[name+"\x00role"] = true
			e.titled++
			e.roles[role]++
		}
	}
}

// Bytes estimates the memory b holds.
func (b *Builder) Bytes() int64 {
	const perName = 160 // an entry, its map slots and its strings, about
	return int64(len(b.full)+len(b.short)) * perName
}

// Table returns the table of what b has learnt. Later Adds do not change it.
func (b *Builder) Table() *Table {
	t := &Table{bySurname: map[string][]*entry{}, bySuffix: map[string][]*entry{}, short: map[string]int{}}
	for _, e := range b.full {
		c := *e
		c.roles = make(map[string]int, len(e.roles))
		for k, v := range e.roles {
			c.roles[k] = v
		}
		t.bySurname[c.surname] = append(t.bySurname[c.surname], &c)
		if c.suffix != "" {
			t.bySuffix[c.suffix] = append(t.bySuffix[c.suffix], &c)
		}
	}
	for k, v := range b.short {
		t.short[k] = v
	}
	t.names = len(b.full)
	return t
}

// Table maps short names to the full names an archive knows. It is immutable and safe for
// concurrent use; the nil *Table resolves nothing.
type Table struct {
	bySurname map[string][]*entry
	bySuffix  map[string][]*entry
	short     map[string]int
	names     int
}

// Len returns the number of full names in t.
func (t *Table) Len() int {
	if t == nil {
		return 0
	}
	return t.names
}

// Resolve returns the full name that speaker sp, quoted in an article whose speakers are
// article, stands for, or "" when the archive does not single out one person for it. A full
// name is resolved only to the name news uses for that person (aliases.txt: "Charles E.
// Schumer" -> "Chuck Schumer"); the archive learns full names under those names too. sp's
// own name is read as printed (Written, when set).
func (t *Table) Resolve(sp news.Speaker, article []news.Speaker) string {
	name := printed(sp)
	if t == nil || sp.Kind != news.KindPerson || name == "" {
		return ""
	}
	p := parse(name)
	if !p.short() {
		if a := alias(name); a != name {
			return a
		}
		return ""
	}
	for _, o := range article {
		if o.Kind == news.KindPerson && p.matches(parse(printed(o)), false) {
			return "" // the article itself names someone that the short name may be
		}
	}
	pool := t.bySurname[p.surname]
	if p.suffix != "" {
		pool = t.bySuffix[p.suffix]
	}
	role := roleOf(sp.Title)
	type cand struct {
		e      *entry
		weight int
	}
	var cands []cand
	total := 0
	for _, e := range pool {
		if !p.matches(parsed{given: e.given, surname: e.surname, suffix: e.suffix, words: 2}, true) {
			continue
		}
		w := e.articles
		if role != "" {
			w = e.roles[role]
			if w == 0 || w*roleShare < e.titled {
				continue
			}
		}
		cands = append(cands, cand{e, w})
		total += w
	}
	if len(cands) == 0 {
		return ""
	}
	best := slices.MaxFunc(cands, func(a, b cand) int {
		return cmp.Or(cmp.Compare(a.weight, b.weight), cmp.Compare(a.e.articles, b.e.articles), strings.Compare(b.e.name, a.e.name))
	})
	if float64(best.weight) < MinShare*float64(total) || best.e.articles < MinArticles ||
		(role == "" && best.e.articles <= 2*t.short[strings.ToLower(name)]) {
		return ""
	}
	return best.e.name
}

// Apply resolves the short names among d's speakers with t, in place: a resolved speaker's
// Name becomes the full name and Written keeps the name the article printed. Resolutions of
// an earlier table that t no longer makes are undone. Apply reports whether d changed.
func (t *Table) Apply(d *news.Document) bool {
	orig := Restore(d.Speakers)
	out := make([]news.Speaker, len(orig))
	copy(out, orig)
	for i, sp := range orig {
		if full := t.Resolve(sp, orig); full != "" {
			out[i].Written, out[i].Name = sp.Name, full
		}
	}
	if slices.EqualFunc(out, d.Speakers, sameName) {
		return false
	}
	d.Speakers = out
	return true
}

// Resolvable reports whether Apply may change an article with these speakers, whatever the
// table: one of them is a person's short name, a formal name with another name in
// aliases.txt, or a name resolved earlier. A pass over an archive needs to keep only those
// articles for Apply.
func Resolvable(speakers []news.Speaker) bool {
	for _, sp := range speakers {
		if sp.Written != "" {
			return true
		}
		if sp.Kind == news.KindPerson && sp.Name != "" && (parse(sp.Name).short() || alias(sp.Name) != sp.Name) {
			return true
		}
	}
	return false
}

// Restore returns speakers as the extractor gave them: every resolved name back to the name
// the article printed. It returns speakers itself when none was resolved.
func Restore(speakers []news.Speaker) []news.Speaker {
	if !slices.ContainsFunc(speakers, func(sp news.Speaker) bool { return sp.Written != "" }) {
		return speakers
	}
	out := make([]news.Speaker, len(speakers))
	copy(out, speakers)
	for i := range out {
		if out[i].Written != "" {
			out[i].Name, out[i].Written = out[i].Written, ""
		}
	}
	return out
}

func sameName(a, b news.Speaker) bool { return a.Name == b.Name && a.Written == b.Written }

// printed is the name of sp as the article printed it.
func printed(sp news.Speaker) string {
	if sp.Written != "" {
		return sp.Written
	}
	return sp.Name
}

// parsed is a person's name split into the words that matter here.
type parsed struct {
	given, surname, suffix string // lower case; suffix without its full stop
	words                  int    // words without the suffix
}

// parse splits a person's name: "Jane Q. Roe Jr." -> given "jane", surname "roe", suffix "jr".
func parse(name string) parsed {
	w := strings.Fields(strings.ToLower(name))
	var p parsed
	if len(w) > 1 {
		if s := strings.TrimRight(w[len(w)-1], ".,"); wordLists().suffixes[s] {
			p.suffix = s
			w = w[:len(w)-1]
		}
	}
	if len(w) == 0 {
		return parsed{}
	}
	p.words = len(w)
	p.given, p.surname = w[0], w[len(w)-1]
	return p
}

// short reports whether p is a short form: one word, perhaps with a suffix ("Roe", "Jim Jr.").
func (p parsed) short() bool { return p.words == 1 }

// matches reports whether the short name p may stand for the fuller name f. A bare surname
// matches every full name of that surname; a word with a suffix matches full names with that
// suffix whose surname is the word, or whose first name is the word or, when prefix is set,
// starts with it ("Jim Jr." for "Jimmy Doe Jr.").
func (p parsed) matches(f parsed, prefix bool) bool {
	if f.words < 2 {
		return false
	}
	if p.suffix == "" {
		return f.surname == p.surname
	}
	if f.suffix != p.suffix {
		return false
	}
	w := p.surname // the one word
	return f.surname == w || f.given == w || (prefix && len(w) >= 3 && strings.HasPrefix(f.given, w))
}

// roleOf returns the role a title gives: its head word, lower case, with abbreviations
// spelt out ("Sen." -> "senator", "Secretary of State" -> "secretary", "House Speaker" ->
// "speaker"), or "" for none.
func roleOf(title string) string {
	lex := wordLists()
	head := ""
	for _, w := range strings.FieldsFunc(strings.ToLower(title), func(r rune) bool {
		return r == ' ' || r == '\n' || r == '\t' || r == '-' || r == '/'
	}) {
		end := strings.ContainsAny(w, ",;:(")
		w = strings.Trim(w, ".,;:()\"'’‘“”")
		if lex.boundaries[w] {
			break
		}
		if full, ok := lex.abbreviations[w]; ok {
			w = full
		}
		if w != "" && !lex.modifiers[w] {
			head = w
		}
		if end {
			break
		}
	}
	return head
}
