package store

import (
	"context"
	"fmt"
	"slices"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/prscope/prscope/github"
	"github.com/prscope/prscope/github/httpcache"
	"github.com/prscope/prscope/model"
)

// The record of a PR's CI history: its branch's workflow runs, asked for
// once the selection settles on it (one page of 100: a PR rarely has
// more; older pages as the history is scrolled to its end), each run's
// jobs once it is shown, a failed job's annotations once it is opened,
// and a job's log only when asked for.

// ActionsSource is a Source that can read GitHub Actions (*github.Client
// is one); with another Source the history stays empty.
type ActionsSource interface {
	WorkflowRuns(ctx context.Context, repo model.Repo, f model.RunFilter, page, perPage int) ([]model.WorkflowRun, model.Page, error)
	RunJobs(ctx context.Context, repo model.Repo, runID int64, page, perPage int) ([]model.Job, model.Page, error)
	JobAnnotations(ctx context.Context, repo model.Repo, jobID int64, page, perPage int) ([]model.Annotation, model.Page, error)
	JobLog(ctx context.Context, repo model.Repo, jobID int64, maxBytes int64) (model.LogSummary, error)
}

const (
	runsPerPage = 100
	// maxRunPages bounds how far a branch's runs are paged back: an e2e
	// test PR's branch may have run for years.
	maxRunPages = 50
	maxJobPages = 10 // BPF CI's matrix is about 40 jobs: one page of 100
	// maxJobFetches bounds the runs whose jobs are asked for at once.
	maxJobFetches = 4
	// MaxLogBytes is how much of a job's log is read: BPF CI's logs run
	// to a few MB; past this the start is read and the cut said.
	MaxLogBytes = 256 << 20
)

// RunsKey names the runs of PR Number's head branch. (A fork's PR would
// need its head repository too, to tell its branch from a same-named one:
// PullRequest does not carry it yet.)
type RunsKey struct {
	Number int
	Branch string
	// Opened is when the PR was opened: older runs of its branch are
	// another PR's, and paging back stops at them.
	Opened time.Time
}

type historyStore struct {
	runs        records[int, []model.WorkflowRun] // by PR number
	runGen      map[int]int                       // the timeline generation the runs were asked in
	runTotal    map[int]int                       // how many runs GitHub says the branch has
	runNext     map[int]int                       // the branch's next page of runs; 0 when no more
	jobsAttempt map[int64]int                     // the run attempt a run's jobs were asked at
	jobs        records[int64, []model.Job]       // by run id
	annotations records[int64, []model.Annotation]
	logs        records[int64, model.LogSummary] // by job id
}

func newHistoryStore() historyStore {
	return historyStore{
		runs: newRecords[int, []model.WorkflowRun](), runGen: map[int]int{}, runTotal: map[int]int{}, runNext: map[int]int{}, jobsAttempt: map[int64]int{},
		jobs:        newRecords[int64, []model.Job](),
		annotations: newRecords[int64, []model.Annotation](),
		logs:        newRecords[int64, model.LogSummary](),
	}
}

// CIStatus is what the store has of one PR's CI history, for the pane.
type CIStatus struct {
	// Version changes whenever anything in it changed.
	Version     int
	Runs        Status[[]model.WorkflowRun]
	Jobs        map[int64]Status[[]model.Job]
	Annotations map[int64]Status[[]model.Annotation]
	Logs        map[int64]Status[model.LogSummary]
	Supported   bool // the Source reads Actions
	// RunsTotal is how many runs the branch has, of which Runs are the
	// newest (the pages read); 0 when not known.
	RunsTotal int
	// MoreRuns: older pages of runs can be read (the history asks for them
	// as it is scrolled to its end).
	MoreRuns bool
}

// CIVersion changes whenever anything of any PR's CI history changed: a
// cheap look before CI gathers one PR's.
func (s Store) CIVersion() int {
	h := &s.history
	return h.runs.version + h.jobs.version + h.annotations.version + h.logs.version
}

// CI is what the store has of PR number's CI history.
func (s Store) CI(number int) CIStatus {
	h := &s.history
	st := CIStatus{Runs: h.runs.status(number), RunsTotal: h.runTotal[number], MoreRuns: h.runNext[number] > 1 && h.runNext[number] <= maxRunPages, Jobs: map[int64]Status[[]model.Job]{},
		Annotations: map[int64]Status[[]model.Annotation]{}, Logs: map[int64]Status[model.LogSummary]{}}
	_, st.Supported = s.cfg.Source.(ActionsSource)
	st.Version = s.CIVersion()
	for _, r := range st.Runs.Value {
		if js := h.jobs.status(r.ID); js.Version != 0 {
			st.Jobs[r.ID] = js
			for _, j := range js.Value {
				if a := h.annotations.status(j.ID); a.Version != 0 {
					st.Annotations[j.ID] = a
				}
				if l := h.logs.status(j.ID); l.Version != 0 {
					st.Logs[j.ID] = l
				}
			}
		}
	}
	return st
}

