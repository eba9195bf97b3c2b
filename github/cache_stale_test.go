package github_test

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/prscope/prscope/github/httpcache"

	"github.com/prscope/prscope/github/fake"

	"github.com/prscope/prscope/github"
)

// A story served from the cache because the rate limit is used up says so,
// once, with the copy's age and when the limit lifts.
func TestCacheSaysWhenARateLimitServedStaleCopies(t *testing.T) {
	srv := startFakeFor(t, storyDataset(), fake.FakeOptions{})
	var mu sync.Mutex
	clock := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	now := func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }
	cache, err := httpcache.OpenCache(httpcache.CacheOptions{Dir: t.TempDir(), Now: now})
	if err != nil {
		t.Fatal(err)
	}
	c, err := github.NewClient(github.Options{BaseURL: srv.URL, Token: testToken, Cache: cache, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := github.FetchStory(context.Background(), c, acmeWidgets, storyPR)
	if err != nil {
		t.Fatal(err)
	}
	if note := cache.StaleNote(); note != "" {
		t.Errorf("a fresh story has the note %q", note)
	}

	mu.Lock()
	clock = clock.Add(3*time.Hour + 5*time.Minute)
	mu.Unlock()
	reset := time.Now().Add(time.Hour).Truncate(time.Second)
	srv.SetFaults(func(*http.Request) *fake.Fault { return fake.FaultRateLimited(reset) })
	stale, err := github.FetchStory(context.Background(), c, acmeWidgets, storyPR)
	if err != nil {
		t.Fatal(err)
	}
	if len(stale.Timeline) != len(fresh.Timeline) {
		t.Errorf("%d events from the cache, want %d", len(stale.Timeline), len(fresh.Timeline))
	}
	want := "served from cache, 3h old: rate limit used up until " + reset.Local().Format("15:04")
	if note := cache.StaleNote(); note != want {
		t.Errorf("note %q, want %q", note, want)
	}
}
