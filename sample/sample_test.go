package sample

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/searchd/searchd/internal/news"
)

// article is one line of articles.jsonl, decoded strictly.
type article struct {
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	Body    string   `json:"body"`
	Date    string   `json:"date"`
	Source  string   `json:"source"`
	URL     string   `json:"url"`
	Authors []string `json:"authors"`
}

// expected is one line of expected.jsonl, decoded strictly.
type expected struct {
	ID       string `json:"id"`
	Speakers []struct {
		Name string `json:"name"`
		Kind string `json:"kind"`
	} `json:"speakers"`
	// Location is null for a BBC-style story whose text does not say it was reported from
	// the place it is about.
	Location *struct {
		Name    string `json:"name"`
		Country string `json:"country"`
	} `json:"location"`
}

// Minimums the corpus promises to its users.
const (
	minArticles         = 36
	minPerStyle         = 12
	minRecurringSpeaker = 6 // speakers quoted in at least recurringArticles articles
	recurringArticles   = 3
	minWords, maxWords  = 150, 400
)

// sources maps the style part of an id to the source an article must name.
var sources = map[string]string{
	"ap":      "Associated Press",
	"reuters": "Reuters",
	"bbc":     "BBC News",
}

var (
	idRE = regexp.MustCompile(`^sample-(ap|reuters|bbc)-\d{3}$`)
	// AP: "WASHINGTON (AP) — ", "AUSTIN, Texas (AP) — ", "MANCHESTER, N.H. (AP) — ".
	apDatelineRE = regexp.MustCompile(`^([A-Z][A-Z .'-]+)(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)? \(AP\) — \S`)
	// Reuters: "GENEVA, March 3 (Reuters) - ".
	reutersDatelineRE = regexp.MustCompile(`^([A-Z][A-Z .'-]+), ([A-Z][a-z]+) (\d{1,2}) \(Reuters\) - \S`)
)

// reutersMonths are the month forms Reuters datelines use.
var reutersMonths = map[string]time.Month{
	"Jan": time.January, "Feb": time.February, "March": time.March, "April": time.April,
	"May": time.May, "June": time.June, "July": time.July, "Aug": time.August,
	"Sept": time.September, "Oct": time.October, "Nov": time.November, "Dec": time.December,
}

// readLines returns the non-empty lines of one embedded file.
func readLines(t *testing.T, name string) [][]byte {
	t.Helper()
	data, err := fs.ReadFile(FS, name)
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	var lines [][]byte
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			t.Errorf("%s:%d: empty line", name, n)
			continue
		}
		lines = append(lines, bytes.Clone(sc.Bytes()))
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("scan %s: %v", name, err)
	}
	return lines
}

// decodeStrict decodes one JSON object, rejecting unknown fields and trailing data.
func decodeStrict(line []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return fmt.Errorf("trailing data after the object")
	}
	return nil
}

// loadJSONL decodes every line of one embedded file strictly into a T.
func loadJSONL[T any](t *testing.T, name string) []T {
	t.Helper()
	var out []T
	for i, line := range readLines(t, name) {
		var v T
		if err := decodeStrict(line, &v); err != nil {
			t.Fatalf("%s:%d: %v", name, i+1, err)
		}
		out = append(out, v)
	}
	return out
}

// fold upper-cases s and strips diacritics, so "São Paulo" compares equal to "SAO PAULO".
func fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		return strings.ToUpper(s)
	}
	return strings.ToUpper(out)
}

// containsWord reports whether word occurs in text with no letter directly before or after it.
func containsWord(text, word string) bool {
	re := regexp.MustCompile(`(^|[^\p{L}])` + regexp.QuoteMeta(word) + `($|[^\p{L}])`)
	return re.MatchString(text)
}

