package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"testing"

	"github.com/searchd/searchd/internal/metrics/metricstest"
)

// TestServeMetrics runs the real server, writes and searches through the API, scrapes /metrics
// and parses it with the Prometheus text parser: ingest outcomes come from the index's observer,
// the document gauge from the index, and the index's own log lines carry the request id.
func TestServeMetrics(t *testing.T) {
	t.Chdir(t.TempDir())
	const key = "ops-test-key"
	base, logs := startServerLogs(t, map[string]string{"SEARCHD_API_KEY": key, "SEARCHD_INDEX_LOAD_SAMPLE": "false"}, "--index", "idx")

	body := `{"id":"ops-1","title":"Quay reopens","body":"OSLO (AP) — The quay reopened, Mayor Lars Dahl said."}
{"id":"ops-2","title":"Ferry returns","body":"BERGEN (AP) — The ferry returned on Monday."}
{"id": 7}
`
	for i, rid := range []string{"e2e-first", "e2e-second"} {
		req, err := http.NewRequest(http.MethodPost, base+"/api/articles", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+key)
		req.Header.Set("Content-Type", "application/x-ndjson")
		req.Header.Set("X-Request-ID", rid)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK || res.Header.Get("X-Request-ID") != rid {
			t.Fatalf("POST %d: got %d with X-Request-ID %q, want 200 with %q", i, res.StatusCode, res.Header.Get("X-Request-ID"), rid)
		}
	}
	for _, q := range []string{"q=quay", "q=colour%3Ablue"} {
		res, err := http.Get(base + "/api/search?" + q)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
	}

	res, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	text, _ := io.ReadAll(res.Body)
	res.Body.Close()
	fams, err := metricstest.Parse(bytes.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		labels map[string]string
		want   float64
	}{
		{"searchd_ingest_articles_total", map[string]string{"outcome": "indexed"}, 2},
		{"searchd_ingest_articles_total", map[string]string{"outcome": "unchanged"}, 2}, // the same body again rewrites nothing
		{"searchd_ingest_articles_total", map[string]string{"outcome": "skipped"}, 2},
		{"searchd_ingest_articles_total", map[string]string{"outcome": "duplicate"}, 0},
		{"searchd_ingest_articles_total", map[string]string{"outcome": "failed"}, 0},
		{"searchd_index_documents", map[string]string{}, 2},
		{"searchd_http_requests_total", map[string]string{"route": "/api/articles", "method": "POST", "status": "200"}, 2},
		{"searchd_http_requests_total", map[string]string{"route": "/api/search", "method": "GET", "status": "400"}, 1},
		{"searchd_search_duration_seconds", map[string]string{"endpoint": "search", "outcome": "ok"}, 1},
		{"searchd_search_duration_seconds", map[string]string{"endpoint": "search", "outcome": "bad_query"}, 1},
	}
	for _, tt := range tests {
		got, ok := metricstest.Value(fams, tt.name, tt.labels)
		switch {
		case !ok:
			t.Errorf("%s%v: no such series in\n%s", tt.name, tt.labels, text)
		case got != tt.want:
			t.Errorf("%s%v: got %v, want %v", tt.name, tt.labels, got, tt.want)
		}
	}
	for _, name := range []string{"go_goroutines", "process_resident_memory_bytes", "process_open_fds", "go_build_info"} {
		if fams[name] == nil {
			t.Errorf("no %s in /metrics", name)
		}
	}

	// The index logs its load with the request's id, through the request context.
	var found bool
	for line := range strings.Lines(logs.String()) {
		if strings.Contains(line, "msg=indexed") && strings.Contains(line, "request_id=e2e-second") {
			found = true
		}
	}
	if !found {
		t.Errorf("no index log line with request_id=e2e-second; log:\n%s", logs)
	}
}

func TestFormatVersion(t *testing.T) {
	goVer, platform := runtime.Version(), runtime.GOOS+"/"+runtime.GOARCH
	settings := func(kv ...string) []debug.BuildSetting {
		var s []debug.BuildSetting
		for i := 0; i+1 < len(kv); i += 2 {
			s = append(s, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return s
	}
	tests := []struct {
		name     string
		info     *debug.BuildInfo
		override string
		want     string
	}{
		{"no build info", nil, "", "(devel) " + goVer + " " + platform},
		{"go install", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.3"},
			Settings: settings("GOOS", "linux", "GOARCH", "arm64")}, "", "v1.2.3 go1.26.8 linux/arm64"},
		{"checkout", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.0.0-20250601100000-0123456789ab+dirty"},
			Settings: settings("vcs.revision", "0123456789abcdef0123", "vcs.time", "2025-06-01T10:00:00Z", "vcs.modified", "true", "GOOS", "linux", "GOARCH", "amd64")},
			"", "v0.0.0-20250601100000-0123456789ab+dirty commit 0123456789ab-modified 2025-06-01T10:00:00Z go1.26.8 linux/amd64"},
		{"ldflags override", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"},
			Settings: settings("vcs.revision", "0123456789abcdef0123", "GOOS", "linux", "GOARCH", "amd64")},
			"v2.0.0", "v2.0.0 commit 0123456789ab go1.26.8 linux/amd64"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := formatVersion(tt.info, tt.override); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestVersionCommand(t *testing.T) {
	var stdout bytes.Buffer
	if err := run(context.Background(), []string{"version"}, nil, &stdout, io.Discard, func(string) string { return "" }); err != nil {
		t.Fatal(err)
	}
	got := stdout.String()
	if !strings.HasPrefix(got, "searchd ") || !strings.Contains(got, runtime.Version()) {
		t.Errorf("got %q, want \"searchd <version> ... %s ...\"", got, runtime.Version())
	}
}

func TestTrustedProxiesConfig(t *testing.T) {
	t.Chdir(t.TempDir())
	tests := []struct {
		name string
		env  map[string]string
		want []string
	}{
		{"default", nil, []string{}},
		{"env list", map[string]string{"SEARCHD_HTTP_TRUSTED_PROXIES": "127.0.0.1/32,::1/128"}, []string{"127.0.0.1/32", "::1/128"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := loadConfig(newFlags(t), env(tt.env))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(cfg.HTTP.TrustedProxies, tt.want) {
				t.Errorf("got %q, want %q", cfg.HTTP.TrustedProxies, tt.want)
			}
		})
	}
	// A bad network stops the server at start-up.
	err := run(context.Background(), []string{"serve", "--addr", "127.0.0.1:0", "--index", "idx"}, nil, io.Discard, io.Discard,
		env(map[string]string{"SEARCHD_HTTP_TRUSTED_PROXIES": "localhost", "SEARCHD_INDEX_LOAD_SAMPLE": "false"}))
	if err == nil || !strings.Contains(err.Error(), "trusted proxy") {
		t.Errorf("serve with trusted proxy localhost: got %v, want an error about it", err)
	}
}
