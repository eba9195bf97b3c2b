package detail

import tea "github.com/charmbracelet/bubbletea"

// wheelLines is how far one wheel notch scrolls, as most terminals' own
// scrollback does.
const wheelLines = 3

// mouse handles a mouse event at pane coordinates (0,0 the first line of
// the pane, inside its border): the wheel scrolls whether or not the pane
// has the focus; a click selects the item under the pointer.
func (m *Model) mouse(msg tea.MouseMsg) {
	if !m.hasPR || msg.Action != tea.MouseActionPress {
		return
	}
	switch msg.Button {
	case tea.MouseButtonWheelDown:
		m.scrollBy(wheelLines)
	case tea.MouseButtonWheelUp:
		m.scrollBy(-wheelLines)
	case tea.MouseButtonLeft:
		if msg.Y < 0 || msg.Y >= m.height {
			return
		}
		i := m.itemAt(m.top + msg.Y)
		if i > m.lastSelectable() {
			return // the footer
		}
		if i == m.cursor {
			m.toggle() // a click on the selected item opens or closes it
		} else {
			m.cursor = i
		}
	default:
		return
	}
	m.followEnd, m.unreveal = false, 0
	m.clampTop()
	m.ensureRendered()
}
