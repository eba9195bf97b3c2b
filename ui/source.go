// Package ui is prscope's Bubble Tea program. The root Model only routes:
// keys to whichever component owns input, API answers into the store
// (ui/store) and what they changed on to the pane that shows it.
// Everything slow happens in tea.Cmds that capture values (never the
// model), so nothing races with Update.
package ui

import (
	"io"
	"time"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/common"
	"github.com/prscope/prscope/ui/detail"
	"github.com/prscope/prscope/ui/store"
)

// Config says what to browse and how.
type Config struct {
	Repo   model.Repo
	Number int          // a PR to open at start; 0 for none
	State  string       // open, closed or all
	Source store.Source // GitHub, or the demo; a store.Searcher can also search
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
	// Prefetch completes the timeline and messages of a PR the user rests
	// on (config prefetch: true); PrefetchAfter is how long a rest is (2 s
	// when zero).
	Prefetch      bool
	PrefetchAfter time.Duration
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

// wantsIdentity: only a token has an owner to name; the demo has neither.
// A tab after the first is told by Tabs what the first one learnt.
func (c Config) wantsIdentity() bool {
	return !c.Demo && c.Source.Authenticated() && !c.identityFromFirstTab
}
