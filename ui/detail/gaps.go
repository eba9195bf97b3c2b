package detail

import (
	"fmt"
	"strconv"

	"github.com/prscope/prscope/ui/store"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/common"
)

// GapInView is a gap on screen and which of its pages to load first: the
// last when it is reached from below (scrolling up, or after G), else the
// first.
type GapInView struct {
	store.Gap
	FromBelow bool
}

// VisibleGaps returns the gaps on screen, so the root can load their pages.
func (m Model) VisibleGaps() []GapInView {
	var out []GapInView
	first, last := m.visibleItems()
	for i := first; i <= last && i < len(m.items); i++ {
		if it := m.items[i]; it.kind == kindGap {
			fromBelow := m.followEnd || m.lay.offset(i) < m.top || m.cursor > i
			out = append(out, GapInView{Gap: m.gaps[it.event], FromBelow: fromBelow})
		}
	}
	return out
}

// stopsAt reports that item i is a gap the cursor and the view do not
// pass: scrolling waits there while the page next to you loads, so events
// are read in order (k never skips the unloaded ones). A timeline that
// stopped on an error loads nothing more: its gaps are passed.
func (m Model) stopsAt(i int) bool {
	return i >= 0 && i < len(m.items) && m.items[i].kind == kindGap && m.status.Err == ""
}

// showGap scrolls as little as needed to show gap item i, the cursor
// staying where it is: in view, its page next to the cursor loads.
func (m *Model) showGap(i int) {
	if top := m.lay.offset(i); top < m.top {
		m.top = top
	} else if bottom := m.lay.offset(i+1) - 1; bottom > m.top+m.height-1 {
		m.top = bottom - m.height + 1
	}
	m.clampTop()
}

// gapStop is where a scroll from the top line before to top stops: at the
// first gap it would carry out of view (the gap kept on the view's edge
// it came in by), else top.
func (m Model) gapStop(before, top int) int {
	if top < before {
		for i := m.itemAt(before); i >= 0 && m.lay.offset(i) >= top; i-- {
			if m.stopsAt(i) && m.lay.offset(i) <= before {
				return m.lay.offset(i)
			}
		}
		return top
	}
	for i := m.itemAt(before + m.height - 1); i < len(m.items) && m.lay.offset(i) < top+m.height; i++ {
		if end := m.lay.offset(i+1) - 1; m.stopsAt(i) && end >= before+m.height-1 && end < top+m.height-1 {
			return max(end-m.height+1, before)
		}
	}
	return top
}

// gapEvents is about how many events the gaps hold.
func (m Model) gapEvents() int {
	n := 0
	for _, g := range m.gaps {
		n += g.Events
	}
	return n
}

// itemKey names an item across rebuilds: events by their ID, gaps by
// their first page.
func (m Model) itemKey(it item) string {
	switch it.kind {
	case kindHeader:
		return "header"
	case kindBody:
		return "body"
	case kindFooter:
		return "footer"
	case kindChecks:
		return "checks"
	case kindGap:
		return "gap:" + strconv.Itoa(m.gaps[it.event].FirstPage)
	}
	if id := m.events[it.event].ID; id != "" {
		return "event:" + id
	}
	return "event#" + strconv.Itoa(it.event)
}

// layItems makes the items for events with gaps: the lead items, then
// the events shown with a gap item where each gap is, then the footer.
// What was rendered of an event is kept, by item key.
func (m *Model) layItems(events []model.Event, gaps []store.Gap, status store.TimelineStatus) []item {
	kept := make(map[string]item, len(m.items))
	for _, it := range m.items {
		if it.lines != nil && it.kind == kindEvent {
			kept[m.itemKey(it)] = it
		}
	}
	lead := m.leadItems() // header, checks, body

	m.events, m.gaps, m.status = events, gaps, status
	m.regroup()
	items := make([]item, 0, len(events)+len(gaps)+3)
	items = append(items, lead...)
	g := 0
	for i := 0; i <= len(events); i++ {
		for ; g < len(gaps) && gaps[g].At == i; g++ {
			items = append(items, item{kind: kindGap, event: g})
		}
		if i < len(events) && m.shows(i) {
			it := item{kind: kindEvent, event: i}
			if _, inGroup := m.pushes[i]; inGroup {
				// drawn anew: the group it heads or sits in may have changed
			} else if old, ok := kept[m.itemKey(it)]; ok {
				it.expanded, it.lines = old.expanded, old.lines
			}
			items = append(items, it)
		}
	}
	items = append(items, item{kind: kindFooter})
	m.items = items
	return items
}

