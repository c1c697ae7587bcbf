package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"
)

// TestStoryReport prints the wire-story clusters of an existing index for checking by hand:
// their number and size, then 50 random clusters with each member's source, date, title and
// opening. It runs only when SEARCHD_STORY_INDEX names an index directory:
//
//	SEARCHD_STORY_INDEX=/tmp/idx go test -run TestStoryReport -v ./internal/index/
func TestStoryReport(t *testing.T) {
	path := os.Getenv("SEARCHD_STORY_INDEX")
	if path == "" {
		t.Skip("set SEARCHD_STORY_INDEX to an index directory to print its story clusters")
	}
	ix, err := Open(path, nil, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	dict, err := ix.articles().FieldDict(fieldStory)
	if err != nil {
		t.Fatal(err)
	}
	var multi []string
	stories, grouped := 0, 0
	for {
		e, err := dict.Next()
		if err != nil {
			t.Fatal(err)
		}
		if e == nil {
			break
		}
		stories++
		if e.Count > 1 {
			multi = append(multi, e.Term)
			grouped += int(e.Count)
		}
	}
	dict.Close()
	n, _ := ix.Count()
	fmt.Printf("articles %d, stories %d, stories with 2+ versions %d holding %d articles\n", n, stories, len(multi), grouped)
	r := rand.New(rand.NewPCG(1, 2))
	r.Shuffle(len(multi), func(i, j int) { multi[i], multi[j] = multi[j], multi[i] })
	snap := testSnapshot(t, ix)
	for i, s := range multi[:min(50, len(multi))] {
		others, err := ix.otherVersions(ctx, snap, s, "")
		if err != nil {
			t.Fatal(err)
		}
		fmt.Printf("\n#%d story %s (%d shown)\n", i+1, s, len(others))
		for _, v := range others {
			d, err := ix.Get(ctx, v.ID)
			if err != nil {
				t.Fatal(err)
			}
			body := strings.Join(strings.Fields(d.Body), " ")
			fmt.Printf("  %-22.22s %s | %.70s\n     %.160s\n", v.Source, dateString(v.Date), v.Title, body)
		}
	}
}

func dateString(d *time.Time) string {
	if d == nil {
		return "----------"
	}
	return d.Format("2006-01-02")
}
