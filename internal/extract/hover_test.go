package extract

import (
	"strings"
	"testing"
)

func TestMaskHoverText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{
			name: "glued headline hover text",
			in:   "Sen. Ilse Varga Ilse Marta VargaHarbour deal stalls in committee Ferry fares rise again MORE (D-Ore.) said on Monday.",
			want: "Sen. Ilse Varga (D-Ore.) said on Monday.",
		},
		{
			name: "possessive after MORE moves to the name",
			in:   "the fight over Mayor Osgood Mirela Anne OsgoodPier opens after eleven years MORE’s budget went on.",
			want: "the fight over Mayor Osgood’s budget went on.",
		},
		{
			name: "hover name not glued",
			in:   "Speaker Tomas Brennick Tomas Aldo Brennick Retirees ask for ferry passes MORE (R-Wis.) said no.",
			want: "Speaker Tomas Brennick (R-Wis.) said no.",
		},
		{
			name: "MORE without a repeated name is text",
			in:   "Voters want MORE ferries, the mayor said.",
			want: "Voters want MORE ferries, the mayor said.",
		},
		{
			name: "no hover text across paragraphs",
			in:   "Mayor Osgood spoke.\n\nOsgood OsgoodPier said MORE than once.",
			want: "Mayor Osgood spoke.\n\nOsgood OsgoodPier said MORE than once.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := []rune(tt.in)
			got := maskHoverText(in)
			if len(got) != len(in) {
				t.Fatalf("got %d runes, want %d (same length)", len(got), len(in))
			}
			if string(in) != tt.in {
				t.Fatalf("input changed to %q", string(in))
			}
			if g := strings.Join(strings.Fields(string(got)), " "); g != strings.Join(strings.Fields(tt.want), " ") {
				t.Errorf("got %q, want %q", g, tt.want)
			}
		})
	}
}
