package main

import (
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"strings"
	"time"

	"github.com/go-viper/mapstructure/v2"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"

	"github.com/searchd/searchd/internal/logctx"
)

// Config is searchd's configuration, loaded once from config.yaml, SEARCHD_* environment variables and
// flags, and passed down as plain values. Its defaults equal config.yaml's (a test checks this).
type Config struct {
	Index  IndexConfig  `mapstructure:"index"`
	HTTP   HTTPConfig   `mapstructure:"http"`
	APIKey string       `mapstructure:"api_key"`
	Ingest IngestConfig `mapstructure:"ingest"`
	Log    LogConfig    `mapstructure:"log"`
	Feeds  FeedsConfig  `mapstructure:"feeds"`
	Watch  WatchConfig  `mapstructure:"watch"`
	// Runtime tunes Go's garbage collector.
	Runtime RuntimeConfig `mapstructure:"runtime"`
	// Access control: keys may also come from files (see loadKeyFiles).
	APIKeyFile  string `mapstructure:"api_key_file"`
	ReadKey     string `mapstructure:"read_key"`
	ReadKeyFile string `mapstructure:"read_key_file"`
}

// FeedsConfig lists the RSS/Atom feeds `searchd serve` polls.
type FeedsConfig struct {
	Interval time.Duration `mapstructure:"interval"` // default interval of a feed
	Timeout  time.Duration `mapstructure:"timeout"`  // per HTTP request
	// AllowPrivate lets the poller fetch from non-public addresses (feeds.NewClient).
	AllowPrivate bool         `mapstructure:"allow_private"`
	State        string       `mapstructure:"state"` // state file; empty: <index.path>.feeds.json
	List         []FeedSource `mapstructure:"list"`
}

// FeedSource is one polled feed. In config.yaml an entry is {url, interval} or just the URL;
// SEARCHD_FEEDS_LIST takes comma-separated URLs.
type FeedSource struct {
	URL      string        `mapstructure:"url"`
	Interval time.Duration `mapstructure:"interval"` // 0: feeds.interval
}

// WatchConfig configures the folder `searchd serve --watch DIR` indexes.
type WatchConfig struct {
	Dir      string        `mapstructure:"dir"` // empty: no folder is watched
	Debounce time.Duration `mapstructure:"debounce"`
}

// statePath is where the feed poller keeps its state: feeds.state, else next to the index.
func (c Config) statePath() string {
	if c.Feeds.State != "" {
		return c.Feeds.State
	}
	return filepath.Clean(c.Index.Path) + ".feeds.json"
}

// IndexConfig configures the Bleve index.
type IndexConfig struct {
	Path       string `mapstructure:"path"`
	BatchSize  int    `mapstructure:"batch_size"`
	Workers    int    `mapstructure:"workers"`
	LoadSample bool   `mapstructure:"load_sample"`
	// MaxExpansion bounds the index terms one wildcard, regexp or fuzzy clause may match.
	MaxExpansion int `mapstructure:"max_expansion"`
	// MaxQueryTerms bounds the index terms one search reads in all its clauses together.
	MaxQueryTerms int `mapstructure:"max_query_terms"`
	// CostlySearches is how many search slots costly searches (index.Costly) may hold at once;
	// CostlyWait is how long one waits for a slot before a 503.
	CostlySearches int           `mapstructure:"costly_searches"`
	CostlyWait     time.Duration `mapstructure:"costly_wait"`
	// BackupDir is where POST /api/admin/backup writes copies; empty disables the endpoint.
	BackupDir string `mapstructure:"backup_dir"`
	// SearchCache is the number of search results kept for repeated queries (index.Options):
	// 0 takes index.DefaultSearchCache, a negative number turns the cache off.
	SearchCache int `mapstructure:"search_cache"`
	// NamesInterval is how often `searchd serve` resolves short speaker names across the
	// archive again after articles were written (index.ResolveNames); 0 turns it off.
	NamesInterval time.Duration `mapstructure:"names_interval"`
}

