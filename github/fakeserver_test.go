package github_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prscope/prscope/github/fake"

	gogithub "github.com/google/go-github/v62/github"
)

const notFoundBody = `{"message":"Not Found","documentation_url":"https://docs.github.com/rest"}`

var day0 = time.Date(2023, 5, 1, 9, 0, 0, 0, time.UTC)

func at(hours int) time.Time { return day0.Add(time.Duration(hours) * time.Hour) }

func timePtr(t time.Time) *time.Time { return &t }

// testDataset is small enough to reason about: octo/hello has PRs 1..7
// (created in number order, updated in reverse), and fork/hello holds a commit
// that PR 1's timeline references.
func testDataset() *fake.Dataset {
	ds := &fake.Dataset{}
	repo := ds.EnsureRepo("octo/hello")
	states := []string{"open", "closed", "merged", "open", "closed", "open", "merged"}
	for i, state := range states {
		n := i + 1
		p := &fake.FakePull{
			Number: n, Title: "PR " + strconv.Itoa(n), State: state, User: "alice",
			Head: "topic-" + strconv.Itoa(n), Base: "main", Body: "body " + strconv.Itoa(n),
			CreatedAt: at(n), UpdatedAt: at(100 - n),
		}
		if state != "open" {
			p.State, p.ClosedAt = "closed", timePtr(at(50))
		}
		if state == "merged" {
			p.MergedAt = p.ClosedAt
		}
		repo.Pulls = append(repo.Pulls, p)
	}
	pr1 := repo.Pull(1)
	pr1.Labels, pr1.Draft = []string{"bug", "needs review"}, true
	forkSHA := strings.Repeat("f", 40)
	ownSHA := strings.Repeat("a", 40)
	ds.EnsureRepo("fork/hello").AddCommit(&fake.FakeCommit{SHA: forkSHA, Message: "fix: mention #1", AuthorName: "Carol", AuthorEmail: "carol@example.com", Date: at(3)})
	repo.AddCommit(&fake.FakeCommit{SHA: ownSHA, Message: "add hello", AuthorName: "Alice", AuthorEmail: "alice@example.com", Date: at(1), Parents: []string{strings.Repeat("0", 40)}})
	pr1.Timeline = []fake.FakeEvent{
		// Deliberately out of order: the server serves them chronologically.
		{Event: "commented", Actor: "bob", Body: "second comment", CreatedAt: at(6)},
		{Event: "committed", Actor: "Alice", SHA: ownSHA, Message: "add hello", CreatedAt: at(1)},
		{Event: "commented", Actor: "bob", Body: "looks <good> & fine", CreatedAt: at(2)},
		{Event: "referenced", Actor: "carol", SHA: forkSHA, CommitRepo: "fork/hello", CreatedAt: at(3)},
		{Event: "labeled", Actor: "alice", Label: "bug", CreatedAt: at(4)},
		{Event: "renamed", Actor: "alice", RenameFrom: "PR one", RenameTo: "PR 1", CreatedAt: at(4).Add(time.Minute)},
		{Event: "review_requested", Actor: "alice", Reviewer: "dave", CreatedAt: at(5)},
		{Event: "reviewed", Actor: "bob", Body: "LGTM", State: "approved", CreatedAt: at(5).Add(time.Minute)},
		{Event: "cross-referenced", Actor: "erin", Source: &fake.FakeSource{Repo: "octo/hello", Number: 3}, CreatedAt: at(7)},
		{Event: "some_future_event", CreatedAt: at(8)},
		{Event: "commented", Actor: "", Body: "from a deleted account", CreatedAt: at(9)},
	}
	return ds
}

