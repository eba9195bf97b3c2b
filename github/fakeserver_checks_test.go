package github_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/github/fake"
)

const (
	checksSHA   = "c0ffee0000000000000000000000000000000001"
	noChecksSHA = "c0ffee0000000000000000000000000000000002"
)

// checksDataset is testDataset with CI on two commits: PR 2's head has 45
// check runs and three statuses (two of one context), PR 3's head none.
func checksDataset() *fake.Dataset {
	ds := testDataset()
	repo := ds.Repo("octo/hello")
	repo.Pull(2).HeadSHA = checksSHA
	repo.Pull(3).HeadSHA = noChecksSHA
	c := &fake.FakeChecks{}
	for i := range 45 {
		r := fake.FakeCheckRun{Name: fmt.Sprintf("job-%02d", i), App: "GitHub Actions", Status: "completed", Conclusion: "success",
			StartedAt: timePtr(at(i)), CompletedAt: timePtr(at(i).Add(90 * time.Second)), Title: "ok"}
		switch i {
		case 3:
			r.Conclusion = "failure"
		case 4:
			r.Status, r.Conclusion, r.CompletedAt = "in_progress", "", nil
		}
		c.Runs = append(c.Runs, r)
	}
	c.Statuses = []fake.FakeStatus{
		{Context: "ci/jenkins", State: "failure", Description: "broke", CreatedAt: at(1)},
		{Context: "ci/jenkins", State: "success", Description: "fixed", TargetURL: "https://jenkins.example/2", CreatedAt: at(2)},
		{Context: "lint", State: "pending", CreatedAt: at(3)},
	}
	repo.SetChecks(checksSHA, c)
	return ds
}

type checkRunsPage struct {
	TotalCount int `json:"total_count"`
	CheckRuns  []struct {
		ID          int64   `json:"id"`
		HeadSHA     string  `json:"head_sha"`
		NodeID      string  `json:"node_id"`
		HTMLURL     string  `json:"html_url"`
		DetailsURL  string  `json:"details_url"`
		Status      string  `json:"status"`
		Conclusion  *string `json:"conclusion"`
		StartedAt   *string `json:"started_at"`
		CompletedAt *string `json:"completed_at"`
		Name        string  `json:"name"`
		Output      struct {
			Title *string `json:"title"`
		} `json:"output"`
		CheckSuite struct {
			ID int64 `json:"id"`
		} `json:"check_suite"`
		App struct {
			ID   int64  `json:"id"`
			Slug string `json:"slug"`
			Name string `json:"name"`
		} `json:"app"`
		PullRequests []struct {
			Number int `json:"number"`
			Head   struct {
				SHA string `json:"sha"`
			} `json:"head"`
		} `json:"pull_requests"`
	} `json:"check_runs"`
}

