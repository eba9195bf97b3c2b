package ui

import (
	"strings"
	"testing"

	"github.com/prscope/prscope/model"
)

// TestRenamedRepositoryIsSaidOnce: prscope acme/widgets after it became
// acme/gizmos shows the list, says the new name once in the status bar
// (not an error per request), and its requests go to the new name.
func TestRenamedRepositoryIsSaidOnce(t *testing.T) {
	ds := testDataset(5, map[int]int{5: 3})
	ds.Repos["acme/gizmos"] = ds.Repos["acme/widgets"]
	delete(ds.Repos, "acme/widgets")
	ds.Repos["acme/gizmos"].FormerNames = []string{"acme/widgets"}
	h := newHarness(t, ds, Config{Repo: model.Repo{Owner: "acme", Name: "widgets"}}, 160, 45)
	h.run()
	v := h.view()
	if !strings.Contains(v, "acme/gizmos (renamed from acme/widgets)") || strings.Contains(v, "error") {
		t.Errorf("the status bar does not say the new name:\n%s", v)
	}
	if !strings.Contains(v, "Widget change number 5") {
		t.Errorf("the list is not shown:\n%s", v)
	}
	t.Logf("%d requests to the old name", h.requests("/repos/acme/widgets/"))
	if n := h.requests("/repos/acme/widgets/"); n > 1 {
		t.Errorf("%d requests went to the old name; once it is known, none should", n)
	}
}
