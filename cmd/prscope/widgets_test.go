package main

import (
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/github/fake"
)

// widgetsServer serves acme/widgets#3 (merged, labelled, with a comment, a
// commit of its own and a reference from a fork) on 127.0.0.1.
func widgetsServer(t *testing.T) *fake.FakeServer {
	t.Helper()
	return widgetsServerWith(t, nil)
}

// widgetsServerWith is widgetsServer with change applied to its data first.
func widgetsServerWith(t *testing.T, change func(*fake.Dataset)) *fake.FakeServer {
	t.Helper()
	t0 := time.Date(2024, 2, 1, 10, 0, 0, 0, time.UTC)
	closed := t0.Add(48 * time.Hour)
	ds := &fake.Dataset{}
	repo := ds.EnsureRepo("acme/widgets")
	forkSHA := strings.Repeat("ab", 20)
	ownSHA := strings.Repeat("cd", 20)
	ds.EnsureRepo("someone/widgets").AddCommit(&fake.FakeCommit{SHA: forkSHA, Message: "widgets: frob\n\nFixes acme/widgets#3", AuthorName: "Someone", Date: t0})
	repo.AddCommit(&fake.FakeCommit{SHA: ownSHA, Message: "frob the widget", AuthorName: "Alice", Date: t0})
	for n := 1; n <= 4; n++ {
		repo.Pulls = append(repo.Pulls, &fake.FakePull{Number: n, Title: "Widget " + string(rune('0'+n)), State: "open",
			User: "alice", Head: "h", Base: "main", CreatedAt: t0.Add(time.Duration(n) * time.Minute), UpdatedAt: t0})
	}
	pr := repo.Pull(3)
	pr.Title, pr.Body, pr.Labels = "Frob the widget", "Frobs.\n\nFixes #2.", []string{"enhancement"}
	pr.State, pr.ClosedAt, pr.MergedAt = "closed", &closed, &closed
	pr.Timeline = []fake.FakeEvent{
		{Event: "committed", Actor: "Alice", SHA: ownSHA, Message: "frob the widget", CreatedAt: t0},
		{Event: "commented", Actor: "bob", Body: "nice", CreatedAt: t0.Add(time.Hour)},
		{Event: "referenced", Actor: "someone", SHA: forkSHA, CommitRepo: "someone/widgets", CreatedAt: t0.Add(2 * time.Hour)},
		{Event: "merged", Actor: "alice", CreatedAt: closed},
		{Event: "closed", Actor: "alice", CreatedAt: closed},
	}
	if change != nil {
		change(ds)
	}
	srv, err := fake.NewFakeServer(ds, fake.FakeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv
}
