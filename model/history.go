package model

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// History is a PR's test history: its versions, each with the CI runs that
// tested it. Runs are matched to versions by head SHA and time (the
// timeline's force-pushes carry no SHAs): the runs of one head SHA tested
// the version last pushed before the first of them started.
type History struct {
	Versions []TestedVersion // oldest first
	// Unmatched are runs no version accounts for (the PR said nothing of
	// versions, or they ran before the first one).
	Unmatched []RunResult
}

// TestedVersion is a version and its runs, oldest first.
type TestedVersion struct {
	Version Version
	Runs    []RunResult
}

// RunResult is one run and what is known of its jobs.
type RunResult struct {
	Run        WorkflowRun
	Jobs       []JobResult
	JobsLoaded bool
	JobsErr    string // why its jobs could not be fetched
}

// JobResult is one job with what its name and failures say.
type JobResult struct {
	Job  Job
	Name JobName
	// FailedTests are the tests it failed, from its annotations or its log
	// (nil while neither is known).
	FailedTests []string
	// FailuresComplete: FailedTests is every failure, not a list GitHub or
	// the log reader may have cut (GitHub keeps 10 error annotations a
	// step; a log may be read only in part).
	FailuresComplete bool
	Annotations      []Annotation
	AnnotationsErr   string
	Log              *LogSummary // nil unless its log was read
	LogErr           string
}

// NewJobResult is job with its name read and, when known, its failures:
// from its log when read (which names every failure), else from its
// annotations (BPF CI's ##[error] lines).
func NewJobResult(job Job, annotations []Annotation, log *LogSummary) JobResult {
	j := JobResult{Job: job, Name: ParseJobName(job.Name), Annotations: annotations, Log: log}
	switch {
	case log != nil:
		j.FailedTests = log.FailedTests
		j.FailuresComplete = !log.Truncated && len(log.FailedTests) < maxFailedTests
	case annotations != nil:
		j.FailedTests = FailedTestsOf(annotations)
		j.FailuresComplete = len(annotations) < maxAnnotationsKept
	}
	if j.FailedTests == nil && (log != nil || annotations != nil) {
		j.FailedTests = []string{} // known: none
	}
	return j
}

// maxAnnotationsKept is where GitHub may have cut a step's error
// annotations: a job with fewer lists all of them.
const maxAnnotationsKept = 10

// FailedTestsOf reads the failing tests out of a job's annotations, which
// BPF CI writes as its log's ##[error] lines ("#32/14 btf_dump/…").
func FailedTestsOf(annotations []Annotation) []string {
	r := NewLogReader()
	for _, a := range annotations {
		for line := range strings.Lines(a.Message) {
			r.Line("##[error]" + strings.TrimRight(line, "\n"))
		}
	}
	return r.Summary().FailedTests
}

// Failed reports that the job failed.
func (j JobResult) Failed() bool { return isFailure(j.Job.Conclusion) }

func isFailure(conclusion string) bool {
	return conclusion == "failure" || conclusion == "timed_out"
}

// MatchRuns builds the history of versions from runs (any order); jobs
// holds the known jobs of each run by run id.
func MatchRuns(versions []Version, runs []WorkflowRun, jobs map[int64][]JobResult) History {
	groups := groupBySHA(runs)
	byHead := len(versions) == 0
	if byHead {
		versions = headVersions(groups) // no bot said: each pushed head is one
	}
	h := History{Versions: make([]TestedVersion, len(versions))}
	for i, v := range versions {
		h.Versions[i].Version = v
	}
	for gi, group := range groups {
		results := make([]RunResult, 0, len(group))
		for _, r := range group {
			js, ok := jobs[r.ID]
			results = append(results, Attempts(r, js, ok)...)
		}
		i := testedBy(versions, group[0].CreatedAt)
		if byHead {
			i = gi // its own version, whatever the clock says
		}
		// A version is one push, one head: a second head after it means a
		// version not known (yet: the timeline may be partly loaded).
		if i < 0 || (h.Versions[i].Version.HeadSHA != "" && h.Versions[i].Version.HeadSHA != group[0].HeadSHA) {
			h.Unmatched = append(h.Unmatched, results...)
			continue
		}
		tv := &h.Versions[i]
		tv.Runs = append(tv.Runs, results...)
		tv.Version.HeadSHA = group[0].HeadSHA
	}
	return h
}

