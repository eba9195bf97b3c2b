package detail

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/ui/store"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
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
			if stripGutter(vl) != want {
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

func TestJAndKScrollThroughTallItemLineByLine(t *testing.T) {
	for _, tc := range tallCases {
		for _, h := range []int{5, 12, 23} {
			t.Run(fmt.Sprintf("%s/h=%d", tc.name, h), func(t *testing.T) { checkTallScroll(t, tc.events(), tc.tallAt, h) })
		}
	}
}

// checkTallScroll: j and k move through a tall item line by line.
func checkTallScroll(t *testing.T, events []model.Event, tallAt, h int) {
	m, _ := newPane(t, 70, h)
	m.ShowTimeline(testPR(1), events, nil, store.TimelineStatus{})
	tall := eventItem(m, tallAt)
	m = moveCursorTo(t, m, tall)
	m = press(m, "enter")
	m = press(m, "g")
	a, b := m.lay.offset(tall), m.lay.offset(tall+1)-1 // the tall item's first and last line
	if b-a+1 < 3*h {
		t.Fatalf("item is only %d lines high", b-a+1)
	}
	total := m.lay.offset(len(m.items))

	// j all the way down.
	m, onTall := scroll(t, m, "j", 1, tall, h, func(m Model) bool { return m.cursor >= m.lastSelectable() && m.top >= total-h })
	want := seq(a, b-h+1)
	if !slices.Equal(onTall, want) {
		t.Fatalf("tops while on the tall item going down: %v, want %v", onTall, want)
	}
	// j on the last event goes on to show the footer.
	if lines := viewLines(m); stripGutter(lines[len(lines)-1]) != "end of timeline · 12 events" {
		t.Fatalf("j to the end does not show the footer:\n%s", m.View())
	}

	// k all the way up.
	_, onTall = scroll(t, m, "k", -1, tall, h, func(m Model) bool { return m.cursor <= 0 && m.top <= 0 })
	slices.Reverse(want)
	if !slices.Equal(onTall, want) {
		t.Fatalf("tops while on the tall item going up: %v, want %v", onTall, want)
	}
}

// scroll presses k (j or k, dir 1 or -1) until done, checking each step
// moves the view by at most a page, and by one line within an item; it
// returns the model and the view's tops while on the tall item.
func scroll(t *testing.T, m Model, k string, dir, tall, h int, done func(Model) bool) (Model, []int) {
	var onTall []int
	prev := absTop(t, m)
	for n := 0; !done(m); n++ {
		if n > 2000 {
			t.Fatalf("%s never reached the end", k)
		}
		cur, top := m.cursor, m.top
		m = press(m, k)
		if m.cursor == cur && m.top == top {
			t.Fatalf("%s did nothing at cursor %d top %d", k, cur, top)
		}
		got := absTop(t, m)
		if d := (got - prev) * dir; d < 0 || d > h {
			t.Fatalf("%s moved the view by %d lines (from %d to %d): lines skipped or repeated", k, d, prev, got)
		}
		if m.cursor == cur && got != prev+dir {
			t.Fatalf("%s within item %d moved the view from %d to %d, want one line", k, cur, prev, got)
		}
		if (m.cursor-cur)*dir < 0 {
			t.Fatalf("%s moved the cursor back from %d to %d", k, cur, m.cursor)
		}
		if m.cursor == tall {
			onTall = append(onTall, got)
		}
		prev = got
	}
	return m, onTall
}

// seq is from..to inclusive.
func seq(from, to int) []int {
	var out []int
	for i := from; i <= to; i++ {
		out = append(out, i)
	}
	return out
}

func TestToggleExpandsLongCommentsAndCommits(t *testing.T) {
	long := numberedLines("long comment", 20) // 20 lines: 8 shown, 12 hidden
	evs := []model.Event{
		comment(0, "a short comment\nof two lines"),
		comment(1, long),
		labeled(2, "bug"),
		referenced(3, "Commit subject here\n\n"+numberedLines("commit body", 5)),
		{Event: "closed", Actor: "alice", CreatedAt: at(4)},
	}
	tests := []struct {
		name       string
		event      int
		key        string
		before     []string // in the view collapsed
		after      []string // in the view expanded
		goneAfter  []string // not in the view expanded
		expandable bool
	}{
		{"long comment with enter", 1, "enter",
			[]string{"long comment 008", "… 12 more lines (enter to expand)"},
			[]string{"long comment 009", "long comment 020"},
			[]string{"more lines"}, true},
		{"long comment with space", 1, " ",
			[]string{"… 12 more lines (enter to expand)"},
			[]string{"long comment 020"},
			[]string{"more lines"}, true},
		{"commit", 3, "enter",
			[]string{sha(3)[:7] + " Commit subject here"},
			[]string{sha(3)[:7] + " acme/widgets", "Commit subject here", "commit body 001", "commit body 005"},
			nil, true},
		{"short comment", 0, "enter", nil, nil, nil, false},
		{"label", 2, "enter", nil, nil, nil, false},
		{"closed", 4, " ", nil, nil, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := newPane(t, 80, 60)
			m.ShowTimeline(testPR(1), evs, nil, store.TimelineStatus{})
			m = moveCursorTo(t, m, eventItem(m, tt.event))
			before := m.View()
			for _, s := range tt.before {
				if !strings.Contains(before, s) {
					t.Errorf("collapsed view lacks %q:\n%s", s, before)
				}
			}
			if strings.Contains(before, "long comment 009") || strings.Contains(before, "commit body") {
				t.Errorf("collapsed view shows hidden lines:\n%s", before)
			}
			m = press(m, tt.key)
			after := m.View()
			if !tt.expandable {
				if after != before {
					t.Errorf("toggle changed a non-expandable item:\n%s\n---\n%s", before, after)
				}
				return
			}
			for _, s := range tt.after {
				if !strings.Contains(after, s) {
					t.Errorf("expanded view lacks %q:\n%s", s, after)
				}
			}
			for _, s := range tt.goneAfter {
				if strings.Contains(after, s) {
					t.Errorf("expanded view still holds %q:\n%s", s, after)
				}
			}
			m = press(m, tt.key)
			if again := m.View(); again != before {
				t.Errorf("toggling twice changed the view:\n%s\n---\n%s", before, again)
			}
		})
	}
}

