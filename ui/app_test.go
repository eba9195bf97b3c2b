package ui

import (
	"strings"
	"testing"

	"github.com/prscope/prscope/ui/store"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/prscope/prscope/model"
)

func TestListAsksForNextPageOnlyNearTheEnd(t *testing.T) {
	h := newHarness(t, testDataset(250, nil), Config{Repo: widgets}, 160, 45)
	h.run()
	if got := h.pullRequests(0); got != 1 {
		t.Fatalf("start: %d list requests, want 1", got)
	}
	if got := h.root().lists.list.Len(); got != 100 {
		t.Fatalf("loaded %d PRs, want the first page of 100", got)
	}
	h.keys(repeat("j", 85)...) // cursor on row 85: 14 rows from the end
	h.run()
	if got := h.pullRequests(0); got != 1 {
		t.Fatalf("cursor far from the end: %d list requests, want 1", got)
	}
	h.keys(repeat("j", 5)...) // row 90: within 10 rows of the end
	h.keys("G")
	if !strings.Contains(h.view(), "loading more") {
		t.Errorf("no loading row at the end while page 2 is in flight:\n%s", h.view())
	}
	h.run()
	if got := h.pullRequests(0); got != 2 {
		t.Fatalf("near the end: %d list requests, want 2", got)
	}
	if got := h.root().lists.list.Len(); got != 200 {
		t.Fatalf("after page 2: %d PRs loaded, want 200", got)
	}
}

func TestHoldingJDoesNotFetchEveryTimeline(t *testing.T) {
	h := newHarness(t, testDataset(50, map[int]int{50: 5, 30: 5}), Config{Repo: widgets}, 160, 45)
	h.run() // the first PR's timeline, after it settles
	if got := h.requests("/timeline"); got != 1 {
		t.Fatalf("start: %d timeline requests, want 1", got)
	}
	h.keys(repeat("j", 20)...) // quicker than the settle delay
	h.run()
	if got := h.requests("/timeline"); got != 2 {
		t.Fatalf("20 quick j presses: %d timeline requests in all, want 2", got)
	}
	pr, _ := h.root().detail.PR()
	if pr.Number != 30 {
		t.Fatalf("detail shows #%d, want #30", pr.Number)
	}
	if !strings.Contains(h.view(), "comment 0 on PR 30") {
		t.Errorf("PR 30's timeline not drawn:\n%s", h.view())
	}
}

func TestLateTimelineIsStoredNotDrawn(t *testing.T) {
	h := newHarness(t, testDataset(10, map[int]int{10: 3, 9: 3}), Config{Repo: widgets}, 160, 45)
	h.run()
	// Ask for #9's timeline, then move on before the answer comes.
	h.keys("j")
	h.run() // settles on #9 and fetches it
	h.keys("k")
	// Simulate #9's answer arriving late, after the move back to #10.
	t9, _ := h.root().store.Asked(9)
	late := store.Reply[[]model.Event]{Envelope: store.Envelope{Key: store.Key{Kind: store.KindTimeline, Number: 9, Page: 1}, Gen: t9.Gen()}, Value: t9.Events()}
	h.send(late)
	if pr, _ := h.root().detail.PR(); pr.Number != 10 {
		t.Fatalf("late answer for #9 changed the pane to #%d", pr.Number)
	}
	if strings.Contains(h.view(), "PR 9") {
		t.Errorf("#9's timeline drawn into #10's pane:\n%s", h.view())
	}
	before := h.requests("/timeline")
	h.keys("j")
	h.run()
	if got := h.requests("/timeline"); got != before {
		t.Errorf("going back to #9 cost %d more timeline requests; it was stored", got-before)
	}
	if !strings.Contains(h.view(), "comment 0 on PR 9") {
		t.Errorf("#9's stored timeline not shown:\n%s", h.view())
	}
}

