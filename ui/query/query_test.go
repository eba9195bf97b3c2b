package query

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

func typed(m Model, s string) (Model, tea.Cmd) {
	var cmd tea.Cmd
	for _, r := range s {
		m, cmd = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	return m, cmd
}

func press(m Model, t tea.KeyType) Model {
	m, _ = m.Update(tea.KeyMsg{Type: t})
	return m
}

func focused(label string) Model {
	m := New(label)
	m.Focus()
	return m
}

func TestEditsAsATextInput(t *testing.T) {
	m, _ := typed(focused("/"), "verstat")
	for range 4 {
		m = press(m, tea.KeyLeft)
	}
	m, _ = typed(m, "i")
	if m.Value() != "veristat" {
		t.Fatalf("insert after left: %q", m.Value())
	}
	if got := m.Inline(); got != "/veri▏stat" {
		t.Errorf("Inline shows the cursor where it is: %q", got)
	}
	m = press(m, tea.KeyEnd)
	if got := m.Inline(); got != "/veristat▏" {
		t.Errorf("Inline at the end: %q", got)
	}
	m, _ = typed(m, " sel")
	m = press(m, tea.KeyCtrlW)
	if m.Value() != "veristat " {
		t.Errorf("ctrl+w deletes a word: %q", m.Value())
	}
	m = press(m, tea.KeyCtrlU)
	if m.Value() != "" {
		t.Errorf("ctrl+u empties: %q", m.Value())
	}
	m.Blur()
	m, _ = typed(m, "x")
	if m.Value() != "" || m.Inline() != "/" {
		t.Errorf("blurred, keys must not edit: %q %q", m.Value(), m.Inline())
	}
}

func TestTypedTextIsCleaned(t *testing.T) {
	m := focused("filter: ")
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("a\x1b[31mb\nc\x07d"), Paste: true})
	if v := m.Value(); strings.ContainsAny(v, "\x1b\n\x07") || !strings.Contains(v, "a") || !strings.Contains(v, "d") {
		t.Errorf("pasted text not cleaned: %q", v)
	}
	m.SetValue("x\x1b]8;;http://evil\x07y")
	if strings.ContainsRune(m.Value(), '\x1b') {
		t.Errorf("SetValue not cleaned: %q", m.Value())
	}
	m.SetValue("")
	m, _ = typed(m, strings.Repeat("z", CharLimit+10))
	if len(m.Value()) != CharLimit {
		t.Errorf("%d characters kept, want the limit %d", len(m.Value()), CharLimit)
	}
}

// pause runs the command an edit returned and gives back its message.
func pause(t *testing.T, cmd tea.Cmd) PauseMsg {
	t.Helper()
	if cmd == nil {
		t.Fatal("an edit with a delay returned no command")
	}
	msg, ok := cmd().(PauseMsg)
	if !ok {
		t.Fatalf("the edit's command answered %T", msg)
	}
	return msg
}

func TestPausedAnswersOnlyTheLatestEditOnce(t *testing.T) {
	m := focused("/")
	m.Delay = time.Millisecond
	m, first := typed(m, "v")
	m, second := typed(m, "e")
	p1, p2 := pause(t, first), pause(t, second)
	if m.Paused(p1) {
		t.Error("the pause after an older edit counted")
	}
	if !m.Paused(p2) {
		t.Error("the pause after the latest edit did not count")
	}
	if m.Paused(p2) {
		t.Error("one pause counted twice")
	}
	other := focused("/")
	other.Delay = time.Millisecond
	other, cmd := typed(other, "v")
	if m.Paused(pause(t, cmd)) {
		t.Error("another editor's pause counted")
	}
	if _, cmd := m.Update(tea.KeyMsg{Type: tea.KeyLeft}); cmd != nil {
		t.Error("a cursor move is no edit, yet it asked for a pause")
	}
}

func TestSettleBeforeThePause(t *testing.T) {
	m := focused("/")
	m.Delay = time.Millisecond
	m, cmd := typed(m, "v")
	if !m.Settle() {
		t.Fatal("an edit not acted on: Settle said there was none")
	}
	if m.Settle() || m.Paused(pause(t, cmd)) {
		t.Error("after Settle, the same edit counted again")
	}
	prompt := focused("search: ")
	if _, cmd := typed(prompt, "x"); cmd != nil {
		t.Error("no delay, yet an edit asked for a pause")
	}
}

func TestViewFitsItsWidth(t *testing.T) {
	m := focused("search: ")
	m.SetPlaceholder("is:open label:bug")
	if m.View() != "" {
		t.Errorf("no width yet, View = %q", m.View())
	}
	m.SetWidth(12)
	if v := m.View(); !strings.HasPrefix(v, "search: ") || len([]rune(v)) > 12 {
		t.Errorf("View at 12 cells: %q", v)
	}
	m, _ = typed(m, "author:alice is:open")
	if v := m.View(); !strings.HasSuffix(v, "n▏") || strings.Contains(v, "alice") || len([]rune(v)) > 12 {
		t.Errorf("a long query scrolls to the cursor within 12 cells: %q", v)
	}
}

// TestCursorShowsWithoutColour: the own line marks the cursor with the
// same bar as Inline (reverse video would vanish under NO_COLOR), and
// the placeholder follows the bar.
func TestCursorShowsWithoutColour(t *testing.T) {
	m := focused("search: ")
	m.SetPlaceholder("is:open")
	m.SetWidth(30)
	if v := m.View(); v != "search: ▏is:open" {
		t.Errorf("empty: %q", v)
	}
	m, _ = typed(m, "verifier")
	m = press(m, tea.KeyLeft)
	if v := m.View(); v != "search: verifie▏r" {
		t.Errorf("typed: %q", v)
	}
	m.Blur()
	if v := m.View(); v != "search: verifier" {
		t.Errorf("blurred: %q", v)
	}
}

// TestLongQueryKeepsTheCursorInView: a query longer than its room is shown
// around the cursor, cut with "…", in the status line and on its own line.
func TestLongQueryKeepsTheCursorInView(t *testing.T) {
	m := focused("/")
	long := strings.Repeat("abcdefghij", 8) // 80 cells
	m, _ = typed(m, long+"END")
	in := m.Inline()
	if !strings.HasSuffix(in, "END▏") || !strings.HasPrefix(in, "/…") || len([]rune(in)) > InlineCells+1 {
		t.Errorf("at the end: %q (%d cells)", in, len([]rune(in)))
	}
	m = press(m, tea.KeyHome)
	m, _ = typed(m, "S")
	in = m.Inline()
	if !strings.HasPrefix(in, "/S▏abc") || !strings.HasSuffix(in, "…") || len([]rune(in)) > InlineCells+1 {
		t.Errorf("at the start: %q", in)
	}
	m.SetWidth(20)
	if v := m.View(); !strings.Contains(v, "S▏") || len([]rune(v)) > 20 {
		t.Errorf("own line at 20: %q", v)
	}
}
