package github_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	gogithub "github.com/google/go-github/v62/github"

	"github.com/prscope/prscope/github/fake"
)

// testProgsLog is the end of a BPF CI test job's log, as test_progs and
// the workflow write it: one sub-test failed.
const testProgsLog = "2024-05-16T17:20:01.0000000Z ##[group]Run test_progs\n" +
	"2024-05-16T17:20:01.0000001Z ##[endgroup]\n" +
	"2024-05-16T17:23:04.5554000Z #32/13   btf_dump/btf_dump: var_data:OK\n" +
	"2024-05-16T17:23:04.5555328Z #32/14   btf_dump/btf_dump: struct_data:FAIL\n" +
	"2024-05-16T17:23:04.5555759Z #32      btf_dump:FAIL\n" +
	"2024-05-16T17:23:04.5556128Z Summary: 534/3887 PASSED, 68 SKIPPED, 1 FAILED\n" +
	"2024-05-16T17:23:06.4606122Z ##[error]#32 btf_dump\n" +
	"2024-05-16T17:23:06.4608077Z ##[error]#32/14 btf_dump/btf_dump: struct_data\n"

const (
	runSHA1 = "b0b0000000000000000000000000000000000001"
	runSHA2 = "b0b0000000000000000000000000000000000002"
	runSHA3 = "b0b0000000000000000000000000000000000003"
)

// actionsRuns are the runs actionsDataset adds, for the tests to name.
type actionsRuns struct {
	failed, passed, running *fake.FakeRun
	main                    []*fake.FakeRun // five pushes to main, oldest first
}

// actionsDataset is testDataset with GitHub Actions runs on octo/hello:
// two runs of PR 1's branch (topic-1; the newer, a re-run of a failed
// build, failed), one
// still running on PR 2's (topic-2), and five pushes to main.
func actionsDataset() (*fake.Dataset, actionsRuns) {
	ds := testDataset()
	repo := ds.Repo("octo/hello")
	var runs actionsRuns
	runs.passed = repo.AddRun(&fake.FakeRun{Workflow: "bpf-ci", HeadSHA: runSHA1, HeadBranch: "topic-1", Event: "pull_request",
		Status: "completed", Conclusion: "success", CreatedAt: at(10),
		Jobs: []fake.FakeJob{{Name: "x86_64 gcc build", Status: "completed", Conclusion: "success", StartedAt: at(10), CompletedAt: at(11), Log: "built\n"}}})
	runs.failed = repo.AddRun(&fake.FakeRun{Workflow: "bpf-ci", HeadSHA: runSHA2, HeadBranch: "topic-1", Event: "pull_request",
		Status: "completed", Conclusion: "failure", Attempt: 2, CreatedAt: at(20),
		Jobs: []fake.FakeJob{
			{Name: "x86_64 gcc test (test_progs)", Status: "completed", Conclusion: "failure", StartedAt: at(20), CompletedAt: at(21),
				FailedStep: "Run test_progs", Log: testProgsLog, Annotations: []fake.FakeAnnotation{
					{Path: ".github", Line: 1, Title: "test_progs", Message: "#32 btf_dump"},
					{Path: ".github", Line: 1, Message: "#32/14 btf_dump/btf_dump: struct_data"},
					{Path: "tools/testing/selftests/bpf/Makefile", Line: 12, Level: "warning", Message: "slow"},
				}},
			{Name: "x86_64 llvm-18 build", Status: "completed", Conclusion: "success", StartedAt: at(20), CompletedAt: at(21), Log: "ok\n"},
			{Name: "s390x gcc test (test_progs)", Status: "completed", Conclusion: "failure", StartedAt: at(20), CompletedAt: at(22), LogExpired: true},
			// The first attempt's build, which failed: the re-run's replaces it.
			{Name: "x86_64 llvm-18 build", Attempt: 1, Status: "completed", Conclusion: "failure", StartedAt: at(18), CompletedAt: at(19)},
		}})
	runs.running = repo.AddRun(&fake.FakeRun{Workflow: "lint", HeadSHA: runSHA3, HeadBranch: "topic-2", Event: "push",
		Status: "in_progress", CreatedAt: at(15),
		Jobs: []fake.FakeJob{
			{Name: "checkpatch", Status: "in_progress", StartedAt: at(15)},
			{Name: "shellcheck", Status: "queued"},
		}})
	for i := range 5 {
		runs.main = append(runs.main, repo.AddRun(&fake.FakeRun{Workflow: "bpf-ci", HeadSHA: fmt.Sprintf("%040x", 0xa11+i), HeadBranch: "main",
			Event: "push", Status: "completed", Conclusion: "success", CreatedAt: at(30 + i)}))
	}
	return ds, runs
}

