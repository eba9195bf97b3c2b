// Package cihistory is the detail pane's other face: a PR's test history,
// one row per version (newest first) with the CI runs that tested it.
// Opening a version shows its runs, opening a run its job matrix and failed
// jobs, opening a failed job its failing tests and first error block. The
// rows are laid out when the data or the open set changes; a key only
// moves the cursor and draws the screenful in view, so 1,000 runs scroll
// as fast as 10.
package cihistory

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/common"
)

// KeyMap is the history's bindings.
type KeyMap struct {
	common.NavKeys
	Toggle key.Binding
	Log    key.Binding
}

// DefaultKeyMap returns the history's default bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		NavKeys: common.DefaultNavKeys("previous row", "next row", "newest version", "oldest version"),
		Toggle:  key.NewBinding(key.WithKeys("enter", " "), key.WithHelp("enter/space", "open/close")),
		Log:     key.NewBinding(key.WithKeys("l"), key.WithHelp("l", "read the job's log")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Down, k.Up, k.Toggle} }

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Top, k.Bottom}, {k.HalfPageUp, k.HalfPageDn, k.PageUp, k.PageDown, k.Toggle, k.Log}}
}

// Data is what the history shows, with what is still loading or failed.
type Data struct {
	Number  int    // the PR it is of
	Title   string // the first line: what this is, and the key back
	History model.History
	Branch  string
	// Version changes whenever anything in it changed.
	Version   int
	Supported bool // the source reads GitHub Actions
	Loading   bool // the runs are on their way
	// RunsRead of the branch's RunsTotal runs were read (the newest
	// pages); MoreRuns: older pages can be, as the end comes into view.
	RunsRead, RunsTotal int
	MoreRuns            bool
	// TimelinePartial: the timeline has pages not loaded, where the
	// versions of runs not matched yet most likely are.
	TimelinePartial bool
	Err             string // why the runs could not be listed
	// JobsLoading is per run, LogLoading per job.
	JobsLoading map[int64]bool
	LogLoading  map[int64]bool
}

// Model is the history view.
type Model struct {
	KeyMap KeyMap

	common  common.Common
	data    Data
	open    map[string]bool // opened rows by key
	rows    []row
	cursor  int // into rows, always on a row that can be selected
	top     int
	width   int
	height  int
	focused bool
	view    string
	// moved: a key moved the cursor since the PR was shown. Until then it
	// stays on the newest version, as newer ones arrive above it.
	moved bool
}

// New returns an empty history.
func New(c common.Common) Model {
	return Model{KeyMap: DefaultKeyMap(), common: c, open: map[string]bool{}}
}

// SetSize lays the rows out again for w x h.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	m.layout()
}

// Focus and Blur say whether keys come here.
func (m *Model) Focus() { m.focused = true; m.draw() }
func (m *Model) Blur()  { m.focused = false; m.draw() }

// SetData shows d; rows stay open across updates of the same PR, and the
// cursor on the row it was on.
func (m *Model) SetData(d Data) {
	if d.Number == m.data.Number && d.Version == m.data.Version && d.Branch == m.data.Branch {
		return
	}
	fresh := d.Number != m.data.Number
	if fresh {
		m.open, m.cursor, m.top, m.moved = map[string]bool{}, 0, 0, false
	}
	at := m.selectedKey()
	m.data = d
	m.layout()
	if fresh || at == "" || !m.moved {
		m.cursor = m.nearestSelectable(1, 1) // on the newest version, ready to open
		m.draw()
		return
	}
	m.selectKey(at)
}

// Update handles keys while focused.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok || !m.focused {
		return m, nil
	}
	m.moved = true // any key: the user is reading here now
	if step, ok := m.KeyMap.PageStep(k, m.height); ok {
		m.move(step)
		return m, nil
	}
	switch {
	case key.Matches(k, m.KeyMap.Down):
		m.move(1)
	case key.Matches(k, m.KeyMap.Up):
		m.move(-1)
	case key.Matches(k, m.KeyMap.Top):
		m.cursor, m.top = 0, 0
		m.move(0)
	case key.Matches(k, m.KeyMap.Bottom):
		m.cursor = len(m.rows) - 1
		m.move(0)
	case key.Matches(k, m.KeyMap.Toggle):
		m.toggle()
	case key.Matches(k, m.KeyMap.Log):
		return m, m.readLog()
	default:
		return m, nil
	}
	return m, nil
}

// View is the screenful drawn last.
func (m Model) View() string { return m.view }

// Headline is the history in one line, for the detail header; "" while
// nothing is known or there are no runs.
func (m Model) Headline() string {
	if m.data.Loading && len(m.data.History.Versions) == 0 || m.runCount() == 0 {
		return ""
	}
	if m.data.TimelinePartial {
		return m.data.History.PartialHeadline()
	}
	return m.data.History.Headline()
}

func (m Model) runCount() int {
	n := len(m.data.History.Unmatched)
	for _, tv := range m.data.History.Versions {
		n += len(tv.Runs)
	}
	return n
}
