package ui

import (
	"context"
	"fmt"
	"strconv"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	gh "github.com/prscope/prscope/github"
	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/common"
	"github.com/prscope/prscope/ui/prlist"
)

// Searcher is a Source that can also ask GitHub's search
// (*github.Client is one). Without it, s says search is not available.
type Searcher interface {
	SearchPulls(ctx context.Context, repo model.Repo, query string, page, perPage int) ([]model.PullRequest, model.Page, error)
}

// listSearch is a server-side search shown in place of the repository's
// list (s): a prompt on the pane's first line while the query is typed,
// then a banner over the results, paged as the list is. Every search has a
// sequence number, and its pages carry it: an answer for an older search
// is dropped, never drawn into the newer one's list.
type listSearch struct {
	typing bool          // the prompt takes every key
	prompt prlist.Prompt // the query being typed
	active bool          // results are shown in place of the list

	query      string // the query of the results shown
	seq        int    // the search the results belong to; only ever grows
	results    prlist.Model
	next       int // next page; 0 when all are loaded
	pager      *model.Pager
	loading    bool
	err        string // paging stopped on this error until r
	total      int    // GitHub's total_count
	incomplete bool   // GitHub said incomplete_results
	detailed   map[int]bool

	returnTo int // the PR shown when the search began: esc goes back to it
	width    int // the list pane's inner width
	height   int
}

type (
	searchMsg struct {
		seq, page int
		prs       []model.PullRequest
		info      model.Page
		err       error
	}
	// searchPullMsg is GET /pulls/N for a search result, which lacks head
	// and base.
	searchPullMsg struct {
		number int
		pr     model.PullRequest
		err    error
	}
)

const errSearch = "search"

func fetchSearch(ctx context.Context, src Searcher, repo model.Repo, query string, seq, page, perPage int) tea.Cmd {
	return func() tea.Msg {
		prs, info, err := src.SearchPulls(ctx, repo, query, page, perPage)
		return searchMsg{seq: seq, page: page, prs: prs, info: info, err: err}
	}
}

func fetchSearchPull(ctx context.Context, src Source, repo model.Repo, number int) tea.Cmd {
	return func() tea.Msg {
		pr, err := src.GetPull(ctx, repo, number)
		return searchPullMsg{number: number, pr: pr, err: err}
	}
}

func newSearchPrompt(c common.Common) prlist.Prompt {
	return prlist.NewPrompt(c, "search: ", "is:open label:bug author:alice")
}

// startSearch opens the prompt: empty for a new search, holding the query
// when refining the one shown. The list filter gives way to it.
func (m *Model) startSearch() tea.Cmd {
	if _, ok := m.cfg.Source.(Searcher); !ok {
		m.lastErr, m.lastErrKind = "search is not available with this source", errSearch
		return nil
	}
	if m.filter.typing || m.filter.active {
		m.stopFilter()
	}
	s := &m.search
	if !s.active {
		s.returnTo = m.shown
	}
	s.typing = true
	s.prompt.SetValue(s.query)
	s.prompt.Focus()
	m.layout()
	return nil
}

// searchKey edits the query: enter runs it (an empty one goes back to the
// list); esc closes the prompt, back to the results when there are some,
// else to the list.
func (m *Model) searchKey(k tea.KeyMsg) tea.Cmd {
	s := &m.search
	switch {
	case key.Matches(k, s.prompt.KeyMap.Submit):
		s.typing = false
		s.prompt.Blur()
		if q := s.prompt.Value(); q != "" {
			return m.runSearch(m.ctx, q)
		}
		return m.stopSearch()
	case key.Matches(k, s.prompt.KeyMap.Cancel):
		s.typing = false
		s.prompt.Blur()
		if !s.active {
			return m.stopSearch()
		}
		m.layout()
		return nil
	}
	var cmd tea.Cmd
	s.prompt, cmd = s.prompt.Update(k)
	return cmd
}

// runSearch starts a new search for query: a fresh result list, and page 1.
func (m *Model) runSearch(ctx context.Context, query string) tea.Cmd {
	if _, ok := m.cfg.Source.(Searcher); !ok {
		return nil
	}
	m.newSearch(query)
	return m.track(m.searchPage(ctx, 1))
}

// searchPage fetches page p of the search shown. It reads only values.
func (m Model) searchPage(ctx context.Context, p int) tea.Cmd {
	src, ok := m.cfg.Source.(Searcher)
	if !ok {
		return nil
	}
	s := m.search
	return fetchSearch(ctx, src, m.cfg.Repo, s.query, s.seq, p, m.cfg.PerPage)
}

// openSearchAtStart is --search: New shows the search at once and counts
// its first page, which Init sends.
func (m *Model) openSearchAtStart(query string) {
	if _, ok := m.cfg.Source.(Searcher); ok && query != "" {
		m.newSearch(model.SanitizeLine(query))
		m.inFlight++
	}
}

// newSearch makes query the search shown: a fresh, empty result list.
func (m *Model) newSearch(query string) {
	s := &m.search
	s.seq++
	s.query, s.active, s.loading = query, true, true
	s.next, s.err, s.total, s.incomplete = 0, "", 0, false
	s.detailed = map[int]bool{}
	s.pager = model.NewPager(gh.MaxListPages)
	s.results = prlist.New(m.common)
	s.results.Empty = "no pull requests match " + strconv.Quote(query)
	s.results.SetSize(s.width, s.height-1)
	s.results.SetLoading(true)
	if m.focus == listPane {
		s.results.Focus()
	}
	m.layout()
}

