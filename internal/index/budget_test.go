package index

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/searchd/searchd/internal/index/scorchx"
	"github.com/searchd/searchd/internal/news"
)

// TestQueryTermLimit checks that Options.MaxQueryTerms bounds the terms of all the clauses of a
// query together: sixteen negated prefixes, each well under the clause limit, expanded to
// 20,800 terms and ran; now they are a bad query, and one or two of them still run.
func TestQueryTermLimit(t *testing.T) {
	ix, all := prefixesIndex(t)
	ctx := context.Background()
	for _, tt := range []struct {
		q   string
		bad bool
	}{
		{strings.Join(all, " "), true},
		{strings.Join(all[:8], " "), true}, // 10,400 terms: ran with the default of 20,000
		{strings.Join(all[:2], " "), false},
		{"a*", false},
		{"a* b*", false},
	} {
		t.Run(tt.q, func(t *testing.T) {
			_, err := ix.Search(ctx, Query{Q: tt.q})
			switch {
			case tt.bad && (!errors.Is(err, ErrBadQuery) || !strings.Contains(err.Error(), "too many words")):
				t.Errorf("got %v, want ErrBadQuery 'too many words'", err)
			case !tt.bad && err != nil:
				t.Errorf("got %v, want no error", err)
			}
		})
	}
}

// TestQueryTermLimitBuildsNoSearchers checks that a query over the term limit is refused from
// the term dictionaries, before any term searcher is built: the sixteen negated prefixes
// opened 20,001 term readers (two seconds of CPU on a news archive) before Bleve's count
// refused them. A query under the limit still builds its searchers.
func TestQueryTermLimitBuildsNoSearchers(t *testing.T) {
	ix, all := prefixesIndex(t)
	an := ix.mapping.AnalyzerNamed(textAnalyzer)
	snap := testSnapshot(t, ix)
	for _, tt := range []struct {
		q       string
		bad     bool
		readers int // term readers opened, at least
	}{
		{strings.Join(all, " "), true, 0},
		{strings.Join(all[:2], " "), false, 2 * 1300},
	} {
		t.Run(tt.q, func(t *testing.T) {
			p, err := parseQuery(tt.q, an)
			if err != nil {
				t.Fatal(err)
			}
			r := &countingReader{Snapshot: snap}
			ctx := withTermLimit(context.Background(), DefaultMaxQueryTerms)
			s, err := searcherOf(ctx, r, ix.mapping, ix.filtered(p.q, Query{}, typeArticle))
			if err == nil {
				s.Close()
			}
			switch {
			case tt.bad && (err == nil || !errors.Is(searchError(tt.q, err), ErrBadQuery)):
				t.Errorf("got %v, want a bad query", err)
			case tt.bad && r.opened != 0:
				t.Errorf("term readers opened before the query was refused: got %d, want 0", r.opened)
			case !tt.bad && err != nil:
				t.Errorf("got %v, want no error", err)
			case !tt.bad && r.opened < tt.readers:
				t.Errorf("term readers opened: got %d, want at least %d", r.opened, tt.readers)
			}
		})
	}
}

// countingReader is an index snapshot that counts the term readers opened on it.
type countingReader struct {
	*scorchx.Snapshot
	opened int
}

func (r *countingReader) TermFieldReader(ctx context.Context, term []byte, field string, freq, norm, vectors bool) (index.TermFieldReader, error) {
	r.opened++
	return r.Snapshot.TermFieldReader(ctx, term, field, freq, norm, vectors)
}

