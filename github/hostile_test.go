package github_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/github/httpcache"

	"github.com/prscope/prscope/github/fake"

	"github.com/prscope/prscope/github"
	"github.com/prscope/prscope/model"
)

// These tests stand prscope in front of servers no GitHub would be: ones
// that redirect the token elsewhere, or send bodies without end.

// tokenClient is a Client for baseURL with testToken, over its own
// transport (any host: these tests need two).
func tokenClient(t *testing.T, baseURL string, tr http.RoundTripper, opts github.Options) *github.Client {
	t.Helper()
	if tr == nil {
		plain := &http.Transport{}
		t.Cleanup(plain.CloseIdleConnections)
		tr = plain
	}
	opts.BaseURL, opts.Token, opts.Transport = baseURL, testToken, tr
	if opts.Timeout == 0 {
		opts.Timeout = 10 * time.Second
	}
	c, err := github.NewClient(opts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// onLocalhost is srv's URL under the host name localhost instead of
// 127.0.0.1: another host, as far as the client can tell.
func onLocalhost(srv *fake.FakeServer) string {
	return strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)
}

func authorized(reqs []fake.RecordedRequest) (n int) {
	for _, r := range reqs {
		if r.Header.Get("Authorization") != "" {
			n++
		}
	}
	return n
}

func TestTokenNeverFollowsARedirectToAnotherHost(t *testing.T) {
	api := startFakeFor(t, clientDataset(), fake.FakeOptions{})
	other := startFakeFor(t, clientDataset(), fake.FakeOptions{})
	for _, status := range []int{301, 302, 307, 308} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			api.ResetRequests()
			other.ResetRequests()
			api.SetFaults(fake.FaultPath("/pulls/3", fake.FaultRedirect(status, onLocalhost(other)+"repos/acme/widgets/pulls/3")))
			defer api.SetFaults(nil)
			c := tokenClient(t, api.URL, nil, github.Options{})
			pr, err := c.GetPull(context.Background(), acmeWidgets, timelinePR)
			if err != nil || pr.Number != timelinePR {
				t.Fatalf("GetPull over a %d = %+v, %v; want the PR from the other host", status, pr.Number, err)
			}
			if got := authorized(api.Requests()); got != 1 {
				t.Errorf("the API host got the token %d times, want 1", got)
			}
			reqs := other.Requests()
			if len(reqs) != 1 {
				t.Fatalf("the other host got %d requests, want 1", len(reqs))
			}
			if got := reqs[0].Header.Get("Authorization"); got != "" {
				t.Errorf("the other host got Authorization %q", got)
			}
		})
	}
}

func TestTokenFollowsARedirectOnTheAPIHost(t *testing.T) {
	// A renamed repository: GitHub's 301 names the new one on the API host.
	api := startFakeFor(t, clientDataset(), fake.FakeOptions{})
	api.SetFaults(fake.FaultPath("/repos/acme/old-name/", fake.FaultRedirect(301, api.URL+"repos/acme/widgets/pulls/3")))
	c := tokenClient(t, api.URL, nil, github.Options{})
	if _, err := c.GetPull(context.Background(), model.Repo{Owner: "acme", Name: "old-name"}, timelinePR); err != nil {
		t.Fatal(err)
	}
	reqs := api.Requests()
	if len(reqs) != 2 || authorized(reqs) != 2 {
		t.Fatalf("%d requests, %d with the token; want both hops with it", len(reqs), authorized(reqs))
	}
}

func TestTokenStaysOffAnotherPortOfTheSameHost(t *testing.T) {
	api := startFakeFor(t, clientDataset(), fake.FakeOptions{})
	other := startFakeFor(t, clientDataset(), fake.FakeOptions{})
	api.SetFaults(fake.FaultPath("/pulls/3", fake.FaultRedirect(307, other.URL+"repos/acme/widgets/pulls/3")))
	c := tokenClient(t, api.URL, nil, github.Options{})
	if _, err := c.GetPull(context.Background(), acmeWidgets, timelinePR); err != nil {
		t.Fatal(err)
	}
	if n := authorized(other.Requests()); n != 0 {
		t.Errorf("127.0.0.1 on another port got the token %d times", n)
	}
}

