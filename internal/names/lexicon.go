package names

import (
	"embed"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// lexiconFS holds the word lists of this package, one entry a line, "#" comments.
//
//go:embed lexicon/*.txt
var lexiconFS embed.FS

// words are the word lists, loaded once on first use (wordLists); a malformed list is a
// programming error caught by the tests, so loading panics.
type words struct {
	suffixes      map[string]bool   // generational suffixes (suffixes.txt)
	modifiers     map[string]bool   // title words that are not the role (modifiers.txt)
	boundaries    map[string]bool   // words that end the role part of a title (boundaries.txt)
	abbreviations map[string]string // abbreviated title words -> the word (abbreviations.txt)
	aliases       map[string]string // aliasKey of a person's formal name -> the name news uses (aliases.txt)
}

// wordLists returns the word lists, read once: they are immutable embedded data.
var wordLists = sync.OnceValue(mustLoad)

func mustLoad() words {
	w, err := load()
	if err != nil {
		panic(err)
	}
	return w
}

func load() (words, error) {
	var w words
	var err error
	if w.suffixes, err = set("suffixes.txt"); err != nil {
		return w, err
	}
	if w.modifiers, err = set("modifiers.txt"); err != nil {
		return w, err
	}
	if w.boundaries, err = set("boundaries.txt"); err != nil {
		return w, err
	}
	pairs, err := lines("abbreviations.txt")
	if err != nil {
		return w, err
	}
	w.abbreviations = make(map[string]string, len(pairs))
	for _, l := range pairs {
		f := strings.Fields(l)
		if len(f) != 2 {
			return w, fmt.Errorf("abbreviations.txt: %q: want two words", l)
		}
		if _, dup := w.abbreviations[f[0]]; dup {
			return w, fmt.Errorf("abbreviations.txt: %q twice", f[0])
		}
		w.abbreviations[f[0]] = f[1]
	}
	w.aliases, err = aliasList("aliases.txt")
	return w, err
}

// aliasList reads lines "key = Name": key is a name folded by aliasKey, Name the name news
// uses for that person, which must fold to another key.
func aliasList(file string) (map[string]string, error) {
	raw, err := lexiconFS.ReadFile("lexicon/" + file)
	if err != nil {
		return nil, fmt.Errorf("names lexicon: %w", err)
	}
	m := map[string]string{}
	for l := range strings.Lines(string(raw)) {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		key, name, ok := strings.Cut(l, " = ")
		switch {
		case !ok || strings.TrimSpace(name) == "":
			return nil, fmt.Errorf("%s: %q: want \"key = Name\"", file, l)
		case aliasKey(key) != key:
			return nil, fmt.Errorf("%s: %q: the key is not folded (want %q)", file, key, aliasKey(key))
		case aliasKey(name) == key:
			return nil, fmt.Errorf("%s: %q: the name folds to its own key", file, l)
		}
		if _, dup := m[key]; dup {
			return nil, fmt.Errorf("%s: %q twice", file, key)
		}
		m[key] = strings.TrimSpace(name)
	}
	return m, nil
}

// aliasKey folds a person's name for aliases.txt: lower case, without punctuation, and
// without middle initials ("Charles E. Schumer" -> "charles schumer", "Beto O'Rourke" ->
// "beto orourke").
func aliasKey(name string) string {
	w := strings.Fields(strings.Map(func(r rune) rune {
		switch r {
		case '.', ',', '\'', '’':
			return -1
		}
		return unicode.ToLower(r)
	}, name))
	out := w[:0]
	for i, t := range w {
		if i > 0 && i < len(w)-1 && utf8.RuneCountInString(t) == 1 {
			continue
		}
		out = append(out, t)
	}
	return strings.Join(out, " ")
}

// alias returns the name news uses for the person named name, or name when aliases.txt has
// none.
func alias(name string) string {
	if a, ok := wordLists().aliases[aliasKey(name)]; ok {
		return a
	}
	return name
}

// set reads a list of single words.
func set(file string) (map[string]bool, error) {
	ls, err := lines(file)
	if err != nil {
		return nil, err
	}
	m := make(map[string]bool, len(ls))
	for _, l := range ls {
		if strings.ContainsAny(l, " \t") {
			return nil, fmt.Errorf("%s: %q: want one word", file, l)
		}
		if m[l] {
			return nil, fmt.Errorf("%s: %q twice", file, l)
		}
		m[l] = true
	}
	return m, nil
}

// lines returns the entries of a list: its lines without comments and blank lines. An entry
// must be lower case and hold no punctuation.
func lines(file string) ([]string, error) {
	raw, err := lexiconFS.ReadFile("lexicon/" + file)
	if err != nil {
		return nil, fmt.Errorf("names lexicon: %w", err)
	}
	var out []string
	for l := range strings.Lines(string(raw)) {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if l != strings.ToLower(l) || strings.ContainsAny(l, ".,;:'\"()’") {
			return nil, fmt.Errorf("%s: %q: want lower case words without punctuation", file, l)
		}
		out = append(out, l)
	}
	return out, nil
}
