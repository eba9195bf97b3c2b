package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/github/fake"
)

// reviewedWidgets is widgetsServer with a review on #3, so dump also asks
// for its review comments.
func reviewedWidgets(t *testing.T) *fake.FakeServer {
	return widgetsServerWith(t, func(ds *fake.Dataset) {
		pr := ds.Repos["acme/widgets"].Pull(3)
		pr.Timeline = append(pr.Timeline, fake.FakeEvent{Event: "reviewed", Actor: "bob", State: "approved",
			CreatedAt: time.Date(2024, 2, 1, 12, 0, 0, 0, time.UTC)})
	})
}

type partialDump struct {
	Pull     *struct{ Number int } `json:"pull"`
	Timeline []struct {
		Event  string `json:"event"`
		Commit *struct {
			Message string `json:"message"`
			Error   string `json:"error"`
		} `json:"commit"`
	} `json:"timeline"`
	Truncated string `json:"truncated"`
	Checks    *struct {
		Error         string            `json:"error"`
		Runs          []json.RawMessage `json:"runs"`
		StatusesError string            `json:"statuses_error"`
	} `json:"checks"`
	ReviewComments *struct {
		Error     string `json:"error"`
		Truncated string `json:"truncated"`
	} `json:"review_comments"`
}

func decodePartial(t *testing.T, stdout string) partialDump {
	t.Helper()
	var d partialDump
	if err := json.Unmarshal([]byte(stdout), &d); err != nil || d.Pull == nil {
		t.Fatalf("no dump (%v):\n%.300s", err, stdout)
	}
	return d
}

// Every optional part degrades to its own "error" and one warning line,
// exit 0; before, a 500 on one commit message, a 500 on the review
// comments, or a 429 on the checks (whose backoff then refused the review
// comments) made dump exit 1 with no JSON.
func TestDumpOptionalPartsDegrade(t *testing.T) {
	for _, tt := range []struct {
		name, path string
		fault      *fake.Fault
		check      func(partialDump) bool
		warning    string
	}{
		{"commit message 500", "/repos/someone/widgets/git/commits/", fake.FaultServerError(500), func(d partialDump) bool {
			for _, e := range d.Timeline {
				if e.Event == "referenced" {
					return e.Commit != nil && strings.Contains(e.Commit.Error, "500")
				}
			}
			return false
		}, "1 commit message(s) could not be fetched"},
		{"review comments 500", "/pulls/3/comments", fake.FaultServerError(500), func(d partialDump) bool {
			return d.ReviewComments != nil && strings.Contains(d.ReviewComments.Error, "500")
		}, "the review comments could not be fetched"},
		{"checks 429", "/check-runs", fake.FaultSecondary429(time.Hour), func(d partialDump) bool {
			return d.Checks != nil && strings.Contains(d.Checks.Error, "429")
		}, "the CI checks could not be fetched"},
		{"combined status 500", "/status", fake.FaultServerError(500), func(d partialDump) bool {
			return d.Checks != nil && d.Checks.Error == "" && d.Checks.Runs != nil && strings.Contains(d.Checks.StatusesError, "500")
		}, "the commit statuses could not be fetched"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := reviewedWidgets(t)
			srv.SetFaults(fake.FaultPath(tt.path, tt.fault))
			code, stdout, stderr := runCLI(t, nil, "dump", "--no-cache", "--api-url", srv.URL, "acme/widgets#3")
			if code != exitOK {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			d := decodePartial(t, stdout)
			if !tt.check(d) {
				t.Errorf("the part's error is not in the dump:\n%s", stdout)
			}
			if !strings.Contains(stderr, tt.warning) {
				t.Errorf("stderr %q lacks %q", stderr, tt.warning)
			}
		})
	}
}

// A listing whose paging stops (a loop, a repeated or empty page) is
// printed as far as it got, with "truncated" and a warning, exit 0.
func TestDumpPrintsTruncatedListings(t *testing.T) {
	t.Run("timeline", func(t *testing.T) {
		srv := reviewedWidgets(t)
		srv.SetFaults(fake.FaultPath("/timeline", &fake.Fault{LinkLoop: fake.LinkLoopSame}))
		code, stdout, stderr := runCLI(t, nil, "dump", "--no-cache", "--api-url", srv.URL, "acme/widgets#3")
		if code != exitOK {
			t.Fatalf("exit %d, stderr %q", code, stderr)
		}
		d := decodePartial(t, stdout)
		if len(d.Timeline) != 6 || !strings.Contains(d.Truncated, "pagination loop") {
			t.Errorf("%d events, truncated %q", len(d.Timeline), d.Truncated)
		}
		if !strings.Contains(stderr, "not all of the timeline: paging stopped (pagination loop") {
			t.Errorf("stderr %q", stderr)
		}
	})
	for _, tt := range []struct{ name, path string }{
		{"list", "/repos/acme/widgets/pulls"},
		{"search", "/search/issues"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := widgetsServer(t)
			srv.SetFaults(fake.FaultPath(tt.path, &fake.Fault{RepeatItems: true}))
			args := []string{"dump", "--no-cache", "--api-url", srv.URL, "--limit", "1000", "acme/widgets"}
			if tt.name == "search" {
				args = append(args, "--search", "widget")
			}
			code, stdout, stderr := runCLI(t, nil, args...)
			if code != exitOK {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			var l struct {
				Pulls     []struct{ Number int } `json:"pulls"`
				Truncated string                 `json:"truncated"`
			}
			if err := json.Unmarshal([]byte(stdout), &l); err != nil {
				t.Fatal(err)
			}
			// Page 2 repeats page 1: paging stops there (was the page cap).
			if len(l.Pulls) == 0 || !strings.Contains(l.Truncated, "page 2 repeats items of earlier pages") {
				t.Errorf("%d PRs, truncated %q", len(l.Pulls), l.Truncated)
			}
			if n := countPath(srv, tt.path); n != 2 {
				t.Errorf("%d requests to %s, want 2", n, tt.path)
			}
			if !strings.Contains(stderr, ": paging stopped (") {
				t.Errorf("stderr %q", stderr)
			}
		})
	}
}

func countPath(srv *fake.FakeServer, path string) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Path == path {
			n++
		}
	}
	return n
}

// A dump answered from the cache because the rate limit is used up says so
// on stderr, once, and still prints the dump.
func TestDumpSaysItWasServedFromCacheForARateLimit(t *testing.T) {
	srv := widgetsServer(t)
	dir := t.TempDir()
	// Every answer stale at once, so the second dump must ask GitHub again.
	srv.SetFaults(func(*http.Request) *fake.Fault {
		return &fake.Fault{Header: http.Header{"Cache-Control": {"private, max-age=0"}}}
	})
	first := runOK(t, nil, "dump", "--cache-dir", dir, "--api-url", srv.URL, "acme/widgets#3")
	reset := time.Now().Add(2 * time.Hour).Truncate(time.Second)
	srv.SetFaults(func(*http.Request) *fake.Fault { return fake.FaultRateLimited(reset) })
	code, stdout, stderr := runCLI(t, nil, "dump", "--cache-dir", dir, "--api-url", srv.URL, "acme/widgets#3")
	if code != exitOK || stdout != first {
		t.Fatalf("exit %d, stderr %q; the same dump? %v", code, stderr, stdout == first)
	}
	want := "old: rate limit used up until " + reset.Local().Format("15:04")
	if strings.Count(stderr, "served from cache, ") != 1 || !strings.Contains(stderr, want) {
		t.Errorf("stderr %q: want one line saying %q", stderr, want)
	}
}
