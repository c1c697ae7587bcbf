package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/searchd/searchd/internal/index"
)

const readKey = "read-key-51c2"

// TestReadKey checks that a read key makes every route private but /login, /healthz and the
// static files; that the read key, the API key and the /login cookie open it; and that the
// keys never reach the log.
func TestReadKey(t *testing.T) {
	h, logs := newTestServer(t, newTestIndex(t), Config{APIKey: testKey, ReadKey: readKey})

	// The login form sets a cookie derived from the key, not the key.
	form := url.Values{"key": {readKey}}.Encode()
	rec := do(t, h, http.MethodPost, "/login", strings.NewReader(form), "Content-Type: application/x-www-form-urlencoded")
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/" {
		t.Fatalf("POST /login with the key: got %d to %q, want 303 to /", rec.Code, rec.Header().Get("Location"))
	}
	cookies := rec.Result().Cookies()
	if len(cookies) != 1 || cookies[0].Name != sessionCookie || !cookies[0].HttpOnly || cookies[0].SameSite != http.SameSiteStrictMode {
		t.Fatalf("POST /login: got cookies %+v, want one HttpOnly SameSite=Strict %s", cookies, sessionCookie)
	}
	if strings.Contains(cookies[0].Value, readKey) {
		t.Errorf("the session cookie holds the read key")
	}
	cookie := "Cookie: " + sessionCookie + "=" + cookies[0].Value
	if rec := do(t, h, http.MethodPost, "/login", strings.NewReader("key=wrong"), "Content-Type: application/x-www-form-urlencoded"); rec.Code != http.StatusUnauthorized || len(rec.Result().Cookies()) != 0 {
		t.Errorf("POST /login with a wrong key: got %d with cookies %v, want 401 and none", rec.Code, rec.Result().Cookies())
	}

	tests := []struct {
		name, method, target, header string
		want                         int
	}{
		{"search without key", "GET", "/api/search?q=ferry", "", http.StatusUnauthorized},
		{"article without key", "GET", "/api/articles/bbc/tech/001", "", http.StatusUnauthorized},
		{"page without key", "GET", "/", "", http.StatusSeeOther},
		{"article page without key", "GET", "/articles/bbc/tech/001", "", http.StatusSeeOther},
		{"wrong bearer", "GET", "/api/search?q=ferry", "Authorization: Bearer nope", http.StatusUnauthorized},
		{"forged cookie", "GET", "/api/search?q=ferry", "Cookie: " + sessionCookie + "=" + readKey, http.StatusUnauthorized},
		{"search with read key", "GET", "/api/search?q=ferry", "Authorization: Bearer " + readKey, http.StatusOK},
		{"search with api key", "GET", "/api/search?q=ferry", "Authorization: Bearer " + testKey, http.StatusOK},
		{"search with cookie", "GET", "/api/search?q=ferry", cookie, http.StatusOK},
		{"page with cookie", "GET", "/", cookie, http.StatusOK},
		{"read key cannot write", "DELETE", "/api/articles/bbc/tech/001", "Authorization: Bearer " + readKey, http.StatusUnauthorized},
		{"cookie cannot write", "DELETE", "/api/articles/bbc/tech/001", cookie, http.StatusUnauthorized},
		{"healthz is public", "GET", "/healthz", "", http.StatusOK},
		{"login form is public", "GET", "/login", "", http.StatusOK},
		{"static files are public", "GET", "/static/style.css", "", http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var hdr []string
			if tt.header != "" {
				hdr = append(hdr, tt.header)
			}
			rec := do(t, h, tt.method, tt.target, nil, hdr...)
			if rec.Code != tt.want {
				t.Errorf("%s %s: got %d, want %d (%s)", tt.method, tt.target, rec.Code, tt.want, rec.Body)
			}
			if tt.want == http.StatusSeeOther && rec.Header().Get("Location") != "/login" {
				t.Errorf("redirect to %q, want /login", rec.Header().Get("Location"))
			}
		})
	}
	if l := logs.String(); strings.Contains(l, readKey) || strings.Contains(l, testKey) || strings.Contains(l, cookies[0].Value) {
		t.Errorf("a key or the session cookie is in the log:\n%s", l)
	}
}

