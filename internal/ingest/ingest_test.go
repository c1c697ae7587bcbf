package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/searchd/searchd/internal/news"
)

// result is what a read produced: the articles and the error strings, in order.
type result struct {
	articles []news.Article
	errs     []string
}

// walk runs Walk and collects everything it reports.
func walk(t *testing.T, paths ...string) result {
	t.Helper()
	var r result
	err := Walk(context.Background(), paths, Options{},
		func(a news.Article) error { r.articles = append(r.articles, a); return nil },
		func(e *Error) { r.errs = append(r.errs, e.Error()) })
	if err != nil {
		t.Fatalf("Walk(%q): got error %v, want nil", paths, err)
	}
	return r
}

// decodeString runs Decode on s and collects everything it reports.
func decodeString(t testing.TB, s, name string, f Format, opts Options) result {
	t.Helper()
	var r result
	err := Decode(context.Background(), strings.NewReader(s), name, f, opts,
		func(a news.Article) error { r.articles = append(r.articles, a); return nil },
		func(e *Error) { r.errs = append(r.errs, e.Error()) })
	if err != nil {
		t.Fatalf("Decode(%s): got error %v, want nil", name, err)
	}
	return r
}

func date(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// checkResult compares articles (dates by instant) and error strings.
func checkResult(t *testing.T, got result, wantArticles []news.Article, wantErrs []string) {
	t.Helper()
	if len(got.articles) != len(wantArticles) {
		t.Errorf("got %d articles, want %d:\n%s", len(got.articles), len(wantArticles), dump(got.articles))
	}
	for i := 0; i < len(got.articles) && i < len(wantArticles); i++ {
		g, w := got.articles[i], wantArticles[i]
		if !g.Date.Equal(w.Date) {
			t.Errorf("article %d (%s): got date %v, want %v", i, g.ID, g.Date, w.Date)
		}
		g.Date, w.Date = time.Time{}, time.Time{}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("article %d:\ngot  %#v\nwant %#v", i, g, w)
		}
	}
	if !reflect.DeepEqual(got.errs, wantErrs) && !(len(got.errs) == 0 && len(wantErrs) == 0) {
		t.Errorf("got errors\n  %s\nwant\n  %s", strings.Join(got.errs, "\n  "), strings.Join(wantErrs, "\n  "))
	}
}

func dump(as []news.Article) string {
	var b strings.Builder
	for _, a := range as {
		fmt.Fprintf(&b, "  %#v\n", a)
	}
	return b.String()
}

func TestFormatOf(t *testing.T) {
	tests := []struct {
		name   string
		f      Format
		gz, ok bool
	}{
		{"a.txt", FormatTXT, false, true},
		{"dir/a.TXT.gz", FormatTXT, true, true},
		{"a.json", FormatJSON, false, true},
		{"a.json.gz", FormatJSON, true, true},
		{"a.jsonl", FormatJSONL, false, true},
		{"a.jsonl.gz", FormatJSONL, true, true},
		{"a.ndjson", FormatJSONL, false, true},
		{"a.csv.gz", FormatCSV, true, true},
		{"a.md", "", false, false},
		{"a.gz", "", false, false},
		{"jsonl", "", false, false},
		{"a.tar.gz", "", false, false},
	}
	for _, tt := range tests {
		f, gz, ok := FormatOf(tt.name)
		if f != tt.f || gz != tt.gz || ok != tt.ok {
			t.Errorf("FormatOf(%q): got (%q, %v, %v), want (%q, %v, %v)", tt.name, f, gz, ok, tt.f, tt.gz, tt.ok)
		}
	}
}

