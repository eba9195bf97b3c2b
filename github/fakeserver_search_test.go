package github_test

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/prscope/prscope/github/fake"
)

// searchDataset: acme/search (a repository named "search", which must stay
// a core request) has five PRs chosen to tell the qualifiers apart;
// acme/other has one.
func searchDataset() *fake.Dataset {
	ds := &fake.Dataset{}
	repo := ds.EnsureRepo("acme/search")
	add := func(n int, title, body, user string, labels []string, state string) *fake.FakePull {
		p := &fake.FakePull{Number: n, Title: title, Body: body, User: user, Labels: labels, State: "open",
			Head: "topic", Base: "main", CreatedAt: at(n), UpdatedAt: at(100 - n)}
		if state != "open" {
			p.State, p.ClosedAt = "closed", timePtr(at(50))
		}
		if state == "merged" {
			p.MergedAt = p.ClosedAt
		}
		repo.Pulls = append(repo.Pulls, p)
		return p
	}
	add(1, "bpf: fix verifier leak", "Fixes a leak in the verifier.", "alice", []string{"bpf"}, "open")
	add(2, "net: Speed up sockets", "Makes bpf sockmap faster", "bob", []string{"net", "bpf"}, "merged")
	add(3, "docs: typo", "", "dependabot[bot]", nil, "closed")
	add(4, "bpf: draft of verifier rework", "WIP", "alice", []string{"bpf", "good first issue"}, "open").Draft = true
	add(5, "Widget", "see milestone:v1 notes", "carol", nil, "open").Timeline = []fake.FakeEvent{
		{Event: "commented", Actor: "dave", Body: "the Verifier complains", CreatedAt: at(6)},
	}
	other := ds.EnsureRepo("acme/other")
	other.Pulls = append(other.Pulls, &fake.FakePull{Number: 9, Title: "other verifier", State: "open", User: "alice", CreatedAt: at(9), UpdatedAt: at(9)})
	return ds
}

type searchAnswer struct {
	TotalCount        int              `json:"total_count"`
	IncompleteResults bool             `json:"incomplete_results"`
	Items             []map[string]any `json:"items"`
}

func searchPath(q string, extra ...string) string {
	v := url.Values{"q": {q}}
	for i := 0; i+1 < len(extra); i += 2 {
		v.Set(extra[i], extra[i+1])
	}
	return "search/issues?" + v.Encode()
}

func itemNumbers(items []map[string]any) []int {
	out := []int{}
	for _, it := range items {
		out = append(out, int(it["number"].(float64)))
	}
	return out
}

func TestFakeSearchSemantics(t *testing.T) {
	srv := startFakeFor(t, searchDataset(), fake.FakeOptions{SearchRateLimit: 1000})
	const r = "is:pr repo:acme/search "
	for _, tt := range []struct {
		q     string
		extra []string
		want  []int
	}{
		{q: r, want: []int{5, 4, 3, 2, 1}}, // best match: all alike, newest first
		{q: "repo:ACME/Search", want: []int{5, 4, 3, 2, 1}},
		{q: r + "is:open", want: []int{5, 4, 1}},
		{q: r + "state:open", want: []int{5, 4, 1}},
		{q: r + "is:closed", want: []int{3, 2}},
		{q: r + "state:closed", want: []int{3, 2}},
		{q: r + "is:merged", want: []int{2}},
		{q: r + "is:unmerged", want: []int{5, 4, 3, 1}},
		{q: r + "-is:merged is:closed", want: []int{3}},
		{q: r + "is:draft", want: []int{4}},
		{q: r + "draft:false", want: []int{5, 3, 2, 1}},
		{q: r + "author:alice", want: []int{4, 1}},
		{q: r + "author:ALICE", want: []int{4, 1}},
		{q: r + "author:app/dependabot", want: []int{3}},
		{q: r + "label:bpf", want: []int{4, 2, 1}},
		{q: r + "label:BPF label:net", want: []int{2}},
		{q: r + `label:"good first issue"`, want: []int{4}},
		{q: r + `label:net,"good first issue"`, want: []int{4, 2}},
		{q: r + "-label:bpf", want: []int{5, 3}},
		{q: r + "no:label", want: []int{5, 3}},
		{q: r + "is:issue", want: []int{}},
		{q: r + "type:pr is:open author:alice", want: []int{4, 1}},
		// Words: all must match, in title or body, any case; title counts double.
		{q: r + "verifier", want: []int{1, 4}},
		{q: r + "VERIFIER in:body", want: []int{1}},
		{q: r + "verifier in:title", want: []int{4, 1}},
		{q: r + "verifier in:comments", want: []int{5}},
		{q: r + "bpf sockmap", want: []int{2}},
		{q: r + "verifier AND leak", want: []int{1}},
		{q: r + `"speed up"`, want: []int{2}},
		{q: r + `"up speed"`, want: []int{}},
		{q: r + "-verifier", want: []int{5, 3, 2}},
		{q: r + "verifier -is:draft", want: []int{1}},
		// An unknown qualifier is text, as on GitHub.
		{q: r + "milestone:v1", want: []int{5}},
		{q: r + "frobnicate:yes", want: []int{}},
		// Sorting: the sort: qualifier, else the parameters.
		{q: r + "sort:created-asc", want: []int{1, 2, 3, 4, 5}},
		{q: r + "sort:updated", want: []int{1, 2, 3, 4, 5}},
		{q: r + "sort:comments", want: []int{5, 4, 3, 2, 1}},
		{q: r, extra: []string{"sort", "created"}, want: []int{5, 4, 3, 2, 1}},
		{q: r, extra: []string{"sort", "created", "order", "asc"}, want: []int{1, 2, 3, 4, 5}},
		{q: r + "sort:created-asc", extra: []string{"sort", "updated"}, want: []int{1, 2, 3, 4, 5}},
		// Two repositories.
		{q: "repo:acme/search repo:acme/other verifier in:title", want: []int{9, 4, 1}},
	} {
		resp, body := get(t, srv, searchPath(tt.q, tt.extra...))
		if resp.StatusCode != 200 {
			t.Errorf("q=%q: %d %s", tt.q, resp.StatusCode, body)
			continue
		}
		ans := decode[searchAnswer](t, body)
		if got := itemNumbers(ans.Items); !slices.Equal(got, tt.want) || ans.TotalCount != len(tt.want) {
			t.Errorf("q=%q %v: got %v (total_count %d), want %v", tt.q, tt.extra, got, ans.TotalCount, tt.want)
		}
	}
}

