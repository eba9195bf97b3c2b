package ui

import (
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
)

// typeText sends text as key presses, one rune at a time.
func (h *harness) typeText(text string) {
	for _, r := range text {
		h.send(keyMsg(string(r)))
	}
}

// searchQueries are the q parameters of the searches the server received.
func (h *harness) searchQueries() []string {
	var out []string
	for _, r := range h.server.Requests() {
		if r.Path == "/search/issues" {
			out = append(out, r.Query.Get("q")+" page="+r.Query.Get("page"))
		}
	}
	return out
}

func resultNumbers(m Model) []int {
	_, numbers := m.lists.search.results.SearchIndex()
	return numbers
}

func TestSearchTypedAndEnteredFetchesPage1(t *testing.T) {
	h := newHarness(t, testDataset(30, nil), Config{Repo: widgets}, 120, 30)
	h.run()
	h.keys("s")
	if !h.root().lists.search.typing() {
		t.Fatal("s did not open the search prompt")
	}
	// While typing, keys go to the query: q does not quit, j does not move.
	h.typeText("quj sort:created-asc number 2")
	m := h.root()
	if got := m.lists.search.typed(); got != "quj sort:created-asc number 2" {
		t.Errorf("query typed = %q", got)
	}
	if pr, _ := m.lists.list.Selected(); pr.Number != 30 {
		t.Errorf("typing moved the list to #%d", pr.Number)
	}
	if !strings.Contains(h.view(), "search: quj sort:created-asc number 2") {
		t.Errorf("the prompt is not drawn in the list pane:\n%s", h.view())
	}
	h.keys("backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace",
		"backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace",
		"backspace", "backspace", "backspace", "backspace", "backspace")
	h.typeText("sort:created-asc change")
	if len(h.searchQueries()) != 0 {
		t.Fatalf("searched before enter: %v", h.searchQueries())
	}
	h.keys("enter")
	h.run()
	if got := h.searchQueries(); !slices.Equal(got, []string{"is:pr repo:acme/widgets sort:created-asc change page=1"}) {
		t.Errorf("searches sent = %q", got)
	}
	m = h.root()
	if got := resultNumbers(m); len(got) != 30 || got[0] != 1 || got[29] != 30 {
		t.Errorf("results = %v, want 1…30", got)
	}
	if m.shown != 1 {
		t.Errorf("shown = #%d, want the first result, #1", m.shown)
	}
	lines := strings.Split(h.view(), "\n")
	if !strings.Contains(lines[1], "search: sort:created-asc change · 30 results") || !strings.Contains(lines[2], "#1 ") {
		t.Errorf("want the banner over the results (oldest first here), not the list:\n%s", h.view())
	}
	// Moving in the results shows their PRs.
	h.keys("j")
	h.run()
	if h.root().shown != 2 {
		t.Errorf("j on the results shows #%d, want #2", h.root().shown)
	}
}

func TestSearchLateAnswerForAnOlderQueryIsDropped(t *testing.T) {
	h := newHarness(t, testDataset(30, nil), Config{Repo: widgets}, 120, 30)
	h.run()
	h.keys("s")
	h.typeText("number 2")
	h.keys("enter")
	h.keys("s")
	h.keys(repeat("backspace", 1)...)
	h.typeText("1")
	h.keys("enter") // "number 1" while "number 2" is on its way
	// The newer answer first, the older one late.
	slices.Reverse(h.pending)
	h.run()
	m := h.root()
	if m.lists.search.query != "number 1" {
		t.Fatalf("query = %q", m.lists.search.query)
	}
	if got := resultNumbers(m); !slices.Equal(got, []int{1}) {
		t.Errorf("results = %v: want number 1's, not number 2's", got)
	}
	if !strings.Contains(h.view(), "search: number 1 · 1 result ") {
		t.Errorf("banner:\n%s", h.view())
	}
	if len(h.searchQueries()) != 2 {
		t.Errorf("searches = %v", h.searchQueries())
	}
}

