// Package common holds what every prscope UI component shares: the window
// size, the styles and the clock. One value is passed down from the root, as
// soft-serve does, so components never reach for globals.
package common

import (
	"time"

	"github.com/charmbracelet/bubbles/help"
)

// Common is the small shared context handed to every component; sizes
// come to each through SetSize.
type Common struct {
	Styles *Styles
	// Now is the clock used for relative ages; tests fix it so goldens are stable.
	Now func() time.Time
	// Dates is how times read (When, Since, Age).
	Dates DateStyle
	// Keys are the root's keys as bound, for the components that name
	// them in what they say ("r to retry").
	Keys RootKeys
}

// RootKeys are the root's keys components name: how each reads in help.
type RootKeys struct {
	Reload, Search string
}

// Retry is the hint an error ends with: "r to retry", with the key bound.
func (c Common) Retry() string { return orDefault(c.Keys.Reload, "r") + " to retry" }

// SearchKey is how the search key reads ("s" unless rebound).
func (c Common) SearchKey() string { return orDefault(c.Keys.Search, "s") }

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// New returns a Common with default styles and the wall clock.
func New() Common {
	return Common{Styles: DefaultStyles(), Now: time.Now, Keys: RootKeys{Reload: "r", Search: "s"}}
}

// Component is what the root model routes to. Update is left out on purpose:
// as in bubbles, each component's Update returns its own concrete type, so
// the root keeps values, not interfaces, and never type-asserts.
type Component interface {
	help.KeyMap
	SetSize(width, height int)
	Focus()
	Blur()
	View() string
}
