package github_test

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/prscope/prscope/github/fake"

	"github.com/prscope/prscope/github"
	"github.com/prscope/prscope/model"
)

const hostilePR = 70

// hostileIdentDataset adds PR 70, whose timeline's commit_id and
// commit_url, and whose head SHA, try to steer later requests elsewhere;
// one referenced commit is real.
func hostileIdentDataset() *fake.Dataset {
	ds := clientDataset()
	repo := ds.EnsureRepo("acme/widgets")
	repo.Pulls = append(repo.Pulls, &fake.FakePull{
		Number: hostilePR, Title: "Hostile identifiers", State: "open", User: "alice", Head: "evil", Base: "main",
		CreatedAt: clientT0, UpdatedAt: clientT0, HeadSHA: "../../../../user?x=",
		Timeline: []fake.FakeEvent{
			{Event: "referenced", Actor: "dave", SHA: "../../../user", CreatedAt: clientAt(1)},
			{Event: "referenced", Actor: "dave", SHA: forkSHA, CommitRepo: "../evil", CreatedAt: clientAt(2)},
			{Event: "referenced", Actor: "dave", SHA: forkSHA, CommitRepo: "contrib/widgets-fork%2F..%2F..", CreatedAt: clientAt(3)},
			{Event: "referenced", Actor: "dave", SHA: ownSHA + "/../../x", CreatedAt: clientAt(4)},
			{Event: "referenced", Actor: "dave", SHA: ownSHA, CreatedAt: clientAt(5)},
		},
	})
	return ds
}

// TestAPIIdentifiersStayInTheirPaths: a commit_id, a commit_url's
// owner/repo or a head SHA that is not what GitHub sends is refused before
// a request is built from it. Each such commit still shows, with an error
// saying why its message was not fetched; the checks say why they were not;
// the rest of the story is whole; and the server sees no request outside
// the PR's own paths and the one real commit.
func TestAPIIdentifiersStayInTheirPaths(t *testing.T) {
	srv := startFakeFor(t, hostileIdentDataset(), fake.FakeOptions{})
	c := clientFor(t, srv.URL, "")
	story, err := github.FetchStory(context.Background(), c, acmeWidgets, hostilePR)
	if err != nil {
		t.Fatalf("FetchStory: %v", err)
	}
	wantErr := map[string]string{
		"../../../user":          "not a commit SHA",
		ownSHA + "/../../x":      "not a commit SHA",
		forkSHA + " ../evil":     "its repository from the API",
		forkSHA + " contrib/...": "its repository from the API",
	}
	refused, fetched := 0, 0
	for _, e := range story.Timeline {
		if e.Event != "referenced" || e.Commit == nil {
			t.Errorf("event %s: no commit", e.Event)
			continue
		}
		switch c := e.Commit; {
		case c.SHA == ownSHA && c.Repo == "acme/widgets":
			fetched++
			if c.Message != ownMessage || c.Err != "" {
				t.Errorf("the real commit: message %q, err %q", c.Message, c.Err)
			}
		default:
			refused++
			key := c.SHA
			if c.SHA == forkSHA {
				key = forkSHA + " " + c.Repo
				if strings.HasPrefix(c.Repo, "contrib/") {
					key = forkSHA + " contrib/..."
				}
			}
			if want := wantErr[key]; want == "" || !strings.Contains(c.Err, "not fetched: ") || !strings.Contains(c.Err, want) || c.Message != "" {
				t.Errorf("commit %q in %q: err %q, message %q; want it not fetched: %s", c.SHA, c.Repo, c.Err, c.Message, want)
			}
		}
	}
	if refused != 4 || fetched != 1 {
		t.Errorf("%d commits refused, %d fetched; want 4 and 1", refused, fetched)
	}
	if story.Checks == nil || !strings.Contains(story.Checks.Err, "not a commit SHA") {
		t.Errorf("checks = %+v, want an error saying the head SHA is no SHA", story.Checks)
	}
	allowed := regexp.MustCompile(`^/repos/acme/widgets/(pulls/70|issues/70/timeline|actions/runs|git/commits/` + ownSHA + `)$`) // runs: the branch is a query value
	for _, r := range srv.Requests() {
		if !allowed.MatchString(r.Path) {
			t.Errorf("request %s %s: outside the PR's paths", r.Method, r.Path)
		}
	}
}

// The refusals are ErrBadIdentifier and no request at all.
func TestCommitMessageRefusesBadIdentifiers(t *testing.T) {
	srv := startFakeFor(t, clientDataset(), fake.FakeOptions{})
	c := clientFor(t, srv.URL, "")
	ctx := context.Background()
	for _, tc := range []struct{ repo, sha string }{
		{"acme/widgets", "../../../user"},
		{"acme/widgets", strings.ToUpper(ownSHA)[:39]},
		{"acme/..", ownSHA},
		{"acme", ownSHA},
		{"acme/widgets/x", ownSHA},
		{"ac me/widgets", ownSHA},
		{"acme/widgets?x=1", ownSHA},
	} {
		_, err := c.CommitMessage(ctx, tc.repo, tc.sha)
		var usage *model.UsageError
		if !errors.Is(err, github.ErrBadIdentifier) || errors.As(err, &usage) {
			t.Errorf("CommitMessage(%q, %q) = %v, want ErrBadIdentifier", tc.repo, tc.sha, err)
		}
	}
	if _, _, err := c.CheckRuns(ctx, acmeWidgets, "../x", 1, 100); !errors.Is(err, github.ErrBadIdentifier) {
		t.Errorf("CheckRuns: %v, want ErrBadIdentifier", err)
	}
	if _, err := c.CombinedStatus(ctx, acmeWidgets, "HEAD"); !errors.Is(err, github.ErrBadIdentifier) {
		t.Errorf("CombinedStatus: %v, want ErrBadIdentifier", err)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests made: %v", n, srv.Requests())
	}
}
