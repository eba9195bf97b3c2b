package ui

import (
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/prscope/prscope/ui/common"
)

func remapped(t *testing.T, remaps ...Remap) *KeyMaps {
	t.Helper()
	keys := DefaultKeyMaps()
	if err := keys.Remap(remaps); err != nil {
		t.Fatal(err)
	}
	return &keys
}

// TestRemappedKeyMovesAndTheHelpSaysSo: a key the config binds to "down"
// moves the list, the default j no longer does, and both the ? help and
// the status bar name the keys that work.
func TestRemappedKeyMovesAndTheHelpSaysSo(t *testing.T) {
	keys := remapped(t, Remap{Key: "ctrl+j", Action: "down"}, Remap{Key: "f1", Action: "help"})
	h := demoHarness(t, Config{Keys: keys}, 120, 40)
	h.run()
	if c := h.root().lists.list.Cursor(); c != 0 {
		t.Fatalf("cursor starts at %d", c)
	}
	h.send(tea.KeyMsg{Type: tea.KeyCtrlJ})
	if c := h.root().lists.list.Cursor(); c != 1 {
		t.Errorf("ctrl+j: cursor %d, want 1", c)
	}
	h.keys("j")
	if c := h.root().lists.list.Cursor(); c != 1 {
		t.Errorf("j is no longer down: cursor %d, want 1", c)
	}
	h.run()
	if v := h.view(); !strings.Contains(v, "f1 help") {
		t.Errorf("status bar does not name f1 for help:\n%s", v)
	}
	h.keys("?")
	if h.root().help.shown {
		t.Fatal("? still opens the help after help was remapped to f1")
	}
	h.send(tea.KeyMsg{Type: tea.KeyF1})
	v := h.view()
	if !h.root().help.shown {
		t.Fatalf("f1 does not open the help:\n%s", v)
	}
	// Both panes' moves were remapped: the list's and the timeline's.
	if n := strings.Count(v, "ctrl+j"); n < 2 {
		t.Errorf("the help names ctrl+j %d times, want it for the list and the timeline:\n%s", n, v)
	}
	if strings.Contains(v, "j/↓") {
		t.Errorf("the help still offers j/↓:\n%s", v)
	}
}

// TestRemapRefusesClashesAndUnknownActions: what the config reports with
// the file's line comes from here.
func TestRemapRefusesClashesAndUnknownActions(t *testing.T) {
	for _, tt := range []struct {
		remaps []Remap
		want   string // "" for no error
	}{
		{[]Remap{{"q", "down"}}, `keybindings[0].key: "q" is already bound to quit`},
		{[]Remap{{"n", "down"}}, `keybindings[0].key: "n" is already bound to next_match`},
		{[]Remap{{"x", "open"}}, ""}, // x hides references in the timeline; open is the list's
		{[]Remap{{"?", "quit"}, {"q", "help"}}, ""},
		{[]Remap{{"j", "down"}, {"j", "up"}}, `keybindings[1].key: "j" is already bound to down`},
		{[]Remap{{"z", "explode"}}, `keybindings[0].action: "explode" is not an action`},
	} {
		keys := DefaultKeyMaps()
		err := keys.Remap(tt.remaps)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%v: %v", tt.remaps, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%v: error %v, want %q", tt.remaps, err, tt.want)
		}
	}
}

// TestEveryActionHasBindings: every row of the table has bindings with
// keys, and the defaults do not clash.
func TestEveryActionHasBindings(t *testing.T) {
	keys := DefaultKeyMaps()
	for _, name := range ActionNames() {
		if len(keys.Keys(name)) == 0 {
			t.Errorf("action %s has no binding", name)
		}
	}
	if err := keys.Remap(nil); err != nil {
		t.Errorf("the defaults clash: %v", err)
	}
}

var isoTime = regexp.MustCompile(`\d{4}-\d\d-\d\d \d\d:\d\d`)

// TestDatesRelativeOrAbsolute: the same screen in each date style.
func TestDatesRelativeOrAbsolute(t *testing.T) {
	view := func(d common.DateStyle) string {
		h := demoHarness(t, Config{Number: 11, Dates: d}, 160, 45)
		h.run()
		return h.view()
	}
	mixed, rel, abs := view(common.DatesMixed), view(common.DatesRelative), view(common.DatesAbsolute)
	if !isoTime.MatchString(mixed) || !regexp.MustCompile(` \d+[a-z]+│`).MatchString(mixed) {
		t.Errorf("default: want timestamps in the timeline and ages in the list:\n%s", mixed)
	}
	if isoTime.MatchString(rel) || !strings.Contains(rel, "created ") || !strings.Contains(rel, " ago") {
		t.Errorf("relative: want no timestamps, ages instead:\n%s", rel)
	}
	if !isoTime.MatchString(abs) || !regexp.MustCompile(` \d{4}-\d\d-\d\d│`).MatchString(abs) {
		t.Errorf("absolute: want timestamps, and days in the list:\n%s", abs)
	}
}

// TestThemeRecolours: a theme colour reaches the style and the screen.
func TestThemeRecolours(t *testing.T) {
	s := common.DefaultStyles()
	common.ApplyTheme(s, common.Theme{
		"sha":    {Light: "#ff0000", Dark: "#ff0000"},
		"accent": {Light: "#111111", Dark: "#eeeeee"},
		"author": {Light: "5", Dark: "5"},
	})
	if got := s.SHA.GetForeground(); got != lipgloss.Color("#ff0000") {
		t.Errorf("SHA colour = %v", got)
	}
	if got := s.SelectedMark.GetForeground(); got != (lipgloss.AdaptiveColor{Light: "#111111", Dark: "#eeeeee"}) {
		t.Errorf("accent did not reach the selection mark: %v", got)
	}
	if got := s.Author.GetForeground(); got != lipgloss.Color("5") {
		t.Errorf("author set beside accent should win: %v", got)
	}
	if got := common.DefaultStyles().SHA.GetForeground(); got == lipgloss.Color("#ff0000") {
		t.Error("the default styles changed")
	}

	lipgloss.SetColorProfile(termenv.TrueColor)
	defer lipgloss.SetColorProfile(termenv.Ascii)
	red := "38;2;255;0;0m"
	plain := demoHarness(t, Config{Number: 11}, 160, 45)
	plain.run()
	themed := demoHarness(t, Config{Number: 11, Theme: common.Theme{"sha": {Light: "#ff0000", Dark: "#ff0000"}}}, 160, 45)
	themed.run()
	if strings.Contains(plain.view(), red) {
		t.Fatal("red without a theme")
	}
	if !strings.Contains(themed.view(), red) {
		t.Errorf("the themed SHA is not red:\n%q", themed.view())
	}
}
