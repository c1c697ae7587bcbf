package index

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"
)

func TestCostly(t *testing.T) {
	long := `"` + strings.TrimSpace(strings.Repeat("trump ", 40)) + `"`
	for _, tc := range []struct {
		q    string
		want bool
	}{
		{"", false},
		{"budget", false},
		{`"white house" senate`, false},
		{"pre*", false},
		{"-a* -b* -c* -d*", false},
		{"-a* -b* -c* -d* -e*", true},
		{"/ab.*/ /cd.*/ /ef.*/ /gh.*/ /ij.*/", true},
		{"a~ b~ c~ d~ e~", true},
		{strings.TrimSpace(strings.Repeat("word ", 32)), false},
		{strings.TrimSpace(strings.Repeat("word ", 33)), true},
		{long, true},
		{strings.Repeat("x", MaxQueryBytes+1), true},
	} {
		if got := Costly(tc.q); got != tc.want {
			t.Errorf("Costly(%.40q): got %v, want %v", tc.q, got, tc.want)
		}
	}
}

// waitFor yields until cond holds: the goroutines it waits for block on the admission's lines,
// which the tests count, without a clock.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for i := 0; !cond(); i++ {
		if i == 1_000_000 {
			t.Fatal("condition never held")
		}
		runtime.Gosched()
	}
}

// acquired is the outcome of an acquire run in a goroutine.
type acquired struct {
	release func()
	err     error
}

func acquireAsync(a *admission, ctx context.Context, costly bool) <-chan acquired {
	ch := make(chan acquired, 1)
	go func() {
		r, err := a.acquire(ctx, costly)
		ch <- acquired{r, err}
	}()
	return ch
}

// TestAdmissionNormalFirst checks the order in which slots are handed out: a normal search
// takes a free slot even while costly ones wait, costly searches hold at most costlyMax slots,
// and a freed slot goes to a normal search waiting before any costly one.
func TestAdmissionNormalFirst(t *testing.T) {
	a := newAdmission(3, 1)
	ctx := context.Background()

	costly1, err := a.acquire(ctx, true)
	if err != nil {
		t.Fatalf("first costly search with free slots: %v", err)
	}
	// A second costly search waits: one costly slot only, though two slots are free.
	c2 := acquireAsync(a, ctx, true)
	waitFor(t, func() bool { _, c := a.waiting(); return c == 1 })

	// Normal searches take the two free slots at once, with a costly search waiting.
	n1, err := a.acquire(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	n2, err := a.acquire(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	// Every slot is taken: the next normal search waits, in line before the costly one.
	n3 := acquireAsync(a, ctx, false)
	waitFor(t, func() bool { n, _ := a.waiting(); return n == 1 })

	// The costly search ends: its slot goes to the normal search waiting, not the costly one.
	costly1()
	r3 := <-n3
	if r3.err != nil {
		t.Fatalf("normal search waiting: %v", r3.err)
	}
	if n, c := a.waiting(); n != 0 || c != 1 {
		t.Fatalf("after the costly slot was freed: got %d normal and %d costly waiting, want 0 and 1", n, c)
	}
	// A normal search ends: no normal search waits, and no costly one runs: the costly one runs.
	n1()
	r2 := <-c2
	if r2.err != nil {
		t.Fatalf("costly search waiting: %v", r2.err)
	}
	r2.release()
	n2()
	r3.release()
	if a.free != 3 || a.costlyRunning != 0 {
		t.Errorf("after every release: got %d free, %d costly running; want 3 and 0", a.free, a.costlyRunning)
	}
}

// TestAdmissionCancelled checks that a search that gives up waiting leaves the line, and that
// a slot handed to it as it gave up goes to the next one.
func TestAdmissionCancelled(t *testing.T) {
	a := newAdmission(1, 1)
	hold, err := a.acquire(context.Background(), false)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	gone := acquireAsync(a, ctx, true)
	waitFor(t, func() bool { _, c := a.waiting(); return c == 1 })
	cancel()
	if r := <-gone; !errors.Is(r.err, context.Canceled) {
		t.Fatalf("cancelled costly search: got %v, want context.Canceled", r.err)
	}
	if n, c := a.waiting(); n != 0 || c != 0 {
		t.Fatalf("after cancel: got %d normal and %d costly waiting, want none", n, c)
	}
	hold()
	if a.free != 1 || a.costlyRunning != 0 {
		t.Errorf("after release: got %d free, %d costly running; want 1 and 0", a.free, a.costlyRunning)
	}
}

// TestCostlySearchesDoNotDelayNormal is the regression test of the soak with bomb clients:
// while a costly search holds the costly slot and more costly searches wait for it, a normal
// search on a real index is admitted at once and answers; the costly ones wait their turn and
// then answer too, or fail with ErrBusy once Options.CostlyWait has passed.
func TestCostlySearchesDoNotDelayNormal(t *testing.T) {
	ix := newTestIndex(t)
	ctx := context.Background()
	bomb := `"` + strings.TrimSpace(strings.Repeat("budget ", 100)) + `"`
	if !Costly(bomb) {
		t.Fatalf("Costly(%.30q…): got false, want true", bomb)
	}
	hold, err := ix.slots.acquire(ctx, true) // a costly search running
	if err != nil {
		t.Fatal(err)
	}
	const queued = 4
	done := make(chan error, queued)
	for i := range queued {
		go func() {
			_, err := ix.Search(ctx, Query{Q: bomb, Size: 1 + i}) // sizes apart: no cache
			done <- err
		}()
	}
	waitFor(t, func() bool { _, c := ix.slots.waiting(); return c == queued })

	// No clock: the normal search must not enter any line (it would block this goroutine).
	if _, err := ix.Search(ctx, Query{Q: "budget"}); err != nil {
		t.Fatalf("normal search while costly ones wait: %v", err)
	}
	if n, c := ix.slots.waiting(); n != 0 || c != queued {
		t.Errorf("after the normal search: got %d normal and %d costly waiting, want 0 and %d", n, c, queued)
	}
	hold()
	for range queued {
		if err := <-done; err != nil && !errors.Is(err, ErrBusy) {
			t.Errorf("costly search: got %v, want results or ErrBusy", err)
		}
	}
}

// TestCostlySearchBusy checks that a costly search that finds no slot within
// Options.CostlyWait fails with ErrBusy, not with the search timeout.
func TestCostlySearchBusy(t *testing.T) {
	ix := newTestIndex(t)
	ix.opts.CostlyWait = 1 // a nanosecond: the wait ends at once
	hold, err := ix.slots.acquire(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	defer hold()
	_, err = ix.Search(context.Background(), Query{Q: "-a* -b* -c* -d* -e* budget"})
	if !errors.Is(err, ErrBusy) {
		t.Errorf("costly search with the costly slot taken: got %v, want ErrBusy", err)
	}
	if _, err := ix.Search(context.Background(), Query{Q: "budget"}); err != nil {
		t.Errorf("normal search with the costly slot taken: %v", err)
	}
}

// holdSlots takes every search slot of ix, as normal searches, and returns the function that
// gives them back.
func holdSlots(t *testing.T, ix *Index) func() {
	t.Helper()
	var rs []func()
	for range ix.opts.MaxSearches {
		r, err := ix.slots.acquire(context.Background(), false)
		if err != nil {
			t.Fatal(err)
		}
		rs = append(rs, r)
	}
	return func() {
		for _, r := range rs {
			r()
		}
	}
}
