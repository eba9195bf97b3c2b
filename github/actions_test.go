package github_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prscope/prscope/github/fake"

	"github.com/prscope/prscope/github"
	"github.com/prscope/prscope/model"
)

func TestClientWorkflowRuns(t *testing.T) {
	ds, runs := actionsDataset()
	srv := startFakeFor(t, ds, fake.FakeOptions{})
	c := clientFor(t, srv.URL, "")
	ctx := context.Background()

	got, page, err := c.WorkflowRuns(ctx, octoHello, model.RunFilter{Branch: "topic-1"}, 1, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != runs.failed.ID || got[1].ID != runs.passed.ID || page.Next != 0 || page.Total != 2 {
		t.Fatalf("runs of topic-1: %+v, page %+v", got, page)
	}
	failed := got[0]
	if failed.Workflow != "bpf-ci" || failed.HeadSHA != runSHA2 || failed.HeadBranch != "topic-1" || failed.Attempt != 2 ||
		failed.Event != "pull_request" || failed.Status != "completed" || failed.Conclusion != "failure" || !failed.Completed() ||
		failed.HeadRepo != "octo/hello" || !slices.Equal(failed.PullRequests, []int{1}) || !failed.CreatedAt.Equal(at(20)) ||
		!failed.UpdatedAt.Equal(at(22)) || !strings.HasPrefix(failed.HTMLURL, "https://github.com/octo/hello/actions/runs/") {
		t.Errorf("failed run = %+v", failed)
	}
	// Pages, with total_count exact from page 1.
	got, page, err = c.WorkflowRuns(ctx, octoHello, model.RunFilter{Branch: "main"}, 1, 2)
	if err != nil || len(got) != 2 || page.Next != 2 || page.Last != 3 || page.Total != 5 {
		t.Fatalf("main page 1: %d runs, %+v, %v", len(got), page, err)
	}
	all, err := github.AllPages("runs", 10, model.WorkflowRunKey, func(p int) ([]model.WorkflowRun, model.Page, error) {
		return c.WorkflowRuns(ctx, octoHello, model.RunFilter{Branch: "main"}, p, 2)
	})
	if err != nil || len(all) != 5 || all[0].ID != runs.main[4].ID || all[4].ID != runs.main[0].ID {
		t.Errorf("all of main: %d runs, %v", len(all), err)
	}
	if q := recordedTo(srv, "/repos/octo/hello/actions/runs")[0].Query; q.Get("branch") != "topic-1" || q.Get("per_page") != "100" {
		t.Errorf("query %v", q)
	}
}

// A GitHub Enterprise server without Actions answers 404 for runs: no
// runs, no error.
func TestClientWorkflowRunsNotFoundIsEmpty(t *testing.T) {
	ds, _ := actionsDataset()
	srv := startFakeFor(t, ds, fake.FakeOptions{})
	srv.SetFaults(fake.FaultPath("/actions/runs", fake.FaultNotFound()))
	c := clientFor(t, srv.URL, "")
	got, page, err := c.WorkflowRuns(context.Background(), octoHello, model.RunFilter{Branch: "topic-1"}, 1, 100)
	if err != nil || len(got) != 0 || page != (model.Page{}) {
		t.Errorf("404: %v %+v %v; want nothing and no error", got, page, err)
	}
	// Other failures are errors as usual.
	srv.SetFaults(fake.FaultPath("/actions/runs", fake.FaultNoAccess()))
	_, _, err = c.WorkflowRuns(context.Background(), octoHello, model.RunFilter{Branch: "topic-1"}, 1, 100)
	asAPIError(t, err, http.StatusForbidden)
}

func TestClientRunJobs(t *testing.T) {
	ds, runs := actionsDataset()
	srv := startFakeFor(t, ds, fake.FakeOptions{})
	c := clientFor(t, srv.URL, "")
	ctx := context.Background()
	jobs, page, err := c.RunJobs(ctx, octoHello, runs.failed.ID, 1, 2)
	if err != nil || len(jobs) != 2 || page.Next != 2 || page.Total != 4 {
		t.Fatalf("page 1: %+v %+v %v", jobs, page, err)
	}
	if q := recordedTo(srv, fmt.Sprintf("/repos/octo/hello/actions/runs/%d/jobs", runs.failed.ID))[0].Query; q.Get("filter") != "all" {
		t.Errorf("query %v, want filter=all (every attempt's jobs)", q)
	}
	all, err := github.FetchRunJobs(ctx, c, octoHello, runs.failed.ID)
	if err != nil || len(all) != 4 {
		t.Fatalf("FetchRunJobs: %d jobs, %v", len(all), err)
	}
	if all[0].Attempt != 2 || all[3].Attempt != 1 || all[3].Conclusion != "failure" {
		t.Errorf("attempts %d and %d, want the re-run's 2 and the first build's 1", all[0].Attempt, all[3].Attempt)
	}
	test, build := all[0], all[1]
	if test.ID != runs.failed.Jobs[0].ID || test.RunID != runs.failed.ID || test.Name != "x86_64 gcc test (test_progs)" ||
		test.Conclusion != "failure" || test.FailedStep != "Run test_progs" || test.StartedAt == nil || !test.StartedAt.Equal(at(20)) ||
		test.CompletedAt == nil || !test.CompletedAt.Equal(at(21)) || !strings.Contains(test.HTMLURL, "/job/") {
		t.Errorf("test job = %+v", test)
	}
	if build.FailedStep != "" || build.Conclusion != "success" {
		t.Errorf("a passing job names no failed step: %+v", build)
	}
	queued, err := github.FetchRunJobs(ctx, c, octoHello, runs.running.ID)
	if err != nil || len(queued) != 2 || queued[1].Status != "queued" || queued[1].CompletedAt != nil || queued[1].Conclusion != "" {
		t.Errorf("running run's jobs: %+v %v", queued, err)
	}
	_, _, err = c.RunJobs(ctx, octoHello, 99, 1, 100)
	asAPIError(t, err, http.StatusNotFound)
}

func TestClientJobAnnotations(t *testing.T) {
	ds, runs := actionsDataset()
	srv := startFakeFor(t, ds, fake.FakeOptions{})
	c := clientFor(t, srv.URL, "")
	ctx := context.Background()
	job := runs.failed.Jobs[0]
	page1, info, err := c.JobAnnotations(ctx, octoHello, job.ID, 1, 2)
	if err != nil || len(page1) != 2 || info.Next != 2 {
		t.Fatalf("page 1: %+v %+v %v", page1, info, err)
	}
	all, err := github.FetchJobAnnotations(ctx, c, octoHello, job.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []model.Annotation{
		{Path: ".github", Line: 1, Level: "failure", Title: "test_progs", Message: "#32 btf_dump"},
		{Path: ".github", Line: 1, Level: "failure", Message: "#32/14 btf_dump/btf_dump: struct_data"},
		{Path: "tools/testing/selftests/bpf/Makefile", Line: 12, Level: "warning", Message: "slow"},
	}
	if !slices.Equal(all, want) {
		t.Errorf("annotations %+v\nwant %+v", all, want)
	}
}

// Every page loop stops on a page that repeats: the jobs' and annotations' too.
func TestFetchActionsStopOnLoopingPages(t *testing.T) {
	ds, runs := actionsDataset()
	srv := startFakeFor(t, ds, fake.FakeOptions{})
	srv.SetFaults(func(r *http.Request) *fake.Fault {
		if strings.HasSuffix(r.URL.Path, "/jobs") || strings.HasSuffix(r.URL.Path, "/annotations") {
			return &fake.Fault{LinkLoop: fake.LinkLoopIncreasing, RepeatItems: true}
		}
		return nil
	})
	c := clientFor(t, srv.URL, "")
	jobs, err := github.FetchRunJobs(context.Background(), c, octoHello, runs.failed.ID)
	if github.Truncated(err) == "" || len(jobs) != 4 {
		t.Errorf("looping jobs: %d jobs, %v; want the 4 and why it stopped", len(jobs), err)
	}
	notes, err := github.FetchJobAnnotations(context.Background(), c, octoHello, runs.failed.Jobs[0].ID)
	if github.Truncated(err) == "" || len(notes) != 3 {
		t.Errorf("looping annotations: %d, %v", len(notes), err)
	}
}

func TestClientActionsAreSanitized(t *testing.T) {
	ds, runs := actionsDataset()
	runs.failed.Workflow = "bpf\x1b[2J-ci"
	runs.failed.HeadBranch = "topic-1"
	runs.failed.Jobs[0].Name = "test\x1b]52;c;ZXZpbA==\x07 job"
	runs.failed.Jobs[0].FailedStep = "Run\x1b[31m tests"
	runs.failed.Jobs[0].Annotations[0].Message = "line one\n\x1b[1mline two"
	srv := startFakeFor(t, ds, fake.FakeOptions{})
	c := clientFor(t, srv.URL, "")
	ctx := context.Background()
	got, _, err := c.WorkflowRuns(ctx, octoHello, model.RunFilter{Branch: "topic-1"}, 1, 100)
	if err != nil || got[0].Workflow != "bpf-ci" {
		t.Fatalf("run name %q, %v", got[0].Workflow, err)
	}
	jobs, _, err := c.RunJobs(ctx, octoHello, runs.failed.ID, 1, 100)
	if err != nil || jobs[0].Name != "test job" || jobs[0].FailedStep != "Run tests" {
		t.Errorf("job %q step %q, %v", jobs[0].Name, jobs[0].FailedStep, err)
	}
	notes, _, err := c.JobAnnotations(ctx, octoHello, runs.failed.Jobs[0].ID, 1, 100)
	if err != nil || notes[0].Message != "line one\nline two" {
		t.Errorf("annotation %q, %v", notes[0].Message, err)
	}
}

func TestClientJobLog(t *testing.T) {
	ds, runs := actionsDataset()
	srv := startFakeFor(t, ds, fake.FakeOptions{})
	c := tokenClient(t, srv.URL, nil, github.Options{})
	sum, err := c.JobLog(context.Background(), octoHello, runs.failed.Jobs[0].ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(sum.FailedTests, []string{"btf_dump/btf_dump: struct_data"}) || sum.Summary != "534/3887 PASSED, 68 SKIPPED, 1 FAILED" ||
		sum.Passed != 534 || sum.Total != 3887 || sum.Failed != 1 || sum.Lines != 8 || sum.Truncated {
		t.Errorf("summary = %+v", sum)
	}
	if !slices.Equal(sum.Errors, []string{"#32 btf_dump", "#32/14 btf_dump/btf_dump: struct_data"}) {
		t.Errorf("errors %q", sum.Errors)
	}
	// The token went to the API, and nowhere else.
	api := recordedTo(srv, fmt.Sprintf("/repos/octo/hello/actions/jobs/%d/logs", runs.failed.Jobs[0].ID))
	if len(api) != 1 || api[0].Header.Get("Authorization") != "Bearer "+testToken {
		t.Errorf("the API got %d log requests, Authorization %q", len(api), api[0].Header.Get("Authorization"))
	}
	logs := srv.LogRequests()
	if len(logs) != 1 || logs[0].Status != http.StatusOK {
		t.Fatalf("the log host got %+v", logs)
	}
	if _, sent := logs[0].Header["Authorization"]; sent || authorized(logs) != 0 {
		t.Errorf("the log host got an Authorization header: %v", logs[0].Header)
	}
}

func TestClientJobLogExpired(t *testing.T) {
	ds, runs := actionsDataset()
	srv := startFakeFor(t, ds, fake.FakeOptions{})
	c := tokenClient(t, srv.URL, nil, github.Options{})
	_, err := c.JobLog(context.Background(), octoHello, runs.failed.Jobs[2].ID, 0)
	var expired *github.LogExpiredError
	if !errors.Is(err, github.ErrLogExpired) || !errors.As(err, &expired) {
		t.Fatalf("err = %v (%T), want a *LogExpiredError", err, err)
	}
	checkMessage(t, err.Error(), []string{"expired", "limited time", fmt.Sprintf("octo/hello job %d log", runs.failed.Jobs[2].ID)}, nil)
	if n := len(srv.LogRequests()); n != 0 {
		t.Errorf("an expired log was still downloaded %d times", n)
	}
	// Other failures of the first request are the client's usual errors.
	_, err = c.JobLog(context.Background(), octoHello, 42, 0)
	if e := asAPIError(t, err, http.StatusNotFound); errors.Is(err, github.ErrLogExpired) || e.Hint == "" {
		t.Errorf("unknown job: %v", err)
	}
}

// bigLog is testProgsLog followed by n filler lines.
func bigLog(n int) string {
	return testProgsLog + strings.Repeat("2024-05-16T17:23:07.0000000Z cleanup: nothing to see here\n", n)
}

func TestClientJobLogMaxBytes(t *testing.T) {
	ds, runs := actionsDataset()
	job := &runs.failed.Jobs[0]
	job.Log = bigLog(100000) // 5.8 MB, which gzip makes small: the limit counts what it inflates to
	srv := startFakeFor(t, ds, fake.FakeOptions{})
	c := tokenClient(t, srv.URL, nil, github.Options{})
	ctx := context.Background()

	sum, err := c.JobLog(ctx, octoHello, job.ID, int64(len(testProgsLog)+10))
	if err != nil {
		t.Fatal(err)
	}
	// The filler line cut at 10 bytes is left out.
	if !sum.Truncated || sum.Lines != 8 || !slices.Equal(sum.FailedTests, []string{"btf_dump/btf_dump: struct_data"}) {
		t.Errorf("cut after the failures: %+v", sum)
	}
	if got := srv.LogRequests()[0].Header.Get("Accept-Encoding"); !strings.Contains(got, "gzip") {
		t.Errorf("Accept-Encoding %q: the log was not sent compressed, so the test shows nothing about inflating", got)
	}
	// Cut inside the last ##[error] line: half a line is not read.
	sum, err = c.JobLog(ctx, octoHello, job.ID, int64(len(testProgsLog)-20))
	if err != nil || !sum.Truncated || sum.Lines != 7 || !slices.Equal(sum.FailedTests, []string{"btf_dump"}) {
		t.Errorf("cut mid-line: %+v %v", sum, err)
	}
	// A limit the log just fits in cuts nothing.
	sum, err = c.JobLog(ctx, octoHello, job.ID, int64(len(job.Log)))
	if err != nil || sum.Truncated || sum.Lines != 100008 {
		t.Errorf("exactly the log's size: truncated %v, %d lines, %v", sum.Truncated, sum.Lines, err)
	}
}

func TestClientJobLogLongLine(t *testing.T) {
	ds, runs := actionsDataset()
	job := &runs.failed.Jobs[0]
	job.Log = "2024-05-16T17:20:00.0000000Z " + strings.Repeat("x", 1<<20) + "\n" + testProgsLog + strings.Repeat("y", 1<<20)
	srv := startFakeFor(t, ds, fake.FakeOptions{})
	c := tokenClient(t, srv.URL, nil, github.Options{})
	sum, err := c.JobLog(context.Background(), octoHello, job.ID, 0)
	if err != nil {
		t.Fatalf("a 1 MB line: %v", err)
	}
	if sum.Lines != 10 || sum.Truncated || !slices.Equal(sum.FailedTests, []string{"btf_dump/btf_dump: struct_data"}) {
		t.Errorf("summary = %+v", sum)
	}
}

// The download client is not the API client: even a log on the API's own
// host gets no token.
func TestClientJobLogNeverSendsTheToken(t *testing.T) {
	ds, runs := actionsDataset()
	srv := startFakeFor(t, ds, fake.FakeOptions{})
	srv.SetFaults(fake.FaultPath("/logs", fake.FaultRedirect(http.StatusFound, srv.URL+"repos/octo/hello/pulls/1")))
	c := tokenClient(t, srv.URL, nil, github.Options{})
	if _, err := c.JobLog(context.Background(), octoHello, runs.failed.Jobs[0].ID, 0); err != nil {
		t.Fatal(err)
	}
	got := recordedTo(srv, "/repos/octo/hello/pulls/1")
	if len(got) != 1 || authorized(got) != 0 {
		t.Errorf("the download on the API's host: %d requests, %d with Authorization", len(got), authorized(got))
	}
}

// hopRecorder is a storage host that redirects once more, to the fake's
// log host, and remembers the headers it got.
type hopRecorder struct {
	mu      sync.Mutex
	headers []http.Header
	to      string
}

func (h *hopRecorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	h.headers = append(h.headers, r.Header.Clone())
	h.mu.Unlock()
	http.Redirect(w, r, h.to, http.StatusTemporaryRedirect)
}

func TestClientJobLogFollowsStorageRedirectsWithoutToken(t *testing.T) {
	ds, runs := actionsDataset()
	srv := startFakeFor(t, ds, fake.FakeOptions{})
	job := runs.failed.Jobs[0]
	// Where the fake would send the log: ask it, without following.
	resp, err := noFollow.Get(srv.URL + fmt.Sprintf("repos/octo/hello/actions/jobs/%d/logs", job.ID))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	hop := &hopRecorder{to: resp.Header.Get("Location")}
	storage := httptest.NewServer(hop)
	t.Cleanup(storage.Close)
	srv.SetFaults(fake.FaultPath("/logs", fake.FaultRedirect(http.StatusFound, storage.URL+"/blob?sig=1")))
	c := tokenClient(t, srv.URL, nil, github.Options{})
	sum, err := c.JobLog(context.Background(), octoHello, job.ID, 0)
	if err != nil || len(sum.FailedTests) != 1 {
		t.Fatalf("through two storage hops: %+v %v", sum, err)
	}
	hop.mu.Lock()
	defer hop.mu.Unlock()
	logs := srv.LogRequests()
	if len(hop.headers) != 1 || hop.headers[0].Get("Authorization") != "" || len(logs) != 1 || authorized(logs) != 0 {
		t.Errorf("hops: %v; log host: %+v", hop.headers, logs)
	}
}

func TestClientJobLogRefusesPlainHTTPOffLoopback(t *testing.T) {
	ds, runs := actionsDataset()
	srv := startFakeFor(t, ds, fake.FakeOptions{})
	srv.SetFaults(fake.FaultPath("/logs", fake.FaultRedirect(http.StatusFound, "http://logs.example.invalid/blob?sig=secret")))
	c, guard := faultClient(t, srv.URL, testToken, 5*time.Second) // fails the test on any host but 127.0.0.1
	_, err := c.JobLog(context.Background(), octoHello, runs.failed.Jobs[0].ID, 0)
	if err == nil {
		t.Fatal("a log over plain http to another host was fetched")
	}
	checkMessage(t, err.Error(), []string{"plain http", "not followed"}, []string{"sig=secret"})
	for _, h := range guard.hosts {
		if !strings.HasPrefix(h, "127.0.0.1") {
			t.Errorf("a request went to %s", h)
		}
	}
	// Nor anything that is no http(s) URL.
	srv.SetFaults(fake.FaultPath("/logs", fake.FaultRedirect(http.StatusFound, "file:///etc/passwd")))
	if _, err := c.JobLog(context.Background(), octoHello, runs.failed.Jobs[0].ID, 0); err == nil {
		t.Error("a file: log address was accepted")
	}
}

// go-github asks for the log's address with the bare transport, outside
// http.Client's Timeout: the client's timeout must still bound it.
func TestClientJobLogTimesOut(t *testing.T) {
	ds, runs := actionsDataset()
	srv := startFakeFor(t, ds, fake.FakeOptions{})
	srv.SetFaults(fake.FaultPath("/logs", &fake.Fault{Hang: true}))
	c := tokenClient(t, srv.URL, nil, github.Options{Timeout: 200 * time.Millisecond})
	start := time.Now()
	_, err := c.JobLog(context.Background(), octoHello, runs.failed.Jobs[0].ID, 0)
	if e := asAPIError(t, err, 0); !e.TimedOut || !strings.Contains(e.Message, "after") {
		t.Errorf("err = %v, want a timeout after the client's 200ms", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
}
