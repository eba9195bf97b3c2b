package fake

import (
	"strconv"
	"strings"
	"time"

	"github.com/prscope/prscope/model"
)

// The Actions shapes, key for key in the order of GitHub's examples
// (actions-list-workflow-runs-for-repo.json, actions-get-workflow-run.json,
// actions-list-jobs-for-workflow-run.json, checks-list-annotations.json);
// nested users and repositories are the fake's usual slim ones.

// ghWorkflowRun is a run as the list gives it; the two detailOnly fields
// are what GET .../runs/{id} adds, each in its place in that example.
type ghWorkflowRun struct {
	ID                  int64                       `json:"id"`
	Name                string                      `json:"name"`
	NodeID              string                      `json:"node_id"`
	CheckSuiteID        int64                       `json:"check_suite_id"`
	CheckSuiteNodeID    string                      `json:"check_suite_node_id"`
	HeadBranch          string                      `json:"head_branch"`
	HeadSHA             string                      `json:"head_sha"`
	Path                string                      `json:"path"`
	RunNumber           int                         `json:"run_number"`
	Event               string                      `json:"event"`
	DisplayTitle        string                      `json:"display_title"`
	Status              string                      `json:"status"`
	Conclusion          *string                     `json:"conclusion"`
	WorkflowID          int64                       `json:"workflow_id"`
	URL                 string                      `json:"url"`
	HTMLURL             string                      `json:"html_url"`
	PullRequests        []ghCheckRunPull            `json:"pull_requests"`
	CreatedAt           string                      `json:"created_at"`
	UpdatedAt           string                      `json:"updated_at"`
	Actor               *ghUser                     `json:"actor"`
	RunAttempt          int                         `json:"run_attempt"`
	ReferencedWorkflows detailOnly[[]ghRefWorkflow] `json:"referenced_workflows,omitzero"`
	RunStartedAt        string                      `json:"run_started_at"`
	TriggeringActor     *ghUser                     `json:"triggering_actor"`
	JobsURL             string                      `json:"jobs_url"`
	LogsURL             string                      `json:"logs_url"`
	CheckSuiteURL       string                      `json:"check_suite_url"`
	ArtifactsURL        string                      `json:"artifacts_url"`
	CancelURL           string                      `json:"cancel_url"`
	RerunURL            string                      `json:"rerun_url"`
	PreviousAttemptURL  detailOnly[*string]         `json:"previous_attempt_url,omitzero"`
	WorkflowURL         string                      `json:"workflow_url"`
	HeadCommit          ghHeadCommit                `json:"head_commit"`
	Repository          ghRepo                      `json:"repository"`
	HeadRepository      ghRepo                      `json:"head_repository"`
}

// detailOnly is a field that only the single object's answer has: left
// out while zero (a list item), sent as its value, null included, once set.
type detailOnly[T any] struct {
	set bool
	v   T
}

func detail[T any](v T) detailOnly[T] { return detailOnly[T]{set: true, v: v} }

func (d detailOnly[T]) IsZero() bool                 { return !d.set }
func (d detailOnly[T]) MarshalJSON() ([]byte, error) { return model.MarshalUnescaped(d.v) }

type ghRefWorkflow struct {
	Path string `json:"path"`
	SHA  string `json:"sha"`
	Ref  string `json:"ref,omitempty"`
}

type ghHeadCommit struct {
	ID        string      `json:"id"`
	TreeID    string      `json:"tree_id"`
	Message   string      `json:"message"`
	Timestamp string      `json:"timestamp"`
	Author    ghNameEmail `json:"author"`
	Committer ghNameEmail `json:"committer"`
}

type ghNameEmail struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

type ghJob struct {
	ID              int64    `json:"id"`
	RunID           int64    `json:"run_id"`
	RunURL          string   `json:"run_url"`
	RunAttempt      int      `json:"run_attempt"` // in GitHub's job schema; its example predates it
	NodeID          string   `json:"node_id"`
	HeadSHA         string   `json:"head_sha"`
	URL             string   `json:"url"`
	HTMLURL         string   `json:"html_url"`
	Status          string   `json:"status"`
	Conclusion      *string  `json:"conclusion"`
	StartedAt       string   `json:"started_at"`
	CompletedAt     *string  `json:"completed_at"`
	Name            string   `json:"name"`
	Steps           []ghStep `json:"steps"`
	CheckRunURL     string   `json:"check_run_url"`
	Labels          []string `json:"labels"`
	RunnerID        *int64   `json:"runner_id"`
	RunnerName      *string  `json:"runner_name"`
	RunnerGroupID   *int64   `json:"runner_group_id"`
	RunnerGroupName *string  `json:"runner_group_name"`
	WorkflowName    string   `json:"workflow_name"`
	HeadBranch      string   `json:"head_branch"`
}

