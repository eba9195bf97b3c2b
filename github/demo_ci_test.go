package github_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/github/fake"

	"github.com/prscope/prscope/github"
	"github.com/prscope/prscope/model"
)

// The demo's CI history, read the way prscope reads it: through the
// client, from the fake server serving DemoDataset.

var demoBPF = model.Repo{Owner: "kernel-patches", Name: "bpf"}

// demoCI is a client of a fake server of the demo.
type demoCI struct {
	t   *testing.T
	c   *github.Client
	srv *fake.FakeServer
	ds  *fake.Dataset
	ctx context.Context
}

func newDemoCI(t *testing.T) *demoCI {
	t.Helper()
	ds, err := fake.DemoDataset()
	if err != nil {
		t.Fatal(err)
	}
	srv := startFakeFor(t, ds, fake.FakeOptions{})
	return &demoCI{t: t, c: clientFor(t, srv.URL, ""), srv: srv, ds: ds, ctx: context.Background()}
}

// story is PR n with its whole timeline (every page) and its versions.
func (d *demoCI) story(n int) (model.PullRequest, []model.Event, []model.Version) {
	d.t.Helper()
	pr, err := d.c.GetPull(d.ctx, demoBPF, n)
	if err != nil {
		d.t.Fatal(err)
	}
	events, err := github.AllPages(fmt.Sprintf("#%d timeline", n), 40, func(e model.Event) string { return e.ID },
		func(page int) ([]model.Event, model.Page, error) { return d.c.Timeline(d.ctx, demoBPF, n, page, 100) })
	if err != nil {
		d.t.Fatal(err)
	}
	return pr, events, model.Versions(pr, events)
}

// runs are the workflow runs of branch, newest first.
func (d *demoCI) runs(branch string) []model.WorkflowRun {
	d.t.Helper()
	runs, err := github.AllPages("runs of "+branch, 5, model.WorkflowRunKey, func(page int) ([]model.WorkflowRun, model.Page, error) {
		return d.c.WorkflowRuns(d.ctx, demoBPF, model.RunFilter{Branch: branch}, page, 100)
	})
	if err != nil {
		d.t.Fatal(err)
	}
	return runs
}

// jobs are each run's jobs, a failed job's with its annotations, as the
// history view loads them.
func (d *demoCI) jobs(runs []model.WorkflowRun) map[int64][]model.JobResult {
	d.t.Helper()
	out := map[int64][]model.JobResult{}
	for _, r := range runs {
		jobs, err := github.FetchRunJobs(d.ctx, d.c, demoBPF, r.ID)
		if err != nil {
			d.t.Fatal(err)
		}
		results := make([]model.JobResult, 0, len(jobs))
		for _, j := range jobs {
			var notes []model.Annotation
			if j.Conclusion == "failure" {
				if notes, err = github.FetchJobAnnotations(d.ctx, d.c, demoBPF, j.ID); err != nil {
					d.t.Fatal(err)
				}
			}
			results = append(results, model.NewJobResult(j, notes, nil))
		}
		out[r.ID] = results
	}
	return out
}

// history is PR n's CI history with every job loaded.
func (d *demoCI) history(n int) (model.PullRequest, model.History) {
	d.t.Helper()
	pr, _, versions := d.story(n)
	runs := d.runs(pr.Head)
	return pr, model.MatchRuns(versions, runs, d.jobs(runs))
}

func versionLabels(vs []model.Version) []string {
	var out []string
	for _, v := range vs {
		out = append(out, v.Label())
	}
	return out
}

func runsPerVersion(h model.History) []int {
	var out []int
	for _, tv := range h.Versions {
		out = append(out, len(tv.Runs))
	}
	return out
}

// findJob is the job of run named name.
func findJob(t *testing.T, results []model.JobResult, name string) model.JobResult {
	t.Helper()
	for _, j := range results {
		if j.Job.Name == name {
			return j
		}
	}
	t.Fatalf("no job %q", name)
	return model.JobResult{}
}

