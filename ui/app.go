package ui

import (
	"context"
	"errors"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/common"
	"github.com/prscope/prscope/ui/detail"
	"github.com/prscope/prscope/ui/prlist"
	"github.com/prscope/prscope/ui/statusbar"
)

type pane int

const (
	listPane pane = iota
	detailPane
)

// Model is the root of the program.
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
	width    int
	height   int

	// The store: what has been fetched, whether on screen or not.
	listNext    int // next list page; 0 when all are loaded
	listLoading bool
	listInfo    model.Page
	timelines   map[int]*timeline
	commits     detail.Commits
	commitsBusy int // commit-message requests in flight

	// selSeq counts selection changes; a settle tick only counts if the
	// selection has not moved since it was set.
	selSeq   int
	shown    int // the PR number the detail pane shows; 0 for none
	target   int // a PR asked for on the command line, until found
	inFlight int
	lastErr  string
}

// New builds the root model for cfg.
func New(cfg Config) Model {
	cfg.setDefaults()
	ctx, cancel := context.WithCancel(context.Background())
	c := common.New()
	c.Now = cfg.Now
	commits := detail.Commits{}
	m := Model{
		KeyMap:    DefaultKeyMap(),
		cfg:       cfg,
		ctx:       ctx,
		cancel:    cancel,
		common:    c,
		list:      prlist.New(c),
		detail:    detail.New(c, commits),
		status:    statusbar.New(c),
		help:      help.New(),
		spinner:   spinner.New(spinner.WithSpinner(spinner.MiniDot)),
		timelines: map[int]*timeline{},
		commits:   commits,
		listNext:  1,
		target:    cfg.Number,
	}
	m.list.Focus()
	return m
}

// Init fetches the first page of the list.
func (m Model) Init() tea.Cmd {
	return m.loadNextPulls()
}

// Update routes a message: keys to the focused pane, results to the store.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.setSize(msg.Width, msg.Height)
	case tea.KeyMsg:
		if cmd, handled := m.handleKey(msg); handled {
			return m, cmd
		} else if cmd != nil {
			cmds = append(cmds, cmd)
		}
	case spinner.TickMsg:
		if m.inFlight == 0 {
			return m, nil // let the spinner stop
		}
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		cmds = append(cmds, cmd)
	case pullsMsg:
		cmds = append(cmds, m.onPulls(msg))
	case pullMsg:
		cmds = append(cmds, m.onPull(msg))
	case settleMsg:
		if msg.seq == m.selSeq {
			cmds = append(cmds, m.loadTimeline(m.shown, false))
		}
	case timelineMsg:
		m.onTimeline(msg)
	case commitMsg:
		m.onCommit(msg)
	}
	cmds = append(cmds, m.loadWhatIsNeeded())
	m.refreshStatus()
	return m, tea.Batch(cmds...)
}

// handleKey applies root keys; others go to the focused pane. handled
// reports that the key was fully dealt with here.
func (m *Model) handleKey(k tea.KeyMsg) (cmd tea.Cmd, handled bool) {
	switch {
	case key.Matches(k, m.KeyMap.Quit):
		m.cancel()
		return tea.Quit, true
	case key.Matches(k, m.KeyMap.Help):
		m.showHelp = !m.showHelp
		return nil, true
	case m.showHelp && key.Matches(k, m.KeyMap.Back):
		m.showHelp = false
		return nil, true
	case key.Matches(k, m.KeyMap.NextPane), key.Matches(k, m.KeyMap.PrevPane):
		m.setFocus(1 - m.focus)
		return nil, true
	case m.focus == listPane && key.Matches(k, m.KeyMap.Open):
		if m.shown != 0 {
			m.setFocus(detailPane)
		}
		return m.loadTimeline(m.shown, false), true
	case m.focus == detailPane && key.Matches(k, m.KeyMap.Back):
		m.setFocus(listPane)
		return nil, true
	case key.Matches(k, m.KeyMap.Reload):
		if m.list.Len() == 0 && !m.listLoading {
			m.lastErr = ""
			return m.loadNextPulls(), true // the first page failed: try it again
		}
		return m.loadTimeline(m.shown, true), true
	}
	if m.focus == listPane {
		before := m.shown
		m.list, cmd = m.list.Update(k)
		if pr, ok := m.list.Selected(); ok && pr.Number != before {
			return tea.Batch(cmd, m.selectPR(pr)), false
		}
		return cmd, false
	}
	m.detail, cmd = m.detail.Update(k)
	return cmd, false
}

func (m *Model) setFocus(p pane) {
	m.focus = p
	if p == listPane {
		m.list.Focus()
		m.detail.Blur()
	} else {
		m.list.Blur()
		m.detail.Focus()
	}
	m.layout()
}

// selectPR shows pr at once from what the store has, and asks for its
// timeline only once the selection has rested for SettleDelay.
func (m *Model) selectPR(pr model.PullRequest) tea.Cmd {
	m.selSeq++
	m.shown = pr.Number
	if t, ok := m.timelines[pr.Number]; ok {
		m.detail.Show(pr, t.events, t.status())
	} else {
		m.detail.Show(pr, nil, detail.TimelineStatus{Loading: true})
	}
	return settleAfter(m.cfg.SettleDelay, m.selSeq)
}

