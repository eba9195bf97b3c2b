package fake

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// PR numbers whose head commit gets chosen CI, in any repository
// AddSynthetic fills; the others get a random mix, mostly passing.
const (
	SyntheticChecksFailingPR = 14  // a failed job and a running one among passing ones, and a failed commit status
	SyntheticManyChecksPR    = 15  // 120 check runs: more than one page of 100
	SyntheticNoChecksPR      = 16  // no CI at all
	syntheticManyChecks      = 120 // SyntheticManyChecksPR's runs
)

// checksSalt keeps the CI's random stream apart from the PR's, so adding
// CI changed nothing else a seed generates.
const checksSalt = 0xc1c1c1c1

var (
	syntheticJobs = []string{
		"build (x86_64, gcc)", "build (x86_64, llvm-17)", "build (aarch64, gcc)", "build (s390x, gcc)",
		"test (test_progs, x86_64)", "test (test_progs_no_alu32, x86_64)", "test (test_verifier, x86_64)",
		"test (test_maps, aarch64)", "veristat", "selftests / bpf", "checkpatch", "kernel-doc",
	}
	syntheticStatuses = []string{"netdev/tree_selection", "netdev/build_clang", "netdev/verify_signedoff"}
)

// addChecks gives the PR's head commit its CI and fixes the PR's head SHA
// to that commit, as the server would derive it.
func (g *pullGen) addChecks() {
	head := g.pull.HeadSHAIn(g.opts.Repo)
	g.pull.HeadSHA = head
	rng := rand.New(rand.NewPCG(g.opts.Seed^checksSalt, uint64(g.n)))
	start := g.pull.UpdatedAt.Add(-2 * time.Hour)
	open := g.pull.State == "open"
	c := &FakeChecks{}
	run := func(name, status, conclusion string, minutes int) {
		r := FakeCheckRun{Name: name, App: "GitHub Actions", Status: status, Conclusion: conclusion}
		started := start.Add(time.Duration(rng.IntN(300)) * time.Second)
		r.StartedAt = &started
		if status == "completed" {
			done := started // a skipped job ends as it starts
			if conclusion != "skipped" {
				done = started.Add(time.Duration(minutes)*time.Minute + time.Duration(rng.IntN(60))*time.Second)
			}
			r.CompletedAt = &done
			r.Title = conclusion
		}
		c.Runs = append(c.Runs, r)
	}
	switch g.n {
	case SyntheticNoChecksPR:
		return
	case SyntheticChecksFailingPR:
		for i, name := range syntheticJobs[:8] {
			switch i {
			case 4:
				run(name, "completed", "failure", 23)
			case 6:
				run(name, "in_progress", "", 0)
			default:
				run(name, "completed", "success", 5+i*3)
			}
		}
		run("docs", "completed", "skipped", 0)
		c.Statuses = []FakeStatus{
			{Context: syntheticStatuses[0], State: "success", Description: "Guessed tree name to be net-next", CreatedAt: start},
			{Context: syntheticStatuses[1], State: "failure", Description: "Errors and warnings before: 12 this patch: 13", CreatedAt: start.Add(time.Minute)},
		}
	case SyntheticManyChecksPR:
		for i := range syntheticManyChecks {
			conclusion := "success"
			if i%37 == 5 {
				conclusion = "skipped"
			}
			run(fmt.Sprintf("test (shard %03d of %d)", i+1, syntheticManyChecks), "completed", conclusion, 2+i%9)
		}
	default:
		if rng.IntN(8) == 0 {
			return // some PRs never ran CI
		}
		// One PR in five has a failure, one open PR in four is still running;
		// the rest pass, a skipped job aside.
		jobs := rng.Perm(len(syntheticJobs))[:3+rng.IntN(6)]
		failing, running := -1, -1
		if rng.IntN(5) == 0 {
			failing = rng.IntN(len(jobs))
		}
		if open && rng.IntN(4) == 0 {
			running = rng.IntN(len(jobs))
		}
		for k, i := range jobs {
			switch {
			case k == running:
				run(syntheticJobs[i], pick(rng, []string{"queued", "in_progress"}), "", 0)
			case k == failing:
				run(syntheticJobs[i], "completed", pick(rng, []string{"failure", "failure", "cancelled", "timed_out"}), 1+rng.IntN(40))
			case rng.IntN(15) == 0:
				run(syntheticJobs[i], "completed", "skipped", 0)
			default:
				run(syntheticJobs[i], "completed", "success", 1+rng.IntN(40))
			}
		}
		if rng.IntN(3) == 0 {
			// A status posted twice: only the later counts.
			ctx := pick(rng, syntheticStatuses)
			c.Statuses = append(c.Statuses,
				FakeStatus{Context: ctx, State: "pending", Description: "queued", CreatedAt: start},
				FakeStatus{Context: ctx, State: "success", Description: "all good", CreatedAt: start.Add(20 * time.Minute)})
		}
	}
	g.repo.SetChecks(head, c)
}