func jsonlWant(t *testing.T, name string) ([]news.Article, []string) {
	return []news.Article{
			{ID: "l1", Title: "Lighthouse keeper retires", Body: "After 31 years, the keeper hands over the lamp.", Date: date(t, "2023-11-20T00:00:00Z"), Source: "Coast Courier"},
			{ID: "l2", Title: "Bakery wins prize", Body: "The sourdough won first place.", Date: date(t, "2023-11-21T09:30:00Z"), Meta: map[string]string{"bias": "center", "rank": "3", "topic": "food"}},
			{ID: "l4", Title: "Bridge reopens", Body: "Traffic flows again over the old bridge.", Authors: []string{"Dana Wu"}},
			{ID: "world/Київ 7", Title: "Kyiv story", Body: "Ids keep slashes, spaces and Cyrillic."},
			{ID: ID(news.Article{URL: "https://example.com/a/b"}), Title: "No id, has url", Body: "Id comes from the URL.", URL: "HTTPS://Example.com/a/b/#top"},
		}, []string{
			name + ":3: invalid JSON: unexpected end of JSON input",
			name + `:6: field "authors": got object, want a list of strings or a string`,
			name + `:8: field "date": cannot parse "next Tuesday" as a date`,
			name + ":9: record is array, want an object",
		}
}

func TestWalkFixtures(t *testing.T) {
	jsonlArticles, jsonlErrs := jsonlWant(t, "testdata/articles.jsonl")
	_, gzErrs := jsonlWant(t, "testdata/articles.jsonl.gz")
	tests := []struct {
		file     string
		articles []news.Article
		errs     []string
	}{
		{
			file: "testdata/ap.txt",
			articles: []news.Article{{
				ID:    "ap",
				Title: "Harbor city council approves floating library after late-night vote",
				Body: "PORTSMOUTH, N.H. (AP) — The city council voted 6-3 early Tuesday to fund a floating library on a retired ferry, ending a debate that kept the chamber full past midnight." +
					"\n\n“We are putting books where the water is,” said council member Ruth Ellery, who proposed the plan last spring." +
					"\n\nOpponents said the $2.1 million price was too high\nfor a city that still has potholes.",
				Date:    date(t, "2024-06-04T01:42:00Z"),
				Source:  "Associated Press",
				Authors: []string{"Marta Quillfeather", "Dev Anand Okafor", "Lou Benning"},
				Meta:    map[string]string{"updated": "9:42 PM EDT, June 3, 2024"},
			}},
		},
		{
			file: "testdata/reuters.txt",
			articles: []news.Article{{
				ID:    "reuters",
				Title: "Fictional grain exporter halts shipments after port strike",
				Body: "ROTTERDAM (Reuters) - Korenhuis Trading, a grain exporter, halted shipments from the port on Wednesday after dock workers walked out over pay, the company said." +
					"\n\nThe strike, the second this year, could last into next week, a union spokesman said.",
				Date:    date(t, "2024-06-05T00:00:00Z"),
				Source:  "Reuters",
				Authors: []string{"Ilse Varga"},
				Meta:    map[string]string{"published": "June 5, 2024"},
			}},
		},
		{
			file: "testdata/object.json",
			articles: []news.Article{{
				ID:      "obj-1",
				Title:   "Town fair breaks attendance record",
				Body:    "MILLBROOK — More than 40,000 people visited the fair.\n\nOrganisers were delighted.",
				Date:    date(t, "2024-03-05T00:00:00Z"),
				Source:  "Millbrook Gazette",
				Authors: []string{"Ann Poe", "Bo Lin"},
				Meta:    map[string]string{"draft": "false", "extra": `{"a":1,"b":[true,null]}`, "score": "4.5", "tags": `["fair","local"]`},
			}},
		},
		{
			file: "testdata/array.json",
			articles: []news.Article{
				{ID: ID(news.Article{URL: "http://example.com/news/ferry"}), Title: "Ferry timetable changes", Body: "The ferry will run hourly.", URL: "https://www.example.com/news/ferry/?utm_source=x"},
				{ID: ID(news.Article{Body: "Only a body here."}), Body: "Only a body here.", Date: date(t, "2024-02-29T07:15:00Z"), Authors: []string{"Cy Dee", "Eve Fox"}},
			},
			errs: []string{
				`testdata/array.json:3: element 2: field "title": got number, want a string`,
				"testdata/array.json:8: element 3: record has neither title nor body",
			},
		},
		{file: "testdata/articles.jsonl", articles: jsonlArticles, errs: jsonlErrs},
		{file: "testdata/articles.jsonl.gz", articles: jsonlArticles, errs: gzErrs},
		{
			file: "testdata/articles.csv",
			articles: []news.Article{
				{ID: "c1", Title: "First csv story", Body: "Body one.", Date: date(t, "2024-01-02T00:00:00Z"), Source: "Daily Fiction", URL: "https://example.com/a", Authors: []string{"Ann Poe", "Bo Lin"}, Meta: map[string]string{"section": "metro"}},
				{ID: "c2", Title: "Second", Body: "Body two,\nwith a newline", Date: date(t, "2024-01-03T10:00:00Z"), Authors: []string{"Cy Dee"}},
				{ID: "c4", Title: "Fourth", Body: "Body four", Meta: map[string]string{"section": "sports"}},
			},
			errs: []string{"testdata/articles.csv:5: wrong number of fields: got 2, want 8"},
		},
		{
			file: "testdata/notes.md",
			errs: []string{"testdata/notes.md: " + ErrUnsupported.Error()},
		},
		{
			file: "testdata/no-such-file.jsonl",
			errs: []string{"testdata/no-such-file.jsonl: stat: no such file or directory"},
		},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			checkResult(t, walk(t, tt.file), tt.articles, tt.errs)
		})
	}
}

