package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/github/fake"
)

// listCIDataset: 60 PRs with known heads. #60's head failed in one of the
// repository's newest runs; 120 runs of pushes to main come after the
// runs of #59 (passed on a re-run) and #58 (running), so the newest page
// leaves those two out.
func listCIDataset() *fake.Dataset {
	ds := testDataset(60, nil)
	repo := ds.Repos["acme/widgets"]
	at := time.Date(2023, 6, 1, 0, 0, 0, 0, time.UTC)
	for _, pr := range repo.Pulls {
		pr.HeadSHA = fmt.Sprintf("%040x", 0xabc000+pr.Number)
	}
	head := func(n int) string { return fmt.Sprintf("%040x", 0xabc000+n) }
	run := func(sha, branch, status, conclusion string, attempt int, at time.Time) {
		repo.AddRun(&fake.FakeRun{Workflow: "bpf-ci", HeadSHA: sha, HeadBranch: branch, Event: "pull_request", Status: status, Conclusion: conclusion, Attempt: attempt, CreatedAt: at})
	}
	run(head(59), "feature-59", "completed", "failure", 1, at)
	run(head(59), "feature-59", "completed", "success", 2, at.Add(time.Minute))
	run(head(58), "feature-58", "in_progress", "", 1, at.Add(2*time.Minute))
	for i := range 120 {
		run(fmt.Sprintf("%040x", 0xfff000+i), "main", "completed", "success", 1, at.Add(time.Hour+time.Duration(i)*time.Minute))
	}
	run(head(60), "feature-60", "completed", "failure", 1, at.Add(5*time.Hour))
	return ds
}

// TestListCIFromRuns: once the list rests, rows without CI labels show
// their head's verdict from its runs: one request for the repository's
// newest runs, then one per head on screen that page leaves out, each
// once; /ci:red finds them.
func TestListCIFromRuns(t *testing.T) {
	h := newHarness(t, listCIDataset(), Config{Repo: widgets}, 160, 20)
	h.run()
	v := h.view()
	for _, want := range []string{"#60 ✗ Widget", "#59 ✓ Widget", "#58 ● Widget", "#57 Widget"} {
		if !strings.Contains(v, want) {
			t.Errorf("missing %q:\n%s", want, v)
		}
	}
	newest, heads := 0, map[string]int{}
	for _, r := range h.server.Requests() {
		if !strings.HasSuffix(r.Path, "/actions/runs") || r.Query.Get("branch") != "" {
			continue
		}
		if sha := r.Query.Get("head_sha"); sha != "" {
			heads[sha]++
		} else {
			newest++
		}
	}
	onScreen := 20 - 4 // the list's rows: the pane's height less its border, banner and status
	if newest != 1 || len(heads) == 0 || len(heads) > onScreen {
		t.Errorf("%d requests for the newest runs, %d heads asked; want 1, and at most the %d rows on screen", newest, len(heads), onScreen)
	}
	for sha, n := range heads {
		if n != 1 {
			t.Errorf("head %s asked %d times", sha, n)
		}
	}
	if _, ok := heads[fmt.Sprintf("%040x", 0xabc000+60)]; ok {
		t.Error("#60's head asked on its own though the newest runs tell it")
	}

	h.send(keyMsg("j"))
	if h.root().lists.headsWanted() != nil {
		t.Error("heads wanted while the selection moves")
	}
	h.run()
	h.keys("/")
	h.typeText("ci:red")
	h.run()
	if got := h.root().lists.filter.total; got != 1 {
		t.Errorf("/ci:red finds %d PRs, want #60 alone:\n%s", got, h.view())
	}
}
