package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/prscope/prscope/github/httpcache"
	"github.com/prscope/prscope/ui/store"
)

// startSearch opens the search prompt (s), if the source can search.
func (m *Model) startSearch() tea.Cmd {
	if !m.store.CanSearch() {
		m.store.SetErr(store.KindSearch, "search is not available with this source")
		return nil
	}
	m.lists.startSearch(m.shown)
	m.layout()
	return nil
}

// runSearch starts a new search for query: a fresh result list, and page 1.
func (m *Model) runSearch(query string, intent httpcache.Intent) tea.Cmd {
	if !m.store.CanSearch() {
		return nil
	}
	cmd := m.store.StartSearch(query, intent)
	m.lists.newSearch(query, m.focus == listPane)
	m.layout()
	return cmd
}

// leaveSearch goes back to the repository's list, on the PR shown before
// the search.
func (m *Model) leaveSearch() tea.Cmd {
	m.store.StopSearch()
	m.lists.stopSearch()
	m.layout()
	return m.show(m.lists.selectedPick())
}

// searchDetail fetches the shown search result's PR once (GET /pulls/N);
// the repository's list may hold it already.
func (m *Model) searchDetail(number int) tea.Cmd {
	fetch, listed := m.lists.searchDetail(number)
	if listed.ok && listed.pr.Number == m.shown {
		m.showPR(listed.pr)
	}
	if fetch {
		return m.store.LoadSearchPull(number)
	}
	return nil
}

// reload asks GitHub again for what the user is looking at (r), past any
// cache: the list or search paging that stopped, and the PR shown with its
// timeline from the start and its CI.
func (m *Model) reload() tea.Cmd {
	var cmds []tea.Cmd
	if cmd := m.store.RetryList(); cmd != nil {
		m.lists.retrying()
		cmds = append(cmds, cmd)
	}
	key, _ := checksKeyOf(m.detail, m.shown)
	cmds = append(cmds, m.store.Reload(m.shown, key))
	if cmd := m.store.RetrySearch(); cmd != nil {
		m.lists.searchRetrying()
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}