func TestRedirectFromHTTPSToHTTPIsRefused(t *testing.T) {
	plain := startFakeFor(t, clientDataset(), fake.FakeOptions{})
	tls := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, onLocalhost(plain)+strings.TrimPrefix(r.URL.Path, "/"), http.StatusFound)
	}))
	defer tls.Close()
	c := tokenClient(t, tls.URL+"/", tls.Client().Transport, github.Options{})
	_, err := c.GetPull(context.Background(), acmeWidgets, timelinePR)
	var apiErr *github.APIError
	if !errors.As(err, &apiErr) || !strings.Contains(apiErr.Error(), "redirect from https to plain http refused: acme/widgets#3") {
		t.Fatalf("err = %v, want the downgrade refused", err)
	}
	if n := len(plain.Requests()); n != 0 {
		t.Errorf("the plain-http host got %d requests", n)
	}
}

// bodyLimits are small, so the tests send megabytes, not gigabytes.
var bodyLimits = github.BodyLimits{Page: 1 << 20, Commit: 256 << 10}

func TestBodiesBeyondTheirLimitFail(t *testing.T) {
	srv := startFakeFor(t, clientDataset(), fake.FakeOptions{})
	tests := []struct {
		name string
		body fake.BodyFault
		call clientCall
		want string
	}{
		{"a huge title", fake.BodyFault{Inflate: 2 << 20}, clientCalls[0], "response larger than 1 MiB: acme/widgets"},
		{"a gzip bomb", fake.BodyFault{Inflate: 64 << 20, Gzip: true}, clientCalls[1], "response larger than 1 MiB: acme/widgets#3"},
		{"an endless body", fake.BodyFault{Endless: true}, clientCalls[2], "response larger than 1 MiB: acme/widgets#3 timeline"},
		{"a huge commit", fake.BodyFault{Inflate: 300 << 10}, clientCalls[3], "response larger than 256 KiB: contrib/widgets-fork@2b2b2b2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.SetFaults(func(*http.Request) *fake.Fault { return &fake.Fault{Body: &tt.body} })
			defer srv.SetFaults(nil)
			cache, err := httpcache.OpenCache(httpcache.CacheOptions{Dir: t.TempDir()})
			if err != nil {
				t.Fatal(err)
			}
			c := tokenClient(t, srv.URL, nil, github.Options{BodyLimits: bodyLimits, Cache: cache})
			err = tt.call.call(context.Background(), c)
			var apiErr *github.APIError
			if !errors.As(err, &apiErr) || !strings.Contains(apiErr.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			checkMessage(t, apiErr.Error(), nil, nil)
			if stats, _ := cache.Stats(); stats.Entries != 0 {
				t.Errorf("the cache kept %d entries of it", stats.Entries)
			}
		})
	}
}

func TestBodiesUnderTheLimitPass(t *testing.T) {
	// The limit is on the body, not on what is near it: a gzip answer
	// that inflates to just under the limit is fine.
	srv := startFakeFor(t, clientDataset(), fake.FakeOptions{})
	srv.SetFaults(fake.FaultPath("/pulls/3", &fake.Fault{Body: &fake.BodyFault{Inflate: 900 << 10, Gzip: true}}))
	c := tokenClient(t, srv.URL, nil, github.Options{BodyLimits: bodyLimits})
	pr, err := c.GetPull(context.Background(), acmeWidgets, timelinePR)
	if err != nil {
		t.Fatal(err)
	}
	if len(pr.Title) > model.MaxLineBytes || !strings.Contains(pr.Title, "[cut: ") {
		t.Errorf("a 900 KiB title came through as %d bytes, want it cut with a marker", len(pr.Title))
	}
}

func TestDefaultLimitNamesItsSize(t *testing.T) {
	srv := startFakeFor(t, clientDataset(), fake.FakeOptions{})
	srv.SetFaults(func(*http.Request) *fake.Fault {
		// Not gzip here: inflating 64 MiB is slow under the race
		// detector, and the bomb is covered at small limits above.
		return &fake.Fault{Body: &fake.BodyFault{Inflate: 1 << 30}}
	})
	c := tokenClient(t, srv.URL, nil, github.Options{Timeout: time.Minute})
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, _, err := c.Timeline(context.Background(), acmeWidgets, timelinePR, 1, 100)
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "response larger than 64 MiB: acme/widgets#3 timeline") {
		t.Fatalf("a 1 GiB title: err = %v", err)
	}
	// Reading 64 MiB costs some garbage; a gigabyte would be in the
	// totals if it had been inflated whole.
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 400<<20 {
		t.Errorf("a 1 GiB title allocated %d MiB", grew>>20)
	}
}

