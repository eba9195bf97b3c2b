package model

import "strings"

// HeadVerdict is what CI says of head commit sha from runs (any runs: of
// the repository, of a branch, of the commit): "fail" when the newest run
// of some workflow failed, else "running" while one is not over, "pass"
// when the newest run of every other workflow passed or did not run
// (cancelled, skipped: nothing was tested); "" with no such run of sha.
// Only the newest run of each workflow counts: a re-run that passed
// replaces the failure it re-ran.
func HeadVerdict(runs []WorkflowRun, sha string) string {
	if sha == "" {
		return ""
	}
	newest := map[string]WorkflowRun{}
	for _, r := range runs {
		if !strings.EqualFold(r.HeadSHA, sha) {
			continue
		}
		if n, ok := newest[r.Workflow]; !ok || runAfter(r, n) {
			newest[r.Workflow] = r
		}
	}
	verdict := ""
	for _, r := range newest {
		switch {
		case !r.Completed():
			verdict = "running"
		case runFailed(r.Conclusion):
			return "fail"
		case verdict == "" && r.Conclusion == "success":
			verdict = "pass"
		}
	}
	return verdict
}

// runAfter: run a is newer than b (a later start, or a later attempt).
func runAfter(a, b WorkflowRun) bool {
	if !a.CreatedAt.Equal(b.CreatedAt) {
		return a.CreatedAt.After(b.CreatedAt)
	}
	return a.Attempt > b.Attempt
}

// runFailed: a completed run's conclusion is a failure. cancelled and
// skipped are not (nothing was tested), nor neutral.
func runFailed(conclusion string) bool {
	switch conclusion {
	case "failure", "timed_out", "startup_failure", "action_required":
		return true
	}
	return false
}

// PullCI is the CI verdict the list shows for p: what its V{N}-ci-* labels
// say, when it has any (KPD's own verdict, free), else head (HeadVerdict
// of its head commit, "" when not known).
func PullCI(p PullRequest, head string) string {
	if _, v := CIVerdict(p.Labels); v != "" {
		return v
	}
	return head
}
