package github

import (
	"context"
	"fmt"

	gogithub "github.com/google/go-github/v62/github"

	"github.com/prscope/prscope/model"
)

// MaxReviewPages bounds how far a PR's reviews or review comments are
// paged: 50 pages of 100 is far beyond any PR we know, and a server whose
// Link header never ends cannot keep us looping.
const MaxReviewPages = 50

// Reviews returns one page of PR number's submitted reviews, oldest first.
// Their ids are those of the timeline's "reviewed" events (Event.ReviewID).
func (c *Client) Reviews(ctx context.Context, repo model.Repo, number, page, perPage int) ([]model.Review, model.Page, error) {
	opts := &gogithub.ListOptions{Page: page, PerPage: perPage}
	raw, resp, err := c.gh.PullRequests.ListReviews(ctx, repo.Owner, repo.Name, number, opts)
	if err != nil {
		return nil, model.Page{}, c.wrapError(ctx, err, fmt.Sprintf("%s#%d reviews", repo, number))
	}
	out := make([]model.Review, 0, len(raw))
	for _, r := range raw {
		if r == nil {
			continue
		}
		out = append(out, model.SanitizeReview(model.Review{
			ID:          r.GetID(),
			User:        r.GetUser().GetLogin(),
			State:       r.GetState(),
			Body:        r.GetBody(),
			SubmittedAt: r.GetSubmittedAt().Time,
			HTMLURL:     r.GetHTMLURL(),
		}))
	}
	return out, pageOf(resp, page, perPage, len(out)), nil
}

// ReviewComments returns one page of the comments on PR number's diff,
// oldest first.
func (c *Client) ReviewComments(ctx context.Context, repo model.Repo, number, page, perPage int) ([]model.ReviewComment, model.Page, error) {
	opts := &gogithub.PullRequestListCommentsOptions{ListOptions: gogithub.ListOptions{Page: page, PerPage: perPage}}
	raw, resp, err := c.gh.PullRequests.ListComments(ctx, repo.Owner, repo.Name, number, opts)
	if err != nil {
		return nil, model.Page{}, c.wrapError(ctx, err, fmt.Sprintf("%s#%d review comments", repo, number))
	}
	out := make([]model.ReviewComment, 0, len(raw))
	for _, rc := range raw {
		if rc == nil {
			continue
		}
		out = append(out, model.SanitizeReviewComment(model.ReviewComment{
			ID:           rc.GetID(),
			ReviewID:     rc.GetPullRequestReviewID(),
			InReplyTo:    rc.GetInReplyTo(),
			User:         rc.GetUser().GetLogin(),
			Path:         rc.GetPath(),
			Line:         rc.GetLine(),
			StartLine:    rc.GetStartLine(),
			OriginalLine: rc.GetOriginalLine(),
			Side:         rc.GetSide(),
			DiffHunk:     rc.GetDiffHunk(),
			Body:         rc.GetBody(),
			CreatedAt:    rc.GetCreatedAt().Time,
			HTMLURL:      rc.GetHTMLURL(),
			// GitHub nulls line and position once the line left the diff.
			Outdated: rc.Line == nil || rc.Position == nil,
		}))
	}
	return out, pageOf(resp, page, perPage, len(out)), nil
}

// FetchReviews loads all of PR number's reviews and review comments.
func FetchReviews(ctx context.Context, c *Client, repo model.Repo, number int) ([]model.Review, []model.ReviewComment, error) {
	reviews, err := AllPages(fmt.Sprintf("%s#%d reviews", repo, number), MaxReviewPages, model.ReviewKey, func(page int) ([]model.Review, model.Page, error) {
		return c.Reviews(ctx, repo, number, page, MaxPerPage)
	})
	if err != nil {
		return nil, nil, err
	}
	comments, err := AllPages(fmt.Sprintf("%s#%d review comments", repo, number), MaxReviewPages, model.ReviewCommentKey, func(page int) ([]model.ReviewComment, model.Page, error) {
		return c.ReviewComments(ctx, repo, number, page, MaxPerPage)
	})
	if err != nil {
		return nil, nil, err
	}
	return reviews, comments, nil
}
