package model

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Review states as GET /pulls/{n}/reviews gives them. (The timeline's
// reviewed events say the same in lower case.)
const (
	ReviewApproved         = "APPROVED"
	ReviewChangesRequested = "CHANGES_REQUESTED"
	ReviewCommented        = "COMMENTED"
	ReviewDismissed        = "DISMISSED"
	ReviewPending          = "PENDING"
)

// Review is one submitted review of a PR. Its ID is the id of the timeline's
// "reviewed" event for it (Event.ReviewID), which is how the two meet.
type Review struct {
	ID          int64
	User        string
	State       string // one of the Review* states, upper case
	Body        string
	SubmittedAt time.Time
	HTMLURL     string
}

// ReviewComment is a comment on a line of the PR's diff. Each belongs to
// the review it was submitted with (ReviewID); a reply names the comment
// that started its thread (InReplyTo), whatever review the reply came in.
type ReviewComment struct {
	ID           int64
	ReviewID     int64
	InReplyTo    int64 // 0: it starts a thread
	User         string
	Path         string
	Line         int // in the PR's current diff; 0 when outdated
	StartLine    int // first line of a multi-line comment; 0 for one line
	OriginalLine int // in the diff it was written on
	Side         string
	DiffHunk     string
	Body         string
	CreatedAt    time.Time
	HTMLURL      string
	// Outdated: the line it was written on is no longer in the diff
	// (GitHub sends line and position null).
	Outdated bool
}

// Location is where a comment points: "path:line", "path:start-line" for a
// range, "path (outdated)" for a line no longer in the diff.
func (c ReviewComment) Location() string {
	path := SanitizeLine(c.Path)
	switch {
	case c.Outdated || c.Line == 0:
		return path + " (outdated)"
	case c.StartLine > 0 && c.StartLine < c.Line:
		return fmt.Sprintf("%s:%d-%d", path, c.StartLine, c.Line)
	}
	return fmt.Sprintf("%s:%d", path, c.Line)
}

// ReviewTally counts reviewers by where they stand, as GitHub's merge box
// does: each reviewer's latest approval, request for changes or dismissal
// decides; a comment-only review after it changes nothing; a dismissed
// verdict counts as none. Reviewers with only comments count as Commented.
type ReviewTally struct {
	Approved, ChangesRequested, Commented int
}

// TallyReviews counts reviews (in any order) per reviewer. Pending reviews
// (drafts only their author sees) and reviews from deleted accounts
// (User "") are not counted: there is nobody to tell apart.
func TallyReviews(reviews []Review) ReviewTally {
	type stand struct {
		verdict string
		at      time.Time
		seen    bool
	}
	by := map[string]*stand{}
	var order []string
	for _, r := range reviews {
		state := strings.ToUpper(r.State)
		if r.User == "" || state == ReviewPending {
			continue
		}
		s := by[r.User]
		if s == nil {
			s = &stand{}
			by[r.User] = s
			order = append(order, r.User)
		}
		switch state {
		case ReviewApproved, ReviewChangesRequested, ReviewDismissed:
			if !s.seen || !r.SubmittedAt.Before(s.at) {
				s.verdict, s.at, s.seen = state, r.SubmittedAt, true
			}
		}
	}
	var t ReviewTally
	for _, user := range order {
		switch by[user].verdict {
		case ReviewApproved:
			t.Approved++
		case ReviewChangesRequested:
			t.ChangesRequested++
		default: // comments only, or a dismissed verdict
			t.Commented++
		}
	}
	return t
}

// String is the tally in words: "2 approved, 1 changes requested", "" for
// no reviewers.
func (t ReviewTally) String() string {
	var parts []string
	if t.Approved > 0 {
		parts = append(parts, fmt.Sprintf("%d approved", t.Approved))
	}
	if t.ChangesRequested > 0 {
		parts = append(parts, fmt.Sprintf("%d changes requested", t.ChangesRequested))
	}
	if t.Commented > 0 {
		parts = append(parts, fmt.Sprintf("%d commented", t.Commented))
	}
	return strings.Join(parts, ", ")
}

// ReviewThread is a comment that starts a conversation on a line, and the
// replies to it in the order they were written.
type ReviewThread struct {
	Root    ReviewComment
	Replies []ReviewComment
}

// ReviewThreads arranges comments into threads, ordered by when each
// started; comments of the same moment (one review's) keep their order. A reply whose first comment is not among comments (deleted, or
// not loaded) starts a thread of its own rather than being lost.
func ReviewThreads(comments []ReviewComment) []ReviewThread {
	sorted := slices.Clone(comments)
	slices.SortStableFunc(sorted, func(a, b ReviewComment) int {
		return a.CreatedAt.Compare(b.CreatedAt)
	})
	ids := make(map[int64]bool, len(sorted))
	for _, c := range sorted {
		ids[c.ID] = true
	}
	var threads []ReviewThread
	at := map[int64]int{} // root id → index in threads
	for _, c := range sorted {
		if c.InReplyTo != 0 && ids[c.InReplyTo] && c.InReplyTo != c.ID {
			if i, ok := at[c.InReplyTo]; ok {
				threads[i].Replies = append(threads[i].Replies, c)
				continue
			}
		}
		at[c.ID] = len(threads)
		threads = append(threads, ReviewThread{Root: c})
	}
	return threads
}

// ReviewThreadsByReview groups threads by the review their first comment
// came in, which is where GitHub shows a conversation: later replies, even
// those sent with another review, are listed under it.
func ReviewThreadsByReview(comments []ReviewComment) map[int64][]ReviewThread {
	out := map[int64][]ReviewThread{}
	for _, t := range ReviewThreads(comments) {
		out[t.Root.ReviewID] = append(out[t.Root.ReviewID], t)
	}
	return out
}

// CommentsNote counts a review's own comments for its collapsed form:
// "3 comments on 2 files", "1 comment on main.c"; "" for none.
func CommentsNote(comments []ReviewComment) string {
	if len(comments) == 0 {
		return ""
	}
	files := map[string]bool{}
	var first string
	for _, c := range comments {
		if !files[c.Path] && first == "" {
			first = c.Path
		}
		files[c.Path] = true
	}
	noun := "comments"
	if len(comments) == 1 {
		noun = "comment"
	}
	if len(files) == 1 {
		return fmt.Sprintf("%d %s on %s", len(comments), noun, SanitizeLine(first))
	}
	return fmt.Sprintf("%d %s on %d files", len(comments), noun, len(files))
}

// HunkTail is the last n lines of a diff hunk: the lines just above the
// commented one, which is what a reader needs for context. The "@@" header
// is left out unless it is all there is.
func HunkTail(hunk string, n int) []string {
	hunk = strings.TrimRight(Sanitize(hunk), "\n")
	if hunk == "" || n <= 0 {
		return nil
	}
	lines := strings.Split(hunk, "\n")
	if len(lines) > 1 && strings.HasPrefix(lines[0], "@@") {
		lines = lines[1:]
	}
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return lines
}

// SanitizeReview returns r with every API string sanitized (see SanitizePull).
func SanitizeReview(r Review) Review {
	r.User = SanitizeLine(r.User)
	r.State = SanitizeLine(r.State)
	r.Body = Sanitize(r.Body)
	r.HTMLURL = SanitizeLine(r.HTMLURL)
	return r
}

// DisplayReviewComment is c sanitized and made safe to measure
// (DisplaySafe), for drawing, as SanitizeEvent makes events.
func DisplayReviewComment(c ReviewComment) ReviewComment {
	c = SanitizeReviewComment(c)
	c.User, c.Path, c.Side, c.HTMLURL = DisplaySafe(c.User), DisplaySafe(c.Path), DisplaySafe(c.Side), DisplaySafe(c.HTMLURL)
	c.DiffHunk, c.Body = DisplaySafe(c.DiffHunk), DisplaySafe(c.Body)
	return c
}

// SanitizeReviewComment returns c with every API string sanitized. The
// diff hunk keeps its newlines: it is shown line by line.
func SanitizeReviewComment(c ReviewComment) ReviewComment {
	c.User = SanitizeLine(c.User)
	c.Path = SanitizeLine(c.Path)
	c.Side = SanitizeLine(c.Side)
	c.DiffHunk = Sanitize(c.DiffHunk)
	c.Body = Sanitize(c.Body)
	c.HTMLURL = SanitizeLine(c.HTMLURL)
	return c
}
