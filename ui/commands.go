package ui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// The root's own commands. Requests to GitHub are the store's (ui/store):
// each answer comes back in an envelope keyed by resource and generation.

// settleMsg: the selection rested on a PR for SettleDelay; seq says which
// selection it was.
type settleMsg struct{ seq int }

func settleAfter(d time.Duration, seq int) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return settleMsg{seq: seq} })
}
