package ui

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the bindings the root handles itself; the panes have their own.
type KeyMap struct {
	NextPane   key.Binding
	PrevPane   key.Binding
	Open       key.Binding
	Back       key.Binding
	Reload     key.Binding
	ReloadList key.Binding
	Filter     key.Binding
	Search     key.Binding
	FilterBar  key.Binding
	OpenWeb    key.Binding
	CopyURL    key.Binding
	CopyID     key.Binding
	// History toggles the detail pane between the timeline and the CI
	// history.
	History key.Binding
	// NextTab and PrevTab switch repositories; Tabs enables them when
	// there is more than one, so the help shows them only then.
	NextTab key.Binding
	PrevTab key.Binding
	Help    key.Binding
	Quit    key.Binding
}

// DefaultKeyMap returns the root's default bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		NextPane:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next pane")),
		PrevPane:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous pane")),
		Open:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open PR")),
		Back:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Reload:     key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "revalidate PR")),
		ReloadList: key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "revalidate list")),
		Filter:     key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter the list")),
		Search:     key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "search GitHub")),
		FilterBar:  key.NewBinding(key.WithKeys("F"), key.WithHelp("F", "edit filters: state, author, base, head, label")),
		OpenWeb:    key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open in browser")),
		CopyURL:    key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy URL")),
		CopyID:     key.NewBinding(key.WithKeys("Y"), key.WithHelp("Y", "copy SHA / number")),
		History:    key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "CI history / timeline")),
		NextTab:    key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "next repository"), key.WithDisabled()),
		PrevTab:    key.NewBinding(key.WithKeys("["), key.WithHelp("[", "previous repository"), key.WithDisabled()),
		Help:       key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Quit:       key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.NextPane, k.Reload, k.Help, k.Quit}
}

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.NextPane, k.PrevPane, k.Back, k.Reload, k.ReloadList}, {k.OpenWeb, k.CopyURL, k.CopyID, k.PrevTab, k.NextTab}, {k.Help, k.Quit}}
}

// DetailHelp are the root's keys that act in the detail pane only.
func (k KeyMap) DetailHelp() []key.Binding { return []key.Binding{k.History} }

// ListHelp are the root's keys that act in the list only; the help shows
// them with the list's own.
func (k KeyMap) ListHelp() []key.Binding {
	return []key.Binding{k.Open, k.Filter, k.Search, k.FilterBar}
}
