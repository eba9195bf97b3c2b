package fake

import (
	"strconv"
	"time"
)

// FakeRun is one GitHub Actions workflow run of a repository, as GET
// /repos/{o}/{r}/actions/runs lists it, with its jobs. Status is queued,
// in_progress or completed; Conclusion is set only when completed.
type FakeRun struct {
	ID         int64     `json:"id,omitempty"` // 0: a stable id is generated (AddRun, or the server)
	Workflow   string    `json:"workflow"`     // the run's name
	HeadSHA    string    `json:"head_sha"`
	HeadBranch string    `json:"head_branch"`
	Event      string    `json:"event"` // pull_request, push, …
	Status     string    `json:"status"`
	Conclusion string    `json:"conclusion,omitempty"`
	Attempt    int       `json:"attempt,omitempty"` // run_attempt; 0 is served as 1
	CreatedAt  time.Time `json:"created_at"`
	Jobs       []FakeJob `json:"jobs,omitempty"`
}

// FakeJob is one job of a run. Its id is also its check run's, under
// which its annotations are listed.
type FakeJob struct {
	ID int64 `json:"id,omitempty"` // 0: generated from the run's id
	// Attempt is the run attempt it ran in; 0 is the run's newest. A run
	// re-run lists its jobs of every attempt: "re-run failed jobs" adds
	// only the failed ones again.
	Attempt     int       `json:"attempt,omitempty"`
	Name        string    `json:"name"`
	Status      string    `json:"status"`
	Conclusion  string    `json:"conclusion,omitempty"`
	StartedAt   time.Time `json:"started_at,omitzero"`   // zero: the run's CreatedAt
	CompletedAt time.Time `json:"completed_at,omitzero"` // zero: StartedAt, once completed
	// FailedStep is the step served as failed; "" serves every step with
	// the job's own conclusion.
	FailedStep  string           `json:"failed_step,omitempty"`
	Annotations []FakeAnnotation `json:"annotations,omitempty"`
	// Log is the job's log text; LogExpired makes the API answer 410 Gone
	// for it, as GitHub does once the retention period is over.
	Log        string `json:"log,omitempty"`
	LogExpired bool   `json:"log_expired,omitempty"`
}

// FakeAnnotation is one line a job's check run flagged (an ##[error] of
// its log, or a problem matcher's find).
type FakeAnnotation struct {
	Path    string `json:"path"`
	Line    int    `json:"line"`
	Level   string `json:"level"` // notice, warning, failure; "" is served as failure
	Title   string `json:"title,omitempty"`
	Message string `json:"message"`
}

// AddRun appends run to the repository's runs, first giving it and its
// jobs ids when they have none, and returns it so a test knows them.
func (r *RepoData) AddRun(run *FakeRun) *FakeRun {
	fillRunIDs(len(r.Runs), run)
	r.Runs = append(r.Runs, run)
	return run
}

// fillRunIDs gives a run at position pos of RepoData.Runs, and its jobs,
// the ids the server would derive for them. Derived from what the run
// says (and where it is), they are the same on every run of the tests.
func fillRunIDs(pos int, run *FakeRun) {
	if run.ID == 0 {
		run.ID = runIDAt(pos, run)
	}
	for i := range run.Jobs {
		if run.Jobs[i].ID == 0 {
			run.Jobs[i].ID = jobIDAt(run.ID, i, &run.Jobs[i])
		}
	}
}

func runIDAt(pos int, run *FakeRun) int64 {
	return stableID("workflow run", pos, run.Workflow, run.HeadSHA, run.HeadBranch, run.CreatedAt.Unix(), run.Attempt)
}

func jobIDAt(runID int64, pos int, job *FakeJob) int64 {
	return stableID("workflow job", strconv.FormatInt(runID, 10), pos, job.Name)
}

// mergeRuns adds the runs whose id r does not have yet; runs without an id
// are always added (they get one from their new position).
func (r *RepoData) mergeRuns(runs []*FakeRun) {
	have := make(map[int64]bool, len(r.Runs))
	for _, run := range r.Runs {
		have[run.ID] = run.ID != 0
	}
	for _, run := range runs {
		if !have[run.ID] {
			r.Runs = append(r.Runs, run)
		}
	}
}
