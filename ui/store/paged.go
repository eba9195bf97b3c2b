package store

import (
	"context"

	"github.com/prscope/prscope/github/httpcache"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/prscope/prscope/github"
	"github.com/prscope/prscope/model"
)

// PagedList is a list of PRs fetched page by page: the repository's list,
// or a search's results. It is the one place either is paged: which page
// comes next, whether one is on its way, and why paging stopped (an error
// until r, or what the pages said, model.Pager).
type PagedList struct {
	Kind  Kind   // KindList or KindSearch
	Seq   int    // the generation: each search is a new one; answers to older ones are dropped
	Query string // the search's query

	Next    int // the next page; 0 when all are loaded (or paging stopped)
	Loading bool
	Err     error      // paging stopped on this error until r
	Info    model.Page // what the last page's headers said
	Pages   int        // pages loaded
	// Incomplete: GitHub said incomplete_results on some page.
	Incomplete bool

	fetch func(ctx context.Context, page int) ([]model.PullRequest, model.Page, error)
	pager *model.Pager
	// resume is where r takes paging up again after the pages stopped it
	// (a loop, a repeated or empty page): the fault may be gone.
	resume int
}

func newPagedList(kind Kind, seq int, query string, fetch func(context.Context, int) ([]model.PullRequest, model.Page, error)) PagedList {
	return PagedList{Kind: kind, Seq: seq, Query: query, Next: 1, fetch: fetch, pager: model.NewPager(github.MaxListPages)}
}

func listFetch(cfg Config) func(context.Context, int) ([]model.PullRequest, model.Page, error) {
	return func(ctx context.Context, page int) ([]model.PullRequest, model.Page, error) {
		return cfg.Source.ListPulls(ctx, cfg.Repo, cfg.State, page, cfg.PerPage)
	}
}

// Stopped reports that paging waits for r: an error, or pages that
// contradicted themselves.
func (l PagedList) Stopped() bool { return l.Err != nil || l.resume > 0 }

// page asks for page p of l.
func (s *Store) page(l *PagedList, p int, intent httpcache.Intent) tea.Cmd {
	l.Loading = true
	fetch := l.fetch
	return request(s, Key{Kind: l.Kind, Page: p}, l.Seq, intent, func(ctx context.Context) ([]model.PullRequest, model.Page, error) {
		return fetch(ctx, p)
	})
}

// nextPage asks for l's next page, unless one is on its way or paging
// stopped.
func (s *Store) nextPage(l *PagedList) tea.Cmd {
	if l.Next == 0 || l.Loading || l.Stopped() || l.fetch == nil {
		return nil
	}
	return s.page(l, l.Next, httpcache.Initial)
}

// FirstListPage asks for the list's first page from the cache if it has
// any copy: it draws at once, and the answer revalidates it behind.
func (s *Store) FirstListPage() tea.Cmd { return s.page(&s.List, 1, httpcache.CacheFirst) }

// retry takes l's paging up again after it stopped (r): the one after the
// pages that stopped it, past the cache, or the page that failed (a search
// that has no page yet starts again past the cache).
func (s *Store) retry(l *PagedList) tea.Cmd {
	if l.Loading || l.fetch == nil {
		return nil
	}
	switch {
	case l.resume > 0 && l.Err == nil:
		l.Next, l.resume = l.resume, 0
		return s.page(l, l.Next, httpcache.Revalidate)
	case l.Err != nil && l.Next > 0:
		l.Err = nil
		if l.Kind == KindSearch && l.Pages == 0 {
			return s.page(l, 1, httpcache.Revalidate)
		}
		return s.page(l, l.Next, httpcache.Initial)
	}
	return nil
}

// RetryList is r on the list; nil when its paging had not stopped.
func (s *Store) RetryList() tea.Cmd { return s.retry(&s.List) }

// RetrySearch is r on the search shown.
func (s *Store) RetrySearch() tea.Cmd { return s.retry(&s.Search) }

// listOf is the paged list an answer is for; nil when it is an older
// search's.
func (s *Store) listOf(e Envelope) *PagedList {
	if e.Key.Kind == KindSearch {
		if e.Gen != s.Search.Seq || s.Search.fetch == nil {
			return nil
		}
		return &s.Search
	}
	return &s.List
}

