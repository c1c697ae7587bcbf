package ingest

import (
	"fmt"
	"strings"

	"github.com/searchd/searchd/internal/dates"
	"github.com/searchd/searchd/internal/news"
)

// role is the Article field that an input field fills.
type role int

const (
	roleMeta role = iota
	roleID
	roleTitle
	roleBody
	roleDate
	roleSource
	roleURL
	roleAuthors
	nRoles
)

// roleOf maps a field name (any case) to its role and rank among the aliases for that role;
// a lower rank wins when a record has several ("body" over "text" over "content").
func roleOf(key string) (role, int) {
	switch strings.ToLower(strings.TrimSpace(key)) {
	case "id":
		return roleID, 0
	case "title":
		return roleTitle, 0
	case "body":
		return roleBody, 0
	case "text":
		return roleBody, 1
	case "content":
		return roleBody, 2
	case "date":
		return roleDate, 0
	case "published":
		return roleDate, 1
	case "published_at":
		return roleDate, 2
	case "source":
		return roleSource, 0
	case "url":
		return roleURL, 0
	case "authors":
		return roleAuthors, 0
	}
	return roleMeta, 0
}

// chooseRoles returns, for each key, the role it fills: the best-ranked key of each role wins,
// the first one on a tie, and every other key goes to Meta.
func chooseRoles(keys []string) []role {
	out := make([]role, len(keys))
	var best [nRoles]int
	var rank [nRoles]int
	for i, k := range keys {
		r, n := roleOf(k)
		if r == roleMeta {
			continue
		}
		if j := best[r]; j > 0 && rank[r] <= n {
			continue
		} else if j > 0 {
			out[j-1] = roleMeta
		}
		best[r], rank[r], out[i] = i+1, n, r
	}
	return out
}

// builder assembles one Article from fields and validates it.
type builder struct {
	a       news.Article
	date    string // raw date text
	dateKey string
}

// set stores a string value for role r, given under key.
func (b *builder) set(r role, key, v string) {
	switch r {
	case roleID:
		b.a.ID = v
	case roleTitle:
		b.a.Title = v
	case roleBody:
		b.a.Body = v
	case roleDate:
		b.date, b.dateKey = v, key
	case roleSource:
		b.a.Source = v
	case roleURL:
		b.a.URL = v
	case roleAuthors:
		b.a.Authors = splitAuthors(v)
	default:
		b.meta(key, v)
	}
}

// meta stores an unmodelled field; empty values are dropped.
func (b *builder) meta(key, v string) {
	if v == "" {
		return
	}
	if b.a.Meta == nil {
		b.a.Meta = make(map[string]string)
	}
	b.a.Meta[key] = v
}

// finish trims and checks the article, parses its date and fills in its id.
func (b *builder) finish(opts Options) (news.Article, error) {
	a := b.a
	a.ID = strings.TrimSpace(a.ID)
	a.Title = strings.TrimSpace(a.Title)
	a.Body = strings.TrimSpace(a.Body)
	a.Source = strings.TrimSpace(a.Source)
	a.URL = strings.TrimSpace(a.URL)
	a.Authors = cleanAuthors(a.Authors)
	if a.Title == "" && a.Body == "" {
		return news.Article{}, ErrNoContent
	}
	if err := checkSizes(a, opts); err != nil {
		return news.Article{}, err
	}
	if s := strings.TrimSpace(b.date); s != "" {
		t, err := dates.Parse(s)
		if err != nil {
			return news.Article{}, fmt.Errorf("field %q: %w", b.dateKey, err)
		}
		a.Date = t
	}
	a.ID = ID(a)
	return a, nil
}

// Field limits, in bytes (the body's is Options.MaxArticleBytes). A record over one is an Error
// (ErrTooLarge): a 6 MB title took 42 s and 745 MB to index, and every hit would carry it.
const (
	MaxIDBytes        = 512
	MaxTitleBytes     = 2048
	MaxSourceBytes    = 512
	MaxURLBytes       = 4096
	MaxAuthors        = 50
	MaxAuthorBytes    = 256
	MaxMetaFields     = 256
	MaxMetaKeyBytes   = 256
	MaxMetaValueBytes = 64 << 10
)

// checkSizes returns an error wrapping ErrTooLarge when a field of a is over its limit.
func checkSizes(a news.Article, opts Options) error {
	for _, f := range []struct {
		name      string
		size, max int
	}{
		{"body", len(a.Body), opts.maxBytes()},
		{"title", len(a.Title), MaxTitleBytes},
		{"id", len(a.ID), MaxIDBytes},
		{"source", len(a.Source), MaxSourceBytes},
		{"url", len(a.URL), MaxURLBytes},
	} {
		if f.size > f.max {
			return fmt.Errorf("%w: %s is %d bytes, limit %d", ErrTooLarge, f.name, f.size, f.max)
		}
	}
	if err := checkID(a.ID); err != nil {
		return err
	}
	if len(a.Authors) > MaxAuthors {
		return fmt.Errorf("%w: %d authors, limit %d", ErrTooLarge, len(a.Authors), MaxAuthors)
	}
	for _, au := range a.Authors {
		if len(au) > MaxAuthorBytes {
			return fmt.Errorf("%w: an author is %d bytes, limit %d", ErrTooLarge, len(au), MaxAuthorBytes)
		}
	}
	if len(a.Meta) > MaxMetaFields {
		return fmt.Errorf("%w: %d other fields, limit %d", ErrTooLarge, len(a.Meta), MaxMetaFields)
	}
	for k, v := range a.Meta {
		if len(k) > MaxMetaKeyBytes || len(v) > MaxMetaValueBytes {
			return fmt.Errorf("%w: field %.40q is %d bytes (name %d), limit %d (name %d)", ErrTooLarge, k, len(v), len(k), MaxMetaValueBytes, MaxMetaKeyBytes)
		}
	}
	return nil
}

// checkID returns an error wrapping ErrBadID for an id that cannot name an article in a path.
func checkID(id string) error {
	for _, seg := range strings.Split(id, "/") {
		if seg == "." || seg == ".." {
			return fmt.Errorf("%w: id %q has a %q segment: use letters, digits and punctuation other than dot segments", ErrBadID, id, seg)
		}
	}
	if i := strings.IndexFunc(id, func(r rune) bool { return r < 0x20 || r == 0x7f }); i >= 0 {
		return fmt.Errorf("%w: id %q has a control character at byte %d", ErrBadID, id, i)
	}
	return nil
}

// invalidUTF8 is the error for a field holding invalid UTF-8.
func invalidUTF8(key string) error {
	return fmt.Errorf("field %q: %w", key, ErrInvalidUTF8)
}

// cleanAuthors trims names and drops empty ones; it returns nil for no names.
func cleanAuthors(in []string) []string {
	var out []string
	for _, s := range in {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// splitAuthors splits one author string, "Jane Doe, John Roe and Ann Poe" or
// "Jane Doe; John Roe", into names.
func splitAuthors(s string) []string {
	s = strings.NewReplacer(" and ", ",", " & ", ",", ";", ",").Replace(s)
	return cleanAuthors(strings.Split(s, ","))
}
