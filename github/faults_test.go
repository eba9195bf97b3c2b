package github_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prscope/prscope/github/fake"

	"github.com/prscope/prscope/github"
	"github.com/prscope/prscope/model"
)

// These tests put the real Client in front of every fault the fake server
// can make, and check what the user is told.

// testToken is recognisable, so a test can tell it never leaks into a message.
const testToken = "ghp_TOPSECRET0123456789abcdefTOKEN"

// loopbackOnly is a transport that refuses, and fails the test on, any
// request to a host other than 127.0.0.1, and remembers where requests went.
type loopbackOnly struct {
	t  *testing.T
	tr *http.Transport

	mu    sync.Mutex
	hosts []string
}

func (l *loopbackOnly) RoundTrip(r *http.Request) (*http.Response, error) {
	l.mu.Lock()
	l.hosts = append(l.hosts, r.URL.Host)
	l.mu.Unlock()
	if r.URL.Hostname() != "127.0.0.1" {
		l.t.Errorf("request to %s: only 127.0.0.1 may be contacted", r.URL.Redacted())
		return nil, errors.New("test transport: not loopback")
	}
	return l.tr.RoundTrip(r)
}

// faultClient is a Client for baseURL with its own loopback-only transport,
// whose idle connections are closed when the test ends.
func faultClient(t *testing.T, baseURL, token string, timeout time.Duration) (*github.Client, *loopbackOnly) {
	t.Helper()
	guard := &loopbackOnly{t: t, tr: &http.Transport{}}
	t.Cleanup(guard.tr.CloseIdleConnections)
	c, err := github.NewClient(github.Options{BaseURL: baseURL, Token: token, Timeout: timeout, Transport: guard})
	if err != nil {
		t.Fatal(err)
	}
	return c, guard
}

// checkMessage fails unless msg is one clean line without the token that
// holds every one of want and none of unwanted.
func checkMessage(t *testing.T, msg string, want, unwanted []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("message %q\n  lacks %q", msg, w)
		}
	}
	for _, u := range unwanted {
		if strings.Contains(msg, u) {
			t.Errorf("message %q\n  holds %q", msg, u)
		}
	}
	if strings.Contains(msg, testToken) {
		t.Errorf("message %q holds the token", msg)
	}
	if model.SanitizeLine(msg) != msg || strings.ContainsAny(msg, "\n\r\x1b\x07") {
		t.Errorf("message %q is not one clean line", msg)
	}
	if len(msg) > 600 {
		t.Errorf("message is %d bytes long", len(msg))
	}
}

// clientCall is one Client method, and the subject its errors name.
type clientCall struct {
	name    string
	subject string
	call    func(context.Context, *github.Client) error
}

var clientCalls = []clientCall{
	{"ListPulls", "acme/widgets", func(ctx context.Context, c *github.Client) error {
		_, _, err := c.ListPulls(ctx, acmeWidgets, "all", 1, 10)
		return err
	}},
	{"GetPull", "acme/widgets#3", func(ctx context.Context, c *github.Client) error {
		_, err := c.GetPull(ctx, acmeWidgets, timelinePR)
		return err
	}},
	{"Timeline", "acme/widgets#3 timeline", func(ctx context.Context, c *github.Client) error {
		_, _, err := c.Timeline(ctx, acmeWidgets, timelinePR, 1, 100)
		return err
	}},
	{"CommitMessage", "contrib/widgets-fork@2b2b2b2", func(ctx context.Context, c *github.Client) error {
		_, err := c.CommitMessage(ctx, forkRepo, forkSHA)
		return err
	}},
}

