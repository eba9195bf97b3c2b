package github_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/github/fake"

	"github.com/prscope/prscope/github"
	"github.com/prscope/prscope/model"
)

const (
	storyPR       = 50
	storyEvents   = 250
	storyCommits  = 8  // distinct commits the story references
	storyRefEvery = 10 // every 10th event is a reference
)

// storySHA is the i-th referenced commit: even ones live in acme/widgets,
// odd ones in the fork.
func storySHA(i int) string { return fmt.Sprintf("%040x", 0xabc000+i) }

func storyRepo(i int) string {
	if i%2 == 0 {
		return "acme/widgets"
	}
	return forkRepo
}

func storyMessage(i int) string {
	return fmt.Sprintf("story commit %d\n\nreferences acme/widgets#%d", i, storyPR)
}

// storyDataset adds to clientDataset PR 50, whose 250-event timeline is
// comments, a committed event, a review and references to 8 commits (each
// referenced several times), and PR 51, which references a commit nobody
// has.
func storyDataset() *fake.Dataset {
	ds := clientDataset()
	repo := ds.EnsureRepo("acme/widgets")
	for i := range storyCommits {
		ds.EnsureRepo(storyRepo(i)).AddCommit(&fake.FakeCommit{
			SHA: storySHA(i), Message: storyMessage(i), AuthorName: "Dave", AuthorEmail: "dave@example.com", Date: clientAt(float64(i)),
		})
	}
	var events []fake.FakeEvent
	for i := range storyEvents {
		at := clientT0.Add(time.Duration(i) * time.Minute)
		switch {
		case i == 1:
			// Its SHA is in no repository: fetching its message would 404.
			events = append(events, fake.FakeEvent{Event: "committed", Actor: "Ada", SHA: strings.Repeat("d", 40), Message: "the PR's own commit", CreatedAt: at})
		case i == 2:
			// A review's commit_id is the head above, which is not fetchable either.
			events = append(events, fake.FakeEvent{Event: "reviewed", Actor: "carol", Body: "ok", State: "commented", CreatedAt: at})
		case i%storyRefEvery == 0:
			c := (i / storyRefEvery) % storyCommits
			events = append(events, fake.FakeEvent{Event: "referenced", Actor: "kernel-patches-bot", SHA: storySHA(c), CommitRepo: storyRepo(c), CreatedAt: at})
		default:
			events = append(events, fake.FakeEvent{Event: "commented", Actor: "bob", Body: "comment " + strconv.Itoa(i), CreatedAt: at})
		}
	}
	// Reverse them: the server serves chronologically whatever the Dataset order.
	for i, j := 0, len(events)-1; i < j; i, j = i+1, j-1 {
		events[i], events[j] = events[j], events[i]
	}
	repo.Pulls = append(repo.Pulls,
		&fake.FakePull{Number: storyPR, Title: "A long story", State: "open", User: "alice", Head: "story", Base: "main",
			CreatedAt: clientT0, UpdatedAt: clientT0, Timeline: events},
		&fake.FakePull{Number: storyPR + 1, Title: "A dangling reference", State: "open", User: "alice", Head: "dangling", Base: "main",
			CreatedAt: clientT0, UpdatedAt: clientT0, Timeline: []fake.FakeEvent{
				{Event: "referenced", Actor: "bob", SHA: strings.Repeat("e", 40), CommitRepo: forkRepo, CreatedAt: clientT0},
			}},
	)
	return ds
}

