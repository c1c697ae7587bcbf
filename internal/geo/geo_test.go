package geo

import (
	"math"
	"testing"
)

func load(tb testing.TB) *Gazetteer {
	tb.Helper()
	g, err := Load()
	if err != nil {
		tb.Fatalf("Load: %v", err)
	}
	return g
}

func TestLookup(t *testing.T) {
	g := load(t)
	tests := []struct {
		name, qualifier string
		want, country   string
		lat, lon        float64 // approximate; 0,0 skips the check
		alias           bool
	}{
		{"WASHINGTON", "", "Washington", "United States", 38.9, -77.0, false},
		{"New York", "", "New York City", "United States", 40.7, -74.0, true},
		{"PORTLAND", "Ore.", "Portland", "United States", 45.5, -122.7, false},
		{"PORTLAND", "Maine", "Portland", "United States", 43.7, -70.3, false},
		{"MANCHESTER", "N.H.", "Manchester", "United States", 43.0, -71.5, false},
		{"MANCHESTER", "", "Manchester", "United Kingdom", 53.5, -2.2, false},
		{"AUSTIN", "Texas", "Austin", "United States", 30.3, -97.7, false},
		{"LONDON", "Ontario", "London", "Canada", 43.0, -81.2, false},
		{"São Paulo", "", "São Paulo", "Brazil", -23.5, -46.6, false},
		{"SAO PAULO", "", "São Paulo", "Brazil", -23.5, -46.6, false},
		{"ST. LOUIS", "", "St. Louis", "United States", 38.6, -90.2, false},
		{"Peking", "", "Beijing", "China", 39.9, 116.4, true},
		{"NEW DELHI", "", "New Delhi", "India", 28.6, 77.2, false},
		{"Italy", "", "Italy", "Italy", 41.9, 12.5, false},
		{"U.S.", "", "United States", "United States", 38.9, -77.0, false},
		{"Britain", "", "United Kingdom", "United Kingdom", 51.5, -0.1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name+","+tt.qualifier, func(t *testing.T) {
			p, ok := g.Lookup(tt.name, tt.qualifier)
			if !ok {
				t.Fatalf("Lookup(%q, %q): not found", tt.name, tt.qualifier)
			}
			if p.Name != tt.want || p.Country != tt.country {
				t.Errorf("got %q, %q, want %q, %q", p.Name, p.Country, tt.want, tt.country)
			}
			if math.Abs(p.Lat-tt.lat) > 0.3 || math.Abs(p.Lon-tt.lon) > 0.3 {
				t.Errorf("got %.2f,%.2f, want about %.1f,%.1f", p.Lat, p.Lon, tt.lat, tt.lon)
			}
			if p.Kind == KindCity && p.Alias != tt.alias {
				t.Errorf("alias: got %v, want %v", p.Alias, tt.alias)
			}
		})
	}
}

func TestLookupMisses(t *testing.T) {
	g := load(t)
	for _, q := range [][2]string{{"Nowhereville", ""}, {"", ""}, {"PORTLAND", "Alaska"}, {"QUILLBY FALLS", "Vt."}} {
		if p, ok := g.Lookup(q[0], q[1]); ok {
			t.Errorf("Lookup(%q, %q): got %+v, want not found", q[0], q[1], p)
		}
	}
}

func TestRegion(t *testing.T) {
	g := load(t)
	tests := []struct{ q, name, country, adm string }{
		{"Calif.", "California", "United States", "CA"},
		{"N.H.", "New Hampshire", "United States", "NH"},
		{"Ga.", "Georgia", "United States", "GA"},
		{"Ontario", "Ontario", "Canada", "08"},
		{"West Germany", "Germany", "Germany", ""},
	}
	for _, tt := range tests {
		r, ok := g.Region(tt.q)
		if !ok || r.Name != tt.name || r.Country != tt.country || r.Admin1Code != tt.adm {
			t.Errorf("Region(%q): got %+v, %v, want %s, %s, %s", tt.q, r, ok, tt.name, tt.country, tt.adm)
		}
		if ok && r.Lat == 0 && r.Lon == 0 {
			t.Errorf("Region(%q): got no centre", tt.q)
		}
	}
}

func TestNear(t *testing.T) {
	g := load(t)
	for q, want := range map[string]string{"ALTANTA": "Atlanta", "PHILADEPHIA": "Philadelphia", "MAIMI": "Miami"} {
		if p, ok := g.Near(q); !ok || p.Name != want {
			t.Errorf("Near(%q): got %q, %v, want %q", q, p.Name, ok, want)
		}
	}
	if p, ok := g.Near("Zzyzx"); ok {
		t.Errorf("Near(Zzyzx): got %q, want none", p.Name)
	}
}

func TestKey(t *testing.T) {
	for in, want := range map[string]string{"São Paulo": "saopaulo", "ST. LOUIS": "stlouis", "Winston-Salem": "winstonsalem", "": ""} {
		if got := Key(in); got != want {
			t.Errorf("Key(%q): got %q, want %q", in, got, want)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	g := load(b)
	names := [][2]string{{"WASHINGTON", ""}, {"PORTLAND", "Ore."}, {"São Paulo", ""}, {"Nowhereville", ""}}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		q := names[i%len(names)]
		g.Lookup(q[0], q[1])
	}
}

func BenchmarkLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestCandidatesAppend checks that the candidates of one name do not depend on what dst
// already holds.
func TestCandidatesAppend(t *testing.T) {
	g := load(t)
	first := g.Candidates(nil, "Panama City", "")
	again := g.Candidates(first, "Panama City", "")
	if len(again) != 2*len(first) {
		t.Errorf("got %d candidates after %d, want %d", len(again)-len(first), len(first), len(first))
	}
	var regions int
	for _, p := range g.Candidates(nil, "Virginia", "") {
		if p.Kind == KindRegion && p.Admin1Code == "US.VA" {
			regions++
		}
	}
	if regions != 1 {
		t.Errorf("Virginia: got %d US.VA regions among the candidates, want 1", regions)
	}
}
