package github_test

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prscope/prscope/github/fake"
	"github.com/prscope/prscope/model"

	"github.com/prscope/prscope/github"
)

// A timeline whose Link never ends, or pages the same items again, is
// cut short at once: the story keeps what was paged and says why.
func TestFetchStoryStopsOnEndlessLinks(t *testing.T) {
	srv := startFakeFor(t, storyDataset(), fake.FakeOptions{})
	tests := []struct {
		name     string
		fault    fake.Fault
		requests int
		events   int
		want     string
	}{
		{"same", fake.Fault{LinkLoop: fake.LinkLoopSame}, 1, 100,
			"pagination loop: after page 1 the API names page 1 as next; the next page is not after the current one; stopped"},
		// Three pages of data, then an empty page that names a fifth: was 500 requests.
		{"increasing", fake.Fault{LinkLoop: fake.LinkLoopIncreasing}, 4, storyEvents,
			"pagination loop: page 4 is empty but names page 5 as next; an empty page is the end; stopped"},
		{"repeated items", fake.Fault{RepeatItems: true}, 2, 100, // page 2 is page 1 again: left out
			"pagination loop: page 2 repeats items of earlier pages; the same page again under a new number; stopped"},
		{"empty pages", fake.Fault{EmptyNext: true}, 1, 0,
			"pagination loop: page 1 is empty but names page 2 as next; an empty page is the end; stopped"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.SetFaults(fake.FaultPath("/timeline", &tt.fault))
			srv.ResetRequests()
			c, _ := faultClient(t, srv.URL, testToken, 10*time.Second)
			story, err := github.FetchStory(context.Background(), c, acmeWidgets, storyPR)
			if err != nil {
				t.Fatalf("a paging stop failed the story: %v", err)
			}
			if story.TimelineTruncated != tt.want {
				t.Errorf("truncated %q, want %q", story.TimelineTruncated, tt.want)
			}
			if len(story.Timeline) != tt.events {
				t.Errorf("%d events, want %d", len(story.Timeline), tt.events)
			}
			if n := timelineRequests(srv, storyPR); n != tt.requests {
				t.Errorf("%d timeline requests, want %d", n, tt.requests)
			}
		})
	}
}

// A list of PRs stops on what its pages say, not on a count: PRs so far,
// with a *PagingStopped saying why.
func TestFetchPullsStopsOnEndlessLinks(t *testing.T) {
	tests := []struct {
		name          string
		fault         fake.Fault
		pulls, limit  int
		requests, got int
		want          string
	}{
		{"same", fake.Fault{LinkLoop: fake.LinkLoopSame}, 230, 1000, 1, 100, "pagination loop: after page 1 the API names page 1 as next"},
		// 10 pages of 100 would do; page 4 is empty and names a 5th (was 20 requests and an error).
		{"increasing", fake.Fault{LinkLoop: fake.LinkLoopIncreasing}, 230, 1000, 4, 230, "page 4 is empty but names page 5 as next"},
		{"increasing, default limit", fake.Fault{LinkLoop: fake.LinkLoopIncreasing}, 3, 30, 2, 3, "page 2 is empty but names page 3 as next"},
		// dump --limit 100000 printed 1,000 copies of the same 100 PRs.
		{"repeated items", fake.Fault{RepeatItems: true}, 230, 100000, 2, 100, "page 2 repeats items of earlier pages"},
		{"empty pages", fake.Fault{EmptyNext: true}, 230, 1000, 1, 0, "page 1 is empty but names page 2 as next"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := startFakeFor(t, manyPullsDataset(tt.pulls), fake.FakeOptions{})
			srv.SetFaults(func(*http.Request) *fake.Fault { return &tt.fault })
			c, _ := faultClient(t, srv.URL, testToken, 10*time.Second)
			prs, err := github.FetchPulls(context.Background(), c, acmeWidgets, "all", tt.limit)
			var stopped *github.PagingStopped
			if !errors.As(err, &stopped) {
				t.Fatalf("error = %v, want a *PagingStopped", err)
			}
			checkMessage(t, err.Error(), []string{tt.want, ": acme/widgets — ", "stopped"}, nil)
			if len(prs) != tt.got {
				t.Errorf("%d PRs alongside the stop, want %d", len(prs), tt.got)
			}
			if n := len(recordedTo(srv, "/repos/acme/widgets/pulls")); n != tt.requests {
				t.Errorf("%d list requests, want %d", n, tt.requests)
			}
		})
	}
	// A loop that does not matter, because limit is reached, is no error.
	srv := startFakeFor(t, manyPullsDataset(230), fake.FakeOptions{})
	srv.SetFaults(func(*http.Request) *fake.Fault { return &fake.Fault{LinkLoop: fake.LinkLoopSame} })
	c, _ := faultClient(t, srv.URL, testToken, 10*time.Second)
	if prs, err := github.FetchPulls(context.Background(), c, acmeWidgets, "all", 50); err != nil || len(prs) != 50 {
		t.Errorf("limit reached on the first page: %d PRs, %v", len(prs), err)
	}
}