// TestTruncatedGzip reads a gzip file cut in half: every complete line before the cut is kept,
// and the error names the last good line.
func TestTruncatedGzip(t *testing.T) {
	got := walk(t, "testdata/truncated.jsonl.gz")
	const lastGood = 189 // the fixture is 400 filler lines whose gzip stream is cut at half its size
	if len(got.articles) != lastGood {
		t.Fatalf("got %d articles, want %d", len(got.articles), lastGood)
	}
	for i, a := range got.articles {
		if want := fmt.Sprintf("t%d", i+1); a.ID != want {
			t.Fatalf("article %d: got id %q, want %q", i, a.ID, want)
		}
	}
	want := []string{fmt.Sprintf("testdata/truncated.jsonl.gz:%d: input truncated: unexpected EOF", lastGood)}
	if !reflect.DeepEqual(got.errs, want) {
		t.Errorf("got errors %q, want %q", got.errs, want)
	}
	var e *Error
	err := Decode(context.Background(), mustOpen(t, "testdata/truncated.jsonl.gz"), "x", FormatJSONL, Options{},
		func(news.Article) error { return nil }, func(got *Error) { e = got })
	if err != nil || e == nil || !errors.Is(e, ErrTruncated) {
		t.Errorf("Decode: got (%v, %v), want nil and an Error wrapping ErrTruncated", err, e)
	}
}

func mustOpen(t *testing.T, path string) *os.File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestWalkDirectory(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"b/2.jsonl":          `{"id":"b2","title":"B2"}` + "\n",
		"b/1.txt":            "B1 title\n\nB1 body.\n",
		"a.json":             `{"id":"a","title":"A"}`,
		".hidden.jsonl":      `{"id":"hidden","title":"H"}`,
		".git/c.jsonl":       `{"id":"git","title":"G"}`,
		"readme.md":          "not read",
		"c/bad.json":         `{"id": 1.5e3, "title": "Numeric id"}`,
		"c/not-gzip.json.gz": `{"id":"ng","title":"NG"}`,
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got := walk(t, dir, filepath.Join(dir, "a.json"))
	var ids []string
	for _, a := range got.articles {
		ids = append(ids, a.ID)
	}
	if want := []string{"a", "1", "b2", "1.5e3", "a"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("got ids %q, want %q", ids, want)
	}
	wantErrs := []string{filepath.Join(dir, "c/not-gzip.json.gz") + ": not a gzip file (name ends in .gz)"}
	if !reflect.DeepEqual(got.errs, wantErrs) {
		t.Errorf("got errors %q, want %q", got.errs, wantErrs)
	}
}

