// Package detail is the pane that tells one PR's story: a header, the body,
// then the timeline. It is virtualized: each item's lines are rendered once
// per (width, expanded state) in Update and kept; a prefix sum of item
// heights finds the visible window in O(log n); View only copies lines.
package detail

import (
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/common"
)

type itemKind uint8

const (
	kindHeader itemKind = iota
	kindBody
	kindEvent
	kindFooter
)

// item is one entry of the pane and its rendered lines.
type item struct {
	kind     itemKind
	event    int // index into Model.events for kindEvent
	expanded bool
	lines    []string // rendered for Model.width; nil when stale
}

// TimelineStatus is what the root knows about the timeline's loading.
type TimelineStatus struct {
	Loading bool   // a page is in flight
	More    bool   // further pages exist
	Err     string // the last failure, in plain words
}

// Model is the detail pane.
type Model struct {
	KeyMap KeyMap

	common  common.Common
	width   int
	height  int
	focused bool

	pr      model.PullRequest
	hasPR   bool
	events  []model.Event
	status  TimelineStatus
	commits Commits

	items   []item
	offsets []int // offsets[i]: first line of item i; offsets[len(items)]: total lines
	cursor  int   // selected item
	top     int   // first visible line
	// followEnd keeps the view at the end as pages arrive after G.
	followEnd bool
	// unreveal is how far the last expand scrolled to show the expansion,
	// so that collapsing right after puts the view back where it was.
	unreveal int
}

// New returns an empty detail pane. commits is the shared store of fetched
// commit messages, owned by the root; the pane only reads it.
func New(c common.Common, commits Commits) Model {
	return Model{KeyMap: DefaultKeyMap(), common: c, commits: commits, offsets: []int{0}}
}

// SetSize sets the pane's inner size; rendered lines are redone for a new width.
func (m *Model) SetSize(width, height int) {
	widthChanged := width != m.width
	m.width, m.height = max(width, 0), max(height, 0)
	if widthChanged && len(m.items) > 0 {
		m.unreveal = 0
		anchorItem, anchorLine := m.anchor()
		for i := range m.items {
			m.items[i].lines = nil
		}
		m.layoutFrom(0)
		m.top = m.offsets[anchorItem] + min(anchorLine, m.itemHeight(anchorItem)-1)
	}
	m.clampTop()
	m.ensureVisible()
}

func (m *Model) Focus()                   { m.focused = true }
func (m *Model) Blur()                    { m.focused = false }
func (m Model) Focused() bool             { return m.focused }
func (m Model) ShortHelp() []key.Binding  { return m.KeyMap.ShortHelp() }
func (m Model) FullHelp() [][]key.Binding { return m.KeyMap.FullHelp() }

// PR returns the PR shown, if any.
func (m Model) PR() (model.PullRequest, bool) { return m.pr, m.hasPR }

// Show replaces what the pane shows with pr and the timeline loaded so far.
// events is not copied: the root appends to its own copy and calls
// SetEvents again, never mutating what it handed over.
func (m *Model) Show(pr model.PullRequest, events []model.Event, status TimelineStatus) {
	samePR := m.hasPR && m.pr.Number == pr.Number
	m.pr, m.hasPR = pr, true
	if !samePR {
		m.cursor, m.top, m.followEnd, m.unreveal = 0, 0, false, 0
		m.events = nil
		m.items = []item{{kind: kindHeader}, {kind: kindBody}, {kind: kindFooter}}
	} else {
		m.items[0].lines, m.items[1].lines = nil, nil // the header may say more now
	}
	m.setEvents(events, status)
}

// SetEvents updates the timeline of the PR shown: new events are appended
// (pages arrive in order), and the view holds its place.
func (m *Model) SetEvents(events []model.Event, status TimelineStatus) {
	if m.hasPR {
		m.setEvents(events, status)
	}
}

func (m *Model) setEvents(events []model.Event, status TimelineStatus) {
	if len(events) < len(m.events) { // reloaded from scratch
		m.events = nil
		m.items = []item{{kind: kindHeader}, {kind: kindBody}, {kind: kindFooter}}
		m.cursor, m.top, m.unreveal = 0, 0, 0
	}
	// The header (counts, a fresher PR) may change height: hold the line at
	// the top of the view where it is. A view on the footer stays on the
	// line where the footer was, now the first new event's.
	anchorItem, anchorLine := m.anchor()
	first := len(m.items) - 1 // the footer's place
	footer := m.items[first]
	m.items = m.items[:first]
	for i := len(m.events); i < len(events); i++ {
		m.items = append(m.items, item{kind: kindEvent, event: i})
	}
	footer.lines = nil
	m.items = append(m.items, footer)
	m.events = events
	m.status = status
	m.items[0].lines = nil // counts in the header
	m.layoutFrom(0)
	m.top = m.offsets[anchorItem] + min(anchorLine, m.itemHeight(anchorItem)-1)
	if m.followEnd {
		m.cursor = m.lastSelectable()
		m.top = m.offsets[len(m.items)]
	}
	m.clampTop()
	m.ensureVisible()
}