func TestFakeSearchValidation(t *testing.T) {
	srv := startFakeFor(t, searchDataset(), fake.FakeOptions{SearchRateLimit: 1000})
	for _, tt := range []struct {
		name, path, want string
	}{
		{"blank q", searchPath("  "), `"code":"missing"`},
		{"no q", "search/issues", `"code":"missing"`},
		{"no repo:", searchPath("is:pr verifier"), "repo:OWNER/NAME"},
		{"unknown repo", searchPath("is:pr repo:nobody/none"), "cannot be searched either because the resources do not exist"},
		{"too long", searchPath("repo:acme/search " + strings.Repeat("x", 250)), "longer than 256 characters"},
		{"past 1000", searchPath("repo:acme/search", "page", "11", "per_page", "100"), "Only the first 1000 search results are available"},
	} {
		resp, body := get(t, srv, tt.path)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), tt.want) {
			t.Errorf("%s: %d %s; want 422 with %q", tt.name, resp.StatusCode, body, tt.want)
		}
		if resp.Header.Get("X-RateLimit-Resource") != "search" {
			t.Errorf("%s: X-RateLimit-Resource = %q, want search", tt.name, resp.Header.Get("X-RateLimit-Resource"))
		}
	}
}

func TestFakeSearchItemShape(t *testing.T) {
	srv := startFakeFor(t, searchDataset(), fake.FakeOptions{SearchIncomplete: true})
	_, body := get(t, srv, searchPath("repo:acme/search is:merged"))
	ans := decode[searchAnswer](t, body)
	if !ans.IncompleteResults || len(ans.Items) != 1 {
		t.Fatalf("answer %s: want one item, incomplete_results true", body)
	}
	it := ans.Items[0]
	for _, k := range []string{"url", "repository_url", "html_url", "id", "node_id", "number", "title", "user", "labels", "state",
		"comments", "created_at", "updated_at", "closed_at", "pull_request", "body", "score", "author_association", "draft"} {
		if _, ok := it[k]; !ok {
			t.Errorf("item lacks %q: %v", k, it)
		}
	}
	if _, ok := it["head"]; ok {
		t.Errorf("item has head: search results are issue-shaped")
	}
	pr := it["pull_request"].(map[string]any)
	if pr["merged_at"] != "2023-05-03T11:00:00Z" || !strings.HasSuffix(pr["html_url"].(string), "acme/search/pull/2") {
		t.Errorf("pull_request = %v", pr)
	}
	if it["state"] != "closed" || it["score"].(float64) < 1 || !strings.HasSuffix(it["repository_url"].(string), "repos/acme/search") {
		t.Errorf("item = %v", it)
	}
}

