package index

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/searchd/searchd/internal/news"
)

func TestRelated(t *testing.T) {
	ix, err := Open(t.TempDir()+"/idx", nil, Options{Workers: 2}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	docs := append(storyDocs(), fixtures()...)
	// An article on the rail link in other words, quoting a fixture speaker.
	docs = append(docs, news.Document{ID: "rail-feature", Title: "Freight yards and tunnels", Date: date("2025-05-01"),
		Body: "The rail link will need new freight yards, tunnels under the ports and signalling along the route, " +
			"and drivers will be trained in a new scheme.", Speakers: speakers("Tom Baker")})
	if _, err := ix.AddDocuments(ctx, docs); err != nil {
		t.Fatal(err)
	}
	rel, err := ix.Related(ctx, "w-copy1")
	if err != nil {
		t.Fatal(err)
	}
	ids := func(rs []RelatedArticle) []string {
		var out []string
		for _, r := range rs {
			out = append(out, r.ID)
		}
		slices.Sort(out)
		return out
	}
	if got, want := ids(rel.Story), []string{"w-copy2", "w-orig"}; !slices.Equal(got, want) {
		t.Errorf("same story: got %v, want %v", got, want)
	}
	if got := ids(rel.Similar); !slices.Contains(got, "rail-feature") || slices.Contains(got, "w-orig") {
		t.Errorf("similar: got %v (terms %v), want rail-feature and no version of the story", got, rel.Terms)
	}

	rel, err = ix.Related(ctx, "a3") // quotes Maria Lopez and Tom Baker
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ids(rel.Speakers), []string{"a1", "a10", "a5", "a9", "rail-feature"}; !slices.Equal(got, want) {
		t.Errorf("shared speakers: got %v, want %v", got, want)
	}
	if len(rel.Speakers) == 0 || rel.Speakers[0].Reason == "" {
		t.Errorf("shared speakers: got %+v, want reasons", rel.Speakers)
	}
	if _, err := ix.Related(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown id: got %v, want ErrNotFound", err)
	}
}
