package github_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/prscope/prscope/github/fake"

	"github.com/prscope/prscope/github"
	"github.com/prscope/prscope/model"
)

func TestDemoChecks(t *testing.T) {
	ds, err := fake.DemoDataset()
	if err != nil {
		t.Fatal(err)
	}
	srv := startFakeFor(t, ds, fake.FakeOptions{})
	c := clientFor(t, srv.URL, "")
	ctx := context.Background()
	bpf := model.Repo{Owner: "kernel-patches", Name: "bpf"}
	summary := func(n int) model.Checks {
		t.Helper()
		pr, err := c.GetPull(ctx, bpf, n)
		if err != nil {
			t.Fatal(err)
		}
		runs, statuses, err := github.FetchChecks(ctx, c, bpf, pr.HeadSHA, github.MaxCheckRunPages)
		if err != nil {
			t.Fatalf("#%d: %v", n, err)
		}
		return model.SummarizeChecks(runs, statuses)
	}
	if got := summary(fake.SyntheticChecksFailingPR); got.Failed != 2 || got.Running != 1 || got.Passed < 5 || got.State != model.VerdictFailed {
		t.Errorf("#%d: %s (%s), want 2 failed, 1 running, passing ones", fake.SyntheticChecksFailingPR, got.Summary(), got.State)
	}
	srv.ResetRequests()
	if got := summary(fake.SyntheticManyChecksPR); len(got.Items) != 120 {
		t.Errorf("#%d: %d checks, want 120", fake.SyntheticManyChecksPR, len(got.Items))
	}
	if n := len(recordedTo(srv, "/repos/kernel-patches/bpf/commits/"+mustHead(t, c, bpf, fake.SyntheticManyChecksPR)+"/check-runs")); n != 2 {
		t.Errorf("#%d took %d check-run pages, want 2", fake.SyntheticManyChecksPR, n)
	}
	if got := summary(fake.SyntheticNoChecksPR); len(got.Items) != 0 {
		t.Errorf("#%d: %s, want no checks", fake.SyntheticNoChecksPR, got.Summary())
	}
	// The real #11: its page shows no CI, so it has none; its head commit
	// is known, so GitHub's answer is empty lists, not 404/422.
	srv.ResetRequests()
	if got := summary(11); len(got.Items) != 0 {
		t.Errorf("#11: %s, want no checks (the seed page shows none)", got.Summary())
	}
	for _, r := range srv.Requests() {
		if r.Status != 200 {
			t.Errorf("#11: %s answered %d, want 200", r.Path, r.Status)
		}
	}
	// Most PRs ran CI, and it mostly passed.
	with, passing := 0, 0
	for n := 20; n < 80; n++ {
		s := summary(n)
		if len(s.Items) > 0 {
			with++
		}
		if s.State == model.VerdictPassed {
			passing++
		}
	}
	if with < 40 || passing < 25 || passing == with {
		t.Errorf("of 60 PRs, %d have checks and %d pass; want most with checks, most of them passing, not all", with, passing)
	}
}

func mustHead(t *testing.T, c *github.Client, repo model.Repo, n int) string {
	t.Helper()
	pr, err := c.GetPull(context.Background(), repo, n)
	if err != nil {
		t.Fatal(err)
	}
	return pr.HeadSHA
}

// CI comes from its own random stream: the PRs themselves are as they were
// without it.
func TestSyntheticChecksAreDeterministic(t *testing.T) {
	a, b := &fake.Dataset{}, &fake.Dataset{}
	opts := fake.SyntheticOptions{Repo: "o/r", First: 1, Last: 30, Seed: 7}
	a.AddSynthetic(opts)
	b.AddSynthetic(opts)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same options, different data")
	}
	repo := a.Repo("o/r")
	for _, p := range repo.Pulls {
		if p.HeadSHA == "" || repo.Commits[p.HeadSHA] == nil {
			t.Errorf("#%d head %q is not a commit of the repository", p.Number, p.HeadSHA)
		}
	}
}