// stopSearch goes back to the repository's list, on the PR shown before
// the search (the list's cursor never moved meanwhile).
func (m *Model) stopSearch() tea.Cmd {
	s := m.search
	// seq goes on, so late pages stay dropped.
	m.search = listSearch{seq: s.seq, prompt: s.prompt, width: s.width, height: s.height}
	m.search.prompt.SetValue("")
	if s.returnTo != 0 {
		m.list.Select(s.returnTo)
	}
	m.layout()
	if pr, ok := m.list.Selected(); ok && pr.Number != m.shown {
		return m.selectPR(pr)
	}
	return nil
}

func (m *Model) onSearch(msg searchMsg) tea.Cmd {
	m.done()
	s := &m.search
	if msg.seq != s.seq || !s.active {
		return nil // an older search's page, or the search was left
	}
	s.loading = false
	s.results.SetLoading(false)
	if msg.err != nil {
		if m.fail(errSearch, msg.err) {
			s.err = oneLine(msg.err)
			s.results.SetError("could not load more (r to retry): " + s.err)
			if s.results.Len() == 0 {
				s.results.Empty = "search failed (r to retry, s to edit): " + s.err
			}
		}
		return nil
	}
	m.succeed(errSearch)
	s.total, s.next = msg.info.Total, msg.info.Next
	s.incomplete = s.incomplete || msg.info.Incomplete
	stop := s.pager.Add(msg.page, model.KeysOf(msg.prs, model.PullKey), msg.info.Next)
	if stop.Stopped() {
		s.next = 0
		s.results.SetError(pagingNote(stop))
	}
	if !stop.Repeated {
		s.results.Append(msg.prs)
	}
	if pr, ok := s.results.Selected(); ok && pr.Number != m.shown {
		return m.selectPR(pr)
	}
	if s.results.Len() == 0 && m.shown != 0 {
		// Nothing matched: the PR shown before is not a result; show none.
		m.selSeq++
		m.shown = 0
		m.detail.Clear()
	}
	return nil
}

// searchNeeds asks for the next page of results near their end, as the
// list does.
func (m *Model) searchNeeds() tea.Cmd {
	s := &m.search
	if !s.active || s.next <= 1 || s.loading || s.err != "" || !s.results.NearEnd(10) {
		return nil
	}
	s.loading = true
	s.results.SetLoading(true)
	return m.track(m.searchPage(m.ctx, s.next))
}

// retrySearch is r on a search whose paging failed: the page again.
func (m *Model) retrySearch() tea.Cmd {
	s := &m.search
	if !s.active || s.err == "" || s.loading {
		return nil
	}
	if s.results.Len() == 0 {
		return m.runSearch(gh.WithRevalidate(m.ctx), s.query)
	}
	s.err = ""
	s.results.SetError("")
	return m.searchNeeds()
}

// searchDetail fetches the shown search result's PR once (GET /pulls/N):
// search results have no head, base or counts. The repository's list may
// hold it already.
func (m *Model) searchDetail(number int) tea.Cmd {
	s := &m.search
	pr, ok := s.results.Lookup(number)
	if !s.active || !ok || pr.Detailed || s.detailed[number] {
		return nil
	}
	s.detailed[number] = true
	if listed, ok := m.list.Lookup(number); ok && listed.Head != "" {
		s.results.Replace(listed)
		m.showFresher(listed)
		return nil
	}
	return m.track(fetchSearchPull(m.ctx, m.cfg.Source, m.cfg.Repo, number))
}

func (m *Model) onSearchPull(msg searchPullMsg) {
	m.done()
	if msg.err != nil {
		m.fail(errPull, msg.err)
		delete(m.search.detailed, msg.number) // another try on the next visit
		return
	}
	m.succeed(errPull)
	m.search.results.Replace(msg.pr)
	m.list.Replace(msg.pr)
	m.showFresher(msg.pr)
}

// showFresher redraws the detail pane's header with pr when it is shown.
func (m *Model) showFresher(pr model.PullRequest) {
	if pr.Number == m.shown {
		t := m.timelineOf(pr.Number)
		m.detail.ShowTimeline(pr, t.events, t.gaps, t.status())
	}
}

// setSize sizes the prompt and the results for a list pane of w x h.
func (s *listSearch) setSize(w, h int) {
	s.width, s.height = w, h
	s.prompt.SetWidth(w)
	s.results.SetSize(w, h-1)
}

// chrome is the lines the search takes above the list: the prompt or the
// banner.
func (s listSearch) chrome() int {
	if s.typing || s.active {
		return 1
	}
	return 0
}

// banner is the line over the results.
func (m Model) searchBanner() string {
	s := m.search
	st := m.common.Styles
	text := "search: " + s.query
	switch {
	case s.loading && s.results.Len() == 0:
		text += " · searching…"
	case s.err != "" && s.results.Len() == 0:
		text += " · search failed" // not "0 results": nothing is known to match or not
	case s.total > gh.MaxSearchResults:
		text += fmt.Sprintf(" · %d results (the first %d shown)", s.total, gh.MaxSearchResults)
	default:
		text += fmt.Sprintf(" · %d result%s", s.total, plural(s.total))
	}
	if s.incomplete {
		text += " · incomplete"
	}
	return st.StatusWarning.Render(common.Truncate(model.SanitizeLine(text), max(s.width, 0)))
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// searchView is the list pane while a search is typed or shown: the prompt
// or the banner, over the results (or the list, while a first query is
// typed).
func (m Model) searchView() (string, bool) {
	s := m.search
	if s.chrome() == 0 {
		return "", false
	}
	head := m.searchBanner()
	if s.typing {
		head = s.prompt.View()
	}
	body := m.list.View()
	if s.active {
		body = s.results.View()
	}
	return head + "\n" + body, true
}
