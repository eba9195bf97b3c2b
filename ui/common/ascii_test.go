package common

import (
	"strings"
	"testing"
)

// TestASCIIWritesAtMostAsLessOrEqual: "≤300" means at most 300: --ascii
// writes "<=300", not "~300" (about), and the line keeps its width.
func TestASCIIWritesAtMostAsLessOrEqual(t *testing.T) {
	line := "acme/big · 100 of ≤300 PRs" + strings.Repeat(" ", 20) + "anonymous"
	got := ASCII(line + "\nnext")
	want := "acme/big | 100 of <=300 PRs" + strings.Repeat(" ", 19) + "anonymous\nnext"
	if got != want {
		t.Errorf("ASCII =\n%q\nwant\n%q", got, want)
	}
	if got := ASCII("≤1"); got != "~1" {
		t.Errorf("no room to widen: %q, want the one-column stand-in", got)
	}
}

// TestASCIIWritesArrowKeysOut: help's "j/↓" is the down arrow; its
// one-column stand-in "j/v" reads as the key v. Where the line has room it
// reads "j/down", and a pane border beside it stays in its column.
func TestASCIIWritesArrowKeysOut(t *testing.T) {
	line := "│ j/↓ down  k/↑ up" + strings.Repeat(" ", 8) + "│ ≤3" + strings.Repeat(" ", 4) + "│"
	got := ASCII(line)
	want := "| j/down down  k/up up" + strings.Repeat(" ", 4) + "| <=3" + strings.Repeat(" ", 3) + "|"
	if got != want {
		t.Errorf("ASCII =\n%q\nwant\n%q", got, want)
	}
	if len(got) != len([]rune(line)) {
		t.Errorf("width %d, want %d", len(got), len([]rune(line)))
	}
	if got := ASCII("j/↓ down|"); got != "j/v down|" {
		t.Errorf("no room: %q, want the one-column stand-in", got)
	}
}

// TestASCIICursorStandsAlone: in --ascii the cursor's ">" is not also the
// fold marker, the evidence line's arrow or a commit's mark beside it.
func TestASCIICursorStandsAlone(t *testing.T) {
	g := ASCIIGlyphs()
	for _, other := range []string{"▸", "▾", "↳", "◆"} {
		if g[other] == g["▌"] {
			t.Errorf("%s and the cursor both read %q", other, g[other])
		}
	}
	if g["▸"] == g["▾"] {
		t.Errorf("folded and open read alike: %q", g["▸"])
	}
	// The unfocused cursor and the list's unfocused mark are not "-", an
	// open fold's mark and a removed diff line's.
	for _, unfocused := range []string{"›", "▷"} {
		if g[unfocused] == g["▾"] || g[unfocused] == "-" {
			t.Errorf("%s reads %q, as an open fold or a removed line does", unfocused, g[unfocused])
		}
	}
}
