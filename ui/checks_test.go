package ui

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/github/fake"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/store"
)

// ciDataset is testDataset(n) where PR i (for i in ci) has head SHA
// ciSHA(i) with the given CI; other PRs' heads have none.
func ciDataset(n int, ci map[int]*fake.FakeChecks) *fake.Dataset {
	ds := testDataset(n, nil)
	repo := ds.Repo("acme/widgets")
	for num, c := range ci {
		repo.Pull(num).HeadSHA = ciSHA(num)
		repo.SetChecks(ciSHA(num), c)
	}
	return ds
}

func ciSHA(n int) string { return fmt.Sprintf("%040x", 0xc1000+n) }

// jobs makes CI of passed passing runs, failed failing ones and running
// ones still in progress, their names prefixed.
func jobs(prefix string, passed, failed, running int) *fake.FakeChecks {
	c := &fake.FakeChecks{}
	start := time.Date(2024, 1, 15, 10, 0, 0, 0, time.UTC)
	add := func(kind, status, conclusion string, n int) {
		for i := range n {
			end := start.Add(time.Duration(2+i) * time.Minute)
			r := fake.FakeCheckRun{Name: fmt.Sprintf("%s-%s-%d", prefix, kind, i), App: "GitHub Actions", Status: status, Conclusion: conclusion, StartedAt: &start}
			if status == "completed" {
				r.CompletedAt = &end
			}
			c.Runs = append(c.Runs, r)
		}
	}
	add("ok", "completed", "success", passed)
	add("bad", "completed", "failure", failed)
	add("busy", "in_progress", "", running)
	return c
}

