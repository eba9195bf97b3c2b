package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/prscope/prscope/model"
)

// headsStub is a repository whose newest runs page (one of many) has head
// "a1" failing; of the heads it leaves out, "b2" passed, "c3" runs, the
// rest have none.
type headsStub struct {
	actionsStub
	all bool // the newest page is every run there is
}

func (h headsStub) WorkflowRuns(_ context.Context, _ model.Repo, f model.RunFilter, _, _ int) ([]model.WorkflowRun, model.Page, error) {
	at := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	done := func(id int64, sha, conclusion string) model.WorkflowRun {
		return model.WorkflowRun{ID: id, HeadSHA: sha, Workflow: "bpf-ci", Status: "completed", Conclusion: conclusion, CreatedAt: at, Attempt: 1}
	}
	switch f.HeadSHA {
	case "":
		page := model.Page{Total: 500, Next: 2}
		if h.all {
			page = model.Page{Total: 2}
		}
		// a1 an hour after the page's oldest run (z9's): wholly in it.
		a1 := done(1, "a1", "failure")
		a1.CreatedAt = at.Add(time.Hour)
		return []model.WorkflowRun{a1, done(9, "z9", "success")}, page, nil
	case "b2":
		rerun := done(2, "b2", "success")
		rerun.Attempt, rerun.UpdatedAt = 2, at.Add(time.Hour)
		return []model.WorkflowRun{done(2, "b2", "failure"), rerun}, model.Page{Total: 2}, nil
	case "c3":
		return []model.WorkflowRun{{ID: 3, HeadSHA: "c3", Workflow: "bpf-ci", Status: "in_progress", CreatedAt: at}}, model.Page{Total: 1}, nil
	}
	return nil, model.Page{}, nil
}

// TestHeadCIAsksTheNewestRunsFirst: the list's heads cost one request for
// the repository's newest runs; only the heads it leaves out are asked one
// by one, at most maxHeadFetches at once, each once; a verdict comes from
// the newest attempt.
func TestHeadCIAsksTheNewestRunsFirst(t *testing.T) {
	s := storeOf(headsStub{})
	heads := []string{"a1", "b2", "c3", "d4", "e5", "f6", "g7"}
	msgs := batch(t, s.loadHeadCI(heads))
	if len(msgs) != 1 || msgs[0].(Reply[[]model.WorkflowRun]).Key.Ref != recentRuns {
		t.Fatalf("first %d requests, want the newest runs alone", len(msgs))
	}
	if s.loadHeadCI(heads) != nil {
		t.Fatal("heads asked before the newest runs came")
	}
	s.Update(msgs[0])
	if got := s.HeadVerdict("a1"); got != "fail" {
		t.Errorf("a1 = %q, want fail from the newest runs", got)
	}
	if got := s.HeadVerdict("z9"); got != "" {
		t.Errorf("z9 = %q, want unknown: at the page's edge, another workflow's run may be just past it", got)
	}
	msgs = batch(t, s.loadHeadCI(heads))
	if len(msgs) != maxHeadFetches {
		t.Fatalf("%d heads asked at once, want %d", len(msgs), maxHeadFetches)
	}
	asked := map[string]bool{}
	for _, m := range msgs {
		asked[m.(Reply[[]model.WorkflowRun]).Key.Ref] = true
		s.Update(m)
	}
	if asked["a1"] {
		t.Error("a1 asked again although the newest runs tell it")
	}
	for _, m := range batch(t, s.loadHeadCI(heads)) {
		s.Update(m)
	}
	if more := s.loadHeadCI(heads); more != nil {
		t.Error("heads asked twice")
	}
	want := map[string]string{"a1": "fail", "b2": "pass", "c3": "running", "d4": ""}
	for sha, v := range want {
		if got := s.HeadVerdict(sha); got != v {
			t.Errorf("%s = %q, want %q", sha, got, v)
		}
	}
	if s.InFlight() != 0 {
		t.Errorf("%d in flight", s.InFlight())
	}
	// r asks again for what may change: the newest runs and c3, not b2.
	s.Reload(0, ChecksKey{})
	s.Update(run(t, s.loadHeadCI(heads)))
	again := map[string]bool{}
	for _, m := range batch(t, s.loadHeadCI(heads)) {
		again[m.(Reply[[]model.WorkflowRun]).Key.Ref] = true
	}
	if !again["c3"] || again["b2"] {
		t.Errorf("after r asked %v, want c3 (running) and not b2 (over)", again)
	}
}

// TestHeadCIOneRequestWhenThePageIsAll: when the newest runs are all the
// repository has, no head is asked for on its own.
func TestHeadCIOneRequestWhenThePageIsAll(t *testing.T) {
	s := storeOf(headsStub{all: true})
	heads := make([]string, 40)
	for i := range heads {
		heads[i] = fmt.Sprintf("%040x", i)
	}
	s.Update(run(t, s.loadHeadCI(heads)))
	if s.loadHeadCI(heads) != nil {
		t.Error("heads asked one by one though the newest runs are all")
	}
}

// TestHeadCINeedsActions: a Source without Actions is never asked.
func TestHeadCINeedsActions(t *testing.T) {
	s := newStub()
	if s.loadHeadCI([]string{"a1"}) != nil {
		t.Error("asked a Source without Actions")
	}
}
