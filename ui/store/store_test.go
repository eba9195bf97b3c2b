package store

import (
	"context"
	"errors"
	"fmt"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/prscope/prscope/github/httpcache"
	"github.com/prscope/prscope/model"
)

// stubSource answers every page with one PR or event, numbered by page.
type stubSource struct{ Source }

func (stubSource) ListPulls(_ context.Context, _ model.Repo, _ string, page, _ int) ([]model.PullRequest, model.Page, error) {
	return []model.PullRequest{{Number: page}}, model.Page{Next: page + 1}, nil
}

func (stubSource) Timeline(_ context.Context, _ model.Repo, number, page, _ int) ([]model.Event, model.Page, error) {
	return []model.Event{{ID: fmt.Sprint(page), Event: "commented"}}, model.Page{}, nil
}

func (stubSource) GetPull(_ context.Context, _ model.Repo, number int) (model.PullRequest, error) {
	return model.PullRequest{Number: number}, nil
}

func (stubSource) SearchPulls(_ context.Context, _ model.Repo, _ string, page, _ int) ([]model.PullRequest, model.Page, error) {
	return nil, model.Page{}, errors.New("search down")
}

func newStub() Store {
	return New(context.Background(), Config{Source: stubSource{}, Repo: model.Repo{Owner: "o", Name: "r"}, PerPage: 1, MaxCommitFetches: 4})
}

// answer runs a request's command, as the runtime would.
func run(t *testing.T, cmd tea.Cmd) tea.Msg {
	t.Helper()
	if cmd == nil {
		t.Fatal("no request made")
	}
	return cmd()
}

func TestLedgerCountsEveryRequestUntilItsAnswer(t *testing.T) {
	s := newStub()
	first, tl := s.FirstListPage(), s.LoadTimeline(7)
	if s.InFlight() != 2 {
		t.Fatalf("in flight %d, want 2", s.InFlight())
	}
	for _, cmd := range []tea.Cmd{first, tl} {
		if _, ok := s.Update(run(t, cmd)); !ok {
			t.Fatal("an answer was not taken")
		}
	}
	if s.InFlight() != 0 {
		t.Errorf("in flight %d after both answers, want 0", s.InFlight())
	}
	if _, ok := s.Update(tea.KeyMsg{}); ok {
		t.Error("a key was taken for an answer")
	}
}

func TestAnswerToAnOlderGenerationIsDropped(t *testing.T) {
	s := newStub()
	old := run(t, s.LoadTimeline(7))
	reload := s.Reload(7, ChecksKey{})
	if ch, _ := s.Update(old); ch.Kind != KindNone {
		t.Errorf("the answer from before the reload changed %v", ch.Key)
	}
	if s.Timeline(7).Loaded() {
		t.Error("the old generation's page was filed as the new one's")
	}
	for _, msg := range batch(t, reload) {
		s.Update(msg)
	}
	if !s.Timeline(7).Loaded() || s.Timeline(7).Gen() != 1 {
		t.Errorf("after the reload's answers: loaded %v, gen %d", s.Timeline(7).Loaded(), s.Timeline(7).Gen())
	}
}

func TestPagedListStopsOnErrorUntilRetried(t *testing.T) {
	s := newStub()
	cmd := s.StartSearch("bug", httpcache.Initial)
	ch, _ := s.Update(run(t, cmd))
	if ch.Err == nil || !s.Search.Stopped() || s.LastErr() != "search down" {
		t.Fatalf("err %v, stopped %v, last %q", ch.Err, s.Search.Stopped(), s.LastErr())
	}
	if s.Fetch(Wants{SearchNearEnd: true}) != nil && s.InFlight() != 0 {
		t.Error("a stopped search asked for more without r")
	}
	if s.RetrySearch() == nil {
		t.Error("r did not ask the search again")
	}
	late := run(t, s.StartSearch("other", httpcache.Initial)) // a newer search
	s.StopSearch()
	if ch, _ := s.Update(late); ch.Kind != KindNone {
		t.Error("a left search's page was filed")
	}
}

// batch runs a tea.Batch's commands.
func batch(t *testing.T, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	msg := run(t, cmd)
	b, ok := msg.(tea.BatchMsg)
	if !ok {
		return []tea.Msg{msg}
	}
	var out []tea.Msg
	for _, c := range b {
		if c != nil {
			out = append(out, c())
		}
	}
	return out
}

func (stubSource) CommitMessage(_ context.Context, _, sha string) (string, error) {
	return "subject of " + sha, nil
}

// TestCommitMessagesAtMostMaxInFlight: the busy count follows what is on
// its way, so a freed slot is used by the next ask.
func TestCommitMessagesAtMostMaxInFlight(t *testing.T) {
	s := newStub() // MaxCommitFetches 4
	var refs []model.CommitRef
	for i := range 6 {
		refs = append(refs, model.CommitRef{Repo: "o/r", SHA: fmt.Sprintf("%040d", i)})
	}
	msgs := batch(t, s.loadCommits(refs))
	if len(msgs) != 4 || s.CommitsBusy() != 4 {
		t.Fatalf("%d asked, %d busy; want 4 and 4", len(msgs), s.CommitsBusy())
	}
	s.Update(msgs[0])
	if s.CommitsBusy() != 3 {
		t.Errorf("after one answer %d busy, want 3", s.CommitsBusy())
	}
	if more := batch(t, s.loadCommits(refs)); len(more) != 1 || s.CommitsBusy() != 4 {
		t.Errorf("the freed slot: %d more asked, %d busy; want 1 and 4", len(more), s.CommitsBusy())
	}
}
