package github_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/prscope/prscope/github/fake"

	gogithub "github.com/google/go-github/v62/github"
)

// timelineOf fetches PR 1's whole timeline as go-github types and raw objects.
func timelineOf(t *testing.T, srv *fake.FakeServer) ([]*gogithub.Timeline, []map[string]json.RawMessage) {
	t.Helper()
	_, body := get(t, srv, "repos/octo/hello/issues/1/timeline?per_page=100")
	return decode[[]*gogithub.Timeline](t, body), decode[[]map[string]json.RawMessage](t, body)
}

func TestTimelineIsChronologicalWithStableIDs(t *testing.T) {
	srv := startServer(t, fake.FakeOptions{})
	events, raw := timelineOf(t, srv)
	var kinds []string
	for _, e := range events {
		kinds = append(kinds, e.GetEvent())
	}
	want := []string{"committed", "commented", "referenced", "labeled", "renamed", "review_requested", "reviewed",
		"commented", "cross-referenced", "some_future_event", "commented"}
	if !slices.Equal(kinds, want) {
		t.Fatalf("events %v\nwant %v", kinds, want)
	}
	seen := map[string]bool{}
	for i, obj := range raw {
		if string(obj["id"]) == "" || string(obj["node_id"]) == "" {
			t.Errorf("event %d (%s) lacks id or node_id", i, kinds[i])
		}
		if seen[string(obj["node_id"])] {
			t.Errorf("event %d: duplicate node_id %s", i, obj["node_id"])
		}
		seen[string(obj["node_id"])] = true
	}
	_, again := timelineOf(t, srv)
	for i := range raw {
		if string(raw[i]["id"]) != string(again[i]["id"]) {
			t.Errorf("event %d: id changed between requests", i)
		}
	}
}

