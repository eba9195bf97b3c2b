package model

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

func job(id int64, name, conclusion string, failed ...string) JobResult {
	return JobResult{Job: Job{ID: id, Name: name, Status: "completed", Conclusion: conclusion}, Name: ParseJobName(name), FailedTests: failed}
}

const (
	x86TestProgs  = "x86_64-gcc / test (test_progs, false, 360) / test_progs on x86_64 with gcc"
	armTestProgs  = "aarch64-gcc / test (test_progs, false, 360) / test_progs on aarch64 with gcc"
	armTestMaps   = "aarch64-gcc / test (test_maps, false, 360) / test_maps on aarch64 with gcc"
	x86Build      = "x86_64-gcc / build / build for x86_64 with gcc"
	structData    = "btf_dump/btf_dump: struct_data"
	mapsLookup    = "test_maps: lookup_batch"
	versionsOfFix = 3
)

// fixHistory is the demo's story: a series that fails at v1 and v2 on one
// selftest on two architectures, with a flaky test_maps job re-run at v2,
// and passes at v3.
func fixHistory() History {
	vs := []Version{
		{Kind: VersionSeries, ID: "1", At: vat(0), PushedAt: vat(0), Applied: true},
		{Kind: VersionSeries, ID: "2", At: vat(24), PushedAt: vat(24), Applied: true},
		{Kind: VersionSeries, ID: "3", At: vat(48), PushedAt: vat(48), Applied: true},
	}
	run := func(id int64, sha string, h, attempt int, conclusion string) WorkflowRun {
		return WorkflowRun{ID: id, HeadSHA: sha, Attempt: attempt, Status: "completed", Conclusion: conclusion, CreatedAt: vat(h).Add(2 * 60e9), Workflow: "bpf-ci"}
	}
	runs := []WorkflowRun{
		run(5, "ccc", 48, 1, "success"),
		run(1, "aaa", 0, 1, "failure"),
		run(2, "bbb", 24, 1, "failure"),
		run(3, "bbb", 26, 2, "failure"),
		run(4, "bbb", 28, 3, "failure"),
	}
	jobs := map[int64][]JobResult{
		1: {job(11, x86Build, "success"), job(12, x86TestProgs, "failure", structData), job(13, armTestProgs, "failure", structData), job(14, armTestMaps, "success")},
		2: {job(21, x86Build, "success"), job(22, x86TestProgs, "failure", structData), job(23, armTestProgs, "failure", structData), job(24, armTestMaps, "failure", mapsLookup)},
		3: {job(31, x86Build, "success"), job(32, x86TestProgs, "failure", structData), job(33, armTestProgs, "failure", structData), job(34, armTestMaps, "success")},
		4: {job(41, x86Build, "success"), job(42, x86TestProgs, "failure", structData), job(43, armTestProgs, "failure", structData), job(44, armTestMaps, "failure", mapsLookup)},
		5: {job(51, x86Build, "success"), job(52, x86TestProgs, "success"), job(53, armTestProgs, "success"), job(54, armTestMaps, "success")},
	}
	return MatchRuns(vs, runs, jobs)
}

func TestMatchRunsToVersions(t *testing.T) {
	h := fixHistory()
	var got [][]int64
	for _, tv := range h.Versions {
		var ids []int64
		for _, r := range tv.Runs {
			ids = append(ids, r.Run.ID)
		}
		got = append(got, ids)
	}
	if want := [][]int64{{1}, {2, 3, 4}, {5}}; !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("runs by version %v, want %v", got, want)
	}
	if h.Versions[1].Version.HeadSHA != "bbb" || len(h.Unmatched) != 0 {
		t.Errorf("head of v2 %q, %d unmatched", h.Versions[1].Version.HeadSHA, len(h.Unmatched))
	}
	if _, words := h.Versions[0].Verdict(); words != "✗ 2 of 4 jobs failed" {
		t.Errorf("v1 verdict %q", words)
	}
	if got := h.Headline(); got != "tested 3 versions · 5 runs · v3 ✓ 4 jobs passed" {
		t.Errorf("headline %q", got)
	}
	// No versions named: each head is one.
	h3 := MatchRuns(nil, []WorkflowRun{{ID: 2, HeadSHA: "bbbbbbbbbb", CreatedAt: vat(3)}, {ID: 1, HeadSHA: "aaaaaaaaaa", CreatedAt: vat(1)}, {ID: 3, HeadSHA: "aaaaaaaaaa", CreatedAt: vat(4)}}, nil)
	if len(h3.Versions) != 2 || h3.Versions[0].Version.Label() != "aaaaaaa" || len(h3.Versions[0].Runs) != 2 || len(h3.Unmatched) != 0 {
		t.Errorf("versions of heads: %+v", h3.Versions)
	}
	// A run before any version, and a version that did not apply.
	vs := []Version{{Kind: VersionSeries, ID: "1", At: vat(10), Applied: true}, {Kind: VersionSeries, ID: "2", At: vat(20)}}
	h2 := MatchRuns(vs, []WorkflowRun{{ID: 9, HeadSHA: "x", CreatedAt: vat(5)}, {ID: 8, HeadSHA: "y", CreatedAt: vat(21)}}, nil)
	if len(h2.Unmatched) != 1 || len(h2.Versions[0].Runs) != 1 || h2.Versions[0].Runs[0].Run.ID != 8 || len(h2.Versions[1].Runs) != 0 {
		t.Errorf("unmatched %v, v1 %v, v2 %v", h2.Unmatched, h2.Versions[0].Runs, h2.Versions[1].Runs)
	}
}

