package store

import (
	"context"

	"github.com/prscope/prscope/github/httpcache"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/prscope/prscope/model"
)

// Kind names what a request fetches.
type Kind int

const (
	KindNone           Kind = iota
	KindList                // a page of the repository's list
	KindListRefresh         // a list page shown already, revalidated (R, a stale copy)
	KindSearch              // a page of a search's results
	KindPull                // GET /pulls/N
	KindSearchPull          // GET /pulls/N for a search result, which lacks head and base
	KindTimeline            // a page of a PR's timeline
	KindCommit              // one commit's message
	KindReviews             // every page of a PR's reviews
	KindReviewComments      // every page of a PR's review comments
	KindChecks              // a commit's check runs and statuses
	KindIdentity            // GET /user
	KindPullCommits         // every page of a PR's own commits
	KindRuns                // a page of a PR's branch's workflow runs
	KindJobs                // every page of a run's jobs (Page: the run id)
	KindAnnotations         // a job's annotations (Page: the job id)
	KindLog                 // a job's log, read for its failures (Page: the job id)
	KindHeadRuns            // the runs of a list row's head commit (Ref), or the repository's newest (Ref "")
)

// errClass is the kind of failure a request's is counted as: a success of
// the same class clears it.
func (k Kind) errClass() Kind {
	switch k {
	case KindListRefresh:
		return KindList
	case KindSearchPull:
		return KindPull
	case KindReviewComments:
		return KindReviews
	}
	return k
}

// Key names one resource: what, of which PR, at which page or commit.
type Key struct {
	Kind   Kind
	Number int    // the PR, where there is one
	Page   int    // the page, for paged resources
	Ref    string // a commit (CommitKey) or a head SHA
}

// Envelope is what every answer carries: the resource it is for, the
// generation it was asked in (a reload or a new search starts a new one,
// and answers to older ones are dropped), and how it went.
type Envelope struct {
	Key Key
	Gen int
	Err error
}

// Reply is an answer: its envelope, its value and what the page's headers
// said (for pages).
type Reply[T any] struct {
	Envelope
	Value T
	Info  model.Page
}

func (r Reply[T]) envelope() Envelope { return r.Envelope }

// answer is any Reply: Update takes them all.
type answer interface{ envelope() Envelope }

// request is the one way the store asks for anything: fetch runs in a
// command that captures values only (the Source is safe for concurrent
// use), its answer comes back in an envelope, and the ledger counts it
// until Update takes the answer.
func request[T any](s *Store, key Key, gen int, intent httpcache.Intent, fetch func(context.Context) (T, model.Page, error)) tea.Cmd {
	return requestIn(s.ctx, s, key, gen, intent, fetch)
}

// requestIn is request under ctx, a context of the store's that can be
// cancelled on its own (a search's).
func requestIn[T any](ctx context.Context, s *Store, key Key, gen int, intent httpcache.Intent, fetch func(context.Context) (T, model.Page, error)) tea.Cmd {
	s.inFlight++
	ctx = httpcache.WithIntent(ctx, intent)
	return func() tea.Msg {
		v, info, err := fetch(ctx)
		return Reply[T]{Envelope: Envelope{Key: key, Gen: gen, Err: err}, Value: v, Info: info}
	}
}

// Change is what an answer changed, for the root to route to the pane that
// shows it. Kind is KindNone for an answer that changed nothing (one for
// an older generation).
type Change struct {
	Key
	Err error // the answer's error, if any (the record says whether it counts)
	// PRs are a list or search page's new rows, or the one PR of a
	// KindPull or KindSearchPull.
	PRs []model.PullRequest
	// Stop is why paging stopped after this page; "" to go on.
	Stop string
	// Follow asks for more: the list page revalidated behind a stale copy.
	Follow tea.Cmd
}

// Update takes an answer to one of the store's requests: it uncounts it,
// files it under its key and says what changed. ok is false for a message
// that is not an answer.
func (s *Store) Update(msg tea.Msg) (ch Change, ok bool) {
	a, ok := msg.(answer)
	if !ok {
		return Change{}, false
	}
	s.inFlight = max(s.inFlight-1, 0)
	switch r := a.(type) {
	case Reply[[]model.PullRequest]:
		return s.onPullsPage(r), true
	case Reply[model.PullRequest]:
		return s.onPull(r), true
	case Reply[[]model.Event]:
		return s.onTimeline(r), true
	case Reply[string]:
		if r.Key.Kind == KindIdentity {
			return s.onIdentity(r), true
		}
		return s.onCommit(r), true
	case Reply[[]model.Review]:
		return s.onReviews(r.Envelope, r.Value, nil), true
	case Reply[[]model.ReviewComment]:
		return s.onReviews(r.Envelope, nil, r.Value), true
	case Reply[model.Checks]:
		return s.onChecks(r), true
	case Reply[[]model.PullCommit]:
		return fileAnswer(s, &s.pullCommits.records, r.Key.Number, r), true
	case Reply[[]model.WorkflowRun]:
		if r.Key.Kind == KindHeadRuns {
			return s.onHeadRuns(r), true
		}
		ch := fileAnswer(s, &s.history.runs, r.Key.Number, r)
		if ch.Kind != KindNone && r.Err == nil {
			s.history.runTotal[r.Key.Number] = r.Info.Total
			s.history.runNext[r.Key.Number] = r.Info.Next
		}
		return ch, true
	case Reply[[]model.Job]:
		return fileAnswer(s, &s.history.jobs, int64(r.Key.Page), r), true
	case Reply[[]model.Annotation]:
		return fileAnswer(s, &s.history.annotations, int64(r.Key.Page), r), true
	case Reply[model.LogSummary]:
		return fileAnswer(s, &s.history.logs, int64(r.Key.Page), r), true
	}
	return Change{}, true
}
