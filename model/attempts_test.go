package model

import (
	"testing"
	"time"
)

// TestAttemptsOfARerun: "re-run failed jobs" keeps the run's id; attempt 1
// is every job as it first ran, attempt 2 the re-run job with the jobs it
// kept, and the test that failed then passed on the same code is flaky.
func TestAttemptsOfARerun(t *testing.T) {
	at := time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)
	later := at.Add(2 * time.Hour)
	run := WorkflowRun{ID: 7, HeadSHA: "abc", Workflow: "bpf-ci", Attempt: 2, Status: "completed", Conclusion: "success", CreatedAt: at, HTMLURL: "https://github.com/o/r/actions/runs/7"}
	maps := "s390x-gcc / test (test_maps, false, 360) / test_maps on s390x with gcc"
	progs := "x86_64-gcc / test (test_progs, false, 360) / test_progs on x86_64 with gcc"
	failed := NewJobResult(Job{ID: 1, Attempt: 1, Name: maps, Conclusion: "failure", StartedAt: &at}, []Annotation{{Message: "#12 test_maps_flaky"}}, nil)
	jobs := []JobResult{
		NewJobResult(Job{ID: 2, Attempt: 1, Name: progs, Conclusion: "success", StartedAt: &at}, nil, nil),
		failed,
		NewJobResult(Job{ID: 3, Attempt: 2, Name: maps, Conclusion: "success", StartedAt: &later}, nil, nil),
	}
	got := Attempts(run, jobs, true)
	if len(got) != 2 {
		t.Fatalf("%d attempts, want 2", len(got))
	}
	first, second := got[0], got[1]
	if first.Run.Attempt != 1 || first.Run.Conclusion != "failure" || first.Run.HTMLURL != run.HTMLURL+"/attempts/1" || len(first.Jobs) != 2 || first.Jobs[1].Job.ID != 1 {
		t.Errorf("attempt 1 = %+v", first)
	}
	if second.Run.Attempt != 2 || second.Run.Conclusion != "success" || !second.Run.CreatedAt.Equal(later) || len(second.Jobs) != 2 || second.Jobs[1].Job.ID != 3 || second.Jobs[0].Job.ID != 2 {
		t.Errorf("attempt 2 = %+v", second)
	}

	h := MatchRuns(nil, []WorkflowRun{run}, map[int64][]JobResult{7: jobs})
	if n := len(h.Versions); n != 1 || len(h.Versions[0].Runs) != 2 {
		t.Fatalf("history %+v, want one version with both attempts", h)
	}
	tr := h.Trends()
	if len(tr) != 1 || !tr[0].Flaky || tr[0].FlakyFailed != 1 || tr[0].FlakyRuns != 2 {
		t.Errorf("trends %+v, want test_maps_flaky flaky in 1 of 2", tr)
	}
}

// TestAttemptsOfAPlainRun: a run never re-run, or whose jobs do not say
// their attempt, is one result, unchanged.
func TestAttemptsOfAPlainRun(t *testing.T) {
	run := WorkflowRun{ID: 8, Attempt: 1, Conclusion: "failure"}
	jobs := []JobResult{NewJobResult(Job{ID: 1, Name: "a", Conclusion: "failure"}, nil, nil)}
	if got := Attempts(run, jobs, true); len(got) != 1 || got[0].Run.ID != 8 || got[0].Run.Conclusion != "failure" || len(got[0].Jobs) != 1 {
		t.Errorf("plain run: %+v", got)
	}
	run.Attempt = 3 // re-run, but its jobs say nothing of attempts
	if got := Attempts(run, jobs, true); len(got) != 1 || got[0].Run.Attempt != 3 {
		t.Errorf("unsaid attempts: %+v", got)
	}
	if got := Attempts(run, nil, false); len(got) != 1 || got[0].JobsLoaded {
		t.Errorf("jobs not loaded: %+v", got)
	}
}

// TestJobsCurrent: a completed run's jobs are for good once they are its
// newest attempt's and all over; a list from before a re-run is not.
func TestJobsCurrent(t *testing.T) {
	run := WorkflowRun{Attempt: 2, Status: "completed"}
	done := func(attempt int) Job { return Job{Attempt: attempt, Status: "completed"} }
	for _, tc := range []struct {
		jobs []Job
		want bool
	}{
		{[]Job{done(1), done(2)}, true},
		{[]Job{done(1), done(1)}, false}, // cached before the re-run
		{[]Job{done(1), {Attempt: 2, Status: "in_progress"}}, false},
		{[]Job{done(0), done(0)}, true}, // the jobs do not say: trusted
	} {
		if got := JobsCurrent(run, tc.jobs); got != tc.want {
			t.Errorf("JobsCurrent(%+v) = %v, want %v", tc.jobs, got, tc.want)
		}
	}
}
