package github_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prscope/prscope/github/httpcache"
)

// The rate guard's queue, on the real clock with GitHub's shortest
// Retry-After (1s): requests asked during a secondary backoff are sent when
// it ends, the probe alone first; the test counts what reached the server.

// scriptTransport answers the n-th request it gets with script[n] (a
// status; 429 comes with Retry-After: 1), 200 past the script's end. A
// request whose number is in hold waits until release is closed.
type scriptTransport struct {
	mu      sync.Mutex
	script  []int
	sent    int
	arrived chan int // each request's number, as it arrives
	hold    map[int]bool
	release chan struct{}
}

func newScript(statuses ...int) *scriptTransport {
	return &scriptTransport{script: statuses, arrived: make(chan int, 100), hold: map[int]bool{}, release: make(chan struct{})}
}

func (s *scriptTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	s.mu.Lock()
	n := s.sent
	s.sent++
	status := http.StatusOK
	if n < len(s.script) {
		status = s.script[n]
	}
	held := s.hold[n]
	s.mu.Unlock()
	s.arrived <- n
	if held {
		select {
		case <-s.release:
		case <-req.Context().Done():
			return nil, req.Context().Err()
		}
	}
	h := http.Header{"Content-Type": {"application/json"}}
	body := `[]`
	if status == http.StatusTooManyRequests {
		h.Set("Retry-After", "1")
		body = `{"message":"You have exceeded a secondary rate limit."}`
	}
	return &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(strings.NewReader(body)), Request: req}, nil
}

// await returns the number of the next request to arrive; a guard that
// never sends it fails the test rather than hanging it.
func (s *scriptTransport) await(t *testing.T) int {
	t.Helper()
	select {
	case n := <-s.arrived:
		return n
	case <-time.After(20 * time.Second):
		t.Fatalf("no request reached the server (%d so far)", s.count())
		return 0
	}
}

func (s *scriptTransport) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sent
}

// guardGets sends n GETs at once through hc and returns their statuses
// (0 for an error) once all are answered.
func guardGets(hc *http.Client, n int) []int {
	statuses := make([]int, n)
	var wg sync.WaitGroup
	for i := range statuses {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := hc.Get("http://api.test/repos/o/r/pulls")
			if err == nil {
				statuses[i] = resp.StatusCode
				resp.Body.Close()
			}
		}()
	}
	wg.Wait()
	return statuses
}

// waitQueued waits (on events, not a timer) until n requests are queued.
func waitQueued(t *testing.T, g *httpcache.RateGuard, n int) {
	t.Helper()
	for i := 0; g.Queued() != n; i++ {
		if i > 20000 {
			t.Fatalf("%d requests queued, want %d", g.Queued(), n)
		}
		time.Sleep(time.Millisecond)
	}
}

func countStatus(statuses []int, want int) int {
	n := 0
	for _, s := range statuses {
		if s == want {
			n++
		}
	}
	return n
}

func TestRateGuardQueueSendsTheProbeAloneThenTheRest(t *testing.T) {
	tr := newScript(http.StatusTooManyRequests)
	tr.hold[1] = true // the probe: held until the others are seen waiting
	guard := httpcache.NewRateGuard(tr, nil)
	hc := &http.Client{Transport: guard, Timeout: 20 * time.Second}
	if got := guardGets(hc, 1); got[0] != http.StatusTooManyRequests {
		t.Fatalf("the request meeting the limit: %v", got)
	}
	tr.await(t)

	done := make(chan []int)
	go func() { done <- guardGets(hc, 5) }()
	tr.await(t) // the probe, once the backoff is over
	waitQueued(t, guard, 4)
	if n := tr.count(); n != 2 {
		t.Fatalf("%d requests sent while the probe is unanswered, want 2 (the limited one and the probe)", n)
	}
	close(tr.release)
	statuses := <-done
	if countStatus(statuses, http.StatusOK) != 5 || tr.count() != 6 {
		t.Errorf("statuses %v, %d sent; want all 5 answered 200 by the server, 6 sent in all", statuses, tr.count())
	}
}

// A probe that meets the limit again is the only one sent; the queue
// waits out the second backoff and then goes.
func TestRateGuardQueueWaitsOutARepeatedLimit(t *testing.T) {
	tr := newScript(http.StatusTooManyRequests, http.StatusTooManyRequests)
	guard := httpcache.NewRateGuard(tr, nil)
	hc := &http.Client{Transport: guard, Timeout: 20 * time.Second}
	guardGets(hc, 1)
	statuses := guardGets(hc, 5)
	if countStatus(statuses, http.StatusOK) != 4 || countStatus(statuses, http.StatusTooManyRequests) != 1 || tr.count() != 6 {
		t.Errorf("statuses %v, %d sent; want the probe's 429, 4 answered 200 after the second backoff, 6 sent", statuses, tr.count())
	}
}

// A request whose deadline comes before the backoff ends is refused at
// once (the cache above serves its stale copy), and one that cannot wait
// for a slow probe gives up before its deadline with a refusal, not a
// timeout.
func TestRateGuardQueueKeepsToEachDeadline(t *testing.T) {
	tr := newScript(http.StatusTooManyRequests)
	tr.hold[1] = true
	guard := httpcache.NewRateGuard(tr, nil)
	short := &http.Client{Transport: guard, Timeout: 900 * time.Millisecond}
	long := &http.Client{Transport: guard, Timeout: 20 * time.Second}
	guardGets(long, 1)
	tr.await(t)
	resp, err := short.Get("http://api.test/repos/o/r/pulls")
	if err != nil || resp.Header.Get("X-Prscope-Refused") != "1" || tr.count() != 1 {
		t.Fatalf("a 0.9s request during a 1s backoff: %v %v, %d sent; want a refusal at once", resp, err, tr.count())
	}
	resp.Body.Close()

	probe := make(chan []int)
	go func() { probe <- guardGets(long, 1) }()
	tr.await(t)                                              // the probe, held
	resp, err = short.Get("http://api.test/repos/o/r/pulls") // queued behind it
	if err != nil || resp.Header.Get("X-Prscope-Refused") != "1" {
		t.Fatalf("behind a probe that outlasts its deadline: %v %v; want a refusal before the deadline", resp, err)
	}
	resp.Body.Close()
	if guard.Queued() != 0 || tr.count() != 2 {
		t.Errorf("after giving up: %d queued, %d sent; want 0 and 2", guard.Queued(), tr.count())
	}
	close(tr.release)
	<-probe
}

