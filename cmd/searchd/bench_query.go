package main

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spf13/pflag"

	"github.com/searchd/searchd/internal/bench"
)

const benchQueryHelp = `Usage: searchd bench query --addr URL --queries FILE [--concurrency 1] [--duration 30s] [--warmup 5s] [--rate QPS] [--json]

Sends the queries of FILE (JSON Lines, as written by searchd bench queries), in order and round
and round, as GET /api/search requests to a running server, and prints latency percentiles
(p50/p95/p99/max), throughput (QPS) and errors (transport errors and non-2xx answers).

Closed loop by default: --concurrency clients each send a request as soon as the last one was
answered. With --rate, open loop: requests are scheduled every 1/rate seconds whatever the server
does, sent by up to --concurrency clients, and latency is measured from the scheduled time, so a
slow server is charged for the requests it delayed (no coordinated omission).
Requests of the --warmup period are sent but not counted. Latency counts answered 2xx requests.
With --slowest N it also lists the N queries with the highest median latency, with their number
of hits: the queries to profile first.
`

// queryOptions configures bench query.
type queryOptions struct {
	addr        string
	apiKey      string
	queries     []bench.Query
	size        int
	concurrency int
	duration    time.Duration
	warmup      time.Duration
	rate        float64 // requests per second; 0: closed loop
	timeout     time.Duration
	slowest     int // queries to list by median latency
}

// queryReport is the result of bench query, and its --json output.
type queryReport struct {
	Addr        string         `json:"addr"`
	Queries     int            `json:"queries"` // distinct queries in the file
	Mode        string         `json:"mode"`    // closed or open
	Concurrency int            `json:"concurrency"`
	RateQPS     float64        `json:"rate_qps,omitempty"`
	Seconds     float64        `json:"seconds"`  // measured period
	Requests    int            `json:"requests"` // completed in the measured period
	OK          int            `json:"ok"`
	Errors      int            `json:"errors"`
	ZeroHits    int            `json:"zero_hits"` // 2xx answers whose total was 0
	Status      map[string]int `json:"status"`    // answers by status code, "transport" for failures
	QPS         float64        `json:"qps"`       // completed requests per second
	Latency     bench.Summary  `json:"latency"`
	// Late is, in open loop, the number of requests that started more than 10 ms after their
	// scheduled time because every client was busy: a sign the rate is beyond the server.
	Late int `json:"late,omitempty"`
	// Slowest lists, with --slowest, the queries of highest median latency, slowest first.
	Slowest []slowQuery `json:"slowest,omitempty"`
}

// slowQuery is one query of queryReport.Slowest.
type slowQuery struct {
	Params   string  `json:"params"` // the request's query string
	MedianMS float64 `json:"median_ms"`
	Samples  int     `json:"samples"`
	Total    uint64  `json:"total"` // hits the server reported
}

