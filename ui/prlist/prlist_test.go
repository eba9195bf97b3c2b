package prlist

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/common"
)

func TestMain(m *testing.M) {
	// Views are compared as plain text: no colour codes.
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

var testNow = time.Date(2024, 1, 15, 12, 0, 0, 0, time.UTC)

func newList(w, h int) Model {
	m := New(common.Common{Styles: common.DefaultStyles(), Now: func() time.Time { return testNow }})
	m.SetSize(w, h)
	m.Focus()
	return m
}

// pr n is open, closed, merged or draft by n%4, and n hours old.
func pr(n int) model.PullRequest {
	p := model.PullRequest{
		Number: n, Title: fmt.Sprintf("Change number %d", n), State: model.StateOpen,
		User: "alice", CreatedAt: testNow.Add(-time.Duration(n) * time.Hour),
	}
	switch n % 4 {
	case 1:
		p.State = model.StateClosed
	case 2:
		p.State = model.StateMerged
	case 3:
		p.Draft = true
	}
	return p
}

// page is PRs from down to to, newest first, as GitHub lists them.
func page(from, to int) []model.PullRequest {
	var out []model.PullRequest
	for n := from; n >= to; n-- {
		out = append(out, pr(n))
	}
	return out
}

func numbers(m Model) []int {
	out := make([]int, len(m.items))
	for i, p := range m.items {
		out[i] = p.Number
	}
	return out
}

func keyMsg(k string) tea.KeyMsg {
	switch k {
	case "ctrl+d":
		return tea.KeyMsg{Type: tea.KeyCtrlD}
	case "ctrl+u":
		return tea.KeyMsg{Type: tea.KeyCtrlU}
	case "pgdown":
		return tea.KeyMsg{Type: tea.KeyPgDown}
	case "pgup":
		return tea.KeyMsg{Type: tea.KeyPgUp}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case "home":
		return tea.KeyMsg{Type: tea.KeyHome}
	case "end":
		return tea.KeyMsg{Type: tea.KeyEnd}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

func press(m Model, ks ...string) Model {
	for _, k := range ks {
		m, _ = m.Update(keyMsg(k))
	}
	return m
}

func selected(t *testing.T, m Model) int {
	t.Helper()
	p, ok := m.Selected()
	if !ok {
		t.Fatalf("nothing selected")
	}
	return p.Number
}

// selectedRow is the number on the View line with the selection glyph, or
// -1 when none is drawn.
func selectedRow(t *testing.T, m Model) int {
	t.Helper()
	found := -1
	for _, l := range strings.Split(m.View(), "\n") {
		if strings.HasPrefix(l, "▶ ") || strings.HasPrefix(l, "▷ ") {
			if found != -1 {
				t.Fatalf("two selected rows:\n%s", m.View())
			}
			i := strings.Index(l, "#")
			if i < 0 {
				t.Fatalf("selected row without a number: %q", l)
			}
			fmt.Sscanf(l[i+1:], "%d", &found)
		}
	}
	return found
}

func TestAppendPagesKeepsTheSelection(t *testing.T) {
	m := newList(100, 10)
	if _, ok := m.Selected(); ok || m.Len() != 0 {
		t.Fatalf("empty list: Len %d, selection %v", m.Len(), ok)
	}
	m.Append(page(300, 201))
	if m.Len() != 100 || selected(t, m) != 300 {
		t.Fatalf("page 1: Len %d, selected #%d", m.Len(), selected(t, m))
	}
	m = press(m, slices.Repeat([]string{"j"}, 95)...)
	if got := selected(t, m); got != 205 {
		t.Fatalf("95 j: selected #%d, want #205", got)
	}
	m.Append(page(200, 101))
	if m.Len() != 200 {
		t.Errorf("page 2: Len %d", m.Len())
	}
	if got := selected(t, m); got != 205 || m.Cursor() != 95 {
		t.Errorf("page 2 moved the selection to #%d (row %d)", got, m.Cursor())
	}
	if got := selectedRow(t, m); got != 205 {
		t.Errorf("selected row drawn is #%d", got)
	}
	for _, n := range []int{300, 201, 200, 101} {
		if p, ok := m.Lookup(n); !ok || p.Number != n || p.Title != fmt.Sprintf("Change number %d", n) {
			t.Errorf("Lookup(%d) = #%d %q, %v", n, p.Number, p.Title, ok)
		}
	}
	for _, n := range []int{100, 301, 0} {
		if _, ok := m.Lookup(n); ok {
			t.Errorf("Lookup(%d) found a PR never loaded", n)
		}
	}
	if want := page(300, 101); !slices.Equal(numbers(m), numbersOf(want)) {
		t.Errorf("order %v", numbers(m))
	}
}

func numbersOf(prs []model.PullRequest) []int {
	out := make([]int, len(prs))
	for i, p := range prs {
		out[i] = p.Number
	}
	return out
}

// TestAppendWithoutScrolling appends pages whose rows were never drawn: the
// row cache is shorter than the list.
func TestAppendWithoutScrolling(t *testing.T) {
	m := newList(80, 5)
	m.Append(page(1000, 901))
	m.Append(page(900, 801))
	m.Append(page(800, 701))
	if m.Len() != 300 {
		t.Fatalf("Len %d", m.Len())
	}
	m = press(m, "G")
	if got := selectedRow(t, m); got != 701 {
		t.Errorf("G: selected row #%d, want #701", got)
	}
	v := m.View()
	for _, n := range []int{701, 702, 703, 704, 705} {
		if !strings.Contains(v, fmt.Sprintf("#%d  Change number %d ", n, n)) {
			t.Errorf("row #%d missing or wrong:\n%s", n, v)
		}
	}
}

func TestDuplicatesInOverlappingPagesAppearOnce(t *testing.T) {
	m := newList(80, 10)
	m.Append(page(300, 201))
	m = press(m, "G") // on #201
	// The list moved under us: the next page starts with five PRs we have.
	m.Append(page(205, 106))
	want := page(300, 106)
	if got := numbers(m); !slices.Equal(got, numbersOf(want)) {
		t.Errorf("numbers %v", got)
	}
	if m.Len() != 195 {
		t.Errorf("Len %d, want 195", m.Len())
	}
	if got := selected(t, m); got != 201 {
		t.Errorf("selected #%d, want #201", got)
	}
	// A page that only repeats adds nothing, and moves nothing.
	m.Append(page(250, 240))
	if got := numbers(m); !slices.Equal(got, numbersOf(want)) {
		t.Errorf("repeated page: numbers %v", got)
	}
	// A PR from far up the list seen again keeps its first place.
	m.Append(append([]model.PullRequest{pr(280)}, page(105, 101)...))
	want = append(want, page(105, 101)...)
	if got := numbers(m); !slices.Equal(got, numbersOf(want)) {
		t.Errorf("page repeating #280: numbers %v", got)
	}
	if got := selected(t, m); got != 201 {
		t.Errorf("selected #%d, want #201", got)
	}
}

func TestOutOfOrderPR(t *testing.T) {
	m := newList(80, 10)
	m.Append(page(300, 201))
	m.AddOutOfOrder(pr(150))
	if m.Len() != 101 || m.items[100].Number != 150 {
		t.Fatalf("out of order PR not after the loaded pages: %v", numbers(m)[95:])
	}
	if !m.Select(150) || selected(t, m) != 150 || selectedRow(t, m) != 150 {
		t.Fatalf("Select(150): selected #%d", selected(t, m))
	}
	if m.NearEnd(10) {
		t.Errorf("NearEnd while on the PR opened by number")
	}
	m = press(m, "k") // #201, the last of the loaded pages
	if got := selected(t, m); got != 201 || !m.NearEnd(0) {
		t.Errorf("k: on #%d, NearEnd(0) %v; want #201, true", got, m.NearEnd(0))
	}
	m = press(m, "j")

	// A page without it: the PR stays after the pages.
	m.Append(page(200, 151))
	if got := numbers(m); got[len(got)-1] != 150 || m.Len() != 151 {
		t.Errorf("page without #150: tail %v, Len %d", got[len(got)-3:], m.Len())
	}
	if got := selected(t, m); got != 150 || m.NearEnd(10) {
		t.Errorf("selected #%d, NearEnd %v", got, m.NearEnd(10))
	}

	checkOutOfOrderPaged(t, m)
}

// checkOutOfOrderPaged: once its page arrives, the PR opened by number is
// listed once, in the page's order, and stays selected.
func checkOutOfOrderPaged(t *testing.T, m Model) {
	t.Helper()
	// The page with it: once, in the page's order, still selected.
	m.Append(page(150, 101))
	if got, want := numbers(m), numbersOf(page(300, 101)); !slices.Equal(got, want) {
		t.Errorf("after its page: %v", got)
	}
	if got := selected(t, m); got != 150 || m.Cursor() != 150 {
		t.Errorf("selected #%d at row %d, want #150 at 150", got, m.Cursor())
	}
	if got := selectedRow(t, m); got != 150 {
		t.Errorf("selected row drawn #%d", got)
	}
	if m.NearEnd(10) {
		t.Errorf("row 150 of 200 is not near the end")
	}
	m = press(m, "G")
	if !m.NearEnd(0) {
		t.Errorf("G: not NearEnd")
	}
	if p, ok := m.Lookup(150); !ok || p.Number != 150 {
		t.Errorf("Lookup(150) after its page: %v", ok)
	}
}

func TestAddOutOfOrderOfLoadedPRReplacesIt(t *testing.T) {
	m := newList(80, 10)
	m.Append(page(20, 11))
	fresher := pr(15)
	fresher.Title = "A fresher title"
	m.AddOutOfOrder(fresher)
	if m.Len() != 10 {
		t.Errorf("Len %d, want 10", m.Len())
	}
	if !strings.Contains(m.View(), "#15 A fresher title") {
		t.Errorf("fresher copy not drawn:\n%s", m.View())
	}
	if !m.NearEnd(9) || m.NearEnd(8) {
		t.Errorf("a loaded PR counted as out of order: NearEnd(9) %v NearEnd(8) %v", m.NearEnd(9), m.NearEnd(8))
	}
	fresher.Title = "Replaced again"
	m.Replace(fresher)
	m.Replace(pr(99)) // not loaded: ignored
	if !strings.Contains(m.View(), "#15 Replaced again") || m.Len() != 10 {
		t.Errorf("Replace not drawn:\n%s", m.View())
	}
}

func TestNavigationKeys(t *testing.T) {
	tests := []struct {
		key  string
		want int // cursor row after the key
	}{
		{"j", 1}, {"j", 2}, {"k", 1}, {"down", 2}, {"up", 1}, {"ctrl+d", 7}, {"ctrl+d", 13}, {"pgdown", 25},
		{"ctrl+u", 19}, {"pgup", 7}, {"pgup", 0}, {"k", 0}, {"G", 149}, {"j", 149}, {"pgdown", 149},
		{"ctrl+u", 143}, {"g", 0}, {"end", 149}, {"home", 0}, {"pgup", 0},
	}
	m := newList(80, 12)
	m.Append(page(150, 1))
	for i, tt := range tests {
		m = press(m, tt.key)
		if m.Cursor() != tt.want {
			t.Fatalf("step %d %q: cursor %d, want %d", i, tt.key, m.Cursor(), tt.want)
		}
		wantNumber := 150 - tt.want
		if got := selected(t, m); got != wantNumber {
			t.Fatalf("step %d %q: selected #%d, want #%d", i, tt.key, got, wantNumber)
		}
		if got := selectedRow(t, m); got != wantNumber {
			t.Fatalf("step %d %q: view shows #%d selected, want #%d:\n%s", i, tt.key, got, wantNumber, m.View())
		}
		if lines := strings.Split(m.View(), "\n"); len(lines) != 12 {
			t.Fatalf("step %d: %d lines", i, len(lines))
		}
	}
}

func TestKeysIgnoredWhenBlurred(t *testing.T) {
	m := newList(80, 10)
	m.Append(page(50, 1))
	m = press(m, "j", "j")
	m.Blur()
	before := m.View()
	if !strings.Contains(before, "▷ ") || strings.Contains(before, "▶") {
		t.Errorf("blurred selection glyph wrong:\n%s", before)
	}
	for _, k := range []string{"j", "k", "G", "g", "ctrl+d", "pgdown"} {
		m = press(m, k)
		if m.Cursor() != 2 || m.View() != before {
			t.Errorf("%q moved a blurred list to %d", k, m.Cursor())
		}
	}
	m.Focus()
	if !strings.Contains(m.View(), "▶ ") {
		t.Errorf("focused selection glyph missing:\n%s", m.View())
	}
}

func TestRows(t *testing.T) {
	long := pr(4321)
	long.Title = "A title that is much too long to fit in the title column of any sensible width"
	long.User = "a-very-long-login-name"
	tests := []struct {
		name  string
		pr    model.PullRequest
		width int
		want  string // the whole row, trailing space trimmed
	}{
		{"open", pr(100), 60, "  open   #100 Change number 100        alice              4d"},
		{"closed", pr(101), 60, "  closed #101 Change number 101        alice              4d"},
		{"merged", pr(102), 60, "  merged #102 Change number 102        alice              4d"},
		{"draft", pr(103), 60, "  draft  #103 Change number 103        alice              4d"},
		{"truncated title and author", long, 70, "  closed #4321 A title that is much too long to… a-very-long-log…  6mo"},
		{"no author when narrow", long, 40, "  closed #4321 A title that is muc…  6mo"},
		{"number and title only", long, 18, "  #4321 A title t…"},
		{"ghost", model.PullRequest{Number: 7, Title: "t", State: "open", CreatedAt: testNow.Add(-2 * 365 * 24 * time.Hour)}, 50,
			"  open   #7 t                ghost              2y"},
		{"unknown age", model.PullRequest{Number: 8, Title: "t", State: "closed", User: "bob"}, 50,
			"  closed #8 t                bob                 -"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newList(tt.width, 3)
			m.Append([]model.PullRequest{pr(1), tt.pr}) // #1: the row under test is not selected
			lines := strings.Split(m.View(), "\n")
			if got := strings.TrimRight(lines[1], " "); got != tt.want {
				t.Errorf("row\n got %q\nwant %q", got, tt.want)
			}
			if w := lipgloss.Width(lines[1]); w > tt.width {
				t.Errorf("row %d wide at width %d", w, tt.width)
			}
		})
	}
}

func TestSelectionGlyph(t *testing.T) {
	m := newList(60, 4)
	m.Append(page(12, 9))
	m = press(m, "j")
	lines := strings.Split(m.View(), "\n")
	if !strings.HasPrefix(lines[1], "▶ draft  #11 ") || !strings.HasPrefix(lines[0], "  open   #12 ") {
		t.Errorf("focused:\n%s", m.View())
	}
	m.Blur()
	if lines := strings.Split(m.View(), "\n"); !strings.HasPrefix(lines[1], "▷ draft  #11 ") {
		t.Errorf("blurred:\n%s", m.View())
	}
}

// column is the screen column where sub starts in line.
func column(line, sub string) int {
	i := strings.Index(line, sub)
	if i < 0 {
		return -1
	}
	return lipgloss.Width(line[:i])
}

func TestNumbersAlign(t *testing.T) {
	m := newList(60, 5)
	m.Append([]model.PullRequest{pr(1000), pr(999), pr(5)})
	lines := strings.Split(m.View(), "\n")
	col := column(lines[0], "Change")
	if col != 15 { // "▶ " state, "#1000", a space
		t.Errorf("title at column %d, want 15:\n%s", col, m.View())
	}
	for _, l := range lines[1:3] {
		if got := column(l, "Change"); got != col {
			t.Errorf("title at column %d, want %d:\n%s", got, col, m.View())
		}
	}
	// A longer number arriving later widens the column for every row.
	m.AddOutOfOrder(pr(123456))
	lines = strings.Split(m.View(), "\n")
	col = column(lines[0], "Change")
	if col != 17 {
		t.Errorf("after #123456: title at column %d, want 17:\n%s", col, m.View())
	}
	for _, l := range lines[1:4] {
		if got := column(l, "Change"); got != col {
			t.Errorf("after #123456: title at column %d, want %d:\n%s", got, col, m.View())
		}
	}
}

func TestEveryLineFitsTheWidth(t *testing.T) {
	var prs []model.PullRequest
	for n := 120000; n > 119960; n-- {
		p := pr(n)
		switch n % 5 {
		case 0:
			p.Title = strings.Repeat("漢字", 80)
		case 1:
			p.Title = "emoji 🎉 " + strings.Repeat("🚀", 60)
		case 2:
			p.User = strings.Repeat("long", 20)
		case 3:
			p.Title = strings.Repeat("x", 300)
		}
		prs = append(prs, p)
	}
	for _, loading := range []bool{false, true} {
		m := New(common.Common{Styles: common.DefaultStyles(), Now: func() time.Time { return testNow }})
		m.Focus()
		m.Append(prs)
		m.SetLoading(loading)
		for w := 1; w <= 200; w++ {
			for _, h := range []int{1, 2, 5, 17, 45} {
				m.SetSize(w, h)
				for _, keys := range [][]string{{"g"}, {"j", "j", "j"}, {"G"}} {
					m = press(m, keys...)
					lines := strings.Split(m.View(), "\n")
					if len(lines) != h {
						t.Fatalf("%dx%d loading=%v: %d lines", w, h, loading, len(lines))
					}
					for _, l := range lines {
						if lw := lipgloss.Width(l); lw > w {
							t.Fatalf("%dx%d loading=%v after %v: line of width %d: %q", w, h, loading, keys, lw, l)
						}
					}
				}
			}
		}
	}
}

func TestLoadingAndEmpty(t *testing.T) {
	m := newList(60, 6)
	if got := strings.Split(m.View(), "\n"); len(got) != 6 || got[0] != "  no pull requests" {
		t.Errorf("empty: %q", got)
	}
	m.Empty = "no open pull requests in acme/widgets"
	if got := strings.Split(m.View(), "\n")[0]; got != "  no open pull requests in acme/widgets" {
		t.Errorf("empty text: %q", got)
	}
	m.SetLoading(true)
	if got := strings.Split(m.View(), "\n"); len(got) != 6 || got[0] != "  loading pull requests…" {
		t.Errorf("empty and loading: %q", got)
	}

	m.Append(page(20, 1))
	// Not at the end: no loading row on screen.
	if strings.Contains(m.View(), "loading") {
		t.Errorf("loading row drawn away from the end:\n%s", m.View())
	}
	m = press(m, "G")
	lines := strings.Split(m.View(), "\n")
	if len(lines) != 6 || lines[5] != "  loading more…" || !strings.HasPrefix(lines[4], "▶ ") || !strings.Contains(lines[4], "#1 ") {
		t.Errorf("at the end while loading:\n%s", m.View())
	}
	m.SetLoading(false)
	lines = strings.Split(m.View(), "\n")
	if strings.Contains(m.View(), "loading") || !strings.Contains(lines[5], "#1 ") {
		t.Errorf("after loading:\n%s", m.View())
	}
	// A short list shows the loading row straight after its last row.
	s := newList(60, 6)
	s.Append(page(2, 1))
	s.SetLoading(true)
	if got := strings.Split(s.View(), "\n"); got[2] != "  loading more…" || got[3] != "" {
		t.Errorf("short list loading: %q", got)
	}
}

func TestTinySizes(t *testing.T) {
	for _, size := range [][2]int{{0, 0}, {1, 1}, {2, 1}, {3, 2}, {0, 10}, {10, 0}, {-1, -1}} {
		m := newList(size[0], size[1])
		m.SetLoading(true)
		m.Append(page(30, 1))
		m.AddOutOfOrder(pr(1000))
		m = press(m, "j", "G", "k", "ctrl+d", "pgup", "g")
		v := m.View()
		if size[0] <= 0 || size[1] <= 0 {
			if v != "" {
				t.Errorf("%v: view %q, want empty", size, v)
			}
			continue
		}
		lines := strings.Split(v, "\n")
		if len(lines) != size[1] {
			t.Errorf("%v: %d lines", size, len(lines))
		}
		for _, l := range lines {
			if lipgloss.Width(l) > size[0] {
				t.Errorf("%v: line %q too wide", size, l)
			}
		}
	}
}

func TestResizeRedrawsRows(t *testing.T) {
	m := newList(40, 5)
	long := pr(7)
	long.Title = strings.Repeat("word ", 30)
	m.Append([]model.PullRequest{long})
	narrow := m.View()
	m.SetSize(120, 5)
	wide := m.View()
	if narrow == wide || lipgloss.Width(strings.Split(wide, "\n")[0]) <= 40 {
		t.Errorf("rows not redrawn for the new width:\n%s\n---\n%s", narrow, wide)
	}
	if !strings.Contains(wide, "alice") || strings.Contains(narrow, "alice") {
		t.Errorf("author column should appear only when wide:\n%s\n---\n%s", narrow, wide)
	}
}

func TestRefreshUpdatesRowsInPlaceAndKeepsTheCursor(t *testing.T) {
	m := New(common.New())
	m.Focus()
	m.SetSize(80, 10)
	m.Append([]model.PullRequest{{Number: 5, Title: "five", State: "open"}, {Number: 4, Title: "four", State: "open"}, {Number: 3, Title: "three", State: "open"}})
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("j")}) // on #4
	m.Refresh([]model.PullRequest{{Number: 6, Title: "six", State: "open"}, {Number: 5, Title: "five", State: "open"}, {Number: 4, Title: "four, renamed", State: "merged"}}, true)
	if got, _ := m.Selected(); got.Number != 4 || got.Title != "four, renamed" {
		t.Fatalf("cursor on #%d %q, want #4 with its new title", got.Number, got.Title)
	}
	var order []int
	for i := 0; i < m.Len(); i++ {
		order = append(order, m.items[i].Number)
	}
	if fmt.Sprint(order) != "[6 5 4 3]" {
		t.Errorf("order %v, want the new PR on top: [6 5 4 3]", order)
	}
	if v := m.View(); !strings.Contains(v, "four, renamed") || !strings.Contains(v, "merged") {
		t.Errorf("the changed row is not redrawn:\n%s", v)
	}
}

