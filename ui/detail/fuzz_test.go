package detail

import (
	"testing"
	"time"

	"github.com/prscope/prscope/ui/store"

	"github.com/prscope/prscope/internal/termtest"
	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/common"
)

var fuzzKinds = []model.EventKind{"commented", "reviewed", "referenced", "committed", "labeled", "renamed", "closed", "some_future_event"}

// FuzzTimeline: whatever a PR's and its events' strings hold, the pane
// draws no escape sequence of theirs and never a line wider than itself,
// collapsed or expanded, before and after a commit message or a markdown
// rendering arrives.
func FuzzTimeline(f *testing.F) {
	for i, s := range termtest.Hostile {
		f.Add(s, s, s, uint8(i), uint8(60), uint8(12))
	}
	f.Add("title", "body", "alice", uint8(2), uint8(1), uint8(1))
	f.Fuzz(func(t *testing.T, title, text, actor string, kind, width, height uint8) {
		w, h := int(width), int(height)%50
		commits := store.Commits{}
		m := New(common.New(), commits)
		m.Focus()
		m.SetSize(w, h)
		at := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
		ev := model.Event{
			Event: fuzzKinds[int(kind)%len(fuzzKinds)], Actor: actor, Author: actor, CreatedAt: at, Body: text,
			Label: &model.Label{Name: text}, Rename: &model.Rename{From: title, To: text}, LockReason: text,
		}
		if ev.Event == "referenced" || ev.Event == "committed" {
			ev.Commit = &model.CommitRef{SHA: text, Repo: actor}
		}
		m.ShowTimeline(model.PullRequest{Number: 1, Title: title, User: actor, Head: text, Base: title, Body: text,
			State: model.StateOpen, Labels: []model.Label{{Name: title}}}, []model.Event{ev, ev}, nil,

			store.TimelineStatus{Err: text})

		termtest.CheckScreen(t, m.View(), w, h)
		for _, k := range []string{"j", "j", "enter", "j", "enter", "G", "enter"} {
			m = press(m, k)
			termtest.CheckScreen(t, m.View(), w, h)
			renderAsked(t, &m) // the bodies as markdown, once rendered
			termtest.CheckScreen(t, m.View(), w, h)
		}
		if ev.Commit != nil {
			commits[store.CommitKey(ev.Commit.Repo, ev.Commit.SHA)] = store.CommitInfo{Loaded: true, Message: text, Err: title}
			m.CommitLoaded(store.CommitKey(ev.Commit.Repo, ev.Commit.SHA))
			termtest.CheckScreen(t, m.View(), w, h)
		}
	})
}
