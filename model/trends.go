package model

import (
	"fmt"
	"slices"
	"strings"
)

// TestTrend is one failing test's story across a PR's versions: when it
// first failed, whether it passed before and after, and whether it failed
// and passed on the same code (flaky).
type TestTrend struct {
	Test        string
	Where       []string // where it failed: "test_progs on x86_64 gcc", each once
	FailedIn    []string // the versions it failed in, oldest first
	PassedIn    []string // the versions it passed in
	FirstFailed string
	// PassedBefore and PassedAfter: it passed in a version before it first
	// failed, or after it last failed.
	PassedBefore, PassedAfter bool
	// Flaky: on one head commit it both failed and passed; FlakyFailed of
	// FlakyRuns runs on that commit failed it.
	Flaky                  bool
	FlakyFailed, FlakyRuns int
}

type outcome int

const (
	unknown outcome = iota
	passed
	failed
)

// Trends are the stories of every test that failed in some run, in the
// order they first failed.
func (h History) Trends() []TestTrend {
	var order []string
	places := map[string][]string{} // test → where it failed (suite on arch toolchain)
	for _, tv := range h.Versions {
		for _, r := range tv.Runs {
			for _, j := range r.Jobs {
				for _, t := range j.FailedTests {
					if _, ok := places[t]; !ok {
						order = append(order, t)
					}
					if w := j.Name.Where(); !slices.Contains(places[t], w) {
						places[t] = append(places[t], w)
					}
				}
			}
		}
	}
	out := make([]TestTrend, 0, len(order))
	for _, t := range order {
		out = append(out, h.trend(t, places[t]))
	}
	return out
}

func (h History) trend(test string, places []string) TestTrend {
	tr := TestTrend{Test: test}
	bySHA := map[string][2]int{} // head SHA → failed, known runs
	lastFail, firstFail := -1, -1
	for vi, tv := range h.Versions {
		vFailed, vPassed := false, false
		for _, r := range tv.Runs {
			o := runOutcome(r, test, places, &tr.Where)
			if o == unknown {
				continue
			}
			c := bySHA[r.Run.HeadSHA]
			c[1]++
			if o == failed {
				c[0]++
				vFailed = true
			} else {
				vPassed = true
			}
			bySHA[r.Run.HeadSHA] = c
		}
		label := tv.Version.Label()
		if vFailed {
			tr.FailedIn = append(tr.FailedIn, label)
			if firstFail < 0 {
				firstFail = vi
			}
			lastFail = vi
		}
		if vPassed {
			tr.PassedIn = append(tr.PassedIn, label)
			tr.PassedBefore = tr.PassedBefore || firstFail < 0
		}
	}
	if firstFail >= 0 {
		tr.FirstFailed = h.Versions[firstFail].Version.Label()
		tr.PassedAfter = passedAfter(h, test, places, lastFail)
	}
	for _, c := range bySHA {
		if c[0] > 0 && c[0] < c[1] && (!tr.Flaky || c[1] > tr.FlakyRuns) {
			tr.Flaky, tr.FlakyFailed, tr.FlakyRuns = true, c[0], c[1]
		}
	}
	return tr
}

// passedAfter reports a pass in a version after index last.
func passedAfter(h History, test string, places []string, last int) bool {
	var where []string
	for _, tv := range h.Versions[last+1:] {
		for _, r := range tv.Runs {
			if runOutcome(r, test, places, &where) == passed {
				return true
			}
		}
	}
	return false
}

// runOutcome is what run r says of test: failed when a job lists it;
// passed when a job where it failed elsewhere (the same suite on the same
// arch and toolchain) passed, or failed with its whole list of failures
// known and this test not on it (a job that failed naming none, say its
// build broke, or whose list may be cut, says nothing of it); else
// unknown. Where the test failed is added to where.
func runOutcome(r RunResult, test string, places []string, where *[]string) outcome {
	o := unknown
	for _, j := range r.Jobs {
		switch w := j.Name.Where(); {
		case slices.Contains(j.FailedTests, test):
			if !slices.Contains(*where, w) {
				*where = append(*where, w)
			}
			o = failed
		case o == unknown && slices.Contains(places, w) &&
			(j.Job.Conclusion == "success" || (j.Failed() && len(j.FailedTests) > 0 && j.FailuresComplete)):
			o = passed
		}
	}
	return o
}

// String says the trend in a few words: "btf_dump/struct_data: failing
// since v3", "fixed in v3 (failed in v1, v2)", "flaky: failed in 2 of 5
// runs on the same code".
func (t TestTrend) String() string {
	var s string
	switch {
	case t.PassedAfter:
		s = "passed again after failing in " + listVersions(t.FailedIn)
	case t.PassedBefore:
		s = "failing since " + t.FirstFailed + " (passed before)"
	default:
		s = "failing since " + t.FirstFailed
	}
	if t.Flaky { // first: it says the most, and a narrow pane cuts the end
		s = fmt.Sprintf("flaky: failed in %d of %d runs on the same code · %s", t.FlakyFailed, t.FlakyRuns, s)
	}
	return t.Test + ": " + s
}

// listVersions names versions, the first two and the last of a long list:
// "v1, v2, …, v9 (9 versions)".
func listVersions(vs []string) string {
	if len(vs) <= 4 {
		return strings.Join(vs, ", ")
	}
	return fmt.Sprintf("%s, %s, …, %s (%d versions)", vs[0], vs[1], vs[len(vs)-1], len(vs))
}
