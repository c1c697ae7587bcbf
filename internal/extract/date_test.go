package extract

import (
	"testing"
	"time"

	"github.com/searchd/searchd/internal/news"
)

func TestFindDate(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name    string
		article news.Article
		want    time.Time
		source  string
	}{
		{"article date", news.Article{Date: time.Date(2021, 5, 3, 22, 0, 0, 0, time.FixedZone("EDT", -4*3600)), Body: "x"},
			time.Date(2021, 5, 4, 2, 0, 0, 0, time.UTC), "metadata"},
		{"meta date", news.Article{Meta: map[string]string{"published": "2020-02-03T10:00:00Z"}}, time.Date(2020, 2, 3, 10, 0, 0, 0, time.UTC), "metadata"},
		{"wikinews date line", news.Article{Body: "Friday, January 4, 2019\u00a0\n\n\nA ferry ran aground."}, day(2019, time.January, 4), "dateline-text"},
		{"posted line", news.Article{Body: "Bridge reopens\n\nPosted May 19, 2025 2:15 PM\n\nTOWN (AP) — Traffic resumed."}, time.Date(2025, 5, 19, 14, 15, 0, 0, time.UTC), "posted"},
		{"updated line", news.Article{Body: "Updated: 4 March 2022\n\nThe vote passed."}, day(2022, time.March, 4), "posted"},
		// the time zone is read as the ingest readers read it (one parser, internal/dates)
		{"posted line with a zone", news.Article{Body: "Bridge reopens\n\nPosted May 19, 2025 2:15 PM EDT\n\nTOWN (AP) — Traffic resumed."}, time.Date(2025, 5, 19, 18, 15, 0, 0, time.UTC), "posted"},
		{"dated dateline with known year", news.Article{Body: "HOUSTON, Jan 27 (Reuters) - Refiners cut output.", Meta: map[string]string{"year": "2016"}}, day(2016, time.January, 27), "dateline"},
		{"dated dateline without year", news.Article{Body: "HOUSTON, Jan 27 (Reuters) - Refiners cut output."}, time.Time{}, ""},
		{"no date", news.Article{Body: "On Tuesday, the council met.\n\n2020\n\nChapter 12"}, time.Time{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, src := findDate(tt.article)
			if !got.Equal(tt.want) || src != tt.source {
				t.Errorf("got %v from %q, want %v from %q", got, src, tt.want, tt.source)
			}
			if !got.IsZero() && got.Location() != time.UTC {
				t.Errorf("got location %v, want UTC", got.Location())
			}
		})
	}
}
