package github_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prscope/prscope/github/fake"
)

// These tests look at the fake server's faults on the wire, with a plain
// http.Client; faults_test.go checks what the real Client makes of them.

// rawClient is an http.Client with its own transport, closed at the end.
func rawClient(t *testing.T, timeout time.Duration) *http.Client {
	t.Helper()
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr, Timeout: timeout}
}

// fetch gets path from srv and reads the whole body, returning the read
// error rather than failing on it.
func fetch(t *testing.T, c *http.Client, srv *fake.FakeServer, path string) (*http.Response, []byte, error) {
	t.Helper()
	resp, err := c.Get(srv.URL + path)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return resp, body, err
}

func TestFaultPresetsOnTheWire(t *testing.T) {
	reset := time.Now().Add(20 * time.Minute).Truncate(time.Second)
	tests := []struct {
		name       string
		fault      *fake.Fault
		status     int
		message    string            // JSON message; "" for a non-JSON body
		header     map[string]string // headers that must be there, exactly
		noRate     bool              // the rate-limit headers are gone
		docSuffix  string
		bodyPrefix string // for non-JSON bodies
	}{
		{name: "bad token", fault: fake.FaultBadToken(), status: 401, message: "Bad credentials"},
		{name: "no access", fault: fake.FaultNoAccess(), status: 403, message: "Resource not accessible by personal access token"},
		{name: "SAML", fault: fake.FaultSAML(), status: 403,
			message: "Resource protected by organization SAML enforcement. You must grant your Personal Access token access to this organization.",
			header:  map[string]string{"X-GitHub-SSO": "required; url=" + fake.FaultSAMLURL}},
		{name: "not found", fault: fake.FaultNotFound(), status: 404, message: "Not Found"},
		{name: "gone", fault: fake.FaultGone(), status: 410, message: "Issues are disabled for this repo"},
		{name: "unprocessable", fault: fake.FaultUnprocessable(), status: 422, message: "Validation Failed"},
		{name: "rate limited", fault: fake.FaultRateLimited(reset), status: 403,
			header:    map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": strconv.FormatInt(reset.Unix(), 10), "X-RateLimit-Used": "5000", "X-RateLimit-Limit": "5000"},
			docSuffix: "#about-primary-rate-limits"},
		{name: "secondary 429", fault: fake.FaultSecondary429(30 * time.Second), status: 429,
			header: map[string]string{"Retry-After": "30"}, docSuffix: "secondary-rate-limits"},
		{name: "secondary 403", fault: fake.FaultSecondary403(1500 * time.Millisecond), status: 403,
			header: map[string]string{"Retry-After": "2"}, docSuffix: "secondary-rate-limits"},
		{name: "500", fault: fake.FaultServerError(500), status: 500, message: "Server Error"},
		{name: "502", fault: fake.FaultServerError(502), status: 502, noRate: true,
			header: map[string]string{"Content-Type": "text/html; charset=utf-8"}, bodyPrefix: "<html>"},
		{name: "503", fault: fake.FaultServerError(503), status: 503, message: "Service Unavailable"},
		{name: "504", fault: fake.FaultServerError(504), status: 504, message: "Gateway Timeout"},
		{name: "custom", fault: &fake.Fault{Status: 418, Header: http.Header{"X-Extra": {"yes"}}}, status: 418,
			message: "I'm a teapot", header: map[string]string{"X-Extra": "yes"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := startServer(t, fake.FakeOptions{})
			srv.SetFaults(func(*http.Request) *fake.Fault { return tt.fault })
			resp, body, err := fetch(t, rawClient(t, 10*time.Second), srv, "repos/octo/hello/pulls?state=all")
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tt.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.status)
			}
			if tt.bodyPrefix != "" {
				if !strings.HasPrefix(string(body), tt.bodyPrefix) {
					t.Errorf("body %q, want it to start %q", body, tt.bodyPrefix)
				}
			} else {
				var e struct {
					Message          string `json:"message"`
					DocumentationURL string `json:"documentation_url"`
				}
				if err := json.Unmarshal(body, &e); err != nil {
					t.Fatalf("body %s: %v", body, err)
				}
				if tt.message != "" && e.Message != tt.message {
					t.Errorf("message %q, want %q", e.Message, tt.message)
				}
				if !strings.HasPrefix(e.DocumentationURL, "https://docs.github.com/") || !strings.HasSuffix(e.DocumentationURL, tt.docSuffix) {
					t.Errorf("documentation_url %q, want a docs.github.com link ending %q", e.DocumentationURL, tt.docSuffix)
				}
				if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
					t.Errorf("Content-Type %q", ct)
				}
			}
			for k, v := range tt.header {
				if got := resp.Header.Get(k); got != v {
					t.Errorf("%s: %q, want %q", k, got, v)
				}
			}
			if got := resp.Header.Get("X-RateLimit-Limit") != ""; got == tt.noRate {
				t.Errorf("rate-limit headers present = %v, want %v", got, !tt.noRate)
			}
			if resp.Header.Get("Content-Length") != strconv.Itoa(len(body)) {
				t.Errorf("Content-Length %q for %d bytes", resp.Header.Get("Content-Length"), len(body))
			}
			if n := len(srv.Requests()); n != 1 {
				t.Errorf("%d requests recorded, want 1", n)
			}
		})
	}
}

