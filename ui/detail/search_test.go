package detail

import (
	"strings"
	"testing"

	"github.com/prscope/prscope/ui/store"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/prscope/prscope/model"
)

// TestEscPutsTheCursorBack: / moves the cursor to the first match as you
// type; esc drops the query and returns to where the cursor was.
func TestEscPutsTheCursorBack(t *testing.T) {
	m, _ := newPane(t, 100, 12)
	m.ShowTimeline(testPR(1), mixedEvents(60), nil, store.TimelineStatus{})
	m = press(m, "j", "j", "j", "j", "j")
	before, beforeTop := m.itemKey(m.items[m.cursor]), m.top
	m = press(m, "/", "5")
	m, tick := m.Update(keyMsg("7")) // comment 57's text is far below
	m, _ = m.Update(tick())          // typing paused: the search runs
	if got := m.itemKey(m.items[m.cursor]); got == before {
		t.Fatalf("setup: the search did not move the cursor from %s", before)
	}
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyEsc})
	if got := m.itemKey(m.items[m.cursor]); got != before || m.top != beforeTop {
		t.Errorf("esc left the cursor on %s (top %d), want %s (top %d)", got, m.top, before, beforeTop)
	}
	if m.SearchStatus() != "" {
		t.Errorf("esc kept the search: %q", m.SearchStatus())
	}
}

// TestSearchFindsReferenceKinds: the reference line's tag is searchable,
// so /stack-frame lists the commits that mention the PR in a backtrace.
func TestSearchFindsReferenceKinds(t *testing.T) {
	m, _ := newPane(t, 100, 20)
	m.ShowTimeline(testPR(11), []model.Event{
		referenced(1, "bpf: fix a crash\n\n #11 [ffff89240e1a3a18] cmd_exec at ffffffff"),
		referenced(2, "bpf: fix another thing\n\nFixes #11"),
		comment(3, "nothing here"),
	}, nil,

		store.TimelineStatus{})

	m = press(m, "/", "s", "t", "a", "c", "k", "-", "f", "r", "a", "m", "e", "enter")
	if len(m.search.matches) != 1 || m.search.matches[0] != 0 {
		t.Errorf("/stack-frame matched events %v, want [0]", m.search.matches)
	}
}

// TestHighlightInsideStyledText: a match inside a coloured run is marked,
// and the colour resumes after it; a match in plain text is marked too.
func TestHighlightInsideStyledText(t *testing.T) {
	m, _ := newPane(t, 100, 20)
	r := lipgloss.NewRenderer(nil)
	r.SetColorProfile(termenv.ANSI)
	m.common.Styles.Match = r.NewStyle().Reverse(true)
	yellow := "\x1b[33m"
	m.search.editor.SetValue("veristat")

	got := m.highlight(yellow+"c001bee veristat: fix"+"\x1b[0m"+" and veristat again", false)
	mark := m.common.Styles.Match.Render("veristat")
	want := yellow + "c001bee " + mark + yellow + ": fix\x1b[0m and " + mark + " again"
	if got != want {
		t.Errorf("highlight =\n%q\nwant\n%q", got, want)
	}
	if !strings.Contains(mark, "\x1b[7m") {
		t.Fatalf("setup: the match style writes no reverse video: %q", mark)
	}
}

// TestSearchSaysWhatItCouldNotRead: messages not fetched yet are counted in
// the search's status, so "no match" never hides them.
func TestSearchSaysWhatItCouldNotRead(t *testing.T) {
	m, commits := newPane(t, 100, 20)
	evs := []model.Event{referenced(1, ""), referenced(2, ""), comment(3, "nothing")}
	m.ShowTimeline(testPR(11), evs, nil, store.TimelineStatus{})
	m = press(m, "/", "v", "e", "r", "i", "enter")
	if got := m.SearchStatus(); !strings.HasSuffix(got, "no match · searching 2 more") {
		t.Errorf("status %q", got)
	}
	c := evs[0].Commit
	commits[store.CommitKey(c.Repo, c.SHA)] = store.CommitInfo{Message: "veristat: fix", Loaded: true}
	m.CommitLoaded(store.CommitKey(c.Repo, c.SHA))
	if got := m.SearchStatus(); !strings.Contains(got, "1 of 1") || !strings.HasSuffix(got, "searching 1 more") {
		t.Errorf("after one loaded: %q", got)
	}
	c = evs[1].Commit
	commits[store.CommitKey(c.Repo, c.SHA)] = store.CommitInfo{Err: "HTTP 500"}
	m.CommitLoaded(store.CommitKey(c.Repo, c.SHA))
	if got := m.SearchStatus(); !strings.HasSuffix(got, "1 of 1 (n/N) · 1 commit message failed to load") {
		t.Errorf("after one failed: %q", got)
	}
	m.SetSearchHeld(true)
	m.ShowTimeline(testPR(11), evs, []store.Gap{{At: 3, FirstPage: 2, LastPage: 4}}, store.TimelineStatus{})
	if got := m.SearchStatus(); !strings.Contains(got, "· 3 not searched: the rate limit is low") {
		t.Errorf("held, with 3 pages to load: %q", got)
	}
}

