package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/searchd/searchd/internal/ingest"
	"github.com/searchd/searchd/internal/news"
)

// bodyFormat picks the decoder from the Content-Type, or sniffs the body when the type is absent
// or generic.
func bodyFormat(contentType string, body []byte) (ingest.Format, error) {
	if contentType != "" {
		mt, _, err := mime.ParseMediaType(contentType)
		if err != nil {
			return "", unsupportedType(contentType)
		}
		switch mt {
		case "application/json":
			return ingest.FormatJSON, nil
		case "application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines", "application/jsonlines":
			return ingest.FormatJSONL, nil
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
func sniffFormat(body []byte) ingest.Format {
	trimmed := bytes.TrimLeft(body, " \t\r\n\ufeff")
	if len(trimmed) > 0 && trimmed[0] == '[' {
		return ingest.FormatJSON
	}
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	var first json.RawMessage
	if err := dec.Decode(&first); err != nil {
		return ingest.FormatJSONL // let the line reader report the bad line
	}
	if len(bytes.TrimSpace(trimmed[dec.InputOffset():])) == 0 {
		return ingest.FormatJSON
	}
	return ingest.FormatJSONL
}

// decodeArticles reads the articles of a request body with internal/ingest. Records that cannot
// be used are returned as errors "request:<line>: <reason>"; err is set only when the context is
// done.
func decodeArticles(ctx context.Context, body []byte, format ingest.Format, opts ingest.Options) (arts []news.Article, recErrs []error, err error) {
	err = ingest.Decode(ctx, bytes.NewReader(body), "request", format, opts,
		func(a news.Article) error {
			arts = append(arts, a)
			return nil
		},
		func(e *ingest.Error) { recErrs = append(recErrs, e) })
	return arts, recErrs, err
}