func TestClientFaultMessages(t *testing.T) {
	reset := time.Now().Add(42 * time.Minute).Truncate(time.Second)
	resetClock := reset.Local().Format("15:04")
	tests := []struct {
		name       string
		fault      *fake.Fault
		token      string // testToken when empty
		status     int
		want       []string // in Error(), besides the subject
		unwanted   []string
		retryAfter time.Duration
		reset      bool
	}{
		{name: "401", fault: fake.FaultBadToken(), status: 401,
			want: []string{"401 Unauthorized: Bad credentials: ", " — the token was refused; check GH_TOKEN / GITHUB_TOKEN"}},
		{name: "401 without a token", fault: fake.FaultBadToken(), token: "-", status: 401,
			want: []string{"401 Unauthorized: Bad credentials: ", "GitHub wants a token; set GH_TOKEN"}},
		{name: "403 no access", fault: fake.FaultNoAccess(), status: 403,
			want: []string{"403 Forbidden: Resource not accessible by personal access token: ", "this token has no access"}},
		{name: "403 SAML", fault: fake.FaultSAML(), status: 403,
			want: []string{"403 Forbidden: Resource protected by organization SAML enforcement.", " — authorize your token for SSO: " + fake.FaultSAMLURL}},
		{name: "403 SAML elsewhere", status: 403,
			fault: &fake.Fault{Status: 403, Message: "Resource protected by organization SAML enforcement.",
				Header: http.Header{"X-GitHub-SSO": {"required; url=https://evil.example/orgs/acme/sso?x=1"}}},
			want:     []string{"authorize your token for it in GitHub's token settings"},
			unwanted: []string{"evil", "https://"}},
		{name: "403 SAML over plain http", status: 403,
			fault: &fake.Fault{Status: 403, Message: "Resource protected by organization SAML enforcement.",
				Header: http.Header{"X-GitHub-SSO": {"required; url=http://github.com/orgs/acme/sso"}}},
			want: []string{"SAML SSO"}, unwanted: []string{"http://"}},
		{name: "403 SAML bidi", status: 403,
			fault: &fake.Fault{Status: 403, Message: "Resource protected by organization SAML enforcement.",
				Header: http.Header{"X-GitHub-SSO": {"required; url=https://github.com/orgs/acme/sso?x=\u202Eexe.evil"}}},
			want: []string{"SAML SSO"}, unwanted: []string{"evil", "\u202E"}},
		{name: "403 SAML look-alike host", status: 403,
			fault: &fake.Fault{Status: 403, Message: "Resource protected by organization SAML enforcement.",
				Header: http.Header{"X-GitHub-SSO": {"required; url=https://github.com.evil.example/orgs/acme/sso"}}},
			want: []string{"SAML SSO"}, unwanted: []string{"evil"}},
		{name: "403 SAML user info", status: 403,
			fault: &fake.Fault{Status: 403, Message: "Resource protected by organization SAML enforcement.",
				Header: http.Header{"X-GitHub-SSO": {"required; url=https://github.com@evil.example/orgs/acme/sso"}}},
			want: []string{"SAML SSO"}, unwanted: []string{"evil"}},
		{name: "404", fault: fake.FaultNotFound(), status: 404,
			want: []string{"404 Not Found: ", " — check the name, or your token's access"}, unwanted: []string{"Not Found: Not Found"}},
		{name: "404 without a token", fault: fake.FaultNotFound(), token: "-", status: 404,
			want: []string{"404 Not Found: ", "a private repository needs GH_TOKEN"}},
		{name: "410", fault: fake.FaultGone(), status: 410,
			want: []string{"410 Gone: Issues are disabled for this repo: ", "removed or turned off"}},
		{name: "422", fault: fake.FaultUnprocessable(), status: 422,
			want: []string{"422 Unprocessable Entity: Validation Failed (state invalid): "}},
		{name: "primary rate limit", fault: fake.FaultRateLimited(reset), status: 403, reset: true,
			want:     []string{"403 Forbidden: API rate limit exceeded: ", " — rate limit used up; resets at " + resetClock},
			unwanted: []string{"583231", "request ID"}},
		{name: "429 secondary", fault: fake.FaultSecondary429(30 * time.Second), status: 429, retryAfter: 30 * time.Second,
			want:     []string{"429 Too Many Requests: You have exceeded a secondary rate limit: ", " — secondary rate limit; retry in 30s"},
			unwanted: []string{"request ID"}},
		{name: "403 secondary", fault: fake.FaultSecondary403(90 * time.Second), status: 403, retryAfter: 90 * time.Second,
			want: []string{"403 Forbidden: You have exceeded a secondary rate limit: ", " — secondary rate limit; retry in 1m30s"}},
		{name: "429 secondary without Retry-After", status: 429,
			fault: &fake.Fault{Status: 429, Message: "You have exceeded a secondary rate limit."},
			want:  []string{"429 Too Many Requests", "secondary rate limit; wait a minute"}},
		{name: "500", fault: fake.FaultServerError(500), status: 500,
			want: []string{"500 Internal Server Error: Server Error: ", " — GitHub is having trouble; try again"}},
		{name: "502", fault: fake.FaultServerError(502), status: 502,
			want: []string{"502 Bad Gateway: ", " — GitHub is having trouble; try again"}, unwanted: []string{"<"}},
		{name: "503", fault: fake.FaultServerError(503), status: 503,
			want: []string{"503 Service Unavailable: ", " — GitHub is having trouble; try again"}},
		{name: "malformed JSON", fault: &fake.Fault{Malformed: true}, status: 0,
			want: []string{"malformed response from the API: ", " — the answer is not GitHub's JSON"}, unwanted: []string{"network error"}},
		{name: "cut off", fault: &fake.Fault{Truncate: true}, status: 0,
			want: []string{"response cut off before its end (unexpected EOF): ", " — the connection closed mid-answer; try again"}, unwanted: []string{"network error"}},
		{name: "token echoed", status: 401,
			fault: &fake.Fault{Status: 401, Message: "Bad credentials: Bearer " + testToken + " \x1b]0;pwned\x07"},
			want:  []string{"401 Unauthorized: Bad credentials: Bearer [token]", "check GH_TOKEN"}, unwanted: []string{"pwned"}},
		{name: "huge message", status: 422, fault: &fake.Fault{Status: 422, Message: strings.Repeat("long ", 100000)},
			want: []string{"422 Unprocessable Entity: long long", "…: "}},
	}
	srv := startFakeFor(t, clientDataset(), fake.FakeOptions{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.SetFaults(func(*http.Request) *fake.Fault { return tt.fault })
			defer srv.SetFaults(nil)
			token := testToken
			if tt.token == "-" {
				token = ""
			}
			for _, call := range clientCalls {
				t.Run(call.name, func(t *testing.T) {
					c, _ := faultClient(t, srv.URL, token, 10*time.Second)
					err := call.call(context.Background(), c)
					e := asAPIError(t, err, tt.status)
					checkMessage(t, e.Error(), append(tt.want, call.subject), tt.unwanted)
					if e.Subject != call.subject {
						t.Errorf("Subject = %q, want %q", e.Subject, call.subject)
					}
					if e.RetryAfter != tt.retryAfter {
						t.Errorf("RetryAfter = %v, want %v", e.RetryAfter, tt.retryAfter)
					}
					if got := !e.Reset.IsZero(); got != tt.reset {
						t.Errorf("Reset = %v", e.Reset)
					} else if tt.reset && !e.Reset.Equal(reset) {
						t.Errorf("Reset = %v, want %v", e.Reset, reset)
					}
				})
			}
		})
	}
}

