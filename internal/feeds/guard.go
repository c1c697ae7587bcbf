package feeds

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"syscall"
	"time"
)

// ErrPrivateAddress is wrapped by the error of a fetch whose host resolved to an address that
// is not public (loopback, private, link-local, unspecified, multicast, ...), refused unless
// Options.AllowPrivate is set.
var ErrPrivateAddress = errors.New("address is not public")

// nonPublic lists the networks, besides those netip classifies (loopback, private, link-local,
// multicast, unspecified), that no feed on the internet is served from.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),      // "this network": 0.x.y.z reaches the host itself
	netip.MustParsePrefix("100.64.0.0/10"),  // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),   // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"),  // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),    // reserved, and the broadcast address
	netip.MustParsePrefix("64:ff9b:1::/48"), // local-use NAT64
	netip.MustParsePrefix("100::/64"),       // discard-only
	netip.MustParsePrefix("fec0::/10"),      // site-local (deprecated)
}

// embedding lists IPv6 networks whose addresses carry an IPv4 address, at the byte offset
// given, which must be public too: NAT64 (64:ff9b::10.0.0.1 reaches 10.0.0.1) and 6to4.
var embedding = []struct {
	prefix netip.Prefix
	at     int
}{
	{netip.MustParsePrefix("64:ff9b::/96"), 12},
	{netip.MustParsePrefix("2002::/16"), 2},
}

// isPublic reports whether a is an address a feed may be fetched from without AllowPrivate.
func isPublic(a netip.Addr) bool {
	a = a.Unmap() // ::ffff:127.0.0.1 is 127.0.0.1
	if !a.IsValid() || a.IsLoopback() || a.IsPrivate() || a.IsUnspecified() || a.IsLinkLocalUnicast() ||
		a.IsLinkLocalMulticast() || a.IsInterfaceLocalMulticast() || a.IsMulticast() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(a) {
			return false
		}
	}
	for _, e := range embedding {
		if e.prefix.Contains(a) {
			b := a.As16()
			return isPublic(netip.AddrFrom4([4]byte(b[e.at : e.at+4])))
		}
	}
	return true
}

// NewClient returns the HTTP client the poller uses when Options.Client is nil: timeout per
// request (0: none) and, unless allowPrivate, a dialer that refuses every connection to an
// address that is not public. The check is made on the address actually dialled, after name
// resolution, so that a redirect, a link in a feed or a name that resolves to 127.0.0.1 (or
// changes its answer between two lookups) cannot reach the server's own network. The client
// does not use proxies from the environment: through a proxy the address dialled would be the
// proxy's, and the check would say nothing about the feed's.
func NewClient(timeout time.Duration, allowPrivate bool) *http.Client {
	if allowPrivate {
		return newClient(timeout, nil)
	}
	return newClient(timeout, func(ap netip.AddrPort) bool { return isPublic(ap.Addr()) })
}

// newClient is NewClient with the test of each dialled address; nil allows all.
func newClient(timeout time.Duration, allow func(netip.AddrPort) bool) *http.Client {
	d := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	if allow != nil {
		d.ControlContext = func(_ context.Context, network, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return fmt.Errorf("dial %s %s: %w", network, address, err)
			}
			if !allow(ap) {
				return fmt.Errorf("dial %s: %w (set feeds.allow_private to fetch from it)", address, ErrPrivateAddress)
			}
			return nil
		}
	}
	tr := &http.Transport{
		DialContext:           d.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
	return &http.Client{Timeout: timeout, Transport: tr}
}
