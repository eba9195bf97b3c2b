package detail

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"

	"github.com/prscope/prscope/ui/common"
)

// KeyMap is the detail pane's key bindings.
type KeyMap struct {
	common.NavKeys
	Toggle               key.Binding
	Filter               key.Binding
	Accidental           key.Binding
	Search               key.Binding
	NextMatch, PrevMatch key.Binding
	RevisionDiff         key.Binding
	// NextVersion and PrevVersion jump to the bot comment that announces
	// the next or previous version.
	NextVersion, PrevVersion key.Binding
}

// DefaultKeyMap returns the detail pane's default bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		NavKeys:    common.DefaultNavKeys("previous item", "next item", "top", "end of timeline"),
		Toggle:     key.NewBinding(key.WithKeys("enter", " "), key.WithHelp("enter/space", "expand/collapse")),
		Filter:     key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "all/comments/commits/state events")),
		Accidental: key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "hide/show likely-accidental references")),
		Search:     key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search the timeline")),
		NextMatch:  key.NewBinding(key.WithKeys("n"), key.WithHelp("n/N", "next/previous match")),
		PrevMatch:  key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous match")),
		RevisionDiff: key.NewBinding(key.WithKeys("d"),
			key.WithHelp("d", "message diff vs previous revision")),
		NextVersion: key.NewBinding(key.WithKeys("}"), key.WithHelp("}/{", "next/previous version")),
		PrevVersion: key.NewBinding(key.WithKeys("{"), key.WithHelp("{", "previous version")),
	}
}

// keyHint is the key a hint names for b: its first, as bound now (a
// remapped key is named as remapped), "enter" of "enter/space".
func keyHint(b key.Binding) string {
	if k, _, ok := strings.Cut(b.Help().Key, "/"); ok && k != "" {
		return k
	}
	return b.Help().Key
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Down, k.Up, k.Toggle} }

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.Top, k.Bottom},
		{k.HalfPageUp, k.HalfPageDn, k.PageUp, k.PageDown, k.Toggle},
		{k.Filter, k.Accidental, k.Search, k.NextMatch, k.RevisionDiff, k.NextVersion},
	}
}
