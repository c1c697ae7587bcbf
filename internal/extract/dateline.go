package extract

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// dateline is the opening of a wire story that says where (and sometimes when) it was filed:
// "WASHINGTON (AP) —", "HOUSTON, Jan 27 (Reuters) -", "SALVADOR, Feb 26 -".
type dateline struct {
	Place     string     // "ALEXANDRIA"
	Qualifier string     // "Va."; empty when none
	Agency    string     // "AP", "Reuters"; empty when none
	Month     time.Month // zero when the dateline has no date
	Day       int
	Rest      string // the text after the dateline
}

// Limits that keep dateline parsing to the opening of a line.
const (
	maxDatelineBytes = 80 // place, qualifier, date and agency together
	maxPlaceWords    = 5
)

// noDashAgencies are the outlets whose datelines end at the closing bracket, with no dash:
// "Washington (CNN) The Senate ...".
var noDashAgencies = map[string]bool{"CNN": true, "CNN Business": true, "CNNMoney": true}

// parseDateline parses a dateline at the start of line. It accepts
//
//	PLACE[, Qualifier][, Mon DD] (Agency) -      any dash: -, –, —, or a colon
//	Place[, Qualifier] (CNN) Text                 no dash after the outlets of noDashAgencies
//	PLACE[, Qualifier], Mon DD -                 the 1987 Reuters layout, any case
//	PLACE[, Qualifier] -                         only when PLACE is in capitals
//
// and reports false for anything else. It does not consult the gazetteer.
func parseDateline(line string) (dateline, bool) {
	line = strings.TrimLeft(line, " \t\u00a0*")
	head := line
	if len(head) > maxDatelineBytes+8 {
		head = head[:maxDatelineBytes+8]
	}
	var d dateline
	// Find the dash (or the agency in parentheses) that ends the dateline.
	end, restAt := -1, -1
	if i := strings.IndexByte(head, '('); i > 0 {
		j := strings.IndexByte(head[i:], ')')
		if j > 1 && j < 40 {
			agency := strings.TrimSpace(head[i+1 : i+j])
			if k, ok := dashAfter(line, i+j+1); ok && isAgency(agency) {
				d.Agency = agency
				end, restAt = i, k
			} else if noDashAgencies[agency] {
				d.Agency = agency // "Washington (CNN) The Senate voted ..."
				end, restAt = i, i+j+1
				for restAt < len(line) && line[restAt] == ' ' {
					restAt++
				}
			}
		}
	}
	if end < 0 {
		i := dashIndex(head)
		if i <= 0 {
			return dateline{}, false
		}
		k, ok := dashAfter(line, i)
		if !ok {
			return dateline{}, false
		}
		end, restAt = i, k
	}
	if end > maxDatelineBytes {
		return dateline{}, false
	}
	if !d.parseHead(strings.TrimSpace(line[:end])) {
		return dateline{}, false
	}
	if d.Agency == "" && d.Day == 0 && !dlIsUpper(d.Place) {
		return dateline{}, false
	}
	d.Rest = line[restAt:]
	return d, true
}

// parseHead splits "PLACE, Qualifier, Mon DD" into its parts and checks their shape.
func (d *dateline) parseHead(head string) bool {
	var parts []string
	for _, p := range strings.Split(head, ",") {
		// Empty parts ("NEW YORK, June 29, -") and the agency ("ROME, March 13, Reuter")
		// carry no place.
		if p = strings.TrimSpace(p); p != "" && p != "Reuter" && p != "Reuters" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return false
	}
	// A date may close the head, with or without a comma before it: "SEOUL, March 3",
	// "NEW YORK March 3".
	last := parts[len(parts)-1]
	if m, day, before, ok := trailingDate(last); ok {
		d.Month, d.Day = m, day
		if before == "" {
			parts = parts[:len(parts)-1]
		} else {
			parts[len(parts)-1] = before
		}
	}
	if len(parts) == 0 || len(parts) > 2 {
		return false
	}
	d.Place = parts[0]
	if len(parts) == 2 {
		d.Qualifier = parts[1]
		if !placeLike(d.Qualifier, 3) {
			return false
		}
	}
	return placeLike(d.Place, maxPlaceWords)
}

// trailingDate recognises a day of the month at the end of s, after a month word
// ("Jan 27", "March 3", "Narch 2": a misspelt month leaves Month zero), and returns the
// text before it.
func trailingDate(s string) (time.Month, int, string, bool) {
	sp := strings.LastIndexByte(s, ' ')
	if sp < 0 {
		return 0, 0, "", false
	}
	day, err := strconv.Atoi(s[sp+1:])
	if err != nil {
		return dayMonth(s, sp)
	}
	if day < 1 || day > 31 {
		return 0, 0, "", false
	}
	rest := strings.TrimSpace(s[:sp])
	mw := rest
	if i := strings.LastIndexByte(rest, ' '); i >= 0 {
		mw = rest[i+1:]
	}
	word := strings.TrimSuffix(mw, ".")
	if len(word) < 3 || len(word) > 9 || !dlIsLetters(word) {
		return 0, 0, "", false
	}
	before := strings.TrimSpace(strings.TrimSuffix(rest, mw))
	m := dateMonthOf(word)
	if m == 0 {
		if !nearMonth(word) {
			return 0, 0, "", false
		}
		day = 0 // a misspelt month ("Narch 2"): still a dateline, but no usable date
	}
	return m, day, before, true
}

