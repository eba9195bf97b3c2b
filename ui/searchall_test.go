package ui

import (
	"context"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/store"
)

// runWatching is run, calling watch after every message delivered.
func (h *harness) runWatching(watch func(Model)) {
	for i := 0; len(h.pending) > 0; i++ {
		if i > 10000 {
			h.t.Fatal("commands never settle")
		}
		cmd := h.pending[0]
		h.pending = h.pending[1:]
		h.deliver(cmd())
		watch(h.root())
	}
}

// TestSearchOnAFreshStartFindsThePushes: the README's example. The demo's
// #11 starts with none of its 51 commit messages loaded; /veristat reads
// them all and counts the verifier patch's 22 pushes.
func TestSearchOnAFreshStartFindsThePushes(t *testing.T) {
	h := demoHarness(t, Config{Number: 11}, 160, 45)
	h.run()
	before := h.requests("/git/commits/")
	h.typeText("/veristat")
	h.run()
	status := h.root().detail.SearchStatus()
	if !strings.Contains(status, "/veristat▏ — 1 of 22") || strings.Contains(status, "searching") {
		t.Errorf("status %q, want 1 of 22 with nothing left to search", status)
	}
	t.Logf("the search fetched %d commit messages", h.requests("/git/commits/")-before)
	if got := h.requests("/git/commits/") - before; got < 40 {
		t.Errorf("the search fetched %d commit messages; #11 references 51 and few were on screen", got)
	}
	if !strings.Contains(h.view(), "\x1b[7;1;4mveristat\x1b[27;22;24m") {
		t.Errorf("the first match is not on screen:\n%s", h.view())
	}
}

// TestSearchFetchesTheRestOfThePR: a 600-event PR with its middle not
// loaded: a search asks for every missing page and every message, never
// more than store.SearchInFlight at once, and counts the matches in all
// of them.
func TestSearchFetchesTheRestOfThePR(t *testing.T) {
	h := newHarness(t, testDataset(3, map[int]int{3: 600}), Config{Repo: widgets, Number: 3, PerPage: 50}, 160, 45)
	h.run()
	h.keys("G") // page 12, the last: pages 2–11 are a gap
	h.run()
	if g := timelineOf(h.root(), 3).Gaps(); len(g) != 1 || g[0].FirstPage != 2 || g[0].LastPage != 11 {
		t.Fatalf("setup: gaps %+v", g)
	}
	h.keys("g")
	h.typeText("/fix thing 59")
	most := 0
	h.runWatching(func(m Model) { most = max(most, m.store.InFlight()) })
	if most > store.SearchInFlight {
		t.Errorf("%d requests in flight at once; the search may have %d", most, store.SearchInFlight)
	}
	if g := timelineOf(h.root(), 3).Gaps(); len(g) != 0 {
		t.Errorf("gaps left: %+v", g)
	}
	// Fix thing 59, 590, 593, 596, 599: referencing commits are every third event.
	status := h.root().detail.SearchStatus()
	if !strings.Contains(status, "of 5") || strings.Contains(status, "searching") {
		t.Errorf("status %q, want 5 matches and nothing left", status)
	}
	if got := h.requests("/git/commits/"); got != 200 {
		t.Errorf("%d commit messages fetched, want all 200 once", got)
	}
}

// TestSearchSaysWhatIsLeftWhileItReads: between answers the status counts
// what is still to read.
func TestSearchSaysWhatIsLeftWhileItReads(t *testing.T) {
	h := newHarness(t, testDataset(3, map[int]int{3: 60}), Config{Repo: widgets, Number: 3}, 160, 45)
	h.run()
	h.typeText("/fix thing 5")
	seen := ""
	h.runWatching(func(m Model) {
		if s := m.detail.SearchStatus(); seen == "" && strings.Contains(s, "searching") {
			seen = s
		}
	})
	if !strings.Contains(seen, " · searching ") {
		t.Errorf("the status never said what was left to search (last: %q)", h.root().detail.SearchStatus())
	}
}

// TestSearchEscCancelsItsFetching: esc calls off what the search asked
// for; nothing is recorded as failed and a new search asks again.
func TestSearchEscCancelsItsFetching(t *testing.T) {
	h := newHarness(t, testDataset(3, map[int]int{3: 60}), Config{Repo: widgets, Number: 3, PerPage: 100}, 160, 10)
	h.run()
	before := h.requests("/git/commits/")
	h.typeText("/fix thing 5")
	h.keys("esc") // before any answer: the requests never go out
	h.run()
	m := h.root()
	if got := h.requests("/git/commits/") - before; got != 0 {
		t.Errorf("%d commit messages fetched after esc", got)
	}
	for k, c := range m.store.Commits() {
		if c.Err != "" {
			t.Errorf("%s recorded as failed: %q", k, c.Err)
		}
	}
	if e := m.store.LastErr(); e != "" {
		t.Errorf("the status bar says %q", e)
	}
	h.typeText("/fix thing 5")
	h.run()
	if got := h.requests("/git/commits/") - before; got != 20 {
		t.Errorf("a new search fetched %d messages, want the 20 referencing commits", got)
	}
}