// loadRuns asks for key's runs once its PR's timeline was asked for, once
// per timeline generation (a reload asks again, revalidating).
func (s *Store) loadRuns(key RunsKey) tea.Cmd {
	src, ok := s.cfg.Source.(ActionsSource)
	t, asked := s.timelines[key.Number]
	if !ok || key.Number == 0 || key.Branch == "" || !asked || !t.Asked() {
		return nil
	}
	h := &s.history
	intent := httpcache.Initial
	if h.runs.asked(key.Number) {
		if h.runGen[key.Number] == t.gen {
			return nil
		}
		intent = httpcache.Revalidate
	}
	h.runGen[key.Number] = t.gen
	gen := h.runs.begin(key.Number)
	repo := s.cfg.Repo
	return request(s, Key{Kind: KindRuns, Number: key.Number}, gen, intent, func(ctx context.Context) ([]model.WorkflowRun, model.Page, error) {
		runs, info, err := src.WorkflowRuns(ctx, repo, model.RunFilter{Branch: key.Branch}, 1, runsPerPage)
		if before(runs, key.Opened.Add(-time.Hour)) {
			info.Next = 0 // the page goes back before the PR: no older page is its
		}
		return runs, info, err
	})
}

// loadMoreRuns asks for the next older page of key's runs, once the first
// is in. The answer is the runs so far with the page's new ones: a page
// that brings none (empty, or repeating what came) ends the paging, as
// does maxRunPages.
func (s *Store) loadMoreRuns(key RunsKey) tea.Cmd {
	src, ok := s.cfg.Source.(ActionsSource)
	h := &s.history
	next := h.runNext[key.Number]
	st := h.runs.status(key.Number)
	if !ok || next < 2 || next > maxRunPages || !st.Loaded || st.Loading || st.Err != "" || key.Branch == "" {
		return nil
	}
	gen := h.runs.begin(key.Number)
	repo, prev := s.cfg.Repo, st.Value
	return request(s, Key{Kind: KindRuns, Number: key.Number, Page: next}, gen, httpcache.Initial, func(ctx context.Context) ([]model.WorkflowRun, model.Page, error) {
		runs, info, err := src.WorkflowRuns(ctx, repo, model.RunFilter{Branch: key.Branch}, next, runsPerPage)
		if err != nil {
			return nil, info, err // the record keeps what it had
		}
		merged := mergeRuns(prev, runs)
		if len(merged) == len(prev) || before(runs, key.Opened.Add(-time.Hour)) {
			info.Next = 0 // nothing new, or back before the PR was opened
		}
		return merged, info, nil
	})
}

// before reports a run among runs that started before t (t zero: none).
func before(runs []model.WorkflowRun, t time.Time) bool {
	for _, r := range runs {
		if !t.IsZero() && r.CreatedAt.Before(t) {
			return true
		}
	}
	return false
}

// mergeRuns is runs so far with a page's, each run once (a page may
// overlap the one before when runs started meanwhile).
func mergeRuns(prev, page []model.WorkflowRun) []model.WorkflowRun {
	seen := make(map[int64]bool, len(prev))
	out := slices.Clone(prev)
	for _, r := range prev {
		seen[r.ID] = true
	}
	for _, r := range page {
		if !seen[r.ID] {
			seen[r.ID] = true
			out = append(out, r)
		}
	}
	return out
}

// loadJobs asks for the jobs of the runs shown, each once, a few at a
// time; again for a run re-run since (a re-run keeps its run's id). An
// unfinished run's jobs are asked again on r.
func (s *Store) loadJobs(number int, runIDs []int64) tea.Cmd {
	src, ok := s.cfg.Source.(ActionsSource)
	if !ok {
		return nil
	}
	h := &s.history
	var cmds []tea.Cmd
	repo, perPage := s.cfg.Repo, s.cfg.PerPage
	for _, id := range runIDs {
		if h.jobs.busy >= maxJobFetches {
			break
		}
		run, _ := h.runOf(number, id)
		if h.jobs.asked(id) && (h.jobsAttempt[id] >= run.Attempt || h.jobs.status(id).Loading) {
			continue
		}
		h.jobsAttempt[id] = run.Attempt
		gen := h.jobs.begin(id)
		cmds = append(cmds, request(s, Key{Kind: KindJobs, Number: number, Page: int(id)}, gen, httpcache.Initial,
			func(ctx context.Context) ([]model.Job, model.Page, error) {
				v, err := github.CurrentJobs(ctx, run, func(ctx context.Context) ([]model.Job, error) {
					return github.AllPages(fmt.Sprintf("%s run %d jobs", repo, id), maxJobPages, model.JobKey, func(page int) ([]model.Job, model.Page, error) {
						return src.RunJobs(ctx, repo, id, page, perPage)
					})
				})
				return v, model.Page{}, err
			}))
	}
	return tea.Batch(cmds...)
}

