package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/spf13/pflag"

	"github.com/searchd/searchd/internal/index"
)

const benchUsage = `Usage: searchd bench SUBCOMMAND [flags]   ("searchd bench SUBCOMMAND --help" for its flags)

  ingest  --corpus FILE [--index DIR] [--runs N] [--json]      index with extraction, print speed, size, RSS, CPU
  query   --addr URL --queries FILE [--concurrency N] [--duration D] [--rate QPS] [--json]
                                                               load a running server with searches, print latency
  queries --corpus FILE [--n 500] [--seed S]                   write a query set (JSON Lines) drawn from a corpus
  scale   --corpus FILE --n N [--seed S] --out FILE.jsonl.gz   write a larger corpus recombined from a real one
  sizes   --index DIR [--corpus FILE] [--json]                 print what each field of an index takes on disk
  soak    --url URL [--duration 10m] [--clients 32] [--write-ratio 0.1] [--bombs 4]
                                                               mixed search and ingest load, check lost writes
`

// runBench dispatches `searchd bench SUBCOMMAND`.
func runBench(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	sub := ""
	if len(args) > 0 {
		sub = args[0]
	}
	switch sub {
	case "ingest":
		return runBenchIngest(ctx, args[1:], stdout, stderr, getenv)
	case "query":
		return runBenchQuery(ctx, args[1:], stdout, stderr)
	case "queries":
		return runBenchQueries(ctx, args[1:], stdout, stderr)
	case "scale":
		return runBenchScale(ctx, args[1:], stdout, stderr)
	case "sizes":
		return runBenchSizes(ctx, args[1:], stdout, stderr)
	case "soak":
		return runSoak(ctx, args[1:], stdout, stderr)
	}
	fmt.Fprint(stderr, benchUsage)
	return fmt.Errorf("%w: bench needs a subcommand: ingest, query, queries, scale, sizes or soak", errUsage)
}

// soakOptions configures a soak run.
type soakOptions struct {
	base       string
	apiKey     string
	duration   time.Duration
	clients    int
	writeRatio float64
	every      time.Duration
	think      time.Duration
	pid        int
	// bombs is the number of extra clients that send costly queries (soakBombs) in a loop,
	// besides the clients; their answers are counted apart from the normal searches.
	bombs int
	// phraseWords is the length of the repeated-word phrase of the bombs.
	phraseWords int
}

