package github_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prscope/prscope/github/httpcache"

	"github.com/prscope/prscope/github/fake"

	"github.com/prscope/prscope/github"
)

// The rate guard's tests: once GitHub says a limit is reached, nothing
// reaches the server until it lifts (on the test's clock, so go-github's
// own blocking, which runs on the real clock, would show), while the cache
// still answers whatever it holds.

// primary429 is a used-up primary limit as a 429, which go-github v62
// does not recognise.
func primary429(reset time.Time) *fake.Fault {
	return &fake.Fault{Status: http.StatusTooManyRequests, Message: "API rate limit exceeded for user ID 583231.",
		Header: http.Header{"X-Ratelimit-Remaining": {"0"}, "X-Ratelimit-Reset": {strconv.FormatInt(reset.Unix(), 10)}}}
}

func TestRateGuardPrimaryLimitSendsNothingUntilTheReset(t *testing.T) {
	for name, fault := range map[string]func(reset time.Time) *fake.Fault{
		"403": fake.FaultRateLimited,
		"429": primary429,
	} {
		t.Run(name, func(t *testing.T) {
			rig := newCacheRig(t)
			c := rig.client(testToken)
			ctx := context.Background()
			t0 := rig.clock.Now()
			listPage(t, c, ctx)
			if _, err := c.GetPull(ctx, acmeWidgets, 1); err != nil {
				t.Fatal(err)
			}
			rig.expect("cold", 200, 200)

			rig.clock.Advance(2 * time.Minute) // both copies stale now
			reset := rig.clock.Now().Add(10 * time.Minute)
			limited := fault(reset)
			rig.srv.SetFaults(func(*http.Request) *fake.Fault { return limited })

			// The limit shows when revalidating the list: the cached copy answers.
			_, page := listPage(t, c, ctx)
			rig.expect("the request that meets the limit", limited.Status)
			checkFrom(t, "rate limited", page, httpcache.CacheStale, t0)
			if rl := c.RateLimit(); !rl.Known || rl.Remaining != 0 || !rl.Reset.Equal(reset) {
				t.Errorf("RateLimit = %+v, want 0 remaining until %v", rl, reset)
			}

			for _, wait := range []time.Duration{0, 9*time.Minute + 59*time.Second} {
				rig.clock.Advance(wait)
				listPage(t, c, ctx)
				if pr, err := c.GetPull(ctx, acmeWidgets, 1); err != nil || pr.Number != 1 {
					t.Errorf("cached PR 1 while limited: %+v, %v", pr, err)
				}
				_, err := c.GetPull(ctx, acmeWidgets, 2)
				e := asAPIError(t, err, http.StatusForbidden) // the guard's refusal
				checkMessage(t, e.Error(), []string{"rate limit used up; resets at " + reset.Local().Format("15:04") + "; request not sent", "acme/widgets#2"}, nil)
				if !e.Reset.Equal(reset) {
					t.Errorf("Reset = %v, want %v", e.Reset, reset)
				}
				rig.expect("while limited")
			}

			rig.srv.SetFaults(nil)
			rig.clock.Advance(2 * time.Second) // past the reset
			if _, err := c.GetPull(ctx, acmeWidgets, 2); err != nil {
				t.Fatal(err)
			}
			_, page = listPage(t, c, ctx)
			rig.expect("after the reset", 200, 304)
			checkFrom(t, "after the reset", page, httpcache.CacheRevalidated, rig.clock.Now())
		})
	}
}

// The last request a budget allows answers 200 with Remaining 0: the next
// would be refused, so it is not sent.
func TestRateGuardStopsWhenTheBudgetIsSpent(t *testing.T) {
	rig := newCacheRig(t)
	rig.srv = startFakeFor(t, clientDataset(), fake.FakeOptions{RateLimit: 2})
	c := rig.client("")
	ctx := context.Background()
	for n := 1; n <= 2; n++ {
		if _, err := c.GetPull(ctx, acmeWidgets, n); err != nil {
			t.Fatal(err)
		}
	}
	_, err := c.GetPull(ctx, acmeWidgets, 3)
	e := asAPIError(t, err, http.StatusForbidden)
	checkMessage(t, e.Error(), []string{"rate limit used up; resets at", "set GH_TOKEN", "request not sent"}, nil)
	rig.clock.Advance(30 * time.Minute) // stale; the reset is still half an hour off
	if _, err := c.GetPull(ctx, acmeWidgets, 1); err != nil {
		t.Errorf("cached PR 1: %v", err)
	}
	rig.expect("spent", 200, 200)
}

// secondary429NoWait is a secondary limit that does not say how long to wait.
func secondary429NoWait() *fake.Fault {
	return &fake.Fault{Status: http.StatusTooManyRequests, Message: "You have exceeded a secondary rate limit."}
}

