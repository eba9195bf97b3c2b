package store

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/prscope/prscope/github"
	"github.com/prscope/prscope/github/httpcache"
	"github.com/prscope/prscope/model"
)

// Wants is what the screen is about to show, as the root reads it from the
// panes after every message. Fetch turns it into requests.
type Wants struct {
	ListNearEnd   bool // the list's cursor is near its last loaded row
	SearchNearEnd bool // the same in a search's results

	Shown    int  // the PR the detail pane shows; 0 for none
	OnScreen bool // the detail pane is on screen (not covered, not the other narrow pane)
	// Of the shown PR, while on screen:
	TimelineNearEnd bool
	Gaps            []GapWant
	Commits         []model.CommitRef // the referenced commits in view
	Checks          ChecksKey         // its head's CI; Number 0 when its head is not known
	// Runs names the shown PR's branch, whose CI runs the history reads;
	// RunJobs are the runs whose jobs are in view (the history pane's, and
	// the latest run's for the header).
	Runs    RunsKey
	RunJobs []int64
	// MoreRuns: the history is scrolled to its end, where older runs go.
	MoreRuns bool
	// Annotations are the failed jobs whose failures are in view;
	// WholeTimeline asks for every timeline page (the history reads the
	// versions from all of it).
	Annotations   []int64
	WholeTimeline bool
	// ListHeads are the head commits of the list rows on screen whose CI
	// verdict is not known, once the list rests.
	ListHeads []string
	// Searched is the PR whose timeline a search reads whole (0 for none):
	// its missing pages are fetched, and the messages of SearchCommits.
	Searched      int
	SearchCommits []model.CommitRef
	// Prefetch is the PR the user rests on, with prefetch: true (0 for
	// none): the rest of its timeline and PrefetchCommits' messages are
	// fetched at low priority.
	Prefetch        int
	PrefetchCommits []model.CommitRef
}

// Fetch asks for what w needs and the store has not got or asked for: the
// next list or search page near their end, the shown PR's reviews (with
// its timeline, on screen or not) and, while the pane is on screen, its
// timeline pages in view, the messages of the commits in view and its CI.
func (s *Store) Fetch(w Wants) tea.Cmd {
	var cmds []tea.Cmd
	if w.ListNearEnd && s.List.Next > 1 {
		cmds = append(cmds, s.nextPage(&s.List))
	}
	cmds = append(cmds, s.loadReviews(w.Shown), s.loadPullCommits(w.Shown), s.loadRuns(w.Runs), s.loadJobs(w.Shown, w.RunJobs))
	if w.MoreRuns {
		cmds = append(cmds, s.loadMoreRuns(w.Runs))
	}
	for _, id := range w.Annotations {
		cmds = append(cmds, s.LoadAnnotations(w.Shown, id))
	}
	searching := w.Searched != 0 && w.Searched == w.Shown
	if w.OnScreen && !searching {
		if t, ok := s.timelines[w.Shown]; ok && t.err == "" {
			if w.WholeTimeline {
				cmds = append(cmds, s.wholeTimeline(w.Shown, t, w.Gaps))
			} else {
				cmds = append(cmds, s.timelinePages(w.Shown, t, w.TimelineNearEnd, w.Gaps))
			}
		}
		cmds = append(cmds, s.loadCommits(w.Commits))
	}
	if !searching {
		w.Searched = 0 // a search of another PR's than the one shown is over
	}
	// A search is the one fetcher of the timeline it reads: what is in view
	// first, then the rest, within its own bound. Without one, a PR rested
	// on is completed beside what the view asks, within a smaller bound.
	switch {
	case w.Searched != 0:
		cmds = append(cmds, s.completeTimeline(w.Searched, searchCompletion, w.Gaps, w.Commits, w.SearchCommits))
	case w.Prefetch != 0 && w.Prefetch == w.Shown:
		cmds = append(cmds, s.completeTimeline(w.Prefetch, prefetchCompletion, nil, nil, w.PrefetchCommits))
	default:
		cmds = append(cmds, s.completeTimeline(0, completion{}, nil, nil, nil))
	}
	cmds = append(cmds, s.loadHeadCI(w.ListHeads))
	if w.SearchNearEnd && s.Search.Next > 1 {
		cmds = append(cmds, s.nextPage(&s.Search))
	}
	if w.OnScreen && w.Checks.Number != 0 {
		cmds = append(cmds, s.loadChecks(w.Checks))
	}
	return tea.Batch(cmds...)
}

// Reload asks GitHub again, past any cache (conditional requests: free
// when nothing changed), for the PR shown: its page, its timeline from the
// start (a new generation: answers to the old one are dropped) and its CI.
// Failed commit messages get another chance, and the last error goes.
func (s *Store) Reload(shown int, checks ChecksKey) tea.Cmd {
	s.ClearErr()
	s.forgetFailedCommits()
	s.retryHistory(shown)
	s.retryHeadCI()
	if shown == 0 {
		return nil
	}
	t := newTimeline(s.Timeline(shown).gen+1, s.cfg.PerPage)
	s.timelines[shown] = t
	cmds := []tea.Cmd{s.LoadPull(shown, httpcache.Revalidate), s.timelinePage(shown, t, 1, httpcache.Revalidate)}
	if checks.Number != 0 {
		cmds = append(cmds, s.requestChecks(checks, httpcache.Revalidate))
	}
	return tea.Batch(cmds...)
}

// wholeTimeline asks for every page of PR number's timeline t not loaded
// (the CI history reads the versions from all of it): what is in view
// first, then from the top, github.PagesInFlight at a time, as the one
// pager does once the last page is known.
func (s *Store) wholeTimeline(number int, t *Timeline, inView []GapWant) tea.Cmd {
	if t.seqNext > 0 && !t.loading() {
		return s.timelinePage(number, t, t.seqNext, httpcache.Initial) // no last page known: one by one
	}
	var cmds []tea.Cmd
	for _, p := range searchPages(inView, t.Gaps()) {
		if len(t.inFlight) >= github.PagesInFlight {
			break
		}
		if !t.inFlight[p] {
			cmds = append(cmds, s.timelinePage(number, t, p, httpcache.Initial))
		}
	}
	return tea.Batch(cmds...)
}