// TestRateLimit checks that searches over the per-client rate answer 429 with Retry-After,
// that other clients are not affected, and that loopback is exempt unless configured.
func TestRateLimit(t *testing.T) {
	ix := newTestIndex(t)
	search := func(h http.Handler, remote string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, "/api/search?q=ferry", nil)
		req.RemoteAddr = remote + ":40000"
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	h, _ := newTestServer(t, ix, Config{RateLimit: 0.01, RateBurst: 3})
	for i := range 3 {
		if rec := search(h, "203.0.113.7"); rec.Code != http.StatusOK {
			t.Fatalf("search %d within the burst: got %d, want 200", i+1, rec.Code)
		}
	}
	rec := search(h, "203.0.113.7")
	if rec.Code != http.StatusTooManyRequests {
		t.Fatalf("search over the burst: got %d, want 429", rec.Code)
	}
	if s, err := strconv.Atoi(rec.Header().Get("Retry-After")); err != nil || s < 1 || s > 100 {
		t.Errorf("Retry-After: got %q, want seconds from 1 to 100", rec.Header().Get("Retry-After"))
	}
	if !strings.Contains(rec.Body.String(), "too many searches") {
		t.Errorf("429 body: got %s, want it to say too many searches", rec.Body)
	}
	if rec := search(h, "198.51.100.9"); rec.Code != http.StatusOK {
		t.Errorf("another client: got %d, want 200", rec.Code)
	}
	for range 10 {
		if rec := search(h, "127.0.0.1"); rec.Code != http.StatusOK {
			t.Fatalf("loopback client: got %d, want 200 (exempt by default)", rec.Code)
		}
	}
	// X-Forwarded-For does not let a client pose as another one (no trusted proxy configured).
	req := httptest.NewRequest(http.MethodGet, "/api/search?q=ferry", nil)
	req.RemoteAddr = "203.0.113.7:40000"
	req.Header.Set("X-Forwarded-For", "127.0.0.1")
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusTooManyRequests {
		t.Errorf("X-Forwarded-For: 127.0.0.1 from a limited client: got %d, want 429", rec.Code)
	}
	strict, _ := newTestServer(t, ix, Config{RateLimit: 0.01, RateBurst: 1, RateLimitLoopback: true})
	search(strict, "127.0.0.1")
	if rec := search(strict, "127.0.0.1"); rec.Code != http.StatusTooManyRequests {
		t.Errorf("loopback with RateLimitLoopback: got %d, want 429", rec.Code)
	}
}

