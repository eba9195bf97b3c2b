package ui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/github/fake"

	"github.com/prscope/prscope/ui/store"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/prscope/prscope/github"
	"github.com/prscope/prscope/model"
)

// failingPages fails list requests for chosen pages, as a flaky server would.
type failingPages struct {
	store.Source
	fail  map[int]bool
	calls map[int]int
}

func (f *failingPages) ListPulls(ctx context.Context, repo model.Repo, state string, page, perPage int) ([]model.PullRequest, model.Page, error) {
	f.calls[page]++
	if f.fail[page] {
		return nil, model.Page{}, errors.New("502 Bad Gateway")
	}
	return f.Source.ListPulls(ctx, repo, state, page, perPage)
}

func TestAFailedPageIsNotRetriedUntilAsked(t *testing.T) {
	f := &failingPages{fail: map[int]bool{2: true}, calls: map[int]int{}}
	h := newHarnessWrapped(t, testDataset(250, nil), Config{Repo: widgets}, 160, 45,
		func(s store.Source) store.Source { f.Source = s; return f })
	h.run()
	h.keys(repeat("j", 95)...)
	h.run()
	h.keys(repeat("j", 5)...)
	h.run()
	if f.calls[2] != 1 {
		t.Fatalf("page 2 requested %d times after failing, want 1 (no retry loop)", f.calls[2])
	}
	h.keys("G")
	if v := h.view(); !strings.Contains(v, "could not load more") || !strings.Contains(v, "r to retry") {
		t.Errorf("the failure is not said where the next page would be:\n%s", v)
	}
	f.fail[2] = false
	h.keys("r")
	h.run()
	if f.calls[2] != 2 || h.root().lists.list.Len() != 200 {
		t.Fatalf("after r: page 2 requested %d times, %d PRs loaded; want 2 and 200", f.calls[2], h.root().lists.list.Len())
	}
	if strings.Contains(h.view(), "502") {
		t.Errorf("the old error is still shown after the retry worked:\n%s", h.view())
	}
}

func TestLoadingIsShownFromTheFirstFrame(t *testing.T) {
	h := newHarness(t, testDataset(3, nil), Config{Repo: widgets}, 160, 45)
	v := h.view()
	if !strings.Contains(v, "loading pull requests") || !strings.Contains(v, "loading") {
		t.Fatalf("before the first page arrives the screen should say it is loading:\n%s", v)
	}
	if h.root().store.InFlight() != 1 {
		t.Fatalf("%d requests counted in flight at start, want 1", h.root().store.InFlight())
	}
	h.run()
}

func TestAnEmptyTimelineIsFetchedOnce(t *testing.T) {
	h := newHarness(t, testDataset(3, nil), Config{Repo: widgets}, 160, 45)
	h.run()
	for i := 0; i < 3; i++ {
		h.keys("j")
		h.run()
		h.keys("k")
		h.run()
	}
	h.keys("enter")
	h.run()
	if got := h.requests("/repos/acme/widgets/issues/3/timeline"); got != 1 {
		t.Errorf("#3's empty timeline fetched %d times, want 1", got)
	}
}

func TestACommitReferencedTwiceIsFetchedOnce(t *testing.T) {
	ds := testDataset(1, nil)
	repo := ds.Repo("acme/widgets")
	sha := strings.Repeat("ab", 20)
	repo.AddCommit(&fake.FakeCommit{SHA: sha, Message: "Fix it\n\nRefs #1", Date: time.Now()})
	at := time.Date(2023, 2, 1, 0, 0, 0, 0, time.UTC)
	repo.Pull(1).Timeline = []fake.FakeEvent{
		{Event: "referenced", Actor: "a", CreatedAt: at, SHA: sha, CommitRepo: "acme/widgets"},
		{Event: "referenced", Actor: "b", CreatedAt: at.Add(time.Hour), SHA: sha, CommitRepo: "acme/widgets"},
	}
	h := newHarness(t, ds, Config{Repo: widgets}, 160, 45)
	h.run()
	if got := h.requests("/git/commits/"); got != 1 {
		t.Errorf("the same commit fetched %d times, want 1", got)
	}
	if v := h.view(); !strings.Contains(v, "Fix it") || !strings.Contains(v, "pushed 2×") {
		t.Errorf("the two references should read as one patch pushed twice:\n%s", v)
	}
}