// runSoak is `searchd bench soak`: clients send a mix of searches and single-article POSTs to a
// running server for a while, then it checks that every acknowledged write is there.
func runSoak(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := pflag.NewFlagSet("bench soak", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	var o soakOptions
	fs.StringVar(&o.base, "url", "http://127.0.0.1:8080", "base URL of the running server")
	fs.StringVar(&o.apiKey, "api-key", os.Getenv("SEARCHD_API_KEY"), "API key for the writes (default $SEARCHD_API_KEY)")
	fs.DurationVar(&o.duration, "duration", 10*time.Minute, "how long to run")
	fs.IntVar(&o.clients, "clients", 32, "concurrent clients")
	fs.Float64Var(&o.writeRatio, "write-ratio", 0.1, "share of requests that are writes (POST of one article)")
	fs.DurationVar(&o.every, "report-every", 30*time.Second, "interval of the progress lines")
	fs.DurationVar(&o.think, "think", 0, "mean pause of a client between requests (uniform in 0..2×think); 0: none")
	fs.IntVar(&o.pid, "pid", 0, "server process id, to report its RSS from /proc (Linux)")
	fs.IntVar(&o.bombs, "bombs", 0, "extra clients sending costly queries in a loop (a phrase of one word repeated, sixteen negated wildcards); their answers are reported apart")
	fs.IntVar(&o.phraseWords, "bomb-phrase-words", 500, "words of the repeated-word phrase the bomb clients send")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	if o.clients < 1 || o.writeRatio < 0 || o.writeRatio > 1 || o.duration <= 0 || o.bombs < 0 || o.phraseWords < 1 {
		return fmt.Errorf("%w: need --clients >= 1, --write-ratio in [0,1], a positive --duration, --bombs >= 0 and --bomb-phrase-words >= 1", errUsage)
	}
	if o.writeRatio > 0 && o.apiKey == "" {
		return fmt.Errorf("%w: writes need --api-key or SEARCHD_API_KEY", errUsage)
	}
	return soak(ctx, o, stdout)
}

// soakStats counts what the clients saw.
type soakStats struct {
	searches, writes, status4xx, status5xx, netErrs atomic.Int64
	mu                                              sync.Mutex
	latencies                                       []time.Duration // of searches, since the last report
	all                                             []time.Duration // of searches, the whole run
	acked                                           []string        // ids whose POST answered 200
	// cutOff counts writes cancelled by the end of the run: unacknowledged, but the server
	// may still have committed them, so the final count may exceed the acknowledged ones by this much.
	cutOff atomic.Int64
	// bombs counts the answers to the bomb clients by status (0: network error), and
	// bombTimes holds their latencies.
	bombs     map[int]int
	bombTimes []time.Duration
}

type health struct {
	Articles   uint64 `json:"articles"`
	Goroutines int    `json:"goroutines"`
	HeapBytes  uint64 `json:"heap_bytes"`
}

func soak(ctx context.Context, o soakOptions, w io.Writer) error {
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: o.clients}}
	h0, err := getHealth(ctx, client, o.base)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "soak: %s for %s, %d clients, %.0f%% writes, think %s, %d bomb clients; %d articles at start\n", o.base, o.duration, o.clients, 100*o.writeRatio, o.think, o.bombs, h0.Articles)
	fmt.Fprintln(w, "elapsed  searches/s  writes/s   p50     p99    4xx  5xx  neterr  goroutines  heap_MB  rss_MB")
	run := strconv.FormatInt(time.Now().Unix(), 36)
	st := soakStats{bombs: map[int]int{}}
	ctx, cancel := context.WithTimeout(ctx, o.duration)
	defer cancel()
	var wg sync.WaitGroup
	var seq atomic.Int64
	for i := range o.clients {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(i), uint64(time.Now().UnixNano())))
			for ctx.Err() == nil {
				if o.think > 0 {
					select {
					case <-time.After(time.Duration(r.Int64N(int64(2 * o.think)))):
					case <-ctx.Done():
						return
					}
				}
				if r.Float64() < o.writeRatio {
					soakWrite(ctx, client, o, &st, fmt.Sprintf("soak-%s-%d", run, seq.Add(1)), r)
				} else {
					soakSearch(ctx, client, o.base, &st, r)
				}
			}
		})
	}
	bombs := soakBombs(o.phraseWords)
	for i := range o.bombs {
		wg.Go(func() {
			for n := i; ctx.Err() == nil; n++ {
				soakBomb(ctx, client, o.base, &st, bombs[n%len(bombs)], 1+n%index.MaxSize)
			}
		})
	}
	start := time.Now()
	tick := time.NewTicker(o.every)
	var lastS, lastW int64
	report := func() {
		s, wr := st.searches.Load(), st.writes.Load()
		secs := o.every.Seconds()
		st.mu.Lock()
		lat := st.latencies
		st.latencies = nil
		st.mu.Unlock()
		h, herr := getHealth(context.Background(), client, o.base)
		line := fmt.Sprintf("%7s  %10.1f  %8.1f  %6s  %6s  %4d %4d  %6d", time.Since(start).Round(time.Second), float64(s-lastS)/secs, float64(wr-lastW)/secs,
			pct(lat, 50), pct(lat, 99), st.status4xx.Load(), st.status5xx.Load(), st.netErrs.Load())
		if herr == nil {
			line += fmt.Sprintf("  %10d  %7.1f", h.Goroutines, float64(h.HeapBytes)/(1<<20))
		} else {
			line += "  health failed: " + herr.Error()
		}
		if rss := rssMB(o.pid); rss > 0 {
			line += fmt.Sprintf("  %6.1f", rss)
		}
		fmt.Fprintln(w, line)
		lastS, lastW = s, wr
	}
