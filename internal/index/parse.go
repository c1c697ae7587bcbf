package index

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search/query"
	vellumregexp "github.com/blevesearch/vellum/regexp"

	"github.com/searchd/searchd/internal/index/scorchx"
)

// titleBoost weighs a match in the title against one in the body for unfielded terms.
const titleBoost = 2.0

// knownFields lists the field names a query may use, for error messages.
const knownFields = "title, body, speaker, location, source, places, country, date"

// Query scopes: which fields unfielded words search and which field names a query may use.
const (
	scopeArticles = iota // title (boosted) and body
	scopeQuotes          // the quote text
)

// knownQuoteFields lists the field names a quote query may use, for error messages.
const knownQuoteFields = "quote, speaker, location, source, date"

// parsed is a rewritten user query and what snippets should mark.
type parsed struct {
	q    query.Query // nil: match all
	mark *marker
	// ignored is set when the query had words but every one analysed to nothing (stop words,
	// punctuation), so that it matches all: the answer says so (Results.Warning).
	ignored bool
}

// parseQuery parses s, in Bleve's query-string syntax, into a query where every clause not
// prefixed with "-" is required, unfielded clauses search title (boosted) and body, and user
// field names are mapped to index fields. Errors wrap ErrBadQuery.
func parseQuery(s string, an analysis.Analyzer) (parsed, error) {
	return parseQueryIn(s, an, scopeArticles)
}

// MaxQueryBytes is the longest query string parseQuery accepts. Bleve's query-string lexer
// builds each phrase and word a character at a time, in time quadratic in its length, without
// looking at the context: a phrase of 2,000 words (12 KB) took 1.2 s to parse, and the longest
// URL Go accepts would hold one that parses for minutes. 4 KB holds a phrase of 500 words.
const MaxQueryBytes = 4096

// parseQueryIn parses s as parseQuery does, for the documents of scope.
func parseQueryIn(s string, an analysis.Analyzer, scope int) (parsed, error) {
	return parseQueryDates(s, an, scope, false)
}

// parseQueryDates parses s as parseQueryIn does, with date ranges over the day terms of an
// index that dates documents by them (days, dates.go), or over Bleve's date field.
func parseQueryDates(s string, an analysis.Analyzer, scope int, days bool) (parsed, error) {
	p := parsed{mark: newMarker()}
	s = strings.TrimSpace(s)
	if s == "" {
		return p, nil
	}
	if len(s) > MaxQueryBytes {
		return p, fmt.Errorf("%w: the query is %d bytes long: at most %d are accepted", ErrBadQuery, len(s), MaxQueryBytes)
	}
	q, err := query.NewQueryStringQuery(s).Parse()
	if err != nil {
		return p, fmt.Errorf("%w: %s", ErrBadQuery, readableSyntaxError(s, err, scope))
	}
	bq, ok := q.(*query.BooleanQuery)
	if !ok {
		return p, fmt.Errorf("%w: unsupported query %q", ErrBadQuery, s)
	}
	rw := rewriter{an: an, mark: p.mark, scope: scope, days: days}
	var must, not []query.Query
	for _, c := range children(bq.Must) {
		if must, err = rw.add(must, c, true); err != nil {
			return p, err
		}
	}
	for _, c := range children(bq.Should) {
		if must, err = rw.add(must, c, true); err != nil {
			return p, err
		}
	}
	for _, c := range children(bq.MustNot) {
		if not, err = rw.add(not, c, false); err != nil {
			return p, err
		}
	}
	for _, qs := range [][]query.Query{must, not} {
		for i, c := range qs {
			qs[i] = observe(c)
		}
	}
	switch {
	case len(must) == 0 && len(not) == 0:
		// Only stop words: match all, and say so.
		p.ignored = true
	case len(not) == 0 && len(must) == 1:
		p.q = must[0]
	default:
		p.q = query.NewBooleanQuery(must, nil, not)
	}
	return p, nil
}

// children returns the clauses of a conjunction or disjunction, or q itself.
func children(q query.Query) []query.Query {
	switch q := q.(type) {
	case nil:
		return nil
	case *query.ConjunctionQuery:
		return q.Conjuncts
	case *query.DisjunctionQuery:
		return q.Disjuncts
	default:
		return []query.Query{q}
	}
}

// readableSyntaxError turns the parser's message into one sentence for the user.
func readableSyntaxError(s string, err error, scope int) string {
	msg := strings.Join(strings.Fields(err.Error()), " ")
	msg = strings.TrimPrefix(msg, "parse error: ")
	msg = strings.ReplaceAll(msg, "syntax error: unexpected ", "unexpected ")
	msg = strings.NewReplacer(
		"tCOLON", "':'", "tPHRASE", "quoted phrase", "tSTRING", "word", "tPLUS", "'+'",
		"tMINUS", "'-'", "tBOOST", "'^'", "tTILDE", "'~'", "tNUMBER", "number",
		"tGREATER", "'>'", "tLESS", "'<'", "tEQUAL", "'='", "$end", "end of query",
	).Replace(msg)
	fields := knownFields
	if scope != scopeArticles {
		fields = knownQuoteFields
	}
	return fmt.Sprintf("cannot parse %q: %s (syntax: words, \"phrases\", -exclude, field:value with fields %s, word^2, word~1)", s, msg, fields)
}

