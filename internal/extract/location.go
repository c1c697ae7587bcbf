package extract

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/searchd/searchd/internal/geo"
	"github.com/searchd/searchd/internal/news"
)

// placeFinder resolves datelines and place names against the gazetteer.
type placeFinder struct {
	gaz  *geo.Gazetteer
	pool sync.Pool // *placeScratch, so that texts reuse the word and run buffers
}

// placeScratch holds the buffers of placeRuns for one text. Nothing mentions returns points
// into them.
type placeScratch struct {
	words []string
	runs  []placeRun
}

func newPlaceFinder() (*placeFinder, error) {
	g, err := geo.Load()
	if err != nil {
		return nil, fmt.Errorf("load gazetteer: %w", err)
	}
	return &placeFinder{gaz: g}, nil
}

// find returns the place a was filed from (nil when unknown) and the places it names.
//
// The place comes from, in order: a dateline in the opening lines of the body; the
// dateline or the single place given in metadata; a place that the opening paragraphs name
// prominently. A place that cannot be resolved is left out rather than guessed.
func (f *placeFinder) find(a news.Article) (*news.Location, []string) {
	places := f.places(a.Body)
	if d, ok := findDateline(a.Body); ok {
		if loc := f.resolveDateline(d); loc != nil {
			loc.Source = news.LocationDateline
			return loc, places
		}
	}
	if loc := f.fromMeta(a.Meta); loc != nil {
		loc.Source = news.LocationMetadata
		return loc, places
	}
	if loc := f.fromText(a.Title, a.Body); loc != nil {
		loc.Source = news.LocationText
		return loc, places
	}
	return nil, places
}

// landmarks are dateline places that are not towns.
var landmarks = map[string][2]string{ // key -> name, city it lies in
	"unitednations": {"United Nations", "New York"},
	"westberlin":    {"West Berlin", "Berlin"},
	"eastberlin":    {"East Berlin", "Berlin"},
}

// displayNames shortens GeoNames names to the form news text uses.
var displayNames = map[string]string{
	"New York City": "New York",
}

// modernNames are former English names of cities that are now known by another one; a
// dateline that uses one is shown with the current name.
var modernNames = map[string]string{
	"peking": "Beijing", "bombay": "Mumbai", "rangoon": "Yangon", "madras": "Chennai",
	"calcutta": "Kolkata", "saigon": "Ho Chi Minh City", "leningrad": "Saint Petersburg",
}

// placeName is the name to show for p, found as query: the gazetteer's name when the query
// spells it, else the query's own spelling, which is the English or local form the writer
// used ("Cologne", "St. Paul", "Frankfurt") and not the gazetteer's ("Köln", "Saint Paul",
// "Frankfurt am Main").
func placeName(p geo.Place, query string) string {
	if n, ok := modernNames[geo.Key(query)]; ok {
		return n
	}
	if p.Alias && p.Kind == geo.KindCity {
		return placeTitleCase(query)
	}
	if n, ok := displayNames[p.Name]; ok {
		return n
	}
	return p.Name
}

// resolve turns a dateline place and qualifier into a location. A town too small for the
// gazetteer keeps its own name and gets the coordinates of the centre of the region its
// qualifier names ("COMMACK, N.Y." is placed in New York state).
func (f *placeFinder) resolve(place, qualifier string) *news.Location {
	place = strings.TrimSpace(place)
	if lm, ok := landmarks[geo.Key(place)]; ok && qualifier == "" {
		p, ok := f.gaz.Lookup(lm[1], "")
		if !ok {
			return nil
		}
		return &news.Location{Name: lm[0], Country: p.Country, Lat: p.Lat, Lon: p.Lon}
	}
	if p, ok := f.gaz.Lookup(place, qualifier); ok {
		return &news.Location{Name: placeName(p, place), Country: p.Country, Lat: p.Lat, Lon: p.Lon}
	}
	if qualifier == "" {
		return nil
	}
	r, ok := f.gaz.Region(qualifier)
	if !ok {
		return nil
	}
	return &news.Location{Name: placeTitleCase(place), Country: r.Country, Lat: r.Lat, Lon: r.Lon}
}

