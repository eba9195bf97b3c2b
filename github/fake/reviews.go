package fake

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/prscope/prscope/model"
)

// The two review listings of a PR, GET /repos/{o}/{r}/pulls/{n}/reviews and
// .../comments. Reviews are the PR's "reviewed" timeline events, under the
// same ids the timeline gives them, so a client can match the two.

// ghReview is a review as GET .../pulls/{n}/reviews lists it, in the order
// of GitHub's example (which differs from the timeline's).
type ghReview struct {
	ID                int64         `json:"id"`
	NodeID            string        `json:"node_id"`
	User              *ghUser       `json:"user"`
	Body              string        `json:"body"`
	State             string        `json:"state"`
	HTMLURL           string        `json:"html_url"`
	PullRequestURL    string        `json:"pull_request_url"`
	Links             ghReviewLinks `json:"_links"`
	SubmittedAt       string        `json:"submitted_at"`
	CommitID          string        `json:"commit_id"`
	AuthorAssociation string        `json:"author_association"`
}

// ghReviewComment is a comment on the diff, as GET .../pulls/{n}/comments
// lists it. Root comments have no in_reply_to_id; outdated ones have line
// and position null.
type ghReviewComment struct {
	URL               string               `json:"url"`
	ReviewID          int64                `json:"pull_request_review_id"`
	ID                int64                `json:"id"`
	NodeID            string               `json:"node_id"`
	DiffHunk          string               `json:"diff_hunk"`
	Path              string               `json:"path"`
	Position          *int                 `json:"position"`
	OriginalPosition  int                  `json:"original_position"`
	CommitID          string               `json:"commit_id"`
	OriginalCommitID  string               `json:"original_commit_id"`
	InReplyToID       int64                `json:"in_reply_to_id,omitempty"`
	User              *ghUser              `json:"user"`
	Body              string               `json:"body"`
	CreatedAt         string               `json:"created_at"`
	UpdatedAt         string               `json:"updated_at"`
	HTMLURL           string               `json:"html_url"`
	PullRequestURL    string               `json:"pull_request_url"`
	AuthorAssociation string               `json:"author_association"`
	Links             ghReviewCommentLinks `json:"_links"`
	StartLine         *int                 `json:"start_line"`
	OriginalStartLine *int                 `json:"original_start_line"`
	StartSide         *string              `json:"start_side"`
	Line              *int                 `json:"line"`
	OriginalLine      int                  `json:"original_line"`
	Side              string               `json:"side"`
}

type ghReviewCommentLinks struct {
	Self        ghHref `json:"self"`
	HTML        ghHref `json:"html"`
	PullRequest ghHref `json:"pull_request"`
}

// indexedReviewComment keeps a comment's position in FakePull.ReviewComments
// (its id comes from it) and the review event it was sent with.
type indexedReviewComment struct {
	pos    int
	c      *FakeReviewComment
	review indexedEvent
}

// indexReviews lists the PR's reviews (its "reviewed" events, in timeline
// order) and its review comments, oldest first. A comment that names no
// reviewed event is not served: it would belong to no review.
func (pi *pullIndex) indexReviews() {
	byPos := map[int]indexedEvent{}
	for _, e := range pi.timeline {
		if e.ev.Event == model.KindReviewed {
			pi.reviews = append(pi.reviews, e)
			byPos[e.pos] = e
		}
	}
	for i := range pi.pull.ReviewComments {
		c := &pi.pull.ReviewComments[i]
		if review, ok := byPos[c.Review]; ok {
			pi.reviewComments = append(pi.reviewComments, indexedReviewComment{pos: i, c: c, review: review})
		}
	}
	slices.SortStableFunc(pi.reviewComments, func(a, b indexedReviewComment) int {
		return cmp.Or(a.createdAt().Compare(b.createdAt()), cmp.Compare(a.pos, b.pos))
	})
}

func (rc indexedReviewComment) createdAt() time.Time {
	if rc.c.CreatedAt.IsZero() {
		return rc.review.ev.CreatedAt
	}
	return rc.c.CreatedAt
}

