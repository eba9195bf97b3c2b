package detail

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/ui/store"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/common"
)

func TestMain(m *testing.M) {
	// Views are compared as plain text: no colour codes.
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

var (
	testNow = time.Date(2024, 1, 15, 12, 0, 0, 0, time.UTC)
	t0      = time.Date(2023, 5, 1, 9, 0, 0, 0, time.UTC)
)

func newPane(t *testing.T, w, h int) (Model, store.Commits) {
	t.Helper()
	commits := store.Commits{}
	m := New(common.Common{Styles: common.DefaultStyles(), Now: func() time.Time { return testNow }}, commits)
	m.SetSize(w, h)
	m.Focus()
	return m, commits
}

func testPR(n int) model.PullRequest {
	merged := t0.Add(48 * time.Hour)
	return model.PullRequest{
		Number: n, Title: fmt.Sprintf("Add widget support %d", n), State: model.StateMerged,
		User: "alice", Head: "feature-x", Base: "main", CreatedAt: t0, UpdatedAt: merged, MergedAt: &merged,
		ClosedAt: &merged, Labels: []model.Label{{Name: "bug"}, {Name: "ui"}},
		Body: "This is the body of the pull request.", Commits: 3,
	}
}

func at(i int) time.Time { return t0.Add(time.Duration(i) * time.Minute) }

func comment(i int, body string) model.Event {
	return model.Event{ID: fmt.Sprint("c", i), Event: "commented", Actor: "bob", CreatedAt: at(i), Body: body}
}

func labeled(i int, name string) model.Event {
	return model.Event{ID: fmt.Sprint("l", i), Event: "labeled", Actor: "carol", CreatedAt: at(i), Label: &model.Label{Name: name}}
}

// sha is a full SHA whose short form differs for every i.
func sha(i int) string { return fmt.Sprintf("c%03dbee", i) + strings.Repeat("f", 33) }

func referenced(i int, message string) model.Event {
	return model.Event{ID: fmt.Sprint("r", i), Event: "referenced", Actor: "dave", CreatedAt: at(i),
		Commit: &model.CommitRef{SHA: sha(i), Repo: "acme/widgets", Message: message}}
}

// numberedLines is n distinct lines "<prefix> 001" .. so any window of them
// says where it is.
func numberedLines(prefix string, n int) string {
	lines := make([]string, n)
	for i := range lines {
		lines[i] = fmt.Sprintf("%s %03d", prefix, i+1)
	}
	return strings.Join(lines, "\n")
}

// mixedEvents are n events of every drawn kind, each with distinct text.
func mixedEvents(n int) []model.Event {
	evs := make([]model.Event, 0, n)
	for i := range n {
		switch i % 4 {
		case 0:
			evs = append(evs, comment(i, fmt.Sprintf("comment number %d says hello", i)))
		case 1:
			evs = append(evs, labeled(i, fmt.Sprintf("label-%d", i)))
		case 2:
			evs = append(evs, referenced(i, fmt.Sprintf("Fix thing %d\n\nDetails of fix %d.", i, i)))
		case 3:
			evs = append(evs, model.Event{ID: fmt.Sprint("x", i), Event: "renamed", Actor: "erin", CreatedAt: at(i),
				Rename: &model.Rename{From: fmt.Sprintf("old %d", i), To: fmt.Sprintf("new %d", i)}})
		}
	}
	return evs
}

func keyMsg(k string) tea.KeyMsg {
	switch k {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case " ":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	case "ctrl+d":
		return tea.KeyMsg{Type: tea.KeyCtrlD}
	case "ctrl+u":
		return tea.KeyMsg{Type: tea.KeyCtrlU}
	case "pgdown":
		return tea.KeyMsg{Type: tea.KeyPgDown}
	case "pgup":
		return tea.KeyMsg{Type: tea.KeyPgUp}
	case "home":
		return tea.KeyMsg{Type: tea.KeyHome}
	case "backspace":
		return tea.KeyMsg{Type: tea.KeyBackspace}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

func press(m Model, ks ...string) Model {
	for _, k := range ks {
		m, _ = m.Update(keyMsg(k))
	}
	return m
}

// doc is every line of the pane as View would draw it at an unlimited
// height, without the gutter.
// Items not rendered yet (out of view) stand in with placeholder lines of
// their estimated height, so line numbers match the pane's own.
func doc(m Model) []string {
	var out []string
	for i, it := range m.items {
		if it.lines == nil {
			for l := 0; l < m.lay.get(i); l++ {
				out = append(out, fmt.Sprintf("<item %d not rendered, line %d>", i, l))
			}
			continue
		}
		for _, l := range it.lines {
			out = append(out, strings.TrimRight(l, " "))
		}
	}
	return out
}

// stripGutter drops the two gutter columns of a View line.
func stripGutter(line string) string {
	r := []rune(line)
	if len(r) < 2 {
		return ""
	}
	return strings.TrimRight(string(r[2:]), " ")
}

// pinnedHead: row y of the view, at document line p+y, is the cursor
// item's first line pinned on the top row (scrolled past its head).
func pinnedHead(m Model, d []string, p, y int, vl string) bool {
	head := m.lay.offset(m.cursor)
	return y == 0 && p > head && p < m.lay.offset(m.cursor+1) && stripGutter(vl) == d[head]
}

// absTop finds which line of the document View starts at, from the View
// output alone; the test data must make that unambiguous.
func absTop(t *testing.T, m Model) int {
	t.Helper()
	d := doc(m)
	view := strings.Split(m.View(), "\n")
	var found []int
	for p := range max(len(d), 1) {
		ok := true
		for y, vl := range view {
			want := ""
			if p+y < len(d) {
				want = d[p+y]
			}
			if stripGutter(vl) != want && !pinnedHead(m, d, p, y, vl) {
				ok = false
				break
			}
		}
		if ok {
			found = append(found, p)
		}
	}
	if len(found) != 1 {
		t.Fatalf("view matches the document at %v, want exactly one place:\n%s", found, m.View())
	}
	if found[0] != m.top {
		t.Fatalf("view starts at line %d of the document, but top is %d", found[0], m.top)
	}
	return found[0]
}

// eventItem is the index of the item showing event e.
func eventItem(m Model, e int) int {
	for i, it := range m.items {
		if it.kind == kindEvent && it.event == e {
			return i
		}
	}
	panic("no item for event")
}

// moveCursorTo presses j or k until the cursor is on item i.
func moveCursorTo(t *testing.T, m Model, i int) Model {
	t.Helper()
	for n := 0; m.cursor != i; n++ {
		if n > 10000 {
			t.Fatalf("cursor never reached item %d (at %d)", i, m.cursor)
		}
		if m.cursor < i {
			m = press(m, "j")
		} else {
			m = press(m, "k")
		}
	}
	return m
}

func viewLines(m Model) []string { return strings.Split(m.View(), "\n") }

func TestHeaderBodyEventsFooter(t *testing.T) {
	m, _ := newPane(t, 120, 40)
	pr := testPR(42)
	pr.Detailed, pr.Comments = true, 1
	evs := []model.Event{
		comment(1, "first comment text"),
		labeled(2, "needs-review"),
		referenced(3, "Fix the frobnicator\n\nLonger explanation."),
		{Event: "closed", Actor: "alice", CreatedAt: at(4)},
		// A committed event names its git author; it has no actor login.
		{Event: "committed", Author: "Jane Q. Dev", CreatedAt: at(5),
			Commit: &model.CommitRef{SHA: sha(5), Repo: "acme/widgets", Message: "Carried subject\n\nand body"}},
	}
	m.ShowTimeline(pr, evs, nil, store.TimelineStatus{})
	v := m.View()
	for _, want := range []string{
		"Add widget support 42 #42",
		"MERGED alice merged 3 commits into main from feature-x",
		"created 2023-05-01 09:00 · updated 2023-05-03 09:00 · merged 2023-05-03 09:00",
		"labels: bug, ui · 1 comment · 1 referencing commit · 5 events",
		"This is the body of the pull request.",
		"first comment text",
		"carol added label needs-review",
		"dave referenced this in commit " + sha(3)[:7],
		sha(3)[:7] + " Fix the frobnicator",
		"alice closed this",
		"◆ Jane Q. Dev committed " + sha(5)[:7],
		sha(5)[:7] + " Carried subject",
		"end of timeline · 5 events",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "ghost") {
		t.Errorf("an event is shown as ghost:\n%s", v)
	}
	if strings.Contains(v, "Longer explanation") {
		t.Errorf("collapsed commit shows more than its subject:\n%s", v)
	}
	// Events in timeline order.
	last := -1
	for _, want := range []string{"first comment text", "needs-review", "Fix the frobnicator", "closed this", "Carried subject", "end of timeline"} {
		i := strings.Index(v, want)
		if i <= last {
			t.Errorf("%q out of order in:\n%s", want, v)
		}
		last = i
	}
	if pr2, ok := m.PR(); !ok || pr2.Number != 42 {
		t.Errorf("PR() = #%d, %v", pr2.Number, ok)
	}
}

func TestHeaderStates(t *testing.T) {
	closed := t0.Add(time.Hour)
	tests := []struct {
		name string
		edit func(*model.PullRequest)
		want []string
	}{
		{"open", func(p *model.PullRequest) { p.State, p.MergedAt, p.ClosedAt = model.StateOpen, nil, nil },
			[]string{"OPEN alice wants to merge 3 commits into main from feature-x"}},
		{"draft", func(p *model.PullRequest) { p.State, p.Draft, p.MergedAt, p.ClosedAt = model.StateOpen, true, nil, nil },
			[]string{"DRAFT alice wants to merge"}},
		{"closed", func(p *model.PullRequest) { p.State, p.MergedAt, p.ClosedAt = model.StateClosed, nil, &closed },
			[]string{"CLOSED alice wanted to merge", "closed 2023-05-01 10:00"}},
		{"one commit, no labels, ghost", func(p *model.PullRequest) { p.Commits, p.Labels, p.User = 1, nil, "" },
			[]string{"ghost merged 1 commit into main", "no labels · 0 comments · 0 referencing commits · 0 events"}},
		{"commits unknown", func(p *model.PullRequest) { p.Commits = 0 },
			[]string{"alice merged into main from feature-x"}},
		{"no body", func(p *model.PullRequest) { p.Body = "" },
			[]string{"No description provided."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := newPane(t, 120, 20)
			pr := testPR(7)
			tt.edit(&pr)
			m.ShowTimeline(pr, nil, nil, store.TimelineStatus{})
			v := m.View()
			for _, want := range tt.want {
				if !strings.Contains(v, want) {
					t.Errorf("view lacks %q:\n%s", want, v)
				}
			}
		})
	}
}

func TestFooterAndCounts(t *testing.T) {
	evs := []model.Event{comment(1, "a"), comment(2, "b"), referenced(3, "x"), labeled(4, "l")}
	tests := []struct {
		status     store.TimelineStatus
		footer     string
		counts     string
		notFooters []string
	}{
		{store.TimelineStatus{}, "end of timeline · 4 events", "2 comments · 1 referencing commit · 4 events", nil},
		{store.TimelineStatus{Loading: true, More: true}, "loading timeline…", "2+ comments · 1+ referencing commit · 4+ events", []string{"end of timeline"}},
		{store.TimelineStatus{More: true}, "more events to load…", "2+ comments", []string{"end of timeline", "loading timeline"}},
		{store.TimelineStatus{Err: "GitHub said 502", More: true, Loading: true}, "r to retry", "4+ events", []string{"loading timeline", "more events"}},
	}
	for _, tt := range tests {
		t.Run(tt.footer, func(t *testing.T) {
			m, _ := newPane(t, 100, 30)
			m.ShowTimeline(testPR(1), evs, nil, tt.status)
			lines := viewLines(m)
			footer := ""
			for _, l := range lines {
				if s := stripGutter(l); s != "" {
					footer = s
				}
			}
			if footer != tt.footer {
				t.Errorf("last line %q, want %q", footer, tt.footer)
			}
			v := m.View()
			if tt.status.Err != "" && !strings.Contains(v, "⚠ "+tt.status.Err) {
				t.Errorf("the error is not said above the retry note:\n%s", v)
			}
			if !strings.Contains(v, tt.counts) {
				t.Errorf("header lacks %q:\n%s", tt.counts, v)
			}
			for _, bad := range tt.notFooters {
				if strings.Contains(v, bad) {
					t.Errorf("view holds %q:\n%s", bad, v)
				}
			}
		})
	}
}

func TestNoPRSelected(t *testing.T) {
	m, _ := newPane(t, 40, 3)
	if got := viewLines(m); len(got) != 3 || !strings.Contains(got[0], "no pull request selected") {
		t.Errorf("empty pane view %q", got)
	}
	m = press(m, "j", "G", "enter")
	if _, ok := m.PR(); ok {
		t.Errorf("keys made a PR appear")
	}
	// SetEvents without a PR is ignored.
	m.SetTimeline(mixedEvents(3), nil, store.TimelineStatus{})
	if strings.Contains(m.View(), "comment") {
		t.Errorf("events drawn without a PR:\n%s", m.View())
	}
}

// tallCase builds a pane whose event tallAt becomes taller than the view once
// expanded.
type tallCase struct {
	name   string
	events func() []model.Event
	tallAt int // event index of the tall item
}

var tallCases = []tallCase{
	{"expanded 200-line commit message", func() []model.Event {
		evs := mixedEvents(12)
		evs[6] = referenced(6, "Subject of the big commit\n\n"+numberedLines("commit line", 200))
		return evs
	}, 6},
	{"expanded long comment", func() []model.Event {
		evs := mixedEvents(12)
		evs[4] = comment(4, numberedLines("comment line", 90))
		return evs
	}, 4},
}

// seq is from..to inclusive.
func seq(from, to int) []int {
	var out []int
	for i := from; i <= to; i++ {
		out = append(out, i)
	}
	return out
}

// TestKVNotesAreSanitized: a bot comment's values are untrusted text too.
func TestKVNotesAreSanitized(t *testing.T) {
	m, _ := newPane(t, 100, 30)
	at := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	m.ShowTimeline(testPR(1), []model.Event{
		{ID: "a", Event: "commented", Actor: "bot", CreatedAt: at, Body: "version: 1"},
		{ID: "b", Event: "commented", Actor: "bot", CreatedAt: at, Body: "version: \x1b]52;c;ZXZpbA==\x07\x1b[2J2"},
	}, nil,

		store.TimelineStatus{})

	v := m.View()
	if strings.ContainsAny(v, "\x1b\x07") {
		t.Fatalf("escape sequences from a comment reached the screen: %q", v)
	}
	if !strings.Contains(v, "version 1 → 2") {
		t.Errorf("the change is not said:\n%s", v)
	}
}

// TestFailedTimelineSaysNotLoaded: a timeline whose first page failed
// knows nothing: its header says "timeline not loaded", not "0 events".
func TestFailedTimelineSaysNotLoaded(t *testing.T) {
	m, _ := newPane(t, 100, 30)
	pr := testPR(1)
	pr.Detailed, pr.Comments = true, 7
	m.ShowTimeline(pr, nil, nil, store.TimelineStatus{Err: "GitHub said 502"})
	v := m.View()
	if !strings.Contains(v, "7 comments · timeline not loaded") || strings.Contains(v, "0 events") {
		t.Errorf("the header does not say the timeline is not loaded:\n%s", v)
	}
}

// TestHeadlineWrapsBetweenParts: the CI headline wraps between its parts;
// no line of the header ends on a dangling "·" (#201 at 80 columns).
func TestHeadlineWrapsBetweenParts(t *testing.T) {
	m, _ := newPane(t, 80, 20)
	m.ShowTimeline(testPR(1), nil, nil, store.TimelineStatus{})
	m.SetCIHeadline("tested 3 versions · 3 runs (47 more not matched to a version) · fbafcc8 ✓ 24 jobs passed")
	m.ensureRendered()
	for _, line := range strings.Split(m.View(), "\n") {
		if strings.HasSuffix(strings.TrimRight(ansi.Strip(line), " "), "·") {
			t.Errorf("a line ends on the separator: %q\n%s", line, m.View())
		}
	}
	if !strings.Contains(ansi.Strip(m.View()), "fbafcc8 ✓ 24 jobs passed") {
		t.Errorf("the last part is not whole on its line:\n%s", m.View())
	}
}

// TestCountsAreWrittenAlike: GitHub's 2500 comments beside about 2,600
// events read with their digits grouped alike.
func TestCountsAreWrittenAlike(t *testing.T) {
	m, _ := newPane(t, 120, 20)
	pr := testPR(201)
	pr.Detailed, pr.Comments = true, 2500
	m.ShowTimeline(pr, mixedEvents(100), []store.Gap{{At: 50, FirstPage: 2, LastPage: 26, Events: 2500}}, store.TimelineStatus{})
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "2,500 comments") || !strings.Contains(v, "100 of ~2,600 events") {
		t.Errorf("counts:\n%s", v)
	}
}

// TestStandInSaysNothingItDoesNotKnow: the stand-in for a PR that could
// not be fetched (offline, nothing cached) says why in its title, and
// invents no description or labels.
func TestStandInSaysNothingItDoesNotKnow(t *testing.T) {
	m, _ := newPane(t, 100, 20)
	m.ShowTimeline(model.PullRequest{Number: 11, Title: "could not load (r to retry): not cached (offline)"}, nil, nil,
		store.TimelineStatus{Err: "not cached (offline)"})
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "not cached (offline)") || strings.Contains(v, "No description provided") || strings.Contains(v, "no labels") {
		t.Errorf("stand-in:\n%s", v)
	}
}
