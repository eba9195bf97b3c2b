package github

import (
	"context"
	"fmt"

	gogithub "github.com/google/go-github/v62/github"

	"github.com/prscope/prscope/model"
)

// PullCommits returns one page of PR number's own commits, oldest first
// (GET /pulls/{n}/commits; GitHub lists at most model.MaxPullCommits).
func (c *Client) PullCommits(ctx context.Context, repo model.Repo, number, page, perPage int) ([]model.PullCommit, model.Page, error) {
	opts := &gogithub.ListOptions{Page: page, PerPage: perPage}
	raw, resp, err := c.gh.PullRequests.ListCommits(ctx, repo.Owner, repo.Name, number, opts)
	if err != nil {
		return nil, model.Page{}, c.wrapError(ctx, err, fmt.Sprintf("%s#%d commits", repo, number))
	}
	out := make([]model.PullCommit, 0, len(raw))
	for _, rc := range raw {
		if rc == nil {
			continue
		}
		author := rc.GetAuthor().GetLogin()
		if author == "" {
			author = rc.GetCommit().GetAuthor().GetName() // no GitHub account for the email
		}
		out = append(out, model.NewPullCommit(rc.GetSHA(), rc.GetCommit().GetMessage(), author, rc.GetCommit().GetAuthor().GetDate().Time))
	}
	return out, pageOf(resp, page, perPage, len(out)), nil
}