// An SSO URL on the API's own host (GitHub Enterprise Server) is shown too.
func TestClientSSOOnTheAPIHost(t *testing.T) {
	srv := startFakeFor(t, clientDataset(), fake.FakeOptions{})
	ssoURL := srv.URL + "orgs/acme/sso?authorization_request=XYZ"
	srv.SetFaults(func(*http.Request) *fake.Fault {
		f := fake.FaultSAML()
		f.Header.Set("X-GitHub-SSO", "required; url="+ssoURL)
		return f
	})
	c, _ := faultClient(t, srv.URL, testToken, 10*time.Second)
	_, _, err := c.ListPulls(context.Background(), acmeWidgets, "all", 1, 10)
	e := asAPIError(t, err, 403)
	checkMessage(t, e.Error(), []string{"authorize your token for SSO: " + ssoURL}, nil)
}

// An empty or null body, or nulls in a list, are no pull requests, and no panic.
func TestClientEmptyAndNullBodies(t *testing.T) {
	for _, body := range []string{"", "null"} {
		ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			if strings.HasSuffix(r.URL.Path, "/pulls") {
				fmt.Fprint(w, `[null, {"number": 1, "title": "one", "state": "open"}, null]`)
				return
			}
			fmt.Fprint(w, body)
		}))
		c, _ := faultClient(t, ts.URL, testToken, 10*time.Second)
		_, err := c.GetPull(context.Background(), acmeWidgets, 1)
		e := asAPIError(t, err, 0)
		checkMessage(t, e.Error(), []string{"malformed response from the API", "acme/widgets#1"}, nil)
		prs, _, err := c.ListPulls(context.Background(), acmeWidgets, "all", 1, 10)
		if err != nil || len(prs) != 1 || prs[0].Number != 1 {
			t.Errorf("list with nulls: %v, %v", prs, err)
		}
		ts.Close()
	}
}

