package ui

import (
	"cmp"
	"context"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/prscope/prscope/github/httpcache"
	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/cihistory"
	"github.com/prscope/prscope/ui/common"
	"github.com/prscope/prscope/ui/detail"
	"github.com/prscope/prscope/ui/filterbar"
	"github.com/prscope/prscope/ui/query"
	"github.com/prscope/prscope/ui/statusbar"
	"github.com/prscope/prscope/ui/store"
)

type pane int

// The panes are components the root sizes, focuses and draws alike.
var _ common.Component = (*detail.Model)(nil)

const (
	listPane pane = iota
	detailPane
)

// Model is the root of the program. It routes: answers to the store and
// what they changed on to the pane that shows it (route.go), keys to
// whichever component owns input now (input.go).
type Model struct {
	KeyMap KeyMap

	cfg    Config
	ctx    context.Context
	cancel context.CancelFunc
	common common.Common

	store    store.Store // everything fetched, and the ledger of what is in flight
	lists    listSide    // the list pane
	detail   detail.Model
	ci       ciSide // the detail pane's other face: the CI history (c)
	status   statusbar.Model
	bar      filterbar.Model // F: the list's filters as fields (filterbar.go)
	help     helpScreen
	spinner  spinner.Model
	markdown markdownJobs
	actions  actions

	focus  pane
	frames struct{ list, detail common.Frame }
	width  int
	height int
	drawn  drawnTimeline // which version of which timeline the pane has

	// selSeq counts selection changes; a settle tick only counts if the
	// selection has not moved since it was set.
	selSeq  int
	shown   int     // the PR number the detail pane shows; 0 for none
	target  target  // a PR asked for on the command line, until shown (target.go)
	rest    resting // the user resting on a PR, for prefetch: true (prefetch.go)
	started bool
	notice  string // how the last action went (copied, opened), until a key
	// pending are the requests New made, which Init sends.
	pending []tea.Cmd
}

// New builds the root model for cfg. The first requests are made (and
// counted in flight) here, and sent by Init.
func New(cfg Config) Model {
	cfg.setDefaults()
	ctx, cancel := context.WithCancel(context.Background())
	c := common.New()
	c.Now = cfg.Now
	c.Dates = cfg.Dates
	common.ApplyTheme(c.Styles, cfg.Theme)
	keys := DefaultKeyMaps()
	if cfg.Keys != nil {
		keys = *cfg.Keys
	}
	c.Keys = common.RootKeys{Reload: keys.Root.Reload.Help().Key, Search: keys.Root.Search.Help().Key}
	st := store.New(ctx, store.Config{Source: cfg.Source, Repo: cfg.Repo, State: cfg.State,
		PerPage: cfg.PerPage, MaxCommitFetches: cfg.MaxCommitFetches})
	m := Model{
		KeyMap:   keys.Root,
		cfg:      cfg,
		ctx:      ctx,
		cancel:   cancel,
		common:   c,
		store:    st,
		lists:    newListSide(c, cfg.Repo, cfg.State),
		detail:   detail.New(c, st.Commits()),
		ci:       newCISide(c),
		status:   statusbar.New(c),
		bar:      filterbar.New(c),
		help:     newHelpScreen(),
		spinner:  spinner.New(spinner.WithSpinner(spinner.MiniDot)),
		markdown: markdownJobs{style: cfg.MarkdownStyle, profile: lipgloss.ColorProfile()},
		actions:  actions{open: cfg.OpenURL, clipboard: cfg.Clipboard},
		target:   target{number: cfg.Number},
		rest:     resting{on: cfg.Prefetch, after: cmp.Or(cfg.PrefetchAfter, prefetchAfter)},
	}
	m.lists.list.KeyMap, m.detail.KeyMap, m.ci.view.KeyMap = keys.List, keys.Detail, keys.History
	m.lists.setFocus(true)
	m.detail.SetRepo(cfg.Repo)
	m.detail.UseReviews(m.store.Reviews())
	m.lists.loading()
	// Start from what was seen before, if anything: a cached first page
	// draws at once, and its answer revalidates it behind the scenes.
	m.pending = append(m.pending, m.store.FirstListPage())
	if n := m.target.number; n != 0 {
		// The user named this PR: fetch it and its timeline at once,
		// alongside the first page, rather than one after the other.
		m.pending = append(m.pending, m.store.LoadPull(n, httpcache.Initial), m.store.LoadTimeline(n))
	}
	if cfg.wantsIdentity() {
		m.pending = append(m.pending, m.store.LoadIdentity())
	}
	if cfg.Search != "" && m.store.CanSearch() {
		m.pending = append(m.pending, m.runSearch(model.SanitizeLine(cfg.Search), httpcache.Initial))
	}
	m.refreshStatus()
	return m
}

