package detail

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/prscope/prscope/ui/store"

	xansi "github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/prscope/prscope/internal/termtest"
	"github.com/prscope/prscope/model"
)

// renderAsked does what the root does: renders what the pane asks for
// (in the plain style, as the tests' goldens are) and hands it back, until
// it asks for nothing more. It returns the keys rendered.
func renderAsked(t *testing.T, m *Model) []MarkdownKey {
	t.Helper()
	var done []MarkdownKey
	for range 100 {
		reqs := m.VisibleMarkdown()
		if len(reqs) == 0 {
			return done
		}
		for _, r := range reqs {
			m.MarkdownRequested(r.Key)
			lines, err := RenderMarkdown(r.Text, r.Key.Width, MarkdownPlain, termenv.Ascii)
			if err != nil {
				t.Fatal(err)
			}
			m.MarkdownRendered(r.Key, lines)
			done = append(done, r.Key)
		}
	}
	t.Fatal("the pane never stops asking for renderings")
	return nil
}

const listBody = "Steps:\n\n- first [step](https://example.com/a)\n- second step"

func TestMarkdownReplacesThePlainTextWhenItArrives(t *testing.T) {
	m, _ := newPane(t, 80, 30)
	pr := testPR(7)
	pr.Body = listBody
	m.ShowTimeline(pr, []model.Event{comment(1, "A comment with a list:\n\n* alpha\n* beta")}, nil, store.TimelineStatus{})
	v := m.View()
	for _, want := range []string{"- first [step](https://example.com/a)", "* alpha"} {
		if !strings.Contains(v, want) {
			t.Fatalf("before any rendering the plain text shows: %q missing\n%s", want, v)
		}
	}
	reqs := m.VisibleMarkdown()
	if len(reqs) != 2 || reqs[0].Key.ID != "body:7" || reqs[1].Key.ID != "c1" || reqs[0].Key.Width != 80-gutterWidth-len(bodyIndent) {
		t.Fatalf("asked for %+v, want the body and the comment at the text width", reqs)
	}
	if again := m.VisibleMarkdown(); len(again) != 2 {
		t.Fatalf("asking twice without requesting should ask again: %d", len(again))
	}
	renderAsked(t, &m)
	v = m.View()
	for _, want := range []string{"• first step https://example.com/a", "• second step", "• alpha", "• beta"} {
		if !strings.Contains(v, want) {
			t.Errorf("the rendering is not drawn: %q missing\n%s", want, v)
		}
	}
	if strings.Contains(v, "- first") || strings.Contains(v, "* alpha") {
		t.Errorf("the plain text is still drawn:\n%s", v)
	}
	if reqs := m.VisibleMarkdown(); len(reqs) != 0 {
		t.Errorf("rendered texts are asked for again: %+v", reqs)
	}
	absTop(t, m) // the view still matches the document line for line
}

func TestMarkdownForAnotherWidthOrPRIsKeptNotDrawn(t *testing.T) {
	m, _ := newPane(t, 80, 30)
	pr := testPR(7)
	pr.Body = listBody
	m.ShowTimeline(pr, nil, nil, store.TimelineStatus{})
	reqs := m.VisibleMarkdown()
	if len(reqs) != 1 {
		t.Fatalf("asked for %+v", reqs)
	}
	render := func(r MarkdownRequest) []string {
		lines, err := RenderMarkdown(r.Text, r.Key.Width, MarkdownPlain, termenv.Ascii)
		if err != nil {
			t.Fatal(err)
		}
		return lines
	}
	at80 := reqs[0]
	m.MarkdownRequested(at80.Key)

	// The pane narrows before the answer arrives: it is kept, not drawn.
	m.SetSize(60, 30)
	m.MarkdownRendered(at80.Key, render(at80))
	if v := m.View(); !strings.Contains(v, "- first") || strings.Contains(v, "• first") {
		t.Fatalf("a rendering for width 80 was drawn at 60:\n%s", v)
	}
	at60 := m.VisibleMarkdown()
	if len(at60) != 1 || at60[0].Key.Width != 60-gutterWidth-len(bodyIndent) {
		t.Fatalf("the new width is not asked for: %+v", at60)
	}

	// Another PR is shown before the answer for this one arrives.
	m.MarkdownRequested(at60[0].Key)
	other := testPR(8)
	other.Body = "- another body"
	m.ShowTimeline(other, nil, nil, store.TimelineStatus{})
	m.MarkdownRendered(at60[0].Key, render(at60[0]))
	if v := m.View(); strings.Contains(v, "first step") || !strings.Contains(v, "- another body") {
		t.Fatalf("a rendering of #7's body reached #8:\n%s", v)
	}

	// Back on #7 at 80 columns: both renderings were kept; none is asked again.
	m.ShowTimeline(pr, nil, nil, store.TimelineStatus{})
	if v := m.View(); !strings.Contains(v, "• first step") {
		t.Errorf("#7 at 60 columns does not use its kept rendering:\n%s", v)
	}
	m.SetSize(80, 30)
	if v := m.View(); !strings.Contains(v, "• first step") {
		t.Errorf("#7 at 80 columns does not use its kept rendering:\n%s", v)
	}
	if reqs := m.VisibleMarkdown(); len(reqs) != 0 {
		t.Errorf("kept renderings are asked for again: %+v", reqs)
	}

	// An edited body is a new text: rendered anew.
	pr.Body = "- edited body"
	m.ShowTimeline(pr, nil, nil, store.TimelineStatus{})
	if v := m.View(); strings.Contains(v, "first step") || !strings.Contains(v, "- edited body") {
		t.Errorf("the old body's rendering is drawn for the edited body:\n%s", v)
	}
	if reqs := m.VisibleMarkdown(); len(reqs) != 1 {
		t.Errorf("the edited body is not asked for: %+v", reqs)
	}
}

