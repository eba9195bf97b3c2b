package fake

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/prscope/prscope/model"
)

// The demo's CI history: PRs made the way kernel-patches-daemon (KPD) makes
// them for the BPF CI, each push tested by a "bpf-ci" GitHub Actions run
// with BPF CI's job matrix, so the history view and dump have versions,
// runs, failures and logs to show. Everything is generated here, the same
// on every call; demodata/README.md says what is assumed.
const (
	// DemoSeriesPassPR is a one-version series whose CI passed.
	DemoSeriesPassPR = 261
	// DemoSeriesFixPR is a series that failed one selftest on two
	// architectures at v1 (and again after a rebase of v1) and v2, with a
	// flaky test_maps job at v2 that passed when re-run, and passed at v3.
	DemoSeriesFixPR = 262
	// DemoSeriesConflictPR passed at v1; v2 did not apply and KPD closed it.
	DemoSeriesConflictPR = 263
	// DemoE2EPR is KPD's e2e test PR: 2,500 bot comments, the upstream
	// commit changing about every 50, each change pushed and tested.
	DemoE2EPR = 201
)

// DemoE2EComments is how many comments DemoE2EPR has.
const DemoE2EComments = 2500

const (
	kpdBot     = "kernel-patches-daemon-bpf[bot]"
	e2eBot     = "kernel-patches-bot"
	ciWorkflow = "bpf-ci"
	// patchworkSeries is where KPD's "series:" and "url:" point.
	patchworkSeries = "https://patchwork.kernel.org/project/netdevbpf/list/?series="
	e2eBranch       = "bpf-next_test"
)

// ciCell is one row of BPF CI's matrix.
type ciCell struct{ arch, tc string }

var (
	ciMatrix = []ciCell{{"x86_64", "gcc"}, {"x86_64", "llvm-17"}, {"aarch64", "gcc"}, {"s390x", "gcc"}}
	ciSuites = []string{"test_progs", "test_progs_no_alu32", "test_maps", "test_verifier"}
)

// ciFailure is how a job fails; ciPass for none.
type ciFailure int

const (
	ciPass            ciFailure = iota
	ciFailBTFDump               // test_progs: btf_dump/btf_dump: struct_data
	ciFailLookupBatch           // test_maps: lookup_batch
	ciFailVerifier              // test_verifier: one case
	ciFailVeristat              // veristat: a program no longer verifies
)

// ciFails says how the job of suite ("build", "veristat" or a test suite)
// on cell fails in a run.
type ciFails func(cell ciCell, suite string) ciFailure

func ciAllPass(ciCell, string) ciFailure { return ciPass }

// btfDumpFails is the series' broken selftest: test_progs and its no_alu32
// twin fail btf_dump's struct_data on x86_64-gcc and aarch64-gcc; with
// alsoMaps, test_maps fails too on s390x-gcc (the flake).
func btfDumpFails(alsoMaps bool) ciFails {
	return func(cell ciCell, suite string) ciFailure {
		switch {
		case (suite == "test_progs" || suite == "test_progs_no_alu32") && cell.tc == "gcc" && cell.arch != "s390x":
			return ciFailBTFDump
		case alsoMaps && suite == "test_maps" && cell.arch == "s390x":
			return ciFailLookupBatch
		}
		return ciPass
	}
}

// demoCI adds the CI-history PRs and their runs to a repository.
type demoCI struct {
	repo *RepoData
	tmpl logTemplate
}

// addDemoCI adds DemoE2EPR and the series PRs to the demo repository;
// called before the synthetic PRs fill the numbers left.
func addDemoCI(ds *Dataset) error {
	tmpl, err := parsedLogTemplate()
	if err != nil {
		return err
	}
	ci := &demoCI{repo: ds.EnsureRepo(DemoRepo), tmpl: tmpl}
	ci.e2e()
	ci.seriesPass()
	ci.seriesFix()
	ci.seriesConflict()
	return nil
}

// demoOpened is when demo PR n was opened: where synthetic PR n would be,
// so numbers stay in creation order (#261..#263 after #260, the newest).
func demoOpened(n int) time.Time {
	return defaultSyntheticEpoch.Add(time.Duration(n)*30*time.Hour + 3*time.Hour + 7*time.Minute)
}

// upstreamAt is bpf-next's head on day of the demo (made up, stable).
func upstreamAt(day int) string { return fakeSHA("demo bpf-next", strconv.Itoa(day)) }

