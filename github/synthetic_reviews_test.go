package github_test

import (
	"context"
	"testing"

	"github.com/prscope/prscope/github/fake"

	"github.com/prscope/prscope/github"
	"github.com/prscope/prscope/model"
)

func TestSyntheticAllEventsPRHasReviewThreads(t *testing.T) {
	ds, err := fake.DemoDataset()
	if err != nil {
		t.Fatal(err)
	}
	srv := startFakeFor(t, ds, fake.FakeOptions{})
	c := clientFor(t, srv.URL, "")
	repo := model.Repo{Owner: "kernel-patches", Name: "bpf"}
	reviews, comments, err := github.FetchReviews(context.Background(), c, repo, fake.SyntheticAllEventsPR)
	if err != nil {
		t.Fatal(err)
	}
	if got := model.TallyReviews(reviews); got.Approved+got.ChangesRequested == 0 {
		t.Errorf("reviews %+v: no verdicts", reviews)
	}
	files, outdated, replies := map[string]bool{}, 0, 0
	for _, c := range comments {
		files[c.Path] = true
		if c.Outdated {
			outdated++
		}
		if c.InReplyTo != 0 {
			replies++
		}
	}
	if len(files) < 3 || outdated != 1 || replies == 0 {
		t.Errorf("%d comments on %d files, %d outdated, %d replies: want several files, one outdated, a thread", len(comments), len(files), outdated, replies)
	}
	known := map[int64]bool{}
	for _, r := range reviews {
		known[r.ID] = true
	}
	for _, c := range comments {
		if !known[c.ReviewID] {
			t.Errorf("comment %d names review %d, which is not listed", c.ID, c.ReviewID)
		}
	}
}
