package github_test

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/github/fake"

	gogithub "github.com/google/go-github/v62/github"

	"github.com/prscope/prscope/github"
	"github.com/prscope/prscope/model"
)

// reviewDataset is testDataset with a second review on PR 1 and comments on
// the diff: a thread across both reviews, a second file, an outdated line.
func reviewDataset() *fake.Dataset {
	ds := testDataset()
	pr1 := ds.Repo("octo/hello").Pull(1)
	first := slices.IndexFunc(pr1.Timeline, func(e fake.FakeEvent) bool { return e.Event == "reviewed" })
	pr1.Timeline = append(pr1.Timeline, fake.FakeEvent{Event: "reviewed", Actor: "carol", State: "changes_requested", Body: "one thing", CreatedAt: at(7).Add(time.Minute)})
	second := len(pr1.Timeline) - 1
	hunk := "@@ -1,3 +1,4 @@ package hello\n import \"fmt\"\n \n-func hi() {}\n+func hello() {}"
	pr1.ReviewComments = []fake.FakeReviewComment{
		{Review: first, Path: "hello.go", Line: 4, OrigLine: 4, DiffHunk: hunk, Body: "name it hello?"},
		{Review: first, Path: "README.md", Line: 0, OrigLine: 2, DiffHunk: "@@ -1 +1,2 @@\n # hello\n+docs", Body: "outdated remark"},
		{Review: second, ReplyTo: 1, Path: "hello.go", Line: 4, OrigLine: 4, DiffHunk: hunk, Body: "agreed"},
		{Review: second, Path: "hello.go", StartLine: 2, Line: 4, DiffHunk: hunk, Body: "a range"},
	}
	return ds
}

func TestFakeReviewsMatchTimelineReviews(t *testing.T) {
	srv := startFakeFor(t, reviewDataset(), fake.FakeOptions{})
	_, body := get(t, srv, "repos/octo/hello/issues/1/timeline?per_page=100")
	var timelineIDs []int64
	for _, e := range decode[[]*gogithub.Timeline](t, body) {
		if e.GetEvent() == "reviewed" {
			timelineIDs = append(timelineIDs, e.GetID())
		}
	}
	resp, body := get(t, srv, "repos/octo/hello/pulls/1/reviews")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	reviews := decode[[]*gogithub.PullRequestReview](t, body)
	var ids []int64
	var states []string
	for _, r := range reviews {
		ids = append(ids, r.GetID())
		states = append(states, r.GetState())
	}
	if len(ids) != 2 || !slices.Equal(ids, timelineIDs) {
		t.Fatalf("review ids %v, the timeline's reviewed events %v", ids, timelineIDs)
	}
	if !slices.Equal(states, []string{"APPROVED", "CHANGES_REQUESTED"}) {
		t.Errorf("states %v: the reviews endpoint says them in upper case", states)
	}
	if r := reviews[0]; r.GetUser().GetLogin() != "bob" || r.GetBody() != "LGTM" || r.SubmittedAt == nil ||
		!strings.Contains(r.GetHTMLURL(), "#pullrequestreview-"+strconv.FormatInt(r.GetID(), 10)) {
		t.Errorf("review: %+v", r)
	}
	// Every key of GitHub's example (pulls-list-reviews.json), in its order.
	raw := decode[[]orderedKeys](t, body)
	want := []string{"id", "node_id", "user", "body", "state", "html_url", "pull_request_url", "_links", "submitted_at", "commit_id", "author_association"}
	if !slices.Equal(raw[0], want) {
		t.Errorf("keys %v\nwant %v", raw[0], want)
	}
}

func TestFakeReviewCommentsShape(t *testing.T) {
	srv := startFakeFor(t, reviewDataset(), fake.FakeOptions{})
	_, body := get(t, srv, "repos/octo/hello/pulls/1/comments?per_page=100")
	comments := decode[[]*gogithub.PullRequestComment](t, body)
	if len(comments) != 4 {
		t.Fatalf("%d comments, want 4: %s", len(comments), body)
	}
	_, rbody := get(t, srv, "repos/octo/hello/pulls/1/reviews")
	reviews := decode[[]*gogithub.PullRequestReview](t, rbody)
	first, second := comments[0], comments[2]
	if first.GetPullRequestReviewID() != reviews[0].GetID() || second.GetPullRequestReviewID() != reviews[1].GetID() {
		t.Errorf("review ids %d, %d; reviews %d, %d", first.GetPullRequestReviewID(), second.GetPullRequestReviewID(), reviews[0].GetID(), reviews[1].GetID())
	}
	if first.InReplyTo != nil || second.GetInReplyTo() != first.GetID() {
		t.Errorf("in_reply_to: root %v, reply %d (want %d)", first.InReplyTo, second.GetInReplyTo(), first.GetID())
	}
	if first.GetUser().GetLogin() != "bob" || second.GetUser().GetLogin() != "carol" || first.GetLine() != 4 || first.Position == nil ||
		first.GetPath() != "hello.go" || !strings.HasPrefix(first.GetDiffHunk(), "@@ ") || first.GetSide() != "RIGHT" {
		t.Errorf("first comment: %+v", first)
	}
	outdated := comments[1]
	if outdated.Line != nil || outdated.Position != nil || outdated.GetOriginalLine() != 2 || outdated.GetOriginalCommitID() == outdated.GetCommitID() {
		t.Errorf("outdated comment: line %v position %v original_line %d", outdated.Line, outdated.Position, outdated.GetOriginalLine())
	}
	if r := comments[3]; r.GetStartLine() != 2 || r.GetLine() != 4 || r.GetStartSide() != "RIGHT" {
		t.Errorf("range comment: %+v", r)
	}
	raw := decode[[]orderedKeys](t, body)
	// GitHub's example (pulls-list-review-comments.json), key for key; a
	// root comment has no in_reply_to_id.
	want := []string{"url", "pull_request_review_id", "id", "node_id", "diff_hunk", "path", "position", "original_position",
		"commit_id", "original_commit_id", "in_reply_to_id", "user", "body", "created_at", "updated_at", "html_url",
		"pull_request_url", "author_association", "_links", "start_line", "original_start_line", "start_side", "line", "original_line", "side"}
	if !slices.Equal(raw[2], want) {
		t.Errorf("reply's keys %v\nwant %v", raw[2], want)
	}
	if slices.Contains(raw[0], "in_reply_to_id") {
		t.Errorf("a root comment has in_reply_to_id")
	}
}