// CommitLoaded redraws the items that show commit key.
func (m *Model) CommitLoaded(key string) {
	first := -1
	for i := range m.items {
		it := &m.items[i]
		if it.kind == kindEvent {
			if c := shownCommit(m.events[it.event]); c != nil && CommitKey(c.Repo, c.SHA) == key {
				it.lines = nil
				if first < 0 {
					first = i
				}
			}
		}
	}
	if first >= 0 {
		anchorItem, anchorLine := m.anchor()
		m.layoutFrom(first)
		m.top = m.offsets[anchorItem] + min(anchorLine, m.itemHeight(anchorItem)-1)
		m.clampTop()
	}
}

// VisibleCommits returns the commits on screen whose message is not known
// yet, so the root can fetch just those.
func (m Model) VisibleCommits() []model.CommitRef {
	var out []model.CommitRef
	first, last := m.visibleItems()
	for i := first; i <= last && i < len(m.items); i++ {
		it := m.items[i]
		if it.kind != kindEvent {
			continue
		}
		c := shownCommit(m.events[it.event])
		if c == nil || c.Message != "" {
			continue
		}
		if _, known := m.commits[CommitKey(c.Repo, c.SHA)]; !known {
			out = append(out, *c)
		}
	}
	return out
}

// NearEnd reports whether the view is within a screen of the last loaded line.
func (m Model) NearEnd() bool {
	return m.top+2*m.height >= m.offsets[len(m.items)]
}

// Update handles keys while the pane is focused.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok || !m.focused || !m.hasPR {
		return m, nil
	}
	follow := false
	switch {
	case key.Matches(k, m.KeyMap.Down):
		m.down()
	case key.Matches(k, m.KeyMap.Up):
		m.up()
	case key.Matches(k, m.KeyMap.Top):
		m.cursor, m.top = 0, 0
	case key.Matches(k, m.KeyMap.Bottom):
		m.cursor = m.lastSelectable()
		m.top = m.offsets[len(m.items)]
		follow = true
	case key.Matches(k, m.KeyMap.HalfPageDn):
		m.scrollBy(max(m.height/2, 1))
	case key.Matches(k, m.KeyMap.HalfPageUp):
		m.scrollBy(-max(m.height/2, 1))
	case key.Matches(k, m.KeyMap.PageDown):
		m.scrollBy(max(m.height-1, 1))
	case key.Matches(k, m.KeyMap.PageUp):
		m.scrollBy(-max(m.height-1, 1))
	case key.Matches(k, m.KeyMap.Toggle):
		m.toggle()
	default:
		return m, nil
	}
	if !key.Matches(k, m.KeyMap.Toggle) {
		m.unreveal = 0
	}
	m.followEnd = follow
	m.clampTop()
	m.ensureRendered()
	return m, nil
}

// down scrolls through a tall item before moving to the next one, so no
// line is ever skipped. On the last item it scrolls on to the footer.
func (m *Model) down() {
	bottom := m.offsets[m.cursor+1] - 1
	if m.cursor == m.lastSelectable() {
		bottom = m.offsets[len(m.items)] - 1
	}
	if bottom > m.top+m.height-1 {
		m.top++
		return
	}
	if m.cursor < m.lastSelectable() {
		m.cursor++
		m.ensureVisible()
	}
}

func (m *Model) up() {
	if m.offsets[m.cursor] < m.top {
		m.top--
		return
	}
	if m.cursor > 0 {
		m.cursor--
		m.ensureVisible()
	}
}

// scrollBy moves the view by n lines and the cursor to the first item that
// starts in view (or the item filling it).
// The cursor never moves against the scroll: at either end it goes to the
// first or last item.
func (m *Model) scrollBy(n int) {
	before := m.top
	m.top += n
	m.clampTop()
	i := m.itemAt(m.top)
	if m.offsets[i] < m.top && i+1 < len(m.items) && m.offsets[i+1] < m.top+m.height {
		i++
	}
	i = min(i, m.lastSelectable())
	switch {
	case n > 0 && m.top == before:
		m.cursor = m.lastSelectable()
	case n > 0:
		m.cursor = max(m.cursor, i)
	case m.top == 0:
		m.cursor = 0
	default:
		m.cursor = min(m.cursor, i)
	}
}

