package ingest

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/searchd/searchd/internal/dates"
	"github.com/searchd/searchd/internal/news"
)

// txt reads one article in the wire layout: the first non-empty line is the title; then
// optional metadata lines (Posted, Updated <date>, Published <date>, By <names>), each alone on
// its line; then the body, whose paragraphs are separated by blank lines. The dateline stays at
// the start of the body.
func (d *decoder) txt(r io.Reader) error {
	limit := d.opts.maxRecordBytes()
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		d.onErr(readError(d.name, 0, err))
		return d.ctx.Err()
	}
	if int64(len(data)) > limit {
		return d.emit(0, news.Article{}, fmt.Errorf("%w: file larger than %d bytes", ErrTooLarge, limit))
	}
	a, line, err := parseTxt(fromUTF16(data), txtID(d.name))
	if err == nil {
		a, err = finishTxt(a, d.opts)
	}
	return d.emit(line, a, err)
}

// fromUTF16 returns data as UTF-8 when it starts with a UTF-16 byte-order mark (as Windows
// editors save "Unicode" text), else data itself. Such a file was refused as binary (its ASCII
// letters come with NUL bytes). An odd last byte is dropped.
func fromUTF16(data []byte) []byte {
	var order binary.ByteOrder
	switch {
	case len(data) >= 2 && data[0] == 0xFF && data[1] == 0xFE:
		order = binary.LittleEndian
	case len(data) >= 2 && data[0] == 0xFE && data[1] == 0xFF:
		order = binary.BigEndian
	default:
		return data
	}
	units := make([]uint16, 0, len(data)/2-1)
	for i := 2; i+1 < len(data); i += 2 {
		units = append(units, order.Uint16(data[i:]))
	}
	return []byte(string(utf16.Decode(units)))
}

// txtID is the id of a text article: its file name without directory and extensions.
func txtID(name string) string {
	base := filepath.Base(filepath.ToSlash(name))
	if f, gz, ok := FormatOf(base); ok {
		if gz {
			base = base[:len(base)-len(".gz")]
		}
		base = base[:len(base)-len(f)-1]
	}
	return base
}

// finishTxt applies the checks that every record gets.
func finishTxt(a news.Article, opts Options) (news.Article, error) {
	if err := checkSizes(a, opts); err != nil {
		return news.Article{}, err
	}
	a.ID = ID(a)
	return a, nil
}

// parseTxt parses a text article. On error, line is where the problem is (0 for the file).
func parseTxt(data []byte, id string) (news.Article, int, error) {
	if err := checkText(data); err != nil {
		line := 0
		var le *lineError
		if errors.As(err, &le) {
			line, err = le.line, le.err
		}
		return news.Article{}, line, err
	}
	text := strings.TrimPrefix(string(data), "\ufeff")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	lines := strings.Split(text, "\n")

	i := 0
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	if i == len(lines) {
		return news.Article{}, 0, fmt.Errorf("%w: empty file", ErrNoContent)
	}
	a := news.Article{ID: id, Title: strings.TrimSpace(lines[i])}
	var h header
	for i++; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if l != "" && !h.parse(l) {
			break
		}
	}
	a.Body = paragraphs(lines[i:])
	a.Date = h.date()
	a.Authors = h.authors
	a.Meta = h.meta
	a.Source = h.source
	if m := reAgency.FindStringSubmatch(a.Body); m != nil && a.Source == "" {
		a.Source = agencies[strings.ToLower(m[1])]
	}
	return a, 0, nil
}

// lineError carries the line of a problem found by checkText.
type lineError struct {
	line int
	err  error
}

func (e *lineError) Error() string { return fmt.Sprintf("line %d: %v", e.line, e.err) }

