package fake

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/prscope/prscope/model"
)

// SyntheticOptions say which synthetic PRs AddSynthetic makes.
type SyntheticOptions struct {
	Repo        string        // "owner/name"
	First, Last int           // PR numbers to fill, inclusive; numbers the repo already has are skipped
	Seed        uint64        // same options, same PRs, on every run and platform
	Epoch       time.Time     // PR n is opened about Epoch + n×Spacing; zero: 2020-02-07 UTC
	Spacing     time.Duration // zero: 30 hours
}

// PR numbers that, in any repository AddSynthetic fills, get content made to
// be hard to display, so the UI can be tried on it.
const (
	SyntheticLongTitlePR    = 2   // title over 200 characters
	SyntheticCJKPR          = 3   // wide CJK characters
	SyntheticEmojiPR        = 4   // emoji, ZWJ sequences, flags
	SyntheticCombiningPR    = 5   // combining accents and zalgo
	SyntheticArabicPR       = 6   // right-to-left text
	SyntheticHebrewPR       = 7   // right-to-left mixed with left-to-right
	SyntheticGhostPR        = 8   // author deleted: user is null
	SyntheticDraftPR        = 9   // an open draft
	SyntheticControlCharsPR = 10  // terminal escape sequences in title and body
	SyntheticAllEventsPR    = 12  // one of every timeline event kind, merged
	SyntheticLongTimelinePR = 200 // 360 timeline events, to page through
	// SyntheticHugeTimelinePR is a KPD-style test PR: 2,600 timeline
	// events (26 pages), mostly bot comments recording each test run.
	// The demo has its own there (DemoE2EPR), with CI runs.
	SyntheticHugeTimelinePR = 201
)

// SyntheticMarker starts every synthetic PR's body.
const SyntheticMarker = "synthetic demo PR"

// With Epoch's default, PR #11 of the demo (opened 2020-02-20) falls between
// the synthetic #10 and #12, keeping numbers in creation order.
var defaultSyntheticEpoch = time.Date(2020, 2, 7, 0, 0, 0, 0, time.UTC)

// AddSynthetic fills opts.Repo with generated pull requests, each with a
// timeline and the commits it points at. Each PR is drawn from its own
// random stream (seed, number), so adding or skipping one changes no other.
func (d *Dataset) AddSynthetic(opts SyntheticOptions) {
	if opts.Epoch.IsZero() {
		opts.Epoch = defaultSyntheticEpoch
	}
	if opts.Spacing <= 0 {
		opts.Spacing = 30 * time.Hour
	}
	repo := d.EnsureRepo(opts.Repo)
	have := make(map[int]bool, len(repo.Pulls))
	for _, p := range repo.Pulls {
		have[p.Number] = true
	}
	for n := opts.First; n <= opts.Last; n++ {
		if have[n] {
			continue
		}
		g := &pullGen{ds: d, repo: repo, opts: opts, n: n, rng: rand.New(rand.NewPCG(opts.Seed, uint64(n)))}
		repo.Pulls = append(repo.Pulls, g.build())
	}
}

// pullGen generates one PR; its clock only moves forward, so the timeline
// comes out in chronological order.
type pullGen struct {
	ds     *Dataset
	repo   *RepoData
	opts   SyntheticOptions
	n      int
	rng    *rand.Rand
	pull   *FakePull
	author syntheticPerson // zero value: a deleted account
	clock  time.Time
	labels []string // applied now, in the order applied
	head   string   // SHA of the head commit
	seq    int      // commits made so far, for unique SHAs
}

func (g *pullGen) build() *FakePull {
	created := g.opts.Epoch.Add(time.Duration(g.n)*g.opts.Spacing + g.within(g.opts.Spacing/5)).Truncate(time.Second)
	g.author = g.pickPerson()
	if g.n == SyntheticGhostPR {
		g.author = syntheticPerson{}
	}
	g.pull = &FakePull{
		Number:    g.n,
		Title:     g.title(),
		State:     "open",
		User:      g.author.login,
		Head:      fmt.Sprintf("series/%d", g.n),
		Base:      pick(g.rng, syntheticBranches),
		CreatedAt: created,
		Synthetic: true,
	}
	g.pull.Body = g.body()
	// Commits come before the PR is opened.
	commits := 1 + g.rng.IntN(3)
	for i := range commits {
		g.commit(created.Add(-time.Duration(commits-i) * 17 * time.Minute))
	}
	g.clock = created
	ending := g.ending()
	switch g.n {
	case SyntheticAllEventsPR:
		g.everyEventKind()
	case SyntheticLongTimelinePR:
		for range 360 {
			g.randomEvent(6 * time.Hour)
		}
	case SyntheticHugeTimelinePR:
		for i := range 2600 {
			if i%10 < 7 {
				g.testRunComment(i)
			} else {
				g.randomEvent(2 * time.Hour)
			}
		}
	default:
		for range 2 + g.rng.IntN(18) {
			g.randomEvent(2 * 24 * time.Hour)
		}
	}
	g.finish(ending)
	g.fillRenames()
	g.reviewComments()
	g.pull.Labels = g.labels
	g.pull.UpdatedAt = g.clock
	g.addChecks()
	return g.pull
}

