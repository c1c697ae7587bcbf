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