func TestNothingIsFetchedForADetailPaneNotOnScreen(t *testing.T) {
	h := newHarness(t, testDataset(3, map[int]int{3: 9}), Config{Repo: widgets}, 80, 24)
	h.run()
	if got := h.requests("/git/commits/"); got != 0 {
		t.Fatalf("narrow, list showing: %d commit requests, want 0", got)
	}
	h.keys("enter")
	h.run()
	if got := h.requests("/git/commits/"); got == 0 {
		t.Fatalf("after enter shows the detail: no commit requests")
	}
}

// slowPull answers GET /pulls/N only when released, so a test can move
// the selection before it arrives.
type slowPull struct {
	store.Source
	release chan struct{}
}

func (s *slowPull) GetPull(ctx context.Context, repo model.Repo, n int) (model.PullRequest, error) {
	<-s.release
	return s.Source.GetPull(ctx, repo, n)
}

func TestALateTargetDoesNotStealTheSelection(t *testing.T) {
	s := &slowPull{release: make(chan struct{})}
	h := newHarnessWrapped(t, testDataset(250, nil), Config{Repo: widgets, Number: 7}, 160, 45,
		func(src store.Source) store.Source { s.Source = src; return s })
	// GET /pulls/7 answers after the first page, as a slow server would.
	go func() { time.Sleep(10 * time.Millisecond); close(s.release) }()
	h.run()
	// With the answer in, #7 is selected: the user had not moved.
	if pr, _ := h.root().detail.PR(); pr.Number != 7 {
		t.Fatalf("detail shows #%d, want #7", pr.Number)
	}
	// Now the user moves, and a fresh answer for #7 (a reload) arrives.
	h.keys("tab", "k")
	h.run()
	moved, _ := h.root().detail.PR()
	h.send(store.Reply[model.PullRequest]{Envelope: store.Envelope{Key: store.Key{Kind: store.KindPull, Number: 7}}, Value: model.PullRequest{Number: 7, Title: "fresher"}})
	if pr, _ := h.root().detail.PR(); pr.Number != moved.Number {
		t.Errorf("a late answer for #7 moved the detail from #%d to #%d", moved.Number, pr.Number)
	}
}

func TestHelpSwallowsKeys(t *testing.T) {
	h := newHarness(t, testDataset(5, nil), Config{Repo: widgets}, 160, 45)
	h.run()
	h.keys("?", "j", "j", "enter")
	h.run()
	if got := h.root().lists.list.Cursor(); got != 0 {
		t.Errorf("keys under the help moved the list to row %d", got)
	}
	h.keys("esc")
	if strings.Contains(h.view(), "? or esc to close") {
		t.Errorf("esc did not close the help")
	}
}

func TestReloadFetchesThePRItselfToo(t *testing.T) {
	h := newHarness(t, testDataset(3, map[int]int{3: 2}), Config{Repo: widgets}, 160, 45)
	h.run()
	before := h.pullRequests(3)
	h.keys("r")
	h.run()
	if got := h.pullRequests(3); got != before+1 {
		t.Errorf("r made %d GET /pulls/3 requests, want 1", got-before)
	}
}

func TestPageDownAtTheEndKeepsTheLastItemSelected(t *testing.T) {
	h := demoHarness(t, Config{Number: 11}, 160, 45)
	h.run()
	h.keys("G", "ctrl+d")
	h.run()
	for _, line := range strings.Split(h.view(), "\n") {
		if strings.Contains(line, "▌") && !strings.Contains(line, "closed this") {
			t.Fatalf("after G, ctrl+d moved the selection back to: %s", line)
		}
	}
	if !strings.Contains(h.view(), "▌ ○ kernel-patches-bot closed this") {
		t.Fatalf("the last event is not selected:\n%s", h.view())
	}
}

// loopingPages answers every list page with a Link next of nextFor(page).
type loopingPages struct {
	store.Source
	nextFor func(page int) int
	calls   int
}

func (l *loopingPages) ListPulls(ctx context.Context, repo model.Repo, state string, page, perPage int) ([]model.PullRequest, model.Page, error) {
	l.calls++
	prs := make([]model.PullRequest, perPage)
	for i := range prs {
		prs[i] = model.PullRequest{Number: 100000 - page*perPage - i, Title: "looping", State: model.StateOpen}
	}
	return prs, model.Page{Next: l.nextFor(page)}, nil
}

