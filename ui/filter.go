package ui

import (
	"fmt"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/prlist"
)

// listFilter narrows the loaded PRs to those matching a query (number,
// title, author, labels). Matching runs in a command, off the UI path,
// after the typing pauses; each answer carries the sequence number of the
// query it answers, so a late one never replaces a newer.
type listFilter struct {
	typing  bool
	query   string
	seq     int
	active  bool         // results are shown in place of the list
	results prlist.Model // the matching PRs, a list of their own
	total   int
}

type (
	filterTickMsg   struct{ seq int }
	filterResultMsg struct {
		seq     int
		numbers []int
	}
)

// filterDelay is how long typing must pause before matching runs.
const filterDelay = 60 * time.Millisecond

func (m *Model) startFilter() {
	m.filter = listFilter{typing: true, results: prlist.New(m.common)}
	m.filter.results.KeyMap = m.list.KeyMap // remapped moves work in the results too
	m.filter.results.Focus()
	if m.shown != 0 {
		m.list.Select(m.shown) // the whole list shows while typing: on the PR shown
	}
	m.layout()
}

// filterKey edits the query as it is typed.
func (m *Model) filterKey(k tea.KeyMsg) tea.Cmd {
	switch k.Type {
	case tea.KeyEnter:
		m.filter.typing = false
		return nil
	case tea.KeyEsc:
		m.stopFilter()
		return nil
	case tea.KeyBackspace:
		if r := []rune(m.filter.query); len(r) > 0 {
			m.filter.query = string(r[:len(r)-1])
		}
	case tea.KeySpace:
		m.filter.query += " "
	case tea.KeyRunes:
		m.filter.query += strings.ReplaceAll(model.Sanitize(string(k.Runes)), "\n", "")
	case tea.KeyUp, tea.KeyDown, tea.KeyPgUp, tea.KeyPgDown, tea.KeyCtrlN, tea.KeyCtrlP:
		// Letters belong to the query; the arrows move in what it found.
		if k.Type == tea.KeyCtrlN {
			k = tea.KeyMsg{Type: tea.KeyDown}
		} else if k.Type == tea.KeyCtrlP {
			k = tea.KeyMsg{Type: tea.KeyUp}
		}
		return m.listKey(k)
	default:
		return nil
	}
	m.filter.seq++
	seq := m.filter.seq
	return tea.Tick(filterDelay, func(time.Time) tea.Msg { return filterTickMsg{seq: seq} })
}

// runFilter matches the query against a snapshot of the list, in a command.
func (m *Model) runFilter(seq int) tea.Cmd {
	if seq != m.filter.seq || strings.TrimSpace(m.filter.query) == "" {
		if strings.TrimSpace(m.filter.query) == "" && m.filter.active {
			m.filter.active = false
			if m.shown != 0 {
				m.list.Select(m.shown)
			}
		}
		return nil
	}
	keys, numbers := m.list.SearchIndex()
	query := m.filter.query
	return func() tea.Msg {
		hits := model.MatchKeys(keys, query)
		found := make([]int, len(hits))
		for i, h := range hits {
			found[i] = numbers[h]
		}
		return filterResultMsg{seq: seq, numbers: found}
	}
}

func (m *Model) onFilterResult(msg filterResultMsg) tea.Cmd {
	if msg.seq != m.filter.seq {
		return nil // the query changed since: a newer answer is coming
	}
	prs := make([]model.PullRequest, 0, len(msg.numbers))
	for _, n := range msg.numbers {
		if pr, ok := m.list.Lookup(n); ok {
			prs = append(prs, pr)
		}
	}
	before, wasSelected := m.filter.results.Selected()
	results := prlist.New(m.common)
	results.Empty = "no loaded pull request matches " + fmt.Sprintf("%q", m.filter.query)
	results.Focus()
	results.Append(prs)
	if wasSelected && m.filter.active {
		results.Select(before.Number) // matched again (new pages, R): stay on it
	}
	m.filter.results, m.filter.active, m.filter.total = results, true, len(prs)
	m.layout()
	if pr, ok := m.filter.results.Selected(); ok && pr.Number != m.shown {
		return m.selectPR(pr)
	}
	return nil
}

// refilter matches the query again when the list changed under it (a
// page arrived, rows were revalidated), so results never go stale.
func (m *Model) refilter() tea.Cmd {
	if !m.filter.active {
		return nil
	}
	m.filter.seq++
	return m.runFilter(m.filter.seq)
}

// stopFilter goes back to the whole list, on the PR that was selected.
func (m *Model) stopFilter() {
	m.filter = listFilter{}
	if m.shown != 0 {
		m.list.Select(m.shown)
	}
	m.layout()
}

// filterStatus is what the status bar says of the filter.
func (m Model) filterStatus() string {
	if !m.filter.typing && !m.filter.active {
		return ""
	}
	s := "filter: " + m.filter.query
	if m.filter.typing {
		s += "▏"
	}
	if m.filter.active {
		s += fmt.Sprintf(" — %d of %d loaded", m.filter.total, m.list.PagedLen())
	}
	if !m.filter.typing {
		s += " (esc clears)"
	}
	return strings.TrimSpace(s)
}