loop:
	for {
		select {
		case <-ctx.Done():
			break loop
		case <-tick.C:
			report()
		}
	}
	tick.Stop()
	wg.Wait()

	// Lost writes: every acknowledged id must be readable, and the count must have grown by them.
	h1, err := getHealth(context.Background(), client, o.base)
	if err != nil {
		return err
	}
	missing := 0
	for _, id := range st.acked {
		resp, err := client.Get(o.base + "/api/articles/" + url.PathEscape(id))
		if err != nil {
			return fmt.Errorf("check %s: %w", id, err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			missing++
		}
	}
	fmt.Fprintf(w, "done: %d searches, %d writes acknowledged, %d 4xx, %d 5xx, %d network errors\n",
		st.searches.Load(), len(st.acked), st.status4xx.Load(), st.status5xx.Load(), st.netErrs.Load())
	fmt.Fprintf(w, "searches: p50 %s, p90 %s, p99 %s, max %s over the run\n", pct(st.all, 50), pct(st.all, 90), pct(st.all, 99), pct(st.all, 100))
	if o.bombs > 0 {
		codes := slices.Sorted(maps.Keys(st.bombs))
		var by []string
		for _, c := range codes {
			by = append(by, fmt.Sprintf("%d×%d", st.bombs[c], c))
		}
		fmt.Fprintf(w, "bombs: %d sent (status: %s; 0 is a network error), p50 %s, p99 %s, max %s\n",
			len(st.bombTimes), strings.Join(by, " "), pct(st.bombTimes, 50), pct(st.bombTimes, 99), pct(st.bombTimes, 100))
	}
	want := h0.Articles + uint64(len(st.acked))
	cut := uint64(st.cutOff.Load())
	fmt.Fprintf(w, "articles: %d at start + %d acknowledged = %d expected (+ up to %d cut off by the end), %d found; %d acknowledged ids not readable\n",
		h0.Articles, len(st.acked), want, cut, h1.Articles, missing)
	if st.status5xx.Load() > 0 || missing > 0 || h1.Articles < want || h1.Articles > want+cut {
		return errors.New("soak failed: 5xx answers or lost writes")
	}
	return nil
}

// soakWords are query words common in news; soakFilters are facet-like filter parameters.
var soakWords = []string{"president", "election", "court", "police", "economy", "war", "health", "budget",
	"said", "trade", "climate", "vote", "senate", "school", "tax", "fire", "\"white house\"", "market", "china", "energy"}

func soakSearch(ctx context.Context, client *http.Client, base string, st *soakStats, r *rand.Rand) {
	v := url.Values{}
	switch n := r.IntN(10); {
	case n < 6:
		v.Set("q", soakWords[r.IntN(len(soakWords))])
	case n < 8:
		v.Set("q", soakWords[r.IntN(len(soakWords))]+" "+soakWords[r.IntN(len(soakWords))])
		v.Set("sort", "-date")
	case n < 9:
		v.Set("q", strings.Trim(soakWords[r.IntN(len(soakWords))], `"`)[:3]+"*")
	default:
		v.Set("since", "2020-01-01")
	}
	v.Set("size", strconv.Itoa(1+r.IntN(30)))
	start := time.Now()
	code, body, err := soakDo(ctx, client, http.MethodGet, base+"/api/search?"+v.Encode(), nil, "")
	if ctx.Err() != nil {
		return
	}
	st.count(code, err)
	if err != nil || code != http.StatusOK {
		return
	}
	st.searches.Add(1)
	d := time.Since(start)
	st.mu.Lock()
	st.latencies = append(st.latencies, d)
	st.all = append(st.all, d)
	st.mu.Unlock()
	// Follow the cursor now and then, as a reader paging through results does.
	var page struct {
		Next string `json:"next"`
	}
	if json.Unmarshal(body, &page) == nil && page.Next != "" && r.IntN(4) == 0 {
		v.Set("after", page.Next)
		code, _, err = soakDo(ctx, client, http.MethodGet, base+"/api/search?"+v.Encode(), nil, "")
		if ctx.Err() == nil {
			st.count(code, err)
		}
	}
}