func TestFakeReviewListsPageAndRevalidate(t *testing.T) {
	srv := startFakeFor(t, reviewDataset(), fake.FakeOptions{})
	for _, path := range []string{"repos/octo/hello/pulls/1/reviews", "repos/octo/hello/pulls/1/comments"} {
		resp, body := get(t, srv, path+"?per_page=1")
		l := links(t, resp.Header.Get("Link"))
		if len(decode[[]json.RawMessage](t, body)) != 1 || l["next"] == nil || l["next"].Query().Get("page") != "2" || l["last"] == nil {
			t.Errorf("%s page 1: Link %q, body %s", path, resp.Header.Get("Link"), body)
		}
		etag := resp.Header.Get("ETag")
		again, _ := get(t, srv, path+"?per_page=1", "If-None-Match", etag)
		if etag == "" || again.StatusCode != http.StatusNotModified {
			t.Errorf("%s: revalidating with ETag %q answered %d, want 304", path, etag, again.StatusCode)
		}
		past, body := get(t, srv, path+"?per_page=1&page=9")
		if past.StatusCode != http.StatusOK || string(body) != "[]" {
			t.Errorf("%s past the end: %d %s", path, past.StatusCode, body)
		}
	}
	if resp, _ := get(t, srv, "repos/octo/hello/pulls/99/reviews"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("reviews of a missing PR: %d", resp.StatusCode)
	}
	if resp, body := get(t, srv, "repos/octo/hello/pulls/2/comments"); resp.StatusCode != http.StatusOK || string(body) != "[]" {
		t.Errorf("a PR without review comments: %d %s", resp.StatusCode, body)
	}
}

func TestFakeReviewListsTakeFaults(t *testing.T) {
	srv := startFakeFor(t, reviewDataset(), fake.FakeOptions{})
	srv.SetFaults(fake.FaultPath("/pulls/1/comments", &fake.Fault{LinkLoop: fake.LinkLoopSame}))
	c := clientFor(t, srv.URL, "")
	_, _, err := github.FetchReviews(context.Background(), c, model.Repo{Owner: "octo", Name: "hello"}, 1)
	if err == nil || !strings.Contains(err.Error(), "pagination loop") {
		t.Errorf("a looping Link on review comments: err %v", err)
	}
}

func TestClientReviews(t *testing.T) {
	srv := startFakeFor(t, reviewDataset(), fake.FakeOptions{})
	c := clientFor(t, srv.URL, "")
	repo := model.Repo{Owner: "octo", Name: "hello"}
	ctx := context.Background()

	page, info, err := c.Reviews(ctx, repo, 1, 1, 1)
	if err != nil || len(page) != 1 || info.Next != 2 || info.Last != 2 {
		t.Fatalf("page 1 of 1 review each: %v %+v %v", page, info, err)
	}
	reviews, comments, err := github.FetchReviews(ctx, c, repo, 1)
	if err != nil {
		t.Fatal(err)
	}
	events, _, err := c.Timeline(ctx, repo, 1, 1, 100)
	if err != nil {
		t.Fatal(err)
	}
	var eventIDs []int64
	for _, e := range events {
		if e.Event == "reviewed" {
			eventIDs = append(eventIDs, e.ReviewID)
		}
	}
	if len(reviews) != 2 || !slices.Equal(eventIDs, []int64{reviews[0].ID, reviews[1].ID}) {
		t.Fatalf("reviews %+v; timeline review ids %v", reviews, eventIDs)
	}
	if got := model.TallyReviews(reviews).String(); got != "1 approved, 1 changes requested" {
		t.Errorf("tally %q", got)
	}
	if len(comments) != 4 {
		t.Fatalf("%d comments", len(comments))
	}
	root, outdated, reply, span := comments[0], comments[1], comments[2], comments[3]
	if root.User != "bob" || root.Path != "hello.go" || root.Line != 4 || root.Outdated || root.ReviewID != reviews[0].ID || root.CreatedAt.IsZero() {
		t.Errorf("root: %+v", root)
	}
	if !outdated.Outdated || outdated.Line != 0 || outdated.OriginalLine != 2 || outdated.Location() != "README.md (outdated)" {
		t.Errorf("outdated: %+v", outdated)
	}
	if reply.InReplyTo != root.ID || reply.ReviewID != reviews[1].ID {
		t.Errorf("reply: %+v", reply)
	}
	if span.Location() != "hello.go:2-4" {
		t.Errorf("range: %q", span.Location())
	}
	threads := model.ReviewThreadsByReview(comments)
	if len(threads[reviews[0].ID]) != 2 || len(threads[reviews[0].ID][0].Replies) != 1 {
		t.Errorf("threads: %+v", threads)
	}
}

