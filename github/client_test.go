package github_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/github/fake"

	"github.com/prscope/prscope/github"
	"github.com/prscope/prscope/model"
)

// The client tests run the real Client against the fake GitHub server on
// 127.0.0.1, over a small Dataset built here so every expected value is
// visible in this file.

var (
	acmeWidgets = model.Repo{Owner: "acme", Name: "widgets"}
	acmeNope    = model.Repo{Owner: "acme", Name: "nope"}

	clientT0 = time.Date(2023, 3, 1, 8, 0, 0, 0, time.UTC)

	// Commits the timelines point at: one in acme/widgets, one in a fork.
	ownSHA   = strings.Repeat("1a", 20)
	forkSHA  = strings.Repeat("2b", 20)
	mergeSHA = strings.Repeat("3c", 20)
)

const (
	forkRepo       = "contrib/widgets-fork"
	forkMessage    = "widgets: fix the frobnicator\n\nIt frobbed twice.\n\nSigned-off-by: Dave <dave@example.com>"
	ownMessage     = "widgets: add the frobnicator"
	mergeMessage   = "Merge pull request #3 from acme/frob"
	committedMsg   = "add frobnicator\n\nFirst cut."
	clientPulls    = 25 // PRs in acme/widgets
	timelinePR     = 3  // the PR whose timeline has every event kind
	pagedPR        = 8  // the PR whose timeline has pagedEvents comments
	pagedEvents    = 25
	oscTitlePR     = 2
	clearTitlePR   = 6
	draftPR        = 7
	labelledPR     = 4
	hostileBodyEsc = "before\x1b[2Jafter"
)

func clientAt(h float64) time.Time { return clientT0.Add(time.Duration(h * float64(time.Hour))) }

// pullState is the state PR n of clientDataset has: every 5th merged, every
// 3rd (not 5th) closed, the rest open.
func pullState(n int) string {
	switch {
	case n%5 == 0:
		return model.StateMerged
	case n%3 == 0:
		return model.StateClosed
	default:
		return model.StateOpen
	}
}

// clientDataset is acme/widgets with PRs 1..25 created an hour apart, and a
// fork holding a commit that PR 3's timeline references.
func clientDataset() *fake.Dataset {
	ds := &fake.Dataset{}
	repo := ds.EnsureRepo("acme/widgets")
	for n := 1; n <= clientPulls; n++ {
		p := &fake.FakePull{
			Number: n, Title: "Widget change " + strconv.Itoa(n), State: "open",
			User: "alice", Head: "topic-" + strconv.Itoa(n), Base: "main",
			Body:      "Body of " + strconv.Itoa(n),
			CreatedAt: clientAt(float64(n)), UpdatedAt: clientAt(float64(100 + n)),
		}
		if st := pullState(n); st != model.StateOpen {
			closed := clientAt(float64(200 + n))
			p.State, p.ClosedAt = "closed", &closed
			if st == model.StateMerged {
				p.MergedAt = &closed
			}
		}
		repo.Pulls = append(repo.Pulls, p)
	}
	repo.Pull(oscTitlePR).Title = "evil \x1b]52;c;ZXZpbA==\x07 title"
	repo.Pull(clearTitlePR).Title = "clear\x1b[2Jscreen"
	repo.Pull(clearTitlePR).Body = hostileBodyEsc
	repo.Pull(draftPR).Draft = true
	repo.Pull(labelledPR).Labels = []string{"bug", "help wanted"}

	repo.AddCommit(&fake.FakeCommit{SHA: ownSHA, Message: ownMessage, AuthorName: "Alice", AuthorEmail: "alice@example.com", Date: clientAt(0)})
	repo.AddCommit(&fake.FakeCommit{SHA: mergeSHA, Message: mergeMessage, AuthorName: "Alice", AuthorEmail: "alice@example.com", Date: clientAt(12)})
	ds.EnsureRepo(forkRepo).AddCommit(&fake.FakeCommit{SHA: forkSHA, Message: forkMessage, AuthorName: "Dave", AuthorEmail: "dave@example.com", Date: clientAt(3)})

	repo.Pull(timelinePR).Commits = 1
	repo.Pull(timelinePR).Timeline = []fake.FakeEvent{
		{Event: "committed", Actor: "Ada Lovelace", SHA: ownSHA, Message: committedMsg, CreatedAt: clientAt(1)},
		{Event: "commented", Actor: "bob", Body: "first \x1b[31mred\x1b[0m comment", CreatedAt: clientAt(2)},
		{Event: "reviewed", Actor: "carol", Body: "LGTM", State: "approved", CreatedAt: clientAt(3)},
		{Event: "referenced", Actor: "dave", SHA: forkSHA, CommitRepo: forkRepo, CreatedAt: clientAt(4)},
		{Event: "referenced", Actor: "dave", SHA: ownSHA, CreatedAt: clientAt(4.5)},
		{Event: "labeled", Actor: "alice", Label: "bug", CreatedAt: clientAt(5)},
		{Event: "unlabeled", Actor: "alice", Label: "bug", CreatedAt: clientAt(6)},
		{Event: "renamed", Actor: "alice", RenameFrom: "frob", RenameTo: "Add the frobnicator", CreatedAt: clientAt(7)},
		{Event: "review_requested", Actor: "alice", Reviewer: "erin", CreatedAt: clientAt(8)},
		{Event: "closed", Actor: "alice", CreatedAt: clientAt(9)},
		{Event: "reopened", Actor: "alice", CreatedAt: clientAt(10)},
		{Event: "cross-referenced", Actor: "frank", Source: &fake.FakeSource{Repo: "acme/widgets", Number: labelledPR}, CreatedAt: clientAt(11)},
		{Event: "merged", Actor: "alice", SHA: mergeSHA, CreatedAt: clientAt(12)},
		{Event: "some_future_event", Actor: "", CreatedAt: clientAt(13)},
		{Event: "commented", Actor: "", Body: "from a deleted account", CreatedAt: clientAt(14)},
	}
	var paged []fake.FakeEvent
	for i := range pagedEvents {
		paged = append(paged, fake.FakeEvent{Event: "commented", Actor: "bob", Body: "comment " + strconv.Itoa(i), CreatedAt: clientAt(float64(20 + i))})
	}
	repo.Pull(pagedPR).Timeline = paged
	return ds
}

