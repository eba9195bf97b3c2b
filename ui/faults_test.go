package ui

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/github/fake"
)

// faultCases are the ways GitHub fails, each with what the user must read.
var faultCases = []struct {
	name  string
	fault func() *fake.Fault
	want  string
	// holds: GitHub said not to ask again before a time; go-github keeps
	// to that, so r cannot recover at once (issue 5's cache answers then).
	holds bool
}{
	{"bad token", fake.FaultBadToken, "401 Unauthorized", false},
	{"no access", fake.FaultNoAccess, "403 Forbidden", false},
	{"SAML SSO", fake.FaultSAML, "SSO", false},
	{"not found", fake.FaultNotFound, "404 Not Found", false},
	{"gone", fake.FaultGone, "410 Gone", false},
	{"unprocessable", fake.FaultUnprocessable, "422", false},
	{"rate limited", func() *fake.Fault { return fake.FaultRateLimited(time.Now().Add(time.Hour)) }, "rate limit", true},
	{"secondary 429", func() *fake.Fault { return fake.FaultSecondary429(30 * time.Second) }, "retry in 30s", true},
	{"secondary 403", func() *fake.Fault { return fake.FaultSecondary403(30 * time.Second) }, "retry in 30s", true},
	{"500", func() *fake.Fault { return fake.FaultServerError(http.StatusInternalServerError) }, "500 Internal Server Error", false},
	{"502", func() *fake.Fault { return fake.FaultServerError(http.StatusBadGateway) }, "502 Bad Gateway", false},
	{"503", func() *fake.Fault { return fake.FaultServerError(http.StatusServiceUnavailable) }, "503 Service Unavailable", false},
	{"malformed JSON", func() *fake.Fault { return &fake.Fault{Malformed: true} }, "malformed response", false},
	{"cut-off body", func() *fake.Fault { return &fake.Fault{Truncate: true} }, "cut off", false},
	{"hang", func() *fake.Fault { return &fake.Fault{Hang: true} }, "timed out", false},
}

// TestEveryFaultIsShownWhereTheUserLooks makes each endpoint fail in each
// way in turn: the message appears (status bar, or in place of what
// failed), the rest keeps working, and every request is answered (the
// harness checks nothing stays in flight, so the spinner stops).
func TestEveryFaultIsShownWhereTheUserLooks(t *testing.T) {
	endpoints := []struct {
		name, path string
		inPlace    string // what the pane says where the item failed
	}{
		{"list", "/pulls", "could not load pull requests"},
		{"timeline", "/timeline", "r to retry"},
		{"commit", "/git/commits/", "message unavailable"},
	}
	for _, ep := range endpoints {
		for _, fc := range faultCases {
			t.Run(ep.name+"/"+fc.name, func(t *testing.T) {
				ds := testDataset(5, map[int]int{5: 6, 4: 3})
				var srv *fake.FakeServer
				// A hang ends only at the client's timeout: keep it short there.
				timeout := timeoutForTests
				if fc.name == "hang" {
					timeout = hangTimeout
				}
				h := newHarnessFull(t, ds, Config{Repo: widgets}, 160, 45, nil, timeout)
				srv = h.server
				srv.SetFaults(func(r *http.Request) *fake.Fault {
					if strings.Contains(r.URL.Path, ep.path) && !strings.HasSuffix(r.URL.Path, "/pulls/5") {
						return fc.fault()
					}
					return nil
				})
				h.run()
				v := h.view()
				if !strings.Contains(v, fc.want) {
					t.Errorf("the screen does not say %q:\n%s", fc.want, v)
				}
				if !strings.Contains(v, ep.inPlace) {
					t.Errorf("nothing in place of the failed %s (%q):\n%s", ep.name, ep.inPlace, v)
				}
				if fc.holds {
					return
				}
				// The rest keeps working: the other endpoints answer.
				srv.SetFaults(nil)
				h.keys("r")
				h.run()
				if v := h.view(); strings.Contains(v, fc.want) {
					t.Errorf("after the server recovered and r, the error is still shown:\n%s", v)
				}
				if h.root().lists.list.Len() != 5 {
					t.Errorf("after recovery the list has %d PRs, want 5", h.root().lists.list.Len())
				}
			})
		}
	}
}

// TestAFiveMegabyteCommentStaysCheap: the comment (100 times what GitHub
// allows) is cut at model.MaxTextBytes as it comes in, shows collapsed with
// its size, expands to a bounded number of lines, and the pane keeps working.
func TestAFiveMegabyteCommentStaysCheap(t *testing.T) {
	ds := testDataset(2, nil)
	huge := strings.Repeat("A line of a very long bot log that goes on and on. ", 100000) // ~5 MB
	ds.Repo("acme/widgets").Pull(2).Timeline = []fake.FakeEvent{
		{Event: "commented", Actor: "bot", CreatedAt: time.Date(2023, 1, 2, 0, 0, 0, 0, time.UTC), Body: huge},
		{Event: "closed", Actor: "alice", CreatedAt: time.Date(2023, 1, 3, 0, 0, 0, 0, time.UTC)},
	}
	// 5 MB takes a while under the race detector: a timeout to match.
	h := newHarnessFull(t, ds, Config{Repo: widgets}, 160, 45, nil, 30*time.Second)
	h.run()
	if v := h.view(); !strings.Contains(v, "512 KB more (enter to expand)") {
		t.Fatalf("the collapsed comment does not say how much more there is:\n%s", v)
	}
	h.keys("tab", "j", "j", "enter")
	if v := h.view(); !strings.Contains(v, "A line of a very long bot log") {
		t.Fatalf("the expanded comment is not drawn:\n%s", v)
	}
	h.keys("G")
	if v := h.view(); !strings.Contains(v, "closed this") || !strings.Contains(v, "cut at 2000 lines") {
		t.Fatalf("past the expanded comment: want its cut note and the next event:\n%s", v)
	}
}
