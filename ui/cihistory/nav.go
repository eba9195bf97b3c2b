package cihistory

import (
	"strings"

	"github.com/prscope/prscope/ui/common"
)

// move goes delta selectable rows... by delta lines, to the nearest row
// that can be selected in that direction, and keeps it in view.
func (m *Model) move(delta int) {
	if len(m.rows) == 0 {
		return
	}
	dir := 1
	if delta < 0 {
		dir = -1
	}
	want := min(max(m.cursor+delta, 0), len(m.rows)-1)
	c := m.nearestSelectable(want, dir)
	if c < 0 || m.rows[c].key == "" {
		c = m.nearestSelectable(want, -dir)
	}
	if c >= 0 {
		m.cursor = c
	}
	m.draw()
}

// nearestSelectable is the first row from i in direction dir that can be
// selected, or i itself when none is.
func (m Model) nearestSelectable(i, dir int) int {
	for j := i; j >= 0 && j < len(m.rows); j += dir {
		if m.rows[j].key != "" {
			return j
		}
	}
	return max(i, 0)
}

// toggle opens or closes the selected row.
func (m *Model) toggle() {
	if m.cursor >= len(m.rows) || m.rows[m.cursor].key == "" {
		return
	}
	k := m.rows[m.cursor].key
	if k == topKey {
		return
	}
	m.open[k] = !m.open[k]
	m.layout()
	m.selectKey(k)
	if m.open[k] {
		m.revealOpened()
	}
}

// revealOpened scrolls what the cursor's row just opened into view, as
// much of it as fits with the row itself on screen: opened on the last
// line, a run's matrix would stay below it.
func (m *Model) revealOpened() {
	end := m.cursor + 1
	for end < len(m.rows) && (m.rows[end].depth > m.rows[m.cursor].depth || m.rows[end].key == "") {
		end++
	}
	if last := end - 1; last >= m.top+m.height {
		m.top = min(m.cursor, last-m.height+1)
		m.draw()
	}
}

func (m Model) selectedKey() string {
	if m.cursor < len(m.rows) {
		return m.rows[m.cursor].key
	}
	return ""
}

// selectKey puts the cursor on the row with key k, if there is one.
func (m *Model) selectKey(k string) {
	if k == "" {
		return
	}
	for i, r := range m.rows {
		if r.key == k {
			m.cursor = i
			break
		}
	}
	m.draw()
}

// draw renders the rows in view, the selected one marked.
func (m *Model) draw() {
	if m.height <= 0 || m.width <= 0 {
		m.view = ""
		return
	}
	if m.cursor < m.top {
		m.top = m.cursor
	}
	if m.cursor >= m.top+m.height {
		m.top = m.cursor - m.height + 1
	}
	m.top = max(min(m.top, len(m.rows)-m.height), 0)
	st := m.common.Styles
	lines := make([]string, 0, m.height)
	for i := m.top; i < min(m.top+m.height, len(m.rows)); i++ {
		r := m.rows[i]
		mark := "  "
		if i == m.cursor && r.key != "" {
			mark = st.SelectedMark.Render("▌") + " "
			if !m.focused {
				mark = "› "
			}
		}
		text := common.TruncateParts(strings.Repeat("  ", r.depth)+r.text, max(m.width-2, 1))
		text = r.style.Render(text)
		lines = append(lines, mark+text)
	}
	m.view = strings.Join(lines, "\n")
}