func seriesURL(id int) string { return patchworkSeries + strconv.Itoa(id) }

// A series PR, built event by event with a clock that only moves forward.
type seriesPR struct {
	ci     *demoCI
	pull   *FakePull
	clock  time.Time
	author syntheticPerson
	body   string // the patch's commit message after its subject
}

func (ci *demoCI) newSeries(n int, title string, series int, author syntheticPerson, body string) *seriesPR {
	opened := demoOpened(n)
	s := &seriesPR{ci: ci, clock: opened, author: author, body: body, pull: &FakePull{
		Number: n, Title: title, State: "open", User: kpdBot,
		Head: fmt.Sprintf("series/%d=>bpf-next", series), Base: "bpf-next",
		Body:      fmt.Sprintf("Pull request for series with\nsubject: %s\nversion: 1\nurl: %s\n", title, seriesURL(series)),
		CreatedAt: opened,
	}}
	ci.repo.Pulls = append(ci.repo.Pulls, s.pull)
	return s
}

func (s *seriesPR) wait(d time.Duration) *seriesPR {
	s.clock = s.clock.Add(d)
	return s
}

func (s *seriesPR) add(e FakeEvent) {
	e.CreatedAt = s.clock
	if e.Actor == "" {
		e.Actor = kpdBot
	}
	s.pull.Timeline = append(s.pull.Timeline, e)
}

func (s *seriesPR) label(l string) {
	s.add(FakeEvent{Event: model.KindLabeled, Label: l})
	s.pull.Labels = append(s.pull.Labels, l)
}

// kpdAnnouncement is KPD's comment for a version applied on upstream.
func kpdAnnouncement(upstream string, series, version int) string {
	return fmt.Sprintf("Upstream branch: %s\nseries: %s\nversion: %d\n", upstream, seriesURL(series), version)
}

func (s *seriesPR) announce(upstream string, series, version int) {
	s.add(FakeEvent{Event: model.KindCommented, Body: kpdAnnouncement(upstream, series, version)})
}

// patch is the series' commit at version, applied on upstream. Its
// author date is when that version was sent (v1 73 minutes before the PR
// opened, each later one 77 hours on), the same on a rebase.
func (s *seriesPR) patch(version int, upstream string) *FakeCommit {
	c := &FakeCommit{
		SHA:        fakeSHA("demo series head", strconv.Itoa(s.pull.Number), strconv.Itoa(version), upstream),
		Message:    fmt.Sprintf("%s\n\n%s\n\nSigned-off-by: %s <%s>", s.pull.Title, s.body, s.author.name, s.author.email),
		AuthorName: s.author.name, AuthorEmail: s.author.email,
		Date:    demoOpened(s.pull.Number).Add(time.Duration(version-1)*77*time.Hour - 73*time.Minute),
		Parents: []string{upstream},
	}
	s.ci.repo.AddCommit(c)
	return c
}

// push force-pushes head a few seconds after the announcement; CI starts.
func (s *seriesPR) push(head *FakeCommit, fails ciFails, expired bool) *FakeRun {
	s.wait(6 * time.Second)
	s.add(FakeEvent{Event: model.KindHeadRefForcePushed})
	s.pull.HeadSHA = head.SHA
	return s.run(head, 1, fails, expired)
}

// run is CI on head, starting now (a little later: the event reaches it).
func (s *seriesPR) run(head *FakeCommit, attempt int, fails ciFails, expired bool) *FakeRun {
	return s.ci.addRun(ciRunSpec{pr: s.pull, head: head, at: s.clock.Add(19 * time.Second), attempt: attempt, fails: fails, expired: expired})
}

// rerunFailed is "re-run failed jobs" on run, now: the run keeps its id,
// goes to its next attempt and runs its failed jobs again.
func (s *seriesPR) rerunFailed(run *FakeRun, head *FakeCommit, fails ciFails) {
	s.ci.rerunFailed(run, ciRunSpec{pr: s.pull, head: head, at: s.clock.Add(19 * time.Second), attempt: run.Attempt + 1, fails: fails})
}

// finish fixes what the timeline decides: the PR's commit (its current
// head) among the events, the order, the update time.
func (s *seriesPR) finish() {
	if c := s.ci.repo.Commits[s.pull.HeadSHA]; c != nil {
		s.pull.Timeline = append(s.pull.Timeline, FakeEvent{Event: model.KindCommitted, Actor: c.AuthorName, SHA: c.SHA, Message: c.Message, CreatedAt: c.Date})
	}
	sortTimeline(s.pull)
	s.pull.UpdatedAt = s.pull.Timeline[len(s.pull.Timeline)-1].CreatedAt
}

