package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

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
	m.help.Width = m.width
	if m.narrow() {
		m.list.SetSize(m.width-2, paneHeight)
		m.detail.SetSize(m.width-2, paneHeight)
		return
	}
	listOuter := m.width * 2 / 5
	m.list.SetSize(listOuter-2, paneHeight)
	m.detail.SetSize(m.width-listOuter-2, paneHeight)
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
		Demo:      m.cfg.Demo,
		Rate:      m.cfg.Source.RateLimit(),
		Now:       m.cfg.Now(),
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
	s := m.common.Styles
	paneHeight := m.height - 1 - 2
	var body string
	switch {
	case m.showHelp:
		body = m.helpView(m.width, m.height-1)
	case m.narrow():
		if m.focus == listPane {
			body = common.Box(s.PaneBorderFocused, m.list.View(), m.width-2, paneHeight)
		} else {
			body = common.Box(s.PaneBorderFocused, m.detail.View(), m.width-2, paneHeight)
		}
	default:
		listStyle, detailStyle := s.PaneBorder, s.PaneBorderFocused
		if m.focus == listPane {
			listStyle, detailStyle = s.PaneBorderFocused, s.PaneBorder
		}
		listOuter := m.width * 2 / 5
		left := common.Box(listStyle, m.list.View(), listOuter-2, paneHeight)
		right := common.Box(detailStyle, m.detail.View(), m.width-listOuter-2, paneHeight)
		body = joinColumns(left, right)
	}
	return body + "\n" + m.status.View()
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
	text := "prscope — keys\n\n" +
		"list\n" + hm.FullHelpView(m.list.FullHelp()) + "\n\n" +
		"detail\n" + hm.FullHelpView(m.detail.FullHelp()) + "\n\n" +
		"everywhere\n" + hm.FullHelpView(m.KeyMap.FullHelp()) + "\n\n" +
		"? or esc to close"
	lines := strings.Split(m.common.Styles.HelpOverlay.Render(text), "\n")
	for i := range lines {
		lines[i] = ansi.Truncate(lines[i], w, "…")
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines[:h], "\n")
}