// checkText rejects binary data and invalid UTF-8.
func checkText(data []byte) error {
	ctrl := 0
	for _, b := range data {
		if b == 0 {
			return fmt.Errorf("%w (NUL byte)", ErrBinary)
		}
		if b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' {
			ctrl++
		}
	}
	if ctrl > 0 && ctrl*20 > len(data) {
		return fmt.Errorf("%w (%d control bytes)", ErrBinary, ctrl)
	}
	if !utf8.Valid(data) {
		off := 0
		for off < len(data) {
			r, n := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			off += n
		}
		return &lineError{line: bytes.Count(data[:off], []byte{'\n'}) + 1, err: ErrInvalidUTF8}
	}
	return nil
}

// paragraphs joins lines into paragraphs separated by "\n\n"; lines inside a paragraph keep
// their line breaks, without surrounding space.
func paragraphs(lines []string) string {
	var b strings.Builder
	inPara := false
	blank := false
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			blank = inPara || blank
			continue
		}
		switch {
		case blank:
			b.WriteString("\n\n")
		case inPara:
			b.WriteByte('\n')
		}
		b.WriteString(l)
		inPara, blank = true, false
	}
	return b.String()
}

// header collects the metadata lines between title and body.
type header struct {
	posted, updated, published time.Time
	authors                    []string
	source                     string
	meta                       map[string]string
}

// parse consumes l when it is a metadata line.
func (h *header) parse(l string) bool {
	word, rest, _ := strings.Cut(l, " ")
	word = strings.TrimSuffix(word, ":")
	rest = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(rest), ":"))
	switch word {
	case "Posted", "Updated", "Published":
		if rest == "" {
			return word == "Posted"
		}
		t, err := dates.Parse(rest)
		if err != nil {
			return false
		}
		switch word {
		case "Posted":
			h.posted = t
		case "Updated":
			h.updated = t
		default:
			h.published = t
		}
		h.setMeta(strings.ToLower(word), rest)
		return true
	case "By":
		names, source, ok := byline(rest)
		if !ok {
			return false
		}
		h.authors = append(h.authors, names...)
		if h.source == "" {
			h.source = source
		}
		return true
	}
	return false
}

func (h *header) setMeta(k, v string) {
	if h.meta == nil {
		h.meta = make(map[string]string)
	}
	h.meta[k] = v
}

// date is the publication date: Published, else Posted, else Updated.
func (h *header) date() time.Time {
	for _, t := range []time.Time{h.published, h.posted, h.updated} {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

// agencies maps agency names found in bylines and datelines to Article.Source.
var agencies = map[string]string{
	"ap": "Associated Press", "associated press": "Associated Press", "the associated press": "Associated Press",
	"reuters": "Reuters", "afp": "AFP", "agence france-presse": "AFP",
}

// reAgency matches a wire dateline at the start of a body: "WASHINGTON (AP) — ".
var reAgency = regexp.MustCompile(`^[\p{Lu}][^\n(]{0,80}\((AP|Reuters|AFP)\)\s*[—–-]`)

// nameParticles are lower-case words allowed inside a name.
var nameParticles = map[string]bool{"de": true, "da": true, "del": true, "der": true, "di": true, "van": true, "von": true, "la": true, "le": true, "bin": true, "al": true, "el": true, "y": true}

// byline parses "Jane Doe, John Roe and Ann Poe[, Associated Press]". ok is false when the text
// does not look like a list of names (a body sentence starting with "By").
func byline(s string) (names []string, source string, ok bool) {
	if s == "" || len(s) > 200 || strings.ContainsAny(s, "\"“”:;!?()") {
		return nil, "", false
	}
	for _, part := range splitAuthors(s) {
		if src, isAgency := agencies[strings.ToLower(part)]; isAgency {
			source = src
			continue
		}
		if !looksLikeName(part) {
			return nil, "", false
		}
		names = append(names, part)
	}
	return names, source, len(names) > 0 || source != ""
}

// looksLikeName reports whether s is one to five capitalised words.
func looksLikeName(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 5 || strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "Jr.") && !strings.HasSuffix(s, "Sr.") {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !nameParticles[w] {
			return false
		}
		if strings.ContainsFunc(w, unicode.IsDigit) {
			return false
		}
	}
	return true
}
