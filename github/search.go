package github

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	gogithub "github.com/google/go-github/v62/github"

	"github.com/prscope/prscope/model"
)

// MaxSearchResults is how many results GitHub serves for one search, however
// many match (total_count may say more).
const MaxSearchResults = 1000

// BuildSearchQuery makes GitHub's q for a search of repo's pull requests:
// "is:pr repo:OWNER/REPO " and the user's query as typed, leaving out is:pr
// or repo:OWNER/REPO when the user wrote them already. A query that names
// another repository, or asks for issues, is refused: the results are shown
// and opened as repo's pull requests (GET /repos/OWNER/REPO/pulls/N), so a PR
// of another repository would open the wrong PR.
func BuildSearchQuery(repo model.Repo, query string) (string, error) {
	query = strings.TrimSpace(strings.ReplaceAll(query, "\n", " "))
	hasPR, hasRepo := false, false
	for _, t := range model.TokenizeSearch(query) {
		v := strings.ToLower(t.Value)
		switch {
		case t.Negate:
		case (t.Key == "is" || t.Key == "type") && (v == "pr" || v == "pull-request"):
			hasPR = true
		case (t.Key == "is" || t.Key == "type") && v == "issue":
			return "", &model.UsageError{Msg: "search: prscope searches pull requests; drop " + t.Key + ":issue"}
		case t.Key == "repo" && strings.EqualFold(t.Value, repo.String()):
			hasRepo = true
		case t.Key == "repo":
			return "", &model.UsageError{Msg: model.SanitizeLine(fmt.Sprintf(
				"search: the query names repo:%s, but this searches %s; open that repository to search it", t.Value, repo))}
		}
	}
	var parts []string
	if !hasPR {
		parts = append(parts, "is:pr")
	}
	if !hasRepo {
		parts = append(parts, "repo:"+repo.String())
	}
	if query != "" {
		parts = append(parts, query)
	}
	return strings.Join(parts, " "), nil
}

// SearchPulls returns one page of the pull requests of repo that match
// query, in GitHub's search syntax (GET /search/issues; its own rate limit
// of 30 a minute). Results are issue-shaped: no head or base, which
// GetPull supplies. Page.Total is GitHub's total_count (of which at most
// MaxSearchResults can be paged to); Page.Incomplete its incomplete_results.
func (c *Client) SearchPulls(ctx context.Context, repo model.Repo, query string, page, perPage int) ([]model.PullRequest, model.Page, error) {
	q, err := BuildSearchQuery(repo, query)
	if err != nil {
		return nil, model.Page{}, err
	}
	page = max(page, 1)
	if perPage <= 0 {
		perPage = 30
	}
	if (page-1)*perPage >= MaxSearchResults {
		return nil, model.Page{}, nil // GitHub would answer 422: nothing lies past the cap
	}
	opts := &gogithub.SearchOptions{ListOptions: gogithub.ListOptions{Page: page, PerPage: perPage}}
	res, resp, err := c.gh.Search.Issues(ctx, q, opts)
	if err != nil {
		return nil, model.Page{}, c.wrapError(ctx, err, repo.String()+" search")
	}
	if res == nil {
		return nil, model.Page{}, errors.New("search: empty answer")
	}
	want := "/repos/" + strings.ToLower(repo.String())
	out := make([]model.PullRequest, 0, len(res.Issues))
	for _, it := range res.Issues {
		// Only PRs of repo: an issue, or a PR elsewhere, would open the
		// wrong thing (GitHub honours repo:, so this is only a safeguard).
		if it == nil || !it.IsPullRequest() || !strings.HasSuffix(strings.ToLower(it.GetRepositoryURL()), want) {
			continue
		}
		out = append(out, convertIssuePull(it))
	}
	info := pageOf(resp, page, perPage, len(res.Issues))
	if page*perPage >= MaxSearchResults {
		info.Next = 0
	}
	info.Total = res.GetTotal()
	info.Incomplete = res.GetIncompleteResults()
	return out, info, nil
}

// convertIssuePull converts a search result: state "closed" with
// pull_request.merged_at set is merged.
func convertIssuePull(it *gogithub.Issue) model.PullRequest {
	pr := model.PullRequest{
		Number:    it.GetNumber(),
		Title:     model.SanitizeLine(it.GetTitle()),
		State:     it.GetState(),
		Draft:     it.GetDraft(),
		User:      model.SanitizeLine(it.GetUser().GetLogin()),
		CreatedAt: it.GetCreatedAt().Time,
		UpdatedAt: it.GetUpdatedAt().Time,
		Body:      model.Sanitize(it.GetBody()),
		HTMLURL:   model.SanitizeLine(it.GetHTMLURL()),
	}
	if it.ClosedAt != nil {
		t := it.ClosedAt.Time
		pr.ClosedAt = &t
	}
	if m := it.GetPullRequestLinks().GetMergedAt(); !m.IsZero() {
		t := m.Time
		pr.MergedAt = &t
		pr.State = model.StateMerged
	}
	for _, l := range it.Labels {
		pr.Labels = append(pr.Labels, model.Label{Name: model.SanitizeLine(l.GetName()), Color: model.SanitizeLine(l.GetColor())})
	}
	return pr
}

// FetchSearch returns up to limit search results (at most MaxSearchResults),
// paging as needed. It is what `prscope dump OWNER/REPO --search Q` prints.
func FetchSearch(ctx context.Context, c *Client, repo model.Repo, query string, limit int) ([]model.PullRequest, model.Page, error) {
	limit = min(limit, MaxSearchResults)
	if limit < 1 {
		return nil, model.Page{}, nil // PagesUpTo reads 0 as "no limit"
	}
	perPage := min(MaxPerPage, limit)
	maxPages := (MaxSearchResults + perPage - 1) / perPage
	var (
		mu         sync.Mutex // pages after the first are fetched side by side
		first      model.Page
		incomplete bool
	)
	out, err := PagesUpTo(repo.String()+" search", maxPages, limit, model.PullKey, func(page int) ([]model.PullRequest, model.Page, error) {
		batch, info, err := c.SearchPulls(ctx, repo, query, page, perPage)
		mu.Lock()
		defer mu.Unlock()
		if page == 1 {
			first = info
		}
		incomplete = incomplete || info.Incomplete
		return batch, info, err
	})
	first.Incomplete = first.Incomplete || incomplete
	if err != nil && Truncated(err) == "" {
		return nil, model.Page{}, err
	}
	return out, first, err // a *PagingStopped comes with what was found
}
