package web

import (
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"html/template"
	"math"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"golang.org/x/time/rate"
)

// sessionCookie is the cookie /login sets when a read key is configured. Its value is derived
// from the key (never the key itself), so that it changes when the key changes.
const sessionCookie = "searchd_session"

// keyHash hashes a key for constant-time comparison: comparing fixed-size hashes takes the same
// time whatever the lengths of the two keys.
func keyHash(key string) [sha256.Size]byte {
	return sha256.Sum256([]byte(key))
}

// keyMatches reports whether got equals the key whose hash is want, in constant time.
func keyMatches(got string, want [sha256.Size]byte) bool {
	h := keyHash(got)
	return subtle.ConstantTimeCompare(h[:], want[:]) == 1
}

// sessionValue is the cookie value for readKey.
func sessionValue(readKey string) string {
	h := sha256.Sum256([]byte("searchd-session\x00" + readKey))
	return fmt.Sprintf("%x", h)
}

// bearerToken returns the token of an "Authorization: Bearer <token>" header, or "".
func bearerToken(r *http.Request) string {
	scheme, token, _ := strings.Cut(r.Header.Get(echo.HeaderAuthorization), " ")
	if !strings.EqualFold(scheme, "Bearer") {
		return ""
	}
	return strings.TrimSpace(token)
}

// publicPath reports whether a path stays open when the server is private: the login form,
// the health probe and the UI's static files (which hold no articles).
func publicPath(p string) bool {
	return p == "/login" || p == "/healthz" || strings.HasPrefix(p, "/static/")
}

// requireRead makes the whole server private when Config.ReadKey is set. A request passes with
// "Authorization: Bearer <read_key or api_key>" or with the session cookie that /login sets;
// otherwise the API answers 401 and a page request is redirected to /login.
func (s *Server) requireRead(next echo.HandlerFunc) echo.HandlerFunc {
	if s.cfg.ReadKey == "" {
		return next
	}
	readHash, apiHash := keyHash(s.cfg.ReadKey), keyHash(s.cfg.APIKey)
	session := keyHash(sessionValue(s.cfg.ReadKey))
	return func(c echo.Context) error {
		r := c.Request()
		if publicPath(r.URL.Path) {
			return next(c)
		}
		if tok := bearerToken(r); tok != "" {
			if keyMatches(tok, readHash) || (s.cfg.APIKey != "" && keyMatches(tok, apiHash)) {
				return next(c)
			}
		} else if ck, err := r.Cookie(sessionCookie); err == nil && keyMatches(ck.Value, session) {
			return next(c)
		}
		if !strings.HasPrefix(r.URL.Path, "/api/") && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
			return c.Redirect(http.StatusSeeOther, "/login")
		}
		c.Response().Header().Set(echo.HeaderWWWAuthenticate, `Bearer realm="searchd"`)
		return echo.NewHTTPError(http.StatusUnauthorized, "this server is private: send Authorization: Bearer <read_key>, or sign in at /login")
	}
}