func (s *Store) onPullsPage(r Reply[[]model.PullRequest]) Change {
	if r.Key.Kind == KindListRefresh {
		return s.onRefresh(r)
	}
	l := s.listOf(r.Envelope)
	if l == nil {
		return Change{}
	}
	l.Loading = false
	ch := Change{Key: r.Key, Err: r.Err}
	if r.Err != nil {
		if s.fail(r.Key.Kind, r.Err) {
			l.Err = r.Err // stop until r: retrying at once would hammer a failing server
		}
		return ch
	}
	s.succeed(r.Key.Kind)
	l.Info, l.Next = r.Info, r.Info.Next
	l.Pages = max(l.Pages, r.Key.Page)
	l.Incomplete = l.Incomplete || r.Info.Incomplete
	stop := l.pager.Add(r.Key.Page, model.KeysOf(r.Value, model.PullKey), r.Info.Next)
	if stop.Stopped() {
		l.Next = 0
		ch.Stop = pagingNote(stop)
		l.resume = r.Key.Page + 1
		if stop.Repeated || len(r.Value) == 0 {
			l.resume = r.Key.Page // that page itself said nothing usable
		}
	}
	if !stop.Repeated {
		ch.PRs = r.Value
	}
	if r.Key.Kind == KindList && r.Key.Page == 1 && r.Info.From == httpcache.CacheStale {
		// Drawn from an old copy: now ask GitHub (a free 304 if unchanged).
		ch.Follow = s.refreshPage(1, httpcache.Initial)
	}
	return ch
}

// refreshPage revalidates list page p, shown already: its rows are
// updated in place and paging is left alone.
func (s *Store) refreshPage(p int, intent httpcache.Intent) tea.Cmd {
	fetch := s.List.fetch
	return request(s, Key{Kind: KindListRefresh, Page: p}, 0, intent, func(ctx context.Context) ([]model.PullRequest, model.Page, error) {
		return fetch(ctx, p)
	})
}

// onRefresh: a failure is only reported; what is shown stays and paging
// goes on.
func (s *Store) onRefresh(r Reply[[]model.PullRequest]) Change {
	ch := Change{Key: r.Key, Err: r.Err}
	if r.Err != nil {
		s.fail(r.Key.Kind, r.Err)
		return ch
	}
	s.succeed(r.Key.Kind)
	ch.PRs = r.Value
	if r.Key.Page == 1 {
		s.List.Info.From, s.List.Info.StoredAt = r.Info.From, r.Info.StoredAt
	}
	return ch
}

// ReloadList revalidates every list page loaded (R); with none loaded
// yet, it is r.
func (s *Store) ReloadList() tea.Cmd {
	var cmds []tea.Cmd
	for p := 1; p <= s.List.Pages; p++ {
		cmds = append(cmds, s.refreshPage(p, httpcache.Revalidate))
	}
	return tea.Batch(cmds...)
}

// StartSearch makes query the search shown: a new generation of results,
// and asks for its first page (with Revalidate: past the cache).
func (s *Store) StartSearch(query string, intent httpcache.Intent) tea.Cmd {
	src, ok := s.cfg.Source.(Searcher)
	if !ok {
		return nil
	}
	repo, perPage := s.cfg.Repo, s.cfg.PerPage
	s.Search = newPagedList(KindSearch, s.Search.Seq+1, query, func(ctx context.Context, page int) ([]model.PullRequest, model.Page, error) {
		return src.SearchPulls(ctx, repo, query, page, perPage)
	})
	return s.page(&s.Search, 1, intent)
}

// StopSearch leaves the search; its late pages are dropped (Seq goes on).
func (s *Store) StopSearch() { s.Search = PagedList{Kind: KindSearch, Seq: s.Search.Seq} }

// CanSearch reports whether the source has a search.
func (s Store) CanSearch() bool {
	_, ok := s.cfg.Source.(Searcher)
	return ok
}

// pagingNote is the line shown where paging stopped (model.Pager).
func pagingNote(stop model.PageStop) string {
	return "stopped paging: " + stop.Short
}
