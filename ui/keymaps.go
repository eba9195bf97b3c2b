package ui

import (
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"

	"github.com/prscope/prscope/config"
	"github.com/prscope/prscope/ui/cihistory"
	"github.com/prscope/prscope/ui/common"
	"github.com/prscope/prscope/ui/detail"
	"github.com/prscope/prscope/ui/prlist"
)

// KeyMaps are every component's bindings together: what a config remaps.
type KeyMaps struct {
	Root    KeyMap
	List    prlist.KeyMap
	Detail  detail.KeyMap
	History cihistory.KeyMap
}

// DefaultKeyMaps returns each component's default bindings.
func DefaultKeyMaps() KeyMaps {
	return KeyMaps{Root: DefaultKeyMap(), List: prlist.DefaultKeyMap(), Detail: detail.DefaultKeyMap(), History: cihistory.DefaultKeyMap()}
}

// Remap binds an action of the table (bindable) to a key.
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

// bindable is the one table of what a config may bind a key to: each
// action's name, where its keys are live (common.Scope) and the bindings
// behind it, in the order `prscope config` lists them. The moves live in
// both panes' maps, so one remap moves both.
var bindable = []struct {
	common.Action
	bindings func(k *KeyMaps) []*key.Binding
}{
	{common.Action{Name: "up", Scope: common.ScopeNav}, func(k *KeyMaps) []*key.Binding { return []*key.Binding{&k.List.Up, &k.Detail.Up, &k.History.Up} }},
	{common.Action{Name: "down", Scope: common.ScopeNav}, func(k *KeyMaps) []*key.Binding { return []*key.Binding{&k.List.Down, &k.Detail.Down, &k.History.Down} }},
	{common.Action{Name: "top", Scope: common.ScopeNav}, func(k *KeyMaps) []*key.Binding { return []*key.Binding{&k.List.Top, &k.Detail.Top, &k.History.Top} }},
	{common.Action{Name: "bottom", Scope: common.ScopeNav}, func(k *KeyMaps) []*key.Binding {
		return []*key.Binding{&k.List.Bottom, &k.Detail.Bottom, &k.History.Bottom}
	}},
	{common.Action{Name: "half_page_up", Scope: common.ScopeNav}, func(k *KeyMaps) []*key.Binding {
		return []*key.Binding{&k.List.HalfPageUp, &k.Detail.HalfPageUp, &k.History.HalfPageUp}
	}},
	{common.Action{Name: "half_page_down", Scope: common.ScopeNav}, func(k *KeyMaps) []*key.Binding {
		return []*key.Binding{&k.List.HalfPageDn, &k.Detail.HalfPageDn, &k.History.HalfPageDn}
	}},
	{common.Action{Name: "page_up", Scope: common.ScopeNav}, func(k *KeyMaps) []*key.Binding {
		return []*key.Binding{&k.List.PageUp, &k.Detail.PageUp, &k.History.PageUp}
	}},
	{common.Action{Name: "page_down", Scope: common.ScopeNav}, func(k *KeyMaps) []*key.Binding {
		return []*key.Binding{&k.List.PageDown, &k.Detail.PageDown, &k.History.PageDown}
	}},
	{common.Action{Name: "open", Scope: common.ScopeList}, func(k *KeyMaps) []*key.Binding { return []*key.Binding{&k.Root.Open} }},
	{common.Action{Name: "filter_list", Scope: common.ScopeList}, func(k *KeyMaps) []*key.Binding { return []*key.Binding{&k.Root.Filter} }},
	{common.Action{Name: "search_github", Scope: common.ScopeList}, func(k *KeyMaps) []*key.Binding { return []*key.Binding{&k.Root.Search} }},
	{common.Action{Name: "filter_bar", Scope: common.ScopeList}, func(k *KeyMaps) []*key.Binding { return []*key.Binding{&k.Root.FilterBar} }},
	{common.Action{Name: "toggle", Scope: common.ScopeDetail}, func(k *KeyMaps) []*key.Binding { return []*key.Binding{&k.Detail.Toggle, &k.History.Toggle} }},
	{common.Action{Name: "filter_timeline", Scope: common.ScopeDetail}, func(k *KeyMaps) []*key.Binding { return []*key.Binding{&k.Detail.Filter} }},
	{common.Action{Name: "hide_accidental", Scope: common.ScopeDetail}, func(k *KeyMaps) []*key.Binding { return []*key.Binding{&k.Detail.Accidental} }},
	{common.Action{Name: "search", Scope: common.ScopeDetail}, func(k *KeyMaps) []*key.Binding { return []*key.Binding{&k.Detail.Search} }},
	{common.Action{Name: "next_match", Scope: common.ScopeDetail}, func(k *KeyMaps) []*key.Binding { return []*key.Binding{&k.Detail.NextMatch} }},
	{common.Action{Name: "prev_match", Scope: common.ScopeDetail}, func(k *KeyMaps) []*key.Binding { return []*key.Binding{&k.Detail.PrevMatch} }},
	{common.Action{Name: "revision_diff", Scope: common.ScopeDetail}, func(k *KeyMaps) []*key.Binding { return []*key.Binding{&k.Detail.RevisionDiff} }},
	{common.Action{Name: "next_version", Scope: common.ScopeDetail}, func(k *KeyMaps) []*key.Binding { return []*key.Binding{&k.Detail.NextVersion} }},
	{common.Action{Name: "prev_version", Scope: common.ScopeDetail}, func(k *KeyMaps) []*key.Binding { return []*key.Binding{&k.Detail.PrevVersion} }},
	{common.Action{Name: "ci_history", Scope: common.ScopeDetail}, func(k *KeyMaps) []*key.Binding { return []*key.Binding{&k.Root.History} }},
	{common.Action{Name: "read_log", Scope: common.ScopeDetail}, func(k *KeyMaps) []*key.Binding { return []*key.Binding{&k.History.Log} }},
	{common.Action{Name: "next_pane", Scope: common.ScopeGlobal}, func(k *KeyMaps) []*key.Binding { return []*key.Binding{&k.Root.NextPane} }},
	{common.Action{Name: "prev_pane", Scope: common.ScopeGlobal}, func(k *KeyMaps) []*key.Binding { return []*key.Binding{&k.Root.PrevPane} }},
	{common.Action{Name: "back", Scope: common.ScopeGlobal}, func(k *KeyMaps) []*key.Binding { return []*key.Binding{&k.Root.Back} }},
	{common.Action{Name: "reload", Scope: common.ScopeGlobal}, func(k *KeyMaps) []*key.Binding { return []*key.Binding{&k.Root.Reload} }},
	{common.Action{Name: "reload_list", Scope: common.ScopeGlobal}, func(k *KeyMaps) []*key.Binding { return []*key.Binding{&k.Root.ReloadList} }},
	{common.Action{Name: "open_web", Scope: common.ScopeGlobal}, func(k *KeyMaps) []*key.Binding { return []*key.Binding{&k.Root.OpenWeb} }},
	{common.Action{Name: "copy_url", Scope: common.ScopeGlobal}, func(k *KeyMaps) []*key.Binding { return []*key.Binding{&k.Root.CopyURL} }},
	{common.Action{Name: "copy_id", Scope: common.ScopeGlobal}, func(k *KeyMaps) []*key.Binding { return []*key.Binding{&k.Root.CopyID} }},
	{common.Action{Name: "next_tab", Scope: common.ScopeGlobal}, func(k *KeyMaps) []*key.Binding { return []*key.Binding{&k.Root.NextTab} }},
	{common.Action{Name: "prev_tab", Scope: common.ScopeGlobal}, func(k *KeyMaps) []*key.Binding { return []*key.Binding{&k.Root.PrevTab} }},
	{common.Action{Name: "help", Scope: common.ScopeGlobal}, func(k *KeyMaps) []*key.Binding { return []*key.Binding{&k.Root.Help} }},
	{common.Action{Name: "quit", Scope: common.ScopeGlobal}, func(k *KeyMaps) []*key.Binding { return []*key.Binding{&k.Root.Quit} }},
}

// lookupAction finds an action of the table by name.
func lookupAction(name string) (common.Action, bool) {
	for _, a := range bindable {
		if a.Name == name {
			return a.Action, true
		}
	}
	return common.Action{}, false
}

// ActionNames are the bindable a config may bind, in the table's order.
func ActionNames() []string {
	names := make([]string, len(bindable))
	for i, a := range bindable {
		names[i] = a.Name
	}
	return names
}

// bindings are the bindings behind action; nil for no action.
func (k *KeyMaps) bindings(action string) []*key.Binding {
	for _, a := range bindable {
		if a.Name == action {
			return a.bindings(k)
		}
	}
	return nil
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
// would then serve two bindable a pane can see at once is an error.
func (k *KeyMaps) Remap(remaps []Remap) error {
	keys := map[string][]string{}
	last := map[string]int{} // action → its last remap, to blame for a clash
	for i, r := range remaps {
		if _, ok := lookupAction(r.Action); !ok {
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
		a, _ := lookupAction(r.Action)
		for _, other := range bindable {
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

func actionList() string { return strings.Join(ActionNames(), ", ") }

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

// Actions are the names of the bindable bindings may name.
func (configKeys) Actions() []string { return ActionNames() }
