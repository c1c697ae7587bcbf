package extract

import "testing"

func TestNormalizeQuotesNicknames(t *testing.T) {
	sw := newTestFinder(t).w
	tests := []struct {
		in, want string
	}{
		{"said Halvard “Hal” Mostyn, the skipper.", "said Halvard       Mostyn, the skipper."},
		{`said Halvard "Hal" Mostyn, the skipper.`, `said Halvard       Mostyn, the skipper.`},
		{"Corinna 'Cory' Blythe said it.", "Corinna        Blythe said it."},
		{"Riantoro “Rian” Sumarsono told fans.", "Riantoro        Sumarsono told fans."},
		{"Marta “Big Mo” Devries said.", "Marta          Devries said."},
		// headlines and quotes that only look like nicknames stay quotes
		{"Gun Laws 'Tougher' Than Ever", "Gun Laws “Tougher” Than Ever"},
		{"The 'Inside Politics' Forecast: May 4", "The “Inside Politics” Forecast: May 4"},
		{"BIDEN SAYS HE WAS 'AWARE' OF IT", "BIDEN SAYS HE WAS “AWARE” OF IT"},
		{"Roe called it “Terrible” Monday.", "Roe called it “Terrible” Monday."},
		{"the “Ring of Fire” Region", "the “Ring of Fire” Region"},
	}
	for _, tt := range tests {
		if got := string(normalizeQuotes([]rune(tt.in), sw)); got != tt.want {
			t.Errorf("normalizeQuotes(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}
