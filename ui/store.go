package ui

import (
	"context"
	"errors"

	tea "github.com/charmbracelet/bubbletea"

	gh "github.com/prscope/prscope/github"
	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/detail"
)

// What an error was about, so a later success of the same kind clears it.
const (
	errList     = "list"
	errTimeline = "timeline"
	errPull     = "pull"
	errCommit   = "commit"
)

func (m *Model) onPulls(msg pullsMsg) tea.Cmd {
	m.done()
	if msg.refresh {
		return m.onRefresh(msg)
	}
	m.listLoading = false
	m.list.SetLoading(false)
	if msg.err != nil {
		if m.fail(errList, msg.err) {
			// Stop paging until the user asks again (r): retrying at once
			// would hammer a failing server, or spin on a rate limit.
			m.listErr = msg.err.Error()
			m.list.SetError("could not load more (r to retry): " + m.listErr)
			if m.list.Len() == 0 {
				m.list.Empty = "could not load pull requests (r to retry): " + m.listErr
			}
		}
		return nil
	}
	m.succeed(errList)
	m.listInfo = msg.info
	m.listNext = msg.info.Next
	m.listPages = max(m.listPages, msg.page)
	stop := m.listPager.Add(msg.page, model.KeysOf(msg.prs, model.PullKey), msg.info.Next)
	if stop.Stopped() {
		m.listNext = 0
		m.list.SetError(pagingNote(stop))
		m.listResume = msg.page + 1
		if stop.Repeated || len(msg.prs) == 0 {
			m.listResume = msg.page // that page itself said nothing usable
		}
	}
	if !stop.Repeated {
		m.list.Append(msg.prs)
	}
	if m.list.Len() == 0 {
		m.list.Empty = "no " + stateWord(m.cfg.State) + "pull requests in " + m.cfg.Repo.String()
	}
	cmd := tea.Batch(m.selectTargetOrFirst(), m.refilter())
	if msg.page == 1 && msg.info.From == gh.CacheStale {
		// Drawn from an old copy: now ask GitHub (a free 304 if unchanged).
		return tea.Batch(cmd, m.track(fetchPulls(m.ctx, m.cfg.Source, m.cfg.Repo, m.cfg.State, 1, m.cfg.PerPage, true)))
	}
	return cmd
}

// onRefresh takes a revalidated list page: it updates rows in place and
// leaves paging alone (a page may be loading meanwhile). A failure is only
// reported: what is shown stays, and paging goes on.
func (m *Model) onRefresh(msg pullsMsg) tea.Cmd {
	if msg.err != nil {
		m.fail(errList, msg.err)
		return nil
	}
	m.succeed(errList)
	// Only page 1 can bring PRs opened since; on later pages an unknown PR
	// is one pushed down from the page before, which paging will reach.
	m.list.Refresh(msg.prs, msg.page == 1)
	if msg.page == 1 {
		m.listInfo.From, m.listInfo.StoredAt = msg.info.From, msg.info.StoredAt
	}
	return m.refilter()
}

// selectTargetOrFirst shows the PR asked for on the command line once it
// is known, or else the first PR; never if the user already chose one.
func (m *Model) selectTargetOrFirst() tea.Cmd {
	if m.target != 0 {
		if (m.shown == 0 || m.missing == m.target) && m.list.Select(m.target) {
			pr, _ := m.list.Selected()
			m.setFocus(detailPane)
			return m.selectPR(pr)
		}
		return nil // still on its way (GET /pulls/N), or the user moved on
	}
	if m.shown == 0 && !m.search.active { // search results choose their own
		if pr, ok := m.list.Selected(); ok {
			return m.selectPR(pr)
		}
	}
	return nil
}

func (m *Model) onPull(msg pullMsg) tea.Cmd {
	m.done()
	if msg.err != nil {
		m.fail(errPull, msg.err)
		if msg.number == m.target {
			return m.showMissingTarget(msg.err) // keep to it: r asks again
		}
		return nil
	}
	m.succeed(errPull)
	m.list.AddOutOfOrder(msg.pr) // or, when listed, a fresher copy with counts
	if msg.pr.Number == m.shown {
		t := m.timelineOf(m.shown)
		m.detail.ShowTimeline(msg.pr, t.events, t.gaps, t.status())
	}
	if msg.pr.Number == m.target {
		cmd := m.selectTargetOrFirst()
		m.target = 0
		return cmd
	}
	return nil
}