const (
	demoX86Progs  = "x86_64-gcc / test (test_progs, false, 360) / test_progs on x86_64 with gcc"
	demoS390xMaps = "s390x-gcc / test (test_maps, false, 360) / test_maps on s390x with gcc"
	demoStruct    = "btf_dump/btf_dump: struct_data"
	demoLookup    = "test_maps: lookup_batch"
)

// No timing bound (a loaded machine would flake it): the build is timed
// so it shows in -v, and BenchmarkDemoDataset measures it.
func TestDemoDatasetBuilds(t *testing.T) {
	start := time.Now()
	ds, err := fake.DemoDataset()
	took := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	repo := ds.Repo(fake.DemoRepo)
	jobs, logBytes := 0, 0
	for _, r := range repo.Runs {
		jobs += len(r.Jobs)
		for _, j := range r.Jobs {
			logBytes += len(j.Log)
		}
	}
	t.Logf("DemoDataset built in %s: %d PRs, %d runs, %d jobs, %d KB of job logs", took, len(repo.Pulls), len(repo.Runs), jobs, logBytes>>10)
}

func BenchmarkDemoDataset(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := fake.DemoDataset(); err != nil {
			b.Fatal(err)
		}
	}
}

// The BPF CI job matrix: 4 builds, 16 test jobs, 4 veristat.
var demoJobNames = func() []string {
	var out []string
	for _, m := range []struct{ arch, tc string }{{"x86_64", "gcc"}, {"x86_64", "llvm-17"}, {"aarch64", "gcc"}, {"s390x", "gcc"}} {
		out = append(out, fmt.Sprintf("%s-%s / build / build for %s with %s", m.arch, m.tc, m.arch, m.tc))
		for _, s := range []string{"test_progs", "test_progs_no_alu32", "test_maps", "test_verifier"} {
			out = append(out, fmt.Sprintf("%s-%s / test (%s, false, 360) / %s on %s with %s", m.arch, m.tc, s, s, m.arch, m.tc))
		}
		out = append(out, fmt.Sprintf("%s-%s / veristat", m.arch, m.tc))
	}
	return out
}()

func TestDemoSeriesRuns(t *testing.T) {
	d := newDemoCI(t)
	for _, tc := range []struct {
		pr, runs int
		branch   string
	}{
		{fake.DemoSeriesPassPR, 1, "series/409561=>bpf-next"},
		{fake.DemoSeriesFixPR, 4, "series/409823=>bpf-next"}, // one re-run: a second attempt of the same run
		{fake.DemoSeriesConflictPR, 1, "series/410203=>bpf-next"},
	} {
		pr, err := d.c.GetPull(d.ctx, demoBPF, tc.pr)
		if err != nil {
			t.Fatal(err)
		}
		if pr.Head != tc.branch || pr.Base != "bpf-next" || pr.User != "kernel-patches-daemon-bpf[bot]" {
			t.Errorf("#%d: head %q base %q user %q", tc.pr, pr.Head, pr.Base, pr.User)
		}
		runs := d.runs(pr.Head)
		if len(runs) != tc.runs {
			t.Fatalf("#%d: %d runs of %s, want %d", tc.pr, len(runs), pr.Head, tc.runs)
		}
		jobs := d.jobs(runs)
		for _, r := range runs {
			if r.Workflow != "bpf-ci" || r.Event != "pull_request" || r.HeadBranch != pr.Head || !r.Completed() ||
				len(model.RunsOfPull([]model.WorkflowRun{r}, pr)) != 1 || len(r.HeadSHA) != 40 { // linked to it, or run while it was open (a closed PR is linked to none)
				t.Errorf("#%d run %d: %+v", tc.pr, r.ID, r)
			}
			failed := false
			for _, a := range model.Attempts(r, jobs[r.ID], true) { // each attempt is the whole matrix
				var names []string
				failed = false
				for _, j := range a.Jobs {
					names = append(names, j.Job.Name)
					failed = failed || j.Failed()
					if j.Name.Arch == "" || j.Name.Toolchain == "" {
						t.Errorf("job %q does not parse as BPF CI's", j.Job.Name)
					}
				}
				if !slices.Equal(names, demoJobNames) {
					t.Errorf("#%d run %d attempt %d jobs %q", tc.pr, r.ID, a.Run.Attempt, names)
				}
			}
			if want := map[bool]string{true: "failure", false: "success"}[failed]; r.Conclusion != want {
				t.Errorf("#%d run %d: conclusion %s, jobs failed: %v", tc.pr, r.ID, r.Conclusion, failed)
			}
		}
	}
	// PR #262's last run tested its head.
	pr, _ := d.c.GetPull(d.ctx, demoBPF, fake.DemoSeriesFixPR)
	if runs := d.runs(pr.Head); runs[0].HeadSHA != pr.HeadSHA || runs[0].Conclusion != "success" {
		t.Errorf("newest run %s %s, head %s", runs[0].HeadSHA, runs[0].Conclusion, pr.HeadSHA)
	}
}