func startServer(t *testing.T, opts fake.FakeOptions) *fake.FakeServer {
	t.Helper()
	srv, err := fake.NewFakeServer(testDataset(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv
}

// get fetches path (relative to the server) and returns the response and body.
func get(t *testing.T, srv *fake.FakeServer, path string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, srv.URL+strings.TrimPrefix(path, "/"), nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

func decode[T any](t *testing.T, body []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("decode %T: %v\n%s", v, err, body)
	}
	return v
}

var linkRE = regexp.MustCompile(`<([^>]+)>; rel="(\w+)"`)

// links parses a Link header into rel → URL.
func links(t *testing.T, header string) map[string]*url.URL {
	t.Helper()
	out := map[string]*url.URL{}
	for _, m := range linkRE.FindAllStringSubmatch(header, -1) {
		u, err := url.Parse(m[1])
		if err != nil {
			t.Fatal(err)
		}
		out[m[2]] = u
	}
	return out
}

func pullNumbers(pulls []*gogithub.PullRequest) []int {
	var out []int
	for _, p := range pulls {
		out = append(out, p.GetNumber())
	}
	return out
}

func TestListPullsPaginatesWithGitHubLinks(t *testing.T) {
	srv := startServer(t, fake.FakeOptions{})
	wantPages := [][]int{{7, 6, 5}, {4, 3, 2}, {1}, {}}
	wantRels := [][]string{{"next", "last"}, {"prev", "next", "last", "first"}, {"prev", "first"}, {"prev", "first"}}
	for i, want := range wantPages {
		page := i + 1
		resp, body := get(t, srv, "repos/octo/hello/pulls?state=all&per_page=3&sort=created&page="+strconv.Itoa(page))
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("page %d: status %d", page, resp.StatusCode)
		}
		if got := pullNumbers(decode[[]*gogithub.PullRequest](t, body)); !slices.Equal(got, want) {
			t.Errorf("page %d: PRs %v, want %v", page, got, want)
		}
		if page == 4 && string(body) != "[]" {
			t.Errorf("page past the end: body %s, want []", body)
		}
		rels := links(t, resp.Header.Get("Link"))
		var gotRels []string
		for _, m := range linkRE.FindAllStringSubmatch(resp.Header.Get("Link"), -1) {
			gotRels = append(gotRels, m[2])
		}
		if !slices.Equal(gotRels, wantRels[i]) {
			t.Errorf("page %d: rels %v, want %v", page, gotRels, wantRels[i])
		}
		for rel, u := range rels {
			if !strings.HasPrefix(u.String(), srv.URL+"repos/octo/hello/pulls?") {
				t.Errorf("page %d: %s link %s is not absolute on the server", page, rel, u)
			}
			q := u.Query()
			if q.Get("state") != "all" || q.Get("per_page") != "3" || q.Get("sort") != "created" {
				t.Errorf("page %d: %s link %s lost query parameters", page, rel, u)
			}
		}
		wantPage := map[string]string{"next": strconv.Itoa(page + 1), "prev": strconv.Itoa(page - 1), "last": "3", "first": "1"}
		for rel, u := range rels {
			if got := u.Query().Get("page"); got != wantPage[rel] {
				t.Errorf("page %d: %s link to page %s, want %s", page, rel, got, wantPage[rel])
			}
		}
	}
}

func TestListPullsDefaultsAndLimits(t *testing.T) {
	srv := startServer(t, fake.FakeOptions{})
	resp, body := get(t, srv, "repos/octo/hello/pulls")
	if got := pullNumbers(decode[[]*gogithub.PullRequest](t, body)); !slices.Equal(got, []int{6, 4, 1}) {
		t.Errorf("default listing %v, want the open PRs newest first", got)
	}
	if resp.Header.Get("Link") != "" {
		t.Errorf("single page has Link %q", resp.Header.Get("Link"))
	}
	_, body = get(t, srv, "repos/octo/hello/pulls?per_page=1000&state=all")
	if n := len(decode[[]*gogithub.PullRequest](t, body)); n != 7 {
		t.Errorf("per_page=1000 served %d", n)
	}
	resp, _ = get(t, srv, "repos/octo/hello/pulls?state=bogus")
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("state=bogus: status %d, want 422", resp.StatusCode)
	}
}

