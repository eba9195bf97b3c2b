// Package detail is the pane that tells one PR's story: a header, the body,
// then the timeline. It is virtualized: only the items in view are rendered
// (in Update, once per width and expanded state, then kept); the others
// count with an estimated height until they come into view. A Fenwick tree
// of heights finds the visible window in O(log n); View only copies lines.
package detail

import (
	"strings"

	"github.com/prscope/prscope/ui/query"
	"github.com/prscope/prscope/ui/store"

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
	kindGap // pages of the timeline not loaded yet
	kindFooter
	kindChecks // the head commit's CI, right after the header (checks.go)
)

// item is one entry of the pane and its rendered lines.
type item struct {
	kind     itemKind
	event    int // index into Model.events for kindEvent, Model.gaps for kindGap
	expanded bool
	lines    []string // rendered for Model.width; nil when stale
}

// Model is the detail pane.
type Model struct {
	KeyMap KeyMap

	common  common.Common
	width   int
	height  int
	focused bool

	repo    model.Repo
	pr      model.PullRequest
	hasPR   bool
	events  []model.Event
	gaps    []store.Gap
	status  store.TimelineStatus
	commits store.Commits
	reviews store.Reviews // the root's; read only (see UseReviews)
	checks  store.ChecksStatus
	// pullCommits is the PR's own commit list, which the header counts.
	pullCommits store.PullCommitsStatus
	// ciHeadline is the CI history in one line (SetCIHeadline); ciVerdicts
	// are its versions' verdicts, for the folded bot comments.
	ciHeadline string
	ciVerdicts map[string]string

	items  []item
	lay    heights // each item's height: real once rendered, estimated before
	cursor int     // selected item
	top    int     // first visible line
	// filter shows one kind of event; hideAccidental hides references that
	// are almost surely accidental (a stack frame, a patch number).
	filter         Filter
	hideAccidental bool
	search         search
	refs           map[refKey]cachedRef // why each commit references the PR
	pushes         map[int]pushInfo     // event index → the patch group it is a push of
	versionHeads   map[int]bool         // events that announce a version (a bot's changed comment)
	openGroups     map[string]bool      // groups listed push by push
	diffShown      map[string]bool      // item key → its revision diff is shown
	markdown       *markdownCache       // bodies rendered as markdown, per width
	// followEnd keeps the view at the end as pages arrive after G.
	followEnd bool
	// unreveal is how far the last expand scrolled to show the expansion,
	// so that collapsing right after puts the view back where it was.
	unreveal int
}

// New returns an empty detail pane. commits is the shared store of fetched
// commit messages, owned by the root; the pane only reads it.
func New(c common.Common, commits store.Commits) Model {
	return Model{KeyMap: DefaultKeyMap(), common: c, commits: commits, refs: map[refKey]cachedRef{},
		pushes: map[int]pushInfo{}, openGroups: map[string]bool{}, diffShown: map[string]bool{},
		markdown: newMarkdownCache()}
}

