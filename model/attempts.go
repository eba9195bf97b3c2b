package model

import (
	"strconv"
	"time"
)

// Attempts are run's attempts, oldest first, each with the jobs it ran or
// kept (jobs of every attempt, as GET .../jobs?filter=all lists them). A
// re-run keeps the run's id and runs again only what it re-runs (often
// the failed jobs): attempt k holds, of each job, its newest run up to k.
// An earlier attempt's verdict is its jobs'; the newest keeps the run's.
// A run never re-run, or whose jobs are not loaded, is one result.
func Attempts(run WorkflowRun, jobs []JobResult, loaded bool) []RunResult {
	last := max(run.Attempt, 1)
	for _, j := range jobs {
		last = max(last, j.Job.Attempt) // the jobs may be newer than the run's listing
	}
	ran := map[int]time.Time{} // attempt → when its first job started
	for _, j := range jobs {
		a := jobAttempt(j, last)
		if t, ok := ran[a]; !ok || (j.Job.StartedAt != nil && j.Job.StartedAt.Before(t)) {
			ran[a] = startedAt(j, run.CreatedAt)
		}
	}
	if last == 1 || len(ran) < 2 {
		return []RunResult{{Run: run, Jobs: jobs, JobsLoaded: loaded}}
	}
	out := make([]RunResult, 0, len(ran))
	for k := 1; k <= last; k++ {
		at, ok := ran[k]
		if !ok {
			continue // nothing ran in it (its jobs are not listed)
		}
		r := RunResult{Run: run, Jobs: jobsUpTo(jobs, k, last), JobsLoaded: loaded}
		if k > 1 {
			r.Run.CreatedAt = at // a re-run starts later; the run keeps its first created_at
		}
		if k < last {
			r.Run.Attempt = k
			r.Run.HTMLURL = run.HTMLURL + "/attempts/" + strconv.Itoa(k)
			r.Run.Status, r.Run.Conclusion = "completed", jobsConclusion(r.Jobs)
		}
		out = append(out, r)
	}
	return out
}

// jobAttempt is the attempt j ran in; a job that does not say ran in the
// newest (last).
func jobAttempt(j JobResult, last int) int {
	if j.Job.Attempt <= 0 {
		return last
	}
	return j.Job.Attempt
}

func startedAt(j JobResult, fallback time.Time) time.Time {
	if j.Job.StartedAt != nil {
		return *j.Job.StartedAt
	}
	return fallback
}

// jobsUpTo is, of each job name, its newest run in attempts up to k, where
// the name is first listed (a re-run job takes its first run's place).
func jobsUpTo(jobs []JobResult, k, last int) []JobResult {
	var out []JobResult
	at := map[string]int{} // name → index in out
	for _, j := range jobs {
		a := jobAttempt(j, last)
		if a > k {
			continue
		}
		i, ok := at[j.Job.Name]
		switch {
		case !ok:
			at[j.Job.Name] = len(out)
			out = append(out, j)
		case a >= jobAttempt(out[i], last):
			out[i] = j
		}
	}
	return out
}

// jobsConclusion is an attempt's verdict from its jobs: failure when one
// failed, success otherwise.
func jobsConclusion(jobs []JobResult) string {
	for _, j := range jobs {
		if j.Failed() {
			return "failure"
		}
	}
	return "success"
}

// JobsCurrent reports that jobs (listed with filter=all) are those of
// completed run as it now is: every job over, and its newest attempt's
// among them when the jobs say their attempts. A list cached before a
// re-run, or while the run ran, is not.
func JobsCurrent(run WorkflowRun, jobs []Job) bool {
	newest, said := 0, false
	for _, j := range jobs {
		if j.Status != "completed" {
			return false
		}
		if j.Attempt > 0 {
			newest, said = max(newest, j.Attempt), true
		}
	}
	return !said || newest >= run.Attempt
}
