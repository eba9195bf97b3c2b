package ui

import (
	"context"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	gh "github.com/prscope/prscope/github"
	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/common"
	"github.com/prscope/prscope/ui/detail"
	"github.com/prscope/prscope/ui/filterbar"
	"github.com/prscope/prscope/ui/prlist"
	"github.com/prscope/prscope/ui/statusbar"
)

type pane int

// The panes are components the root sizes, focuses and draws alike.
var (
	_ common.Component = (*prlist.Model)(nil)
	_ common.Component = (*detail.Model)(nil)
)

const (
	listPane pane = iota
	detailPane
)

// Model is the root of the program. It routes: keys to the focused pane,
// answers into the store (store.go) and on to the pane that shows them.
type Model struct {
	KeyMap KeyMap

	cfg    Config
	ctx    context.Context
	cancel context.CancelFunc
	common common.Common

	list    prlist.Model
	detail  detail.Model
	status  statusbar.Model
	help    help.Model
	spinner spinner.Model

	focus    pane
	showHelp bool
	helpTop  int // the help's first line shown, when it is taller than the terminal
	frames   struct{ list, detail common.Frame }
	filter   listFilter
	search   listSearch // a GitHub search shown in place of the list (search.go)
	width    int
	height   int

	// The store: what has been fetched, whether on screen or not.
	listNext    int // next list page; 0 when all are loaded
	listLoading bool
	listErr     string // paging stopped on this error until r
	listInfo    model.Page
	listPages   int // pages of the list loaded
	listPager   *model.Pager
	// listResume is where r takes paging up again after the pages stopped
	// it (a loop, a repeated or empty page): the fault may be gone.
	listResume  int
	timelines   map[int]*timeline
	commits     detail.Commits
	commitsBusy int // commit-message requests in flight
	reviews     reviewStore

	colorProfile  termenv.Profile            // read once at start, for markdown
	markdownBusy  int                        // markdown renderings running
	checks        map[checksKey]*checksEntry // CI by PR and head SHA (checks.go)
	checksVersion int

	// selSeq counts selection changes; a settle tick only counts if the
	// selection has not moved since it was set.
	selSeq      int
	shown       int // the PR number the detail pane shows; 0 for none
	target      int // a PR asked for on the command line, until shown
	missing     int // the target, shown only by why it could not be fetched (target.go)
	inFlight    int
	started     bool // Init has run: the spinner may tick
	lastErr     string
	lastErrKind string
	notice      string          // how the last action went (copied, opened), until a key
	bar         filterbar.Model // F: the list's filters as fields (filters.go)
	identity    string          // whose token, for the status bar (identity.go)
}

// New builds the root model for cfg. The first requests are counted here
// and sent by Init.
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
	commits := detail.Commits{}
	m := Model{
		KeyMap:    keys.Root,
		cfg:       cfg,
		ctx:       ctx,
		cancel:    cancel,
		common:    c,
		list:      prlist.New(c),
		search:    listSearch{prompt: newSearchPrompt(c)},
		detail:    detail.New(c, commits),
		status:    statusbar.New(c),
		bar:       filterbar.New(c),
		help:      help.New(),
		spinner:   spinner.New(spinner.WithSpinner(spinner.MiniDot)),
		timelines: map[int]*timeline{},
		commits:   commits,
		reviews:   newReviewStore(),
		checks:    map[checksKey]*checksEntry{},
		listNext:  1,
		listPager: model.NewPager(gh.MaxListPages),
		target:    cfg.Number,

		colorProfile: lipgloss.ColorProfile(),
	}
	m.list.KeyMap, m.detail.KeyMap = keys.List, keys.Detail
	m.list.Focus()
	m.detail.SetRepo(cfg.Repo)
	m.detail.UseReviews(m.reviews.sets)
	m.listLoading = true
	m.list.SetLoading(true)
	m.inFlight = 1
	if m.target != 0 {
		// The user named this PR: fetch it and its timeline at once,
		// alongside the first page, rather than one after the other.
		m.inFlight += 2
		m.timelineOf(m.target).request(1)
	}
	if cfg.wantsIdentity() {
		m.inFlight++
	}
	m.openSearchAtStart(cfg.Search)
	m.refreshStatus()
	return m
}

