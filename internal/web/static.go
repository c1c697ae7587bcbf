package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io/fs"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// The UI's files are read once, at start-up, and served with a validator: an ETag from the
// content. The page links its own files with "?v=<tag>" (versionLinks), and a file asked for
// with its current tag may be kept a year without asking again (Cache-Control: immutable); any
// other request of a file is revalidated (no-cache), which costs a 304 and no body when the
// browser has it. Responses of 1 KiB and more are gzipped for clients that accept it.

// staticFile is one file of the UI, with its validator.
type staticFile struct {
	data []byte
	tag  string // the content's hash, as used in ETag and ?v=
}

// Cache-Control values of the UI's files.
const (
	cacheImmutable   = "public, max-age=31536000, immutable"
	cacheRevalidate  = "no-cache"
	gzipMinLength    = 1024
	versionParameter = "v"
)

// readStatic reads every file of assets (but index.html, which the server renders itself).
func readStatic(assets fs.FS) (map[string]staticFile, error) {
	files := map[string]staticFile{}
	err := fs.WalkDir(assets, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || name == "index.html" {
			return err
		}
		data, err := fs.ReadFile(assets, name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		files[name] = staticFile{data: data, tag: base64.RawURLEncoding.EncodeToString(sum[:9])}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("web: read UI files: %w", err)
	}
	return files, nil
}

// versionLinks adds ?v=<tag> to the links of page to files: `"/static/app.js"` becomes
// `"/static/app.js?v=…"`, so that a new build's page asks for its new files.
func versionLinks(page []byte, files map[string]staticFile) []byte {
	for name, f := range files {
		link := []byte(`"/static/` + name + `"`)
		page = bytes.ReplaceAll(page, link, []byte(`"/static/`+name+`?`+versionParameter+`=`+f.tag+`"`))
	}
	return page
}

// static answers GET /static/<name> with the UI file, or 404.
func (s *Server) static(c echo.Context) error {
	name := strings.TrimPrefix(c.Request().URL.Path, "/static/")
	f, ok := s.files[name]
	if !ok {
		return echo.ErrNotFound
	}
	h := c.Response().Header()
	h.Set("ETag", `"`+f.tag+`"`)
	if c.QueryParam(versionParameter) == f.tag {
		h.Set("Cache-Control", cacheImmutable)
	} else {
		h.Set("Cache-Control", cacheRevalidate)
	}
	http.ServeContent(c.Response(), c.Request(), name, time.Time{}, bytes.NewReader(f.data))
	return nil
}

// compress gzips responses of gzipMinLength bytes and more for clients that accept it, but
// /metrics and /debug/pprof/, whose handlers compress their own answers.
func compress() echo.MiddlewareFunc {
	return middleware.GzipWithConfig(middleware.GzipConfig{
		MinLength: gzipMinLength,
		Skipper: func(c echo.Context) bool {
			p := c.Request().URL.Path
			return p == "/metrics" || strings.HasPrefix(p, "/debug/pprof")
		},
	})
}