// ending is how the PR ends up: "open", "draft", "merged" or "closed".
func (g *pullGen) ending() string {
	switch g.n {
	case SyntheticDraftPR:
		return "draft"
	case SyntheticAllEventsPR:
		return "merged"
	case SyntheticLongTimelinePR:
		return "open"
	}
	switch r := g.rng.IntN(100); {
	case r < 30:
		return "open"
	case r < 40:
		return "draft"
	case r < 70:
		return "merged"
	default:
		return "closed"
	}
}

func (g *pullGen) finish(ending string) {
	switch ending {
	case "draft":
		g.pull.Draft = true
	case "merged":
		maintainer := g.pickPerson()
		at := g.tick(3 * 24 * time.Hour)
		merge := fakeSHA("synthetic merge", g.opts.Repo, fmt.Sprint(g.n))
		g.repo.AddCommit(&FakeCommit{SHA: merge, Message: fmt.Sprintf("Merge pull request #%d\n\n%s", g.n, g.pull.Title),
			AuthorName: maintainer.name, AuthorEmail: maintainer.email, Date: at, Parents: []string{g.head}})
		g.add(FakeEvent{Event: model.KindMerged, Actor: maintainer.login, SHA: merge})
		g.add(FakeEvent{Event: model.KindClosed, Actor: maintainer.login})
		g.pull.MergedAt, g.pull.ClosedAt = &at, &at
		g.pull.State = "closed"
		if g.rng.IntN(2) == 0 {
			g.tick(time.Minute)
			g.add(FakeEvent{Event: model.KindHeadRefDeleted, Actor: maintainer.login})
		}
	case "closed":
		at := g.tick(3 * 24 * time.Hour)
		g.add(FakeEvent{Event: model.KindClosed, Actor: g.pickPerson().login})
		g.pull.ClosedAt, g.pull.State = &at, "closed"
	}
}

// randomEvent appends one event of a kind drawn by weight, up to maxGap
// after the previous one.
func (g *pullGen) randomEvent(maxGap time.Duration) {
	g.tick(maxGap)
	switch r := g.rng.IntN(100); {
	case r < 30:
		g.comment(g.pickPerson().login)
	case r < 38:
		g.label()
	case r < 41:
		g.unlabel()
	case r < 44:
		g.add(FakeEvent{Event: model.KindRenamed, Actor: g.author.login})
	case r < 52:
		g.add(FakeEvent{Event: model.KindReviewRequested, Actor: g.author.login, Reviewer: g.pickPerson().login})
	case r < 64:
		g.review(pick(g.rng, []string{"approved", "changes_requested", "commented"}))
	case r < 72:
		g.commit(g.clock)
	case r < 76:
		g.forcePush()
	case r < 86:
		g.reference(g.rng.IntN(3) == 0)
	case r < 91:
		g.crossReference(g.rng.IntN(4) == 0)
	case r < 94:
		actor := g.pickPerson().login
		g.add(FakeEvent{Event: model.KindClosed, Actor: actor})
		g.tick(time.Hour)
		g.add(FakeEvent{Event: model.KindReopened, Actor: actor})
	case r < 97:
		g.draftRoundTrip()
	default:
		g.add(FakeEvent{Event: "some_future_event", Actor: g.pickPerson().login})
	}
}

// everyEventKind is SyntheticAllEventsPR's timeline: each kind at least once.
func (g *pullGen) everyEventKind() {
	steps := []func(){
		func() { g.comment(g.author.login) },
		g.label, g.label, g.unlabel,
		func() { g.add(FakeEvent{Event: model.KindRenamed, Actor: g.author.login}) },
		func() {
			g.add(FakeEvent{Event: model.KindReviewRequested, Actor: g.author.login, Reviewer: "verifier-wrangler"})
		},
		func() { g.review("changes_requested") },
		func() { g.commit(g.clock) },
		g.forcePush,
		func() { g.reference(true) },
		func() { g.reference(false) },
		func() { g.crossReference(false) },
		func() { g.crossReference(true) },
		func() { g.add(FakeEvent{Event: model.KindClosed, Actor: g.author.login}) },
		func() { g.add(FakeEvent{Event: model.KindReopened, Actor: g.author.login}) },
		func() { g.add(FakeEvent{Event: "some_future_event", Actor: "kernel-patches-bot"}) },
		g.draftRoundTrip,
		func() { g.review("approved") },
		func() { g.comment("") }, // a comment whose author was deleted
	}
	for _, step := range steps {
		g.tick(4 * time.Hour)
		step()
	}
}

