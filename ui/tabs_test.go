package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/github/fake"

	"github.com/prscope/prscope/ui/store"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/prscope/prscope/model"
)

var gadgets = model.Repo{Owner: "acme", Name: "gadgets"}

// tabsHarness runs Tabs over acme/widgets (tab 0) and acme/gadgets (tab 1).
func tabsHarness(t *testing.T) *harness {
	t.Helper()
	return tabsHarnessASCII(t, false)
}

// tabsHarnessASCII is tabsHarness with --ascii set or not.
func tabsHarnessASCII(t *testing.T, ascii bool) *harness {
	t.Helper()
	ds := testDataset(30, map[int]int{30: 6})
	repo := ds.EnsureRepo("acme/gadgets")
	base := time.Date(2023, 2, 1, 0, 0, 0, 0, time.UTC)
	for i := 1; i <= 5; i++ {
		repo.Pulls = append(repo.Pulls, &fake.FakePull{Number: i, Title: fmt.Sprintf("Gadget tweak %d", i), State: "open",
			User: "gina", Head: fmt.Sprintf("g-%d", i), Base: "main", CreatedAt: base.Add(time.Duration(i) * time.Hour),
			UpdatedAt: base.Add(time.Duration(i) * time.Hour)})
	}
	h := newHarness(t, ds, Config{Repo: widgets}, 160, 45)
	client := h.root().cfg.Source
	tabs := NewTabs(
		Config{Repo: widgets, Source: client, ASCII: ascii, SettleDelay: time.Millisecond, Now: func() time.Time { return testNow }},
		Config{Repo: gadgets, Source: client, ASCII: ascii, SettleDelay: time.Millisecond, Now: func() time.Time { return testNow }})
	h.m, h.pending = tabs, nil
	h.send(tea.WindowSizeMsg{Width: 160, Height: 45})
	h.queue(tabs.Init())
	return h
}

// TestTabsKeepTheirOwnState: each repository loads into its own tab; ] and [
// switch; what one tab shows (its cursor, its detail) stays when the other
// is used; answers always land in the tab that asked.
func TestTabsKeepTheirOwnState(t *testing.T) {
	h := tabsHarness(t)
	h.run()
	v := h.view()
	if !strings.HasPrefix(v, "▸acme/widgets ") || !strings.Contains(strings.Split(v, "\n")[0], "acme/gadgets") {
		t.Fatalf("no tab bar naming both repositories:\n%s", v)
	}
	if !strings.Contains(v, "Widget change number 30") || strings.Contains(v, "Gadget tweak") {
		t.Fatalf("the first tab does not show acme/widgets alone:\n%s", v)
	}
	h.keys("j", "j")
	h.run()
	h.keys("]")
	v = h.view()
	if !strings.Contains(v, "Gadget tweak 5") || strings.Contains(v, "Widget change") || !strings.Contains(v, "▸acme/gadgets") {
		t.Fatalf("] does not show acme/gadgets:\n%s", v)
	}
	h.keys("j")
	h.run()
	tabs := h.m.(Tabs)
	if pr, _ := tabs.tabs[1].detail.PR(); pr.Number != 4 {
		t.Errorf("gadgets' detail shows #%d, want #4", pr.Number)
	}
	if pr, _ := tabs.tabs[0].detail.PR(); pr.Number != 28 {
		t.Errorf("widgets' detail moved to #%d while hidden, want #28", pr.Number)
	}
	h.keys("[")
	if v := h.view(); !strings.Contains(v, "▸acme/widgets") || !strings.Contains(v, "Widget change number 28 #28") {
		t.Errorf("[ does not go back to widgets as it was:\n%s", v)
	}
}

// TestTabKeysAreTextWhileTyping: [ and ] are text in a query, and the help
// lists them only when there are tabs.
func TestTabKeysAreTextWhileTyping(t *testing.T) {
	h := tabsHarness(t)
	h.run()
	h.keys("/", "]")
	if tabs := h.m.(Tabs); tabs.active != 0 || tabs.tabs[0].lists.filter.editor.Value() != "]" {
		t.Errorf("] while filtering: tab %d, query %q", tabs.active, tabs.tabs[0].lists.filter.editor.Value())
	}
	h.keys("esc", "?")
	if v := h.view(); !strings.Contains(v, "next repository") {
		t.Errorf("the help does not list ] with two tabs:\n%s", v)
	}
	one := newHarness(t, testDataset(3, nil), Config{Repo: widgets}, 160, 45)
	one.run()
	one.keys("?")
	if v := one.view(); strings.Contains(v, "next repository") {
		t.Errorf("the help lists ] with one repository:\n%s", v)
	}
}

// TestTabsClickAndLateAnswers: a click on the bar switches tabs; a page for
// the hidden tab is filed there, not drawn into the one on screen.
func TestTabsClickAndLateAnswers(t *testing.T) {
	h := tabsHarness(t)
	h.run()
	h.send(tea.MouseMsg{X: len(" acme/widgets  ") + 2, Y: 0, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	if h.m.(Tabs).active != 1 {
		t.Fatal("a click on the second label did not switch")
	}
	h.send(tabMsg{tab: 0, msg: store.Reply[[]model.PullRequest]{Envelope: store.Envelope{Key: store.Key{Kind: store.KindListRefresh, Page: 1}}, Value: []model.PullRequest{{Number: 30, Title: "Renamed while hidden", State: "open"}}}})
	if v := h.view(); strings.Contains(v, "Renamed while hidden") {
		t.Errorf("widgets' answer was drawn into gadgets:\n%s", v)
	}
	h.keys("[")
	if v := h.view(); !strings.Contains(v, "Renamed while hidden") {
		t.Errorf("widgets' answer was not filed in its tab:\n%s", v)
	}
}

// With --ascii, the tab bar and the tab under it hold only ASCII.
func TestTabsASCII(t *testing.T) {
	h := tabsHarnessASCII(t, true)
	h.run()
	h.keys("]", "tab", "j")
	h.run()
	v := h.view()
	if !strings.Contains(v, "acme/gadgets") {
		t.Fatalf("no tab bar:\n%s", v)
	}
	for i, r := range v {
		if r > 127 {
			t.Fatalf("non-ASCII %q at byte %d:\n%s", r, i, v)
		}
	}
}

// TestQuitCancelsEveryTab: q ends every tab's requests, not only the
// shown one's.
func TestQuitCancelsEveryTab(t *testing.T) {
	h := tabsHarness(t)
	h.run()
	_, cmd := h.m.Update(keyMsg("q"))
	if cmd == nil {
		t.Fatal("q did not quit")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("q did not quit")
	}
	for i, m := range h.m.(Tabs).tabs {
		if m.ctx.Err() == nil {
			t.Errorf("tab %d's requests were not cancelled", i)
		}
	}
}