// The keys of GitHub's examples, in their order.
var (
	// actions-list-workflow-runs-for-repo.json's run.
	wantRunKeys = []string{"id", "name", "node_id", "check_suite_id", "check_suite_node_id", "head_branch", "head_sha", "path",
		"run_number", "event", "display_title", "status", "conclusion", "workflow_id", "url", "html_url", "pull_requests",
		"created_at", "updated_at", "actor", "run_attempt", "run_started_at", "triggering_actor", "jobs_url", "logs_url",
		"check_suite_url", "artifacts_url", "cancel_url", "rerun_url", "workflow_url", "head_commit", "repository", "head_repository"}
	// actions-get-workflow-run.json: the same and two more.
	wantRunDetailKeys = []string{"id", "name", "node_id", "check_suite_id", "check_suite_node_id", "head_branch", "head_sha", "path",
		"run_number", "event", "display_title", "status", "conclusion", "workflow_id", "url", "html_url", "pull_requests",
		"created_at", "updated_at", "actor", "run_attempt", "referenced_workflows", "run_started_at", "triggering_actor", "jobs_url",
		"logs_url", "check_suite_url", "artifacts_url", "cancel_url", "rerun_url", "previous_attempt_url", "workflow_url",
		"head_commit", "repository", "head_repository"}
	wantHeadCommitKeys = []string{"id", "tree_id", "message", "timestamp", "author", "committer"}
	// actions-list-jobs-for-workflow-run.json's job (and actions-get-job-for-workflow-run.json).
	// run_attempt is in GitHub's job schema, after run_url; the example
	// predates it.
	wantJobKeys = []string{"id", "run_id", "run_url", "run_attempt", "node_id", "head_sha", "url", "html_url", "status", "conclusion",
		"started_at", "completed_at", "name", "steps", "check_run_url", "labels", "runner_id", "runner_name",
		"runner_group_id", "runner_group_name", "workflow_name", "head_branch"}
	wantStepKeys = []string{"name", "status", "conclusion", "number", "started_at", "completed_at"}
	// checks-list-annotations.json's annotation.
	wantAnnotationKeys = []string{"path", "start_line", "end_line", "start_column", "end_column", "annotation_level",
		"title", "message", "raw_details", "blob_href"}
)

func checkKeys(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s keys %v\nwant %v", what, got, want)
	}
}

func runIDs(runs []*gogithub.WorkflowRun) []int64 {
	var out []int64
	for _, r := range runs {
		out = append(out, r.GetID())
	}
	return out
}

func TestFakeWorkflowRunsShape(t *testing.T) {
	ds, runs := actionsDataset()
	srv := startFakeFor(t, ds, fake.FakeOptions{})
	resp, body := get(t, srv, "repos/octo/hello/actions/runs?per_page=100")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	checkKeys(t, "runs page", decode[orderedKeys](t, body), []string{"total_count", "workflow_runs"})
	raw := decode[struct {
		WorkflowRuns []struct {
			HeadCommit orderedKeys `json:"head_commit"`
		} `json:"workflow_runs"`
	}](t, body)
	keys := decode[struct {
		WorkflowRuns []orderedKeys `json:"workflow_runs"`
	}](t, body)
	checkKeys(t, "run", keys.WorkflowRuns[0], wantRunKeys)
	checkKeys(t, "head_commit", raw.WorkflowRuns[0].HeadCommit, wantHeadCommitKeys)

	list := decode[gogithub.WorkflowRuns](t, body)
	// Newest first, as GitHub lists them.
	want := []int64{runs.main[4].ID, runs.main[3].ID, runs.main[2].ID, runs.main[1].ID, runs.main[0].ID, runs.failed.ID, runs.running.ID, runs.passed.ID}
	if list.GetTotalCount() != 8 || !slices.Equal(runIDs(list.WorkflowRuns), want) {
		t.Fatalf("total %d, ids %v; want 8, %v", list.GetTotalCount(), runIDs(list.WorkflowRuns), want)
	}
	failed := list.WorkflowRuns[5]
	if failed.GetName() != "bpf-ci" || failed.GetHeadSHA() != runSHA2 || failed.GetHeadBranch() != "topic-1" || failed.GetEvent() != "pull_request" ||
		failed.GetStatus() != "completed" || failed.GetConclusion() != "failure" || failed.GetRunAttempt() != 2 ||
		failed.GetHeadRepository().GetFullName() != "octo/hello" || failed.GetCreatedAt().Time != at(20) || failed.GetUpdatedAt().Time != at(22) ||
		failed.GetDisplayTitle() != "PR 1" || !strings.HasSuffix(failed.GetHTMLURL(), "/octo/hello/actions/runs/"+fmt.Sprint(runs.failed.ID)) ||
		failed.GetRunNumber() != 3 || !strings.HasPrefix(failed.GetJobsURL(), srv.URL) {
		t.Errorf("failed run = %+v", failed)
	}
	if len(failed.PullRequests) != 1 || failed.PullRequests[0].GetNumber() != 1 {
		t.Errorf("pull_requests %+v, want PR 1 whose branch it ran on", failed.PullRequests)
	}
	running := list.WorkflowRuns[6]
	if running.Conclusion != nil || running.GetStatus() != "in_progress" || running.GetRunAttempt() != 1 {
		t.Errorf("a running run has a null conclusion and attempt 1: %+v", running)
	}
	if !strings.Contains(string(body), `"pull_requests":[]`) {
		t.Errorf("a run of no PR's branch lists pull_requests as [], not null")
	}
}