// headVersions makes a version of each head SHA the runs tested, for a PR
// whose body and comments name none.
func headVersions(groups [][]WorkflowRun) []Version {
	vs := make([]Version, len(groups))
	for i, g := range groups {
		vs[i] = Version{Kind: VersionOther, ID: ShortSHA(g[0].HeadSHA), HeadSHA: g[0].HeadSHA, At: g[0].CreatedAt, Applied: true}
	}
	return vs
}

// groupBySHA groups runs by head SHA, each group oldest first, the groups
// in the order their first runs started.
func groupBySHA(runs []WorkflowRun) [][]WorkflowRun {
	sorted := slices.Clone(runs)
	slices.SortStableFunc(sorted, func(a, b WorkflowRun) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.ID, b.ID))
	})
	var groups [][]WorkflowRun
	at := map[string]int{}
	for _, r := range sorted {
		if i, ok := at[r.HeadSHA]; ok {
			groups[i] = append(groups[i], r)
			continue
		}
		at[r.HeadSHA] = len(groups)
		groups = append(groups, []WorkflowRun{r})
	}
	return groups
}

// testedBy is the index of the version runs starting at t tested: the last
// applied version announced (or pushed) at or before t; -1 for none.
func testedBy(versions []Version, t time.Time) int {
	best := -1
	for i, v := range versions {
		if !v.Applied {
			continue // it was not pushed: nothing ran on it
		}
		since := v.At
		if !v.PushedAt.IsZero() {
			since = v.PushedAt
		}
		if !since.After(t) {
			best = i
		}
	}
	return best
}

// Verdict is what a version's latest run said, in words and counts:
// "✗ 2 of 38 jobs failed", "✓ 38 jobs passed", "● running".
func (tv TestedVersion) Verdict() (Verdict, string) {
	if len(tv.Runs) == 0 {
		if tv.Version.LabelVerdict == "fail" {
			return VerdictFailed, "✗ (label)"
		} else if tv.Version.LabelVerdict == "pass" {
			return VerdictPassed, "✓ (label)"
		}
		return "", "no runs"
	}
	return tv.Runs[len(tv.Runs)-1].Verdict()
}

// Verdict is what one run said.
func (r RunResult) Verdict() (Verdict, string) {
	if !r.Run.Completed() {
		return VerdictRunning, "● running"
	}
	if !r.JobsLoaded {
		if isFailure(r.Run.Conclusion) {
			return VerdictFailed, "✗ " + r.Run.Conclusion
		}
		if r.Run.Conclusion == "success" {
			return VerdictPassed, "✓ passed" // its jobs, not yet asked for, would say how many
		}
		return runVerdict(r.Run.Conclusion), r.Run.Conclusion
	}
	failed := r.FailedJobs()
	if len(failed) > 0 {
		return VerdictFailed, fmt.Sprintf("✗ %d of %d jobs failed", len(failed), len(r.Jobs))
	}
	if isFailure(r.Run.Conclusion) {
		return VerdictFailed, "✗ " + r.Run.Conclusion
	}
	return runVerdict(r.Run.Conclusion), fmt.Sprintf("✓ %d job%s passed", len(r.Jobs), plural(len(r.Jobs)))
}

func runVerdict(conclusion string) Verdict {
	switch conclusion {
	case "success":
		return VerdictPassed
	case "skipped", "cancelled":
		return VerdictSkipped
	case "failure", "timed_out":
		return VerdictFailed
	}
	return VerdictNeutral
}

