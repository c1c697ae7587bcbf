package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"path"
	"strings"

	"github.com/searchd/searchd/internal/news"
)

// ID returns the article's stable id: its own id with surrounding space trimmed, else a short
// hash of its normalised URL, else a short hash of its title and body. Hashes are the first 16
// hex digits of SHA-256, so the same input always gets the same id.
func ID(a news.Article) string {
	if id := strings.TrimSpace(a.ID); id != "" {
		return id
	}
	if u := strings.TrimSpace(a.URL); u != "" {
		return shortHash(NormalizeURL(u))
	}
	return shortHash(strings.TrimSpace(a.Title) + "\x00" + strings.TrimSpace(a.Body))
}

// trackingParams are query parameters that do not change which page a URL names.
var trackingParams = map[string]bool{"fbclid": true, "gclid": true, "mc_cid": true, "mc_eid": true, "ref": true, "cmpid": true}

// NormalizeURL returns the form of a URL that ID hashes: scheme, "www.", default port,
// fragment, trailing slash and tracking parameters (utm_*, fbclid, ...) removed, host in lower
// case and the remaining query parameters sorted, so that links to the same page agree.
// Text that does not parse as a URL is returned trimmed.
func NormalizeURL(raw string) string {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	if p := u.Port(); p != "" && p != "80" && p != "443" {
		host += ":" + p
	}
	q := u.Query()
	for k := range q {
		if strings.HasPrefix(strings.ToLower(k), "utm_") || trackingParams[strings.ToLower(k)] {
			delete(q, k)
		}
	}
	p := u.EscapedPath()
	if p != "" {
		p = path.Clean(p)
	}
	p = strings.TrimSuffix(p, "/")
	out := host + p
	if len(q) > 0 {
		out += "?" + q.Encode()
	}
	return out
}

func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:8])
}
