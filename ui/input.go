package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/prscope/prscope/github/httpcache"
)

// inputMode is who owns the keyboard now. It is chosen in one place
// (mode), and each key goes to the owner alone.
type inputMode int

const (
	modeNormal         inputMode = iota // keys are commands: the root's, then the focused pane's
	modeHelp                            // the help covers the panes: keys scroll it or close it
	modeFilterBar                       // F: the bar takes every key
	modePrompt                          // s: the search prompt takes every key
	modeListFilter                      // /: the list filter's query takes every key
	modeTimelineSearch                  // / on the timeline: its query takes every key
)

// typing: every key is text, none a command (ctrl+c still quits).
func (i inputMode) typing() bool { return i >= modeFilterBar }

// mode says who owns the keyboard.
func (m Model) mode() inputMode {
	switch {
	case m.bar.Focused():
		return modeFilterBar
	case m.focus == listPane && m.lists.search.typing():
		return modePrompt
	case m.focus == listPane && m.lists.filter.typing():
		return modeListFilter
	case m.focus == detailPane && m.detail.Searching():
		return modeTimelineSearch
	case m.help.shown:
		return modeHelp
	}
	return modeNormal
}

// handleKey gives k to whoever owns the keyboard.
func (m *Model) handleKey(k tea.KeyMsg) tea.Cmd {
	mode := m.mode()
	if keys := splitBurst(k, mode.typing()); keys != nil {
		cmds := make([]tea.Cmd, len(keys))
		for i, one := range keys {
			cmds[i] = m.handleKey(one)
		}
		return tea.Batch(cmds...)
	}
	m.notice = ""
	switch {
	case mode.typing() && k.Type != tea.KeyCtrlC:
		return m.typedKey(mode, k)
	case key.Matches(k, m.KeyMap.Quit):
		m.cancel()
		return tea.Quit
	case key.Matches(k, m.KeyMap.Help):
		m.help.toggle()
		return nil
	case mode == modeHelp:
		m.help.key(k, m.KeyMap.Back, m.lists.list.KeyMap.Down, m.lists.list.KeyMap.Up)
		return nil // the help covers the panes: keys must not move them unseen
	}
	return m.normalKey(k)
}

// typedKey is a key while a query or the filter bar owns the keyboard.
func (m *Model) typedKey(mode inputMode, k tea.KeyMsg) tea.Cmd {
	switch mode {
	case modeFilterBar:
		return m.barKey(k)
	case modePrompt:
		cmd, outcome := m.lists.searchKey(k)
		switch outcome {
		case searchRun:
			return m.runSearch(m.lists.search.typed(), httpcache.Initial)
		case searchLeave:
			return m.leaveSearch()
		case searchBack:
			m.layout()
		}
		return cmd
	case modeListFilter:
		cmd, moved, stop := m.lists.filterKey(k)
		if stop {
			m.lists.stopFilter(m.shown)
			m.layout()
		}
		if moved {
			return tea.Batch(cmd, m.show(m.lists.selectedPick()))
		}
		return cmd
	}
	var cmd tea.Cmd
	m.detail, cmd = m.detail.Update(k)
	return cmd
}

// command is one of the root's own keys: the binding, where it applies
// (nil: everywhere), and what it does. commands is their one table, read
// in order: the first that matches and applies takes the key.
type command struct {
	binding func(KeyMap) key.Binding
	applies func(m *Model) bool
	run     func(m *Model) tea.Cmd
}

func onList(m *Model) bool      { return m.focus == listPane }
func onDetail(m *Model) bool    { return m.focus == detailPane }
func onResults(m *Model) bool   { return onList(m) && m.lists.search.active }
func onFiltered(m *Model) bool  { return onList(m) && m.lists.filter.active }
func searchShown(m *Model) bool { return m.lists.search.active }
func searchKept(m *Model) bool  { return onDetail(m) && m.detail.SearchKept() }

// switchPane gives the other pane the focus (tab).
func switchPane(m *Model) tea.Cmd {
	m.setFocus(1 - m.focus)
	return nil
}

