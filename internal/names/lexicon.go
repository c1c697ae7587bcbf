package names

import (
	"embed"
	"fmt"
	"strings"
	"sync"
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
	return w, nil
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
