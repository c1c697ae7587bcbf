// Package ingest reads news articles from files and streams into news.Article values.
//
// Supported formats are plain text (.txt, in the AP/Reuters wire layout: title, optional
// Posted/Updated/Published/By lines, then body paragraphs), JSON (.json: one object, an array of
// objects, or concatenated objects), JSON Lines (.jsonl, .ndjson) and CSV with a header row
// (.csv), HTML pages (.html, .htm: the article is extracted from the page, see ParseHTML) and
// RSS/Atom feeds (.rss, .atom, .xml: one article per entry, see ParseFeed), each optionally
// gzipped (.gz). Decode also recognises gzip by its magic bytes, so a gzipped stream can be
// passed without telling it.
//
// Errors are per record: a record (or file) that cannot be read is reported to the caller's
// onErr callback as an *Error, "file:line: reason", and reading goes on with the next record.
// Walk and Decode return an error only when the context is done or the caller's fn fails.
//
// Records map onto news.Article by field name, case-insensitively: id, title,
// body|text|content, date|published|published_at, source, url and authors (a list of strings,
// or one string such as "Jane Doe, John Roe and Ann Poe"). Other fields go to Article.Meta as
// text: strings as they are, other scalars as their JSON text, arrays and objects as compact
// JSON; null and empty values are left out. A field of the wrong type, an unparseable date, or a
// record with neither title nor body is an Error for that record. Dates keep the UTC offset the
// input gave ("3:14 PM EDT" is -04:00); a date without a zone is taken as UTC.
//
// A malformed JSON Lines or CSV record is reported with its line and the next one is read. In a
// .json file a syntax error cannot be resynchronised: it is reported with the line where the bad
// value starts, and the rest of that file is skipped. A truncated stream (such as a cut .gz) is
// an Error (ErrTruncated) at the last complete line; the records before it are kept.
//
// Invalid UTF-8 is never repaired silently: a record whose text holds invalid UTF-8 is an Error
// (ErrInvalidUTF8) naming the field, and a .txt file holding NUL bytes or other binary content
// is an Error for the file (ErrBinary). Re-encode Latin-1 or Windows-1252 input before ingesting.
//
// Ids: the id the input gives, with surrounding space trimmed (slashes, spaces and non-Latin
// letters are kept); a .txt file's id is its file name without extensions; otherwise ID derives
// one from the URL or, failing that, from the title and body.
//
// Inputs are streamed: memory use is bounded by the largest record, not the file, and a record
// larger than Options.MaxArticleBytes is an Error (ErrTooLarge) rather than a reason to stop.
package ingest

import (
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
)

// Sentinel errors wrapped by *Error, for use with errors.Is.
var (
	// ErrUnsupported is reported for an explicitly named file whose extension no reader handles.
	ErrUnsupported = errors.New("unsupported file type (want .txt, .json, .jsonl, .ndjson, .csv, .html, .htm, .rss, .atom or .xml, optionally .gz)")
	// ErrTooLarge is reported for a record whose body (or raw size) exceeds Options.MaxArticleBytes.
	ErrTooLarge = errors.New("article too large")
	// ErrTruncated is reported when a stream ends in the middle of a record or gzip member.
	ErrTruncated = errors.New("input truncated")
	// ErrBinary is reported for a .txt file that holds binary data.
	ErrBinary = errors.New("binary content, not a text article")
	// ErrInvalidUTF8 is reported for a record whose text is not valid UTF-8.
	ErrInvalidUTF8 = errors.New("invalid UTF-8")
	// ErrNoContent is reported for a record with neither title nor body.
	ErrNoContent = errors.New("record has neither title nor body")
	// ErrBadID is reported for an id with a "." or ".." path segment or a control character:
	// ids name articles in URL paths (/api/articles/<id>, /articles/<id>).
	ErrBadID = errors.New("unusable id")
)

// DefaultMaxArticleBytes is the body size limit used when Options.MaxArticleBytes is 0.
const DefaultMaxArticleBytes = 10 << 20