func TestCollapsedLinesBoundary(t *testing.T) {
	tests := []struct {
		lines      int
		note       string
		expandable bool
	}{
		{8, "", false},
		{9, "… 1 more line (enter to expand)", true},
		{10, "… 2 more lines (enter to expand)", true},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.lines, " lines"), func(t *testing.T) {
			m, _ := newPane(t, 80, 40)
			m.ShowTimeline(testPR(1), []model.Event{comment(0, numberedLines("row", tt.lines))}, nil, store.TimelineStatus{})
			m = moveCursorTo(t, m, eventItem(m, 0))
			v := m.View()
			if tt.note == "" {
				if strings.Contains(v, "more line") || !strings.Contains(v, fmt.Sprintf("row %03d", tt.lines)) {
					t.Errorf("short comment not shown whole:\n%s", v)
				}
			} else {
				if !strings.Contains(v, tt.note) || !strings.Contains(v, "row 008") || strings.Contains(v, "row 009") {
					t.Errorf("collapsed comment wrong, want the first 8 lines and %q:\n%s", tt.note, v)
				}
			}
			m = press(m, "enter")
			if expanded := m.View() != v; expanded != tt.expandable {
				t.Errorf("enter changed the view: %v, want %v", expanded, tt.expandable)
			}
		})
	}
}

// TestToggleKeepsItemsAboveInPlace: expanding never reflows what is above
// the item; when the expansion fits on screen nothing moves at all, and
// when it does not the view scrolls just enough to show it, the item's
// first line staying on screen. Collapsing right after puts the view back.
func TestToggleKeepsItemsAboveInPlace(t *testing.T) {
	for _, tc := range tallCases {
		for _, h := range []int{6, 15, 30, 60} {
			for _, where := range []string{"bottom", "from below"} {
				t.Run(fmt.Sprintf("%s/h=%d/%s", tc.name, h, where), func(t *testing.T) {
					m, _ := newPane(t, 70, h)
					m.ShowTimeline(testPR(1), tc.events(), nil, store.TimelineStatus{})
					tall := eventItem(m, tc.tallAt)
					m = moveCursorTo(t, m, tall) // j leaves the item at the bottom of the view
					if where == "from below" {
						m = press(m, "G")
						m = moveCursorTo(t, m, tall)
						for m.lay.offset(tall) < m.top { // k scrolls up to its first line
							m = press(m, "k")
						}
						if m.lay.offset(tall) < m.top || m.cursor != tall {
							t.Fatalf("setup: item at %d, top %d, cursor %d", m.lay.offset(tall), m.top, m.cursor)
						}
					}
					before, docBefore, topBefore := viewLines(m), doc(m), m.top
					itemTop := m.lay.offset(tall)
					row := itemTop - m.top // the item's first row on screen
					if row < 0 || row >= h {
						t.Fatalf("item starts at row %d of %d", row, h)
					}
					m = press(m, "enter")
					if !slices.Equal(doc(m)[:itemTop], docBefore[:itemTop]) || m.lay.offset(tall) != itemTop {
						t.Fatalf("expanding reflowed the items above")
					}
					itemBottom := m.lay.offset(tall+1) - 1
					wantTop := topBefore
					if itemBottom > topBefore+h-1 {
						wantTop = min(itemTop, itemBottom-h+1)
					}
					if got := absTop(t, m); got != wantTop {
						t.Errorf("expanded: view at line %d, want %d (item at %d-%d, was at %d)", got, wantTop, itemTop, itemBottom, topBefore)
					}
					after := viewLines(m)
					if wantTop == topBefore && !slices.Equal(after[:row+1], before[:row+1]) {
						t.Errorf("expanding moved what is above it:\n%s\n---\n%s", strings.Join(before, "\n"), strings.Join(after, "\n"))
					}
					m = press(m, "enter")
					if again := viewLines(m); !slices.Equal(again, before) {
						t.Errorf("toggling twice changed the view:\n%s\n---\n%s", strings.Join(before, "\n"), strings.Join(again, "\n"))
					}
				})
			}
		}
	}
}