func TestTimeoutBoundsTheWholeBody(t *testing.T) {
	srv := startFakeFor(t, clientDataset(), fake.FakeOptions{})
	srv.SetFaults(func(*http.Request) *fake.Fault {
		return &fake.Fault{Body: &fake.BodyFault{Endless: true, Every: 20 * time.Millisecond}}
	})
	c := tokenClient(t, srv.URL, nil, github.Options{Timeout: 300 * time.Millisecond})
	_, _, err := c.ListPulls(context.Background(), acmeWidgets, "all", 1, 10)
	var apiErr *github.APIError
	if !errors.As(err, &apiErr) || !strings.Contains(apiErr.Error(), "request timed out after 300ms: acme/widgets") {
		t.Fatalf("a trickling body: err = %v, want the timeout", err)
	}
}

// Loopback hosts resolve: without them the redirect tests test nothing.
func TestLocalhostResolves(t *testing.T) {
	if _, err := net.LookupHost("localhost"); err != nil {
		t.Fatal(err)
	}
}

func TestATooLargeAnswerIsNotHiddenByTheCache(t *testing.T) {
	srv := startFakeFor(t, clientDataset(), fake.FakeOptions{MaxAge: time.Nanosecond})
	cache, err := httpcache.OpenCache(httpcache.CacheOptions{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	c := tokenClient(t, srv.URL, nil, github.Options{BodyLimits: bodyLimits, Cache: cache})
	ctx := context.Background()
	if _, err := c.GetPull(ctx, acmeWidgets, timelinePR); err != nil {
		t.Fatal(err)
	}
	// The same answer, now declared (Content-Length) larger than the limit.
	srv.SetFaults(func(*http.Request) *fake.Fault {
		return &fake.Fault{Header: http.Header{"Content-Length": {"2000000"}}, Body: &fake.BodyFault{Inflate: 2000000}}
	})
	_, err = c.GetPull(ctx, acmeWidgets, timelinePR)
	if err == nil || !strings.Contains(err.Error(), "response larger than 1 MiB") {
		t.Fatalf("err = %v, want the size named, not the cached copy", err)
	}
}

// A server that stops answering commit requests costs one round of
// timeouts, not one timeout per commit: demo #11 references 27 distinct
// commits, which at four at a time would be seven rounds.
func TestStoryGivesUpOnCommitsAfterARoundOfTimeouts(t *testing.T) {
	ds, err := fake.DemoDataset()
	if err != nil {
		t.Fatal(err)
	}
	srv := startFakeFor(t, ds, fake.FakeOptions{})
	srv.SetFaults(fake.FaultPath("/git/commits/", &fake.Fault{Hang: true}))
	c := tokenClient(t, srv.URL, nil, github.Options{Timeout: 300 * time.Millisecond})
	story, err := github.FetchStory(context.Background(), c, model.Repo{Owner: "kernel-patches", Name: "bpf"}, 11)
	if err != nil {
		t.Fatal(err)
	}
	asked := 0
	for _, r := range srv.Requests() {
		if strings.Contains(r.Path, "/git/commits/") {
			asked++
		}
	}
	notAsked := 0
	for _, e := range story.Timeline {
		if e.Event == "referenced" && e.Commit != nil {
			if e.Commit.Err == "" {
				t.Fatalf("commit %s has neither message nor error", e.Commit.SHA)
			}
			if strings.HasPrefix(e.Commit.Err, "not asked: the server stopped answering") {
				notAsked++
			}
		}
	}
	if asked > 16 || notAsked == 0 {
		t.Errorf("%d commit requests, %d commits not asked; want at most two rounds of 8 (16) asked", asked, notAsked)
	}
}

// A page whose Link contradicts itself is not kept: a 304 would otherwise
// bring its Link back after the server mended it, and paging could never
// get past it again.
func TestCacheKeepsNoPageWhoseLinkContradictsItself(t *testing.T) {
	srv := startFakeFor(t, clientDataset(), fake.FakeOptions{})
	for _, tt := range []struct {
		name  string
		fault *fake.Fault
		kept  int
	}{
		{"a loop", &fake.Fault{LinkLoop: fake.LinkLoopSame}, 0},
		{"an empty page naming a next", &fake.Fault{EmptyNext: true}, 0},
		{"a sound next page", &fake.Fault{PerPage: 1}, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv.SetFaults(func(*http.Request) *fake.Fault { return tt.fault })
			defer srv.SetFaults(nil)
			cache, err := httpcache.OpenCache(httpcache.CacheOptions{Dir: t.TempDir()})
			if err != nil {
				t.Fatal(err)
			}
			c := tokenClient(t, srv.URL, nil, github.Options{Cache: cache})
			if _, _, err := c.ListPulls(context.Background(), acmeWidgets, "all", 1, 2); err != nil {
				t.Fatal(err)
			}
			if stats, _ := cache.Stats(); stats.Entries != tt.kept {
				t.Errorf("the cache kept %d entries, want %d", stats.Entries, tt.kept)
			}
		})
	}
}