// lowRate is a source whose rate limit is nearly spent.
type lowRate struct{ store.Source }

func (lowRate) RateLimit() model.RateLimit {
	return model.RateLimit{Known: true, Limit: 5000, Remaining: 400}
}

// TestSearchSparesALowRateLimit: below a tenth of the budget a search
// fetches nothing, and says what it did not search.
func TestSearchSparesALowRateLimit(t *testing.T) {
	h := newHarnessWrapped(t, testDataset(3, map[int]int{3: 60}), Config{Repo: widgets, Number: 3, PerPage: 100}, 160, 10,
		func(s store.Source) store.Source { return lowRate{s} })
	h.run()
	before := h.requests("/git/commits/")
	h.typeText("/fix thing 5")
	h.run()
	if got := h.requests("/git/commits/") - before; got != 0 {
		t.Errorf("%d commit messages fetched on a low rate limit", got)
	}
	if s := h.root().detail.SearchStatus(); !strings.Contains(s, "not searched: the rate limit is low") {
		t.Errorf("status %q", s)
	}
}

var _ = context.Background

// keptSearch is the demo on PR number, its timeline searched for query
// (with the /) and the query kept (enter), every message in.
func keptSearch(t *testing.T, number int, query string) *harness {
	t.Helper()
	h := demoHarness(t, Config{Number: number}, 160, 45)
	h.run()
	h.typeText(query)
	h.keys("enter")
	h.run()
	return h
}

// TestEscClearsAKeptSearchFirst: after / and enter the matches stay
// highlighted; esc clears them and leaves the cursor on the match, and
// only the next esc leaves the pane.
func TestEscClearsAKeptSearchFirst(t *testing.T) {
	h := keptSearch(t, 11, "/veristat")
	h.keys("n")
	at, _ := h.root().detail.Selected()
	h.keys("esc")
	m := h.root()
	if m.focus != detailPane || m.detail.SearchStatus() != "" || strings.Contains(h.view(), "\x1b[7") {
		t.Fatalf("esc after enter: focus %v, search %q; want the search cleared, the timeline still focused", m.focus, m.detail.SearchStatus())
	}
	if now, _ := m.detail.Selected(); now != at {
		t.Errorf("the cursor moved from %+v to %+v: clearing keeps it on the match", at, now)
	}
	h.keys("esc")
	if h.root().focus != listPane {
		t.Errorf("the second esc does not go back to the list")
	}
}

// TestNextMatchIsSeenToMove: the verifier patch's 22 pushes carry the same
// message, so the matching line looks the same on each; the top row keeps
// the item's head pinned (which push this is), and only the match n went
// to is drawn as the current one.
func TestNextMatchIsSeenToMove(t *testing.T) {
	h := keptSearch(t, 11, "/veristat")
	const current = "\x1b[7;1;4mveristat"
	for n, want := range []string{"pushed 22×", "push 2/22", "push 3/22"} {
		if n > 0 {
			h.keys("n")
		}
		pane := h.root().detail.View()
		top := ansi.Strip(strings.SplitN(pane, "\n", 2)[0])
		if !strings.Contains(top, want) {
			t.Errorf("match %d: the top row is %q, want the item's head (%s)", n+1, top, want)
		}
		if !strings.Contains(pane, current) {
			t.Errorf("match %d: no match drawn as the current one", n+1)
		}
	}
}

// TestReloadKeepsTheCursorAndTheSearch: r asks GitHub again; the cursor
// stays on its item and the search on its match, not back at the top.
func TestReloadKeepsTheCursorAndTheSearch(t *testing.T) {
	h := keptSearch(t, 11, "/Ido")
	h.keys("n", "n")
	before, _ := h.root().detail.Selected()
	status := h.root().detail.SearchStatus()
	h.keys("r")
	h.run()
	after, _ := h.root().detail.Selected()
	if after != before || h.root().detail.SearchStatus() != status {
		t.Errorf("after r: on %+v (%q), want %+v (%q)", after, h.root().detail.SearchStatus(), before, status)
	}
}

// TestBotRunFoldsSayTheirVersionsVerdict: #201's bot says each new
// version in the comment before it pushes, so that comment ends the fold
// before; the fold of a version still shows the version's CI verdict once
// its runs are in (the CI history loads them).
func TestBotRunFoldsSayTheirVersionsVerdict(t *testing.T) {
	h := demoHarness(t, Config{Number: 201}, 160, 45)
	h.run()
	h.keys("c") // the history: every version's latest run
	h.run()
	h.keys("c")
	h.run()
	folds, verdicts := 0, 0
	for _, l := range strings.Split(ansi.Strip(h.view()), "\n") {
		if strings.Contains(l, "runs at version") {
			folds++
			if strings.Contains(l, "jobs passed") || strings.Contains(l, "jobs failed") {
				verdicts++
			}
		}
	}
	if folds == 0 || verdicts != folds {
		t.Errorf("%d of %d folds on screen say their verdict:\n%s", verdicts, folds, h.view())
	}
}