// TestCollapseAfterMovingStaysPut: only a collapse right after the expand
// puts back the view the expand scrolled; after other keys the view stays.
func TestCollapseAfterMovingStaysPut(t *testing.T) {
	tc := tallCases[0]
	m, _ := newPane(t, 70, 10)
	m.ShowTimeline(testPR(1), tc.events(), nil, store.TimelineStatus{})
	tall := eventItem(m, tc.tallAt)
	m = moveCursorTo(t, m, tall)
	before := m.top
	m = press(m, "enter")
	if m.top == before || m.top != m.lay.offset(tall) {
		t.Fatalf("setup: expanding at the bottom did not bring the item to the top (%d -> %d)", before, m.top)
	}
	m = press(m, "k", "j") // away and back: the item is at the top again
	if m.cursor != tall || m.top != m.lay.offset(tall) {
		t.Fatalf("setup: cursor %d top %d", m.cursor, m.top)
	}
	m = press(m, "enter")
	if m.top != m.lay.offset(tall) {
		t.Errorf("collapse after moving: top %d, want the item's first line %d", m.top, m.lay.offset(tall))
	}
}

func TestCollapseWhileScrolledIntoItemKeepsCursorVisible(t *testing.T) {
	for _, tc := range tallCases {
		t.Run(tc.name, func(t *testing.T) {
			m, _ := newPane(t, 70, 8)
			m.ShowTimeline(testPR(1), tc.events(), nil, store.TimelineStatus{})
			tall := eventItem(m, tc.tallAt)
			m = moveCursorTo(t, m, tall)
			m = press(m, "enter")
			m = press(m, slices.Repeat([]string{"j"}, 40)...) // deep inside the expanded item
			if m.cursor != tall || m.top <= m.lay.offset(tall) {
				t.Fatalf("not scrolled into the item: cursor %d top %d", m.cursor, m.top)
			}
			m = press(m, "enter")
			if !strings.Contains(m.View(), "▌") {
				t.Errorf("collapsing left the cursor off screen:\n%s", m.View())
			}
			if first := m.itemAt(m.top); first > tall {
				t.Errorf("view starts at item %d, past the collapsed item %d", first, tall)
			}
		})
	}
}

func TestResizeKeepsTopItem(t *testing.T) {
	evs := mixedEvents(40)
	evs[10] = comment(10, strings.Repeat("a rather long comment that wraps differently at every width ", 12))
	for _, start := range []int{3, 10, 17, 25} {
		t.Run(fmt.Sprint("top item event ", start), func(t *testing.T) {
			m, _ := newPane(t, 100, 12)
			m.ShowTimeline(testPR(1), evs, nil, store.TimelineStatus{})
			// G then k until the cursor is the first item on screen.
			m = press(m, "G")
			target := eventItem(m, start)
			m = moveCursorTo(t, m, target)
			if m.top != m.lay.offset(target) {
				t.Fatalf("setup: item %d not at the top (top %d, item at %d)", target, m.top, m.lay.offset(target))
			}
			for _, w := range []int{60, 30, 140, 21, 200, 100} {
				m.SetSize(w, 12)
				if got := m.itemAt(m.top); got != target {
					t.Fatalf("width %d: item %d at the top, want %d", w, got, target)
				}
				if m.top != m.lay.offset(target) {
					t.Fatalf("width %d: top is line %d of the item, want its first", w, m.top-m.lay.offset(target))
				}
				top := absTop(t, m)
				if top != m.lay.offset(target) {
					t.Fatalf("width %d: view starts at %d, want %d", w, top, m.lay.offset(target))
				}
			}
		})
	}
}