func TestDemoSeriesFixVersions(t *testing.T) {
	d := newDemoCI(t)
	pr, _, vs := d.story(fake.DemoSeriesFixPR)
	if !strings.HasPrefix(pr.Body, "Pull request for series with\nsubject: selftests/bpf: fix btf_dump of struct_data on big-endian\nversion: 1\nurl: https://patchwork.kernel.org/project/netdevbpf/list/?series=409823") {
		t.Errorf("body %q", pr.Body)
	}
	if got := versionLabels(vs); !slices.Equal(got, []string{"v1", "v1 rebased", "v2", "v3"}) {
		t.Fatalf("versions %v, want v1 (then rebased), v2, v3", got)
	}
	var verdicts, series []string
	for _, v := range vs {
		verdicts = append(verdicts, v.LabelVerdict)
		series = append(series, strings.TrimPrefix(v.Series, "https://patchwork.kernel.org/project/netdevbpf/list/?series="))
		if v.Kind != model.VersionSeries || !v.Applied || len(v.Upstream) != 40 || v.Actor != "kernel-patches-daemon-bpf[bot]" {
			t.Errorf("version %+v", v)
		}
	}
	if !slices.Equal(verdicts, []string{"fail", "fail", "fail", "pass"}) || !slices.Equal(series, []string{"409823", "409823", "410944", "412107"}) {
		t.Errorf("label verdicts %v, series %v", verdicts, series)
	}
	if vs[0].Upstream == vs[1].Upstream || !strings.HasPrefix(vs[1].Change, "upstream ") || !vs[0].PushedAt.IsZero() {
		t.Errorf("the rebase: %+v then %+v", vs[0], vs[1])
	}
	for _, v := range vs[1:] {
		if v.PushedAt.IsZero() || v.PushedAt.Sub(v.At) > time.Minute {
			t.Errorf("%s: pushed at %s, announced %s", v.Label(), v.PushedAt, v.At)
		}
	}
	var labels []string
	for _, l := range pr.Labels {
		labels = append(labels, l.Name)
	}
	if !slices.Equal(labels, []string{"bpf-next", "V1-ci-fail", "V2-ci-fail", "V3-ci-pass"}) || pr.State != "open" {
		t.Errorf("labels %v, state %s", labels, pr.State)
	}
}

