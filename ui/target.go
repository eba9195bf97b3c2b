package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/prscope/prscope/model"
)

// showMissingTarget keeps to the PR named on the command line (OWNER/REPO#N)
// when GET /pulls/N failed: the list's copy stands in when it has one;
// otherwise the detail pane shows #N by why it is missing, so r (which
// reloads the shown PR) asks for #N again, not for the newest PR. A list
// page that brings #N later shows it. Once the user chose another PR, the
// target is given up.
func (m *Model) showMissingTarget(err error) tea.Cmd {
	n := m.target
	if m.shown != 0 && m.shown != n {
		m.target = 0 // the user moved on
		return nil
	}
	if pr, ok := m.list.Lookup(n); ok {
		m.target = 0
		if m.shown == n {
			return nil // shown from the list already
		}
		m.list.Select(n)
		m.setFocus(detailPane)
		return m.selectPR(pr)
	}
	stand := model.PullRequest{Number: n, Title: "could not load (r to retry): " + oneLine(err)}
	m.shown, m.missing = n, n
	m.setFocus(detailPane)
	t := m.timelineOf(n)
	m.detail.ShowTimeline(stand, t.events, t.gaps, t.status())
	return nil
}