func TestKVCommentsAndCommitMessagesAreNotMarkdown(t *testing.T) {
	m, _ := newPane(t, 100, 60)
	pr := testPR(3)
	pr.Body = "branch: bpf-next_test\nbase: bpf-next\nversion: 1"
	kv := model.Event{ID: "kv1", Event: "commented", Actor: "bot", CreatedAt: at(1), Body: "branch: a\nversion: 1"}
	kv2 := model.Event{ID: "kv2", Event: "commented", Actor: "bot", CreatedAt: at(2), Body: "branch: a\nversion: 2"}
	evs := []model.Event{
		kv, kv2,
		referenced(3, "Subject\n\n- a *list* in a commit"),
		{Event: "committed", Author: "Jane", CreatedAt: at(4),
			Commit: &model.CommitRef{SHA: sha(4), Repo: "acme/widgets", Message: "Carried\n\n- item"}},
		comment(5, "- a real *markdown* comment"),
	}
	m.ShowTimeline(pr, evs, nil, store.TimelineStatus{})
	m = moveCursorTo(t, m, eventItem(m, 2))
	m = press(m, "enter") // expand the commit: its message shows in full
	m = moveCursorTo(t, m, eventItem(m, 3))
	m = press(m, "enter")
	keys := renderAsked(t, &m)
	if len(keys) != 1 || keys[0].ID != "c5" {
		t.Fatalf("rendered %+v, want only the markdown comment", keys)
	}
	v := m.View()
	for _, want := range []string{
		"branch: bpf-next_test", "base: bpf-next", // the body, line by line
		"Δ version 1 → 2",             // the bot's version note
		"- a *list* in a commit",      // the commit message, as written
		"- item",                      // the committed one too
		"• a real *markdown* comment", // the comment, rendered
	} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
}

func TestLongMarkdownCollapsesUntilExpanded(t *testing.T) {
	m, _ := newPane(t, 80, 60)
	var items []string
	for i := 1; i <= 20; i++ {
		items = append(items, fmt.Sprintf("- point %02d", i))
	}
	m.ShowTimeline(testPR(1), []model.Event{comment(1, strings.Join(items, "\n"))}, nil, store.TimelineStatus{})
	renderAsked(t, &m)
	v := m.View()
	if !strings.Contains(v, "• point 08") || strings.Contains(v, "point 09") || !strings.Contains(v, "… 12 more lines (enter to expand)") {
		t.Fatalf("collapsed rendering:\n%s", v)
	}
	m = moveCursorTo(t, m, eventItem(m, 0))
	m = press(m, "enter")
	if v := m.View(); !strings.Contains(v, "• point 20") || strings.Contains(v, "more lines") {
		t.Fatalf("expanded rendering:\n%s", v)
	}
	if reqs := m.VisibleMarkdown(); len(reqs) != 0 {
		t.Errorf("expanding asks for another rendering: %+v", reqs)
	}
	m = press(m, "enter")
	if v := m.View(); strings.Contains(v, "point 09") {
		t.Errorf("collapsing again:\n%s", v)
	}
}

