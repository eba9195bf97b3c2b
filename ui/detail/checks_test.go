package detail

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/ui/store"

	"github.com/prscope/prscope/model"
)

func ptr(t time.Time) *time.Time { return &t }

// someChecks are 3 passed, 2 failed, 1 running, 1 skipped.
func someChecks() model.Checks {
	done := func(name, conclusion string, minutes int) model.CheckRun {
		return model.CheckRun{Name: name, App: "GitHub Actions", Status: "completed", Conclusion: conclusion,
			StartedAt: ptr(t0), CompletedAt: ptr(t0.Add(time.Duration(minutes) * time.Minute))}
	}
	return model.SummarizeChecks([]model.CheckRun{
		done("build", "success", 3), done("lint", "success", 1), done("test-arm", "failure", 12),
		done("docs", "skipped", 0),
		{Name: "test-x86", App: "GitHub Actions", Status: "in_progress", StartedAt: ptr(t0)},
	}, []model.CommitStatus{
		{Context: "ci/jenkins", State: "success"},
		{Context: "netdev/build", State: "error", Description: "warnings"},
	})
}

func loadedChecks(key string, version int, c model.Checks) store.ChecksStatus {
	return store.ChecksStatus{Key: key, Version: version, Loaded: true, Checks: c}
}

func TestChecksHeaderLine(t *testing.T) {
	tests := []struct {
		name   string
		status store.ChecksStatus
		want   string // "" for no line at all
	}{
		{"unknown", store.ChecksStatus{}, ""},
		{"not asked yet", store.ChecksStatus{Key: "1@abc"}, ""},
		{"loading", store.ChecksStatus{Key: "1@abc", Version: 1, Loading: true}, "checks: loading…"},
		{"none", store.ChecksStatus{Key: "1@abc", Version: 2, Loaded: true}, "no checks"},
		{"failed to load", store.ChecksStatus{Key: "1@abc", Version: 3, Err: "500 Internal Server Error"}, "checks: could not load (r to retry): 500 Internal Server Error"},
		{"loaded", loadedChecks("1@abc", 4, someChecks()), "checks: 3 passed · 2 failed · 1 running · 1 skipped"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := newPane(t, 100, 30)
			m.ShowTimeline(testPR(1), nil, nil, store.TimelineStatus{})
			m.SetChecks(tt.status)
			v := m.View()
			if tt.want == "" {
				if strings.Contains(v, "checks") {
					t.Errorf("a checks line where none belongs:\n%s", v)
				}
				return
			}
			if !strings.Contains(v, tt.want) {
				t.Errorf("view lacks %q:\n%s", tt.want, v)
			}
		})
	}
}

