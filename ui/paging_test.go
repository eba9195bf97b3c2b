package ui

import (
	"net/http"
	"strings"
	"testing"

	"github.com/prscope/prscope/github/fake"

	tea "github.com/charmbracelet/bubbletea"
)

// A short PR shown unscrolled asks for its next timeline page at once
// (the end is in view). When the server's pages never end, paging must
// stop on what they say: an empty page that names a next one, or the same
// items again under a new number, ends it with a note (it was 500
// requests, the page cap, before).
func TestTimelinePagingStopsOnWhatThePagesSay(t *testing.T) {
	for _, tt := range []struct {
		name     string
		fault    fake.Fault
		requests int
		note     string
	}{
		{"infinite next", fake.Fault{LinkLoop: fake.LinkLoopIncreasing}, 2, "page 2 is empty"},
		{"foreign next, infinite", fake.Fault{LinkLoop: fake.LinkLoopIncreasing, ForeignNext: true}, 2, "page 2 is empty"},
		{"same items again", fake.Fault{RepeatItems: true}, 2, "page 2 repeats earlier items"},
		{"empty pages", fake.Fault{EmptyNext: true}, 1, "page 1 is empty"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, testDataset(5, map[int]int{5: 4}), Config{Repo: widgets}, 160, 45)
			f := tt.fault
			h.server.SetFaults(fake.FaultPath("/timeline", &f))
			h.run()
			for range 20 { // anything that would page on is given every chance
				h.send(tea.WindowSizeMsg{Width: 160, Height: 45})
				h.run()
			}
			if n := h.requests("/issues/5/timeline"); n != tt.requests {
				t.Errorf("%d timeline requests, want %d", n, tt.requests)
			}
			if !strings.Contains(timelineOf(h.root(), 5).Err(), tt.note) {
				t.Errorf("timeline note %q, want %q", timelineOf(h.root(), 5).Err(), tt.note)
			}
		})
	}
}

// The list and the search stop the same way: one rule, model.Pager.
func TestListPagingStopsOnRepeatedPages(t *testing.T) {
	h := newHarness(t, testDataset(40, nil), Config{Repo: widgets, PerPage: 10}, 160, 45)
	h.server.SetFaults(func(r *http.Request) *fake.Fault {
		if strings.HasSuffix(r.URL.Path, "/pulls") {
			return &fake.Fault{RepeatItems: true}
		}
		return nil
	})
	h.run()
	for range 10 {
		h.keys("G")
		h.run()
	}
	if n := h.pullRequests(0); n != 2 {
		t.Errorf("%d list requests, want 2 (page 2 repeats page 1)", n)
	}
	if n := h.root().lists.list.Len(); n != 10 {
		t.Errorf("%d PRs listed, want 10 (the repeated page is left out)", n)
	}
	if !strings.Contains(h.view(), "page 2 repeats earlier items") {
		t.Errorf("no note saying why paging stopped:\n%s", h.view())
	}
}

// After the pages stopped paging (a loop, a repeat, an empty page), the
// fault may be gone: the first r takes paging up again where it stopped,
// past the cached copy, and the list fills.
func TestReloadResumesAStoppedList(t *testing.T) {
	for _, f := range []fake.Fault{{LinkLoop: fake.LinkLoopSame}, {RepeatItems: true}, {EmptyNext: true}} {
		h := newHarness(t, testDataset(40, nil), Config{Repo: widgets, PerPage: 10}, 160, 45)
		h.server.SetFaults(func(r *http.Request) *fake.Fault {
			if strings.HasSuffix(r.URL.Path, "/pulls") {
				return &f
			}
			return nil
		})
		h.run()
		h.server.SetFaults(nil)
		h.keys("r")
		h.run()
		for range 10 {
			h.keys("G")
			h.run()
		}
		if n := h.root().lists.list.Len(); n != 40 {
			t.Errorf("%+v: after r the list has %d PRs, want all 40", f, n)
		}
	}
}