// TestCORS checks that no CORS header is sent unless origins are configured.
func TestCORS(t *testing.T) {
	ix := newTestIndex(t)
	off, _ := newTestServer(t, ix, Config{})
	on, _ := newTestServer(t, ix, Config{CORSOrigins: []string{"https://desk.example"}})
	tests := []struct {
		name   string
		h      http.Handler
		origin string
		want   string
	}{
		{"off", off, "https://desk.example", ""},
		{"allowed origin", on, "https://desk.example", "https://desk.example"},
		{"other origin", on, "https://evil.example", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(t, tt.h, http.MethodGet, "/api/search?q=ferry", nil, "Origin: "+tt.origin)
			if got := rec.Header().Get("Access-Control-Allow-Origin"); got != tt.want {
				t.Errorf("Access-Control-Allow-Origin: got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestSecurityHeadersEverywhere checks the headers on every kind of response: API answers,
// errors, pages, static files and redirects.
func TestSecurityHeadersEverywhere(t *testing.T) {
	ix := newTestIndex(t)
	h, _ := newTestServer(t, ix, Config{APIKey: testKey})
	private, _ := newTestServer(t, ix, Config{ReadKey: readKey})
	for _, tt := range []struct {
		h      http.Handler
		method string
		target string
	}{
		{h, "GET", "/"}, {h, "GET", "/articles/bbc/tech/001"}, {h, "GET", "/static/app.js"}, {h, "GET", "/api/search?q=ferry"},
		{h, "GET", "/api/search?size=0"}, {h, "GET", "/api/articles/none"}, {h, "GET", "/nowhere"}, {h, "POST", "/api/articles"},
		{h, "PUT", "/api/search"}, {h, "GET", "/healthz"}, {h, "GET", "/login"}, {private, "GET", "/"}, {private, "GET", "/api/search"},
	} {
		rec := do(t, tt.h, tt.method, tt.target, nil)
		hd := rec.Header()
		csp := hd.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s %s (%d): CSP %q, want default-src 'self', frame-ancestors 'none' and no unsafe-inline", tt.method, tt.target, rec.Code, csp)
		}
		if hd.Get("X-Content-Type-Options") != "nosniff" || hd.Get("Referrer-Policy") == "" || hd.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s %s (%d): got X-Content-Type-Options %q, Referrer-Policy %q, X-Frame-Options %q",
				tt.method, tt.target, rec.Code, hd.Get("X-Content-Type-Options"), hd.Get("Referrer-Policy"), hd.Get("X-Frame-Options"))
		}
	}
}

// TestAdminBackup checks POST /api/admin/backup: admin key required, a copy that opens with
// every article, names checked, and the endpoint off without backup_dir.
func TestAdminBackup(t *testing.T) {
	ix := newTestIndex(t)
	dir := t.TempDir()
	h, _ := newTestServer(t, ix, Config{APIKey: testKey, BackupDir: dir})
	auth := "Authorization: Bearer " + testKey
	if rec := do(t, h, http.MethodPost, "/api/admin/backup", nil); rec.Code != http.StatusUnauthorized {
		t.Errorf("backup without key: got %d, want 401", rec.Code)
	}
	var bad errorBody
	decodeBody(t, do(t, h, http.MethodPost, "/api/admin/backup?name=../etc", nil, auth), http.StatusBadRequest, &bad)
	var got backupResponse
	decodeBody(t, do(t, h, http.MethodPost, "/api/admin/backup?name=nightly", nil, auth), http.StatusOK, &got)
	if want := filepath.Join(dir, "nightly"); got.Path != want {
		t.Errorf("backup path: got %q, want %q", got.Path, want)
	}
	decodeBody(t, do(t, h, http.MethodPost, "/api/admin/backup?name=nightly", nil, auth), http.StatusConflict, &bad)
	cp, err := index.Open(got.Path, nil, index.Options{}, nil)
	if err != nil {
		t.Fatalf("open the backup: %v", err)
	}
	defer cp.Close()
	if n, _ := cp.Count(); n != uint64(len(fixtureDocs())) {
		t.Errorf("backup has %d articles, want %d", n, len(fixtureDocs()))
	}
	off, _ := newTestServer(t, ix, Config{APIKey: testKey})
	decodeBody(t, do(t, off, http.MethodPost, "/api/admin/backup", nil, auth), http.StatusForbidden, &bad)
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("backup dir holds %d entries, want 1 (no partial copies left)", len(ents))
	}
}

// TestUndecodableQuery checks that a query string Go cannot decode is a 400: Echo dropped the
// bad parameter, or all of them, and ran another search (q=%%% answered every article).
func TestUndecodableQuery(t *testing.T) {
	h, _ := newTestServer(t, newTestIndex(t), Config{})
	many := strings.Repeat("x=1&", 10001) + "q=ferry"
	for _, target := range []string{
		"/api/search?q=%%%",
		"/api/search?q=ferry&since=2019-01-01;size=1",
		"/api/search?" + many,
		"/api/quotes?q=%zz",
		"/search.atom?q=%",
	} {
		t.Run(target[:min(len(target), 50)], func(t *testing.T) {
			rec := do(t, h, http.MethodGet, target, nil)
			if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "cannot be decoded") {
				t.Errorf("got %d %s, want 400 'cannot be decoded'", rec.Code, rec.Body.String()[:min(rec.Body.Len(), 200)])
			}
		})
	}
	if rec := do(t, h, http.MethodGet, "/api/search?q=ferry%20fares&size=5", nil); rec.Code != http.StatusOK {
		t.Errorf("a good query string: got %d, want 200", rec.Code)
	}
}

