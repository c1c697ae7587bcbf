package extract

import (
	"bufio"
	"embed"
	"fmt"
	"strings"

	"github.com/searchd/searchd/internal/geo"
)

// placeLexiconFS holds the word lists of the place finder, written for searchd.
//
//go:embed lexicon/place_*.txt
var placeLexiconFS embed.FS

// placeLexicon is the vocabulary of the place finder, loaded once by newPlaceFinder. The keys
// of never and ambiguous are geo.Key forms; the other word sets hold lower-case words.
type placeLexicon struct {
	never       map[string]bool   // names that are never a place in running text
	ambiguous   map[string]bool   // names as often a person's: a place only after "in" or with a region
	cues        map[string]bool   // words that say a statement or event happened at the place after "in"
	events      map[string]bool   // events where things are said: "conference", "rally"
	fillers     map[string]bool   // words that may stand between a cue and the preposition
	sayVerbs    map[string]bool   // verbs of saying that, after a place, put the speakers there
	auxiliaries map[string]bool   // words between a place and a verb of saying: "have", "last", "week"
	ahead       map[string]bool   // words of plans and what is to come: "will", "expected"
	linkers     map[string]bool   // prepositions and conjunctions: no verb, so no end of a subject
	incidents   map[string]bool   // nouns of incidents: "the attack in London on Saturday" is a topic
	settlements map[string]bool   // nouns of "the city of": "city", "town", "village"
	modifiers   map[string]bool   // words that open a place phrase, not a given name
	orgWords    map[string]bool   // heads of organisation names that own a place after "at"
	notes       noteMatcher       // marks of captions, credits, bylines and author notes
	noteStart   []string          // the same, only at the start of a paragraph
	home        map[string]string // source name -> ISO code of its home country
}

// placeList reads one lexicon file: its lines without comments and blank lines. Lines keep
// inner and trailing spaces ("By ") but lose a trailing carriage return.
func placeList(name string) ([]string, error) {
	raw, err := placeLexiconFS.ReadFile("lexicon/" + name)
	if err != nil {
		return nil, fmt.Errorf("read place lexicon %s: %w", name, err)
	}
	var out []string
	sc := bufio.NewScanner(strings.NewReader(string(raw)))
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, line)
	}
	return out, sc.Err()
}

func placeSet(name string, key func(string) string) (map[string]bool, error) {
	words, err := placeList(name)
	if err != nil {
		return nil, err
	}
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[key(w)] = true
	}
	return m, nil
}

func loadPlaceLexicon() (*placeLexicon, error) {
	lex := &placeLexicon{home: map[string]string{}}
	var err error
	for _, s := range []struct {
		dst  *map[string]bool
		name string
		key  func(string) string
	}{
		{&lex.never, "place_never.txt", geo.Key},
		{&lex.ambiguous, "place_ambiguous.txt", geo.Key},
		{&lex.cues, "place_cues.txt", strings.ToLower},
		{&lex.events, "place_events.txt", strings.ToLower},
		{&lex.fillers, "place_fillers.txt", strings.ToLower},
		{&lex.sayVerbs, "place_sayverbs.txt", strings.ToLower},
		{&lex.settlements, "place_settlements.txt", strings.ToLower},
		{&lex.auxiliaries, "place_auxiliaries.txt", strings.ToLower},
		{&lex.ahead, "place_ahead.txt", strings.ToLower},
		{&lex.linkers, "place_linkers.txt", strings.ToLower},
		{&lex.incidents, "place_incidents.txt", strings.ToLower},
		{&lex.modifiers, "place_modifiers.txt", strings.ToLower},
		{&lex.orgWords, "place_orgwords.txt", strings.ToLower},
	} {
		if *s.dst, err = placeSet(s.name, s.key); err != nil {
			return nil, err
		}
	}
	notes, err := placeList("place_notes.txt")
	if err != nil {
		return nil, err
	}
	for _, n := range notes {
		if rest, ok := strings.CutPrefix(n, "^"); ok {
			lex.noteStart = append(lex.noteStart, rest)
		} else {
			lex.notes.add(n)
		}
	}
	sources, err := placeList("place_sources.txt")
	if err != nil {
		return nil, err
	}
	for _, line := range sources {
		name, code, ok := strings.Cut(line, "\t")
		if !ok || len(code) != 2 {
			return nil, fmt.Errorf("place lexicon place_sources.txt: line %q: want source, tab, country code", line)
		}
		lex.home[name] = code
	}
	return lex, nil
}

// isNote reports whether a paragraph is a caption, a photo or reporting credit, a byline or an
// author note ("Jane Doe is a professor at ..."), which names no place of the story.
func (lex *placeLexicon) isNote(para string, authors []string) bool {
	if strings.HasPrefix(para, "By ") && len(para) < 120 && !strings.Contains(para, ". ") {
		return true // a byline
	}
	for _, p := range lex.noteStart {
		if strings.HasPrefix(para, p) {
			return true
		}
	}
	if len(para) < 300 && strings.HasSuffix(para, ")") {
		return true // a caption with its credit: "... in 1967 (Library of Congress)"
	}
	if photoCredit(para) {
		return true
	}
	if lex.notes.in(para) { // in any paragraph: a long one holds a caption run into the text
		return true
	}
	for _, a := range authors {
		if a != "" && strings.HasPrefix(para, a) {
			rest := para[len(a):]
			if strings.HasPrefix(rest, " is ") || strings.HasPrefix(rest, ", ") || strings.HasPrefix(rest, " was ") {
				return true // an author note
			}
		}
	}
	return false
}

// noteMatcher finds any of a set of phrases (of two bytes or more) in a text in one pass: a
// bit set of the phrases' first two bytes rules out most positions at once.
type noteMatcher struct {
	pairs   [1 << 16 / 64]uint64
	phrases map[uint16][]string
}

func pairOf(s string, i int) uint16 { return uint16(s[i])<<8 | uint16(s[i+1]) }

func (m *noteMatcher) add(p string) {
	if len(p) < 2 {
		return
	}
	if m.phrases == nil {
		m.phrases = map[uint16][]string{}
	}
	k := pairOf(p, 0)
	m.pairs[k/64] |= 1 << (k % 64)
	m.phrases[k] = append(m.phrases[k], p)
}

// in reports whether text holds one of the phrases.
func (m *noteMatcher) in(text string) bool {
	for i := 0; i+1 < len(text); i++ {
		k := pairOf(text, i)
		if m.pairs[k/64]&(1<<(k%64)) == 0 {
			continue
		}
		for _, p := range m.phrases[k] {
			if strings.HasPrefix(text[i:], p) {
				return true
			}
		}
	}
	return false
}

// photoCredit reports whether text holds a photographer's credit in brackets: "(Jane
// Roe/Agency)", a capitalised name, a slash and an agency, in fewer than 50 bytes.
func photoCredit(text string) bool {
	for i := 0; i < len(text); i++ {
		if text[i] != '(' || i+1 >= len(text) || text[i+1] < 'A' || text[i+1] > 'Z' {
			continue
		}
		end := strings.IndexByte(text[i:min(len(text), i+50)], ')')
		if end < 0 {
			continue
		}
		inner := text[i+1 : i+end]
		if j := strings.IndexByte(inner, '/'); j > 2 && j < len(inner)-2 && strings.IndexByte(inner, ' ') < j {
			return true
		}
	}
	return false
}
