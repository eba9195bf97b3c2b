package common

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"
)

// Scope is where an action's keys are live: a key may serve two actions
// only when no pane ever sees both.
type Scope int

// The scopes: everywhere, the list pane, the detail pane, or both panes'
// moves.
const (
	ScopeGlobal Scope = iota
	ScopeList
	ScopeDetail
	ScopeNav
)

// Overlaps says whether a key could reach actions of both scopes.
func (s Scope) Overlaps(o Scope) bool {
	if s == o || s == ScopeGlobal || o == ScopeGlobal {
		return true
	}
	return s == ScopeNav || o == ScopeNav
}

// Action is a builtin a key can be bound to in the config (ui keeps their
// one table, with the bindings behind each).
type Action struct {
	Name  string
	Scope Scope
}

// keyNames are the names Bubble Tea gives keys that are not characters
// ("enter", "ctrl+j", "pgdown"), read from Bubble Tea itself so they match
// what key.Matches compares.
var keyNames = func() map[string]bool {
	names := map[string]bool{}
	for t := tea.KeyType(-128); t <= 127; t++ {
		if t == tea.KeyRunes {
			continue
		}
		if s := t.String(); s != "" {
			names[s] = true
		}
	}
	return names
}()

// ParseKey checks a key as a config spells it and returns it as Bubble Tea
// names it: a character ("j", "?"), a named key ("enter", "ctrl+j",
// "shift+tab", "pgdown", "f5"), "space", each optionally "alt+…".
func ParseKey(s string) (string, error) {
	rest, alt := strings.CutPrefix(s, "alt+")
	if rest == "space" {
		rest = " "
	}
	ok := keyNames[rest]
	if r, size := utf8.DecodeRuneInString(rest); !ok && size == len(rest) && r != utf8.RuneError && unicode.IsPrint(r) {
		ok = true
	}
	if !ok || rest == "" {
		return "", fmt.Errorf("%q is not a key: want a character, or a name such as enter, tab, esc, space, ctrl+j, pgdown, f5 (optionally alt+…)", s)
	}
	if alt {
		return "alt+" + rest, nil
	}
	return rest, nil
}

// KeyHelp is how a key reads in the help: " " reads "space".
func KeyHelp(k string) string {
	return strings.ReplaceAll(k, " ", "space")
}
