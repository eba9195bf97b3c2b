package model

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// CheckRun is one GitHub check run on a commit (GET
// /repos/{o}/{r}/commits/{sha}/check-runs), slimmed to what prscope shows.
type CheckRun struct {
	ID         int64
	Name       string
	Status     string // queued, in_progress, completed (also waiting, requested, pending)
	Conclusion string // success, failure, neutral, cancelled, skipped, timed_out, action_required, stale; "" until completed
	StartedAt  *time.Time
	// CompletedAt is nil until the run completes.
	CompletedAt *time.Time
	HTMLURL     string
	DetailsURL  string
	App         string // the GitHub App that ran it (app.name)
	// Suite is its check suite (check_suite.id): one per workflow run, so
	// two workflows' same-named jobs are two checks, and a re-run, in the
	// same suite, replaces what it re-ran. 0 when not said.
	Suite   int64
	Summary string // output.title
}

// CommitStatus is one commit status (the older statuses API, GET
// /repos/{o}/{r}/commits/{sha}/status), as CI systems like Jenkins post them.
type CommitStatus struct {
	Context     string
	State       string // success, failure, error, pending
	Description string
	TargetURL   string
	CreatedAt   time.Time
}

// Verdict is what one check, or all of them, came to.
type Verdict string

const (
	VerdictPassed  Verdict = "passed"
	VerdictFailed  Verdict = "failed"
	VerdictRunning Verdict = "running"
	VerdictSkipped Verdict = "skipped"
	VerdictNeutral Verdict = "neutral"
)

// Check is one line of a commit's CI: a check run or a commit status,
// with its verdict.
type Check struct {
	Name    string
	Source  string // the app's name for a check run; "status" for a commit status
	Verdict Verdict
	// Result is GitHub's own word: a completed run's conclusion, a running
	// one's status, a commit status's state.
	Result   string
	URL      string // where to read more: the run's page, or the status's target
	Summary  string // output.title, or the status's description
	Duration time.Duration
	// HasDuration is set when both ends of the run are known.
	HasDuration bool
	IsStatus    bool // a commit status rather than a check run
}

// Checks is a commit's CI at a glance: one verdict per check, counted.
type Checks struct {
	Items                                     []Check // failing first, then running, then the rest, each by name
	Passed, Failed, Running, Skipped, Neutral int
	// State is the commit's overall verdict: failed when anything failed,
	// else running while anything runs, else passed when anything passed,
	// else neutral; "" when there are no checks.
	State Verdict
}

// SummarizeChecks merges a commit's check runs and statuses into one
// verdict per check. As on GitHub, only the newest status of each context
// counts, and of check runs that share an app and a name (re-runs) only the
// newest. Strings are sanitized again here, cheaply, so nothing drawn from
// the result depends on every caller having done it.
func SummarizeChecks(runs []CheckRun, statuses []CommitStatus) Checks {
	var c Checks
	for _, r := range latestRuns(runs) {
		c.Items = append(c.Items, checkOfRun(r))
	}
	for _, s := range latestStatuses(statuses) {
		c.Items = append(c.Items, checkOfStatus(s))
	}
	for _, it := range c.Items {
		switch it.Verdict {
		case VerdictPassed:
			c.Passed++
		case VerdictFailed:
			c.Failed++
		case VerdictRunning:
			c.Running++
		case VerdictSkipped:
			c.Skipped++
		default:
			c.Neutral++
		}
	}
	switch {
	case c.Failed > 0:
		c.State = VerdictFailed
	case c.Running > 0:
		c.State = VerdictRunning
	case c.Passed > 0:
		c.State = VerdictPassed
	case len(c.Items) > 0:
		c.State = VerdictNeutral
	}
	slices.SortStableFunc(c.Items, func(a, b Check) int {
		return cmp.Or(cmp.Compare(verdictRank(a.Verdict), verdictRank(b.Verdict)),
			cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)),
			cmp.Compare(a.Name, b.Name),
			cmp.Compare(a.Source, b.Source))
	})
	return c
}

// verdictRank orders checks for display: what needs attention first.
func verdictRank(v Verdict) int {
	switch v {
	case VerdictFailed:
		return 0
	case VerdictRunning:
		return 1
	}
	return 2
}

