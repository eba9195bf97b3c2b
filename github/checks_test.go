package github_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/github/fake"

	"github.com/prscope/prscope/github"
	"github.com/prscope/prscope/model"
)

var octoHello = model.Repo{Owner: "octo", Name: "hello"}

func checksClient(t *testing.T) (*github.Client, *fake.FakeServer) {
	t.Helper()
	srv := startFakeFor(t, checksDataset(), fake.FakeOptions{})
	return clientFor(t, srv.URL, ""), srv
}

func TestClientHeadSHAFromListAndDetail(t *testing.T) {
	c, _ := checksClient(t)
	ctx := context.Background()
	prs, _, err := c.ListPulls(ctx, octoHello, "all", 1, 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range prs {
		if len(p.HeadSHA) != 40 {
			t.Errorf("listed #%d has head SHA %q", p.Number, p.HeadSHA)
		}
		if p.Number == 2 && p.HeadSHA != checksSHA {
			t.Errorf("listed #2 head %q, want %s", p.HeadSHA, checksSHA)
		}
	}
	p, err := c.GetPull(ctx, octoHello, 2)
	if err != nil || p.HeadSHA != checksSHA {
		t.Errorf("GetPull(2) head %q (%v), want %s", p.HeadSHA, err, checksSHA)
	}
}

func TestClientCheckRuns(t *testing.T) {
	c, _ := checksClient(t)
	ctx := context.Background()
	runs, page, err := c.CheckRuns(ctx, octoHello, checksSHA, 1, 20)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 20 || page.Next != 2 || page.Last != 3 {
		t.Fatalf("page 1: %d runs, next %d, last %d; want 20, 2, 3", len(runs), page.Next, page.Last)
	}
	r := runs[0]
	wantStart, wantEnd := at(0), at(0).Add(90*time.Second)
	if r.Name != "job-00" || r.App != "GitHub Actions" || r.Status != "completed" || r.Conclusion != "success" || r.Summary != "ok" ||
		r.StartedAt == nil || !r.StartedAt.Equal(wantStart) || r.CompletedAt == nil || !r.CompletedAt.Equal(wantEnd) ||
		r.ID == 0 || !strings.Contains(r.HTMLURL, "/runs/") || r.DetailsURL == "" {
		t.Errorf("run 0 = %+v", r)
	}
	if r := runs[4]; r.Status != "in_progress" || r.Conclusion != "" || r.CompletedAt != nil {
		t.Errorf("running run = %+v", r)
	}
	last, page, err := c.CheckRuns(ctx, octoHello, checksSHA, 3, 20)
	if err != nil || len(last) != 5 || page.Next != 0 || page.Total != 45 {
		t.Errorf("page 3: %d runs, %+v, %v; want 5, no next, total 45", len(last), page, err)
	}
}

func TestClientCombinedStatus(t *testing.T) {
	c, _ := checksClient(t)
	st, err := c.CombinedStatus(context.Background(), octoHello, checksSHA)
	if err != nil {
		t.Fatal(err)
	}
	if len(st) != 2 || st[0].Context != "lint" || st[0].State != "pending" || st[1].Context != "ci/jenkins" ||
		st[1].State != "success" || st[1].Description != "fixed" || st[1].TargetURL != "https://jenkins.example/2" || !st[1].CreatedAt.Equal(at(2)) {
		t.Errorf("statuses = %+v", st)
	}
}

// A commit GitHub has no checks for (or does not have) is no checks, not
// an error: the detail says "no checks" rather than raising a banner.
func TestClientNoChecksIsNotAnError(t *testing.T) {
	c, srv := checksClient(t)
	ctx := context.Background()
	for _, sha := range []string{noChecksSHA, strings.Repeat("9", 40)} {
		runs, _, err := c.CheckRuns(ctx, octoHello, sha, 1, 100)
		if err != nil || len(runs) != 0 {
			t.Errorf("CheckRuns(%s) = %d runs, %v; want none, no error", sha[:7], len(runs), err)
		}
		st, err := c.CombinedStatus(ctx, octoHello, sha)
		if err != nil || len(st) != 0 {
			t.Errorf("CombinedStatus(%s) = %d, %v; want none, no error", sha[:7], len(st), err)
		}
	}
	// The unknown SHA really was answered 422 and 404.
	statuses := map[string]int{}
	for _, r := range srv.Requests() {
		if strings.Contains(r.Path, strings.Repeat("9", 40)) {
			statuses[r.Path[strings.LastIndex(r.Path, "/")+1:]] = r.Status
		}
	}
	if statuses["check-runs"] != http.StatusUnprocessableEntity || statuses["status"] != http.StatusNotFound {
		t.Errorf("answers for the unknown SHA: %v", statuses)
	}
	// Other failures are errors.
	srv.SetFaults(fake.FaultPath("/check-runs", fake.FaultServerError(http.StatusInternalServerError)))
	_, _, err := c.CheckRuns(ctx, octoHello, checksSHA, 1, 100)
	if e := asAPIError(t, err, http.StatusInternalServerError); !strings.Contains(e.Error(), "octo/hello@c0ffee0 checks") {
		t.Errorf("error %q does not say what it was about", e)
	}
	srv.SetFaults(fake.FaultPath("/status", fake.FaultNoAccess()))
	_, err = c.CombinedStatus(ctx, octoHello, checksSHA)
	asAPIError(t, err, http.StatusForbidden)
}

func TestFetchChecksPagesThroughEverything(t *testing.T) {
	c, srv := checksClient(t)
	runs, statuses, err := github.FetchChecks(context.Background(), c, octoHello, checksSHA, github.MaxCheckRunPages)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 45 || len(statuses) != 2 {
		t.Fatalf("%d runs and %d statuses, want 45 and 2", len(runs), len(statuses))
	}
	got := model.SummarizeChecks(runs, statuses)
	if s := got.Summary(); s != "44 passed · 1 failed · 2 running" {
		t.Errorf("summary %q", s)
	}
	if n := len(recordedTo(srv, "/repos/octo/hello/commits/"+checksSHA+"/check-runs")); n != 1 {
		t.Errorf("%d check-run requests for 45 runs at 100 a page, want 1", n)
	}

	// A Link header that never ends stops with an error.
	srv.SetFaults(fake.FaultPath("/check-runs", &fake.Fault{LinkLoop: fake.LinkLoopIncreasing}))
	if _, _, err := github.FetchChecks(context.Background(), c, octoHello, checksSHA, 3); err == nil || !strings.Contains(err.Error(), "pagination") {
		t.Errorf("endless pages: err %v", err)
	}
}

func TestFetchChecksSanitizes(t *testing.T) {
	ds := checksDataset()
	ds.Repo("octo/hello").SetChecks(checksSHA, &fake.FakeChecks{
		Runs:     []fake.FakeCheckRun{{Name: "evil\x1b[2J", App: "app\x1b]0;title\x07", Status: "completed", Conclusion: "failure", Title: "t\x1b[31m"}},
		Statuses: []fake.FakeStatus{{Context: "ctx\x1b[1m", State: "error", Description: "d\r\x1b[K", TargetURL: "https://x/\x1b[0m", CreatedAt: at(1)}},
	})
	srv := startFakeFor(t, ds, fake.FakeOptions{})
	runs, statuses, err := github.FetchChecks(context.Background(), clientFor(t, srv.URL, ""), octoHello, checksSHA, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{runs[0].Name, runs[0].App, runs[0].Summary, statuses[0].Context, statuses[0].Description, statuses[0].TargetURL} {
		if strings.ContainsAny(s, "\x1b\x07\r") {
			t.Errorf("unsanitized %q", s)
		}
	}
}

// TestFetchChecksKeepsEachWorkflowsSuite: two workflows' same-named jobs
// come with their own check suites, so the summary counts both.
func TestFetchChecksKeepsEachWorkflowsSuite(t *testing.T) {
	ds := checksDataset()
	ds.Repo("octo/hello").SetChecks(checksSHA, &fake.FakeChecks{Runs: []fake.FakeCheckRun{
		{Name: "build", App: "GitHub Actions", Status: "completed", Conclusion: "success", Workflow: "ci"},
		{Name: "build", App: "GitHub Actions", Status: "completed", Conclusion: "failure", Workflow: "release"},
	}})
	srv := startFakeFor(t, ds, fake.FakeOptions{})
	runs, statuses, err := github.FetchChecks(context.Background(), clientFor(t, srv.URL, ""), octoHello, checksSHA, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 2 || runs[0].Suite == 0 || runs[0].Suite == runs[1].Suite {
		t.Fatalf("runs %+v: want two suites", runs)
	}
	if got := model.SummarizeChecks(runs, statuses).Summary(); got != "1 passed · 1 failed" {
		t.Errorf("summary %q", got)
	}
}
