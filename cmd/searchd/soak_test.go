package main

import (
	"bytes"
	"context"
	"regexp"
	"testing"
	"time"
)

// TestSoakShort runs the soak command for two seconds against a real server, with one client
// sending bombs: it must end without 5xx among the normal searches or lost writes, and report
// the article count check, the latency percentiles of the run and the answers to the bombs. The long run is a command
// (see the README), not part of the tests.
func TestSoakShort(t *testing.T) {
	t.Chdir(t.TempDir())
	base := startServer(t, map[string]string{"SEARCHD_API_KEY": "soak-key"}, "--index", "idx")
	var out bytes.Buffer
	o := soakOptions{base: base, apiKey: "soak-key", duration: 2 * time.Second, clients: 4, writeRatio: 0.3, every: time.Second, bombs: 1, phraseWords: 50}
	if err := soak(context.Background(), o, &out); err != nil {
		t.Fatalf("soak: %v\n%s", err, out.String())
	}
	m := regexp.MustCompile(`done: (\d+) searches, (\d+) writes acknowledged, \d+ 4xx, 0 5xx`).FindStringSubmatch(out.String())
	if m == nil || m[1] == "0" || m[2] == "0" {
		t.Errorf("got report:\n%s\nwant searches and acknowledged writes, and 0 5xx", out.String())
	}
	if !regexp.MustCompile(`searches: p50 \S+, p90 \S+, p99 \S+, max \S+ over the run`).MatchString(out.String()) {
		t.Errorf("got report:\n%s\nwant the percentiles of the normal searches over the run", out.String())
	}
	if m := regexp.MustCompile(`bombs: (\d+) sent \(status: [^)]*\)`).FindStringSubmatch(out.String()); m == nil || m[1] == "0" {
		t.Errorf("got report:\n%s\nwant the bombs sent and their answers", out.String())
	}
	if !regexp.MustCompile(`found; 0 acknowledged ids not readable`).MatchString(out.String()) {
		t.Errorf("got report:\n%s\nwant 0 acknowledged ids not readable", out.String())
	}
}