// TestCIMarkFromLabels: a PR's latest V{N}-ci-* label puts ✗ or ✓ in front
// of its title, with no request; a PR without one has no mark.
func TestCIMarkFromLabels(t *testing.T) {
	m := newList(100, 10)
	m.Append([]model.PullRequest{
		{Number: 3, Title: "red one", State: "open", User: "kpd", Labels: []model.Label{{Name: "V1-ci-pass"}, {Name: "V2-ci-fail"}}},
		{Number: 2, Title: "green one", State: "open", User: "kpd", Labels: []model.Label{{Name: "V1-ci-pass"}}},
		{Number: 1, Title: "plain one", State: "open", User: "kpd", Labels: []model.Label{{Name: "bug"}}},
	})
	v := m.View()
	for _, want := range []string{"#3 ✗ red one", "#2 ✓ green one", "#1 plain one"} {
		if !strings.Contains(v, want) {
			t.Errorf("missing %q:\n%s", want, v)
		}
	}
}

// TestBottomGoesToTheLoadedPagesFirst: G lands on the last row of the
// loaded pages, where the next page loads, not on a PR opened by number
// pinned past them, which j reaches.
func TestBottomGoesToTheLoadedPagesFirst(t *testing.T) {
	m := newList(100, 10)
	m.AddOutOfOrder(model.PullRequest{Number: 11, Title: "pinned", State: "open"})
	var page []model.PullRequest
	for n := 300; n > 280; n-- {
		page = append(page, model.PullRequest{Number: n, Title: "paged", State: "open"})
	}
	m.Append(page)
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("g")}) // from the top, as after k
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("G")})
	if pr, _ := m.Selected(); pr.Number != 281 || !m.NearEnd(10) {
		t.Errorf("G selected #%d (near end %v), want #281, the last paged row", pr.Number, m.NearEnd(10))
	}
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("G")})
	if pr, _ := m.Selected(); pr.Number != 281 {
		t.Errorf("G again selected #%d, want #281 still", pr.Number)
	}
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("j")})
	if pr, _ := m.Selected(); pr.Number != 11 {
		t.Errorf("j selected #%d, want the pinned #11", pr.Number)
	}
}