func TestPagingStopsOnALoopingLinkHeader(t *testing.T) {
	for _, tt := range []struct {
		name    string
		nextFor func(int) int
		most    int
		note    string
	}{
		{"same page again", func(p int) int { return p }, 1, "loop (page 1 names 1 next)"},
		{"ever-increasing pages", func(p int) int { return p + 1 }, github.MaxListPages, "no end after 2000 pages"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			l := &loopingPages{nextFor: tt.nextFor}
			h := newHarnessWrapped(t, testDataset(1, nil), Config{Repo: widgets, PerPage: 5}, 160, 45,
				func(s store.Source) store.Source { l.Source = s; return l })
			h.run()
			for i := 0; i < github.MaxListPages+10 && h.root().store.List.Next != 0; i++ {
				h.keys("G")
				h.run()
			}
			if l.calls > tt.most {
				t.Fatalf("%d list requests, want at most %d", l.calls, tt.most)
			}
			h.keys("G")
			if !strings.Contains(h.view(), tt.note) {
				t.Errorf("no note saying why paging stopped:\n%s", h.view())
			}
		})
	}
}

// TestListFilter: / in the list narrows the loaded PRs as you type (after a
// pause, off the UI path); moving in the results shows their detail; esc
// goes back to the whole list, on the PR that was selected.
func TestListFilter(t *testing.T) {
	h := newHarness(t, testDataset(150, nil), Config{Repo: widgets}, 160, 45)
	h.run()
	h.keys("/", "1", "4") // the settle of each key is still pending
	h.keys("7")
	h.run() // only the last query's answer may be drawn
	v := h.view()
	if !strings.Contains(v, "filter: 147") || !strings.Contains(v, "1 of 100 loaded") {
		t.Fatalf("the filter status is not shown:\n%s", v)
	}
	if !strings.Contains(v, "Widget change number 147") || strings.Contains(v, "Widget change number 146") {
		t.Fatalf("the results are not the matching PRs:\n%s", v)
	}
	if pr, _ := h.root().detail.PR(); pr.Number != 147 {
		t.Fatalf("the detail shows #%d, want the match #147", pr.Number)
	}
	h.keys("enter", "backspace", "backspace", "backspace", "esc")
	h.run()
	if got := h.root().lists.filterStatus(); got != "" {
		t.Errorf("esc left the filter on: %q", got)
	}
	if pr, ok := h.root().lists.list.Selected(); !ok || pr.Number != 147 {
		t.Errorf("back in the whole list the cursor is on #%d, want #147", pr.Number)
	}
}

// TestFilterQueriesKeepTheirSpaces: words are matched in any order.
func TestFilterQueriesKeepTheirSpaces(t *testing.T) {
	h := newHarness(t, testDataset(150, nil), Config{Repo: widgets}, 160, 45)
	h.run()
	h.keys("/", "1", "4", "7", " ", "w", "i", "d", "g", "e", "t")
	h.run()
	if got := h.root().lists.filterStatus(); !strings.Contains(got, "filter: 147 widget") || !strings.Contains(got, "1 of 100") {
		t.Fatalf("a two-word query: %q", got)
	}
}

// TestKeyBurstsCountEveryKey: a held key over SSH or tmux arrives as one
// message of several runes ("jjjjj"); each is a key press, except in a
// query, where they are text.
func TestKeyBurstsCountEveryKey(t *testing.T) {
	h := newHarness(t, testDataset(30, nil), Config{Repo: widgets}, 160, 45)
	h.run()
	h.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("jjjjj")})
	h.run()
	if pr, _ := h.root().lists.list.Selected(); pr.Number != 25 {
		t.Errorf("a burst of 5 j selects #%d, want #25", pr.Number)
	}
	h.keys("/")
	h.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("27 widget")})
	if q := h.root().lists.filter.editor.Value(); q != "27 widget" {
		t.Errorf("a burst typed into the filter gives %q", q)
	}
}

// TestHelpScrollsInAShortTerminal: at 80×24 the help is taller than the
// screen; it says so, and j shows the rest, down to the close hint.
func TestHelpScrollsInAShortTerminal(t *testing.T) {
	h := newHarness(t, testDataset(3, nil), Config{Repo: widgets}, 80, 24)
	h.run()
	h.keys("?")
	if v := h.view(); !strings.Contains(v, "more lines below (j/↓)") || strings.Contains(v, "to close") {
		t.Fatalf("a help taller than the terminal does not say there is more:\n%s", v)
	}
	for i := 0; i < 80 && !strings.Contains(h.view(), "? or esc to close"); i++ {
		h.keys("j")
	}
	if v := h.view(); !strings.Contains(v, "? or esc to close") || !strings.Contains(v, "cycle the state") {
		t.Errorf("j does not reach the end of the help:\n%s", v)
	}
	h.keys("esc")
	if h.root().help.shown {
		t.Error("esc did not close the help")
	}
}
