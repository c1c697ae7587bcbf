package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/searchd/searchd/internal/bench"
)

// TestBenchQuery generates queries from the sample corpus and sends them to a server holding
// that corpus: each must find an article, and bench query must count requests and errors.
func TestBenchQuery(t *testing.T) {
	corpus, _, _ := sampleCorpus(t)
	qfile := filepath.Join(t.TempDir(), "q.jsonl")
	if err := os.WriteFile(qfile, genQueries(t, corpus, "120", "1"), 0o644); err != nil {
		t.Fatal(err)
	}
	qs, err := bench.ReadQueries(mustOpen(t, qfile))
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	base := startServer(t, nil, "--index", "idx") // loads the sample corpus on start

	t.Run("every generated query matches", func(t *testing.T) {
		for _, q := range qs {
			var res searchResponse
			u := base + "/api/search?" + q.Values().Encode()
			if code := getJSON(t, u, &res); code != 200 || res.Total == 0 {
				t.Errorf("query %+v: got status %d, total %d; want 200 and at least one hit", q, code, res.Total)
			}
		}
	})

	t.Run("closed loop through run", func(t *testing.T) {
		out, logs, err := runCmd(t, "bench", "query", "--addr", base, "--queries", qfile, "--concurrency", "2",
			"--duration", "1s", "--warmup", "200ms", "--slowest", "3", "--json")
		if err != nil {
			t.Fatalf("bench query: %v\n%s", err, logs)
		}
		var rep queryReport
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatalf("output %q: %v", out, err)
		}
		if rep.Requests == 0 || rep.Errors != 0 || rep.OK != rep.Requests || rep.Status["200"] != rep.Requests || rep.ZeroHits != 0 {
			t.Errorf("got %d requests, %d ok, %d errors, %d with no hit, status %v; want some, all 200 with hits",
				rep.Requests, rep.OK, rep.Errors, rep.ZeroHits, rep.Status)
		}
		if rep.Latency.Count != rep.OK || rep.Latency.P50MS <= 0 || rep.Latency.P99MS > rep.Latency.MaxMS || rep.Latency.P50MS > rep.Latency.P95MS {
			t.Errorf("got latency %+v for %d ok requests, want count = ok and ordered percentiles", rep.Latency, rep.OK)
		}
		if rep.QPS != float64(rep.Requests)/rep.Seconds || rep.Queries != len(qs) || rep.Mode != "closed" {
			t.Errorf("got QPS %f, %d queries, mode %s; want requests/seconds, %d, closed", rep.QPS, rep.Queries, rep.Mode, len(qs))
		}
		if len(rep.Slowest) != 3 {
			t.Fatalf("got %d slowest queries, want 3", len(rep.Slowest))
		}
		for i, q := range rep.Slowest {
			var res searchResponse
			if code := getJSON(t, base+"/api/search?"+q.Params, &res); code != 200 || res.Total != q.Total || q.Total == 0 {
				t.Errorf("slowest %d (%s): reported %d hits, the server gives %d (status %d)", i, q.Params, q.Total, res.Total, code)
			}
			if q.Samples < 1 || q.MedianMS <= 0 || i > 0 && q.MedianMS > rep.Slowest[i-1].MedianMS {
				t.Errorf("slowest %d: %d samples, median %.3f ms; want samples and medians in falling order", i, q.Samples, q.MedianMS)
			}
		}
	})

	t.Run("open loop", func(t *testing.T) {
		const rate, secs = 40.0, 1.0
		rep, err := loadTest(context.Background(), queryOptions{addr: base, queries: qs, size: 10, concurrency: 4,
			duration: time.Duration(secs * float64(time.Second)), warmup: 250 * time.Millisecond, rate: rate, timeout: 10 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		// Requests are due every 25 ms; those due in the measured second that were answered
		// before its end are counted: at most 40 (a closed loop of 4 clients would send
		// hundreds), most of them on an idle server, fewer on a busy one, so only "some" is
		// asserted below that: this is no timing test.
		if rep.Requests > int(rate*secs)+1 || rep.Requests < 1 || rep.Errors != 0 || rep.Mode != "open" {
			t.Errorf("got %d requests (%d errors, mode %s), want about %d and no errors", rep.Requests, rep.Errors, rep.Mode, int(rate*secs))
		}
	})

	t.Run("bad queries are errors", func(t *testing.T) {
		bad := []bench.Query{{Q: "harbour", Since: "2024-13-45"}, {Q: "harbour", Until: "yesterday"}}
		rep, err := loadTest(context.Background(), queryOptions{addr: base, queries: bad, concurrency: 2,
			duration: 500 * time.Millisecond, timeout: 10 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Requests == 0 || rep.Errors != rep.Requests || rep.Status["400"] != rep.Requests || rep.Latency.Count != 0 {
			t.Errorf("got %d requests, %d errors, status %v, latency count %d; want every request a 400 error, no latency",
				rep.Requests, rep.Errors, rep.Status, rep.Latency.Count)
		}
	})

	t.Run("unreachable server", func(t *testing.T) {
		rep, err := loadTest(context.Background(), queryOptions{addr: "127.0.0.1:1", queries: qs[:1], concurrency: 1,
			duration: 300 * time.Millisecond, timeout: time.Second})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Requests == 0 || rep.Status["transport"] != rep.Requests {
			t.Errorf("got %d requests, status %v; want every request a transport error", rep.Requests, rep.Status)
		}
	})
}

func mustOpen(t *testing.T, path string) *os.File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestSlowestQueries(t *testing.T) {
	ms := func(q int, total uint64, lat ...int) []querySample {
		var out []querySample
		for _, l := range lat {
			out = append(out, querySample{q: q, total: total, latency: time.Duration(l) * time.Millisecond})
		}
		return out
	}
	per := map[int][]querySample{0: ms(0, 7, 1, 2, 30), 1: ms(1, 3, 10), 2: ms(2, 5, 5, 5), 3: ms(3, 9, 4)}
	urls := []string{"http://x/api/search?q=a", "http://x/api/search?q=b", "http://x/api/search?q=c", "http://x/api/search?q=d"}
	got := slowestQueries(per, urls, 2)
	want := []slowQuery{{Params: "q=b", MedianMS: 10, Samples: 1, Total: 3}, {Params: "q=c", MedianMS: 5, Samples: 2, Total: 5}}
	if !slices.Equal(got, want) {
		t.Errorf("slowest 2: got %+v, want %+v", got, want)
	}
	if got := slowestQueries(per, urls, 10); len(got) != 4 || got[3].Params != "q=a" {
		t.Errorf("slowest 10 of 4: got %+v, want all 4", got)
	}
	if got := slowestQueries(per, urls, 0); got != nil {
		t.Errorf("slowest 0: got %+v, want none", got)
	}
}
