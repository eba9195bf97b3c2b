package detail

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/prscope/prscope/ui/store"

	"github.com/prscope/prscope/model"
)

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
			[]string{sha(3)[:7] + " Commit subject here · in acme/widgets", "commit body 001", "commit body 005"},
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

// TestCutLinesOpen: an event whose one line is cut (a rename between two
// long titles) opens with enter to show the line whole; one that fits
// does not pretend to open.
func TestCutLinesOpen(t *testing.T) {
	m, _ := newPane(t, 60, 20)
	long := model.Event{ID: "n1", Event: "renamed", Actor: "carol", CreatedAt: at(1),
		Rename: &model.Rename{From: "bpf: a first title that is long enough", To: "bpf: the second title, also long, ends HERE"}}
	short := labeled(2, "ui")
	m.ShowTimeline(testPR(1), []model.Event{long, short}, nil, store.TimelineStatus{})
	if strings.Contains(m.View(), "ends HERE") {
		t.Fatalf("setup: the rename fits at 60 columns:\n%s", m.View())
	}
	m = moveCursorTo(t, m, eventItem(m, 0))
	m = press(m, "enter")
	if v := strings.Join(strings.Fields(ansi.Strip(m.View())), " "); !strings.Contains(v, "ends HERE") {
		t.Errorf("enter did not show the cut line whole:\n%s", m.View())
	}
	if m.expandable(m.items[eventItem(m, 1)]) {
		t.Errorf("a line that fits is expandable")
	}
}