// Summary is the counts in words, zeros left out: "12 passed · 1 failed ·
// 2 running"; "" when there are no checks.
func (c Checks) Summary() string {
	var parts []string
	for _, n := range []struct {
		count int
		word  Verdict
	}{{c.Passed, VerdictPassed}, {c.Failed, VerdictFailed}, {c.Running, VerdictRunning}, {c.Skipped, VerdictSkipped}, {c.Neutral, VerdictNeutral}} {
		if n.count > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n.count, n.word))
		}
	}
	return strings.Join(parts, " · ")
}

// Failing returns the checks that failed, in display order.
func (c Checks) Failing() []Check {
	var out []Check
	for _, it := range c.Items {
		if it.Verdict == VerdictFailed {
			out = append(out, it)
		}
	}
	return out
}

// RunVerdict is what a check run came to.
func RunVerdict(status, conclusion string) Verdict {
	if status != "completed" {
		return VerdictRunning // queued, in_progress, waiting, requested, pending
	}
	switch conclusion {
	case "success":
		return VerdictPassed
	case "failure", "timed_out", "cancelled", "action_required", "startup_failure":
		return VerdictFailed
	case "skipped":
		return VerdictSkipped
	}
	return VerdictNeutral // neutral, stale, or a word GitHub adds later
}

// StatusVerdict is what a commit status's state came to.
func StatusVerdict(state string) Verdict {
	switch state {
	case "success":
		return VerdictPassed
	case "failure", "error":
		return VerdictFailed
	case "pending":
		return VerdictRunning
	}
	return VerdictNeutral
}

func checkOfRun(r CheckRun) Check {
	c := Check{
		Name:    SanitizeLine(r.Name),
		Source:  SanitizeLine(r.App),
		Verdict: RunVerdict(r.Status, r.Conclusion),
		Result:  SanitizeLine(r.Status),
		URL:     SanitizeLine(cmp.Or(r.HTMLURL, r.DetailsURL)),
		Summary: SanitizeLine(r.Summary),
	}
	if r.Status == "completed" {
		c.Result = SanitizeLine(cmp.Or(r.Conclusion, r.Status))
		// A skipped job never ran: its length says nothing.
		if r.StartedAt != nil && r.CompletedAt != nil && !r.CompletedAt.Before(*r.StartedAt) && r.Conclusion != "skipped" {
			c.Duration, c.HasDuration = r.CompletedAt.Sub(*r.StartedAt), true
		}
	}
	return c
}

func checkOfStatus(s CommitStatus) Check {
	return Check{
		Name:     SanitizeLine(s.Context),
		Source:   "status",
		Verdict:  StatusVerdict(s.State),
		Result:   SanitizeLine(s.State),
		URL:      SanitizeLine(s.TargetURL),
		Summary:  SanitizeLine(s.Description),
		IsStatus: true,
	}
}

// latestRuns keeps, of runs sharing an app and a name, the newest: the one
// started last, else the one with the highest id (ids grow).
func latestRuns(runs []CheckRun) []CheckRun {
	type key struct {
		app   string
		suite int64
		name  string
	}
	pos := map[key]int{}
	var out []CheckRun
	for _, r := range runs {
		k := key{r.App, r.Suite, r.Name}
		i, seen := pos[k]
		if !seen {
			pos[k] = len(out)
			out = append(out, r)
			continue
		}
		if newerRun(r, out[i]) {
			out[i] = r
		}
	}
	return out
}

func newerRun(a, b CheckRun) bool {
	if a.StartedAt != nil && b.StartedAt != nil && !a.StartedAt.Equal(*b.StartedAt) {
		return a.StartedAt.After(*b.StartedAt)
	}
	return a.ID > b.ID
}

// latestStatuses keeps the newest status of each context; of two equally
// new, the first listed (GitHub lists newest first).
func latestStatuses(statuses []CommitStatus) []CommitStatus {
	pos := map[string]int{}
	var out []CommitStatus
	for _, s := range statuses {
		i, seen := pos[s.Context]
		if !seen {
			pos[s.Context] = len(out)
			out = append(out, s)
			continue
		}
		if s.CreatedAt.After(out[i].CreatedAt) {
			out[i] = s
		}
	}
	return out
}

// FormatDuration is a run's length, short: "45s", "3m12s", "1h04m".
func FormatDuration(d time.Duration) string {
	d = d.Round(time.Second)
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d/time.Second))
	case d < time.Hour:
		return fmt.Sprintf("%dm%02ds", int(d/time.Minute), int(d%time.Minute/time.Second))
	}
	return fmt.Sprintf("%dh%02dm", int(d/time.Hour), int(d%time.Hour/time.Minute))
}
