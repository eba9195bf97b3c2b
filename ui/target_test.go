package ui

import (
	"net/http"
	"strings"
	"testing"

	"github.com/prscope/prscope/github/fake"
)

// prscope OWNER/REPO#N keeps to #N when GET /pulls/N fails: the detail pane
// says why in #N's place (not the newest PR's), and r asks for #N again.
func TestNamedPRStaysSelectedWhenItFails(t *testing.T) {
	ds := testDataset(120, map[int]int{1: 3})
	// Five PRs a page: #1 is far down, so the list cannot stand in.
	h := newHarness(t, ds, Config{Repo: widgets, Number: 1, PerPage: 5}, 160, 45)
	h.server.SetFaults(func(r *http.Request) *fake.Fault {
		if strings.HasSuffix(r.URL.Path, "/pulls/1") {
			return fake.FaultServerError(http.StatusInternalServerError)
		}
		return nil
	})
	h.run()
	v := h.view()
	if m := h.root(); m.shown != 1 {
		t.Fatalf("#%d shown after GET /pulls/1 failed, want #1:\n%s", m.shown, v)
	}
	if !strings.Contains(v, "could not load (r to retry): 500 Internal Server Error: acme/widgets#1") {
		t.Errorf("the detail pane does not say why #1 is missing:\n%s", v)
	}
	if strings.Contains(v, "› Widget change number 120") {
		t.Errorf("the newest PR is shown instead:\n%s", v)
	}

	h.server.SetFaults(nil)
	h.keys("r")
	h.run()
	v = h.view()
	if m := h.root(); m.shown != 1 || h.pullRequests(1) != 2 || h.pullRequests(120) != 0 {
		t.Errorf("after r: #%d shown, GET /pulls/1 %d times, /pulls/120 %d; want #1, 2, 0", m.shown, h.pullRequests(1), h.pullRequests(120))
	}
	if !strings.Contains(v, "Widget change number 1") || strings.Contains(v, "could not load") {
		t.Errorf("after r, #1 is not shown:\n%s", v)
	}
}

// TestNamedPRThatDoesNotExist: acme/widgets#99999 when the repository
// lists its PRs says there is no such PR, not that it may be private.
func TestNamedPRThatDoesNotExist(t *testing.T) {
	h := newHarness(t, testDataset(30, nil), Config{Repo: widgets, Number: 99999}, 160, 45)
	h.run()
	v := h.view()
	if m := h.root(); m.shown != 99999 {
		t.Errorf("#%d shown, want the stand-in for #99999", m.shown)
	}
	if !strings.Contains(v, "no PR #99999 in acme/widgets") || strings.Contains(v, "private") {
		t.Errorf("the pane does not say #99999 is not in acme/widgets:\n%s", v)
	}
}
