package detail

import (
	"testing"

	"github.com/prscope/prscope/ui/store"

	tea "github.com/charmbracelet/bubbletea"
)

// TestClickSelectsThenToggles: a click selects the item under the pointer;
// a second click on it expands it. Clicks below the last item do nothing.
func TestClickSelectsThenToggles(t *testing.T) {
	m, _ := newPane(t, 100, 30)
	m.ShowTimeline(testPR(1), mixedEvents(8), nil, store.TimelineStatus{})
	click := func(y int) {
		m, _ = m.Update(tea.MouseMsg{Y: y, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	}
	y := m.lay.offset(4) + 1 // a line inside item 4 (event 2, a commit)
	click(y)
	if m.cursor != 4 || m.items[4].expanded {
		t.Fatalf("a click on item 4: cursor %d, expanded %v", m.cursor, m.items[4].expanded)
	}
	click(y)
	if !m.items[4].expanded {
		t.Error("a second click did not expand the selected item")
	}
	m.ShowTimeline(testPR(2), mixedEvents(2), nil, store.TimelineStatus{})
	click(m.lay.offset(len(m.items)-1) - m.top) // the footer
	if m.cursor != 0 {
		t.Errorf("a click on the footer moved the cursor to %d", m.cursor)
	}
}
