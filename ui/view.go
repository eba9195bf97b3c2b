package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	gh "github.com/prscope/prscope/github"
	"github.com/prscope/prscope/ui/common"
	"github.com/prscope/prscope/ui/statusbar"
)

const (
	// Below this width one pane shows at a time.
	narrowWidth = 100
	minWidth    = 20
	minHeight   = 5
)

func (m *Model) setSize(w, h int) {
	m.width, m.height = w, h
	m.layout()
}

func (m Model) narrow() bool { return m.width < narrowWidth }

// layout gives each pane its inner size (inside its border).
func (m *Model) layout() {
	if m.width < minWidth || m.height < minHeight {
		return
	}
	paneHeight := m.height - 1 - 2 // status bar, border
	m.status.SetSize(m.width, 1)
	m.bar.SetSize(m.width, 1)
	m.help.Width = m.width
	listWidth, detailWidth := m.width-2, m.width-2
	if !m.narrow() {
		listOuter := m.width * 2 / 5
		listWidth, detailWidth = listOuter-2, m.width-listOuter-2
	}
	m.list.SetSize(listWidth, paneHeight-m.search.chrome())
	m.search.setSize(listWidth, paneHeight)
	m.filter.results.SetSize(listWidth, paneHeight)
	m.detail.SetSize(detailWidth, paneHeight)
	// Narrow, the one pane shown is the focused one.
	s := m.common.Styles
	listStyle, detailStyle := s.PaneBorderFocused, s.PaneBorderFocused
	if !m.narrow() && m.focus == listPane {
		detailStyle = s.PaneBorder
	} else if !m.narrow() {
		listStyle = s.PaneBorder
	}
	m.frames.list = common.NewFrame(listStyle, listWidth, paneHeight)
	m.frames.detail = common.NewFrame(detailStyle, detailWidth, paneHeight)
}

func (m *Model) refreshStatus() {
	loaded := m.list.PagedLen()
	total, exact := m.listInfo.Total, m.listNext == 0 && loaded > 0
	if exact {
		total = loaded
	}
	m.status.SetInfo(statusbar.Info{
		Repo:      m.cfg.Repo.String(),
		Loaded:    loaded,
		Total:     total,
		TotalKnow: exact,
		Spinner:   m.spinner.View(),
		Busy:      m.inFlight > 0,
		Err:       m.lastErr,
		Anonymous: !m.cfg.Source.Authenticated() && !m.cfg.Demo,
		Identity:  m.identity,
		Demo:      m.cfg.Demo,
		Rate:      m.cfg.Source.RateLimit(),
		CachedAt:  m.listCachedAt(),
		Search:    m.searchStatus(),
		Notice:    m.notice,
		State:     m.cfg.State,
		Now:       m.cfg.Now(),
		HelpKey:   m.KeyMap.Help.Help().Key,
	})
}

// listView is the list, or the filter's results while it is on.
func (m Model) listView() string {
	if v, ok := m.searchView(); ok {
		return v
	}
	if m.filter.active {
		return m.filter.results.View()
	}
	return m.list.View()
}

// searchStatus is the list filter's or the timeline search's status line.
func (m Model) searchStatus() string {
	if m.focus == detailPane {
		if s := m.detail.SearchStatus(); s != "" {
			return s
		}
	} else if s := m.filterStatus(); s != "" {
		return s
	}
	if m.search.active && m.lastErr == "" {
		// --author/--label/… and s searches: what the list is narrowed to
		// (the list's banner says it too, so an error may take the room).
		// Cut short: an error after it must stay readable.
		return common.Truncate("search: "+m.search.query, 40)
	}
	return ""
}

// listCachedAt is when the list's first page was last validated, when an
// old cached copy is what is shown.
func (m Model) listCachedAt() time.Time {
	if m.listInfo.From == gh.CacheStale {
		return m.listInfo.StoredAt
	}
	return time.Time{}
}

// View composes the panes and the status bar. It only lays out strings the
// components have ready.
func (m Model) View() string {
	if m.width == 0 {
		return ""
	}
	if m.width < minWidth || m.height < minHeight {
		if m.width < len("terminal too small") {
			return "too small"[:min(m.width, 9)]
		}
		return "terminal too small"
	}
	var body string
	switch {
	case m.showHelp:
		body = m.helpView(m.width, m.height-1)
	case m.narrow() && m.focus == listPane:
		body = m.frames.list.Render(m.listView())
	case m.narrow():
		body = m.frames.detail.Render(m.detail.View())
	default:
		body = joinColumns(m.frames.list.Render(m.listView()), m.frames.detail.Render(m.detail.View()))
	}
	bottom := m.status.View()
	if m.bar.Focused() {
		bottom = m.bar.View() // the filter bar edits where the status is read
	}
	screen := body + "\n" + bottom
	if m.cfg.ASCII {
		screen = common.ASCII(screen)
	}
	return screen
}

// joinColumns puts two blocks of equal height side by side.
func joinColumns(left, right string) string {
	l, r := strings.Split(left, "\n"), strings.Split(right, "\n")
	var b strings.Builder
	for i := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l[i])
		if i < len(r) {
			b.WriteString(r[i])
		}
	}
	return b.String()
}

func (m Model) helpView(w, h int) string {
	hm := m.help
	hm.ShowAll = true
	hm.Width = 0 // measure whole; section below decides how to fit
	section := func(groups [][]key.Binding) string {
		if view := hm.FullHelpView(groups); lipgloss.Width(view) <= w-4 {
			return view
		}
		// Too wide side by side: two columns, then one, so no key is cut off.
		var all []key.Binding
		for _, g := range groups {
			all = append(all, g...)
		}
		half := (len(all) + 1) / 2
		if view := hm.FullHelpView([][]key.Binding{all[:half], all[half:]}); lipgloss.Width(view) <= w-4 {
			return view
		}
		return hm.FullHelpView([][]key.Binding{all})
	}
	text := "prscope — keys\n\n"
	for _, sec := range keySections(m.list.KeyMap, m.detail.KeyMap, m.KeyMap, m.bar.KeyMap) {
		text += sec.Title + "\n" + section(sec.Groups) + "\n\n"
	}
	text += m.KeyMap.Help.Help().Key + " or " + m.KeyMap.Back.Help().Key + " to close"
	lines := strings.Split(m.common.Styles.HelpOverlay.Render(text), "\n")
	for i := range lines {
		lines[i] = ansi.Truncate(lines[i], w, "…")
	}
	// Taller than the terminal: it scrolls (j/k), and says there is more.
	top := max(min(m.helpTop, len(lines)-h), 0)
	lines = lines[top:]
	if len(lines) > h && h > 1 {
		more := fmt.Sprintf("  ↓ %d more lines (%s)", len(lines)-(h-1), m.list.KeyMap.Down.Help().Key)
		lines = append(lines[:h-1], m.common.Styles.Muted.Render(ansi.Truncate(more, w, "…")))
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines[:h], "\n")
}