func TestFaultPathAndClearing(t *testing.T) {
	srv := startServer(t, fake.FakeOptions{})
	c := rawClient(t, 10*time.Second)
	srv.SetFaults(fake.FaultPath("/timeline", fake.FaultNotFound()))
	if resp, _, err := fetch(t, c, srv, "repos/octo/hello/pulls/1"); err != nil || resp.StatusCode != 200 {
		t.Errorf("pull with a timeline fault: %v %v", resp.Status, err)
	}
	if resp, _, err := fetch(t, c, srv, "repos/octo/hello/issues/1/timeline"); err != nil || resp.StatusCode != 404 {
		t.Errorf("timeline with a timeline fault: %v %v", resp.Status, err)
	}
	// The zero Fault is a normal answer.
	srv.SetFaults(func(*http.Request) *fake.Fault { return &fake.Fault{} })
	if resp, _, err := fetch(t, c, srv, "repos/octo/hello/issues/1/timeline"); err != nil || resp.StatusCode != 200 {
		t.Errorf("zero fault: %v %v", resp.Status, err)
	}
	srv.SetFaults(fake.FaultPath("/", fake.FaultServerError(500)))
	srv.SetFaults(nil)
	if resp, _, err := fetch(t, c, srv, "repos/octo/hello/issues/1/timeline"); err != nil || resp.StatusCode != 200 {
		t.Errorf("after clearing: %v %v", resp.Status, err)
	}
	if n := len(srv.Requests()); n != 4 {
		t.Errorf("%d requests recorded, want 4", n)
	}
}

func TestFaultMalformed(t *testing.T) {
	srv := startServer(t, fake.FakeOptions{})
	srv.SetFaults(func(*http.Request) *fake.Fault { return &fake.Fault{Malformed: true} })
	resp, body, err := fetch(t, rawClient(t, 10*time.Second), srv, "repos/octo/hello/pulls/1")
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || json.Valid(body) || len(body) == 0 {
		t.Errorf("status %d, body %q: want 200 and invalid JSON", resp.StatusCode, body)
	}
	if resp.Header.Get("X-RateLimit-Remaining") == "" {
		t.Error("malformed answer lacks rate-limit headers")
	}
}

func TestFaultTruncate(t *testing.T) {
	srv := startServer(t, fake.FakeOptions{})
	c := rawClient(t, 10*time.Second)
	_, whole, err := fetch(t, c, srv, "repos/octo/hello/pulls?state=all")
	if err != nil {
		t.Fatal(err)
	}
	srv.SetFaults(func(*http.Request) *fake.Fault {
		return &fake.Fault{Truncate: true, Header: http.Header{"X-Extra": {"cut"}}}
	})
	for range 3 { // and the connection pool copes with dropped connections
		resp, body, err := fetch(t, c, srv, "repos/octo/hello/pulls?state=all")
		if !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Fatalf("read error %v, want unexpected EOF", err)
		}
		if resp.StatusCode != 200 || resp.ContentLength != int64(len(whole)) || resp.Header.Get("X-Extra") != "cut" {
			t.Errorf("status %d, Content-Length %d (whole body %d), X-Extra %q", resp.StatusCode, resp.ContentLength, len(whole), resp.Header.Get("X-Extra"))
		}
		if len(body) != len(whole)/2 || string(body) != string(whole[:len(whole)/2]) {
			t.Errorf("got %d bytes, want the first %d of the whole body", len(body), len(whole)/2)
		}
	}
}