func TestTimelineEventShapes(t *testing.T) {
	srv := startServer(t, fake.FakeOptions{})
	events, raw := timelineOf(t, srv)
	has := func(i int, field string) bool { _, ok := raw[i][field]; return ok }

	committed := events[0]
	if committed.GetSHA() != strings.Repeat("a", 40) || committed.GetMessage() != "add hello" ||
		committed.GetAuthor().GetName() != "Alice" || committed.GetAuthor().GetEmail() != "alice@example.com" ||
		committed.GetCommitter().GetName() != "Alice" || has(0, "created_at") || has(0, "actor") || len(committed.Parents) != 1 {
		t.Errorf("committed: %s", mustJSON(raw[0]))
	}

	comment := events[1]
	if comment.GetUser().GetLogin() != "bob" || comment.GetActor().GetLogin() != "bob" || comment.GetBody() != "looks <good> & fine" ||
		comment.CreatedAt == nil || !strings.Contains(string(raw[1]["html_url"]), "#issuecomment-") {
		t.Errorf("commented: %s", mustJSON(raw[1]))
	}

	ref := events[2]
	wantURL := srv.URL + "repos/fork/hello/commits/" + strings.Repeat("f", 40)
	if ref.GetActor().GetLogin() != "carol" || ref.GetCommitID() != strings.Repeat("f", 40) || ref.GetCommitURL() != wantURL || has(2, "message") {
		t.Errorf("referenced: %s", mustJSON(raw[2]))
	}
	// The commit_url leads to the commit on this same server.
	_, body := get(t, srv, strings.TrimPrefix(ref.GetCommitURL(), srv.URL))
	if rc := decode[gogithub.RepositoryCommit](t, body); rc.GetCommit().GetMessage() != "fix: mention #1" || rc.GetSHA() != ref.GetCommitID() {
		t.Errorf("following commit_url: %s", body)
	}

	if l := events[3].GetLabel(); l.GetName() != "bug" || len(l.GetColor()) != 6 {
		t.Errorf("labeled: %s", mustJSON(raw[3]))
	}
	if r := events[4].GetRename(); r.GetFrom() != "PR one" || r.GetTo() != "PR 1" {
		t.Errorf("renamed: %s", mustJSON(raw[4]))
	}
	if rr := events[5]; rr.GetReviewer().GetLogin() != "dave" || rr.GetRequester().GetLogin() != "alice" || rr.GetActor().GetLogin() != "alice" {
		t.Errorf("review_requested: %s", mustJSON(raw[5]))
	}
	review := events[6]
	if review.GetUser().GetLogin() != "bob" || review.GetState() != "approved" || review.GetBody() != "LGTM" ||
		review.SubmittedAt == nil || has(6, "created_at") || has(6, "actor") {
		t.Errorf("reviewed: %s", mustJSON(raw[6]))
	}
	cross := events[8]
	if src := cross.GetSource(); src.GetType() != "issue" || src.GetIssue().GetNumber() != 3 || src.GetIssue().GetTitle() != "PR 3" ||
		!src.GetIssue().IsPullRequest() || !strings.HasSuffix(src.GetIssue().GetRepositoryURL(), "repos/octo/hello") {
		t.Errorf("cross-referenced: %s", mustJSON(raw[8]))
	}
	future := events[9]
	if future.GetEvent() != "some_future_event" || future.CreatedAt == nil || string(raw[9]["actor"]) != "null" ||
		string(raw[9]["commit_id"]) != "null" || !has(9, "url") {
		t.Errorf("unknown event: %s", mustJSON(raw[9]))
	}
	ghost := events[10]
	if string(raw[10]["actor"]) != "null" || string(raw[10]["user"]) != "null" || ghost.GetBody() != "from a deleted account" {
		t.Errorf("ghost comment: %s", mustJSON(raw[10]))
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestTimelinePaging(t *testing.T) {
	srv := startServer(t, fake.FakeOptions{})
	resp, body := get(t, srv, "repos/octo/hello/issues/1/timeline?per_page=4&page=3")
	if page := decode[[]*gogithub.Timeline](t, body); len(page) != 3 || page[0].GetEvent() != "cross-referenced" {
		t.Errorf("page 3 of 4-event pages: %s", body)
	}
	rels := links(t, resp.Header.Get("Link"))
	if rels["prev"].Query().Get("page") != "2" || rels["first"] == nil || rels["next"] != nil {
		t.Errorf("Link %q", resp.Header.Get("Link"))
	}
	_, body = get(t, srv, "repos/octo/hello/issues/2/timeline")
	if string(body) != "[]" {
		t.Errorf("empty timeline: %s", body)
	}
}

func TestCommentsMatchTimeline(t *testing.T) {
	srv := startServer(t, fake.FakeOptions{})
	_, body := get(t, srv, "repos/octo/hello/issues/1/comments")
	comments := decode[[]*gogithub.IssueComment](t, body)
	events, _ := timelineOf(t, srv)
	var want []int64
	for _, e := range events {
		if e.GetEvent() == "commented" {
			want = append(want, e.GetID())
		}
	}
	var got []int64
	for _, c := range comments {
		got = append(got, c.GetID())
	}
	if !slices.Equal(got, want) || comments[0].GetBody() != "looks <good> & fine" || comments[0].GetUser().GetLogin() != "bob" {
		t.Errorf("comment ids %v, want %v: %s", got, want, body)
	}
	if strings.Contains(string(body), `"event"`) {
		t.Error("comments endpoint carries timeline fields")
	}
}

func TestGitCommitShape(t *testing.T) {
	srv := startServer(t, fake.FakeOptions{})
	sha := strings.Repeat("a", 40)
	for _, ref := range []string{sha, sha[:7], strings.ToUpper(sha)} {
		resp, body := get(t, srv, "repos/octo/hello/git/commits/"+ref)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", ref, resp.StatusCode)
		}
		c := decode[gogithub.Commit](t, body)
		if c.GetSHA() != sha || c.GetMessage() != "add hello" || c.GetAuthor().GetName() != "Alice" ||
			c.GetAuthor().GetEmail() != "alice@example.com" || c.GetAuthor().GetDate().IsZero() ||
			len(c.GetTree().GetSHA()) != 40 || len(c.Parents) != 1 || c.GetVerification().GetReason() != "unsigned" ||
			c.GetHTMLURL() != "https://github.com/octo/hello/commit/"+sha || c.GetURL() != srv.URL+"repos/octo/hello/git/commits/"+sha {
			t.Errorf("%s: %s", ref, body)
		}
	}
	resp, _ := get(t, srv, "repos/fork/hello/git/commits/"+sha)
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("commit of another repo: status %d, want 404", resp.StatusCode)
	}
}

func TestRepoCommitShape(t *testing.T) {
	srv := startServer(t, fake.FakeOptions{})
	_, body := get(t, srv, "repos/fork/hello/commits/"+strings.Repeat("f", 40))
	rc := decode[gogithub.RepositoryCommit](t, body)
	if rc.GetCommit().GetAuthor().GetName() != "Carol" || rc.Author != nil || rc.Files == nil || rc.Parents == nil {
		t.Errorf("repos commit: %s", body)
	}
}

func TestHandlerCanBeMounted(t *testing.T) {
	srv := startServer(t, fake.FakeOptions{})
	mounted := httptest.NewServer(srv.Handler())
	defer mounted.Close()
	resp, err := http.Get(mounted.URL + "/repos/octo/hello/pulls?state=all&per_page=2")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if next := links(t, resp.Header.Get("Link"))["next"]; next == nil || !strings.HasPrefix(next.String(), srv.URL) {
		t.Errorf("Link from the mounted handler: %q", resp.Header.Get("Link"))
	}
}
