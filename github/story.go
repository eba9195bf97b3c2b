package github

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/prscope/prscope/model"
)

// MaxTimelinePages bounds how far FetchStory pages, so a server whose Link
// header never ends cannot keep us looping.
const MaxTimelinePages = 500

// MaxListPages bounds how far a list of PRs or search results is paged:
// 2,000 pages of 100 is twice the largest repository we know of.
const MaxListPages = 2000

// commitFetchers is how many commit messages a dump (or a whole-PR
// search) asks at once.
const commitFetchers = 8

// Story is a PR with its whole timeline and every referenced commit's
// message, and its reviews' comments on the diff.
//
// The PR and its timeline are essential: FetchStory fails without them.
// Every other part is optional: its failure is recorded in the part (a
// commit's Err, Checks.Err, ReviewCommentsErr) and the rest stands.
type Story struct {
	Pull           model.PullRequest
	Timeline       []model.Event
	ReviewComments []model.ReviewComment
	Checks         *model.DumpChecks  // the head commit's CI; nil when the PR names no head SHA
	History        *model.DumpHistory // the branch's CI runs and what they said (story_history.go)

	// TimelineTruncated says why paging the timeline stopped early (a
	// loop, a repeated or empty page, the page cap); "" when it ended.
	TimelineTruncated string
	// ReviewCommentsErr says why the review comments could not be
	// fetched; ReviewCommentsTruncated why paging them stopped early.
	ReviewCommentsErr, ReviewCommentsTruncated string
}

// FetchStory loads PR number completely: the PR, every timeline page, the
// message of each commit the timeline references, the CI on its head
// commit and the review comments. It is what `prscope dump` prints. Only
// the PR, the timeline and our own cancellation make it fail; see Story.
func FetchStory(ctx context.Context, c *Client, repo model.Repo, number int) (Story, error) {
	return FetchStoryWith(ctx, c, repo, number, StoryOptions{})
}

// FetchStoryWith is FetchStory with the CI history's options.
//
// Its parts go side by side, each as soon as what it needs is in, so the
// whole costs few round trips (the README's figures): the PR and the
// timeline's first page together; the head's checks and the branch's CI
// runs once the PR names them; the timeline's other pages together once
// page 1 names the last; each page's commit messages as the page arrives.
func FetchStoryWith(ctx context.Context, c *Client, repo model.Repo, number int, opts StoryOptions) (Story, error) {
	// The PR is asked under ctx alone: a timeline that fails stops every
	// other part, but the PR's own error, if it has one, is the one said.
	prCtx := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	side := startPullParts(prCtx, ctx, c, repo, number, opts, cancel)
	msgs := newMessageFetcher(ctx, c)
	events, err := Pages(PageWalk[model.Event]{Subject: fmt.Sprintf("%s#%d timeline", repo, number), MaxPages: MaxTimelinePages,
		Key: model.EventKey, Each: msgs.want,
		Fetch: func(page int) ([]model.Event, model.Page, error) {
			return c.Timeline(ctx, repo, number, page, MaxPerPage)
		}})
	story := Story{TimelineTruncated: Truncated(err)}
	if err != nil && story.TimelineTruncated == "" {
		cancel() // nothing to show without it: stop the rest
	}
	reviews := startReviewComments(ctx, c, repo, number, events, &story)
	msgErr := msgs.fill(events)
	reviewsErr := reviews()
	if side.wait(); side.prErr != nil {
		return Story{}, side.prErr
	}
	if err != nil && story.TimelineTruncated == "" {
		return Story{}, err
	}
	for _, e := range []error{msgErr, side.err, reviewsErr} {
		if e != nil {
			return Story{}, e // our own cancellation: no story
		}
	}
	model.SortTimeline(events)
	story.Pull, story.Timeline, story.Checks = side.pr, events, side.checks
	story.History = side.ci.match(side.pr, events)
	return story, nil
}

// pullParts are the parts of a story that need the PR: its head's checks
// and its branch's CI runs.
type pullParts struct {
	done   chan struct{}
	pr     model.PullRequest
	prErr  error // the PR could not be had: no story
	checks *model.DumpChecks
	ci     ciRuns
	err    error // our own cancellation
}

// startPullParts asks for the PR, and once it is in for its checks and CI
// runs; a PR that fails cancels the rest.
func startPullParts(prCtx, ctx context.Context, c *Client, repo model.Repo, number int, opts StoryOptions, cancel func()) *pullParts {
	p := &pullParts{done: make(chan struct{})}
	go func() {
		defer close(p.done)
		if p.pr, p.prErr = c.GetPull(prCtx, repo, number); p.prErr != nil {
			cancel()
			return
		}
		if ctx.Err() != nil {
			return // the timeline failed: its error is the story's
		}
		var wg sync.WaitGroup
		var checksErr, ciErr error
		wg.Go(func() { p.checks, checksErr = storyChecks(ctx, c, repo, p.pr.HeadSHA) })
		wg.Go(func() { p.ci, ciErr = fetchCIRuns(ctx, c, repo, p.pr, opts) })
		wg.Wait()
		p.err = errors.Join(checksErr, ciErr)
	}()
	return p
}

func (p *pullParts) wait() { <-p.done }

