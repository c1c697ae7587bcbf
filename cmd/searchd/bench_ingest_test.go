package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

// sampleCorpus returns the absolute path of the repository's sample articles, and their count and
// raw text size (title + body bytes) read independently of the code under test.
func sampleCorpus(t *testing.T) (string, int, int64) {
	t.Helper()
	path, err := filepath.Abs("../../sample/articles.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var n int
	var raw int64
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var a struct{ Title, Body string }
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("sample line %d: %v", n+1, err)
		}
		n++
		raw += int64(len(a.Title) + len(a.Body))
	}
	if err := sc.Err(); err != nil || n == 0 {
		t.Fatalf("read sample: %v (%d articles)", err, n)
	}
	return path, n, raw
}

func runCmd(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var stdout, stderr syncBuffer
	err := run(context.Background(), args, nil, &stdout, &stderr, func(string) string { return "" })
	return stdout.String(), stderr.String(), err
}

func TestBenchIngestJSON(t *testing.T) {
	corpus, n, raw := sampleCorpus(t)
	t.Chdir(t.TempDir())
	out, logs, err := runCmd(t, "bench", "ingest", "--corpus", corpus, "--runs", "2", "--json")
	if err != nil {
		t.Fatalf("bench ingest: %v\n%s", err, logs)
	}
	var rep ingestReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("output %q: %v", out, err)
	}
	if len(rep.Runs) != 2 {
		t.Fatalf("got %d runs, want 2", len(rep.Runs))
	}
	for _, r := range append(rep.Runs, rep.Median) {
		if r.Articles != n || r.Indexed != n || r.Failed != 0 {
			t.Errorf("run %d: got %d articles, %d indexed, %d failed; want %d, %d, 0", r.Run, r.Articles, r.Indexed, r.Failed, n, n)
		}
		if r.RawBytes != raw {
			t.Errorf("run %d: got raw bytes %d, want %d", r.Run, r.RawBytes, raw)
		}
		if r.IndexBytes <= 0 || math.Abs(r.Ratio-float64(r.IndexBytes)/float64(raw)) > 0.01*r.Ratio {
			t.Errorf("run %d: got ratio %f for %d index bytes, want %f", r.Run, r.Ratio, r.IndexBytes, float64(r.IndexBytes)/float64(raw))
		}
		if r.Run > 0 && (r.Seconds <= 0 || math.Abs(r.ArticlesPerSec-float64(n)/r.Seconds) > 0.01*r.ArticlesPerSec) {
			t.Errorf("run %d: got %f articles/s in %fs, want %d/seconds", r.Run, r.ArticlesPerSec, r.Seconds, n)
		}
		if r.PeakRSSBytes <= 0 || r.CPUSeconds <= 0 || r.PeakAnonBytes <= 0 || r.PeakAnonBytes > r.PeakRSSBytes {
			t.Errorf("run %d: got peak RSS %d (anonymous %d) and CPU %fs, want all positive and anonymous within RSS",
				r.Run, r.PeakRSSBytes, r.PeakAnonBytes, r.CPUSeconds)
		}
	}
	// Without --index the indexes are temporary: nothing is left in the working directory.
	if ents, _ := os.ReadDir("."); len(ents) != 0 {
		t.Errorf("got %d entries in the working directory, want none", len(ents))
	}
}

var ingestLineRE = regexp.MustCompile(`^run 1: (\d+) articles \((\d+) indexed(?:, \d+ of them deferred)?, 0 failed\) in ([\d.]+)s: ([\d.]+) articles/s, [\d.]+ MB/s of text; index ([\d.]+) MB for ([\d.]+) MB of text, ratio ([\d.]+); peak RSS [\d.]+ MB \(anonymous [\d.]+ MB\); CPU [\d.]+s$`)

