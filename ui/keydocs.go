package ui

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"

	"github.com/prscope/prscope/ui/cihistory"
	"github.com/prscope/prscope/ui/detail"
	"github.com/prscope/prscope/ui/filterbar"
	"github.com/prscope/prscope/ui/prlist"
)

// KeySection is one titled group of bindings, as the help view shows them
// and the generated docs list them.
type KeySection struct {
	Title  string
	Groups [][]key.Binding
}

// keySections are the live bindings of the list, the timeline and the root:
// the help view (?) is drawn from them, so it tells the truth about keys.
func keySections(list, timeline, history help.KeyMap, root KeyMap, bar help.KeyMap) []KeySection {
	return []KeySection{
		{"list", append(list.FullHelp(), root.ListHelp())},
		{"timeline", append(timeline.FullHelp(), root.DetailHelp())},
		{"CI history (" + root.History.Help().Key + ")", history.FullHelp()},
		{"everywhere", root.FullHelp()},
		{"filter bar (F)", bar.FullHelp()},
	}
}

// DefaultKeySections are the default bindings, for the generated docs
// (man page, docs/prscope.md).
func DefaultKeySections() []KeySection {
	return keySections(prlist.DefaultKeyMap(), detail.DefaultKeyMap(), cihistory.DefaultKeyMap(), DefaultKeyMap(), filterbar.DefaultKeyMap())
}
