// Package prlist is the pane that lists a repository's pull requests. It is
// virtualized: View draws only the rows on screen, from rows rendered ahead
// of time in Update, so a keypress costs the same with 100 or 100,000 PRs.
package prlist

import (
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/common"
)

// Model is the PR list.
type Model struct {
	KeyMap KeyMap

	common  common.Common
	items   []model.PullRequest
	index   map[int]int // PR number → position in items
	cursor  int
	offset  int // first visible row
	width   int
	height  int
	focused bool

	loading bool   // a further page is on its way; a loading row is drawn
	errText string // the further page failed; said in place of the loading row
	// Empty is what to say when there are no rows (and nothing loading).
	Empty string

	rows      rowCache
	numDigits int
	// search is the filter's index of the PRs, kept until they change.
	search *searchIndex
	// outOfOrder holds PRs opened by number before their page arrived; they
	// sit after the loaded pages until then.
	outOfOrder map[int]bool
	// headCI is the verdict of a head commit's CI runs ("" when not known),
	// for rows whose labels give none; ciVersion changes when it did.
	headCI    func(sha string) string
	ciVersion int
}

// New returns an empty list.
func New(c common.Common) Model {
	return Model{KeyMap: DefaultKeyMap(), common: c, index: map[int]int{}, outOfOrder: map[int]bool{}, Empty: "no pull requests"}
}

// SetSize sets the list's inner size.
func (m *Model) SetSize(width, height int) {
	if width != m.width {
		m.rows.reset()
	}
	m.width, m.height = max(width, 0), max(height, 0)
	m.clampOffset()
	m.renderVisible()
}

// Focus and Blur say whether keys go to the list.
func (m *Model) Focus()                   { m.focused = true }
func (m *Model) Blur()                    { m.focused = false }
func (m Model) Focused() bool             { return m.focused }
func (m Model) Len() int                  { return len(m.items) }
func (m Model) Cursor() int               { return m.cursor }
func (m Model) ShortHelp() []key.Binding  { return m.KeyMap.ShortHelp() }
func (m Model) FullHelp() [][]key.Binding { return m.KeyMap.FullHelp() }

// SetLoading says whether a further page is on its way. While it is, a
// loading row follows the last PR, and the cursor on the last PR keeps it
// in view.
func (m *Model) SetLoading(loading bool) {
	m.loading = loading
	m.clampOffset()
	m.renderVisible()
}

// SetError says why the next page did not come ("" when it may be asked
// for again); it shows where the loading row would.
func (m *Model) SetError(text string) {
	m.errText = text
	m.clampOffset()
}

// PagedLen counts the PRs that came in pages, leaving out those opened by
// number ahead of their page.
func (m Model) PagedLen() int { return len(m.items) - len(m.outOfOrder) }

// searchIndex is a snapshot of what the list filter matches against:
// never changed once made, so a command may read it on its own goroutine.
type searchIndex struct {
	keys    []string
	numbers []int
}

// SearchIndex returns the filter's index: keys[i] is what PR numbers[i] is
// found by. It is rebuilt only after the list changed.
func (m *Model) SearchIndex() (keys []string, numbers []int) {
	if m.search == nil {
		idx := &searchIndex{keys: make([]string, len(m.items)), numbers: make([]int, len(m.items))}
		for i, pr := range m.items {
			idx.keys[i] = model.PullSearchKey(pr, m.headVerdict(pr))
			idx.numbers[i] = pr.Number
		}
		m.search = idx
	}
	return m.search.keys, m.search.numbers
}

// SetHeadCI gives the rows the CI verdicts of their head commits:
// verdict of a head SHA, which changed when version did (rows are drawn
// again then, and the filter's index made again).
func (m *Model) SetHeadCI(version int, verdict func(sha string) string) {
	m.headCI = verdict
	if version == m.ciVersion {
		return
	}
	m.ciVersion = version
	m.search = nil
	m.rows.reset()
	m.renderVisible()
}

// CIVersion is the version of the verdicts last given (SetHeadCI).
func (m Model) CIVersion() int { return m.ciVersion }

// headVerdict is the CI verdict of pr's head, "" when not known.
func (m Model) headVerdict(pr model.PullRequest) string {
	if m.headCI == nil {
		return ""
	}
	return m.headCI(pr.HeadSHA)
}

// HeadsOnScreen are the head commits of the rows on screen whose CI only
// their runs can tell (no V{N}-ci-* label), not known yet.
func (m Model) HeadsOnScreen() []string {
	var out []string
	end := min(m.offset+m.height, len(m.items))
	for _, pr := range m.items[min(m.offset, end):end] {
		if pr.HeadSHA == "" || model.PullCI(pr, m.headVerdict(pr)) != "" {
			continue
		}
		out = append(out, pr.HeadSHA)
	}
	return out
}

// Selected returns the PR under the cursor.
func (m Model) Selected() (model.PullRequest, bool) {
	if m.cursor < 0 || m.cursor >= len(m.items) {
		return model.PullRequest{}, false
	}
	return m.items[m.cursor], true
}

