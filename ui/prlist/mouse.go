package prlist

import tea "github.com/charmbracelet/bubbletea"

// wheelRows is how many rows one wheel notch moves.
const wheelRows = 3

// mouse handles a mouse event at list coordinates (row 0 the first line
// inside the border): the wheel moves the selection, focused or not; a
// click selects the row under the pointer.
func (m *Model) mouse(msg tea.MouseMsg) {
	if msg.Action != tea.MouseActionPress {
		return
	}
	switch msg.Button {
	case tea.MouseButtonWheelDown:
		m.moveTo(m.cursor + wheelRows)
	case tea.MouseButtonWheelUp:
		m.moveTo(m.cursor - wheelRows)
	case tea.MouseButtonLeft:
		if i := m.offset + msg.Y; msg.Y >= 0 && msg.Y < m.height && i < len(m.items) {
			m.moveTo(i)
		}
	}
}
