package detail

import (
	"strings"
	"testing"

	"github.com/prscope/prscope/ui/store"

	"github.com/prscope/prscope/model"
)

func TestCrossReferenceNamesTitleAndState(t *testing.T) {
	m, _ := newPane(t, 120, 20)
	ev := model.Event{ID: "x1", Event: "cross-referenced", Actor: "erin", CreatedAt: at(1),
		Source: &model.SourceRef{Repo: "acme/tools", Number: 42, Title: "Use the new \x1b[31mwidget", IsPull: true, State: model.StateMerged}}
	m.ShowTimeline(testPR(1), []model.Event{ev}, nil, store.TimelineStatus{})
	if v := m.View(); !strings.Contains(v, "cross-referenced from acme/tools#42 · merged · Use the new widget") {
		t.Errorf("cross-reference line:\n%s", v)
	}
}

// Review comments arriving redraw the reviewed event they belong to, and
// only while their PR is shown.
func TestReviewsLoadedRedrawsOnlyItsPR(t *testing.T) {
	m, _ := newPane(t, 100, 30)
	sets := store.Reviews{}
	m.UseReviews(sets)
	review := model.Event{ID: "r1", Event: "reviewed", Actor: "bob", ReviewState: "approved", ReviewID: 7, CreatedAt: at(1), Body: "ok"}
	m.ShowTimeline(testPR(1), []model.Event{comment(0, "hello"), review}, nil, store.TimelineStatus{})
	if strings.Contains(m.View(), "comment on") {
		t.Fatalf("comments shown before any arrived:\n%s", m.View())
	}
	comments := []model.ReviewComment{{ID: 1, ReviewID: 7, User: "bob", Path: "a.go", Line: 3, Body: "why?", CreatedAt: at(1)}}
	sets[2] = store.NewReviewSet(nil, comments) // another PR's
	m.ReviewsLoaded(2)
	if strings.Contains(m.View(), "comment on") {
		t.Errorf("another PR's review comments were drawn:\n%s", m.View())
	}
	cached := &m.items[2].lines[0] // the comment's rendered lines
	sets[1] = store.NewReviewSet([]model.Review{{ID: 7, User: "bob", State: model.ReviewApproved}}, comments)
	m.ReviewsLoaded(1)
	v := m.View()
	if !strings.Contains(v, "1 comment on a.go (enter to show)") || !strings.Contains(v, "reviews: 1 approved") {
		t.Errorf("after ReviewsLoaded:\n%s", v)
	}
	// Only the header and the review were redrawn: the comment's cached
	// lines are the same ones.
	if m.items[2].kind != kindEvent || len(m.items[2].lines) == 0 || &m.items[2].lines[0] != cached {
		t.Errorf("the comment item was re-rendered")
	}
}
