package extract

import (
	"io/fs"
	"strings"
	"testing"
	"unicode"
)

// TestLexiconFiles checks every word list the speaker finder loads: one entry per line, no
// stray punctuation or spaces, no entry twice, and no word in two lists that exclude each
// other.
func TestLexiconFiles(t *testing.T) {
	names, err := fs.Glob(speakerLexicon, "lexicon/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	lists := map[string]map[string]bool{}
	for _, path := range names {
		name := strings.TrimPrefix(path, "lexicon/")
		words, err := readWordList(name)
		if err != nil {
			t.Fatal(err)
		}
		if len(words) == 0 {
			t.Errorf("%s: empty", name)
		}
		phrases := strings.HasPrefix(name, "caption_") || name == "speaker_seat_names.txt" // lists of phrases
		set := map[string]bool{}
		for _, w := range words {
			key := w
			if !phrases && name != "speaker_firstnames.txt" {
				key = strings.ToLower(w)
			}
			if set[key] {
				t.Errorf("%s: %q twice", name, w)
			}
			set[key] = true
			if phrases || name == "speaker_firstnames.txt" {
				continue
			}
			for _, r := range w {
				if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(".-'’&", r) {
					t.Errorf("%s: %q holds %q", name, w, r)
					break
				}
			}
		}
		lists[name] = set
	}
	exclusive := [][2]string{
		{"speaker_nonspeaker_heads.txt", "speaker_orgwords.txt"},
		{"speaker_nonspeaker_heads.txt", "speaker_company_words.txt"},
		{"speaker_nonspeaker_heads.txt", "speaker_roles.txt"},
		{"speaker_roles.txt", "speaker_stopcaps.txt"},
		{"speaker_roles.txt", "speaker_demonyms.txt"},
		{"speaker_roles.txt", "speaker_poll_nouns.txt"},
		{"speaker_verbs_predicative.txt", "speaker_verbs_findings.txt"},
		// a role is a noun: never a verb, an adverb, a function word, a pronoun or a date
		{"speaker_roles.txt", "quote_verbs.txt"},
		{"speaker_roles.txt", "speaker_verb_gap_words.txt"},
		{"speaker_roles.txt", "speaker_function_words.txt"},
		{"speaker_roles.txt", "speaker_pronouns.txt"},
		{"speaker_roles.txt", "speaker_time_words.txt"},
		{"speaker_roles.txt", "speaker_months.txt"},
		{"speaker_orgwords.txt", "speaker_function_words.txt"},
		{"speaker_orgwords.txt", "speaker_verb_gap_words.txt"},
		{"speaker_orgwords.txt", "speaker_demonyms.txt"},
		{"speaker_name_particles.txt", "speaker_determiners.txt"},
		{"speaker_name_particles.txt", "speaker_unnamed_determiners.txt"},
	}
	for _, pair := range exclusive {
		a, b := lists[pair[0]], lists[pair[1]]
		if a == nil || b == nil {
			t.Fatalf("list %s or %s missing", pair[0], pair[1])
		}
		for w := range a {
			if b[w] {
				t.Errorf("%q is in both %s and %s", w, pair[0], pair[1])
			}
		}
	}
}
