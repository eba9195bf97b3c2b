package model

import (
	"slices"
	"testing"
	"time"
)

var reviewEpoch = time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)

func at(minutes int) time.Time { return reviewEpoch.Add(time.Duration(minutes) * time.Minute) }

func TestTallyReviewsLatestVerdictPerReviewer(t *testing.T) {
	reviews := []Review{
		{User: "ana", State: ReviewChangesRequested, SubmittedAt: at(1)},
		{User: "ana", State: ReviewApproved, SubmittedAt: at(5)},  // ana came round
		{User: "ana", State: ReviewCommented, SubmittedAt: at(9)}, // a later comment keeps the approval
		{User: "bo", State: ReviewApproved, SubmittedAt: at(2)},
		{User: "cy", State: ReviewApproved, SubmittedAt: at(8)},
		{User: "cy", State: ReviewChangesRequested, SubmittedAt: at(3)}, // out of order: older
		{User: "dee", State: ReviewApproved, SubmittedAt: at(4)},
		{User: "dee", State: ReviewChangesRequested, SubmittedAt: at(6)},
		{User: "eli", State: ReviewCommented, SubmittedAt: at(7)},
		{User: "fay", State: ReviewApproved, SubmittedAt: at(1)},
		{User: "fay", State: ReviewDismissed, SubmittedAt: at(2)}, // dismissed: no verdict
		{User: "gus", State: ReviewPending},                       // a draft: not counted
		{User: "", State: ReviewApproved, SubmittedAt: at(1)},     // a ghost: nobody to count
	}
	got := TallyReviews(reviews)
	want := ReviewTally{Approved: 3, ChangesRequested: 1, Commented: 2}
	if got != want {
		t.Fatalf("TallyReviews = %+v, want %+v", got, want)
	}
	if s := got.String(); s != "3 approved, 1 changes requested, 2 commented" {
		t.Errorf("String() = %q", s)
	}
}

func TestTallyReviewsWords(t *testing.T) {
	for _, tc := range []struct {
		reviews []Review
		want    string
	}{
		{nil, ""},
		{[]Review{{User: "a", State: "approved"}}, "1 approved"}, // the timeline's lower case
		{[]Review{{User: "a", State: ReviewApproved}, {User: "b", State: ReviewApproved}, {User: "c", State: ReviewChangesRequested}}, "2 approved, 1 changes requested"},
		{[]Review{{User: "a", State: ReviewCommented}, {User: "a", State: ReviewCommented}}, "1 commented"},
	} {
		if got := TallyReviews(tc.reviews).String(); got != tc.want {
			t.Errorf("%v: got %q, want %q", tc.reviews, got, tc.want)
		}
	}
}

func TestReviewThreads(t *testing.T) {
	comments := []ReviewComment{
		{ID: 30, ReviewID: 2, InReplyTo: 10, Path: "a.c", CreatedAt: at(30)},
		{ID: 10, ReviewID: 1, Path: "a.c", Line: 12, CreatedAt: at(10)},
		{ID: 11, ReviewID: 1, Path: "b.c", Line: 4, CreatedAt: at(11)},
		{ID: 20, ReviewID: 1, InReplyTo: 10, Path: "a.c", CreatedAt: at(20)},
		{ID: 40, ReviewID: 3, InReplyTo: 99, Path: "c.c", CreatedAt: at(40)}, // its thread's start is gone
	}
	threads := ReviewThreads(comments)
	var roots []int64
	for _, th := range threads {
		roots = append(roots, th.Root.ID)
	}
	if !slices.Equal(roots, []int64{10, 11, 40}) {
		t.Fatalf("roots = %v, want [10 11 40]", roots)
	}
	var replies []int64
	for _, r := range threads[0].Replies {
		replies = append(replies, r.ID)
	}
	if !slices.Equal(replies, []int64{20, 30}) {
		t.Errorf("replies of 10 = %v, want [20 30] in time order", replies)
	}
	if len(threads[1].Replies) != 0 || len(threads[2].Replies) != 0 {
		t.Errorf("other threads got replies: %+v", threads[1:])
	}

	by := ReviewThreadsByReview(comments)
	if len(by[1]) != 2 || len(by[2]) != 0 || len(by[3]) != 1 {
		t.Errorf("by review: 1→%d 2→%d 3→%d threads, want 2, 0, 1", len(by[1]), len(by[2]), len(by[3]))
	}
	if got := len(by[1][0].Replies); got != 2 {
		t.Errorf("review 1's first thread keeps the reply sent with review 2: %d replies, want 2", got)
	}
}