// After a rate limit whose end is known, go-github sends nothing until
// then; the message says so rather than blaming a fresh answer.
func TestClientRateLimitedRequestsAreNotSent(t *testing.T) {
	srv := startFakeFor(t, clientDataset(), fake.FakeOptions{})
	reset := time.Now().Add(10 * time.Minute)
	for _, tt := range []struct {
		name  string
		fault *fake.Fault
		want  string
	}{
		{"primary", fake.FaultRateLimited(reset), "resets at " + reset.Local().Format("15:04") + "; request not sent"},
		{"403 secondary", fake.FaultSecondary403(time.Minute), "secondary rate limit still in force; request not sent"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv.SetFaults(func(*http.Request) *fake.Fault { return tt.fault })
			srv.ResetRequests()
			c, _ := faultClient(t, srv.URL, testToken, 10*time.Second)
			ctx := context.Background()
			if _, _, err := c.ListPulls(ctx, acmeWidgets, "all", 1, 10); err == nil {
				t.Fatal("first request succeeded")
			}
			srv.SetFaults(nil)
			_, err := c.GetPull(ctx, acmeWidgets, 1)
			e := asAPIError(t, err, 403)
			// Nothing was sent, so no status was answered: none is named.
			checkMessage(t, e.Error(), []string{tt.want, "acme/widgets#1"}, []string{"403", "Forbidden"})
			if n := len(srv.Requests()); n != 1 {
				t.Errorf("%d requests reached the server, want 1", n)
			}
		})
	}
}

func TestClientTimesOutOnAHang(t *testing.T) {
	srv := startFakeFor(t, clientDataset(), fake.FakeOptions{})
	srv.SetFaults(fake.FaultPath("/pulls", &fake.Fault{Hang: true}))
	for _, call := range clientCalls[:2] {
		t.Run(call.name, func(t *testing.T) {
			c, _ := faultClient(t, srv.URL, testToken, 200*time.Millisecond)
			// The cause, not a clock, shows the client's timeout ended the
			// hang: the message names 200ms. The backstop context only stops
			// a regression from hanging; it would read "after 1m0s".
			ctx, cancel := context.WithTimeout(context.Background(), hangGuard)
			defer cancel()
			err := call.call(ctx, c)
			e := asAPIError(t, err, 0)
			checkMessage(t, e.Error(), []string{"request timed out after 200ms: " + call.subject, " — no answer from the server; try again"}, []string{"context deadline"})
		})
	}
	// A context deadline reads the same, without the client's timeout.
	c, _ := faultClient(t, srv.URL, testToken, 10*time.Second)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, _, err := c.ListPulls(ctx, acmeWidgets, "all", 1, 10)
	e := asAPIError(t, err, 0)
	checkMessage(t, e.Error(), []string{"request timed out: acme/widgets"}, nil)
}

func TestClientConnectionRefused(t *testing.T) {
	c, _ := faultClient(t, closedPortURL(t), testToken, 10*time.Second)
	for _, call := range clientCalls {
		err := call.call(context.Background(), c)
		e := asAPIError(t, err, 0)
		checkMessage(t, e.Error(), []string{"connection refused", call.subject, " — network error"}, nil)
	}
}

// timelineRequests counts the timeline requests srv received for PR n.
func timelineRequests(srv *fake.FakeServer, n int) int {
	return len(recordedTo(srv, "/repos/acme/widgets/issues/"+strconv.Itoa(n)+"/timeline"))
}

// A next link on another host is never followed: go-github takes only its
// page number, and the request goes to the API's own host.
func TestForeignNextLinkIsNeverFollowed(t *testing.T) {
	srv := startFakeFor(t, storyDataset(), fake.FakeOptions{})
	srv.SetFaults(func(*http.Request) *fake.Fault { return &fake.Fault{ForeignNext: true} })
	c, guard := faultClient(t, srv.URL, testToken, 10*time.Second)
	story, err := github.FetchStory(context.Background(), c, acmeWidgets, storyPR)
	if err != nil {
		t.Fatal(err)
	}
	if len(story.Timeline) != storyEvents {
		t.Errorf("%d events, want %d", len(story.Timeline), storyEvents)
	}
	if n := timelineRequests(srv, storyPR); n != 3 {
		t.Errorf("%d timeline requests, want 3 (250 events, 100 a page)", n)
	}

	pullSrv := startFakeFor(t, manyPullsDataset(230), fake.FakeOptions{})
	pullSrv.SetFaults(func(*http.Request) *fake.Fault { return &fake.Fault{ForeignNext: true} })
	pc, pullGuard := faultClient(t, pullSrv.URL, testToken, 10*time.Second)
	prs, err := github.FetchPulls(context.Background(), pc, acmeWidgets, "all", 1000)
	if err != nil {
		t.Fatal(err)
	}
	if len(prs) != 230 {
		t.Errorf("%d PRs, want 230", len(prs))
	}
	for i, r := range byPage(recordedTo(pullSrv, "/repos/acme/widgets/pulls")) {
		if r.Query.Get("page") != strconv.Itoa(i+1) || r.Header.Get("Authorization") != "Bearer "+testToken {
			t.Errorf("list request %d: %v", i, r.Query)
		}
	}

	// Every request the client made went to the fake server.
	wantHosts := map[*loopbackOnly]int{guard: len(srv.Requests()), pullGuard: len(pullSrv.Requests())}
	for g, n := range wantHosts {
		g.mu.Lock()
		hosts := g.hosts
		g.mu.Unlock()
		if len(hosts) != n {
			t.Errorf("the client sent %d requests, the server got %d", len(hosts), n)
		}
		for _, h := range hosts {
			if !strings.HasPrefix(h, "127.0.0.1:") {
				t.Errorf("a request went to %s", h)
			}
		}
	}
}

