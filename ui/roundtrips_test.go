package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/github/fake"
)

// roundTripLatency is each request's latency in the round-trip tests: well
// above the UI's own work between an answer and what it asks next.
var roundTripLatency = map[bool]time.Duration{false: 40 * time.Millisecond, true: 300 * time.Millisecond}[raceDetector]

func demoHarnessAt(t *testing.T, cfg Config, w, h int) *harness {
	t.Helper()
	return demoHarnessWith(t, cfg, w, h, fake.FakeOptions{MinLatency: roundTripLatency, MaxLatency: roundTripLatency})
}

// TestSearchOfTheWholePRInFewRoundTrips: /veristat on the demo's #11,
// cold: its 51 commit messages are asked 8 at a time, and the last of the
// 22 matches is counted within 9 round trips of the key.
func TestSearchOfTheWholePRInFewRoundTrips(t *testing.T) {
	h := demoHarnessAt(t, Config{Number: 11}, 160, 45)
	h.runConcurrently(nil)
	h.server.ResetRequests()
	h.typeText("/veristat")
	h.runConcurrently(func(m Model) bool {
		s := m.detail.SearchStatus()
		return strings.Contains(s, " of 22") && !strings.Contains(s, "searching")
	})
	status := h.root().detail.SearchStatus()
	reqs := h.server.Requests()
	trips := fake.RoundTrips(reqs)
	t.Logf("%q after %d requests, %d round trips", status, len(reqs), trips)
	if !strings.Contains(status, " of 22") || strings.Contains(status, "searching") {
		t.Fatalf("status %q, want all 22 matches counted", status)
	}
	if trips > 9 {
		t.Errorf("%d round trips until the last match was counted, want at most 9", trips)
	}
}

// TestFirstFrameInOneRoundTrip: a cold start on a PR draws its timeline's
// first page after one round trip: the list, the PR and page 1 go
// together, and what the CI history needs adds none before it.
func TestFirstFrameInOneRoundTrip(t *testing.T) {
	h := demoHarnessAt(t, Config{Number: 201}, 160, 45)
	h.runConcurrently(func(m Model) bool { return len(m.store.Timeline(201).Events()) > 0 })
	firstFrame := fake.RoundTripsTo(h.server.Requests(), func(r fake.RecordedRequest) bool {
		return strings.HasSuffix(r.Path, "/issues/201/timeline") && r.Query.Get("page") == "1"
	})
	if firstFrame != 1 {
		t.Errorf("the first timeline frame came after %d round trips, want 1", firstFrame)
	}
}

// TestEndOfACold2600EventPRInTwoRoundTrips: G on #201's timeline (27
// pages) asks the last page itself once page 1 names it: 2 round trips.
func TestEndOfACold2600EventPRInTwoRoundTrips(t *testing.T) {
	h := demoHarnessAt(t, Config{Number: 201}, 160, 45)
	h.send(keyMsg("G"))
	h.runConcurrently(func(m Model) bool {
		tl := m.store.Timeline(201)
		return tl.Loaded() && len(tl.Gaps()) > 0 && !tl.Gaps()[len(tl.Gaps())-1].Loading && strings.Contains(h.view(), "end of timeline")
	})
	reqs := h.server.Requests()
	pages := 0
	for _, r := range reqs {
		if strings.HasSuffix(r.Path, "/issues/201/timeline") {
			pages++
		}
	}
	trips := fake.RoundTripsTo(reqs, func(r fake.RecordedRequest) bool { return strings.HasSuffix(r.Path, "/issues/201/timeline") })
	if trips != 2 || pages != 2 {
		t.Errorf("G: %d timeline pages in %d round trips, want 2 in 2:\n%s", pages, trips, h.view())
	}
}

// TestCIHistoryReadsTheWholeTimelineSideBySide: c on a cold #201 reads
// every one of its 27 timeline pages for the versions, 6 at a time once
// page 1 names the last: a handful of round trips, not one a page.
func TestCIHistoryReadsTheWholeTimelineSideBySide(t *testing.T) {
	// Each answer redraws a pane of up to 2,610 events before the next page
	// is asked: a longer latency keeps that work small beside it on a
	// loaded machine.
	latency := max(roundTripLatency, 150*time.Millisecond)
	h := demoHarnessWith(t, Config{Number: 201}, 160, 45, fake.FakeOptions{MinLatency: latency, MaxLatency: latency})
	h.runConcurrently(func(m Model) bool { return len(m.store.Timeline(201).Events()) > 0 })
	h.send(keyMsg("c"))
	h.runConcurrently(func(m Model) bool {
		tl := m.store.Timeline(201)
		return len(tl.Events()) == 2610
	})
	if n := len(timelineOf(h.root(), 201).Events()); n != 2610 {
		t.Fatalf("%d events, want 2610", n)
	}
	trips := fake.RoundTripsTo(h.server.Requests(), func(r fake.RecordedRequest) bool { return strings.HasSuffix(r.Path, "/issues/201/timeline") })
	// 1 + 26 pages 6 at a time is 6; the pages are asked as slots free,
	// not in rounds, which adds a few. One a page was 27.
	if trips > 12 {
		t.Errorf("the whole timeline took %d round trips, want at most 12", trips)
	}
	t.Logf("%d round trips", trips)
}