// startFakeFor serves ds on 127.0.0.1 until the test ends.
func startFakeFor(t *testing.T, ds *fake.Dataset, opts fake.FakeOptions) *fake.FakeServer {
	t.Helper()
	srv, err := fake.NewFakeServer(ds, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv
}

func clientFor(t *testing.T, baseURL, token string) *github.Client {
	t.Helper()
	c, err := github.NewClient(github.Options{BaseURL: baseURL, Token: token, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// clientFixture is a Client talking to a fake server of clientDataset.
func clientFixture(t *testing.T) (*github.Client, *fake.FakeServer) {
	t.Helper()
	srv := startFakeFor(t, clientDataset(), fake.FakeOptions{})
	return clientFor(t, srv.URL, ""), srv
}

// recordedTo are the recorded requests whose path is path.
func recordedTo(srv *fake.FakeServer, path string) []fake.RecordedRequest {
	var out []fake.RecordedRequest
	for _, r := range srv.Requests() {
		if r.Path == path {
			out = append(out, r)
		}
	}
	return out
}

// byPage is reqs sorted by their page query: the pages after a listing's
// first are asked side by side, in any order.
func byPage(reqs []fake.RecordedRequest) []fake.RecordedRequest {
	out := slices.Clone(reqs)
	slices.SortStableFunc(out, func(a, b fake.RecordedRequest) int {
		pa, _ := strconv.Atoi(a.Query.Get("page"))
		pb, _ := strconv.Atoi(b.Query.Get("page"))
		return pa - pb
	})
	return out
}

// asAPIError fails the test unless err is an *APIError with status.
func asAPIError(t *testing.T, err error, status int) *github.APIError {
	t.Helper()
	var apiErr *github.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("error = %v (%T), want *github.APIError", err, err)
	}
	if apiErr.Status != status {
		t.Fatalf("Status = %d, want %d (error %q)", apiErr.Status, status, apiErr.Error())
	}
	return apiErr
}

func prNumbers(prs []model.PullRequest) []int {
	out := make([]int, len(prs))
	for i, p := range prs {
		out[i] = p.Number
	}
	return out
}

// descending is hi, hi-1, …, lo.
func descending(hi, lo int) []int {
	var out []int
	for n := hi; n >= lo; n-- {
		out = append(out, n)
	}
	return out
}

func TestClientRejectsBadBaseURLs(t *testing.T) {
	for _, u := range []string{"ftp://example.com/", "example.com", "http://", "://nope", "https:///api/"} {
		if _, err := github.NewClient(github.Options{BaseURL: u}); err == nil {
			t.Errorf("NewClient(%q) succeeded, want an error", u)
		} else if !strings.Contains(err.Error(), "invalid API URL") {
			t.Errorf("NewClient(%q) error = %q, want it to say invalid API URL", u, err)
		}
	}
}

func TestClientAddsTrailingSlashToBaseURL(t *testing.T) {
	srv := startFakeFor(t, clientDataset(), fake.FakeOptions{})
	c := clientFor(t, strings.TrimSuffix(srv.URL, "/"), "")
	prs, _, err := c.ListPulls(context.Background(), acmeWidgets, "all", 1, 3)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := prNumbers(prs), []int{25, 24, 23}; !slices.Equal(got, want) {
		t.Errorf("numbers = %v, want %v", got, want)
	}
}

func TestClientListPullsPagination(t *testing.T) {
	c, srv := clientFixture(t)
	ctx := context.Background()
	tests := []struct {
		page     int
		want     []int
		wantPage model.Page
	}{
		// 25 PRs at 10 a page: pages of 10, 10 and 5, newest first. The
		// total is an upper bound (Last*perPage) until the last page.
		{1, descending(25, 16), model.Page{Next: 2, Last: 3, Total: 30}},
		{2, descending(15, 6), model.Page{Next: 3, Last: 3, Total: 30}},
		{3, descending(5, 1), model.Page{Next: 0, Last: 3, Total: 25}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("page%d", tt.page), func(t *testing.T) {
			prs, page, err := c.ListPulls(ctx, acmeWidgets, "all", tt.page, 10)
			if err != nil {
				t.Fatal(err)
			}
			if got := prNumbers(prs); !slices.Equal(got, tt.want) {
				t.Errorf("numbers = %v, want %v", got, tt.want)
			}
			if page != tt.wantPage {
				t.Errorf("page = %+v, want %+v", page, tt.wantPage)
			}
		})
	}
	reqs := recordedTo(srv, "/repos/acme/widgets/pulls")
	if len(reqs) != len(tests) {
		t.Fatalf("%d list requests, want %d", len(reqs), len(tests))
	}
	for i, r := range reqs {
		q := r.Query
		if q.Get("page") != strconv.Itoa(i+1) || q.Get("per_page") != "10" || q.Get("state") != "all" {
			t.Errorf("request %d query = %v, want page=%d per_page=10 state=all", i, q, i+1)
		}
	}
}

func TestClientListPullsSinglePageHasExactTotal(t *testing.T) {
	c, _ := clientFixture(t)
	prs, page, err := c.ListPulls(context.Background(), acmeWidgets, "all", 1, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(prs) != clientPulls {
		t.Errorf("got %d PRs, want %d", len(prs), clientPulls)
	}
	if want := (model.Page{Next: 0, Last: 1, Total: clientPulls}); page != want {
		t.Errorf("page = %+v, want %+v", page, want)
	}
}

func TestClientListPullsStateFilter(t *testing.T) {
	c, _ := clientFixture(t)
	wantNumbers := map[string][]int{}
	for n := clientPulls; n >= 1; n-- {
		st := pullState(n)
		wantNumbers["all"] = append(wantNumbers["all"], n)
		if st == model.StateOpen {
			wantNumbers["open"] = append(wantNumbers["open"], n)
		} else {
			wantNumbers["closed"] = append(wantNumbers["closed"], n)
		}
	}
	for _, state := range []string{"open", "closed", "all"} {
		t.Run(state, func(t *testing.T) {
			prs, _, err := c.ListPulls(context.Background(), acmeWidgets, state, 1, 100)
			if err != nil {
				t.Fatal(err)
			}
			if got := prNumbers(prs); !slices.Equal(got, wantNumbers[state]) {
				t.Errorf("numbers = %v, want %v", got, wantNumbers[state])
			}
			for _, p := range prs {
				if want := pullState(p.Number); p.State != want {
					t.Errorf("#%d State = %q, want %q", p.Number, p.State, want)
				}
				if state == "open" && p.State != model.StateOpen {
					t.Errorf("#%d is %q in the open listing", p.Number, p.State)
				}
			}
		})
	}
}

func TestClientListPullsConversion(t *testing.T) {
	c, _ := clientFixture(t)
	prs, _, err := c.ListPulls(context.Background(), acmeWidgets, "all", 1, 100)
	if err != nil {
		t.Fatal(err)
	}
	byNumber := map[int]model.PullRequest{}
	for _, p := range prs {
		byNumber[p.Number] = p
		for _, s := range []string{p.Title, p.Body, p.User, p.Head, p.Base, p.HTMLURL} {
			if strings.ContainsAny(s, "\x1b\x07") {
				t.Errorf("#%d holds a control character: %q", p.Number, s)
			}
		}
		if p.Detailed || p.Comments != 0 || p.Commits != 0 {
			t.Errorf("#%d from the list has Detailed=%v Comments=%d Commits=%d, want the zero values",
				p.Number, p.Detailed, p.Comments, p.Commits)
		}
		if p.Draft != (p.Number == draftPR) {
			t.Errorf("#%d Draft = %v", p.Number, p.Draft)
		}
	}

	if got, want := byNumber[oscTitlePR].Title, "evil  title"; got != want {
		t.Errorf("OSC 52 title = %q, want %q", got, want)
	}
	if got, want := byNumber[clearTitlePR].Title, "clearscreen"; got != want {
		t.Errorf("ESC [2J title = %q, want %q", got, want)
	}
	if got, want := byNumber[clearTitlePR].Body, "beforeafter"; got != want {
		t.Errorf("ESC [2J body = %q, want %q", got, want)
	}

	p := byNumber[5] // merged
	want := model.PullRequest{
		Number: 5, Title: "Widget change 5", State: model.StateMerged, User: "alice",
		Head: "topic-5", Base: "main", Body: "Body of 5", HeadRepo: "acme/widgets",
		CreatedAt: clientAt(5), UpdatedAt: clientAt(105),
		HTMLURL: "https://github.com/acme/widgets/pull/5",
	}
	if p.ClosedAt == nil || !p.ClosedAt.Equal(clientAt(205)) || p.MergedAt == nil || !p.MergedAt.Equal(clientAt(205)) {
		t.Errorf("#5 ClosedAt = %v, MergedAt = %v, want both %v", p.ClosedAt, p.MergedAt, clientAt(205))
	}
	p.ClosedAt, p.MergedAt = nil, nil
	if !p.CreatedAt.Equal(want.CreatedAt) || !p.UpdatedAt.Equal(want.UpdatedAt) {
		t.Errorf("#5 times = %v, %v; want %v, %v", p.CreatedAt, p.UpdatedAt, want.CreatedAt, want.UpdatedAt)
	}
	p.CreatedAt, p.UpdatedAt = want.CreatedAt, want.UpdatedAt
	if !regexp.MustCompile(`^[0-9a-f]{40}$`).MatchString(p.HeadSHA) {
		t.Errorf("#5 HeadSHA = %q, want the 40-hex head.sha", p.HeadSHA)
	}
	want.HeadSHA = p.HeadSHA // derived by the fake server; TestClientHeadSHAFromListAndDetail checks a chosen one
	if fmt.Sprintf("%+v", p) != fmt.Sprintf("%+v", want) {
		t.Errorf("#5 =\n%+v\nwant\n%+v", p, want)
	}

	if p := byNumber[3]; p.State != model.StateClosed || p.ClosedAt == nil || p.MergedAt != nil {
		t.Errorf("#3 State = %q ClosedAt = %v MergedAt = %v, want closed, set, nil", p.State, p.ClosedAt, p.MergedAt)
	}
	if p := byNumber[1]; p.State != model.StateOpen || p.ClosedAt != nil || p.MergedAt != nil {
		t.Errorf("#1 State = %q ClosedAt = %v MergedAt = %v, want open, nil, nil", p.State, p.ClosedAt, p.MergedAt)
	}

	labels := byNumber[labelledPR].Labels
	if len(labels) != 2 || labels[0].Name != "bug" || labels[1].Name != "help wanted" {
		t.Fatalf("#%d labels = %+v, want bug and help wanted", labelledPR, labels)
	}
	hexColor := regexp.MustCompile(`^[0-9a-f]{6}$`)
	for _, l := range labels {
		if !hexColor.MatchString(l.Color) {
			t.Errorf("label %q colour = %q, want 6 hex digits", l.Name, l.Color)
		}
	}
	if len(byNumber[1].Labels) != 0 {
		t.Errorf("#1 labels = %+v, want none", byNumber[1].Labels)
	}
}

func TestClientGetPull(t *testing.T) {
	c, srv := clientFixture(t)
	ctx := context.Background()
	tests := []struct {
		number             int
		comments, commits  int
		state              string
		wantDraft          bool
		wantTitleSubstring string
	}{
		{timelinePR, 2, 1, model.StateClosed, false, "Widget change 3"}, // commits as the Dataset says
		{pagedPR, pagedEvents, 0, model.StateOpen, false, "Widget change 8"},
		{draftPR, 0, 0, model.StateOpen, true, "Widget change 7"},
		{10, 0, 0, model.StateMerged, false, "Widget change 10"},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.number), func(t *testing.T) {
			p, err := c.GetPull(ctx, acmeWidgets, tt.number)
			if err != nil {
				t.Fatal(err)
			}
			if p.Number != tt.number || !p.Detailed || p.Comments != tt.comments || p.Commits != tt.commits ||
				p.State != tt.state || p.Draft != tt.wantDraft || p.Title != tt.wantTitleSubstring {
				t.Errorf("GetPull = #%d Detailed=%v Comments=%d Commits=%d State=%q Draft=%v Title=%q; want #%d true %d %d %q %v %q",
					p.Number, p.Detailed, p.Comments, p.Commits, p.State, p.Draft, p.Title,
					tt.number, tt.comments, tt.commits, tt.state, tt.wantDraft, tt.wantTitleSubstring)
			}
		})
	}
	if n := len(recordedTo(srv, "/repos/acme/widgets/pulls/3")); n != 1 {
		t.Errorf("%d requests for /pulls/3, want 1", n)
	}

	_, err := c.GetPull(ctx, acmeWidgets, 999)
	e := asAPIError(t, err, http.StatusNotFound)
	if !strings.Contains(e.Error(), "acme/widgets#999") {
		t.Errorf("error %q does not name acme/widgets#999", e)
	}
}

// eventsByKind indexes a timeline by event name.
func eventsByKind(events []model.Event) map[model.EventKind][]model.Event {
	out := map[model.EventKind][]model.Event{}
	for _, e := range events {
		out[e.Event] = append(out[e.Event], e)
	}
	return out
}

func TestClientTimelineConversion(t *testing.T) {
	c, _ := clientFixture(t)
	events, page, err := c.Timeline(context.Background(), acmeWidgets, timelinePR, 1, 100)
	if err != nil {
		t.Fatal(err)
	}
	if want := (model.Page{Next: 0, Last: 1, Total: 15}); page != want {
		t.Errorf("page = %+v, want %+v", page, want)
	}
	var kinds []model.EventKind
	for _, e := range events {
		kinds = append(kinds, e.Event)
	}
	wantKinds := []model.EventKind{"committed", "commented", "reviewed", "referenced", "referenced", "labeled", "unlabeled",
		"renamed", "review_requested", "closed", "reopened", "cross-referenced", "merged", "some_future_event", "commented"}
	if !slices.Equal(kinds, wantKinds) {
		t.Fatalf("events = %v\nwant %v", kinds, wantKinds)
	}
	for i, e := range events {
		if i > 0 && e.CreatedAt.Before(events[i-1].CreatedAt) {
			t.Errorf("event %d (%s) at %v is before event %d at %v", i, e.Event, e.CreatedAt, i-1, events[i-1].CreatedAt)
		}
		if want := clientAt([]float64{1, 2, 3, 4, 4.5, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}[i]); !e.CreatedAt.Equal(want) {
			t.Errorf("event %d (%s) CreatedAt = %v, want %v", i, e.Event, e.CreatedAt, want)
		}
	}
	by := eventsByKind(events)

	t.Run("committed", func(t *testing.T) {
		e := by["committed"][0]
		if e.Actor != "" || e.Author != "Ada Lovelace" {
			t.Errorf("Actor, Author = %q, %q; want no login (null) and the git author's name", e.Actor, e.Author)
		}
		if e.Commit == nil || e.Commit.SHA != ownSHA || e.Commit.Repo != "acme/widgets" || e.Commit.Message != committedMsg {
			t.Errorf("Commit = %+v, want %s in acme/widgets with message %q", e.Commit, ownSHA, committedMsg)
		}
	})
	t.Run("commented", func(t *testing.T) {
		e := by["commented"][0]
		if e.Actor != "bob" || e.Body != "first red comment" {
			t.Errorf("comment = actor %q body %q, want bob and the body without escapes", e.Actor, e.Body)
		}
		if !strings.HasPrefix(e.HTMLURL, "https://github.com/acme/widgets/pull/3#issuecomment-") {
			t.Errorf("HTMLURL = %q", e.HTMLURL)
		}
		if e.Commit != nil {
			t.Errorf("Commit = %+v, want nil", e.Commit)
		}
		ghost := by["commented"][1]
		if ghost.Actor != "" || ghost.Body != "from a deleted account" {
			t.Errorf("ghost comment = actor %q body %q, want \"\" and its body", ghost.Actor, ghost.Body)
		}
	})
	t.Run("reviewed", func(t *testing.T) {
		e := by["reviewed"][0]
		if e.Actor != "carol" || e.Body != "LGTM" || e.ReviewState != "approved" {
			t.Errorf("review = actor %q body %q state %q, want carol LGTM approved", e.Actor, e.Body, e.ReviewState)
		}
		// The commit_id a review carries is the head it was made on, not a
		// commit that references the PR.
		if e.Commit != nil {
			t.Errorf("Commit = %+v, want nil: a review is not a commit event", e.Commit)
		}
	})
	t.Run("referenced", func(t *testing.T) {
		refs := by["referenced"]
		fork, own := refs[0], refs[1]
		if fork.Actor != "dave" || fork.Commit == nil || fork.Commit.SHA != forkSHA || fork.Commit.Repo != forkRepo || fork.Commit.Message != "" {
			t.Errorf("fork reference = actor %q commit %+v, want dave, %s in %s without a message", fork.Actor, fork.Commit, forkSHA, forkRepo)
		}
		if fork.Commit != nil && !strings.HasSuffix(fork.Commit.URL, "/repos/"+forkRepo+"/commits/"+forkSHA) {
			t.Errorf("fork commit URL = %q", fork.Commit.URL)
		}
		if own.Commit == nil || own.Commit.SHA != ownSHA || own.Commit.Repo != "acme/widgets" || own.Commit.Message != "" {
			t.Errorf("own reference commit = %+v, want %s in acme/widgets without a message", own.Commit, ownSHA)
		}
	})
	t.Run("labels", func(t *testing.T) {
		for _, kind := range []model.EventKind{"labeled", "unlabeled"} {
			e := by[kind][0]
			if e.Actor != "alice" || e.Label == nil || e.Label.Name != "bug" || len(e.Label.Color) != 6 {
				t.Errorf("%s = actor %q label %+v, want alice and bug with a colour", kind, e.Actor, e.Label)
			}
		}
	})
	t.Run("renamed", func(t *testing.T) {
		e := by["renamed"][0]
		if e.Rename == nil || *e.Rename != (model.Rename{From: "frob", To: "Add the frobnicator"}) {
			t.Errorf("Rename = %+v", e.Rename)
		}
	})
	t.Run("review_requested", func(t *testing.T) {
		e := by["review_requested"][0]
		if e.Actor != "alice" || e.RequestedReviewer != "erin" {
			t.Errorf("review_requested = actor %q reviewer %q, want alice erin", e.Actor, e.RequestedReviewer)
		}
	})
	t.Run("state", func(t *testing.T) {
		for _, kind := range []model.EventKind{"closed", "reopened"} {
			e := by[kind][0]
			if e.Actor != "alice" || e.Commit != nil {
				t.Errorf("%s = actor %q commit %+v, want alice and no commit", kind, e.Actor, e.Commit)
			}
		}
		m := by["merged"][0]
		if m.Actor != "alice" || m.Commit == nil || m.Commit.SHA != mergeSHA || m.Commit.Repo != "acme/widgets" {
			t.Errorf("merged = actor %q commit %+v, want alice and %s", m.Actor, m.Commit, mergeSHA)
		}
	})
	t.Run("cross-referenced", func(t *testing.T) {
		e := by["cross-referenced"][0]
		want := model.SourceRef{Repo: "acme/widgets", Number: labelledPR, Title: "Widget change 4", IsPull: true, State: pullState(labelledPR)}
		if e.Actor != "frank" || e.Source == nil || *e.Source != want {
			t.Errorf("cross-referenced = actor %q source %+v, want frank and %+v", e.Actor, e.Source, want)
		}
	})
	t.Run("unknown", func(t *testing.T) {
		e := by["some_future_event"][0]
		if e.Actor != "" || !e.CreatedAt.Equal(clientAt(13)) {
			t.Errorf("unknown event = actor %q at %v, want a null actor at %v", e.Actor, e.CreatedAt, clientAt(13))
		}
	})
	t.Run("ids", func(t *testing.T) {
		seen := map[string]int{}
		for i, e := range events {
			if e.ID == "" {
				t.Errorf("event %d (%s) has no ID", i, e.Event)
			}
			if j, dup := seen[e.ID]; dup {
				t.Errorf("events %d and %d share ID %q", j, i, e.ID)
			}
			seen[e.ID] = i
		}
		again, _, err := c.Timeline(context.Background(), acmeWidgets, timelinePR, 1, 100)
		if err != nil {
			t.Fatal(err)
		}
		for i := range again {
			if again[i].ID != events[i].ID {
				t.Errorf("event %d ID changed between fetches: %q then %q", i, events[i].ID, again[i].ID)
			}
		}
	})
}

func TestClientTimelinePaging(t *testing.T) {
	c, srv := clientFixture(t)
	ctx := context.Background()
	wantPages := []model.Page{
		{Next: 2, Last: 3, Total: 30},
		{Next: 3, Last: 3, Total: 30},
		{Next: 0, Last: 3, Total: pagedEvents},
	}
	var all []model.Event
	for page := 1; page != 0; {
		if page > len(wantPages) {
			t.Fatalf("page %d requested, want only %d pages", page, len(wantPages))
		}
		events, info, err := c.Timeline(ctx, acmeWidgets, pagedPR, page, 10)
		if err != nil {
			t.Fatal(err)
		}
		if info != wantPages[page-1] {
			t.Errorf("page %d = %+v, want %+v", page, info, wantPages[page-1])
		}
		all = append(all, events...)
		page = info.Next
	}
	if len(all) != pagedEvents {
		t.Fatalf("%d events, want %d", len(all), pagedEvents)
	}
	ids := map[string]bool{}
	for i, e := range all {
		if want := "comment " + strconv.Itoa(i); e.Body != want {
			t.Errorf("event %d body = %q, want %q", i, e.Body, want)
		}
		if e.ID == "" || ids[e.ID] {
			t.Errorf("event %d ID %q is empty or repeated", i, e.ID)
		}
		ids[e.ID] = true
	}
	reqs := byPage(recordedTo(srv, "/repos/acme/widgets/issues/8/timeline"))
	if len(reqs) != 3 {
		t.Fatalf("%d timeline requests, want 3", len(reqs))
	}
	for i, r := range reqs {
		if r.Query.Get("page") != strconv.Itoa(i+1) || r.Query.Get("per_page") != "10" {
			t.Errorf("timeline request %d query = %v", i, r.Query)
		}
	}

	_, _, err := c.Timeline(ctx, acmeWidgets, 999, 1, 100)
	asAPIError(t, err, http.StatusNotFound)
}

func TestClientCommitMessage(t *testing.T) {
	c, srv := clientFixture(t)
	ctx := context.Background()
	msg, err := c.CommitMessage(ctx, forkRepo, forkSHA)
	if err != nil {
		t.Fatal(err)
	}
	if msg != forkMessage {
		t.Errorf("message = %q, want %q", msg, forkMessage)
	}
	if n := len(recordedTo(srv, "/repos/"+forkRepo+"/git/commits/"+forkSHA)); n != 1 {
		t.Errorf("%d requests to the fork's git commit, want 1 (requests: %+v)", n, srv.Requests())
	}

	// The fork's commit is not in acme/widgets.
	_, err = c.CommitMessage(ctx, "acme/widgets", forkSHA)
	e := asAPIError(t, err, http.StatusNotFound)
	if !strings.Contains(e.Error(), "acme/widgets@"+forkSHA[:7]) {
		t.Errorf("error %q does not name the commit", e)
	}
	_, err = c.CommitMessage(ctx, forkRepo, strings.Repeat("9", 40))
	asAPIError(t, err, http.StatusNotFound)

	if _, err := c.CommitMessage(ctx, "no-slash", forkSHA); err == nil {
		t.Error("CommitMessage with a repository without a slash succeeded")
	}
}

func TestClientNotFoundError(t *testing.T) {
	c, _ := clientFixture(t)
	_, _, err := c.ListPulls(context.Background(), acmeNope, "all", 1, 30)
	e := asAPIError(t, err, http.StatusNotFound)
	if e.Message != "Not Found" || e.Subject != "acme/nope" || e.Hint == "" {
		t.Errorf("APIError = %+v, want GitHub's message, the subject and a hint", e)
	}
	msg := e.Error()
	for _, want := range []string{"404 Not Found", "acme/nope", "check the name"} {
		if !strings.Contains(msg, want) {
			t.Errorf("Error() = %q, want it to contain %q", msg, want)
		}
	}
	if strings.Contains(msg, "Not Found: Not Found") {
		t.Errorf("Error() = %q repeats the status text", msg)
	}
}

// closedPortURL is an http URL on 127.0.0.1 where nothing listens.
func closedPortURL(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	if err := ln.Close(); err != nil {
		t.Fatal(err)
	}
	return "http://" + addr + "/"
}

func TestClientNetworkErrors(t *testing.T) {
	closedServer := startFakeFor(t, clientDataset(), fake.FakeOptions{})
	closedURL := closedServer.URL
	if err := closedServer.Close(); err != nil {
		t.Fatal(err)
	}
	for name, base := range map[string]string{
		"server closed":      closedURL,
		"connection refused": closedPortURL(t),
	} {
		t.Run(name, func(t *testing.T) {
			c := clientFor(t, base, "")
			_, _, err := c.ListPulls(context.Background(), acmeWidgets, "all", 1, 30)
			e := asAPIError(t, err, 0)
			if e.Message == "" || e.Subject != "acme/widgets" || e.Hint != "network error" {
				t.Errorf("APIError = %+v, want the network error for acme/widgets", e)
			}
			if !strings.Contains(e.Error(), "refused") {
				t.Errorf("Error() = %q, want it to say the connection was refused", e.Error())
			}
			if c.RateLimit().Known {
				t.Error("RateLimit is Known after a request that never reached the server")
			}
		})
	}
}

func TestClientCanceledContextIsNotAnAPIError(t *testing.T) {
	c, _ := clientFixture(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, err := c.ListPulls(ctx, acmeWidgets, "all", 1, 30)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error = %v, want context.Canceled", err)
	}
}

func TestClientHTTPErrors(t *testing.T) {
	reset := time.Now().Add(30 * time.Minute).Unix()
	tests := []struct {
		name       string
		status     int
		header     map[string]string
		body       string
		wantStatus int
		want       []string // substrings of Error()
	}{
		{
			name: "401", status: 401,
			body:       `{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}`,
			wantStatus: 401,
			want:       []string{"401 Unauthorized: Bad credentials: acme/widgets", "GH_TOKEN"},
		},
		{
			name: "403", status: 403,
			body:       `{"message":"Resource not accessible by personal access token","documentation_url":"https://docs.github.com/rest"}`,
			wantStatus: 403,
			want:       []string{"403 Forbidden: Resource not accessible by personal access token", "no access"},
		},
		{
			name: "500", status: 500,
			body:       `{"message":"Server Error"}`,
			wantStatus: 500,
			want:       []string{"500 Internal Server Error: Server Error: acme/widgets"},
		},
		{
			name: "502 HTML", status: 502,
			body:       `<html><body>Bad gateway</body></html>`,
			wantStatus: 502,
			want:       []string{"502 Bad Gateway: acme/widgets"},
		},
		{
			name: "primary rate limit", status: 403,
			header: map[string]string{
				"X-RateLimit-Limit": "60", "X-RateLimit-Remaining": "0", "X-RateLimit-Used": "60",
				"X-RateLimit-Reset": strconv.FormatInt(reset, 10),
			},
			body:       `{"message":"API rate limit exceeded for 127.0.0.1.","documentation_url":"https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting"}`,
			wantStatus: 403,
			want:       []string{"403 Forbidden: API rate limit exceeded: acme/widgets", "resets at", "set GH_TOKEN"},
		},
		{
			name: "secondary rate limit", status: 403,
			header:     map[string]string{"Retry-After": "30"},
			body:       `{"message":"You have exceeded a secondary rate limit.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"}`,
			wantStatus: 403,
			want:       []string{"403 Forbidden: You have exceeded a secondary rate limit: acme/widgets", "retry in 30s"},
		},
		{
			name: "hostile message", status: 422,
			body:       `{"message":"Validation \u001b]0;pwned\u0007Failed"}`,
			wantStatus: 422,
			want:       []string{"422 Unprocessable Entity: Validation Failed"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json; charset=utf-8")
				for k, v := range tt.header {
					w.Header().Set(k, v)
				}
				w.WriteHeader(tt.status)
				_, _ = w.Write([]byte(tt.body))
			}))
			defer srv.Close()
			c := clientFor(t, srv.URL, "")
			_, _, err := c.ListPulls(context.Background(), acmeWidgets, "all", 1, 30)
			e := asAPIError(t, err, tt.wantStatus)
			msg := e.Error()
			for _, want := range tt.want {
				if !strings.Contains(msg, want) {
					t.Errorf("Error() = %q, want it to contain %q", msg, want)
				}
			}
			if strings.ContainsAny(msg, "\x1b\x07\n") {
				t.Errorf("Error() = %q holds control characters", msg)
			}
		})
	}
}

