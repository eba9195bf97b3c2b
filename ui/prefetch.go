package ui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// prefetchAfter is how long the user must rest on a PR before the rest of
// it is fetched (config prefetch: true).
const prefetchAfter = 2 * time.Second

// resting notices the user resting on one PR: no key for prefetchAfter
// while it is shown. Then, with prefetch on, the store completes that PR's
// timeline and messages at low priority, so a search or G on it is
// instant. Any key starts the wait again; going to another PR ends it.
type resting struct {
	on     bool          // config prefetch: true
	after  time.Duration // prefetchAfter; tests shorten it
	number int           // the PR the wait is for
	gen    int           // counts waits: a tick of an older one is stale
	rested bool          // number was rested on: prefetch it
}

// restedMsg is a wait's end.
type restedMsg struct{ number, gen int }

// update follows msg: a key or a new PR starts a new wait.
func (r *resting) update(msg tea.Msg, shown int) tea.Cmd {
	if !r.on {
		return nil
	}
	switch msg := msg.(type) {
	case restedMsg:
		if msg.gen == r.gen && msg.number == shown {
			r.rested = true
		}
		return nil
	case tea.KeyMsg, tea.MouseMsg:
		if r.rested && shown == r.number {
			return nil // resting once is enough: the prefetch goes on
		}
	default:
		if shown == r.number {
			return nil
		}
	}
	r.gen++
	r.number, r.rested = shown, false
	if shown == 0 {
		return nil
	}
	number, gen := shown, r.gen
	return tea.Tick(r.after, func(time.Time) tea.Msg { return restedMsg{number, gen} })
}

// prefetch is the PR to complete in the background, 0 for none.
func (r resting) prefetch(shown int) int {
	if r.on && r.rested && r.number == shown {
		return shown
	}
	return 0
}
