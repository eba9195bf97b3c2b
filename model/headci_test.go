package model

import (
	"testing"
	"time"
)

func TestHeadVerdict(t *testing.T) {
	at := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	run := func(sha, wf, status, conclusion string, attempt, minute int) WorkflowRun {
		return WorkflowRun{HeadSHA: sha, Workflow: wf, Status: status, Conclusion: conclusion, Attempt: attempt, CreatedAt: at.Add(time.Duration(minute) * time.Minute)}
	}
	runs := []WorkflowRun{
		run("aaa", "bpf-ci", "completed", "failure", 1, 0),
		run("aaa", "bpf-ci", "completed", "success", 2, 0), // the re-run passed
		run("aaa", "lint", "completed", "success", 1, 1),
		run("bbb", "bpf-ci", "completed", "success", 1, 0),
		run("bbb", "lint", "in_progress", "", 1, 1),
		run("ccc", "bpf-ci", "in_progress", "", 1, 0),
		run("ccc", "lint", "completed", "timed_out", 1, 1),
		run("ddd", "bpf-ci", "completed", "cancelled", 1, 0),
		run("eee", "bpf-ci", "completed", "success", 1, 0),
		run("eee", "bpf-ci", "completed", "failure", 1, 5), // a newer push of the same head failed
	}
	for sha, want := range map[string]string{"aaa": "pass", "AAA": "pass", "bbb": "running", "ccc": "fail", "ddd": "", "eee": "fail", "fff": "", "": ""} {
		if got := HeadVerdict(runs, sha); got != want {
			t.Errorf("HeadVerdict(%q) = %q, want %q", sha, got, want)
		}
	}
}

func TestPullCIPrefersLabels(t *testing.T) {
	labelled := PullRequest{Labels: []Label{{Name: "V2-ci-pass"}}}
	if got := PullCI(labelled, "fail"); got != "pass" {
		t.Errorf("with a label: %q, want the label's pass", got)
	}
	if got := PullCI(PullRequest{}, "running"); got != "running" {
		t.Errorf("without: %q, want the head's running", got)
	}
	if got := PullSearchKey(PullRequest{Title: "x"}, "fail"); got != "#0 x @ ci:red" {
		t.Errorf("search key %q", got)
	}
}