func TestFaultHangEndsWithTheClient(t *testing.T) {
	srv := startServer(t, fake.FakeOptions{})
	srv.SetFaults(func(*http.Request) *fake.Fault { return &fake.Fault{Hang: true} })
	_, _, err := fetch(t, rawClient(t, 100*time.Millisecond), srv, "repos/octo/hello/pulls")
	if err == nil {
		t.Fatal("a hung request succeeded")
	}
	// The cause, not a clock: the client's own timeout ended it.
	if ne, ok := errors.AsType[net.Error](err); !ok || !ne.Timeout() {
		t.Errorf("a hung request ended with %v, want the client's timeout", err)
	}
	if n := len(srv.Requests()); n != 1 {
		t.Errorf("%d requests recorded, want 1", n)
	}
}

// A request hanging when the server closes gets no answer, not an empty
// 200, and Close does not wait for the client to give up.
func TestFaultHangEndsWithClose(t *testing.T) {
	before := runtime.NumGoroutine()
	srv, err := fake.NewFakeServer(testDataset(), fake.FakeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	srv.SetFaults(func(*http.Request) *fake.Fault { return &fake.Fault{Hang: true} })
	tr := &http.Transport{}
	c := &http.Client{Transport: tr}
	var wg sync.WaitGroup
	errs := make(chan error, 3)
	for range 3 {
		wg.Go(func() {
			resp, err := c.Get(srv.URL + "repos/octo/hello/pulls")
			if err == nil {
				resp.Body.Close()
				err = errors.New("answered: " + resp.Status)
			} else {
				err = nil
			}
			errs <- err
		})
	}
	waitFor(t, func() bool { return len(srv.Requests()) == 3 })
	// The client has no timeout, so only Close can end these requests; the
	// guard turns a regression's hang into a failure that says so.
	closed := make(chan error, 1)
	go func() {
		err := srv.Close()
		wg.Wait()
		closed <- err
	}()
	select {
	case err := <-closed:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(hangGuard):
		t.Fatalf("Close and the hung requests had not ended after %v", hangGuard)
	}
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("hung request: %v, want a connection error", err)
		}
	}
	tr.CloseIdleConnections()
	waitFor(t, func() bool { return runtime.NumGoroutine() <= before })
}

// nextOf is the rel="next" link of resp, or "".
func nextOf(t *testing.T, resp *http.Response) string {
	t.Helper()
	if u := links(t, resp.Header.Get("Link"))["next"]; u != nil {
		return u.String()
	}
	return ""
}