// HTTPConfig configures `searchd serve`.
type HTTPConfig struct {
	Addr              string        `mapstructure:"addr"`
	ReadHeaderTimeout time.Duration `mapstructure:"read_header_timeout"`
	ReadTimeout       time.Duration `mapstructure:"read_timeout"`
	WriteTimeout      time.Duration `mapstructure:"write_timeout"`
	IdleTimeout       time.Duration `mapstructure:"idle_timeout"`
	ShutdownTimeout   time.Duration `mapstructure:"shutdown_timeout"`
	MaxBodyBytes      int64         `mapstructure:"max_body_bytes"`
	SearchTimeout     time.Duration `mapstructure:"search_timeout"`
	TrustedProxies    []string      `mapstructure:"trusted_proxies"`
	// PublicURL is the server's address as users reach it, for absolute links (Atom feeds).
	PublicURL string `mapstructure:"public_url"`
	// Per-client search rate limit (0: off), burst, and whether loopback clients are limited.
	RateLimit         float64  `mapstructure:"rate_limit"`
	RateBurst         int      `mapstructure:"rate_burst"`
	RateLimitLoopback bool     `mapstructure:"rate_limit_loopback"`
	CORSOrigins       []string `mapstructure:"cors_origins"`
	// Pprof serves /debug/pprof/ to holders of the API key.
	Pprof bool `mapstructure:"pprof"`
}

// IngestConfig configures the input readers.
type IngestConfig struct {
	MaxArticleBytes int `mapstructure:"max_article_bytes"`
}

// RuntimeConfig tunes Go's garbage collector for serve and index. The GOGC and GOMEMLIMIT
// environment variables, when set, win.
type RuntimeConfig struct {
	// GCPercent is GOGC: the heap may grow by this percentage over the live heap before a
	// collection. 0 keeps Go's default (100).
	GCPercent int `mapstructure:"gc_percent"`
	// MemoryLimitMB is GOMEMLIMIT in MiB: a soft limit at which collections run sooner; 0: none.
	MemoryLimitMB int64 `mapstructure:"memory_limit_mb"`
}

// applyRuntime sets the collector's target and soft memory limit from rc, unless the
// environment sets them (the Go runtime has read GOGC and GOMEMLIMIT already).
func applyRuntime(rc RuntimeConfig, getenv func(string) string) {
	if rc.GCPercent > 0 && getenv("GOGC") == "" {
		debug.SetGCPercent(rc.GCPercent)
	}
	if rc.MemoryLimitMB > 0 && getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(rc.MemoryLimitMB << 20)
	}
}

// LogConfig configures the slog logger.
type LogConfig struct {
	Level  string `mapstructure:"level"`
	Format string `mapstructure:"format"`
}

// defaults mirrors config.yaml.
var defaults = map[string]any{
	"index.path":               "data/index",
	"index.batch_size":         1000,
	"index.workers":            0,
	"index.load_sample":        true,
	"http.addr":                "127.0.0.1:8080",
	"http.read_header_timeout": "5s",
	"http.read_timeout":        "30s",
	"http.write_timeout":       "60s",
	"http.idle_timeout":        "120s",
	"http.shutdown_timeout":    "15s",
	"http.max_body_bytes":      33554432,
	"http.search_timeout":      "10s",
	"http.trusted_proxies":     []string{},
	"http.public_url":          "",
	"api_key":                  "",
	"api_key_file":             "",
	"read_key":                 "",
	"read_key_file":            "",
	"index.max_expansion":      10000,
	"index.max_query_terms":    10000,
	"index.costly_searches":    1,
	"index.costly_wait":        "1s",
	"index.backup_dir":         "",
	"index.search_cache":       0,
	"index.names_interval":     "10m",
	"http.rate_limit":          0,
	"http.rate_burst":          20,
	"http.rate_limit_loopback": false,
	"http.cors_origins":        []string{},
	"http.pprof":               false,
	"ingest.max_article_bytes": 10485760,
	"log.level":                "info",
	"log.format":               "text",
	"feeds.interval":           "15m",
	"feeds.timeout":            "30s",
	"feeds.allow_private":      false,
	"feeds.state":              "",
	"feeds.list":               []any{},
	"watch.dir":                "",
	"watch.debounce":           "500ms",
	"runtime.gc_percent":       400,
	"runtime.memory_limit_mb":  640,
}