func TestChecksItemCollapsedAndExpanded(t *testing.T) {
	m, _ := newPane(t, 100, 40)
	m.ShowTimeline(testPR(1), mixedEvents(4), nil, store.TimelineStatus{})
	m.SetChecks(loadedChecks("1@abc", 1, someChecks()))
	v := m.View()
	for _, want := range []string{"✗ Checks 3 passed · 2 failed · 1 running · 1 skipped", "enter to list all 7", "✗ netdev/build", "✗ test-arm"} {
		if !strings.Contains(v, want) {
			t.Errorf("collapsed view lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "lint") {
		t.Errorf("collapsed, a passing check is listed:\n%s", v)
	}
	// The checks item comes right after the header, before the body.
	if c, b := strings.Index(v, "Checks"), strings.Index(v, "This is the body"); c < 0 || b < c {
		t.Errorf("checks at %d, body at %d: want the checks first", c, b)
	}

	m = press(m, "j", "enter")
	v = m.View()
	for _, want := range []string{
		"✗ netdev/build", "status · error",
		"✗ test-arm", "GitHub Actions · failure · 12m00s",
		"● test-x86", "GitHub Actions · in_progress",
		"✓ build", "GitHub Actions · success · 3m00s",
		"✓ ci/jenkins", "– docs", "✓ lint", "enter to fold",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("expanded view lacks %q:\n%s", want, v)
		}
	}
	// Failing first, then running, then the rest by name.
	order := []string{"netdev/build", "test-arm", "test-x86", "build", "ci/jenkins", "docs", "lint"}
	last := -1
	for _, name := range order {
		i := strings.Index(v, " "+name+" ")
		if i <= last {
			t.Errorf("%s out of order in:\n%s", name, v)
		}
		last = i
	}
	m = press(m, "enter")
	if v := m.View(); strings.Contains(v, "lint") || !strings.Contains(v, "enter to list all 7") {
		t.Errorf("collapsing again still lists every check:\n%s", v)
	}
}

// Checks arriving while the view is scrolled down insert an item above it:
// what is on screen must not move.
func TestChecksArrivingKeepTheView(t *testing.T) {
	m, _ := newPane(t, 80, 20)
	m.ShowTimeline(testPR(1), mixedEvents(60), nil, store.TimelineStatus{})
	m = press(m, repeat("j", 20)...)
	before, cursorKey := m.View(), m.itemKey(m.items[m.cursor])
	m.SetChecks(loadedChecks("1@abc", 1, someChecks()))
	if got := m.View(); got != before {
		t.Errorf("checks arriving moved the view:\nbefore\n%s\nafter\n%s", before, got)
	}
	if got := m.itemKey(m.items[m.cursor]); got != cursorKey {
		t.Errorf("cursor moved from %s to %s", cursorKey, got)
	}
	// A newer answer with no checks removes the item, again in place.
	m.SetChecks(loadedChecks("1@abc", 2, model.Checks{}))
	if got := m.View(); got != before {
		t.Errorf("checks leaving moved the view:\nbefore\n%s\nafter\n%s", before, got)
	}
	if m.checksIndex() >= 0 {
		t.Error("an empty list of checks still has an item")
	}
}

// A filter rebuilds the items: the checks item stays after the header, and
// a timeline reloaded from scratch keeps it too.
func TestChecksItemSurvivesRebuilds(t *testing.T) {
	m, _ := newPane(t, 80, 30)
	events := mixedEvents(12)
	m.ShowTimeline(testPR(1), events, nil, store.TimelineStatus{})
	m.SetChecks(loadedChecks("1@abc", 1, someChecks()))
	m = press(m, "f") // comments only: a rebuild
	if m.checksIndex() != 1 || m.items[m.bodyIndex()].kind != kindBody || m.items[0].kind != kindHeader {
		t.Fatalf("after a filter: items start %v %v %v", m.items[0].kind, m.items[1].kind, m.items[2].kind)
	}
	m = press(m, "f", "f", "f") // back to all
	m.SetTimeline(events[:2], nil, store.TimelineStatus{})
	if m.checksIndex() != 1 || !strings.Contains(m.View(), "Checks") {
		t.Errorf("after a reload from scratch the checks item is gone:\n%s", m.View())
	}
	// Another PR starts without the first one's checks.
	m.ShowTimeline(testPR(2), nil, nil, store.TimelineStatus{})
	if m.checksIndex() >= 0 || strings.Contains(m.View(), "checks") {
		t.Errorf("PR 2 shows PR 1's checks:\n%s", m.View())
	}
}

// A fresher copy of the same PR (GET /pulls/N) redraws the body, not the
// checks item in its old place.
func TestFresherPRRedrawsTheBodyUnderChecks(t *testing.T) {
	m, _ := newPane(t, 80, 30)
	m.ShowTimeline(testPR(1), nil, nil, store.TimelineStatus{})
	m.SetChecks(loadedChecks("1@abc", 1, someChecks()))
	pr := testPR(1)
	pr.Body = "A newer body."
	m.ShowTimeline(pr, nil, nil, store.TimelineStatus{})
	m.ensureRendered()
	if v := m.View(); !strings.Contains(v, "A newer body.") || !strings.Contains(v, "Checks") {
		t.Errorf("view after a fresher PR:\n%s", v)
	}
}

func TestManyFailingChecksCollapse(t *testing.T) {
	var runs []model.CheckRun
	for i := range 9 {
		runs = append(runs, model.CheckRun{Name: fmt.Sprintf("shard-%d", i), Status: "completed", Conclusion: "failure"})
	}
	m, _ := newPane(t, 80, 30)
	m.ShowTimeline(testPR(1), nil, nil, store.TimelineStatus{})
	m.SetChecks(loadedChecks("1@abc", 1, model.SummarizeChecks(runs, nil)))
	v := m.View()
	if !strings.Contains(v, "shard-4") || strings.Contains(v, "shard-5") || !strings.Contains(v, "… and 4 more failed") {
		t.Errorf("collapsed, 9 failing: want the first 5 named and 4 more counted:\n%s", v)
	}
}

func repeat(k string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = k
	}
	return out
}