// soakBombs returns the costly queries of the bomb clients: a quoted phrase of one word
// repeated phraseWords times, and sixteen negated prefixes (-a* … -p*).
func soakBombs(phraseWords int) []string {
	phrase := `"` + strings.TrimSpace(strings.Repeat("trump ", phraseWords)) + `"`
	var prefixes []string
	for c := 'a'; c <= 'p'; c++ {
		prefixes = append(prefixes, "-"+string(c)+"*")
	}
	return []string{phrase, strings.Join(prefixes, " ")}
}

// soakBomb sends one costly search and counts its answer apart from the normal searches. The
// page size varies from one to the next, so that the server's results cache does not answer
// them all.
func soakBomb(ctx context.Context, client *http.Client, base string, st *soakStats, q string, size int) {
	start := time.Now()
	v := url.Values{"q": {q}, "size": {strconv.Itoa(size)}}
	code, _, err := soakDo(ctx, client, http.MethodGet, base+"/api/search?"+v.Encode(), nil, "")
	if ctx.Err() != nil {
		return
	}
	if err != nil {
		code = 0
	}
	d := time.Since(start)
	st.mu.Lock()
	st.bombs[code]++
	st.bombTimes = append(st.bombTimes, d)
	st.mu.Unlock()
}

func soakWrite(ctx context.Context, client *http.Client, o soakOptions, st *soakStats, id string, r *rand.Rand) {
	names := []string{"Ada Brennan", "Tomas Reyes", "Mira Holt", "Jonah Pike", "Lena Ortiz"}
	places := []string{"OSLO", "LISBON", "NAIROBI", "DENVER", "MUMBAI"}
	body := fmt.Sprintf("%s (AP) — The council voted on the %s plan on Tuesday. \"We will not wait for %s,\" said %s, the council leader. %s said the vote was close.",
		places[r.IntN(len(places))], soakWords[r.IntN(len(soakWords))], soakWords[r.IntN(len(soakWords))], names[r.IntN(len(names))], names[r.IntN(len(names))])
	art, _ := json.Marshal(map[string]string{"id": id, "title": "Council vote " + id, "body": body, "date": "2025-06-01", "source": "Soak Wire"})
	code, resp, err := soakDo(ctx, client, http.MethodPost, o.base+"/api/articles", art, o.apiKey)
	if ctx.Err() != nil && err != nil {
		st.cutOff.Add(1) // cut off by the end of the run: not acknowledged, perhaps committed
		return
	}
	st.count(code, err)
	var ack struct {
		Indexed int `json:"indexed"`
	}
	if err == nil && code == http.StatusOK && json.Unmarshal(resp, &ack) == nil && ack.Indexed == 1 {
		st.writes.Add(1)
		st.mu.Lock()
		st.acked = append(st.acked, id)
		st.mu.Unlock()
	}
}

func (st *soakStats) count(code int, err error) {
	switch {
	case err != nil:
		st.netErrs.Add(1)
	case code >= 500:
		st.status5xx.Add(1)
	case code >= 400:
		st.status4xx.Add(1)
	}
}

func soakDo(ctx context.Context, client *http.Client, method, u string, body []byte, key string) (int, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, method, u, bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

func getHealth(ctx context.Context, client *http.Client, base string) (health, error) {
	var h health
	code, body, err := soakDo(ctx, client, http.MethodGet, base+"/healthz", nil, "")
	if err != nil {
		return h, fmt.Errorf("healthz: %w", err)
	}
	if code != http.StatusOK {
		return h, fmt.Errorf("healthz: status %d", code)
	}
	return h, json.Unmarshal(body, &h)
}

// pct returns the p-th percentile of ds, rounded for display.
func pct(ds []time.Duration, p int) string {
	if len(ds) == 0 {
		return "-"
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, len(s)*p/100)].Round(100 * time.Microsecond).String()
}

// rssMB reads a process's resident set size from /proc; 0 when unknown.
func rssMB(pid int) float64 {
	if pid <= 0 {
		return 0
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for l := range strings.SplitSeq(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}
