package extract

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/searchd/searchd/internal/news"
)

// Speaker names are facet values: the index stores what Extract returns, so one person must
// get one name in every article. canonicalSpeakers brings the names the speaker finder
// resolved to one form, decided by the name alone:
//
//   - a possessive, leading honorifics and titles ("President", "Sen.", "Dr.") and spacing
//     are removed: "President Trump" -> "Trump", "Mr. Biden's" -> "Biden";
//   - names written in capitals or in lower case are title-cased: "NANCY PELOSI" -> "Nancy Pelosi";
//   - middle initials are dropped: "Donald J. Trump" -> "Donald Trump", except in the few
//     names where they tell two people apart ("George W. Bush", "George H.W. Bush");
//   - "Jr." and "Sr." are kept, written one way ("Donald Trump, Jr" -> "Donald Trump Jr."),
//     because they name another person; "II", "III" and "IV" are dropped;
//   - a formal or alternate name is kept as the article prints it ("Charles Schumer"): the
//     archive's names pass gives such a person the name news uses (internal/names, aliases.txt);
//   - organisations lose a leading "X-based" and a trailing legal form ("Corp.", "Inc.",
//     "Ltd.", "Co."): "TransCanada Corp." -> "TransCanada"; a US federal department is
//     named as news names it: "U.S. Department of Justice" -> "Justice Department";
//   - diacritics are kept as written ("José", not "Jose"): within an article, spellings that
//     differ only by them are merged, keeping the one with diacritics.
//
// Within an article, speakers whose canonical names have the same folded key are merged, and
// a surname alone ("Trump", from "President Trump") or a first and last name ("Sarah
// Sanders") is merged into the one fuller name of the article it abbreviates ("Donald
// Trump", "Sarah Huckabee Sanders").

// canonHonorifics are titles that may precede a person's name; they are not part of it.
var canonHonorifics = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "sen": true, "senator": true,
	"rep": true, "representative": true, "gov": true, "governor": true, "president": true,
	"sir": true, "dame": true, "prof": true, "professor": true, "rev": true, "gen": true,
	"general": true, "col": true, "capt": true, "lt": true, "sgt": true, "mayor": true,
	"judge": true, "justice": true, "secretary": true, "minister": true, "chancellor": true,
	"pope": true, "former": true, "vice": true, "prime": true, "speaker": true, "leader": true,
	"adm": true, "admiral": true, "attorney": true, "sheriff": true, "chief": true,
	"sens": true, "reps": true,
}

// canonKeepInitials are names whose middle initials tell two people apart.
var canonKeepInitials = map[string]string{
	"george w bush":   "George W. Bush",
	"george h w bush": "George H.W. Bush",
	"george hw bush":  "George H.W. Bush",
}

// canonOrgAliases maps the folded key of an organisation that news names in several ways to
// one of them: "US", "USA" and "United States" (a country speaks as its government) are
// "U.S.", the form news text and the quote annotations use most; "AP" is the Associated Press.
var canonOrgAliases = map[string]string{
	"ap":                       "Associated Press",
	"us":                       "U.S.",
	"usa":                      "U.S.",
	"united states":            "U.S.",
	"united states of america": "U.S.",
}

// canonicalSpeakers puts the names of ss in canonical form and merges the speakers that name
// the same person or organisation, keeping the order of first quote. Unnamed sources pass
// through unchanged.
func canonicalSpeakers(ss []news.Speaker) []news.Speaker {
	if len(ss) == 0 {
		return ss
	}
	out := make([]news.Speaker, 0, len(ss))
	keys := make([]string, 0, len(ss))
	for _, s := range ss {
		if s.Name == "" || s.Kind == news.KindUnnamed {
			out = append(out, s)
			keys = append(keys, "")
			continue
		}
		s.Name = canonicalName(s.Name, s.Kind)
		k := canonFold(s.Name)
		if org, ok := canonOrgAliases[k]; ok {
			s.Name, s.Kind, k = org, news.KindOrganization, canonFold(org)
		}
		if i := slices.Index(keys, k); i >= 0 && k != "" && (out[i].Kind == s.Kind || strings.Contains(k, " ")) {
			// the same name of two words or more is one speaker, even when one mention read
			// as a person and the other as an organisation
			kind := out[i].Kind
			if s.Kind == news.KindOrganization {
				kind = s.Kind
			}
			out[i] = mergeSpeaker(out[i], s)
			out[i].Kind = kind
			continue
		}
		out = append(out, s)
		keys = append(keys, k)
	}
	return mergeShortNames(out, keys)
}

