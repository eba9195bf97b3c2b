package ui

import (
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"

	"github.com/prscope/prscope/config"
	"github.com/prscope/prscope/ui/common"
	"github.com/prscope/prscope/ui/detail"
	"github.com/prscope/prscope/ui/prlist"
)

// KeyMaps are every component's bindings together: what a config remaps.
type KeyMaps struct {
	Root   KeyMap
	List   prlist.KeyMap
	Detail detail.KeyMap
}

// DefaultKeyMaps returns each component's default bindings.
func DefaultKeyMaps() KeyMaps {
	return KeyMaps{Root: DefaultKeyMap(), List: prlist.DefaultKeyMap(), Detail: detail.DefaultKeyMap()}
}

// Remap binds a builtin action (common.Actions) to a key.
type Remap struct {
	Key    string // as common.ParseKey returns it
	Action string
}

// RemapError says which remap could not be applied, and why.
type RemapError struct {
	Index int // into the remaps given
	Field string
	Msg   string
}

func (e *RemapError) Error() string {
	return fmt.Sprintf("keybindings[%d].%s: %s", e.Index, e.Field, e.Msg)
}

// bindings is the registry: the bindings behind each action. The moves
// live in both panes' maps, so one remap moves both.
func (k *KeyMaps) bindings(action string) []*key.Binding {
	l, d, r := &k.List, &k.Detail, &k.Root
	switch action {
	case "up":
		return []*key.Binding{&l.Up, &d.Up}
	case "down":
		return []*key.Binding{&l.Down, &d.Down}
	case "top":
		return []*key.Binding{&l.Top, &d.Top}
	case "bottom":
		return []*key.Binding{&l.Bottom, &d.Bottom}
	case "half_page_up":
		return []*key.Binding{&l.HalfPageUp, &d.HalfPageUp}
	case "half_page_down":
		return []*key.Binding{&l.HalfPageDn, &d.HalfPageDn}
	case "page_up":
		return []*key.Binding{&l.PageUp, &d.PageUp}
	case "page_down":
		return []*key.Binding{&l.PageDown, &d.PageDown}
	}
	one := map[string]*key.Binding{
		"open": &r.Open, "filter_list": &r.Filter, "search_github": &r.Search, "filter_bar": &r.FilterBar,
		"toggle": &d.Toggle, "filter_timeline": &d.Filter, "hide_accidental": &d.Accidental,
		"search": &d.Search, "next_match": &d.NextMatch, "prev_match": &d.PrevMatch,
		"revision_diff": &d.RevisionDiff,
		"next_pane":     &r.NextPane, "prev_pane": &r.PrevPane, "back": &r.Back,
		"reload": &r.Reload, "reload_list": &r.ReloadList,
		"open_web": &r.OpenWeb, "copy_url": &r.CopyURL, "copy_id": &r.CopyID,
		"next_tab": &r.NextTab, "prev_tab": &r.PrevTab,
		"help": &r.Help, "quit": &r.Quit,
	}[action]
	if one == nil {
		return nil
	}
	return []*key.Binding{one}
}

// Keys are the keys an action is bound to now.
func (k *KeyMaps) Keys(action string) []string {
	if b := k.bindings(action); len(b) > 0 {
		return b[0].Keys()
	}
	return nil
}

// Remap binds each action named in remaps to exactly the keys listed for
// it (as gh-dash's builtin keybindings replace the default), its help
// text following, so the help view shows the keys that work. A key that
// would then serve two actions a pane can see at once is an error.
func (k *KeyMaps) Remap(remaps []Remap) error {
	keys := map[string][]string{}
	last := map[string]int{} // action → its last remap, to blame for a clash
	for i, r := range remaps {
		if _, ok := common.LookupAction(r.Action); !ok || k.bindings(r.Action) == nil {
			return &RemapError{Index: i, Field: "action", Msg: fmt.Sprintf("%q is not an action: want one of %s", r.Action, actionList())}
		}
		keys[r.Action] = append(keys[r.Action], r.Key)
		last[r.Action] = i
	}
	for action, ks := range keys {
		for _, b := range k.bindings(action) {
			b.SetKeys(ks...)
			b.SetHelp(helpKeys(ks), b.Help().Desc)
		}
	}
	if _, ok := keys["next_match"]; ok || keys["prev_match"] != nil {
		// One help line says both: "n/N next/previous match".
		d := &k.Detail
		d.NextMatch.SetHelp(helpKeys(d.NextMatch.Keys())+"/"+helpKeys(d.PrevMatch.Keys()), d.NextMatch.Help().Desc)
	}
	return k.checkClashes(remaps, last)
}

// checkClashes finds a remapped key that another action a pane can see at
// the same time still has.
func (k *KeyMaps) checkClashes(remaps []Remap, last map[string]int) error {
	for i, r := range remaps {
		a, _ := common.LookupAction(r.Action)
		for _, other := range common.Actions {
			if other.Name == a.Name || !a.Scope.Overlaps(other.Scope) {
				continue
			}
			for _, ok := range k.Keys(other.Name) {
				if ok != r.Key {
					continue
				}
				if j, remapped := last[other.Name]; remapped && j > i {
					continue // blamed on the later entry
				}
				return &RemapError{Index: i, Field: "key", Msg: fmt.Sprintf("%q is already bound to %s", common.KeyHelp(r.Key), other.Name)}
			}
		}
	}
	return nil
}

func helpKeys(keys []string) string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = common.KeyHelp(k)
	}
	return strings.Join(out, "/")
}

func actionList() string {
	names := make([]string, len(common.Actions))
	for i, a := range common.Actions {
		names[i] = a.Name
	}
	return strings.Join(names, ", ")
}

// configKeys are key maps as the config package checks and prints them.
type configKeys struct{ *KeyMaps }

// ConfigKeys is the default key maps for config.Decode and
// config.Resolve, which hold the file's bindings as data and ask the UI
// whether they clash.
func ConfigKeys() config.KeyMap {
	k := DefaultKeyMaps()
	return configKeys{&k}
}

// KeyMapsOf is the key maps config resolved (from ConfigKeys).
func KeyMapsOf(k config.KeyMap) *KeyMaps { return k.(configKeys).KeyMaps }

func (c configKeys) Bind(bindings []config.Binding) error {
	remaps := make([]Remap, len(bindings))
	for i, b := range bindings {
		remaps[i] = Remap{Key: b.Key, Action: b.Action}
	}
	var re *RemapError
	if err := c.Remap(remaps); errors.As(err, &re) {
		return &config.BindError{Index: re.Index, Field: re.Field, Msg: re.Msg}
	} else if err != nil {
		return err
	}
	return nil
}
