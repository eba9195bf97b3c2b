package ui

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/detail"
)

// Messages from commands. Each carries what it was for, so an answer that
// arrives after the user moved on is filed where it belongs, not drawn into
// whatever is on screen now.
type (
	pullsMsg struct {
		page    int
		refresh bool // a revalidation of a page already shown: update rows in place
		prs     []model.PullRequest
		info    model.Page
		err     error
	}
	pullMsg struct {
		number int
		pr     model.PullRequest
		err    error
	}
	timelineMsg struct {
		number int
		gen    int // the timeline's generation; a reload starts a new one
		page   int
		events []model.Event
		info   model.Page
		err    error
	}
	commitMsg struct {
		key     string
		message string
		err     error
	}
	settleMsg struct{ seq int }
)

// The commands below capture only values: the Source (safe for concurrent
// use), the context and plain numbers; never the model.

func fetchPulls(ctx context.Context, src Source, repo model.Repo, state string, page, perPage int, refresh bool) tea.Cmd {
	return func() tea.Msg {
		prs, info, err := src.ListPulls(ctx, repo, state, page, perPage)
		return pullsMsg{page: page, refresh: refresh, prs: prs, info: info, err: err}
	}
}

func fetchPull(ctx context.Context, src Source, repo model.Repo, number int) tea.Cmd {
	return func() tea.Msg {
		pr, err := src.GetPull(ctx, repo, number)
		return pullMsg{number: number, pr: pr, err: err}
	}
}

func fetchTimeline(ctx context.Context, src Source, repo model.Repo, number, gen, page, perPage int) tea.Cmd {
	return func() tea.Msg {
		events, info, err := src.Timeline(ctx, repo, number, page, perPage)
		return timelineMsg{number: number, gen: gen, page: page, events: events, info: info, err: err}
	}
}

func fetchCommit(ctx context.Context, src Source, c model.CommitRef) tea.Cmd {
	return func() tea.Msg {
		msg, err := src.CommitMessage(ctx, c.Repo, c.SHA)
		return commitMsg{key: detail.CommitKey(c.Repo, c.SHA), message: msg, err: err}
	}
}

func settleAfter(d time.Duration, seq int) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return settleMsg{seq: seq} })
}