// SetSize sets the pane's inner size. A new width re-lays out lazily: every
// item goes back to an estimate, and only what is in view is rendered now.
func (m *Model) SetSize(width, height int) {
	widthChanged := width != m.width
	m.width, m.height = max(width, 0), max(height, 0)
	if widthChanged && len(m.items) > 0 {
		m.unreveal = 0
		anchorItem, anchorLine := m.anchor()
		m.relayoutAll()
		m.holdAnchor(anchorItem, anchorLine)
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

// ShowTimeline replaces what the pane shows with pr and the timeline
// loaded so far, with its gaps (see SetTimeline). events is not copied:
// the store appends to its own copy, never mutating what it handed over.
func (m *Model) ShowTimeline(pr model.PullRequest, events []model.Event, gaps []store.Gap, status store.TimelineStatus) {
	samePR := m.hasPR && m.pr.Number == pr.Number
	m.pr, m.hasPR = model.SanitizePull(pr), true
	if !samePR {
		m.cursor, m.top, m.followEnd, m.unreveal = 0, 0, false, 0
		m.events, m.gaps = nil, nil
		// A search and opened groups belong to the PR they were made on;
		// the filters are the user's way of looking, and stay.
		m.search, m.openGroups, m.diffShown = search{}, map[string]bool{}, map[string]bool{}
		m.checks = store.ChecksStatus{} // the root sets the new PR's
		m.pullCommits = store.PullCommitsStatus{}
		m.ciHeadline = ""
		m.resetItems()
	} else {
		m.invalidate(0) // the header may say more now
		m.invalidate(m.bodyIndex())
	}
	m.SetTimeline(events, gaps, status)
}

// SetPull updates the PR shown (a fresher copy of it) and leaves its
// timeline as it is.
func (m *Model) SetPull(pr model.PullRequest) {
	if !m.hasPR || m.pr.Number != pr.Number {
		return
	}
	m.pr = model.SanitizePull(pr)
	anchorItem, anchorLine := m.anchor()
	m.invalidate(0)
	m.invalidate(m.bodyIndex())
	m.holdAnchor(anchorItem, anchorLine)
	m.ensureRendered()
}

// SetReloading says the timeline shown is being fetched again (r): it stays
// as it is, and its end says it is loading.
func (m *Model) SetReloading() {
	if !m.hasPR || m.status.Loading {
		return
	}
	m.status.Loading = true
	m.invalidate(len(m.items) - 1)
	m.ensureRendered()
}

// Clear shows no PR: what a list with nothing in it has to show.
func (m *Model) Clear() {
	m.hasPR, m.pr, m.events, m.gaps = false, model.PullRequest{}, nil, nil
	m.cursor, m.top = 0, 0
	m.resetItems()
}

// SetTimeline updates the timeline of the PR shown when pages load out of
// order: events are the loaded ones in order, gaps the pages between them
// not loaded yet. The view holds its place.
func (m *Model) SetTimeline(events []model.Event, gaps []store.Gap, status store.TimelineStatus) {
	if !m.hasPR {
		return
	}
	if len(gaps) > 0 || len(m.gaps) > 0 || m.filtering() || m.grouped() || foldsBotRuns(events) || m.foldsPushes(events) {
		m.rebuild(events, gaps, status)
		return
	}
	m.setEvents(events, status)
}

func (m *Model) resetItems() {
	m.items = []item{{kind: kindHeader}, {kind: kindBody}, {kind: kindFooter}}
	m.lay.reset([]int{m.estimate(m.items[0]), m.estimate(m.items[1]), 1})
	m.addChecksItem()
}

func (m *Model) setEvents(events []model.Event, status store.TimelineStatus) {
	if len(events) < len(m.events) { // reloaded from scratch
		m.events, m.gaps = nil, nil
		m.resetItems()
		m.cursor, m.top, m.unreveal = 0, 0, 0
	}
	// The header (counts, a fresher PR) may change height: hold the line at
	// the top of the view where it is. A view on the footer stays on the
	// line where the footer was, now the first new event's.
	anchorItem, anchorLine := m.anchor()
	footer := len(m.items) - 1
	m.items = m.items[:footer]
	m.lay.truncate(footer)
	seen := len(m.events)
	m.events = events
	for i := seen; i < len(events); i++ {
		if !m.shows(i) {
			continue
		}
		it := item{kind: kindEvent, event: i}
		m.items = append(m.items, it)
		m.lay.push(m.estimate(it))
	}
	m.items = append(m.items, item{kind: kindFooter})
	m.lay.push(1)
	m.status = status
	m.invalidate(0) // counts in the header
	m.renderItem(0)
	m.holdAnchor(anchorItem, anchorLine)
	if m.followEnd {
		m.cursor = m.lastSelectable()
		m.showEnd()
	}
	m.clampTop()
	m.ensureVisible()
	m.refreshMatches()
}

// CommitLoaded redraws the items that show commit key.
func (m *Model) CommitLoaded(key string) {
	anchorItem, anchorLine := m.anchor()
	atEnd := m.top+m.height >= m.lay.total() // the end in view: keep it there
	changed := false
	for i := range m.items {
		if it := m.items[i]; it.kind == kindEvent {
			if c := shownCommit(m.events[it.event]); c != nil && store.CommitKey(c.Repo, c.SHA) == key {
				m.invalidate(i)
				changed = true
			}
		}
	}
	if !changed {
		return
	}
	if (m.hideAccidental && m.accidental(key)) || m.joinsGroup(key) {
		m.rebuild(m.events, m.gaps, m.status) // it hides, or folds into a patch group
		if atEnd && m.cursor == m.lastSelectable() {
			m.showEnd()
		}
		return
	}
	if m.followEnd || atEnd { // the end stays in view as messages arrive
		m.showEnd()
	} else {
		m.holdAnchor(anchorItem, anchorLine)
	}
	m.clampTop()
	m.ensureRendered()
	m.refreshMatches() // a message that arrived may hold the query
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
		if _, known := m.commits[store.CommitKey(c.Repo, c.SHA)]; !known {
			out = append(out, *c)
		}
	}
	return out
}

// NearEnd reports whether the view is within a screen of the last loaded line.
func (m Model) NearEnd() bool {
	return m.top+2*m.height >= m.lay.total()
}

// Update handles keys while the pane is focused.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if t, ok := msg.(query.PauseMsg); ok {
		if m.search.editor.Paused(t) {
			m.runSearch()
		}
		return m, nil
	}
	if mm, ok := msg.(tea.MouseMsg); ok {
		m.mouse(mm)
		return m, nil
	}
	k, ok := msg.(tea.KeyMsg)
	if !ok || !m.focused || !m.hasPR {
		return m, nil
	}
	if m.Searching() {
		return m, m.searchKey(k)
	}
	onMatch := m.search.onMatch
	m.search.onMatch = false // moved away, unless the key went to a match
	m.search.first = false   // a key chose where to be
	follow, handled := m.command(k)
	if !handled {
		m.search.onMatch = onMatch
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

// command runs the pane's command bound to k; follow says the view now
// follows the end (G).
func (m *Model) command(k tea.KeyMsg) (follow, handled bool) {
	if step, ok := m.KeyMap.PageStep(k, m.height); ok {
		m.scrollBy(step)
		return false, true
	}
	switch {
	case key.Matches(k, m.KeyMap.Search):
		m.startSearch()
	case key.Matches(k, m.KeyMap.NextMatch) && m.search.text() != "":
		m.nextMatch(false)
	case key.Matches(k, m.KeyMap.PrevMatch) && m.search.text() != "":
		m.nextMatch(true)
	case key.Matches(k, m.KeyMap.Down):
		m.down()
	case key.Matches(k, m.KeyMap.Up):
		m.up()
	case key.Matches(k, m.KeyMap.Top):
		m.cursor, m.top = 0, 0
	case key.Matches(k, m.KeyMap.Bottom):
		m.cursor = m.lastSelectable()
		m.showEnd()
		follow = true
	case key.Matches(k, m.KeyMap.Toggle):
		m.toggle()
	case key.Matches(k, m.KeyMap.RevisionDiff):
		m.toggleDiff()
	case key.Matches(k, m.KeyMap.NextVersion):
		m.jumpVersion(1)
	case key.Matches(k, m.KeyMap.PrevVersion):
		m.jumpVersion(-1)
	case key.Matches(k, m.KeyMap.Filter):
		m.filter = (m.filter + 1) % filterCount
		m.rebuild(m.events, m.gaps, m.status)
	case key.Matches(k, m.KeyMap.Accidental):
		m.hideAccidental = !m.hideAccidental
		m.rebuild(m.events, m.gaps, m.status)
	default:
		return false, false
	}
	return follow, true
}

// down scrolls through a tall item before moving to the next one, so no
// line is ever skipped. On the last item it scrolls on to the footer.
func (m *Model) down() {
	m.renderKeepingView(m.cursor)
	bottom := m.lay.offset(m.cursor+1) - 1
	if m.cursor == m.lastSelectable() {
		m.renderKeepingView(len(m.items) - 1)
		bottom = m.lay.total() - 1
	}
	if bottom > m.top+m.height-1 {
		m.top++
		return
	}
	if m.cursor < m.lastSelectable() {
		if m.stopsAt(m.cursor + 1) {
			m.showGap(m.cursor + 1)
			return
		}
		m.cursor++
		m.ensureVisible()
	}
}

func (m *Model) up() {
	m.renderKeepingView(m.cursor)
	if m.lay.offset(m.cursor) < m.top {
		m.top--
		return
	}
	if m.cursor > 0 {
		if m.stopsAt(m.cursor - 1) {
			m.showGap(m.cursor - 1)
			return
		}
		m.cursor--
		m.ensureVisible()
	}
}

// scrollBy moves the view by n lines and the cursor to the first item that
// starts in view (or the item filling it). The cursor never moves against
// the scroll: at either end it goes to the first or last item.
func (m *Model) scrollBy(n int) {
	before := m.top
	m.top += n
	m.clampTop()
	m.top = m.gapStop(before, m.top)
	m.ensureRendered()
	i := m.itemAt(m.top)
	if m.lay.offset(i) < m.top && i+1 < len(m.items) && m.lay.offset(i+1) < m.top+m.height {
		i++
	}
	switch { // the cursor rests on an event, on the side it came from
	case m.stopsAt(i) && n > 0:
		i--
	case m.stopsAt(i):
		i++
	}
	i = max(min(i, m.lastSelectable()), 0)
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
	if p, ok := m.groupHead(*it); ok { // a patch group opens to its pushes
		m.openGroups[p.group.ID] = !m.openGroups[p.group.ID]
		m.rebuild(m.events, m.gaps, m.status)
		if m.openGroups[p.group.ID] {
			m.revealBelow(m.cursor)
		}
		return
	}
	if !m.expandable(*it) {
		return
	}
	it.expanded = !it.expanded
	m.invalidate(m.cursor) // only this item: the others keep their place
	m.renderItem(m.cursor)
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
	m.renderKeepingView(m.cursor)
	itemTop, itemBottom := m.lay.offset(m.cursor), m.lay.offset(m.cursor+1)-1
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
	m.top = max(0, min(m.top, m.lay.total()-m.height))
}

// View draws the visible lines with the selection gutter.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if !m.hasPR {
		return padLines([]string{m.common.Styles.Muted.Render(common.Truncate("  no pull request selected", m.width))}, m.height)
	}
	if m.width <= gutterWidth {
		return padLines(nil, m.height) // no room for a character after the gutter
	}
	lines := make([]string, 0, m.height)
	i := m.itemAt(m.top)
	for y := m.top; y < m.top+m.height && i < len(m.items); i++ {
		it := m.items[i]
		if it.lines == nil {
			break // not rendered: never render here; Update renders what is in view
		}
		gutter := "  "
		if i == m.cursor {
			gutter = m.common.Styles.SelectedMark.Render(m.cursorGlyph()) + " "
		}
		for l := y - m.lay.offset(i); l < len(it.lines) && y < m.top+m.height; l++ {
			g, line := gutter, it.lines[l]
			if l == len(it.lines)-1 && it.kind != kindFooter {
				g = "  " // the separator line belongs to no one
			} else if y == m.top && l > 0 && i == m.cursor && it.kind == kindEvent {
				// The cursor's event scrolled past its first line (who,
				// what, when) keeps it pinned on the top row, as editors
				// pin the enclosing function: inside a long message, and on
				// each n to another push of one patch, the top says which.
				line = it.lines[0]
			}
			lines = append(lines, g+line)
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
