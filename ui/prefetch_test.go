package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/github/fake"
	"github.com/prscope/prscope/ui/store"
)

// prefetchHarness is the demo on #201 (27 timeline pages, 60 referencing
// commits) with prefetch as on says and a short rest.
func prefetchHarness(t *testing.T, on bool, opts fake.FakeOptions) *harness {
	t.Helper()
	return demoHarnessWith(t, Config{Number: 201, Prefetch: on, PrefetchAfter: time.Millisecond}, 160, 45, opts)
}

// TestPrefetchCompletesARestedPR: with prefetch: true, resting on #201
// fetches the rest of its timeline and every message, so a search or G
// has nothing to wait for; without it only what is in view is fetched.
func TestPrefetchCompletesARestedPR(t *testing.T) {
	off := prefetchHarness(t, false, fake.FakeOptions{})
	off.run()
	if len(timelineOf(off.root(), 201).Gaps()) == 0 {
		t.Fatalf("setup: without prefetch #201 is loaded whole")
	}
	on := prefetchHarness(t, true, fake.FakeOptions{})
	on.run()
	tl := timelineOf(on.root(), 201)
	if len(tl.Gaps()) != 0 || len(tl.Events()) != 2610 {
		t.Errorf("prefetch: %d events, gaps %+v; want all 2610", len(tl.Events()), tl.Gaps())
	}
	if missing := on.root().detail.MissingMessages(100); len(missing) != 0 {
		t.Errorf("prefetch: %d commit messages not fetched", len(missing))
	}
	if got := on.requests("/git/commits/"); got != fake.DemoE2EReferences {
		t.Errorf("%d commit requests, want each of %d once", got, fake.DemoE2EReferences)
	}
}

// TestPrefetchSparesTheRateLimit: the prefetch asks nothing once less
// than a fifth of the rate limit is left: the rest is the user's. The
// figure it goes by is the last answer's, so what was on its way then (a
// few requests) may still land below the floor; without the floor it
// would go on to the last request.
func TestPrefetchSparesTheRateLimit(t *testing.T) {
	const limit = 60
	h := prefetchHarness(t, true, fake.FakeOptions{RateLimit: limit})
	h.run()
	prefetched, late := 0, 0
	for used, r := range h.server.Requests() {
		page1 := r.Query.Get("page") == "1"
		if (strings.HasSuffix(r.Path, "/issues/201/timeline") && !page1) || strings.Contains(r.Path, "/git/commits/") {
			prefetched++
			if used > limit*4/5+store.SearchInFlight {
				late++
				t.Logf("request %d: %s %v", used, r.Path, r.Query)
			}
		}
	}
	if prefetched == 0 || late > 0 || len(timelineOf(h.root(), 201).Gaps()) == 0 {
		t.Errorf("%d prefetched, %d of them below a fifth of the limit; gaps %d", prefetched, late, len(timelineOf(h.root(), 201).Gaps()))
	}
	t.Logf("%d requests, %d prefetched", len(h.server.Requests()), prefetched)
}

// TestRestingNeedsAPause: a key before the wait ends starts it again, so
// the tick of the older wait prefetches nothing; another PR ends it.
func TestRestingNeedsAPause(t *testing.T) {
	r := resting{on: true, after: time.Hour}
	r.update(nil, 7)
	first := restedMsg{7, r.gen}
	r.update(keyMsg("j"), 7)
	r.update(first, 7)
	if r.prefetch(7) != 0 {
		t.Fatalf("a key during the wait did not restart it")
	}
	r.update(restedMsg{7, r.gen}, 7)
	if r.prefetch(7) != 7 {
		t.Fatalf("a whole rest on #7 does not prefetch it")
	}
	r.update(keyMsg("j"), 7)
	if r.prefetch(7) != 7 {
		t.Errorf("a key after the rest stopped the prefetch")
	}
	r.update(nil, 8)
	if r.prefetch(8) != 0 || r.prefetch(7) != 0 {
		t.Errorf("another PR shown: the prefetch goes on")
	}
	if (&resting{}).update(nil, 7) != nil {
		t.Errorf("prefetch off: a wait was started")
	}
}

// TestARestAloneStartsThePrefetch: when everything has settled, the end
// of the rest is the only message that comes; it must start the prefetch
// itself, not wait for another message (a key) to.
func TestARestAloneStartsThePrefetch(t *testing.T) {
	h := prefetchHarness(t, false, fake.FakeOptions{})
	h.run()
	m := h.root()
	m.rest = resting{on: true, after: time.Hour, number: 201, gen: 7}
	h.m = m
	h.send(restedMsg{number: 201, gen: 7})
	h.run()
	if gaps := timelineOf(h.root(), 201).Gaps(); len(gaps) != 0 {
		t.Errorf("a rest with nothing after it prefetched nothing: gaps %+v", gaps)
	}
}
