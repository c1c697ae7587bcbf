package extract

import (
	"slices"
	"strings"
	"testing"
)

// readProse runs the first stage alone on body.
func readProse(t *testing.T, f *speakerFinder, body string) *prose {
	t.Helper()
	var tx prose
	tx.read(body, f.w, &docScratch{})
	return &tx
}

// tokenAt returns the index of the n-th token (from 0) whose text is word, or fails.
func tokenAt(t *testing.T, tx *prose, word string, n int) int {
	t.Helper()
	for i := range tx.toks {
		if tx.toks[i].text == word {
			if n == 0 {
				return i
			}
			n--
		}
	}
	t.Fatalf("no token %q in %d tokens", word, len(tx.toks))
	return -1
}

// TestProseLayout checks what the first stage reads from the words alone: sentences,
// paragraphs that are headlines or link lines, and the quote spans.
func TestProseLayout(t *testing.T) {
	f := newTestFinder(t)
	tests := []struct {
		name      string
		body      string
		sentences int
		headlines []bool // by paragraph
		quotes    int
	}{
		{
			name:      "two sentences, one paragraph",
			body:      "Mayor Ines Tull opened the pier. “It took years,” she said.",
			sentences: 2, headlines: []bool{false}, quotes: 1,
		},
		{
			name:      "headline without a full stop, then the story",
			body:      "Ferry Line Reopens After Storm\n\nThe ferry sailed again on Monday, the operator said.",
			sentences: 2, headlines: []bool{true, false},
		},
		{
			name:      "a link line is normalised away before the tokens",
			body:      "The council met on Friday.\n\nREAD MORE: Budget talks stall again\n\nIt will meet again in May.",
			sentences: 2, headlines: []bool{false, false},
		},
		{
			name:      "dateline in capitals is not a link line, and ends at its state",
			body:      "PORT ELLIS, Ore. (AP) — The harbour closed on Sunday: the wind was too strong.",
			sentences: 2, headlines: []bool{false},
		},
		{
			// a straight mark after a full stop opens the next sentence; it does not end one
			name:      "quote over two paragraphs, curly and straight marks",
			body:      "“The ice is thin.\n\n“Stay off it,” the warden said. \"Please.\"",
			sentences: 3, headlines: []bool{false, false}, quotes: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tx := readProse(t, f, tt.body)
			if got := len(tx.sentStart); got != tt.sentences {
				t.Errorf("got %d sentences, want %d", got, tt.sentences)
			}
			if !slices.Equal(tx.headline, tt.headlines) {
				t.Errorf("got headline paragraphs %v, want %v", tx.headline, tt.headlines)
			}
			if got := len(tx.spans); got != tt.quotes {
				t.Errorf("got %d quote spans, want %d", got, tt.quotes)
			}
		})
	}
}

// TestProseWords checks the questions the first stage answers about single tokens: speech verbs
// (a weak verb only before a colon, a quote or "that"), name tokens (particles between
// capitals) and organisation runs.
func TestProseWords(t *testing.T) {
	f := newTestFinder(t)
	tests := []struct {
		name  string
		body  string
		word  string // the token asked about (its first occurrence)
		check func(tx *prose, i int) bool
		want  bool
	}{
		{"said is a reporting verb", "Ada Voss said the road is shut.", "said", (*prose).reportingVerb, true},
		{"weak verb before that", "Ada Voss announced that the road is shut.", "announced", (*prose).reportingVerb, true},
		{"weak verb before its object", "Ada Voss announced her retirement on Monday.", "announced", (*prose).reportingVerb, false},
		{"a verb inside quotation marks is not the narration's", "“We said no,” Voss wrote.", "said", (*prose).verb, false},
		{"particle between capitals", "Police chief Ben van der Pluijm said it was over.", "van", (*prose).nameTok, true},
		{"particle after a lower-case word", "The parade went van by van through town.", "van", (*prose).nameTok, false},
		{"capitalised word outside quotes", "Ada Voss said so.", "Voss", (*prose).nameTok, true},
		{"organisation word makes an organisation run", "The Harbour Ministry said it would pay.", "Harbour",
			func(tx *prose, i int) bool { return tx.isOrgRun(i, i+1) }, true},
		{"a person's name is no organisation run", "Harbour master Ada Voss said it would pay.", "Ada",
			func(tx *prose, i int) bool { return tx.isOrgRun(i, i+1) }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tx := readProse(t, f, tt.body)
			i := tokenAt(t, tx, tt.word, 0)
			if got := tt.check(tx, i); got != tt.want {
				t.Errorf("%q in %q: got %v, want %v", tt.word, tt.body, got, tt.want)
			}
		})
	}
}

// TestProseContentAfter checks the reported clause the first stage cuts after a speech verb.
func TestProseContentAfter(t *testing.T) {
	f := newTestFinder(t)
	tests := []struct {
		body, verb, want string
	}{
		{"Ada Voss said on Monday that the road would reopen in May.", "said", "the road would reopen in May"},
		{"Ada Voss told reporters the road would reopen in May.", "told", "the road would reopen in May"},
		{"Ada Voss said the road, which flooded twice, would reopen.", "said", "the road, which flooded twice, would reopen"},
	}
	for _, tt := range tests {
		tx := readProse(t, f, tt.body)
		v := tokenAt(t, tx, tt.verb, 0)
		s, e := tx.contentAfter(v, tx.sentEnd[tx.toks[v].sent])
		if s < 0 {
			t.Errorf("%q: no clause after %q, want %q", tt.body, tt.verb, tt.want)
			continue
		}
		if got := strings.TrimSpace(tx.text(s, e)); got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.body, got, tt.want)
		}
	}
}