func TestWalkStops(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	err := Walk(context.Background(), []string{"testdata/articles.jsonl", "testdata/ap.txt"}, Options{},
		func(news.Article) error { n++; return stop }, nil)
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("fn error: got (%v, %d articles), want (%v, 1)", err, n, stop)
	}
	ctx, cancel := context.WithCancel(context.Background())
	n = 0
	err = Walk(ctx, []string{"testdata/articles.jsonl", "testdata/ap.txt"}, Options{},
		func(news.Article) error { n++; cancel(); return nil }, nil)
	if !errors.Is(err, context.Canceled) || n != 1 {
		t.Errorf("cancel: got (%v, %d articles), want (%v, 1)", err, n, context.Canceled)
	}
}

func TestDecodeTXT(t *testing.T) {
	tests := []struct {
		name, in string
		want     []news.Article
		errs     []string
	}{
		{
			name: "by the time is body",
			in:   "Title here\n\nBy the time the rain stopped, the river had risen.\n",
			want: []news.Article{{ID: "x", Title: "Title here", Body: "By the time the rain stopped, the river had risen."}},
		},
		{
			name: "updated as body word",
			in:   "Title\nUpdated figures show a rise.\n",
			want: []news.Article{{ID: "x", Title: "Title", Body: "Updated figures show a rise."}},
		},
		{
			name: "crlf, posted date, generic ET zone, upper-case byline",
			in:   "\ufeffT\r\n\r\nPosted 10:05 a.m. ET Monday, Jan. 15, 2024\r\nBy ZEKE ROE, Associated Press\r\n\r\nNEW YORK (AP) — One.\r\n\r\n\r\nTwo.\r\n",
			want: []news.Article{{ID: "x", Title: "T", Body: "NEW YORK (AP) — One.\n\nTwo.", Date: date(t, "2024-01-15T15:05:00Z"), Source: "Associated Press", Authors: []string{"ZEKE ROE"}, Meta: map[string]string{"posted": "10:05 a.m. ET Monday, Jan. 15, 2024"}}},
		},
		{
			name: "posted before updated wins",
			in:   "T\nPosted May 1, 2025\nUpdated 3:14 PM EDT, May 19, 2025\nBody.",
			want: []news.Article{{ID: "x", Title: "T", Body: "Body.", Date: date(t, "2025-05-01T00:00:00Z"), Meta: map[string]string{"posted": "May 1, 2025", "updated": "3:14 PM EDT, May 19, 2025"}}},
		},
		{
			name: "title only",
			in:   "\n\n  Just a headline  \n",
			want: []news.Article{{ID: "x", Title: "Just a headline"}},
		},
		{name: "empty", in: " \n\n", errs: []string{"dir/x.txt: record has neither title nor body: empty file"}},
		{name: "binary", in: "PK\x03\x04\x00\x00\x08\x00", errs: []string{"dir/x.txt: binary content, not a text article (NUL byte)"}},
		{name: "invalid utf-8", in: "Title\n\nCaf\xe9 society.\n", errs: []string{"dir/x.txt:3: invalid UTF-8"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkResult(t, decodeString(t, tt.in, "dir/x.txt", FormatTXT, Options{}), tt.want, tt.errs)
		})
	}
}