func TestCheckRunsShapeAndPaging(t *testing.T) {
	srv, err := fake.NewFakeServer(checksDataset(), fake.FakeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	path := "repos/octo/hello/commits/" + checksSHA + "/check-runs"

	resp, body := get(t, srv, path+"?per_page=20&page=1")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	for _, key := range []string{`"total_count":45`, `"check_runs":[`, `"external_id":""`, `"annotations_count":0`, `"check_suite":{"id":`} {
		if !strings.Contains(string(body), key) {
			t.Errorf("body lacks %s", key)
		}
	}
	page := decode[checkRunsPage](t, body)
	if page.TotalCount != 45 || len(page.CheckRuns) != 20 {
		t.Fatalf("page 1: total %d, %d runs; want 45 and 20", page.TotalCount, len(page.CheckRuns))
	}
	first := page.CheckRuns[0]
	if first.Name != "job-00" || first.HeadSHA != checksSHA || first.Status != "completed" || first.Conclusion == nil || *first.Conclusion != "success" ||
		first.StartedAt == nil || *first.StartedAt != "2023-05-01T09:00:00Z" || first.CompletedAt == nil || *first.CompletedAt != "2023-05-01T09:01:30Z" ||
		first.App.Name != "GitHub Actions" || first.App.Slug != "github-actions" || first.ID == 0 || !strings.HasPrefix(first.NodeID, "CR_") ||
		first.Output.Title == nil || *first.Output.Title != "ok" || !strings.HasPrefix(first.HTMLURL, "https://github.com/octo/hello/runs/") {
		t.Errorf("first run = %+v", first)
	}
	if len(first.PullRequests) != 1 || first.PullRequests[0].Number != 2 || first.PullRequests[0].Head.SHA != checksSHA {
		t.Errorf("pull_requests = %+v, want PR 2 whose head this is", first.PullRequests)
	}
	running := page.CheckRuns[4]
	if running.Status != "in_progress" || running.Conclusion != nil || running.CompletedAt != nil {
		t.Errorf("a running run has null conclusion and completed_at: %+v", running)
	}
	l := links(t, resp.Header.Get("Link"))
	if l["next"] == nil || l["next"].Query().Get("page") != "2" || l["last"] == nil || l["last"].Query().Get("page") != "3" ||
		l["next"].Query().Get("per_page") != "20" {
		t.Fatalf("Link %q: want next=2 and last=3 keeping per_page", resp.Header.Get("Link"))
	}

	resp, body = get(t, srv, path+"?per_page=20&page=3")
	page = decode[checkRunsPage](t, body)
	if len(page.CheckRuns) != 5 || page.CheckRuns[0].Name != "job-40" || page.TotalCount != 45 {
		t.Errorf("page 3: %d runs from %q, total %d; want 5 from job-40, 45", len(page.CheckRuns), page.CheckRuns[0].Name, page.TotalCount)
	}
	if l := links(t, resp.Header.Get("Link")); l["next"] != nil || l["prev"] == nil || l["first"] == nil {
		t.Errorf("last page Link %q", resp.Header.Get("Link"))
	}

	// Unchanged data answers 304 to a conditional request, for free.
	etag := resp.Header.Get("ETag")
	resp, body = get(t, srv, path+"?per_page=20&page=3", "If-None-Match", etag)
	if resp.StatusCode != http.StatusNotModified || len(body) != 0 {
		t.Errorf("conditional GET: %d with %d bytes, want 304 and none", resp.StatusCode, len(body))
	}
}

func TestCheckRunsForCommitsWithoutChecks(t *testing.T) {
	srv, err := fake.NewFakeServer(checksDataset(), fake.FakeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	// A PR head without checks, and a stored commit: an empty list.
	for _, sha := range []string{noChecksSHA, strings.Repeat("a", 40)} {
		resp, body := get(t, srv, "repos/octo/hello/commits/"+sha+"/check-runs")
		if resp.StatusCode != http.StatusOK || string(body) != `{"total_count":0,"check_runs":[]}` {
			t.Errorf("%s: %d %s", sha, resp.StatusCode, body)
		}
		resp, body = get(t, srv, "repos/octo/hello/commits/"+sha+"/status")
		st := decode[combined](t, body)
		if resp.StatusCode != http.StatusOK || st.State != "pending" || st.TotalCount != 0 || st.Statuses == nil || len(st.Statuses) != 0 {
			t.Errorf("%s status: %d %s", sha, resp.StatusCode, body)
		}
	}
	// A SHA the repository does not have: 422 and 404, as GitHub answers.
	unknown := strings.Repeat("9", 40)
	if resp, body := get(t, srv, "repos/octo/hello/commits/"+unknown+"/check-runs"); resp.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(string(body), "No commit found for SHA") {
		t.Errorf("unknown SHA check-runs: %d %s", resp.StatusCode, body)
	}
	if resp, _ := get(t, srv, "repos/octo/hello/commits/"+unknown+"/status"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown SHA status: %d, want 404", resp.StatusCode)
	}
	if resp, _ := get(t, srv, "repos/octo/hello/commits/"+checksSHA+"/statuses-typo"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown endpoint: %d, want 404", resp.StatusCode)
	}
}

type combined struct {
	State    string `json:"state"`
	Statuses []struct {
		ID          int64   `json:"id"`
		NodeID      string  `json:"node_id"`
		State       string  `json:"state"`
		Description *string `json:"description"`
		TargetURL   *string `json:"target_url"`
		Context     string  `json:"context"`
		CreatedAt   string  `json:"created_at"`
		UpdatedAt   string  `json:"updated_at"`
	} `json:"statuses"`
	SHA        string `json:"sha"`
	TotalCount int    `json:"total_count"`
	Repository struct {
		FullName string `json:"full_name"`
	} `json:"repository"`
	CommitURL string `json:"commit_url"`
	URL       string `json:"url"`
}

func TestCombinedStatusShape(t *testing.T) {
	srv, err := fake.NewFakeServer(checksDataset(), fake.FakeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	resp, body := get(t, srv, "repos/octo/hello/commits/"+checksSHA+"/status")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	st := decode[combined](t, body)
	// The newest of each context only: jenkins fixed, lint pending.
	if st.State != "pending" || st.TotalCount != 2 || len(st.Statuses) != 2 || st.SHA != checksSHA || st.Repository.FullName != "octo/hello" ||
		!strings.HasSuffix(st.URL, "/commits/"+checksSHA+"/status") {
		t.Fatalf("combined status = %+v", st)
	}
	lint, jenkins := st.Statuses[0], st.Statuses[1] // newest first
	if lint.Context != "lint" || lint.State != "pending" || lint.Description != nil || lint.TargetURL != nil {
		t.Errorf("lint = %+v", lint)
	}
	if jenkins.Context != "ci/jenkins" || jenkins.State != "success" || jenkins.Description == nil || *jenkins.Description != "fixed" ||
		jenkins.TargetURL == nil || *jenkins.TargetURL != "https://jenkins.example/2" || jenkins.CreatedAt != "2023-05-01T11:00:00Z" || jenkins.ID == 0 {
		t.Errorf("jenkins = %+v", jenkins)
	}
	resp, body = get(t, srv, "repos/octo/hello/commits/"+checksSHA+"/status?per_page=1&page=2")
	st = decode[combined](t, body)
	if len(st.Statuses) != 1 || st.Statuses[0].Context != "ci/jenkins" || st.TotalCount != 2 || links(t, resp.Header.Get("Link"))["prev"] == nil {
		t.Errorf("page 2 of 1: %+v, Link %q", st, resp.Header.Get("Link"))
	}
	etag := resp.Header.Get("ETag")
	if resp, _ := get(t, srv, "repos/octo/hello/commits/"+checksSHA+"/status?per_page=1&page=2", "If-None-Match", etag); resp.StatusCode != http.StatusNotModified {
		t.Errorf("conditional GET: %d, want 304", resp.StatusCode)
	}
}

func TestPullsServeTheirHeadSHA(t *testing.T) {
	srv, err := fake.NewFakeServer(checksDataset(), fake.FakeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	_, body := get(t, srv, "repos/octo/hello/pulls/2")
	if !strings.Contains(string(body), `"sha":"`+checksSHA+`"`) || !strings.Contains(string(body), "/statuses/"+checksSHA) {
		t.Errorf("PR 2 does not serve its head SHA %s", checksSHA)
	}
}

func TestCheckRunsLinkLoopFault(t *testing.T) {
	srv, err := fake.NewFakeServer(checksDataset(), fake.FakeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	srv.SetFaults(fake.FaultPath("/check-runs", &fake.Fault{LinkLoop: fake.LinkLoopSame}))
	resp, _ := get(t, srv, "repos/octo/hello/commits/"+checksSHA+"/check-runs?per_page=100")
	if next := links(t, resp.Header.Get("Link"))["next"]; next == nil || next.Query().Get("page") != "1" {
		t.Errorf("LinkLoopSame on check runs: Link %q, want next=1", resp.Header.Get("Link"))
	}
}
