package github_test

import (
	"context"
	"strings"
	"testing"

	"github.com/prscope/prscope/github"
	"github.com/prscope/prscope/github/fake"
	"github.com/prscope/prscope/model"
)

// TestRenamedRepositoryIsFollowedOnce: acme/old was renamed acme/new.
// The first request is redirected (301 to /repositories/{id}/…) and the
// new name looked up once; every later request goes to the new name, with
// no redirect.
func TestRenamedRepositoryIsFollowedOnce(t *testing.T) {
	ds := &fake.Dataset{}
	repo := ds.EnsureRepo("acme/new")
	repo.FormerNames = []string{"acme/old"}
	repo.Pulls = append(repo.Pulls, &fake.FakePull{Number: 1, Title: "one", State: "open", User: "a", Head: "h", Base: "main"})
	srv := startFakeFor(t, ds, fake.FakeOptions{})
	c := clientFor(t, srv.URL, "")
	old := model.Repo{Owner: "acme", Name: "old"}
	for range 3 {
		pr, err := c.GetPull(context.Background(), old, 1)
		if err != nil || pr.Title != "one" {
			t.Fatalf("GetPull through the rename: %+v, %v", pr, err)
		}
	}
	if got := c.Renames(); len(got) != 1 || got[0] != (github.Rename{From: "acme/old", To: "acme/new"}) {
		t.Errorf("Renames = %+v", got)
	}
	var moved, lookups, direct int
	for _, r := range srv.Requests() {
		switch {
		case strings.HasPrefix(r.Path, "/repos/acme/old/"):
			moved++
		case r.Path == "/repositories/"+strings.Split(strings.TrimPrefix(r.Path, "/repositories/"), "/")[0] && !strings.Contains(strings.TrimPrefix(r.Path, "/repositories/"), "/"):
			lookups++
		case strings.HasPrefix(r.Path, "/repos/acme/new/"):
			direct++
		}
	}
	if moved != 1 || lookups != 1 || direct != 2 {
		t.Errorf("requests: %d to the old name, %d lookups, %d to the new name; want 1, 1, 2\n%+v", moved, lookups, direct, srv.Requests())
	}
}