func TestDecodeJSON(t *testing.T) {
	long := strings.Repeat("x", 100)
	tests := []struct {
		name, in string
		f        Format
		opts     Options
		want     []news.Article
		errs     []string
	}{
		{
			name: "concatenated objects and a non-object",
			in:   "{\"id\":\"a\",\"title\":\"A\"}\n\n  {\"id\":\"b\",\n\"title\":\"B\"}\n7\n{\"id\":\"c\",\"text\":\"C\"}",
			f:    FormatJSON,
			want: []news.Article{{ID: "a", Title: "A"}, {ID: "b", Title: "B"}, {ID: "c", Body: "C"}},
			errs: []string{"in:5: record is number, want an object"},
		},
		{
			name: "syntax error in an array stops the file",
			in:   "[\n{\"id\":\"a\",\"title\":\"A\"},\n\n{\"id\":\"b\" \"title\":\"B\"},\n{\"id\":\"c\",\"title\":\"C\"}]",
			f:    FormatJSON,
			want: []news.Article{{ID: "a", Title: "A"}},
			errs: []string{"in:4: invalid JSON: invalid character '\"' after object key:value pair; rest of file skipped"},
		},
		{
			name: "truncated array",
			in:   "[{\"id\":\"a\",\"title\":\"A\"},\n{\"id\":\"b\",\"ti",
			f:    FormatJSON,
			want: []news.Article{{ID: "a", Title: "A"}},
			errs: []string{"in:1: input truncated: unexpected EOF"},
		},
		{
			name: "data after the array",
			in:   "[{\"id\":\"a\",\"title\":\"A\"}]\n{}",
			f:    FormatJSON,
			want: []news.Article{{ID: "a", Title: "A"}},
			errs: []string{"in:2: unexpected data after the array"},
		},
		{name: "empty", in: " \n", f: FormatJSON, errs: []string{"in: empty file, want a JSON object or array"}},
		{
			name: "invalid utf-8 names the field",
			in:   "{\"id\":\"a\",\"title\":\"A\",\"body\":\"caf\xe9\"}\n{\"id\":\"b\",\"title\":\"B\"}",
			f:    FormatJSONL,
			want: []news.Article{{ID: "b", Title: "B"}},
			errs: []string{`in:1: field "body": invalid UTF-8`},
		},
		{
			name: "body over the limit",
			in:   `{"id":"a","body":"` + long + `"}` + "\n" + `{"id":"b","body":"short"}`,
			f:    FormatJSONL,
			opts: Options{MaxArticleBytes: 50},
			want: []news.Article{{ID: "b", Body: "short"}},
			errs: []string{"in:1: article too large: body is 100 bytes, limit 50"},
		},
		{
			name: "line over the raw limit is skipped without buffering",
			in:   `{"id":"a","body":"` + strings.Repeat(long, 1000) + `"}` + "\r\n" + `{"id":"b","body":"short"}` + "\r\n",
			f:    FormatJSONL,
			opts: Options{MaxArticleBytes: 10},
			want: []news.Article{{ID: "b", Body: "short"}},
			errs: []string{"in:1: article too large: line longer than 65576 bytes"},
		},
		{
			name: "value over the raw limit in a .json stops the file",
			in:   `[{"id":"a","body":"short"}, {"id":"b","body":"` + strings.Repeat(long, 2000) + `"}]`,
			f:    FormatJSON,
			opts: Options{MaxArticleBytes: 10},
			want: []news.Article{{ID: "a", Body: "short"}},
			errs: []string{"in:1: article too large: record exceeds the raw size limit"},
		},
		{
			name: "wrong types",
			in: `{"id":"a","title":["x"]}` + "\n" + `{"id":true,"title":"T"}` + "\n" + `{"id":"c","title":"T","authors":["A",3]}` + "\n" +
				`{"id":"d","title":"T","date":20240101}` + "\n" + `{"id":"e","Title":"Upper","BODY":"case-insensitive","Text":"to meta"}`,
			f:    FormatJSONL,
			want: []news.Article{{ID: "e", Title: "Upper", Body: "case-insensitive", Meta: map[string]string{"Text": "to meta"}}},
			errs: []string{
				`in:1: field "title": got array, want a string`,
				`in:2: field "id": got boolean, want a string`,
				`in:3: field "authors": item 1 is number, want a string`,
				`in:4: field "date": got number, want a string`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkResult(t, decodeString(t, tt.in, "in", tt.f, tt.opts), tt.want, tt.errs)
		})
	}
}

