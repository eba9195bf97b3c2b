package model

import (
	"strings"
	"testing"
	"time"
)

func atMin(min int) *time.Time {
	t := time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC).Add(time.Duration(min) * time.Minute)
	return &t
}

func run(name, status, conclusion string) CheckRun {
	return CheckRun{Name: name, Status: status, Conclusion: conclusion, App: "GitHub Actions"}
}

func TestRunVerdict(t *testing.T) {
	tests := []struct {
		status, conclusion string
		want               Verdict
	}{
		{"completed", "success", VerdictPassed},
		{"completed", "failure", VerdictFailed},
		{"completed", "timed_out", VerdictFailed},
		{"completed", "cancelled", VerdictFailed},
		{"completed", "action_required", VerdictFailed},
		{"completed", "startup_failure", VerdictFailed},
		{"completed", "skipped", VerdictSkipped},
		{"completed", "neutral", VerdictNeutral},
		{"completed", "stale", VerdictNeutral},
		{"completed", "", VerdictNeutral},
		{"completed", "a_future_word", VerdictNeutral},
		{"queued", "", VerdictRunning},
		{"in_progress", "", VerdictRunning},
		{"waiting", "", VerdictRunning},
		{"requested", "", VerdictRunning},
		{"pending", "", VerdictRunning},
		// A conclusion is only final once the run is completed.
		{"in_progress", "failure", VerdictRunning},
	}
	for _, tt := range tests {
		if got := RunVerdict(tt.status, tt.conclusion); got != tt.want {
			t.Errorf("RunVerdict(%q, %q) = %q, want %q", tt.status, tt.conclusion, got, tt.want)
		}
	}
}

func TestStatusVerdict(t *testing.T) {
	tests := map[string]Verdict{
		"success": VerdictPassed, "failure": VerdictFailed, "error": VerdictFailed,
		"pending": VerdictRunning, "": VerdictNeutral, "weird": VerdictNeutral,
	}
	for state, want := range tests {
		if got := StatusVerdict(state); got != want {
			t.Errorf("StatusVerdict(%q) = %q, want %q", state, got, want)
		}
	}
}

func TestSummarizeChecks(t *testing.T) {
	tests := []struct {
		name     string
		runs     []CheckRun
		statuses []CommitStatus
		want     string // Summary()
		state    Verdict
		order    []string // names in display order
	}{
		{name: "nothing", want: "", state: ""},
		{
			name:  "all passing",
			runs:  []CheckRun{run("lint", "completed", "success"), run("build", "completed", "success")},
			want:  "2 passed",
			state: VerdictPassed,
			order: []string{"build", "lint"},
		},
		{
			name: "failing first, then running, then the rest by name",
			runs: []CheckRun{
				run("zeta", "completed", "success"),
				run("alpha", "completed", "success"),
				run("test-x86", "in_progress", ""),
				run("test-arm", "completed", "failure"),
				run("docs", "completed", "skipped"),
				run("Bench", "queued", ""),
				run("meta", "completed", "neutral"),
			},
			want:  "2 passed · 1 failed · 2 running · 1 skipped · 1 neutral",
			state: VerdictFailed,
			order: []string{"test-arm", "Bench", "test-x86", "alpha", "docs", "meta", "zeta"},
		},
		{
			name:  "running without failures is running",
			runs:  []CheckRun{run("a", "completed", "success"), run("b", "queued", "")},
			want:  "1 passed · 1 running",
			state: VerdictRunning,
			order: []string{"b", "a"},
		},
		{
			name:  "only skipped is neutral overall",
			runs:  []CheckRun{run("a", "completed", "skipped")},
			want:  "1 skipped",
			state: VerdictNeutral,
			order: []string{"a"},
		},
		{
			name: "statuses merge with runs; the newest per context wins",
			runs: []CheckRun{run("build", "completed", "success")},
			statuses: []CommitStatus{
				{Context: "ci/jenkins", State: "success", CreatedAt: *atMin(10)},
				{Context: "ci/jenkins", State: "failure", CreatedAt: *atMin(5)},
				{Context: "security", State: "pending", CreatedAt: *atMin(1)},
				{Context: "security", State: "error", CreatedAt: *atMin(2)},
			},
			want:  "2 passed · 1 failed",
			state: VerdictFailed,
			order: []string{"security", "build", "ci/jenkins"},
		},
		{
			name: "a re-run replaces the earlier run of the same app and name",
			runs: []CheckRun{
				{ID: 1, Name: "test", App: "CI", Status: "completed", Conclusion: "failure", StartedAt: atMin(0)},
				{ID: 2, Name: "test", App: "CI", Status: "completed", Conclusion: "success", StartedAt: atMin(30)},
				{ID: 3, Name: "test", App: "Other", Status: "completed", Conclusion: "failure", StartedAt: atMin(0)},
			},
			want:  "1 passed · 1 failed",
			state: VerdictFailed,
			order: []string{"test", "test"},
		},
		{
			name: "without start times the higher id is newer",
			runs: []CheckRun{
				{ID: 9, Name: "test", App: "CI", Status: "in_progress"},
				{ID: 4, Name: "test", App: "CI", Status: "completed", Conclusion: "success"},
			},
			want:  "1 running",
			state: VerdictRunning,
			order: []string{"test"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := SummarizeChecks(tt.runs, tt.statuses)
			if got := c.Summary(); got != tt.want {
				t.Errorf("Summary() = %q, want %q", got, tt.want)
			}
			if c.State != tt.state {
				t.Errorf("State = %q, want %q", c.State, tt.state)
			}
			var names []string
			for _, it := range c.Items {
				names = append(names, it.Name)
			}
			if strings.Join(names, ",") != strings.Join(tt.order, ",") {
				t.Errorf("order = %v, want %v", names, tt.order)
			}
			if n := c.Passed + c.Failed + c.Running + c.Skipped + c.Neutral; n != len(c.Items) {
				t.Errorf("counts add to %d, items %d", n, len(c.Items))
			}
		})
	}
}