func (m *Model) onTimeline(msg timelineMsg) {
	m.done()
	t, ok := m.timelines[msg.number]
	if !ok || t.gen != msg.gen {
		return // from before a reload: superseded
	}
	if msg.err != nil {
		delete(t.inFlight, msg.page)
		t.rebuild()
		if m.fail(errTimeline, msg.err) {
			t.err = msg.err.Error()
		}
	} else {
		m.succeed(errTimeline)
		t.err = t.add(msg.page, msg.events, msg.info)
	}
	if msg.number == m.shown {
		m.detail.SetTimeline(t.events, t.gaps, t.status())
	}
}

func (m *Model) onCommit(msg commitMsg) {
	m.done()
	m.commitsBusy--
	info := detail.CommitInfo{Message: msg.message, Loaded: true}
	if msg.err != nil {
		m.fail(errCommit, msg.err)
		info = detail.CommitInfo{Err: oneLine(msg.err)}
	} else {
		m.succeed(errCommit)
	}
	m.commits[msg.key] = info
	m.detail.CommitLoaded(msg.key)
}

func (m *Model) timelineOf(number int) *timeline {
	t, ok := m.timelines[number]
	if !ok {
		t = newTimeline(0, m.cfg.PerPage)
		m.timelines[number] = t
	}
	return t
}

// loadTimeline fetches the first page of PR number's timeline unless it is
// already loaded or on its way.
func (m *Model) loadTimeline(number int) tea.Cmd {
	if number == 0 {
		return nil
	}
	t := m.timelineOf(number)
	if t.loading() || t.loaded || t.err != "" {
		return nil
	}
	return m.fetchPage(number, t, 1)
}

// fetchPage asks for page p of PR number's timeline.
func (m *Model) fetchPage(number int, t *timeline, p int) tea.Cmd {
	return m.fetchPageWith(m.ctx, number, t, p)
}

func (m *Model) fetchPageWith(ctx context.Context, number int, t *timeline, p int) tea.Cmd {
	t.request(p)
	if number == m.shown {
		m.detail.SetTimeline(t.events, t.gaps, t.status())
	}
	return m.track(fetchTimeline(ctx, m.cfg.Source, m.cfg.Repo, number, t.gen, p, m.cfg.PerPage))
}

// reloadList revalidates every list page loaded (R): rows that changed are
// redrawn in place, new PRs appear on top, the cursor stays put.
func (m *Model) reloadList() tea.Cmd {
	if m.listPages == 0 {
		return m.reload()
	}
	var cmds []tea.Cmd
	for p := 1; p <= m.listPages; p++ {
		cmds = append(cmds, m.track(fetchPulls(gh.WithRevalidate(m.ctx), m.cfg.Source, m.cfg.Repo, m.cfg.State, p, m.cfg.PerPage, true)))
	}
	return tea.Batch(cmds...)
}

// reload asks GitHub again for what the user is looking at, past any
// cache (conditional requests: free when nothing changed): the failed list
// page, or the selected PR and its timeline from the start.
func (m *Model) reload() tea.Cmd {
	m.lastErr, m.lastErrKind = "", ""
	for k, c := range m.commits {
		if c.Err != "" {
			delete(m.commits, k) // failed fetches get another chance
		}
	}
	var cmds []tea.Cmd
	if m.listResume > 0 && !m.listLoading && m.listErr == "" {
		m.listNext, m.listResume = m.listResume, 0
		m.list.SetError("")
		cmds = append(cmds, m.loadNextPullsWith(gh.WithRevalidate(m.ctx)))
	}
	if m.listErr != "" && !m.listLoading && (m.listNext > 0 || m.list.Len() == 0) {
		m.listErr = ""
		m.list.SetError("")
		cmds = append(cmds, m.loadNextPulls())
	}
	if m.shown != 0 {
		t := newTimeline(m.timelineOf(m.shown).gen+1, m.cfg.PerPage)
		m.timelines[m.shown] = t
		cmds = append(cmds,
			m.track(fetchPull(gh.WithRevalidate(m.ctx), m.cfg.Source, m.cfg.Repo, m.shown)),
			m.fetchPageWith(gh.WithRevalidate(m.ctx), m.shown, t, 1),
			m.reloadChecks())
	}
	return tea.Batch(cmds...)
}

