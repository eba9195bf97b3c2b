package httpcache

import (
	"net/http"
	"slices"
	"time"
)

// The rate guard's queue: requests asked during a secondary backoff wait
// for its end instead of failing, so nothing asked meanwhile is lost (the
// TUI's first r, dump's optional parts). When the backoff ends (its timer,
// or the guard's clock seen by a new request), the oldest waiter goes
// alone as the probe; once the probe is answered without a limit, the rest
// go. A probe that meets the limit again starts a new backoff and the
// queue keeps waiting.
//
// A request never waits past its own deadline (the http.Client Timeout or
// its context's): when the backoff would outlast it, it is refused at once,
// as before, so the cache above can still serve a stale copy in time. A
// cancelled context (q in the TUI) ends the wait at once.

// giveUpMargin is how long before its deadline a waiting request gives up:
// time for the cache above to serve its stale copy before the deadline.
const giveUpMargin = 200 * time.Millisecond

// rateWaiter is one request in the queue. ready is closed when dispatch
// (or startBackoff) has decided about it; the fields are set before, under
// the guard's lock.
type rateWaiter struct {
	deadline time.Time // real time; zero when the request has none
	ready    chan struct{}
	probe    bool // it goes as the probe
	refuse   bool // a new backoff outlasts its deadline
}

func newRateWaiter(req *http.Request) *rateWaiter {
	dl, _ := req.Context().Deadline()
	return &rateWaiter{deadline: dl, ready: make(chan struct{})}
}

// canWait reports whether the request can wait d and still be answered
// before its deadline. The deadline is on the real clock (contexts are);
// d is measured on the guard's.
func (w *rateWaiter) canWait(d time.Duration) bool {
	return w.deadline.IsZero() || time.Until(w.deadline)-giveUpMargin > d
}

// admitOrWait admits req, waiting in the queue as long as admit says so.
func (g *RateGuard) admitOrWait(req *http.Request) (*http.Response, ticket, error) {
	var holder *rateWaiter
	for {
		refusal, t, w := g.admit(req, holder)
		if w == nil {
			return refusal, t, nil
		}
		refusal, err := g.wait(req, w)
		if refusal != nil || err != nil {
			return refusal, ticket{}, err
		}
		holder = w
	}
}

// wait blocks until w is dispatched, req's context ends, or req's deadline
// is near (then a refusal, as if it had not waited).
func (g *RateGuard) wait(req *http.Request, w *rateWaiter) (*http.Response, error) {
	var giveUp <-chan time.Time
	if !w.deadline.IsZero() {
		timer := time.NewTimer(time.Until(w.deadline) - giveUpMargin)
		defer timer.Stop()
		giveUp = timer.C
	}
	select {
	case <-w.ready:
		if w.refuse {
			return g.refusal(req), nil
		}
		return nil, nil
	case <-req.Context().Done():
		g.leave(w)
		return nil, req.Context().Err()
	case <-giveUp:
		g.leave(w)
		return g.refusal(req), nil
	}
}

// refusal is the answer to a request that could not wait for the backoff.
func (g *RateGuard) refusal(req *http.Request) *http.Response {
	now := g.now()
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.refuseSecondary(req, now)
}

// leave takes w out of the queue; if it had already been made the probe,
// the probe passes to the next waiter.
func (g *RateGuard) leave(w *rateWaiter) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if i := slices.Index(g.queue, w); i >= 0 {
		g.queue = slices.Delete(g.queue, i, i+1)
		return
	}
	if w.probe && !w.refuse {
		w.probe = false
		g.probing = false
		g.dispatch()
	}
}

// dispatch lets the queue go when nothing holds it: the oldest waiter
// alone as the probe while the backoff's strikes stand, or every waiter
// once a probe was answered without a limit. Callers hold mu.
func (g *RateGuard) dispatch() {
	if g.inBackoff || g.probing {
		return
	}
	for len(g.queue) > 0 {
		w := g.queue[0]
		g.queue = g.queue[1:]
		if g.strikes > 0 {
			w.probe, g.probing = true, true
			close(w.ready)
			return
		}
		close(w.ready) // it asks admit again: sent, unless a limit came meanwhile
	}
}

// startBackoff holds every request for wait, and refuses now the waiters
// whose deadline comes first. Callers hold mu.
func (g *RateGuard) startBackoff(now time.Time, wait time.Duration) {
	g.secondaryUntil = now.Add(wait)
	g.inBackoff = true
	g.backoffGen++
	if g.timer != nil {
		g.timer.Stop()
	}
	gen := g.backoffGen
	g.timer = time.AfterFunc(wait, func() { g.backoffTimerFired(gen) })
	kept := g.queue[:0]
	for _, w := range g.queue {
		if w.canWait(wait) {
			kept = append(kept, w)
			continue
		}
		w.refuse = true
		close(w.ready)
	}
	clear(g.queue[len(kept):])
	g.queue = kept
}

// endBackoff lifts the backoff and lets the queue go. Callers hold mu.
func (g *RateGuard) endBackoff() {
	g.inBackoff = false
	if g.timer != nil {
		g.timer.Stop()
		g.timer = nil
	}
	g.dispatch()
}

func (g *RateGuard) backoffTimerFired(gen int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if gen == g.backoffGen && g.inBackoff {
		g.endBackoff()
	}
}

// Queued is how many requests wait in the guard's queue for a backoff to
// end (tests wait for this event rather than for time).
func (g *RateGuard) Queued() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.queue)
}
