package model

import (
	"fmt"
	"unicode/utf8"
)

// The most of one field prscope carries from an answer into the screen or
// dump. GitHub allows 256 characters in a title and 65,536 in a body or
// comment, so these are far beyond what GitHub sends: only a hostile or
// broken server gets here, and then a visible marker says what was left out
// rather than a 500 MB title being wrapped, measured and drawn.
const (
	MaxLineBytes = 2 << 10   // a one-line field: a title, a login, a branch, a label
	MaxTextBytes = 512 << 10 // a text: a body, a comment, a commit message
)

// clip cuts s to at most max bytes, at a rune boundary, ending it with a
// marker that says how much was cut. Text up to max comes back unchanged,
// so clipping twice is clipping once.
func clip(s string, max int) string {
	if len(s) <= max {
		return s
	}
	keep := max
	for {
		marker := fmt.Sprintf(" … [cut: %s more]", BinarySize(int64(len(s)-keep)))
		for keep > 0 && (keep+len(marker) > max || !utf8.RuneStart(s[keep])) {
			keep--
		}
		// Keeping less can change the figure's width: settle on a keep
		// whose marker fits.
		if final := fmt.Sprintf(" … [cut: %s more]", BinarySize(int64(len(s)-keep))); keep+len(final) <= max || keep == 0 {
			return s[:keep] + final
		}
	}
}

// BinarySize writes n bytes in the largest binary unit it reaches, whole
// where it divides evenly: "64 MiB", "1.5 KiB", "300 bytes".
func BinarySize(n int64) string {
	for _, u := range []struct {
		size int64
		name string
	}{{1 << 30, "GiB"}, {1 << 20, "MiB"}, {1 << 10, "KiB"}} {
		if n >= u.size {
			if n%u.size == 0 {
				return fmt.Sprintf("%d %s", n/u.size, u.name)
			}
			return fmt.Sprintf("%.1f %s", float64(n)/float64(u.size), u.name)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}