// flagKeys maps flag names to the config keys they override.
var flagKeys = map[string]string{
	"index":      "index.path",
	"addr":       "http.addr",
	"api-key":    "api_key",
	"log-level":  "log.level",
	"log-format": "log.format",
	"batch-size": "index.batch_size",
	"workers":    "index.workers",
	"watch":      "watch.dir",
}

// addConfigFlags declares the flags every subcommand shares.
func addConfigFlags(fs *pflag.FlagSet) {
	fs.String("config", "", "config file (default ./config.yaml when present; env SEARCHD_CONFIG)")
	fs.String("index", "", "index directory (index.path)")
	fs.String("log-level", "", "log level: debug, info, warn, error (log.level)")
	fs.String("log-format", "", "log format: text or json (log.format)")
}

// loadConfig reads the config file, environment and the flags that were set on fs.
// getenv is os.Getenv in production and a map lookup in tests.
func loadConfig(fs *pflag.FlagSet, getenv func(string) string) (Config, error) {
	v := viper.New()
	for k, val := range defaults {
		v.SetDefault(k, val)
	}
	v.SetConfigType("yaml")
	file, _ := fs.GetString("config")
	if file == "" {
		file = getenv("SEARCHD_CONFIG")
	}
	explicit := file != ""
	if !explicit {
		file = "config.yaml"
	}
	if f, err := os.Open(file); err == nil {
		err = v.ReadConfig(f)
		f.Close()
		if err != nil {
			return Config{}, fmt.Errorf("read config %s: %w", file, err)
		}
	} else if explicit {
		return Config{}, fmt.Errorf("read config: %w", err)
	}
	// Environment: SEARCHD_<KEY>, dots as underscores, read through getenv so tests stay hermetic.
	// Set here and then again for flags below, so that flags win over the environment.
	for k := range defaults {
		env := "SEARCHD_" + strings.ToUpper(strings.ReplaceAll(k, ".", "_"))
		if val := getenv(env); val != "" {
			v.Set(k, val)
		}
	}
	// Flags that were set win over everything; v.Set has viper's highest precedence.
	fs.Visit(func(f *pflag.Flag) {
		if key, ok := flagKeys[f.Name]; ok {
			v.Set(key, f.Value.String())
		}
	})
	var cfg Config
	hook := viper.DecodeHook(mapstructure.ComposeDecodeHookFunc(
		mapstructure.StringToTimeDurationHookFunc(),
		mapstructure.StringToSliceHookFunc(","),
		feedSourceHook,
	))
	if err := v.Unmarshal(&cfg, hook); err != nil {
		return Config{}, fmt.Errorf("config: %w", err)
	}
	if err := cfg.loadKeyFiles(); err != nil {
		return Config{}, err
	}
	return cfg, cfg.validate()
}

// feedSourceHook lets a feed be given as its URL alone, and a list of feeds as
// comma-separated URLs (SEARCHD_FEEDS_LIST).
func feedSourceHook(from, to reflect.Type, data any) (any, error) {
	if from.Kind() != reflect.String {
		return data, nil
	}
	switch to {
	case reflect.TypeFor[FeedSource]():
		return FeedSource{URL: strings.TrimSpace(data.(string))}, nil
	case reflect.TypeFor[[]FeedSource]():
		var out []FeedSource
		for _, u := range strings.Split(data.(string), ",") {
			if u = strings.TrimSpace(u); u != "" {
				out = append(out, FeedSource{URL: u})
			}
		}
		return out, nil
	}
	return data, nil
}

