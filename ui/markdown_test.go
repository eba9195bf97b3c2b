package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/prscope/prscope/github/fake"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/prscope/prscope/ui/detail"
)

// runCountingRenders is harness.run that also counts the markdown
// renderings answered, per text and width, and checks none is left
// counted as running.
func (h *harness) runCountingRenders() map[detail.MarkdownKey]int {
	h.t.Helper()
	counts := map[detail.MarkdownKey]int{}
	for i := 0; len(h.pending) > 0; i++ {
		if i > 10000 {
			h.t.Fatal("commands never settle")
		}
		cmd := h.pending[0]
		h.pending = h.pending[1:]
		msg := cmd()
		if md, ok := msg.(markdownMsg); ok {
			counts[md.key]++
		}
		h.deliver(msg)
	}
	if n := h.root().markdown.busy; n != 0 {
		h.t.Fatalf("%d renderings still counted as running after all answers arrived", n)
	}
	return counts
}

// markdownDataset is testDataset with markdown in PR #1's body and comments.
func markdownDataset(events int) *fake.Dataset {
	ds := testDataset(1, map[int]int{1: events})
	pr := ds.EnsureRepo("acme/widgets").Pulls[0]
	pr.Body = "Why:\n\n- the **first** reason\n- the second"
	for i := range pr.Timeline {
		if pr.Timeline[i].Event == "commented" {
			pr.Timeline[i].Body = fmt.Sprintf("comment %d:\n\n* a point\n* another", i)
		}
	}
	return ds
}

func TestRootRendersMarkdownInView(t *testing.T) {
	h := newHarness(t, markdownDataset(6), Config{Repo: widgets, Number: 1}, 120, 40)
	if v := h.view(); strings.Contains(v, "•") {
		t.Fatalf("rendered before any command ran:\n%s", v)
	}
	counts := h.runCountingRenders()
	v := h.view()
	for _, want := range []string{"• the **first** reason", "• a point"} {
		if !strings.Contains(v, want) {
			t.Errorf("the screen lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "- the **first**") {
		t.Errorf("the plain body is still drawn:\n%s", v)
	}
	for k, n := range counts {
		if n != 1 {
			t.Errorf("%+v rendered %d times", k, n)
		}
	}
	if len(counts) != 3 { // the body and the two comments among six events
		t.Errorf("rendered %d texts, want 3: %v", len(counts), counts)
	}
}

// TestHoldingJRendersABoundedNumber: keys pressed faster than renderings
// arrive start no more than maxMarkdownRenders of them, and once they
// arrive only what is then in view is rendered, each text once per width.
func TestHoldingJRendersABoundedNumber(t *testing.T) {
	h := newHarness(t, markdownDataset(600), Config{Repo: widgets, Number: 1}, 120, 30)
	h.run() // the detail has the focus: #1 was asked for
	for range 300 {
		h.keys("j")
		if n := h.root().markdown.busy; n > 4 {
			t.Fatalf("%d renderings running at once", n)
		}
	}
	counts := h.runCountingRenders()
	total := 0
	for k, n := range counts {
		if n != 1 {
			t.Errorf("%+v rendered %d times", k, n)
		}
		total += n
	}
	// The four started while j was held, then one screen's worth.
	if total > 4+12 {
		t.Errorf("holding j rendered %d texts", total)
	}
	if !strings.Contains(h.view(), "• a point") {
		t.Errorf("where the cursor stopped, the comments are not rendered:\n%s", h.view())
	}

	// A resize renders what is in view at the new width, and only that.
	h.send(tea.WindowSizeMsg{Width: 150, Height: 30})
	counts = h.runCountingRenders()
	if len(counts) == 0 || len(counts) > 12 {
		t.Errorf("a resize rendered %d texts", len(counts))
	}
	// The detail pane's text is 150 columns less the list (2/5), the
	// borders, the gutter and the indent.
	for k := range counts {
		if want := 150 - 150*2/5 - 2 - 4; k.Width != want {
			t.Errorf("rendered at width %d after the resize, want %d", k.Width, want)
		}
	}
}

// With the dark style on a colour terminal, the demo PR whose comments
// carry escape sequences draws nothing but colour codes.
func TestDarkMarkdownOnAColourTerminalDrawsOnlyStyling(t *testing.T) {
	lipgloss.SetColorProfile(termenv.TrueColor)
	defer lipgloss.SetColorProfile(termenv.Ascii)
	h := demoHarness(t, Config{Number: fake.SyntheticControlCharsPR, MarkdownStyle: detail.MarkdownDark}, 160, 45)
	counts := h.runCountingRenders()
	h.keys(repeat("j", 5)...)
	h.keys("enter", "tab", "G")
	for k, n := range h.runCountingRenders() {
		counts[k] += n
	}
	if len(counts) == 0 {
		t.Fatal("nothing was rendered as markdown")
	}
	v := h.view()
	if rest := sgr.ReplaceAllString(v, ""); strings.ContainsAny(rest, "\x1b\x07\u009b") {
		i := strings.IndexAny(rest, "\x1b\x07\u009b")
		t.Fatalf("a sequence that is not styling reached the screen: %q", rest[max(0, i-20):min(len(rest), i+20)])
	}
}
