package github

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	gogithub "github.com/google/go-github/v62/github"

	"github.com/prscope/prscope/github/httpcache"
	"github.com/prscope/prscope/model"
)

// MaxActionsPages bounds how far a run's jobs or a job's annotations are
// paged: BPF CI runs a few dozen jobs, GitHub keeps 50 annotations a job.
const MaxActionsPages = 10

// WorkflowRuns returns one page of repo's GitHub Actions runs that f
// names, newest first. A GitHub Enterprise server without Actions answers 404:
// that is no runs, not an error, as for CheckRuns.
func (c *Client) WorkflowRuns(ctx context.Context, repo model.Repo, f model.RunFilter, page, perPage int) ([]model.WorkflowRun, model.Page, error) {
	opts := &gogithub.ListWorkflowRunsOptions{Branch: f.Branch, HeadSHA: f.HeadSHA, ListOptions: gogithub.ListOptions{Page: page, PerPage: perPage}}
	res, resp, err := c.gh.Actions.ListRepositoryWorkflowRuns(ctx, pathSegment(repo.Owner), pathSegment(repo.Name), opts)
	if err != nil {
		if statusIs(err, http.StatusNotFound) {
			return nil, model.Page{}, nil
		}
		return nil, model.Page{}, c.wrapError(ctx, err, fmt.Sprintf("%s %s", repo, f))
	}
	out := make([]model.WorkflowRun, 0, len(res.WorkflowRuns))
	for _, r := range res.WorkflowRuns {
		if r != nil {
			out = append(out, convertRun(r))
		}
	}
	return out, countedPage(resp, page, perPage, len(out), res.TotalCount), nil
}

// RunJobs returns one page of the jobs of run runID, of all its attempts
// (filter=all): a re-run keeps the run's id, and the jobs it re-ran hide
// their first failures from filter=latest, which is what tells a flaky
// test (model.Attempts splits them).
func (c *Client) RunJobs(ctx context.Context, repo model.Repo, runID int64, page, perPage int) ([]model.Job, model.Page, error) {
	opts := &gogithub.ListWorkflowJobsOptions{Filter: "all", ListOptions: gogithub.ListOptions{Page: page, PerPage: perPage}}
	res, resp, err := c.gh.Actions.ListWorkflowJobs(ctx, pathSegment(repo.Owner), pathSegment(repo.Name), runID, opts)
	if err != nil {
		return nil, model.Page{}, c.wrapError(ctx, err, fmt.Sprintf("%s run %d jobs", repo, runID))
	}
	out := make([]model.Job, 0, len(res.Jobs))
	for _, j := range res.Jobs {
		if j != nil {
			out = append(out, convertJob(j))
		}
	}
	return out, countedPage(resp, page, perPage, len(out), res.TotalCount), nil
}

// JobAnnotations returns one page of the annotations of job jobID's check
// run (a job's id is its check run's): its ##[error] lines, among others.
func (c *Client) JobAnnotations(ctx context.Context, repo model.Repo, jobID int64, page, perPage int) ([]model.Annotation, model.Page, error) {
	opts := &gogithub.ListOptions{Page: page, PerPage: perPage}
	raw, resp, err := c.gh.Checks.ListCheckRunAnnotations(ctx, pathSegment(repo.Owner), pathSegment(repo.Name), jobID, opts)
	if err != nil {
		return nil, model.Page{}, c.wrapError(ctx, err, fmt.Sprintf("%s job %d annotations", repo, jobID))
	}
	out := make([]model.Annotation, 0, len(raw))
	for _, a := range raw {
		if a == nil {
			continue
		}
		out = append(out, model.SanitizeAnnotation(model.Annotation{
			Path:    a.GetPath(),
			Line:    a.GetStartLine(),
			Level:   a.GetAnnotationLevel(),
			Title:   a.GetTitle(),
			Message: a.GetMessage(),
		}))
	}
	return out, pageOf(resp, page, perPage, len(out)), nil
}

