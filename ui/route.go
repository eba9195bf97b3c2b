package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/detail"
	"github.com/prscope/prscope/ui/store"
)

// drawnTimeline is which state of which timeline the detail pane has, so
// it is handed a timeline only when that changed.
type drawnTimeline struct{ number, gen, version int }

// reloading reports that t, PR number's timeline, is a reload (r) of the
// one drawn whose first page is not in yet: until it is, the pane keeps
// what it shows, so the cursor and the search keep their places rather
// than fall to the top.
func (d drawnTimeline) reloading(number int, t *store.Timeline) bool {
	return d.number == number && t.Gen() > d.gen && len(t.Events()) == 0 && t.Status().Loading
}

// route takes what an answer changed in the store to the pane showing it.
func (m *Model) route(ch store.Change) tea.Cmd {
	defer func() {
		if ch.Err != nil && ch.Number != 0 && ch.Number == m.target.missing && m.target.absent != "" {
			m.store.SetErr(store.KindPull, m.target.absent) // its timeline's 404 says no more than that
		}
	}()
	switch ch.Kind {
	case store.KindList:
		cmd := m.lists.onListPage(ch, m.store.List, m.shown)
		return tea.Batch(m.show(m.target.firstPick(&m.lists, m.shown)), cmd, ch.Follow)
	case store.KindListRefresh:
		return m.lists.onRefresh(ch, m.shown)
	case store.KindSearch:
		return m.show(m.lists.onSearchPage(ch, m.store.Search, m.shown))
	case store.KindPull:
		p, fresher := m.target.onPull(ch, &m.lists, m.shown)
		if fresher {
			m.showPR(ch.PRs[0])
		}
		return m.show(p)
	case store.KindSearchPull:
		if pr, ok := m.lists.onSearchPull(ch); ok && pr.Number == m.shown {
			m.showPR(pr)
		}
	case store.KindCommit:
		m.detail.CommitLoaded(ch.Ref)
	case store.KindReviews, store.KindReviewComments:
		m.detail.ReviewsLoaded(ch.Number)
	}
	return nil
}

// fetch tells the store what the screen is about to show, and syncs the
// detail pane with what the store has for its PR.
func (m *Model) fetch() tea.Cmd {
	m.syncDetail() // what just arrived is drawn before the pane says what is in view
	cmds := []tea.Cmd{m.lists.syncHeadCI(m.store, m.shown)}
	// The detail is on screen unless the help covers it or, narrow, the
	// list is the pane shown.
	onScreen := !m.help.shown && (!narrow(m.width) || m.focus == detailPane)
	w := store.Wants{
		ListNearEnd:   m.lists.nearEnd(),
		SearchNearEnd: m.lists.searchNearEnd(),
		Shown:         m.shown,
		OnScreen:      onScreen,
	}
	if m.shown == m.target.missing {
		w.Shown = 0 // a PR that could not be fetched has no parts to ask for until r
	}
	if onScreen {
		w.TimelineNearEnd = m.detail.NearEnd()
		for _, g := range m.detail.VisibleGaps() {
			w.Gaps = append(w.Gaps, store.GapWant{Gap: g.Gap, FromBelow: g.FromBelow})
		}
		w.Commits = m.detail.VisibleCommits()
		w.Checks, _ = checksKeyOf(m.detail, m.shown)
	}
	if searching, refs := m.detail.SearchWants(store.SearchInFlight); searching && m.shown != 0 {
		w.Searched, w.SearchCommits = m.shown, refs
	}
	if n := m.rest.prefetch(m.shown); n != 0 && n != m.target.missing {
		w.Prefetch, w.PrefetchCommits = n, m.detail.MissingMessages(store.PrefetchInFlight)
	}
	m.ci.wants(&w, m.detail)
	if !m.help.shown && (!narrow(m.width) || m.focus == listPane) { // the list is on screen
		w.ListHeads = m.lists.headsWanted()
	}
	listBusy, searchBusy := m.store.List.Loading, m.store.Search.Loading
	cmd := m.store.Fetch(w)
	if !listBusy && m.store.List.Loading {
		m.lists.list.SetLoading(true)
	}
	if !searchBusy && m.store.Search.Loading {
		m.lists.search.results.SetLoading(true)
	}
	m.syncDetail() // pages asked for show as loading
	if onScreen {
		cmds = append(cmds, m.markdown.load(&m.detail))
	}
	return tea.Batch(append(cmds, cmd)...)
}

// checksKeyOf is the key of the CI the detail pane would show.
func checksKeyOf(d detail.Model, shown int) (store.ChecksKey, bool) {
	pr, ok := d.PR()
	if !ok || shown == 0 || pr.Number != shown || pr.HeadSHA == "" {
		return store.ChecksKey{}, false
	}
	return store.ChecksKey{Number: pr.Number, SHA: pr.HeadSHA}, true
}

// syncDetail hands the detail pane the shown PR's timeline and CI when
// they changed in the store; the pane redraws only then.
func (m *Model) syncDetail() {
	if t, ok := m.store.Asked(m.shown); ok && m.shown != 0 {
		if m.drawn.reloading(m.shown, t) {
			m.detail.SetReloading()
		} else if d := (drawnTimeline{m.shown, t.Gen(), t.Version()}); d != m.drawn {
			m.drawn = d
			m.detail.SetTimeline(t.Events(), t.Gaps(), m.timelineStatus(m.shown, t))
		}
	}
	m.detail.SetPullCommits(m.store.PullCommits(m.shown))
	m.detail.SetSearchHeld(m.store.SearchHeld())
	m.ci.sync(m.store, &m.detail, m.shown, m.KeyMap.History.Help().Key)
	key, ok := checksKeyOf(m.detail, m.shown)
	if !ok {
		m.detail.SetChecks(store.ChecksStatus{})
		return
	}
	m.detail.SetChecks(m.store.Checks(key))
}

// showPR draws pr in the detail pane with what the store has of its
// timeline.
func (m *Model) showPR(pr model.PullRequest) {
	t := m.store.Timeline(pr.Number)
	if m.drawn.reloading(pr.Number, t) {
		m.detail.SetPull(pr) // the fresher PR; its timeline stays until it is in
		return
	}
	m.detail.ShowTimeline(pr, t.Events(), t.Gaps(), m.timelineStatus(pr.Number, t))
	m.drawn = drawnTimeline{pr.Number, t.Gen(), t.Version()}
}

// timelineStatus is how PR number's timeline t stands for the pane: a PR
// that is not in the repository says so, not its timeline's 404 with a
// hint about access.
func (m Model) timelineStatus(number int, t *store.Timeline) store.TimelineStatus {
	status := t.Status()
	if number == m.target.missing && m.target.absent != "" {
		status.Err = m.target.absent
	}
	return status
}