// Cancelling a waiting request's context (q in the TUI) ends its wait at
// once; nothing is sent for it and the guard goes on working.
func TestRateGuardQueueEndsOnCancel(t *testing.T) {
	tr := &scriptTransport{arrived: make(chan int, 100), hold: map[int]bool{}, release: make(chan struct{})}
	tr.script = []int{http.StatusTooManyRequests}
	guard := httpcache.NewRateGuard(tr, nil)
	hc := &http.Client{Transport: guard} // no deadline: only the context ends a wait
	guardGets(hc, 1)
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error)
	go func() {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://api.test/repos/o/r/pulls", nil)
		_, err := hc.Do(req)
		errc <- err
	}()
	waitQueued(t, guard, 1)
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled while queued: %v, want context.Canceled", err)
	}
	if guard.Queued() != 0 || tr.count() != 1 {
		t.Errorf("after the cancel: %d queued, %d sent; want 0 and 1", guard.Queued(), tr.count())
	}
	// The guard still works: the next request is the probe, after the backoff.
	if got := guardGets(hc, 2); countStatus(got, http.StatusOK) != 2 {
		t.Errorf("after the cancel: %v, want 2 answered 200", got)
	}
}

// Many requests at once across two repeated limits, a third of them
// cancelled while they wait: every one returns, the queue ends empty, and
// only the probes met the limit.
func TestRateGuardQueueUnderLoad(t *testing.T) {
	tr := newScript(http.StatusTooManyRequests, http.StatusTooManyRequests)
	guard := httpcache.NewRateGuard(tr, nil)
	hc := &http.Client{Transport: guard, Timeout: 20 * time.Second}
	guardGets(hc, 1)
	const n = 30
	statuses := make([]int, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://api.test/repos/o/r/pulls", nil)
			resp, err := hc.Do(req)
			if errs[i] = err; err == nil {
				statuses[i] = resp.StatusCode
				resp.Body.Close()
			}
		}()
		if i%3 == 0 {
			cancel()
		}
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil && (i%3 != 0 || !errors.Is(err, context.Canceled)) {
			t.Errorf("request %d: %v", i, err)
		}
	}
	if got := countStatus(statuses, http.StatusTooManyRequests); got > 1 || countStatus(statuses, http.StatusOK)+got+countStatus(statuses, 0) != n {
		t.Errorf("statuses %v: want only 200s, at most one probe's 429, and cancellations", statuses)
	}
	if guard.Queued() != 0 || tr.count() > n+1 {
		t.Errorf("%d still queued, %d sent; want 0 and at most %d", guard.Queued(), tr.count(), n+1)
	}
}

// A probe cancelled in flight gives no verdict: the next waiter probes.
func TestRateGuardQueueCancelledProbePassesOn(t *testing.T) {
	tr := newScript(http.StatusTooManyRequests)
	tr.hold[1] = true
	guard := httpcache.NewRateGuard(tr, nil)
	hc := &http.Client{Transport: guard, Timeout: 20 * time.Second}
	guardGets(hc, 1)
	tr.await(t)
	ctx, cancel := context.WithCancel(context.Background())
	probeErr := make(chan error)
	go func() {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://api.test/repos/o/r/pulls", nil)
		_, err := hc.Do(req)
		probeErr <- err
	}()
	tr.await(t) // the probe, held
	done := make(chan []int)
	go func() { done <- guardGets(hc, 3) }()
	waitQueued(t, guard, 3)
	cancel()
	if err := <-probeErr; !errors.Is(err, context.Canceled) {
		t.Errorf("the cancelled probe: %v", err)
	}
	if got := <-done; countStatus(got, http.StatusOK) != 3 || tr.count() != 5 {
		t.Errorf("behind a cancelled probe: %v, %d sent; want 3 answered 200, 5 sent", got, tr.count())
	}
}

// Once a backoff is over (on the guard's clock), requests asked together
// are not refused while the probe is out: they wait for it, then go. This
// was the second r the TUI needed.
func TestRateGuardQueueAfterTheBackoffWaitsForTheProbe(t *testing.T) {
	tr := newScript(http.StatusTooManyRequests)
	tr.hold[1] = true
	clock := newFakeClock()
	guard := httpcache.NewRateGuard(tr, clock.Now)
	hc := &http.Client{Transport: guard, Timeout: 20 * time.Second}
	guardGets(hc, 1) // Retry-After 1s, on the fake clock
	tr.await(t)
	clock.Advance(2 * time.Second)
	done := make(chan []int)
	go func() { done <- guardGets(hc, 6) }()
	tr.await(t) // the probe, held
	waitQueued(t, guard, 5)
	close(tr.release)
	if got := <-done; countStatus(got, http.StatusOK) != 6 || tr.count() != 7 {
		t.Errorf("after the backoff: %v, %d sent; want 6 answered 200, 7 sent", got, tr.count())
	}
}