func TestDecodeCSV(t *testing.T) {
	tests := []struct {
		name, in string
		want     []news.Article
		errs     []string
	}{
		{
			name: "bad quote is skipped",
			in:   "\ufeffTITLE,text,,extra\nA,\"body a\",x,\nB,bo\"dy,y,\nC,body c,,\n",
			want: []news.Article{
				{ID: ID(news.Article{Title: "A", Body: "body a"}), Title: "A", Body: "body a", Meta: map[string]string{"column3": "x"}},
				{ID: ID(news.Article{Title: "C", Body: "body c"}), Title: "C", Body: "body c"},
			},
			errs: []string{`in:3: line 3, column 5: bare " in non-quoted-field`},
		},
		{name: "no text column", in: "id,url\n1,http://x\n", errs: []string{"in:1: header names no title or body column (want title, body, text or content)"}},
		{name: "empty", in: "", errs: []string{"in: empty file, want a header row"}},
		{
			name: "invalid utf-8 and bad date",
			in:   "title,date\n\"caf\xe9\",\nB,31/31/2024\n",
			errs: []string{`in:2: field "title": invalid UTF-8`, `in:3: field "date": cannot parse "31/31/2024" as a date`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkResult(t, decodeString(t, tt.in, "in", FormatCSV, Options{}), tt.want, tt.errs)
		})
	}
}

// TestDecodeSniffsGzip checks that Decode takes gzipped input without being told.
func TestDecodeSniffsGzip(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte("Gz title\n\nGz body.\n"))
	zw.Close()
	got := decodeString(t, buf.String(), "upload", FormatTXT, Options{})
	checkResult(t, got, []news.Article{{ID: "upload", Title: "Gz title", Body: "Gz body."}}, nil)
}

func TestID(t *testing.T) {
	byURL := ID(news.Article{URL: "https://example.com/story/1"})
	tests := []struct {
		name string
		a    news.Article
		want string
	}{
		{"given id trimmed", news.Article{ID: "  a/b c  ", URL: "https://x"}, "a/b c"},
		{"non-Latin id", news.Article{ID: "新闻/1"}, "新闻/1"},
		{"url variants agree", news.Article{URL: "http://WWW.Example.com:80/story/1/?utm_medium=rss#frag"}, byURL},
		{"url with query", news.Article{URL: "https://example.com/story?id=2&b=1"}, ID(news.Article{URL: "https://example.com/story?b=1&id=2"})},
		{"content hash ignores outer space", news.Article{Title: " T ", Body: "B\n"}, ID(news.Article{Title: "T", Body: "B"})},
	}
	for _, tt := range tests {
		if got := ID(tt.a); got != tt.want {
			t.Errorf("%s: ID(%+v): got %q, want %q", tt.name, tt.a, got, tt.want)
		}
	}
	if len(byURL) != 16 {
		t.Errorf("ID by URL: got %q, want 16 hex digits", byURL)
	}
	distinct := map[string]bool{
		byURL: true,
		ID(news.Article{URL: "https://example.com/story/2"}): true,
		ID(news.Article{URL: "https://example.org/story/1"}): true,
		ID(news.Article{Title: "T", Body: "B"}):              true,
		ID(news.Article{Title: "TB"}):                        true,
		ID(news.Article{Title: "T", Body: "B", Source: "S"}): true,
	}
	if len(distinct) != 5 { // source does not take part in the content hash
		t.Errorf("got %d distinct ids, want 5", len(distinct))
	}
}

