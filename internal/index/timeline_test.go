package index

import (
	"testing"
	"time"
)

func TestUnitCount(t *testing.T) {
	d := func(s string) time.Time {
		v, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	spans := [][2]string{{"2024-01-01", "2024-01-01"}, {"2023-12-31", "2024-01-01"}, {"2024-02-28", "2024-03-01"},
		{"2020-01-05", "2020-04-30"}, {"2019-06-17", "2021-02-01"}, {"2012-01-01", "2022-12-31"}, {"2024-03-31", "2024-10-27"}}
	for _, s := range spans {
		for _, u := range []string{UnitDay, UnitWeek, UnitMonth, UnitYear} {
			lo, hi := d(s[0]), d(s[1])
			if got, want := unitCount(u, lo, hi), len(unitBuckets(u, lo, hi)); got != want {
				t.Errorf("unitCount(%s, %s, %s): got %d, want %d", u, s[0], s[1], got, want)
			}
		}
	}
}
