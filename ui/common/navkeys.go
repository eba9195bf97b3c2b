package common

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// NavKeys are the moves every scrolling pane has; each pane embeds them in
// its own KeyMap and names the moves in its own words.
type NavKeys struct {
	Up, Down               key.Binding
	Top, Bottom            key.Binding
	HalfPageUp, HalfPageDn key.Binding
	PageUp, PageDown       key.Binding
}

// DefaultNavKeys binds the moves, with the help words for the four that
// differ between panes.
func DefaultNavKeys(up, down, top, bottom string) NavKeys {
	return NavKeys{
		Up:         key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("k/↑", up)),
		Down:       key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("j/↓", down)),
		Top:        key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", top)),
		Bottom:     key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", bottom)),
		HalfPageUp: key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "half page up")),
		HalfPageDn: key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "half page down")),
		PageUp:     key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown:   key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
	}
}

// PageStep is how far a half-page or page key moves in a pane h lines
// high (a page keeps one line of the last in view), and whether msg is one.
func (k NavKeys) PageStep(msg tea.KeyMsg, h int) (int, bool) {
	half, page := max(h/2, 1), max(h-1, 1)
	switch {
	case key.Matches(msg, k.HalfPageDn):
		return half, true
	case key.Matches(msg, k.HalfPageUp):
		return -half, true
	case key.Matches(msg, k.PageDown):
		return page, true
	case key.Matches(msg, k.PageUp):
		return -page, true
	}
	return 0, false
}