func (m *Model) toggle() {
	it := &m.items[m.cursor]
	if !m.expandable(*it) {
		return
	}
	it.expanded = !it.expanded
	it.lines = nil
	m.layoutFrom(m.cursor) // the items above keep their place
	before := m.top
	if !it.expanded {
		m.top -= m.unreveal // collapsed right after expanding: as it was
	}
	m.unreveal = 0
	m.ensureVisible()
	if it.expanded {
		m.unreveal = max(m.top-before, 0)
	}
}

// lastSelectable is the last item the cursor may rest on (not the footer).
func (m Model) lastSelectable() int { return max(len(m.items)-2, 0) }

// ensureVisible scrolls as little as needed to show the cursor item. An
// item taller than the pane shows its top when it lies below the view, and
// as much of itself as fits, from where the view is, when it began above.
func (m *Model) ensureVisible() {
	if len(m.items) == 0 {
		return
	}
	m.cursor = max(0, min(m.cursor, m.lastSelectable()))
	itemTop, itemBottom := m.offsets[m.cursor], m.offsets[m.cursor+1]-1
	switch {
	case itemTop < m.top && itemBottom-itemTop+1 > m.height:
		m.top = min(m.top, itemBottom-m.height+1)
	case itemTop < m.top:
		m.top = itemTop
	case itemBottom > m.top+m.height-1:
		m.top = min(itemTop, itemBottom-m.height+1)
	}
	m.clampTop()
	m.ensureRendered()
}

func (m *Model) clampTop() {
	if len(m.offsets) == 0 {
		m.top = 0
		return
	}
	m.top = max(0, min(m.top, m.offsets[len(m.items)]-m.height))
}

// anchor is the item at the top of the view and the line within it: what
// holds the view in place when heights change.
func (m Model) anchor() (item, line int) {
	if len(m.items) == 0 || len(m.offsets) <= len(m.items) {
		return 0, 0
	}
	i := m.itemAt(m.top)
	return i, m.top - m.offsets[i]
}

// itemAt finds the item holding absolute line y, in O(log n).
func (m Model) itemAt(y int) int {
	i := sort.Search(len(m.items), func(i int) bool { return m.offsets[i+1] > y })
	return min(i, len(m.items)-1)
}

func (m Model) visibleItems() (first, last int) {
	if len(m.items) == 0 || len(m.offsets) <= len(m.items) {
		return 0, -1
	}
	return m.itemAt(m.top), m.itemAt(m.top + m.height - 1)
}

func (m Model) itemHeight(i int) int { return max(m.offsets[i+1]-m.offsets[i], 1) }

// layoutFrom renders stale items from i on and recomputes the offsets after
// them; items before i keep their place.
func (m *Model) layoutFrom(i int) {
	if cap(m.offsets) < len(m.items)+1 {
		grown := make([]int, len(m.items)+1, 2*len(m.items)+1)
		copy(grown, m.offsets)
		m.offsets = grown
	}
	m.offsets = m.offsets[:len(m.items)+1]
	if i == 0 {
		m.offsets[0] = 0
	}
	for j := i; j < len(m.items); j++ {
		if m.items[j].lines == nil {
			m.items[j].lines = m.render(m.items[j])
		}
		m.offsets[j+1] = m.offsets[j] + len(m.items[j].lines)
	}
}

// ensureRendered makes sure every visible item has its lines (they all do
// after layoutFrom; kept as the one place View's inputs are guaranteed).
func (m *Model) ensureRendered() {
	first, last := m.visibleItems()
	for i := first; i <= last; i++ {
		if m.items[i].lines == nil {
			m.layoutFrom(i)
			return
		}
	}
}

// View draws the visible lines with the selection gutter.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if !m.hasPR {
		return padLines([]string{m.common.Styles.Muted.Render(truncate("  no pull request selected", m.width))}, m.height)
	}
	lines := make([]string, 0, m.height)
	i := m.itemAt(m.top)
	for y := m.top; y < m.top+m.height && i < len(m.items); i++ {
		it := m.items[i]
		gutter := "  "
		if i == m.cursor {
			gutter = m.common.Styles.SelectedMark.Render(m.cursorGlyph()) + " "
		}
		for l := y - m.offsets[i]; l < len(it.lines) && y < m.top+m.height; l++ {
			g := gutter
			if l == len(it.lines)-1 && it.kind != kindFooter {
				g = "  " // the separator line belongs to no one
			}
			lines = append(lines, g+it.lines[l])
			y++
		}
	}
	return padLines(lines, m.height)
}

func (m Model) cursorGlyph() string {
	if m.focused {
		return "▌"
	}
	return "›"
}

func padLines(lines []string, height int) string {
	for len(lines) < height {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}