func (m *Model) onPulls(msg pullsMsg) tea.Cmd {
	m.done()
	m.listLoading = false
	m.list.SetLoading(false)
	if msg.err != nil {
		m.fail(msg.err)
		if m.list.Len() == 0 {
			m.list.Empty = "could not load pull requests (r to retry)"
		}
		return nil
	}
	m.listInfo = msg.info
	m.listNext = msg.info.Next
	m.list.Append(msg.prs)
	if m.list.Len() == 0 {
		m.list.Empty = "no " + stateWord(m.cfg.State) + "pull requests in " + m.cfg.Repo.String()
	}
	if m.target != 0 {
		number := m.target
		if m.list.Select(number) {
			m.target = 0
			m.setFocus(detailPane)
			pr, _ := m.list.Selected()
			return m.selectPR(pr)
		}
		if msg.page == 1 {
			// Not among the newest: fetch it directly rather than paging to it.
			return m.track(fetchPull(m.ctx, m.cfg.Source, m.cfg.Repo, number))
		}
	}
	if m.shown == 0 {
		if pr, ok := m.list.Selected(); ok {
			return m.selectPR(pr)
		}
	}
	return nil
}

func (m *Model) onPull(msg pullMsg) tea.Cmd {
	m.done()
	if msg.err != nil {
		m.fail(msg.err)
		m.target = 0
		if pr, ok := m.list.Selected(); ok && m.shown == 0 {
			return m.selectPR(pr)
		}
		return nil
	}
	m.target = 0
	m.list.AddOutOfOrder(msg.pr)
	m.list.Select(msg.pr.Number)
	m.setFocus(detailPane)
	return m.selectPR(msg.pr)
}

func (m *Model) onTimeline(msg timelineMsg) {
	m.done()
	t, ok := m.timelines[msg.number]
	if !ok || t.gen != msg.gen {
		return // from before a reload: superseded
	}
	t.loading = false
	if msg.err != nil {
		if !errors.Is(msg.err, context.Canceled) {
			t.err = msg.err.Error()
			m.fail(msg.err)
		}
	} else {
		t.err = ""
		t.events = append(t.events, msg.events...)
		t.next = msg.info.Next
	}
	if msg.number == m.shown {
		m.detail.SetEvents(t.events, t.status())
	}
}

func (m *Model) onCommit(msg commitMsg) {
	m.done()
	m.commitsBusy--
	info := detail.CommitInfo{Message: msg.message}
	if msg.err != nil {
		info = detail.CommitInfo{Err: msg.err.Error()}
	}
	m.commits[msg.key] = info
	m.detail.CommitLoaded(msg.key)
}

// loadTimeline fetches the first page of PR number's timeline unless it is
// already loaded or loading; reload starts over.
func (m *Model) loadTimeline(number int, reload bool) tea.Cmd {
	if number == 0 {
		return nil
	}
	t, ok := m.timelines[number]
	switch {
	case !ok:
		t = &timeline{}
		m.timelines[number] = t
	case reload:
		*t = timeline{gen: t.gen + 1}
		for k, c := range m.commits {
			if c.Err != "" {
				delete(m.commits, k) // failed fetches get another chance
			}
		}
	case t.loading || len(t.events) > 0 || t.err != "" && !reload:
		return nil
	}
	t.loading = true
	if pr, ok := m.list.Lookup(number); ok && number == m.shown {
		m.detail.Show(pr, t.events, t.status())
	}
	return m.track(fetchTimeline(m.ctx, m.cfg.Source, m.cfg.Repo, number, t.gen, 1, m.cfg.PerPage))
}

// loadWhatIsNeeded asks for what the screen is about to show: the next list
// page near the list's end, the next timeline page near the timeline's end,
// and the messages of commits in view.
func (m *Model) loadWhatIsNeeded() tea.Cmd {
	var cmds []tea.Cmd
	if m.listNext > 1 && !m.listLoading && m.list.NearEnd(10) {
		cmds = append(cmds, m.loadNextPulls())
	}
	if t, ok := m.timelines[m.shown]; ok && t.next > 0 && !t.loading && t.err == "" && m.detail.NearEnd() {
		t.loading = true
		m.detail.SetEvents(t.events, t.status())
		cmds = append(cmds, m.track(fetchTimeline(m.ctx, m.cfg.Source, m.cfg.Repo, m.shown, t.gen, t.next, m.cfg.PerPage)))
	}
	for _, c := range m.detail.VisibleCommits() {
		if m.commitsBusy >= m.cfg.MaxCommitFetches {
			break
		}
		m.commitsBusy++
		m.commits[detail.CommitKey(c.Repo, c.SHA)] = detail.CommitInfo{Loading: true}
		cmds = append(cmds, m.track(fetchCommit(m.ctx, m.cfg.Source, c)))
	}
	return tea.Batch(cmds...)
}

func (m *Model) loadNextPulls() tea.Cmd {
	m.listLoading = true
	m.list.SetLoading(true)
	return m.track(fetchPulls(m.ctx, m.cfg.Source, m.cfg.Repo, m.cfg.State, m.listNext, m.cfg.PerPage))
}

// track counts a request in flight and starts the spinner for the first.
func (m *Model) track(cmd tea.Cmd) tea.Cmd {
	m.inFlight++
	if m.inFlight == 1 {
		return tea.Batch(cmd, m.spinner.Tick)
	}
	return cmd
}

func (m *Model) done() { m.inFlight = max(m.inFlight-1, 0) }

func (m *Model) fail(err error) {
	if !errors.Is(err, context.Canceled) {
		m.lastErr = err.Error()
	}
}

func stateWord(state string) string {
	if state == "all" || state == "" {
		return ""
	}
	return state + " "
}
