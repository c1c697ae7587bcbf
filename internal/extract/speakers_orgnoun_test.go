package extract

import (
	"testing"

	"github.com/searchd/searchd/internal/news"
)

// TestBareOrgNounNamesNoOne checks that a common noun for a body of government ("the
// administration", "the Bureau") stands for the organisation the article named before, or
// else for an unnamed source, and is never a one-word name itself.
func TestBareOrgNounNamesNoOne(t *testing.T) {
	f := newTestFinder(t)
	tests := []struct {
		name    string
		body    string
		want    string // the speaker's name; "" when the source is unnamed
		unnamed int
	}{
		{
			name:    "capitalised only before officials",
			body:    "New fishing quotas take effect in March, the administration said Friday. Trawler crews called them harsh. Administration officials noted that the quotas were drafted last year.",
			unnamed: 2,
		},
		{
			name: "bureau named with of before",
			body: "Bakeries added 9,000 jobs last month, the Bureau of Loaf Statistics reported on Friday. The bureau now says there were more jobs in May than it first counted.",
			want: "Bureau of Loaf Statistics",
		},
		{
			name: "department named with of and and before",
			body: "Growers sued after the Department of Orchards and Rural Services changed the rule. In a directive, the department said growers may seek a waiver.",
			want: "Department of Orchards and Rural Services",
		},
		{
			name:    "capitalised alone, nothing named",
			body:    "The Bureau said the count of herons was too low by about 400.",
			unnamed: 1,
		},
		{
			name: "state bureau named with of",
			body: "Agents from the Wexford State Bureau of Inquiry searched the house. The bureau said the driver fled on foot.",
			want: "Wexford State Bureau of Inquiry",
		},
		{
			name: "medical examiner's office",
			body: "The hiker died of exposure, Larchmont County Medical Examiner's Office said on Sunday.",
			want: "Larchmont County Medical Examiner's Office",
		},
		{
			name:    "service after a title",
			body:    "Bookings close at noon and the Terms of Service apply. The trails will reopen on Friday, the service said in a statement.",
			unnamed: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, unnamed := f.find(news.Article{Body: tt.body})
			var names []string
			for _, s := range got {
				if s.Name != "" {
					names = append(names, s.Name)
				}
			}
			if tt.want == "" && len(names) > 0 || tt.want != "" && (len(names) != 1 || names[0] != tt.want) {
				t.Errorf("got names %q, want %q", names, tt.want)
			}
			if unnamed != tt.unnamed {
				t.Errorf("got %d unnamed quotes, want %d", unnamed, tt.unnamed)
			}
		})
	}
}
