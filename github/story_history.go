package github

import (
	"context"
	"fmt"
	"sync"

	"github.com/prscope/prscope/github/httpcache"
	"github.com/prscope/prscope/model"
)

// historyFetchers is how many runs' jobs (and jobs' annotations or logs)
// are fetched at once for a dump: each run's jobs are a listing of their
// own, and a 50-run history asked four at a time was 13 round trips.
const historyFetchers = 8

// StoryOptions says what FetchStoryWith adds to the story.
type StoryOptions struct {
	// Logs reads each failed job's log for its failing tests and error
	// block (one request and a download per failed job).
	Logs bool
}

// ciRuns is the PR's branch's CI runs and what each run's jobs said, as
// fetched before the timeline names the versions they are matched with.
type ciRuns struct {
	part    *model.DumpHistory // its error or why paging stopped, so far
	runs    []model.WorkflowRun
	jobs    map[int64][]model.JobResult
	jobsErr map[int64]string
}

// fetchCIRuns is the PR's branch's runs, every run's jobs, each failed
// job's annotations (and, with logs, its log). A failing part is the
// part's error; only our own cancellation fails it.
func fetchCIRuns(ctx context.Context, c *Client, repo model.Repo, pr model.PullRequest, opts StoryOptions) (ciRuns, error) {
	runs, err := AllPages(fmt.Sprintf("%s#%d CI runs", repo, pr.Number), MaxActionsPages, model.WorkflowRunKey,
		func(page int) ([]model.WorkflowRun, model.Page, error) {
			return c.WorkflowRuns(ctx, repo, model.RunFilter{Branch: pr.Head}, page, MaxPerPage)
		})
	r := ciRuns{part: &model.DumpHistory{Truncated: Truncated(err)}}
	switch {
	case err != nil && ctx.Err() != nil:
		return ciRuns{}, err
	case err != nil && r.part.Truncated == "":
		r.part.Err = err.Error()
		return r, nil
	}
	r.runs = model.RunsOfPull(runs, pr) // the branch may have served another PR too
	r.jobs, r.jobsErr = runJobs(ctx, c, repo, r.runs, opts)
	if ctx.Err() != nil {
		return ciRuns{}, ctx.Err()
	}
	return r, nil
}

// match is the PR's test history: its runs matched with the versions its
// timeline names.
func (r ciRuns) match(pr model.PullRequest, events []model.Event) *model.DumpHistory {
	d := r.part
	if d == nil || d.Err != "" {
		return d
	}
	d.History = model.MatchRuns(model.Versions(pr, events), r.runs, r.jobs)
	for i := range d.History.Versions {
		setJobsErr(d.History.Versions[i].Runs, r.jobsErr)
	}
	setJobsErr(d.History.Unmatched, r.jobsErr)
	return d
}

func setJobsErr(runs []model.RunResult, errs map[int64]string) {
	for i := range runs {
		runs[i].JobsErr = errs[runs[i].Run.ID]
	}
}

// runJobs fetches every run's jobs, and each failed job's failures,
// historyFetchers runs at a time.
func runJobs(ctx context.Context, c *Client, repo model.Repo, runs []model.WorkflowRun, opts StoryOptions) (map[int64][]model.JobResult, map[int64]string) {
	var mu sync.Mutex
	jobs, errs := map[int64][]model.JobResult{}, map[int64]string{}
	q := newWorkQueue(historyFetchers, func(r model.WorkflowRun) {
		list, err := CurrentJobs(ctx, r, func(ctx context.Context) ([]model.Job, error) {
			return FetchRunJobs(ctx, c, repo, r.ID)
		})
		var results []model.JobResult
		if err == nil {
			results = failures(ctx, c, repo, list, opts)
		}
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			errs[r.ID] = err.Error()
			return
		}
		jobs[r.ID] = results
	})
	q.push(runs...)
	q.close()
	q.wait()
	return jobs, errs
}

// failures reads each failed job's annotations (and log), one after
// another within the run's worker: a job's part that fails is that job's
// error.
func failures(ctx context.Context, c *Client, repo model.Repo, list []model.Job, opts StoryOptions) []model.JobResult {
	out := make([]model.JobResult, len(list))
	for i, j := range list {
		if j.Conclusion != "failure" && j.Conclusion != "timed_out" {
			out[i] = model.NewJobResult(j, []model.Annotation{}, nil)
			continue
		}
		anns, annErr := FetchJobAnnotations(httpcache.WithIntent(ctx, httpcache.Settled), c, repo, j.ID) // a failed job is over
		var log *model.LogSummary
		var logErr error
		if opts.Logs {
			var sum model.LogSummary
			if sum, logErr = c.JobLog(ctx, repo, j.ID, DefaultLogBytes); logErr == nil {
				log = &sum
			}
		}
		out[i] = model.NewJobResult(j, anns, log)
		if annErr != nil {
			out[i].AnnotationsErr = annErr.Error()
		}
		if logErr != nil {
			out[i].LogErr = logErr.Error()
		}
	}
	return out
}
