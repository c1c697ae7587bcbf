// Package geo is searchd's gazetteer: it resolves place names, such as the place of a news
// dateline, to a canonical name, a country and coordinates.
//
// The data is derived from GeoNames (cities with at least 15,000 inhabitants, country and
// admin-1 region names) by the generator in internal/geo/gen and embedded in the binary.
// Data: GeoNames (geonames.org), CC BY 4.0.
package geo

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

//go:embed data/places.tsv.gz data/countries.tsv data/admin1.tsv data/ATTRIBUTION
var data embed.FS

// Attribution is the credit line that must accompany any use of the embedded data.
const Attribution = "Data: GeoNames (geonames.org), CC BY 4.0"

// Kinds of place.
const (
	KindCity    = "city"
	KindCountry = "country"
	KindRegion  = "region" // a first-level administrative region: a US state, a Canadian province
)

// Place is a resolved place.
type Place struct {
	Name        string  // common English name: "Washington", "New York City", "Brazil"
	Country     string  // English country name: "United States"
	CountryCode string  // ISO 3166-1 alpha-2: "US"
	Admin1      string  // first-level region name, such as "Oregon"; empty for countries
	Admin1Code  string  // "US.OR"; empty for countries
	Lat, Lon    float64 // for a country, the coordinates of its capital
	Population  int
	Kind        string // KindCity, KindRegion or KindCountry
	Capital     bool   // a national capital
	// Alias is true when the place was found by another name than its own: an alternate
	// name ("Peking", "Cologne"), an abbreviation ("St. Paul") or a near spelling.
	Alias bool
}

// Region is a first-level administrative region (a US state, a Canadian province) or a
// country, as named in a dateline qualifier.
type Region struct {
	Name        string
	Country     string
	CountryCode string
	Admin1Code  string  // "OR" for Oregon; empty when the region is a whole country
	Lat, Lon    float64 // the population-weighted centre of its cities
}

type city struct {
	name     string
	key      string // Key(name)
	region   string // name of its first-level region, set by Load
	cc       string
	admin1   string
	lat, lon float64
	pop      int
	capital  bool
}

type country struct {
	code, name string
	capital    int32 // index in cities, -1 when unknown
}

// Gazetteer resolves names to places. Build it once with Load; it is safe for concurrent use.
type Gazetteer struct {
	cities    []city
	primary   map[string][]int32 // key of a city's own name -> cities, most populous first
	alternate map[string][]int32 // key of an alternate name -> cities, most populous first
	countries map[string]*country
	byCountry map[string]string   // key of a country name or alias -> code
	regions   map[string][]string // key of a region name or abbreviation -> "CC" or "CC.ADM1"
	admin1    map[string]string   // "US.OR" -> "Oregon"
	byRegion  map[string][]string // key of a region's own name (not an abbreviation) -> "CC.ADM1"
	centres   map[string][2]float64
	regionPop map[string]int // "US.OR" -> people in its listed cities
	names     bloom          // every key of byCountry, byRegion, primary and alternate
}

// bloom is a Bloom filter over name keys: Lookup asks it first, because most capitalised
// words in running text are no place, and two bit tests cost less than three lookups in maps
// of 200,000 names.
type bloom []uint64

// bloomBits is the size of the filter: 4M bits (512 KiB) for about 250,000 keys, two bits a
// key, so about one name in a hundred that is no place gets past it.
const bloomBits = 1 << 22

