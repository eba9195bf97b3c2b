package ui

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"
)

// The status bar says whose token is in use: the login GET /user names,
// asked once per run (through the HTTP cache, like every request). A
// failure there stops nothing: the bar says "token" instead of a name, and
// no error banner appears, since the requests that matter report their own.

// identityMsg is the answer to GET /user. There is one per run, so it
// needs no key.
type identityMsg struct {
	login string
	err   error
}

// wantsIdentity: only a token has an owner to name; the demo has neither.
// A tab after the first is told by Tabs what the first one learnt.
func (c Config) wantsIdentity() bool {
	return !c.Demo && c.Source.Authenticated() && !c.identityFromFirstTab
}

func fetchIdentity(ctx context.Context, src Source) tea.Cmd {
	return func() tea.Msg {
		login, err := src.User(ctx)
		return identityMsg{login: login, err: err}
	}
}

func (m *Model) onIdentity(msg identityMsg) {
	m.done()
	m.showIdentity(msg)
}

// showIdentity sets what the status bar says of the token's owner.
func (m *Model) showIdentity(msg identityMsg) {
	if msg.err != nil || msg.login == "" {
		m.identity = "token"
		return
	}
	m.identity = "@" + msg.login
}
