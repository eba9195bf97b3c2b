package ui

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/github/fake"
)

// routeCases are the routes the TUI asks, each matched by its path.
var routeCases = []struct {
	name   string
	match  func(path string) bool
	number int // the PR named on the command line; 0 for none
}{
	{"list", func(p string) bool { return strings.HasSuffix(p, "/pulls") }, 0},
	{"pull", func(p string) bool { return strings.HasSuffix(p, "/pulls/5") }, 5},
	{"timeline", func(p string) bool { return strings.HasSuffix(p, "/timeline") }, 0},
	{"reviews", func(p string) bool { return strings.HasSuffix(p, "/reviews") }, 0},
	{"review comments", func(p string) bool { return strings.HasSuffix(p, "/pulls/5/comments") }, 0},
	{"check runs", func(p string) bool { return strings.HasSuffix(p, "/check-runs") }, 0},
	{"statuses", func(p string) bool { return strings.HasSuffix(p, "/status") }, 0},
	{"commit messages", func(p string) bool { return strings.Contains(p, "/git/commits/") }, 0},
}

// After a secondary limit (GitHub's shortest Retry-After, 1s) on any one
// route, once the server is well again the first r brings back every part
// that failed: nothing asked during the backoff was lost for good.
func TestFirstReloadRecoversFromASecondaryLimit(t *testing.T) {
	faults := map[string]func() *fake.Fault{
		"429": func() *fake.Fault { return fake.FaultSecondary429(time.Second) },
		"403": func() *fake.Fault { return fake.FaultSecondary403(time.Second) },
	}
	for fname, fault := range faults {
		for _, rc := range routeCases {
			t.Run(fname+"/"+rc.name, func(t *testing.T) {
				ds := testDataset(5, map[int]int{5: 6})
				h := newHarnessFull(t, ds, Config{Repo: widgets, Number: rc.number}, 160, 45, nil, timeoutForTests)
				limited := 0
				h.server.SetFaults(func(r *http.Request) *fake.Fault {
					if rc.match(r.URL.Path) {
						limited++
						return fault()
					}
					return nil
				})
				h.run()
				if limited == 0 {
					t.Fatalf("no request for the %s: the test proves nothing", rc.name)
				}
				h.server.SetFaults(nil)
				h.keys("r")
				h.run()
				checkEverythingShown(t, h)
			})
		}
	}
}

// checkEverythingShown fails unless the list, PR 5's timeline, reviews,
// checks and commit messages are all loaded, with no error anywhere.
func checkEverythingShown(t *testing.T, h *harness) {
	t.Helper()
	m := h.root()
	v := h.view()
	if m.lists.list.Len() != 5 || m.shown != 5 {
		t.Errorf("list of %d PRs, #%d shown; want 5, #5", m.lists.list.Len(), m.shown)
	}
	if tl, _ := m.store.Asked(5); tl == nil || !tl.Loaded() || tl.Err() != "" {
		t.Errorf("timeline of #5 not loaded: %+v", tl)
	}
	if !m.store.ReviewsDone(5) {
		t.Errorf("reviews of #5 not loaded")
	}
	key, ok := checksKeyOf(m.detail, m.shown)
	if !ok || !m.store.ChecksLoaded(key) {
		t.Errorf("checks of #5 not loaded: %+v", m.store.Checks(key))
	}
	if len(m.store.Commits()) != 2 {
		t.Errorf("%d commit messages known, want 2", len(m.store.Commits()))
	}
	for k, c := range m.store.Commits() {
		if !c.Loaded || c.Err != "" {
			t.Errorf("commit %s: %+v", k, c)
		}
	}
	if m.store.LastErr() != "" || strings.Contains(v, "rate limit") || strings.Contains(v, "retry") {
		t.Errorf("an error is still shown (last %q):\n%s", m.store.LastErr(), v)
	}
}