// prefixesIndex returns an index of 20,800 distinct words, 1,300 for each of the letters a to
// p, and the sixteen negated prefixes "-a*" … "-p*": each well under the clause limit, all
// together over DefaultMaxQueryTerms. The search budget is a minute: the tests check the term
// limit, and the searches under it may run for seconds on a loaded machine under -race.
func prefixesIndex(t *testing.T) (*Index, []string) {
	t.Helper()
	ix, err := Open(t.TempDir()+"/idx", nil, Options{BatchSize: 100, Workers: 2, SearchTimeout: time.Minute}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	const prefixes, perPrefix = "abcdefghijklmnop", 1300
	rng := rand.New(rand.NewPCG(7, 11))
	letters := "bcdfghjkmnpqrtvwxz" // no vowels, s or y: the stemmer leaves the words alone
	seen := map[string]bool{}
	var words []string
	for _, p := range prefixes {
		for n := 0; n < perPrefix; {
			w := []byte{byte(p)}
			for range 5 {
				w = append(w, letters[rng.IntN(len(letters))])
			}
			if !seen[string(w)] {
				seen[string(w)] = true
				words = append(words, string(w))
				n++
			}
		}
	}
	var docs []news.Document
	for i := 0; i < len(words); i += 100 {
		docs = append(docs, news.Document{ID: fmt.Sprintf("w%03d", i/100), Title: "Notes", Body: strings.Join(words[i:min(i+100, len(words))], " ")})
	}
	if _, err := ix.AddDocuments(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, p := range prefixes {
		all = append(all, "-"+string(p)+"*")
	}
	return ix, all
}

// TestNegatedClauseObservesContext checks that a search whose must-not clause excludes every
// document stops when its context is done: Bleve's Boolean searcher skips excluded documents
// inside one Next, and used to read through all of them whatever the context said.
func TestNegatedClauseObservesContext(t *testing.T) {
	ix, n := sameDocsIndex(t, 2*observeEvery)
	p, err := parseQuery("-harbo*", ix.mapping.AnalyzerNamed(textAnalyzer))
	if err != nil {
		t.Fatal(err)
	}
	dm, err := nextCancelled(t, ix, ix.filtered(p.q, Query{}, typeArticle))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Next with a cancelled context over %d excluded documents: got %v, %v; want context.Canceled", n, dm, err)
	}
}

// sameDocsIndex returns an index of n articles "Harbour report": "The harbour budget was
// revised.", and n.
func sameDocsIndex(t *testing.T, n int) (*Index, int) {
	t.Helper()
	ix, err := Open(t.TempDir()+"/idx", nil, Options{BatchSize: 500, Workers: 2}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	var docs []news.Document
	for i := range n {
		docs = append(docs, news.Document{ID: fmt.Sprintf("n%04d", i), Title: "Harbour report", Body: "The harbour budget was revised."})
	}
	if _, err := ix.AddDocuments(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	return ix, n
}

// nextCancelled builds the searcher of q over ix with a live context, cancels the context and
// returns the searcher's first Next.
func nextCancelled(t *testing.T, ix *Index, q query.Query) (*search.DocumentMatch, error) {
	t.Helper()
	snap := testSnapshot(t, ix)
	ctx, cancel := context.WithCancel(context.Background())
	s, err := searcherOf(ctx, snap, ix.mapping, q)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	cancel()
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize()+1, 0)}
	return s.Next(sctx)
}

// TestClauseSearcherObservesContext checks that a clause's searcher is not built once the
// context is done: building those of sixteen wildcards took seconds past the budget.
func TestClauseSearcherObservesContext(t *testing.T) {
	ix, _ := sameDocsIndex(t, 1)
	p, err := parseQuery("-harbo* -budg*", ix.mapping.AnalyzerNamed(textAnalyzer))
	if err != nil {
		t.Fatal(err)
	}
	snap := testSnapshot(t, ix)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s, err := searcherOf(ctx, snap, ix.mapping, ix.filtered(p.q, Query{}, typeArticle))
	if err == nil {
		s.Close()
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("searcherOf with a cancelled context: got %v, want context.Canceled", err)
	}
}

// TestEverySearchTakesASlot checks that quote searches, related articles, speaker pages and
// suggestions wait for a search slot and end at the search timeout, as Search does: they ran
// besides the MaxSearches searches, and only some of them had a timeout.
func TestEverySearchTakesASlot(t *testing.T) {
	ix := newTestIndex(t)
	release := holdSlots(t, ix)
	ix.opts.SearchTimeout = 50 * time.Millisecond
	ctx := context.Background()
	for name, call := range map[string]func() error{
		"SearchQuotes": func() error { _, err := ix.SearchQuotes(ctx, Query{}); return err },
		"Related":      func() error { _, err := ix.Related(ctx, "a1"); return err },
		"Speaker":      func() error { _, err := ix.Speaker(ctx, "Maria Lopez"); return err },
		"Suggest":      func() error { _, err := ix.Suggest(ctx, "ma", 5); return err },
	} {
		if err := call(); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%s with every slot taken: got %v, want context.DeadlineExceeded", name, err)
		}
	}
	release()
	if _, err := ix.Speaker(ctx, "Maria Lopez"); err != nil {
		t.Errorf("Speaker with free slots: %v", err)
	}
}
