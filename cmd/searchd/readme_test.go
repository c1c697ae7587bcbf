package main

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
)

// readmeGetRE finds the README's example requests: curl GETs of the quick-start server.
var readmeGetRE = regexp.MustCompile(`(?m)^curl '(http://localhost:8080(/[^']+))'`)

// TestReadmeExamplesAnswer sends every example GET of README.md to a server started as the
// quick start says (an empty index, filled with the bundled sample) and checks that each one
// answers something: a first run must not meet empty results.
func TestReadmeExamplesAnswer(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	examples := readmeGetRE.FindAllStringSubmatch(string(readme), -1)
	if len(examples) < 5 {
		t.Fatalf("found %d example requests in README.md, want at least 5 (did their form change?)", len(examples))
	}
	base := startServer(t, nil, "--index", t.TempDir()+"/idx")
	for _, ex := range examples {
		path := ex[2]
		t.Run(path, func(t *testing.T) {
			resp, err := http.Get(base + path)
			if err != nil {
				t.Fatalf("GET %s: %v", path, err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("GET %s: got status %d, want 200; body %.300s", path, resp.StatusCode, body)
			}
			if strings.HasPrefix(path, "/search.atom") {
				if !strings.Contains(string(body), "<entry") {
					t.Errorf("GET %s: got a feed without entries", path)
				}
				return
			}
			if n := answered(body); n == 0 {
				t.Errorf("GET %s: got an empty answer on the sample: %.300s", path, body)
			}
		})
	}
}

// answered returns how much a JSON answer holds: its total, or the length of its first
// non-empty list (speakers, related articles), or its article count (a speaker page).
func answered(body []byte) int {
	var v map[string]any
	if json.Unmarshal(body, &v) != nil {
		return 0
	}
	for _, k := range []string{"total", "articles"} {
		if n, ok := v[k].(float64); ok {
			return int(n)
		}
	}
	for _, k := range []string{"speakers", "story", "similar"} {
		if l, ok := v[k].([]any); ok && len(l) > 0 {
			return len(l)
		}
	}
	return 0
}
