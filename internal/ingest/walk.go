package ingest

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/searchd/searchd/internal/news"
)

// Walk reads every supported file under paths (files or directories, recursively, in sorted
// order, skipping hidden files and directories and unsupported extensions), calling fn for each
// article and onErr for each bad record or unreadable file. An explicitly named file with an
// unsupported extension is reported as an Error (ErrUnsupported). Walk returns only the
// context's error or an error from fn, which stops it. onErr may be nil.
func Walk(ctx context.Context, paths []string, opts Options, fn func(news.Article) error, onErr func(*Error)) error {
	if onErr == nil {
		onErr = func(*Error) {}
	}
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		info, err := os.Stat(p)
		if err != nil {
			onErr(fileError(p, err))
			continue
		}
		if !info.IsDir() {
			if err := readFile(ctx, p, true, opts, fn, onErr); err != nil {
				return err
			}
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				onErr(fileError(path, err))
				return nil
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			return readFile(ctx, path, false, opts, fn, onErr)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// readFile decodes one file. explicit says the caller named it, so an unsupported extension
// is reported rather than skipped.
func readFile(ctx context.Context, path string, explicit bool, opts Options, fn func(news.Article) error, onErr func(*Error)) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	f, gz, ok := FormatOf(path)
	if !ok {
		if explicit {
			onErr(&Error{File: path, Err: ErrUnsupported})
		}
		return nil
	}
	if f == FormatFeed && !explicit && !isFeedFile(path) {
		return nil // an .xml file that is not a feed (a sitemap, a config file)
	}
	file, err := os.Open(path)
	if err != nil {
		onErr(fileError(path, err))
		return nil
	}
	defer file.Close()
	var r io.Reader = file
	if opts.Read != nil {
		r = countingReader{file, opts.Read}
	}
	return decode(ctx, r, path, f, gz, opts, fn, onErr)
}

// Decode reads one stream in format f, calling fn for each article and onErr for each bad
// record. name is used in error messages and, for .txt, as the article's id (without its
// directory and extensions). A gzipped stream is recognised by its magic bytes and decompressed.
// Decode returns only the context's error or an error from fn. onErr may be nil.
func Decode(ctx context.Context, r io.Reader, name string, f Format, opts Options, fn func(news.Article) error, onErr func(*Error)) error {
	if onErr == nil {
		onErr = func(*Error) {}
	}
	return decode(ctx, r, name, f, false, opts, fn, onErr)
}

// decoder holds what the format readers share for one stream.
type decoder struct {
	ctx   context.Context
	name  string
	opts  Options
	fn    func(news.Article) error
	onErr func(*Error)
}

// decode sniffs gzip (required when gz is set) and dispatches on the format.
func decode(ctx context.Context, r io.Reader, name string, f Format, gz bool, opts Options, fn func(news.Article) error, onErr func(*Error)) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var src io.Reader = br
	magic, _ := br.Peek(2)
	isGzip := len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b
	switch {
	case isGzip:
		zr, err := gzip.NewReader(br)
		if err != nil {
			onErr(readError(name, 0, fmt.Errorf("gzip: %w", err)))
			return ctx.Err()
		}
		defer zr.Close()
		src = zr
	case gz:
		onErr(&Error{File: name, Err: errors.New("not a gzip file (name ends in .gz)")})
		return ctx.Err()
	}
	d := &decoder{ctx: ctx, name: name, opts: opts, fn: fn, onErr: onErr}
	switch f {
	case FormatTXT:
		return d.txt(src)
	case FormatJSON:
		return d.json(src)
	case FormatJSONL:
		return d.jsonl(src)
	case FormatCSV:
		return d.csv(src)
	case FormatHTML:
		return d.html(src)
	case FormatFeed:
		return d.feed(src)
	}
	onErr(&Error{File: name, Err: fmt.Errorf("%w: format %q", ErrUnsupported, f)})
	return nil
}

// emit passes a good article to fn, or reports err for the record at line. It returns the
// context's error or fn's, which stop the stream.
func (d *decoder) emit(line int, a news.Article, err error) error {
	if cerr := d.ctx.Err(); cerr != nil {
		return cerr
	}
	if err != nil {
		d.onErr(&Error{File: d.name, Line: line, Err: err})
		return nil
	}
	return d.fn(a)
}

// readError reports an error from the underlying stream, after the record at line (the last
// good one). An unexpected EOF means the input was truncated.
func readError(name string, line int, err error) *Error {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return &Error{File: name, Line: line, Err: fmt.Errorf("%w: %w", ErrTruncated, err)}
	}
	if errors.Is(err, errRecordTooLarge) {
		return &Error{File: name, Line: line, Err: err}
	}
	return &Error{File: name, Line: line, Err: fmt.Errorf("read: %w", err)}
}

// errRecordTooLarge stops a reader that would otherwise buffer an unbounded record.
var errRecordTooLarge = fmt.Errorf("%w: record exceeds the raw size limit", ErrTooLarge)

// tracker wraps the input of a buffering decoder (json.Decoder, csv.Reader). It records where
// newlines are, so that input offsets map to line numbers, and fails the read when the decoder
// has buffered more than limit bytes past its position, so one huge record cannot exhaust memory.
type tracker struct {
	r     io.Reader
	n     int64        // bytes read so far
	nl    []int64      // offsets of newlines at or after the last lineAt query
	lines int          // newlines before the last lineAt query
	limit int64        // 0: none
	pos   func() int64 // the decoder's input offset
}

// Read implements io.Reader.
func (t *tracker) Read(p []byte) (int, error) {
	if t.limit > 0 && t.pos != nil && t.n-t.pos() > t.limit {
		return 0, errRecordTooLarge
	}
	n, err := t.r.Read(p)
	for i, b := range p[:n] {
		if b == '\n' {
			t.nl = append(t.nl, t.n+int64(i))
		}
	}
	t.n += int64(n)
	return n, err
}

// lineAt returns the 1-based line holding input offset off. Offsets passed to successive calls
// must not decrease.
func (t *tracker) lineAt(off int64) int {
	i := 0
	for i < len(t.nl) && t.nl[i] < off {
		i++
	}
	t.lines += i
	t.nl = t.nl[i:]
	return t.lines + 1
}

// countingReader tells read the bytes each Read returns.
type countingReader struct {
	r    io.Reader
	read func(n int)
}

func (c countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.read(n)
	return n, err
}
