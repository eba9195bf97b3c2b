package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/prlist"
	"github.com/prscope/prscope/ui/query"
)

// listFilter narrows the loaded PRs to those matching a query (number,
// title, author, labels). Matching runs in a command, off the UI path,
// after the typing pauses; each answer carries the sequence number of the
// match it answers and the query it matched, so a late one never replaces
// a newer.
type listFilter struct {
	editor  query.Model // the query; focused while it is typed
	seq     int         // counts matches run
	active  bool        // results are shown in place of the list
	results prlist.Model
	total   int
}

// typing reports that the query takes the keys.
func (f listFilter) typing() bool { return f.editor.Focused() }

type filterResultMsg struct {
	seq     int
	query   string
	numbers []int
}

// filterDelay is how long typing must pause before matching runs.
const filterDelay = 60 * time.Millisecond

// startFilter opens the query; the whole list shows while it is typed, on
// the PR shown.
func (l *listSide) startFilter(shown int) {
	l.filter = listFilter{editor: query.New("filter: "), results: prlist.New(l.common)}
	l.filter.editor.Delay = filterDelay
	l.filter.editor.Focus()
	l.filter.results.KeyMap = l.list.KeyMap // remapped moves work in the results too
	l.filter.results.Focus()
	if shown != 0 {
		l.list.Select(shown)
	}
}

// filterKey edits the query as it is typed: the arrows move in what it
// found (moved), esc leaves the filter (stop).
func (l *listSide) filterKey(k tea.KeyMsg) (cmd tea.Cmd, moved, stop bool) {
	e := &l.filter.editor
	switch {
	case key.Matches(k, e.KeyMap.Submit):
		e.Blur()
		return nil, false, false
	case key.Matches(k, e.KeyMap.Cancel):
		return nil, false, true
	}
	switch k.Type {
	case tea.KeyUp, tea.KeyDown, tea.KeyPgUp, tea.KeyPgDown, tea.KeyCtrlN, tea.KeyCtrlP:
		// Letters belong to the query; the arrows move in what it found.
		if k.Type == tea.KeyCtrlN {
			k = tea.KeyMsg{Type: tea.KeyDown}
		} else if k.Type == tea.KeyCtrlP {
			k = tea.KeyMsg{Type: tea.KeyUp}
		}
		return l.update(k), true, false
	}
	*e, cmd = e.Update(k)
	return cmd, false, false
}

// runFilter matches the query against a snapshot of the list, in a command.
// An emptied query shows the whole list again, on the PR shown.
func (l *listSide) runFilter(shown int) tea.Cmd {
	query := l.filter.editor.Value()
	if strings.TrimSpace(query) == "" {
		if l.filter.active {
			l.filter.active = false
			if shown != 0 {
				l.list.Select(shown)
			}
		}
		return nil
	}
	l.filter.seq++
	seq := l.filter.seq
	keys, numbers := l.list.SearchIndex()
	return func() tea.Msg {
		hits := model.MatchKeys(keys, query)
		found := make([]int, len(hits))
		for i, h := range hits {
			found[i] = numbers[h]
		}
		return filterResultMsg{seq: seq, query: query, numbers: found}
	}
}

// onFilterResult shows the matching PRs; the root shows the one selected.
func (l *listSide) onFilterResult(msg filterResultMsg) bool {
	if msg.seq != l.filter.seq || msg.query != l.filter.editor.Value() {
		return false // the query or the list changed since: a newer answer is coming
	}
	prs := make([]model.PullRequest, 0, len(msg.numbers))
	for _, n := range msg.numbers {
		if pr, ok := l.list.Lookup(n); ok {
			prs = append(prs, pr)
		}
	}
	before, wasSelected := l.filter.results.Selected()
	results := prlist.New(l.common)
	results.Empty = "no loaded pull request matches " + fmt.Sprintf("%q", msg.query)
	results.Focus()
	results.Append(prs)
	if wasSelected && l.filter.active {
		results.Select(before.Number) // matched again (new pages, R): stay on it
	}
	l.filter.results, l.filter.active, l.filter.total = results, true, len(prs)
	return true
}

// refilter matches the query again when the list changed under it (a
// page arrived, rows were revalidated), so results never go stale.
func (l *listSide) refilter(shown int) tea.Cmd {
	if !l.filter.active {
		return nil
	}
	return l.runFilter(shown)
}

// stopFilter goes back to the whole list, on the PR that was selected.
func (l *listSide) stopFilter(shown int) {
	l.filter = listFilter{}
	if shown != 0 {
		l.list.Select(shown)
	}
}

// filterStatus is what the status bar says of the filter.
func (l listSide) filterStatus() string {
	if !l.filter.typing() && !l.filter.active {
		return ""
	}
	s := l.filter.editor.Inline()
	if l.filter.active {
		s += fmt.Sprintf(" — %d of %d loaded", l.filter.total, l.list.PagedLen())
	}
	if !l.filter.typing() {
		s += " (esc clears)"
	}
	return strings.TrimSpace(s)
}