func (g *pullGen) add(e FakeEvent) {
	e.CreatedAt = g.clock
	g.pull.Timeline = append(g.pull.Timeline, e)
}

// tick moves the clock forward by up to max (at least a minute) and
// returns the new time.
func (g *pullGen) tick(max time.Duration) time.Time {
	g.clock = g.clock.Add(time.Minute + g.within(max)).Truncate(time.Second)
	return g.clock
}

func (g *pullGen) within(max time.Duration) time.Duration {
	if max <= 0 {
		return 0
	}
	return time.Duration(g.rng.Int64N(int64(max)))
}

// testRunComment is a KPD bot comment recording one CI run, as on the
// real test PRs: key: value lines.
func (g *pullGen) testRunComment(run int) {
	g.tick(3 * time.Hour)
	body := fmt.Sprintf("branch: %s\nbase: %s\nversion: %07x", g.pull.Head, g.pull.Base, g.rng.Uint32()&0xfffffff)
	if run%25 == 0 {
		body += fmt.Sprintf("\nUpstream branch: %s\nseries: https://patchwork.kernel.org/project/netdevbpf/list/?series=%d", g.pull.Base, 700000+run)
	}
	g.add(FakeEvent{Event: model.KindCommented, Actor: "kernel-patches-bot", Body: body})
}

func (g *pullGen) comment(actor string) {
	body := pick(g.rng, syntheticComments)
	if strings.Contains(body, "%s") {
		body = fmt.Sprintf(body, g.pull.Head)
	}
	if g.n == SyntheticControlCharsPR {
		body = "Escapes in a comment: \x1b[2J\x1b[H cleared? \x1b[1;32mgreen\x1b[0m\r\nCR-LF line, NUL \x00 byte, and \u202eRTL override\u202c."
	}
	g.add(FakeEvent{Event: model.KindCommented, Actor: actor, Body: body})
}

// draftRoundTrip turns the PR into a draft and, an hour later, back.
func (g *pullGen) draftRoundTrip() {
	g.add(FakeEvent{Event: model.KindConvertToDraft, Actor: g.author.login})
	g.tick(time.Hour)
	g.add(FakeEvent{Event: model.KindReadyForReview, Actor: g.author.login})
}

// maxLabels keeps label rows plausible even on very long timelines.
const maxLabels = 4

func (g *pullGen) label() {
	if len(g.labels) >= maxLabels {
		g.unlabel()
		return
	}
	for range 5 { // a few tries to find one not applied yet
		l := pick(g.rng, syntheticLabels)
		if !slices.Contains(g.labels, l) {
			g.labels = append(g.labels, l)
			g.add(FakeEvent{Event: model.KindLabeled, Actor: g.pickPerson().login, Label: l})
			return
		}
	}
}

func (g *pullGen) unlabel() {
	if len(g.labels) == 0 {
		g.label()
		return
	}
	i := g.rng.IntN(len(g.labels))
	l := g.labels[i]
	g.labels = append(g.labels[:i:i], g.labels[i+1:]...)
	g.add(FakeEvent{Event: model.KindUnlabeled, Actor: g.pickPerson().login, Label: l})
}

func (g *pullGen) review(state string) {
	reviewer := g.pickPerson()
	g.add(FakeEvent{Event: model.KindReviewed, Actor: reviewer.login, State: state, Body: pick(g.rng, syntheticReviewBodies)})
}

// commit adds a commit to the PR's branch, authored by its author, at when.
func (g *pullGen) commit(when time.Time) {
	who := g.author
	if who.login == "" {
		who = syntheticPerson{name: "Ghost", email: "ghost@users.noreply.github.com"}
	}
	msg := g.commitMessage(who, "")
	c := g.newCommit(g.repo, msg, who, when)
	g.pull.Timeline = append(g.pull.Timeline, FakeEvent{Event: model.KindCommitted, Actor: who.name, SHA: c.SHA, Message: msg, CreatedAt: when})
	g.pull.Commits++
}

func (g *pullGen) forcePush() {
	c := g.newCommit(g.repo, g.commitMessage(g.author, "rebased onto the latest "+g.pull.Base), g.author, g.clock)
	g.add(FakeEvent{Event: model.KindHeadRefForcePushed, Actor: g.author.login, SHA: c.SHA})
}

