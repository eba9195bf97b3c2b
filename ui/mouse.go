package ui

import tea "github.com/charmbracelet/bubbletea"

// onMouse routes a mouse event to the pane under the pointer, in that
// pane's own coordinates; a click also gives that pane the focus.
func (m *Model) onMouse(msg tea.MouseMsg) tea.Cmd {
	if m.help.shown || m.width < minWidth || m.height < minHeight {
		return nil
	}
	paneHeight := m.height - 1 - 2
	p, left := m.focus, 0 // narrow: the one pane shown fills the width
	if !narrow(m.width) {
		p = detailPane
		if listOuter := m.width * 2 / 5; msg.X < listOuter {
			p = listPane
		} else {
			left = listOuter
		}
	}
	// Inside the pane's border.
	msg.X, msg.Y = msg.X-left-1, msg.Y-1
	if msg.Y < 0 || msg.Y >= paneHeight {
		return nil // a border or the status bar
	}
	if msg.Button == tea.MouseButtonLeft && msg.Action == tea.MouseActionPress {
		m.notice = "" // a click moves on, as a key does
		if p != m.focus {
			m.setFocus(p)
		}
	}
	if p == detailPane {
		var cmd tea.Cmd
		m.detail, cmd = m.detail.Update(msg)
		return cmd
	}
	return tea.Batch(m.lists.update(msg), m.show(m.lists.selectedPick()))
}