func TestListPullsStateAndSort(t *testing.T) {
	srv := startServer(t, fake.FakeOptions{})
	for _, tc := range []struct {
		query string
		want  []int
	}{
		{"state=open", []int{6, 4, 1}},
		{"state=closed", []int{7, 5, 3, 2}},
		{"state=all&direction=asc", []int{1, 2, 3, 4, 5, 6, 7}},
		{"state=all&sort=updated", []int{7, 6, 5, 4, 3, 2, 1}}, // asc by default when not sorting by created
		{"state=all&sort=updated&direction=desc", []int{1, 2, 3, 4, 5, 6, 7}},
		{"state=all&sort=updated&direction=asc", []int{7, 6, 5, 4, 3, 2, 1}},
	} {
		_, body := get(t, srv, "repos/octo/hello/pulls?"+tc.query)
		pulls := decode[[]*gogithub.PullRequest](t, body)
		if got := pullNumbers(pulls); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.query, got, tc.want)
		}
		for _, p := range pulls {
			merged := p.GetNumber() == 3 || p.GetNumber() == 7
			if merged != (p.MergedAt != nil) || (merged && p.GetState() != "closed") {
				t.Errorf("%s: PR %d state %q merged_at %v", tc.query, p.GetNumber(), p.GetState(), p.MergedAt)
			}
		}
	}
}

func TestGetPullShape(t *testing.T) {
	srv := startServer(t, fake.FakeOptions{})
	_, body := get(t, srv, "repos/OCTO/Hello/pulls/1")
	p := decode[gogithub.PullRequest](t, body)
	if p.GetNumber() != 1 || p.GetTitle() != "PR 1" || p.GetState() != "open" || !p.GetDraft() || p.GetUser().GetLogin() != "alice" {
		t.Errorf("basic fields wrong: %s", body)
	}
	if p.GetHead().GetRef() != "topic-1" || p.GetBase().GetRef() != "main" || p.GetHead().GetSHA() != strings.Repeat("a", 40) {
		t.Errorf("head/base wrong: %+v %+v", p.GetHead(), p.GetBase())
	}
	if len(p.Labels) != 2 || p.Labels[0].GetName() != "bug" || len(p.Labels[0].GetColor()) != 6 {
		t.Errorf("labels wrong: %+v", p.Labels)
	}
	if p.GetComments() != 3 || p.GetCommits() != 1 || p.GetMerged() || p.GetID() == 0 || p.GetNodeID() == "" {
		t.Errorf("detail counts wrong: comments %d commits %d merged %v", p.GetComments(), p.GetCommits(), p.GetMerged())
	}
	if p.GetHTMLURL() != "https://github.com/octo/hello/pull/1" || p.GetURL() != srv.URL+"repos/octo/hello/pulls/1" {
		t.Errorf("urls: %s %s", p.GetHTMLURL(), p.GetURL())
	}
	if len(p.RequestedReviewers) != 1 || p.RequestedReviewers[0].GetLogin() != "dave" {
		t.Errorf("requested reviewers %+v, want dave", p.RequestedReviewers)
	}
	_, body = get(t, srv, "repos/octo/hello/pulls/3")
	if p := decode[gogithub.PullRequest](t, body); !p.GetMerged() || p.MergedAt == nil || p.GetMergeCommitSHA() == "" {
		t.Errorf("merged PR: %s", body)
	}
}

func TestETagAndNotModified(t *testing.T) {
	srv := startServer(t, fake.FakeOptions{})
	resp, body := get(t, srv, "repos/octo/hello/pulls/2")
	etag := resp.Header.Get("ETag")
	if !regexp.MustCompile(`^"[0-9a-f]{64}"$`).MatchString(etag) {
		t.Fatalf("ETag %q is not a strong quoted hash", etag)
	}
	if got := resp.Header.Get("Cache-Control"); got != "private, max-age=60, s-maxage=60" {
		t.Errorf("Cache-Control %q", got)
	}
	if got := resp.Header.Get("Content-Type"); got != "application/json; charset=utf-8" {
		t.Errorf("Content-Type %q", got)
	}
	remaining := resp.Header.Get("X-RateLimit-Remaining")

	resp, again := get(t, srv, "repos/octo/hello/pulls/2", "If-None-Match", etag)
	if resp.StatusCode != http.StatusNotModified || len(again) != 0 {
		t.Fatalf("conditional GET: status %d, %d body bytes; want 304 and none", resp.StatusCode, len(again))
	}
	if got := resp.Header.Get("X-RateLimit-Remaining"); got != remaining {
		t.Errorf("304 spent rate limit: remaining %s, was %s", got, remaining)
	}
	resp, _ = get(t, srv, "repos/octo/hello/pulls/2", "If-None-Match", `W/`+etag)
	if resp.StatusCode != http.StatusNotModified {
		t.Errorf("weak form of the ETag: status %d, want 304", resp.StatusCode)
	}
	resp, again = get(t, srv, "repos/octo/hello/pulls/2", "If-None-Match", `"stale"`)
	if resp.StatusCode != http.StatusOK || string(again) != string(body) || resp.Header.Get("ETag") != etag {
		t.Errorf("stale ETag: status %d, want 200 with the same body and ETag", resp.StatusCode)
	}
}

