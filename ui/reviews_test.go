package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/github/fake"

	"github.com/charmbracelet/lipgloss"
)

// reviewsDataset is three PRs; #3 (shown first) and #2 have reviews with
// comments on their diffs, each PR's text its own.
func reviewsDataset() *fake.Dataset {
	ds := testDataset(3, nil)
	repo := ds.Repo("acme/widgets")
	hunk := "@@ -8,4 +8,5 @@ func spin()\n \tx := 1\n-\ty := 2\n+\ty := 3\n+\tz := 4"
	pr3 := repo.Pull(3)
	at := pr3.CreatedAt
	pr3.Timeline = []fake.FakeEvent{
		{Event: "reviewed", Actor: "bob", State: "approved", Body: "Fine by me.", CreatedAt: at.Add(time.Minute)},
		{Event: "reviewed", Actor: "carol", State: "commented", CreatedAt: at.Add(2 * time.Minute)},
	}
	pr3.ReviewComments = []fake.FakeReviewComment{
		{Review: 0, Path: "widget.go", Line: 12, OrigLine: 12, DiffHunk: hunk, Body: "PR3 thread root"},
		{Review: 0, Path: "README.md", Line: 0, OrigLine: 3, DiffHunk: "@@ -1 +1 @@\n-old\n+new", Body: "PR3 outdated note"},
		{Review: 1, ReplyTo: 1, Path: "widget.go", Line: 12, OrigLine: 12, DiffHunk: hunk, Body: "PR3 reply"},
	}
	pr2 := repo.Pull(2)
	pr2.Timeline = []fake.FakeEvent{{Event: "reviewed", Actor: "dave", State: "changes_requested", Body: "Not yet.", CreatedAt: pr2.CreatedAt.Add(time.Minute)}}
	pr2.ReviewComments = []fake.FakeReviewComment{{Review: 0, Path: "gadget.go", Line: 5, OrigLine: 5, DiffHunk: hunk, Body: "PR2 remark"}}
	return ds
}

func TestReviewedEventShowsItsCommentsWhenExpanded(t *testing.T) {
	h := newHarness(t, reviewsDataset(), Config{Repo: widgets}, 220, 50)
	h.run()
	v := h.view()
	if !strings.Contains(v, "reviews: 1 approved, 1 commented") {
		t.Errorf("header lacks the reviews tally:\n%s", v)
	}
	if !strings.Contains(v, "2 comments on 2 files (enter to show)") || strings.Contains(v, "PR3 thread root") {
		t.Errorf("collapsed, the review shows a count, not the comments:\n%s", v)
	}
	if got := h.requests("/pulls/3/reviews") + h.requests("/pulls/3/comments"); got != 2 {
		t.Errorf("%d review requests for #3, want 2 (one page each)", got)
	}
	h.keys("tab", "j", "j", "enter") // header, body, the first review
	v = h.view()
	// The hunk's last three lines (its tabs drawn as spaces), not its header.
	for _, want := range []string{"widget.go:12", "│ -       y := 2", "│ +       z := 4", "PR3 thread root", "↳ carol", "PR3 reply", "README.md (outdated)", "PR3 outdated note"} {
		if !strings.Contains(v, want) {
			t.Errorf("expanded review lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "@@") || strings.Contains(v, "x := 1") {
		t.Errorf("more of the hunk than its last three lines:\n%s", v)
	}
	// The reply sits under its thread, deeper than the comment it answers.
	lines := strings.Split(v, "\n")
	root, reply := -1, -1
	for i, l := range lines {
		switch {
		case strings.Contains(l, "PR3 thread root"):
			root = i
		case strings.Contains(l, "PR3 reply"):
			reply = i
		}
	}
	if root < 0 || reply <= root || column(lines[reply], "PR3 reply") <= column(lines[root], "PR3 thread root") {
		t.Errorf("reply (line %d) is not indented under its thread (line %d):\n%s", reply, root, v)
	}
	// Carol's own review only answered bob's thread: it says where that is.
	h.keys("j", "enter")
	if v := h.view(); !strings.Contains(v, "1 reply in threads shown under earlier reviews") {
		t.Errorf("the reply-only review does not point to its thread:\n%s", v)
	}
	h.keys("k", "enter")
	if strings.Contains(h.view(), "PR3 thread root") {
		t.Errorf("collapsing again still shows the comments")
	}
	h.run()
}

func TestLateReviewsForAnotherPRAreStoredNotDrawn(t *testing.T) {
	h := newHarness(t, reviewsDataset(), Config{Repo: widgets}, 220, 50)
	h.run()
	// Select #2 and let it settle, so its timeline and reviews are asked
	// for, but go back to #3 before any answer arrives.
	h.keys("j")
	for settled := false; !settled && len(h.pending) > 0; {
		cmd := h.pending[0]
		h.pending = h.pending[1:]
		msg := cmd()
		_, settled = msg.(settleMsg)
		h.deliver(msg)
	}
	if !h.root().store.ReviewsAsked(2) {
		t.Fatal("settling on #2 did not ask for its reviews")
	}
	h.keys("k")
	h.run() // #2's answers arrive while #3 is shown
	v := h.view()
	if strings.Contains(v, "changes requested") || strings.Contains(v, "PR2") || !strings.Contains(v, "reviews: 1 approved, 1 commented") {
		t.Errorf("#2's late reviews were drawn over #3:\n%s", v)
	}
	if set := h.root().store.Reviews()[2]; set == nil || set.Tally != "1 changes requested" {
		t.Fatalf("#2's reviews were not stored: %+v", set)
	}
	before := h.requests("/reviews")
	h.keys("j")
	h.run()
	if v := h.view(); !strings.Contains(v, "reviews: 1 changes requested") || !strings.Contains(v, "1 comment on gadget.go") {
		t.Errorf("back on #2, its stored reviews are not shown:\n%s", v)
	}
	if got := h.requests("/reviews"); got != before {
		t.Errorf("going back to #2 asked for its reviews again (%d requests)", got-before)
	}
}

func TestReloadAsksForReviewsAgain(t *testing.T) {
	h := newHarness(t, reviewsDataset(), Config{Repo: widgets}, 220, 50)
	h.run()
	before := h.requests("/pulls/3/reviews")
	h.keys("r")
	h.run()
	if got := h.requests("/pulls/3/reviews"); got != before+1 {
		t.Errorf("r made %d review requests, want 1", got-before)
	}
	if !strings.Contains(h.view(), "reviews: 1 approved, 1 commented") {
		t.Errorf("after r the tally is gone:\n%s", h.view())
	}
}

func TestReviewsFailureIsReportedAndRetriedOnReload(t *testing.T) {
	h := newHarness(t, reviewsDataset(), Config{Repo: widgets}, 220, 50)
	h.server.SetFaults(fake.FaultPath("/comments", fake.FaultNotFound()))
	h.run()
	if !strings.Contains(h.view(), "Not Found") {
		t.Errorf("a failed review-comments request is not reported:\n%s", h.view())
	}
	h.server.SetFaults(nil)
	h.keys("r")
	h.run()
	if v := h.view(); strings.Contains(v, "Not Found") || !strings.Contains(v, "2 comments on 2 files") {
		t.Errorf("r did not recover the review comments:\n%s", v)
	}
}

// column is the screen column where sub starts in line.
func column(line, sub string) int {
	i := strings.Index(line, sub)
	if i < 0 {
		return -1
	}
	return lipgloss.Width(line[:i])
}