func (rc indexedReviewComment) actor() string {
	if rc.c.Actor == "" {
		return rc.review.ev.Actor
	}
	return rc.c.Actor
}

func reviewCommentID(ri *repoIndex, pi *pullIndex, pos int) int64 {
	return stableID("review comment", strings.ToLower(ri.fullName), pi.pull.Number, pos)
}

func (s *FakeServer) renderPullReview(ri *repoIndex, pi *pullIndex, e indexedEvent) any {
	t := s.renderReview(ri, pi, e)
	return ghReview{
		ID:                t.ID,
		NodeID:            t.NodeID,
		User:              t.User,
		Body:              t.Body,
		State:             strings.ToUpper(t.State), // the timeline says it in lower case
		HTMLURL:           t.HTMLURL,
		PullRequestURL:    t.PullRequestURL,
		Links:             t.Links,
		SubmittedAt:       t.SubmittedAt,
		CommitID:          t.CommitID,
		AuthorAssociation: t.AuthorAssociation,
	}
}

func (s *FakeServer) renderReviewComment(ri *repoIndex, pi *pullIndex, rc indexedReviewComment) any {
	c := rc.c
	id := reviewCommentID(ri, pi, rc.pos)
	num := strconv.Itoa(pi.pull.Number)
	api := s.URL + "repos/" + ri.fullName + "/pulls/"
	html := githubWeb + ri.fullName + "/pull/" + num + "#discussion_r" + strconv.FormatInt(id, 10)
	head := pi.headSHA(ri)
	// Position counts lines below the hunk's @@ header, as GitHub's does.
	position := max(strings.Count(strings.TrimRight(c.DiffHunk, "\n"), "\n"), 1)
	orig := c.OrigLine
	if orig == 0 {
		orig = c.Line
	}
	out := ghReviewComment{
		URL:               api + "comments/" + strconv.FormatInt(id, 10),
		ReviewID:          eventID(ri, pi, rc.review.pos),
		ID:                id,
		NodeID:            nodeID("PRRC", id),
		DiffHunk:          c.DiffHunk,
		Path:              c.Path,
		OriginalPosition:  position,
		CommitID:          head,
		OriginalCommitID:  head,
		User:              s.user(rc.actor()),
		Body:              c.Body,
		CreatedAt:         isoTime(rc.createdAt()),
		UpdatedAt:         isoTime(rc.createdAt()),
		HTMLURL:           html,
		PullRequestURL:    api + num,
		AuthorAssociation: association(rc.actor(), pi.pull.User),
		Links:             ghReviewCommentLinks{Self: ghHref{api + "comments/" + strconv.FormatInt(id, 10)}, HTML: ghHref{html}, PullRequest: ghHref{api + num}},
		OriginalLine:      orig,
		Side:              "RIGHT",
	}
	if c.ReplyTo > 0 && c.ReplyTo <= len(pi.pull.ReviewComments) {
		out.InReplyToID = reviewCommentID(ri, pi, c.ReplyTo-1)
	}
	if c.Line > 0 {
		line := c.Line
		out.Line, out.Position = &line, &position
	} else {
		// Written on a commit since replaced: only the original side is known.
		out.OriginalCommitID = fakeSHA("outdated", ri.fullName, num, strconv.Itoa(rc.pos))
	}
	if c.StartLine > 0 {
		start, side := c.StartLine, "RIGHT"
		out.OriginalStartLine, out.StartSide = &start, &side
		if c.Line > 0 {
			out.StartLine = &start
		}
	}
	return out
}

// listReviews serves GET .../pulls/{n}/reviews, paged like every list.
func (s *FakeServer) listReviews(r *http.Request, ri *repoIndex, pi *pullIndex) reply {
	return listPage(s, r, pi.reviews, func(e indexedEvent) any { return s.renderPullReview(ri, pi, e) })
}

// listReviewComments serves GET .../pulls/{n}/comments.
func (s *FakeServer) listReviewComments(r *http.Request, ri *repoIndex, pi *pullIndex) reply {
	return listPage(s, r, pi.reviewComments, func(rc indexedReviewComment) any { return s.renderReviewComment(ri, pi, rc) })
}
