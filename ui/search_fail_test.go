package ui

import (
	"net/http"
	"strings"
	"testing"

	"github.com/prscope/prscope/github/fake"
)

// A search that fails says so where its results would be, banner
// included: never "0 results", which would claim nothing matched.
func TestAFailedSearchSaysItFailed(t *testing.T) {
	for name, cfg := range map[string]Config{
		"s":        {Repo: widgets},
		"--search": {Repo: widgets, Search: "number 2"},
	} {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t, testDataset(5, nil), cfg, 160, 30)
			h.server.SetFaults(fake.FaultPath("/search/", fake.FaultServerError(http.StatusInternalServerError)))
			h.run()
			if cfg.Search == "" {
				h.keys("s")
				h.typeText("number 2")
				h.keys("enter")
				h.run()
			}
			lines := strings.Split(h.view(), "\n")
			if !strings.Contains(lines[1], "search: number 2 · search failed") || strings.Contains(lines[1], "0 results") {
				t.Errorf("banner %q: want it to say the search failed", lines[1])
			}
			if !strings.Contains(lines[2], "search failed (r to retry, s to edit): 500 Internal") {
				t.Errorf("where the results would be: %q", lines[2])
			}
			h.server.SetFaults(nil)
			h.keys("r")
			h.run()
			if lines := strings.Split(h.view(), "\n"); !strings.Contains(lines[1], "search: number 2 · 1 result") {
				t.Errorf("after r: banner %q, want the result", lines[1])
			}
		})
	}
}
