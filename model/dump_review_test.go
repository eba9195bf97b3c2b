package model

import (
	"strings"
	"testing"
	"time"
)

func TestDumpReviewCommentsAndSourceState(t *testing.T) {
	when := time.Date(2024, 2, 3, 4, 5, 6, 0, time.UTC)
	timeline := []Event{
		{Event: "reviewed", Actor: "bob", CreatedAt: when, Body: "see inline", ReviewState: "changes_requested", ReviewID: 7},
		{Event: "reviewed", Actor: "carol", CreatedAt: when, ReviewState: "commented", ReviewID: 8}, // no comments
		{Event: "cross-referenced", Actor: "erin", CreatedAt: when, Source: &SourceRef{Repo: "a/b", Number: 2, Title: "T", IsPull: true, State: StateMerged}},
		{Event: "cross-referenced", Actor: "erin", CreatedAt: when, Source: &SourceRef{Repo: "a/b", Number: 3, Title: "U"}},
	}
	comments := []ReviewComment{
		{ID: 1, ReviewID: 7, User: "bob", Path: "x.c", Line: 4, Body: "why\x1b[2J?", CreatedAt: when},
		{ID: 2, ReviewID: 7, User: "bob", Path: "y.c", Outdated: true, OriginalLine: 9, Body: "old", CreatedAt: when},
		{ID: 3, ReviewID: 9, InReplyTo: 1, User: "", Path: "x.c", Line: 4, Body: "re", CreatedAt: when},
	}
	out, err := Dump{Repo: "a/b", Timeline: timeline, ReviewComments: ReviewCommentsByReview(comments)}.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	got := string(out)
	for _, want := range []string{
		`"state":"changes_requested","review_comments":[{"path":"x.c","line":4,"body":"why?","user":"bob","created_at":"2024-02-03T04:05:06Z","in_reply_to":null},{"path":"y.c","line":null,"body":"old","user":"bob","created_at":"2024-02-03T04:05:06Z","in_reply_to":null}]}`,
		`"source":{"repo":"a/b","number":2,"title":"T","is_pull":true,"state":"merged"}`,
		`"source":{"repo":"a/b","number":3,"title":"U","is_pull":false}}`, // no state known: no key
	} {
		if !strings.Contains(got, want) {
			t.Errorf("dump lacks %s\n%s", want, got)
		}
	}
	if strings.Count(got, "review_comments") != 1 {
		t.Errorf("review_comments on a review without comments, or on a review not in the timeline:\n%s", got)
	}
	reply := encodeReviewComment(comments[2])
	if string(reply) != `{"path":"x.c","line":4,"body":"re","user":null,"created_at":"2024-02-03T04:05:06Z","in_reply_to":1}` {
		t.Errorf("reply: %s", reply)
	}
}