func bloomHash(k []byte) (uint32, uint32) {
	h := uint64(14695981039346656037) // FNV-1a
	for _, c := range k {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return uint32(h) & (bloomBits - 1), uint32(h>>32) & (bloomBits - 1)
}

func (b bloom) add(k string) {
	i, j := bloomHash([]byte(k))
	b[i/64] |= 1 << (i % 64)
	b[j/64] |= 1 << (j % 64)
}

// mayHold reports false when k is surely not a key added to b.
func (b bloom) mayHold(k []byte) bool {
	i, j := bloomHash(k)
	return b[i/64]&(1<<(i%64)) != 0 && b[j/64]&(1<<(j%64)) != 0
}

// Load parses the embedded gazetteer.
func Load() (*Gazetteer, error) {
	g := &Gazetteer{
		primary:   make(map[string][]int32, 40000),
		alternate: make(map[string][]int32, 200000),
		countries: make(map[string]*country, 260),
		byCountry: make(map[string]string, 400),
		regions:   make(map[string][]string, 4000),
		admin1:    make(map[string]string, 4000),
		byRegion:  make(map[string][]string, 4000),
	}
	if err := g.loadCities(); err != nil {
		return nil, err
	}
	if err := g.loadCountries(); err != nil {
		return nil, err
	}
	if err := g.loadAdmin1(); err != nil {
		return nil, err
	}
	g.addAliases()
	g.computeCentres()
	for i := range g.cities {
		c := &g.cities[i]
		c.key, c.region = Key(c.name), g.admin1[c.cc+"."+c.admin1]
	}
	g.names = make(bloom, bloomBits/64)
	for _, m := range []map[string][]int32{g.primary, g.alternate} {
		for k := range m {
			g.names.add(k)
		}
	}
	for k := range g.byCountry {
		g.names.add(k)
	}
	for k := range g.byRegion {
		g.names.add(k)
	}
	return g, nil
}

func (g *Gazetteer) loadCities() error {
	raw, err := data.ReadFile("data/places.tsv.gz")
	if err != nil {
		return fmt.Errorf("read embedded places: %w", err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return fmt.Errorf("read embedded places: %w", err)
	}
	return eachLine(zr, 8, func(c []string) error {
		lat, err1 := strconv.ParseFloat(c[2], 64)
		lon, err2 := strconv.ParseFloat(c[3], 64)
		pop, err3 := strconv.Atoi(c[6])
		if err1 != nil || err2 != nil || err3 != nil {
			return fmt.Errorf("place %q: bad number", c[0])
		}
		i := int32(len(g.cities))
		g.cities = append(g.cities, city{name: c[0], cc: c[4], admin1: c[5], lat: lat, lon: lon, pop: pop, capital: c[7] == "PPLC"})
		k := canon(c[0])
		g.primary[k] = appendUnique(g.primary[k], i)
		if c[1] == "" {
			return nil
		}
		for _, a := range strings.Split(c[1], "|") {
			k := canon(a)
			g.alternate[k] = appendUnique(g.alternate[k], i)
		}
		return nil
	})
}

func (g *Gazetteer) loadCountries() error {
	raw, err := data.ReadFile("data/countries.tsv")
	if err != nil {
		return fmt.Errorf("read embedded countries: %w", err)
	}
	return eachLine(bytes.NewReader(raw), 3, func(c []string) error {
		co := &country{code: c[0], name: c[1], capital: -1}
		best := -1
		for _, i := range g.primary[canon(c[2])] {
			if g.cities[i].cc != co.code {
				continue
			}
			if best < 0 || g.cities[i].capital && !g.cities[best].capital {
				best = int(i)
			}
		}
		if best >= 0 {
			co.capital = int32(best)
		}
		g.countries[co.code] = co
		g.byCountry[Key(co.name)] = co.code
		g.regions[Key(co.name)] = append(g.regions[Key(co.name)], co.code)
		return nil
	})
}

func (g *Gazetteer) loadAdmin1() error {
	raw, err := data.ReadFile("data/admin1.tsv")
	if err != nil {
		return fmt.Errorf("read embedded admin1: %w", err)
	}
	return eachLine(bytes.NewReader(raw), 3, func(c []string) error {
		g.admin1[c[0]] = c[1]
		for _, n := range []string{c[1], c[2]} {
			k := Key(n)
			if k != "" && !contains(g.regions[k], c[0]) {
				g.regions[k] = append(g.regions[k], c[0])
			}
			if k != "" && !contains(g.byRegion[k], c[0]) {
				g.byRegion[k] = append(g.byRegion[k], c[0])
			}
		}
		return nil
	})
}

// addAliases adds the names that news writers use for countries and US states but GeoNames
// does not list: AP state abbreviations, postal codes, "U.S.", "Britain", "West Germany".
func (g *Gazetteer) addAliases() {
	for alias, code := range countryAliases {
		g.byCountry[Key(alias)] = code
		g.regions[Key(alias)] = append(g.regions[Key(alias)], code)
	}
	for abbr, code := range usStates {
		k := Key(abbr)
		if !contains(g.regions[k], "US."+code) {
			// An abbreviation names the state first: "Ga." is Georgia, not the country.
			g.regions[k] = append([]string{"US." + code}, g.regions[k]...)
		}
	}
	for abbr, code := range caProvinces {
		k := Key(abbr)
		if !contains(g.regions[k], "CA."+code) {
			g.regions[k] = append(g.regions[k], "CA."+code)
		}
	}
}

func (g *Gazetteer) computeCentres() {
	type acc struct{ lat, lon, w float64 }
	sums := make(map[string]*acc, len(g.admin1))
	for _, c := range g.cities {
		k := c.cc + "." + c.admin1
		a := sums[k]
		if a == nil {
			a = &acc{}
			sums[k] = a
		}
		w := math.Sqrt(float64(c.pop))
		a.lat += c.lat * w
		a.lon += c.lon * w
		a.w += w
	}
	g.centres = make(map[string][2]float64, len(sums))
	for k, a := range sums {
		g.centres[k] = [2]float64{a.lat / a.w, a.lon / a.w}
	}
	g.regionPop = make(map[string]int, len(sums))
	for _, c := range g.cities {
		g.regionPop[c.cc+"."+c.admin1] += c.pop
	}
}

// Lookup resolves a place name, with an optional qualifier such as a US state abbreviation
// ("Ore.", "N.H."), a region ("Texas", "Ontario") or a country ("Italy"). A country name
// resolves to the country, located at its capital; otherwise the most populous city of that
// name wins, restricted to the qualifier's region when one is given and known. Lookup
// reports false when no place of that name is known (in the qualifier's region).
func (g *Gazetteer) Lookup(name, qualifier string) (Place, bool) {
	// The key is built in a stack buffer: map lookups with string(bytes) do not allocate,
	// and most names looked up in running text are not places.
	var buf [64]byte
	kb := appendKey(buf[:0], name)
	if len(kb) == 0 || !g.names.mayHold(kb) && !hasCanonPrefix(kb) {
		return Place{}, false
	}
	if qualifier == "" {
		if code, ok := g.byCountry[string(kb)]; ok {
			return g.country(code)
		}
	}
	kb = canonKey(kb)
	var regions []string
	if qualifier != "" {
		regions = g.regions[Key(qualifier)]
	}
	i := g.best(g.primary[string(kb)], regions)
	alias := false
	if i < 0 || g.cities[i].pop < 50000 && !g.cities[i].capital {
		// An alternate name wins over a much smaller town of that very name, or when
		// there is no such town: "Geneva" is Genève, not Geneva, Illinois.
		if j := g.best(g.alternate[string(kb)], regions); j >= 0 && (i < 0 || g.altWins(j, i)) {
			i, alias = j, true
		}
	}
	if i < 0 {
		return Place{}, false
	}
	p := g.place(i)
	if !alias {
		kb = appendKey(buf[:0], name) // kb may have been abbreviated by canonKey
		alias = string(kb) != g.cities[i].key
	}
	p.Alias = alias
	return p, true
}

// altWins reports whether city j, found by an alternate name, is better known than city i,
// a town of that very name: a national capital, twenty times its size, or a city of
// 100,000 people five times its size.
func (g *Gazetteer) altWins(j, i int) bool {
	a, b := g.cities[j], g.cities[i]
	return a.capital && !b.capital || a.pop > 20*b.pop || a.pop >= 100000 && a.pop > 5*b.pop
}

// Near resolves a misspelt name of a large city or a country ("ALTANTA", "PHILADEPHIA"):
// the most populous city of at least 300,000 people whose name is one edit away (two for
// names of eight letters or more), counting a swap of two letters as one edit. Use it
// only where the text is known to name a place, such as a dateline.
func (g *Gazetteer) Near(name string) (Place, bool) {
	k := canon(name)
	maxEdits := 1
	if len(k) >= 8 {
		maxEdits = 2
	}
	if len(k) < 5 {
		return Place{}, false
	}
	for i, c := range g.cities { // most populous first
		if c.pop < 300000 {
			break
		}
		ck := canon(c.name)
		if abs(len(ck)-len(k)) <= maxEdits && osaDistance(ck, k) <= maxEdits {
			p := g.place(i)
			p.Alias = true
			return p, true
		}
	}
	return Place{}, false
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// osaDistance is the optimal string alignment distance of two ASCII strings: insertions,
// deletions, substitutions and swaps of adjacent letters.
func osaDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// City is like Lookup but never resolves to a country.
func (g *Gazetteer) City(name, qualifier string) (Place, bool) {
	if qualifier == "" {
		if _, ok := g.byCountry[Key(name)]; ok {
			return Place{}, false
		}
	}
	return g.Lookup(name, qualifier)
}

// best returns the most populous city among cands in one of regions (any region when
// regions is empty), or -1.
func (g *Gazetteer) best(cands []int32, regions []string) int {
	for _, i := range cands { // cands are sorted by population, largest first
		if len(regions) == 0 || g.inRegions(int(i), regions) {
			return int(i)
		}
	}
	return -1
}

func (g *Gazetteer) inRegions(i int, regions []string) bool {
	c := g.cities[i]
	for _, r := range regions {
		cc, adm, _ := strings.Cut(r, ".")
		if cc == c.cc && (adm == "" || adm == c.admin1) {
			return true
		}
	}
	return false
}

func (g *Gazetteer) place(i int) Place {
	c := g.cities[i]
	p := Place{Name: c.name, CountryCode: c.cc, Admin1: c.region, Lat: c.lat, Lon: c.lon,
		Population: c.pop, Kind: KindCity, Capital: c.capital}
	if c.region != "" {
		p.Admin1Code = c.cc + "." + c.admin1
	}
	if co := g.countries[c.cc]; co != nil {
		p.Country = co.name
	}
	return p
}

// Country resolves a country name or common alias ("U.S.", "Britain") to the country,
// with the coordinates of its capital.
func (g *Gazetteer) Country(name string) (Place, bool) {
	var buf [64]byte
	code, ok := g.byCountry[string(appendKey(buf[:0], name))]
	if !ok {
		return Place{}, false
	}
	return g.country(code)
}

// country returns the country of an ISO code, located at its capital.
func (g *Gazetteer) country(code string) (Place, bool) {
	co := g.countries[code]
	if co == nil {
		return Place{}, false
	}
	p := Place{Name: co.name, Country: co.name, CountryCode: co.code, Kind: KindCountry}
	if co.capital >= 0 {
		c := g.cities[co.capital]
		p.Lat, p.Lon = c.lat, c.lon
	}
	return p, true
}

// Region resolves a dateline qualifier ("Calif.", "N.H.", "Ontario", "Italy") to a region.
// A region named in several countries resolves to the first listed, US states first.
func (g *Gazetteer) Region(qualifier string) (Region, bool) {
	rs := g.regions[Key(qualifier)]
	if len(rs) == 0 {
		return Region{}, false
	}
	cc, adm, _ := strings.Cut(rs[0], ".")
	co := g.countries[cc]
	if co == nil {
		return Region{}, false
	}
	r := Region{Name: co.name, Country: co.name, CountryCode: cc, Admin1Code: adm}
	if adm == "" {
		if co.capital >= 0 {
			r.Lat, r.Lon = g.cities[co.capital].lat, g.cities[co.capital].lon
		}
		return r, true
	}
	r.Name = g.admin1[rs[0]]
	c, ok := g.centres[rs[0]]
	if !ok {
		return Region{}, false
	}
	r.Lat, r.Lon = c[0], c[1]
	return r, true
}

// IsCountry reports whether name is a country name or a common alias of one.
func (g *Gazetteer) IsCountry(name string) bool {
	_, ok := g.byCountry[Key(name)]
	return ok
}

var foldMarks = runes.Remove(runes.In(unicode.Mn))

// Key is the lookup key of a name: lower-case ASCII letters and digits only, diacritics
// removed ("São Paulo" -> "saopaulo", "ST. LOUIS" -> "stlouis").
func Key(s string) string {
	return string(appendKey(nil, s))
}

// appendKey appends the Key of s to dst.
func appendKey(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		// Only letters and marks can decompose to ASCII letters; other runes (dashes, curly
		// quotes) are dropped below anyway, so they need no costly normalisation.
		if unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) {
			if t, _, err := transform.String(transform.Chain(norm.NFD, foldMarks), s); err == nil {
				s = t
			}
			break
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			dst = append(dst, c)
		case c >= 'A' && c <= 'Z':
			dst = append(dst, c+'a'-'A')
		}
	}
	return dst
}

// canon is the map key of a name: its Key with a leading "Saint", "Fort" or "Mount"
// abbreviated, so that "St. Louis" and "Saint Louis" find the same city.
func canon(name string) string {
	return string(canonKey(appendKey(nil, name)))
}

// hasCanonPrefix reports whether canonKey would change k.
func hasCanonPrefix(k []byte) bool {
	for _, p := range []string{"saint", "fort", "mount"} {
		if len(k) > len(p)+2 && string(k[:len(p)]) == p {
			return true
		}
	}
	return false
}

// canonKey abbreviates a leading "saint", "fort" or "mount" of a key in place.
func canonKey(k []byte) []byte {
	for _, p := range [][2]string{{"saint", "st"}, {"fort", "ft"}, {"mount", "mt"}} {
		if len(k) > len(p[0])+2 && string(k[:len(p[0])]) == p[0] {
			n := copy(k, p[1])
			n += copy(k[n:], k[len(p[0]):])
			return k[:n]
		}
	}
	return k
}

func appendUnique(s []int32, i int32) []int32 {
	if len(s) > 0 && s[len(s)-1] == i {
		return s
	}
	return append(s, i)
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func eachLine(r io.Reader, cols int, fn func([]string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<22)
	for sc.Scan() {
		c := strings.Split(sc.Text(), "\t")
		if len(c) < cols {
			return fmt.Errorf("gazetteer line %q: %d columns, want %d", sc.Text(), len(c), cols)
		}
		if err := fn(c); err != nil {
			return err
		}
	}
	return sc.Err()
}

// maxCandidates bounds the cities of one name that Candidates returns.
const maxCandidates = 8

// Candidates appends to dst every place that name may denote, to be chosen between by
// context: the country of that name, the first-level regions of that name ("Virginia", a
// US state), and the cities of that name, most populous first (at most maxCandidates),
// then the large cities that have it as another name ("Peking"), marked Alias. A qualifier
// restricts the cities and regions to its region, as in Lookup.
func (g *Gazetteer) Candidates(dst []Place, name, qualifier string) []Place {
	var buf [64]byte
	kb := appendKey(buf[:0], name)
	if len(kb) == 0 || !g.names.mayHold(kb) && !hasCanonPrefix(kb) {
		return dst
	}
	var regions []string
	if qualifier != "" {
		regions = g.regions[Key(qualifier)]
	}
	start := len(dst)
	if qualifier == "" {
		if code, ok := g.byCountry[string(kb)]; ok {
			if p, ok := g.country(code); ok {
				dst = append(dst, p)
			}
		}
	}
	for _, code := range g.byRegion[string(kb)] {
		if len(regions) > 0 && !contains(regions, code) && !contains(regions, code[:2]) {
			continue
		}
		if r, ok := g.RegionByCode(code); ok {
			dst = append(dst, r)
		}
	}
	own := string(kb)
	kb = canonKey(kb)
	n := 0
	for _, i := range g.primary[string(kb)] {
		if n == maxCandidates {
			break
		}
		if len(regions) == 0 || g.inRegions(int(i), regions) {
			p := g.place(int(i))
			p.Alias = own != g.cities[i].key
			dst = append(dst, p)
			n++
		}
	}
	for _, i := range g.alternate[string(kb)] {
		if n == maxCandidates {
			break
		}
		c := g.cities[i]
		if c.pop < 50000 && !c.capital || g.hasCity(dst[start:], int(i)) {
			continue
		}
		if len(regions) == 0 || g.inRegions(int(i), regions) {
			p := g.place(int(i))
			p.Alias = true
			dst = append(dst, p)
			n++
		}
	}
	return dst
}

// hasCity reports whether ps holds city i already.
func (g *Gazetteer) hasCity(ps []Place, i int) bool {
	c := g.cities[i]
	for _, p := range ps {
		if p.Kind == KindCity && p.Name == c.name && p.Lat == c.lat && p.Lon == c.lon {
			return true
		}
	}
	return false
}

// RegionByCode returns the first-level region of a GeoNames code ("US.VA") as a place of
// KindRegion, at the population-weighted centre of its cities, with their population.
func (g *Gazetteer) RegionByCode(code string) (Place, bool) {
	name, ok := g.admin1[code]
	if !ok {
		return Place{}, false
	}
	c, ok := g.centres[code]
	if !ok {
		return Place{}, false // no listed city: no coordinates
	}
	cc := code[:2]
	p := Place{Name: name, CountryCode: cc, Admin1: name, Admin1Code: code, Lat: c[0], Lon: c[1],
		Population: g.regionPop[code], Kind: KindRegion}
	if co := g.countries[cc]; co != nil {
		p.Country = co.name
	}
	return p, true
}

// CountryName returns the English name of the country of an ISO code, or "".
func (g *Gazetteer) CountryName(code string) string {
	if co := g.countries[code]; co != nil {
		return co.name
	}
	return ""
}