func TestFetchStoryFetchesEverything(t *testing.T) {
	srv := startFakeFor(t, storyDataset(), fake.FakeOptions{})
	c := clientFor(t, srv.URL, "")
	story, err := github.FetchStory(context.Background(), c, acmeWidgets, storyPR)
	if err != nil {
		t.Fatal(err)
	}
	if story.Pull.Number != storyPR || story.Pull.Title != "A long story" || !story.Pull.Detailed {
		t.Errorf("Pull = #%d %q detailed=%v, want #%d from GET /pulls/%d", story.Pull.Number, story.Pull.Title, story.Pull.Detailed, storyPR, storyPR)
	}
	if len(story.Timeline) != storyEvents {
		t.Fatalf("%d events, want %d", len(story.Timeline), storyEvents)
	}

	// Three timeline pages of at most 100.
	timelineReqs := byPage(recordedTo(srv, fmt.Sprintf("/repos/acme/widgets/issues/%d/timeline", storyPR)))
	if len(timelineReqs) != 3 {
		t.Fatalf("%d timeline requests, want 3", len(timelineReqs))
	}
	for i, r := range timelineReqs {
		if r.Query.Get("page") != strconv.Itoa(i+1) || r.Query.Get("per_page") != "100" {
			t.Errorf("timeline request %d query = %v, want page=%d per_page=100", i, r.Query, i+1)
		}
	}

	// Each distinct referenced commit fetched once, from its own repository,
	// and nothing else.
	commitReqs := map[string]int{}
	for _, r := range srv.Requests() {
		if strings.Contains(r.Path, "/git/commits/") {
			commitReqs[r.Path]++
		}
	}
	if len(commitReqs) != storyCommits {
		t.Errorf("%d distinct commits fetched, want %d: %v", len(commitReqs), storyCommits, commitReqs)
	}
	for i := range storyCommits {
		path := "/repos/" + storyRepo(i) + "/git/commits/" + storySHA(i)
		if commitReqs[path] != 1 {
			t.Errorf("%s fetched %d times, want once", path, commitReqs[path])
		}
	}

	refs := 0
	sha40 := regexp.MustCompile(`^[0-9a-f]{40}$`)
	for i, e := range story.Timeline {
		if i > 0 && e.CreatedAt.Before(story.Timeline[i-1].CreatedAt) {
			t.Errorf("event %d at %v is before event %d at %v", i, e.CreatedAt, i-1, story.Timeline[i-1].CreatedAt)
		}
		if want := clientT0.Add(time.Duration(i) * time.Minute); !e.CreatedAt.Equal(want) {
			t.Errorf("event %d (%s) at %v, want %v", i, e.Event, e.CreatedAt, want)
		}
		switch e.Event {
		case "referenced":
			refs++
			c := (i / storyRefEvery) % storyCommits
			if e.Commit == nil || !sha40.MatchString(e.Commit.SHA) || e.Commit.SHA != storySHA(c) ||
				e.Commit.Repo != storyRepo(c) || e.Commit.Message != storyMessage(c) {
				t.Errorf("event %d commit = %+v, want %s in %s with its message", i, e.Commit, storySHA(c), storyRepo(c))
			}
		case "committed":
			if e.Commit == nil || e.Commit.Message != "the PR's own commit" {
				t.Errorf("committed event commit = %+v, want the message the timeline gave", e.Commit)
			}
		case "reviewed":
			if e.Commit != nil || e.Body != "ok" {
				t.Errorf("reviewed event = %+v, want its body and no commit", e)
			}
		}
	}
	if want := storyEvents / storyRefEvery; refs != want {
		t.Errorf("%d referenced events, want %d", refs, want)
	}
}

func TestFetchStoryErrors(t *testing.T) {
	srv := startFakeFor(t, storyDataset(), fake.FakeOptions{})
	c := clientFor(t, srv.URL, "")
	ctx := context.Background()
	tests := []struct {
		name   string
		repo   model.Repo
		number int
		want   string
	}{
		{"unknown PR", acmeWidgets, 999, "acme/widgets#999"},
		{"unknown repo", acmeNope, 1, "acme/nope#1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			story, err := github.FetchStory(ctx, c, tt.repo, tt.number)
			e := asAPIError(t, err, http.StatusNotFound)
			if !strings.Contains(e.Error(), tt.want) {
				t.Errorf("Error() = %q, want it to name %q", e.Error(), tt.want)
			}
			if story.Pull.Number != 0 || story.Timeline != nil {
				t.Errorf("story = %+v alongside an error, want the zero Story", story)
			}
		})
	}
}

// A commit that is gone (a deleted fork) costs only its own message: the
// rest of the story is still told, and that commit says why it has none.
func TestFetchStoryKeepsGoingPastAMissingCommit(t *testing.T) {
	srv := startFakeFor(t, storyDataset(), fake.FakeOptions{})
	c := clientFor(t, srv.URL, "")
	story, err := github.FetchStory(context.Background(), c, acmeWidgets, storyPR+1)
	if err != nil {
		t.Fatalf("FetchStory: %v", err)
	}
	missing := 0
	for _, e := range story.Timeline {
		if e.Event != "referenced" || e.Commit == nil {
			continue
		}
		if e.Commit.Err != "" {
			missing++
			if !strings.Contains(e.Commit.Err, "404") || e.Commit.Message != "" {
				t.Errorf("missing commit %+v: want a 404 error and no message", e.Commit)
			}
		}
	}
	if missing != 1 {
		t.Errorf("%d commits marked missing, want 1", missing)
	}
}

func TestFetchStoryCanceled(t *testing.T) {
	srv := startFakeFor(t, storyDataset(), fake.FakeOptions{})
	c := clientFor(t, srv.URL, "")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := github.FetchStory(ctx, c, acmeWidgets, storyPR); err == nil {
		t.Fatal("FetchStory with a canceled context succeeded")
	}
}

