package watch

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/searchd/searchd/internal/index"
)

// event is one call of Options.OnIndexed.
type event struct {
	path string
	n    int
	err  error
}

// logBuffer collects log output from several goroutines.
type logBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// next waits for the next indexed file.
func next(t *testing.T, events <-chan event) event {
	t.Helper()
	select {
	case ev := <-events:
		return ev
	case <-time.After(15 * time.Second):
		t.Fatal("no file was indexed within 15s")
	}
	return event{}
}

func total(t *testing.T, ix *index.Index, q string) uint64 {
	t.Helper()
	res, err := ix.Search(context.Background(), index.Query{Q: q})
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	return res.Total
}

const wire = "Lighthouse keeper retires after 31 years\n\nBy Nora Vance\n\nPORT ELLIS (AP) — The keeper of the Port Ellis lighthouse retired on Friday.\n\n\"The lamp never went out on my watch,\" said Hal Brody.\n"

// startWatcher runs a watcher of dir over a new index until the returned stop is called, which
// returns Run's error; events receives every call of OnIndexed.
func startWatcher(t *testing.T, dir string, logger *slog.Logger, debounce time.Duration) (*index.Index, chan event, func() error) {
	t.Helper()
	ix, err := index.Open(filepath.Join(t.TempDir(), "index"), nil, index.Options{}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	events := make(chan event, 16)
	w, err := New(dir, ix, logger, Options{
		Debounce:  debounce,
		OnIndexed: func(p string, n int, err error) { events <- event{p, n, err} },
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	stop := func() error {
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(5 * time.Second):
			return errors.New("Run did not return within 5s of its context's end (blocked on a file?)")
		}
	}
	return ix, events, stop
}

func TestWatcher(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "keeper.txt"), wire)
	write(t, filepath.Join(dir, ".hidden.txt"), "Hidden draft\n\nNot for the index: zeppelin.\n")
	write(t, filepath.Join(dir, "notes.txt~"), "Editor backup\n\nNot for the index: zeppelin.\n")

	logs := &logBuffer{}
	ix, events, stop := startWatcher(t, dir, slog.New(slog.NewTextHandler(logs, nil)), 200*time.Millisecond)

	// A file present at start.
	if ev := next(t, events); ev.path != filepath.Join(dir, "keeper.txt") || ev.n != 1 || ev.err != nil {
		t.Fatalf("first event: got %+v, want keeper.txt with 1 article", ev)
	}
	if got := total(t, ix, "lighthouse"); got != 1 {
		t.Errorf("search lighthouse: got %d hits, want 1", got)
	}

	// A file dropped into a new subdirectory, written in two steps within the debounce delay:
	// indexed once, complete.
	sub := filepath.Join(dir, "wire", "2025")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	jl := filepath.Join(sub, "ferry.jsonl")
	write(t, jl, `{"id":"ferry-1","title":"Ferry resumes","body":"The ferry to Skerry Island resumed on Monday."}`+"\n")
	f, err := os.OpenFile(jl, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"id":"ferry-2","title":"Ferry fares frozen","body":"Fares to Skerry Island stay as they are."}` + "\n")
	f.Close()
	if ev := next(t, events); ev.path != jl || ev.n != 2 || ev.err != nil {
		t.Fatalf("dropped file: got %+v, want %s with 2 articles", ev, jl)
	}
	if got := total(t, ix, "skerry"); got != 2 {
		t.Errorf("search skerry: got %d hits, want 2", got)
	}

	// A changed file is indexed again, replacing its article (same id).
	write(t, filepath.Join(dir, "keeper.txt"), strings.Replace(wire, "retired on Friday", "retired on Friday to a cottage in Gorran", 1))
	if ev := next(t, events); ev.path != filepath.Join(dir, "keeper.txt") || ev.n != 1 {
		t.Fatalf("changed file: got %+v, want keeper.txt again", ev)
	}
	if got := total(t, ix, "gorran"); got != 1 {
		t.Errorf("search gorran after the change: got %d hits, want 1", got)
	}
	if n, _ := ix.Count(); n != 3 {
		t.Errorf("articles after re-indexing: got %d, want 3", n)
	}

	// A bad file is reported with file:line.
	bad := filepath.Join(dir, "bad.jsonl")
	write(t, bad, "{\"title\": 42}\n")
	if ev := next(t, events); ev.path != bad || ev.n != 0 || ev.err == nil {
		t.Fatalf("bad file: got %+v, want %s with an error", ev, bad)
	}
	if want := bad + ":1: "; !strings.Contains(logs.String(), want) {
		t.Errorf("log does not name %q:\n%s", want, logs)
	}

	if err := stop(); err != nil {
		t.Errorf("Run: got %v, want nil", err)
	}
	close(events)
	for ev := range events {
		t.Errorf("unexpected extra event %+v", ev)
	}
	if got := total(t, ix, "zeppelin"); got != 0 {
		t.Errorf("hidden and temporary files: got %d hits, want 0", got)
	}
}

func TestIgnored(t *testing.T) {
	tests := []struct {
		path string
		want bool
	}{
		{"a/story.txt", false},
		{"a/.story.txt", true},
		{"a/story.txt~", true},
		{"a/#story.txt#", true},
		{"a/story.html.part", true},
		{"a/story.jsonl.crdownload", true},
		{"a/.swp", true},
		{"a/feed.xml", false},
	}
	for _, tt := range tests {
		if got := ignored(tt.path); got != tt.want {
			t.Errorf("ignored(%q): got %v, want %v", tt.path, got, tt.want)
		}
	}
}

func TestNewNeedsDirectory(t *testing.T) {
	file := filepath.Join(t.TempDir(), "f.txt")
	write(t, file, "x")
	for _, p := range []string{file, filepath.Join(t.TempDir(), "missing")} {
		if _, err := New(p, nil, nil, Options{}); err == nil {
			t.Errorf("New(%q): got nil error, want one", p)
		}
	}
}

// TestWatcherReadsRegularFilesOnly checks that the watcher skips links out of the folder (to a
// file, to a directory), FIFOs and links to FIFOs, present at start or dropped in later, and
// keeps watching: a link to a key file was indexed and searchable, and a FIFO named .txt
// blocked the watcher for good.
func TestWatcherReadsRegularFilesOnly(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	write(t, filepath.Join(outside, "key.txt"), "Server key\n\nThe secret key is quokka.\n")
	write(t, filepath.Join(outside, "private", "notes.txt"), "Private notes\n\nThe other secret is quokka too.\n")
	link := func(target, name string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	fifo := func(name string) {
		t.Helper()
		if err := syscall.Mkfifo(filepath.Join(dir, name), 0o644); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
	}
	link(filepath.Join(outside, "key.txt"), "key.txt")
	link(filepath.Join(outside, "private"), "private")
	fifo("pipe.txt")
	write(t, filepath.Join(dir, "keeper.txt"), wire)

	ix, events, stop := startWatcher(t, dir, nil, 100*time.Millisecond)
	defer func() {
		if err := stop(); err != nil {
			t.Error(err)
		}
	}()
	// Until the given regular file is indexed, every event must be about a skipped path.
	waitFor := func(want string) {
		t.Helper()
		for {
			ev := next(t, events)
			if ev.path == want {
				if ev.n != 1 || ev.err != nil {
					t.Fatalf("%s: got %+v, want 1 article", want, ev)
				}
				return
			}
			if ev.n != 0 {
				t.Errorf("%s: got %d articles, want it skipped", ev.path, ev.n)
			}
		}
	}
	waitFor(filepath.Join(dir, "keeper.txt"))

	// Dropped in later: a link to the key, a FIFO, a link to a FIFO, then a regular file.
	link(filepath.Join(outside, "key.txt"), "key2.txt")
	fifo("pipe2.txt")
	link(filepath.Join(dir, "pipe2.txt"), "pipe3.txt")
	later := filepath.Join(dir, "later.jsonl")
	write(t, later, `{"id":"later-1","title":"Ferry resumes","body":"The ferry to Skerry Island resumed on Monday."}`+"\n")
	waitFor(later)
	time.Sleep(300 * time.Millisecond) // past the debounce of anything else dropped
	if got := total(t, ix, "quokka"); got != 0 {
		t.Errorf("search quokka: got %d hits, want 0 (files outside the folder)", got)
	}
	if n, _ := ix.Count(); n != 2 {
		t.Errorf("got %d articles, want 2", n)
	}
}