// loginPage is the sign-in form of a private server. It has no script, so the CSP holds.
var loginPage = template.Must(template.New("login").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · searchd</title>
<link rel="stylesheet" href="/static/style.css">
</head>
<body>
<main id="main" class="login">
<h1>searchd</h1>
{{if .Wrong}}<p class="message" role="alert">That key is not right.</p>{{end}}
{{if .Open}}<p>This server is not private: <a href="/">go to search</a>.</p>{{else}}
<form method="post" action="/login">
<label for="key">Access key</label>
<input id="key" name="key" type="password" autocomplete="current-password" required autofocus>
<button type="submit">Sign in</button>
</form>{{end}}
</main>
</body>
</html>
`))

// loginForm answers GET /login with the sign-in form.
func (s *Server) loginForm(c echo.Context) error {
	return s.renderLogin(c, http.StatusOK, false)
}

func (s *Server) renderLogin(c echo.Context, code int, wrong bool) error {
	var b strings.Builder
	if err := loginPage.Execute(&b, struct{ Wrong, Open bool }{wrong, s.cfg.ReadKey == ""}); err != nil {
		return fmt.Errorf("render login page: %w", err)
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.HTML(code, b.String())
}

// login answers POST /login: with the right read key it sets the session cookie (HttpOnly,
// SameSite=Strict, Secure over TLS here or at a trusted proxy, for 30 days) and redirects to
// the search page. Each client has loginBurst attempts, then one every 1/loginRate seconds.
func (s *Server) login(c echo.Context) error {
	if s.cfg.ReadKey == "" {
		return c.Redirect(http.StatusSeeOther, "/")
	}
	if ok, wait := s.logins.reserve(s.clientIP(c), time.Now()); !ok {
		secs := int(math.Ceil(wait.Seconds()))
		c.Response().Header().Set("Retry-After", strconv.Itoa(secs))
		return echo.NewHTTPError(http.StatusTooManyRequests, fmt.Sprintf("too many login attempts: retry in %d s", secs))
	}
	if !keyMatches(c.FormValue("key"), keyHash(s.cfg.ReadKey)) {
		return s.renderLogin(c, http.StatusUnauthorized, true)
	}
	c.SetCookie(&http.Cookie{
		Name: sessionCookie, Value: sessionValue(s.cfg.ReadKey), Path: "/",
		MaxAge: 30 * 24 * 3600, HttpOnly: true, SameSite: http.SameSiteStrictMode,
		Secure: strings.HasPrefix(s.publicBase(c.Request()), "https:"), // TLS here or at a trusted proxy
	})
	return c.Redirect(http.StatusSeeOther, "/")
}

// clientIP is the address rate limits are kept by: the connection's address, or the address
// the configured IP extractor (trusted proxies) finds.
func (s *Server) clientIP(c echo.Context) string {
	if s.echo.IPExtractor != nil {
		return c.RealIP()
	}
	host, _, err := net.SplitHostPort(c.Request().RemoteAddr)
	if err != nil {
		return c.Request().RemoteAddr
	}
	return host
}

// limiters holds one token bucket per client address, forgetting clients idle for a while.
type limiters struct {
	mu      sync.Mutex
	every   rate.Limit
	burst   int
	clients map[string]*client
	swept   time.Time
}

type client struct {
	lim  *rate.Limiter
	seen time.Time
}

// Login attempts a client may make: loginBurst at once, then one every 1/loginRate seconds
// (loopback included), so that the read key cannot be guessed at the speed of the network.
const (
	loginRate  = 0.1
	loginBurst = 10
)

// idleAfter is how long a client's bucket is kept after its last request.
const idleAfter = 10 * time.Minute

func newLimiters(perSecond float64, burst int) *limiters {
	return &limiters{every: rate.Limit(perSecond), burst: max(burst, 1), clients: map[string]*client{}, swept: time.Now()}
}

// reserve takes a token for ip; when none is left it returns how long to wait.
func (l *limiters) reserve(ip string, now time.Time) (ok bool, wait time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.swept) > idleAfter {
		for k, c := range l.clients {
			if now.Sub(c.seen) > idleAfter {
				delete(l.clients, k)
			}
		}
		l.swept = now
	}
	c := l.clients[ip]
	if c == nil {
		c = &client{lim: rate.NewLimiter(l.every, l.burst)}
		l.clients[ip] = c
	}
	c.seen = now
	r := c.lim.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

// rateLimit limits searches per client when Config.RateLimit is set; loopback clients are
// exempt unless Config.RateLimitLoopback. Over the limit it answers 429 with Retry-After.
// (Echo applies route middleware on every request, so the buckets live in s.limits.)
func (s *Server) rateLimit(next echo.HandlerFunc) echo.HandlerFunc {
	l := s.limits
	if l == nil {
		return next
	}
	return func(c echo.Context) error {
		ip := s.clientIP(c)
		if !s.cfg.RateLimitLoopback {
			if a := net.ParseIP(ip); a != nil && a.IsLoopback() {
				return next(c)
			}
		}
		if ok, wait := l.reserve(ip, time.Now()); !ok {
			secs := int(math.Ceil(wait.Seconds()))
			c.Response().Header().Set("Retry-After", strconv.Itoa(secs))
			return echo.NewHTTPError(http.StatusTooManyRequests,
				fmt.Sprintf("too many searches from %s: at most %g a second (bursts of %d); retry in %d s", ip, s.cfg.RateLimit, max(s.cfg.RateBurst, 1), secs))
		}
		return next(c)
	}
}