// TestFetchStorySortsChronologically serves a timeline out of order, as
// GitHub can (committed events are placed by push, dated by author), from
// a bare handler, and expects FetchStory to order it.
func TestFetchStorySortsChronologically(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/repos/o/r/pulls/1":
			fmt.Fprint(w, `{"number":1,"title":"t","state":"open","user":{"login":"u"},"comments":2,"commits":1,
				"created_at":"2023-01-01T00:00:00Z","updated_at":"2023-01-01T00:00:00Z"}`)
		case "/repos/o/r/issues/1/timeline":
			fmt.Fprint(w, `[
				{"id":1,"node_id":"IC_1","event":"commented","actor":{"login":"a"},"body":"second","created_at":"2023-01-02T10:00:00Z"},
				{"sha":"`+strings.Repeat("5", 40)+`","node_id":"C_1","event":"committed","message":"first",
				 "author":{"name":"A","email":"a@example.com","date":"2023-01-02T09:00:00Z"}},
				{"id":2,"node_id":"IC_2","event":"commented","actor":{"login":"a"},"body":"third","created_at":"2023-01-02T11:00:00Z"}
			]`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer ts.Close()
	c := clientFor(t, ts.URL, "")
	story, err := github.FetchStory(context.Background(), c, model.Repo{Owner: "o", Name: "r"}, 1)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range story.Timeline {
		if e.Commit != nil {
			got = append(got, e.Commit.Message)
		} else {
			got = append(got, e.Body)
		}
	}
	if want := []string{"first", "second", "third"}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("timeline order = %v, want %v", got, want)
	}
}

// manyPullsDataset is acme/widgets with n PRs numbered 1..n.
func manyPullsDataset(n int) *fake.Dataset {
	ds := &fake.Dataset{}
	repo := ds.EnsureRepo("acme/widgets")
	for i := 1; i <= n; i++ {
		repo.Pulls = append(repo.Pulls, &fake.FakePull{Number: i, Title: "PR " + strconv.Itoa(i), State: "open",
			User: "alice", Head: "h", Base: "main", CreatedAt: clientT0.Add(time.Duration(i) * time.Minute), UpdatedAt: clientT0})
	}
	return ds
}

func TestFetchPulls(t *testing.T) {
	const total = 230
	tests := []struct {
		limit        int
		want         int
		wantPerPages []string // per_page of each request
		pageSize     int      // 0: FetchPulls, else FetchPullsPaged
	}{
		{5, 5, []string{"5"}, 0},
		{100, 100, []string{"100"}, 0},
		{150, 150, []string{"100", "100"}, 0},
		{1000, total, []string{"100", "100", "100"}, 0},
		{7, 7, []string{"3", "3", "3"}, 3},      // the config's page_size
		{2, 2, []string{"2"}, 50},               // never more than the limit
		{150, 150, []string{"100", "100"}, 500}, // nor than GitHub serves
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d by %d", tt.limit, tt.pageSize), func(t *testing.T) {
			srv := startFakeFor(t, manyPullsDataset(total), fake.FakeOptions{})
			c := clientFor(t, srv.URL, "")
			fetch := github.FetchPulls
			if tt.pageSize != 0 {
				fetch = func(ctx context.Context, c *github.Client, r model.Repo, state string, limit int) ([]model.PullRequest, error) {
					return github.FetchPullsPaged(ctx, c, r, state, limit, tt.pageSize)
				}
			}
			prs, err := fetch(context.Background(), c, acmeWidgets, "all", tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			if len(prs) != tt.want {
				t.Fatalf("%d PRs, want %d", len(prs), tt.want)
			}
			for i, p := range prs {
				if want := total - i; p.Number != want {
					t.Fatalf("PR %d is #%d, want #%d (newest first, no gaps or repeats)", i, p.Number, want)
				}
			}
			reqs := byPage(recordedTo(srv, "/repos/acme/widgets/pulls"))
			if len(reqs) != len(tt.wantPerPages) {
				t.Fatalf("%d list requests, want %d", len(reqs), len(tt.wantPerPages))
			}
			for i, r := range reqs {
				if r.Query.Get("per_page") != tt.wantPerPages[i] || r.Query.Get("page") != strconv.Itoa(i+1) || r.Query.Get("state") != "all" {
					t.Errorf("request %d query = %v, want page=%d per_page=%s state=all", i, r.Query, i+1, tt.wantPerPages[i])
				}
			}
		})
	}
}

func TestFetchPullsErrors(t *testing.T) {
	srv := startFakeFor(t, manyPullsDataset(3), fake.FakeOptions{})
	c := clientFor(t, srv.URL, "")
	prs, err := github.FetchPulls(context.Background(), c, acmeNope, "all", 30)
	asAPIError(t, err, http.StatusNotFound)
	if prs != nil {
		t.Errorf("PRs = %v alongside an error, want nil", prs)
	}
}