// TestSearchKeepsWhatWasTyped: the query shows as typed and matches
// whatever the case.
func TestSearchKeepsWhatWasTyped(t *testing.T) {
	m, _ := newPane(t, 100, 20)
	m.ShowTimeline(testPR(1), []model.Event{comment(1, "veristat is fine"), comment(2, "nothing")}, nil, store.TimelineStatus{})
	m = press(m, "/", "V", "e", "R", "i", "enter")
	if got := m.SearchStatus(); !strings.HasPrefix(got, "/VeRi — 1 of 1") {
		t.Errorf("status %q, want the query as typed and one match", got)
	}
}

// TestMatchesShowWithoutColours: with no colour profile (NO_COLOR) the
// match style draws nothing, so matches are marked in reverse video.
func TestMatchesShowWithoutColours(t *testing.T) {
	m, _ := newPane(t, 100, 20) // the tests' Ascii profile: no colours
	m.search.editor.SetValue("veristat")
	if got := m.highlight("run veristat now", false); got != "run \x1b[7mveristat\x1b[27m now" {
		t.Errorf("highlight = %q", got)
	}
}

// TestAnotherPRDropsTheSearch: matches belong to the PR they were found in.
func TestAnotherPRDropsTheSearch(t *testing.T) {
	m, _ := newPane(t, 100, 20)
	m.ShowTimeline(testPR(1), mixedEvents(20), nil, store.TimelineStatus{})
	m = press(m, "/", "c", "o", "m", "enter")
	if m.SearchStatus() == "" {
		t.Fatal("setup: no search")
	}
	m.ShowTimeline(testPR(2), mixedEvents(5), nil, store.TimelineStatus{})
	if got := m.SearchStatus(); got != "" {
		t.Errorf("the search survived the move to another PR: %q", got)
	}
}

// TestSearchWaitsForTypingToPause: each key only schedules the search; the
// last pause's tick runs it, earlier ticks do nothing.
func TestSearchWaitsForTypingToPause(t *testing.T) {
	m, _ := newPane(t, 100, 20)
	m.ShowTimeline(testPR(1), mixedEvents(20), nil, store.TimelineStatus{})
	var ticks []tea.Cmd
	for _, k := range []string{"/", "c", "o", "m"} {
		var cmd tea.Cmd
		m, cmd = m.Update(keyMsg(k))
		if cmd != nil {
			ticks = append(ticks, cmd)
		}
	}
	if len(m.search.matches) != 0 || len(ticks) != 3 {
		t.Fatalf("searched before the pause (%d matches) or %d ticks, want 0 and 3", len(m.search.matches), len(ticks))
	}
	m, _ = m.Update(ticks[0]()) // a stale tick: the query changed since
	if len(m.search.matches) != 0 {
		t.Fatal("a stale tick ran the search")
	}
	m, _ = m.Update(ticks[2]())
	if len(m.search.matches) == 0 {
		t.Fatal("the last tick did not run the search")
	}
}

// TestSearchQueryEditsLikeALine: the query is a line editor (the one the
// list filter and the search prompt use): home, then typing, inserts at
// the front, and the match follows the edited query.
func TestSearchQueryEditsLikeALine(t *testing.T) {
	m, _ := newPane(t, 100, 20)
	m.ShowTimeline(testPR(1), []model.Event{comment(1, "veristat is fine"), comment(2, "nothing")}, nil, store.TimelineStatus{})
	m = press(m, "/", "s", "t", "a", "x", "backspace", "t", "home", "v", "e", "r", "i")
	if got := m.SearchStatus(); !strings.HasPrefix(got, "/veri▏stat") {
		t.Fatalf("status while typing %q, want the cursor after the inserted text", got)
	}
	m = press(m, "enter")
	if got := m.SearchStatus(); !strings.HasPrefix(got, "/veristat — 1 of 1") {
		t.Errorf("status %q, want /veristat and one match", got)
	}
}

