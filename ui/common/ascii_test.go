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
