package index

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/searchd/searchd/internal/index/scorchx"
	"github.com/searchd/searchd/internal/news"
)

// checkPhrases compares scorchx.PhraseQuery with Bleve's MatchPhraseQuery for each phrase and field:
// the same documents with the same scores, up to rounding (a repeated position is one searcher
// counted n times, where Bleve adds n copies).
func checkPhrases(t *testing.T, ix *Index, phrases []string, fields ...string) {
	t.Helper()
	an := ix.mapping.AnalyzerNamed(textAnalyzer)
	ctx := context.Background()
	matched := 0
	for _, text := range phrases {
		for _, field := range fields {
			want := query.NewMatchPhraseQuery(text)
			want.SetField(field)
			got := scorchx.NewPhraseQuery(an, text)
			got.SetField(field)
			var res [2]*bleve.SearchResult
			for i, q := range []query.Query{want, got} {
				r, err := ix.articles().SearchInContext(ctx, bleve.NewSearchRequestOptions(q, 1000, 0, false))
				if err != nil {
					t.Fatalf("%s:%q: %v", field, text, err)
				}
				res[i] = r
			}
			if res[0].Total != res[1].Total {
				t.Errorf("%s:%q: got %d matches, Bleve's phrase %d", field, text, res[1].Total, res[0].Total)
				continue
			}
			scores := map[string]float64{}
			for _, h := range res[0].Hits {
				scores[h.ID] = h.Score
			}
			for _, h := range res[1].Hits {
				if s, ok := scores[h.ID]; !ok || math.Abs(s-h.Score) > 1e-12*math.Abs(s) {
					t.Errorf("%s:%q: %s scores %v, Bleve's phrase %v (found: %v)", field, text, h.ID, h.Score, s, ok)
				}
			}
			if res[0].Total > 0 {
				matched++
			}
		}
	}
	if matched < len(phrases)/3 {
		t.Errorf("only %d of %d phrase searches matched: the comparison says little", matched, len(phrases)*len(fields))
	}
}

