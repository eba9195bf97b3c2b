package github_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/github"
	"github.com/prscope/prscope/github/fake"
	"github.com/prscope/prscope/model"
)

// seriesDataset is one KPD series PR (#5 of octo/bpf): v1 fails a
// selftest in test_progs (its log expired), v2 passes.
func seriesDataset() *fake.Dataset {
	t0 := time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)
	ds := &fake.Dataset{}
	repo := ds.EnsureRepo("octo/bpf")
	pr := &fake.FakePull{Number: 5, Title: "bpf: fix", State: "open", User: "kpd[bot]", Head: "series/5=>bpf-next", Base: "bpf-next",
		Body:      "Pull request for series with\nsubject: bpf: fix\nversion: 1\nurl: https://patchwork.example/?series=5\n",
		CreatedAt: t0, UpdatedAt: t0, HeadSHA: strings.Repeat("b2", 20)}
	progs := "x86_64-gcc / test (test_progs, false, 360) / test_progs on x86_64 with gcc"
	log := "2024-05-01T10:00:00.0000000Z #32/14   btf_dump/btf_dump: struct_data:FAIL\n" +
		"2024-05-01T10:00:00.0000000Z #32      btf_dump:FAIL\n" +
		"2024-05-01T10:00:00.0000000Z Summary: 534/3887 PASSED, 68 SKIPPED, 1 FAILED\n"
	for v := 1; v <= 2; v++ {
		at := t0.Add(time.Duration(v) * 24 * time.Hour)
		pr.Timeline = append(pr.Timeline,
			fake.FakeEvent{Event: "commented", Actor: "kpd[bot]", CreatedAt: at, Body: fmt.Sprintf("Upstream branch: %040x\nseries: https://patchwork.example/?series=%d\nversion: %d\n", v, v, v)},
			fake.FakeEvent{Event: "head_ref_force_pushed", Actor: "kpd[bot]", CreatedAt: at.Add(time.Minute)})
		run := &fake.FakeRun{Workflow: "bpf-ci", HeadSHA: strings.Repeat(fmt.Sprintf("%x%x", v, v), 20), HeadBranch: pr.Head, Event: "pull_request", Status: "completed", CreatedAt: at.Add(2 * time.Minute)}
		if v == 1 {
			run.Conclusion = "failure"
			run.Jobs = []fake.FakeJob{{Name: progs, Status: "completed", Conclusion: "failure", Log: log, LogExpired: true,
				Annotations: []fake.FakeAnnotation{{Path: ".github", Line: 1, Level: "failure", Message: "#32/14 btf_dump/btf_dump: struct_data"}}}}
		} else {
			run.Conclusion = "success"
			run.Jobs = []fake.FakeJob{{Name: progs, Status: "completed", Conclusion: "success", Log: log}}
		}
		repo.AddRun(run)
	}
	repo.Pulls = append(repo.Pulls, pr)
	return ds
}

func TestStoryHistory(t *testing.T) {
	srv := startFakeFor(t, seriesDataset(), fake.FakeOptions{})
	c := clientFor(t, srv.URL, "")
	bpf := model.Repo{Owner: "octo", Name: "bpf"}
	for _, logs := range []bool{false, true} {
		story, err := github.FetchStoryWith(context.Background(), c, bpf, 5, github.StoryOptions{Logs: logs})
		if err != nil {
			t.Fatal(err)
		}
		h := story.History
		if h == nil || h.Err != "" || len(h.History.Versions) != 2 {
			t.Fatalf("logs %v: history %+v", logs, h)
		}
		v1 := h.History.Versions[0]
		if len(v1.Runs) != 1 || len(v1.Runs[0].Jobs) != 1 {
			t.Fatalf("v1 runs %+v", v1.Runs)
		}
		j := v1.Runs[0].Jobs[0]
		if !slices.Equal(j.FailedTests, []string{"btf_dump/btf_dump: struct_data"}) || j.Name.Suite != "test_progs" {
			t.Errorf("v1's failed job: %+v", j)
		}
		if logs != (j.LogErr != "") || (logs && !strings.Contains(j.LogErr, "expired")) {
			t.Errorf("logs %v: log error %q (the log expired)", logs, j.LogErr)
		}
		if got := h.History.Headline(); got != "tested 2 versions · 2 runs · v2 ✓ 1 job passed" {
			t.Errorf("headline %q", got)
		}
		// A passing job's log is never read.
		if n := len(srv.LogRequests()); n != 0 {
			t.Errorf("%d downloads from the log host", n)
		}
	}
}
