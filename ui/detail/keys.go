package detail

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the detail pane's key bindings.
type KeyMap struct {
	Up, Down               key.Binding
	Top, Bottom            key.Binding
	HalfPageUp, HalfPageDn key.Binding
	PageUp, PageDown       key.Binding
	Toggle                 key.Binding
	Filter                 key.Binding
	Accidental             key.Binding
	Search                 key.Binding
	NextMatch, PrevMatch   key.Binding
}

// DefaultKeyMap returns the detail pane's default bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:         key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("k/↑", "previous item")),
		Down:       key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("j/↓", "next item")),
		Top:        key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "top")),
		Bottom:     key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "end of timeline")),
		HalfPageUp: key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "half page up")),
		HalfPageDn: key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "half page down")),
		PageUp:     key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown:   key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Toggle:     key.NewBinding(key.WithKeys("enter", " "), key.WithHelp("enter/space", "expand/collapse")),
		Filter:     key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "all/comments/commits/state events")),
		Accidental: key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "hide/show likely-accidental references")),
		Search:     key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search the timeline")),
		NextMatch:  key.NewBinding(key.WithKeys("n"), key.WithHelp("n/N", "next/previous match")),
		PrevMatch:  key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous match")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Down, k.Up, k.Toggle} }

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.Top, k.Bottom},
		{k.HalfPageUp, k.HalfPageDn, k.PageUp, k.PageDown, k.Toggle},
		{k.Filter, k.Accidental, k.Search, k.NextMatch},
	}
}