func TestClientRateLimitRecorded(t *testing.T) {
	srv := startFakeFor(t, clientDataset(), fake.FakeOptions{RateLimit: 60})
	c := clientFor(t, srv.URL, "")
	if rl := c.RateLimit(); rl.Known {
		t.Fatalf("RateLimit before any request = %+v, want unknown", rl)
	}
	ctx := context.Background()
	if _, _, err := c.ListPulls(ctx, acmeWidgets, "all", 1, 10); err != nil {
		t.Fatal(err)
	}
	rl := c.RateLimit()
	if !rl.Known || rl.Limit != 60 || rl.Remaining != 59 || rl.Reset.IsZero() {
		t.Errorf("RateLimit after one request = %+v, want known, 60, 59 remaining, a reset time", rl)
	}
	if _, err := c.GetPull(ctx, acmeWidgets, 1); err != nil {
		t.Fatal(err)
	}
	// An error response still reports the budget.
	if _, err := c.GetPull(ctx, acmeWidgets, 999); err == nil {
		t.Fatal("GetPull(999) succeeded")
	}
	if rl := c.RateLimit(); rl.Remaining != 57 || rl.Limit != 60 {
		t.Errorf("RateLimit after three requests = %+v, want 57 of 60 remaining", rl)
	}
}

func TestClientAuthorization(t *testing.T) {
	tests := []struct {
		token      string
		wantHeader string
	}{
		{"", ""},
		{"ghp_s3cret", "Bearer ghp_s3cret"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("token=%q", tt.token), func(t *testing.T) {
			srv := startFakeFor(t, clientDataset(), fake.FakeOptions{})
			c := clientFor(t, srv.URL, tt.token)
			if got, want := c.Authenticated(), tt.token != ""; got != want {
				t.Errorf("Authenticated() = %v, want %v", got, want)
			}
			ctx := context.Background()
			if _, _, err := c.ListPulls(ctx, acmeWidgets, "all", 1, 5); err != nil {
				t.Fatal(err)
			}
			if _, _, err := c.Timeline(ctx, acmeWidgets, timelinePR, 1, 100); err != nil {
				t.Fatal(err)
			}
			if _, err := c.CommitMessage(ctx, forkRepo, forkSHA); err != nil {
				t.Fatal(err)
			}
			reqs := srv.Requests()
			if len(reqs) != 3 {
				t.Fatalf("%d requests, want 3", len(reqs))
			}
			for _, r := range reqs {
				if got := r.Header.Get("Authorization"); got != tt.wantHeader {
					t.Errorf("%s Authorization = %q, want %q", r.Path, got, tt.wantHeader)
				}
				if _, sent := r.Header["Authorization"]; sent != (tt.token != "") {
					t.Errorf("%s Authorization header sent = %v", r.Path, sent)
				}
				if got := r.Header.Get("User-Agent"); got != "prscope" {
					t.Errorf("%s User-Agent = %q, want prscope", r.Path, got)
				}
			}
		})
	}
}
