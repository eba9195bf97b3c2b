package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/github/httpcache"

	"github.com/prscope/prscope/github/fake"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/prscope/prscope/github"
)

// sessionDataset is a repository whose newest PR is a KPD-style test PR:
// 2,600 timeline events (26 pages), referencing commits among them, and a
// run of referencing commits at its end.
func sessionDataset() *fake.Dataset {
	ds := testDataset(150, nil)
	repo := ds.Repo("acme/widgets")
	pr := repo.Pull(150)
	at := pr.CreatedAt
	for e := 0; e < 2600; e++ {
		at = at.Add(time.Minute)
		if e%13 == 5 || e >= 2590 {
			sha := fmt.Sprintf("%040x", 7_000_000+e)
			repo.AddCommit(&fake.FakeCommit{SHA: sha, Message: fmt.Sprintf("selftests: fix run %d\n\nSee #150.", e), AuthorName: "bot", Date: at})
			pr.Timeline = append(pr.Timeline, fake.FakeEvent{Event: "referenced", Actor: "kpd[bot]", CreatedAt: at, SHA: sha, CommitRepo: "acme/widgets"})
			continue
		}
		pr.Timeline = append(pr.Timeline, fake.FakeEvent{Event: "commented", Actor: "kernel-patches-bot", CreatedAt: at,
			Body: fmt.Sprintf("branch: series/150\nbase: main\nversion: %07x", e)})
	}
	return ds
}

// sessionCounts is what one scripted session cost.
type sessionCounts struct {
	list, timeline, commits, other int
	reviews                        int // reviews and review comments
	checks                         int // the PR's CI: check runs and status
	pullCommits                    int // the PR's own commit list
	runs                           int // the PR branch's CI runs
	listCI                         int // the list rows' CI: the repository's newest runs, or a head's
	notModified                    int // answered 304
	unconditional                  int // sent without If-None-Match / If-Modified-Since
	firstFrame                     time.Duration
	commitsShown                   int
}

func (c sessionCounts) total() int {
	return c.list + c.timeline + c.commits + c.reviews + c.checks + c.pullCommits + c.runs + c.listCI + c.other
}