func TestCheckDetails(t *testing.T) {
	runs := []CheckRun{
		{Name: "build", App: "GitHub Actions", Status: "completed", Conclusion: "success",
			StartedAt: atMin(0), CompletedAt: atMin(3), HTMLURL: "https://github.com/o/r/runs/1", DetailsURL: "https://ci/1", Summary: "Build ok"},
		{Name: "running", App: "GitHub Actions", Status: "in_progress", StartedAt: atMin(0), DetailsURL: "https://ci/2"},
		{Name: "clock-skew", App: "X", Status: "completed", Conclusion: "failure", StartedAt: atMin(5), CompletedAt: atMin(1)},
		{Name: "skipped", App: "X", Status: "completed", Conclusion: "skipped", StartedAt: atMin(5), CompletedAt: atMin(5)},
	}
	statuses := []CommitStatus{{Context: "jenkins", State: "error", Description: "Build broke", TargetURL: "https://jenkins/1"}}
	c := SummarizeChecks(runs, statuses)
	byName := map[string]Check{}
	for _, it := range c.Items {
		byName[it.Name] = it
	}
	b := byName["build"]
	if !b.HasDuration || b.Duration != 3*time.Minute || b.Result != "success" || b.URL != "https://github.com/o/r/runs/1" || b.Source != "GitHub Actions" || b.Summary != "Build ok" {
		t.Errorf("build = %+v", b)
	}
	r := byName["running"]
	if r.HasDuration || r.Result != "in_progress" || r.URL != "https://ci/2" {
		t.Errorf("running = %+v (no duration until done; details URL when no html_url)", r)
	}
	if s := byName["clock-skew"]; s.HasDuration {
		t.Errorf("a run that ends before it starts has no duration: %+v", s)
	}
	if s := byName["skipped"]; s.HasDuration || s.Verdict != VerdictSkipped {
		t.Errorf("a skipped run has no duration to show: %+v", s)
	}
	j := byName["jenkins"]
	if !j.IsStatus || j.Source != "status" || j.Result != "error" || j.Verdict != VerdictFailed || j.URL != "https://jenkins/1" || j.Summary != "Build broke" {
		t.Errorf("jenkins = %+v", j)
	}
	if f := c.Failing(); len(f) != 2 || f[0].Name != "clock-skew" || f[1].Name != "jenkins" {
		t.Errorf("Failing() = %+v", f)
	}
}

func TestSummarizeChecksSanitizes(t *testing.T) {
	c := SummarizeChecks(
		[]CheckRun{{Name: "evil\x1b[2Jname\nsecond", App: "app\x07", Status: "completed", Conclusion: "failure", Summary: "\x1b]8;;x\x07t"}},
		[]CommitStatus{{Context: "ctx\r\x1b[31m", State: "failure", Description: "d\x1b[0m"}})
	for _, it := range c.Items {
		for _, s := range []string{it.Name, it.Source, it.Result, it.URL, it.Summary} {
			if strings.ContainsAny(s, "\x1b\x07\r\n") {
				t.Errorf("unsanitized %q in %+v", s, it)
			}
		}
	}
}

func TestFormatDuration(t *testing.T) {
	tests := map[time.Duration]string{
		0:                                       "0s",
		45 * time.Second:                        "45s",
		1500 * time.Millisecond:                 "2s",
		3*time.Minute + 12*time.Second:          "3m12s",
		time.Hour + 4*time.Minute + 59e9:        "1h04m",
		26*time.Hour + 30*time.Minute:           "26h30m",
		59*time.Minute + 59*time.Second:         "59m59s",
		59*time.Minute + 59500*time.Millisecond: "1h00m",
	}
	for d, want := range tests {
		if got := FormatDuration(d); got != want {
			t.Errorf("FormatDuration(%v) = %q, want %q", d, got, want)
		}
	}
}

// TestSameNamedChecksOfTwoWorkflows: two workflows' "build" jobs are two
// check suites, so both show; a re-run inside one suite replaces its run.
func TestSameNamedChecksOfTwoWorkflows(t *testing.T) {
	t1, t2 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 1, 1, 1, 0, 0, 0, time.UTC)
	a := run("build", "completed", "success")
	a.Suite, a.StartedAt = 1, &t1
	b := run("build", "completed", "failure")
	b.Suite, b.StartedAt = 2, &t1
	rerun := run("build", "completed", "success")
	rerun.Suite, rerun.StartedAt = 2, &t2
	if got := SummarizeChecks([]CheckRun{a, b}, nil).Summary(); got != "1 passed · 1 failed" {
		t.Errorf("two workflows' build: %q, want both", got)
	}
	if got := SummarizeChecks([]CheckRun{a, b, rerun}, nil).Summary(); got != "2 passed" {
		t.Errorf("after a re-run of the failed one: %q", got)
	}
}