// rewriter rewrites the leaves of a parsed query string.
type rewriter struct {
	an    analysis.Analyzer // the text analyzer
	mark  *marker
	scope int  // scopeArticles or scopeQuotes
	days  bool // date ranges over day terms (dates.go), not Bleve's date field
}

// add appends the rewrite of q to qs, skipping clauses that analyse to nothing (stop words).
func (rw rewriter) add(qs []query.Query, q query.Query, positive bool) ([]query.Query, error) {
	r, err := rw.rewrite(q, positive)
	if err != nil || r == nil {
		return qs, err
	}
	if fq, ok := q.(query.FieldableQuery); ok && rw.scope == scopeQuotes {
		if field, err := rw.field(fq.Field()); err == nil && field != "" && !rw.isText(field) {
			r = unscored(r) // the quote index's keyword fields have no norms (skipFreqNorm)
		}
	}
	return append(qs, r), nil
}

func (rw rewriter) rewrite(q query.Query, positive bool) (query.Query, error) {
	switch q := q.(type) {
	case *query.MatchQuery:
		field, skip, err := rw.words(q.FieldVal, q.Match, q.Fuzziness, positive)
		if err != nil || skip {
			return nil, err
		}
		if field == fieldLocation {
			return locationQuery(q.Match, q.Boost()), nil
		}
		and := *q
		and.Operator = query.MatchQueryOperatorAnd
		return rw.perField(field, q.Boost(), retarget(&and)), nil
	case *query.MatchPhraseQuery:
		field, skip, err := rw.words(q.FieldVal, q.MatchPhrase, 0, positive)
		if err != nil || skip {
			return nil, err
		}
		if field == fieldLocation {
			return locationQuery(q.MatchPhrase, q.Boost()), nil
		}
		if !rw.isText(field) { // a keyword: the phrase is the exact value
			t := query.NewTermQuery(q.MatchPhrase)
			t.SetField(field)
			t.SetBoost(q.Boost())
			return t, nil
		}
		return rw.perField(field, q.Boost(), retarget(scorchx.NewPhraseQuery(rw.an, q.MatchPhrase))), nil
	case *query.WildcardQuery:
		field, err := rw.field(q.FieldVal)
		if err != nil {
			return nil, err
		}
		pattern := q.Wildcard
		if rw.isText(field) {
			pattern = strings.ToLower(pattern) // indexed terms are lower case
			if positive {
				rw.mark.addPattern(wildcardRegexp(pattern))
			}
		}
		return rw.perField(field, q.Boost(), retarget(query.NewWildcardQuery(pattern))), nil
	case *query.RegexpQuery:
		field, err := rw.field(q.FieldVal)
		if err != nil {
			return nil, err
		}
		re, err := regexp.Compile("^(?:" + q.Regexp + ")$")
		if err == nil {
			// Bleve matches regexps against the term dictionary with vellum, which accepts less
			// than Go (no anchors, word boundaries or lazy quantifiers; a size limit): check
			// with it too, or the search fails later as an internal error.
			_, err = vellumregexp.New(q.Regexp)
		}
		if err != nil {
			return nil, fmt.Errorf("%w: bad regular expression /%s/: %v (regexps match whole words: no ^, $ or \\b)", ErrBadQuery, q.Regexp, err)
		}
		if positive && rw.isText(field) {
			rw.mark.addPattern(re)
		}
		return rw.perField(field, q.Boost(), retarget(q)), nil
	case *query.DateRangeQuery:
		field, err := rw.field(q.FieldVal)
		if err != nil {
			return nil, err
		}
		if field != fieldDate {
			return nil, fmt.Errorf("%w: %s: ranges apply to date only", ErrBadQuery, q.FieldVal)
		}
		if err := q.Validate(); err != nil {
			return nil, fmt.Errorf("%w: date range: %v", ErrBadQuery, err)
		}
		if rw.days {
			return unscored(dayTermsRange(q)), nil
		}
		q.SetField(fieldDate)
		return q, nil
	case *query.NumericRangeQuery:
		if q.FieldVal == "" {
			return nil, nil // the other half of a bare number, which is also matched as a word
		}
		return nil, fmt.Errorf("%w: %s: no numeric fields; for dates write date:>=\"2020-01-31\"", ErrBadQuery, q.FieldVal)
	case *query.DisjunctionQuery: // a number: match it as a word (the numeric half is dropped)
		var qs []query.Query
		for _, c := range q.Disjuncts {
			var err error
			if qs, err = rw.add(qs, c, positive); err != nil {
				return nil, err
			}
		}
		switch len(qs) {
		case 0:
			return nil, nil
		case 1:
			return qs[0], nil
		}
		return query.NewDisjunctionQuery(qs), nil
	default:
		return nil, fmt.Errorf("%w: unsupported clause %T", ErrBadQuery, q)
	}
}