func TestResizeInsideTallItem(t *testing.T) {
	tc := tallCases[0]
	m, _ := newPane(t, 70, 10)
	m.ShowTimeline(testPR(1), tc.events(), nil, store.TimelineStatus{})
	tall := eventItem(m, tc.tallAt)
	m = moveCursorTo(t, m, tall)
	m = press(m, "enter")
	m = press(m, slices.Repeat([]string{"j"}, 30)...)
	line := m.top - m.lay.offset(tall)
	if m.cursor != tall || line <= 0 {
		t.Fatalf("setup: cursor %d, line %d", m.cursor, line)
	}
	for _, w := range []int{120, 50, 70} {
		m.SetSize(w, 10)
		if got := m.itemAt(m.top); got != tall {
			t.Errorf("width %d: item %d at the top, want %d", w, got, tall)
		}
	}
	// Back at the first width: the very same line is at the top again.
	if got := m.top - m.lay.offset(tall); got != line {
		t.Errorf("line %d of the item at the top after resizing back, want %d", got, line)
	}
}

// hostileEvents have text that is hard to fit: wide runes, long words, long
// names, and every footer and item kind.
func hostileEvents() []model.Event {
	evs := mixedEvents(16)
	evs = append(evs,
		comment(20, "日本語のコメントです。"+strings.Repeat("漢字", 60)),
		comment(21, "emoji 🎉🎉🎉 "+strings.Repeat("🚀", 70)),
		comment(22, strings.Repeat("x", 500)),
		model.Event{Event: "commented", Actor: strings.Repeat("verylongname", 10), CreatedAt: at(23), Body: "hi"},
		referenced(24, strings.Repeat("Ü", 300)+"\n\n"+strings.Repeat("y", 400)),
		model.Event{Event: "referenced", Actor: "dave", CreatedAt: at(25), Commit: &model.CommitRef{SHA: sha(25), Repo: "acme/widgets"}},
		model.Event{Event: model.EventKind("some_future_event_with_a_long_name_" + strings.Repeat("z", 80)), CreatedAt: at(26)},
	)
	return evs
}

func hostilePR() model.PullRequest {
	pr := testPR(123456)
	pr.Title = "A very long title " + strings.Repeat("長い", 50) + strings.Repeat("w", 200)
	pr.Head = strings.Repeat("branch-", 30)
	pr.Labels = []model.Label{{Name: strings.Repeat("label", 30)}, {Name: "ラベル"}}
	pr.Body = strings.Repeat("body text ", 100) + "\n" + strings.Repeat("🙂", 100)
	return pr
}

func TestEveryLineFitsTheWidth(t *testing.T) {
	if testing.Short() {
		t.Skip("sweeps every size")
	}
	commits := store.Commits{store.CommitKey("acme/widgets", sha(25)): {Err: strings.Repeat("not found ", 20)}}
	m := New(common.Common{Styles: common.DefaultStyles(), Now: func() time.Time { return testNow }}, commits)
	m.Focus()
	m.ShowTimeline(hostilePR(), hostileEvents(), nil, store.TimelineStatus{Err: strings.Repeat("a long error ", 20)})
	check := func(w, h int, where string) {
		lines := viewLines(m)
		if len(lines) != h {
			t.Fatalf("%dx%d %s: %d lines, want %d", w, h, where, len(lines), h)
		}
		for _, l := range lines {
			if lw := lipgloss.Width(l); lw > w {
				t.Fatalf("%dx%d %s: line of width %d: %q", w, h, where, lw, l)
			}
		}
	}
	for w := 20; w <= 200; w++ {
		for h := 1; h <= 60; h++ {
			m.SetSize(w, h)
			check(w, h, "top")
		}
		// Expand everything and look at the middle and the end too.
		m = press(m, "g")
		for range 8 {
			m = press(m, "enter", "j", "j")
		}
		check(w, 60, "expanded")
		m = press(m, "G")
		check(w, 60, "end")
		m = press(m, "g")
	}
}

func TestTinySizesDoNotPanic(t *testing.T) {
	for _, size := range [][2]int{{0, 0}, {1, 1}, {0, 5}, {5, 0}, {2, 1}, {1, 30}, {-3, -3}} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			m, _ := newPane(t, size[0], size[1])
			_ = m.View()
			m = press(m, "j", "k", "G", "g", "enter")
			m.ShowTimeline(hostilePR(), hostileEvents(), nil, store.TimelineStatus{More: true})
			_ = m.View()
			m = press(m, "j", "enter", "ctrl+d", "pgdown", "G", "k", "ctrl+u", "pgup", "g", " ")
			m.SetTimeline(append(hostileEvents(), mixedEvents(50)...), nil, store.TimelineStatus{})
			m.CommitLoaded(store.CommitKey("acme/widgets", sha(25)))
			_ = m.VisibleCommits()
			_ = m.NearEnd()
			v := m.View()
			if size[0] <= 0 || size[1] <= 0 {
				if v != "" {
					t.Errorf("view at %v is %q, want empty", size, v)
				}
			} else if got := len(strings.Split(v, "\n")); got != size[1] {
				t.Errorf("view at %v has %d lines", size, got)
			}
			m.SetSize(80, 20)
			if !strings.Contains(m.View(), "A very long title") && !strings.Contains(m.View(), "▌") {
				t.Errorf("pane broken after growing from %v:\n%s", size, m.View())
			}
		})
	}
}

