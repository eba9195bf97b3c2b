// Package ui is prscope's Bubble Tea program. The root Model only routes:
// keys to the focused pane, API results into the store and on to the pane
// that shows them. Everything slow happens in tea.Cmds that capture values
// (never the model), so nothing races with Update.
package ui

import (
	"context"
	"io"
	"time"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/common"
)

// Source is what the UI needs from GitHub; *github.Client implements it.
// Implementations must be safe for concurrent use: commands call them from
// their own goroutines.
type Source interface {
	ListPulls(ctx context.Context, repo model.Repo, state string, page, perPage int) ([]model.PullRequest, model.Page, error)
	GetPull(ctx context.Context, repo model.Repo, number int) (model.PullRequest, error)
	Timeline(ctx context.Context, repo model.Repo, number, page, perPage int) ([]model.Event, model.Page, error)
	CommitMessage(ctx context.Context, commitRepo, sha string) (string, error)
	RateLimit() model.RateLimit
	Authenticated() bool
}

// Config says what to browse and how.
type Config struct {
	Repo   model.Repo
	Number int    // a PR to open at start; 0 for none
	State  string // open, closed or all
	Source Source
	Demo   bool

	PerPage int // list and timeline page size; 100 when zero
	// SettleDelay is how long the selection must rest on a PR before its
	// timeline is fetched, so holding j does not send a request per row.
	SettleDelay time.Duration
	// MaxCommitFetches bounds concurrent commit-message requests.
	MaxCommitFetches int
	Now              func() time.Time

	// OpenURL opens a web page (o); nil when there is no browser.
	OpenURL func(url string) error
	// Clipboard is the terminal, where y and Y write OSC 52; nil for none.
	Clipboard io.Writer

	// Keys are the bindings, remapped by the config; nil for the defaults.
	Keys *KeyMaps
	// Theme recolours the default styles; colours must pass common.CheckColor.
	Theme common.Theme
	// Dates is how times read; the zero value is the default mix.
	Dates common.DateStyle
}

func (c *Config) setDefaults() {
	if c.PerPage == 0 {
		c.PerPage = 100
	}
	if c.SettleDelay == 0 {
		c.SettleDelay = 150 * time.Millisecond
	}
	if c.MaxCommitFetches == 0 {
		c.MaxCommitFetches = 4
	}
	if c.State == "" {
		c.State = "all"
	}
	if c.Now == nil {
		c.Now = time.Now
	}
}