func TestCommitsAreFetchedWhenShownAndOnce(t *testing.T) {
	// 90 events: 30 referencing commits, most of them off screen at first.
	h := newHarness(t, testDataset(3, map[int]int{3: 90}), Config{Repo: widgets}, 160, 45)
	h.run()
	first := h.requests("/git/commits/")
	if first == 0 || first >= 30 {
		t.Fatalf("%d commit requests at first; want only those on screen (some, not all 30)", first)
	}
	if !strings.Contains(h.view(), "Fix thing 2") {
		t.Errorf("a visible commit's message is not drawn:\n%s", h.view())
	}
	h.keys("tab", "G")
	h.run()
	all := h.requests("/git/commits/")
	if all <= first || all > 30 {
		t.Fatalf("after scrolling to the end: %d commit requests, want more than %d and at most 30", all, first)
	}
	h.keys("g")
	h.run()
	h.keys("G")
	h.run()
	if got := h.requests("/git/commits/"); got != all {
		t.Errorf("scrolling back and forth refetched commits: %d requests, want %d", got, all)
	}
}

func TestOpenPRNotOnFirstPageFetchesItDirectly(t *testing.T) {
	h := newHarness(t, testDataset(250, map[int]int{7: 3}), Config{Repo: widgets, Number: 7}, 160, 45)
	h.run()
	if got := h.pullRequests(0) + h.pullRequests(7); got != 2 { // page 1, then GET /pulls/7
		t.Fatalf("%d pulls requests, want 2 (first page and #7)", got)
	}
	pr, _ := h.root().detail.PR()
	if pr.Number != 7 {
		t.Fatalf("detail shows #%d, want #7", pr.Number)
	}
	if !strings.Contains(h.view(), "Widget change number 7 #7") {
		t.Errorf("#7's header not drawn:\n%s", h.view())
	}
}

func TestNarrowTerminalShowsOnePaneAtATime(t *testing.T) {
	h := newHarness(t, testDataset(5, map[int]int{5: 2}), Config{Repo: widgets}, 80, 24)
	h.run()
	if v := h.view(); !strings.Contains(v, "Widget change number 4") || strings.Contains(v, "comment 0 on PR 5") {
		t.Fatalf("narrow list view should show only the list:\n%s", v)
	}
	h.keys("enter")
	h.run()
	if v := h.view(); !strings.Contains(v, "comment 0 on PR 5") || strings.Contains(v, "Widget change number 4") {
		t.Fatalf("enter should show only the detail:\n%s", v)
	}
	h.keys("esc")
	if v := h.view(); !strings.Contains(v, "Widget change number 4") {
		t.Fatalf("esc should go back to the list:\n%s", v)
	}
}

// TestAnySizeRendersWithoutPanic resizes through every width and height
// from 1x1 to 500x200 (in steps, with every small size), in both panes and
// in narrow mode, and checks the frame fits the terminal exactly.
func TestAnySizeRendersWithoutPanic(t *testing.T) {
	h := newHarness(t, testDataset(30, map[int]int{30: 20}), Config{Repo: widgets}, 160, 45)
	h.run()
	sizes := func(limit, step int) []int {
		var out []int
		for n := 1; n <= limit; n++ {
			if n <= 30 || n%step == 0 || n == limit {
				out = append(out, n)
			}
		}
		return out
	}
	for _, focus := range []string{"", "tab"} {
		if focus != "" {
			h.keys(focus)
		}
		for _, w := range sizes(500, 37) {
			for _, hh := range sizes(200, 23) {
				h.send(tea.WindowSizeMsg{Width: w, Height: hh})
				h.keys("j", "G", "k")
				v := h.view()
				if w < 20 || hh < 5 {
					if lipgloss.Width(v) > w || strings.Contains(v, "\n") {
						t.Fatalf("%dx%d: the too-small note %q does not fit on one line", w, hh, v)
					}
					if w >= 9 && !strings.Contains(v, "too small") {
						t.Fatalf("%dx%d: want a too-small note, got %q", w, hh, v)
					}
					continue
				}
				lines := strings.Split(v, "\n")
				if len(lines) != hh {
					t.Fatalf("%dx%d: view has %d lines", w, hh, len(lines))
				}
				for _, l := range lines {
					if lw := lipgloss.Width(l); lw > w {
						t.Fatalf("%dx%d: a line is %d wide: %q", w, hh, lw, l)
					}
				}
			}
		}
	}
}

