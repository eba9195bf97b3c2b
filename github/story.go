package github

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"

	"github.com/prscope/prscope/model"
)

// MaxTimelinePages bounds how far FetchStory pages, so a server whose Link
// header never ends cannot keep us looping.
const MaxTimelinePages = 500

// CheckNextPage vets the next page a listing's Link header names after page
// (model.Page.Next): nil when it is 0 (the end) or a page after this one
// and at most maxPages; otherwise an *APIError about subject saying why
// paging stops there. Anything that follows Page.Next should ask it first.
func CheckNextPage(subject string, page, next, maxPages int) error {
	switch {
	case next == 0:
		return nil
	case next <= page:
		return &APIError{Message: fmt.Sprintf("pagination loop: after page %d the API names page %d as next", page, next),
			Subject: model.SanitizeLine(subject), Hint: "the next page is not after the current one; stopped"}
	case next > maxPages:
		return &APIError{Message: fmt.Sprintf("pagination did not end within %d pages", maxPages),
			Subject: model.SanitizeLine(subject), Hint: "the API keeps naming a next page; stopped"}
	}
	return nil
}

// AllPages calls fetch for page 1, 2, … until the listing ends, and returns
// every item. It stops with an error when the server's next page does not
// advance or passes maxPages (see CheckNextPage).
func AllPages[T any](subject string, maxPages int, fetch func(page int) ([]T, model.Page, error)) ([]T, error) {
	var all []T
	for page := 1; page != 0; {
		batch, info, err := fetch(page)
		if err != nil {
			return nil, err
		}
		if err := CheckNextPage(subject, page, info.Next, maxPages); err != nil {
			return nil, err
		}
		all = append(all, batch...)
		page = info.Next
	}
	return all, nil
}

// commitFetchers is how many commit messages are fetched at once.
const commitFetchers = 4

// Story is a PR with its whole timeline and every referenced commit's
// message, and its reviews' comments on the diff.
type Story struct {
	Pull           model.PullRequest
	Timeline       []model.Event
	ReviewComments []model.ReviewComment
	Checks         *model.DumpChecks // the head commit's CI; nil when the PR names no head SHA
}

// FetchStory loads PR number completely: the PR, every timeline page, the
// message of each commit the timeline references (at most four requests
// at a time), and the CI on its head commit. It is what `prscope dump`
// prints.
func FetchStory(ctx context.Context, c *Client, repo model.Repo, number int) (Story, error) {
	pr, err := c.GetPull(ctx, repo, number)
	if err != nil {
		return Story{}, err
	}
	events, err := AllPages(fmt.Sprintf("%s#%d timeline", repo, number), MaxTimelinePages, func(page int) ([]model.Event, model.Page, error) {
		return c.Timeline(ctx, repo, number, page, MaxPerPage)
	})
	if err != nil {
		return Story{}, err
	}
	if err := fillCommitMessages(ctx, c, events); err != nil {
		return Story{}, err
	}
	model.SortTimeline(events)
	checks, err := storyChecks(ctx, c, repo, pr.HeadSHA)
	if err != nil {
		return Story{}, err
	}
	story := Story{Pull: pr, Timeline: events, Checks: checks}
	if hasReview(events) { // no reviewed event, nothing to hang comments on
		story.ReviewComments, err = AllPages(fmt.Sprintf("%s#%d review comments", repo, number), MaxReviewPages,
			func(page int) ([]model.ReviewComment, model.Page, error) {
				return c.ReviewComments(ctx, repo, number, page, MaxPerPage)
			})
		if err != nil {
			return Story{}, err
		}
	}
	return story, nil
}

func hasReview(events []model.Event) bool {
	for _, e := range events {
		if e.Event == "reviewed" {
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
		if e.Event == "referenced" && e.Commit != nil && e.Commit.Message == "" {
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
		mu       sync.Mutex
		fatalErr error
		wg       sync.WaitGroup
		next     = make(chan want)
	)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for range min(commitFetchers, len(wanted)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for w := range next {
				msg, err := c.CommitMessage(ctx, w.repo, w.sha)
				mu.Lock()
				switch {
				case err == nil:
					results[w] = result{message: msg}
				case commitGone(err):
					// A commit in a deleted fork: say so for this one
					// commit, and keep the rest of the story.
					results[w] = result{err: err.Error()}
				case fatalErr == nil:
					fatalErr = err
					cancel()
				}
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
	if fatalErr != nil {
		return fatalErr
	}
	if err := ctx.Err(); err != nil && len(results) < len(wanted) {
		return err
	}
	for i := range events {
		if c := events[i].Commit; events[i].Event == "referenced" && c != nil && c.Message == "" {
			r := results[want{c.Repo, c.SHA}]
			copied := *c
			copied.Message, copied.Err = r.message, r.err
			events[i].Commit = &copied
		}
	}
	return nil
}

// commitGone reports an error that concerns one commit only (it, or its
// fork, no longer exists), not the API as a whole.
func commitGone(err error) bool {
	var apiErr *APIError
	return errors.Is(err, ErrBadIdentifier) || // never asked: the API's SHA or repository was refused
		errors.As(err, &apiErr) && (apiErr.Status == http.StatusNotFound || apiErr.Status == http.StatusUnprocessableEntity || apiErr.Status == http.StatusGone)
}

// FetchPulls returns the newest limit PRs, paging as needed. GitHub fills
// every page but the last, so a listing still short of limit after twice
// the pages limit needs is not going to end: FetchPulls stops there with
// an error, as it does when the next page is not after the current one.
func FetchPulls(ctx context.Context, c *Client, repo model.Repo, state string, limit int) ([]model.PullRequest, error) {
	return FetchPullsPaged(ctx, c, repo, state, limit, MaxPerPage)
}

// FetchPullsPaged is FetchPulls asking for pageSize PRs a request (the
// config's page_size).
func FetchPullsPaged(ctx context.Context, c *Client, repo model.Repo, state string, limit, pageSize int) ([]model.PullRequest, error) {
	var out []model.PullRequest
	if pageSize < 1 || pageSize > MaxPerPage {
		pageSize = MaxPerPage
	}
	perPage := min(pageSize, limit)
	maxPages := 2 * ((limit + perPage - 1) / max(perPage, 1))
	for page := 1; page != 0 && len(out) < limit; {
		batch, info, err := c.ListPulls(ctx, repo, state, page, perPage)
		if err != nil {
			return nil, err
		}
		out = append(out, batch...)
		if len(out) < limit {
			if err := CheckNextPage(repo.String(), page, info.Next, maxPages); err != nil {
				return nil, err
			}
		}
		page = info.Next
	}
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}