// dayMonth recognises "2 March" at the end of s, where sp is the index of the last space.
func dayMonth(s string, sp int) (time.Month, int, string, bool) {
	m := dateMonthOf(strings.TrimSuffix(s[sp+1:], "."))
	if m == 0 {
		return 0, 0, "", false
	}
	rest := strings.TrimSpace(s[:sp])
	i := strings.LastIndexByte(rest, ' ')
	day, err := strconv.Atoi(rest[i+1:])
	if err != nil || day < 1 || day > 31 {
		return 0, 0, "", false
	}
	if i < 0 {
		return m, day, "", true
	}
	return m, day, strings.TrimSpace(rest[:i]), true
}

var monthPrefixes = [...]string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

// dateMonthOf returns the month a word names ("Jan", "January", "Sept."), or zero.
func dateMonthOf(w string) time.Month {
	w = strings.ToLower(w)
	if len(w) < 3 {
		return 0
	}
	for i, p := range monthPrefixes {
		if strings.HasPrefix(w, p) && strings.HasPrefix(fullMonths[i], w) || w == "sept" && i == 8 {
			return time.Month(i + 1)
		}
	}
	return 0
}

// nearMonth reports whether w is one edit away from a month name or its abbreviation.
func nearMonth(w string) bool {
	w = strings.ToLower(w)
	for i, full := range fullMonths {
		if dlEditDistance(w, full) <= 1 || dlEditDistance(w, monthPrefixes[i]) <= 1 && len(w) <= 4 {
			return true
		}
	}
	return false
}

// dlEditDistance is the Levenshtein distance of two short ASCII strings.
func dlEditDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

var fullMonths = [...]string{"january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december"}

// placeLike reports whether s looks like a place name: up to maxWords words that start with
// a letter and hold only letters, periods, apostrophes, hyphens, slashes and ampersands.
func placeLike(s string, maxWords int) bool {
	if s == "" {
		return false
	}
	words := strings.Fields(s)
	if len(words) > maxWords {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) {
			return false
		}
		for _, r := range w {
			if !unicode.IsLetter(r) && !strings.ContainsRune(".'’-/&", r) {
				return false
			}
		}
	}
	first, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(first) || unicode.IsLower(first) && len(words) <= 2
}

// isAgency reports whether s names a news agency or outlet in a dateline: "AP", "Reuters",
// "AFP", "CNN Business". It must start with a capital and be short.
func isAgency(s string) bool {
	if len(s) < 2 || len(s) > 30 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && !strings.ContainsRune(" .&-'", r) {
			return false
		}
	}
	return len(strings.Fields(s)) <= 3
}

// dashIndex returns the byte index of the first " - " style separator (hyphen, en or em
// dash surrounded by spaces) in s, or -1.
func dashIndex(s string) int {
	for i := 1; i < len(s); i++ {
		if s[i-1] != ' ' && (s[i-1] < '0' || s[i-1] > '9') {
			continue
		}
		if _, ok := dashAt(s, i); ok {
			if s[i-1] == ' ' {
				return i - 1
			}
			return i // "Oct 20- ": the dash follows the day
		}
	}
	return -1
}

// dashAfter checks that line[i:] starts with optional spaces and a dash (or a colon),
// and returns the index of the text after it.
func dashAfter(line string, i int) (int, bool) {
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	if i < len(line) && line[i] == ':' {
		i++
	} else {
		n, ok := dashAt(line, i)
		if !ok {
			return 0, false
		}
		i += n
	}
	for i < len(line) && line[i] == ' ' {
		i++
	}
	return i, true
}

// dashAt reports whether a dash run (-, --, – or —) starts at s[i], and its byte length.
func dashAt(s string, i int) (int, bool) {
	n := 0
	for i+n < len(s) {
		r, size := utf8.DecodeRuneInString(s[i+n:])
		if r != '-' && r != '–' && r != '—' {
			break
		}
		n += size
	}
	if n == 0 || i+n < len(s) && s[i+n] != ' ' {
		return 0, false
	}
	return n, true
}

func dlIsUpper(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 1
}

func dlIsLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return s != ""
}

// findDateline looks for a dateline in the opening lines of body: the first few non-empty
// lines, so that a title, a "Posted" line or a "By" byline before it is passed over.
func findDateline(body string) (dateline, bool) {
	const maxLines = 6
	n := 0
	for line := range strings.Lines(body) {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if d, ok := parseDateline(line); ok {
			return d, true
		}
		if n++; n >= maxLines {
			break
		}
	}
	return dateline{}, false
}