// resolveDateline resolves the place of a dateline, allowing for a misspelt name of a large
// city when the dateline is in capitals and has an agency or a date.
func (f *placeFinder) resolveDateline(d dateline) *news.Location {
	if loc := f.resolve(d.Place, d.Qualifier); loc != nil || d.Qualifier != "" {
		return loc
	}
	if !dlIsUpper(d.Place) || d.Agency == "" && d.Month == 0 {
		return nil
	}
	p, ok := f.gaz.Near(d.Place)
	if !ok {
		return nil
	}
	return &news.Location{Name: placeTitleCase(d.Place), Country: p.Country, Lat: p.Lat, Lon: p.Lon}
}

// fromMeta resolves Meta["dateline"], or Meta["places"] when it names exactly one place.
func (f *placeFinder) fromMeta(meta map[string]string) *news.Location {
	if dl := strings.TrimSpace(meta["dateline"]); dl != "" {
		var d dateline
		if d.parseHead(strings.TrimRight(dl, " -–—")) {
			if loc := f.resolve(d.Place, d.Qualifier); loc != nil {
				return loc
			}
		}
	}
	ps := strings.FieldsFunc(meta["places"], func(r rune) bool { return strings.ContainsRune(",;|[]\"", r) })
	if len(ps) == 1 {
		name := strings.ReplaceAll(strings.TrimSpace(ps[0]), "-", " ")
		return f.resolve(name, "")
	}
	return nil
}

// fromText returns a place named prominently in the lead (the first two sentences of the
// opening paragraph), or nil: the first
// city of some size (or qualified by its region, "Koszalin, Poland") named there with at
// least two of these signs of prominence, one of them one of the first two:
//
//   - it follows a preposition of place or "city of": "in Manchester", "the city of Mombasa";
//   - the title names it too ("Paris museum reopens");
//   - the opening paragraphs name it again;
//   - a region qualifies it, or the title or opening name its country or region ("Wales");
//   - it is a national capital or a city of a million people.
//
// A city found only by another name than its own is left out, as is a mention at the start
// of a sentence (see mentions).
func (f *placeFinder) fromText(title, body string) *news.Location {
	opening := placeOpening(body, 3)
	first := placeLead(placeOpening(body, 1), 2)
	context := title + "\n" + opening
	for _, m := range f.mentions(first) {
		if m.place.Kind != geo.KindCity || m.place.Alias {
			continue
		}
		if m.place.Population < minListedPopulation && !m.qualified {
			continue
		}
		inTitle := strings.Contains(title, m.text)
		if !m.afterIn && !inTitle {
			continue // "the clash with Barcelona": a club, not the place
		}
		signs := 0
		if m.afterIn {
			signs++
		}
		if inTitle {
			signs++
		}
		if strings.Count(opening, m.text) >= 2 {
			signs++
		}
		if m.qualified || strings.Contains(context, m.place.Country) ||
			m.place.Admin1 != "" && strings.Contains(context, m.place.Admin1) {
			signs++
		}
		if m.place.Capital || m.place.Population >= 1000000 {
			signs++
		}
		if signs < 2 {
			continue
		}
		p := m.place
		return &news.Location{Name: placeName(p, m.text), Country: p.Country, Lat: p.Lat, Lon: p.Lon}
	}
	return nil
}

// placeLead returns the first n sentences of a paragraph: the lead, where a report says
// where it happened, and not the later sentences of a long paragraph.
func placeLead(para string, n int) string {
	for i := 0; i+2 < len(para); i++ {
		c := para[i]
		if (c == '.' || c == '?' || c == '!') && para[i+1] == ' ' && para[i+2] >= 'A' && para[i+2] <= 'Z' {
			if n--; n == 0 {
				return para[:i+1]
			}
		}
	}
	return para
}

// placeOpening returns the first n paragraphs of body that are not a date or byline line.
func placeOpening(body string, n int) string {
	var b strings.Builder
	for line := range strings.Lines(body) {
		line = strings.TrimSpace(line)
		if len(line) < 40 || strings.HasPrefix(line, "By ") {
			continue
		}
		b.WriteString(line)
		b.WriteByte('\n')
		if n--; n == 0 {
			break
		}
	}
	return b.String()
}

// placeMention is a known place named in text.
type placeMention struct {
	text      string
	place     geo.Place
	afterIn   bool // preceded by a preposition of place: "in", "from", "at", "near"
	qualified bool // followed by ", <region>": "Springfield, Illinois"
}