// loadWhatIsNeeded asks for what the screen is about to show: the next list
// page near the list's end, and, when the detail pane is on screen, the
// next timeline page near its end and the messages of the commits in view.
func (m *Model) loadWhatIsNeeded() tea.Cmd {
	var cmds []tea.Cmd
	if m.listNext > 1 && !m.listLoading && m.listErr == "" && m.list.NearEnd(10) {
		cmds = append(cmds, m.loadNextPulls())
	}
	cmds = append(cmds, m.loadReviews()) // with the timeline, on screen or not
	if !m.detailOnScreen() {
		return tea.Batch(cmds...)
	}
	if t, ok := m.timelines[m.shown]; ok && t.err == "" {
		cmds = append(cmds, m.loadTimelinePages(t))
	}
	for _, c := range m.detail.VisibleCommits() {
		if m.commitsBusy >= m.cfg.MaxCommitFetches {
			break
		}
		key := detail.CommitKey(c.Repo, c.SHA)
		if _, known := m.commits[key]; known {
			continue // the same commit referenced twice on screen
		}
		m.commitsBusy++
		m.commits[key] = detail.CommitInfo{Loading: true}
		cmds = append(cmds, m.track(fetchCommit(m.ctx, m.cfg.Source, c)))
	}
	cmds = append(cmds, m.loadMarkdown())
	return tea.Batch(cmds...)
}

// loadTimelinePages asks for the timeline pages the view is about to show:
// the next one near the end when paging on blind (no rel="last"), or, for
// each gap in view, the page on the side it is approached from. At most
// two pages are in flight at once.
func (m *Model) loadTimelinePages(t *timeline) tea.Cmd {
	if t.seqNext > 0 && !t.loading() && m.detail.NearEnd() {
		return m.fetchPage(m.shown, t, t.seqNext)
	}
	var cmds []tea.Cmd
	for _, g := range m.detail.VisibleGaps() {
		p := g.FirstPage
		if g.FromBelow {
			p = g.LastPage
		}
		if len(t.inFlight) < 2 && !t.inFlight[p] {
			cmds = append(cmds, m.fetchPage(m.shown, t, p))
		}
	}
	return tea.Batch(cmds...)
}

func (m Model) detailOnScreen() bool {
	return !m.showHelp && (!m.narrow() || m.focus == detailPane)
}

func (m *Model) loadNextPulls() tea.Cmd { return m.loadNextPullsWith(m.ctx) }

// loadNextPullsWith is loadNextPulls asking with ctx (WithRevalidate: past
// a cached copy).
func (m *Model) loadNextPullsWith(ctx context.Context) tea.Cmd {
	m.listLoading = true
	m.list.SetLoading(true)
	return m.track(fetchPulls(ctx, m.cfg.Source, m.cfg.Repo, m.cfg.State, m.listNext, m.cfg.PerPage, false))
}

// track counts a request in flight; the spinner runs while any is.
func (m *Model) track(cmd tea.Cmd) tea.Cmd {
	m.inFlight++
	if m.inFlight == 1 && m.started {
		return tea.Batch(cmd, m.spinner.Tick)
	}
	return cmd
}

// done counts an answer. Tests check the count returns to zero once every
// command has run, so a miscount cannot hide behind this floor.
func (m *Model) done() {
	if m.inFlight > 0 {
		m.inFlight--
	}
}

// fail records err as the last error, unless it is only our own
// cancellation (on quit). It reports whether err counts.
func (m *Model) fail(kind string, err error) bool {
	if errors.Is(err, context.Canceled) {
		return false
	}
	m.lastErr, m.lastErrKind = oneLine(err), kind
	return true
}

// oneLine is an error for a single line (the status bar, under a commit):
// the short form when the error has one, keeping its hint in view.
func oneLine(err error) string {
	var short interface{ Short() string }
	if errors.As(err, &short) {
		return short.Short()
	}
	return err.Error()
}

// succeed clears the last error once the same kind of request works again.
func (m *Model) succeed(kind string) {
	if m.lastErrKind == kind {
		m.lastErr, m.lastErrKind = "", ""
	}
}

// pagingNote is the line shown where paging stopped (model.Pager).
func pagingNote(stop model.PageStop) string {
	return "stopped paging: " + stop.Short
}

func stateWord(state string) string {
	if state == "all" || state == "" {
		return ""
	}
	return state + " "
}