func TestSearchEscRestoresTheListAndCursor(t *testing.T) {
	h := newHarness(t, testDataset(30, nil), Config{Repo: widgets}, 120, 30)
	h.run()
	h.keys(repeat("j", 5)...)
	h.run()
	before := h.root()
	if before.shown != 25 {
		t.Fatalf("shown = #%d, want #25", before.shown)
	}
	h.keys("s")
	h.typeText("number 1")
	h.keys("enter")
	h.run()
	h.keys("j", "j")
	h.run()
	if h.root().shown == 25 || !h.root().lists.search.active {
		t.Fatalf("the search did not take over: shown #%d", h.root().shown)
	}
	h.keys("esc")
	h.run()
	m := h.root()
	if m.lists.search.active || m.lists.search.typing() {
		t.Error("esc left the search on")
	}
	if pr, _ := m.lists.list.Selected(); pr.Number != 25 || m.shown != 25 || m.lists.list.Cursor() != before.lists.list.Cursor() {
		t.Errorf("after esc: cursor on #%d (row %d), shown #%d; want #25 at row %d", pr.Number, m.lists.list.Cursor(), m.shown, before.lists.list.Cursor())
	}
	if view := h.view(); strings.Contains(view, "search:") || !strings.Contains(view, "#30") {
		t.Errorf("the list is not back:\n%s", view)
	}

	// esc while typing a new query, or enter on an empty one: back, nothing sent.
	n := len(h.searchQueries())
	for _, leave := range [][]string{{"s", "x", "esc"}, {"s", "enter"}} {
		h.keys(leave...)
		h.run()
		if m := h.root(); m.lists.search.typing() || m.lists.search.active || m.shown != 25 || len(h.searchQueries()) != n {
			t.Errorf("%v: typing %v active %v shown #%d, %d searches sent", leave, m.lists.search.typing(), m.lists.search.active, m.shown, len(h.searchQueries())-n)
		}
	}
	// A second search after esc starts from an empty prompt.
	h.keys("s")
	if v := h.root().lists.search.typed(); v != "" {
		t.Errorf("prompt after leaving = %q, want empty", v)
	}
}

func TestSearchRefineKeepsResultsOnEsc(t *testing.T) {
	h := newHarness(t, testDataset(30, nil), Config{Repo: widgets}, 120, 30)
	h.run()
	h.keys("s")
	h.typeText("number 2")
	h.keys("enter")
	h.run()
	h.keys("/") // on results, / edits the query
	m := h.root()
	if !m.lists.search.typing() || m.lists.search.typed() != "number 2" || m.lists.filter.typing() {
		t.Fatalf("/ on results: typing %v, prompt %q, filter %v", m.lists.search.typing(), m.lists.search.typed(), m.lists.filter.typing())
	}
	h.keys("esc")
	if m := h.root(); !m.lists.search.active || m.lists.search.typing() || len(resultNumbers(m)) != 1 {
		t.Errorf("esc while refining: active %v typing %v, %d results; want the results kept", m.lists.search.active, m.lists.search.typing(), len(resultNumbers(m)))
	}
}

func TestSearchPagesNearTheEnd(t *testing.T) {
	h := newHarness(t, testDataset(250, nil), Config{Repo: widgets}, 120, 30)
	h.run()
	h.keys("s")
	h.typeText("Widget")
	h.keys("enter")
	h.run()
	m := h.root()
	if len(resultNumbers(m)) != 100 || m.store.Search.Info.Total != 250 || m.store.Search.Next != 2 {
		t.Fatalf("page 1: %d results, total %d, next %d", len(resultNumbers(m)), m.store.Search.Info.Total, m.store.Search.Next)
	}
	h.keys(repeat("j", 50)...)
	h.run()
	if n := len(h.searchQueries()); n != 1 {
		t.Errorf("%d searches before the end was near, want 1", n)
	}
	h.keys("G")
	h.run()
	h.keys("G")
	h.run()
	m = h.root()
	if got := h.searchQueries(); len(got) != 3 || got[1] != "is:pr repo:acme/widgets Widget page=2" || got[2] != "is:pr repo:acme/widgets Widget page=3" {
		t.Errorf("searches = %q", got)
	}
	if len(resultNumbers(m)) != 250 || m.store.Search.Next != 0 {
		t.Errorf("after paging: %d results, next %d", len(resultNumbers(m)), m.store.Search.Next)
	}
}

func TestSearchErrorsShowGitHubsMessage(t *testing.T) {
	h := newHarness(t, testDataset(5, nil), Config{Repo: widgets}, 160, 30)
	h.run()
	h.keys("s")
	h.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(strings.Repeat("x", 240))}) // a paste
	h.keys("enter")
	h.run()
	if view := h.view(); !strings.Contains(view, "error: 422 Unprocessable Entity: Validation Failed") ||
		!strings.Contains(h.root().store.LastErr(), "The search is longer than 256 characters.") {
		t.Errorf("a 422 is not shown with GitHub's message (%q):\n%s", h.root().store.LastErr(), view)
	}
	// A query for another repository is refused before asking.
	h.keys("s", "ctrl+u")
	h.send(tea.KeyMsg{Type: tea.KeyCtrlU})
	h.typeText("repo:acme/gadgets x")
	h.keys("enter")
	h.run()
	if view := h.view(); !strings.Contains(view, "repo:acme/gadgets") || !strings.Contains(view, "open that repository") {
		t.Errorf("another repository's query:\n%s", view)
	}
	if n := len(h.searchQueries()); n != 1 {
		t.Errorf("%d searches sent, want only the first", n)
	}
}