// Init sends the requests New counted: the first list page and, for
// OWNER/REPO#N, PR N and its timeline.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{
		// Start from what was seen before, if anything: a cached first page
		// draws at once, and onPulls revalidates it behind the scenes.
		fetchPulls(gh.WithCacheFirst(m.ctx), m.cfg.Source, m.cfg.Repo, m.cfg.State, 1, m.cfg.PerPage, false),
		m.spinner.Tick,
		func() tea.Msg { return startedMsg{} },
	}
	if m.search.active {
		cmds = append(cmds, m.searchPage(m.ctx, 1))
	}
	if m.target != 0 {
		cmds = append(cmds,
			fetchPull(m.ctx, m.cfg.Source, m.cfg.Repo, m.target),
			fetchTimeline(m.ctx, m.cfg.Source, m.cfg.Repo, m.target, 0, 1, m.cfg.PerPage))
	}
	if m.cfg.wantsIdentity() {
		cmds = append(cmds, fetchIdentity(m.ctx, m.cfg.Source))
	}
	return tea.Batch(cmds...)
}

type startedMsg struct{}

// Update routes a message: keys to the focused pane, results to the store.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	switch msg := msg.(type) {
	case startedMsg:
		m.started = true
	case tea.WindowSizeMsg:
		m.setSize(msg.Width, msg.Height)
	case tea.KeyMsg:
		cmds = append(cmds, m.handleKey(msg))
	case spinner.TickMsg:
		if m.inFlight == 0 {
			return m, nil // let the spinner stop; track starts it again
		}
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		cmds = append(cmds, cmd)
	case pullsMsg:
		cmds = append(cmds, m.onPulls(msg))
	case pullMsg:
		cmds = append(cmds, m.onPull(msg))
	case detail.SearchTickMsg:
		var cmd tea.Cmd
		m.detail, cmd = m.detail.Update(msg)
		cmds = append(cmds, cmd)
	case filterTickMsg:
		cmds = append(cmds, m.runFilter(msg.seq))
	case filterResultMsg:
		cmds = append(cmds, m.onFilterResult(msg))
	case searchMsg:
		cmds = append(cmds, m.onSearch(msg))
	case searchPullMsg:
		m.onSearchPull(msg)
	case settleMsg:
		if msg.seq == m.selSeq {
			cmds = append(cmds, m.loadTimeline(m.shown), m.searchDetail(m.shown))
		}
	case timelineMsg:
		m.onTimeline(msg)
	case commitMsg:
		m.onCommit(msg)
	case actionMsg:
		m.onAction(msg)
	case tea.MouseMsg:
		cmds = append(cmds, m.onMouse(msg))
	case identityMsg:
		m.onIdentity(msg)
	case reviewsMsg:
		m.onReviews(msg)
	case markdownMsg:
		m.onMarkdown(msg)
	case checksMsg:
		m.onChecks(msg)
	}
	cmds = append(cmds, m.loadWhatIsNeeded(), m.searchNeeds(), m.checksNeeded())
	m.refreshStatus()
	return m, tea.Batch(cmds...)
}