func TestArticles(t *testing.T) {
	arts := loadJSONL[article](t, "articles.jsonl")
	if got := len(arts); got < minArticles {
		t.Errorf("got %d articles, want at least %d", got, minArticles)
	}
	ids := map[string]bool{}
	urls := map[string]bool{}
	perStyle := map[string]int{}
	for _, a := range arts {
		t.Run(a.ID, func(t *testing.T) {
			m := idRE.FindStringSubmatch(a.ID)
			if m == nil {
				t.Fatalf("got id %q, want sample-(ap|reuters|bbc)-NNN", a.ID)
			}
			style := m[1]
			perStyle[style]++
			if ids[a.ID] {
				t.Errorf("got id %q twice, want unique ids", a.ID)
			}
			ids[a.ID] = true
			if urls[a.URL] {
				t.Errorf("got url %q twice, want unique urls", a.URL)
			}
			urls[a.URL] = true

			if strings.TrimSpace(a.Title) == "" || a.Title != strings.TrimSpace(a.Title) {
				t.Errorf("got title %q, want a non-empty trimmed title", a.Title)
			}
			if !strings.HasPrefix(a.URL, "https://example.com/") {
				t.Errorf("got url %q, want a fictional https://example.com/ address", a.URL)
			}
			if len(a.Authors) == 0 {
				t.Error("got no authors, want at least one")
			}
			for _, au := range a.Authors {
				if strings.TrimSpace(au) == "" {
					t.Errorf("got author %q, want a name", au)
				}
			}
			if want := sources[style]; a.Source != want {
				t.Errorf("got source %q, want %q", a.Source, want)
			}
			date, err := time.Parse(time.RFC3339, a.Date)
			if err != nil {
				t.Errorf("date %q: %v", a.Date, err)
			} else if y := date.Year(); y < 2023 || y > 2026 {
				t.Errorf("got year %d, want 2023-2026", y)
			}

			checkBody(t, a.Body)
			checkDateline(t, style, a.Body, date)

			// The line must also decode into the domain type the rest of searchd uses.
			raw, err := json.Marshal(a)
			if err != nil {
				t.Fatalf("marshal: %v", err)
			}
			var na news.Article
			if err := json.Unmarshal(raw, &na); err != nil {
				t.Errorf("decode as news.Article: %v", err)
			} else if !na.Date.Equal(date) {
				t.Errorf("got news.Article date %v, want %v", na.Date, date)
			}
		})
	}
	for style := range sources {
		if got := perStyle[style]; got < minPerStyle {
			t.Errorf("got %d %s articles, want at least %d", got, style, minPerStyle)
		}
	}
}

// checkBody checks the layout and length of a body.
func checkBody(t *testing.T, body string) {
	t.Helper()
	paras := strings.Split(body, "\n\n")
	if len(paras) < 4 {
		t.Errorf("got %d paragraphs, want at least 4", len(paras))
	}
	for i, p := range paras {
		if p == "" || p != strings.TrimSpace(p) || strings.Contains(p, "\n") {
			t.Errorf("paragraph %d = %q, want non-empty trimmed text without line breaks", i+1, p)
		}
	}
	if n := len(strings.Fields(body)); n < minWords || n > maxWords {
		t.Errorf("got %d words, want %d-%d", n, minWords, maxWords)
	}
}

// checkDateline checks that an AP or Reuters body opens with its agency's dateline (and, for
// Reuters, that the dateline's day is the article's date) and that a BBC body has none.
func checkDateline(t *testing.T, style, body string, date time.Time) {
	t.Helper()
	head := body[:min(len(body), 80)]
	switch style {
	case "ap":
		if !apDatelineRE.MatchString(body) {
			t.Errorf("body opens %q, want an AP dateline such as \"AUSTIN, Texas (AP) — \"", head)
		}
	case "reuters":
		m := reutersDatelineRE.FindStringSubmatch(body)
		if m == nil {
			t.Errorf("body opens %q, want a Reuters dateline such as \"GENEVA, March 3 (Reuters) - \"", head)
			return
		}
		month, ok := reutersMonths[m[2]]
		if !ok {
			t.Errorf("got dateline month %q, want a Reuters month form", m[2])
		}
		if !date.IsZero() && (month != date.Month() || m[3] != fmt.Sprint(date.Day())) {
			t.Errorf("got dateline %s %s, want the article date %s", m[2], m[3], date.Format("Jan 2"))
		}
	case "bbc":
		if strings.Contains(head, "(AP)") || strings.Contains(head, "(Reuters)") {
			t.Errorf("body opens %q, want no agency dateline in a BBC-style article", head)
		}
	}
}