// Init sends the requests New made: the first list page and, for
// OWNER/REPO#N, PR N and its timeline.
func (m Model) Init() tea.Cmd {
	cmds := append([]tea.Cmd{m.spinner.Tick, func() tea.Msg { return startedMsg{} }}, m.pending...)
	return tea.Batch(cmds...)
}

type startedMsg struct{}

// Update routes a message: answers to the store (and what they changed to
// the panes), keys to whoever owns input, the rest to their component.
// After every message the store is told what the screen wants.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	idle := m.store.InFlight() == 0
	var cmds []tea.Cmd
	if ch, ok := m.store.Update(msg); ok {
		cmds = append(cmds, m.route(ch))
	} else {
		cmds = append(cmds, m.handle(msg))
	}
	// Before fetch: the end of a rest is itself what starts a prefetch.
	cmds = append(cmds, m.rest.update(msg, m.shown))
	cmds = append(cmds, m.fetch())
	if idle && m.store.InFlight() > 0 && m.started {
		cmds = append(cmds, m.spinner.Tick) // the spinner stopped when nothing was in flight
	}
	m.refreshStatus()
	return m, tea.Batch(cmds...)
}

// handle is Update for messages that are not the store's answers.
func (m *Model) handle(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case startedMsg:
		m.started = true
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layout()
	case tea.KeyMsg:
		return m.handleKey(msg)
	case tea.MouseMsg:
		return m.onMouse(msg)
	case spinner.TickMsg:
		if m.store.InFlight() == 0 {
			return nil // let the spinner stop; Update starts it again
		}
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		return cmd
	case query.PauseMsg: // typing paused in the list filter or the timeline search
		if m.lists.filter.editor.Paused(msg) {
			return m.lists.runFilter(m.shown)
		}
		var cmd tea.Cmd
		m.detail, cmd = m.detail.Update(msg)
		return cmd
	case filterResultMsg:
		if m.lists.onFilterResult(msg) {
			m.layout()
			return m.show(m.lists.selectedPick())
		}
	case cihistory.ReadLogMsg:
		return m.store.LoadLog(msg.Number, msg.Job)
	case settleMsg:
		m.lists.rested = msg.seq == m.selSeq
		if m.lists.rested && !msg.asked {
			return tea.Batch(m.store.LoadTimeline(m.shown), m.searchDetail(m.shown))
		}
	case actionMsg:
		m.notice = msg.text()
	case markdownMsg:
		m.markdown.done(&m.detail, msg)
	}
	return nil
}

func (m *Model) setFocus(p pane) {
	m.focus = p
	m.lists.setFocus(p == listPane)
	if p == listPane {
		m.detail.Blur()
	} else {
		m.detail.Focus()
	}
	m.ci.setFocus(p == detailPane)
	m.layout()
}

// selectPR shows pr at once from what the store has, and asks for its
// timeline only once the selection has rested for SettleDelay (when the
// list rests too: its rows' CI is asked for then).
func (m *Model) selectPR(pr model.PullRequest) tea.Cmd {
	m.selSeq++
	m.lists.rested = false
	m.shown, m.target.missing = pr.Number, 0
	m.showPR(pr)
	t := m.store.Timeline(pr.Number)
	return settleAfter(m.cfg.SettleDelay, m.selSeq, t.Asked() && t.Err() == "")
}

// show does what a pick asks: show a PR, or none.
func (m *Model) show(p pick) tea.Cmd {
	if p.focus {
		m.setFocus(detailPane)
	}
	switch {
	case p.standIn:
		m.shown = p.pr.Number
		m.showPR(p.pr)
	case p.ok && (p.pr.Number != m.shown || p.focus):
		return m.selectPR(p.pr)
	case p.clear:
		m.selSeq++
		m.shown = 0
		m.detail.Clear()
	}
	return nil
}

// Typing reports that a query is being typed (a list filter, a GitHub
// search, a timeline search, the filter bar): every key is text, none a
// command.
func (m Model) Typing() bool { return m.mode().typing() }