func TestFakeWorkflowRunDetail(t *testing.T) {
	ds, runs := actionsDataset()
	srv := startFakeFor(t, ds, fake.FakeOptions{})
	for _, run := range []*fake.FakeRun{runs.failed, runs.passed} {
		resp, body := get(t, srv, fmt.Sprintf("repos/octo/hello/actions/runs/%d", run.ID))
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("status %d: %s", resp.StatusCode, body)
		}
		checkKeys(t, "run detail", decode[orderedKeys](t, body), wantRunDetailKeys)
		detail := decode[struct {
			ID       int64   `json:"id"`
			Previous *string `json:"previous_attempt_url"`
			Refs     []any   `json:"referenced_workflows"`
		}](t, body)
		if detail.ID != run.ID || detail.Refs == nil {
			t.Errorf("run %d: %s", run.ID, body)
		}
		switch {
		case run.Attempt == 2 && (detail.Previous == nil || !strings.HasSuffix(*detail.Previous, fmt.Sprintf("/runs/%d/attempts/1", run.ID))):
			t.Errorf("a re-run's previous_attempt_url = %v", detail.Previous)
		case run.Attempt < 2 && (detail.Previous != nil || !strings.Contains(string(body), `"previous_attempt_url":null`)):
			t.Errorf("a first attempt's previous_attempt_url is null: %s", body)
		}
	}
	if resp, _ := get(t, srv, "repos/octo/hello/actions/runs/12345"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("an unknown run: %d, want 404", resp.StatusCode)
	}
}

