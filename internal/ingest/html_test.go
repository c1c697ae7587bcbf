package ingest

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/searchd/searchd/internal/news"
)

// harbourBody is the article text of testdata/html/harbour.html: the story's paragraphs, without
// the cookie banner, menu, share bar, photo caption, ads, related links, newsletter box, comments,
// most-read list, sidebar and footer around and inside it.
const harbourBody = `KESTREL BAY — The harbour authority on Monday approved a night ferry to Marlow Island, ending a decade in which islanders who missed the last evening boat had to wait until morning or pay for a private launch.

The board voted five to two for a one-year trial that starts on June 2, with crossings at 10:30 p.m. and 12:15 a.m. on Fridays and Saturdays.

"People have been stranded on the wrong side of the water for too long," said Elena Varga, who chairs the harbour board. "This is a modest step, but it is the right one."

The two members who voted against the trial said the crossings would cost about 180,000 pounds a year and questioned whether enough passengers would use them.

Island councillor Tomas Reid said the vote was overdue. Night workers at the mainland hospital, he said, had been sleeping in their cars between shifts.

The authority will review passenger numbers in December before deciding whether to extend the service through the winter.`

func TestParseHTMLNewsPage(t *testing.T) {
	f, err := os.Open("testdata/html/harbour.html")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := ParseHTML(f, "https://www.coastal-ledger.example/news/2025/05/19/night-ferry?utm_source=rss", Options{})
	if err != nil {
		t.Fatalf("ParseHTML: got error %v, want nil", err)
	}
	canonical := "https://www.coastal-ledger.example/news/2025/05/19/night-ferry"
	want := news.Article{
		ID:      ID(news.Article{URL: canonical}),
		Title:   "Harbour authority approves night ferry to Marlow Island",
		Body:    harbourBody,
		Date:    date(t, "2025-05-19T09:30:00Z"), // JSON-LD datePublished wins over article:published_time
		Source:  "The Coastal Ledger",
		URL:     canonical,
		Authors: []string{"Maren Holloway", "Tobias Quint"},
		Meta: map[string]string{
			"byline":      "Ledger Staff",
			"description": "The Kestrel Bay harbour board voted 5-2 to run a night ferry from June.",
			"modified":    "2025-05-19T16:45:00+01:00",
			"section":     "Local",
		},
	}
	checkResult(t, result{articles: []news.Article{got}}, []news.Article{want}, nil)
	for _, junk := range []string{"cookie", "Advertisement", "Related", "newsletter", "Comments", "taxpayers", "Storm warning", "Trending", "rights reserved", "Share on", "Photo:", "Subscribe"} {
		if strings.Contains(got.Body, junk) {
			t.Errorf("body holds boilerplate %q", junk)
		}
	}
}

func TestWalkHTML(t *testing.T) {
	dir := t.TempDir()
	page, err := os.ReadFile("testdata/html/plain.htm")
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(page)
	zw.Close()
	if err := os.WriteFile(filepath.Join(dir, "frost.htm.gz"), gz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "empty.html"), []byte("<html><body><nav>Home</nav></body></html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	body := "ASHFORD — Apple growers in the upper valley lost as much as a third of their blossom to two nights of frost, the growers' cooperative said on Wednesday.\nCherry orchards on the lower slopes were spared.\n\n" +
		"\"We have not seen a frost this late since 1997,\" said Walter Brandt, the cooperative's chairman, adding that insurance claims would be filed by the end of the month for every member farm that had lost fruit.\n\n" +
		"The cooperative said prices at the farm gate were likely to rise in the autumn, though it was too early to say by how much, because the summer weather would decide the size of the remaining crop."
	title := "Orchard growers count frost losses"
	want := []news.Article{{
		ID:      ID(news.Article{Title: title, Body: body}),
		Title:   title,
		Body:    body,
		Date:    date(t, "2024-04-11T00:00:00Z"),
		Source:  "Valley Courier",
		Authors: []string{"Priya Lindqvist"},
		Meta:    map[string]string{"byline": "By Priya Lindqvist"},
	}}
	got := walk(t, dir)
	checkResult(t, got, want, []string{filepath.Join(dir, "empty.html") + ": " + ErrNoArticle.Error()})
}

func TestFormatOfPagesAndFeeds(t *testing.T) {
	tests := []struct {
		name string
		f    Format
		gz   bool
	}{
		{"a.html", FormatHTML, false},
		{"a.HTM", FormatHTML, false},
		{"a.html.gz", FormatHTML, true},
		{"a.rss", FormatFeed, false},
		{"a.atom", FormatFeed, false},
		{"a.xml.gz", FormatFeed, true},
	}
	for _, tt := range tests {
		f, gz, ok := FormatOf(tt.name)
		if f != tt.f || gz != tt.gz || !ok {
			t.Errorf("FormatOf(%q): got (%q, %v, %v), want (%q, %v, true)", tt.name, f, gz, ok, tt.f, tt.gz)
		}
	}
}

func TestFragmentText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Plain text.\n\nSecond paragraph.", "Plain text.\n\nSecond paragraph."},
		{"<p>One &amp; two.</p><p>Three <b>four</b>.</p>", "One & two.\n\nThree four."},
		{"Line one<br>line two<br><br>New paragraph", "Line one\nline two\n\nNew paragraph"},
		{"<ul><li>a</li><li>b</li></ul><script>x()</script>", "a\n\nb"},
	}
	for _, tt := range tests {
		if got := FragmentText(tt.in); got != tt.want {
			t.Errorf("FragmentText(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}

func BenchmarkParseHTML(b *testing.B) {
	page, err := os.ReadFile("testdata/html/harbour.html")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(page)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := ParseHTML(bytes.NewReader(page), "https://www.coastal-ledger.example/", Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}
