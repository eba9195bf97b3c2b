package store

import (
	"context"
	"errors"
	"testing"

	"github.com/prscope/prscope/model"
)

// actionsStub has n runs on branch "series/1", each with two jobs; one
// run's jobs fail to load; logs say one failure.
type actionsStub struct {
	stubSource
	n int
}

func (a actionsStub) WorkflowRuns(_ context.Context, _ model.Repo, f model.RunFilter, _, _ int) ([]model.WorkflowRun, model.Page, error) {
	var out []model.WorkflowRun
	for i := range a.n {
		out = append(out, model.WorkflowRun{ID: int64(100 + i), HeadBranch: f.Branch, HeadRepo: "o/r", Status: "completed"})
	}
	out = append(out, model.WorkflowRun{ID: 999, HeadBranch: f.Branch, HeadRepo: "fork/r"})
	return out, model.Page{}, nil
}

func (actionsStub) RunJobs(_ context.Context, _ model.Repo, runID int64, _, _ int) ([]model.Job, model.Page, error) {
	if runID == 101 {
		return nil, model.Page{}, errors.New("jobs down")
	}
	return []model.Job{{ID: runID*10 + 1, RunID: runID}, {ID: runID*10 + 2, RunID: runID, Conclusion: "failure"}}, model.Page{}, nil
}

func (actionsStub) JobAnnotations(context.Context, model.Repo, int64, int, int) ([]model.Annotation, model.Page, error) {
	return []model.Annotation{{Message: "#1/2 a/b"}}, model.Page{}, nil
}

func (actionsStub) JobLog(context.Context, model.Repo, int64, int64) (model.LogSummary, error) {
	return model.LogSummary{FailedTests: []string{"a/b"}}, nil
}

func TestCIHistoryRecords(t *testing.T) {
	s := storeOf(actionsStub{n: 6})
	key := RunsKey{Number: 7, Branch: "series/1"}
	if s.loadRuns(key) != nil {
		t.Fatal("runs asked before the timeline")
	}
	s.Update(run(t, s.LoadTimeline(7)))
	s.Update(run(t, s.loadRuns(key)))
	if s.loadRuns(key) != nil {
		t.Error("runs asked twice in one generation")
	}
	ci := s.CI(7)
	if !ci.Supported || !ci.Runs.Loaded || len(ci.Runs.Value) != 7 {
		t.Fatalf("runs: %+v", ci.Runs)
	}
	ids := make([]int64, 0, 6)
	for _, r := range ci.Runs.Value[:6] {
		ids = append(ids, r.ID)
	}
	msgs := batch(t, s.loadJobs(7, ids))
	if len(msgs) != maxJobFetches {
		t.Fatalf("%d job lists asked at once, want %d", len(msgs), maxJobFetches)
	}
	for _, m := range msgs {
		s.Update(m)
	}
	if more := batch(t, s.loadJobs(7, ids)); len(more) != 2 {
		t.Errorf("then %d more, want the 2 left", len(more))
	} else {
		for _, m := range more {
			s.Update(m)
		}
	}
	ci = s.CI(7)
	if j := ci.Jobs[100]; !j.Loaded || len(j.Value) != 2 {
		t.Errorf("run 100 jobs: %+v", j)
	}
	if j := ci.Jobs[101]; j.Loaded || j.Err == "" {
		t.Errorf("a failed job list: %+v", j)
	}
	checkAnnotationsAndLog(t, &s)
}

// checkAnnotationsAndLog: a job's annotations and log are asked once.
func checkAnnotationsAndLog(t *testing.T, s *Store) {
	t.Helper()
	before := s.CI(7).Version
	s.Update(run(t, s.LoadAnnotations(7, 1002)))
	s.Update(run(t, s.LoadLog(7, 1002)))
	ci := s.CI(7)
	if a := ci.Annotations[1002]; !a.Loaded || len(a.Value) != 1 || ci.Logs[1002].Value.FailedTests[0] != "a/b" || ci.Version == before {
		t.Errorf("annotations %+v, log %+v, version %d (was %d)", a, ci.Logs[1002], ci.Version, before)
	}
	if s.LoadLog(7, 1002) != nil || s.LoadAnnotations(7, 1002) != nil {
		t.Error("asked again for what is loaded")
	}
	if s.InFlight() != 0 {
		t.Errorf("%d in flight", s.InFlight())
	}
}

// TestCIHistoryNeedsActions: a Source without Actions asks nothing and
// says so.
func TestCIHistoryNeedsActions(t *testing.T) {
	key := RunsKey{Number: 7, Branch: "series/1"}
	plain := newStub()
	plain.Update(run(t, plain.LoadTimeline(7)))
	if plain.loadRuns(key) != nil || plain.CI(7).Supported {
		t.Error("a Source without Actions was asked")
	}
}

// TestReloadRetriesWhatFailed: r asks again for a run's jobs that failed,
// with a generation never given before.
func TestReloadRetriesWhatFailed(t *testing.T) {
	s := storeOf(actionsStub{n: 2})
	key := RunsKey{Number: 7, Branch: "series/1"}
	s.Update(run(t, s.LoadTimeline(7)))
	s.Update(run(t, s.loadRuns(key)))
	for _, m := range batch(t, s.loadJobs(7, []int64{100, 101})) {
		s.Update(m)
	}
	if s.CI(7).Jobs[101].Err == "" || s.loadJobs(7, []int64{101}) != nil {
		t.Fatal("setup: run 101's jobs should have failed and not be asked again")
	}
	before := s.history.jobs.entries[101].gen
	s.Reload(7, ChecksKey{})
	if s.loadJobs(7, []int64{101}) == nil || s.loadJobs(7, []int64{100}) != nil {
		t.Error("after r: the failed jobs are not asked again, or the loaded ones are")
	}
	if s.history.jobs.entries[101].gen <= before {
		t.Errorf("generation %d after %d: an old answer would be taken", s.history.jobs.entries[101].gen, before)
	}
}

// TestSupersededFailureIsNoNews: an answer a later request superseded is
// neither filed nor counted as the last error.
func TestSupersededFailureIsNoNews(t *testing.T) {
	s := storeOf(actionsStub{n: 1})
	key := RunsKey{Number: 7, Branch: "series/1"}
	s.Update(run(t, s.LoadTimeline(7)))
	old := run(t, s.loadRuns(key)).(Reply[[]model.WorkflowRun])
	for _, m := range batch(t, s.Reload(7, ChecksKey{})) {
		s.Update(m)
	}
	fresh := s.loadRuns(key)
	old.Err, old.Value = errors.New("an old failure"), nil
	if ch, _ := s.Update(old); ch.Kind != KindNone || s.LastErr() != "" || s.CI(7).Runs.Err != "" {
		t.Errorf("the superseded failure: change %v, last error %q, runs %+v", ch.Kind, s.LastErr(), s.CI(7).Runs)
	}
	s.Update(run(t, fresh))
	if !s.CI(7).Runs.Loaded {
		t.Error("the fresh answer was not filed")
	}
}
