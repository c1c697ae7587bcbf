package web

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// parsePublicURL checks Config.PublicURL: empty, or an absolute http(s) URL without query or
// fragment. It returns it without a trailing slash.
func parsePublicURL(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("web: public URL %q: want an absolute http or https URL such as https://news.example.org", s)
	}
	return strings.TrimRight(s, "/"), nil
}

// parseProxies parses Config.TrustedProxies (ipExtractor has checked them).
func parseProxies(cidrs []string) []*net.IPNet {
	var out []*net.IPNet
	for _, c := range cidrs {
		if _, n, err := net.ParseCIDR(strings.TrimSpace(c)); err == nil {
			out = append(out, n)
		}
	}
	return out
}

// fromTrustedProxy reports whether r came from one of the trusted proxies, whose forwarding
// headers are believed.
func (s *Server) fromTrustedProxy(r *http.Request) bool {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	ip := net.ParseIP(host)
	for _, n := range s.proxies {
		if ip != nil && n.Contains(ip) {
			return true
		}
	}
	return false
}

// publicBase returns scheme://host (and path prefix) of the server as its users reach it, for
// absolute links: Config.PublicURL when set; else the request's Host with https when the
// connection is TLS or a trusted proxy says so in X-Forwarded-Proto (and the host it gives in
// X-Forwarded-Host). A client's own forwarding headers are ignored.
func (s *Server) publicBase(r *http.Request) string {
	if s.publicURL != "" {
		return s.publicURL
	}
	scheme, host := "http", r.Host
	if r.TLS != nil {
		scheme = "https"
	}
	if s.fromTrustedProxy(r) {
		if p := strings.ToLower(strings.TrimSpace(r.Header.Get("X-Forwarded-Proto"))); p == "http" || p == "https" {
			scheme = p
		}
		if h := strings.TrimSpace(r.Header.Get("X-Forwarded-Host")); h != "" && !strings.ContainsAny(h, "/?#@ ,") {
			host = h
		}
	}
	return scheme + "://" + host
}

// webLink returns link when it is an absolute http or https URL, else "": an article's URL
// comes from its source, and a javascript: or data: URL must not reach a feed reader.
func webLink(link string) string {
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}
