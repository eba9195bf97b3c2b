package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/store"
)

// showPR draws pr in the detail pane with what the store has of its
// timeline.
func (m *Model) showPR(pr model.PullRequest) {
	t := m.store.Timeline(pr.Number)
	m.detail.ShowTimeline(pr, t.Events(), t.Gaps(), t.Status())
	m.drawn = drawnTimeline{pr.Number, t.Gen(), t.Version()}
}

// onPull takes GET /pulls/N: a fresher copy with counts for the list and
// the pane, or the PR named on the command line.
func (m *Model) onPull(ch store.Change) tea.Cmd {
	if ch.Err != nil {
		if ch.Number == m.target {
			return m.showMissingTarget(ch.Err) // keep to it: r asks again
		}
		return nil
	}
	pr := ch.PRs[0]
	m.lists.list.AddOutOfOrder(pr) // or, when listed, a fresher copy with counts
	if pr.Number == m.shown {
		m.showPR(pr)
	}
	if pr.Number == m.target {
		cmd := m.selectTargetOrFirst()
		m.target = 0
		return cmd
	}
	return nil
}

// selectTargetOrFirst shows the PR asked for on the command line once it
// is known, or else the first PR; never if the user already chose one.
func (m *Model) selectTargetOrFirst() tea.Cmd {
	list := &m.lists.list
	if m.target != 0 {
		if (m.shown == 0 || m.missing == m.target) && list.Select(m.target) {
			pr, _ := list.Selected()
			m.setFocus(detailPane)
			return m.selectPR(pr)
		}
		return nil // still on its way (GET /pulls/N), or the user moved on
	}
	if m.shown == 0 && !m.lists.search.active { // search results choose their own
		if pr, ok := list.Selected(); ok {
			return m.selectPR(pr)
		}
	}
	return nil
}

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
	if pr, ok := m.lists.list.Lookup(n); ok {
		m.target = 0
		if m.shown == n {
			return nil // shown from the list already
		}
		m.lists.list.Select(n)
		m.setFocus(detailPane)
		return m.selectPR(pr)
	}
	m.shown, m.missing = n, n
	m.setFocus(detailPane)
	m.showPR(model.PullRequest{Number: n, Title: "could not load (r to retry): " + store.OneLine(err)})
	return nil
}
