package ui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/common"
	"github.com/prscope/prscope/ui/prlist"
	"github.com/prscope/prscope/ui/store"
)

// listSide is the list pane: the repository's list, or the list filter's
// results over it (listfilter.go), or a GitHub search's results in its
// place (search.go). It shows what the store's paged lists bring; which PR
// the detail pane shows is the root's choice, told by the picks returned.
type listSide struct {
	common common.Common
	repo   model.Repo
	state  string

	list   prlist.Model
	filter listFilter
	search listSearch
	// rested: the selection has not moved for SettleDelay, so the CI of
	// the rows on screen may be asked for.
	rested bool
}

// pick is a PR the list side (or the target) asks the root to show (ok),
// or to show none (clear). focus gives the detail pane the focus; a
// standIn is drawn as shown without a timeline request of its own (a
// target that could not be fetched).
type pick struct {
	pr      model.PullRequest
	ok      bool
	clear   bool
	focus   bool
	standIn bool
}

func newListSide(c common.Common, repo model.Repo, state string) listSide {
	return listSide{common: c, repo: repo, state: state, list: prlist.New(c), search: listSearch{prompt: newSearchPrompt(c)}}
}

// shown is the list the pane shows and keys move in.
func (l *listSide) shown() *prlist.Model {
	switch {
	case l.search.active:
		return &l.search.results
	case l.filter.active:
		return &l.filter.results
	}
	return &l.list
}

// syncHeadCI gives the lists the CI verdicts of their rows' heads the
// store has, and filters again for ci:… when they changed.
func (l *listSide) syncHeadCI(s store.Store, shown int) tea.Cmd {
	v := s.HeadCIVersion()
	changed := v != l.list.CIVersion()
	for _, p := range []*prlist.Model{&l.list, &l.filter.results, &l.search.results} {
		p.SetHeadCI(v, s.HeadVerdict)
	}
	if changed && strings.Contains(l.filter.editor.Value(), "ci:") {
		return l.refilter(shown)
	}
	return nil
}

// headsWanted are the heads of the rows on screen whose CI the store may
// ask for: none until the list rests.
func (l listSide) headsWanted() []string {
	if !l.rested {
		return nil
	}
	return l.shown().HeadsOnScreen()
}

// selected is the PR selected in whichever list shows.
func (l *listSide) selected() (model.PullRequest, bool) { return l.shown().Selected() }

// update moves in the list shown, for a key or a mouse event.
func (l *listSide) update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	*l.shown(), cmd = l.shown().Update(msg)
	return cmd
}

func (l *listSide) setFocus(on bool) {
	for _, p := range []*prlist.Model{&l.list, &l.filter.results, &l.search.results} {
		if on {
			p.Focus()
		} else {
			p.Blur()
		}
	}
}

func (l *listSide) setSize(w, h int) {
	l.list.SetSize(w, h-l.search.chrome())
	l.search.setSize(w, h)
	l.filter.results.SetSize(w, h)
}

// view is the list, or the filter's results while it is on, or the
// search (whose paging, the store's, says what the banner says).
func (l listSide) view(search store.PagedList) string {
	if v, ok := l.searchView(search); ok {
		return v
	}
	if l.filter.active {
		return l.filter.results.View()
	}
	return l.list.View()
}

// nearEnd: the cursor of the repository's list nears its last loaded row.
func (l listSide) nearEnd() bool { return l.list.NearEnd(10) }

// onListPage shows a page of the repository's list as the store filed it.
func (l *listSide) onListPage(ch store.Change, pl store.PagedList, shown int) tea.Cmd {
	l.list.SetLoading(false)
	if ch.Err != nil {
		if pl.Err == nil {
			return nil // our own cancellation, on quit
		}
		// Paging stops until the user asks again (r).
		text := pl.Err.Error()
		l.list.SetError("could not load more (" + l.common.Retry() + "): " + text)
		if l.list.Len() == 0 {
			l.list.Empty = "could not load pull requests (" + l.common.Retry() + "): " + text
		}
		return nil
	}
	if ch.Stop != "" {
		l.list.SetError(ch.Stop)
	}
	l.list.Append(ch.PRs)
	if l.list.Len() == 0 {
		l.list.Empty = "no " + stateWord(l.state) + "pull requests in " + l.repo.String()
	}
	return l.refilter(shown)
}

// onRefresh updates rows in place from a revalidated page. Only page 1 can
// bring PRs opened since; on later pages an unknown PR is one pushed down
// from the page before, which paging will reach.
func (l *listSide) onRefresh(ch store.Change, shown int) tea.Cmd {
	if ch.Err != nil {
		return nil // only reported: what is shown stays, and paging goes on
	}
	l.list.Refresh(ch.PRs, ch.Page == 1)
	return l.refilter(shown)
}

// retrying clears what the list says of a stopped paging, as r takes it up.
func (l *listSide) retrying() {
	l.list.SetError("")
	l.list.SetLoading(true)
}

// loading marks the list's next page on its way.
func (l *listSide) loading() { l.list.SetLoading(true) }

func stateWord(state string) string {
	if state == "all" || state == "" {
		return ""
	}
	return state + " "
}

// selectedPick is the selected row as a pick.
func (l *listSide) selectedPick() pick {
	pr, ok := l.selected()
	return pick{pr: pr, ok: ok}
}

// barFilters fills the filter bar from what the list shows now.
func (l listSide) barFilters() (model.ListFilter, string) {
	query, state := "", l.state
	if l.search.active {
		query = l.search.query
		state = "all" // the query says its own state, if any
	}
	f, qstate, _ := model.SplitListFilter(query)
	if qstate != "all" {
		state = qstate
	}
	return f, state
}

// filtersQuery is the search the bar's filters make, keeping the rest of
// the current query; "" (with change) for the repository's list.
func (l listSide) filtersQuery(f model.ListFilter, state string) (query string, change bool) {
	current := ""
	if l.search.active {
		current = l.search.query
	}
	if state == l.state && !l.search.active {
		state = "all" // the list already shows that state: no need to search for it
	}
	query = model.WithListFilter(current, f, state)
	return query, query != current
}

// keepReturn remembers the PR shown before a search, for esc.
func (l *listSide) keepReturn(shown int) {
	if !l.search.active {
		l.search.returnTo = shown
	}
}

// statusLine is the list filter's or the timeline search's status line
// (detailSearch, when the detail has the focus), else the search the list
// is narrowed to.
func (l listSide) statusLine(detailSearch string, onList bool, lastErr string) string {
	if detailSearch != "" {
		return detailSearch
	}
	if s := l.filterStatus(); onList && s != "" {
		return s
	}
	if l.search.active && lastErr == "" {
		// --author/--label/… and s searches: what the list is narrowed to
		// (the list's banner says it too, so an error may take the room).
		// Cut short: an error after it must stay readable.
		return common.Truncate("search: "+l.search.query, 40)
	}
	return ""
}