// handleKey applies root keys; others go to the focused pane.
func (m *Model) handleKey(k tea.KeyMsg) tea.Cmd {
	if keys := splitBurst(k, m.Typing()); keys != nil {
		cmds := make([]tea.Cmd, len(keys))
		for i, one := range keys {
			cmds[i] = m.handleKey(one)
		}
		return tea.Batch(cmds...)
	}
	m.notice = ""
	if m.bar.Focused() && k.Type != tea.KeyCtrlC {
		return m.barKey(k) // the bar takes every key
	}
	if m.focus == listPane && m.search.typing && k.Type != tea.KeyCtrlC {
		return m.searchKey(k) // the query takes every key
	}
	if m.focus == listPane && m.filter.typing && k.Type != tea.KeyCtrlC {
		return m.filterKey(k) // the query takes every key
	}
	if m.focus == detailPane && m.detail.Searching() && k.Type != tea.KeyCtrlC {
		var cmd tea.Cmd
		m.detail, cmd = m.detail.Update(k) // the query takes every key
		return cmd
	}
	switch {
	case key.Matches(k, m.KeyMap.Quit):
		m.cancel()
		return tea.Quit
	case key.Matches(k, m.KeyMap.Help):
		m.showHelp, m.helpTop = !m.showHelp, 0
		return nil
	case m.showHelp:
		switch {
		case key.Matches(k, m.KeyMap.Back):
			m.showHelp = false
		case key.Matches(k, m.list.KeyMap.Down):
			m.helpTop++
		case key.Matches(k, m.list.KeyMap.Up):
			m.helpTop = max(m.helpTop-1, 0)
		}
		return nil // the help covers the panes: keys must not move them unseen
	case key.Matches(k, m.KeyMap.NextPane), key.Matches(k, m.KeyMap.PrevPane):
		m.setFocus(1 - m.focus)
		return nil
	case m.focus == listPane && key.Matches(k, m.KeyMap.Open):
		if m.shown != 0 {
			m.setFocus(detailPane)
		}
		return m.loadTimeline(m.shown)
	case m.focus == detailPane && key.Matches(k, m.KeyMap.Back):
		m.setFocus(listPane)
		return nil
	case m.focus == listPane && (key.Matches(k, m.KeyMap.Search) || m.search.active && key.Matches(k, m.KeyMap.Filter)):
		return m.startSearch() // on search results, / edits the query too
	case m.focus == listPane && m.search.active && key.Matches(k, m.KeyMap.Back):
		return m.stopSearch()
	case m.focus == listPane && key.Matches(k, m.KeyMap.FilterBar):
		m.openFilterBar()
		return nil
	case m.focus == listPane && key.Matches(k, m.KeyMap.Filter):
		m.startFilter()
		return nil
	case m.focus == listPane && m.filter.active && key.Matches(k, m.KeyMap.Back):
		m.stopFilter()
		return nil
	case key.Matches(k, m.KeyMap.OpenWeb):
		return m.openSelected()
	case key.Matches(k, m.KeyMap.CopyURL):
		return m.copySelected(false)
	case key.Matches(k, m.KeyMap.CopyID):
		return m.copySelected(true)
	case key.Matches(k, m.KeyMap.Reload):
		return tea.Batch(m.reload(), m.retrySearch())
	case m.search.active && key.Matches(k, m.KeyMap.ReloadList):
		return m.runSearch(gh.WithRevalidate(m.ctx), m.search.query)
	case key.Matches(k, m.KeyMap.ReloadList):
		return m.reloadList()
	}
	if m.focus == listPane {
		return m.listKey(k)
	}
	var cmd tea.Cmd
	m.detail, cmd = m.detail.Update(k)
	return cmd
}

// listKey moves in the list, or in the filter's results while they show,
// for a key or a mouse event; a new selection shows its PR.
func (m *Model) listKey(k tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	if m.search.active {
		m.search.results, cmd = m.search.results.Update(k)
		if pr, ok := m.search.results.Selected(); ok && pr.Number != m.shown {
			return tea.Batch(cmd, m.selectPR(pr))
		}
		return cmd
	}
	if m.filter.active {
		m.filter.results, cmd = m.filter.results.Update(k)
		if pr, ok := m.filter.results.Selected(); ok && pr.Number != m.shown {
			return tea.Batch(cmd, m.selectPR(pr))
		}
		return cmd
	}
	m.list, cmd = m.list.Update(k)
	if pr, ok := m.list.Selected(); ok && pr.Number != m.shown {
		return tea.Batch(cmd, m.selectPR(pr))
	}
	return cmd
}

func (m *Model) setFocus(p pane) {
	m.focus = p
	if p == listPane {
		m.list.Focus()
		m.filter.results.Focus()
		m.search.results.Focus()
		m.detail.Blur()
	} else {
		m.list.Blur()
		m.filter.results.Blur()
		m.search.results.Blur()
		m.detail.Focus()
	}
	m.layout()
}

// selectPR shows pr at once from what the store has, and asks for its
// timeline only once the selection has rested for SettleDelay.
func (m *Model) selectPR(pr model.PullRequest) tea.Cmd {
	m.selSeq++
	m.shown, m.missing = pr.Number, 0
	t := m.timelineOf(pr.Number)
	m.detail.ShowTimeline(pr, t.events, t.gaps, t.status())
	if t.loaded || t.loading() {
		return nil
	}
	return settleAfter(m.cfg.SettleDelay, m.selSeq)
}

// Typing reports that a query is being typed (a list filter, a GitHub
// search, a timeline search): every key is text, none a command.
func (m Model) Typing() bool {
	return m.filter.typing || m.search.typing || m.detail.Searching() || m.bar.Focused()
}

// splitBurst: keys typed faster than the terminal is read (a held key over
// SSH or tmux) arrive as one message of several runes, "jjj". As commands
// each counts, so it is split into one key per rune; as text (typing) the
// runes stay together. nil when there is nothing to split.
func splitBurst(k tea.KeyMsg, typing bool) []tea.KeyMsg {
	if typing || k.Type != tea.KeyRunes || len(k.Runes) < 2 || k.Paste {
		return nil
	}
	out := make([]tea.KeyMsg, len(k.Runes))
	for i, r := range k.Runes {
		out[i] = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: k.Alt}
	}
	return out
}