func sortTimeline(p *FakePull) {
	slices.SortStableFunc(p.Timeline, func(a, b FakeEvent) int { return a.CreatedAt.Compare(b.CreatedAt) })
}

// ranFor is how long after a run starts KPD labels its verdict.
const ranFor = 47 * time.Minute

var (
	patchAlice = syntheticPerson{"alice-dev", "Alice Developer", "alice@example.org"}
	patchVera  = syntheticPerson{"verifier-wrangler", "Vera Wrangler", "vera@example.org"}
	patchZhang = syntheticPerson{"kfunc-fan", "Zhāng Wěi", "zhang.wei@example.cn"}
)

// seriesPass is DemoSeriesPassPR: v1 applied, CI passed.
func (ci *demoCI) seriesPass() {
	s := ci.newSeries(DemoSeriesPassPR, "bpf: fix a verifier precision bug with 32-bit spills", 409561, patchAlice,
		"A 32-bit spill of a precise register loses precision when the\nverifier backtracks through it. Generated for prscope's demo; not a\nreal patch.")
	up := upstreamAt(326)
	head := s.patch(1, up)
	s.pull.HeadSHA = head.SHA
	s.wait(3 * time.Second).label("bpf-next")
	s.run(head, 1, ciAllPass, false)
	s.wait(time.Minute).announce(up, 409561, 1)
	s.wait(ranFor).label("V1-ci-pass")
	s.finish()
}

// seriesFix is DemoSeriesFixPR: v1 fails btf_dump on x86_64 and aarch64
// (gcc), is rebased on a newer upstream and fails again; v2 fails the same
// and test_maps on s390x too, which passes in the re-run (attempt 2, same
// head); v3 passes. The first run's logs have expired.
func (ci *demoCI) seriesFix() {
	const v1, v2, v3 = 409823, 410944, 412107
	s := ci.newSeries(DemoSeriesFixPR, "selftests/bpf: fix btf_dump of struct_data on big-endian", v1, patchVera,
		"The expected dump of struct file_operations assumed a little-endian\nlayout. Generated for prscope's demo; not a real patch.")
	up := upstreamAt(327)
	head := s.patch(1, up)
	s.pull.HeadSHA = head.SHA
	s.wait(3 * time.Second).label("bpf-next")
	s.run(head, 1, btfDumpFails(false), true)
	s.wait(time.Minute).announce(up, v1, 1)
	s.wait(ranFor).label("V1-ci-fail")

	// Upstream moved on: KPD applies v1 again and pushes.
	up = upstreamAt(329)
	s.wait(2*24*time.Hour+3*time.Hour).announce(up, v1, 1)
	s.push(s.patch(1, up), btfDumpFails(false), false)

	up = upstreamAt(332)
	s.wait(3*24*time.Hour+5*time.Hour).announce(up, v2, 2)
	head = s.patch(2, up)
	v2run := s.push(head, btfDumpFails(true), false)
	s.wait(ranFor).label("V2-ci-fail")
	// Someone re-runs its failed jobs: the flaky test_maps passes,
	// btf_dump still fails.
	s.wait(2*time.Hour+13*time.Minute).rerunFailed(v2run, head, btfDumpFails(false))

	up = upstreamAt(336)
	s.wait(4*24*time.Hour+2*time.Hour).announce(up, v3, 3)
	s.push(s.patch(3, up), ciAllPass, false)
	s.wait(ranFor).label("V3-ci-pass")
	s.finish()
}