func TestFakeWorkflowRunsFiltersAndPaging(t *testing.T) {
	ds, runs := actionsDataset()
	srv := startFakeFor(t, ds, fake.FakeOptions{})
	var mainIDs []int64
	for _, r := range slices.Backward(runs.main) {
		mainIDs = append(mainIDs, r.ID)
	}
	for _, tc := range []struct {
		query string
		want  []int64
	}{
		{"branch=topic-1", []int64{runs.failed.ID, runs.passed.ID}},
		{"head_sha=" + strings.ToUpper(runSHA2), []int64{runs.failed.ID}},
		{"event=push&branch=topic-2", []int64{runs.running.ID}},
		{"status=failure", []int64{runs.failed.ID}},
		{"status=in_progress", []int64{runs.running.ID}},
		{"status=success&branch=topic-1", []int64{runs.passed.ID}},
		{"branch=main", mainIDs},
		{"branch=nowhere", nil},
	} {
		resp, body := get(t, srv, "repos/octo/hello/actions/runs?"+tc.query)
		list := decode[gogithub.WorkflowRuns](t, body)
		if resp.StatusCode != http.StatusOK || list.GetTotalCount() != len(tc.want) || !slices.Equal(runIDs(list.WorkflowRuns), tc.want) {
			t.Errorf("%s: %d, total %d, ids %v; want %v", tc.query, resp.StatusCode, list.GetTotalCount(), runIDs(list.WorkflowRuns), tc.want)
		}
		if tc.want == nil && !strings.Contains(string(body), `"workflow_runs":[]`) {
			t.Errorf("%s: no runs is [], not null: %s", tc.query, body)
		}
	}

	// Paged like every list: Link headers that keep the filter, total_count on every page.
	resp, body := get(t, srv, "repos/octo/hello/actions/runs?branch=main&per_page=2")
	list := decode[gogithub.WorkflowRuns](t, body)
	l := links(t, resp.Header.Get("Link"))
	if !slices.Equal(runIDs(list.WorkflowRuns), mainIDs[:2]) || list.GetTotalCount() != 5 || l["next"] == nil || l["next"].Query().Get("page") != "2" ||
		l["next"].Query().Get("branch") != "main" || l["last"] == nil || l["last"].Query().Get("page") != "3" {
		t.Fatalf("page 1: ids %v total %d, Link %q", runIDs(list.WorkflowRuns), list.GetTotalCount(), resp.Header.Get("Link"))
	}
	resp, body = get(t, srv, "repos/octo/hello/actions/runs?branch=main&per_page=2&page=3")
	list = decode[gogithub.WorkflowRuns](t, body)
	if !slices.Equal(runIDs(list.WorkflowRuns), mainIDs[4:]) || list.GetTotalCount() != 5 || links(t, resp.Header.Get("Link"))["next"] != nil {
		t.Errorf("page 3: ids %v total %d, Link %q", runIDs(list.WorkflowRuns), list.GetTotalCount(), resp.Header.Get("Link"))
	}
	if resp.Header.Get("X-RateLimit-Remaining") == "" || resp.Header.Get("ETag") == "" {
		t.Errorf("no rate-limit headers or ETag: %v", resp.Header)
	}
	again, body := get(t, srv, "repos/octo/hello/actions/runs?branch=main&per_page=2&page=3", "If-None-Match", resp.Header.Get("ETag"))
	if again.StatusCode != http.StatusNotModified || len(body) != 0 {
		t.Errorf("conditional GET: %d with %d bytes, want 304 and none", again.StatusCode, len(body))
	}
	if resp, _ := get(t, srv, "repos/octo/nothing/actions/runs"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("runs of an unknown repository: %d, want 404", resp.StatusCode)
	}
}

func TestFakeJobsShapeAndPaging(t *testing.T) {
	ds, runs := actionsDataset()
	srv := startFakeFor(t, ds, fake.FakeOptions{})
	path := fmt.Sprintf("repos/octo/hello/actions/runs/%d/jobs", runs.failed.ID)
	resp, body := get(t, srv, path+"?filter=latest")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	checkKeys(t, "jobs page", decode[orderedKeys](t, body), []string{"total_count", "jobs"})
	keys := decode[struct {
		Jobs []orderedKeys `json:"jobs"`
	}](t, body)
	steps := decode[struct {
		Jobs []struct {
			Steps []orderedKeys `json:"steps"`
		} `json:"jobs"`
	}](t, body)
	checkKeys(t, "job", keys.Jobs[0], wantJobKeys)
	checkKeys(t, "step", steps.Jobs[0].Steps[0], wantStepKeys)

	jobs := decode[gogithub.Jobs](t, body)
	if jobs.GetTotalCount() != 3 || len(jobs.Jobs) != 3 {
		t.Fatalf("total %d, %d jobs; want 3", jobs.GetTotalCount(), len(jobs.Jobs))
	}
	first := jobs.Jobs[0]
	if first.GetID() != runs.failed.Jobs[0].ID || first.GetRunID() != runs.failed.ID || first.GetName() != "x86_64 gcc test (test_progs)" ||
		first.GetConclusion() != "failure" || first.GetStartedAt().Time != at(20) || first.GetCompletedAt().Time != at(21) ||
		first.GetHeadSHA() != runSHA2 || first.GetWorkflowName() != "bpf-ci" || first.GetHeadBranch() != "topic-1" ||
		!strings.HasSuffix(first.GetCheckRunURL(), fmt.Sprintf("/check-runs/%d", first.GetID())) {
		t.Errorf("first job = %+v", first)
	}
	var failing []string
	for _, s := range first.Steps {
		if s.GetConclusion() == "failure" {
			failing = append(failing, s.GetName())
		}
	}
	if !slices.Equal(failing, []string{"Run test_progs"}) {
		t.Errorf("failed steps %v, want the FailedStep", failing)
	}

	// A queued job: no runner, no steps, no conclusion.
	_, body = get(t, srv, fmt.Sprintf("repos/octo/hello/actions/runs/%d/jobs", runs.running.ID))
	queued := decode[gogithub.Jobs](t, body).Jobs[1]
	if queued.GetStatus() != "queued" || queued.Conclusion != nil || queued.CompletedAt != nil || queued.RunnerID != nil || queued.Steps == nil || len(queued.Steps) != 0 {
		t.Errorf("queued job = %+v", queued)
	}

	resp, body = get(t, srv, path+"?per_page=1&page=2")
	jobs = decode[gogithub.Jobs](t, body)
	l := links(t, resp.Header.Get("Link"))
	if len(jobs.Jobs) != 1 || jobs.Jobs[0].GetName() != "x86_64 llvm-18 build" || jobs.GetTotalCount() != 3 || l["next"] == nil || l["prev"] == nil {
		t.Errorf("page 2 of 1: %+v, Link %q", jobs, resp.Header.Get("Link"))
	}
	// GET .../actions/jobs/{id}: the same job, the same keys.
	resp, body = get(t, srv, fmt.Sprintf("repos/octo/hello/actions/jobs/%d", runs.failed.Jobs[0].ID))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("job: %d %s", resp.StatusCode, body)
	}
	checkKeys(t, "single job", decode[orderedKeys](t, body), wantJobKeys)
	if resp, _ := get(t, srv, "repos/octo/hello/actions/runs/1/jobs"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("jobs of an unknown run: %d, want 404", resp.StatusCode)
	}
}