func TestResizeRendersOnlyWhatIsInView(t *testing.T) {
	m, _ := newPane(t, 80, 20)
	var evs []model.Event
	for i := range 300 {
		evs = append(evs, comment(i, fmt.Sprintf("comment **%d**\n\n- with a list", i)))
	}
	m.ShowTimeline(testPR(1), evs, nil, store.TimelineStatus{})
	first := renderAsked(t, &m)
	m = press(m, "ctrl+d", "ctrl+d", "ctrl+d")
	more := renderAsked(t, &m)
	m.SetSize(100, 30)
	resized := renderAsked(t, &m)
	for _, keys := range [][]MarkdownKey{first, more, resized} {
		if len(keys) == 0 || len(keys) > 12 {
			t.Fatalf("rendered %d texts for one screen of 20-30 lines", len(keys))
		}
	}
	for _, k := range resized {
		if k.Width != 100-gutterWidth-len(bodyIndent) {
			t.Errorf("after the resize, rendered at width %d", k.Width)
		}
	}
	// Exactly the markdown items in view were rendered at the new width.
	firstItem, lastItem := m.visibleItems()
	var inView []string
	for i := firstItem; i <= lastItem; i++ {
		if k, _, ok := m.markdownKeyOf(m.items[i]); ok {
			inView = append(inView, k.ID)
		}
	}
	var got []string
	for _, k := range resized {
		got = append(got, k.ID)
	}
	slices.Sort(inView)
	slices.Sort(got)
	if !slices.Equal(got, inView) {
		t.Errorf("re-rendered %v after the resize, in view %v", got, inView)
	}
	absTop(t, m)
}

// hostileMarkdown wraps each hostile string in markdown that glamour
// turns into styled output: links (with the string as text and as the
// address), headings, code, quotes, tables, images.
func hostileMarkdown() []string {
	var out []string
	for _, s := range termtest.Hostile {
		out = append(out, strings.Join([]string{
			"# " + s,
			"[" + s + "](https://x.example/" + s + ") and <https://y.example/" + s + ">",
			"![" + s + "](" + s + ")",
			"> " + s,
			"```\n" + s + "\n```",
			"| " + s + " | b |\n|---|---|\n| `" + s + "` | " + s + " |",
			"- **" + s + "** _" + s + "_ ~~" + s + "~~",
		}, "\n\n"))
	}
	return out
}

var sgrOnly = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

// TestMarkdownDrawsOnlyStyling: whatever the text (here unsanitized,
// though bodies are sanitized when they arrive), the rendering holds no
// escape sequence but colour codes, no control character, no hyperlink;
// the plain style (NO_COLOR) holds no escape at all, even on a colour
// terminal; and no line is wider than asked.
func TestMarkdownDrawsOnlyStyling(t *testing.T) {
	for _, style := range []MarkdownStyle{MarkdownPlain, MarkdownDark, MarkdownLight} {
		for i, text := range hostileMarkdown() {
			lines, err := RenderMarkdown(text, 40, style, termenv.TrueColor)
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range lines {
				if style == MarkdownPlain && strings.Contains(l, "\x1b") {
					t.Fatalf("%s, hostile %d: the plain style drew an escape: %q", style, i, l)
				}
				rest := sgrOnly.ReplaceAllString(l, "")
				if strings.ContainsAny(rest, "\x1b\x07\x08\r\x00\x7f\u009b\u202e") {
					t.Fatalf("%s, hostile %d: not only styling: %q", style, i, l)
				}
			}
		}
	}
	lines, err := RenderMarkdown("**bold** and `code`", 40, MarkdownDark, termenv.TrueColor)
	if err != nil || !strings.Contains(strings.Join(lines, "\n"), "\x1b[") {
		t.Fatalf("the dark style drew no colour at all: %q %v", lines, err)
	}
}

// TestHostileMarkdownInThePane: sanitized at ingestion as the root does,
// rendered, drawn: nothing but text reaches the screen, and every line fits.
func TestHostileMarkdownInThePane(t *testing.T) {
	for _, w := range []int{12, 40, 90} {
		m, _ := newPane(t, w, 40)
		var evs []model.Event
		for i, text := range hostileMarkdown() {
			evs = append(evs, comment(i, text))
		}
		pr := testPR(1)
		pr.Body = hostileMarkdown()[2]
		m.ShowTimeline(pr, evs, nil, store.TimelineStatus{})
		for range 30 {
			renderAsked(t, &m)
			termtest.CheckScreen(t, m.View(), w, 40)
			m = press(m, "enter", "j")
		}
	}
}

