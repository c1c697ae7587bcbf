package ingest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/searchd/searchd/internal/news"
)

func TestWalkRSS(t *testing.T) {
	got := walk(t, "testdata/feeds/ledger.rss")
	src := "The Coastal Ledger: Local"
	want := []news.Article{
		{
			ID:      ID(news.Article{URL: "https://www.coastal-ledger.example/news/2025/05/19/night-ferry"}),
			Title:   "Harbour authority approves night ferry to Marlow Island",
			Body:    "KESTREL BAY — The harbour authority on Monday approved a night ferry to Marlow Island.\n\n\"This is a modest step,\" said Elena Varga, who chairs the harbour board.",
			Date:    date(t, "2025-05-19T09:30:00Z"),
			Source:  src,
			URL:     "https://www.coastal-ledger.example/news/2025/05/19/night-ferry?utm_source=rss",
			Authors: []string{"Maren Holloway"},
			Meta:    map[string]string{"guid": "ledger-48211", "categories": "Transport"},
		},
		{
			ID:      ID(news.Article{URL: "https://www.coastal-ledger.example/news/2025/05/18/kayakers"}),
			Title:   "Lifeboat crew rescues two kayakers",
			Body:    "KESTREL BAY — Two kayakers were rescued near the lighthouse rocks on Sunday.\n\nBoth were unhurt, the coastguard said.",
			Date:    date(t, "2025-05-18T16:05:00Z"),
			Source:  src,
			URL:     "https://www.coastal-ledger.example/news/2025/05/18/kayakers",
			Authors: []string{"Tobias Quint"},
			Meta:    map[string]string{"guid": "https://www.coastal-ledger.example/news/2025/05/18/kayakers"},
		},
	}
	checkResult(t, got, want, []string{`testdata/feeds/ledger.rss: entry 3 ("no id"): ` + ErrNoContent.Error()})
}

func TestWalkAtom(t *testing.T) {
	got := walk(t, "testdata/feeds/courier.atom")
	want := []news.Article{
		{
			ID:      ID(news.Article{URL: "https://courier.example/farming/frost-losses"}),
			Title:   "Orchard growers count frost losses",
			Body:    "ASHFORD — Apple growers lost as much as a third of their blossom.\n\nCherries were spared.",
			Date:    date(t, "2024-04-11T12:15:00Z"),
			Source:  "Valley Courier",
			URL:     "https://courier.example/farming/frost-losses",
			Authors: []string{"Priya Lindqvist", "Walter Ng"},
			Meta:    map[string]string{"guid": "urn:uuid:frost-losses-2024"},
		},
		{
			ID:     "feed-" + shortHash("urn:uuid:bridge-2024"),
			Title:  "Mill Lane bridge reopens",
			Body:   "The bridge reopened on Wednesday after repairs.\n\nTraffic was light.",
			Date:   date(t, "2024-04-10T12:00:00Z"),
			Source: "Valley Courier",
			Meta:   map[string]string{"guid": "urn:uuid:bridge-2024"},
		},
	}
	checkResult(t, got, want, nil)
}

// TestWalkXML checks that a directory walk reads .xml feeds and skips other XML files, while a
// named non-feed .xml file is reported.
func TestWalkXML(t *testing.T) {
	dir := t.TempDir()
	rss, err := os.ReadFile("testdata/feeds/ledger.rss")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ledger.xml"), rss, 0o644); err != nil {
		t.Fatal(err)
	}
	sitemap, err := os.ReadFile("testdata/feeds/sitemap.xml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "sitemap.xml"), sitemap, 0o644); err != nil {
		t.Fatal(err)
	}
	got := walk(t, dir)
	if len(got.articles) != 2 || len(got.errs) != 1 {
		t.Errorf("walk dir: got %d articles and errors %q, want 2 articles and the empty entry's error", len(got.articles), got.errs)
	}
	got = walk(t, "testdata/feeds/sitemap.xml")
	want := []string{"testdata/feeds/sitemap.xml: " + ErrNotFeed.Error()}
	checkResult(t, got, nil, want)
}
