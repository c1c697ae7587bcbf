package index

import (
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"strings"
	"testing"

	"github.com/searchd/searchd/internal/news"
	"github.com/searchd/searchd/internal/stories"
)

// wireBody is a fictional wire story; wireCopies returns edited copies of it as outlets run them.
const wireBody = "BRUSSELS (Wire) — European ministers agreed on Tuesday to fund a new rail link between " +
	"the northern ports and the southern industrial regions, ending two years of talks over who would pay " +
	"for the tunnels. The plan sets aside money for signalling, new freight yards and a training scheme " +
	"for drivers, and officials said the first trains could run within six years if the tenders are not " +
	"challenged in court. Critics said the budget ignored the cost of land, and several regions asked for " +
	"a review of the route before construction begins next spring."

func storyDocs() []news.Document {
	copy1 := strings.Replace(wireBody, "BRUSSELS (Wire) —", "BRUSSELS —", 1) + " The ministers meet again in June."
	copy2 := strings.Replace(wireBody, "on Tuesday", "on Tuesday evening", 1)
	other := "A small town library reopened after flood repairs, and volunteers spent the weekend carrying " +
		"books back to the shelves while the mayor thanked the builders who worked through the winter to " +
		"dry the walls and replace the floors of the reading room."
	return []news.Document{
		{ID: "w-orig", Title: "Ministers fund rail link", Body: wireBody, Date: date("2025-04-01"), Source: "Wire"},
		{ID: "w-copy1", Title: "EU backs rail link", Body: copy1, Date: date("2025-04-01"), Source: "Ledger"},
		{ID: "w-copy2", Title: "Rail link gets money", Body: copy2, Date: date("2025-04-02"), Source: "Courier"},
		{ID: "library", Title: "Library reopens", Body: other, Date: date("2025-04-02"), Source: "Courier"},
		{ID: "short", Title: "Brief", Body: "European ministers agreed on Tuesday.", Source: "Wire"},
	}
}

func TestMinhashSimilarity(t *testing.T) {
	docs := storyDocs()
	a, b, c := minhash(docs[0].Body), minhash(docs[1].Body), minhash(docs[3].Body)
	if s := a.Similarity(b); s < stories.Threshold {
		t.Errorf("similarity of two copies: got %.2f, want at least %.2f", s, stories.Threshold)
	}
	if s := a.Similarity(c); s > 0.1 {
		t.Errorf("similarity of unrelated stories: got %.2f, want about 0", s)
	}
	if minhash(docs[4].Body) != nil {
		t.Errorf("a short body got a signature, want none")
	}
	if got := stories.Decode(a.Encode()); got.Similarity(a) != 1 {
		t.Errorf("signature does not survive encode/decode")
	}
	// The stored forms of earlier versions: base64 of the 16-bit and of the 64-bit values.
	b16, b64 := make([]byte, 0, 2*stories.Size), make([]byte, 0, 8*stories.Size)
	for _, v := range a {
		b16 = binary.LittleEndian.AppendUint16(b16, uint16(v))
		b64 = binary.LittleEndian.AppendUint64(b64, v)
	}
	for name, s := range map[string]string{
		"base64 16-bit": base64.RawStdEncoding.EncodeToString(b16),
		"base64 64-bit": base64.RawStdEncoding.EncodeToString(b64),
	} {
		if got := stories.Decode(s); got.Similarity(a) != 1 {
			t.Errorf("%s: got similarity %.2f to the signature, want 1", name, got.Similarity(a))
		}
	}
	if got := stories.Decode("short"); got != nil {
		t.Errorf("stories.Decode(%q): got %v, want nil", "short", got)
	}
}