// Smallest population of a city that Places lists when it is named without context.
const minListedPopulation = 100000

// placeNever are names that GeoNames lists as towns but that news text uses for something
// else: months, continents, buildings, common words.
var placeNever = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true,
	"december": true, "asia": true, "europe": true, "africa": true, "america": true,
	"oceania": true, "antarctica": true, "whitehouse": true, "capitolhill": true, "of": true,
	"union": true, "independence": true, "liberty": true, "normal": true, "justice": true,
	"enterprise": true, "commerce": true, "providence": true, "mobile": true, "reading": true,
	"nice": true, "split": true, "bath": true, "orange": true, "trump": true, "obama": true,
	"biden": true, "hollywood": true, "sale": true, "wells": true, "bury": true, "deal": true,
	"man": true, "police": true,
}

// placeAmbiguous are place names that are as often a person's name; they count as places
// only after a preposition of place or with a qualifier ("in Jordan", "Lincoln, Neb.").
var placeAmbiguous = map[string]bool{
	"jordan": true, "chad": true, "georgia": true, "victoria": true, "florence": true,
	"york": true, "lincoln": true, "hamilton": true, "jackson": true, "madison": true,
	"austin": true, "charlotte": true, "aurora": true, "marion": true, "tyler": true,
	"clinton": true, "warren": true, "franklin": true, "kent": true, "mercedes": true,
	"santiago": true, "bradford": true, "preston": true, "chester": true, "salem": true,
	"troy": true, "burlington": true, "columbia": true, "wellington": true, "concord": true,
	"darwin": true, "nelson": true, "gary": true, "eugene": true, "lafayette": true,
	"irving": true, "pueblo": true, "laval": true, "surrey": true, "buffalo": true,
	"sterling": true,
}

// mentions returns the known places named in text, in order: maximal runs of placeCapitalised
// words that are a country name, or a city of some size, or any listed city that a
// preposition or a region qualifier marks as a place.
func (f *placeFinder) mentions(text string) []placeMention {
	sc, _ := f.pool.Get().(*placeScratch)
	if sc == nil {
		sc = &placeScratch{}
	}
	var out []placeMention
	sc.runs, sc.words = placeRuns(text, sc.runs, sc.words)
	for _, t := range sc.runs {
		m, found := f.mention(t)
		if !found {
			// not one name: try its parts ("France and Germany"), which hold no "and"
			for _, part := range splitRun(t) {
				if m, found := f.mention(part); found && m.text != "" {
					out = append(out, m)
				}
			}
			continue
		}
		if m.text != "" {
			out = append(out, m)
		}
	}
	clear(sc.words) // drop references to text
	f.pool.Put(sc)
	return out
}

// mention checks one run: found reports whether the gazetteer knows the name, and m.text is
// empty when the run is still no place mention (a surname, a month, a small town alone).
func (f *placeFinder) mention(t placeRun) (m placeMention, found bool) {
	// Lookup first: it does not allocate, and most runs are not places.
	p, ok := f.gaz.Lookup(t.text, t.qualifier)
	if !ok {
		return placeMention{}, false
	}
	k := geo.Key(t.text)
	if placeNever[k] || placeAmbiguous[k] && !t.afterIn && t.qualifier == "" {
		return placeMention{}, true
	}
	if t.sentenceStart && p.Kind != geo.KindCountry {
		return placeMention{}, true
	}
	if p.Kind == geo.KindCity && !t.afterIn && t.qualifier == "" && !p.Capital &&
		(p.Population < minListedPopulation || p.Population < 1000000 && !strings.Contains(t.text, " ")) {
		// A lone word that names a town is as likely a surname ("Bolton said").
		return placeMention{}, true
	}
	if p.Kind == geo.KindCity && geo.Key(p.Name) != k && !strings.HasPrefix(geo.Key(p.Name), k) {
		// Found by an alternate name: only trust that for large cities ("Peking").
		if p.Population < 1000000 {
			return placeMention{}, true
		}
	}
	return placeMention{text: t.text, place: p, afterIn: t.afterIn, qualified: t.qualifier != ""}, true
}

// places lists the countries and cities that body names, canonical names, unique, in order of
// first placeMention.
func (f *placeFinder) places(body string) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range f.mentions(body) {
		name := m.place.Name // canonical: one name per place, whatever the spelling
		if n, ok := displayNames[name]; ok {
			name = n
		}
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	return out
}

