package common

import (
	"fmt"
	"strconv"

	"github.com/charmbracelet/lipgloss"
)

// Color is a theme colour: "#rrggbb" or an ANSI number ("0".."255"). Light
// and Dark differ for an adaptive colour, chosen by the terminal's
// background; a plain colour has both the same.
type Color struct {
	Light, Dark string
}

// Theme maps style names (ThemeNames) to colours.
type Theme map[string]Color

// themeSetters says which styles each theme name colours. "accent" comes
// first so a more specific name ("author") set beside it still wins.
var themeSetters = []struct {
	name string
	set  func(s *Styles, c lipgloss.TerminalColor)
}{
	{"accent", func(s *Styles, c lipgloss.TerminalColor) {
		s.SelectedMark = s.SelectedMark.Foreground(c)
		s.PaneBorderFocused = s.PaneBorderFocused.BorderForeground(c)
		s.StatusRepo = s.StatusRepo.Foreground(c)
		s.Author = s.Author.Foreground(c)
	}},
	{"author", func(s *Styles, c lipgloss.TerminalColor) { s.Author = s.Author.Foreground(c) }},
	{"border", func(s *Styles, c lipgloss.TerminalColor) { s.PaneBorder = s.PaneBorder.BorderForeground(c) }},
	{"closed", func(s *Styles, c lipgloss.TerminalColor) { s.StateClosed = s.StateClosed.Foreground(c) }},
	{"diff_added", func(s *Styles, c lipgloss.TerminalColor) { s.DiffAdded = s.DiffAdded.Foreground(c) }},
	{"diff_removed", func(s *Styles, c lipgloss.TerminalColor) { s.DiffRemoved = s.DiffRemoved.Foreground(c) }},
	{"draft", func(s *Styles, c lipgloss.TerminalColor) { s.StateDraft = s.StateDraft.Foreground(c) }},
	{"error", func(s *Styles, c lipgloss.TerminalColor) { s.Error = s.Error.Foreground(c) }},
	{"label", func(s *Styles, c lipgloss.TerminalColor) { s.Label = s.Label.Foreground(c) }},
	{"loading", func(s *Styles, c lipgloss.TerminalColor) { s.Loading = s.Loading.Foreground(c) }},
	{"merged", func(s *Styles, c lipgloss.TerminalColor) { s.StateMerged = s.StateMerged.Foreground(c) }},
	{"muted", func(s *Styles, c lipgloss.TerminalColor) { s.Muted = s.Muted.Foreground(c) }},
	{"number", func(s *Styles, c lipgloss.TerminalColor) { s.Number = s.Number.Foreground(c) }},
	{"open", func(s *Styles, c lipgloss.TerminalColor) { s.StateOpen = s.StateOpen.Foreground(c) }},
	{"selected", func(s *Styles, c lipgloss.TerminalColor) { s.Selected = s.Selected.Foreground(c) }},
	{"sha", func(s *Styles, c lipgloss.TerminalColor) { s.SHA = s.SHA.Foreground(c) }},
	{"status", func(s *Styles, c lipgloss.TerminalColor) { s.StatusBar = s.StatusBar.Foreground(c) }},
	{"status_repo", func(s *Styles, c lipgloss.TerminalColor) { s.StatusRepo = s.StatusRepo.Foreground(c) }},
	{"title", func(s *Styles, c lipgloss.TerminalColor) { s.Title = s.Title.Foreground(c) }},
	{"warning", func(s *Styles, c lipgloss.TerminalColor) { s.StatusWarning = s.StatusWarning.Foreground(c) }},
}

// ThemeNames are the names a theme may colour, in the order they apply.
func ThemeNames() []string {
	names := make([]string, len(themeSetters))
	for i, t := range themeSetters {
		names[i] = t.name
	}
	return names
}

// ApplyTheme colours s as theme says; names it does not set keep their
// default. Colours must have passed CheckColor.
func ApplyTheme(s *Styles, theme Theme) {
	for _, t := range themeSetters {
		if c, ok := theme[t.name]; ok {
			t.set(s, c.terminal())
		}
	}
}

func (c Color) terminal() lipgloss.TerminalColor {
	if c.Light == c.Dark {
		return lipgloss.Color(c.Light)
	}
	return lipgloss.AdaptiveColor{Light: c.Light, Dark: c.Dark}
}

// CheckColor accepts what lipgloss draws faithfully: "#rrggbb", "#rgb", or
// an ANSI colour number 0..255.
func CheckColor(s string) error {
	if len(s) > 0 && s[0] == '#' {
		if len(s) != 7 && len(s) != 4 {
			return fmt.Errorf("%q is not a colour: want #rrggbb, #rgb or an ANSI number 0..255", s)
		}
		if _, err := strconv.ParseUint(s[1:], 16, 32); err != nil {
			return fmt.Errorf("%q is not a colour: want #rrggbb, #rgb or an ANSI number 0..255", s)
		}
		return nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 255 || s != strconv.Itoa(n) {
		return fmt.Errorf("%q is not a colour: want #rrggbb, #rgb or an ANSI number 0..255", s)
	}
	return nil
}
