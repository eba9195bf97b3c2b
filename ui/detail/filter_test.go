package detail

import (
	"testing"

	"github.com/prscope/prscope/ui/store"
)

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