// mergeShortNames merges a person named by a surname alone, or by first and last name only,
// into the one fuller name of the same article that it abbreviates.
func mergeShortNames(out []news.Speaker, keys []string) []news.Speaker {
	drop := make([]bool, len(out))
	for i, s := range out {
		if drop[i] || s.Kind != news.KindPerson || keys[i] == "" {
			continue
		}
		short := strings.Fields(keys[i])
		target := -1
		for j, t := range out {
			if j == i || drop[j] || t.Kind != news.KindPerson || keys[j] == "" {
				continue
			}
			long := strings.Fields(keys[j])
			if len(long) <= len(short) || !canonAbbreviates(short, long) {
				continue
			}
			if target >= 0 {
				target = -2 // two candidates: "Clinton" with Bill and Hillary Clinton
				break
			}
			target = j
		}
		if target < 0 {
			continue
		}
		// Merge into the fuller name, at the position of whichever was quoted first.
		merged := mergeSpeaker(out[target], s)
		if i < target {
			merged = mergeSpeaker(s, out[target])
			merged.Name, merged.Title = out[target].Name, firstNonEmpty(out[target].Title, s.Title)
			out[i], drop[target] = merged, true
			keys[i] = keys[target]
		} else {
			out[target], drop[i] = merged, true
		}
	}
	res := out[:0]
	for i, s := range out {
		if !drop[i] {
			res = append(res, s)
		}
	}
	return res
}

