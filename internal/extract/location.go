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
	lex  *placeLexicon
	pool sync.Pool // *placeScratch, so that texts reuse the word, run and mention buffers
}

// placeScratch holds the buffers of one article's place finding.
type placeScratch struct {
	words    []string
	runs     []placeRun
	cands    []geo.Place
	ms       []placeMention
	surnames []string       // keys of last words of names of people in the article
	named    []placeNamed   // countries and regions the article names unambiguously
	counts   map[string]int // country code -> unambiguous mentions
	top      string         // the country of most unambiguous mentions
	topCount int
}

func (f *placeFinder) putScratch(sc *placeScratch) {
	clear(sc.words) // drop references to the text
	clear(sc.ms)
	sc.ms = sc.ms[:0]
	clear(sc.surnames)
	f.pool.Put(sc)
}

func newPlaceFinder() (*placeFinder, error) {
	g, err := geo.Load()
	if err != nil {
		return nil, fmt.Errorf("load gazetteer: %w", err)
	}
	lex, err := loadPlaceLexicon()
	if err != nil {
		return nil, err
	}
	return &placeFinder{gaz: g, lex: lex}, nil
}

// find returns the place a was filed from (nil when unknown) and the places it names, as
// facet labels (news.Location.Label).
//
// The place comes from, in order: a dateline in the opening lines of the body; the
// dateline or the single place given in metadata; a place where, the opening paragraphs
// say, the reported statement or event happened ("told reporters in Paris", marked
// news.LocationText). A place the story is only about stays in the places. A place that
// cannot be resolved is left out rather than guessed.
func (f *placeFinder) find(a news.Article) (*news.Location, []string) {
	sc, _ := f.pool.Get().(*placeScratch)
	if sc == nil {
		sc = &placeScratch{}
	}
	defer f.putScratch(sc)
	ms := f.scan(sc, a)
	places := placeLabels(ms)
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
	if loc := fromText(ms); loc != nil {
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
		return &news.Location{Name: lm[0], Country: p.Country, Region: p.Admin1, Lat: p.Lat, Lon: p.Lon}
	}
	if p, ok := f.gaz.Lookup(place, qualifier); ok {
		return &news.Location{Name: placeName(p, place), Country: p.Country, Region: p.Admin1, Lat: p.Lat, Lon: p.Lon}
	}
	if qualifier == "" {
		return nil
	}
	r, ok := f.gaz.Region(qualifier)
	if !ok {
		return nil
	}
	loc := &news.Location{Name: placeTitleCase(place), Country: r.Country, Lat: r.Lat, Lon: r.Lon}
	if r.Admin1Code != "" {
		loc.Region = r.Name
	}
	return loc
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
	return &news.Location{Name: placeTitleCase(d.Place), Country: p.Country, Region: p.Admin1, Lat: p.Lat, Lon: p.Lon}
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

// placeRun is a maximal run of placeCapitalised words in text.
type placeRun struct {
	text       string
	start, end int // its words in the text: [start, end)
	afterIn    bool
	qualifier  string // a placeCapitalised run after a comma, when it names a region
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
		out[i] = placeRun{text: p, start: t.start, end: t.end, afterIn: t.afterIn}
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
		run := placeRun{text: parts[0], start: start, end: end}
		if len(parts) > 1 {
			run.text = strings.Join(parts, " ")
		}
		if start > 0 {
			run.afterIn = placePreposition(words[start-1])
		}
		sentenceStart := start == 0 || placeEndsSentence(words[start-1])
		if strings.HasSuffix(words[end-1], ",") && end < len(words) {
			if q := placeTrimWord(words[end]); placeCapitalised(q) || strings.Contains(q, ".") && dlIsUpper(q) { // "Rochester, N.H."
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
