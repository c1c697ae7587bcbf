package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/searchd/searchd/internal/news"
)

func TestQueryValues(t *testing.T) {
	q := Query{Q: `"trade deal" tariff`, Speaker: "Ada Brennan", Since: "2025-01-01", Kind: KindSpeaker, Terms: TermsRare}
	got := q.Values().Encode()
	want := "q=%22trade+deal%22+tariff&since=2025-01-01&speaker=Ada+Brennan"
	if got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestReadWriteQueries(t *testing.T) {
	qs := []Query{{Q: "a<b", Kind: KindWords1}, {Q: `"x y"`, Source: "Wire", Kind: KindSource}}
	var b bytes.Buffer
	if err := WriteQueries(&b, qs); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"q":"a<b"`) {
		t.Errorf("got %s, want unescaped <", b.String())
	}
	got, err := ReadQueries(strings.NewReader(b.String() + "\n\n"))
	if err != nil || len(got) != 2 || got[0] != qs[0] || got[1] != qs[1] {
		t.Errorf("got %+v (%v), want %+v", got, err, qs)
	}
	if _, err := ReadQueries(strings.NewReader("{\"q\":\"a\"}\n{oops\n")); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("got %v, want an error naming line 2", err)
	}
}

// corpus returns small fictional articles for the generator tests.
func corpus() []news.Article {
	day := time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC)
	var arts []news.Article
	for i, body := range []string{
		"The harbour authority reopened the northern pier after storm repairs. Engineers praised the granite seawall.",
		"Farmers in the valley reported a record apricot harvest, and exporters expect strong orchard prices.",
		"The orchestra announced a winter festival featuring violin concertos and a choir from the northern provinces.",
		"Lawmakers debated the railway budget as commuters complained about delayed trains and crowded platforms.",
	} {
		arts = append(arts, news.Article{ID: string(rune('a' + i)), Title: "Story " + string(rune('A'+i)), Body: body, Date: day.AddDate(0, 0, i), Source: "Test Wire"})
	}
	return arts
}

func generate(t *testing.T, seed uint64, n int) []Query {
	t.Helper()
	g, err := NewGenerator(seed, 3)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range corpus() {
		g.Observe(a)
	}
	facts := make([]Facts, len(g.Sample()))
	for i, a := range g.Sample() {
		facts[i] = Facts{Date: a.Date, Speakers: []string{"Speaker " + a.ID}}
	}
	qs, err := g.Generate(n, facts)
	if err != nil {
		t.Fatal(err)
	}
	return qs
}

func TestGenerate(t *testing.T) {
	qs := generate(t, 1, 200)
	if len(qs) != 200 {
		t.Fatalf("got %d queries, want 200", len(qs))
	}
	byID := map[string]news.Article{}
	for _, a := range corpus() {
		byID[a.ID] = a
	}
	stop := map[string]bool{"the": true, "and": true, "a": true, "as": true, "in": true, "from": true, "after": true, "about": true}
	for _, q := range qs {
		text := strings.Trim(q.Q, `"`)
		if text == "" {
			t.Fatalf("query %+v has no q", q)
		}
		// Every word comes from one article of the corpus, and a phrase occurs as written.
		found := false
		for _, a := range corpus() {
			low := strings.ToLower(a.Title + " " + a.Body)
			all := true
			for _, w := range strings.Fields(text) {
				all = all && strings.Contains(low, w) && !stop[w]
			}
			if q.Kind == KindPhrase {
				all = strings.Contains(low, text)
			}
			if q.Speaker != "" {
				all = all && q.Speaker == "Speaker "+a.ID
			}
			if q.Since != "" {
				d := a.Date.Format(time.DateOnly)
				all = all && q.Since < d && d < q.Until
			}
			found = found || all
		}
		if !found {
			t.Errorf("query %+v matches no article of the corpus", q)
		}
	}
	if a, b := generate(t, 1, 50), generate(t, 1, 50); !slices.Equal(a, b) {
		t.Errorf("same seed, different queries")
	}
	if a, b := generate(t, 1, 50), generate(t, 2, 50); slices.Equal(a, b) {
		t.Errorf("seeds 1 and 2 gave the same queries")
	}
}

func TestScalerWrite(t *testing.T) {
	var s Scaler
	for _, a := range corpus() {
		s.Add(a)
	}
	s.Add(news.Article{ID: "empty", Title: "No body"})
	if s.Len() != 4 {
		t.Errorf("got pool %d, want 4 (the article without a body left out)", s.Len())
	}
	var a, b bytes.Buffer
	if err := s.Write(context.Background(), &a, 30, 9); err != nil {
		t.Fatal(err)
	}
	if err := s.Write(context.Background(), &b, 30, 9); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Errorf("same seed, different output")
	}
	lines := strings.Split(strings.TrimSpace(a.String()), "\n")
	if len(lines) != 30 || !strings.HasPrefix(lines[0], `{"id":"scale-000001","title":"Story `) || !strings.Contains(lines[29], `"id":"scale-000030"`) {
		t.Errorf("got %d lines, first %s; want 30 from scale-000001", len(lines), lines[0])
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.Write(ctx, &bytes.Buffer{}, 10, 1); err == nil {
		t.Errorf("cancelled context: got no error")
	}
}

// TestScalerWriteKeepsRuns checks that a generated article is made of runs of paragraphs in
// their pooled article's order, each after the first opening an article, so that a person is
// named in full before a surname stands for them (a paragraph from the middle of a random
// article names people by surnames the generated article never gives in full).
func TestScalerWriteKeepsRuns(t *testing.T) {
	var s Scaler
	for i := range 6 {
		var paras []string
		for k := range 3 + i {
			paras = append(paras, fmt.Sprintf("Story %d, paragraph %d: Mara Quist%d spoke, and Quist%d said more.", i, k, i, i))
		}
		s.Add(news.Article{ID: fmt.Sprint(i), Title: fmt.Sprint("Story ", i), Body: strings.Join(paras, "\n\n")})
	}
	var out bytes.Buffer
	if err := s.Write(context.Background(), &out, 40, 3); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	opens := map[string]bool{}
	for _, src := range s.pool {
		opens[src.paras[0]] = true
	}
	for i, l := range lines {
		var art scaleArticle
		if err := json.Unmarshal([]byte(l), &art); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		paras := strings.Split(art.Body, "\n\n")
		if !opens[paras[0]] {
			t.Errorf("line %d: first paragraph %q opens no pooled article", i+1, paras[0])
		}
		for k := (len(paras) + 1) / 2; k < len(paras); k++ {
			if !opens[paras[k]] && !s.follows(paras[k-1], paras[k]) {
				t.Errorf("line %d: paragraph %d %q neither opens a pooled article nor follows its predecessor there", i+1, k, paras[k])
			}
		}
	}
}

// follows reports whether paragraph b comes right after paragraph a in a pooled article.
func (s *Scaler) follows(a, b string) bool {
	for _, src := range s.pool {
		for k := 1; k < len(src.paras); k++ {
			if src.paras[k-1] == a && src.paras[k] == b {
				return true
			}
		}
	}
	return false
}