func TestFakeAnnotationsShape(t *testing.T) {
	ds, runs := actionsDataset()
	srv := startFakeFor(t, ds, fake.FakeOptions{})
	job := runs.failed.Jobs[0]
	path := fmt.Sprintf("repos/octo/hello/check-runs/%d/annotations", job.ID)
	resp, body := get(t, srv, path)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	checkKeys(t, "annotation", decode[[]orderedKeys](t, body)[0], wantAnnotationKeys)
	got := decode[[]*gogithub.CheckRunAnnotation](t, body)
	if len(got) != 3 {
		t.Fatalf("%d annotations, want 3", len(got))
	}
	if a := got[0]; a.GetPath() != ".github" || a.GetStartLine() != 1 || a.GetEndLine() != 1 || a.GetAnnotationLevel() != "failure" ||
		a.GetTitle() != "test_progs" || a.GetMessage() != "#32 btf_dump" || !strings.Contains(string(body), `"blob_href":"https://github.com/octo/hello/blob/`+runSHA2+`/.github"`) {
		t.Errorf("first annotation = %+v", a)
	}
	if a := got[2]; a.GetAnnotationLevel() != "warning" || a.Title != nil || a.GetStartLine() != 12 {
		t.Errorf("third annotation = %+v", a)
	}
	resp, body = get(t, srv, path+"?per_page=2&page=2")
	if len(decode[[]json.RawMessage](t, body)) != 1 || links(t, resp.Header.Get("Link"))["prev"] == nil {
		t.Errorf("page 2 of 2: %s, Link %q", body, resp.Header.Get("Link"))
	}
	_, body = get(t, srv, fmt.Sprintf("repos/octo/hello/check-runs/%d/annotations", runs.failed.Jobs[1].ID))
	if string(body) != "[]" {
		t.Errorf("a job without annotations: %s", body)
	}
	if resp, _ := get(t, srv, "repos/octo/hello/check-runs/77/annotations"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("annotations of an unknown check run: %d, want 404", resp.StatusCode)
	}
}

