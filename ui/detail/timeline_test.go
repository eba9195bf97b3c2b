package detail

import (
	"fmt"
	"strings"
	"testing"

	"github.com/prscope/prscope/ui/store"

	"github.com/prscope/prscope/model"
)

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
