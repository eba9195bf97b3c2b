// Package config reads prscope's config file and merges it with the
// environment and the command line. It does no I/O: Decode takes the
// file's bytes and name, Resolve takes the environment as a function, so
// every rule here is tested without touching a disk.
package config

import (
	"fmt"

	"github.com/prscope/prscope/ui/common"
)

// Settings are what the top level and each repos: section may set; the
// zero value of a field means "not set here".
type Settings struct {
	Filters  Filters
	PageSize int
	Dates    common.DateStyle
	// Prefetch: fetch the rest of a PR the user rests on (ui.Config.Prefetch).
	Prefetch bool
	// Lines says where each setting was given ("filters.state" → 7).
	Lines map[string]int
}

// Filters narrow the list of pull requests.
type Filters struct {
	State, Author, Base, Head, Label string
}

// field is the filter a config key names ("state", "author", …), so the
// decoder, the lookup and the merge share one list; nil for no filter.
func (f *Filters) field(name string) *string {
	switch name {
	case "state":
		return &f.State
	case "author":
		return &f.Author
	case "base":
		return &f.Base
	case "head":
		return &f.Head
	case "label":
		return &f.Label
	}
	return nil
}

// Binding is one keybindings entry: a key for a builtin action.
type Binding struct {
	Key    string // as Bubble Tea names it (common.ParseKey)
	Action string
	Line   int
}

// File is a decoded, validated config file.
type File struct {
	Name string // as the user should read it, e.g. ~/.config/prscope/config.yml
	Repo string // the default OWNER/REPO; "" for none
	Settings
	Theme       common.Theme
	Keybindings []Binding
	// Repos are the per-repository sections, by OWNER/REPO as written.
	Repos map[string]Settings
}

// Error is a problem in a config file, placed at its line and key.
type Error struct {
	File string
	Line int
	Key  string // the setting's path, e.g. filters.state; "" for the file as a whole
	Msg  string
}

func (e *Error) Error() string {
	switch {
	case e.Key == "" && e.Line == 0:
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	case e.Key == "":
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d: %s: %s", e.File, e.Line, e.Key, e.Msg)
}