func TestDemoSeriesFixHistory(t *testing.T) {
	d := newDemoCI(t)
	pr, h := d.history(fake.DemoSeriesFixPR)
	if got := runsPerVersion(h); !slices.Equal(got, []int{1, 1, 2, 1}) || len(h.Unmatched) != 0 {
		t.Fatalf("runs per version %v, %d unmatched; want [1 1 2 1]", got, len(h.Unmatched))
	}
	v2 := h.Versions[2].Runs
	if v2[0].Run.Attempt != 1 || v2[1].Run.Attempt != 2 || v2[0].Run.HeadSHA != v2[1].Run.HeadSHA || v2[0].Run.ID != v2[1].Run.ID {
		t.Errorf("v2's runs: %+v, %+v", v2[0].Run, v2[1].Run)
	}
	if h.Versions[3].Version.HeadSHA != pr.HeadSHA || h.Versions[0].Version.HeadSHA == h.Versions[1].Version.HeadSHA {
		t.Errorf("heads %s %s, PR head %s", h.Versions[0].Version.HeadSHA, h.Versions[3].Version.HeadSHA, pr.HeadSHA)
	}
	var verdicts []string
	for _, tv := range h.Versions {
		_, words := tv.Verdict()
		verdicts = append(verdicts, words)
	}
	if want := []string{"✗ 4 of 24 jobs failed", "✗ 4 of 24 jobs failed", "✗ 4 of 24 jobs failed", "✓ 24 jobs passed"}; !slices.Equal(verdicts, want) {
		t.Errorf("verdicts %q, want %q", verdicts, want)
	}
	if _, words := v2[0].Verdict(); words != "✗ 5 of 24 jobs failed" {
		t.Errorf("v2's first attempt: %q", words)
	}
	if got := h.Headline(); got != "tested 4 versions · 4 runs, 1 re-run · v3 ✓ 24 jobs passed" {
		t.Errorf("headline %q", got)
	}

	trends := h.Trends()
	if len(trends) != 2 {
		t.Fatalf("trends %+v", trends)
	}
	sd, ml := trends[0], trends[1]
	if sd.Test != demoStruct || !slices.Equal(sd.FailedIn, []string{"v1", "v1 rebased", "v2"}) || !slices.Equal(sd.PassedIn, []string{"v3"}) ||
		!sd.PassedAfter || sd.PassedBefore || sd.Flaky {
		t.Errorf("struct_data: %+v", sd)
	}
	if want := []string{"test_progs on x86_64 gcc", "test_progs_no_alu32 on x86_64 gcc", "test_progs on aarch64 gcc", "test_progs_no_alu32 on aarch64 gcc"}; !slices.Equal(sd.Where, want) {
		t.Errorf("struct_data failed on %q", sd.Where)
	}
	if ml.Test != demoLookup || !ml.Flaky || ml.FlakyFailed != 1 || ml.FlakyRuns != 2 || !slices.Equal(ml.Where, []string{"test_maps on s390x gcc"}) ||
		!ml.PassedBefore || !ml.PassedAfter {
		t.Errorf("lookup_batch: %+v", ml)
	}
	if s := ml.String(); !strings.Contains(s, "flaky: failed in 1 of 2 runs on the same code") {
		t.Errorf("lookup_batch says %q", s)
	}
	failed := findJob(t, v2[0].Jobs, demoX86Progs)
	if len(failed.Annotations) != 3 || failed.Annotations[1].Message != "#32/14 btf_dump/btf_dump: struct_data" ||
		failed.Annotations[0].Path != ".github" || failed.Annotations[0].Level != "failure" || failed.Job.FailedStep != "Run tests" {
		t.Errorf("failed job %+v, annotations %+v", failed.Job, failed.Annotations)
	}
}

