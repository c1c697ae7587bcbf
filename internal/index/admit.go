package index

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"
)

// ErrBusy is wrapped by the error of a costly search (Costly) that found no slot it may take
// within Options.CostlyWait: the search slots were busy with other searches, which go first.
// The caller may try again later.
var ErrBusy = errors.New("the server is busy with other searches")

// Option defaults of costly searches.
const (
	DefaultCostlySearches = 1
	DefaultCostlyWait     = time.Second
)

// A query string is costly (Costly) when it has more than costlyWords words, or more than
// costlyPatterns wildcard, regexp and fuzzy markers. The searches of a news reader have a few
// words and at most a pattern or two; a 500-word phrase or sixteen negated prefixes cost 10 to
// 100 times as much each, and a client that sends them in a loop took a third of the server.
const (
	costlyWords    = 32
	costlyPatterns = 4
)

// Costly reports whether the query string q is costly to run, from its text alone, before it
// is parsed: more than 32 words (a long phrase, a pasted paragraph) or more than 4 wildcard,
// regexp or fuzzy markers (*, ?, ~, a pair of /). A costly search waits for a slot behind
// every other search (see Options.CostlySearches); it is not refused for being costly.
func Costly(q string) bool {
	if len(q) > MaxQueryBytes {
		return true
	}
	patterns := strings.Count(q, "*") + strings.Count(q, "?") + strings.Count(q, "~") + strings.Count(q, "/")/2
	if patterns > costlyPatterns {
		return true
	}
	words := 0
	for range strings.FieldsSeq(q) {
		if words++; words > costlyWords {
			return true
		}
	}
	return false
}

// admission hands out the search slots: at most size searches run at once, and of them at
// most costlyMax costly ones. A normal search takes a free slot at once or waits in line; a
// costly one takes a slot only when no normal search is waiting and fewer than costlyMax costly
// searches run, so that normal searches never wait behind costly ones. A freed slot goes to the
// first normal search waiting, else to the first costly one allowed to run.
type admission struct {
	mu            sync.Mutex
	free          int // slots not held
	costlyMax     int
	costlyRunning int
	normal        []*waiter // in order of arrival
	costly        []*waiter
}

// waiter is a search waiting for a slot; ready is closed once the slot is its own.
type waiter struct {
	ready  chan struct{}
	costly bool
}

func newAdmission(size, costlyMax int) *admission {
	return &admission{free: size, costlyMax: min(costlyMax, size)}
}

// acquire takes a slot, waiting until one is handed over or ctx is done; the returned function
// gives the slot back.
func (a *admission) acquire(ctx context.Context, costly bool) (func(), error) {
	a.mu.Lock()
	if a.free > 0 && (!costly || a.costlyMayRun()) {
		a.take(costly)
		a.mu.Unlock()
		return func() { a.release(costly) }, nil
	}
	w := &waiter{ready: make(chan struct{}), costly: costly}
	if costly {
		a.costly = append(a.costly, w)
	} else {
		a.normal = append(a.normal, w)
	}
	a.mu.Unlock()

	select {
	case <-w.ready:
		return func() { a.release(costly) }, nil
	case <-ctx.Done():
	}
	a.mu.Lock()
	select {
	case <-w.ready: // handed over meanwhile: give it to the next in line
		a.mu.Unlock()
		a.release(costly)
	default:
		a.remove(w)
		a.dispatch()
		a.mu.Unlock()
	}
	return nil, ctx.Err()
}

// costlyMayRun reports whether a costly search may take a free slot now. a.mu is held.
func (a *admission) costlyMayRun() bool {
	return len(a.normal) == 0 && a.costlyRunning < a.costlyMax
}

// take gives a free slot to a search. a.mu is held.
func (a *admission) take(costly bool) {
	a.free--
	if costly {
		a.costlyRunning++
	}
}

// release gives a slot back and hands free slots to the searches waiting, normal ones first.
func (a *admission) release(costly bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.free++
	if costly {
		a.costlyRunning--
	}
	a.dispatch()
}

// dispatch hands free slots to the searches waiting, normal ones first. a.mu is held.
func (a *admission) dispatch() {
	for a.free > 0 {
		var w *waiter
		switch {
		case len(a.normal) > 0:
			w, a.normal = a.normal[0], a.normal[1:]
		case len(a.costly) > 0 && a.costlyMayRun():
			w, a.costly = a.costly[0], a.costly[1:]
		default:
			return
		}
		a.take(w.costly)
		close(w.ready)
	}
}

// remove takes w out of its line. a.mu is held.
func (a *admission) remove(w *waiter) {
	line := &a.normal
	if w.costly {
		line = &a.costly
	}
	for i, x := range *line {
		if x == w {
			*line = append((*line)[:i], (*line)[i+1:]...)
			return
		}
	}
}

// waiting returns how many normal and costly searches wait for a slot, for tests.
func (a *admission) waiting() (normal, costly int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.normal), len(a.costly)
}
