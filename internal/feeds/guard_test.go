package feeds

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestIsPublic(t *testing.T) {
	for _, tt := range []struct {
		addr string
		want bool
	}{
		{"127.0.0.1", false},
		{"127.1.2.3", false},
		{"::1", false},
		{"::ffff:127.0.0.1", false},
		{"0.0.0.0", false},
		{"0.1.2.3", false},
		{"::", false},
		{"10.1.2.3", false},
		{"172.16.0.1", false},
		{"192.168.1.1", false},
		{"169.254.169.254", false},
		{"fe80::1", false},
		{"fc00::1", false},
		{"fd12:3456::1", false},
		{"100.64.0.1", false},
		{"224.0.0.1", false},
		{"255.255.255.255", false},
		{"64:ff9b::a00:1", false},    // NAT64 of 10.0.0.1
		{"2002:7f00:1::1", false},    // 6to4 of 127.0.0.1
		{"64:ff9b::5db8:d822", true}, // NAT64 of 93.184.216.34
		{"93.184.216.34", true},
		{"8.8.8.8", true},
		{"2606:4700::1111", true},
	} {
		t.Run(tt.addr, func(t *testing.T) {
			if got := isPublic(netip.MustParseAddr(tt.addr)); got != tt.want {
				t.Errorf("isPublic(%s): got %v, want %v", tt.addr, got, tt.want)
			}
		})
	}
}

// TestPollerRefusesPrivateAddresses checks that the default client does not fetch a feed on
// loopback (the feed's entries used to be indexed and searchable), and does with AllowPrivate.
func TestPollerRefusesPrivateAddresses(t *testing.T) {
	for _, tt := range []struct {
		allow bool
		calls int
	}{{false, 0}, {true, 1}} {
		t.Run(fmt.Sprintf("allow_private=%v", tt.allow), func(t *testing.T) {
			s := newSite(t)
			ix := &recorder{}
			p, err := New([]Source{{URL: s.URL + "/feed.rss"}}, ix, FileStore{Path: filepath.Join(t.TempDir(), "state.json")},
				Options{AllowPrivate: tt.allow, Clock: &fakeClock{now: t0}})
			if err != nil {
				t.Fatal(err)
			}
			p.PollDue(context.Background())
			if got := len(ix.titles()); got != tt.calls {
				t.Errorf("got %d index calls, want %d", got, tt.calls)
			}
			if st := p.Status()[0]; !tt.allow && !strings.Contains(st.LastError, ErrPrivateAddress.Error()) {
				t.Errorf("last error %q, want it to say %q", st.LastError, ErrPrivateAddress)
			}
		})
	}
}

// TestClientChecksEveryDial checks that the address test applies to every connection the
// client makes, not only the feed's: an entry linking to an internal server, and an entry
// whose page redirects there, are indexed from the feed's own text and the internal server is
// never reached.
func TestClientChecksEveryDial(t *testing.T) {
	var internalHits atomic.Int32
	internal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		internalHits.Add(1)
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<html><body><article><p>Internal status page with the admin password hunter2 and far more text than the feed carries about anything.</p></article></body></html>")
	}))
	defer internal.Close()
	mux := http.NewServeMux()
	var feedURL string
	mux.HandleFunc("GET /feed.rss", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title>
<item><title>Direct</title><link>%s/status</link><guid>g1</guid><description>Feed text one.</description></item>
<item><title>Redirected</title><link>%s/moved</link><guid>g2</guid><description>Feed text two.</description></item>
</channel></rss>`, internal.URL, feedURL)
	})
	mux.HandleFunc("GET /moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, internal.URL+"/status", http.StatusFound)
	})
	public := httptest.NewServer(mux)
	defer public.Close()
	feedURL = public.URL
	u, err := url.Parse(public.URL)
	if err != nil {
		t.Fatal(err)
	}
	publicAddr := netip.MustParseAddrPort(u.Host)
	client := newClient(5*time.Second, func(ap netip.AddrPort) bool { return ap == publicAddr }) // "public": only the feed's server

	ix := &recorder{}
	p, err := New([]Source{{URL: public.URL + "/feed.rss"}}, ix, FileStore{Path: filepath.Join(t.TempDir(), "state.json")},
		Options{Client: client, Clock: &fakeClock{now: t0}})
	if err != nil {
		t.Fatal(err)
	}
	p.PollDue(context.Background())
	if n := internalHits.Load(); n != 0 {
		t.Errorf("the internal server was reached %d times, want 0", n)
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if len(ix.calls) != 1 || len(ix.calls[0]) != 2 {
		t.Fatalf("got index calls %v, want one of 2 entries", ix.calls)
	}
	for _, a := range ix.calls[0] {
		if strings.Contains(a.Body, "hunter2") || !strings.Contains(a.Body, "Feed text") {
			t.Errorf("entry %q: body %q, want the feed's text", a.Title, a.Body)
		}
	}
	if _, err := client.Get(internal.URL); !errors.Is(err, ErrPrivateAddress) {
		t.Errorf("GET internal: got %v, want ErrPrivateAddress", err)
	}
}

// TestPollDueFetchesConcurrently checks that a feed whose host does not answer does not hold up
// the others: feeds were polled one after another.
func TestPollDueFetchesConcurrently(t *testing.T) {
	release := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
		http.Error(w, "down", http.StatusServiceUnavailable)
	}))
	defer slow.Close()
	defer close(release)
	fast := newSite(t)
	ix := &recorder{}
	p, err := New([]Source{{URL: slow.URL + "/feed.rss"}, {URL: fast.URL + "/feed.rss"}}, ix,
		FileStore{Path: filepath.Join(t.TempDir(), "state.json")}, Options{Client: fast.Client(), Clock: &fakeClock{now: t0}})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		p.PollDue(context.Background())
	}()
	deadline := time.Now().Add(10 * time.Second)
	for len(ix.titles()) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the fast feed was not indexed within 10s while the slow one hung")
		}
		time.Sleep(10 * time.Millisecond)
	}
	release <- struct{}{}
	<-done
}
