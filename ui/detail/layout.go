package detail

import "strings"

// invalidate marks item i stale: it counts with an estimated height until
// it is rendered again.
func (m *Model) invalidate(i int) {
	if i < 0 || i >= len(m.items) {
		return
	}
	m.items[i].lines = nil
	m.lay.set(i, m.estimate(m.items[i]))
}

// relayoutAll drops every rendered item (a new width), in O(n) with no
// rendering: the estimates stand in until items come into view.
func (m *Model) relayoutAll() {
	h := make([]int, len(m.items))
	for i := range m.items {
		m.items[i].lines = nil
		h[i] = m.estimate(m.items[i])
	}
	m.lay.reset(h)
}

// renderItem renders item i if it is stale and records its real height.
func (m *Model) renderItem(i int) {
	if i < 0 || i >= len(m.items) || m.items[i].lines != nil {
		return
	}
	m.items[i].lines = m.render(m.items[i])
	if m.search.text() != "" && m.items[i].kind == kindEvent {
		current := m.items[i].event == m.search.drawn
		for l, line := range m.items[i].lines {
			m.items[i].lines[l] = m.highlight(line, current)
		}
	}
	m.lay.set(i, len(m.items[i].lines))
}

// renderKeepingView renders item i without moving what is on screen: when
// i lies above the top item, its real height shifts the lines below it, so
// the view follows its top item.
func (m *Model) renderKeepingView(i int) {
	if i < 0 || i >= len(m.items) || m.items[i].lines != nil {
		return
	}
	anchorItem, anchorLine := m.anchor()
	m.renderItem(i)
	if i < anchorItem {
		m.top = m.lay.offset(anchorItem) + anchorLine
	}
}

// ensureRendered renders the items in view. They all lie at or below the
// top item, so rendering them moves nothing above.
func (m *Model) ensureRendered() {
	if len(m.items) == 0 {
		return
	}
	for i := m.itemAt(m.top); i < len(m.items) && m.lay.offset(i) < m.top+m.height; i++ {
		m.renderItem(i)
	}
}

// showEnd puts the last line at the bottom of the view, rendering the items
// that fill it from the end up.
func (m *Model) showEnd() {
	filled := 0
	for i := len(m.items) - 1; i >= 0 && filled < m.height; i-- {
		m.renderItem(i)
		filled += m.lay.get(i)
	}
	m.top = m.lay.total() - m.height
	m.clampTop()
}

// anchor is the item at the top of the view and the line within it: what
// holds the view in place when heights change.
func (m Model) anchor() (item, line int) {
	if len(m.items) == 0 {
		return 0, 0
	}
	i := m.itemAt(m.top)
	return i, max(m.top-m.lay.offset(i), 0)
}

// holdAnchor puts back at the top of the view the line anchor returned
// before heights changed: line of item, or its last line if it shrank.
func (m *Model) holdAnchor(item, line int) {
	m.renderItem(item)
	m.top = m.lay.offset(item) + min(line, m.itemHeight(item)-1)
}

// itemAt finds the item holding absolute line y, in O(log n).
func (m Model) itemAt(y int) int { return m.lay.find(y) }

func (m Model) visibleItems() (first, last int) {
	if len(m.items) == 0 {
		return 0, -1
	}
	return m.itemAt(m.top), m.itemAt(m.top + m.height - 1)
}

func (m Model) itemHeight(i int) int { return max(m.lay.get(i), 1) }

// estimate guesses an item's height without rendering it: cheap enough to
// run for every item of a 50,000-event timeline on each resize. It is
// corrected the moment the item is rendered.
func (m Model) estimate(it item) int {
	w := max(m.width-gutterWidth-len(bodyIndent), 10)
	textLines := func(s string) int {
		return strings.Count(s, "\n") + 1 + len(s)/w
	}
	switch it.kind {
	case kindHeader:
		return 6
	case kindBody:
		if it.expanded {
			return textLines(m.pr.Body) + 1
		}
		return min(textLines(m.pr.Body), collapsedLines+1) + 1
	case kindFooter:
		return 1
	case kindGap:
		return 2
	case kindChecks:
		return m.checksEstimate(it.expanded)
	}
	ev := m.events[it.event]
	if c := shownCommit(ev); c != nil {
		ref := 0
		if _, ok := m.referenceOf(*c); ok && ev.Event.References() {
			ref = 1 // the line that names the PR
		}
		if it.expanded {
			return 2 + textLines(c.Message) + ref + 1
		}
		return 3 + ref
	}
	review := m.estimateReviewComments(ev, it.expanded)
	if ev.Body == "" {
		return 2 + review
	}
	if it.expanded {
		return 1 + textLines(ev.Body) + 1 + review
	}
	return 1 + min(textLines(ev.Body), collapsedLines+1) + 1 + review
}

// revealBelow scrolls, when item i has just opened what lies under it (a
// patch group's pushes), so that the first of them shows too, keeping item
// i's first line in view.
func (m *Model) revealBelow(i int) {
	if i+1 >= len(m.items) {
		return
	}
	m.renderItem(i + 1)
	if bottom := m.lay.offset(i+1) + m.itemHeight(i+1); bottom > m.top+m.height {
		m.top = min(m.lay.offset(i), bottom-m.height)
	}
	m.clampTop()
	m.ensureRendered()
}