var commands = []command{
	{func(k KeyMap) key.Binding { return k.NextPane }, nil, switchPane},
	{func(k KeyMap) key.Binding { return k.PrevPane }, nil, switchPane},
	{func(k KeyMap) key.Binding { return k.Open }, onList, func(m *Model) tea.Cmd {
		if m.shown != 0 {
			m.setFocus(detailPane)
		}
		return m.store.LoadTimeline(m.shown)
	}},
	// esc first clears a kept timeline search, then leaves the pane.
	{func(k KeyMap) key.Binding { return k.Back }, searchKept, func(m *Model) tea.Cmd { m.detail.ClearSearch(); return nil }},
	{func(k KeyMap) key.Binding { return k.Back }, onDetail, func(m *Model) tea.Cmd { m.setFocus(listPane); return nil }},
	{func(k KeyMap) key.Binding { return k.Search }, onList, (*Model).startSearch},
	{func(k KeyMap) key.Binding { return k.Filter }, onResults, (*Model).startSearch}, // on search results, / edits the query
	{func(k KeyMap) key.Binding { return k.Back }, onResults, (*Model).leaveSearch},
	{func(k KeyMap) key.Binding { return k.FilterBar }, onList, func(m *Model) tea.Cmd {
		m.bar.Set(m.lists.barFilters())
		m.bar.Focus()
		return nil
	}},
	{func(k KeyMap) key.Binding { return k.Filter }, onList, func(m *Model) tea.Cmd {
		m.lists.startFilter(m.shown)
		m.layout()
		return nil
	}},
	{func(k KeyMap) key.Binding { return k.Back }, onFiltered, func(m *Model) tea.Cmd {
		m.lists.stopFilter(m.shown)
		m.layout()
		return nil
	}},
	{func(k KeyMap) key.Binding { return k.OpenWeb }, nil, func(m *Model) tea.Cmd {
		return m.actions.openSelected(selectedTarget(m.focus, m.detail, m.ci, &m.lists))
	}},
	{func(k KeyMap) key.Binding { return k.CopyURL }, nil, func(m *Model) tea.Cmd {
		t, ok := selectedTarget(m.focus, m.detail, m.ci, &m.lists)
		return m.actions.copySelected(t, ok, false)
	}},
	{func(k KeyMap) key.Binding { return k.CopyID }, nil, func(m *Model) tea.Cmd {
		t, ok := selectedTarget(m.focus, m.detail, m.ci, &m.lists)
		return m.actions.copySelected(t, ok, true)
	}},
	{func(k KeyMap) key.Binding { return k.Reload }, nil, (*Model).reload},
	{func(k KeyMap) key.Binding { return k.History }, onDetail, func(m *Model) tea.Cmd {
		m.ci.toggle(m.focus == detailPane)
		return nil
	}},
	{func(k KeyMap) key.Binding { return k.ReloadList }, searchShown, func(m *Model) tea.Cmd {
		return m.runSearch(m.lists.search.query, httpcache.Revalidate)
	}},
	{func(k KeyMap) key.Binding { return k.ReloadList }, nil, func(m *Model) tea.Cmd {
		if m.store.List.Pages == 0 {
			return m.reload()
		}
		return m.store.ReloadList()
	}},
}

// normalKey is a key as a command: the root's own (commands), else the
// focused pane's.
func (m *Model) normalKey(k tea.KeyMsg) tea.Cmd {
	for _, c := range commands {
		if key.Matches(k, c.binding(m.KeyMap)) && (c.applies == nil || c.applies(m)) {
			return c.run(m)
		}
	}
	if m.focus == listPane {
		return tea.Batch(m.lists.update(k), m.show(m.lists.selectedPick()))
	}
	if m.ci.shown {
		return m.ci.update(k)
	}
	var cmd tea.Cmd
	m.detail, cmd = m.detail.Update(k)
	return cmd
}

// barKey handles a key while the filter bar is open: enter applies the
// filters (a GitHub search, keeping whatever else the query says), esc
// closes it.
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
		switch query, change := m.lists.filtersQuery(f, state); {
		case !change:
			return nil
		case query == "":
			return m.leaveSearch()
		default:
			m.lists.keepReturn(m.shown)
			return m.runSearch(query, httpcache.Initial)
		}
	}
	var cmd tea.Cmd
	m.bar, cmd = m.bar.Update(k)
	return cmd
}

// splitBurst: keys typed faster than the terminal is read (a held key over
// SSH or tmux) arrive as one message of several runes, "jjj". As commands
// each counts, so it is split into one key per rune; as text (typing) the
// runes stay together. nil when there is nothing to split.
func splitBurst(k tea.KeyMsg, typing bool) []tea.KeyMsg {
	if typing || k.Type != tea.KeyRunes || len(k.Runes) < 2 || k.Paste {
		return nil
	}
	out := make([]tea.KeyMsg, len(k.Runes))
	for i, r := range k.Runes {
		out[i] = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: k.Alt}
	}
	return out
}
