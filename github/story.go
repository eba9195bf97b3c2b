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

// commitFetchers is how many commit messages are fetched at once.
const commitFetchers = 4

// Story is a PR with its whole timeline and every referenced commit's message.
type Story struct {
	Pull     model.PullRequest
	Timeline []model.Event
}

// FetchStory loads PR number completely: the PR, every timeline page, and
// the message of each commit the timeline references (at most four requests
// at a time). It is what `prscope dump` prints.
func FetchStory(ctx context.Context, c *Client, repo model.Repo, number int) (Story, error) {
	pr, err := c.GetPull(ctx, repo, number)
	if err != nil {
		return Story{}, err
	}
	var events []model.Event
	for page := 1; page != 0; {
		if page > MaxTimelinePages {
			return Story{}, fmt.Errorf("%s#%d: timeline has more than %d pages; stopped", repo, number, MaxTimelinePages)
		}
		batch, info, err := c.Timeline(ctx, repo, number, page, MaxPerPage)
		if err != nil {
			return Story{}, err
		}
		events = append(events, batch...)
		page = info.Next
	}
	if err := fillCommitMessages(ctx, c, events); err != nil {
		return Story{}, err
	}
	model.SortTimeline(events)
	return Story{Pull: pr, Timeline: events}, nil
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
	return errors.As(err, &apiErr) && (apiErr.Status == http.StatusNotFound || apiErr.Status == http.StatusUnprocessableEntity || apiErr.Status == http.StatusGone)
}

// FetchPulls returns the newest limit PRs, paging as needed.
func FetchPulls(ctx context.Context, c *Client, repo model.Repo, state string, limit int) ([]model.PullRequest, error) {
	var out []model.PullRequest
	for page := 1; page != 0 && len(out) < limit; {
		batch, info, err := c.ListPulls(ctx, repo, state, page, min(MaxPerPage, limit))
		if err != nil {
			return nil, err
		}
		out = append(out, batch...)
		page = info.Next
	}
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}
