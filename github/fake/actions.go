package fake

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// The GitHub Actions endpoints:
//
//	GET /repos/{o}/{r}/actions/runs                 {total_count, workflow_runs}, newest first, paged; filters branch, head_sha, event, status
//	GET /repos/{o}/{r}/actions/runs/{id}            one run, with the fields only the single run has
//	GET /repos/{o}/{r}/actions/runs/{id}/jobs       {total_count, jobs}, paged
//	GET /repos/{o}/{r}/actions/jobs/{id}            one job
//	GET /repos/{o}/{r}/actions/jobs/{id}/logs       302 to the log host (actions_logs.go); 410 once expired
//	GET /repos/{o}/{r}/check-runs/{id}/annotations  a job's annotations, paged
//
// Everything goes through writeReply, so these answers carry ETags (and
// 304 for a matching conditional request) and rate-limit headers like
// every other route, and faults bend their Link headers the same way.

// runsIndex is a repository's runs as the server reads them: with their
// ids (the Dataset's, or generated where it has none, never written back:
// the Dataset must not change while the server runs), newest first.
type runsIndex struct {
	newest []*indexedRun
	byID   map[int64]*indexedRun
	jobs   map[int64]*indexedJob
}

type indexedRun struct {
	run    *FakeRun
	id     int64
	number int // run_number: its place among the repository's runs, oldest first
	jobs   []*indexedJob
}

type indexedJob struct {
	run *indexedRun
	job *FakeJob
	id  int64
}

func newRunsIndex(data *RepoData) *runsIndex {
	idx := &runsIndex{byID: map[int64]*indexedRun{}, jobs: map[int64]*indexedJob{}}
	for pos, run := range data.Runs {
		ir := &indexedRun{run: run, id: run.ID}
		if ir.id == 0 {
			ir.id = runIDAt(pos, run)
		}
		for i := range run.Jobs {
			ij := &indexedJob{run: ir, job: &run.Jobs[i], id: run.Jobs[i].ID}
			if ij.id == 0 {
				ij.id = jobIDAt(ir.id, i, ij.job)
			}
			ir.jobs = append(ir.jobs, ij)
			idx.jobs[ij.id] = ij
		}
		idx.newest = append(idx.newest, ir)
		idx.byID[ir.id] = ir
	}
	// Oldest first to number them, then reversed: of runs created at one
	// instant, the one listed later in the Dataset counts as newer.
	slices.SortStableFunc(idx.newest, func(a, b *indexedRun) int { return a.run.CreatedAt.Compare(b.run.CreatedAt) })
	for i, ir := range idx.newest {
		ir.number = i + 1
	}
	slices.Reverse(idx.newest)
	return idx
}

// actionsRoute serves what is under /repos/{o}/{r}/actions/.
func (s *FakeServer) actionsRoute(r *http.Request, ri *repoIndex, rest []string) reply {
	switch {
	case len(rest) == 1 && rest[0] == "runs":
		return s.listRuns(r, ri)
	case len(rest) == 2 && rest[0] == "runs":
		if run := ri.runs.byID[parseID(rest[1])]; run != nil {
			return reply{status: http.StatusOK, value: s.renderRunDetail(ri, run)}
		}
	case len(rest) == 3 && rest[0] == "runs" && rest[2] == "jobs":
		if run := ri.runs.byID[parseID(rest[1])]; run != nil {
			return s.listJobs(r, ri, run)
		}
	case len(rest) == 2 && rest[0] == "jobs":
		if job := ri.runs.jobs[parseID(rest[1])]; job != nil {
			return reply{status: http.StatusOK, value: s.renderJob(ri, job)}
		}
	case len(rest) == 3 && rest[0] == "jobs" && rest[2] == "logs":
		if job := ri.runs.jobs[parseID(rest[1])]; job != nil {
			return s.jobLogRedirect(ri, job)
		}
	}
	return notFound
}

