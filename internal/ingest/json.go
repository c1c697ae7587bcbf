package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/searchd/searchd/internal/news"
)

// jsonl reads JSON Lines: one object per line, blank lines ignored. A malformed line is
// reported with its number and reading goes on with the next one.
func (d *decoder) jsonl(r io.Reader) error {
	br := bufio.NewReaderSize(r, 256<<10)
	limit := d.opts.maxRecordBytes()
	var buf []byte
	line := 0
	for {
		var tooLong bool
		var rerr error
		buf, tooLong, rerr = readLine(br, buf[:0], limit)
		if rerr != nil && rerr != io.EOF {
			// The partial line is lost; line is the last complete one.
			d.onErr(readError(d.name, line, rerr))
			return d.ctx.Err()
		}
		if rerr == io.EOF && len(buf) == 0 && !tooLong {
			return nil
		}
		line++
		var err error
		if line == 1 {
			buf = bytes.TrimPrefix(buf, utf8BOM)
		}
		switch {
		case tooLong:
			err = fmt.Errorf("%w: line longer than %d bytes", ErrTooLarge, limit)
		case len(bytes.TrimSpace(buf)) == 0:
			if cerr := d.ctx.Err(); cerr != nil {
				return cerr
			}
			continue
		}
		var a news.Article
		if err == nil {
			a, err = recordFromJSON(buf, d.opts)
		}
		if ferr := d.emit(line, a, err); ferr != nil {
			return ferr
		}
		if rerr == io.EOF {
			return nil
		}
	}
}

var utf8BOM = []byte("\ufeff")

// readLine appends the next line of br, without its line ending, to buf. When the line is
// longer than limit the rest of it is skipped and tooLong is set. err is io.EOF after the last
// line (which may be returned with it, when the input does not end in a newline).
func readLine(br *bufio.Reader, buf []byte, limit int64) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if int64(len(buf)+len(chunk)) > limit {
				tooLong, buf = true, buf[:0]
			} else {
				buf = append(buf, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == nil && !tooLong {
			buf = bytes.TrimSuffix(buf[:len(buf)-1], []byte{'\r'})
		}
		if err == io.EOF && len(buf) == 0 && tooLong {
			err = nil // report the long line; the next call returns io.EOF
		}
		return buf, tooLong, err
	}
}

// json reads a .json stream: one object, an array of objects, or concatenated objects. After
// a syntax error the stream cannot be resynchronised, so the error is reported with the line
// where the bad value starts and the rest of the file is skipped.
func (d *decoder) json(r io.Reader) error {
	br := bufio.NewReader(r)
	first, err := firstByte(br)
	if err == io.EOF {
		d.onErr(&Error{File: d.name, Err: errors.New("empty file, want a JSON object or array")})
		return nil
	}
	if err != nil {
		d.onErr(readError(d.name, 0, err))
		return d.ctx.Err()
	}
	t := &tracker{r: br, limit: d.opts.maxRecordBytes()}
	dec := json.NewDecoder(t)
	t.pos = dec.InputOffset
	if first == '[' {
		if _, err := dec.Token(); err != nil {
			return d.jsonFail(dec, t, err)
		}
	}
	for n := 1; dec.More(); n++ {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return d.jsonFail(dec, t, err)
		}
		end := dec.InputOffset()
		line := t.lineAt(end - int64(len(raw)))
		a, err := recordFromJSON(raw, d.opts)
		if err != nil && first == '[' && d.ctx.Err() == nil {
			// An array on one line (as clients send it) gives every element the same line.
			d.onErr(&Error{File: d.name, Line: line, Element: n, Err: err})
			continue
		}
		if ferr := d.emit(line, a, err); ferr != nil {
			return ferr
		}
	}
	if first == '[' {
		if _, err := dec.Token(); err != nil { // the closing bracket
			return d.jsonFail(dec, t, err)
		}
	}
	// More is false at the end of the input, but also before a stray ']' or '}'.
	if tok, err := dec.Token(); err != io.EOF {
		line := t.lineAt(dec.InputOffset())
		switch {
		case err != nil:
			return d.jsonFail(dec, t, err)
		case first == '[':
			d.onErr(recordError(d.name, line, "unexpected data after the array"))
		default:
			d.onErr(recordError(d.name, line, "invalid JSON: unexpected %v; rest of file skipped", tok))
		}
	}
	return d.ctx.Err()
}

// jsonFail reports the error that stopped the decoder and ends the stream.
func (d *decoder) jsonFail(dec *json.Decoder, t *tracker, err error) error {
	line := t.lineAt(dec.InputOffset())
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		// The failing value starts after the whitespace and separators still buffered.
		rest, _ := io.ReadAll(dec.Buffered())
		skip := bytes.IndexFunc(rest, func(r rune) bool { return r != ' ' && r != '\t' && r != '\r' && r != '\n' && r != ',' })
		if skip > 0 {
			line += bytes.Count(rest[:skip], []byte{'\n'})
		}
		d.onErr(recordError(d.name, line, "invalid JSON: %s; rest of file skipped", se.Error()))
	case err == io.EOF:
		d.onErr(&Error{File: d.name, Line: line, Err: fmt.Errorf("%w: %w", ErrTruncated, io.ErrUnexpectedEOF)})
	default:
		d.onErr(readError(d.name, line, err))
	}
	return d.ctx.Err()
}

// firstByte returns the first byte of br that is not whitespace or a byte order mark, without
// consuming it.
func firstByte(br *bufio.Reader) (byte, error) {
	for {
		b, err := br.Peek(1)
		if err != nil {
			return 0, err
		}
		switch b[0] {
		case ' ', '\t', '\r', '\n':
			br.Discard(1)
		case 0xef:
			if bom, _ := br.Peek(3); bytes.Equal(bom, utf8BOM) {
				br.Discard(3)
				continue
			}
			return b[0], nil
		default:
			return b[0], nil
		}
	}
}

