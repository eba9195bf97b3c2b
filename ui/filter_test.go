package ui

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/store"
)

// TestFilterFollowsTheList: while the query is typed, the arrows move in
// the results (letters still go to the query); a page that arrives later
// is matched too, and the selection stays on the PR it was on.
func TestFilterFollowsTheList(t *testing.T) {
	h := newHarness(t, testDataset(150, nil), Config{Repo: widgets}, 160, 45)
	h.run()
	h.keys("/", "4")
	h.run()
	first, _ := h.root().lists.filter.results.Selected()
	h.keys("down", "j") // j is text: the query becomes "4j"
	h.keys("backspace")
	h.run()
	second, _ := h.root().lists.filter.results.Selected()
	if second.Number == first.Number || h.root().lists.filter.editor.Value() != "4" {
		t.Fatalf("down while typing: on #%d (was #%d), query %q", second.Number, first.Number, h.root().lists.filter.editor.Value())
	}
	if pr, _ := h.root().detail.PR(); pr.Number != second.Number {
		t.Errorf("the detail shows #%d, want the selected result #%d", pr.Number, second.Number)
	}
	before := h.root().lists.filter.total

	// Page 2 (PRs 1-50) arrives while the filter is on.
	h.queue(func() tea.Msg {
		prs, info, err := h.root().cfg.Source.ListPulls(context.Background(), widgets, "all", 2, 100)
		return store.Reply[[]model.PullRequest]{Envelope: store.Envelope{Key: store.Key{Kind: store.KindList, Page: 2}, Err: err}, Value: prs, Info: info}
	})
	h.run()
	after := h.root().lists.filter.total
	if after <= before {
		t.Fatalf("the filter did not match the new page: %d results before, %d after", before, after)
	}
	if got, _ := h.root().lists.filter.results.Selected(); got.Number != second.Number {
		t.Errorf("after the new page the selection moved to #%d, want #%d", got.Number, second.Number)
	}
	if v := h.view(); !strings.Contains(v, "of 150 loaded") {
		t.Errorf("the status does not count the new page:\n%s", v)
	}
}