func TestReviewThreadsSelfReplyIsNoLoop(t *testing.T) {
	threads := ReviewThreads([]ReviewComment{{ID: 5, InReplyTo: 5}})
	if len(threads) != 1 || threads[0].Root.ID != 5 {
		t.Fatalf("threads = %+v", threads)
	}
}

func TestCommentsNote(t *testing.T) {
	for _, tc := range []struct {
		comments []ReviewComment
		want     string
	}{
		{nil, ""},
		{[]ReviewComment{{Path: "kernel/bpf/verifier.c"}}, "1 comment on kernel/bpf/verifier.c"},
		{[]ReviewComment{{Path: "a.c"}, {Path: "a.c"}}, "2 comments on a.c"},
		{[]ReviewComment{{Path: "a.c"}, {Path: "b.c"}, {Path: "a.c"}}, "3 comments on 2 files"},
	} {
		if got := CommentsNote(tc.comments); got != tc.want {
			t.Errorf("CommentsNote(%v) = %q, want %q", tc.comments, got, tc.want)
		}
	}
}

func TestLocation(t *testing.T) {
	for _, tc := range []struct {
		c    ReviewComment
		want string
	}{
		{ReviewComment{Path: "a.c", Line: 7}, "a.c:7"},
		{ReviewComment{Path: "a.c", StartLine: 3, Line: 7}, "a.c:3-7"},
		{ReviewComment{Path: "a.c", Line: 0, OriginalLine: 7, Outdated: true}, "a.c (outdated)"},
		{ReviewComment{Path: "a\x1b[2J.c", Line: 1}, "a.c:1"},
	} {
		if got := tc.c.Location(); got != tc.want {
			t.Errorf("Location(%+v) = %q, want %q", tc.c, got, tc.want)
		}
	}
}

func TestHunkTail(t *testing.T) {
	hunk := "@@ -10,6 +10,7 @@ static int check(void)\n int a;\n int b;\n-int c;\n+long c;\n"
	if got := HunkTail(hunk, 3); !slices.Equal(got, []string{" int b;", "-int c;", "+long c;"}) {
		t.Errorf("HunkTail(3) = %q", got)
	}
	if got := HunkTail(hunk, 10); !slices.Equal(got, []string{" int a;", " int b;", "-int c;", "+long c;"}) {
		t.Errorf("HunkTail(10) = %q: the @@ header is left out", got)
	}
	if got := HunkTail("@@ -1 +1 @@ only", 2); !slices.Equal(got, []string{"@@ -1 +1 @@ only"}) {
		t.Errorf("a header alone is kept: %q", got)
	}
	if got := HunkTail("", 2); got != nil {
		t.Errorf("empty hunk: %q", got)
	}
	if got := HunkTail("@@ x @@\n+\x1b]52;c;AAAA\x07evil", 1); !slices.Equal(got, []string{"+evil"}) {
		t.Errorf("hunk lines are sanitized: %q", got)
	}
}

func TestSanitizeReviewTypes(t *testing.T) {
	r := SanitizeReview(Review{User: "a\x1b[31m", State: "APPROVED\n", Body: "x\x1b[2Jy", HTMLURL: "u\x07"})
	if r.User != "a" || r.State != "APPROVED" || r.Body != "xy" || r.HTMLURL != "u" {
		t.Errorf("SanitizeReview = %+v", r)
	}
	c := SanitizeReviewComment(ReviewComment{User: "b\u202e", Path: "p\nq", Side: "RIGHT\x00", DiffHunk: "@@\n+a\x1b[1m\n", Body: "hi\x1b]0;t\x07", HTMLURL: "h"})
	if c.User != "b" || c.Path != "p q" || c.Side != "RIGHT" || c.DiffHunk != "@@\n+a\n" || c.Body != "hi" {
		t.Errorf("SanitizeReviewComment = %+v", c)
	}
}