func TestFaultLinkLoops(t *testing.T) {
	srv := startServer(t, fake.FakeOptions{})
	c := rawClient(t, 10*time.Second)
	page := func(n int) string {
		return "repos/octo/hello/pulls?state=all&per_page=3&page=" + strconv.Itoa(n)
	}
	srv.SetFaults(func(*http.Request) *fake.Fault { return &fake.Fault{LinkLoop: fake.LinkLoopSame} })
	for _, n := range []int{1, 3, 9} {
		resp, _, err := fetch(t, c, srv, page(n))
		if err != nil {
			t.Fatal(err)
		}
		next := links(t, resp.Header.Get("Link"))["next"]
		if next == nil || next.Query().Get("page") != strconv.Itoa(n) || !strings.HasPrefix(next.String(), srv.URL) ||
			next.Query().Get("per_page") != "3" || links(t, resp.Header.Get("Link"))["last"] != nil {
			t.Errorf("same, page %d: Link %q", n, resp.Header.Get("Link"))
		}
	}
	srv.SetFaults(func(*http.Request) *fake.Fault { return &fake.Fault{LinkLoop: fake.LinkLoopIncreasing} })
	for _, n := range []int{1, 3, 9} {
		resp, body, err := fetch(t, c, srv, page(n))
		if err != nil {
			t.Fatal(err)
		}
		next := links(t, resp.Header.Get("Link"))["next"]
		if next == nil || next.Query().Get("page") != strconv.Itoa(n+1) {
			t.Errorf("increasing, page %d: Link %q", n, resp.Header.Get("Link"))
		}
		if n == 9 && string(body) != "[]" {
			t.Errorf("page past the data: %s", body)
		}
	}
	// Only lists are paginated: a single object keeps its (absent) Link.
	resp, _, err := fetch(t, c, srv, "repos/octo/hello/pulls/1")
	if err != nil {
		t.Fatal(err)
	}
	if l := resp.Header.Get("Link"); l != "" {
		t.Errorf("a pull got Link %q", l)
	}
	// Timelines are lists too.
	resp, _, err = fetch(t, c, srv, "repos/octo/hello/issues/1/timeline?per_page=100")
	if err != nil {
		t.Fatal(err)
	}
	if next := nextOf(t, resp); !strings.Contains(next, "page=2") {
		t.Errorf("timeline next %q", next)
	}
}

func TestFaultForeignNext(t *testing.T) {
	srv := startServer(t, fake.FakeOptions{})
	c := rawClient(t, 10*time.Second)
	srv.SetFaults(func(*http.Request) *fake.Fault { return &fake.Fault{ForeignNext: true} })
	resp, _, err := fetch(t, c, srv, "repos/octo/hello/pulls?state=all&per_page=3&page=2")
	if err != nil {
		t.Fatal(err)
	}
	rels := links(t, resp.Header.Get("Link"))
	if next := rels["next"]; next == nil || next.Host != "evil.example.invalid" || next.Query().Get("page") != "3" ||
		next.Path != "/repos/octo/hello/pulls" {
		t.Errorf("next: Link %q", resp.Header.Get("Link"))
	}
	for _, rel := range []string{"prev", "last", "first"} {
		if u := rels[rel]; u == nil || !strings.HasPrefix(u.String(), srv.URL) {
			t.Errorf("%s: Link %q", rel, resp.Header.Get("Link"))
		}
	}
	// The last page has no next to bend.
	resp, _, err = fetch(t, c, srv, "repos/octo/hello/pulls?state=all&per_page=3&page=3")
	if err != nil {
		t.Fatal(err)
	}
	if next := nextOf(t, resp); next != "" {
		t.Errorf("last page has next %q", next)
	}
	// With a loop, next always leads away.
	srv.SetFaults(func(*http.Request) *fake.Fault {
		return &fake.Fault{ForeignNext: true, LinkLoop: fake.LinkLoopIncreasing}
	})
	resp, _, err = fetch(t, c, srv, "repos/octo/hello/pulls?state=all&per_page=3&page=3")
	if err != nil {
		t.Fatal(err)
	}
	if next := nextOf(t, resp); !strings.HasPrefix(next, fake.ForeignNextURL) || !strings.Contains(next, "page=4") {
		t.Errorf("increasing and foreign: next %q", next)
	}
}

// SetFaults may change the faults while requests are served; run with -race.
func TestSetFaultsWhileServing(t *testing.T) {
	srv := startServer(t, fake.FakeOptions{MaxLatency: time.Millisecond})
	c := rawClient(t, 10*time.Second)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for ctx.Err() == nil {
				req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"repos/octo/hello/pulls?state=all&per_page=2", nil)
				resp, err := c.Do(req)
				if err == nil {
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
			}
		})
	}
	faults := []*fake.Fault{fake.FaultNotFound(), {Malformed: true}, {Truncate: true}, {LinkLoop: fake.LinkLoopSame}, nil}
	for i := 0; len(srv.Requests()) < 100; i++ {
		f := faults[i%len(faults)]
		srv.SetFaults(func(*http.Request) *fake.Fault {
			srv.Requests() // a fault function may use the server
			return f
		})
		time.Sleep(time.Millisecond)
	}
	cancel()
	wg.Wait()
}