func TestRateLimitHeaders(t *testing.T) {
	srv := startServer(t, fake.FakeOptions{RateLimit: 2})
	start := time.Now()
	for i, want := range []string{"1", "0", "0"} {
		resp, _ := get(t, srv, "repos/octo/hello/pulls")
		h := resp.Header
		if h.Get("X-RateLimit-Limit") != "2" || h.Get("X-RateLimit-Remaining") != want || h.Get("X-RateLimit-Resource") != "core" {
			t.Errorf("request %d: limit %s remaining %s resource %s; want 2, %s, core", i,
				h.Get("X-RateLimit-Limit"), h.Get("X-RateLimit-Remaining"), h.Get("X-RateLimit-Resource"), want)
		}
		if used, _ := strconv.Atoi(h.Get("X-RateLimit-Used")); used != 2-mustAtoi(t, want) {
			t.Errorf("request %d: used %d", i, used)
		}
		reset := time.Unix(int64(mustAtoi(t, h.Get("X-RateLimit-Reset"))), 0)
		if d := reset.Sub(start); d < 59*time.Minute || d > 61*time.Minute {
			t.Errorf("reset %v is not an hour away", d)
		}
	}
	resp, body := get(t, srv, "rate_limit")
	if resp.Header.Get("X-RateLimit-Remaining") != "0" {
		t.Errorf("rate_limit headers: remaining %s", resp.Header.Get("X-RateLimit-Remaining"))
	}
	rl := decode[struct {
		Resources gogithub.RateLimits `json:"resources"`
		Rate      gogithub.Rate       `json:"rate"`
	}](t, body)
	if rl.Resources.Core == nil || rl.Resources.Core.Limit != 2 || rl.Resources.Core.Remaining != 0 || rl.Rate.Limit != 2 {
		t.Errorf("rate_limit body: %s", body)
	}
}

func mustAtoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestRateLimitEndpointIsFree(t *testing.T) {
	srv := startServer(t, fake.FakeOptions{})
	for range 3 {
		resp, _ := get(t, srv, "rate_limit")
		if got := resp.Header.Get("X-RateLimit-Remaining"); got != "5000" {
			t.Fatalf("remaining %s after /rate_limit, want 5000", got)
		}
	}
}

func TestNotFound(t *testing.T) {
	srv := startServer(t, fake.FakeOptions{})
	for _, path := range []string{
		"repos/nobody/nothing/pulls",
		"repos/octo/hello/pulls/99",
		"repos/octo/hello/pulls/abc",
		"repos/octo/hello/issues/99/timeline",
		"repos/octo/hello/issues/99/comments",
		"repos/octo/hello/git/commits/" + strings.Repeat("b", 40),
		"repos/octo/hello/commits/" + strings.Repeat("b", 40),
		"repos/fork/hello/pulls/1",
		"users/alice",
		"",
	} {
		resp, body := get(t, srv, path)
		if resp.StatusCode != http.StatusNotFound || string(body) != notFoundBody {
			t.Errorf("%q: status %d body %s", path, resp.StatusCode, body)
		}
		if resp.Header.Get("X-RateLimit-Remaining") == "" {
			t.Errorf("%q: no rate-limit headers on 404", path)
		}
	}
	resp, err := http.Post(srv.URL+"repos/octo/hello/pulls", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("POST: status %d, want 404", resp.StatusCode)
	}
}

