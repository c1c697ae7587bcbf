package extract

import (
	"bufio"
	"encoding/json"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/searchd/searchd/internal/news"
	"github.com/searchd/searchd/internal/sharedtest"
)

// -speakers.in and -speakers.out run the speaker finder over scorer input (lines of
// {"id","title","text"}) and write one {"id","speakers"} line per article, for
// score_extract.py: go test ./internal/extract -run TestDumpSpeakers -speakers.in X -speakers.out Y
var (
	dumpIn  = flag.String("speakers.in", "", "scorer input JSONL to run the speaker finder over")
	dumpOut = flag.String("speakers.out", "", "where to write the predictions (JSONL)")
)

type scorerInput struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Text  string `json:"text"`
}

func readScorerInput(tb testing.TB, path string) []news.Article {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatalf("open %s: %v", path, err)
	}
	defer f.Close()
	var out []news.Article
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var in scorerInput
		if err := json.Unmarshal([]byte(line), &in); err != nil {
			tb.Fatalf("%s: %v", path, err)
		}
		out = append(out, news.Article{ID: in.ID, Title: in.Title, Body: in.Text})
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("read %s: %v", path, err)
	}
	return out
}

func TestDumpSpeakers(t *testing.T) {
	if *dumpIn == "" || *dumpOut == "" {
		t.Skip("set -speakers.in and -speakers.out to dump predictions")
	}
	f, err := newSpeakerFinder()
	if err != nil {
		t.Fatal(err)
	}
	out, err := os.Create(*dumpOut)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for _, a := range readScorerInput(t, *dumpIn) {
		sp, n := f.find(a)
		if sp == nil {
			sp = []news.Speaker{}
		}
		if err := enc.Encode(map[string]any{"id": a.ID, "speakers": sp, "unnamed_quotes": n}); err != nil {
			t.Fatal(err)
		}
	}
	_ = sharedtest.Dir
}
