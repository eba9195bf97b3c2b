package detail

import (
	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/store"
)

// The records the pane shows are the store's.
type (
	Gap            = store.Gap
	TimelineStatus = store.TimelineStatus
	CommitInfo     = store.CommitInfo
	Commits        = store.Commits
	ReviewSet      = store.ReviewSet
	Reviews        = store.Reviews
	ChecksStatus   = store.ChecksStatus
)

// CommitKey identifies a commit across forks.
func CommitKey(repo, sha string) string { return store.CommitKey(repo, sha) }

// NewReviewSet arranges a PR's reviews and review comments for showing.
func NewReviewSet(reviews []model.Review, comments []model.ReviewComment) *ReviewSet {
	return store.NewReviewSet(reviews, comments)
}
