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
	"github.com/prscope/prscope/ui/detail"
)

// Source is what the UI needs from GitHub; *github.Client implements it.
// Implementations must be safe for concurrent use: commands call them from
// their own goroutines.
type Source interface {
	ListPulls(ctx context.Context, repo model.Repo, state string, page, perPage int) ([]model.PullRequest, model.Page, error)
	GetPull(ctx context.Context, repo model.Repo, number int) (model.PullRequest, error)
	Timeline(ctx context.Context, repo model.Repo, number, page, perPage int) ([]model.Event, model.Page, error)
	CommitMessage(ctx context.Context, commitRepo, sha string) (string, error)
	Reviews(ctx context.Context, repo model.Repo, number, page, perPage int) ([]model.Review, model.Page, error)
	ReviewComments(ctx context.Context, repo model.Repo, number, page, perPage int) ([]model.ReviewComment, model.Page, error)
	// CheckRuns and CombinedStatus are a commit's CI (ui/checks.go).
	CheckRuns(ctx context.Context, repo model.Repo, sha string, page, perPage int) ([]model.CheckRun, model.Page, error)
	CombinedStatus(ctx context.Context, repo model.Repo, sha string) ([]model.CommitStatus, error)
	RateLimit() model.RateLimit
	Authenticated() bool
	// User is the token owner's login (GET /user).
	User(ctx context.Context) (string, error)
}

// Config says what to browse and how.
type Config struct {
	Repo   model.Repo
	Number int    // a PR to open at start; 0 for none
	State  string // open, closed or all
	Source Source
	Demo   bool
	// Search, when set, opens with the list showing this search's results
	// (GitHub's search syntax, within Repo); see search.go.
	Search string

	PerPage int // list and timeline page size; 100 when zero
	// SettleDelay is how long the selection must rest on a PR before its
	// timeline is fetched, so holding j does not send a request per row.
	SettleDelay time.Duration
	// MaxCommitFetches bounds concurrent commit-message requests.
	MaxCommitFetches int
	// MarkdownStyle draws PR bodies and comments; plain (no colour) when
	// unset. main picks it once from NO_COLOR and the terminal background.
	MarkdownStyle detail.MarkdownStyle
	Now           func() time.Time

	// OpenURL opens a web page (o); nil when there is no browser.
	OpenURL func(url string) error
	// Clipboard is the terminal, where y and Y write OSC 52; nil for none.
	Clipboard io.Writer
	// ASCII draws every glyph as ASCII (--ascii).
	ASCII bool

	// identityFromFirstTab: Tabs passes on the first tab's GET /user, so
	// several repositories cost one request.
	identityFromFirstTab bool

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
	if c.MarkdownStyle == "" {
		c.MarkdownStyle = detail.MarkdownPlain
	}
	if c.Now == nil {
		c.Now = time.Now
	}
}