// rebuild lays the items out again for events with gaps, keeping what is
// rendered (by item key) and the view: the first event in view keeps its
// row on screen, so pages loaded above or below it move nothing in sight.
func (m *Model) rebuild(events []model.Event, gaps []store.Gap, status store.TimelineStatus) {
	anchorKey, anchorRow := m.viewAnchor()
	atEnd := len(m.items) > 0 && m.top+m.height >= m.lay.total() // the end in view stays in view
	cursorKey, cursorEvent, anchorEvent := "", -1, -1
	if m.cursor < len(m.items) {
		cursorKey = m.itemKey(m.items[m.cursor])
		cursorEvent = m.eventIndexNear(m.cursor)
		// The selected item in view holds its screen row: what regroups
		// around it (messages arriving fold pushes) moves nothing under
		// the cursor.
		if row := m.lay.offset(m.cursor) - m.top; row >= 0 && row < m.height && m.cursor > 0 {
			anchorKey, anchorRow = cursorKey, row
		}
	}
	if first, _ := m.visibleItems(); first < len(m.items) {
		anchorEvent = m.eventIndexNear(first)
	}
	items := m.layItems(events, gaps, status)
	heights := make([]int, len(items))
	for i, it := range items {
		if it.lines != nil {
			heights[i] = len(it.lines)
		} else {
			heights[i] = m.estimate(it)
		}
	}
	m.lay.reset(heights)
	m.invalidate(0) // counts in the header

	// The cursor and the anchor keep their items, or, when a filter hid
	// them, go to the nearest item shown (so the view does not leap).
	anchorItem := -1
	m.cursor = -1
	for i, it := range items {
		key := m.itemKey(it)
		if key == cursorKey {
			m.cursor = i
		}
		if key == anchorKey {
			anchorItem = i
		}
	}
	if m.cursor < 0 {
		m.cursor = m.itemNearEvent(cursorEvent)
	}
	if anchorItem < 0 {
		anchorItem, anchorRow = m.itemNearEvent(anchorEvent), 0
	}
	if m.followEnd {
		m.cursor = m.lastSelectable()
		m.showEnd()
	} else {
		m.renderItem(anchorItem)
		m.top = m.lay.offset(anchorItem) - anchorRow
		if atEnd && m.cursor == m.lastSelectable() {
			m.showEnd()
		}
	}
	m.clampTop()
	// Items rendered while placing the cursor may be taller than their
	// estimates and push it out again: place it until it stays.
	for range 3 {
		before := m.top
		m.ensureVisible()
		if m.top == before {
			break
		}
	}
	m.refreshMatches()
}

// eventIndexNear is the index in the events of item i, or of the nearest
// event item before it; -1 for none (the header).
func (m Model) eventIndexNear(i int) int {
	for ; i >= 0; i-- {
		switch it := m.items[i]; it.kind {
		case kindEvent:
			return it.event
		case kindGap:
			return m.gaps[it.event].At - 1
		}
	}
	return -1
}

// itemNearEvent is the first item showing event e or a later one (else the
// last selectable item); the header for e < 0.
func (m Model) itemNearEvent(e int) int {
	if e < 0 {
		return 0
	}
	for i, it := range m.items {
		if (it.kind == kindEvent && it.event >= e) || (it.kind == kindGap && m.gaps[it.event].At > e) {
			return i
		}
	}
	return m.lastSelectable()
}

// viewAnchor is the item that holds the view in place and the screen row
// its first line is on: the first event starting in view, else the item
// at the top (rows above the pane count negative).
func (m Model) viewAnchor() (key string, row int) {
	if len(m.items) == 0 {
		return "", 0
	}
	first, last := m.visibleItems()
	for i := first; i <= last && i < len(m.items); i++ {
		if m.items[i].kind == kindEvent && m.lay.offset(i) >= m.top {
			return m.itemKey(m.items[i]), m.lay.offset(i) - m.top
		}
	}
	return m.itemKey(m.items[first]), m.lay.offset(first) - m.top
}

func (m Model) renderGap(g store.Gap, w int) []string {
	pages := fmt.Sprintf("page %d", g.FirstPage)
	if g.LastPage > g.FirstPage {
		pages = fmt.Sprintf("pages %d–%d", g.FirstPage, g.LastPage)
	}
	state := "scroll here to load"
	if g.Loading {
		state = "loading"
	}
	text := fmt.Sprintf("⋯ about %s events not loaded (%s) — %s", groupDigits(g.Events), pages, state)
	return []string{m.common.Styles.Loading.Render(common.Truncate(text, w))}
}

// groupDigits writes 2300 as 2,300.
func groupDigits(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
