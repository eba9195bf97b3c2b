package main

import (
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prscope/prscope/github/fake"
)

// A secondary limit met on the checks endpoint (429, Retry-After 1) costs
// only what met it: the requests dump makes after it wait for the backoff
// to end and are sent, none is refused locally and lost.
func TestDumpWaitsOutASecondaryLimit(t *testing.T) {
	clean := reviewedServer(t)
	runOK(t, nil, "dump", "--api-url", clean.URL, "acme/widgets#1")
	var want []string
	for _, r := range clean.Requests() {
		if !checksPath(r.Path) {
			want = append(want, r.Path)
		}
	}

	if !slices.ContainsFunc(want, func(p string) bool { return strings.HasSuffix(p, "/pulls/1/comments") }) {
		t.Fatalf("a clean dump asks no review comments: the test proves nothing (%q)", want)
	}

	srv := reviewedServer(t)
	var once sync.Once
	srv.SetFaults(func(r *http.Request) *fake.Fault {
		var f *fake.Fault
		if strings.Contains(r.URL.Path, "/check-runs") {
			once.Do(func() { f = fake.FaultSecondary429(time.Second) })
		}
		return f
	})
	code, _, stderr := runCLI(t, nil, "dump", "--api-url", srv.URL, "acme/widgets#1")
	if code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if strings.Contains(stderr, "not sent") {
		t.Errorf("a request was refused locally: %q", stderr)
	}
	var limited int
	var served []string
	for _, r := range srv.Requests() {
		switch {
		case r.Status == http.StatusTooManyRequests:
			limited++
		case r.Status == http.StatusOK && !checksPath(r.Path):
			served = append(served, r.Path)
		}
	}
	slices.Sort(want)
	slices.Sort(served)
	if limited != 1 || !slices.Equal(served, want) {
		t.Errorf("%d limited; served %q\nwant every request of a clean dump but the checks part: %q", limited, served, want)
	}
}

// checksPath: the checks part (check runs, then statuses), which the limit
// met on its first request ends.
func checksPath(p string) bool {
	return strings.Contains(p, "/check-runs") || strings.HasSuffix(p, "/status")
}

// reviewedServer serves acme/widgets#1: a commit, a review with a comment
// on a line (so dump asks for review comments, after the checks).
func reviewedServer(t *testing.T) *fake.FakeServer {
	t.Helper()
	t0 := time.Date(2024, 2, 1, 10, 0, 0, 0, time.UTC)
	ds := &fake.Dataset{}
	repo := ds.EnsureRepo("acme/widgets")
	sha := strings.Repeat("ef", 20)
	repo.AddCommit(&fake.FakeCommit{SHA: sha, Message: "frob", AuthorName: "Alice", Date: t0})
	repo.Pulls = append(repo.Pulls, &fake.FakePull{Number: 1, Title: "Frob", State: "open", User: "alice",
		Head: "h", Base: "main", CreatedAt: t0, UpdatedAt: t0,
		Timeline: []fake.FakeEvent{
			{Event: "committed", Actor: "Alice", SHA: sha, Message: "frob", CreatedAt: t0},
			{Event: "reviewed", Actor: "bob", State: "commented", Body: "see the nit", CreatedAt: t0.Add(time.Hour)},
		},
		ReviewComments: []fake.FakeReviewComment{{Review: 1, Path: "a.go", Line: 3, OrigLine: 3, DiffHunk: "@@ -1 +1 @@", Body: "nit"}},
	})
	srv, err := fake.NewFakeServer(ds, fake.FakeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv
}