// TestPhraseMatchesBleve compares scorchx.PhraseQuery with Bleve's phrase query on random texts over a
// small vocabulary with stop words (gaps in the phrase) and repeated words, in several
// segments with a deleted document.
func TestPhraseMatchesBleve(t *testing.T) {
	ix, err := Open(t.TempDir()+"/idx", nil, Options{BatchSize: 29, Workers: 2}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	rng := rand.New(rand.NewPCG(3, 5))
	words := strings.Fields("the of a budget vote senate storm budgets voting harbour city council the and")
	text := func(n int) string {
		w := make([]string, n)
		for i := range w {
			w[i] = words[rng.IntN(len(words))]
		}
		return strings.Join(w, " ")
	}
	var docs []news.Document
	for i := range 300 {
		docs = append(docs, news.NewDocument(news.Article{ID: fmt.Sprintf("p%03d", i), Title: text(4), Body: text(10 + rng.IntN(40))}, news.Extraction{}))
	}
	ctx := context.Background()
	if _, err := ix.AddDocuments(ctx, docs); err != nil {
		t.Fatal(err)
	}
	if err := ix.Delete(ctx, "p007"); err != nil {
		t.Fatal(err)
	}
	var phrases []string
	for range 60 {
		phrases = append(phrases, text(2+rng.IntN(3)))
	}
	phrases = append(phrases, "budget budget", "the of", "vote", "votes the budgets")
	checkPhrases(t, ix, phrases, fieldTitle, fieldBody)
}

// TestPhraseMatchesBleveAllSides compares them on allsides articles, with phrases cut from
// their bodies (punctuation, possessives, numbers and stop words included).
func TestPhraseMatchesBleveAllSides(t *testing.T) {
	arts := readCorpus(t, "corpora/allsides.jsonl.gz", 400)
	ix, err := Open(t.TempDir()+"/idx", nil, Options{BatchSize: 100, Workers: 2}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var docs []news.Document
	for _, a := range arts {
		docs = append(docs, news.NewDocument(a, news.Extraction{}))
	}
	if _, err := ix.AddDocuments(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var phrases []string
	for range 80 {
		w := strings.Fields(arts[rng.IntN(len(arts))].Body)
		if len(w) < 10 {
			continue
		}
		at, n := rng.IntN(len(w)-5), 2+rng.IntN(3)
		phrases = append(phrases, strings.Join(w[at:at+n], " "))
	}
	checkPhrases(t, ix, phrases, fieldTitle, fieldBody)
}

// TestPhraseSearcherObservesContext checks that the phrase searcher stops skipping candidates
// (documents with every word of the phrase, not in its order) when its context is done: it
// used to read through all of them whatever the context said.
func TestPhraseSearcherObservesContext(t *testing.T) {
	ix, n := sameDocsIndex(t, 2*scorchx.PhraseCheckEvery)
	q := scorchx.NewPhraseQuery(ix.mapping.AnalyzerNamed(textAnalyzer), "budget harbour")
	q.SetField(fieldBody)
	dm, err := nextCancelled(t, ix, q)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Next with a cancelled context over %d candidates: got %v, %v; want context.Canceled", n, dm, err)
	}
}

// TestRepeatedWordPhrase checks that a phrase of one word repeated hundreds of times costs
// time linear in its length: it used to cost the square of it per candidate document (N=40:
// 10 s, N=500: minutes), past every budget. The documents repeat the word 400 times, so that
// a phrase of 300 matches and one of 500 does not; each must answer well within the bound.
func TestRepeatedWordPhrase(t *testing.T) {
	ix, err := Open(t.TempDir()+"/idx", nil, Options{BatchSize: 10, Workers: 2, SearchTimeout: time.Minute}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	word := func(n int) string { return strings.TrimSpace(strings.Repeat("harbour ", n)) }
	var docs []news.Document
	for i := range 20 {
		docs = append(docs, news.Document{ID: fmt.Sprintf("h%02d", i), Title: "Harbour", Body: word(400)})
	}
	docs = append(docs, news.Document{ID: "other", Title: "Budget", Body: "The budget vote."})
	ctx := context.Background()
	if _, err := ix.AddDocuments(ctx, docs); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		n    int
		want uint64
	}{{2, 20}, {300, 20}, {400, 20}, {401, 0}, {500, 0}} {
		t.Run(fmt.Sprint(tt.n), func(t *testing.T) {
			start := time.Now()
			res, err := ix.Search(ctx, Query{Q: `body:"` + word(tt.n) + `"`})
			if took := time.Since(start); took > 10*time.Second {
				t.Errorf("phrase of %d words took %v, want well under 10s", tt.n, took)
			}
			if err != nil {
				t.Fatalf("phrase of %d words: %v", tt.n, err)
			}
			if res.Total != tt.want {
				t.Errorf("phrase of %d words: got %d matches, want %d", tt.n, res.Total, tt.want)
			}
		})
	}
}

// TestRepeatedWordPhraseReadsOnce checks, by counting Bleve's term searchers, that a phrase of one
// word repeated 500 times reads the word's postings once per field: it made a searcher per
// position, and advanced 500 of them for each candidate (N=500 held a search slot and a core for
// the whole 10 s budget).
func TestRepeatedWordPhraseReadsOnce(t *testing.T) {
	ix := newTestIndex(t)
	ix.opts.MaxQueryTerms = 4 // a term searcher per field (title and body), and room
	phrase := `"` + strings.TrimSpace(strings.Repeat("budget ", 500)) + `"`
	if _, err := ix.Search(context.Background(), Query{Q: phrase}); err != nil {
		t.Errorf("Search(500 × budget) within 4 term searchers: %v", err)
	}
	if _, err := ix.Search(context.Background(), Query{Q: `"budget vote senate"`}); err == nil {
		t.Error("Search of 3 distinct words in 2 fields within 4 term searchers: got no error, want the limit hit (the count is real)")
	}
}

// TestLongQueryRefused checks that a query string over MaxQueryBytes is a bad query before
// Bleve's parser sees it: the parser's lexer is quadratic in the length of a phrase and does not
// look at the context (a phrase of 2,000 words parsed for 1.2 s), and every length was parsed.
func TestLongQueryRefused(t *testing.T) {
	an := newTestIndex(t).mapping.AnalyzerNamed(textAnalyzer)
	phrase := func(n int) string { return `"` + strings.Repeat("x", n-2) + `"` }
	for _, tt := range []struct {
		q   string
		bad bool
	}{
		{phrase(MaxQueryBytes), false},
		{phrase(MaxQueryBytes + 1), true},
		{`"` + strings.TrimSpace(strings.Repeat("trump ", 500)) + `"`, false},
		{`"` + strings.TrimSpace(strings.Repeat("trump ", 2000)) + `"`, true},
	} {
		_, err := parseQuery(tt.q, an)
		if got := errors.Is(err, ErrBadQuery); got != tt.bad {
			t.Errorf("query of %d bytes: got error %v, want a bad query: %v", len(tt.q), err, tt.bad)
		}
	}
}

// TestTermVectorsKeepPositionsOnly: the term vectors of body keep each word's position, which
// phrases need, and no byte offsets (preAnalyze); phrases still match, online and in a bulk
// build.
func TestTermVectorsKeepPositionsOnly(t *testing.T) {
	online := newTestIndex(t)
	bulk, _ := bulkFill(t, t.TempDir()+"/bulk", 4, fixtures())
	for name, ix := range map[string]*Index{"online": online, "bulk": bulk} {
		q := bleve.NewTermQuery("budget")
		q.SetField(fieldBody)
		req := bleve.NewSearchRequest(q)
		req.IncludeLocations = true
		res, err := ix.articles().Search(req)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 {
			t.Fatalf("%s: no hits for budget", name)
		}
		for _, h := range res.Hits {
			for _, l := range h.Locations[fieldBody]["budget"] {
				if l.Pos == 0 || l.Start != 0 || l.End != 0 {
					t.Errorf("%s: location of budget in %s: got pos %d, bytes %d-%d, want a position and no bytes", name, h.ID, l.Pos, l.Start, l.End)
				}
			}
		}
		got, err := ix.Search(context.Background(), Query{Q: `"budget vote"`})
		if err != nil {
			t.Fatal(err)
		}
		if ids := sorted(hitIDs(got)); strings.Join(ids, ",") != "a8,a9" {
			t.Errorf(`%s: "budget vote": got %v, want [a8 a9]`, name, ids)
		}
	}
}