// seriesConflict is DemoSeriesConflictPR: v1 passes; v2 does not apply on
// the upstream of its day, so KPD says so, labels merge-conflict and does
// not push; later it closes the PR.
func (ci *demoCI) seriesConflict() {
	const v1, v2 = 410203, 411562
	s := ci.newSeries(DemoSeriesConflictPR, "bpf: add a kfunc for task storage", v1, patchZhang,
		"Let BPF programs reach task local storage through a kfunc. Generated\nfor prscope's demo; not a real patch.")
	up := upstreamAt(328)
	head := s.patch(1, up)
	s.pull.HeadSHA = head.SHA
	s.wait(3 * time.Second).label("bpf-next")
	s.run(head, 1, ciAllPass, false)
	s.wait(time.Minute).announce(up, v1, 1)
	s.wait(ranFor).label("V1-ci-pass")

	up = upstreamAt(331)
	s.wait(3*24*time.Hour + 4*time.Hour)
	s.add(FakeEvent{Event: model.KindCommented, Body: kpdAnnouncement(up, v2, 2) + notAppliedText(seriesURL(v2))})
	s.wait(2 * time.Second).label("merge-conflict")

	s.wait(3*24*time.Hour + 9*time.Hour)
	s.add(FakeEvent{Event: model.KindCommented, Body: fmt.Sprintf("At least one diff in series %s irrelevant now. Closing PR.", seriesURL(v2))})
	s.wait(2 * time.Second)
	s.add(FakeEvent{Event: model.KindClosed})
	closed := s.clock
	s.pull.State, s.pull.ClosedAt = "closed", &closed
	s.finish()
}

// notAppliedText is what KPD adds to the announcement of a version that
// did not apply: git am's words and the conflict.
func notAppliedText(url string) string {
	return "\nPull request is *NOT* updated. Failed to apply " + url + "\n" +
		"error message:\n```\n" +
		"Applying: bpf: add a kfunc for task storage\n" +
		"Using index info to reconstruct a base tree...\n" +
		"M\tkernel/bpf/bpf_task_storage.c\n" +
		"Falling back to patching base and 3-way merge...\n" +
		"Auto-merging kernel/bpf/bpf_task_storage.c\n" +
		"CONFLICT (content): Merge conflict in kernel/bpf/bpf_task_storage.c\n" +
		"error: Failed to merge in the changes.\n" +
		"hint: Use 'git am --show-current-patch=diff' to see the failed patch\n" +
		"Patch failed at 0001 bpf: add a kfunc for task storage\n" +
		"When you have resolved this problem, run \"git am --continue\".\n" +
		"If you prefer to skip this patch, run \"git am --skip\" instead.\n" +
		"To restore the original branch and stop patching, run \"git am --abort\".\n" +
		"```\n\nconflict:\n```\n" +
		"diff --cc kernel/bpf/bpf_task_storage.c\n" +
		"index 1eb6ab8e2a3b,9a5e9a2b6f7c..000000000000\n" +
		"--- a/kernel/bpf/bpf_task_storage.c\n" +
		"+++ b/kernel/bpf/bpf_task_storage.c\n" +
		"@@@ -312,6 -312,22 +312,29 @@@ BPF_CALL_2(bpf_task_storage_delete, struct bpf_map *, map, struct task_struct *,\n" +
		"  \treturn err;\n" +
		"  }\n" +
		"  \n" +
		"++<<<<<<< HEAD\n" +
		" +__bpf_kfunc void *bpf_task_storage_get_recur(struct bpf_map *map, struct task_struct *task)\n" +
		" +{\n" +
		" +\treturn __bpf_task_storage_get(map, task, NULL, 0, GFP_ATOMIC, true);\n" +
		" +}\n" +
		"++=======\n" +
		"+ __bpf_kfunc void *bpf_task_storage_get_kfunc(struct bpf_map *map, struct task_struct *task)\n" +
		"+ {\n" +
		"+ \treturn bpf_task_storage_get(map, task, NULL, 0, GFP_KERNEL);\n" +
		"+ }\n" +
		"++>>>>>>> bpf: add a kfunc for task storage\n" +
		"```\n"
}

