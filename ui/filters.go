package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/prscope/prscope/model"
)

// The filter bar (F) edits the list's filters as fields: state, author,
// base, head, label. They are search qualifiers (GitHub's list endpoint
// cannot filter by author or label), so applying them runs a GitHub search
// whose query keeps whatever else was typed with s; no filter at all goes
// back to the repository's list.

// openFilterBar fills the bar from what the list shows now.
func (m *Model) openFilterBar() {
	query, state := "", m.cfg.State
	if m.search.active {
		query = m.search.query
		state = "all" // the query says its own state, if any
	}
	f, qstate, _ := model.SplitListFilter(query)
	if qstate != "all" {
		state = qstate
	}
	m.bar.Set(f, state)
	m.bar.Focus()
}

// barKey handles a key while the bar is open.
func (m *Model) barKey(k tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(k, m.bar.KeyMap.Cancel):
		m.bar.Blur()
		return nil
	case key.Matches(k, m.bar.KeyMap.Apply):
		f, state := m.bar.Filter()
		if err := f.Validate(); err != nil {
			m.notice = "✗ " + err.Error()
			return nil // the bar stays open to fix it
		}
		m.bar.Blur()
		return m.applyFilters(f, state)
	}
	var cmd tea.Cmd
	m.bar, cmd = m.bar.Update(k)
	return cmd
}

// applyFilters runs the search the filters make, keeping the rest of the
// current query; with no filter and nothing else, the repository's list.
func (m *Model) applyFilters(f model.ListFilter, state string) tea.Cmd {
	current := ""
	if m.search.active {
		current = m.search.query
	}
	if state == m.cfg.State && !m.search.active {
		state = "all" // the list already shows that state: no need to search for it
	}
	query := model.WithListFilter(current, f, state)
	switch {
	case query == current:
		return nil
	case query == "":
		return m.stopSearch()
	}
	if !m.search.active {
		m.search.returnTo = m.shown
	}
	return m.runSearch(m.ctx, query)
}
