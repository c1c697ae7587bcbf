package ingest

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/searchd/searchd/internal/news"
)

// fuzzDecode decodes data and checks the invariants every reader keeps: no panic, no error
// returned, every article valid (an id, a title or body, valid UTF-8, within the size limit),
// and every Error naming the stream. It returns the counts.
func fuzzDecode(t *testing.T, data []byte, f Format) (articles, errs int) {
	t.Helper()
	opts := Options{MaxArticleBytes: 1 << 10}
	err := Decode(context.Background(), bytes.NewReader(data), "fuzz", f, opts, func(a news.Article) error {
		articles++
		switch {
		case a.ID == "" || strings.TrimSpace(a.ID) != a.ID:
			t.Errorf("article with bad id %q", a.ID)
		case a.Title == "" && a.Body == "":
			t.Errorf("article %q with neither title nor body", a.ID)
		case len(a.Body) > opts.MaxArticleBytes:
			t.Errorf("article %q with a %d-byte body over the limit", a.ID, len(a.Body))
		case !utf8.ValidString(a.Title) || !utf8.ValidString(a.Body) || !utf8.ValidString(a.ID):
			t.Errorf("article %q with invalid UTF-8", a.ID)
		}
		return nil
	}, func(e *Error) {
		errs++
		if e.File != "fuzz" || e.Err == nil || e.Line < 0 {
			t.Errorf("bad Error %#v", e)
		}
	})
	if err != nil {
		t.Errorf("Decode: got error %v, want nil", err)
	}
	return articles, errs
}

func addFile(f *testing.F, path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
}

func FuzzDecodeTXT(f *testing.F) {
	addFile(f, "testdata/ap.txt")
	addFile(f, "testdata/reuters.txt")
	f.Fuzz(func(t *testing.T, data []byte) {
		if a, e := fuzzDecode(t, data, FormatTXT); a+e != 1 {
			t.Errorf("got %d articles and %d errors, want exactly one of them", a, e)
		}
	})
}

func FuzzDecodeJSONL(f *testing.F) {
	addFile(f, "testdata/articles.jsonl")
	addFile(f, "testdata/articles.jsonl.gz")
	f.Fuzz(func(t *testing.T, data []byte) {
		a, e := fuzzDecode(t, data, FormatJSONL)
		if len(data) > 1 && data[0] == 0x1f && data[1] == 0x8b {
			return // gzip: lines cannot be counted here
		}
		// Every non-blank line is an article or an Error.
		lines := 0
		for l := range strings.SplitSeq(strings.TrimPrefix(string(data), "\ufeff"), "\n") {
			if strings.TrimSpace(l) != "" {
				lines++
			}
		}
		if a+e != lines {
			t.Errorf("got %d articles and %d errors for %d lines", a, e, lines)
		}
	})
}

func FuzzDecodeJSON(f *testing.F) {
	addFile(f, "testdata/object.json")
	addFile(f, "testdata/array.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		// An empty array, even after white space (" []" was a false alarm of this check), is a
		// valid file with no articles; anything else non-empty gives an article or an Error.
		trimmed := bytes.TrimSpace(data)
		if a, e := fuzzDecode(t, data, FormatJSON); a+e == 0 && len(trimmed) > 0 && trimmed[0] != '[' {
			t.Errorf("non-empty input gave neither an article nor an Error")
		}
	})
}

func FuzzDecodeCSV(f *testing.F) {
	addFile(f, "testdata/articles.csv")
	f.Fuzz(func(t *testing.T, data []byte) {
		a, e := fuzzDecode(t, data, FormatCSV)
		// encoding/csv skips empty lines, so the header is the first non-empty line
		// (testdata/fuzz/FuzzDecodeCSV/f42a1328c390f642: "\n\nTitle" is a header and no rows).
		for {
			if rest, ok := bytes.CutPrefix(data, []byte("\n")); ok {
				data = rest
			} else if rest, ok := bytes.CutPrefix(data, []byte("\r\n")); ok {
				data = rest
			} else {
				break
			}
		}
		if a+e == 0 && len(data) > 0 && bytes.Count(data, []byte{'\n'}) > 1 && !bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
			// A header and at least one row: each row is an article or an Error, unless every
			// row after the header is blank (encoding/csv skips empty lines).
			rest := data[bytes.IndexByte(data, '\n')+1:]
			if len(bytes.TrimSpace(rest)) > 0 && !bytes.Contains(data[:bytes.IndexByte(data, '\n')], []byte{'"'}) {
				t.Errorf("rows gave neither an article nor an Error")
			}
		}
	})
}

func FuzzDecodeHTML(f *testing.F) {
	addFile(f, "testdata/html/harbour.html")
	addFile(f, "testdata/html/plain.htm")
	f.Add([]byte(`<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":["x"],"author":{"name":7}}</script></head><body><article><p>Text</p></article></body></html>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if a, e := fuzzDecode(t, data, FormatHTML); a+e != 1 {
			t.Errorf("got %d articles and %d errors, want exactly one of them", a, e)
		}
	})
}

func FuzzDecodeFeed(f *testing.F) {
	addFile(f, "testdata/feeds/courier.atom")
	addFile(f, "testdata/feeds/ledger.rss")
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[{"id":"1","content_html":"<p>a</p>"},{"id":2}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzDecode(t, data, FormatFeed) // an empty channel gives neither articles nor errors
	})
}

// TestFuzzSeeds checks that the seed corpora under testdata/fuzz are there: a plain `go test`
// runs them through the fuzz targets, and a missing directory would silently drop that.
func TestFuzzSeeds(t *testing.T) {
	for _, name := range []string{"FuzzDecodeTXT", "FuzzDecodeJSONL", "FuzzDecodeJSON", "FuzzDecodeCSV", "FuzzDecodeHTML", "FuzzDecodeFeed"} {
		ents, err := os.ReadDir("testdata/fuzz/" + name)
		if err != nil || len(ents) == 0 {
			t.Errorf("%s: got no seed corpus under testdata/fuzz (%v)", name, err)
		}
	}
}

// FuzzUnquote checks the fast string decoder against encoding/json on every valid JSON string
// literal.
func FuzzUnquote(f *testing.F) {
	for _, s := range []string{`"plain"`, `"a\nb\"c\\d\/e\u00e9\t"`, `"\ud83d\ude00"`, `"\ud800x"`, `"\udc00\ud800\ud800\udc00"`, `"\b\f\r"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var want string
		if !utf8.Valid(raw) || json.Unmarshal(raw, &want) != nil || jsonKind(raw) != "string" {
			return
		}
		got, err := unquote(raw)
		if err != nil || got != want {
			t.Errorf("unquote(%q): got (%q, %v), want %q", raw, got, err, want)
		}
	})
}