// jsonKind names the JSON type of a raw value by its first byte.
func jsonKind(raw []byte) string {
	raw = bytes.TrimLeft(raw, " \t\r\n")
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '"':
		return "string"
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}

// recordFromJSON turns one JSON object into an Article.
func recordFromJSON(raw []byte, opts Options) (news.Article, error) {
	if k := jsonKind(raw); k != "object" {
		if k == "nothing" || !json.Valid(raw) {
			return news.Article{}, invalidJSON(raw)
		}
		return news.Article{}, fmt.Errorf("record is %s, want an object", k)
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return news.Article{}, invalidJSON(raw)
	}
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if !utf8.Valid(raw) {
		for _, k := range keys {
			if !utf8.Valid(fields[k]) {
				return news.Article{}, invalidUTF8(k)
			}
		}
		return news.Article{}, fmt.Errorf("field name: %w", ErrInvalidUTF8)
	}
	var b builder
	for i, r := range chooseRoles(keys) {
		k := keys[i]
		v := fields[k]
		if err := b.setJSON(r, k, v); err != nil {
			return news.Article{}, err
		}
	}
	return b.finish(opts)
}

// invalidJSON describes why raw does not parse.
func invalidJSON(raw []byte) error {
	var v any
	err := json.Unmarshal(raw, &v)
	if err == nil {
		err = errors.New("not an object")
	}
	return fmt.Errorf("invalid JSON: %v", err)
}

// setJSON checks the JSON type of one field and stores it.
func (b *builder) setJSON(r role, key string, raw json.RawMessage) error {
	kind := jsonKind(raw)
	if kind == "null" {
		return nil
	}
	switch r {
	case roleMeta:
		switch kind {
		case "string":
			s, err := unquote(raw)
			if err != nil {
				return fmt.Errorf("field %q: %w", key, err)
			}
			b.meta(key, s)
		case "object", "array":
			var c bytes.Buffer
			if err := json.Compact(&c, raw); err != nil {
				return fmt.Errorf("field %q: %w", key, err)
			}
			b.meta(key, c.String())
		default:
			b.meta(key, string(bytes.TrimSpace(raw)))
		}
		return nil
	case roleAuthors:
		switch kind {
		case "string":
		case "array":
			var list []json.RawMessage
			if err := json.Unmarshal(raw, &list); err != nil {
				return fmt.Errorf("field %q: %w", key, err)
			}
			for i, e := range list {
				switch k := jsonKind(e); k {
				case "null":
				case "string":
					s, err := unquote(e)
					if err != nil {
						return fmt.Errorf("field %q: %w", key, err)
					}
					b.a.Authors = append(b.a.Authors, s)
				default:
					return fmt.Errorf("field %q: item %d is %s, want a string", key, i, k)
				}
			}
			return nil
		default:
			return fmt.Errorf("field %q: got %s, want a list of strings or a string", key, kind)
		}
	case roleID:
		if kind == "number" {
			b.a.ID = string(bytes.TrimSpace(raw))
			return nil
		}
		if kind != "string" {
			return fmt.Errorf("field %q: got %s, want a string", key, kind)
		}
	default:
		if kind != "string" {
			return fmt.Errorf("field %q: got %s, want a string", key, kind)
		}
	}
	s, err := unquote(raw)
	if err != nil {
		return fmt.Errorf("field %q: %w", key, err)
	}
	b.set(r, key, s)
	return nil
}

// unquote decodes a JSON string literal that json.Unmarshal has already validated (a field of
// a record), without the reflection and second validation pass of json.Unmarshal. Like
// encoding/json it turns unpaired surrogates into U+FFFD. Invalid UTF-8 never gets here: records
// holding it are rejected first.
func unquote(raw []byte) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) < 2 || raw[0] != '"' || raw[len(raw)-1] != '"' {
		return "", errors.New("not a JSON string")
	}
	raw = raw[1 : len(raw)-1]
	i := bytes.IndexByte(raw, '\\')
	if i < 0 {
		return string(raw), nil
	}
	out := make([]byte, i, len(raw))
	copy(out, raw[:i])
	for i < len(raw) {
		c := raw[i]
		if c != '\\' {
			j := bytes.IndexByte(raw[i:], '\\')
			if j < 0 {
				j = len(raw) - i
			}
			out = append(out, raw[i:i+j]...)
			i += j
			continue
		}
		if i+1 >= len(raw) {
			return "", errors.New("bad escape at end of string")
		}
		switch e := raw[i+1]; e {
		case '"', '\\', '/':
			out = append(out, e)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, n := hex4(raw[i+2:])
			if n < 0 {
				return "", errors.New("bad \\u escape")
			}
			i += 6
			if utf16.IsSurrogate(r) {
				if r2, n2 := hex4(bytes.TrimPrefix(raw[i:], []byte(`\u`))); n2 > 0 && bytes.HasPrefix(raw[i:], []byte(`\u`)) {
					if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
						out = utf8.AppendRune(out, dec)
						i += 6
						continue
					}
				}
				r = utf8.RuneError
			}
			out = utf8.AppendRune(out, r)
			continue
		default:
			return "", fmt.Errorf("bad escape \\%c", e)
		}
		i += 2
	}
	return string(out), nil
}

// hex4 decodes the four hex digits at the start of b; n is -1 when there are none.
func hex4(b []byte) (rune, int) {
	if len(b) < 4 {
		return 0, -1
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, -1
		}
		r = r<<4 | rune(c)
	}
	return r, 4
}