// FetchRunJobs loads every job of run runID (up to MaxActionsPages pages).
func FetchRunJobs(ctx context.Context, c *Client, repo model.Repo, runID int64) ([]model.Job, error) {
	return AllPages(fmt.Sprintf("%s run %d jobs", repo, runID), MaxActionsPages, model.JobKey, func(page int) ([]model.Job, model.Page, error) {
		return c.RunJobs(ctx, repo, runID, page, MaxPerPage)
	})
}

// CurrentJobs lists run's jobs with list, trusting any cached copy when the
// run is over (httpcache.Settled: its jobs no longer change), but asking
// again, revalidated, when that copy is not of the run as it now is (cached
// before a re-run, which keeps the run's id, or while it ran).
func CurrentJobs(ctx context.Context, run model.WorkflowRun, list func(context.Context) ([]model.Job, error)) ([]model.Job, error) {
	if !run.Completed() {
		return list(ctx)
	}
	jobs, err := list(httpcache.WithIntent(ctx, httpcache.Settled))
	if err == nil && !model.JobsCurrent(run, jobs) {
		jobs, err = list(httpcache.WithIntent(ctx, httpcache.Revalidate))
	}
	return jobs, err
}

// FetchJobAnnotations loads every annotation of job jobID.
func FetchJobAnnotations(ctx context.Context, c *Client, repo model.Repo, jobID int64) ([]model.Annotation, error) {
	return AllPages(fmt.Sprintf("%s job %d annotations", repo, jobID), MaxActionsPages, model.AnnotationKey, func(page int) ([]model.Annotation, model.Page, error) {
		return c.JobAnnotations(ctx, repo, jobID, page, MaxPerPage)
	})
}

// countedPage is pageOf for a listing that says its total_count: exact
// from its first page, where pageOf only has an upper bound.
func countedPage(resp *gogithub.Response, page, perPage, got int, total *int) model.Page {
	p := pageOf(resp, page, perPage, got)
	if total != nil && *total >= 0 {
		p.Total = *total
	}
	return p
}

// statusIs reports an error answer of status from GitHub.
func statusIs(err error, status int) bool {
	var er *gogithub.ErrorResponse
	return errors.As(err, &er) && er.Response != nil && er.Response.StatusCode == status
}

func convertRun(r *gogithub.WorkflowRun) model.WorkflowRun {
	run := model.WorkflowRun{
		ID:         r.GetID(),
		Workflow:   r.GetName(),
		HeadSHA:    r.GetHeadSHA(),
		HeadBranch: r.GetHeadBranch(),
		Attempt:    r.GetRunAttempt(),
		Event:      r.GetEvent(),
		Status:     r.GetStatus(),
		Conclusion: r.GetConclusion(),
		CreatedAt:  r.GetCreatedAt().Time,
		UpdatedAt:  r.GetUpdatedAt().Time,
		HTMLURL:    r.GetHTMLURL(),
		HeadRepo:   r.GetHeadRepository().GetFullName(),
	}
	for _, p := range r.PullRequests {
		if n := p.GetNumber(); n > 0 {
			run.PullRequests = append(run.PullRequests, n)
		}
	}
	return model.SanitizeWorkflowRun(run)
}

func convertJob(j *gogithub.WorkflowJob) model.Job {
	job := model.Job{
		ID:          j.GetID(),
		RunID:       j.GetRunID(),
		Attempt:     int(j.GetRunAttempt()),
		Name:        j.GetName(),
		Status:      j.GetStatus(),
		Conclusion:  j.GetConclusion(),
		StartedAt:   timePtr(j.StartedAt),
		CompletedAt: timePtr(j.CompletedAt),
		HTMLURL:     j.GetHTMLURL(),
	}
	for _, s := range j.Steps {
		if s.GetConclusion() == "failure" {
			job.FailedStep = s.GetName()
			break
		}
	}
	return model.SanitizeJob(job)
}