// reference adds a commit whose message mentions this PR, pushed to the
// repository itself or to someone's fork.
func (g *pullGen) reference(inFork bool) {
	who := g.pickPerson()
	repoName := g.opts.Repo
	if inFork {
		_, name, _ := strings.Cut(g.opts.Repo, "/")
		repoName = strings.TrimSuffix(who.login, "[bot]") + "/" + name
	}
	msg := g.commitMessage(who, fmt.Sprintf("This follows up on #%d.", g.n))
	c := g.newCommit(g.ds.EnsureRepo(repoName), msg, who, g.clock)
	g.add(FakeEvent{Event: model.KindReferenced, Actor: who.login, SHA: c.SHA, CommitRepo: repoName})
}

// crossReference adds a mention from another PR of this repository, or
// from an issue elsewhere.
func (g *pullGen) crossReference(external bool) {
	src := &FakeSource{Repo: g.opts.Repo, IsPull: true}
	span := g.opts.Last - g.opts.First + 1
	src.Number = g.opts.First + g.rng.IntN(span)
	src.Title = fmt.Sprintf("%s: PR #%d", SyntheticMarker, src.Number)
	if external || src.Number == g.n {
		src = &FakeSource{Repo: "libbpf/libbpf", Number: 100 + g.rng.IntN(800), Title: "libbpf: issue mentioning a kernel patch"}
	}
	g.add(FakeEvent{Event: model.KindCrossReferenced, Actor: g.pickPerson().login, Source: src})
}

func (g *pullGen) newCommit(repo *RepoData, msg string, who syntheticPerson, when time.Time) *FakeCommit {
	g.seq++
	sha := fakeSHA("synthetic commit", g.opts.Repo, fmt.Sprint(g.opts.Seed), fmt.Sprint(g.n), fmt.Sprint(g.seq))
	c := &FakeCommit{SHA: sha, Message: msg, AuthorName: who.name, AuthorEmail: who.email, Date: when}
	if g.head != "" {
		c.Parents = []string{g.head}
	}
	if repo == g.repo {
		g.head = sha
	}
	repo.AddCommit(c)
	return c
}

func (g *pullGen) commitMessage(who syntheticPerson, extra string) string {
	subject := fmt.Sprintf("%s: %s", pick(g.rng, syntheticSubsystems), fmt.Sprintf(pick(g.rng, syntheticSubjects), pick(g.rng, syntheticThings)))
	body := "Generated for prscope's demo; not a real patch."
	if extra != "" {
		body += "\n\n" + extra
	}
	return fmt.Sprintf("%s\n\n%s\n\nSigned-off-by: %s <%s>", subject, body, who.name, who.email)
}

func (g *pullGen) title() string {
	switch g.n {
	case SyntheticLongTitlePR:
		return longTitle
	case SyntheticCJKPR:
		return cjkTitle
	case SyntheticEmojiPR:
		return emojiTitle
	case SyntheticCombiningPR:
		return combiningTitle
	case SyntheticArabicPR:
		return arabicTitle
	case SyntheticHebrewPR:
		return hebrewTitle
	case SyntheticControlCharsPR:
		return controlTitle
	}
	switch r := g.rng.IntN(100); {
	case r < 4:
		return longTitle
	case r < 8:
		return pick(g.rng, []string{cjkTitle, emojiTitle, combiningTitle, arabicTitle, hebrewTitle})
	}
	return fmt.Sprintf("%s: %s", pick(g.rng, syntheticSubsystems), fmt.Sprintf(pick(g.rng, syntheticSubjects), pick(g.rng, syntheticThings)))
}

func (g *pullGen) body() string {
	return fmt.Sprintf("%s — generated by prscope (seed %d), not real GitHub data.\n\n"+
		"This series touches %s.\n\n- patch 1: the change\n- patch 2: a selftest\n\n```\n$ ./test_progs -t %s\n```",
		SyntheticMarker, g.opts.Seed, pick(g.rng, syntheticThings), g.pull.Head)
}

// fillRenames gives the renamed events a chain of earlier titles ending in
// the PR's title, which the generator only knows once the timeline is done.
func (g *pullGen) fillRenames() {
	prefixes := []string{"[RFC] ", "WIP: ", "[PATCH v2] ", "DO NOT MERGE: "}
	to := g.pull.Title
	k := 0
	for i := len(g.pull.Timeline) - 1; i >= 0; i-- {
		e := &g.pull.Timeline[i]
		if e.Event != model.KindRenamed {
			continue
		}
		e.RenameTo = to
		e.RenameFrom = prefixes[k%len(prefixes)] + g.pull.Title
		to, k = e.RenameFrom, k+1
	}
}

// pickPerson picks someone other than nobody; a ghost appears only where
// chosen deliberately.
func (g *pullGen) pickPerson() syntheticPerson { return pick(g.rng, syntheticPeople) }

func pick[T any](rng *rand.Rand, from []T) T { return from[rng.IntN(len(from))] }
