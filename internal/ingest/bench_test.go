package ingest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/searchd/searchd/internal/news"
)

// syntheticJSONL builds n JSON Lines records shaped like the corpora: a few short fields,
// authors, unknown fields for Meta, and a body of several paragraphs with quotes and escapes.
func syntheticJSONL(tb testing.TB, n int) []byte {
	tb.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	para := strings.Repeat("The council said on Tuesday that the “harbor plan” would cost $2.1 million, and critics disagreed. ", 6)
	for i := range n {
		rec := map[string]any{
			"id":      fmt.Sprintf("bench-%d", i),
			"title":   fmt.Sprintf("Synthetic story number %d about the harbor", i),
			"body":    strings.Repeat(para+"\n\n", 5),
			"date":    "2024-05-06",
			"source":  "Bench Gazette",
			"url":     fmt.Sprintf("https://example.com/news/%d", i),
			"authors": []string{"Ann Poe", "Bo Lin"},
			"topic":   "local",
			"bias":    "center",
		}
		if err := enc.Encode(rec); err != nil {
			tb.Fatal(err)
		}
	}
	return buf.Bytes()
}

// BenchmarkDecodeJSONL measures JSON Lines decoding; MB/s is of input bytes.
func BenchmarkDecodeJSONL(b *testing.B) {
	data := syntheticJSONL(b, 2000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		n := 0
		err := Decode(context.Background(), bytes.NewReader(data), "bench.jsonl", FormatJSONL, Options{},
			func(news.Article) error { n++; return nil },
			func(e *Error) { b.Fatalf("unexpected error %v", e) })
		if err != nil || n != 2000 {
			b.Fatalf("got (%v, %d articles), want (nil, 2000)", err, n)
		}
	}
	b.ReportMetric(float64(2000*b.N)/b.Elapsed().Seconds(), "articles/s")
}
