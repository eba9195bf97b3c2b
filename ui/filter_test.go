package ui

import (
	"context"
	"strings"
	"testing"
)

// TestFilterFollowsTheList: while the query is typed, the arrows move in
// the results (letters still go to the query); a page that arrives later
// is matched too, and the selection stays on the PR it was on.
func TestFilterFollowsTheList(t *testing.T) {
	h := newHarness(t, testDataset(150, nil), Config{Repo: widgets}, 160, 45)
	h.run()
	h.keys("/", "4")
	h.run()
	first, _ := h.root().filter.results.Selected()
	h.keys("down", "j") // j is text: the query becomes "4j"
	h.keys("backspace")
	h.run()
	second, _ := h.root().filter.results.Selected()
	if second.Number == first.Number || h.root().filter.query != "4" {
		t.Fatalf("down while typing: on #%d (was #%d), query %q", second.Number, first.Number, h.root().filter.query)
	}
	if pr, _ := h.root().detail.PR(); pr.Number != second.Number {
		t.Errorf("the detail shows #%d, want the selected result #%d", pr.Number, second.Number)
	}
	before := h.root().filter.total

	// Page 2 (PRs 1-50) arrives while the filter is on.
	h.inFlightAdd(1)
	h.queue(fetchPulls(context.Background(), h.root().cfg.Source, widgets, "all", 2, 100, false))
	h.run()
	after := h.root().filter.total
	if after <= before {
		t.Fatalf("the filter did not match the new page: %d results before, %d after", before, after)
	}
	if got, _ := h.root().filter.results.Selected(); got.Number != second.Number {
		t.Errorf("after the new page the selection moved to #%d, want #%d", got.Number, second.Number)
	}
	if v := h.view(); !strings.Contains(v, "of 150 loaded") {
		t.Errorf("the status does not count the new page:\n%s", v)
	}
}