func TestFakeSearchPagesAndCapsAt1000(t *testing.T) {
	ds := &fake.Dataset{}
	repo := ds.EnsureRepo("big/repo")
	for n := 1; n <= 1050; n++ {
		repo.Pulls = append(repo.Pulls, &fake.FakePull{Number: n, Title: "PR " + strconv.Itoa(n), State: "open", User: "u", CreatedAt: at(n), UpdatedAt: at(n)})
	}
	srv := startFakeFor(t, ds, fake.FakeOptions{SearchRateLimit: 1000})
	resp, body := get(t, srv, searchPath("repo:big/repo is:pr", "per_page", "100"))
	ans := decode[searchAnswer](t, body)
	l := links(t, resp.Header.Get("Link"))
	if ans.TotalCount != 1050 || len(ans.Items) != 100 || l["next"].Query().Get("page") != "2" || l["last"].Query().Get("page") != "10" {
		t.Fatalf("page 1: total %d, %d items, Link %s; want 1050, 100, next 2, last 10 (the first 1000 only)", ans.TotalCount, len(ans.Items), resp.Header.Get("Link"))
	}
	if q := l["next"].Query().Get("q"); q != "repo:big/repo is:pr" {
		t.Errorf("next link's q = %q: the query must carry over", q)
	}
	resp, body = get(t, srv, searchPath("repo:big/repo is:pr", "per_page", "100", "page", "10"))
	ans = decode[searchAnswer](t, body)
	l = links(t, resp.Header.Get("Link"))
	if len(ans.Items) != 100 || l["next"] != nil || itemNumbers(ans.Items)[99] != 51 {
		t.Errorf("page 10: %d items, Link %s; want the last 100 of the first 1000, no next", len(ans.Items), resp.Header.Get("Link"))
	}
	resp, _ = get(t, srv, searchPath("repo:big/repo is:pr", "per_page", "100", "page", "11"))
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("page 11: %d, want 422", resp.StatusCode)
	}
}

func TestFakeSearchETagAndOwnRateLimit(t *testing.T) {
	srv := startFakeFor(t, searchDataset(), fake.FakeOptions{SearchRateLimit: 3})
	path := searchPath("repo:acme/search is:open")
	resp, _ := get(t, srv, path)
	h := resp.Header
	if h.Get("X-RateLimit-Resource") != "search" || h.Get("X-RateLimit-Limit") != "3" || h.Get("X-RateLimit-Remaining") != "2" || h.Get("ETag") == "" {
		t.Fatalf("first search: resource %q limit %q remaining %q etag %q; want search 3 2 and an ETag",
			h.Get("X-RateLimit-Resource"), h.Get("X-RateLimit-Limit"), h.Get("X-RateLimit-Remaining"), h.Get("ETag"))
	}
	resp, _ = get(t, srv, path, "If-None-Match", h.Get("ETag"))
	if resp.StatusCode != http.StatusNotModified || resp.Header.Get("X-RateLimit-Remaining") != "2" {
		t.Errorf("conditional search: %d, remaining %q; want a free 304", resp.StatusCode, resp.Header.Get("X-RateLimit-Remaining"))
	}
	// Core requests spend core, not search.
	resp, _ = get(t, srv, "repos/acme/search/pulls")
	if resp.Header.Get("X-RateLimit-Resource") != "core" || resp.Header.Get("X-RateLimit-Limit") != "5000" {
		t.Errorf("core request: resource %q limit %q", resp.Header.Get("X-RateLimit-Resource"), resp.Header.Get("X-RateLimit-Limit"))
	}
	get(t, srv, searchPath("repo:acme/search"))
	get(t, srv, searchPath("repo:acme/search is:closed"))
	resp, body := get(t, srv, searchPath("repo:acme/search is:merged"))
	if resp.StatusCode != http.StatusForbidden || resp.Header.Get("X-RateLimit-Remaining") != "0" || !strings.Contains(string(body), "API rate limit exceeded") {
		t.Errorf("fourth search of 3: %d remaining %q %s; want 403 rate limit exceeded", resp.StatusCode, resp.Header.Get("X-RateLimit-Remaining"), body)
	}
	if resp, _ := get(t, srv, "repos/acme/search/pulls/1"); resp.StatusCode != 200 {
		t.Errorf("core request while search is spent: %d", resp.StatusCode)
	}
	_, body = get(t, srv, "rate_limit")
	rl := decode[struct {
		Resources map[string]struct{ Limit, Used, Remaining int } `json:"resources"`
	}](t, body)
	if s := rl.Resources["search"]; s.Limit != 3 || s.Used != 3 || s.Remaining != 0 {
		t.Errorf("rate_limit search = %+v, want 3 used of 3", s)
	}
}
