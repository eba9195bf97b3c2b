package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// perRuneWidth measures as wcwidth-based terminals (xterm, VTE, tmux) do:
// rune by rune, with no grapheme clustering.
func perRuneWidth(s string) int {
	w := 0
	for _, r := range ansi.Strip(s) {
		w += ansi.StringWidth(string(r))
	}
	return w
}

// TestEmojiSequencesMeasureAlike: demo #244's title holds a ZWJ family, a
// skin tone and flags. Every drawn line must be as wide to a terminal that
// measures rune by rune as to lipgloss, or the line spills out of its pane
// and shifts the screen (seen in tmux).
func TestEmojiSequencesMeasureAlike(t *testing.T) {
	h := demoHarness(t, Config{Number: 244}, 160, 45)
	h.run()
	v := h.view()
	if !strings.Contains(v, "🚀 libbpf") {
		t.Fatalf("setup: #244 is not on screen:\n%s", v)
	}
	for i, line := range strings.Split(v, "\n") {
		if got, want := perRuneWidth(line), ansi.StringWidth(line); got != want || want > 160 {
			t.Errorf("line %d is %d cells rune by rune, %d to lipgloss:\n%s", i, got, want, line)
		}
	}
}