// noFollow fetches without following redirects, to see them.
var noFollow = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func TestFakeJobLogRedirectsToTheLogHost(t *testing.T) {
	ds, runs := actionsDataset()
	srv := startFakeFor(t, ds, fake.FakeOptions{})
	job := runs.failed.Jobs[0]
	resp, err := noFollow.Get(srv.URL + fmt.Sprintf("repos/octo/hello/actions/jobs/%d/logs", job.ID))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusFound || err != nil || !strings.HasPrefix(loc.String(), srv.LogURL) || loc.Query().Get("sig") == "" {
		t.Fatalf("logs: %d, Location %q; want 302 to %s with a signature", resp.StatusCode, resp.Header.Get("Location"), srv.LogURL)
	}
	api, _ := url.Parse(srv.URL)
	if loc.Hostname() == api.Hostname() || loc.Hostname() != "localhost" {
		t.Errorf("the log host %q is the API's host %q: a client could not tell them apart", loc.Host, api.Host)
	}
	if resp.Header.Get("X-RateLimit-Remaining") == "" {
		t.Errorf("the 302 has no rate-limit headers")
	}

	logResp, err := http.Get(loc.String())
	if err != nil {
		t.Fatal(err)
	}
	text, err := io.ReadAll(logResp.Body)
	logResp.Body.Close()
	if err != nil || logResp.StatusCode != http.StatusOK || !strings.HasPrefix(logResp.Header.Get("Content-Type"), "text/plain") || string(text) != testProgsLog {
		t.Errorf("log host: %d %q, %q %v", logResp.StatusCode, logResp.Header.Get("Content-Type"), text, err)
	}
	reqs := srv.LogRequests()
	if len(reqs) != 1 || reqs[0].Path != loc.Path || reqs[0].Status != http.StatusOK || reqs[0].Header.Get("User-Agent") == "" {
		t.Errorf("log host recorded %+v", reqs)
	}
	if n := len(recordedTo(srv, loc.Path)); n != 0 {
		t.Errorf("the API host recorded the log download %d times", n)
	}

	tampered := *loc
	tampered.RawQuery = "sig=forged"
	if r, err := http.Get(tampered.String()); err != nil || r.StatusCode != http.StatusForbidden {
		t.Errorf("a forged signature: %v %v, want 403", r, err)
	} else {
		r.Body.Close()
	}
	expired := runs.failed.Jobs[2]
	resp, body := get(t, srv, fmt.Sprintf("repos/octo/hello/actions/jobs/%d/logs", expired.ID))
	if resp.StatusCode != http.StatusGone || !strings.Contains(string(body), "download-job-logs") {
		t.Errorf("an expired log: %d %s, want 410", resp.StatusCode, body)
	}
	if resp, _ := get(t, srv, "repos/octo/hello/actions/jobs/5/logs"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("an unknown job's log: %d, want 404", resp.StatusCode)
	}
	srv.ResetRequests()
	if n := len(srv.LogRequests()); n != 0 {
		t.Errorf("ResetRequests left %d log requests", n)
	}

	// Close closes the log host too.
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	if conn, err := net.DialTimeout("tcp", loc.Host, time.Second); err == nil {
		conn.Close()
		t.Errorf("the log host still accepts connections after Close")
	}
}

func TestAddRunGivesStableIDs(t *testing.T) {
	a, runsA := actionsDataset()
	b, runsB := actionsDataset()
	if runsA.failed.ID == 0 || runsA.failed.ID != runsB.failed.ID || runsA.failed.Jobs[1].ID != runsB.failed.Jobs[1].ID {
		t.Errorf("ids differ between two builds: %d/%d, %d/%d", runsA.failed.ID, runsB.failed.ID, runsA.failed.Jobs[1].ID, runsB.failed.Jobs[1].ID)
	}
	seen := map[int64]bool{}
	for _, run := range a.Repo("octo/hello").Runs {
		for _, id := range append([]int64{run.ID}, jobIDsOf(run)...) {
			if seen[id] {
				t.Errorf("id %d twice", id)
			}
			seen[id] = true
		}
	}
	// A run put in the Dataset without AddRun is served under the id AddRun would give.
	repo := b.Repo("octo/hello")
	want := repo.Runs[1].ID
	repo.Runs[1].ID, repo.Runs[1].Jobs[0].ID = 0, 0
	srv := startFakeFor(t, b, fake.FakeOptions{})
	resp, body := get(t, srv, fmt.Sprintf("repos/octo/hello/actions/runs/%d/jobs", want))
	if resp.StatusCode != http.StatusOK || decode[gogithub.Jobs](t, body).Jobs[0].GetID() != runsA.failed.Jobs[0].ID {
		t.Errorf("run without ids: %d %s", resp.StatusCode, body)
	}
	if repo.Runs[1].ID != 0 {
		t.Errorf("the server wrote an id into the Dataset")
	}
}

func jobIDsOf(run *fake.FakeRun) []int64 {
	var out []int64
	for _, j := range run.Jobs {
		out = append(out, j.ID)
	}
	return out
}
