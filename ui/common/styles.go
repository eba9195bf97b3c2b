package common

import "github.com/charmbracelet/lipgloss"

// Styles are all of prscope's looks in one place. Colours are adaptive so
// both light and dark terminals stay readable; every meaning a colour carries
// is also carried by a word or glyph, so NO_COLOR loses nothing.
type Styles struct {
	App lipgloss.Style

	PaneBorder        lipgloss.Style
	PaneBorderFocused lipgloss.Style

	StateOpen   lipgloss.Style
	StateClosed lipgloss.Style
	StateMerged lipgloss.Style
	StateDraft  lipgloss.Style

	Selected      lipgloss.Style // the selected row's text
	SelectedMark  lipgloss.Style // the glyph in front of it
	Number        lipgloss.Style
	Author        lipgloss.Style
	Muted         lipgloss.Style
	Title         lipgloss.Style
	Label         lipgloss.Style
	Error         lipgloss.Style
	SHA           lipgloss.Style
	Loading       lipgloss.Style
	StatusBar     lipgloss.Style
	StatusRepo    lipgloss.Style
	StatusWarning lipgloss.Style
	HelpOverlay   lipgloss.Style
	Match         lipgloss.Style // a search match
	CurrentMatch  lipgloss.Style // the match n/N went to: it must stand out from the rest
	DiffAdded     lipgloss.Style // a line a newer revision added (also marked "+")
	DiffRemoved   lipgloss.Style // a line it removed (also marked "-")
}

// DefaultStyles returns prscope's default look.
func DefaultStyles() *Styles {
	subtle := lipgloss.AdaptiveColor{Light: "#8a8a8a", Dark: "#7a7a7a"}
	accent := lipgloss.AdaptiveColor{Light: "#5a3fd6", Dark: "#9d8cff"}
	green := lipgloss.AdaptiveColor{Light: "#1a7f37", Dark: "#3fb950"}
	red := lipgloss.AdaptiveColor{Light: "#cf222e", Dark: "#f85149"}
	purple := lipgloss.AdaptiveColor{Light: "#8250df", Dark: "#a371f7"}
	yellow := lipgloss.AdaptiveColor{Light: "#9a6700", Dark: "#d29922"}

	s := &Styles{}
	s.PaneBorder = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(subtle)
	s.PaneBorderFocused = s.PaneBorder.BorderForeground(accent)
	s.StateOpen = lipgloss.NewStyle().Foreground(green)
	s.StateClosed = lipgloss.NewStyle().Foreground(red)
	s.StateMerged = lipgloss.NewStyle().Foreground(purple)
	s.StateDraft = lipgloss.NewStyle().Foreground(subtle)
	s.Selected = lipgloss.NewStyle().Bold(true)
	s.SelectedMark = lipgloss.NewStyle().Foreground(accent).Bold(true)
	s.Number = lipgloss.NewStyle().Foreground(subtle)
	s.Author = lipgloss.NewStyle().Foreground(accent)
	s.Muted = lipgloss.NewStyle().Foreground(subtle)
	s.Title = lipgloss.NewStyle().Bold(true)
	s.Label = lipgloss.NewStyle().Foreground(yellow)
	s.Error = lipgloss.NewStyle().Foreground(red)
	s.SHA = lipgloss.NewStyle().Foreground(yellow)
	s.Loading = lipgloss.NewStyle().Foreground(subtle).Italic(true)
	s.StatusBar = lipgloss.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "#333333", Dark: "#d0d0d0"})
	s.StatusRepo = lipgloss.NewStyle().Bold(true).Foreground(accent)
	s.StatusWarning = lipgloss.NewStyle().Foreground(yellow)
	s.HelpOverlay = lipgloss.NewStyle().Padding(1, 2)
	s.Match = lipgloss.NewStyle().Reverse(true)
	s.CurrentMatch = s.Match.Bold(true).Underline(true)
	s.DiffAdded = lipgloss.NewStyle().Foreground(green)
	s.DiffRemoved = lipgloss.NewStyle().Foreground(red)
	return s
}