func TestRecordsRequests(t *testing.T) {
	srv := startServer(t, fake.FakeOptions{})
	get(t, srv, "repos/octo/hello/pulls?state=all&page=2", "Authorization", "Bearer t0ken")
	get(t, srv, "rate_limit")
	reqs := srv.Requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests recorded, want 2", len(reqs))
	}
	r := reqs[0]
	if r.Method != "GET" || r.Path != "/repos/octo/hello/pulls" || r.Query.Get("page") != "2" || r.Query.Get("state") != "all" ||
		r.Header.Get("Authorization") != "Bearer t0ken" {
		t.Errorf("recorded %+v", r)
	}
	if reqs[1].Path != "/rate_limit" {
		t.Errorf("second request %s", reqs[1].Path)
	}
	reqs[0].Query.Set("page", "9")
	reqs[0].Header.Set("Authorization", "changed")
	if again := srv.Requests()[0]; again.Query.Get("page") != "2" || again.Header.Get("Authorization") != "Bearer t0ken" {
		t.Error("Requests returned shared maps")
	}
	srv.ResetRequests()
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests after reset", n)
	}
}

func TestLatencyIsHonoured(t *testing.T) {
	srv := startServer(t, fake.FakeOptions{MinLatency: 60 * time.Millisecond, MaxLatency: 80 * time.Millisecond})
	start := time.Now()
	get(t, srv, "repos/octo/hello/pulls")
	if d := time.Since(start); d < 60*time.Millisecond {
		t.Errorf("answered in %v, before the minimum latency", d)
	}
}

// A sleeping handler gives up when its client does and does not hold up
// Close. Checked by cause, not by a clock: the cancelled request fails with
// its deadline, and Close leaves both sleeping requests unanswered (a
// handler that slept on would answer them once its hour of latency ended).
func TestLatencyEndsWhenCancelled(t *testing.T) {
	srv := startServer(t, fake.FakeOptions{MinLatency: time.Hour, MaxLatency: time.Hour})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"rate_limit", nil)
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		resp.Body.Close()
		t.Fatal("request during an hour of latency succeeded")
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("request ended with %v, want its context's deadline", err)
	}
	go func() {
		resp, err := http.Get(srv.URL + "rate_limit")
		if err == nil {
			resp.Body.Close()
		}
	}()
	waitFor(t, func() bool { return len(srv.Requests()) == 2 })
	closed := make(chan error, 1)
	go func() { closed <- srv.Close() }()
	select {
	case err := <-closed:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(hangGuard):
		t.Fatalf("Close still waiting after %v: held up by a sleeping handler", hangGuard)
	}
	for i, r := range srv.Requests() {
		if r.Status != 0 {
			t.Errorf("request %d answered %d: its handler slept through Close", i, r.Status)
		}
	}
}

// hangGuard stops a test whose code hangs, with a message saying where,
// sooner than go test's 10-minute timeout. It only catches a hang; it never
// measures speed (benchmarks do), so it is far longer than anything takes
// on a loaded machine.
const hangGuard = 60 * time.Second

// waitFor polls cond until it holds; the bound only catches a hang.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(hangGuard)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("condition not met in %v", hangGuard)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestConcurrentClients(t *testing.T) {
	srv := startServer(t, fake.FakeOptions{MaxLatency: 2 * time.Millisecond})
	const workers, each = 8, 10
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				path := []string{"repos/octo/hello/pulls?state=all", "repos/octo/hello/issues/1/timeline", "repos/octo/hello/pulls/" + strconv.Itoa(w%7+1)}[i%3]
				resp, err := http.Get(srv.URL + path)
				if err != nil {
					t.Error(err)
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				srv.Requests()
			}
		})
	}
	wg.Wait()
	resp, _ := get(t, srv, "rate_limit")
	if got := resp.Header.Get("X-RateLimit-Used"); got != strconv.Itoa(workers*each) {
		t.Errorf("used %s, want %d", got, workers*each)
	}
	if n := len(srv.Requests()); n != workers*each+1 {
		t.Errorf("%d requests recorded", n)
	}
}

func TestCloseLeavesNoGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	srv, err := fake.NewFakeServer(testDataset(), fake.FakeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Transport: &http.Transport{}}
	for range 3 {
		resp, err := client.Get(srv.URL + "repos/octo/hello/pulls")
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	if err := srv.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	client.CloseIdleConnections()
	waitFor(t, func() bool { return runtime.NumGoroutine() <= before })
}
