package ui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// The root's own commands. Requests to GitHub are the store's (ui/store):
// each answer comes back in an envelope keyed by resource and generation.

// settleMsg: the selection rested on a PR for SettleDelay; seq says which
// selection it was. The list rests with it; the PR's timeline is asked for
// then, unless it was before (asked).
type settleMsg struct {
	seq   int
	asked bool
}

func settleAfter(d time.Duration, seq int, asked bool) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return settleMsg{seq: seq, asked: asked} })
}
