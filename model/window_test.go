package model

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestWindowAroundKeepsTheSpanInView(t *testing.T) {
	line := "CPU: 6 PID: 553 Comm: split_bug Not tainted 5.18.0-rc1+ #11 and then some more words at the end"
	start := strings.Index(line, "#11")
	for width := 9; width <= len(line)+2; width++ {
		got, s, e := WindowAround(line, start, start+3, width)
		if w := ansi.StringWidth(got); w > width {
			t.Fatalf("width %d: %q is %d cells", width, got, w)
		}
		if got[s:e] != "#11" {
			t.Fatalf("width %d: %q [%d:%d] = %q, want #11", width, got, s, e, got[s:e])
		}
		if width >= len(line) {
			if got != line {
				t.Errorf("width %d: a line that fits was cut: %q", width, got)
			}
			continue
		}
		if ansi.StringWidth(got) < width-1 {
			t.Errorf("width %d: %q wastes room", width, got)
		}
	}
	got, _, _ := WindowAround(line, start, start+3, 40)
	if got != "…nted 5.18.0-rc1+ #11 and then some mor…" {
		t.Errorf("window of 40: %q", got)
	}
}

func TestWindowAroundAtTheEnds(t *testing.T) {
	line := "#11 " + strings.Repeat("x", 50)
	if got, s, _ := WindowAround(line, 0, 3, 20); got != "#11 "+strings.Repeat("x", 15)+"…" || s != 0 {
		t.Errorf("at the start: %q at %d", got, s)
	}
	line = strings.Repeat("é", 50) + " #11"
	got, s, e := WindowAround(line, len(line)-3, len(line), 20)
	if !strings.HasPrefix(got, "…") || !strings.HasSuffix(got, " #11") || ansi.StringWidth(got) != 20 || got[s:e] != "#11" {
		t.Errorf("at the end: %q (%d cells) [%d:%d]", got, ansi.StringWidth(got), s, e)
	}
	wide := strings.Repeat("漢", 30) + "#11" + strings.Repeat("字", 30)
	i := strings.Index(wide, "#11")
	got, s, e = WindowAround(wide, i, i+3, 21)
	if ansi.StringWidth(got) > 21 || got[s:e] != "#11" {
		t.Errorf("wide runes: %q (%d cells)", got, ansi.StringWidth(got))
	}
}