// Lookup returns the loaded PR with that number.
func (m Model) Lookup(number int) (model.PullRequest, bool) {
	i, ok := m.index[number]
	if !ok {
		return model.PullRequest{}, false
	}
	return m.items[i], true
}

// NearEnd reports whether the cursor is within margin rows of the last row
// of the loaded pages. A PR opened by number sits past them and does not
// count: reaching it must not page through the repository.
func (m Model) NearEnd(margin int) bool {
	if len(m.items) == 0 {
		return false
	}
	if sel, ok := m.Selected(); ok && m.outOfOrder[sel.Number] {
		return false
	}
	return len(m.items)-len(m.outOfOrder)-1-m.cursor <= margin
}

// Append adds a page of PRs. PRs already present (a PR opened directly by
// number before its page arrived) keep one row: the page's copy, in the
// page's order, so the list stays sorted as GitHub sorted it.
func (m *Model) Append(prs []model.PullRequest) {
	m.search = nil
	selected, hadSelection := m.Selected()
	for _, pr := range prs {
		if i, ok := m.index[pr.Number]; ok && m.outOfOrder[pr.Number] {
			delete(m.outOfOrder, pr.Number)
			m.remove(i)
		}
	}
	insertAt := len(m.items) - len(m.outOfOrder)
	tail := append([]model.PullRequest(nil), m.items[insertAt:]...)
	// The page goes straight into items, grown once: a 100,000-PR list
	// has no second copy of itself on the way.
	m.items = slices.Grow(m.items[:insertAt], len(prs)+len(tail))
	for _, pr := range prs {
		if _, ok := m.index[pr.Number]; ok {
			continue // a page overlapping the last (the list moved under us): keep one row
		}
		m.items = append(m.items, model.SanitizePull(pr)) // kept clean: rows are drawn from these
	}
	added := len(m.items) - insertAt
	m.items = append(m.items, tail...)
	m.rows.insert(insertAt, added)
	m.reindex(insertAt)
	for _, pr := range m.items[insertAt : insertAt+added] {
		m.noteNumber(pr.Number)
	}
	if hadSelection {
		m.cursor = m.index[selected.Number]
	}
	m.clampOffset()
	m.renderVisible()
}

// Refresh takes a revalidated page: PRs already listed are updated in
// place (their rows only), PRs not listed yet go on top when newOnTop (page
// 1: opened since) and are left out otherwise, and the cursor stays on the
// PR it was on.
func (m *Model) Refresh(prs []model.PullRequest, newOnTop bool) {
	m.search = nil
	selected, hadSelection := m.Selected()
	var fresh []model.PullRequest
	for _, pr := range prs {
		pr = model.SanitizePull(pr)
		i, ok := m.index[pr.Number]
		switch {
		case ok && (!m.outOfOrder[pr.Number] || !newOnTop):
			m.items[i] = pr
			m.rows.invalidate(i)
		case ok:
			delete(m.outOfOrder, pr.Number) // now on top, in page order
			m.remove(i)
			fresh = append(fresh, pr)
		case newOnTop:
			fresh = append(fresh, pr)
		}
	}
	if len(fresh) > 0 {
		m.items = append(fresh, m.items...)
		m.rows.insert(0, len(fresh))
		m.reindex(0)
		for _, pr := range fresh {
			m.noteNumber(pr.Number)
		}
	}
	if hadSelection {
		m.cursor = m.index[selected.Number]
	}
	m.clampOffset()
	m.renderVisible()
}

// AddOutOfOrder adds a PR fetched on its own (opened by number) at the end
// of what is loaded, until the page that holds it arrives; a PR already
// listed is refreshed in place instead.
func (m *Model) AddOutOfOrder(pr model.PullRequest) {
	if m.Replace(pr) {
		return
	}
	pr = model.SanitizePull(pr)
	m.search = nil
	m.items = append(m.items, pr)
	m.index[pr.Number] = len(m.items) - 1
	m.outOfOrder[pr.Number] = true
	m.rows.grow(len(m.items))
	m.noteNumber(pr.Number)
	m.renderVisible()
}

// Replace swaps in a fresher copy of a loaded PR, keeping its row, and
// reports whether the PR was listed.
func (m *Model) Replace(pr model.PullRequest) bool {
	i, ok := m.index[pr.Number]
	if !ok {
		return false
	}
	m.search = nil
	m.items[i] = model.SanitizePull(pr)
	m.rows.invalidate(i)
	m.renderVisible()
	return true
}

// Select moves the cursor to the PR with that number, if loaded.
func (m *Model) Select(number int) bool {
	i, ok := m.index[number]
	if !ok {
		return false
	}
	m.moveTo(i)
	return true
}

func (m *Model) remove(i int) {
	copy(m.items[i:], m.items[i+1:])
	m.items = m.items[:len(m.items)-1]
	m.rows.removeAt(i)
	m.reindex(i)
}

