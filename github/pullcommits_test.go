package github_test

import (
	"context"
	"slices"
	"testing"

	"github.com/prscope/prscope/github"
	"github.com/prscope/prscope/model"
)

// TestPullCommits: GET /pulls/{n}/commits lists the PR's own commits as
// GET /pulls/{n} counts them, in the shape of GitHub's example, paged.
func TestPullCommits(t *testing.T) {
	c, srv := clientFixture(t)
	ctx := context.Background()
	commits, info, err := c.PullCommits(ctx, acmeWidgets, timelinePR, 1, 100)
	if err != nil {
		t.Fatal(err)
	}
	pr, err := c.GetPull(ctx, acmeWidgets, timelinePR)
	if err != nil {
		t.Fatal(err)
	}
	if len(commits) != pr.Commits || info.Next != 0 {
		t.Fatalf("%d commits (next page %d), GET /pulls/%d counts %d", len(commits), info.Next, timelinePR, pr.Commits)
	}
	if got := commits[0]; got.SHA != ownSHA || got.Subject != "add frobnicator" || got.Author != "Ada Lovelace" || got.Date.IsZero() {
		t.Errorf("commit %+v", got)
	}
	_, body := get(t, srv, "repos/acme/widgets/pulls/3/commits")
	raw := decode[[]orderedKeys](t, body)
	// Every key of GitHub's example (pulls-list-commits.json), in its order.
	want := []string{"url", "sha", "node_id", "html_url", "comments_url", "commit", "author", "committer", "parents"}
	if !slices.Equal(raw[0], want) {
		t.Errorf("keys %v\nwant %v", raw[0], want)
	}
	all, err := github.AllPages("commits", 5, model.PullCommitKey, func(page int) ([]model.PullCommit, model.Page, error) {
		return c.PullCommits(ctx, acmeWidgets, timelinePR, page, 1)
	})
	if err != nil || len(all) != len(commits) {
		t.Errorf("one a page: %d commits, %v", len(all), err)
	}
}