// placeRun is a maximal run of placeCapitalised words in text.
type placeRun struct {
	text      string
	afterIn   bool
	qualifier string // a placeCapitalised run after a comma, when it names a region
	// sentenceStart marks a single word that opens a sentence, so that its capital says
	// nothing about it being a name.
	sentenceStart bool
}

var placePrepositions = map[string]bool{"in": true, "from": true, "at": true, "near": true, "to": true,
	"outside": true, "across": true, "visit": true, "visited": true, "visiting": true}

// placeConnectors may join placeCapitalised words inside one name: "Rio de Janeiro", "Bosnia and Herzegovina".
var placeConnectors = map[string]bool{"de": true, "da": true, "do": true, "del": true, "and": true, "of": true, "la": true, "es": true}

// splitRun splits a run that is not one name at "and" ("France and Germany").
func splitRun(t placeRun) []placeRun {
	if !strings.Contains(t.text, " and ") {
		return nil
	}
	parts := strings.Split(t.text, " and ")
	if len(parts) == 1 {
		return nil
	}
	out := make([]placeRun, len(parts))
	for i, p := range parts {
		out[i] = placeRun{text: p, afterIn: t.afterIn}
	}
	out[len(out)-1].qualifier = t.qualifier
	return out
}

// placeRuns splits text into words and returns its maximal runs of placeCapitalised words
// (joined by placeConnectors).
//
// The runs are appended to runs[:0] and words is scratch space; both may be nil, and are
// returned for reuse.
func placeRuns(text string, runs []placeRun, words []string) ([]placeRun, []string) {
	words = placeWords(words[:0], text)
	out := runs[:0]
	var parts []string // the words of the current run, reused
	for i := 0; i < len(words); {
		if !placeMayStartName(words[i]) {
			i++
			continue
		}
		w := placeTrimWord(words[i])
		if !placeCapitalised(w) {
			i++
			continue
		}
		start := i
		parts = append(parts[:0], w)
		end := i + 1
		for end < len(words) && !placeEndsClause(words[end-1]) && !placePossessive(words[end-1]) {
			nw := placeTrimWord(words[end])
			if placeCapitalised(nw) {
				parts = append(parts, nw)
				end++
				continue
			}
			if placeConnectors[nw] && end+1 < len(words) && placeCapitalised(placeTrimWord(words[end+1])) && !placeEndsClause(words[end]) {
				parts = append(parts, nw)
				end++
				continue
			}
			break
		}
		run := placeRun{text: parts[0]}
		if len(parts) > 1 {
			run.text = strings.Join(parts, " ")
		}
		if start > 0 {
			run.afterIn = placePreposition(words[start-1])
		}
		sentenceStart := start == 0 || placeEndsSentence(words[start-1])
		if strings.HasSuffix(words[end-1], ",") && end < len(words) {
			if q := placeTrimWord(words[end]); placeCapitalised(q) {
				run.qualifier = q
				if end+1 < len(words) && placeCapitalised(placeTrimWord(words[end+1])) && !placeEndsClause(words[end]) {
					run.qualifier = q + " " + placeTrimWord(words[end+1])
				}
			}
		}
		run.sentenceStart = sentenceStart && run.qualifier == "" && len(parts) == 1
		out = append(out, run)
		i = end
	}
	for i := range out {
		if out[i].qualifier != "" && !placeRegionWord(out[i].qualifier) {
			out[i].qualifier = ""
		}
	}
	return out, words
}

// placeWords splits text at white space, as strings.Fields does, but without its slow path
// for text that is not ASCII (most news text has a curly quote or a dash).
func placeWords(out []string, text string) []string {
	i := 0
	for i < len(text) {
		for i < len(text) { // white space
			c := text[i]
			if c > ' ' && c < utf8.RuneSelf {
				break
			}
			if c < utf8.RuneSelf {
				if c != ' ' && (c < '\t' || c > '\r') {
					break
				}
				i++
				continue
			}
			r, n := utf8.DecodeRuneInString(text[i:])
			if !unicode.IsSpace(r) {
				break
			}
			i += n
		}
		start := i
		for i < len(text) { // a word
			c := text[i]
			if c > ' ' && c < utf8.RuneSelf { // most bytes: ASCII letters, digits and punctuation
				i++
				continue
			}
			if c < utf8.RuneSelf {
				if c == ' ' || '\t' <= c && c <= '\r' {
					break
				}
				i++
				continue
			}
			r, n := utf8.DecodeRuneInString(text[i:])
			if unicode.IsSpace(r) {
				break
			}
			i += n
		}
		if i > start {
			out = append(out, text[start:i])
		}
	}
	return out
}