// Pages shorter than asked are normal: 13 PRs served 3 a page, with a Link
// that ends on page 5, are all listed (was "did not end within 2 pages").
func TestFetchPullsShortPages(t *testing.T) {
	srv := startFakeFor(t, manyPullsDataset(13), fake.FakeOptions{})
	srv.SetFaults(func(*http.Request) *fake.Fault { return &fake.Fault{PerPage: 3} })
	c, _ := faultClient(t, srv.URL, testToken, 10*time.Second)
	prs, err := github.FetchPulls(context.Background(), c, acmeWidgets, "all", 30)
	if err != nil || len(prs) != 13 {
		t.Fatalf("%d PRs, %v; want all 13", len(prs), err)
	}
	if n := len(recordedTo(srv, "/repos/acme/widgets/pulls")); n != 5 {
		t.Errorf("%d list requests, want 5", n)
	}
}

// maxInFlight is the most requests of reqs the server was answering at once.
func maxInFlight(reqs []fake.RecordedRequest) int {
	most := 0
	for _, r := range reqs {
		n := 0
		for _, o := range reqs {
			if !o.Start.After(r.Start) && (o.End.IsZero() || o.End.After(r.Start)) {
				n++
			}
		}
		most = max(most, n)
	}
	return most
}

// TestPagesGoSideBySide: page 1's Link names the last of #201's 27 timeline
// pages; the other 26 are asked at most github.PagesInFlight at a time and
// come back whole and in order, in a handful of round trips. A secondary
// rate limit met on page 9 is waited out (the rate guard holds every
// request meanwhile) and page 9 asked again: the listing is still whole.
func TestPagesGoSideBySide(t *testing.T) {
	srv, client := demoAtLatency(t)
	bpf := model.Repo{Owner: "kernel-patches", Name: "bpf"}
	var once sync.Once
	srv.SetFaults(func(r *http.Request) *fake.Fault {
		var f *fake.Fault
		if strings.HasSuffix(r.URL.Path, "/timeline") && r.URL.Query().Get("page") == "9" {
			once.Do(func() { f = fake.FaultSecondary403(time.Second) })
		}
		return f
	})
	c := client()
	events, err := github.AllPages("#201 timeline", github.MaxTimelinePages, model.EventKey, func(page int) ([]model.Event, model.Page, error) {
		return c.Timeline(context.Background(), bpf, fake.DemoE2EPR, page, github.MaxPerPage)
	})
	if err != nil {
		t.Fatal(err)
	}
	srv.SetFaults(nil)
	want, err := github.AllPages("#201 timeline", github.MaxTimelinePages, model.EventKey, func(page int) ([]model.Event, model.Page, error) {
		return client().Timeline(context.Background(), bpf, fake.DemoE2EPR, page, github.MaxPerPage)
	})
	if err != nil || len(events) != 2610 || len(want) != len(events) {
		t.Fatalf("%d events (%v), want 2610 like a fetch without the limit (%d)", len(events), err, len(want))
	}
	for i := range events {
		if events[i].ID != want[i].ID {
			t.Fatalf("event %d is %s, want %s: pages out of order", i, events[i].ID, want[i].ID)
		}
	}
	reqs := recordedTo(srv, "/repos/kernel-patches/bpf/issues/201/timeline")
	asked := map[string]int{}
	for _, r := range reqs {
		asked[r.Query.Get("page")]++
	}
	if len(asked) != 27 || asked["9"] != 2 || asked["1"] != 1 {
		t.Errorf("pages asked %v: want each of 27 once, page 9 twice", asked)
	}
	if n := maxInFlight(reqs); n > github.PagesInFlight || n < 2 {
		t.Errorf("%d timeline pages in flight at once, want 2..%d", n, github.PagesInFlight)
	}
	t.Logf("%d requests, %d round trips, at most %d in flight", len(reqs), fake.RoundTrips(reqs), maxInFlight(reqs))
}

// TestPagesWithoutALastGoOneByOne: a listing whose Link names no last page
// is paged by its next, one after another.
func TestPagesWithoutALastGoOneByOne(t *testing.T) {
	srv, client := demoAtLatency(t)
	c := client()
	got, err := github.AllPages("numbers", 100, func(n int) string { return strconv.Itoa(n) }, func(page int) ([]int, model.Page, error) {
		if _, _, err := c.Timeline(context.Background(), model.Repo{Owner: "kernel-patches", Name: "bpf"}, 11, page, 1); err != nil {
			return nil, model.Page{}, err
		}
		next := page + 1
		if page == 5 {
			next = 0
		}
		return []int{page}, model.Page{Next: next}, nil
	})
	if err != nil || !slices.Equal(got, []int{1, 2, 3, 4, 5}) {
		t.Fatalf("%v %v", got, err)
	}
	if trips := fake.RoundTrips(srv.Requests()); trips != 5 {
		t.Errorf("%d round trips, want 5: each next is known only from the page before", trips)
	}
}