// TestStories: copies of one wire story share its story id, whether they arrive in one batch or
// later; unrelated and short articles have their own.
func TestStories(t *testing.T) {
	for _, batch := range []int{1, 10} {
		ix, err := Open(t.TempDir()+"/idx", nil, Options{BatchSize: batch, Workers: 2}, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		ctx := context.Background()
		if _, err := ix.AddDocuments(ctx, storyDocs()); err != nil {
			t.Fatal(err)
		}
		want := map[string]string{"w-orig": "w-orig", "w-copy1": "w-orig", "w-copy2": "w-orig", "library": "library", "short": "short"}
		for id, story := range want {
			if got := storyOf(t, ix, id); got != story {
				t.Errorf("batch size %d: story of %s: got %q, want %q", batch, id, got, story)
			}
		}
	}
}

func storyOf(tb testing.TB, ix *Index, id string) string {
	tb.Helper()
	stories, err := ix.stories(context.Background(), []string{id})
	if err != nil {
		tb.Fatal(err)
	}
	return stories[id]
}

func TestCollapse(t *testing.T) {
	ix, err := Open(t.TempDir()+"/idx", nil, Options{Workers: 2}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	if _, err := ix.AddDocuments(ctx, storyDocs()); err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search(ctx, Query{Collapse: CollapseStory, Sort: SortDateDesc})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, h := range res.Hits {
		got[h.Story] = h.Versions
		if h.Story == "w-orig" && len(h.Others) != 2 {
			t.Errorf("hit %s: got others %+v, want the 2 other versions", h.ID, h.Others)
		}
	}
	want := map[string]int{"w-orig": 3, "library": 1, "short": 1}
	if len(got) != len(want) || res.Total != 5 {
		t.Errorf("collapsed: got stories %v (total %d), want %v (total 5 articles)", got, res.Total, want)
	}
	for s, n := range want {
		if got[s] != n {
			t.Errorf("story %s: got %d versions, want %d", s, got[s], n)
		}
	}

	// Paging one hit at a time shows each story once.
	seen := map[string]bool{}
	q := Query{Collapse: CollapseStory, Size: 1, Sort: SortDate}
	for range 10 {
		res, err := ix.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			if seen[h.Story] {
				t.Errorf("story %s shown twice while paging", h.Story)
			}
			seen[h.Story] = true
		}
		if res.Next == "" {
			break
		}
		q.After = res.Next
	}
	if !seen["w-orig"] {
		t.Errorf("paging: got stories %v, want w-orig among them", seen)
	}
}

// TestStoryOfLegacyBandKeys: an article indexed by an earlier version, with its band keys in
// the longer form (LegacyBandKeys) and its signature in base64, is found by a copy added once
// the index is opened again, which joins its story.
func TestStoryOfLegacyBandKeys(t *testing.T) {
	dir := t.TempDir() + "/idx"
	ix, err := Open(dir, nil, Options{Workers: 2}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if ix.legacyBands {
		t.Error("a new index: legacyBands is true")
	}
	docs := storyDocs()
	orig, copy1 := docs[0], docs[1]
	raw, err := json.Marshal(orig)
	if err != nil {
		t.Fatal(err)
	}
	sig := minhash(orig.Body)
	low := make([]byte, 0, 2*stories.Size)
	for _, v := range sig {
		low = binary.LittleEndian.AppendUint16(low, uint16(v))
	}
	f := indexFields(orig, raw, "")
	f[fieldLSH] = sig.LegacyBandKeys()
	f[fieldSig] = base64.RawStdEncoding.EncodeToString(low)
	f[fieldStory] = "legacy-story"
	if err := ix.articles().Index(orig.ID, f); err != nil {
		t.Fatalf("index an article as an earlier version did: %v", err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix = openIndex(t, dir, Options{Workers: 2})
	if !ix.legacyBands {
		t.Error("an index with band keys of an earlier version: legacyBands is false")
	}
	if _, err := ix.AddDocuments(context.Background(), []news.Document{copy1}); err != nil {
		t.Fatalf("AddDocuments: %v", err)
	}
	if got := storyOf(t, ix, copy1.ID); got != "legacy-story" {
		t.Errorf("story of the copy: got %q, want %q (the earlier article's)", got, "legacy-story")
	}
}

// TestStoriesWithoutStoredSignatures: neither a bulk build nor an online write stores an
// article's MinHash signature (9.7 MB of AllSides' index), and an article written online
// still joins the story of a copy in the index, whose signature is computed from its stored
// body, as it does one of its own batch.
func TestStoriesWithoutStoredSignatures(t *testing.T) {
	ctx := context.Background()
	docs := storyDocs()
	orig, copy1, copy2, other := docs[0], docs[1], docs[2], docs[3]
	dir := t.TempDir() + "/idx"
	ix, err := Open(dir, nil, Options{BatchSize: 2, Workers: 2}, nil)
	if err != nil {
		t.Fatal(err)
	}
	same := func(d news.Document) news.Document { return d }
	if _, err := bulkLoad(ctx, ix, sliceChan(ctx, []news.Document{orig, other}), same, nil); err != nil {
		t.Fatalf("bulkLoad: %v", err)
	}
	if _, err := ix.AddDocuments(ctx, []news.Document{copy1}); err != nil {
		t.Fatalf("AddDocuments: %v", err)
	}
	if _, err := ix.AddDocuments(ctx, []news.Document{copy2}); err != nil {
		t.Fatalf("AddDocuments: %v", err)
	}
	for _, id := range []string{orig.ID, copy1.ID, copy2.ID} {
		if got := storyOf(t, ix, id); got != orig.ID {
			t.Errorf("story of %q: got %q, want %q", id, got, orig.ID)
		}
	}
	if got := storyOf(t, ix, other.ID); got != other.ID {
		t.Errorf("story of %q: got %q, want its own", other.ID, got)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	sizes, _, err := FieldSizes(dir)
	if err != nil {
		t.Fatalf("FieldSizes: %v", err)
	}
	for _, s := range sizes {
		if s.Field == fieldSig && s.Stored > 0 {
			t.Errorf("%s/%s: got %d stored bytes, want none", s.Index, s.Field, s.Stored)
		}
	}
}