func TestExpected(t *testing.T) {
	arts := map[string]article{}
	for _, a := range loadJSONL[article](t, "articles.jsonl") {
		arts[a.ID] = a
	}
	exps := loadJSONL[expected](t, "expected.jsonl")
	if got, want := len(exps), len(arts); got != want {
		t.Errorf("got %d expected lines, want one per article (%d)", got, want)
	}
	seen := map[string]bool{}
	articlesPerSpeaker := map[string]int{}
	for _, e := range exps {
		t.Run(e.ID, func(t *testing.T) {
			if seen[e.ID] {
				t.Errorf("got id %q twice, want one expected line per article", e.ID)
			}
			seen[e.ID] = true
			a, ok := arts[e.ID]
			if !ok {
				t.Fatalf("got id %q, want the id of an article", e.ID)
			}
			if len(e.Speakers) == 0 {
				t.Error("got no speakers, want every sample article to quote someone")
			}
			names := map[string]bool{}
			for _, s := range e.Speakers {
				if names[s.Name] {
					t.Errorf("got speaker %q twice, want each speaker once", s.Name)
				}
				names[s.Name] = true
				articlesPerSpeaker[s.Name]++
				switch s.Kind {
				case news.KindPerson:
					// A person is quoted at least under the surname.
					parts := strings.Fields(s.Name)
					if len(parts) < 2 {
						t.Errorf("got person %q, want a full name", s.Name)
						continue
					}
					if surname := parts[len(parts)-1]; !containsWord(a.Body, surname) {
						t.Errorf("surname %q of %q does not occur in the body", surname, s.Name)
					}
				case news.KindOrganization:
					if !strings.Contains(a.Body, s.Name) {
						t.Errorf("organisation %q does not occur in the body", s.Name)
					}
				default:
					t.Errorf("speaker %q: got kind %q, want %q or %q", s.Name, s.Kind, news.KindPerson, news.KindOrganization)
				}
			}
			checkLocation(t, e, a)
		})
	}
	for id := range arts {
		if !seen[id] {
			t.Errorf("article %q has no expected line", id)
		}
	}
	recurring := 0
	for _, n := range articlesPerSpeaker {
		if n >= recurringArticles {
			recurring++
		}
	}
	if recurring < minRecurringSpeaker {
		t.Errorf("got %d speakers quoted in %d+ articles, want at least %d", recurring, recurringArticles, minRecurringSpeaker)
	}
}

// checkLocation checks that the expected place is the dateline city of an agency article, or
// is named in the first paragraph of a BBC-style one.
func checkLocation(t *testing.T, e expected, a article) {
	t.Helper()
	if e.Location == nil && strings.HasPrefix(e.ID, "sample-bbc-") {
		return
	}
	if e.Location == nil || e.Location.Name == "" || e.Location.Country == "" {
		t.Fatalf("got location %+v, want name and country", e.Location)
	}
	first, _, _ := strings.Cut(a.Body, "\n\n")
	if strings.HasPrefix(e.ID, "sample-bbc-") {
		if !strings.Contains(first, e.Location.Name) {
			t.Errorf("location %q is not named in the first paragraph %q", e.Location.Name, first)
		}
		return
	}
	m := apDatelineRE.FindStringSubmatch(a.Body)
	if m == nil {
		m = reutersDatelineRE.FindStringSubmatch(a.Body)
	}
	if m == nil {
		t.Fatalf("no dateline in %q", first)
	}
	if got, want := m[1], fold(e.Location.Name); got != want {
		t.Errorf("got dateline city %q, want %q (location %q)", got, want, e.Location.Name)
	}
}
