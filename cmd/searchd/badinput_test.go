package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// gzipped returns data gzipped.
func gzipped(t *testing.T, data string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := io.WriteString(zw, data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestBadInputFiles is the bad-input table for `searchd index`: each row is a real file and the
// exact line the user sees on stderr ("" for none). All files go to one run, as a user would
// pass a directory, and the good records among the bad ones are indexed.
func TestBadInputFiles(t *testing.T) {
	dir := t.TempDir()
	var lines []string
	for i := range 300 {
		lines = append(lines, fmt.Sprintf(`{"id":"gz-%d","title":"Tide table %d","body":"The harbour office published tide table number %d."}`, i, i, i))
	}
	full := gzipped(t, strings.Join(lines, "\n")+"\n")
	big := `{"id":"big","title":"An endless article","body":"` + strings.Repeat("tide ", 10<<20) + `"}` + "\n" // 50 MB
	bin, err := os.ReadFile(os.Args[0])                                                                        // the test binary: real binary content
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, file string
		data       []byte
		want       string // the line reported on stderr, after the directory; "" for none
	}{
		{"invalid UTF-8", "latin1.jsonl", []byte("{\"id\":\"u1\",\"title\":\"Caf\xe9 reopens\",\"body\":\"It reopened.\"}\n"),
			`latin1.jsonl:1: field "title": invalid UTF-8`},
		{"binary file named .txt", "photo.txt", bin[:4096], "photo.txt: binary content, not a text article (NUL byte)"},
		{"empty .txt", "empty.txt", []byte{}, "empty.txt: record has neither title nor body: empty file"},
		{"empty .csv", "empty.csv", []byte{}, "empty.csv: empty file, want a header row"},
		{"empty .jsonl: zero records, no error", "empty.jsonl", []byte{}, ""},
		{"truncated .gz", "cut.jsonl.gz", full[:len(full)/2], "cut.jsonl.gz:"}, // the line depends on where the cut falls
		{"JSON with wrong types", "types.json", []byte(`[{"id":"w1","title":["a","list"],"body":"Text."},{"id":"w3","title":"Good","body":"Fine text."}]`),
			`types.json:1: element 1: field "title": got array, want a string`},
		{"CSV with a missing column", "cols.csv", []byte("id,title,body\nc1,Only two\nc2,Three,cols,extra\nc3,Good,Fine body\n"),
			"cols.csv:2: wrong number of fields: got 2, want 3"},
		{"CSV with an extra column", "cols.csv", nil, "cols.csv:3: wrong number of fields: got 4, want 3"},
		{"CSV header without text columns", "nohead.csv", []byte("id,date\n1,2024-01-01\n"),
			"nohead.csv:1: header names no title or body column (want title, body, text or content)"},
		{"50 MB article over the default 10 MB limit", "big.jsonl", []byte(big), "big.jsonl:1: article too large"},
		{"duplicate ids: the later wins, counted in the summary", "dup.jsonl", []byte(`{"id":"d1","title":"First","body":"one"}` + "\n" + `{"id":"d1","title":"Second","body":"two"}` + "\n"), ""},
		{"unsupported extension, named explicitly", "notes.docx", []byte("PK"), "notes.docx: unsupported file type (want .txt, .json, .jsonl, .ndjson, .csv, .html, .htm, .rss, .atom or .xml, optionally .gz)"},
	}
	var paths []string
	for _, tt := range tests {
		if tt.data == nil {
			continue // another row about the file of the row before
		}
		path := filepath.Join(dir, tt.file)
		paths = append(paths, path)
		if err := os.WriteFile(path, tt.data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := indexOutput(t, nil, paths...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.want != "" && !strings.Contains(out, string(filepath.Separator)+tt.want) {
				t.Errorf("got stderr:\n%s\nwant a line ending in %q", out, tt.want)
			}
			if tt.want == "" && strings.Contains(out, string(filepath.Separator)+tt.file+":") {
				t.Errorf("got stderr:\n%s\nwant no error for %s", out, tt.file)
			}
		})
	}
	if !strings.Contains(out, "duplicates 1,") || !strings.Contains(out, "  skipped 2: wrong number of fields") {
		t.Errorf("got summary:\n%s\nwant duplicates 1 and 2 rows with the wrong number of fields", out)
	}

	// The limit is configurable: a 2 KB article over a 1 KB limit.
	long := filepath.Join(dir, "long.jsonl")
	if err := os.WriteFile(long, []byte(`{"id":"l1","title":"Long","body":"`+strings.Repeat("word ", 400)+`"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := indexOutput(t, map[string]string{"SEARCHD_INGEST_MAX_ARTICLE_BYTES": "1024"}, long); !strings.Contains(out, "/long.jsonl:1: article too large") {
		t.Errorf("with ingest.max_article_bytes 1024: got stderr:\n%s\nwant long.jsonl:1: article too large", out)
	}
}

// indexOutput runs `searchd index` on paths into a new index and returns its stderr.
func indexOutput(t *testing.T, env map[string]string, paths ...string) string {
	t.Helper()
	var stderr syncBuffer
	args := append([]string{"index", "--quiet", "--index", filepath.Join(t.TempDir(), "idx")}, paths...)
	_ = run(context.Background(), args, nil, &bytes.Buffer{}, &stderr, func(k string) string { return env[k] })
	return stderr.String()
}

// TestBadInputRequests is the bad-input table for the HTTP API, against a real server over the
// sample corpus: each row is a request and the exact status and error a user sees. The server
// stays healthy after all of them.
func TestBadInputRequests(t *testing.T) {
	t.Chdir(t.TempDir())
	const key = "bad-input-key"
	base := startServer(t, map[string]string{"SEARCHD_API_KEY": key, "SEARCHD_HTTP_MAX_BODY_BYTES": "4096", "SEARCHD_INDEX_MAX_EXPANSION": "50"}, "--index", "idx")
	id := "desk/2025/ä ö 東京" // slashes, spaces and non-Latin letters
	escaped := "desk/2025/" + url.PathEscape("ä ö 東京")
	tests := []struct {
		name, method, path, body string
		want                     int
		wantBody                 string
	}{
		{"invalid UTF-8 in a POST", "POST", "/api/articles", "{\"id\":\"u1\",\"title\":\"Caf\xe9\",\"body\":\"x\"}", 400, `"errors":["request:1: field \"title\": invalid UTF-8"]`},
		{"JSON with wrong types", "POST", "/api/articles", `{"id":7,"title":["a"],"body":"b"}`, 400, `request:1: field \"title\": got array, want a string`},
		{"not JSON at all", "POST", "/api/articles", "title=hello", 400, `"error":"no valid article in the request`},
		{"over-large body", "POST", "/api/articles", `{"title":"Big","body":"` + strings.Repeat("x", 5000) + `"}`, 413, `"error":"request body is larger than 4096 bytes: send at most 4096 bytes, or split the articles over several requests"`},
		{"id with slashes, spaces, non-Latin: add", "POST", "/api/articles", `{"id":"` + id + `","title":"Tokyo desk note","body":"TOKYO — A note from the desk."}`, 200, `"indexed":1`},
		{"... get it, escaped", "GET", "/api/articles/" + escaped, "", 200, `"id":"desk/2025/ä ö 東京"`},
		{"... get it, all escaped", "GET", "/api/articles/" + url.PathEscape(id), "", 200, `"title":"Tokyo desk note"`},
		{"... delete it", "DELETE", "/api/articles/" + escaped, "", 204, ""},
		{"... gone", "GET", "/api/articles/" + escaped, "", 404, `"error":"no article has the id \"desk/2025/ä ö 東京\""`},
		{"... delete again", "DELETE", "/api/articles/" + escaped, "", 404, `no article has the id`},
		{"bad cursor", "GET", "/api/search?after=zzz", "", 400, `"error":"bad query: after: malformed cursor (pass the next value of the previous page with the same sort)"`},
		{"size out of range", "GET", "/api/search?size=1000", "", 400, `"error":"size \"1000\" is not accepted: use a whole number from 1 to 100"`},
		{"unknown sort", "GET", "/api/search?sort=best", "", 400, `"error":"sort \"best\" is not accepted: use relevance, date (oldest first) or -date (newest first)"`},
		{"query syntax error", "GET", "/api/search?q=" + url.QueryEscape(`speaker:"Tomás`), "", 400, `"error":"bad query: cannot parse \"speaker:\\\"Tomás\": unterminated quote (syntax: words, \"phrases\", -exclude, field:value`},
		{"unknown field", "GET", "/api/search?q=colour:red", "", 400, `"error":"bad query: unknown field \"colour\" (fields: title, body, speaker, location, source, places, country, date)"`},
		{"wildcard that explodes", "GET", "/api/search?q=*", "", 400, `"error":"bad query: \"*\" matches too many words in the index (more than 50): make wildcard, regexp and fuzzy terms more specific, such as ceasef* rather than c*"`},
		{"regexp that explodes", "GET", "/api/search?q=" + url.QueryEscape("/.*.*.*/"), "", 400, `matches too many words in the index (more than 50)`},
		{"prefix that explodes", "GET", "/api/search?q=s*", "", 400, `matches too many words in the index (more than 50)`},
		{"regexp Bleve cannot run (a fuzz crasher)", "GET", "/api/search?q=" + url.QueryEscape("/aa$0000/"), "", 400, `"error":"bad query: bad regular expression /aa$0000/: zero width assertions not allowed (regexps match whole words: no ^, $ or \\b)"`},
		{"since before Bleve's dates (a fuzz crasher): no bound", "GET", "/api/search?since=0000-01-01&until=9999-12-31", "", 200, `"total":36`},
		{"fuzziness over the maximum", "GET", "/api/search?q=ferry~5", "", 400, `"error":"bad query: \"ferry~5\": fuzziness can be at most 2, as in word~2"`},
		{"a narrow wildcard still runs", "GET", "/api/search?q=wildf*", "", 200, `"total":`},
		{"server still healthy", "GET", "/healthz", "", 200, `"status":"ok"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(tt.method, base+tt.path, strings.NewReader(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Authorization", "Bearer "+key)
			if tt.body != "" {
				req.Header.Set("Content-Type", "application/json")
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.want || !strings.Contains(string(b), tt.wantBody) {
				t.Errorf("%s %s: got %d %s, want %d with %s", tt.method, tt.path, resp.StatusCode, b, tt.want, tt.wantBody)
			}
		})
	}
}