func TestChecksSummaryInTheHeader(t *testing.T) {
	ci := jobs("pr3", 12, 1, 1)
	ci.Statuses = []fake.FakeStatus{{Context: "ci/jenkins", State: "pending", CreatedAt: time.Date(2024, 1, 15, 10, 0, 0, 0, time.UTC)}}
	h := newHarness(t, ciDataset(3, map[int]*fake.FakeChecks{3: ci}), Config{Repo: widgets}, 160, 45)
	h.run()
	v := h.view()
	pr, _ := h.root().detail.PR()
	for _, want := range []string{"checks: 12 passed · 1 failed · 2 running · head " + model.ShortSHA(pr.HeadSHA), "Checks 12 passed · 1 failed · 2 running", "✗ pr3-bad-0"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	if got := h.requests("/check-runs"); got != 1 {
		t.Errorf("%d check-run requests, want 1", got)
	}
	if got := h.requests("/status"); got != 1 {
		t.Errorf("%d status requests, want 1", got)
	}
}

func TestChecksExpandToAList(t *testing.T) {
	h := newHarness(t, ciDataset(3, map[int]*fake.FakeChecks{2: jobs("two", 3, 1, 1)}), Config{Repo: widgets, Number: 2}, 160, 45)
	h.run()
	h.keys("j", "enter") // from the header to the checks item, and open it
	v := h.view()
	for _, want := range []string{"✗ two-bad-0", "● two-busy-0", "✓ two-ok-0", "✓ two-ok-2", "GitHub Actions · failure · 2m00s", "GitHub Actions · success · 4m00s", "GitHub Actions · in_progress"} {
		if !strings.Contains(v, want) {
			t.Errorf("expanded checks lack %q:\n%s", want, v)
		}
	}
}

// Checks wait for the selection to settle, like the timeline: holding j
// fetches none for the PRs passed over.
func TestChecksWaitForTheSelectionToSettle(t *testing.T) {
	ci := map[int]*fake.FakeChecks{}
	for n := 1; n <= 30; n++ {
		ci[n] = jobs(fmt.Sprint("pr", n), 1, 0, 0)
	}
	h := newHarness(t, ciDataset(30, ci), Config{Repo: widgets}, 160, 45)
	h.run()
	h.keys(repeat("j", 10)...)
	h.run()
	if got := h.requests("/check-runs"); got != 2 {
		t.Errorf("after 10 quick j presses: %d check-run requests, want 2 (#30 and #20)", got)
	}
	stored := map[int]bool{}
	for _, k := range h.root().store.ChecksKeys() {
		stored[k.Number] = true
	}
	if len(stored) != 2 || !stored[20] || !stored[30] {
		t.Errorf("checks stored for %v, want #30 and #20 only", stored)
	}
	h.keys("tab", "j", "enter") // the detail: the checks item, expanded
	if v := h.view(); !strings.Contains(v, "pr20-ok-0") || strings.Contains(v, "pr30-ok-0") {
		t.Errorf("#20's checks not shown, or #30's still are:\n%s", v)
	}
}

func TestLateChecksAreStoredNotDrawn(t *testing.T) {
	h := newHarness(t, ciDataset(3, map[int]*fake.FakeChecks{3: jobs("three", 2, 0, 0), 2: jobs("two", 0, 1, 0)}), Config{Repo: widgets}, 160, 45)
	h.run()
	h.keys("j") // to #2; its checks go out once the selection settles
	var late []store.Reply[model.Checks]
	for len(h.pending) > 0 {
		cmd := h.pending[0]
		h.pending = h.pending[1:]
		switch msg := cmd().(type) {
		case store.Reply[model.Checks]:
			late = append(late, msg) // held back: GitHub is slow today
		default:
			h.deliver(msg)
		}
	}
	if len(late) != 1 || late[0].Key.Number != 2 {
		t.Fatalf("held back %+v, want #2's checks", late)
	}
	if v := h.view(); !strings.Contains(v, "checks: loading…") {
		t.Errorf("#2 while its checks are on the way:\n%s", v)
	}
	h.keys("k") // back to #3 before #2's answer
	h.send(late[0])
	h.run()
	v := h.view()
	if strings.Contains(v, "two-bad-0") || strings.Contains(v, "1 failed") {
		t.Errorf("#2's checks drawn into #3's pane:\n%s", v)
	}
	if !strings.Contains(v, "checks: 2 passed") {
		t.Errorf("#3's checks are not shown:\n%s", v)
	}
	before := h.requests("/check-runs")
	h.keys("j")
	h.run()
	if got := h.requests("/check-runs"); got != before {
		t.Errorf("going back to #2 cost %d more check-run requests; they were stored", got-before)
	}
	if !strings.Contains(h.view(), "checks: 1 failed") {
		t.Errorf("#2's stored checks not shown:\n%s", h.view())
	}
}

// A commit GitHub has no checks for, or answers 404/422 about, shows
// "no checks" and no error.
func TestNoChecksIsNotAnError(t *testing.T) {
	for _, fault := range []*fake.Fault{nil, fake.FaultNotFound(), fake.FaultUnprocessable()} {
		name := "empty"
		if fault != nil {
			name = fmt.Sprint(fault.Status)
		}
		t.Run(name, func(t *testing.T) {
			h := newHarness(t, ciDataset(2, nil), Config{Repo: widgets}, 160, 45)
			if fault != nil {
				h.server.SetFaults(fake.FaultPath("/check-runs", fault))
			}
			h.run()
			v := h.view()
			if !strings.Contains(v, "no checks") || strings.Contains(v, "Checks") {
				t.Errorf("want the header to say no checks, with no list:\n%s", v)
			}
			if e := h.root().store.LastErr(); e != "" {
				t.Errorf("error %q for a commit without checks", e)
			}
		})
	}
}

func TestChecksFailureAndRetry(t *testing.T) {
	h := newHarness(t, ciDataset(2, map[int]*fake.FakeChecks{2: jobs("two", 4, 0, 0)}), Config{Repo: widgets}, 160, 45)
	h.server.SetFaults(fake.FaultPath("/status", fake.FaultServerError(http.StatusInternalServerError)))
	h.run()
	v := h.view()
	if !strings.Contains(v, "checks: could not load (r to retry)") || !strings.Contains(v, "500") {
		t.Errorf("a failure to load checks is not said:\n%s", v)
	}
	before := h.requests("/check-runs")
	h.run() // nothing retries by itself
	if got := h.requests("/check-runs"); got != before {
		t.Errorf("a failed load was retried unasked (%d requests)", got-before)
	}
	h.server.SetFaults(nil)
	h.keys("r")
	h.run()
	v = h.view()
	if !strings.Contains(v, "checks: 4 passed") || strings.Contains(v, "could not load") {
		t.Errorf("after r the checks should show:\n%s", v)
	}
	if h.root().store.LastErr() != "" {
		t.Errorf("the old error stays: %q", h.root().store.LastErr())
	}
}

func TestReloadRefetchesChecks(t *testing.T) {
	h := newHarness(t, ciDataset(2, map[int]*fake.FakeChecks{2: jobs("two", 1, 0, 0)}), Config{Repo: widgets}, 160, 45)
	h.run()
	before := h.requests("/check-runs")
	h.keys("r")
	h.run()
	if got := h.requests("/check-runs"); got != before+1 {
		t.Errorf("r sent %d check-run requests, want 1", got-before)
	}
	// r twice before any answer: only the last request's answer counts,
	// and every request is still accounted for (run checks inFlight is 0).
	h.keys("r", "r")
	h.run()
	if !strings.Contains(h.view(), "checks: 1 passed") {
		t.Errorf("after two quick reloads:\n%s", h.view())
	}
}

// In a narrow terminal the detail is off screen while the list has focus:
// checks wait until it is shown.
func TestChecksWaitForTheDetailToShow(t *testing.T) {
	h := newHarness(t, ciDataset(2, map[int]*fake.FakeChecks{2: jobs("two", 1, 0, 0)}), Config{Repo: widgets}, 80, 24)
	h.run()
	if got := h.requests("/check-runs"); got != 0 {
		t.Errorf("%d check-run requests with the detail off screen, want 0", got)
	}
	h.keys("enter")
	h.run()
	if got := h.requests("/check-runs"); got != 1 || !strings.Contains(h.view(), "checks: 1 passed") {
		t.Errorf("opening the detail: %d check-run requests, view:\n%s", got, h.view())
	}
}

// An answer to a request that a reload (r) superseded is dropped, even if
// it arrives last.
func TestSupersededChecksAnswerIsDropped(t *testing.T) {
	h := newHarness(t, ciDataset(2, map[int]*fake.FakeChecks{2: jobs("two", 3, 0, 0)}), Config{Repo: widgets}, 160, 45)
	var held []store.Reply[model.Checks]
	for len(h.pending) > 0 {
		cmd := h.pending[0]
		h.pending = h.pending[1:]
		msg := cmd()
		if cm, ok := msg.(store.Reply[model.Checks]); ok {
			held = append(held, cm)
			continue
		}
		h.deliver(msg)
	}
	if len(held) != 1 {
		t.Fatalf("held %d checks answers, want 1", len(held))
	}
	h.keys("r")
	for len(h.pending) > 0 { // h.run would object: the held request is still out
		cmd := h.pending[0]
		h.pending = h.pending[1:]
		h.deliver(cmd())
	}
	if v := h.view(); !strings.Contains(v, "checks: 3 passed") {
		t.Fatalf("the reload's answer is not shown:\n%s", v)
	}
	old := held[0]
	old.Value, old.Err = model.Checks{}, errors.New("an old failure")
	h.send(old) // still counted in flight: this answers it
	h.run()
	if v := h.view(); !strings.Contains(v, "checks: 3 passed") || strings.Contains(v, "old failure") {
		t.Errorf("a superseded answer was drawn:\n%s", v)
	}
}

// A reload (r) keeps the checks shown until the new answer: the item does
// not vanish and come back, moving everything below it.
func TestReloadKeepsChecksUntilTheAnswer(t *testing.T) {
	h := newHarness(t, ciDataset(2, map[int]*fake.FakeChecks{2: jobs("two", 1, 1, 0)}), Config{Repo: widgets}, 160, 45)
	h.run()
	h.keys("r")
	var held []store.Reply[model.Checks]
	for len(h.pending) > 0 {
		cmd := h.pending[0]
		h.pending = h.pending[1:]
		switch msg := cmd().(type) {
		case store.Reply[model.Checks]:
			held = append(held, msg)
		default:
			h.deliver(msg)
		}
	}
	if len(held) != 1 {
		t.Fatalf("r sent %d checks requests, want 1", len(held))
	}
	v := h.view()
	for _, want := range []string{"checks: 1 passed · 1 failed", "Checks 1 passed · 1 failed", "✗ two-bad-0"} {
		if !strings.Contains(v, want) {
			t.Errorf("while the reload is on its way, the view lacks %q:\n%s", want, v)
		}
	}
	h.send(held[0])
	h.run()
	if !strings.Contains(h.view(), "checks: 1 passed · 1 failed") {
		t.Errorf("after the reload's answer:\n%s", h.view())
	}
}