// canonAbbreviates reports whether the short name (folded tokens) abbreviates the long one:
// the same surname, and the same first name when the short one has one.
func canonAbbreviates(short, long []string) bool {
	if short[len(short)-1] != long[len(long)-1] {
		return false
	}
	if len(short) == 1 {
		return true
	}
	return len(short) == 2 && short[0] == long[0]
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// mergeSpeaker adds the quotes of b to a. a keeps its name unless b spells the same name with
// diacritics, and takes b's title when it has none.
func mergeSpeaker(a, b news.Speaker) news.Speaker {
	if canonHasMarks(b.Name) && !canonHasMarks(a.Name) {
		a.Name = b.Name
	}
	a.Title = firstNonEmpty(a.Title, b.Title)
	a.Quotes = append(slices.Clip(a.Quotes), b.Quotes...)
	located := true
	for _, q := range a.Quotes {
		located = located && q.End > 0
	}
	if located {
		slices.SortStableFunc(a.Quotes, func(x, y news.Quote) int { return x.Start - y.Start })
	}
	return a
}

// canonicalName returns the canonical form of a speaker's name (see canonicalSpeakers).
// Organisation names lose a possessive, extra spaces, a leading "X-based" and a trailing legal
// form; "NATO" stays in capitals.
func canonicalName(name, kind string) string {
	toks := strings.Fields(name)
	if len(toks) == 0 {
		return ""
	}
	last := toks[len(toks)-1]
	last = strings.TrimSuffix(strings.TrimSuffix(last, "’s"), "'s")
	if last == "" {
		toks = toks[:len(toks)-1]
	} else {
		toks[len(toks)-1] = last
	}
	if len(toks) == 0 {
		return ""
	}
	if kind != news.KindPerson {
		return canonOrgName(toks)
	}
	if len(toks) > 1 && canonAllSameCase(toks) {
		for i, t := range toks {
			toks[i] = canonTitleWord(t)
		}
	}
	// Titles before the name, as long as a name remains.
	for len(toks) > 1 && canonHonorifics[canonFold(toks[0])] {
		toks = toks[1:]
	}
	// Suffixes: "Jr." and "Sr." are kept in one spelling, numerals dropped.
	suffix := ""
	for len(toks) > 1 {
		t := strings.TrimSuffix(toks[len(toks)-1], ",")
		f := canonFold(t)
		if f == "jr" || f == "sr" {
			suffix = strings.ToUpper(f[:1]) + f[1:] + "."
		} else if f != "ii" && f != "iii" && f != "iv" {
			break
		}
		toks = toks[:len(toks)-1]
	}
	toks[len(toks)-1] = strings.TrimSuffix(toks[len(toks)-1], ",")
	if keep, ok := canonKeepInitials[canonFold(strings.Join(toks, " "))]; ok {
		return canonJoin(keep, suffix)
	}
	// Middle initials: tokens between a first name and the surname that are initials.
	if len(toks) > 2 && !canonIsInitials(toks[0]) {
		kept := toks[:1]
		for _, t := range toks[1 : len(toks)-1] {
			if !canonIsInitials(t) {
				kept = append(kept, t)
			}
		}
		toks = append(kept, toks[len(toks)-1])
	}
	return canonJoin(strings.Join(toks, " "), suffix)
}

// canonOrgSuffixes are the legal forms that follow a company's name and are dropped from it.
var canonOrgSuffixes = map[string]bool{
	"corp": true, "inc": true, "ltd": true, "llc": true, "plc": true, "co": true, "l.l.c": true,
}

// canonOrgName joins the words of an organisation's name without a leading "X-based" and a
// trailing legal form: "Calgary-based Suncor Energy Inc." -> "Suncor Energy".
func canonOrgName(toks []string) string {
	for len(toks) > 1 && strings.HasSuffix(strings.ToLower(toks[0]), "-based") {
		toks = toks[1:]
	}
	for len(toks) > 1 {
		t := strings.TrimSuffix(toks[len(toks)-1], ",")
		if !canonOrgSuffixes[strings.TrimSuffix(strings.ToLower(t), ".")] {
			break
		}
		toks = toks[:len(toks)-1]
	}
	toks[len(toks)-1] = strings.TrimSuffix(toks[len(toks)-1], ",")
	return canonDepartment(toks)
}

// canonDepartment writes a United States federal department one way, the way news names it
// (AP style): "Department of Justice" and "U.S. Department of Justice" are "Justice
// Department". Other departments keep the name as written: "Department of Community
// Services" is a province's official name, and annotators keep it.
func canonDepartment(toks []string) string {
	rest := toks
	if len(rest) > 0 && (rest[0] == "U.S." || rest[0] == "US") {
		rest = rest[1:]
	}
	if len(rest) < 3 || rest[0] != "Department" || rest[1] != "of" {
		return strings.Join(toks, " ")
	}
	if short := strings.Join(rest[2:], " "); canonFederalDepartments[short] {
		return short + " Department"
	}
	return strings.Join(toks, " ")
}

// canonFederalDepartments are the United States federal departments that news names "X
// Department" (those whose names hold "and" are written in full either way).
var canonFederalDepartments = map[string]bool{
	"Agriculture": true, "Commerce": true, "Defense": true, "Education": true, "Energy": true,
	"Homeland Security": true, "Justice": true, "Labor": true, "State": true,
	"Transportation": true, "Treasury": true, "Veterans Affairs": true,
}

func canonJoin(name, suffix string) string {
	if suffix == "" {
		return name
	}
	return name + " " + suffix
}

// canonIsInitials reports whether t is one or more initials: "J.", "J", "H.W.".
func canonIsInitials(t string) bool {
	letters := 0
	for _, r := range t {
		switch {
		case unicode.IsUpper(r):
			letters++
		case r == '.':
		default:
			return false
		}
	}
	if letters == 1 {
		return true
	}
	return letters > 1 && strings.Count(t, ".") >= letters
}

// canonAllSameCase reports whether a name is written all in capitals or all in lower case
// (ignoring initials and one-letter words), so that its casing carries no information.
func canonAllSameCase(toks []string) bool {
	upper, lower := true, true
	letters := 0
	for _, t := range toks {
		if canonIsInitials(t) {
			continue
		}
		for _, r := range t {
			if unicode.IsLetter(r) {
				letters++
				upper = upper && unicode.IsUpper(r)
				lower = lower && unicode.IsLower(r)
			}
		}
	}
	return letters > 3 && (upper || lower)
}

// canonTitleWord writes a word in capitals or lower case in title case, also after a hyphen
// or an apostrophe: "O'ROURKE" -> "O'Rourke", "OCASIO-CORTEZ" -> "Ocasio-Cortez".
func canonTitleWord(w string) string {
	var b strings.Builder
	up := true
	for _, r := range w {
		if up {
			b.WriteRune(unicode.ToUpper(r))
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
		up = r == '-' || r == '\'' || r == '’' || r == '.'
	}
	return b.String()
}

var canonMarks = runes.Remove(runes.In(unicode.Mn))

// canonFold is the key two spellings of one name share: lower case, diacritics removed,
// letters, digits and single spaces only ("O’Rourke" -> "orourke", "José  Ruiz" -> "jose ruiz").
func canonFold(s string) string {
	if canonHasMarks(s) || !isASCII(s) {
		if t, _, err := transform.String(transform.Chain(norm.NFD, canonMarks), s); err == nil {
			s = t
		}
	}
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'), r >= utf8.RuneSelf && unicode.IsLetter(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		case unicode.IsSpace(r):
			space = true
		}
	}
	return b.String()
}

// canonHasMarks reports whether s holds a letter with a diacritic.
func canonHasMarks(s string) bool {
	if isASCII(s) {
		return false
	}
	return norm.NFD.String(s) != s
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isUpperString reports whether strings.ToUpper(s) == s, without building the upper-case copy:
// no rune of s changes in upper case, and s is valid UTF-8 (ToUpper replaces invalid bytes).
func isUpperString(s string) bool {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || unicode.ToUpper(r) != r {
			return false
		}
		i += n
	}
	return true
}