// Error is one record (or file) that could not be read. Its Error method returns
// "file:line: reason", without the line when Line is 0.
type Error struct {
	File string
	Line int // 1-based line where the record starts (or the last good line), 0 for the whole file
	// Element is the 1-based position of the record in a JSON array, 0 elsewhere: an array sent
	// on one line gives all its records the same Line.
	Element int
	Err     error
}

// Error returns "file:line: reason", or "file:line: element n: reason" in a JSON array.
func (e *Error) Error() string {
	loc := e.File
	if e.Line > 0 {
		loc += ":" + strconv.Itoa(e.Line)
	}
	if e.Element > 0 {
		loc += ": element " + strconv.Itoa(e.Element)
	}
	return loc + ": " + e.Err.Error()
}

// Unwrap returns the underlying reason.
func (e *Error) Unwrap() error { return e.Err }

// Options tunes the readers.
type Options struct {
	// MaxArticleBytes is the largest body accepted, in bytes; 0 means DefaultMaxArticleBytes.
	// A larger record is an Error, not a fatal one.
	MaxArticleBytes int
	// Read, when set, is told the bytes Walk reads from each file as it reads them (as stored:
	// compressed for a .gz file), so that a caller can show progress against the files' sizes.
	Read func(n int)
}

func (o Options) maxBytes() int {
	if o.MaxArticleBytes <= 0 {
		return DefaultMaxArticleBytes
	}
	return o.MaxArticleBytes
}

// maxRecordBytes bounds the raw size of one record (a JSON line or value, a CSV row, a text
// file): the body limit plus room for escapes and the other fields.
func (o Options) maxRecordBytes() int64 {
	return 4*int64(o.maxBytes()) + 64<<10
}

// Format names an input format.
type Format string

// The supported formats.
const (
	FormatTXT   Format = "txt"
	FormatJSON  Format = "json"
	FormatJSONL Format = "jsonl"
	FormatCSV   Format = "csv"
	FormatHTML  Format = "html" // an HTML page, read with ParseHTML
	FormatFeed  Format = "feed" // an RSS, Atom or JSON feed, read with ParseFeed
)

// FormatOf maps a file name to its format and whether it is gzipped (".jsonl.gz", ".json.gz",
// ".csv.gz", ".txt.gz", ".html.gz"). ok is false for unsupported names. ".ndjson" is jsonl,
// ".htm" html, and ".rss", ".atom" and ".xml" are feeds (Walk skips an .xml file in a directory
// that is not a feed). Extensions are matched case-insensitively.
func FormatOf(name string) (f Format, gz bool, ok bool) {
	n := strings.ToLower(name)
	if strings.HasSuffix(n, ".gz") {
		gz = true
		n = strings.TrimSuffix(n, ".gz")
	}
	switch {
	case strings.HasSuffix(n, ".txt"):
		f = FormatTXT
	case strings.HasSuffix(n, ".json"):
		f = FormatJSON
	case strings.HasSuffix(n, ".jsonl"), strings.HasSuffix(n, ".ndjson"):
		f = FormatJSONL
	case strings.HasSuffix(n, ".csv"):
		f = FormatCSV
	case strings.HasSuffix(n, ".html"), strings.HasSuffix(n, ".htm"):
		f = FormatHTML
	case strings.HasSuffix(n, ".rss"), strings.HasSuffix(n, ".atom"), strings.HasSuffix(n, ".xml"):
		f = FormatFeed
	default:
		return "", false, false
	}
	return f, gz, true
}

// recordError builds the *Error for one record.
func recordError(file string, line int, format string, args ...any) *Error {
	return &Error{File: file, Line: line, Err: fmt.Errorf(format, args...)}
}

// fileError builds the *Error for a file that could not be opened or read. The path is already
// in Error.File, so it is stripped from *fs.PathError reasons.
func fileError(file string, err error) *Error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return &Error{File: file, Err: err}
}
