package model

import (
	"strings"
	"unicode/utf8"
)

// Terminals disagree on how wide some emoji sequences are: a ZWJ family
// (👩‍👩‍👧‍👦) is one 2-cell grapheme to lipgloss and to terminals that
// cluster graphemes, but 8 cells to wcwidth-based ones (xterm, VTE, tmux);
// a skin tone (👍🏽) is 2 or 4, and VS16 (❤️) 2 or 1. A line measured one way
// and drawn the other spills out of its pane and shifts the whole screen.
// DisplaySafe splits such sequences into parts every terminal measures
// alike, by dropping the joiners and modifiers: the family reads as its
// four people, the thumbs up loses its tone. A flag (two regional
// indicators, 2 cells or 4) becomes its two letters, 🇺🇦 → UA. It is for
// drawing only; dump and the stored data keep the text as GitHub sent it.

// isWidthAmbiguousJoiner reports a rune DisplaySafe drops.
func isWidthAmbiguousJoiner(r rune) bool {
	return r == 0x200d || // zero width joiner
		r == 0xfe0f || // variation selector 16: emoji presentation
		(r >= 0x1f3fb && r <= 0x1f3ff) // skin tone modifiers
}

// regional indicator symbols A–Z, which pair into flags.
const regionalA, regionalZ = 0x1f1e6, 0x1f1ff

func isDisplayChanged(r rune) bool {
	return isWidthAmbiguousJoiner(r) || (r >= regionalA && r <= regionalZ)
}

// DisplaySafe returns s without the runes terminals measure differently;
// s itself, without allocating, when it has none (the common case).
func DisplaySafe(s string) string {
	clean := true
	for _, r := range s {
		if r >= utf8.RuneSelf && isDisplayChanged(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= regionalA && r <= regionalZ:
			b.WriteRune('A' + r - regionalA)
		case !isWidthAmbiguousJoiner(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}