// TestGoldenMarkdown shows how a body and a comment read once rendered,
// in the plain style the tests use.
func TestGoldenMarkdown(t *testing.T) {
	m, _ := newPane(t, 72, 44)
	pr := testPR(9)
	pr.Body = "## Summary\n\nMake the **widget** faster, see [#8](https://github.com/acme/widgets/pull/8).\nThe second line breaks where its author broke it.\n\n" +
		"1. measure\n2. cache the `frobnicator`\n\n| case | before | after |\n|---|---|---|\n| cold | 12 ms | 3 ms |\n"
	m.ShowTimeline(pr, []model.Event{
		comment(1, "> Make the widget faster\n\nLooks good. Nit:\n\n```go\nif err != nil {\n\treturn err\n}\n```"),
		{ID: "r2", Event: "reviewed", Actor: "carol", CreatedAt: at(2), ReviewState: "approved", Body: "- [x] tests\n- [ ] docs"},
	}, nil,

		store.TimelineStatus{})

	renderAsked(t, &m)
	golden.RequireEqual(t, []byte(m.View()))
}

// TestRenderMarkdownConcurrently: commands render on their own goroutines
// at once; under -race, any state glamour or the styles share would show.
func TestRenderMarkdownConcurrently(t *testing.T) {
	text := "# Title\n\n- **a** [link](https://x.example)\n\n```go\nfunc f() {}\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
	want, err := RenderMarkdown(text, 50, MarkdownDark, termenv.TrueColor)
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan string, 8)
	for i := range 8 {
		go func() {
			style := []MarkdownStyle{MarkdownDark, MarkdownLight}[i%2]
			got, err := RenderMarkdown(text, 50, style, termenv.TrueColor)
			switch {
			case err != nil:
				errs <- err.Error()
			case style == MarkdownDark && !slices.Equal(got, want):
				errs <- fmt.Sprintf("a rendering on another goroutine differs:\n%q\n%q", got, want)
			default:
				errs <- ""
			}
		}()
	}
	for range 8 {
		if e := <-errs; e != "" {
			t.Error(e)
		}
	}
}

// A rendering that makes the last comment taller keeps the end in view
// after G, as a commit message arriving does.
func TestMarkdownKeepsTheEndInView(t *testing.T) {
	m, _ := newPane(t, 80, 12)
	var evs []model.Event
	for i := range 20 {
		// Taller rendered: a blank line comes before the list.
		evs = append(evs, comment(i, fmt.Sprintf("comment %d\n- one\n- two\n- three", i)))
	}
	m.ShowTimeline(testPR(1), evs, nil, store.TimelineStatus{})
	m = press(m, "G")
	renderAsked(t, &m)
	lines := viewLines(m)
	if last := strings.TrimSpace(lines[len(lines)-1]); !strings.Contains(last, "end of timeline") {
		t.Errorf("the end left the view once the comments were rendered:\n%s", m.View())
	}
	if !strings.Contains(m.View(), "• three") {
		t.Errorf("the last comment is not rendered:\n%s", m.View())
	}
}

// TestMarkdownWrapLosesNoCharacter: at every width every line fits and
// every character of the text is still there, hyphens at the break too
// (glamour broke one cell past the width, and the pane clipped it).
func TestMarkdownWrapLosesNoCharacter(t *testing.T) {
	text := "See https://github.com/kernel-patches/bpf/actions/runs/1234-5678-abcd and the self-tests " +
		"in tools/testing/selftests/bpf/prog_tests/verifier-log-level-two.c for the long-standing " +
		"re-run-after-fail behaviour of test-progs-no-alu32 and test-maps-on-x86-64."
	want := strings.Join(strings.Fields(text), "")
	for w := 20; w <= 120; w++ {
		lines, err := RenderMarkdown(text, w, MarkdownPlain, termenv.Ascii)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range lines {
			if n := xansi.StringWidth(l); n > w {
				t.Fatalf("width %d: line %q is %d cells", w, l, n)
			}
		}
		if got := strings.Join(strings.Fields(strings.Join(lines, "")), ""); got != want {
			t.Fatalf("width %d: characters lost:\n%s\nwant\n%s", w, got, want)
		}
	}
}

// TestMarkdownTextIsDisplaySafe: a comment rendered as markdown is cleaned
// as every drawn text is: its ZWJ family reads as its people, so the line
// is as wide on every terminal as it was measured.
func TestMarkdownTextIsDisplaySafe(t *testing.T) {
	m, _ := newPane(t, 100, 20)
	m.ShowTimeline(testPR(1), []model.Event{comment(1, "family 👩\u200d👩\u200d👧 here")}, nil, store.TimelineStatus{})
	_, text, ok := m.markdownKeyOf(m.items[eventItem(m, 0)])
	if !ok || strings.Contains(text, "\u200d") {
		t.Errorf("markdown text %q keeps the joiner", text)
	}
}