func TestClientReviewCommentsAreSanitized(t *testing.T) {
	ds := reviewDataset()
	pr1 := ds.Repo("octo/hello").Pull(1)
	pr1.ReviewComments[0].Body = "ok\x1b]52;c;ZXZpbA==\x07 then"
	pr1.ReviewComments[0].Path = "evil\x1b[2J.go"
	pr1.ReviewComments[0].DiffHunk = "@@ -1 +1 @@\n+\x1b[31mred"
	srv := startFakeFor(t, ds, fake.FakeOptions{})
	c := clientFor(t, srv.URL, "")
	comments, _, err := c.ReviewComments(context.Background(), model.Repo{Owner: "octo", Name: "hello"}, 1, 1, 100)
	if err != nil {
		t.Fatal(err)
	}
	if got := comments[0]; got.Body != "ok then" || got.Path != "evil.go" || got.DiffHunk != "@@ -1 +1 @@\n+red" {
		t.Errorf("not sanitized: %q %q %q", got.Body, got.Path, got.DiffHunk)
	}
}

func TestClientCrossReferenceSourceState(t *testing.T) {
	ds := testDataset()
	pr1 := ds.Repo("octo/hello").Pull(1)
	pr1.Timeline = append(pr1.Timeline,
		fake.FakeEvent{Event: "cross-referenced", Actor: "erin", CreatedAt: at(10), Source: &fake.FakeSource{Repo: "octo/hello", Number: 2}},
		fake.FakeEvent{Event: "cross-referenced", Actor: "erin", CreatedAt: at(11), Source: &fake.FakeSource{Repo: "else/where", Number: 5, IsPull: true, State: "merged"}},
		fake.FakeEvent{Event: "cross-referenced", Actor: "erin", CreatedAt: at(12), Source: &fake.FakeSource{Repo: "else/where", Number: 6, State: "closed"}},
	)
	srv := startFakeFor(t, ds, fake.FakeOptions{})
	c := clientFor(t, srv.URL, "")
	events, _, err := c.Timeline(context.Background(), model.Repo{Owner: "octo", Name: "hello"}, 1, 1, 100)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range events {
		if e.Source != nil {
			got = append(got, e.Source.Repo+"#"+strconv.Itoa(e.Source.Number)+" "+e.Source.State)
		}
	}
	// #3 is merged, #2 closed in the Dataset; the others say so themselves.
	want := []string{"octo/hello#3 merged", "octo/hello#2 closed", "else/where#5 merged", "else/where#6 closed"}
	if !slices.Equal(got, want) {
		t.Errorf("sources %v\nwant %v", got, want)
	}
}

// orderedKeys decodes a JSON object's keys in the order they were sent.
type orderedKeys []string

func (k *orderedKeys) UnmarshalJSON(b []byte) error {
	dec := json.NewDecoder(strings.NewReader(string(b)))
	if _, err := dec.Token(); err != nil { // {
		return err
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		*k = append(*k, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return err
		}
	}
	return nil
}

func TestFetchStoryBringsReviewComments(t *testing.T) {
	srv := startFakeFor(t, reviewDataset(), fake.FakeOptions{})
	c := clientFor(t, srv.URL, "")
	story, err := github.FetchStory(context.Background(), c, model.Repo{Owner: "octo", Name: "hello"}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(story.ReviewComments) != 4 {
		t.Errorf("%d review comments, want 4", len(story.ReviewComments))
	}
	// A PR with no reviewed event costs no review-comments request.
	srv.ResetRequests()
	if story, err = github.FetchStory(context.Background(), c, model.Repo{Owner: "octo", Name: "hello"}, 2); err != nil || story.ReviewComments != nil {
		t.Fatalf("PR 2: %v %v", story.ReviewComments, err)
	}
	if n := len(recordedTo(srv, "/repos/octo/hello/pulls/2/comments")); n != 0 {
		t.Errorf("%d review-comments requests for a PR without reviews", n)
	}
}