func TestNewPageKeepsTheViewInPlace(t *testing.T) {
	all := mixedEvents(120)
	// Widths 64..76 are where the header's counts line wraps differently
	// as the counts grow and lose their "+".
	for _, w := range append(seq(64, 76), 30, 41, 90, 120) {
		t.Run(fmt.Sprint("width ", w), func(t *testing.T) {
			m, _ := newPane(t, w, 15)
			m.ShowTimeline(testPR(1), all[:30], nil, store.TimelineStatus{More: true})
			m = press(m, "ctrl+d", "ctrl+d", "ctrl+d", "j", "j")
			before, cursor := m.View(), m.cursor
			if strings.Contains(before, "more events to load") {
				t.Fatalf("setup: scrolled to the end already")
			}
			m.SetTimeline(all[:60], nil, store.TimelineStatus{More: true})
			if got := m.View(); got != before {
				t.Errorf("a new page moved the view:\n%s\n---\n%s", before, got)
			}
			if m.cursor != cursor {
				t.Errorf("cursor moved from %d to %d", cursor, m.cursor)
			}
			m.SetTimeline(all, nil, store.TimelineStatus{})
			if got := m.View(); got != before {
				t.Errorf("the last page moved the view:\n%s\n---\n%s", before, got)
			}
			if d := strings.Join(doc(m), " · "); !strings.Contains(d, "30 comments · 30 referencing commits · 120 events") {
				t.Errorf("header counts not updated: %q", doc(m)[:8])
			}
		})
	}
}

func TestFollowEndAfterG(t *testing.T) {
	all := mixedEvents(90)
	m, _ := newPane(t, 80, 20)
	m.ShowTimeline(testPR(1), all[:30], nil, store.TimelineStatus{More: true})
	m = press(m, "G")
	for _, n := range []int{60, 90} {
		status := store.TimelineStatus{More: n < 90}
		m.SetTimeline(all[:n], nil, status)
		if want := eventItem(m, n-1); m.cursor != want {
			t.Errorf("after page to %d events: cursor on item %d, want the last event's %d", n, m.cursor, want)
		}
		lines := viewLines(m)
		footer := "more events to load…"
		if n == 90 {
			footer = "end of timeline · 90 events"
		}
		if got := stripGutter(lines[len(lines)-1]); got != footer {
			t.Errorf("after page to %d events: last line %q, want %q", n, got, footer)
		}
		if !strings.Contains(m.View(), "▌ ") {
			t.Errorf("cursor not on screen:\n%s", m.View())
		}
	}
	// Moving away stops following.
	m.SetTimeline(all[:30], nil, store.TimelineStatus{More: true}) // a reload from scratch
	m = press(m, "G", "k")
	cursor := m.cursor
	m.SetTimeline(all[:60], nil, store.TimelineStatus{More: true})
	if m.cursor != cursor {
		t.Errorf("after k, a new page moved the cursor from %d to %d", cursor, m.cursor)
	}
}

func refsOnly(n int) []model.Event {
	evs := make([]model.Event, n)
	for i := range evs {
		evs[i] = model.Event{ID: fmt.Sprint("r", i), Event: "referenced", Actor: "dave", CreatedAt: at(i),
			Commit: &model.CommitRef{SHA: sha(i), Repo: "acme/widgets"}}
	}
	return evs
}

func shas(refs []model.CommitRef) []string {
	var out []string
	for _, r := range refs {
		out = append(out, r.SHA)
	}
	return out
}