// TestMatchIsShownAndEscFoldsItBack: a match deep in a long comment's
// hidden lines, and one in the later push of a folded patch group, are
// opened to show the matching line; esc folds both again.
func TestMatchIsShownAndEscFoldsItBack(t *testing.T) {
	m, _ := newPane(t, 100, 12)
	evs := []model.Event{comment(0, numberedLines("long comment", 30)+"\nthe needle is here")}
	for i := 1; i <= 3; i++ {
		evs = append(evs, comment(i*2-1, "filler"), referenced(i*2, "bpf: fix the verifier\n\n"+strings.Repeat("body\n", i)+"pin "+strings.Repeat("x", i)))
	}
	m.ShowTimeline(testPR(1), evs, nil, store.TimelineStatus{})
	if !m.grouped() {
		t.Fatal("setup: the three pushes of one patch should fold")
	}
	m = press(m, "/", "n", "e", "e", "d", "l", "e", "enter")
	if v := m.View(); !strings.Contains(v, "needle") {
		t.Errorf("the needle's line is not in view:\n%s", v)
	}
	m = press(m, "/", "p", "i", "n", " ", "x", "x")
	m, tick := m.Update(keyMsg("x"))
	m, _ = m.Update(tick()) // typing paused: the search runs
	if v := m.View(); !strings.Contains(v, "pin xxx") || !strings.Contains(v, "push 3/3") {
		t.Errorf("the third push's match is not in view:\n%s", v)
	}
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyEsc})
	if len(m.openGroups) != 0 {
		t.Errorf("esc left groups open: %v", m.openGroups)
	}
}

// TestHintsNameTheKeysAsBound: remapped, the header's and the search's
// hints name the keys the user bound, not the defaults.
func TestHintsNameTheKeysAsBound(t *testing.T) {
	m, _ := newPane(t, 100, 20)
	m.KeyMap.Accidental.SetKeys("z")
	m.KeyMap.Accidental.SetHelp("z", "hide")
	m.KeyMap.NextMatch.SetKeys("]")
	m.KeyMap.NextMatch.SetHelp("]/[", "next/previous match")
	m.ShowTimeline(testPR(11), []model.Event{comment(1, "hello"), comment(2, "hello again")}, nil, store.TimelineStatus{})
	m = press(m, "z")
	if v := m.View(); !strings.Contains(v, "hidden: 0 (z)") {
		t.Errorf("the header does not name z:\n%s", v)
	}
	m = press(m, "/", "h", "e", "l", "l", "o", "enter")
	if got := m.SearchStatus(); !strings.Contains(got, "(]/[)") {
		t.Errorf("search status %q does not name ]/[", got)
	}
}

// TestSearchFindsWhatThePaneDerives: the lines the pane writes itself are
// searched as drawn: a bot's version note and a patch group's summary.
func TestSearchFindsWhatThePaneDerives(t *testing.T) {
	m, _ := newPane(t, 120, 40)
	kv := comment(1, "version: 1\nbranch: x")
	kv2 := comment(2, "version: 2\nbranch: x")
	evs := []model.Event{kv, kv2,
		referenced(3, "bpf: fix a leak\n\nbody one"), referenced(4, "bpf: fix a leak\n\nbody one"),
		comment(5, "nothing")}
	m.ShowTimeline(testPR(11), evs, nil, store.TimelineStatus{})
	for _, c := range []struct{ query, want string }{
		{"version 1 → 2", "1 of 1"}, // the Δ note of the second comment
		{"pushed 2×", "1 of 1"},     // the group's summary
	} {
		m = press(m, "/")
		for _, r := range c.query {
			m = press(m, string(r))
		}
		m = press(m, "enter")
		m.runSearch() // the editor's pause, at once
		if got := m.SearchStatus(); !strings.Contains(got, c.want) {
			t.Errorf("/%s: status %q, want %s", c.query, got, c.want)
		}
		m = press(m, "esc")
	}
}

// TestOnlyTheCurrentMatchIsDrawnAsCurrent: n moves the current match's
// style to the next item and draws the one it left as any other match.
func TestOnlyTheCurrentMatchIsDrawnAsCurrent(t *testing.T) {
	m, _ := newPane(t, 100, 30)
	m.ShowTimeline(testPR(1), []model.Event{comment(1, "same words"), comment(2, "same words"), comment(3, "other")}, nil, store.TimelineStatus{})
	m = press(m, "/", "s", "a", "m", "e", "enter")
	const current, other = "\x1b[7;1;4msame", "\x1b[7msame"
	drawn := func(e int) string {
		i := m.itemOf(e)
		return strings.Join(m.items[i].lines, "\n")
	}
	if !strings.Contains(drawn(0), current) || strings.Contains(drawn(1), current) || !strings.Contains(drawn(1), other) {
		t.Fatalf("first match: %q / %q", drawn(0), drawn(1))
	}
	m = press(m, "n")
	if strings.Contains(drawn(0), current) || !strings.Contains(drawn(0), other) || !strings.Contains(drawn(1), current) {
		t.Errorf("after n: %q / %q; want the current style moved to the second", drawn(0), drawn(1))
	}
}