func TestHeadlineNamesTheFailedJobs(t *testing.T) {
	h := fixHistory()
	h.Versions = h.Versions[:2]
	if got := h.Headline(); got != "tested 2 versions · 4 runs · v2 ✗ (3 jobs: test_progs on x86_64 gcc, test_progs on aarch64 gcc, test_maps on aarch64 gcc)" {
		t.Errorf("headline %q", got)
	}
	if got := (History{}).Headline(); got != "no CI runs" {
		t.Errorf("empty: %q", got)
	}
}

func TestTrends(t *testing.T) {
	trends := fixHistory().Trends()
	if len(trends) != 2 {
		t.Fatalf("%d trends: %+v", len(trends), trends)
	}
	sd := trends[0]
	if sd.Test != structData || !slices.Equal(sd.FailedIn, []string{"v1", "v2"}) || sd.FirstFailed != "v1" || !sd.PassedAfter || sd.PassedBefore || sd.Flaky {
		t.Errorf("struct_data: %+v", sd)
	}
	if !slices.Equal(sd.Where, []string{"test_progs on x86_64 gcc", "test_progs on aarch64 gcc"}) {
		t.Errorf("where: %q", sd.Where)
	}
	ml := trends[1]
	if ml.Test != mapsLookup || !ml.Flaky || ml.FlakyFailed != 2 || ml.FlakyRuns != 3 {
		t.Errorf("lookup_batch: %+v", ml)
	}
	if s := ml.String(); !strings.Contains(s, "flaky: failed in 2 of 3 runs on the same code") || !strings.Contains(s, "passed again") {
		t.Errorf("lookup_batch says %q", s)
	}
	if s := sd.String(); s != structData+": passed again after failing in v1, v2" {
		t.Errorf("struct_data says %q", s)
	}
}

func TestRunsOfPull(t *testing.T) {
	closed := vat(100)
	pr := PullRequest{Number: 11, CreatedAt: vat(10), ClosedAt: &closed}
	runs := []WorkflowRun{
		{ID: 1, PullRequests: []int{11}, CreatedAt: vat(20)},
		{ID: 2, PullRequests: []int{201}, CreatedAt: vat(20)}, // the branch's other PR
		{ID: 3, CreatedAt: vat(50)},                           // closed since: GitHub lists no PR
		{ID: 4, CreatedAt: vat(5)},                            // before it was opened
		{ID: 5, CreatedAt: vat(200)},                          // after it closed
		{ID: 6, PullRequests: []int{201, 11}, CreatedAt: vat(300)},
	}
	var ids []int64
	for _, r := range RunsOfPull(runs, pr) {
		ids = append(ids, r.ID)
	}
	if !slices.Equal(ids, []int64{1, 3, 6}) {
		t.Errorf("runs of #11: %v, want [1 3 6]", ids)
	}
}

