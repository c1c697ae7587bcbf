package extract

import (
	"strings"
	"testing"

	"github.com/searchd/searchd/internal/news"
)

func TestNormaliseText(t *testing.T) {
	w, err := loadSpeakerWords()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, in, want string
	}{
		{"unchanged", "Jane Roe said the plan would work.", "Jane Roe said the plan would work."},
		{"double prime quotes", "″We need time,″ Roe said.", "\"We need time,\" Roe said."},
		{"soft hyphen in a name", "said Mar\u00adgaret Pem\u00adberton, who", "said Margaret  Pemberton , who"},
		{"zero-width space in a name", "said Ro\u200bbert Lind.", "said Robert  Lind."},
		{"bidirectional embedding before a quote", "Thanks!\n\u202a”It is wrong,” said Ola Nordby.", "Thanks!\n ”It is wrong,” said Ola Nordby."},
		{"line break inside a sentence", "The city will raise bus fares in January, Transit\nDirector Alan Fuentes said.",
			"The city will raise bus fares in January, Transit Director Alan Fuentes said."},
		{"line break before lower case", "“We have asked the ministry for answers for\ntwo years,” said Ola Nordby.",
			"“We have asked the ministry for answers for two years,” said Ola Nordby."},
		{"paragraph per line stays", "Jane Roe said the plan would work in the end.\nJohn Doe disagreed with her.",
			"Jane Roe said the plan would work in the end.\nJohn Doe disagreed with her."},
		{"line break after a title's abbreviation", "The pool will stay shut until the autumn, said Sen.\nOrla Pike of Marrow County.",
			"The pool will stay shut until the autumn, said Sen. Orla Pike of Marrow County."},
		{"line break after a sentence ending in a short word stays", "The ferry left on time and docked at Ryde.\nOrla Pike met it there.",
			"The ferry left on time and docked at Ryde.\nOrla Pike met it there."},
		{"short heading line stays", "More from Congress\n“We have more to do,” he said.",
			"More from Congress\n“We have more to do,” he said."},
		{"blank line stays", "The deal was signed on Monday by both sides\n\nJane Roe said so.",
			"The deal was signed on Monday by both sides\n\nJane Roe said so."},
		{"indented paragraph stays", "The company said it would close two plants\n    It said", "The company said it would close two plants\n    It said"},
		{"caption opening", "Image copyright Reuters Image caption Jane Roe in Ohio\n\nJane Roe said so.",
			strings.Repeat(" ", len([]rune("Image copyright Reuters Image caption Jane Roe in Ohio"))) + "\n\nJane Roe said so."},
		{"caption mark", "Jane Roe speaks in Ohio. (AP Photo/John Doe)\n\nRoe said so.",
			strings.Repeat(" ", len([]rune("Jane Roe speaks in Ohio. (AP Photo/John Doe)"))) + "\n\nRoe said so."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := []rune(tt.in)
			got := normaliseText(rs, tt.in, w)
			if len(got) != len(rs) {
				t.Fatalf("length %d, want %d (offsets must hold)", len(got), len(rs))
			}
			if string(got) != tt.want {
				t.Errorf("got %q, want %q", string(got), tt.want)
			}
			if string(rs) != tt.in {
				t.Errorf("input changed to %q", string(rs))
			}
		})
	}
}

func TestNormaliseHardWrapped(t *testing.T) {
	w, err := loadSpeakerWords()
	if err != nil {
		t.Fatal(err)
	}
	// wire copy: wrapped near 65 columns, paragraphs indented
	in := "Acme Corp said it would close its plant in Springfield\n" +
		"next year. The company said the closure would cost 300\n" +
		"jobs over two years and about 40 mln dlrs in charges.\n" +
		"    Acme chairman John Doe said the plant was too old to\n" +
		"modernise."
	got := string(normaliseText([]rune(in), in, w))
	for _, joined := range []string{"Springfield next year", "300 jobs", "charges.\n    Acme", "old to modernise"} {
		if !strings.Contains(got, joined) {
			t.Errorf("got %q, want it to hold %q", got, joined)
		}
	}
}

func TestCaptionLexicon(t *testing.T) {
	for _, name := range []string{"caption_starts.txt", "caption_marks.txt"} {
		ws, err := readWordList(name)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, w := range ws {
			if seen[w] {
				t.Errorf("%s: %q twice", name, w)
			}
			seen[w] = true
			if strings.TrimSpace(w) != w || strings.ContainsAny(w, "\t\"“”") {
				t.Errorf("%s: %q has stray spaces or quotation marks", name, w)
			}
		}
	}
}

func TestSpeakersAfterNormalising(t *testing.T) {
	f := newTestFinder(t)
	tests := []struct {
		body string
		want []string
	}{
		{"″We need more time,″ Rep. Ivy Collins said.", []string{"Ivy Collins"}},
		{"“We are not selling,” said Mar\u00adgaret Pem\u00adberton, who owns the farm.", []string{"Margaret Pemberton"}},
		{"“Keep calm,” said Ro\u200bbert Lind, the fire chief.", []string{"Robert Lind"}},
		{"Thanks, all!\n\n\u202a”This is why the plan has to stop. It is wrong,” said Ola Nordby.\n\nMore later.", []string{"Ola Nordby"}},
		{"“We will be back,” said Ola\u200e Nordby.", []string{"Ola Nordby"}},
		{"„We are surprised by the decision“, said Jürgen Haas of the union.", []string{"Jürgen Haas"}},
		{"“The votes are not there,” said Sen. Curtis Lane of Oregon.", []string{"Curtis Lane"}},
		{"The bridge will stay closed until the spring, said Jane\nHolloway, a spokeswoman for the state.", []string{"Jane Holloway"}},
		{"Image copyright Reuters Image caption Tom Ash at a rally\n\nThe plan will fail, Nina Park said.", []string{"Nina Park"}},
	}
	for _, tt := range tests {
		got := speakerNames(f, tt.body)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%q: got %q, want %q", tt.body, got, tt.want)
		}
	}
}

// speakerNames returns the names of the named speakers f finds in body, in order.
func speakerNames(f *speakerFinder, body string) []string {
	ss, _ := f.find(news.Article{Body: body})
	var out []string
	for _, s := range canonicalSpeakers(ss) {
		if s.Kind != news.KindUnnamed {
			out = append(out, s.Name)
		}
	}
	return out
}
