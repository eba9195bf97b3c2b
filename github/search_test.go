package github_test

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/prscope/prscope/github/fake"

	"github.com/prscope/prscope/github"
	"github.com/prscope/prscope/model"
)

var acmeSearch = model.Repo{Owner: "acme", Name: "search"}

func TestBuildSearchQuery(t *testing.T) {
	for _, tt := range []struct{ in, want, err string }{
		{in: "", want: "is:pr repo:acme/search"},
		{in: "  label:bpf author:alice ", want: "is:pr repo:acme/search label:bpf author:alice"},
		{in: "is:pr verifier", want: "repo:acme/search is:pr verifier"},
		{in: "type:pr verifier", want: "repo:acme/search type:pr verifier"},
		{in: "repo:ACME/Search is:open", want: "is:pr repo:ACME/Search is:open"},
		{in: "is:pr repo:acme/search", want: "is:pr repo:acme/search"},
		{in: `"repo:other/x" in body`, err: "names repo:other/x"}, // quoted or not: refused, to be safe
		{in: "-repo:other/x verifier", want: "is:pr repo:acme/search -repo:other/x verifier"},
		{in: "repo:other/x verifier", err: "names repo:other/x, but this searches acme/search"},
		{in: "is:issue", err: "drop is:issue"},
		{in: "is:pr\nlabel:x", want: "repo:acme/search is:pr label:x"},
	} {
		got, err := github.BuildSearchQuery(acmeSearch, tt.in)
		switch {
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("BuildSearchQuery(%q) = %q, %v; want an error with %q", tt.in, got, err, tt.err)
		case tt.err == "" && (err != nil || got != tt.want):
			t.Errorf("BuildSearchQuery(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
		var usage *model.UsageError
		if err != nil && !errors.As(err, &usage) {
			t.Errorf("BuildSearchQuery(%q) error %T, want *model.UsageError", tt.in, err)
		}
	}
}

func TestClientSearchPulls(t *testing.T) {
	srv := startFakeFor(t, searchDataset(), fake.FakeOptions{})
	c := clientFor(t, srv.URL, "")
	ctx := context.Background()
	prs, info, err := c.SearchPulls(ctx, acmeSearch, "label:bpf sort:created-asc", 1, 2)
	if err != nil {
		t.Fatal(err)
	}
	if got := prNumbers(prs); !slices.Equal(got, []int{1, 2}) || info.Total != 3 || info.Next != 2 || info.Incomplete {
		t.Fatalf("page 1 = %v %+v; want [1 2], total 3, next 2", got, info)
	}
	reqs := recordedTo(srv, "/search/issues")
	if q := reqs[0].Query.Get("q"); q != "is:pr repo:acme/search label:bpf sort:created-asc" {
		t.Errorf("q sent = %q", q)
	}
	merged := prs[1]
	if merged.State != model.StateMerged || merged.MergedAt == nil || merged.ClosedAt == nil || merged.User != "bob" ||
		len(merged.Labels) != 2 || merged.Labels[0].Name != "net" || merged.Head != "" || merged.Base != "" || merged.Detailed ||
		!strings.HasSuffix(merged.HTMLURL, "/acme/search/pull/2") {
		t.Errorf("merged PR converted to %+v", merged)
	}
	prs, info, err = c.SearchPulls(ctx, acmeSearch, "label:bpf sort:created-asc", 2, 2)
	if err != nil || !slices.Equal(prNumbers(prs), []int{4}) || info.Next != 0 || info.Total != 3 {
		t.Errorf("page 2 = %v %+v %v; want [4], the last page", prNumbers(prs), info, err)
	}
	if !prs[0].Draft || prs[0].State != model.StateOpen {
		t.Errorf("draft PR converted to %+v", prs[0])
	}
	// A query for another repository is refused before anything is sent.
	n := len(srv.Requests())
	if _, _, err := c.SearchPulls(ctx, acmeSearch, "repo:acme/other", 1, 10); err == nil || len(srv.Requests()) != n {
		t.Errorf("another repo: err %v, %d requests sent; want a refusal, none sent", err, len(srv.Requests())-n)
	}
}

func TestClientSearchHostileText(t *testing.T) {
	ds := searchDataset()
	ds.Repos["acme/search"].Pull(1).Title = "evil \x1b]52;c;ZXZpbA==\x07 title"
	ds.Repos["acme/search"].Pull(1).Body = "clear\x1b[2Jscreen"
	srv := startFakeFor(t, ds, fake.FakeOptions{})
	prs, _, err := clientFor(t, srv.URL, "").SearchPulls(context.Background(), acmeSearch, "is:open sort:created-asc", 1, 10)
	if err != nil || len(prs) == 0 {
		t.Fatal(prs, err)
	}
	if strings.ContainsRune(prs[0].Title, 0x1b) || strings.ContainsRune(prs[0].Body, 0x1b) || strings.ContainsRune(prs[0].Title, 0x07) {
		t.Errorf("unsanitized: %q %q", prs[0].Title, prs[0].Body)
	}
}

func TestClientSearchIncompleteAndErrors(t *testing.T) {
	srv := startFakeFor(t, searchDataset(), fake.FakeOptions{SearchIncomplete: true})
	c := clientFor(t, srv.URL, "")
	_, info, err := c.SearchPulls(context.Background(), acmeSearch, "", 1, 10)
	if err != nil || !info.Incomplete || info.Total != 5 {
		t.Errorf("incomplete search: %+v %v", info, err)
	}
	// GitHub's 422 reaches the user with its message.
	_, _, err = c.SearchPulls(context.Background(), model.Repo{Owner: "nobody", Name: "none"}, "x", 1, 10)
	e := asAPIError(t, err, http.StatusUnprocessableEntity)
	if !strings.Contains(e.Error(), "cannot be searched") || !strings.Contains(e.Error(), "nobody/none search") {
		t.Errorf("422 as %q", e.Error())
	}
}

func TestClientSearchStopsAt1000(t *testing.T) {
	ds := &fake.Dataset{}
	repo := ds.EnsureRepo("big/repo")
	for n := 1; n <= 1200; n++ {
		repo.Pulls = append(repo.Pulls, &fake.FakePull{Number: n, Title: "PR " + strconv.Itoa(n), State: "open", User: "u", CreatedAt: at(n), UpdatedAt: at(n)})
	}
	srv := startFakeFor(t, ds, fake.FakeOptions{SearchRateLimit: 1000})
	c := clientFor(t, srv.URL, "")
	big := model.Repo{Owner: "big", Name: "repo"}
	prs, info, err := github.FetchSearch(context.Background(), c, big, "", 5000)
	if err != nil || len(prs) != 1000 || info.Total != 1200 {
		t.Fatalf("FetchSearch = %d PRs, %+v, %v; want the first 1000 of 1200", len(prs), info, err)
	}
	if n := len(recordedTo(srv, "/search/issues")); n != 10 {
		t.Errorf("%d search requests, want 10 pages of 100", n)
	}
	srv.ResetRequests()
	prs, info, err = c.SearchPulls(context.Background(), big, "", 11, 100)
	if err != nil || len(prs) != 0 || info.Next != 0 || len(srv.Requests()) != 0 {
		t.Errorf("page 11 = %d PRs %+v %v, %d requests; want nothing, not asked", len(prs), info, err, len(srv.Requests()))
	}
	prs, _, err = github.FetchSearch(context.Background(), c, big, "", 7)
	if err != nil || len(prs) != 7 || prs[0].Number != 1200 {
		t.Errorf("FetchSearch limit 7 = %v, %v", prNumbers(prs), err)
	}
}

// A spent search budget refuses searches without sending them, while the
// list goes on; RateLimit stays the core figures.
func TestClientSearchRateLimitIsItsOwn(t *testing.T) {
	srv := startFakeFor(t, searchDataset(), fake.FakeOptions{SearchRateLimit: 2})
	c := clientFor(t, srv.URL, "")
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		if _, _, err := c.SearchPulls(ctx, acmeSearch, "x"+strconv.Itoa(i), 1, 10); err != nil {
			t.Fatal(err)
		}
	}
	n := len(recordedTo(srv, "/search/issues"))
	_, _, err := c.SearchPulls(ctx, acmeSearch, "another", 1, 10)
	e := asAPIError(t, err, http.StatusForbidden)
	if !strings.Contains(e.Error(), "request not sent") || len(recordedTo(srv, "/search/issues")) != n {
		t.Errorf("third search: %q, %d sent; want refused by the guard, none sent", e.Error(), len(recordedTo(srv, "/search/issues"))-n)
	}
	if strings.Contains(e.Error(), "GH_TOKEN") {
		t.Errorf("search limit error %q suggests a token: the search budget is not the 60/h one", e.Error())
	}
	if _, _, err := c.ListPulls(ctx, acmeSearch, "all", 1, 10); err != nil {
		t.Errorf("list while search is spent: %v", err)
	}
	if rl := c.RateLimit(); rl.Limit != 5000 || rl.Remaining != 4999 {
		t.Errorf("RateLimit = %+v, want the core figures (5000, 4999 left)", rl)
	}
}
