// Package web holds searchd's browser UI: the static files (HTML, CSS, JavaScript) embedded into
// the binary, so that the server needs nothing from disk or from a CDN to serve it.
package web

import (
	"embed"
	"io/fs"
)

// Static holds the UI files under the directory "static/".
//
//go:embed static
var Static embed.FS

// Assets returns the static/ subtree of Static: index.html, app.js, style.css at its root.
// It is what internal/web.NewServer expects as its assets.
func Assets() fs.FS {
	sub, err := fs.Sub(Static, "static")
	if err != nil {
		// fs.Sub fails only for an invalid path name; "static" is valid.
		panic("web: static subtree: " + err.Error())
	}
	return sub
}