func TestDemoJobLogs(t *testing.T) {
	d := newDemoCI(t)
	_, h := d.history(fake.DemoSeriesFixPR)
	logOf := func(job model.JobResult) (model.LogSummary, error) {
		return d.c.JobLog(d.ctx, demoBPF, job.Job.ID, 0)
	}

	sum, err := logOf(findJob(t, h.Versions[2].Runs[0].Jobs, demoX86Progs))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(sum.FailedTests, []string{demoStruct}) || sum.Summary != "534/3887 PASSED, 68 SKIPPED, 1 FAILED" || sum.Failed != 1 {
		t.Errorf("failed job's log: %+v", sum)
	}
	if !slices.Equal(sum.Errors, []string{"#32 btf_dump", "#32/14 btf_dump/btf_dump: struct_data", "Process completed with exit code 1."}) ||
		len(sum.ErrorBlock) == 0 || sum.ErrorBlock[0] != "Error: #32/14 btf_dump/btf_dump: struct_data" {
		t.Errorf("errors %q, block %q", sum.Errors, sum.ErrorBlock)
	}
	if sum.Lines > 120 {
		t.Errorf("%d lines: the template should stay small", sum.Lines)
	}

	passed, err := logOf(findJob(t, h.Versions[3].Runs[0].Jobs, demoX86Progs))
	if err != nil {
		t.Fatal(err)
	}
	// The framework's expected failure (test_fail_subtest:FAIL under a test
	// that passes) is no failure.
	if len(passed.FailedTests) != 0 || passed.Summary != "535/3887 PASSED, 68 SKIPPED, 0 FAILED" || len(passed.Errors) != 0 {
		t.Errorf("passing job's log: %+v", passed)
	}

	flaky, err := logOf(findJob(t, h.Versions[2].Runs[0].Jobs, demoS390xMaps))
	if err != nil || !slices.Equal(flaky.FailedTests, []string{demoLookup}) {
		t.Errorf("flaky job's log: %+v, %v", flaky, err)
	}

	// The oldest version's logs are past retention; the rebase's are not.
	_, err = logOf(findJob(t, h.Versions[0].Runs[0].Jobs, demoX86Progs))
	if !errors.Is(err, github.ErrLogExpired) {
		t.Errorf("v1's log: %v, want expired", err)
	}
	if sum, err := logOf(findJob(t, h.Versions[1].Runs[0].Jobs, demoX86Progs)); err != nil || !slices.Equal(sum.FailedTests, []string{demoStruct}) {
		t.Errorf("the rebase's log: %+v, %v", sum, err)
	}
}

// Each log line is stamped as GitHub stamps them, the stamps never go back,
// and a job's log ends when it completed.
func TestDemoJobLogShape(t *testing.T) {
	ds, err := fake.DemoDataset()
	if err != nil {
		t.Fatal(err)
	}
	stamp := regexp.MustCompile(`^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z) `)
	repo := ds.Repo(fake.DemoRepo)
	logs := 0
	for _, r := range repo.Runs {
		for _, j := range r.Jobs {
			if j.LogExpired {
				if j.Log != "" {
					t.Errorf("job %q: an expired log kept its text", j.Name)
				}
				continue
			}
			logs++
			var last time.Time
			for line := range strings.Lines(j.Log) {
				m := stamp.FindStringSubmatch(line)
				if m == nil {
					t.Fatalf("job %q: unstamped line %q", j.Name, line)
				}
				at, _ := time.Parse(time.RFC3339Nano, m[1])
				if at.Before(last) || at.Before(j.StartedAt) {
					t.Fatalf("job %q: %s goes back", j.Name, m[1])
				}
				last = at
			}
			if !last.Equal(j.CompletedAt) || strings.Contains(j.Log, "{") && regexp.MustCompile(`\{[A-Z_0-9]+\}`).MatchString(j.Log) {
				t.Fatalf("job %q: last line at %s, completed %s, or a placeholder left", j.Name, last, j.CompletedAt)
			}
		}
	}
	if logs == 0 {
		t.Fatal("no logs")
	}
}