// parseID reads an id from a path; 0 (no run or job has it) when it is none.
func parseID(s string) int64 {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// listRuns serves GET .../actions/runs: the runs that match every filter
// given, newest first. status matches a run's status or its conclusion,
// as GitHub's does (status=failure lists the failed runs).
func (s *FakeServer) listRuns(r *http.Request, ri *repoIndex) reply {
	q := r.URL.Query()
	var matching []*indexedRun
	for _, ir := range ri.runs.newest {
		if runMatches(ir.run, q) {
			matching = append(matching, ir)
		}
	}
	pg := parsePaging(q)
	lo, hi := pg.bounds(len(matching))
	out := make([]ghWorkflowRun, 0, hi-lo)
	for _, ir := range matching[lo:hi] {
		out = append(out, s.renderRun(ri, ir))
	}
	return reply{status: http.StatusOK, paged: true, link: s.linkHeader(r, pg, len(matching)), value: struct {
		TotalCount   int             `json:"total_count"`
		WorkflowRuns []ghWorkflowRun `json:"workflow_runs"`
	}{len(matching), out}}
}

func runMatches(run *FakeRun, q url.Values) bool {
	if v := q.Get("branch"); v != "" && v != run.HeadBranch {
		return false
	}
	if v := q.Get("head_sha"); v != "" && !strings.EqualFold(v, run.HeadSHA) {
		return false
	}
	if v := q.Get("event"); v != "" && v != run.Event {
		return false
	}
	if v := q.Get("status"); v != "" && v != run.Status && v != run.Conclusion {
		return false
	}
	return true
}

// listJobs serves GET .../actions/runs/{id}/jobs: with filter=all the jobs
// of every attempt, else (filter=latest, GitHub's default) each job's
// newest run.
func (s *FakeServer) listJobs(r *http.Request, ri *repoIndex, run *indexedRun) reply {
	jobs := run.jobs
	if r.URL.Query().Get("filter") != "all" {
		jobs = latestJobs(run.jobs)
	}
	pg := parsePaging(r.URL.Query())
	lo, hi := pg.bounds(len(jobs))
	out := make([]ghJob, 0, hi-lo)
	for _, ij := range jobs[lo:hi] {
		out = append(out, s.renderJob(ri, ij))
	}
	return reply{status: http.StatusOK, paged: true, link: s.linkHeader(r, pg, len(jobs)), value: struct {
		TotalCount int     `json:"total_count"`
		Jobs       []ghJob `json:"jobs"`
	}{len(jobs), out}}
}

// latestJobs is, of each job name, its run in the newest attempt it ran in.
func latestJobs(jobs []*indexedJob) []*indexedJob {
	newest := map[string]*indexedJob{}
	for _, ij := range jobs {
		if n := newest[ij.job.Name]; n == nil || ij.attempt() >= n.attempt() {
			newest[ij.job.Name] = ij
		}
	}
	out := make([]*indexedJob, 0, len(newest))
	for _, ij := range jobs {
		if newest[ij.job.Name] == ij {
			out = append(out, ij)
		}
	}
	return out
}

// attempt is the run attempt the job ran in.
func (ij *indexedJob) attempt() int {
	if ij.job.Attempt > 0 {
		return ij.job.Attempt
	}
	return max(ij.run.run.Attempt, 1)
}

// listAnnotations serves GET .../check-runs/{id}/annotations for a job's
// check run (a job's id is its check run's).
func (s *FakeServer) listAnnotations(r *http.Request, ri *repoIndex, id string) reply {
	job := ri.runs.jobs[parseID(id)]
	if job == nil {
		return notFound
	}
	return listPage(s, r, job.job.Annotations, func(a FakeAnnotation) any { return s.renderAnnotation(ri, job, a) })
}

// runPulls are the PRs GitHub links a run to: the open ones whose head
// branch is the run's (head branches live in the base repository, as
// kernel-patches' do), by number.
func (s *FakeServer) runPulls(ri *repoIndex, run *FakeRun) []ghCheckRunPull {
	out := []ghCheckRunPull{}
	repoID := stableID("repo", strings.ToLower(ri.fullName))
	_, name, _ := strings.Cut(ri.fullName, "/")
	for _, pi := range ri.pulls {
		p := pi.pull
		if p.Head != run.HeadBranch || p.State != "open" {
			continue // GitHub lists the open PRs of the run's branch
		}
		pr := ghCheckRunPull{
			URL:    s.URL + "repos/" + ri.fullName + "/pulls/" + strconv.Itoa(p.Number),
			ID:     stableID("pull", ri.fullName, p.Number),
			Number: p.Number,
			Head:   ghCheckRunBase{Ref: p.Head, SHA: pi.headSHA(ri)},
			Base:   ghCheckRunBase{Ref: p.Base, SHA: fakeSHA("base", ri.fullName, p.Base, strconv.Itoa(p.Number))},
		}
		for _, b := range []*ghCheckRunBase{&pr.Head, &pr.Base} {
			b.Repo.ID, b.Repo.URL, b.Repo.Name = repoID, s.URL+"repos/"+ri.fullName, name
		}
		out = append(out, pr)
	}
	slices.SortFunc(out, func(a, b ghCheckRunPull) int { return cmp.Compare(a.Number, b.Number) })
	return out
}
