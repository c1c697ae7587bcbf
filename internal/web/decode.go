package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/searchd/searchd/internal/news"
)

// Body formats of POST /api/articles.
const (
	formatJSON  = "json"  // one object or an array of objects
	formatJSONL = "jsonl" // NDJSON: one object a line
)

// bodyFormat picks the decoder from the Content-Type, or sniffs the body when the type is absent
// or generic.
func bodyFormat(contentType string, body []byte) (string, error) {
	if contentType != "" {
		mt, _, err := mime.ParseMediaType(contentType)
		if err != nil {
			return "", unsupportedType(contentType)
		}
		switch mt {
		case "application/json":
			return formatJSON, nil
		case "application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines", "application/jsonlines":
			return formatJSONL, nil
		case "text/plain", "application/octet-stream":
			// Generic types: sniff.
		default:
			return "", unsupportedType(contentType)
		}
	}
	return sniffFormat(body), nil
}

func unsupportedType(ct string) error {
	return echo.NewHTTPError(http.StatusUnsupportedMediaType,
		fmt.Sprintf("Content-Type %q is not accepted: use application/json (an object or an array) or application/x-ndjson (one object a line)", ct))
}

// sniffFormat tells an array or a single object (JSON) from several objects (NDJSON).
func sniffFormat(body []byte) string {
	trimmed := bytes.TrimLeft(body, " \t\r\n\ufeff")
	if len(trimmed) > 0 && trimmed[0] == '[' {
		return formatJSON
	}
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	var first json.RawMessage
	if err := dec.Decode(&first); err != nil {
		return formatJSONL // let the line reader report the bad line
	}
	if len(bytes.TrimSpace(trimmed[dec.InputOffset():])) == 0 {
		return formatJSON
	}
	return formatJSONL
}

// decodeArticles reads the articles of a request body. Records that cannot be used are returned
// as errors "request:<line>: <reason>"; err is set only when the context is done.
func decodeArticles(ctx context.Context, body []byte, format string) (arts []news.Article, recErrs []error, err error) {
	// Temporary decoder until internal/ingest lands.
	add := func(line int, raw []byte) {
		var a news.Article
		if e := json.Unmarshal(raw, &a); e != nil {
			recErrs = append(recErrs, fmt.Errorf("request:%d: %v", line, e))
			return
		}
		if a.Title == "" && a.Body == "" {
			recErrs = append(recErrs, fmt.Errorf("request:%d: record has neither title nor body", line))
			return
		}
		arts = append(arts, a)
	}
	switch format {
	case formatJSON:
		trimmed := bytes.TrimSpace(body)
		if len(trimmed) > 0 && trimmed[0] == '[' {
			var raws []json.RawMessage
			if e := json.Unmarshal(trimmed, &raws); e != nil {
				return nil, []error{fmt.Errorf("request:1: %v", e)}, ctx.Err()
			}
			for _, r := range raws {
				add(1, r)
			}
		} else if len(trimmed) > 0 {
			add(1, trimmed)
		}
	default:
		for i, line := range bytes.Split(body, []byte("\n")) {
			if len(bytes.TrimSpace(line)) > 0 {
				add(i+1, line)
			}
		}
	}
	return arts, recErrs, ctx.Err()
}
