package ui

import (
	"fmt"
	"strconv"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/prscope/prscope/github"
	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/common"
	"github.com/prscope/prscope/ui/prlist"
	"github.com/prscope/prscope/ui/query"
	"github.com/prscope/prscope/ui/store"
)

// listSearch is a server-side search shown in place of the repository's
// list (s): a prompt on the pane's first line while the query is typed,
// then a banner over the results. The store pages it (store.PagedList, as
// the list); every search is a new generation there, so an answer for an
// older search is dropped, never drawn into the newer one's list.
type listSearch struct {
	prompt query.Model // the query being typed; focused, it takes every key
	active bool        // results are shown in place of the list

	query    string // the query of the results shown
	results  prlist.Model
	detailed map[int]bool // results whose GET /pulls/N was asked for

	returnTo int // the PR shown when the search began: esc goes back to it
	width    int // the list pane's inner width
	height   int
}

// searchOutcome is what a key in the prompt asks of the root.
type searchOutcome int

const (
	searchTyping searchOutcome = iota // the key edited the query
	searchRun                         // enter on a query: run it
	searchLeave                       // back to the repository's list
	searchBack                        // esc while refining: back to the results
)

func newSearchPrompt(c common.Common) query.Model {
	p := query.New("search: ")
	p.SetPlaceholder("is:open label:bug author:alice")
	p.Styles = query.Styles{Label: c.Styles.StatusWarning, Placeholder: c.Styles.Muted}
	p.KeyMap.Submit.SetHelp("enter", "search")
	return p
}

// typing reports that the prompt takes the keys.
func (s listSearch) typing() bool { return s.prompt.Focused() }

// typed is the query in the prompt, as one trimmed line.
func (s listSearch) typed() string { return model.SanitizeLine(s.prompt.Value()) }

// startSearch opens the prompt: empty for a new search, holding the query
// when refining the one shown. The list filter gives way to it.
func (l *listSide) startSearch(shown int) {
	if l.filter.typing() || l.filter.active {
		l.stopFilter(shown)
	}
	s := &l.search
	if !s.active {
		s.returnTo = shown
	}
	s.prompt.SetValue(s.query)
	s.prompt.Focus()
}

// searchKey edits the query: enter runs it (an empty one goes back to the
// list); esc closes the prompt, back to the results when there are some,
// else to the list.
func (l *listSide) searchKey(k tea.KeyMsg) (tea.Cmd, searchOutcome) {
	s := &l.search
	switch {
	case key.Matches(k, s.prompt.KeyMap.Submit):
		s.prompt.Blur()
		if s.typed() != "" {
			return nil, searchRun
		}
		return nil, searchLeave
	case key.Matches(k, s.prompt.KeyMap.Cancel):
		s.prompt.Blur()
		if !s.active {
			return nil, searchLeave
		}
		return nil, searchBack
	}
	var cmd tea.Cmd
	s.prompt, cmd = s.prompt.Update(k)
	return cmd, searchTyping
}

// newSearch makes query the search shown: a fresh, empty result list.
func (l *listSide) newSearch(query string, focused bool) {
	s := &l.search
	s.query, s.active = query, true
	s.detailed = map[int]bool{}
	s.results = prlist.New(l.common)
	s.results.Empty = "no pull requests match " + strconv.Quote(query)
	s.results.SetSize(s.width, s.height-1)
	s.results.SetLoading(true)
	if focused {
		s.results.Focus()
	}
}

// stopSearch goes back to the repository's list, on the PR shown before
// the search (the list's cursor never moved meanwhile).
func (l *listSide) stopSearch() {
	s := l.search
	l.search = listSearch{prompt: s.prompt, width: s.width, height: s.height}
	l.search.prompt.SetValue("")
	if s.returnTo != 0 {
		l.list.Select(s.returnTo)
	}
}

// onSearchPage shows a page of results as the store filed it, and picks
// the result to show: the selected one, or none when nothing matched.
func (l *listSide) onSearchPage(ch store.Change, pl store.PagedList, shown int) pick {
	s := &l.search
	if !s.active {
		return pick{}
	}
	s.results.SetLoading(false)
	if ch.Err != nil {
		if pl.Err == nil {
			return pick{} // our own cancellation, on quit
		}
		text := store.OneLine(pl.Err)
		s.results.SetError("could not load more (" + l.common.Retry() + "): " + text)
		if s.results.Len() == 0 {
			s.results.Empty = "search failed (" + l.common.Retry() + ", " + l.common.SearchKey() + " to edit): " + text
		}
		return pick{}
	}
	if ch.Stop != "" {
		s.results.SetError(ch.Stop)
	}
	s.results.Append(ch.PRs)
	if pr, ok := s.results.Selected(); ok && pr.Number != shown {
		return pick{pr: pr, ok: true}
	}
	if s.results.Len() == 0 && shown != 0 {
		return pick{clear: true} // the PR shown before is not a result
	}
	return pick{}
}

// searchRetrying clears what the results say of a stopped paging (r).
func (l *listSide) searchRetrying() {
	s := &l.search
	s.results.SetError("")
	s.results.SetLoading(true)
	if s.results.Len() == 0 {
		s.results.Empty = "no pull requests match " + strconv.Quote(s.query)
	}
}

// searchNearEnd: the results' cursor nears their last loaded row.
func (l listSide) searchNearEnd() bool { return l.search.active && l.search.results.NearEnd(10) }

// searchDetail says whether result number needs GET /pulls/N (search
// results have no head, base or counts), once per result; the list's copy
// stands in when it has one, and is returned to show.
func (l *listSide) searchDetail(number int) (fetch bool, listed pick) {
	s := &l.search
	pr, ok := s.results.Lookup(number)
	if !s.active || !ok || pr.Detailed || s.detailed[number] {
		return false, pick{}
	}
	s.detailed[number] = true
	if pr, ok := l.list.Lookup(number); ok && pr.Head != "" {
		s.results.Replace(pr)
		return false, pick{pr: pr, ok: true}
	}
	return true, pick{}
}

// onSearchPull takes a result's GET /pulls/N into both lists.
func (l *listSide) onSearchPull(ch store.Change) (model.PullRequest, bool) {
	if ch.Err != nil {
		delete(l.search.detailed, ch.Number) // another try on the next visit
		return model.PullRequest{}, false
	}
	pr := ch.PRs[0]
	l.search.results.Replace(pr)
	l.list.Replace(pr)
	return pr, true
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
	if s.typing() || s.active {
		return 1
	}
	return 0
}

// banner is the line over the results.
func (l listSide) searchBanner(paging store.PagedList) string {
	s := l.search
	st := l.common.Styles
	text := "search: " + s.query
	switch total := paging.Info.Total; {
	case paging.Loading && s.results.Len() == 0:
		text += " · searching…"
	case paging.Err != nil && s.results.Len() == 0:
		text += " · search failed" // not "0 results": nothing is known to match or not
	case total > github.MaxSearchResults:
		text += fmt.Sprintf(" · %d results (the first %d shown)", total, github.MaxSearchResults)
	default:
		text += fmt.Sprintf(" · %d result%s", total, plural(total))
	}
	if paging.Incomplete {
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
func (l listSide) searchView(paging store.PagedList) (string, bool) {
	s := l.search
	if s.chrome() == 0 {
		return "", false
	}
	head := l.searchBanner(paging)
	if s.typing() {
		head = s.prompt.View()
	}
	body := l.list.View()
	if s.active {
		body = s.results.View()
	}
	return head + "\n" + body, true
}
