package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/prscope/prscope/github"
	"github.com/prscope/prscope/github/httpcache"
	"github.com/prscope/prscope/model"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/prscope/prscope/ui/common"
	"github.com/prscope/prscope/ui/statusbar"
	"github.com/prscope/prscope/ui/store"
)

const (
	// Below this width one pane shows at a time.
	narrowWidth = 100
	minWidth    = 20
	minHeight   = 5
)

// narrow: one pane shows at a time.
func narrow(width int) bool { return width < narrowWidth }

// layout gives each pane its inner size (inside its border).
func (m *Model) layout() {
	if m.width < minWidth || m.height < minHeight {
		return
	}
	paneHeight := m.height - 1 - 2 // status bar, border
	m.status.SetSize(m.width, 1)
	m.bar.SetSize(m.width, 1)
	m.help.model.Width = m.width
	listWidth, detailWidth := m.width-2, m.width-2
	if !narrow(m.width) {
		listOuter := m.width * 2 / 5
		listWidth, detailWidth = listOuter-2, m.width-listOuter-2
	}
	m.lists.setSize(listWidth, paneHeight)
	m.detail.SetSize(detailWidth, paneHeight)
	m.ci.view.SetSize(detailWidth, paneHeight)
	// Narrow, the one pane shown is the focused one.
	s := m.common.Styles
	listStyle, detailStyle := s.PaneBorderFocused, s.PaneBorderFocused
	if !narrow(m.width) && m.focus == listPane {
		detailStyle = s.PaneBorder
	} else if !narrow(m.width) {
		listStyle = s.PaneBorder
	}
	m.frames.list = common.NewFrame(listStyle, listWidth, paneHeight)
	m.frames.detail = common.NewFrame(detailStyle, detailWidth, paneHeight)
}

func (m *Model) refreshStatus() {
	loaded, list, noun := m.lists.list.PagedLen(), m.store.List, ""
	if m.lists.search.active {
		// The search's results are what the list pane counts: the
		// repository's list beside them said "100 of ≤5000" next to "282".
		loaded, list, noun = m.lists.search.results.PagedLen(), m.store.Search, "results"
	}
	total, exact := list.Info.Total, list.Next == 0 && loaded > 0
	if exact {
		total = loaded
	}
	var cachedAt time.Time
	if list.Info.From == httpcache.CacheStale {
		cachedAt = list.Info.StoredAt // an old cached copy is what is shown
	}
	detailSearch := ""
	if m.focus == detailPane {
		detailSearch = m.detail.SearchStatus()
	}
	m.status.SetInfo(statusbar.Info{
		Repo:      m.cfg.Repo.String(),
		Loaded:    loaded,
		Total:     total,
		TotalKnow: exact,
		Spinner:   m.spinner.View(),
		Busy:      m.store.InFlight() > 0,
		Err:       m.store.LastErr(),
		Anonymous: !m.cfg.Source.Authenticated() && !m.cfg.Demo,
		Identity:  m.store.Identity(),
		Demo:      m.cfg.Demo,
		Rate:      m.cfg.Source.RateLimit(),
		CachedAt:  cachedAt,
		Search:    m.lists.statusLine(detailSearch, m.focus == listPane, m.store.LastErr()),
		Notice:    m.notice,
		State:     m.cfg.State,
		Noun:      noun,
		RenamedTo: renamedTo(m.cfg.Source, m.cfg.Repo),
		NoneSent:  noneSent(m.cfg.Source),
		Now:       m.cfg.Now(),
		HelpKey:   m.KeyMap.Help.Help().Key,
	})
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
	case m.help.shown:
		body = m.help.view(m.width, m.height-1, m.common, m.KeyMap, m.lists.list.KeyMap.Down,
			keySections(m.lists.list.KeyMap, m.detail.KeyMap, m.ci.view.KeyMap, m.KeyMap, m.bar.KeyMap))
	case narrow(m.width) && m.focus == listPane:
		body = m.frames.list.Render(m.lists.view(m.store.Search))
	case narrow(m.width):
		body = m.frames.detail.Render(m.ci.face(m.detail))
	default:
		body = joinColumns(m.frames.list.Render(m.lists.view(m.store.Search)), m.frames.detail.Render(m.ci.face(m.detail)))
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

// helpScreen is the help over the panes (?): it scrolls (j/k) when taller
// than the terminal.
type helpScreen struct {
	shown bool
	top   int // the first line shown
	model help.Model
}

func newHelpScreen() helpScreen { return helpScreen{model: help.New()} }

func (h *helpScreen) toggle() { h.shown, h.top = !h.shown, 0 }

// key scrolls or closes the help.
func (h *helpScreen) key(k tea.KeyMsg, back, down, up key.Binding) {
	switch {
	case key.Matches(k, back):
		h.shown = false
	case key.Matches(k, down):
		h.top++
	case key.Matches(k, up):
		h.top = max(h.top-1, 0)
	}
}

func (h helpScreen) view(w, height int, c common.Common, root KeyMap, down key.Binding, sections []KeySection) string {
	hm := h.model
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
	for _, sec := range sections {
		text += sec.Title + "\n" + section(sec.Groups) + "\n\n"
	}
	text += root.Help.Help().Key + " or " + root.Back.Help().Key + " to close"
	lines := strings.Split(c.Styles.HelpOverlay.Render(text), "\n")
	for i := range lines {
		lines[i] = ansi.Truncate(lines[i], w, "…")
	}
	// Taller than the terminal: it scrolls (j/k), and says there is more.
	top := max(min(h.top, len(lines)-height), 0)
	lines = lines[top:]
	if len(lines) > height && height > 1 {
		// Padded to the width: --ascii writes "j/↓" out as "j/down" where a
		// line has room.
		more := fmt.Sprintf("  %d more lines below (%s)", len(lines)-(height-1), down.Help().Key)
		more = ansi.Truncate(more+strings.Repeat(" ", max(w-ansi.StringWidth(more), 0)), w, "…")
		lines = append(lines[:height-1], c.Styles.Muted.Render(more))
	}
	for len(lines) < height {
		lines = append(lines, "")
	}
	return strings.Join(lines[:height], "\n")
}

// noneSent reports that the source sent no request yet, when it counts.
func noneSent(src store.Source) bool {
	c, ok := src.(interface{ RequestsSent() int })
	return ok && c.RequestsSent() == 0
}

// renamedTo is repo's new name if the source found it renamed, else "".
func renamedTo(src store.Source, repo model.Repo) string {
	r, ok := src.(interface{ Renames() []github.Rename })
	if !ok {
		return ""
	}
	for _, mv := range r.Renames() {
		if strings.EqualFold(mv.From, repo.String()) {
			return mv.To
		}
	}
	return ""
}
