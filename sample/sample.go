// Package sample bundles a small corpus of news articles that searchd loads into an empty
// index, so that the web UI has something to show on first start, and that the extraction
// tests use as a golden set.
package sample

import "embed"

// FS holds two JSON Lines files:
//
//   - articles.jsonl: 36 articles, one object per line with the fields id, title, body,
//     date (RFC 3339), source, url and authors, readable as news.Article. Twelve are written
//     in the style of the Associated Press, twelve in that of Reuters (both with datelines at
//     the start of the body) and twelve in that of BBC News (no dateline).
//   - expected.jsonl: one object per article with the same id, listing the named people and
//     organisations quoted in it ("speakers": name and kind, in order of first quote) and the
//     place it was filed from ("location": name and country).
//
// Every text, person, quote and most organisations are fictional: they were written for searchd
// and do not report real events. Cities and countries are real. FS is read-only.
//
//go:embed articles.jsonl expected.jsonl
var FS embed.FS
