package prlist

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/common"
)

// hostileSeeds are the sequences a PR title or comment can carry to drive
// a terminal: clipboard (OSC 52), window title (OSC 2), a disguised link
// (OSC 8), clearing the screen, moving the cursor, 8-bit CSI, bidi
// overrides, and what is legitimately wide or combining.
var hostileSeeds = []string{
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
	"日本語のタイトル 🚀 e\u0301 👩‍👩‍👧",
	"\x1b",
	"\x1b[",
}

// FuzzListRows: whatever a PR's strings hold, the list draws no escape
// sequence of theirs and never a line wider than the pane.
func FuzzListRows(f *testing.F) {
	for _, s := range hostileSeeds {
		f.Add(s, s, uint8(80))
	}
	f.Add("plain title", "alice", uint8(3))
	f.Fuzz(func(t *testing.T, title, user string, width uint8) {
		w := int(width)
		c := common.New()
		c.Now = func() time.Time { return time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC) }
		m := New(c)
		m.Focus()
		m.SetSize(w, 4)
		m.Append([]model.PullRequest{
			{Number: 7, Title: title, User: user, State: model.StateOpen, CreatedAt: c.Now().AddDate(0, -1, 0),
				Labels: []model.Label{{Name: title}}},
			{Number: 6, Title: user, User: title, State: model.StateMerged},
		})
		checkScreen(t, m.View(), w, 4)
	})
}

// checkScreen fails on any escape sequence (the colour profile is ASCII in
// these tests, so even our own styling has none), any other control
// character, or a line wider than w.
func checkScreen(t *testing.T, view string, w, h int) {
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
