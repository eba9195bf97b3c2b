package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/prscope/prscope/model"
)

// pagedRuns has n runs on its branch, 100 a page; repeat serves page 1
// for every page (a server that ignores page=), failAt fails that page.
type pagedRuns struct {
	actionsStub
	n, failAt int
	repeat    bool
}

func (p pagedRuns) WorkflowRuns(_ context.Context, _ model.Repo, f model.RunFilter, page, perPage int) ([]model.WorkflowRun, model.Page, error) {
	if page == p.failAt {
		return nil, model.Page{}, errors.New("runs down")
	}
	at := page
	if p.repeat {
		at = 1
	}
	var out []model.WorkflowRun
	for i := (at - 1) * perPage; i < min(at*perPage, p.n); i++ {
		out = append(out, model.WorkflowRun{ID: int64(1000 - i), HeadBranch: f.Branch, Status: "completed"})
	}
	info := model.Page{Total: p.n}
	if page*perPage < p.n {
		info.Next = page + 1
	}
	return out, info, nil
}

// readRuns loads key's first page and then older pages while the store
// asks for them (at most 10), returning how many older pages it asked.
func readRuns(t *testing.T, s *Store, key RunsKey) int {
	t.Helper()
	s.Update(run(t, s.LoadTimeline(key.Number)))
	s.Update(run(t, s.loadRuns(key)))
	asked := 0
	for ; asked < 10; asked++ {
		cmd := s.loadMoreRuns(key)
		if cmd == nil {
			break
		}
		s.Update(run(t, cmd))
	}
	return asked
}

// TestOlderRunsPageByPage: older pages come one at a time as asked, each
// adding its runs, until the last; a page that repeats ends the paging.
func TestOlderRunsPageByPage(t *testing.T) {
	key := RunsKey{Number: 7, Branch: "series/1"}
	s := storeOf(pagedRuns{n: 250})
	if asked := readRuns(t, &s, key); asked != 2 {
		t.Errorf("%d older pages asked, want 2", asked)
	}
	if ci := s.CI(7); len(ci.Runs.Value) != 250 || ci.MoreRuns || ci.RunsTotal != 250 {
		t.Errorf("%d runs, more %v, total %d; want all 250, no more", len(ci.Runs.Value), ci.MoreRuns, ci.RunsTotal)
	}

	s = storeOf(pagedRuns{n: 250, repeat: true})
	if asked := readRuns(t, &s, key); asked != 1 {
		t.Errorf("repeating pages: %d older pages asked, want 1 (it brought nothing new)", asked)
	}
	if ci := s.CI(7); len(ci.Runs.Value) != 100 || ci.MoreRuns {
		t.Errorf("repeating pages: %d runs, more %v", len(ci.Runs.Value), ci.MoreRuns)
	}
}

// TestOlderRunsFailure: a failed older page keeps the runs read and is
// not asked again until r.
func TestOlderRunsFailure(t *testing.T) {
	key := RunsKey{Number: 7, Branch: "series/1"}
	s := storeOf(pagedRuns{n: 250, failAt: 2})
	if asked := readRuns(t, &s, key); asked != 1 {
		t.Errorf("%d older pages asked, want 1 (the failure is not asked again)", asked)
	}
	if ci := s.CI(7); len(ci.Runs.Value) != 100 || ci.Runs.Err == "" || !ci.MoreRuns {
		t.Errorf("after a failed page: %d runs, err %q, more %v", len(ci.Runs.Value), ci.Runs.Err, ci.MoreRuns)
	}
}

// TestRerunAsksJobsAgain: a run re-run since its jobs were read (its id
// kept, its attempt up) has its jobs asked again; the same attempt not.
func TestRerunAsksJobsAgain(t *testing.T) {
	s := storeOf(actionsStub{n: 1})
	key := RunsKey{Number: 7, Branch: "series/1"}
	s.Update(run(t, s.LoadTimeline(7)))
	runs := run(t, s.loadRuns(key)).(Reply[[]model.WorkflowRun])
	s.Update(runs)
	s.Update(run(t, s.loadJobs(7, []int64{100})))
	if s.loadJobs(7, []int64{100}) != nil {
		t.Fatal("jobs asked twice for the same attempt")
	}
	gen := s.history.runs.begin(7) // the runs listed again: run 100 was re-run
	runs.Gen, runs.Value = gen, []model.WorkflowRun{{ID: 100, HeadBranch: "series/1", HeadRepo: "o/r", Attempt: 2, Status: "completed"}}
	s.Update(runs)
	if s.loadJobs(7, []int64{100}) == nil {
		t.Error("a re-run's jobs were not asked again")
	}
}

// TestOlderRunsStopAtThePR: paging back stops at the page that goes back
// before the PR was opened: older runs of its branch are not its.
func TestOlderRunsStopAtThePR(t *testing.T) {
	key := RunsKey{Number: 7, Branch: "series/1", Opened: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	s := storeOf(datedRuns{pagedRuns{n: 500}})
	if asked := readRuns(t, &s, key); asked != 1 {
		t.Errorf("%d older pages asked, want 1 (page 2 reaches back before the PR)", asked)
	}
	if ci := s.CI(7); ci.MoreRuns {
		t.Error("more runs offered from before the PR")
	}
}

// datedRuns is pagedRuns one a day, newest first from 2024-01-02 12:00:
// page 2 holds runs from before 2024-01-01.
type datedRuns struct{ pagedRuns }

func (d datedRuns) WorkflowRuns(ctx context.Context, repo model.Repo, f model.RunFilter, page, perPage int) ([]model.WorkflowRun, model.Page, error) {
	runs, info, err := d.pagedRuns.WorkflowRuns(ctx, repo, f, page, perPage)
	newest := time.Date(2024, 1, 2, 12, 0, 0, 0, time.UTC)
	for i := range runs {
		runs[i].CreatedAt = newest.Add(-time.Duration(1000-runs[i].ID) * 14 * time.Minute) // 100 runs: about a day
	}
	return runs, info, err
}