func TestTimelinePagesLoadAsYouScroll(t *testing.T) {
	h := newHarness(t, testDataset(3, map[int]int{3: 250}), Config{Repo: widgets}, 160, 45)
	h.run()
	if got := h.requests("/timeline"); got != 1 {
		t.Fatalf("at the top: %d timeline requests, want 1", got)
	}
	if !strings.Contains(h.view(), "250 comments") && !strings.Contains(h.view(), "events") {
		t.Fatalf("header missing:\n%s", h.view())
	}
	if got := len(timelineOf(h.root(), 3).Events()); got != 100 {
		t.Fatalf("%d events loaded, want the first page of 100", got)
	}
	// G goes straight to the last page (GitHub names it in Link rel="last"),
	// not through every page between.
	h.keys("tab", "G")
	h.run()
	if got := h.requests("/timeline"); got != 2 {
		t.Fatalf("after G: %d timeline requests, want 2 (page 1 and the last)", got)
	}
	if got := len(timelineOf(h.root(), 3).Events()); got != 150 {
		t.Fatalf("after G: %d events loaded, want pages 1 and 3 (150)", got)
	}
	if v := h.view(); !strings.Contains(v, "comment 249 on PR 3") || !strings.Contains(v, "end of timeline") {
		t.Fatalf("after G the newest events should show:\n%s", v)
	}
	// Scrolling up into the gap loads the page next to it, and only that.
	for i := 0; i < 60 && h.requests("/timeline") == 2; i++ {
		h.keys("ctrl+u")
		h.run()
	}
	if got := h.requests("/timeline"); got != 3 {
		t.Fatalf("scrolling into the gap: %d timeline requests, want 3", got)
	}
	if got := len(timelineOf(h.root(), 3).Events()); got != 250 {
		t.Fatalf("after the gap loaded: %d events, want 250", got)
	}
	h.keys("G")
	h.run()
	if !strings.Contains(h.view(), "end of timeline · 250 events") {
		t.Errorf("the end of the timeline is not shown:\n%s", h.view())
	}
}

func TestReloadFetchesTheSelectedPRAgain(t *testing.T) {
	h := newHarness(t, testDataset(3, map[int]int{3: 5}), Config{Repo: widgets}, 160, 45)
	h.run()
	h.keys("r")
	if !strings.Contains(h.view(), "loading timeline") {
		t.Errorf("no loading note while reloading:\n%s", h.view())
	}
	h.run()
	if got := h.requests("/timeline"); got != 2 {
		t.Fatalf("%d timeline requests after r, want 2", got)
	}
	if got := len(timelineOf(h.root(), 3).Events()); got != 5 {
		t.Fatalf("after reload: %d events, want 5 (not duplicated)", got)
	}
}

func TestErrorsAreShownInPlainWords(t *testing.T) {
	h := newHarness(t, testDataset(3, nil), Config{Repo: model.Repo{Owner: "acme", Name: "nope"}}, 160, 45)
	h.run()
	v := h.view()
	for _, want := range []string{"404 Not Found", "acme/nope", "check the name", "could not load pull requests"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	if h.root().store.InFlight() != 0 {
		t.Errorf("%d requests still counted in flight: the spinner would never stop", h.root().store.InFlight())
	}
	h.keys("r")
	h.run()
	if got := h.pullRequests(0); got != 2 {
		t.Errorf("r after a failed list: %d list requests, want 2 (a retry)", got)
	}
}