// words resolves the field of a word or phrase clause and records its terms for snippets; skip
// is true when the text analyses to nothing (stop words).
func (rw rewriter) words(name, text string, fuzziness int, positive bool) (field string, skip bool, err error) {
	if field, err = rw.field(name); err != nil {
		return "", false, err
	}
	if field == fieldDate {
		return "", false, fmt.Errorf("%w: date:%q: dates take a range, such as date:>=\"2020-01-31\"", ErrBadQuery, text)
	}
	if !rw.isText(field) {
		return field, false, nil
	}
	terms := rw.terms(text)
	if positive {
		rw.mark.addTerms(terms, fuzziness)
	}
	return field, len(terms) == 0, nil
}

// field maps a user field name to an index field; "" stays "" (title and body).
func (rw rewriter) field(name string) (string, error) {
	if name == "" {
		return "", nil
	}
	if rw.scope != scopeArticles {
		switch strings.ToLower(name) {
		case "quote", "text":
			return fieldQuote, nil
		case "speaker", "speakers":
			return fieldQSpeaker, nil
		case "location":
			return fieldLocation, nil
		case "source":
			return fieldSource, nil
		case "date":
			return fieldDate, nil
		}
		return "", fmt.Errorf("%w: unknown field %q in a quote search (fields: %s)", ErrBadQuery, name, knownQuoteFields)
	}
	switch strings.ToLower(name) {
	case "title":
		return fieldTitle, nil
	case "body", "text":
		return fieldBody, nil
	case "speaker", "speakers":
		return fieldSpeaker, nil
	case "location":
		return fieldLocation, nil
	case "source":
		return fieldSource, nil
	case "place", "places":
		return fieldPlaces, nil
	case "country":
		return fieldCountry, nil
	case "date":
		return fieldDate, nil
	}
	return "", fmt.Errorf("%w: unknown field %q (fields: %s)", ErrBadQuery, name, knownFields)
}

// isText reports whether field is analysed with the text analyzer ("" is title and body).
func (rw rewriter) isText(field string) bool {
	return field == "" || field == fieldTitle || field == fieldBody || field == fieldQuote
}

// perField builds the clause for field, or for an unfielded clause the disjunction of the
// clause over title (boosted) and body.
func (rw rewriter) perField(field string, boost float64, build func(field string, boost float64) query.Query) query.Query {
	if field != "" {
		return build(field, boost)
	}
	if rw.scope != scopeArticles {
		return build(fieldQuote, boost)
	}
	return query.NewDisjunctionQuery([]query.Query{
		build(fieldTitle, boost*titleBoost),
		build(fieldBody, boost),
	})
}

// terms returns the analysed terms of s.
func (rw rewriter) terms(s string) []string {
	return analyzedTerms(rw.an, s)
}

func analyzedTerms(an analysis.Analyzer, s string) []string {
	var out []string
	for _, t := range an.Analyze([]byte(s)) {
		if term := string(t.Term); !slices.Contains(out, term) {
			out = append(out, term)
		}
	}
	return out
}

// wildcardRegexp compiles a Bleve wildcard pattern (* and ?) into an anchored regexp.
func wildcardRegexp(w string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	for _, r := range w {
		switch r {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}

// locationQuery matches a location facet value; a name without a comma also matches the
// values it is short for ("Lisbon" finds "Lisbon, Portugal"; "Manchester" finds every
// Manchester: filters, unlike the query string, reject such a name, see filterTerms).
func locationQuery(v string, boost float64) query.Query {
	t := query.NewTermQuery(v)
	t.SetField(fieldLocation)
	t.SetBoost(boost)
	if strings.Contains(v, ",") {
		return t
	}
	p := query.NewPrefixQuery(v + ", ")
	p.SetField(fieldLocation)
	p.SetBoost(boost)
	return query.NewDisjunctionQuery([]query.Query{t, p})
}

// retarget returns a function that makes copies of q searching one field with one boost, for
// perField: each field of an unfielded term gets a clause of its own.
func retarget[T any, P interface {
	*T
	query.Query
	SetField(string)
	SetBoost(float64)
}](q P) func(field string, boost float64) query.Query {
	return func(field string, boost float64) query.Query {
		c := *q
		p := P(&c)
		p.SetField(field)
		p.SetBoost(boost)
		return p
	}
}

// unscored returns q as a clause that matches what q matches and adds the same score to
// every match: a clause over fields without frequencies and norms (the keyword fields of
// the quote index, the year and month of dates: see skipFreqNorm) scores NaN in Bleve, which
// spreads to the score of the whole match.
func unscored(q query.Query) query.Query {
	b := query.NewBooleanQuery(nil, nil, nil)
	b.AddFilter(q)
	return b
}