func TestSearchResultDetailFetchesThePR(t *testing.T) {
	h := newHarness(t, testDataset(150, nil), Config{Repo: widgets}, 160, 30)
	h.run() // the list's first page: #150 … #51
	h.keys("s")
	h.typeText("sort:created-asc change")
	h.keys("enter")
	h.run()
	m := h.root()
	if m.shown != 1 {
		t.Fatalf("shown #%d, want #1", m.shown)
	}
	if h.pullRequests(1) != 1 {
		t.Errorf("GET /pulls/1 sent %d times, want once: search results have no head or base", h.pullRequests(1))
	}
	if view := h.view(); !strings.Contains(view, "into main from feature-1 ") {
		t.Errorf("the detail lacks the branches:\n%s", view)
	}
	if _, ok := m.lists.list.Lookup(1); ok {
		t.Error("#1 was added to the repository's list")
	}
	// A result the list holds needs no request.
	h.keys("G")
	h.run()
	if m := h.root(); m.shown != 100 || h.pullRequests(100) != 0 {
		t.Errorf("shown #%d, /pulls/100 sent %d times; want #100 from the list", m.shown, h.pullRequests(100))
	}
	if view := h.view(); !strings.Contains(view, "from feature-100") {
		t.Errorf("the detail lacks #100's branches:\n%s", view)
	}
}

func TestSearchFlagStartsOnResults(t *testing.T) {
	h := newHarness(t, testDataset(30, nil), Config{Repo: widgets, Search: "number 2"}, 120, 30)
	h.run()
	m := h.root()
	if !m.lists.search.active || len(resultNumbers(m)) != 1 || h.requests("/repos/acme/widgets/pulls") == 0 {
		t.Fatalf("--search: active %v, %d results, list requests %d", m.lists.search.active, len(resultNumbers(m)), h.requests("/repos/acme/widgets/pulls"))
	}
	if !strings.Contains(h.view(), "search: number 2 · 1 result ") {
		t.Errorf("view:\n%s", h.view())
	}
	h.keys("esc")
	h.run()
	if m := h.root(); m.lists.search.active || m.shown != 30 {
		t.Errorf("esc: active %v shown #%d; want the list on #30", m.lists.search.active, m.shown)
	}
}

// A search left with esc while its page is on the way, then another: the
// first's page must not land in the second's list.
func TestSearchAnswerAfterLeavingIsDropped(t *testing.T) {
	h := newHarness(t, testDataset(30, nil), Config{Repo: widgets}, 120, 30)
	h.run()
	h.keys("s")
	h.typeText("number 2")
	h.keys("enter", "esc", "s")
	h.typeText("number 3")
	h.keys("enter")
	slices.Reverse(h.pending)
	h.run()
	if got := resultNumbers(h.root()); !slices.Equal(got, []int{3}) {
		t.Errorf("results = %v, want only number 3's", got)
	}
}

// The demo searched: the banner over the results, the first result open.
func TestGoldenDemoSearch(t *testing.T) {
	h := demoHarness(t, Config{Search: "verifier is:merged"}, 160, 30)
	h.run()
	v := h.view()
	if !strings.Contains(v, "search: verifier is:merged · ") {
		t.Errorf("no banner:\n%s", v)
	}
	golden.RequireEqual(t, []byte(v))
}

// The prompt while typing, over the repository's list.
func TestGoldenDemoSearchPrompt(t *testing.T) {
	h := demoHarness(t, Config{}, 100, 16)
	h.run()
	h.keys("s")
	h.typeText("label:bpf")
	golden.RequireEqual(t, []byte(h.view()))
}

// TestFiltersShowInTheStatusBar: a list opened with filters (--author …
// arrive as a search query) says so in the status bar, whichever pane has
// the focus; esc goes back to every PR.
func TestFiltersShowInTheStatusBar(t *testing.T) {
	h := newHarness(t, testDataset(30, nil), Config{Repo: widgets, Search: "author:alice base:main"}, 160, 30)
	h.run()
	for _, focus := range []string{"list", "detail"} {
		if got := h.root().status.View(); !strings.Contains(got, "search: author:alice base:main") {
			t.Errorf("%s focused: the status bar does not show the filters: %q", focus, got)
		}
		h.keys("tab")
	}
	h.keys("esc") // in the list: back to every PR
	h.run()
	if got := h.root().status.View(); strings.Contains(got, "search:") {
		t.Errorf("esc kept the filters in the status bar: %q", got)
	}
}

// TestSearchWithNoResultShowsNoPR: a search nothing matches leaves no PR
// in the detail (the one shown before is not a result); esc brings it back.
func TestSearchWithNoResultShowsNoPR(t *testing.T) {
	h := newHarness(t, testDataset(30, nil), Config{Repo: widgets}, 160, 30)
	h.run()
	before, _ := h.root().detail.PR()
	h.keys("s")
	h.typeText("nosuchwordanywhere")
	h.keys("enter")
	h.run()
	if _, ok := h.root().detail.PR(); ok || !strings.Contains(h.view(), "no pull request selected") {
		t.Errorf("with no result the detail still shows a PR:\n%s", h.view())
	}
	h.keys("esc")
	h.run()
	if pr, ok := h.root().detail.PR(); !ok || pr.Number != before.Number {
		t.Errorf("esc shows #%d, want #%d back", pr.Number, before.Number)
	}
}
