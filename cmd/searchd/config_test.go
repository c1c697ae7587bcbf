package main

import (
	"math"
	"os"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func newFlags(t *testing.T, args ...string) *pflag.FlagSet {
	t.Helper()
	fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
	addConfigFlags(fs)
	fs.String("addr", "", "")
	fs.String("api-key", "", "")
	if err := fs.Parse(args); err != nil {
		t.Fatalf("parse %v: %v", args, err)
	}
	return fs
}

// TestConfigYAMLMatchesDefaults keeps the documented config.yaml and the built-in defaults equal,
// so that running without the file behaves as the file says.
func TestConfigYAMLMatchesDefaults(t *testing.T) {
	yamlPath := repoFile(t, "config.yaml")
	t.Chdir(t.TempDir()) // no config.yaml here
	builtin, err := loadConfig(newFlags(t), env(nil))
	if err != nil {
		t.Fatalf("defaults: %v", err)
	}
	file, err := loadConfig(newFlags(t, "--config", yamlPath), env(nil))
	if err != nil {
		t.Fatalf("config.yaml: %v", err)
	}
	if !reflect.DeepEqual(builtin, file) {
		t.Errorf("config.yaml differs from defaults:\n got %+v\nwant %+v", file, builtin)
	}
	if builtin.HTTP.Addr != "127.0.0.1:8080" || builtin.Index.Path != "data/index" || builtin.HTTP.ReadHeaderTimeout != 5*time.Second {
		t.Errorf("unexpected defaults: %+v", builtin)
	}
}

func TestConfigPrecedence(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	yaml := "index:\n  path: from-file\nhttp:\n  addr: \":1111\"\napi_key: file-key\n"
	if err := os.WriteFile(filepath.Join(dir, "config.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name            string
		args            []string
		env             map[string]string
		path, addr, key string
	}{
		{"file", nil, nil, "from-file", ":1111", "file-key"},
		{"env over file", nil, map[string]string{"SEARCHD_INDEX_PATH": "from-env", "SEARCHD_API_KEY": "env-key"}, "from-env", ":1111", "env-key"},
		{"flag over env", []string{"--index", "from-flag", "--addr", ":2222"}, map[string]string{"SEARCHD_INDEX_PATH": "from-env", "SEARCHD_HTTP_ADDR": ":3333"}, "from-flag", ":2222", "file-key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := loadConfig(newFlags(t, tt.args...), env(tt.env))
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Index.Path != tt.path || cfg.HTTP.Addr != tt.addr || cfg.APIKey != tt.key {
				t.Errorf("got path=%q addr=%q key=%q, want %q %q %q", cfg.Index.Path, cfg.HTTP.Addr, cfg.APIKey, tt.path, tt.addr, tt.key)
			}
		})
	}
}

func TestConfigErrors(t *testing.T) {
	t.Chdir(t.TempDir())
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"missing file", []string{"--config", "nope.yaml"}, nil, "read config"},
		{"bad level", []string{"--log-level", "loud"}, nil, "log.level must be"},
		{"bad format", nil, map[string]string{"SEARCHD_LOG_FORMAT": "xml"}, "log.format must be text or json"},
		{"bad batch", nil, map[string]string{"SEARCHD_INDEX_BATCH_SIZE": "0"}, "index.batch_size must be at least 1"},
		{"bad duration", nil, map[string]string{"SEARCHD_HTTP_READ_TIMEOUT": "soon"}, "config"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadConfig(newFlags(t, tt.args...), env(tt.env))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestConfigSearchCache(t *testing.T) {
	t.Chdir(t.TempDir())
	tests := []struct {
		env  string
		want int
	}{{"", 0}, {"-1", -1}, {"1000", 1000}}
	for _, tt := range tests {
		t.Run(tt.env, func(t *testing.T) {
			e := map[string]string{}
			if tt.env != "" {
				e["SEARCHD_INDEX_SEARCH_CACHE"] = tt.env
			}
			cfg, err := loadConfig(newFlags(t), env(e))
			if err != nil {
				t.Fatal(err)
			}
			if got := cfg.Index.SearchCache; got != tt.want {
				t.Errorf("got index.search_cache %d, want %d", got, tt.want)
			}
		})
	}
}

// repoFile returns the path of a file at the repository root.
func repoFile(t *testing.T, name string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "..", name))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestConfigFeeds(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	yaml := "feeds:\n  interval: 20m\n  list:\n    - https://a.example/rss\n    - url: https://b.example/atom\n      interval: 1h\nwatch:\n  dir: inbox\n"
	if err := os.WriteFile(filepath.Join(dir, "config.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := loadConfig(newFlags(t), env(nil))
	if err != nil {
		t.Fatal(err)
	}
	want := []FeedSource{{URL: "https://a.example/rss"}, {URL: "https://b.example/atom", Interval: time.Hour}}
	if !reflect.DeepEqual(cfg.Feeds.List, want) || cfg.Feeds.Interval != 20*time.Minute || cfg.Watch.Dir != "inbox" || cfg.Watch.Debounce != 500*time.Millisecond {
		t.Errorf("got feeds %+v watch %+v, want list %+v, interval 20m, dir inbox, debounce 500ms", cfg.Feeds, cfg.Watch, want)
	}
	if got, want := cfg.statePath(), "data/index.feeds.json"; got != want {
		t.Errorf("state path: got %q, want %q", got, want)
	}
	cfg, err = loadConfig(newFlags(t), env(map[string]string{"SEARCHD_FEEDS_LIST": "https://c.example/rss, https://d.example/feed.xml"}))
	if err != nil {
		t.Fatal(err)
	}
	want = []FeedSource{{URL: "https://c.example/rss"}, {URL: "https://d.example/feed.xml"}}
	if !reflect.DeepEqual(cfg.Feeds.List, want) {
		t.Errorf("from env: got %+v, want %+v", cfg.Feeds.List, want)
	}
	for _, bad := range []map[string]string{{"SEARCHD_FEEDS_LIST": "ftp://x/rss"}, {"SEARCHD_FEEDS_INTERVAL": "0s"}, {"SEARCHD_WATCH_DEBOUNCE": "-1s"}} {
		if _, err := loadConfig(newFlags(t), env(bad)); err == nil {
			t.Errorf("env %v: got nil error, want one", bad)
		}
	}
}

// TestApplyRuntime: runtime.gc_percent and runtime.memory_limit_mb set the collector, unless
// GOGC or GOMEMLIMIT are in the environment.
func TestApplyRuntime(t *testing.T) {
	prevGC := debug.SetGCPercent(100)
	prevLimit := debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() {
		debug.SetGCPercent(prevGC)
		debug.SetMemoryLimit(prevLimit)
	})
	rc := RuntimeConfig{GCPercent: 250, MemoryLimitMB: 300}
	for _, tc := range []struct {
		name  string
		env   map[string]string
		gc    int
		limit int64
	}{
		{"config", nil, 250, 300 << 20},
		{"GOGC and GOMEMLIMIT win", map[string]string{"GOGC": "50", "GOMEMLIMIT": "1GiB"}, 100, math.MaxInt64},
	} {
		t.Run(tc.name, func(t *testing.T) {
			debug.SetGCPercent(100)
			debug.SetMemoryLimit(math.MaxInt64)
			applyRuntime(rc, func(k string) string { return tc.env[k] })
			if got := debug.SetGCPercent(100); got != tc.gc {
				t.Errorf("GC percent: got %d, want %d", got, tc.gc)
			}
			if got := debug.SetMemoryLimit(-1); got != tc.limit {
				t.Errorf("memory limit: got %d, want %d", got, tc.limit)
			}
		})
	}
}