// e2e is DemoE2EPR, KPD's e2e test PR: its body and 2,500 comments each
// say the upstream commit it is at; when that changes (about every 50
// comments) KPD pushes the test branch rebased on it, and CI runs. A few
// versions fail veristat on s390x or test_verifier on aarch64; the first
// version's logs have expired.
func (ci *demoCI) e2e() {
	opened := demoOpened(DemoE2EPR)
	p := &FakePull{Number: DemoE2EPR, Title: "[test] bpf-next_test", State: "open", User: e2eBot,
		Head: e2eBranch, Base: "bpf-next_base", CreatedAt: opened}
	ci.repo.Pulls = append(ci.repo.Pulls, p)
	rng := rand.New(rand.NewPCG(0xe2e, DemoE2EPR))
	upstream := func(k int) string { return fakeSHA("demo bpf-next e2e", strconv.Itoa(k)) }
	// Each version's comment, made once: its 50 or so comments share it.
	block := func(k int) string {
		return fmt.Sprintf("branch: %s\nbase: bpf-next\nversion: %s\n", e2eBranch, upstream(k)[:7])
	}
	said := block(0)
	head := func(k int, at time.Time) *FakeCommit {
		c := &FakeCommit{SHA: fakeSHA("demo e2e head", strconv.Itoa(k)), Message: "adding ci files",
			AuthorName: "Kernel Patches Bot", AuthorEmail: "kernel-patches-bot@users.noreply.github.com", Date: at,
			Parents: []string{upstream(k)}}
		ci.repo.AddCommit(c)
		return c
	}
	fails := func(k int) ciFails {
		return func(cell ciCell, suite string) ciFailure {
			switch {
			case suite == "veristat" && cell.arch == "s390x" && (k == 5 || k == 18 || k == 31):
				return ciFailVeristat
			case suite == "test_verifier" && cell.arch == "aarch64" && (k == 11 || k == 26 || k == 40):
				return ciFailVerifier
			}
			return ciPass
		}
	}
	p.Body = said
	h := head(0, opened.Add(-30*time.Minute))
	p.HeadSHA = h.SHA
	ci.addRun(ciRunSpec{pr: p, head: h, at: opened.Add(21 * time.Second), attempt: 1, fails: fails(0), expired: true})
	clock, k, left := opened, 0, 40+rng.IntN(21)
	p.Timeline = make([]FakeEvent, 0, DemoE2EComments+DemoE2EComments/40+1)
	for range DemoE2EComments {
		clock = clock.Add(40*time.Minute + time.Duration(rng.IntN(90*60))*time.Second)
		pushed := left == 0
		if pushed {
			k, left = k+1, 40+rng.IntN(21)
			said = block(k)
		}
		left--
		p.Timeline = append(p.Timeline, FakeEvent{Event: model.KindCommented, Actor: e2eBot, Body: said, CreatedAt: clock})
		if pushed {
			clock = clock.Add(time.Duration(4+rng.IntN(6)) * time.Second)
			h = head(k, clock.Add(-time.Second))
			p.Timeline = append(p.Timeline, FakeEvent{Event: model.KindHeadRefForcePushed, Actor: e2eBot, CreatedAt: clock})
			p.HeadSHA = h.SHA
			ci.addRun(ciRunSpec{pr: p, head: h, at: clock.Add(time.Duration(15+rng.IntN(10)) * time.Second), attempt: 1, fails: fails(k)})
		}
	}
	p.Timeline = append(p.Timeline, FakeEvent{Event: model.KindCommitted, Actor: h.AuthorName, SHA: h.SHA, Message: h.Message, CreatedAt: h.Date})
	ci.e2eReferences(p, opened, clock)
	sortTimeline(p)
	p.UpdatedAt = clock
}

// DemoE2EReferences is how many upstream commits mention #201 by accident:
// a test PR that lives for months collects dozens (the guide's "dozens of
// commits that reference it by accident"), so #201 has 2,610 events.
const DemoE2EReferences = 60

// e2eReferences adds DemoE2EReferences referencing commits spread over
// [from, to]: oops reports whose build number is #201, backtraces whose
// frame 201 is deep recursion, verifier logs citing insn #201.
func (ci *demoCI) e2eReferences(p *FakePull, from, to time.Time) {
	rng := rand.New(rand.NewPCG(0x201, DemoE2EReferences))
	why := []func(i int) string{
		func(i int) string {
			return fmt.Sprintf("CPU: %d PID: %d Comm: test_progs Not tainted 5.%d.0-rc%d+ #%d", i%8, 4000+i*37, 10+i%4, 1+i%7, DemoE2EPR)
		},
		func(i int) string {
			return fmt.Sprintf(" #%d [ffffb14de05b%04x] bpf_prog_run_pin_on_cpu at ffffffff8%07x", DemoE2EPR, 0x7000+i*8, 0x1a2b3c0+i*64)
		},
		func(i int) string { return fmt.Sprintf("  %d: (85) call bpf_loop#181 ; insn #%d", 180+i, DemoE2EPR) },
	}
	span := to.Sub(from)
	for i := range DemoE2EReferences {
		at := from.Add(span * time.Duration(i+1) / time.Duration(DemoE2EReferences+1)).Add(time.Duration(rng.IntN(3600)) * time.Second)
		subject := fmt.Sprintf("bpf: fix a splat in the %s path (%d)", []string{"verifier", "JIT", "sockmap", "ringbuf"}[i%4], i+1)
		c := &FakeCommit{SHA: fakeSHA("demo e2e reference", strconv.Itoa(i)),
			Message:    subject + "\n\nThe selftest crashes:\n\n  " + why[i%len(why)](i) + "\n\nFix it by taking the lock first.\n",
			AuthorName: "Bpf Developer", AuthorEmail: "dev@example.org", Date: at.Add(-time.Hour)}
		ci.repo.AddCommit(c)
		p.Timeline = append(p.Timeline, FakeEvent{Event: model.KindReferenced, Actor: "bpf-dev", SHA: c.SHA, CreatedAt: at})
	}
}

