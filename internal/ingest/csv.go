package ingest

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/searchd/searchd/internal/news"
)

// csv reads CSV with a header row naming the columns (see the package doc). A row with the
// wrong number of fields or a quoting error is reported with its line and skipped.
func (d *decoder) csv(r io.Reader) error {
	t := &tracker{r: r, limit: d.opts.maxRecordBytes()}
	cr := csv.NewReader(t)
	t.pos = cr.InputOffset
	cr.ReuseRecord = true
	header, err := cr.Read()
	switch {
	case err == io.EOF:
		d.onErr(&Error{File: d.name, Err: errors.New("empty file, want a header row")})
		return nil
	case err != nil:
		d.onErr(readError(d.name, 0, err))
		return d.ctx.Err()
	}
	keys := make([]string, len(header))
	hasText := false
	for i, h := range header {
		if i == 0 {
			h = strings.TrimPrefix(h, "\ufeff")
		}
		keys[i] = strings.TrimSpace(h)
		if keys[i] == "" {
			keys[i] = fmt.Sprintf("column%d", i+1)
		}
		if r, _ := roleOf(h); r == roleTitle || r == roleBody {
			hasText = true
		}
	}
	if !hasText {
		d.onErr(recordError(d.name, 1, "header names no title or body column (want title, body, text or content)"))
		return nil
	}
	roles := chooseRoles(keys)
	last := 1
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return d.ctx.Err()
		}
		var pe *csv.ParseError
		if err != nil && !errors.As(err, &pe) {
			d.onErr(readError(d.name, last, err))
			return d.ctx.Err()
		}
		var a news.Article
		var line int
		switch {
		case pe != nil && pe.Err == csv.ErrFieldCount:
			line = pe.StartLine
			err = fmt.Errorf("wrong number of fields: got %d, want %d", len(rec), len(keys))
		case pe != nil:
			line = pe.StartLine
			err = fmt.Errorf("line %d, column %d: %w", pe.Line, pe.Column, pe.Err)
		default:
			line, _ = cr.FieldPos(0)
			a, err = recordFromCSV(keys, roles, rec, d.opts)
		}
		last = line
		if ferr := d.emit(line, a, err); ferr != nil {
			return ferr
		}
	}
}

// recordFromCSV turns one row into an Article. An authors cell may hold a JSON list of strings.
func recordFromCSV(keys []string, roles []role, rec []string, opts Options) (news.Article, error) {
	var b builder
	for i, v := range rec {
		if !utf8.ValidString(v) {
			return news.Article{}, invalidUTF8(keys[i])
		}
		if roles[i] == roleAuthors && strings.HasPrefix(strings.TrimSpace(v), "[") {
			var list []string
			if err := json.Unmarshal([]byte(v), &list); err == nil {
				b.a.Authors = list
				continue
			}
		}
		b.set(roles[i], keys[i], v)
	}
	return b.finish(opts)
}
