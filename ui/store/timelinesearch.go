package store

import (
	"context"
	"errors"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/prscope/prscope/github"
	"github.com/prscope/prscope/github/httpcache"
	"github.com/prscope/prscope/model"
)

// SearchInFlight bounds what a timeline search fetches at once, pages and
// commit messages together: a search reads the whole PR, and GitHub asks
// clients to keep concurrency low. Pages are at most github.PagesInFlight
// of them, as everywhere.
const SearchInFlight = 8

// PrefetchInFlight bounds the background completion of a PR the user
// rests on (prefetch: true): low priority, beside what the view asks.
const PrefetchInFlight = 2

// completion is how the rest of a PR is fetched: for a search, or for a
// PR the user rests on.
type completion struct {
	inFlight int // at most this many requests, with what is on its way
	// floor: below this percentage of the rate limit it asks nothing more.
	floor int
	// exclusive: it is the one fetcher of the timeline, and what is in
	// view goes first through it (a search); else the view's own fetching
	// goes on beside it.
	exclusive bool
}

var (
	searchCompletion   = completion{inFlight: SearchInFlight, floor: 10, exclusive: true}
	prefetchCompletion = completion{inFlight: PrefetchInFlight, floor: 20}
)

// searchFetch is the fetching of the rest of one PR, for a timeline search
// or a prefetch (the two share it: a search begun on a PR being prefetched
// goes on with what is on its way): the pages and messages it still lacks,
// asked under a context of their own, so that esc (or going to another PR)
// cancels what is on its way.
type searchFetch struct {
	number int // the PR searched; 0 when no search fetches
	ctx    context.Context
	cancel context.CancelFunc
	// held: the rate limit is low, so the search asks for nothing more.
	held bool
}

// SearchHeld reports that a timeline search stopped fetching to spare the
// rate limit: what it did not read is not searched.
func (s Store) SearchHeld() bool { return s.search.held }

// completeTimeline asks for what PR number still lacks, for a search or a
// prefetch (how): its unloaded timeline pages, then refs' messages, at most
// how.inFlight at once with what is already on its way. number 0 stops the
// fetching and cancels what it asked.
func (s *Store) completeTimeline(number int, how completion, inView []GapWant, viewRefs, refs []model.CommitRef) tea.Cmd {
	if number == 0 || number != s.search.number {
		s.stopSearchFetch()
	}
	if number == 0 {
		return nil
	}
	if s.search.number == 0 {
		ctx, cancel := context.WithCancel(s.ctx)
		s.search = searchFetch{number: number, ctx: ctx, cancel: cancel}
	}
	t, ok := s.timelines[number]
	if !ok || t.err != "" {
		return nil
	}
	if rl := s.cfg.Source.RateLimit(); rl.Known && rl.Limit > 0 && rl.Remaining*100 < rl.Limit*how.floor {
		// Below the floor the rest of the budget is the user's. What is in
		// view still loads, as without a search.
		s.search.held = true
		if !how.exclusive {
			return nil // the view's own fetching asks for it
		}
		return tea.Batch(s.timelinePages(number, t, false, inView), s.loadCommits(viewRefs))
	}
	s.search.held = false
	if !t.loaded {
		return nil // page 1 first: it says how many pages there are
	}
	refs = append(viewRefs[:len(viewRefs):len(viewRefs)], refs...) // what is in view first
	var cmds []tea.Cmd
	budget := func() int { return how.inFlight - len(t.inFlight) - s.commitsLoading }
	if t.seqNext > 0 && !t.loading() {
		cmds = append(cmds, s.timelinePageIn(s.search.ctx, number, t, t.seqNext, httpcache.Initial))
	}
	for _, p := range searchPages(inView, t.Gaps()) {
		if budget() <= 0 || len(t.inFlight) >= github.PagesInFlight {
			break
		}
		if !t.inFlight[p] {
			cmds = append(cmds, s.timelinePageIn(s.search.ctx, number, t, p, httpcache.Initial))
		}
	}
	if n := budget(); n > 0 {
		cmds = append(cmds, s.loadCommitsIn(s.search.ctx, refs, s.commitsLoading+n))
	}
	return tea.Batch(cmds...)
}

// searchPages are the pages of gaps a search reads, in the order it asks
// for them: the page of each gap in view on the side it is approached
// from, then every page from the top.
func searchPages(inView []GapWant, gaps []Gap) []int {
	var out []int
	for _, g := range inView {
		if g.FromBelow {
			out = append(out, g.LastPage)
		} else {
			out = append(out, g.FirstPage)
		}
	}
	for _, g := range gaps {
		for p := g.FirstPage; p <= g.LastPage; p++ {
			out = append(out, p)
		}
	}
	return out
}

// stopSearchFetch cancels what a search asked for and forgets the search.
func (s *Store) stopSearchFetch() {
	if s.search.cancel != nil {
		s.search.cancel()
	}
	s.search = searchFetch{}
}

// canceled reports an answer to a request that was called off (a search
// left, the program quitting): it failed nothing, and what it was for may
// be asked again.
func canceled(err error) bool { return errors.Is(err, context.Canceled) }

// timelinePageIn asks for page p of PR number's timeline under ctx.
func (s *Store) timelinePageIn(ctx context.Context, number int, t *Timeline, p int, intent httpcache.Intent) tea.Cmd {
	t.request(p)
	src, repo, perPage := s.cfg.Source, s.cfg.Repo, s.cfg.PerPage
	return requestIn(ctx, s, Key{Kind: KindTimeline, Number: number, Page: p}, t.gen, intent,
		func(ctx context.Context) ([]model.Event, model.Page, error) {
			return src.Timeline(ctx, repo, number, p, perPage)
		})
}
