package main

import (
	"bytes"
	"context"
	"regexp"
	"testing"
	"time"
)

// TestSoakShort runs the soak command for two seconds against a real server: it must end
// without 5xx or lost writes and report the article count check. The long run is a command
// (see the README), not part of the tests.
func TestSoakShort(t *testing.T) {
	t.Chdir(t.TempDir())
	base := startServer(t, map[string]string{"SEARCHD_API_KEY": "soak-key"}, "--index", "idx")
	var out bytes.Buffer
	o := soakOptions{base: base, apiKey: "soak-key", duration: 2 * time.Second, clients: 4, writeRatio: 0.3, every: time.Second}
	if err := soak(context.Background(), o, &out); err != nil {
		t.Fatalf("soak: %v\n%s", err, out.String())
	}
	m := regexp.MustCompile(`done: (\d+) searches, (\d+) writes acknowledged, \d+ 4xx, 0 5xx`).FindStringSubmatch(out.String())
	if m == nil || m[1] == "0" || m[2] == "0" {
		t.Errorf("got report:\n%s\nwant searches and acknowledged writes, and 0 5xx", out.String())
	}
	if !regexp.MustCompile(`found; 0 acknowledged ids not readable`).MatchString(out.String()) {
		t.Errorf("got report:\n%s\nwant 0 acknowledged ids not readable", out.String())
	}
}