func TestVisibleCommits(t *testing.T) {
	evs := refsOnly(30)
	evs[1].Commit.Message = "Carried in the event\n\nbody"
	evs[3] = model.Event{Event: "merged", Actor: "alice", CreatedAt: at(3), Commit: &model.CommitRef{SHA: sha(3), Repo: "acme/widgets"}}
	evs[4] = model.Event{Event: "closed", Actor: "alice", CreatedAt: at(4), Commit: &model.CommitRef{SHA: sha(4), Repo: "acme/widgets"}}
	m, commits := newPane(t, 100, 24)
	m.ShowTimeline(testPR(1), evs, nil, store.TimelineStatus{})

	// The referenced events with a line on screen, message unknown.
	inView := func(m Model) []string {
		var want []string
		for i, ev := range evs {
			item := eventItem(m, i)
			visible := m.lay.offset(item) < m.top+m.height && m.lay.offset(item+1) > m.top
			if ev.Event == "referenced" && ev.Commit.Message == "" && visible {
				if _, known := commits[store.CommitKey(ev.Commit.Repo, ev.Commit.SHA)]; !known {
					want = append(want, sha(i))
				}
			}
		}
		return want
	}
	onScreen := func() []string { return inView(m) }
	got := shas(m.VisibleCommits())
	if want := onScreen(); len(want) < 3 || !slices.Equal(got, want) {
		t.Fatalf("VisibleCommits = %v, want %v", got, want)
	}
	if slices.Contains(got, sha(1)) {
		t.Errorf("a commit carrying its message was asked for")
	}
	if slices.Contains(got, sha(3)) || slices.Contains(got, sha(4)) {
		t.Errorf("a merged or closed event's commit was asked for: %v", got)
	}
	if slices.Contains(got, sha(29)) {
		t.Errorf("an off-screen commit was asked for: %v", got)
	}
	if !strings.Contains(m.View(), "loading commit message…") {
		t.Errorf("unknown message not shown as loading:\n%s", m.View())
	}

	// In flight: not asked for again.
	k0 := store.CommitKey("acme/widgets", sha(0))
	commits[k0] = store.CommitInfo{Loading: true}
	if got := shas(m.VisibleCommits()); slices.Contains(got, sha(0)) || !slices.Equal(got, onScreen()) {
		t.Errorf("VisibleCommits with #0 loading = %v", got)
	}

	// Arrived.
	commits[k0] = store.CommitInfo{Message: "\n  Subject of zero  \n\nThe body of zero."}
	m.CommitLoaded(k0)
	if !strings.Contains(m.View(), sha(0)[:7]+" Subject of zero") {
		t.Errorf("loaded message's first line not drawn:\n%s", m.View())
	}
	if strings.Contains(m.View(), "The body of zero") {
		t.Errorf("collapsed commit shows its body:\n%s", m.View())
	}

	checkFailedCommit(t, m, commits, inView)
}

// checkFailedCommit: a failed message shows why and is not asked for
// again; at the end the last commits are the ones in view.
func checkFailedCommit(t *testing.T, m Model, commits store.Commits, inView func(Model) []string) {
	t.Helper()
	// Failed.
	k2 := store.CommitKey("acme/widgets", sha(2))
	commits[k2] = store.CommitInfo{Err: "404 Not Found"}
	m.CommitLoaded(k2)
	if !strings.Contains(m.View(), "message unavailable: 404 Not Found") {
		t.Errorf("failed commit not shown as unavailable:\n%s", m.View())
	}
	if got := shas(m.VisibleCommits()); slices.Contains(got, sha(0)) || slices.Contains(got, sha(2)) || !slices.Equal(got, inView(m)) {
		t.Errorf("VisibleCommits after loading = %v, want %v", got, inView(m))
	}

	// Scrolled to the end: the last ones, and none of the first.
	m = press(m, "G")
	got := shas(m.VisibleCommits())
	if !slices.Contains(got, sha(29)) || slices.Contains(got, sha(5)) || !slices.Equal(got, inView(m)) {
		t.Errorf("VisibleCommits at the end = %v, want %v", got, inView(m))
	}
}

func TestCommitOfClosedOrMergedEventIsNotFetched(t *testing.T) {
	evs := []model.Event{
		{Event: "merged", Actor: "alice", CreatedAt: at(0), Commit: &model.CommitRef{SHA: sha(0), Repo: "acme/widgets"}},
		{Event: "closed", Actor: "bob", CreatedAt: at(1), Commit: &model.CommitRef{SHA: sha(1), Repo: "acme/widgets"}},
	}
	m, _ := newPane(t, 80, 30)
	m.ShowTimeline(testPR(1), evs, nil, store.TimelineStatus{})
	v := m.View()
	for _, want := range []string{"○ alice merged commit " + sha(0)[:7], "○ bob closed this in " + sha(1)[:7]} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "loading commit message") {
		t.Errorf("a message that is never fetched is shown as loading:\n%s", v)
	}
	if got := m.VisibleCommits(); len(got) != 0 {
		t.Errorf("VisibleCommits = %v, want none", got)
	}
	m = moveCursorTo(t, m, eventItem(m, 0))
	before := m.View()
	if m = press(m, "enter"); m.View() != before {
		t.Errorf("enter changed a merged event:\n%s\n---\n%s", before, m.View())
	}
}