// TestStickyHead: scrolled past an event's first line, the top row shows
// that line, so a long comment or message says whose it is.
func TestStickyHead(t *testing.T) {
	m, _ := newPane(t, 100, 8)
	m.ShowTimeline(testPR(1), []model.Event{comment(1, strings.Repeat("line\n", 40))}, nil, store.TimelineStatus{})
	m.cursor = m.itemOf(0)
	m.toggle() // expanded: 40 lines
	head := ansi.Strip(m.items[m.cursor].lines[0])
	m.top = m.lay.offset(m.cursor) + 5
	m.ensureRendered()
	top := ansi.Strip(strings.SplitN(m.View(), "\n", 2)[0])
	if m.top <= m.lay.offset(m.cursor) || !strings.Contains(top, strings.TrimSpace(head)) {
		t.Errorf("top row %q (top %d, item at %d), want the item's head %q", top, m.top, m.lay.offset(m.cursor), head)
	}
}

// TestFirstMatchThatArrivesLateIsGoneTo: messages arrive in any order. The
// search went to the match that came first (the third commit); when the
// first commit's message arrives and matches too, the cursor, which no key
// has moved, goes there: a fresh search lands on 1 of n. Once a key moved
// it, what arrives leaves it where it is.
func TestFirstMatchThatArrivesLateIsGoneTo(t *testing.T) {
	for _, moved := range []bool{false, true} {
		m, commits := newPane(t, 100, 30)
		m.ShowTimeline(testPR(1), []model.Event{referenced(1, ""), referenced(2, ""), referenced(3, ""), referenced(4, "")}, nil, store.TimelineStatus{})
		m = press(m, "/", "v", "e", "r", "i", "enter")
		arrive := func(i int, msg string) {
			k := store.CommitKey("acme/widgets", sha(i))
			commits[k] = store.CommitInfo{Message: msg, Loaded: true}
			m.CommitLoaded(k)
		}
		arrive(3, "veri 3")
		arrive(4, "veri 4")
		if moved {
			m = press(m, "n")
		}
		arrive(1, "veri 1")
		status := m.SearchStatus()
		want := "1 of 3"
		if moved {
			want = "3 of 3" // n went to veri 4, and stays there
		}
		if !strings.Contains(status, want) {
			t.Errorf("moved %v: status %q, want %s", moved, status, want)
		}
	}
}

// TestNextSaysWhenItWraps: n past the last match comes round to the first
// and says so; the next n does not.
func TestNextSaysWhenItWraps(t *testing.T) {
	m, _ := newPane(t, 100, 30)
	m.ShowTimeline(testPR(1), []model.Event{comment(1, "same"), comment(2, "same")}, nil, store.TimelineStatus{})
	m = press(m, "/", "s", "a", "m", "e", "enter", "n")
	if s := m.SearchStatus(); strings.Contains(s, "wrapped") {
		t.Fatalf("n to 2 of 2: %q", s)
	}
	m = press(m, "n")
	if s := m.SearchStatus(); !strings.Contains(s, "1 of 2") || !strings.Contains(s, "wrapped to the first") {
		t.Errorf("n past the last: %q", s)
	}
	m = press(m, "N")
	if s := m.SearchStatus(); !strings.Contains(s, "2 of 2") || !strings.Contains(s, "wrapped to the last") {
		t.Errorf("N before the first: %q", s)
	}
	m = press(m, "N")
	if s := m.SearchStatus(); strings.Contains(s, "wrapped") {
		t.Errorf("N to 1 of 2: %q", s)
	}
}

// TestNoWrapWhileStillReading: while the search still reads messages, the
// last match found is not the last there is: N from the first says no
// "wrapped".
func TestNoWrapWhileStillReading(t *testing.T) {
	m, _ := newPane(t, 100, 30)
	m.ShowTimeline(testPR(1), []model.Event{comment(1, "same"), comment(2, "same"), referenced(3, "")}, nil, store.TimelineStatus{})
	m = press(m, "/", "s", "a", "m", "e", "enter", "N")
	if s := m.SearchStatus(); !strings.Contains(s, "searching 1 more") || strings.Contains(s, "wrapped") {
		t.Errorf("N while reading: %q", s)
	}
}