type ghStep struct {
	Name        string  `json:"name"`
	Status      string  `json:"status"`
	Conclusion  *string `json:"conclusion"`
	Number      int     `json:"number"`
	StartedAt   *string `json:"started_at"`
	CompletedAt *string `json:"completed_at"`
}

type ghAnnotation struct {
	Path            string  `json:"path"`
	StartLine       int     `json:"start_line"`
	EndLine         int     `json:"end_line"`
	StartColumn     *int    `json:"start_column"`
	EndColumn       *int    `json:"end_column"`
	AnnotationLevel string  `json:"annotation_level"`
	Title           *string `json:"title"`
	Message         string  `json:"message"`
	RawDetails      *string `json:"raw_details"`
	BlobHref        string  `json:"blob_href"`
}

func (s *FakeServer) renderRun(ri *repoIndex, ir *indexedRun) ghWorkflowRun {
	run := ir.run
	id := strconv.FormatInt(ir.id, 10)
	api := s.URL + "repos/" + ri.fullName + "/"
	suite := stableID("check-suite", ri.fullName, ir.id)
	workflow := stableID("workflow", ri.fullName, run.Workflow)
	pulls := s.runPulls(ri, run)
	actor := strings.SplitN(ri.fullName, "/", 2)[0] // the repository's owner, unless a PR says who
	title := run.Workflow
	if len(pulls) > 0 {
		p := ri.pulls[pulls[0].Number].pull
		actor, title = p.User, p.Title
	}
	commit := s.headCommit(ri, run)
	if subject, _, _ := strings.Cut(commit.Message, "\n"); subject != "" {
		title = subject
	}
	repo := s.repoObject(ri.fullName)
	return ghWorkflowRun{
		ID:               ir.id,
		Name:             run.Workflow,
		NodeID:           nodeID("WFR", ir.id),
		CheckSuiteID:     suite,
		CheckSuiteNodeID: nodeID("CS", suite),
		HeadBranch:       run.HeadBranch,
		HeadSHA:          run.HeadSHA,
		Path:             ".github/workflows/" + slug(run.Workflow) + ".yml@" + run.HeadBranch,
		RunNumber:        ir.number,
		Event:            run.Event,
		DisplayTitle:     title,
		Status:           run.Status,
		Conclusion:       completedOnly(run.Status, run.Conclusion),
		WorkflowID:       workflow,
		URL:              api + "actions/runs/" + id,
		HTMLURL:          githubWeb + ri.fullName + "/actions/runs/" + id,
		PullRequests:     pulls,
		CreatedAt:        isoTime(run.CreatedAt),
		UpdatedAt:        isoTime(runUpdated(ir)),
		Actor:            s.user(actor),
		RunAttempt:       max(run.Attempt, 1),
		RunStartedAt:     isoTime(run.CreatedAt),
		TriggeringActor:  s.user(actor),
		JobsURL:          api + "actions/runs/" + id + "/jobs",
		LogsURL:          api + "actions/runs/" + id + "/logs",
		CheckSuiteURL:    api + "check-suites/" + strconv.FormatInt(suite, 10),
		ArtifactsURL:     api + "actions/runs/" + id + "/artifacts",
		CancelURL:        api + "actions/runs/" + id + "/cancel",
		RerunURL:         api + "actions/runs/" + id + "/rerun",
		WorkflowURL:      api + "actions/workflows/" + strconv.FormatInt(workflow, 10),
		HeadCommit:       commit,
		Repository:       repo,
		HeadRepository:   repo,
	}
}

// renderRunDetail is GET .../runs/{id}: the list's run and what only the
// single run says.
func (s *FakeServer) renderRunDetail(ri *repoIndex, ir *indexedRun) ghWorkflowRun {
	out := s.renderRun(ri, ir)
	out.ReferencedWorkflows = detail([]ghRefWorkflow{})
	var previous *string
	if out.RunAttempt > 1 {
		previous = stringPtr(out.URL + "/attempts/" + strconv.Itoa(out.RunAttempt-1))
	}
	out.PreviousAttemptURL = detail(previous)
	return out
}

// headCommit is the run's head commit: the stored commit when the
// repository has it, else one made up from the run.
func (s *FakeServer) headCommit(ri *repoIndex, run *FakeRun) ghHeadCommit {
	hc := ghHeadCommit{ID: run.HeadSHA, TreeID: fakeSHA("tree", run.HeadSHA), Timestamp: isoTime(run.CreatedAt),
		Committer: ghNameEmail{Name: "GitHub", Email: "noreply@github.com"}}
	if c := ri.commit(run.HeadSHA); c != nil && len(run.HeadSHA) == 40 {
		hc.Message, hc.Timestamp = c.Message, isoTime(c.Date)
		hc.Author = ghNameEmail{Name: c.AuthorName, Email: c.AuthorEmail}
	}
	return hc
}

