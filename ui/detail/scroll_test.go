package detail

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/prscope/prscope/ui/store"

	"github.com/prscope/prscope/model"
)

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