// ciRunSpec is one run to make: CI on head of pr's branch.
type ciRunSpec struct {
	pr      *FakePull
	head    *FakeCommit
	at      time.Time // created
	attempt int
	fails   ciFails
	expired bool // its jobs' logs are past retention
}

// addRun adds a completed run with BPF CI's matrix: per cell the build,
// the four test suites once it is built, and veristat.
func (ci *demoCI) addRun(spec ciRunSpec) *FakeRun {
	run := &FakeRun{Workflow: ciWorkflow, HeadSHA: spec.head.SHA, HeadBranch: spec.pr.Head, Event: "pull_request",
		Status: "completed", Conclusion: "success", Attempt: spec.attempt, CreatedAt: spec.at}
	rng := rand.New(rand.NewPCG(uint64(spec.pr.Number), uint64(stableID("demo run", spec.head.SHA, spec.attempt))))
	subject, _, _ := strings.Cut(spec.head.Message, "\n")
	run.Jobs = make([]FakeJob, 0, len(ciMatrix)*(len(ciSuites)+2))
	for _, cell := range ciMatrix {
		start := spec.at.Add(time.Duration(5+rng.IntN(30)) * time.Second)
		build := ci.job(spec, subject, cell, "build", start, rng)
		built := build.CompletedAt
		run.Jobs = append(run.Jobs, build)
		for _, suite := range ciSuites {
			run.Jobs = append(run.Jobs, ci.job(spec, subject, cell, suite, built.Add(time.Duration(10+rng.IntN(30))*time.Second), rng))
		}
		run.Jobs = append(run.Jobs, ci.job(spec, subject, cell, "veristat", built.Add(time.Duration(10+rng.IntN(30))*time.Second), rng))
	}
	for _, j := range run.Jobs {
		if j.Conclusion == "failure" {
			run.Conclusion = "failure"
		}
	}
	return ci.repo.AddRun(run)
}

// rerunFailed adds to run the attempt spec: its failed jobs run again (the
// others stay its earlier attempt's), and its conclusion is the newest
// jobs'.
func (ci *demoCI) rerunFailed(run *FakeRun, spec ciRunSpec) {
	failed := map[string]bool{}
	for i := range run.Jobs {
		if run.Jobs[i].Attempt == 0 {
			run.Jobs[i].Attempt = max(run.Attempt, 1)
		}
		failed[run.Jobs[i].Name] = run.Jobs[i].Conclusion == "failure"
	}
	rng := rand.New(rand.NewPCG(uint64(spec.pr.Number), uint64(stableID("demo run", spec.head.SHA, spec.attempt))))
	subject, _, _ := strings.Cut(spec.head.Message, "\n")
	run.Attempt, run.Conclusion = spec.attempt, "success"
	for _, cell := range ciMatrix {
		for _, suite := range append([]string{"build", "veristat"}, ciSuites...) {
			if !failed[ciJobName(cell, suite)] {
				continue
			}
			job := ci.job(spec, subject, cell, suite, spec.at.Add(time.Duration(5+rng.IntN(30))*time.Second), rng)
			job.Attempt = spec.attempt
			if job.Conclusion == "failure" {
				run.Conclusion = "failure"
			}
			run.Jobs = append(run.Jobs, job)
		}
	}
	fillRunIDs(0, run) // the new jobs' ids; the run keeps its own
}

// ciJobName is the job's name as BPF CI's workflows compose it.
func ciJobName(cell ciCell, suite string) string {
	m := cell.arch + "-" + cell.tc
	switch suite {
	case "build":
		return fmt.Sprintf("%s / build / build for %s with %s", m, cell.arch, cell.tc)
	case "veristat":
		return m + " / veristat"
	}
	return fmt.Sprintf("%s / test (%s, false, 360) / %s on %s with %s", m, suite, suite, cell.arch, cell.tc)
}