func TestCommitLoadedKeepsTheView(t *testing.T) {
	evs := refsOnly(40)
	m, commits := newPane(t, 80, 10)
	m.ShowTimeline(testPR(1), evs, nil, store.TimelineStatus{})
	// #5 is expanded while its message is loading (one line), then left
	// above the view; its message makes it 20 lines taller.
	m = moveCursorTo(t, m, eventItem(m, 5))
	m = press(m, "enter")
	target := eventItem(m, 20)
	m = moveCursorTo(t, m, target)
	m = press(m, "enter") // expanded while still loading
	m = press(m, "j", "j")
	if m.lay.offset(eventItem(m, 5)+1) > m.top {
		t.Fatalf("setup: #5 still on screen")
	}
	before := m.View()
	topItem, topLine := m.anchor()
	// Messages of commits above the view arrive: tall expanded ones below
	// it and collapsed ones above must not move what is on screen.
	for _, i := range []int{2, 5, 30} {
		k := store.CommitKey("acme/widgets", sha(i))
		commits[k] = store.CommitInfo{Message: "Subject " + fmt.Sprint(i) + "\n\n" + numberedLines("body", 20)}
		m.CommitLoaded(k)
	}
	if got := m.View(); got != before {
		t.Errorf("messages off screen moved the view:\n%s\n---\n%s", before, got)
	}
	k := store.CommitKey("acme/widgets", sha(20))
	commits[k] = store.CommitInfo{Message: "Subject twenty\n\n" + numberedLines("twenty", 30)}
	m.CommitLoaded(k)
	if i, l := m.anchor(); i != topItem || l != topLine {
		t.Errorf("after the cursor's message arrived the top is item %d line %d, want %d line %d", i, l, topItem, topLine)
	}
	if !strings.Contains(m.View(), "acme/widgets") {
		t.Errorf("expanded commit not redrawn with its message:\n%s", m.View())
	}
}

func TestShowResetsOnlyForAnotherPR(t *testing.T) {
	evs := mixedEvents(60)
	m, _ := newPane(t, 80, 15)
	m.ShowTimeline(testPR(1), evs, nil, store.TimelineStatus{})
	m = press(m, "ctrl+d", "ctrl+d", "ctrl+d", "j")
	cursor, top, before := m.cursor, m.top, m.View()
	if cursor == 0 || top == 0 {
		t.Fatalf("setup: cursor %d top %d", cursor, top)
	}

	// The same PR, a fresher copy: more labels, a known comment count.
	fresher := testPR(1)
	fresher.Labels = append(fresher.Labels, model.Label{Name: "another-label"}, model.Label{Name: "and-one-more-label-to-wrap"})
	fresher.Detailed, fresher.Comments = true, 99
	fresher.Title = "Add widget support 1, now with a title long enough to wrap onto a second line"
	m.ShowTimeline(fresher, evs, nil, store.TimelineStatus{})
	if m.cursor != cursor {
		t.Errorf("same PR: cursor %d, want %d", m.cursor, cursor)
	}
	if got := m.View(); got != before {
		t.Errorf("same PR, fresher header: view moved:\n%s\n---\n%s", before, got)
	}
	if !strings.Contains(strings.Join(doc(m), "\n"), "99 comments") {
		t.Errorf("fresher header not drawn: %q", doc(m)[:8])
	}

	// Another PR starts at the top.
	m.ShowTimeline(testPR(2), mixedEvents(5), nil, store.TimelineStatus{})
	if m.cursor != 0 || m.top != 0 {
		t.Errorf("another PR: cursor %d top %d, want 0 0", m.cursor, m.top)
	}
	if !strings.Contains(m.View(), "Add widget support 2 #2") {
		t.Errorf("another PR not shown:\n%s", m.View())
	}
	if strings.Contains(m.View(), "comment number 40") {
		t.Errorf("old events left:\n%s", m.View())
	}
}

func TestNearEnd(t *testing.T) {
	m, _ := newPane(t, 80, 10)
	m.ShowTimeline(testPR(1), mixedEvents(100), nil, store.TimelineStatus{More: true})
	total := m.lay.offset(len(m.items))
	if total < 100 {
		t.Fatalf("only %d lines", total)
	}
	tests := []struct {
		top  int
		want bool
	}{
		{0, false},
		{total / 2, false},
		{total - 40, false},
		{total - 31, false},
		{total - 25, false},
		{total - 21, false},
		{total - 20, true}, // two screens from the end
		{total - 15, true},
		{total - 10, true}, // at the end
	}
	for _, tt := range tests {
		m.top = tt.top
		if got := m.NearEnd(); got != tt.want {
			t.Errorf("top %d of %d lines (height 10): NearEnd %v, want %v", tt.top, total, got, tt.want)
		}
	}
	m = press(m, "g")
	if m.NearEnd() {
		t.Errorf("NearEnd at the top")
	}
	m = press(m, "G")
	if !m.NearEnd() {
		t.Errorf("not NearEnd after G")
	}
}

