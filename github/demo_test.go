package github_test

import (
	"bytes"
	"os"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/github/fake"

	gogithub "github.com/google/go-github/v62/github"

	"github.com/prscope/prscope/github/internal/gendemo/seedpage"
	"github.com/prscope/prscope/model"
)

const (
	seedPath = "fake/demodata/seed/kernel-patches-bpf-pr-11.txt"
	demoPath = "fake/demodata/kernel-patches-bpf-11.json" // what fake embeds
)

func readSeed(t *testing.T) string {
	t.Helper()
	text, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	return string(text)
}

func TestDemoJSONMatchesGenerator(t *testing.T) {
	want, err := seedpage.Generate(readSeed(t))
	if err != nil {
		t.Fatal(err)
	}
	embedded, err := os.ReadFile(demoPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(embedded, want) {
		t.Fatal(demoPath + " is stale: run `go generate ./github/fake/` and commit the result")
	}
}

// The repository keeps its own copy of the seed; when the shared original is
// beside the checkout, the two must agree.
func TestSeedCopyMatchesShared(t *testing.T) {
	shared, err := os.ReadFile("../../shared/seeds/kernel-patches-bpf-pr-11.txt")
	if err != nil {
		t.Skip("shared seed not available:", err)
	}
	if string(shared) != readSeed(t) {
		t.Error("demodata/seed differs from shared/seeds")
	}
}

func TestSeedPageFacts(t *testing.T) {
	page, err := seedpage.Parse(readSeed(t))
	if err != nil {
		t.Fatal(err)
	}
	const block = "branch: bpf-next_test\nbase:bpf-next\nversion: edc21dc"
	if page.Title != "[test] bpf-next_test" || page.Number != 11 || page.State != "Closed" || page.Author != "kernel-patches-bot" ||
		page.Head != "bpf-next_test" || page.Base != "bpf-next" || page.CommitCount != 1 || page.Body != block || len(page.Labels) != 0 {
		t.Errorf("header: %+v", *page)
	}
	if len(page.Comments) != 4 {
		t.Fatalf("%d comments, want 4", len(page.Comments))
	}
	for i, c := range page.Comments {
		if c.Author != "kernel-patches-bot" || !c.ByAuthor || c.Body != block {
			t.Errorf("comment %d: %+v", i, c)
		}
	}
	refs := page.References
	if len(refs) != 51 {
		t.Fatalf("%d references, want 51", len(refs))
	}
	if !strings.HasPrefix(refs[0].Message, "When bringing down the netdevice") || refs[0].Actor != "kernel-patches-bot" ||
		!refs[0].Date.Equal(time.Date(2022, 2, 18, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("first reference: %s %s %.40q", refs[0].Actor, refs[0].Date, refs[0].Message)
	}
	last := refs[50]
	if last.Actor != "kernel-patches-daemon-bpf-rc[bot]" || !last.Date.Equal(time.Date(2023, 8, 3, 0, 0, 0, 0, time.UTC)) ||
		!strings.HasSuffix(last.Message, "Signed-off-by: Saeed Mahameed <saeedm@nvidia.com>") {
		t.Errorf("last reference: %s %s ...%q", last.Actor, last.Date, last.Message[max(0, len(last.Message)-60):])
	}
	distinct := map[string]bool{}
	actors := map[string]int{}
	for i, r := range refs {
		distinct[r.Message] = true
		actors[r.Actor]++
		if r.Message == "" || strings.HasSuffix(r.Message, "\n") || strings.Contains(r.Message, "pushed a commit that referenced") {
			t.Errorf("reference %d: badly cut message", i+1)
		}
		if i > 0 && r.Date.Before(refs[i-1].Date) {
			t.Errorf("reference %d is dated before the one above it", i+1)
		}
	}
	if len(distinct) != 27 {
		t.Errorf("%d distinct messages, want 27", len(distinct))
	}
	if actors["kernel-patches-bot"] != 21 || actors["kernel-patches-daemon-bpf-rc[bot]"] != 30 {
		t.Errorf("actors %v", actors)
	}
	// Whitespace inside messages is kept exactly: the stack traces' indentation survives.
	if !strings.Contains(refs[0].Message, "\n    crash> bt\n") {
		t.Error("indentation in the first message was not kept")
	}
}

func TestDemoPR11(t *testing.T) {
	ds, err := fake.DemoDataset()
	if err != nil {
		t.Fatal(err)
	}
	repo := ds.Repo(fake.DemoRepo)
	pr := repo.Pull(11)
	if pr == nil || pr.Synthetic || pr.State != "closed" || pr.MergedAt != nil || pr.ClosedAt == nil ||
		pr.User != "kernel-patches-bot" || pr.Head != "bpf-next_test" || pr.Base != "bpf-next" || pr.Commits != 1 {
		t.Fatalf("PR 11: %+v", pr)
	}
	counts := map[model.EventKind]int{}
	for i, e := range pr.Timeline {
		counts[e.Event]++
		if i > 0 && !e.CreatedAt.After(pr.Timeline[i-1].CreatedAt) {
			t.Errorf("event %d (%s) at %s is not after the one before", i, e.Event, e.CreatedAt)
		}
		if e.Event == "referenced" {
			c := repo.Commits[e.SHA]
			if c == nil || c.Message == "" || e.CommitRepo != fake.DemoRepo || !c.Date.Equal(e.CreatedAt) {
				t.Errorf("event %d: commit %s missing or inconsistent", i, e.SHA)
			}
		}
	}
	if want := map[model.EventKind]int{"committed": 1, "commented": 4, "referenced": 51, "closed": 1}; !reflect.DeepEqual(counts, want) {
		t.Errorf("events %v, want %v", counts, want)
	}
	first, final := pr.Timeline[5], pr.Timeline[len(pr.Timeline)-1]
	if first.CreatedAt.Format(time.DateOnly) != "2022-02-18" || pr.CreatedAt.After(first.CreatedAt) || final.Event != "closed" ||
		!final.CreatedAt.Equal(*pr.ClosedAt) || !pr.ClosedAt.After(pr.Timeline[len(pr.Timeline)-2].CreatedAt) {
		t.Errorf("dates: created %s, first reference %s, closed %s", pr.CreatedAt, first.CreatedAt, pr.ClosedAt)
	}
	lastRef := repo.Commits[pr.Timeline[len(pr.Timeline)-2].SHA]
	if lastRef.AuthorName != "Saeed Mahameed" || lastRef.AuthorEmail != "saeedm@nvidia.com" {
		t.Errorf("last commit's author %s <%s>, want the last Signed-off-by", lastRef.AuthorName, lastRef.AuthorEmail)
	}
	if sha := pr.Timeline[5].SHA; sha != seedpage.DeriveSHA("reference 1", repo.Commits[sha].Message) {
		t.Error("first reference's SHA is not derived as documented")
	}
}

func TestDemoDatasetIsFreshEachCall(t *testing.T) {
	a, err := fake.DemoDataset()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := fake.DemoDataset()
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two calls gave different data")
	}
	a.Repo(fake.DemoRepo).Pull(11).Title = "changed"
	if b.Repo(fake.DemoRepo).Pull(11).Title == "changed" {
		t.Error("calls share data")
	}
}

// Serving the demo end to end: three pages of PRs, PR #11's timeline, and
// the commit behind a reference.
func TestDemoServedByFakeServer(t *testing.T) {
	ds, err := fake.DemoDataset()
	if err != nil {
		t.Fatal(err)
	}
	srv, err := fake.NewFakeServer(ds, fake.FakeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	resp, body := get(t, srv, "repos/kernel-patches/bpf/pulls?state=all&per_page=100&page=3")
	if n := len(decode[[]*gogithub.PullRequest](t, body)); n != 63 {
		t.Errorf("page 3 has %d PRs, want 63", n)
	}
	if rels := links(t, resp.Header.Get("Link")); rels["first"] == nil || rels["next"] != nil {
		t.Errorf("Link on the last page: %s", resp.Header.Get("Link"))
	}
	_, body = get(t, srv, "repos/kernel-patches/bpf/issues/11/timeline?per_page=100")
	events := decode[[]*gogithub.Timeline](t, body)
	if len(events) != 57 {
		t.Fatalf("PR 11 timeline has %d events, want 57", len(events))
	}
	ref := events[len(events)-2]
	_, body = get(t, srv, strings.TrimPrefix(ref.GetCommitURL(), srv.URL))
	if c := decode[gogithub.RepositoryCommit](t, body); !strings.HasSuffix(c.GetCommit().GetMessage(), "Signed-off-by: Saeed Mahameed <saeedm@nvidia.com>") {
		t.Errorf("last referenced commit: %.200s", body)
	}
	resp, _ = get(t, srv, "repos/kernel-patches/bpf/issues/200/timeline?per_page=100")
	if last := links(t, resp.Header.Get("Link"))["last"]; last == nil || last.Query().Get("page") != "4" {
		t.Errorf("PR 200 timeline Link: %s", resp.Header.Get("Link"))
	}
}

func pullsByNumber(t *testing.T, repo *fake.RepoData) map[int]*fake.FakePull {
	t.Helper()
	out := map[int]*fake.FakePull{}
	for _, p := range repo.Pulls {
		if out[p.Number] != nil {
			t.Fatalf("PR %d twice", p.Number)
		}
		out[p.Number] = p
	}
	return out
}

func TestSyntheticVariety(t *testing.T) {
	ds, err := fake.DemoDataset()
	if err != nil {
		t.Fatal(err)
	}
	pulls := pullsByNumber(t, ds.Repo(fake.DemoRepo))
	if len(pulls) != 263 {
		t.Fatalf("%d PRs, want 263", len(pulls))
	}
	states := map[string]int{}
	for n := 1; n <= 260; n++ {
		p := pulls[n]
		if p == nil {
			t.Fatalf("PR %d missing", n)
		}
		if n == fake.DemoE2EPR {
			continue // made for the CI history: demo_ci_test.go checks it
		}
		if n != 11 && (!p.Synthetic || !strings.HasPrefix(p.Body, fake.SyntheticMarker)) {
			t.Errorf("PR %d not marked synthetic", n)
		}
		switch {
		case p.MergedAt != nil:
			states["merged"]++
		case p.Draft:
			states["draft"]++
		default:
			states[p.State]++
		}
		checkSyntheticPull(t, ds, p)
	}
	for _, s := range []string{"open", "closed", "merged", "draft"} {
		if states[s] < 10 {
			t.Errorf("only %d %s PRs: %v", states[s], s, states)
		}
	}
	if len(pulls[fake.SyntheticLongTitlePR].Title) <= 200 || pulls[fake.SyntheticGhostPR].User != "" || !pulls[fake.SyntheticDraftPR].Draft {
		t.Error("showcase PRs lack their feature")
	}
	for _, n := range []int{fake.SyntheticCJKPR, fake.SyntheticEmojiPR, fake.SyntheticCombiningPR, fake.SyntheticArabicPR, fake.SyntheticHebrewPR} {
		if isASCII(pulls[n].Title) {
			t.Errorf("PR %d title is plain ASCII", n)
		}
	}
	if n := len(pulls[fake.SyntheticLongTimelinePR].Timeline); n < 350 {
		t.Errorf("long timeline has %d events", n)
	}
	kinds := map[model.EventKind]bool{}
	for _, e := range pulls[fake.SyntheticAllEventsPR].Timeline {
		kinds[e.Event] = true
	}
	for _, k := range []model.EventKind{"commented", "labeled", "unlabeled", "renamed", "review_requested", "reviewed", "committed",
		"head_ref_force_pushed", "closed", "reopened", "merged", "referenced", "cross-referenced", "some_future_event"} {
		if !kinds[k] {
			t.Errorf("PR %d has no %s event", fake.SyntheticAllEventsPR, k)
		}
	}
	if vm := ds.Repo(fake.DemoSecondRepo); vm == nil || len(vm.Pulls) != 12 {
		t.Error("second demo repository missing")
	}
}

// checkSyntheticPull checks what makes a PR self-consistent: a time-ordered
// timeline, commits that exist where events say, labels and renames that add up.
func checkSyntheticPull(t *testing.T, ds *fake.Dataset, p *fake.FakePull) {
	t.Helper()
	labels := []string{}
	title := ""
	for i, e := range p.Timeline {
		if i > 0 && e.CreatedAt.Before(p.Timeline[i-1].CreatedAt) {
			t.Errorf("PR %d: event %d out of order", p.Number, i)
		}
		switch e.Event {
		case "referenced", "committed", "head_ref_force_pushed", "merged":
			repo := e.CommitRepo
			if repo == "" {
				repo = fake.DemoRepo
			}
			if r := ds.Repo(repo); e.SHA == "" || r == nil || r.Commits[e.SHA] == nil {
				t.Errorf("PR %d: %s event's commit %s not in %s", p.Number, e.Event, e.SHA, repo)
			}
		case "labeled":
			labels = append(labels, e.Label)
		case "unlabeled":
			labels = slices.DeleteFunc(labels, func(l string) bool { return l == e.Label })
		case "renamed":
			if title != "" && e.RenameFrom != title {
				t.Errorf("PR %d: rename from %q, but the title was %q", p.Number, e.RenameFrom, title)
			}
			title = e.RenameTo
		}
	}
	if !slices.Equal(labels, p.Labels) && !(len(labels) == 0 && len(p.Labels) == 0) {
		t.Errorf("PR %d: labels %v, timeline says %v", p.Number, p.Labels, labels)
	}
	if title != "" && title != p.Title {
		t.Errorf("PR %d: last rename to %q, title %q", p.Number, title, p.Title)
	}
	if n := len(p.Timeline); n > 0 && p.UpdatedAt.Before(p.Timeline[n-1].CreatedAt) {
		t.Errorf("PR %d: updated before its last event", p.Number)
	}
}

func isASCII(s string) bool {
	for _, r := range s {
		if r > 127 {
			return false
		}
	}
	return true
}

// Synthetic generation is linear in the PRs asked for: 10× the PRs
// allocate about 10× as much (10.2× today; copying the PR list for each PR
// shows as 17×, heavier quadratic steps as more). Allocations, not a clock (a 1 s bound failed on a loaded machine), so
// this cannot flake; BenchmarkSyntheticGeneration measures the time. The
// ranges start past the special PRs, so both are ordinary ones.
func TestSyntheticGenerationScales(t *testing.T) {
	generate := func(n int) func() {
		return func() {
			(&fake.Dataset{}).AddSynthetic(fake.SyntheticOptions{Repo: "o/r", First: 1001, Last: 1000 + n, Seed: 1})
		}
	}
	smallObjects, smallBytes := allocated(generate(260))
	bigObjects, bigBytes := allocated(generate(2600))
	t.Logf("260 PRs: %d allocations, %d B; 2,600 PRs: %d, %d B", smallObjects, smallBytes, bigObjects, bigBytes)
	if bigObjects > 15*smallObjects || bigBytes > 15*smallBytes {
		t.Errorf("2,600 PRs allocate %d B in %d objects, 260 PRs %d B in %d: worse than linear", bigBytes, bigObjects, smallBytes, smallObjects)
	}
}

// allocated is what one call of f allocates, objects and bytes: a measure
// a loaded machine does not change. The counters are process-wide, so it
// is exact only while nothing else runs, as between this package's
// (non-parallel) tests.
func allocated(f func()) (objects, bytes uint64) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.Mallocs - before.Mallocs, after.TotalAlloc - before.TotalAlloc
}

func BenchmarkSyntheticGeneration(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		ds := &fake.Dataset{}
		ds.AddSynthetic(fake.SyntheticOptions{Repo: "o/r", First: 1, Last: 260, Seed: 1})
	}
}
