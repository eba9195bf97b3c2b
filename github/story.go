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

// commitFetchers is how many commit messages are fetched at once.
const commitFetchers = 4

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
// message of each commit the timeline references (at most four requests
// at a time), the CI on its head commit and the review comments. It is
// what `prscope dump` prints. Only the PR, the timeline and our own
// cancellation make it fail; see Story.
func FetchStory(ctx context.Context, c *Client, repo model.Repo, number int) (Story, error) {
	return FetchStoryWith(ctx, c, repo, number, StoryOptions{})
}

// FetchStoryWith is FetchStory with the CI history's options.
func FetchStoryWith(ctx context.Context, c *Client, repo model.Repo, number int, opts StoryOptions) (Story, error) {
	pr, err := c.GetPull(ctx, repo, number)
	if err != nil {
		return Story{}, err
	}
	events, err := AllPages(fmt.Sprintf("%s#%d timeline", repo, number), MaxTimelinePages, model.EventKey,
		func(page int) ([]model.Event, model.Page, error) {
			return c.Timeline(ctx, repo, number, page, MaxPerPage)
		})
	story := Story{Pull: pr, TimelineTruncated: Truncated(err)}
	if err != nil && story.TimelineTruncated == "" {
		return Story{}, err
	}
	if err := fillCommitMessages(ctx, c, events); err != nil {
		return Story{}, err
	}
	model.SortTimeline(events)
	story.Timeline = events
	if story.Checks, err = storyChecks(ctx, c, repo, pr.HeadSHA); err != nil {
		return Story{}, err
	}
	if story.History, err = storyHistory(ctx, c, repo, pr, events, opts); err != nil {
		return Story{}, err
	}
	if hasReview(events) { // no reviewed event, nothing to hang comments on
		comments, err := AllPages(fmt.Sprintf("%s#%d review comments", repo, number), MaxReviewPages, model.ReviewCommentKey,
			func(page int) ([]model.ReviewComment, model.Page, error) {
				return c.ReviewComments(ctx, repo, number, page, MaxPerPage)
			})
		story.ReviewComments, story.ReviewCommentsTruncated = comments, Truncated(err)
		switch {
		case err != nil && ctx.Err() != nil:
			return Story{}, err
		case err != nil && story.ReviewCommentsTruncated == "":
			story.ReviewCommentsErr = err.Error()
		}
	}
	return story, nil
}

func hasReview(events []model.Event) bool {
	for _, e := range events {
		if e.Event.Class() == model.ClassReview {
			return true
		}
	}
	return false
}

// fillCommitMessages fetches the messages of referenced commits (committed
// events carry theirs already), each distinct commit once.
func fillCommitMessages(ctx context.Context, c *Client, events []model.Event) error {
	type want struct{ repo, sha string }
	var wanted []want
	seen := map[want]bool{}
	for _, e := range events {
		if e.Event.References() && e.Commit != nil && e.Commit.Message == "" {
			w := want{e.Commit.Repo, e.Commit.SHA}
			if !seen[w] {
				seen[w] = true
				wanted = append(wanted, w)
			}
		}
	}
	type result struct{ message, err string }
	results := make(map[want]result, len(wanted))
	var (
		mu   sync.Mutex
		wg   sync.WaitGroup
		next = make(chan want)
		hung stallCount
	)
	for range min(commitFetchers, len(wanted)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for w := range next {
				var r result
				if why := hung.stalled(); why != "" {
					r.err = why
				} else {
					msg, err := c.CommitMessage(ctx, w.repo, w.sha)
					hung.observe(err)
					r.message = msg
					if err != nil {
						// Whatever went wrong (a deleted fork's 404, a 500,
						// a rate limit) concerns this one commit: say so
						// there, and keep the rest of the story.
						r = result{err: err.Error()}
					}
				}
				mu.Lock()
				results[w] = r
				mu.Unlock()
			}
		}()
	}
feed:
	for _, w := range wanted {
		select {
		case next <- w:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err // our own cancellation or deadline: no story at all
	}
	for i := range events {
		if c := events[i].Commit; events[i].Event.References() && c != nil && c.Message == "" {
			r := results[want{c.Repo, c.SHA}]
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