func TestKeysIgnoredWhenBlurred(t *testing.T) {
	evs := mixedEvents(40)
	evs[4] = comment(4, numberedLines("long", 30))
	m, _ := newPane(t, 80, 15)
	m.ShowTimeline(testPR(1), evs, nil, store.TimelineStatus{})
	m = press(m, "j", "j", "j")
	m.Blur()
	if m.Focused() {
		t.Fatal("still focused")
	}
	before, cursor, top := m.View(), m.cursor, m.top
	if !strings.Contains(before, "› ") || strings.Contains(before, "▌") {
		t.Errorf("blurred cursor glyph wrong:\n%s", before)
	}
	for _, k := range []string{"j", "k", "G", "g", "enter", " ", "ctrl+d", "pgdown"} {
		m = press(m, k)
		if m.cursor != cursor || m.top != top || m.View() != before {
			t.Errorf("key %q moved a blurred pane", k)
		}
	}
	m.Focus()
	m = press(m, "j")
	if m.cursor == cursor && m.top == top {
		t.Errorf("j did nothing once focused again")
	}
}

func TestPagingKeys(t *testing.T) {
	m, _ := newPane(t, 80, 16)
	m.ShowTimeline(testPR(1), mixedEvents(80), nil, store.TimelineStatus{})
	total := m.lay.offset(len(m.items))
	tests := []struct {
		key   string
		delta int
	}{
		{"ctrl+d", 8}, {"ctrl+d", 8}, {"pgdown", 15}, {"ctrl+u", -8}, {"pgup", -15}, {"pgup", -8},
	}
	prev := absTop(t, m)
	for _, tt := range tests {
		m = press(m, tt.key)
		got := absTop(t, m)
		want := max(0, min(prev+tt.delta, total-16))
		if got != want {
			t.Errorf("%s from %d: top %d, want %d", tt.key, prev, got, want)
		}
		// The cursor is on the first item starting in view.
		first := m.itemAt(m.top)
		if m.lay.offset(first) < m.top {
			first++
		}
		if m.cursor != first {
			t.Errorf("%s: cursor on item %d (lines %d-%d), want the first starting in view, %d (top %d)",
				tt.key, m.cursor, m.lay.offset(m.cursor), m.lay.offset(m.cursor+1)-1, first, m.top)
		}
		prev = got
	}
	m = press(m, "G")
	if got := absTop(t, m); got != total-16 || m.cursor != m.lastSelectable() {
		t.Errorf("G: top %d cursor %d, want %d %d", got, m.cursor, total-16, m.lastSelectable())
	}
	m = press(m, "g")
	if got := absTop(t, m); got != 0 || m.cursor != 0 {
		t.Errorf("g: top %d cursor %d", got, m.cursor)
	}
}

// TestFiltersKeepTheCursorNearby: a filter that hides the cursor's item
// moves the cursor to the nearest item shown, not to the top.
func TestFiltersKeepTheCursorNearby(t *testing.T) {
	m, _ := newPane(t, 100, 12)
	m.ShowTimeline(testPR(1), mixedEvents(60), nil, store.TimelineStatus{})
	m = press(m, "G", "k", "k", "k")
	before := m.items[m.cursor].event
	m = press(m, "f", "f") // commits only
	after := m.items[m.cursor]
	if after.kind != kindEvent || after.event < before-4 || after.event > before+4 || m.top == 0 {
		t.Fatalf("after the commits filter the cursor is on event %d (was %d), top %d: it leapt away", after.event, before, m.top)
	}
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

// A commit's link is made of its SHA and repository as the API gave them:
// only real ones make one, so a hostile answer cannot aim o elsewhere.
func TestCommitLinkNeedsARealSHAAndRepository(t *testing.T) {
	pr := testPR(1)
	pr.HTMLURL = "https://github.com/acme/widgets/pull/1"
	for _, tt := range []struct {
		sha, repo string
		link      bool
	}{
		{sha(1), "acme/widgets", true},
		{"../../../settings/tokens", "acme/widgets", false},
		{sha(1), "acme/../../settings", false},
	} {
		m, _ := newPane(t, 80, 20)
		ev := referenced(1, "msg")
		ev.Commit.SHA, ev.Commit.Repo = tt.sha, tt.repo
		m.ShowTimeline(pr, []model.Event{ev}, nil, store.TimelineStatus{})
		m = press(m, "G")
		target, _ := m.Selected()
		if got := strings.Contains(target.URL, "/commit/"); got != tt.link || strings.Contains(target.URL, "settings") {
			t.Errorf("commit %q in %q: link %q, want a commit link: %v", tt.sha, tt.repo, target.URL, tt.link)
		}
	}
}
