// Package feeds polls RSS and Atom feeds and indexes their new entries.
//
// A Poller fetches each feed on its interval with a conditional GET (ETag, Last-Modified). For
// every entry it has not seen it fetches the entry's page and extracts the article with
// ingest.ParseHTML (readability), falling back to the content the feed carries when the page
// cannot be fetched or holds less text; then it indexes the new articles in one batch. What it
// has seen, and each feed's validators and schedule, are kept in a StateStore (a JSON file next
// to the index) so that a restart does not index anything twice. A failing feed is retried
// with exponential back-off and jitter, capped; a 429 or 503 with Retry-After waits at least
// that long.
package feeds

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/searchd/searchd/internal/index"
	"github.com/searchd/searchd/internal/ingest"
	"github.com/searchd/searchd/internal/news"
)

// Defaults for Options.
const (
	DefaultInterval     = 15 * time.Minute
	DefaultRetryBase    = time.Minute
	DefaultMaxBackoff   = 2 * time.Hour
	DefaultMaxFeedBytes = 20 << 20
	DefaultMaxPageBytes = 10 << 20
	DefaultTimeout      = 30 * time.Second
	DefaultConcurrency  = 4
	// Jitter is the fraction by which a back-off delay is randomly lengthened or shortened.
	Jitter = 0.2
	// maxSeen bounds the entry keys remembered per feed.
	maxSeen = 5000
)

// Source is one feed to poll.
type Source struct {
	URL      string
	Interval time.Duration // 0: Options.Interval
}

// Indexer is what the poller needs from the index. *index.Index satisfies it.
type Indexer interface {
	AddArticles(ctx context.Context, arts []news.Article) (index.LoadStats, error)
}

// Clock tells the time and waits; tests pass a fake one.
type Clock interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}

type realClock struct{}

