package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/searchd/searchd/internal/index"
)

// These tests run searchd as a real process, built into a temporary directory, so that they can
// kill it with SIGKILL and SIGTERM as an operator (or the kernel) would.

// buildSearchd builds the searchd binary into a temporary directory.
func buildSearchd(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("process tests skipped in -short mode")
	}
	bin := filepath.Join(t.TempDir(), "searchd")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// proc is a running searchd.
type proc struct {
	cmd    *exec.Cmd
	stderr *syncBuffer
	base   string // for serve: the base URL
	done   chan struct{}
	err    error // of Wait, once done is closed
}

// exited reports whether the process has ended.
func (p *proc) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

const procKey = "process-test-key"

// startProc starts `searchd args...` in dir with the test key and no sample corpus. For serve
// it waits until the server reports its address.
func startProc(t *testing.T, bin, dir string, env []string, args ...string) *proc {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), append([]string{"SEARCHD_API_KEY=" + procKey, "SEARCHD_INDEX_LOAD_SAMPLE=false", "SEARCHD_CONFIG="}, env...)...)
	p := &proc{cmd: cmd, stderr: &syncBuffer{}, done: make(chan struct{})}
	cmd.Stderr = p.stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %v: %v", args, err)
	}
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		if !p.exited() {
			_ = cmd.Process.Kill()
			<-p.done
		}
	})
	if args[0] != "serve" {
		return p
	}
	deadline := time.After(60 * time.Second)
	for {
		if m := listenRE.FindStringSubmatch(p.stderr.String()); m != nil {
			p.base = m[1]
			return p
		}
		select {
		case <-p.done:
			t.Fatalf("serve exited early: %v\n%s", p.err, p.stderr)
		case <-deadline:
			t.Fatalf("serve did not report its address:\n%s", p.stderr)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// wait waits for the process to exit and returns its exit code.
func (p *proc) wait(t *testing.T, within time.Duration) int {
	t.Helper()
	select {
	case <-p.done:
		var ee *exec.ExitError
		if errors.As(p.err, &ee) {
			return ee.ExitCode()
		}
		if p.err != nil {
			t.Fatalf("wait: %v", p.err)
		}
		return 0
	case <-time.After(within):
		t.Fatalf("process did not exit within %s:\n%s", within, p.stderr)
		return -1
	}
}

func (p *proc) signal(t *testing.T, s os.Signal) {
	t.Helper()
	if err := p.cmd.Process.Signal(s); err != nil {
		t.Fatalf("signal %v: %v", s, err)
	}
}

// postArticle adds one article through the API and fails unless it is acknowledged.
func postArticle(t *testing.T, base, id string) {
	t.Helper()
	body := fmt.Sprintf(`{"id":%q,"title":"Durable note %s","body":"OSLO (AP) — The harbour office filed note %s, Mayor Lars Dahl said.","date":"2025-06-01"}`, id, id, id)
	req, _ := http.NewRequest(http.MethodPost, base+"/api/articles", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+procKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("POST %s: %v", id, err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(b), `"indexed":1`) {
		t.Fatalf("POST %s: got %d %s, want 200 indexed 1", id, resp.StatusCode, b)
	}
}

func getStatus(t *testing.T, u string) int {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// countArticles opens the index in this process and counts its articles.
func countArticles(t *testing.T, path string) uint64 {
	t.Helper()
	ix, err := index.Open(path, nil, index.Options{}, nil)
	if err != nil {
		t.Fatalf("open %s after the kill: %v", path, err)
	}
	defer ix.Close()
	n, err := ix.Count()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// inFlightPost starts a POST /api/articles whose body is only half sent, so that the request
// stays in flight; finish sends the rest and returns the response.
func inFlightPost(t *testing.T, base, id string) (finish func() (*http.Response, error)) {
	t.Helper()
	u, _ := url.Parse(base)
	conn, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	body := fmt.Sprintf(`{"id":%q,"title":"Slow upload","body":"LISBON — A slow upload arrived in two parts, officials said."}`, id)
	fmt.Fprintf(conn, "POST /api/articles HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s",
		u.Host, procKey, len(body), body[:len(body)/2])
	time.Sleep(300 * time.Millisecond) // the handler is now reading the body
	return func() (*http.Response, error) {
		if _, err := io.WriteString(conn, body[len(body)/2:]); err != nil {
			return nil, err
		}
		return http.ReadResponse(bufio.NewReader(conn), nil)
	}
}

// TestProcessDurability checks that an acknowledged POST survives SIGKILL right after the reply,
// three times over, and that the index opens after each kill.
func TestProcessDurability(t *testing.T) {
	bin := buildSearchd(t)
	dir := t.TempDir()
	for round := 1; round <= 3; round++ {
		p := startProc(t, bin, dir, nil, "serve", "--addr", "127.0.0.1:0", "--index", "idx")
		for prev := 1; prev < round; prev++ {
			if code := getStatus(t, p.base+"/api/articles/durable-"+fmt.Sprint(prev)); code != http.StatusOK {
				t.Errorf("round %d: article acknowledged in round %d: got %d, want 200", round, prev, code)
			}
		}
		postArticle(t, p.base, fmt.Sprintf("durable-%d", round))
		if err := p.cmd.Process.Kill(); err != nil { // SIGKILL, right after the reply
			t.Fatal(err)
		}
		p.wait(t, 10*time.Second)
	}
	if n := countArticles(t, filepath.Join(dir, "idx")); n != 3 {
		t.Errorf("after three acknowledged POSTs and three kills: got %d articles, want 3", n)
	}
}

// TestProcessIndexKilled kills `searchd index` with SIGKILL once it has written some batches
// (segments of its offline build, the index being empty): the index still opens, and running
// the same command again ends with the exact count.
func TestProcessIndexKilled(t *testing.T) {
	bin := buildSearchd(t)
	dir := t.TempDir()
	const n = 3000
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `{"id":"k-%d","title":"Council minutes %d","body":"DENVER (AP) — The council met for session %d on Tuesday. \"We made progress,\" said Mayor Ada Brennan. Officials said the budget would follow."}`+"\n", i, i, i)
	}
	in := filepath.Join(dir, "minutes.jsonl")
	if err := os.WriteFile(in, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	idx := filepath.Join(dir, "idx")
	args := []string{"index", "--quiet", "--batch-size", "50", "--workers", "1", "--index", idx, in}
	p := startProc(t, bin, dir, nil, args...)
	killed := false
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		// Into an empty index, searchd index builds offline: segments appear in the build.
		built, _ := filepath.Glob(filepath.Join(idx, ".bulk-articles", "*", "*.zap"))
		if segs, _ := filepath.Glob(filepath.Join(idx, "articles", "store", "*.zap")); len(segs)+len(built) >= 2 {
			killed = p.cmd.Process.Kill() == nil
			break
		}
	}
	code := p.wait(t, 30*time.Second)
	if !killed {
		t.Logf("the first run ended (exit %d) before it could be killed; checking the re-run only", code)
	}
	got := countArticles(t, idx)
	t.Logf("killed after %d of %d articles", got, n)
	if got > n {
		t.Fatalf("after the kill: got %d articles, more than the %d in the input", got, n)
	}
	again := startProc(t, bin, dir, nil, args...)
	if code := again.wait(t, 5*time.Minute); code != 0 {
		t.Fatalf("re-run: exit %d\n%s", code, again.stderr)
	}
	// The re-run reads everything; articles the first run wrote are unchanged, the rest indexed.
	m := regexp.MustCompile(`read (\d+), indexed (\d+), unchanged (\d+), skipped 0,`).FindStringSubmatch(again.stderr.String())
	if m == nil || m[1] != fmt.Sprint(n) || atoi(t, m[2])+atoi(t, m[3]) != n || atoi(t, m[3]) != int(got) {
		t.Errorf("re-run summary: got\n%s\nwant read %d, indexed %d, unchanged %d", again.stderr, n, n-int(got), got)
	}
	if got := countArticles(t, idx); got != n {
		t.Errorf("after the re-run: got %d articles, want exactly %d", got, n)
	}
}

// TestProcessSIGTERM checks the shutdown: on SIGTERM an in-flight POST completes and is answered,
// the process exits 0 and the article is in the index; a second SIGTERM during a shutdown that
// waits for a stuck request exits at once with exitForced.
func TestProcessSIGTERM(t *testing.T) {
	bin := buildSearchd(t)
	dir := t.TempDir()
	t.Run("drain", func(t *testing.T) {
		p := startProc(t, bin, dir, nil, "serve", "--addr", "127.0.0.1:0", "--index", "idx")
		finish := inFlightPost(t, p.base, "in-flight-1")
		p.signal(t, syscall.SIGTERM)
		time.Sleep(300 * time.Millisecond)
		if p.exited() {
			t.Fatalf("the server exited with a request in flight:\n%s", p.stderr)
		}
		resp, err := finish()
		if err != nil {
			t.Fatalf("the in-flight request failed: %v\n%s", err, p.stderr)
		}
		var body struct{ Indexed int }
		json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || body.Indexed != 1 {
			t.Errorf("in-flight POST: got %d indexed %d, want 200 indexed 1", resp.StatusCode, body.Indexed)
		}
		if code := p.wait(t, 20*time.Second); code != 0 {
			t.Errorf("exit code after SIGTERM: got %d, want 0\n%s", code, p.stderr)
		}
		if !strings.Contains(p.stderr.String(), "requests drained; closing the index") {
			t.Errorf("log lacks the drain message:\n%s", p.stderr)
		}
		if n := countArticles(t, filepath.Join(dir, "idx")); n != 1 {
			t.Errorf("after the drain: got %d articles, want the in-flight one", n)
		}
	})
	t.Run("second signal", func(t *testing.T) {
		p := startProc(t, bin, dir, []string{"SEARCHD_HTTP_SHUTDOWN_TIMEOUT=60s"}, "serve", "--addr", "127.0.0.1:0", "--index", "idx")
		inFlightPost(t, p.base, "in-flight-2") // never finished: the shutdown would wait 60s
		p.signal(t, syscall.SIGTERM)
		time.Sleep(500 * time.Millisecond)
		start := time.Now()
		p.signal(t, syscall.SIGTERM)
		if code := p.wait(t, 10*time.Second); code != exitForced {
			t.Errorf("exit code after a second SIGTERM: got %d, want %d\n%s", code, exitForced, p.stderr)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("the second SIGTERM took %s to end the process, want at once", d)
		}
		if !strings.Contains(p.stderr.String(), "second terminated: exiting without waiting") {
			t.Errorf("log lacks the forced-exit message:\n%s", p.stderr)
		}
		if n := countArticles(t, filepath.Join(dir, "idx")); n != 1 {
			t.Errorf("after the forced exit: got %d articles, want the 1 acknowledged before", n)
		}
	})
}

// TestProcessBackup takes a backup of a live server through the admin endpoint and through
// `searchd backup --server`, and an offline one with `searchd backup --to`; a server started on
// each copy serves every article.
func TestProcessBackup(t *testing.T) {
	bin := buildSearchd(t)
	dir := t.TempDir()
	p := startProc(t, bin, dir, []string{"SEARCHD_INDEX_BACKUP_DIR=" + filepath.Join(dir, "backups")}, "serve", "--addr", "127.0.0.1:0", "--index", "idx")
	for i := range 5 {
		postArticle(t, p.base, fmt.Sprintf("backup-%d", i))
	}
	cli := exec.Command(bin, "backup", "--server", p.base, "--name", "live")
	cli.Env = append(os.Environ(), "SEARCHD_API_KEY="+procKey, "SEARCHD_CONFIG=")
	cli.Dir = dir
	if out, err := cli.CombinedOutput(); err != nil || !strings.Contains(string(out), filepath.Join("backups", "live")) {
		t.Fatalf("searchd backup --server: %v\n%s", err, out)
	}
	// The live index is locked: an offline backup says what to do instead.
	locked := exec.Command(bin, "backup", "--index", "idx", "--to", "offline")
	locked.Dir = dir
	if out, err := locked.CombinedOutput(); err == nil || !strings.Contains(string(out), "searchd backup --server URL") {
		t.Errorf("offline backup of a live index: got %v\n%s\nwant an error pointing to --server", err, out)
	}
	p.signal(t, syscall.SIGTERM)
	p.wait(t, 20*time.Second)
	offline := exec.Command(bin, "backup", "--index", "idx", "--to", "offline")
	offline.Dir = dir
	if out, err := offline.CombinedOutput(); err != nil || !strings.Contains(string(out), "(5 articles)") {
		t.Fatalf("searchd backup --to: %v\n%s", err, out)
	}
	for _, copyDir := range []string{filepath.Join("backups", "live"), "offline"} {
		s := startProc(t, bin, dir, nil, "serve", "--addr", "127.0.0.1:0", "--index", copyDir)
		var h struct{ Articles int }
		getJSON(t, s.base+"/healthz", &h)
		if h.Articles != 5 {
			t.Errorf("serve %s: got %d articles, want 5", copyDir, h.Articles)
		}
		if code := getStatus(t, s.base+"/api/articles/backup-4"); code != http.StatusOK {
			t.Errorf("serve %s: GET backup-4: got %d, want 200", copyDir, code)
		}
		s.signal(t, syscall.SIGTERM)
		s.wait(t, 20*time.Second)
	}
}
