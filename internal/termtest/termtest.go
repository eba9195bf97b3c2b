// Package termtest holds what the terminal-safety tests share: the hostile
// strings an API can send and the check that none of them reached a screen.
// Only tests import it.
package termtest

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
)

// Hostile are the sequences a PR title or comment can carry to drive a
// terminal: clipboard (OSC 52), window title (OSC 2), a disguised link
// (OSC 8), clearing the screen, moving the cursor, 8-bit CSI, DCS, APC, PM,
// SOS, bidi overrides, other controls, and text that is legitimately wide
// or combining.
var Hostile = []string{
	"\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\x07",
	"\x1b]2;pwned\x07",
	"\x1b]8;;https://evil.example/\x1b\\click me\x1b]8;;\x1b\\",
	"\x1b[2J\x1b[H",
	"\x1b[10A\x1b[5Coverwrite",
	"\x9b31mred",
	"\xc2\x9b31mred",
	"\u202eevil\u202c txt.exe",
	"\x1bP1;2|dcs\x1b\\",
	"\x1b_apc\x1b\\\x1b^pm\x1b\\\x1bXsos\x1b\\",
	"tab\there\r\nback\bspace\x00nul\x7f",
	"日本語のコメント 🚀 e\u0301 👩‍👩‍👧\n" + strings.Repeat("長い行", 40),
	"\x1b",
	"\x1b[",
}

// CheckScreen fails on any escape sequence (tests run with the ASCII colour
// profile, so even our own styling has none), any other control character,
// or a line wider than w; a pane with no room must draw nothing.
func CheckScreen(t testing.TB, view string, w, h int) {
	t.Helper()
	if w == 0 || h == 0 {
		if view != "" {
			t.Fatalf("a pane with no room drew %q", view)
		}
		return
	}
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		t.Fatalf("view has %d lines, want %d", len(lines), h)
	}
	for _, l := range lines {
		if strings.ContainsAny(l, "\x1b\x07\x08\r\x00\x7f\u009b\u202e") {
			t.Fatalf("control character reached the screen: %q", l)
		}
		if lw := lipgloss.Width(l); lw > w {
			t.Fatalf("line %q is %d wide, pane is %d", l, lw, w)
		}
	}
}
