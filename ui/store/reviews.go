package store

import (
	"context"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/prscope/prscope/github"
	"github.com/prscope/prscope/github/httpcache"
	"github.com/prscope/prscope/model"
)

// ReviewSet is what is known of one PR's reviews and review comments,
// arranged once when they arrive so rendering only looks things up.
type ReviewSet struct {
	Tally   string                         // "2 approved, 1 changes requested"; "" for none or not known yet
	Threads map[int64][]model.ReviewThread // by the review its first comment came in
	Own     map[int64][]model.ReviewComment
}

// NewReviewSet arranges a PR's reviews and review comments for showing.
// Either may be nil while not loaded.
func NewReviewSet(reviews []model.Review, comments []model.ReviewComment) *ReviewSet {
	set := &ReviewSet{Tally: model.TallyReviews(reviews).String(), Own: map[int64][]model.ReviewComment{}}
	clean := make([]model.ReviewComment, len(comments))
	for i, c := range comments {
		clean[i] = model.DisplayReviewComment(c) // drawn: cleaned as events are
		set.Own[c.ReviewID] = append(set.Own[c.ReviewID], clean[i])
	}
	set.Threads = model.ReviewThreadsByReview(clean)
	return set
}

// Reviews maps a PR number to its ReviewSet. Like Commits it is owned by
// the store, which replaces entries as answers arrive; the pane only reads.
type Reviews map[int]*ReviewSet

// reviewStore is the record of PRs' reviews and review comments, kept for
// every PR visited. sets is shared with the detail pane, which reads the
// entry of the PR it shows.
type reviewStore struct {
	loads map[int]*reviewLoad
	sets  Reviews
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
	return reviewStore{loads: map[int]*reviewLoad{}, sets: Reviews{}}
}

// Reviews is the shared record of review sets the detail pane reads.
func (s Store) Reviews() Reviews { return s.reviews.sets }

// ReviewsDone reports that both halves of PR number's reviews arrived.
func (s Store) ReviewsDone(number int) bool {
	l := s.reviews.loads[number]
	return l != nil && l.reviewsDone && l.commentsDone
}

// loadReviews asks for PR number's reviews and review comments once its
// timeline has been asked for (after the settle delay), once per timeline
// generation: a reload asks again, past the cache.
func (s *Store) loadReviews(number int) tea.Cmd {
	t, ok := s.timelines[number]
	if number == 0 || !ok || !(t.loaded || t.loading()) {
		return nil // not settled on yet
	}
	old := s.reviews.loads[number]
	if old != nil && old.gen == t.gen {
		return nil // asked already (answered, failed or on its way)
	}
	intent := httpcache.Initial
	if old != nil {
		intent = httpcache.Revalidate
	}
	s.reviews.loads[number] = &reviewLoad{gen: t.gen}
	src, repo, perPage := s.cfg.Source, s.cfg.Repo, s.cfg.PerPage
	subject := func(what string) string { return fmt.Sprintf("%s#%d %s", repo, number, what) }
	return tea.Batch(
		request(s, Key{Kind: KindReviews, Number: number}, t.gen, intent, func(ctx context.Context) ([]model.Review, model.Page, error) {
			v, err := github.AllPages(subject("reviews"), github.MaxReviewPages, model.ReviewKey, func(page int) ([]model.Review, model.Page, error) {
				return src.Reviews(ctx, repo, number, page, perPage)
			})
			return v, model.Page{}, err
		}),
		request(s, Key{Kind: KindReviewComments, Number: number}, t.gen, intent, func(ctx context.Context) ([]model.ReviewComment, model.Page, error) {
			v, err := github.AllPages(subject("review comments"), github.MaxReviewPages, model.ReviewCommentKey, func(page int) ([]model.ReviewComment, model.Page, error) {
				return src.ReviewComments(ctx, repo, number, page, perPage)
			})
			return v, model.Page{}, err
		}))
}

// onReviews files an answer under its PR. Until both halves are in, what a
// previous generation had stays; the change is KindNone when nothing new
// is to be drawn.
func (s *Store) onReviews(e Envelope, reviews []model.Review, comments []model.ReviewComment) Change {
	l := s.reviews.loads[e.Key.Number]
	if l == nil || l.gen != e.Gen {
		return Change{} // from before a reload: superseded
	}
	if e.Err != nil {
		s.fail(e.Key.Kind, e.Err)
		return Change{} // r asks again
	}
	s.succeed(e.Key.Kind)
	if e.Key.Kind == KindReviewComments {
		l.comments, l.commentsDone = comments, true
	} else {
		l.reviews, l.reviewsDone = reviews, true
	}
	first := s.reviews.sets[e.Key.Number] == nil // the first half of a first load: show it
	if !(l.reviewsDone && l.commentsDone) && !first {
		return Change{}
	}
	s.reviews.sets[e.Key.Number] = NewReviewSet(l.reviews, l.comments)
	return Change{Key: e.Key}
}

// ReviewsAsked reports that PR number's reviews were asked for.
func (s Store) ReviewsAsked(number int) bool { return s.reviews.loads[number] != nil }
