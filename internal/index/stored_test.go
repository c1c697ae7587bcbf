package index

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/searchd/searchd/internal/news"
)

func TestDocJSON(t *testing.T) {
	raw := []byte(`{"id":"x1","title":"Ferry service resumes","body":"` + strings.Repeat("The ferry sailed at noon. ", 40) + `"}`)
	stored, err := compressDoc(raw)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(stored, zstdMagic) {
		t.Fatalf("compressDoc: got %q…, want a zstd frame", stored[:4])
	}
	if len(stored) >= len(raw)/2 {
		t.Errorf("compressDoc: got %d bytes for %d of repetitive JSON, want fewer than half", len(stored), len(raw))
	}
	broken := append(bytes.Clone(stored[:len(stored)-3]), 0, 0, 0)
	tests := []struct {
		name    string
		stored  []byte
		want    []byte
		wantErr bool
	}{
		{"compressed", stored, raw, false},
		{"plain JSON of an index written before compression", raw, raw, false},
		{"damaged frame", broken, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := docJSON(tt.stored)
			if (err != nil) != tt.wantErr {
				t.Fatalf("docJSON: got error %v, want error %v", err, tt.wantErr)
			}
			if !tt.wantErr && !bytes.Equal(got, tt.want) {
				t.Errorf("docJSON: got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestPlainStoredDocumentReads writes an article as searchd did before stored documents were
// compressed (fieldDoc as plain JSON) beside one written now, and reads both back through
// Get and Search.
func TestPlainStoredDocumentReads(t *testing.T) {
	ix := openIndex(t, t.TempDir()+"/idx", Options{})
	ctx := context.Background()
	now := news.Document{ID: "new1", Title: "Lighthouse keeper retires", Date: date("2024-04-02"), Source: "Harbour Gazette",
		Speakers: speakers(), Body: "The lighthouse keeper of Gull Point retired on Tuesday after forty years."}
	if _, err := ix.AddDocuments(ctx, []news.Document{now}); err != nil {
		t.Fatalf("AddDocuments: %v", err)
	}
	old := news.Document{ID: "old1", Title: "Lighthouse lamp replaced", Date: date("2019-04-02"), Source: "Harbour Gazette",
		Speakers: speakers(), Body: "The lamp of the Gull Point lighthouse was replaced with a modern lens."}
	raw, err := json.Marshal(old)
	if err != nil {
		t.Fatal(err)
	}
	f := indexFields(old, raw, "")
	if err := ix.articles().Index(old.ID, f); err != nil {
		t.Fatalf("index a plain stored document: %v", err)
	}
	for _, d := range []news.Document{now, old} {
		got, err := ix.Get(ctx, d.ID)
		if err != nil {
			t.Fatalf("Get %s: %v", d.ID, err)
		}
		if got.Title != d.Title || got.Body != d.Body {
			t.Errorf("Get %s: got %q / %q, want %q / %q", d.ID, got.Title, got.Body, d.Title, d.Body)
		}
	}
	res, err := ix.Search(ctx, Query{Q: "lighthouse", Sort: SortDate})
	if err != nil {
		t.Fatalf("Search: %v", err)
	}
	var titles []string
	for _, h := range res.Hits {
		titles = append(titles, h.Title)
	}
	if want := []string{old.Title, now.Title}; strings.Join(titles, "|") != strings.Join(want, "|") {
		t.Errorf("Search: got titles %q, want %q", titles, want)
	}
}

// quoteSpanDoc is an article whose quotes are cut from its body, after code points of two
// and three bytes, as the extractor cuts them, but for one text that is not its span.
func quoteSpanDoc() news.Document {
	body := "Ça va, said the mayor of Lièvre-sur-Mer — “The quay will reopen in May,” she told the council. " +
		"The harbour master added that the dredging was “nearly done”."
	span := func(text string) news.Quote {
		i := strings.Index(body, text)
		start := len([]rune(body[:i]))
		return news.Quote{Text: text, Direct: true, Start: start, End: start + len([]rune(text))}
	}
	moved := span("the dredging was")
	moved.Text = "the dredging is" // not its span: kept
	return news.Document{ID: "spans", Title: "Quay to reopen", Body: body, Source: "Coast Courier",
		Speakers: []news.Speaker{
			{Name: "Anne Roux", Title: "mayor", Kind: news.KindPerson, Quotes: []news.Quote{span("Ça va"), span("The quay will reopen in May,")}},
			{Name: "Paul Brun", Kind: news.KindPerson, Quotes: []news.Quote{moved, span("nearly done"), {Text: "off the record"}, {Text: "far away", Start: 500, End: 508}}},
		}}
}

// TestStoredQuoteSpans: the stored form of an article leaves out the quote texts that are
// their spans of the body, and reads back as the article, through Get too; an article with a
// quote of an empty text and a span keeps its texts.
func TestStoredQuoteSpans(t *testing.T) {
	d := quoteSpanDoc()
	raw, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	stored, err := storedJSON(d, raw)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"Ça va", "The quay will reopen in May,", "nearly done"} {
		if q, _ := json.Marshal(text); bytes.Count(stored, q) != 0 {
			t.Errorf("storedJSON: holds quote text %s, want it left out", q)
		}
	}
	for _, text := range []string{"the dredging is", "off the record", "far away"} {
		if q, _ := json.Marshal(text); bytes.Count(stored, q) != 1 {
			t.Errorf("storedJSON: got %d copies of quote text %s, want 1", bytes.Count(stored, q), q)
		}
	}
	if want := len(raw) - len("Ça vaThe quay will reopen in May,nearly done") + len(`,"quote_spans":true`); len(stored) != want {
		t.Errorf("storedJSON: got %d bytes for %d of JSON, want %d: the three texts fewer, and the mark", len(stored), len(raw), want)
	}
	got, err := decodeStored(stored)
	if err != nil {
		t.Fatalf("decodeStored: %v", err)
	}
	if g, _ := json.Marshal(got); !bytes.Equal(g, raw) {
		t.Errorf("decodeStored: got\n%s\nwant\n%s", g, raw)
	}
	if d.Speakers[0].Quotes[0].Text != "Ça va" {
		t.Errorf("storedJSON changed the document it was given: %+v", d.Speakers[0])
	}

	ambiguous := quoteSpanDoc()
	ambiguous.Speakers[1].Quotes[0].Text = ""
	raw, _ = json.Marshal(ambiguous)
	if stored, err := storedJSON(ambiguous, raw); err != nil || !bytes.Equal(stored, raw) {
		t.Errorf("storedJSON of an article with an empty text and a span: got %s, %v; want its JSON", stored, err)
	}

	ix := openIndex(t, t.TempDir()+"/idx", Options{})
	ctx := context.Background()
	if _, err := ix.AddDocuments(ctx, []news.Document{d}); err != nil {
		t.Fatalf("AddDocuments: %v", err)
	}
	g, err := ix.Get(ctx, d.ID)
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if gj := mustJSON(t, g); !bytes.Equal(gj, mustJSON(t, d)) {
		t.Errorf("Get: got\n%s\nwant\n%s", gj, mustJSON(t, d))
	}
	res, err := ix.SearchQuotes(ctx, Query{Q: "quay"})
	if err != nil {
		t.Fatalf("SearchQuotes: %v", err)
	}
	if len(res.Quotes) != 1 || res.Quotes[0].Text != "The quay will reopen in May," {
		t.Errorf("SearchQuotes(quay): got %+v, want the mayor's quote", res.Quotes)
	}
}

func mustJSON(tb testing.TB, v any) []byte {
	tb.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}
