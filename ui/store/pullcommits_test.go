package store

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/prscope/prscope/model"
)

// commitsStub lists n commits a page of perPage, or fails.
type commitsStub struct {
	stubSource
	n    int
	fail bool
}

func (c commitsStub) PullCommits(_ context.Context, _ model.Repo, _ int, page, perPage int) ([]model.PullCommit, model.Page, error) {
	if c.fail {
		return nil, model.Page{}, errors.New("commits down")
	}
	var out []model.PullCommit
	for i := (page - 1) * perPage; i < min(page*perPage, c.n); i++ {
		out = append(out, model.PullCommit{SHA: fmt.Sprintf("%040d", i)})
	}
	next := page + 1
	if page*perPage >= c.n {
		next = 0
	}
	return out, model.Page{Next: next}, nil
}

func storeOf(src Source) Store {
	return New(context.Background(), Config{Source: src, Repo: model.Repo{Owner: "o", Name: "r"}, PerPage: 2, MaxCommitFetches: 4})
}

func TestPullCommitsWithTheTimelineOncePerGeneration(t *testing.T) {
	s := storeOf(commitsStub{n: 5})
	if s.loadPullCommits(7) != nil {
		t.Fatal("asked before the timeline was asked for")
	}
	s.Update(run(t, s.LoadTimeline(7)))
	old := run(t, s.loadPullCommits(7))
	if s.loadPullCommits(7) != nil {
		t.Error("asked twice in one generation")
	}
	reload := s.Reload(7, ChecksKey{})
	fresh := s.loadPullCommits(7) // the root's Fetch after every Update
	if ch, _ := s.Update(old); ch.Kind != KindNone || s.PullCommits(7).Loaded {
		t.Errorf("an answer from before the reload was filed: %+v", s.PullCommits(7))
	}
	for _, msg := range batch(t, reload) {
		s.Update(msg)
	}
	ch, _ := s.Update(run(t, fresh))
	got := s.PullCommits(7)
	if ch.Kind != KindPullCommits || !got.Loaded || len(got.Commits) != 5 || got.Number != 7 || got.Version == 0 {
		t.Errorf("after the answer: change %v, status %+v", ch.Kind, got)
	}
	if s.InFlight() != 0 {
		t.Errorf("%d in flight after every answer", s.InFlight())
	}
}

func TestPullCommitsFailureIsThePartsOwn(t *testing.T) {
	s := storeOf(commitsStub{fail: true})
	s.Update(run(t, s.LoadTimeline(7)))
	s.Update(run(t, s.loadPullCommits(7)))
	if got := s.PullCommits(7); got.Loaded || got.Err == "" {
		t.Errorf("a failed list: %+v, want an error and nothing loaded", got)
	}
	if !s.Timeline(7).Loaded() {
		t.Error("the failure cost the timeline")
	}
	// A Source that cannot list commits asks nothing.
	plain := newStub()
	plain.Update(run(t, plain.LoadTimeline(7)))
	if plain.loadPullCommits(7) != nil {
		t.Error("a Source without PullCommits was asked")
	}
}