func (m *Model) reindex(from int) {
	for i := from; i < len(m.items); i++ {
		m.index[m.items[i].Number] = i
	}
	for n, i := range m.index {
		if i >= len(m.items) || m.items[i].Number != n {
			delete(m.index, n)
		}
	}
}

func (m *Model) noteNumber(n int) {
	d := len(itoa(n))
	if d > m.numDigits {
		m.numDigits = d
		m.rows.reset()
	}
}

// Update handles keys while the list is focused.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if mm, ok := msg.(tea.MouseMsg); ok {
		m.mouse(mm)
		return m, nil
	}
	k, ok := msg.(tea.KeyMsg)
	if !ok || !m.focused {
		return m, nil
	}
	half := max(m.height/2, 1)
	switch {
	case key.Matches(k, m.KeyMap.Down):
		m.moveTo(m.cursor + 1)
	case key.Matches(k, m.KeyMap.Up):
		m.moveTo(m.cursor - 1)
	case key.Matches(k, m.KeyMap.Top):
		m.moveTo(0)
	case key.Matches(k, m.KeyMap.Bottom):
		// The end of the loaded pages, where the next page loads; PRs
		// opened by number sit past it (j reaches them), and their own
		// pages are far off.
		end := len(m.items) - len(m.outOfOrder) - 1
		if end < 0 {
			end = len(m.items) - 1
		}
		m.moveTo(end)
	case key.Matches(k, m.KeyMap.HalfPageDn):
		m.moveTo(m.cursor + half)
	case key.Matches(k, m.KeyMap.HalfPageUp):
		m.moveTo(m.cursor - half)
	case key.Matches(k, m.KeyMap.PageDown):
		m.moveTo(m.cursor + max(m.height, 1))
	case key.Matches(k, m.KeyMap.PageUp):
		m.moveTo(m.cursor - max(m.height, 1))
	}
	return m, nil
}

func (m *Model) moveTo(i int) {
	m.cursor = max(0, min(i, len(m.items)-1))
	m.clampOffset()
	m.renderVisible()
}

// clampOffset keeps the cursor on screen, scrolling as little as possible.
func (m *Model) clampOffset() {
	visible := m.visibleRows()
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if visible > 0 && m.cursor >= m.offset+visible {
		m.offset = m.cursor - visible + 1
	}
	if (m.loading || m.errText != "") && m.cursor == len(m.items)-1 && m.offset+visible < len(m.items)+1 {
		m.offset = len(m.items) + 1 - visible
	}
	// No blank lines below the last row (and the footer row, if any)
	// while rows above it are hidden: after a load ends without a page,
	// or when the pane grows.
	rows := len(m.items)
	if m.loading || m.errText != "" {
		rows++
	}
	m.offset = min(m.offset, max(rows-visible, 0))
	m.offset = max(0, min(m.offset, len(m.items)-1))
}

// visibleRows is the number of PR rows that fit, keeping a line for the
// loading row when the cursor sits at the end.
func (m Model) visibleRows() int {
	return max(m.height, 1)
}

// renderVisible fills the row cache for what is on screen, so View only reads.
func (m *Model) renderVisible() {
	end := min(m.offset+m.height, len(m.items))
	for i := m.offset; i < end; i++ {
		if !m.rows.has(i) {
			m.rows.set(i, m.renderRow(m.items[i]))
		}
	}
}

// footer is the row after the last PR: loading, or why loading stopped.
func (m Model) footer() string {
	switch {
	case m.loading:
		return m.common.Styles.Loading.Render(common.Truncate("  loading more…", m.width))
	case m.errText != "":
		return m.common.Styles.Error.Render(common.Truncate("  "+m.errText, m.width))
	}
	return ""
}

// View draws the visible rows.
func (m Model) View() string {
	if m.height <= 0 || m.width <= 0 {
		return ""
	}
	lines := make([]string, 0, m.height)
	if len(m.items) == 0 {
		if m.loading {
			lines = append(lines, m.common.Styles.Loading.Render(common.Truncate("  loading pull requests…", m.width)))
		} else {
			// Said in full, wrapped: when it is a failure, its hint matters.
			for _, l := range strings.Split(ansi.Wrap(m.Empty, max(m.width-2, 1), ""), "\n") {
				if len(lines) < m.height {
					lines = append(lines, m.common.Styles.Muted.Render(common.Truncate("  "+l, m.width)))
				}
			}
		}
	}
	end := min(m.offset+m.height, len(m.items))
	for i := m.offset; i < end; i++ {
		row, ok := m.rows.get(i)
		if !ok { // not rendered ahead (should not happen): draw plainly, never do work here
			row = "  #" + itoa(m.items[i].Number)
		}
		line := m.decorate(row, i == m.cursor)
		if m.width <= markWidth { // no room for a row: the glyph alone
			line = ansi.Truncate(line, m.width, "")
		}
		lines = append(lines, line)
	}
	if footer := m.footer(); footer != "" && len(m.items) > 0 && len(lines) < m.height {
		lines = append(lines, footer)
	}
	for len(lines) < m.height {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}