// test_progs' counts when all pass, by architecture: top-level tests
// passed, sub-tests in all, skipped; and test_verifier's passed, skipped.
var (
	progsCounts    = map[string][3]int{"x86_64": {535, 3887, 68}, "aarch64": {532, 3861, 71}, "s390x": {506, 3655, 97}}
	verifierCounts = map[string][2]int{"x86_64": {1610, 0}, "aarch64": {1598, 12}, "s390x": {1573, 37}}
)

// job makes one job: its log from the template and, as GitHub makes
// them, its annotations from the log's ##[error] lines.
func (ci *demoCI) job(spec ciRunSpec, subject string, cell ciCell, suite string, start time.Time, rng *rand.Rand) FakeJob {
	failure := spec.fails(cell, suite)
	failed := failure != ciPass
	lj := &logJob{failed: failed, start: start, permille: int64(850 + rng.IntN(400))}
	v := &lj.vars
	v[lvRunnerLabel] = "self-hosted, linux, " + cell.arch
	v[lvRunner] = fmt.Sprintf("%s-runner-%02d", cell.arch, 1+rng.IntN(24))
	v[lvPR] = strconv.Itoa(spec.pr.Number)
	v[lvHead7], v[lvSubject] = spec.head.SHA[:7], subject
	v[lvArch], v[lvTC], v[lvSuite] = cell.arch, cell.tc, suite
	bin := suite
	if suite == "test_progs_no_alu32" {
		bin = "test_progs-no_alu32"
	}
	v[lvBin], v[lvBinCol] = bin, fmt.Sprintf("%20s:", bin)
	v[lvResult], v[lvResultWord], v[lvStatus] = "[1;32mPASS[0m", "OK", "0"
	if failed {
		v[lvResult], v[lvResultWord], v[lvStatus] = "[1;31mFAIL[0m (returned 1)", "FAIL", "1"
	}
	// The failing test_progs test, also shown passing in a good run.
	v[lvTopNum], v[lvTop], v[lvSubNum], v[lvSub] = "32", "btf_dump", "14", "btf_dump: struct_data"
	v[lvTopTag], v[lvSubTag] = fmt.Sprintf("#%-8s", "32"), fmt.Sprintf("#%-8s", "32/14")
	nFailed := 0
	if failed {
		nFailed = 1
	}
	switch suite {
	case "test_progs", "test_progs_no_alu32":
		c := progsCounts[cell.arch]
		v[lvPassed], v[lvTotal], v[lvSkipped] = strconv.Itoa(c[0]-nFailed), strconv.Itoa(c[1]), strconv.Itoa(c[2])
		lj.sections = []string{"header", "vm", "test_progs", "status", "test_progs_report", "results", "footer"}
	case "test_verifier":
		c := verifierCounts[cell.arch]
		v[lvPassed], v[lvSkipped] = strconv.Itoa(c[0]-nFailed), strconv.Itoa(c[1])
		lj.sections = []string{"header", "vm", "test_verifier", "status", "test_verifier_report", "results", "footer"}
	case "test_maps":
		lj.sections = []string{"header", "vm", "test_maps", "status", "test_maps_report", "results", "footer"}
	default: // build, veristat
		lj.sections = []string{"header", suite, "footer"}
	}
	v[lvFailed] = strconv.Itoa(nFailed)
	text, done := ci.tmpl.render(lj, true)
	job := FakeJob{Name: ciJobName(cell, suite), Status: "completed", Conclusion: "success", StartedAt: start, CompletedAt: done}
	if failed {
		job.Conclusion = "failure"
		job.FailedStep = "Run tests"
		if suite == "veristat" {
			job.FailedStep = "Run veristat"
		}
		job.Annotations = logAnnotations(text)
	}
	if spec.expired {
		job.LogExpired = true
	} else {
		job.Log = text
	}
	return job
}

// logAnnotations are the annotations GitHub makes of a log's ##[error]
// lines: the workflow's own, so on ".github".
func logAnnotations(log string) []FakeAnnotation {
	var out []FakeAnnotation
	for line := range strings.Lines(log) {
		if _, msg, ok := strings.Cut(line, " ##[error]"); ok {
			out = append(out, FakeAnnotation{Path: ".github", Line: 1, Level: "failure", Message: strings.TrimRight(msg, "\n")})
		}
	}
	return out
}