// startReviewComments asks for the review comments when the timeline has a
// review to hang them on, and returns what waits for them: only our own
// cancellation is an error; any other failure is the part's.
func startReviewComments(ctx context.Context, c *Client, repo model.Repo, number int, events []model.Event, story *Story) func() error {
	if !hasReview(events) || ctx.Err() != nil {
		return func() error { return ctx.Err() }
	}
	done := make(chan error, 1)
	go func() {
		comments, err := AllPages(fmt.Sprintf("%s#%d review comments", repo, number), MaxReviewPages, model.ReviewCommentKey,
			func(page int) ([]model.ReviewComment, model.Page, error) {
				return c.ReviewComments(ctx, repo, number, page, MaxPerPage)
			})
		story.ReviewComments, story.ReviewCommentsTruncated = comments, Truncated(err)
		switch {
		case err != nil && ctx.Err() != nil:
			done <- err
			return
		case err != nil && story.ReviewCommentsTruncated == "":
			story.ReviewCommentsErr = err.Error()
		}
		done <- nil
	}()
	return func() error { return <-done }
}

func hasReview(events []model.Event) bool {
	for _, e := range events {
		if e.Event.Class() == model.ClassReview {
			return true
		}
	}
	return false
}

// messageFetcher fetches the messages of referenced commits (committed
// events carry theirs already), each distinct commit once, commitFetchers
// at a time, as the timeline's pages name them.
type messageFetcher struct {
	ctx     context.Context
	c       *Client
	queue   *workQueue[commitWant]
	hung    stallCount
	mu      sync.Mutex
	seen    map[commitWant]bool
	results map[commitWant]commitResult
}

type commitWant struct{ repo, sha string }

type commitResult struct{ message, err string }

func newMessageFetcher(ctx context.Context, c *Client) *messageFetcher {
	f := &messageFetcher{ctx: ctx, c: c, seen: map[commitWant]bool{}, results: map[commitWant]commitResult{}}
	f.queue = newWorkQueue(commitFetchers, f.fetch)
	context.AfterFunc(ctx, f.queue.stop) // cancelled: ask nothing more
	return f
}

// want queues the messages events lack; it never waits for a worker, so
// the pager goes on.
func (f *messageFetcher) want(events []model.Event) {
	var wanted []commitWant
	f.mu.Lock()
	for _, e := range events {
		if e.Event.References() && e.Commit != nil && e.Commit.Message == "" {
			w := commitWant{e.Commit.Repo, e.Commit.SHA}
			if !f.seen[w] {
				f.seen[w] = true
				wanted = append(wanted, w)
			}
		}
	}
	f.mu.Unlock()
	f.queue.push(wanted...)
}

func (f *messageFetcher) fetch(w commitWant) {
	var r commitResult
	if why := f.hung.stalled(); why != "" {
		r.err = why
	} else {
		msg, err := f.c.CommitMessage(f.ctx, w.repo, w.sha)
		f.hung.observe(err)
		r.message = msg
		if err != nil {
			// Whatever went wrong (a deleted fork's 404, a 500, a rate
			// limit) concerns this one commit: say so there, and keep the
			// rest of the story.
			r = commitResult{err: err.Error()}
		}
	}
	f.mu.Lock()
	f.results[w] = r
	f.mu.Unlock()
}

// fill waits for every message asked and puts each into events.
func (f *messageFetcher) fill(events []model.Event) error {
	f.queue.close()
	f.queue.wait()
	if err := f.ctx.Err(); err != nil {
		return err // our own cancellation or deadline: no story at all
	}
	for i := range events {
		if c := events[i].Commit; events[i].Event.References() && c != nil && c.Message == "" {
			r := f.results[commitWant{c.Repo, c.SHA}]
			copied := *c
			copied.Message, copied.Err = r.message, r.err
			events[i].Commit = &copied
		}
	}
	return nil
}

// stallCount notices a server that has stopped answering commit requests:
// after a whole round of them (commitFetchers) timed out in a row, the rest
// are not asked, since each would only wait out its timeout in turn (51
// commits at 30 s, four at a time, are six minutes of nothing).
type stallCount struct {
	mu    sync.Mutex
	inRow int
}

func (s *stallCount) observe(err error) {
	var apiErr *APIError
	s.mu.Lock()
	defer s.mu.Unlock()
	if errors.As(err, &apiErr) && apiErr.TimedOut {
		s.inRow++
	} else if s.inRow < commitFetchers {
		s.inRow = 0 // an answer, even an error: the server is there
	}
}

// stalled is why a commit is not asked, or "" when it should be.
func (s *stallCount) stalled() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.inRow < commitFetchers {
		return ""
	}
	return fmt.Sprintf("not asked: the server stopped answering (%d commit requests in a row timed out)", commitFetchers)
}

// FetchPulls returns the newest limit PRs, paging as needed. Pages may be
// shorter than asked (GitHub does that); paging stops on what the pages say
// (model.Pager), and then the PRs so far come with a *PagingStopped.
func FetchPulls(ctx context.Context, c *Client, repo model.Repo, state string, limit int) ([]model.PullRequest, error) {
	return FetchPullsPaged(ctx, c, repo, state, limit, MaxPerPage)
}

// FetchPullsPaged is FetchPulls asking for pageSize PRs a request (the
// config's page_size).
func FetchPullsPaged(ctx context.Context, c *Client, repo model.Repo, state string, limit, pageSize int) ([]model.PullRequest, error) {
	if limit < 1 {
		return nil, nil // PagesUpTo reads 0 as "no limit"
	}
	if pageSize < 1 || pageSize > MaxPerPage {
		pageSize = MaxPerPage
	}
	perPage := min(pageSize, limit)
	return PagesUpTo(repo.String(), MaxListPages, limit, model.PullKey, func(page int) ([]model.PullRequest, model.Page, error) {
		return c.ListPulls(ctx, repo, state, page, perPage)
	})
}