// TestOneHeadPerVersion: a second head after a version is a version not
// known (the timeline's page naming it is not loaded), not the same one.
func TestOneHeadPerVersion(t *testing.T) {
	vs := []Version{{Kind: VersionUpstream, ID: "aaaaaaa", At: vat(0), Applied: true}}
	runs := []WorkflowRun{
		{ID: 1, HeadSHA: "sha-a", CreatedAt: vat(1), Status: "completed", Conclusion: "success"},
		{ID: 2, HeadSHA: "sha-a", CreatedAt: vat(2), Attempt: 2, Status: "completed", Conclusion: "success"},
		{ID: 3, HeadSHA: "sha-b", CreatedAt: vat(5), Status: "completed", Conclusion: "success"},
	}
	h := MatchRuns(vs, runs, nil)
	if len(h.Versions[0].Runs) != 2 || len(h.Unmatched) != 1 || h.Unmatched[0].Run.ID != 3 {
		t.Errorf("v runs %d, unmatched %v", len(h.Versions[0].Runs), h.Unmatched)
	}
	if got := h.Headline(); got != "tested 1 version · 2 runs (1 more not matched to a version) · aaaaaaa ✓ passed" {
		t.Errorf("headline %q", got)
	}
}

// TestPassNeedsTheSamePlaceAndAWholeList: a job passing elsewhere, or
// failing with a list GitHub may have cut, says nothing of a test.
func TestPassNeedsTheSamePlaceAndAWholeList(t *testing.T) {
	s390 := "s390x-gcc / test (test_progs, false, 360) / test_progs on s390x with gcc"
	vs := []Version{
		{Kind: VersionSeries, ID: "1", At: vat(0), Applied: true},
		{Kind: VersionSeries, ID: "2", At: vat(10), Applied: true},
		{Kind: VersionSeries, ID: "3", At: vat(20), Applied: true},
	}
	runs := []WorkflowRun{
		{ID: 1, HeadSHA: "a", CreatedAt: vat(1), Status: "completed", Conclusion: "failure"},
		{ID: 2, HeadSHA: "b", CreatedAt: vat(11), Status: "completed", Conclusion: "failure"},
		{ID: 3, HeadSHA: "c", CreatedAt: vat(21), Status: "completed", Conclusion: "success"},
	}
	ten := make([]Annotation, maxAnnotationsKept)
	for i := range ten {
		ten[i] = Annotation{Message: "#" + strconv.Itoa(i+1) + " other_" + strconv.Itoa(i)}
	}
	jobs := map[int64][]JobResult{
		1: {NewJobResult(Job{ID: 11, Name: s390, Conclusion: "failure"}, []Annotation{{Message: "#5 victim"}}, nil)},
		2: {NewJobResult(Job{ID: 21, Name: s390, Conclusion: "failure"}, ten, nil)},         // cut: may hide victim
		3: {NewJobResult(Job{ID: 31, Name: x86TestProgs, Conclusion: "success"}, nil, nil)}, // another arch
	}
	trends := MatchRuns(vs, runs, jobs).Trends()
	if len(trends) == 0 || trends[0].Test != "victim" {
		t.Fatalf("trends %+v", trends)
	}
	if v := trends[0]; v.PassedAfter || len(v.PassedIn) != 0 {
		t.Errorf("victim passed by a cut list or another arch: %+v", v)
	}
}

// Two heads pushed in the same second, no versions named: each head is
// its own version.
func TestHeadsInTheSameSecond(t *testing.T) {
	runs := []WorkflowRun{{ID: 1, HeadSHA: "a", CreatedAt: vat(1)}, {ID: 2, HeadSHA: "b", CreatedAt: vat(1)}}
	h := MatchRuns(nil, runs, nil)
	if len(h.Unmatched) != 0 || len(h.Versions) != 2 || len(h.Versions[0].Runs) != 1 || len(h.Versions[1].Runs) != 1 {
		t.Errorf("versions %+v, unmatched %v", h.Versions, h.Unmatched)
	}
}

// TestPartialHeadlineSaysWhyRunsAreNotMatched: while the timeline is not
// all loaded, runs with no version yet are said to be of versions on the
// pages not read, not "not matched" as if the data were at fault.
func TestPartialHeadlineSaysWhyRunsAreNotMatched(t *testing.T) {
	h := History{Unmatched: []RunResult{{Run: WorkflowRun{ID: 1}}, {Run: WorkflowRun{ID: 2}}}}
	if got := h.Headline(); !strings.Contains(got, "(2 more not matched to a version)") {
		t.Errorf("headline %q", got)
	}
	if got := h.PartialHeadline(); !strings.Contains(got, "(2 more runs, their versions on timeline pages not loaded yet)") {
		t.Errorf("partial headline %q", got)
	}
}
