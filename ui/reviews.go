package ui

import (
	"context"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	gh "github.com/prscope/prscope/github"
	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/detail"
)

// errReviews marks a failure to load reviews or review comments.
const errReviews = "reviews"

// reviewStore is the store's record of PRs' reviews and review comments,
// kept for every PR visited. sets is shared with the detail pane, which
// reads the entry of the PR it shows.
type reviewStore struct {
	loads map[int]*reviewLoad
	sets  detail.Reviews
}

// reviewLoad is one PR's reviews as loaded for one timeline generation: a
// reload (r) starts a new generation of both together.
type reviewLoad struct {
	gen          int
	reviews      []model.Review
	comments     []model.ReviewComment
	reviewsDone  bool
	commentsDone bool
}

func newReviewStore() reviewStore {
	return reviewStore{loads: map[int]*reviewLoad{}, sets: detail.Reviews{}}
}

// reviewsMsg is every page of a PR's reviews (or, with ofComments, its
// review comments) for timeline generation gen.
type reviewsMsg struct {
	number, gen int
	ofComments  bool
	reviews     []model.Review
	comments    []model.ReviewComment
	err         error
}

// fetchReviews pages through PR number's reviews, or its review comments,
// to the end (at most gh.MaxReviewPages). It captures values only.
func fetchReviews(ctx context.Context, src Source, repo model.Repo, number, gen, perPage int, ofComments bool) tea.Cmd {
	return func() tea.Msg {
		msg := reviewsMsg{number: number, gen: gen, ofComments: ofComments}
		if ofComments {
			msg.comments, msg.err = gh.AllPages(fmt.Sprintf("%s#%d review comments", repo, number), gh.MaxReviewPages, model.ReviewCommentKey,
				func(page int) ([]model.ReviewComment, model.Page, error) {
					return src.ReviewComments(ctx, repo, number, page, perPage)
				})
		} else {
			msg.reviews, msg.err = gh.AllPages(fmt.Sprintf("%s#%d reviews", repo, number), gh.MaxReviewPages, model.ReviewKey,
				func(page int) ([]model.Review, model.Page, error) {
					return src.Reviews(ctx, repo, number, page, perPage)
				})
		}
		return msg
	}
}

// loadReviews asks for the shown PR's reviews and review comments once its
// timeline has been asked for (after the settle delay), once per timeline
// generation: a reload asks again, past the cache.
func (m *Model) loadReviews() tea.Cmd {
	if m.shown == 0 {
		return nil
	}
	t, ok := m.timelines[m.shown]
	if !ok || !(t.loaded || t.loading()) {
		return nil // not settled on yet
	}
	old := m.reviews.loads[m.shown]
	if old != nil && old.gen == t.gen {
		return nil // asked already (answered, failed or on its way)
	}
	ctx := m.ctx
	if old != nil {
		ctx = gh.WithRevalidate(ctx)
	}
	m.reviews.loads[m.shown] = &reviewLoad{gen: t.gen}
	return tea.Batch(
		m.track(fetchReviews(ctx, m.cfg.Source, m.cfg.Repo, m.shown, t.gen, m.cfg.PerPage, false)),
		m.track(fetchReviews(ctx, m.cfg.Source, m.cfg.Repo, m.shown, t.gen, m.cfg.PerPage, true)))
}

// onReviews files an answer under its PR, whichever is on screen, and
// redraws only if it is the one shown. Until both halves are in, what a
// previous generation had stays on screen.
func (m *Model) onReviews(msg reviewsMsg) {
	m.done()
	l := m.reviews.loads[msg.number]
	if l == nil || l.gen != msg.gen {
		return // from before a reload: superseded
	}
	if msg.err != nil {
		m.fail(errReviews, msg.err)
		return // r asks again
	}
	m.succeed(errReviews)
	if msg.ofComments {
		l.comments, l.commentsDone = msg.comments, true
	} else {
		l.reviews, l.reviewsDone = msg.reviews, true
	}
	old := m.reviews.sets[msg.number]
	switch {
	case l.reviewsDone && l.commentsDone:
		m.reviews.sets[msg.number] = detail.NewReviewSet(l.reviews, l.comments)
	case old == nil:
		// The first half of a first load: show it; the other follows.
		m.reviews.sets[msg.number] = detail.NewReviewSet(l.reviews, l.comments)
	default:
		return
	}
	m.detail.ReviewsLoaded(msg.number)
}