// TestRateLimitEverySearch checks that every search-shaped endpoint takes from the client's
// rate limit, not /api/search alone.
func TestRateLimitEverySearch(t *testing.T) {
	h, _ := newTestServer(t, newTestIndex(t), Config{RateLimit: 0.01, RateBurst: 1})
	for i, target := range []string{"/api/quotes?q=ferry", "/api/speakers?prefix=a", "/api/speakers/Nobody", "/api/related/none", "/search.atom?q=ferry"} {
		t.Run(target, func(t *testing.T) {
			get := func() int {
				req := httptest.NewRequest(http.MethodGet, target, nil)
				req.RemoteAddr = "203.0.113." + strconv.Itoa(i+1) + ":40000" // a client per endpoint
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				return rec.Code
			}
			if code := get(); code == http.StatusTooManyRequests {
				t.Fatalf("first request: got 429, want it within the burst")
			}
			if code := get(); code != http.StatusTooManyRequests {
				t.Errorf("second request over a burst of 1: got %d, want 429", code)
			}
		})
	}
}

// TestSessionCookieSecureBehindProxy checks that the session cookie is Secure when a trusted
// proxy says the client came over https (it was Secure only over TLS to searchd itself), and
// not when an untrusted client says so.
func TestSessionCookieSecureBehindProxy(t *testing.T) {
	form := url.Values{"key": {readKey}}.Encode()
	for _, tt := range []struct {
		proxies []string
		secure  bool
	}{{nil, false}, {[]string{"192.0.2.0/24"}, true}} {
		h, _ := newTestServer(t, newTestIndex(t), Config{ReadKey: readKey, TrustedProxies: tt.proxies})
		rec := do(t, h, http.MethodPost, "/login", strings.NewReader(form),
			"Content-Type: application/x-www-form-urlencoded", "X-Forwarded-Proto: https")
		cookies := rec.Result().Cookies()
		if len(cookies) != 1 || cookies[0].Secure != tt.secure {
			t.Errorf("trusted proxies %v: got cookies %v, want one with Secure=%v", tt.proxies, cookies, tt.secure)
		}
	}
}

// TestLoginThrottle checks that a client cannot try read keys at the speed of the network: after
// loginBurst attempts it gets 429 with Retry-After, even with the right key, while another client
// still logs in. There was no limit.
func TestLoginThrottle(t *testing.T) {
	h, _ := newTestServer(t, newTestIndex(t), Config{ReadKey: readKey})
	login := func(remote, key string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(url.Values{"key": {key}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.RemoteAddr = remote + ":40000"
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	for i := range loginBurst {
		if rec := login("203.0.113.7", fmt.Sprintf("guess-%d", i)); rec.Code != http.StatusUnauthorized {
			t.Fatalf("guess %d: got %d, want 401", i+1, rec.Code)
		}
	}
	rec := login("203.0.113.7", readKey)
	if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") == "" {
		t.Errorf("attempt %d: got %d (Retry-After %q), want 429 with Retry-After", loginBurst+1, rec.Code, rec.Header().Get("Retry-After"))
	}
	if rec := login("198.51.100.9", readKey); rec.Code != http.StatusSeeOther {
		t.Errorf("another client with the key: got %d, want 303", rec.Code)
	}
}
