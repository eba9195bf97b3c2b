package common

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/prscope/prscope/model"
)

// Truncate cuts s (which may hold our styling) to w columns, marking the cut.
func Truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return ansi.Truncate(s, w, "…")
}

// TruncateParts cuts s, parts joined by " · ", to w columns after its last
// part that fits whole, marking the cut: a SHA or a count is shown whole or
// not at all ("34189~" would read as another commit). A first part too wide
// for w is cut as Truncate does.
func TruncateParts(s string, w int) string {
	if ansi.StringWidth(s) <= w {
		return s
	}
	const sep = " · "
	for end := strings.LastIndex(s, sep); end > 0; end = strings.LastIndex(s[:end], sep) {
		if !strings.Contains(s[:end], sep) {
			break // only the first part would be left: show the start of the next instead
		}
		if head := s[:end] + sep + "…"; ansi.StringWidth(head) <= w {
			return head
		}
	}
	return Truncate(s, w)
}

// PadRight fills s with spaces to w columns.
func PadRight(s string, w int) string {
	if n := lipgloss.Width(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// PadLeft right-aligns s in w columns.
func PadLeft(s string, w int) string {
	if n := lipgloss.Width(s); n < w {
		return strings.Repeat(" ", w-n) + s
	}
	return s
}

// StateWord is how a PR's state reads: open, closed, merged, or draft.
func StateWord(pr model.PullRequest) string {
	if pr.Draft && pr.State == model.StateOpen {
		return "draft"
	}
	return pr.State
}

// State is the style for a StateWord.
func (s *Styles) State(word string) lipgloss.Style {
	switch word {
	case model.StateMerged:
		return s.StateMerged
	case model.StateClosed:
		return s.StateClosed
	case "draft":
		return s.StateDraft
	}
	return s.StateOpen
}
