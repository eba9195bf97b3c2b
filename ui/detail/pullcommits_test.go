package detail

import (
	"errors"
	"strings"
	"testing"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/store"
)

// TestHeaderCountsThePRsCommitList: a PR without GET /pulls/N's count (a
// search result) says how many commits its list has once it arrives; a
// status for another PR changes nothing; a failed list says so.
func TestHeaderCountsThePRsCommitList(t *testing.T) {
	m, _ := newPane(t, 100, 20)
	pr := testPR(1)
	pr.Commits = 0
	m.ShowTimeline(pr, mixedEvents(3), nil, store.TimelineStatus{})
	header := func() string { return strings.Join(doc(m)[:4], "\n") }
	if h := header(); !strings.Contains(h, "alice merged into main") {
		t.Fatalf("a count before anything said one:\n%s", h)
	}
	m.SetPullCommits(store.PullCommitsStatus{Number: 2, Version: 1, Loaded: true, Commits: make([]model.PullCommit, 9)})
	if h := header(); !strings.Contains(h, "alice merged into main") {
		t.Errorf("another PR's commits were counted:\n%s", h)
	}
	m.SetPullCommits(store.PullCommitsStatus{Number: 1, Version: 2, Loaded: true, Commits: make([]model.PullCommit, 4)})
	if h := header(); !strings.Contains(h, "merged 4 commits into main") {
		t.Errorf("header without the list's count:\n%s", h)
	}
	m.SetPullCommits(store.PullCommitsStatus{Number: 1, Version: 3, Err: store.OneLine(errors.New("502 bad gateway"))})
	if h := strings.Join(doc(m)[:6], "\n"); !strings.Contains(h, "commits: could not list") || !strings.Contains(h, "502") {
		t.Errorf("a failed list is not said:\n%s", h)
	}
}