// runBenchQuery is `searchd bench query`.
func runBenchQuery(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := pflag.NewFlagSet("bench query", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	var o queryOptions
	fs.StringVar(&o.addr, "addr", "http://127.0.0.1:8080", "base URL of the running server")
	file := fs.String("queries", "", "query set file (JSON Lines)")
	fs.StringVar(&o.apiKey, "api-key", os.Getenv("SEARCHD_READ_KEY"), "key sent as Authorization: Bearer, for a private server (default $SEARCHD_READ_KEY)")
	fs.IntVar(&o.size, "size", 10, "hits per search (the size parameter; 0: the server's default)")
	fs.IntVar(&o.concurrency, "concurrency", 1, "concurrent clients")
	fs.DurationVar(&o.duration, "duration", 30*time.Second, "measured period")
	fs.DurationVar(&o.warmup, "warmup", 5*time.Second, "period before it whose requests are not counted")
	fs.Float64Var(&o.rate, "rate", 0, "open loop at this many requests per second (0: closed loop)")
	fs.DurationVar(&o.timeout, "timeout", 30*time.Second, "timeout of one request")
	fs.IntVar(&o.slowest, "slowest", 0, "also list the N queries of highest median latency")
	asJSON := fs.Bool("json", false, "print one JSON object instead of text")
	fs.Usage = func() {
		fmt.Fprint(stderr, benchQueryHelp)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	if *file == "" || o.concurrency < 1 || o.duration <= 0 || o.warmup < 0 || o.rate < 0 || o.slowest < 0 {
		fs.Usage()
		return fmt.Errorf("%w: bench query needs --queries, --concurrency >= 1, a positive --duration and no negative --warmup or --rate", errUsage)
	}
	f, err := os.Open(*file)
	if err != nil {
		return fmt.Errorf("bench query: %w", err)
	}
	o.queries, err = bench.ReadQueries(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", *file, err)
	}
	if len(o.queries) == 0 {
		return fmt.Errorf("%w: %s holds no query", errUsage, *file)
	}
	rep, err := loadTest(ctx, o)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSONReport(stdout, rep)
	}
	fmt.Fprintln(stdout, formatQueryReport(rep))
	return nil
}

// formatQueryReport is bench query's text output.
func formatQueryReport(r queryReport) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s loop, %d clients", r.Mode, r.Concurrency)
	if r.Mode == "open" {
		fmt.Fprintf(&b, ", %.1f requests/s scheduled (%d late)", r.RateQPS, r.Late)
	}
	fmt.Fprintf(&b, ", %d queries, %.1fs measured\n", r.Queries, r.Seconds)
	fmt.Fprintf(&b, "requests %d, ok %d (%d with no hit), errors %d, QPS %.1f\n", r.Requests, r.OK, r.ZeroHits, r.Errors, r.QPS)
	l := r.Latency
	fmt.Fprintf(&b, "latency ms: p50 %.2f, p95 %.2f, p99 %.2f, max %.2f, mean %.2f", l.P50MS, l.P95MS, l.P99MS, l.MaxMS, l.MeanMS)
	if len(r.Status) > 0 {
		codes := make([]string, 0, len(r.Status))
		for c, n := range r.Status {
			codes = append(codes, c+":"+strconv.Itoa(n))
		}
		slices.Sort(codes)
		fmt.Fprintf(&b, "\nstatus: %s", strings.Join(codes, " "))
	}
	for i, q := range r.Slowest {
		if i == 0 {
			fmt.Fprint(&b, "\nslowest queries (median ms, samples, hits):")
		}
		fmt.Fprintf(&b, "\n  %8.2f %4d %9d  %s", q.MedianMS, q.Samples, q.Total, q.Params)
	}
	return b.String()
}

// job is one request to send: the index of its query and, in open loop, when it was due.
type job struct {
	q   int
	due time.Time
}

// querySample is one finished request.
type querySample struct {
	q       int       // index of the query
	total   uint64    // hits reported in a 2xx answer
	due     time.Time // scheduled (open loop) or sent (closed loop)
	latency time.Duration
	status  string // code, or "transport"
	ok      bool
	empty   bool // a 2xx answer with total 0
	late    bool
}