func TestBenchIngestTextKeepsIndex(t *testing.T) {
	corpus, n, _ := sampleCorpus(t)
	dir := filepath.Join(t.TempDir(), "kept")
	out, logs, err := runCmd(t, "bench", "ingest", "--corpus", corpus, "--index", dir)
	if err != nil {
		t.Fatalf("bench ingest: %v\n%s", err, logs)
	}
	m := ingestLineRE.FindStringSubmatch(string(bytes.TrimSpace([]byte(out))))
	if m == nil {
		t.Fatalf("got output %q, want one run line", out)
	}
	num := func(i int) float64 {
		f, err := strconv.ParseFloat(m[i], 64)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	if int(num(1)) != n || int(num(2)) != n {
		t.Errorf("got %s articles, %s indexed, want %d", m[1], m[2], n)
	}
	if want := num(5) / num(6); math.Abs(num(7)-want) > 0.03*want {
		t.Errorf("got ratio %s, want index/text = %f", m[7], want)
	}
	if size, err := dirSize(dir); err != nil || size == 0 {
		t.Errorf("kept index %s: got size %d (%v), want files", dir, size, err)
	}
	// A second run into the same, now full, directory is refused.
	_, _, err = runCmd(t, "bench", "ingest", "--corpus", corpus, "--index", dir)
	if !errors.Is(err, errUsage) {
		t.Errorf("bench ingest into a full --index: got %v, want a usage error", err)
	}
}

// TestBenchIngestMarks checks --marks: the time and CPU time at each mark, then at the end,
// in order, and the windows between them in the text output.
func TestBenchIngestMarks(t *testing.T) {
	corpus, n, _ := sampleCorpus(t)
	t.Chdir(t.TempDir())
	out, logs, err := runCmd(t, "bench", "ingest", "--corpus", corpus, "--json", "--marks", fmt.Sprintf("1,%d,%d", n, n+1))
	if err != nil {
		t.Fatalf("bench ingest: %v\n%s", err, logs)
	}
	var rep ingestReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("output %q: %v", out, err)
	}
	marks := rep.Runs[0].Marks
	// n+1 is never reached: the marks are 1, n and the end.
	if len(marks) != 3 || marks[0].Articles != 1 || marks[1].Articles != n || marks[2].Articles != n {
		t.Fatalf("got marks %+v, want 1, %d and the end (%d)", marks, n, n)
	}
	for i := 1; i < len(marks); i++ {
		if marks[i].Seconds < marks[i-1].Seconds || marks[i].CPUSeconds < marks[i-1].CPUSeconds {
			t.Errorf("mark %d: got %+v after %+v, want times that do not go back", i, marks[i], marks[i-1])
		}
	}
	if end := marks[2]; end.Seconds != rep.Runs[0].Seconds || end.CPUSeconds != rep.Runs[0].CPUSeconds {
		t.Errorf("last mark %+v: want the run's %fs and %f CPU-s", end, rep.Runs[0].Seconds, rep.Runs[0].CPUSeconds)
	}
}

func TestFormatMarks(t *testing.T) {
	got := formatMarks([]ingestMark{{100, 2, 1}, {300, 4, 3}, {300, 5, 5}})
	want := []string{
		"articles 0–100: 2.0s, 50.0 articles/s, 1.0 CPU-s, 100.0 articles per CPU-second",
		"articles 100–300: 2.0s, 100.0 articles/s, 2.0 CPU-s, 100.0 articles per CPU-second",
		"articles 300–300: 1.0s, 0.0 articles/s, 2.0 CPU-s, 0.0 articles per CPU-second",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestBenchIngestBare checks --bare: every article of the corpus in a Bleve index that opens,
// answers a phrase of a body with that article among its hits and gives its stored title.
func TestBenchIngestBare(t *testing.T) {
	corpus, n, raw := sampleCorpus(t)
	dir := filepath.Join(t.TempDir(), "bare")
	out, logs, err := runCmd(t, "bench", "ingest", "--bare", "--corpus", corpus, "--index", dir, "--json")
	if err != nil {
		t.Fatalf("bench ingest --bare: %v\n%s", err, logs)
	}
	var rep ingestReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("output %q: %v", out, err)
	}
	r := rep.Runs[0]
	if r.Articles != n || r.Indexed != n || r.Failed != 0 || r.RawBytes != raw || r.IndexBytes <= 0 || r.CPUSeconds <= 0 {
		t.Fatalf("got %+v, want %d articles indexed, %d raw bytes, a size and CPU time", r, n, raw)
	}
	idx, err := bleve.Open(filepath.Join(dir, "bleve"))
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	if count, err := idx.DocCount(); err != nil || count != uint64(n) {
		t.Fatalf("bare index: got %d documents (%v), want %d", count, err, n)
	}
	// The first sample article, read apart from the code under test.
	f, err := os.Open(corpus)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var first struct{ ID, Title, Body string }
	if err := json.NewDecoder(f).Decode(&first); err != nil {
		t.Fatal(err)
	}
	words := strings.Fields(first.Body)
	phrase := strings.Join(words[len(words)/2:len(words)/2+4], " ")
	q := bleve.NewMatchPhraseQuery(phrase)
	q.SetField("body")
	req := bleve.NewSearchRequestOptions(q, n, 0, false)
	req.Fields = []string{"title"}
	res, err := idx.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, h := range res.Hits {
		if h.ID == first.ID {
			found = true
			if h.Fields["title"] != first.Title {
				t.Errorf("hit %s: got stored title %v, want %q", h.ID, h.Fields["title"], first.Title)
			}
		}
	}
	if !found {
		t.Errorf("phrase %q: got %d hits without %s", phrase, len(res.Hits), first.ID)
	}
}
