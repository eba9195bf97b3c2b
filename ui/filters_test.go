package ui

import (
	"strings"
	"testing"
)

// TestFilterBar: F opens the filters as fields where the status bar was;
// enter applies them as a GitHub search; F again shows them filled in; no
// filter at all goes back to the repository's list.
func TestFilterBar(t *testing.T) {
	h := demoHarness(t, Config{}, 160, 45)
	h.run()
	h.keys("F")
	last := func() string { v := strings.Split(h.view(), "\n"); return v[len(v)-1] }
	if l := last(); !strings.Contains(l, "filter") || !strings.Contains(l, "▸state:") || !strings.Contains(l, "‹all›") {
		t.Fatalf("F does not show the bar on the state field: %q", l)
	}
	h.keys("tab")
	h.typeText("kfunc-fan")
	h.keys("enter")
	h.run()
	m := h.root()
	if !m.lists.search.active || m.lists.search.query != "author:kfunc-fan" {
		t.Fatalf("applied: search %v %q, want author:kfunc-fan", m.lists.search.active, m.lists.search.query)
	}
	_, numbers := m.lists.search.results.SearchIndex()
	if len(numbers) == 0 {
		t.Fatal("no results")
	}
	for _, n := range numbers {
		if pr, _ := m.lists.search.results.Lookup(n); pr.User != "kfunc-fan" {
			t.Errorf("#%d by %s in the results", pr.Number, pr.User)
		}
	}
	if l := last(); !strings.Contains(l, "search: author:kfunc-fan") {
		t.Errorf("the status bar does not show the filter: %q", l)
	}

	// Again: filled in; the state cycles on its own field.
	h.keys("F")
	if l := last(); !strings.Contains(l, "kfunc-fan") {
		t.Fatalf("the bar does not show the filter in force: %q", l)
	}
	h.keys(" ") // on the state
	h.keys("enter")
	h.run()
	if q := h.root().lists.search.query; q != "is:open author:kfunc-fan" {
		t.Errorf("state open: query %q", q)
	}

	// Everything cleared: the repository's list again.
	h.keys("F", " ", " ", "tab") // the state back to all; then the author
	for range "kfunc-fan" {
		h.keys("backspace")
	}
	h.keys("enter")
	h.run()
	if m := h.root(); m.lists.search.active {
		t.Errorf("no filter left, but still a search: %q", m.lists.search.query)
	}

	// esc leaves without applying; a bad value keeps the bar open.
	h.keys("F", "tab")
	h.typeText("a b")
	h.keys("enter")
	if l := last(); !h.root().bar.Focused() || !strings.Contains(h.root().notice, "--author") {
		t.Errorf("a login with a space was applied: %q, notice %q", l, h.root().notice)
	}
	h.keys("esc")
	if h.root().bar.Focused() || h.root().lists.search.active {
		t.Error("esc did not close the bar without applying")
	}
}
