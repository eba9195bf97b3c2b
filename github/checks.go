package github

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	gogithub "github.com/google/go-github/v62/github"

	"github.com/prscope/prscope/model"
)

// MaxStatusPages bounds how far CombinedStatus pages (100 statuses each).
const MaxStatusPages = 10

// CheckRuns returns one page of the check runs on commit sha (GitHub's
// default filter: the latest run of each check). A commit GitHub does not
// know, or has no checks for, answers 404 or 422: that is returned as no
// check runs, not as an error.
func (c *Client) CheckRuns(ctx context.Context, repo model.Repo, sha string, page, perPage int) ([]model.CheckRun, model.Page, error) {
	if err := checkSHA(checksSubject(repo, sha), sha); err != nil {
		return nil, model.Page{}, err // the head SHA came from the API
	}
	// Decoded into our own shape, whose times are loose: one run's
	// unparsable started_at must not fail every check (go-github's would).
	path := fmt.Sprintf("repos/%s/%s/commits/%s/check-runs?per_page=%d&page=%d",
		pathSegment(repo.Owner), pathSegment(repo.Name), pathSegment(sha), perPage, page)
	req, err := c.gh.NewRequest(http.MethodGet, path, nil)
	if err != nil {
		return nil, model.Page{}, err
	}
	var res checkRunsPage
	resp, err := c.gh.Do(ctx, req, &res)
	if err != nil {
		if noChecks(err) {
			return nil, model.Page{}, nil
		}
		return nil, model.Page{}, c.wrapError(ctx, err, checksSubject(repo, sha))
	}
	out := make([]model.CheckRun, 0, len(res.CheckRuns))
	for _, r := range res.CheckRuns {
		out = append(out, r.convert())
	}
	p := pageOf(resp, page, perPage, len(out))
	if p.Next == 0 && res.Total != nil {
		p.Total = *res.Total // GitHub counts them: exact from page 1
	}
	return out, p, nil
}

// CombinedStatus returns the commit statuses on sha, every page of them;
// GitHub already keeps only the newest of each context. 404 and 422 mean
// none, as for CheckRuns.
func (c *Client) CombinedStatus(ctx context.Context, repo model.Repo, sha string) ([]model.CommitStatus, error) {
	subject := checksSubject(repo, sha)
	if err := checkSHA(subject, sha); err != nil {
		return nil, err // the head SHA came from the API
	}
	got := 0
	out, err := AllPages(subject, MaxStatusPages, model.StatusKey, func(page int) ([]model.CommitStatus, model.Page, error) {
		cs, resp, err := c.gh.Repositories.GetCombinedStatus(ctx, pathSegment(repo.Owner), pathSegment(repo.Name), sha, &gogithub.ListOptions{Page: page, PerPage: MaxPerPage})
		if err != nil {
			if noChecks(err) {
				return nil, model.Page{}, nil
			}
			return nil, model.Page{}, c.wrapError(ctx, err, subject)
		}
		var batch []model.CommitStatus
		for _, s := range cs.Statuses {
			if s != nil {
				batch = append(batch, convertStatus(s))
			}
		}
		got += len(batch)
		next := resp.NextPage
		if next == 0 && len(cs.Statuses) == MaxPerPage && got < cs.GetTotalCount() {
			next = page + 1 // no Link header: go by total_count
		}
		return batch, model.Page{Next: next}, nil
	})
	return out, err
}

// ChecksSource is what FetchChecks asks: *Client, or the UI's Source.
type ChecksSource interface {
	CheckRuns(ctx context.Context, repo model.Repo, sha string, page, perPage int) ([]model.CheckRun, model.Page, error)
	CombinedStatus(ctx context.Context, repo model.Repo, sha string) ([]model.CommitStatus, error)
}

// MaxCheckRunPages bounds how far FetchChecks pages through check runs.
const MaxCheckRunPages = 10

// FetchChecks loads every check run (up to maxPages pages of 100) and
// every status of commit sha. ctx may carry an httpcache.Intent.
func FetchChecks(ctx context.Context, c ChecksSource, repo model.Repo, sha string, maxPages int) ([]model.CheckRun, []model.CommitStatus, error) {
	runs, err := fetchCheckRuns(ctx, c, repo, sha, maxPages)
	stopped := Truncated(err) != ""
	if err != nil && !stopped {
		return nil, nil, err
	}
	statuses, serr := c.CombinedStatus(ctx, repo, sha)
	if serr != nil && Truncated(serr) == "" {
		return nil, nil, serr
	}
	// Cut short but usable: what was paged, with why (a *PagingStopped).
	return runs, statuses, errors.Join(err, serr)
}