// runUpdated is when the run last changed: its newest job time.
func runUpdated(ir *indexedRun) time.Time {
	t := ir.run.CreatedAt
	for _, ij := range ir.jobs {
		started, completed := jobTimes(ij)
		t = maxTime(t, started)
		if ij.job.Status == "completed" {
			t = maxTime(t, completed)
		}
	}
	return t
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// jobTimes fills a job's unset times: started with its run, completed
// when it started.
func jobTimes(ij *indexedJob) (started, completed time.Time) {
	started, completed = ij.job.StartedAt, ij.job.CompletedAt
	if started.IsZero() {
		started = ij.run.run.CreatedAt
	}
	if completed.IsZero() {
		completed = started
	}
	return started, completed
}

func (s *FakeServer) renderJob(ri *repoIndex, ij *indexedJob) ghJob {
	job, run := ij.job, ij.run
	id, runID := strconv.FormatInt(ij.id, 10), strconv.FormatInt(run.id, 10)
	api := s.URL + "repos/" + ri.fullName + "/"
	started, completed := jobTimes(ij)
	out := ghJob{
		ID:           ij.id,
		RunID:        run.id,
		RunURL:       api + "actions/runs/" + runID,
		RunAttempt:   ij.attempt(),
		NodeID:       nodeID("CR", ij.id),
		HeadSHA:      run.run.HeadSHA,
		URL:          api + "actions/jobs/" + id,
		HTMLURL:      githubWeb + ri.fullName + "/actions/runs/" + runID + "/job/" + id,
		Status:       job.Status,
		Conclusion:   completedOnly(job.Status, job.Conclusion),
		StartedAt:    isoTime(started),
		Name:         job.Name,
		Steps:        jobSteps(job, started, completed),
		CheckRunURL:  api + "check-runs/" + id,
		Labels:       []string{"ubuntu-latest"},
		WorkflowName: run.run.Workflow,
		HeadBranch:   run.run.HeadBranch,
	}
	if job.Status == "completed" {
		out.CompletedAt = stringPtr(isoTime(completed))
	}
	if job.Status != "queued" { // a runner took it
		runner := int64(stableID("runner", ij.id)%20 + 1)
		group, groupName := int64(2), "GitHub Actions"
		out.RunnerID, out.RunnerName = &runner, stringPtr("GitHub Actions "+strconv.FormatInt(runner, 10))
		out.RunnerGroupID, out.RunnerGroupName = &group, &groupName
	}
	return out
}

// jobSteps makes up a job's steps around its main one: that is FailedStep
// (failed) when set, else "Run tests" with the job's conclusion; the rest
// succeeded. A job still running is in its main step.
func jobSteps(job *FakeJob, started, completed time.Time) []ghStep {
	main, conclusion := "Run tests", job.Conclusion
	if job.FailedStep != "" {
		main, conclusion = job.FailedStep, "failure"
	}
	if job.Status == "queued" {
		return []ghStep{}
	}
	at := isoTimePtr(&started)
	done := func(name string, n int, conclusion string) ghStep {
		return ghStep{Name: name, Status: "completed", Conclusion: stringPtr(conclusion), Number: n, StartedAt: at, CompletedAt: at}
	}
	steps := []ghStep{done("Set up job", 1, "success"), done("Run actions/checkout@v4", 2, "success")}
	if job.Status != "completed" {
		return append(steps, ghStep{Name: main, Status: "in_progress", Number: 3, StartedAt: at})
	}
	end := isoTimePtr(&completed)
	steps = append(steps, ghStep{Name: main, Status: "completed", Conclusion: stringPtr(conclusion), Number: 3, StartedAt: at, CompletedAt: end})
	steps = append(steps, ghStep{Name: "Complete job", Status: "completed", Conclusion: stringPtr("success"), Number: 4, StartedAt: end, CompletedAt: end})
	return steps
}

func (s *FakeServer) renderAnnotation(ri *repoIndex, ij *indexedJob, a FakeAnnotation) ghAnnotation {
	level := a.Level
	if level == "" {
		level = "failure"
	}
	return ghAnnotation{
		Path:            a.Path,
		StartLine:       a.Line,
		EndLine:         a.Line,
		AnnotationLevel: level,
		Title:           stringPtr(a.Title),
		Message:         a.Message,
		BlobHref:        githubWeb + ri.fullName + "/blob/" + ij.run.run.HeadSHA + "/" + a.Path,
	}
}

// completedOnly is conclusion for something completed, else null.
func completedOnly(status, conclusion string) *string {
	if status != "completed" {
		return nil
	}
	return stringPtr(conclusion)
}

// slug is a workflow's name as its file might be called.
func slug(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), "-"))
}