// loadKeyFiles reads api_key_file and read_key_file into APIKey and ReadKey. A key given both
// ways is an error, so that it is clear which one is in force.
func (c *Config) loadKeyFiles() error {
	for _, k := range []struct {
		name, file string
		key        *string
	}{{"api_key", c.APIKeyFile, &c.APIKey}, {"read_key", c.ReadKeyFile, &c.ReadKey}} {
		if k.file == "" {
			continue
		}
		if *k.key != "" {
			return fmt.Errorf("config: both %s and %s_file are set: use one", k.name, k.name)
		}
		b, err := os.ReadFile(k.file)
		if err != nil {
			return fmt.Errorf("config: %s_file: %w", k.name, err)
		}
		if *k.key = strings.TrimSpace(string(b)); *k.key == "" {
			return fmt.Errorf("config: %s_file %s is empty", k.name, k.file)
		}
	}
	return nil
}

func (c Config) validate() error {
	switch {
	case c.Index.Path == "":
		return fmt.Errorf("config: index.path is empty")
	case c.Index.BatchSize < 1:
		return fmt.Errorf("config: index.batch_size must be at least 1, got %d", c.Index.BatchSize)
	case c.Index.Workers < 0:
		return fmt.Errorf("config: index.workers must be 0 (one per CPU) or more, got %d", c.Index.Workers)
	case c.Index.NamesInterval < 0:
		return fmt.Errorf("config: index.names_interval must be 0 (off) or positive, got %s", c.Index.NamesInterval)
	case c.HTTP.MaxBodyBytes < 1:
		return fmt.Errorf("config: http.max_body_bytes must be positive, got %d", c.HTTP.MaxBodyBytes)
	case c.HTTP.RateLimit < 0 || c.HTTP.RateBurst < 1:
		return fmt.Errorf("config: http.rate_limit must be 0 (off) or more and http.rate_burst at least 1, got %g and %d", c.HTTP.RateLimit, c.HTTP.RateBurst)
	case c.ReadKey != "" && c.ReadKey == c.APIKey:
		return fmt.Errorf("config: read_key equals api_key: readers would be able to write; choose another read_key")
	case c.Log.Format != "text" && c.Log.Format != "json":
		return fmt.Errorf("config: log.format must be text or json, got %q", c.Log.Format)
	}
	if _, err := parseLevel(c.Log.Level); err != nil {
		return err
	}
	return c.validateFeeds()
}

func (c Config) validateFeeds() error {
	switch {
	case c.Feeds.Interval <= 0:
		return fmt.Errorf("config: feeds.interval must be positive, got %s", c.Feeds.Interval)
	case c.Feeds.Timeout <= 0:
		return fmt.Errorf("config: feeds.timeout must be positive, got %s", c.Feeds.Timeout)
	case c.Watch.Debounce <= 0:
		return fmt.Errorf("config: watch.debounce must be positive, got %s", c.Watch.Debounce)
	}
	for i, f := range c.Feeds.List {
		u, err := url.Parse(f.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("config: feeds.list[%d]: url must be an http or https URL, got %q", i, f.URL)
		}
		if f.Interval < 0 {
			return fmt.Errorf("config: feeds.list[%d]: interval must be positive, got %s", i, f.Interval)
		}
	}
	return nil
}

func parseLevel(s string) (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return 0, fmt.Errorf("config: log.level must be debug, info, warn or error, got %q", s)
	}
	return l, nil
}

// newLogger builds the slog logger described by cfg, writing to w. Lines logged with a context
// carry the context's logctx attributes, such as the request_id of an HTTP request.
func newLogger(cfg LogConfig, w interface{ Write([]byte) (int, error) }) *slog.Logger {
	level, _ := parseLevel(cfg.Level)
	opts := &slog.HandlerOptions{Level: level}
	if cfg.Format == "json" {
		return logctx.Wrap(slog.New(slog.NewJSONHandler(w, opts)))
	}
	return logctx.Wrap(slog.New(slog.NewTextHandler(w, opts)))
}