func (realClock) Now() time.Time                         { return time.Now() }
func (realClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// Options configures a Poller. The zero value of each field means its default.
type Options struct {
	// Client fetches feeds and pages; when nil, NewClient(DefaultTimeout, AllowPrivate), which
	// refuses addresses that are not public. A client given here is used as it is.
	Client *http.Client
	// AllowPrivate lets the default client fetch from loopback, private and link-local
	// addresses (feeds.allow_private), for feeds on the operator's own network.
	AllowPrivate bool
	// Concurrency is how many feeds are fetched at once; DefaultConcurrency.
	Concurrency  int
	Clock        Clock         // the real clock when nil
	Logger       *slog.Logger  // discarded when nil
	Interval     time.Duration // default interval of a Source; DefaultInterval
	RetryBase    time.Duration // first back-off delay after a failure; DefaultRetryBase
	MaxBackoff   time.Duration // longest back-off delay; DefaultMaxBackoff
	MaxFeedBytes int64         // largest feed document read; DefaultMaxFeedBytes
	MaxPageBytes int64         // largest article page read; DefaultMaxPageBytes
	UserAgent    string        // "searchd" when empty
	Ingest       ingest.Options
	// Rand returns a number in [0, 1) for the jitter; math/rand/v2's Float64 when nil.
	Rand func() float64
	// OnPoll, when set, is called after every poll with the feed URL and its outcome:
	// PollOK, PollNotModified or PollError (for metrics).
	OnPoll func(feed, outcome string)
}

// Poll outcomes passed to Options.OnPoll.
const (
	PollOK          = "ok"
	PollNotModified = "not_modified"
	PollError       = "error"
)

// errNotModified is fetchAndIndex's answer to a 304: a successful poll with nothing new.
var errNotModified = errors.New("not modified")

func (o Options) withDefaults() Options {
	if o.Client == nil {
		o.Client = NewClient(DefaultTimeout, o.AllowPrivate)
	}
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultConcurrency
	}
	if o.Clock == nil {
		o.Clock = realClock{}
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Interval <= 0 {
		o.Interval = DefaultInterval
	}
	if o.RetryBase <= 0 {
		o.RetryBase = DefaultRetryBase
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = DefaultMaxBackoff
	}
	if o.MaxFeedBytes <= 0 {
		o.MaxFeedBytes = DefaultMaxFeedBytes
	}
	if o.MaxPageBytes <= 0 {
		o.MaxPageBytes = DefaultMaxPageBytes
	}
	if o.UserAgent == "" {
		o.UserAgent = "searchd"
	}
	if o.Rand == nil {
		o.Rand = rand.Float64
	}
	return o
}

// Status is the state of one feed as GET /api/feeds shows it.
type Status struct {
	URL         string     `json:"url"`
	Interval    string     `json:"interval"`
	LastPoll    *time.Time `json:"last_poll"`
	LastSuccess *time.Time `json:"last_success"`
	LastError   string     `json:"last_error"`
	Failures    int        `json:"failures"`
	ItemsSeen   int        `json:"items_seen"`
	NextPoll    *time.Time `json:"next_poll"`
}

// Poller polls a fixed list of feeds. Its methods are safe for concurrent use.
type Poller struct {
	sources []Source
	ix      Indexer
	store   StateStore
	opts    Options

	mu    sync.Mutex // guards state
	state State
	// saveMu orders the saves of concurrent polls: each saves the state as of its turn.
	saveMu sync.Mutex
}

// New returns a Poller for sources, with the state that store holds. A feed in the state but
// no longer in sources is forgotten at the next save.
func New(sources []Source, ix Indexer, store StateStore, opts Options) (*Poller, error) {
	if ix == nil || store == nil {
		return nil, errors.New("feeds: nil indexer or state store")
	}
	opts = opts.withDefaults()
	st, err := store.Load()
	if err != nil {
		return nil, err
	}
	p := &Poller{ix: ix, store: store, opts: opts, state: State{Feeds: map[string]*FeedState{}}}
	for _, s := range sources {
		s.URL = strings.TrimSpace(s.URL)
		if s.URL == "" {
			return nil, errors.New("feeds: a feed has an empty url")
		}
		if _, dup := p.state.Feeds[s.URL]; dup {
			return nil, fmt.Errorf("feeds: %s is listed twice", s.URL)
		}
		if s.Interval <= 0 {
			s.Interval = opts.Interval
		}
		p.sources = append(p.sources, s)
		fs := st.Feeds[s.URL]
		if fs == nil {
			fs = &FeedState{URL: s.URL}
		}
		p.state.Feeds[s.URL] = fs
	}
	return p, nil
}

// Run polls the feeds as they fall due until ctx is done, then returns nil.
func (p *Poller) Run(ctx context.Context) error {
	p.opts.Logger.Info("polling feeds", "feeds", len(p.sources))
	for {
		next, ok := p.PollDue(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if !ok {
			<-ctx.Done()
			return nil
		}
		select {
		case <-ctx.Done():
			return nil
		case <-p.opts.Clock.After(next.Sub(p.opts.Clock.Now())):
		}
	}
}

// PollDue polls every feed whose next poll is due (all of them at first), Options.Concurrency
// at a time so that a slow host holds up only its own feed, and returns the time the next one
// falls due; ok is false when there are no feeds.
func (p *Poller) PollDue(ctx context.Context) (next time.Time, ok bool) {
	sem := make(chan struct{}, p.opts.Concurrency)
	var wg sync.WaitGroup
	for _, s := range p.sources {
		p.mu.Lock()
		due := !p.opts.Clock.Now().Before(p.state.Feeds[s.URL].NextPoll)
		p.mu.Unlock()
		if !due {
			continue
		}
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
		wg.Go(func() {
			defer func() { <-sem }()
			p.poll(ctx, s)
		})
	}
	wg.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, s := range p.sources {
		if t := p.state.Feeds[s.URL].NextPoll; !ok || t.Before(next) {
			next, ok = t, true
		}
	}
	return next, ok
}

// Status returns the state of every feed, in configuration order.
func (p *Poller) Status() []Status {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]Status, 0, len(p.sources))
	for _, s := range p.sources {
		fs := p.state.Feeds[s.URL]
		out = append(out, Status{
			URL: s.URL, Interval: s.Interval.String(),
			LastPoll: timePtr(fs.LastPoll), LastSuccess: timePtr(fs.LastSuccess), NextPoll: timePtr(fs.NextPoll),
			LastError: fs.LastError, Failures: fs.Failures, ItemsSeen: fs.ItemsSeen,
		})
	}
	return out
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// poll fetches one feed, indexes its new entries and records the outcome.
func (p *Poller) poll(ctx context.Context, s Source) {
	log := p.opts.Logger.With("feed", s.URL)
	p.mu.Lock()
	fs := *p.state.Feeds[s.URL]
	fs.Seen = slices.Clone(fs.Seen)
	p.mu.Unlock()

	start := p.opts.Clock.Now()
	n, retryAfter, err := p.fetchAndIndex(ctx, &fs, log)
	if ctx.Err() != nil {
		return // shutting down: not the feed's failure
	}
	outcome := PollOK
	switch {
	case errors.Is(err, errNotModified):
		outcome, err = PollNotModified, nil
	case err != nil:
		outcome = PollError
	}
	if p.opts.OnPoll != nil {
		p.opts.OnPoll(s.URL, outcome)
	}
	now := p.opts.Clock.Now()
	fs.LastPoll = start
	if err != nil {
		fs.Failures++
		fs.LastError = err.Error()
		delay := max(p.backoff(fs.Failures), retryAfter)
		fs.NextPoll = now.Add(delay)
		log.Warn("feed poll failed", "err", err, "failures", fs.Failures, "retry_in", delay.Round(time.Second))
	} else {
		fs.Failures = 0
		fs.LastError = ""
		fs.LastSuccess = now
		fs.NextPoll = start.Add(s.Interval)
		if n > 0 {
			log.Info("feed polled", "new", n, "took", now.Sub(start).Round(time.Millisecond))
		}
	}
	p.saveMu.Lock()
	defer p.saveMu.Unlock()
	p.mu.Lock()
	p.state.Feeds[s.URL] = &fs
	snapshot := p.snapshotLocked()
	p.mu.Unlock()
	if err := p.store.Save(snapshot); err != nil {
		log.Error("save feed state", "err", err)
	}
}

// snapshotLocked copies the state for saving. p.mu must be held.
func (p *Poller) snapshotLocked() State {
	st := State{Feeds: make(map[string]*FeedState, len(p.state.Feeds))}
	for k, v := range p.state.Feeds {
		c := *v
		st.Feeds[k] = &c
	}
	return st
}

// backoff is the delay after the n-th consecutive failure: RetryBase doubled n-1 times, capped
// at MaxBackoff, lengthened or shortened by up to Jitter.
func (p *Poller) backoff(n int) time.Duration {
	d := float64(p.opts.RetryBase) * math.Pow(2, float64(min(n-1, 30)))
	d = min(d, float64(p.opts.MaxBackoff))
	d *= 1 + Jitter*(2*p.opts.Rand()-1)
	return time.Duration(d)
}

// errStatus is a non-2xx answer.
type errStatus struct {
	url  string
	code int
}

func (e *errStatus) Error() string {
	return fmt.Sprintf("GET %s: %d %s", e.url, e.code, http.StatusText(e.code))
}

// fetchAndIndex does one poll of fs's feed: it returns the number of new entries and, for a
// 429 or 503 answer, how long the server asked us to wait.
func (p *Poller) fetchAndIndex(ctx context.Context, fs *FeedState, log *slog.Logger) (int, time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, fs.URL, nil)
	if err != nil {
		return 0, 0, fmt.Errorf("feed url: %w", err)
	}
	req.Header.Set("User-Agent", p.opts.UserAgent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
	if fs.ETag != "" {
		req.Header.Set("If-None-Match", fs.ETag)
	}
	if fs.LastModified != "" {
		req.Header.Set("If-Modified-Since", fs.LastModified)
	}
	resp, err := p.opts.Client.Do(req)
	if err != nil {
		return 0, 0, err
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return 0, 0, errNotModified
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable:
		return 0, retryAfter(resp.Header.Get("Retry-After"), p.opts.Clock.Now()), &errStatus{fs.URL, resp.StatusCode}
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return 0, 0, &errStatus{fs.URL, resp.StatusCode}
	}
	feed, err := ingest.ParseFeed(io.LimitReader(resp.Body, p.opts.MaxFeedBytes), p.opts.Ingest)
	if err != nil {
		return 0, 0, fmt.Errorf("%s: %w", fs.URL, err)
	}
	n, err := p.indexNew(ctx, fs, feed, log)
	if err != nil {
		return 0, 0, err
	}
	// Keep the validators only once the entries they cover are indexed.
	fs.ETag = resp.Header.Get("ETag")
	fs.LastModified = resp.Header.Get("Last-Modified")
	return n, 0, nil
}

// retryAfter parses a Retry-After header: seconds or an HTTP date; 0 when absent or invalid.
func retryAfter(h string, now time.Time) time.Duration {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0
	}
	if s, err := strconv.Atoi(h); err == nil && s > 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// indexNew reads the pages of the feed's unseen entries, indexes them in one batch and marks
// them seen. An entry that cannot be read at all is logged and marked seen, so that it is not
// retried forever.
func (p *Poller) indexNew(ctx context.Context, fs *FeedState, feed *ingest.Feed, log *slog.Logger) (int, error) {
	seen := make(map[string]bool, len(fs.Seen))
	for _, k := range fs.Seen {
		seen[k] = true
	}
	var arts []news.Article
	var keys []string
	for _, it := range feed.Items {
		if it.Key == "" || seen[it.Key] {
			continue
		}
		seen[it.Key] = true
		keys = append(keys, it.Key)
		if it.Err != nil {
			log.Warn("skipped feed entry", "entry", it.Key, "err", it.Err)
			continue
		}
		a, err := p.article(ctx, it)
		if err != nil {
			if ctx.Err() != nil {
				return 0, ctx.Err()
			}
			log.Info("article page unavailable, using the feed's text", "url", it.Link, "err", err)
		}
		arts = append(arts, a)
	}
	if len(arts) > 0 {
		stats, err := p.ix.AddArticles(ctx, arts)
		if err != nil {
			return 0, fmt.Errorf("index %d entries: %w", len(arts), err)
		}
		if stats.Failed > 0 {
			log.Warn("some entries could not be indexed", "failed", stats.Failed)
		}
	}
	fs.Seen = append(fs.Seen, keys...)
	if len(fs.Seen) > maxSeen {
		fs.Seen = fs.Seen[len(fs.Seen)-maxSeen:]
	}
	fs.ItemsSeen += len(keys)
	return len(arts), nil
}

// article returns the entry's article: its page as readability extracts it, completed with what
// the feed says, or the feed's own version (with the error) when the page fails or holds less
// text than the feed.
func (p *Poller) article(ctx context.Context, it ingest.FeedItem) (news.Article, error) {
	fromFeed := it.Article
	if it.Link == "" {
		return fromFeed, nil
	}
	page, err := p.fetchPage(ctx, it.Link)
	if err != nil {
		return fromFeed, err
	}
	if len(page.Body) < len(fromFeed.Body) {
		return fromFeed, fmt.Errorf("page text (%d bytes) shorter than the feed's (%d bytes)", len(page.Body), len(fromFeed.Body))
	}
	if page.Title == "" {
		page.Title = fromFeed.Title
	}
	if page.Date.IsZero() {
		page.Date = fromFeed.Date
	}
	if len(page.Authors) == 0 {
		page.Authors = fromFeed.Authors
	}
	if page.Source == "" {
		page.Source = fromFeed.Source
	}
	for k, v := range fromFeed.Meta {
		if _, ok := page.Meta[k]; !ok {
			if page.Meta == nil {
				page.Meta = map[string]string{}
			}
			page.Meta[k] = v
		}
	}
	return page, nil
}

// fetchPage GETs an entry's page and extracts its article.
func (p *Poller) fetchPage(ctx context.Context, link string) (news.Article, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, link, nil)
	if err != nil {
		return news.Article{}, err
	}
	req.Header.Set("User-Agent", p.opts.UserAgent)
	req.Header.Set("Accept", "text/html, application/xhtml+xml;q=0.9")
	resp, err := p.opts.Client.Do(req)
	if err != nil {
		return news.Article{}, err
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return news.Article{}, &errStatus{link, resp.StatusCode}
	}
	if ct := resp.Header.Get("Content-Type"); ct != "" && !strings.Contains(ct, "html") {
		return news.Article{}, fmt.Errorf("GET %s: content type %q, want HTML", link, ct)
	}
	return ingest.ParseHTML(io.LimitReader(resp.Body, p.opts.MaxPageBytes), resp.Request.URL.String(), p.opts.Ingest)
}