// placeMayStartName is a quick test that rules out most words before they are trimmed: a
// word whose first character after opening quotes is an ASCII lower-case letter, a digit or
// a punctuation mark cannot be placeCapitalised.
func placeMayStartName(w string) bool {
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c == '"' || c == '\'' || c == '(':
			continue
		case c >= 'A' && c <= 'Z', c >= utf8.RuneSelf:
			return true
		default:
			return false
		}
	}
	return false
}

// placePreposition reports whether w is one of placePrepositions, in any case, without
// allocating.
func placePreposition(w string) bool {
	var buf [16]byte
	if len(w) > len(buf) {
		return false // longer than any of them, in any case
	}
	b := buf[:0]
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return placePrepositions[placeLower(w)]
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return placePrepositions[string(b)]
}

// placeLower lower-cases w, without allocating when it already is lower-case ASCII.
func placeLower(w string) string {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf {
			return strings.ToLower(w)
		}
	}
	return w
}

// placeRegionWord is a cheap filter for qualifiers: short placeCapitalised words or abbreviations.
func placeRegionWord(q string) bool { return len(q) <= 20 }

// placeTrimWord strips the quotes and brackets around a word, the punctuation after it and
// a possessive "'s": "(Paris," -> "Paris", "London’s" -> "London".
func placeTrimWord(w string) string {
	for w != "" {
		r, n := utf8.DecodeRuneInString(w)
		if r != '"' && r != '\'' && r != '“' && r != '‘' && r != '(' {
			break
		}
		w = w[n:]
	}
	w = trimRightFunc(w, func(r rune) bool {
		switch r {
		case ',', '.', ';', ':', '!', '?', '"', '\'', '”', '’', ')':
			return true
		}
		return false
	})
	w = strings.TrimSuffix(w, "’s")
	w = strings.TrimSuffix(w, "'s")
	return w
}

func placeCapitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) || len(w) < 2 {
		return false
	}
	// All-capital words are acronyms or shouting, not place names in running text, except
	// the few that are ("U.S.", "UK").
	switch w {
	case "U.S.", "U.S", "UK", "U.K.", "U.K", "UAE":
		return true
	}
	return !dlIsUpper(w)
}

// placePossessive reports whether w ends in a possessive, which ends a name: "London's Underground".
func placePossessive(w string) bool {
	w = trimRightFunc(w, func(r rune) bool {
		return r == ',' || r == '.' || r == ';' || r == ':' || r == '!' || r == '?' || r == '"' || r == '”' || r == ')'
	})
	return strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s")
}

func placeEndsClause(w string) bool {
	return strings.HasSuffix(w, ",") || strings.HasSuffix(w, ";") || strings.HasSuffix(w, ":") || placeEndsSentence(w)
}

func placeEndsSentence(w string) bool {
	w = trimRightFunc(w, func(r rune) bool { return r == '"' || r == '\'' || r == '”' || r == '’' || r == ')' })
	if w == "U.S." || w == "U.K." {
		return false
	}
	return strings.HasSuffix(w, ".") || strings.HasSuffix(w, "!") || strings.HasSuffix(w, "?")
}

// trimRightFunc is strings.TrimRightFunc, inlined for the short words of placeRuns.
func trimRightFunc(w string, f func(rune) bool) string {
	for w != "" {
		r, n := rune(w[len(w)-1]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeLastRuneInString(w)
		}
		if !f(r) {
			break
		}
		w = w[:len(w)-n]
	}
	return w
}

// placeTitleCase writes a place name in capitals or in lower case in title case:
// "OLD BETHPAGE" -> "Old Bethpage". Names in mixed case are returned as they are.
func placeTitleCase(s string) string {
	if !dlIsUpper(s) && s != strings.ToLower(s) {
		return s
	}
	var b strings.Builder
	up := true
	for _, r := range s {
		if up {
			b.WriteRune(r)
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
		up = !unicode.IsLetter(r) && r != '\''
	}
	return b.String()
}