// cachedClient is a client of srv over a cache in dir, with the clock
// (its own and the cache's) stopped at now.
func cachedClient(t *testing.T, srv *fake.FakeServer, dir string, now time.Time) (*github.Client, func() time.Time) {
	t.Helper()
	clock := func() time.Time { return now }
	cache, err := httpcache.OpenCache(httpcache.CacheOptions{Dir: dir, Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	client, err := github.NewClient(github.Options{BaseURL: srv.URL, Cache: cache, Now: clock, Timeout: timeoutForTests})
	if err != nil {
		t.Fatal(err)
	}
	return client, clock
}

// runSession opens the repo (the 2,600-event PR is the first, selected),
// goes to the end of its timeline (G), where 10 referencing commits show,
// and quits — with a cache in dir and the clock at now.
func runSession(t *testing.T, srv *fake.FakeServer, dir string, now time.Time) sessionCounts {
	t.Helper()
	client, clock := cachedClient(t, srv, dir, now)
	srv.ResetRequests()
	h := &harness{t: t, server: srv}
	start := time.Now()
	root := New(Config{Repo: widgets, Source: client, SettleDelay: time.Millisecond, Now: clock})
	h.m = root
	h.send(tea.WindowSizeMsg{Width: 160, Height: 45})
	h.queue(root.Init())
	var c sessionCounts
	// The first frame with the list drawn: run commands one at a time.
	for len(h.pending) > 0 && !strings.Contains(h.view(), "Widget change number 150") {
		cmd := h.pending[0]
		h.pending = h.pending[1:]
		h.deliver(cmd())
	}
	c.firstFrame = time.Since(start)
	h.run()
	h.keys("tab", "G")
	h.run()
	v := h.view()
	if !strings.Contains(v, "selftests: fix run 2599") {
		t.Fatalf("the end of the timeline is not shown:\n%s", v)
	}
	c.commitsShown = strings.Count(v, "selftests: fix run")
	h.keys("q")

	c.count(t, srv.Requests())
	return c
}

// count files each request under what it asked for.
func (c *sessionCounts) count(t *testing.T, requests []fake.RecordedRequest) {
	t.Helper()
	seen := map[string]bool{}
	for _, r := range requests {
		switch p := r.Path; {
		case strings.HasSuffix(p, "/pulls"):
			c.list++
		case strings.Contains(p, "/timeline"):
			c.timeline++
		case strings.HasSuffix(p, "/reviews"), strings.HasSuffix(p, "/comments") && strings.Contains(p, "/pulls/"):
			c.reviews++
		case strings.HasSuffix(p, "/check-runs") || strings.HasSuffix(p, "/status"):
			c.checks++
		case strings.Contains(p, "/pulls/") && strings.HasSuffix(p, "/commits"):
			c.pullCommits++
		case strings.HasSuffix(p, "/actions/runs") && r.Query.Get("branch") == "":
			c.listCI++
		case strings.HasSuffix(p, "/actions/runs"):
			c.runs++
		case strings.Contains(p, "/git/commits/"):
			c.commits++
			if seen[p] {
				t.Errorf("commit %s fetched twice in one session", p)
			}
			seen[p] = true
		default:
			c.other++
		}
		if r.Status == 304 {
			c.notModified++
		}
		if r.Header.Get("If-None-Match") == "" && r.Header.Get("If-Modified-Since") == "" {
			c.unconditional++
		}
	}
}

// TestRequestBudget is the scripted session, cold, warm (within
// max-age) and after max-age, reporting what each cost.
func TestRequestBudget(t *testing.T) {
	srv, err := fake.NewFakeServer(sessionDataset(), fake.FakeOptions{MaxAge: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	dir := t.TempDir()
	t0 := time.Now()

	cold := runSession(t, srv, dir, t0)
	// The least that can show this: list page 1, timeline page 1 and the
	// last page, the head commit's check runs and status, each commit
	// message that came into view once, and reviews and review comments
	// (one page each), the PR's own commits (one page) and its branch's CI
	// runs (one page; it has none, so no jobs), and for the list's CI
	// column the repository's newest runs (one page: all it has, so no
	// row needs a request of its own).
	if cold.list != 1 || cold.timeline != 2 || cold.checks != 2 || cold.reviews != 2 || cold.pullCommits != 1 || cold.runs != 1 || cold.listCI != 1 || cold.other != 0 {
		t.Errorf("cold: %d list, %d timeline, %d checks, %d review, %d commit list, %d runs, %d list CI, %d other requests; want 1, 2 (first and last page), 2, 2, 1, 1, 1, 0",
			cold.list, cold.timeline, cold.checks, cold.reviews, cold.pullCommits, cold.runs, cold.listCI, cold.other)
	}
	if cold.commitsShown < 10 {
		t.Errorf("only %d referencing commits shown at the end, want at least 10", cold.commitsShown)
	}

	warm := runSession(t, srv, dir, t0.Add(10*time.Second))
	if warm.total() != 0 {
		t.Errorf("warm within max-age: %d requests (%+v), want 0", warm.total(), warm)
	}

	stale := runSession(t, srv, dir, t0.Add(2*time.Minute))
	if stale.unconditional != 0 || stale.notModified != stale.total() || stale.commits != 0 {
		t.Errorf("after max-age: %d requests, %d unconditional, %d answered 304, %d commits; want all conditional, all 304, no commits (immutable)",
			stale.total(), stale.unconditional, stale.notModified, stale.commits)
	}
	t.Logf("cold: %d requests (list %d, timeline %d, checks %d, reviews %d, commit list %d, CI runs %d, list CI %d, commit messages %d) in %v to the first frame",
		cold.total(), cold.list, cold.timeline, cold.checks, cold.reviews, cold.pullCommits, cold.runs, cold.listCI, cold.commits, cold.firstFrame)
	t.Logf("warm: %d requests, first frame in %v", warm.total(), warm.firstFrame)
	t.Logf("after max-age: %d requests, %d answered 304, first frame in %v", stale.total(), stale.notModified, stale.firstFrame)
}