func TestRateGuardSecondaryLimitBacksOffWithoutAStorm(t *testing.T) {
	for name, fault := range map[string]*fake.Fault{
		"429": fake.FaultSecondary429(30 * time.Second),
		"403": fake.FaultSecondary403(30 * time.Second),
	} {
		t.Run(name, func(t *testing.T) {
			rig := newCacheRig(t)
			c := rig.client(testToken)
			ctx := context.Background()
			t0 := rig.clock.Now()
			listPage(t, c, ctx)
			rig.expect("cold", 200)
			rig.clock.Advance(2 * time.Minute)
			rig.srv.SetFaults(func(*http.Request) *fake.Fault { return fault })

			_, page := listPage(t, c, ctx)
			rig.expect("the request that meets the limit", fault.Status)
			checkFrom(t, "secondary limit", page, httpcache.CacheStale, t0)

			// Everything asked meanwhile, however much, is refused here.
			errs := getPulls(c, 2, 21)
			for _, err := range errs {
				e := asAPIError(t, err, fault.Status)
				checkMessage(t, e.Error(), []string{"secondary rate limit still in force; request not sent", "secondary rate limit; retry in 30s"}, nil)
			}
			// The client's 5s timeout ends before the backoff: refused at
			// once, not queued (rateguard_wait_test.go has the queue).
			rig.clock.Advance(20 * time.Second)
			_, err := c.GetPull(ctx, acmeWidgets, 2)
			checkMessage(t, asAPIError(t, err, fault.Status).Error(), []string{"retry in 10s"}, nil)
			listPage(t, c, ctx)
			rig.expect("during the backoff")

			// When it ends, one request tries; it meets the limit again,
			// and the wait starts over: the 7 queued behind it cannot
			// wait 30s more, and are refused.
			rig.clock.Advance(11 * time.Second)
			for _, err := range getPulls(c, 2, 9) {
				asAPIError(t, err, fault.Status)
			}
			rig.expect("the end of the backoff, 8 at once", fault.Status)
			rig.clock.Advance(20 * time.Second)
			getPulls(c, 2, 9)
			rig.expect("the second backoff")

			rig.srv.SetFaults(nil)
			rig.clock.Advance(11 * time.Second)
			for _, err := range getPulls(c, 2, 2) {
				if err != nil {
					t.Fatal(err)
				}
			}
			for _, err := range getPulls(c, 3, 6) {
				if err != nil {
					t.Fatal(err)
				}
			}
			rig.expect("after the limit lifted", 200, 200, 200, 200, 200)
		})
	}
}

// getPulls asks for PRs from..to at once and returns the errors, in order.
func getPulls(c *github.Client, from, to int) []error {
	errs := make([]error, to-from+1)
	var wg sync.WaitGroup
	for n := from; n <= to; n++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[n-from] = c.GetPull(context.Background(), acmeWidgets, n)
		}()
	}
	wg.Wait()
	return errs
}

func TestRateGuardSecondaryWithoutRetryAfterWaitsAMinuteThenLonger(t *testing.T) {
	rig := newCacheRig(t)
	c := rig.client(testToken)
	ctx := context.Background()
	rig.srv.SetFaults(func(*http.Request) *fake.Fault { return secondary429NoWait() })
	for i, wait := range []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute} {
		_, err := c.GetPull(ctx, acmeWidgets, 1)
		checkMessage(t, asAPIError(t, err, http.StatusTooManyRequests).Error(), []string{"secondary rate limit; wait a minute"}, nil)
		rig.expect("strike "+strconv.Itoa(i+1), http.StatusTooManyRequests)
		_, err = c.GetPull(ctx, acmeWidgets, 1)
		if e := asAPIError(t, err, http.StatusTooManyRequests); e.RetryAfter != wait {
			t.Errorf("strike %d: RetryAfter %v, want %v", i+1, e.RetryAfter, wait)
		}
		rig.clock.Advance(wait - 10*time.Second) // more than the 5s timeout left: refused at once
		_, _ = c.GetPull(ctx, acmeWidgets, 1)
		rig.expect("within the wait")
		rig.clock.Advance(10 * time.Second)
	}
}

// What the guard passes up gives go-github nothing to block on: no
// X-RateLimit-* headers and no secondary-limit documentation_url.
func TestRateGuardHidesTheLimitFromGoGithub(t *testing.T) {
	srv := startFakeFor(t, clientDataset(), fake.FakeOptions{RateLimit: 60})
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	clock := newFakeClock()
	guard := httpcache.NewRateGuard(tr, clock.Now)
	// A deadline shorter than the backoffs below: refused at once, not queued.
	hc := &http.Client{Transport: guard, Timeout: 5 * time.Second}
	get := func() (*http.Response, map[string]any) {
		t.Helper()
		resp, err := hc.Get(srv.URL + "repos/acme/widgets/pulls/1")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		var fields map[string]any
		_ = json.Unmarshal(body, &fields)
		for k := range resp.Header {
			if strings.HasPrefix(k, "X-Ratelimit-") {
				t.Errorf("%d answer passed up with %s", resp.StatusCode, k)
			}
		}
		return resp, fields
	}

	resp, _ := get()
	if resp.Header.Get("X-Prscope-Ratelimit-Remaining") != "59" {
		t.Errorf("X-Prscope-RateLimit-Remaining = %q, want 59", resp.Header.Get("X-Prscope-Ratelimit-Remaining"))
	}
	if rl := guard.RateLimit(); !rl.Known || rl.Limit != 60 || rl.Remaining != 59 || rl.Reset.IsZero() {
		t.Errorf("RateLimit = %+v", rl)
	}

	srv.SetFaults(func(*http.Request) *fake.Fault { return fake.FaultSecondary403(time.Minute) })
	resp, body := get()
	if resp.StatusCode != 403 || body["documentation_url"] != nil || !strings.Contains(body["message"].(string), "secondary rate limit") ||
		resp.Header.Get("X-Prscope-Retry-After") != "60" {
		t.Errorf("secondary limit passed up as %d %v, X-Prscope-Retry-After %q; want a plain 403 with the message, waiting 60s",
			resp.StatusCode, body, resp.Header.Get("X-Prscope-Retry-After"))
	}
	n := len(srv.Requests())
	resp, body = get()
	if resp.Header.Get("X-Prscope-Refused") != "1" || resp.Header.Get("X-Prscope-Retry-After") != "60" || len(srv.Requests()) != n {
		t.Errorf("during the backoff: %d %v %v; want a refusal and no request", resp.StatusCode, resp.Header, body)
	}
	if rl := guard.RateLimit(); rl.Remaining != 58 {
		t.Errorf("RateLimit after a refusal = %+v: a refusal must not change the figures", rl)
	}
}
