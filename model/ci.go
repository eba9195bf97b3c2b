package model

import "time"

// WorkflowRun is one GitHub Actions run of a branch (GET
// /repos/{o}/{r}/actions/runs?branch=…), slimmed to what the history shows.
type WorkflowRun struct {
	ID         int64
	Workflow   string // the run's name: the workflow's
	HeadSHA    string
	HeadBranch string
	Attempt    int    // run_attempt: 2 for the first re-run
	Event      string // pull_request, push, …
	Status     string // queued, in_progress, completed, …
	Conclusion string // success, failure, cancelled, …; "" until completed
	CreatedAt  time.Time
	UpdatedAt  time.Time
	HTMLURL    string
	// HeadRepo is the repository the head commit is in ("owner/name"): a
	// fork's runs of a same-named branch are not this PR's.
	HeadRepo string
	// PullRequests are the numbers of the PRs GitHub links the run to.
	PullRequests []int
}

// RunFilter says which of a repository's runs to list: those of a
// branch, or of a head commit; both empty lists the newest of all.
type RunFilter struct {
	Branch  string
	HeadSHA string
}

func (f RunFilter) String() string {
	switch {
	case f.HeadSHA != "":
		return "runs of " + ShortSHA(f.HeadSHA)
	case f.Branch != "":
		return "runs of " + f.Branch
	}
	return "runs"
}

// Completed reports that the run is over and will not change.
func (r WorkflowRun) Completed() bool { return r.Status == "completed" }

// Job is one job of a run (GET .../actions/runs/{id}/jobs); its ID is also
// its check run's, whose annotations are its ##[error] lines.
type Job struct {
	ID    int64
	RunID int64
	// Attempt is the run attempt it ran in (run_attempt); 0 when not said.
	// A re-run keeps its run's id and runs again only what it re-runs.
	Attempt     int
	Name        string
	Status      string
	Conclusion  string
	StartedAt   *time.Time
	CompletedAt *time.Time
	HTMLURL     string
	// FailedStep is the first step that failed, "" when none did.
	FailedStep string
}

// Annotation is one line a check run flagged (GET
// .../check-runs/{id}/annotations).
type Annotation struct {
	Path    string
	Line    int
	Level   string // notice, warning, failure
	Title   string
	Message string
}

// WorkflowRunKey is a run's identity for Pager: its id.
func WorkflowRunKey(r WorkflowRun) string { return idOrHash(r.ID, r) }

// JobKey is a job's identity for Pager: its id.
func JobKey(j Job) string { return idOrHash(j.ID, j) }

// AnnotationKey is an annotation's identity for Pager: it has no id, so
// all that it says.
func AnnotationKey(a Annotation) string { return idOrHash(0, a) }

// SanitizeWorkflowRun makes a run's API text safe to show.
func SanitizeWorkflowRun(r WorkflowRun) WorkflowRun {
	r.Workflow, r.HeadSHA, r.HeadBranch = SanitizeLine(r.Workflow), SanitizeLine(r.HeadSHA), SanitizeLine(r.HeadBranch)
	r.Event, r.Status, r.Conclusion = SanitizeLine(r.Event), SanitizeLine(r.Status), SanitizeLine(r.Conclusion)
	r.HTMLURL, r.HeadRepo = SanitizeLine(r.HTMLURL), SanitizeLine(r.HeadRepo)
	return r
}

// SanitizeJob makes a job's API text safe to show.
func SanitizeJob(j Job) Job {
	j.Name, j.Status, j.Conclusion = SanitizeLine(j.Name), SanitizeLine(j.Status), SanitizeLine(j.Conclusion)
	j.HTMLURL, j.FailedStep = SanitizeLine(j.HTMLURL), SanitizeLine(j.FailedStep)
	return j
}

// SanitizeAnnotation makes an annotation safe to show; its message may
// hold several lines.
func SanitizeAnnotation(a Annotation) Annotation {
	a.Path, a.Level, a.Title = SanitizeLine(a.Path), SanitizeLine(a.Level), SanitizeLine(a.Title)
	a.Message = Sanitize(a.Message)
	return a
}