func TestDemoSeriesConflict(t *testing.T) {
	d := newDemoCI(t)
	pr, events, vs := d.story(fake.DemoSeriesConflictPR)
	if len(vs) != 2 || !vs[0].Applied || vs[0].LabelVerdict != "pass" || vs[1].Applied || vs[1].ID != "2" || !vs[1].PushedAt.IsZero() ||
		vs[1].Series == vs[0].Series {
		t.Fatalf("versions %+v", vs)
	}
	h := model.MatchRuns(vs, d.runs(pr.Head), nil)
	if got := runsPerVersion(h); !slices.Equal(got, []int{1, 0}) {
		t.Errorf("runs per version %v, want [1 0]: v2 was never pushed", got)
	}
	var labels []string
	for _, l := range pr.Labels {
		labels = append(labels, l.Name)
	}
	if pr.State != model.StateClosed || pr.MergedAt != nil || !slices.Equal(labels, []string{"bpf-next", "V1-ci-pass", "merge-conflict"}) {
		t.Errorf("state %s, labels %v", pr.State, labels)
	}
	var comments []string
	for _, e := range events {
		if e.Event == model.KindCommented {
			comments = append(comments, e.Body)
		}
	}
	if len(comments) != 3 || !strings.Contains(comments[1], "Pull request is *NOT* updated. Failed to apply https://patchwork.kernel.org/project/netdevbpf/list/?series=411562\nerror message:\n```\n") ||
		!strings.Contains(comments[1], "\n```\n\nconflict:\n```\n") ||
		comments[2] != "At least one diff in series https://patchwork.kernel.org/project/netdevbpf/list/?series=411562 irrelevant now. Closing PR." {
		t.Errorf("comments %q", comments)
	}
	if last := events[len(events)-1]; last.Event != model.KindClosed {
		t.Errorf("last event %s", last.Event)
	}
}

func TestDemoE2EPR(t *testing.T) {
	d := newDemoCI(t)
	pr, events, vs := d.story(fake.DemoE2EPR)
	if pr.Title != "[test] bpf-next_test" || pr.State != "open" || pr.Head != "bpf-next_test" || pr.Base != "bpf-next_base" ||
		pr.User != "kernel-patches-bot" || !regexp.MustCompile(`^branch: bpf-next_test\nbase: bpf-next\nversion: [0-9a-f]{7}\n?$`).MatchString(pr.Body) {
		t.Fatalf("PR %+v", pr)
	}
	comments, pushes := 0, 0
	for _, e := range events {
		switch e.Event {
		case model.KindCommented:
			comments++
		case model.KindHeadRefForcePushed:
			pushes++
		}
	}
	if comments != fake.DemoE2EComments || pushes != len(vs)-1 {
		t.Errorf("%d comments, %d pushes, %d versions", comments, pushes, len(vs))
	}
	if len(vs) < 45 || len(vs) > 55 {
		t.Fatalf("%d versions, want about 50", len(vs))
	}
	span := vs[len(vs)-1].At.Sub(pr.CreatedAt)
	if span < 90*24*time.Hour {
		t.Errorf("the comments span %s, want several months", span)
	}
	for i, v := range vs {
		if v.Kind != model.VersionUpstream || len(v.ID) != 7 || (i > 0 && (v.PushedAt.IsZero() || v.ID == vs[i-1].ID)) {
			t.Errorf("version %d: %+v", i, v)
		}
	}

	runs := d.runs(pr.Head)
	h := model.MatchRuns(vs, runs, d.jobs(runs))
	for i, n := range runsPerVersion(h) {
		if n != 1 {
			t.Errorf("version %d has %d runs", i, n)
		}
	}
	if len(h.Unmatched) != 0 || h.Versions[len(vs)-1].Version.HeadSHA != pr.HeadSHA {
		t.Errorf("%d unmatched; last version's head %s, PR's %s", len(h.Unmatched), h.Versions[len(vs)-1].Version.HeadSHA, pr.HeadSHA)
	}
	failing := map[string]int{}
	for _, tv := range h.Versions {
		for _, j := range tv.Runs[0].FailedJobs() {
			failing[j.Name.Where()]++
		}
	}
	if len(failing) != 2 || failing["veristat on s390x gcc"] < 2 || failing["test_verifier on aarch64 gcc"] < 2 {
		t.Errorf("failing jobs %v, want a few of veristat on s390x and test_verifier on aarch64", failing)
	}
	t.Logf("%d comments, %d versions over %s, %d runs; failed: %v", comments, len(vs), span.Round(time.Hour), len(runs), failing)
	first := h.Versions[0].Runs[0].Jobs[0]
	if _, err := d.c.JobLog(d.ctx, demoBPF, first.Job.ID, 0); !errors.Is(err, github.ErrLogExpired) {
		t.Errorf("the first version's log: %v, want expired", err)
	}
}

