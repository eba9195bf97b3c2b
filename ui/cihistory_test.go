package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/github/fake"
)

// kpdDataset is testDataset with PR 3 made a KPD series PR: v1 fails one
// selftest on x86_64, v2 passes.
func kpdDataset() *fake.Dataset {
	ds := testDataset(3, nil)
	repo := ds.Repo("acme/widgets")
	pr := repo.Pull(3)
	pr.Head = "series/3=>main"
	pr.Body = "Pull request for series with\nsubject: Widget change number 3\nversion: 1\nurl: https://patchwork.example/?series=3\n"
	at := pr.CreatedAt
	kpd := "kernel-patches-daemon-bpf[bot]"
	progs := "x86_64-gcc / test (test_progs, false, 360) / test_progs on x86_64 with gcc"
	build := "x86_64-gcc / build / build for x86_64 with gcc"
	for v := 1; v <= 2; v++ {
		when := at.Add(time.Duration(v) * 24 * time.Hour)
		pr.Timeline = append(pr.Timeline,
			fake.FakeEvent{Event: "commented", Actor: kpd, CreatedAt: when, Body: fmt.Sprintf("Upstream branch: %040x\nseries: https://patchwork.example/?series=%d\nversion: %d\n", v, v, v)},
			fake.FakeEvent{Event: "head_ref_force_pushed", Actor: kpd, CreatedAt: when.Add(time.Minute)})
		run := &fake.FakeRun{Workflow: "bpf-ci", HeadSHA: fmt.Sprintf("%040x", 100+v), HeadBranch: pr.Head, Event: "pull_request", Status: "completed", CreatedAt: when.Add(2 * time.Minute)}
		if v == 1 {
			run.Conclusion = "failure"
			run.Jobs = []fake.FakeJob{{Name: build, Status: "completed", Conclusion: "success"},
				{Name: progs, Status: "completed", Conclusion: "failure", FailedStep: "Run tests",
					Annotations: []fake.FakeAnnotation{{Path: ".github", Line: 1, Level: "failure", Message: "#32/14 btf_dump/btf_dump: struct_data"}}}}
		} else {
			run.Conclusion = "success"
			run.Jobs = []fake.FakeJob{{Name: build, Status: "completed", Conclusion: "success"}, {Name: progs, Status: "completed", Conclusion: "success"}}
		}
		repo.AddRun(run)
	}
	return ds
}

// TestCIHistoryFromTheRoot: the header sums the history up once the runs
// and the latest jobs are in; c shows the history in the detail pane,
// enter opens a version, its run, the failed job; c goes back.
func TestCIHistoryFromTheRoot(t *testing.T) {
	var opened string
	h := newHarness(t, kpdDataset(), Config{Repo: widgets, Number: 3, OpenURL: func(u string) error { opened = u; return nil }}, 160, 45)
	h.run()
	if v := h.view(); !strings.Contains(v, "history: tested 2 versions · 2 runs · v2 ✓ 2 jobs passed") {
		t.Fatalf("no history line in the header:\n%s", v)
	}
	h.keys("c") // OWNER/REPO#N opens on the detail pane
	h.run()
	v := h.view()
	for _, want := range []string{"CI history of #3 · c: back to the timeline", "btf_dump/btf_dump: struct_data: passed again after failing in v1", "▸ v1", "✗ 1 of 2 jobs failed"} {
		if !strings.Contains(v, want) {
			t.Errorf("missing %q:\n%s", want, v)
		}
	}
	h.keys("G", "enter", "j", "enter")
	h.run()
	if v := h.view(); !strings.Contains(v, "x86_64-gcc") || !strings.Contains(v, "▸ ✗ test_progs on x86_64 gcc · 1 failing test") {
		t.Errorf("the run's matrix and failed job:\n%s", v)
	}
	h.keys("j", "o") // the failed job's page
	h.run()
	if !strings.Contains(opened, "/actions/runs/") || !strings.Contains(opened, "/job/") {
		t.Errorf("o on a failed job opened %q", opened)
	}
	h.keys("c")
	if v := h.view(); strings.Contains(v, "CI history of") {
		t.Errorf("c did not go back to the timeline:\n%s", v)
	}
}
