package github_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/github"
	"github.com/prscope/prscope/github/fake"
	"github.com/prscope/prscope/github/httpcache"
	"github.com/prscope/prscope/model"
)

// roundTripLatency is every request's latency in the round-trip tests:
// well above what the client itself takes between an answer and the
// requests it leads to, so requests sent together overlap and RoundTrips
// counts the critical path the same on any machine.
var roundTripLatency = map[bool]time.Duration{false: 50 * time.Millisecond, true: 300 * time.Millisecond}[raceDetector]

// demoAtLatency is the demo served with roundTripLatency, and a client with
// a cache of its own.
func demoAtLatency(t *testing.T) (*fake.FakeServer, func() *github.Client) {
	t.Helper()
	ds, err := fake.DemoDataset()
	if err != nil {
		t.Fatal(err)
	}
	srv := startFakeFor(t, ds, fake.FakeOptions{MinLatency: roundTripLatency, MaxLatency: roundTripLatency})
	dir := filepath.Join(t.TempDir(), "cache")
	return srv, func() *github.Client {
		cache, err := httpcache.OpenCache(httpcache.CacheOptions{Dir: dir})
		if err != nil {
			t.Fatal(err)
		}
		c, err := github.NewClient(github.Options{BaseURL: srv.URL, Timeout: 10 * time.Second, Cache: cache})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
}

// TestDumpOfTheE2EPRInFewRoundTrips: the demo's #201 (2,610 events on 27
// pages, 60 referencing commits, 50 CI runs) dumped cold makes the fewest
// requests, most of them side by side: at most 12 round trips on the
// critical path. Warm, within max-age, it makes none.
func TestDumpOfTheE2EPRInFewRoundTrips(t *testing.T) {
	srv, client := demoAtLatency(t)
	bpf := model.Repo{Owner: "kernel-patches", Name: "bpf"}
	story, err := github.FetchStory(context.Background(), client(), bpf, fake.DemoE2EPR)
	if err != nil {
		t.Fatal(err)
	}
	reqs := srv.Requests()
	refs := 0
	for _, e := range story.Timeline {
		if e.Event == model.KindReferenced && e.Commit != nil && e.Commit.Message != "" {
			refs++
		}
	}
	if len(story.Timeline) != 2610 || refs != fake.DemoE2EReferences {
		t.Fatalf("%d events, %d referencing commits with messages; want 2610 and %d", len(story.Timeline), refs, fake.DemoE2EReferences)
	}
	perKind := map[string]int{}
	for _, r := range reqs {
		perKind[requestKind(r.Path)]++
	}
	trips := fake.RoundTrips(reqs)
	t.Logf("cold: %d requests %v, %d round trips on the critical path, %s at %s a request",
		len(reqs), perKind, trips, fake.Elapsed(reqs).Round(time.Millisecond), roundTripLatency)
	if perKind["timeline"] != 27 || perKind["commit"] != fake.DemoE2EReferences {
		t.Errorf("requests %v: want each timeline page and each message once", perKind)
	}
	if trips > 12 {
		t.Errorf("%d round trips on the critical path, want at most 12", trips)
	}

	srv.ResetRequests()
	if _, err := github.FetchStory(context.Background(), client(), bpf, fake.DemoE2EPR); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("warm, within max-age: %d requests, want 0", n)
	}
}

// requestKind names what a request asked for, for the logs.
func requestKind(path string) string {
	switch {
	case strings.HasSuffix(path, "/timeline"):
		return "timeline"
	case strings.Contains(path, "/git/commits/"):
		return "commit"
	case strings.Contains(path, "/actions/runs/") && strings.HasSuffix(path, "/jobs"):
		return "jobs"
	case strings.HasSuffix(path, "/actions/runs"):
		return "runs"
	case strings.Contains(path, "/check-runs") || strings.Contains(path, "/status"):
		return "checks"
	case strings.Contains(path, "/pulls/"):
		return "pull"
	}
	return path
}

// TestWarmRunSendsNothing: a second run within max-age is answered by the
// cache alone, and the client says it sent nothing.
func TestWarmRunSendsNothing(t *testing.T) {
	_, client := demoAtLatency(t)
	bpf := model.Repo{Owner: "kernel-patches", Name: "bpf"}
	cold := client()
	if _, err := cold.GetPull(context.Background(), bpf, 11); err != nil || cold.RequestsSent() != 1 {
		t.Fatalf("cold: %v, %d sent", err, cold.RequestsSent())
	}
	warm := client()
	if _, err := warm.GetPull(context.Background(), bpf, 11); err != nil || warm.RequestsSent() != 0 {
		t.Errorf("warm: %v, %d sent, want 0", err, warm.RequestsSent())
	}
}