// PR #11 (the real one) gets no runs of its own: the seed shows none. Its
// head branch is #201's, though, so the runs of bpf-next_test GitHub lists
// are all #201's pushes, every one made after #201 opened; a history that
// asks by branch alone must tell them apart.
func TestDemoPR11HasNoRuns(t *testing.T) {
	d := newDemoCI(t)
	pr11, err := d.c.GetPull(d.ctx, demoBPF, 11)
	if err != nil {
		t.Fatal(err)
	}
	pr201, _, vs := d.story(fake.DemoE2EPR)
	heads := map[string]bool{}
	for _, tv := range model.MatchRuns(vs, d.runs(pr201.Head), nil).Versions {
		heads[tv.Version.HeadSHA] = true
	}
	for _, r := range d.runs(pr11.Head) {
		if r.HeadSHA == pr11.HeadSHA || !heads[r.HeadSHA] || r.CreatedAt.Before(pr201.CreatedAt) {
			t.Errorf("run %d on %s (%s) is not one of #201's", r.ID, r.HeadSHA, r.CreatedAt)
		}
	}
	for _, r := range d.ds.Repo(fake.DemoRepo).Runs {
		if r.HeadSHA == pr11.HeadSHA {
			t.Errorf("run %d is on #11's head", r.ID)
		}
	}
}

// The CI PRs hold together as GitHub's would: timelines in order, labels
// that add up, the commits named there, and every run's head, stored.
func TestDemoCIPullsConsistent(t *testing.T) {
	ds, err := fake.DemoDataset()
	if err != nil {
		t.Fatal(err)
	}
	repo := ds.Repo(fake.DemoRepo)
	newest := time.Time{}
	for _, p := range repo.Pulls {
		if p.Number <= 260 && p.CreatedAt.After(newest) {
			newest = p.CreatedAt
		}
	}
	for _, n := range []int{fake.DemoE2EPR, fake.DemoSeriesPassPR, fake.DemoSeriesFixPR, fake.DemoSeriesConflictPR} {
		p := repo.Pull(n)
		if p == nil || p.Synthetic || strings.HasPrefix(p.Body, fake.SyntheticMarker) {
			t.Fatalf("#%d: %+v", n, p)
		}
		var labels []string
		for i, e := range p.Timeline {
			if i > 0 && e.CreatedAt.Before(p.Timeline[i-1].CreatedAt) {
				t.Errorf("#%d: event %d out of order", n, i)
			}
			if e.Event == model.KindLabeled {
				labels = append(labels, e.Label)
			}
			if e.Event == model.KindCommitted && repo.Commits[e.SHA] == nil {
				t.Errorf("#%d: commit %s not stored", n, e.SHA)
			}
		}
		if !slices.Equal(labels, p.Labels) || repo.Commits[p.HeadSHA] == nil || p.UpdatedAt.Before(p.Timeline[len(p.Timeline)-1].CreatedAt) {
			t.Errorf("#%d: labels %v (timeline %v), head %s", n, p.Labels, labels, p.HeadSHA)
		}
		if n > 260 && !p.CreatedAt.After(newest) {
			t.Errorf("#%d opened %s, not after every synthetic PR (%s)", n, p.CreatedAt, newest)
		}
	}
	for _, r := range repo.Runs {
		if repo.Commits[r.HeadSHA] == nil {
			t.Errorf("run %d: head %s not stored", r.ID, r.HeadSHA)
		}
	}
}