// runOf is run id of PR number's runs, as last listed.
func (h *historyStore) runOf(number int, id int64) (model.WorkflowRun, bool) {
	for _, r := range h.runs.status(number).Value {
		if r.ID == id {
			return r, true
		}
	}
	return model.WorkflowRun{}, false
}

// LoadAnnotations asks for a job's annotations (when it is opened), once.
func (s *Store) LoadAnnotations(number int, jobID int64) tea.Cmd {
	src, ok := s.cfg.Source.(ActionsSource)
	if !ok || s.history.annotations.asked(jobID) || s.history.annotations.busy >= maxJobFetches {
		return nil
	}
	gen := s.history.annotations.begin(jobID)
	repo, perPage := s.cfg.Repo, s.cfg.PerPage
	// Only a failed job's are asked for, and a failed job is over.
	return request(s, Key{Kind: KindAnnotations, Number: number, Page: int(jobID)}, gen, httpcache.Settled,
		func(ctx context.Context) ([]model.Annotation, model.Page, error) {
			v, err := github.AllPages(fmt.Sprintf("%s job %d annotations", repo, jobID), maxJobPages, model.AnnotationKey, func(page int) ([]model.Annotation, model.Page, error) {
				return src.JobAnnotations(ctx, repo, jobID, page, perPage)
			})
			return v, model.Page{}, err
		})
}

// LoadLog reads a job's log (a key asks for it); again after a failure.
func (s *Store) LoadLog(number int, jobID int64) tea.Cmd {
	src, ok := s.cfg.Source.(ActionsSource)
	if l := s.history.logs.status(jobID); !ok || l.Loading || l.Loaded {
		return nil
	}
	gen := s.history.logs.begin(jobID)
	repo := s.cfg.Repo
	return request(s, Key{Kind: KindLog, Number: number, Page: int(jobID)}, gen, httpcache.Initial,
		func(ctx context.Context) (model.LogSummary, model.Page, error) {
			sum, err := src.JobLog(ctx, repo, jobID, MaxLogBytes)
			return sum, model.Page{}, err
		})
}

// retryHistory lets r ask again for what of PR number's CI failed, and
// for the jobs of its runs that were not over when asked.
func (s *Store) retryHistory(number int) {
	h := &s.history
	for _, run := range h.runs.status(number).Value {
		if js := h.jobs.status(run.ID); js.Err != "" || !run.Completed() {
			h.jobs.forget(run.ID)
		}
		for _, j := range h.jobs.status(run.ID).Value {
			if h.annotations.status(j.ID).Err != "" {
				h.annotations.forget(j.ID)
			}
			if h.logs.status(j.ID).Err != "" {
				h.logs.forget(j.ID)
			}
		}
	}
}

var _ ActionsSource = (*github.Client)(nil)

// CIHistory is pr's test history as far as it is known: the versions its
// loaded timeline names, matched with the runs, jobs, annotations and logs
// of st (CI of pr) loaded so far.
func (s Store) CIHistory(pr model.PullRequest, st CIStatus) model.History {
	jobs := map[int64][]model.JobResult{}
	for id, js := range st.Jobs {
		if !js.Loaded {
			continue
		}
		out := make([]model.JobResult, 0, len(js.Value))
		for _, j := range js.Value {
			a, l := st.Annotations[j.ID], st.Logs[j.ID]
			var log *model.LogSummary
			if l.Loaded {
				log = &l.Value
			}
			var anns []model.Annotation
			if a.Loaded {
				anns = a.Value
			}
			r := model.NewJobResult(j, anns, log)
			r.AnnotationsErr, r.LogErr = a.Err, l.Err
			out = append(out, r)
		}
		jobs[id] = out
	}
	runs := model.RunsOfPull(st.Runs.Value, pr)
	h := model.MatchRuns(model.Versions(pr, s.Timeline(pr.Number).Events()), runs, jobs)
	setJobsErr := func(runs []model.RunResult) {
		for i := range runs {
			runs[i].JobsErr = st.Jobs[runs[i].Run.ID].Err
		}
	}
	for i := range h.Versions {
		setJobsErr(h.Versions[i].Runs)
	}
	setJobsErr(h.Unmatched)
	return h
}