// fetchCheckRuns pages through the check runs on sha (up to maxPages).
func fetchCheckRuns(ctx context.Context, c ChecksSource, repo model.Repo, sha string, maxPages int) ([]model.CheckRun, error) {
	return AllPages(checksSubject(repo, sha), maxPages, model.CheckRunKey, func(page int) ([]model.CheckRun, model.Page, error) {
		return c.CheckRuns(ctx, repo, sha, page, MaxPerPage)
	})
}

func checksSubject(repo model.Repo, sha string) string {
	return fmt.Sprintf("%s@%s checks", repo, model.ShortSHA(sha))
}

// noChecks reports GitHub's answer for a commit it does not have (404) or
// will not look up (422: not a commit, or gone with a deleted branch).
func noChecks(err error) bool {
	var er *gogithub.ErrorResponse
	return errors.As(err, &er) && er.Response != nil &&
		(er.Response.StatusCode == http.StatusNotFound || er.Response.StatusCode == http.StatusUnprocessableEntity)
}

// checkRunsPage is a page of GET /commits/{sha}/check-runs, limited to
// what prscope shows.
type checkRunsPage struct {
	Total     *int           `json:"total_count"`
	CheckRuns []checkRunJSON `json:"check_runs"`
}

type checkRunJSON struct {
	ID          int64     `json:"id"`
	Name        string    `json:"name"`
	Status      string    `json:"status"`
	Conclusion  string    `json:"conclusion"`
	StartedAt   looseTime `json:"started_at"`
	CompletedAt looseTime `json:"completed_at"`
	HTMLURL     string    `json:"html_url"`
	DetailsURL  string    `json:"details_url"`
	App         struct {
		Name string `json:"name"`
	} `json:"app"`
	CheckSuite struct {
		ID int64 `json:"id"`
	} `json:"check_suite"`
	Output struct {
		Title string `json:"title"`
	} `json:"output"`
}

func (r checkRunJSON) convert() model.CheckRun {
	return model.CheckRun{
		ID:          r.ID,
		Name:        model.SanitizeLine(r.Name),
		Status:      model.SanitizeLine(r.Status),
		Conclusion:  model.SanitizeLine(r.Conclusion),
		StartedAt:   r.StartedAt.ptr(),
		CompletedAt: r.CompletedAt.ptr(),
		HTMLURL:     model.SanitizeLine(r.HTMLURL),
		DetailsURL:  model.SanitizeLine(r.DetailsURL),
		App:         model.SanitizeLine(r.App.Name),
		Suite:       r.CheckSuite.ID,
		Summary:     model.SanitizeLine(r.Output.Title),
	}
}

func convertStatus(s *gogithub.RepoStatus) model.CommitStatus {
	return model.CommitStatus{
		Context:     model.SanitizeLine(s.GetContext()),
		State:       model.SanitizeLine(s.GetState()),
		Description: model.SanitizeLine(s.GetDescription()),
		TargetURL:   model.SanitizeLine(s.GetTargetURL()),
		CreatedAt:   s.GetCreatedAt().Time,
	}
}

func timePtr(t *gogithub.Timestamp) *time.Time {
	if t == nil || t.IsZero() {
		return nil
	}
	v := t.Time
	return &v
}

// storyChecks is the CI for a dump. Failing to get it spoils nothing else
// (a fine-grained token may lack the checks permission): the failure goes
// into the dump, the check runs' as "error", the statuses' on their own
// as "statuses_error"; only our own cancellation stops the dump.
func storyChecks(ctx context.Context, c *Client, repo model.Repo, sha string) (*model.DumpChecks, error) {
	if sha == "" {
		return nil, nil
	}
	runs, err := fetchCheckRuns(ctx, c, repo, sha, MaxCheckRunPages)
	switch {
	case err != nil && ctx.Err() != nil:
		return nil, err
	case err != nil && Truncated(err) == "":
		return &model.DumpChecks{HeadSHA: sha, Err: err.Error()}, nil
	}
	checks := &model.DumpChecks{HeadSHA: sha, Runs: runs, Truncated: Truncated(err)}
	statuses, err := c.CombinedStatus(ctx, repo, sha)
	switch why := Truncated(err); {
	case err != nil && ctx.Err() != nil:
		return nil, err
	case why != "":
		checks.Truncated = strings.TrimPrefix(checks.Truncated+"; "+why, "; ")
	case err != nil:
		checks.StatusesErr = err.Error()
	}
	checks.Statuses = statuses
	return checks, nil
}