// TestFieldLimits checks that every field of a record is bounded, in every format (a 6 MB title
// was accepted, and took 42 s and 745 MB to index), and that ids cannot hold dot segments or
// control characters (../../etc/passwd was accepted).
func TestFieldLimits(t *testing.T) {
	big := func(n int) string { return strings.Repeat("x", n) }
	jsonRecord := func(field, value string) string {
		return fmt.Sprintf(`{"title":"Ferry","body":"The ferry resumed.",%q:%q}`, field, value)
	}
	for _, tt := range []struct {
		name, input string
		f           Format
		want        string // in the error; empty: accepted
	}{
		{"title json", jsonRecord("title", big(MaxTitleBytes+1)), FormatJSON, "title is"},
		{"title ok", jsonRecord("title", big(MaxTitleBytes)), FormatJSON, ""},
		{"title 6MB", jsonRecord("title", big(6<<20)), FormatJSONL, "title is"},
		{"id", jsonRecord("id", big(MaxIDBytes+1)), FormatJSON, "id is"},
		{"source", jsonRecord("source", big(MaxSourceBytes+1)), FormatJSON, "source is"},
		{"id ..", jsonRecord("id", "../../etc/passwd"), FormatJSON, "unusable id"},
		{"id .", jsonRecord("id", "wire/./a1"), FormatJSON, "unusable id"},
		{"id control", jsonRecord("id", "a1\n"), FormatJSON, ""}, // trimmed
		{"id tab", jsonRecord("id", "a\tb"), FormatJSON, "unusable id"},
		{"id dots ok", jsonRecord("id", "wire/2025.06/a..b"), FormatJSON, ""},
		{"url", jsonRecord("url", "https://news.example/"+big(MaxURLBytes)), FormatJSON, "url is"},
		{"author", jsonRecord("authors", big(MaxAuthorBytes+1)), FormatJSON, "an author is"},
		{"meta", jsonRecord("desk", big(MaxMetaValueBytes+1)), FormatJSON, "field"},
		{"csv title", "title,body\n" + big(MaxTitleBytes+1) + ",The ferry resumed.\n", FormatCSV, "title is"},
		{"txt title", big(MaxTitleBytes+1) + "\n\nThe ferry resumed.\n", FormatTXT, "title is"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := decodeString(t, tt.input, "in", tt.f, Options{})
			switch {
			case tt.want == "" && (len(r.errs) > 0 || len(r.articles) != 1):
				t.Errorf("got %d articles, errors %.200q; want the article", len(r.articles), r.errs)
			case tt.want != "" && (len(r.articles) > 0 || len(r.errs) != 1 || !strings.Contains(r.errs[0], tt.want)):
				t.Errorf("got %d articles, errors %.200q; want one error with %q", len(r.articles), r.errs, tt.want)
			}
		})
	}
}

// TestDecodeUTF16Text checks that a text file saved as UTF-16 with a byte-order mark is decoded
// (it was refused as binary), in both byte orders, and that binary data still is refused.
func TestDecodeUTF16Text(t *testing.T) {
	text := "Harbour fees rise\n\nMooring costs more — the harbour board said on Monday.\n"
	encode := func(order binary.AppendByteOrder, bom []byte) string {
		b := slices.Clone(bom)
		for _, u := range utf16.Encode([]rune(text)) {
			b = order.AppendUint16(b, u)
		}
		return string(b)
	}
	for _, tt := range []struct{ name, input string }{
		{"little endian", encode(binary.LittleEndian, []byte{0xFF, 0xFE})},
		{"big endian", encode(binary.BigEndian, []byte{0xFE, 0xFF})},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := decodeString(t, tt.input, "fees.txt", FormatTXT, Options{})
			if len(r.errs) > 0 || len(r.articles) != 1 || r.articles[0].Title != "Harbour fees rise" || !strings.Contains(r.articles[0].Body, "— the harbour") {
				t.Errorf("got %+v, errors %q; want the article", r.articles, r.errs)
			}
		})
	}
	if r := decodeString(t, "Title\n\n\x00\x01\x02binary", "bin.txt", FormatTXT, Options{}); len(r.errs) != 1 || !strings.Contains(r.errs[0], "binary") {
		t.Errorf("binary data: got errors %q, want it refused as binary", r.errs)
	}
}