// Every fault, through every kind of call, leaves no goroutine behind once
// the server is closed and the client's idle connections are.
func TestFaultsLeaveNoGoroutines(t *testing.T) {
	faults := []*fake.Fault{
		fake.FaultBadToken(), fake.FaultNoAccess(), fake.FaultSAML(), fake.FaultNotFound(), fake.FaultGone(),
		fake.FaultUnprocessable(), fake.FaultRateLimited(time.Now().Add(time.Hour)), fake.FaultSecondary429(time.Second),
		fake.FaultSecondary403(time.Second), fake.FaultServerError(500), fake.FaultServerError(502), fake.FaultServerError(503),
		{Hang: true}, {Malformed: true}, {Truncate: true}, {LinkLoop: fake.LinkLoopSame}, {LinkLoop: fake.LinkLoopIncreasing},
		{ForeignNext: true},
	}
	// settle waits, a while at most, for the count to come down to limit.
	// The bound only catches a leak: goroutines end in milliseconds.
	settle := func(limit int) int {
		deadline := time.Now().Add(hangGuard)
		n := runtime.NumGoroutine()
		for n > limit && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
			n = runtime.NumGoroutine()
		}
		return n
	}
	before := runtime.NumGoroutine()
	srv, err := fake.NewFakeServer(storyDataset(), fake.FakeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	tr := &http.Transport{}
	for _, f := range faults {
		srv.SetFaults(func(*http.Request) *fake.Fault { return f })
		c, err := github.NewClient(github.Options{BaseURL: srv.URL, Token: testToken, Timeout: 100 * time.Millisecond, Transport: tr})
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		for _, call := range clientCalls {
			_ = call.call(ctx, c)
		}
		_, _ = github.FetchStory(ctx, c, acmeWidgets, storyPR)
		_, _ = github.FetchPulls(ctx, c, acmeWidgets, "all", 40)
	}
	// A request still hanging when the server closes.
	srv.SetFaults(func(*http.Request) *fake.Fault { return &fake.Fault{Hang: true} })
	c, err := github.NewClient(github.Options{BaseURL: srv.URL, Timeout: time.Minute, Transport: tr})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() {
		_, err := c.GetPull(context.Background(), acmeWidgets, 1)
		done <- err
	}()
	waitFor(t, func() bool {
		reqs := srv.Requests()
		return len(reqs) > 0 && reqs[len(reqs)-1].Path == "/repos/acme/widgets/pulls/1"
	})
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		asAPIError(t, err, 0)
	case <-time.After(hangGuard):
		t.Fatalf("a request hanging at Close had not ended after %v", hangGuard)
	}
	tr.CloseIdleConnections()
	if after := settle(before); after > before {
		buf := make([]byte, 1<<16)
		t.Errorf("%d goroutines before, %d after:\n%s", before, after, buf[:runtime.Stack(buf, true)])
	}
}

func TestShortErrorKeepsTheHint(t *testing.T) {
	e := &github.APIError{Status: 403, Message: "Resource protected by organization SAML enforcement. You must grant your Personal Access token access to this organization.",
		Subject: "acme/widgets", Hint: "authorize your token for SSO: https://github.com/orgs/acme/sso"}
	if got, want := e.Short(), "403 Forbidden: acme/widgets — authorize your token for SSO: https://github.com/orgs/acme/sso"; got != want {
		t.Errorf("Short() = %q, want %q", got, want)
	}
	noHint := &github.APIError{Status: 422, Message: "Validation Failed", Subject: "acme/widgets"}
	if noHint.Short() != noHint.Error() {
		t.Errorf("without a hint Short() should keep GitHub's message: %q", noHint.Short())
	}
}