// loadTest runs the load and summarises what was measured.
func loadTest(ctx context.Context, o queryOptions) (queryReport, error) {
	base := strings.TrimRight(o.addr, "/")
	if !strings.Contains(base, "://") {
		base = "http://" + base
	}
	urls := make([]string, len(o.queries))
	for i, q := range o.queries {
		v := q.Values()
		if o.size > 0 {
			v.Set("size", strconv.Itoa(o.size))
		}
		urls[i] = base + "/api/search?" + v.Encode()
	}
	client := &http.Client{Timeout: o.timeout, Transport: &http.Transport{MaxIdleConnsPerHost: o.concurrency, MaxIdleConns: o.concurrency}}
	defer client.CloseIdleConnections()

	start := time.Now()
	measureFrom := start.Add(o.warmup)
	end := measureFrom.Add(o.duration)
	ctx, cancel := context.WithDeadline(ctx, end)
	defer cancel()

	var mu sync.Mutex
	var samples []querySample
	send := func(j job) {
		s := querySample{q: j.q, due: j.due}
		if s.due.IsZero() {
			s.due = time.Now()
		}
		s.late = time.Since(s.due) > 10*time.Millisecond
		s.status, s.ok, s.total = doSearch(ctx, client, urls[j.q], o.apiKey)
		s.empty = s.ok && s.total == 0
		s.latency = time.Since(s.due)
		if ctx.Err() != nil {
			return // cut off by the end of the run: neither an answer nor an error
		}
		mu.Lock()
		samples = append(samples, s)
		mu.Unlock()
	}

	jobs := make(chan job)
	var wg sync.WaitGroup
	for range o.concurrency {
		wg.Go(func() {
			for j := range jobs {
				send(j)
			}
		})
	}
	// The producer hands out queries in file order. In closed loop a client takes the next one
	// when it is free; in open loop the producer waits for each due time, and a job that finds no
	// free client waits for one, its latency still counted from the due time.
	var interval time.Duration
	if o.rate > 0 {
		interval = time.Duration(float64(time.Second) / o.rate)
	}
	for i := 0; ; i++ {
		j := job{q: i % len(urls)}
		if interval > 0 {
			j.due = start.Add(time.Duration(i) * interval)
			if !sleepUntil(ctx, j.due) {
				break
			}
		}
		select {
		case jobs <- j:
			continue
		case <-ctx.Done():
		}
		break
	}
	close(jobs)
	wg.Wait()

	rep := queryReport{Addr: base, Queries: len(o.queries), Mode: "closed", Concurrency: o.concurrency, Status: map[string]int{}, Seconds: o.duration.Seconds()}
	if o.rate > 0 {
		rep.Mode, rep.RateQPS = "open", o.rate
	}
	var lat []time.Duration
	perQuery := map[int][]querySample{}
	for _, s := range samples {
		if s.due.Before(measureFrom) {
			continue
		}
		rep.Requests++
		rep.Status[s.status]++
		if s.ok {
			rep.OK++
			if s.empty {
				rep.ZeroHits++
			}
			lat = append(lat, s.latency)
			perQuery[s.q] = append(perQuery[s.q], s)
		} else {
			rep.Errors++
		}
		if o.rate > 0 && s.late {
			rep.Late++
		}
	}
	rep.QPS = float64(rep.Requests) / rep.Seconds
	rep.Latency = bench.Summarize(lat)
	rep.Slowest = slowestQueries(perQuery, urls, o.slowest)
	return rep, nil
}

// slowestQueries returns the n queries of highest median latency among the answered samples
// of each query (by index into urls), slowest first.
func slowestQueries(perQuery map[int][]querySample, urls []string, n int) []slowQuery {
	if n == 0 {
		return nil
	}
	out := make([]slowQuery, 0, len(perQuery))
	for q, ss := range perQuery {
		lat := make([]time.Duration, len(ss))
		for i, s := range ss {
			lat[i] = s.latency
		}
		params := urls[q]
		if i := strings.IndexByte(params, '?'); i >= 0 {
			params = params[i+1:]
		}
		out = append(out, slowQuery{Params: params, MedianMS: bench.Summarize(lat).P50MS, Samples: len(ss), Total: ss[len(ss)-1].total})
	}
	slices.SortFunc(out, func(a, b slowQuery) int {
		if c := cmp.Compare(b.MedianMS, a.MedianMS); c != 0 {
			return c
		}
		return strings.Compare(a.Params, b.Params)
	})
	return out[:min(n, len(out))]
}

// sleepUntil waits until t, reporting false if ctx ended first.
func sleepUntil(ctx context.Context, t time.Time) bool {
	d := time.Until(t)
	if d <= 0 {
		return ctx.Err() == nil
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// doSearch sends one GET and reads the whole answer; it returns the status code (or
// "transport"), whether it was a 2xx, and the total of hits that answer reported.
func doSearch(ctx context.Context, client *http.Client, u, key string) (status string, ok bool, total uint64) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return "transport", false, 0
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := client.Do(req)
	if err != nil {
		return "transport", false, 0
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return "transport", false, 0
	}
	ok = resp.StatusCode >= 200 && resp.StatusCode < 300
	var res struct {
		Total *uint64 `json:"total"`
	}
	if ok && json.Unmarshal(body, &res) == nil && res.Total != nil {
		total = *res.Total
	}
	return strconv.Itoa(resp.StatusCode), ok, total
}

// writeJSONReport writes a bench command's --json report, indented.
func writeJSONReport(w io.Writer, rep any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}
