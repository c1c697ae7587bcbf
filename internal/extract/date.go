package extract

import (
	"time"

	"github.com/searchd/searchd/internal/news"
)

// findDate returns the article's date and where it was found.
func findDate(a news.Article) (time.Time, string) {
	if !a.Date.IsZero() {
		return a.Date, "metadata"
	}
	return time.Time{}, ""
}