// FailedJobs are the run's failed jobs, in its order.
func (r RunResult) FailedJobs() []JobResult {
	var out []JobResult
	for _, j := range r.Jobs {
		if j.Failed() {
			out = append(out, j)
		}
	}
	return out
}

// Where says where a job ran: "test_progs on s390x gcc", or its name.
func (n JobName) Where() string {
	if n.Arch == "" {
		return n.Suite
	}
	return n.Suite + " on " + n.Arch + " " + n.Toolchain
}

// Headline is the history in one line: "tested 4 versions · 9 runs · v4 ✗
// (2 jobs: test_progs on s390x gcc, veristat on x86_64 gcc)".
func (h History) Headline() string { return h.headline("not matched to a version") }

// PartialHeadline is Headline while the timeline is not all loaded: the
// runs not matched are most likely of versions on the pages not read yet,
// which is no fault of the data.
func (h History) PartialHeadline() string {
	return h.headline("runs, their versions on timeline pages not loaded yet")
}

func (h History) headline(unmatched string) string {
	tested, last := 0, -1
	var all []RunResult
	for i, tv := range h.Versions {
		all = append(all, tv.Runs...)
		if len(tv.Runs) > 0 {
			tested++
			last = i
		}
	}
	if len(all)+len(h.Unmatched) == 0 {
		return "no CI runs"
	}
	s := fmt.Sprintf("tested %d version%s · %s", tested, plural(tested), RunCount(all))
	if n := len(h.Unmatched); n > 0 {
		s += fmt.Sprintf(" (%d more %s)", n, unmatched)
	}
	if last < 0 {
		return s
	}
	tv := h.Versions[last]
	verdict, words := tv.Verdict()
	s += " · " + tv.Version.Label() + " "
	if verdict != VerdictFailed {
		return s + words
	}
	failed := tv.Runs[len(tv.Runs)-1].FailedJobs()
	if len(failed) == 0 {
		return s + words
	}
	where := make([]string, 0, min(len(failed), 3))
	for _, j := range failed[:min(len(failed), 3)] {
		where = append(where, j.Name.Where())
	}
	more := ""
	if len(failed) > 3 {
		more = fmt.Sprintf(", %d more", len(failed)-3)
	}
	return s + fmt.Sprintf("✗ (%d job%s: %s%s)", len(failed), plural(len(failed)), strings.Join(where, ", "), more)
}

// RunCount says how many runs results are, re-runs apart (an attempt
// after the first is a result of its own with its run's id): "4 runs",
// "1 run, 1 re-run".
func RunCount(results []RunResult) string {
	ids := map[int64]bool{}
	for _, r := range results {
		ids[r.Run.ID] = true
	}
	runs, reruns := len(ids), len(results)-len(ids)
	s := fmt.Sprintf("%d run%s", runs, plural(runs))
	if reruns > 0 {
		s += fmt.Sprintf(", %d re-run%s", reruns, plural(reruns))
	}
	return s
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// RunsOfPull are the runs of pr's branch that tested pr: those GitHub
// links to it, and those linked to no PR (GitHub lists only open ones)
// that ran while it was open. A branch can serve two PRs (an e2e test PR
// opened again), whose runs must not mix.
func RunsOfPull(runs []WorkflowRun, pr PullRequest) []WorkflowRun {
	out := runs[:0:0]
	for _, r := range runs {
		switch {
		case pr.HeadRepo != "" && r.HeadRepo != "" && !strings.EqualFold(r.HeadRepo, pr.HeadRepo):
			continue // a same-named branch of another repository (a fork's, or the base's own)
		case slices.Contains(r.PullRequests, pr.Number):
		case len(r.PullRequests) > 0:
			continue // another PR's
		case r.CreatedAt.Before(pr.CreatedAt.Add(-time.Hour)):
			continue
		case pr.ClosedAt != nil && r.CreatedAt.After(pr.ClosedAt.Add(time.Hour)):
			continue
		}
		out = append(out, r)
	}
	return out
}
