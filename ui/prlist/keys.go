package prlist

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/prscope/prscope/ui/common"
)

// KeyMap is the list's key bindings.
type KeyMap struct {
	common.NavKeys
}

// DefaultKeyMap returns the list's default bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{NavKeys: common.DefaultNavKeys("up", "down", "first", "last loaded")}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Up, k.Down} }

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Top, k.Bottom}, {k.HalfPageUp, k.HalfPageDn, k.PageUp, k.PageDown}}
}
