package common

import "strings"

// asciiGlyphs maps every non-ASCII glyph prscope draws to one ASCII
// character of the same width, so --ascii keeps every column where it
// was. A test walks the ui source and fails on a glyph missing here.
var asciiGlyphs = [][2]string{
	{"·", "|"}, {"…", "~"}, {"⋯", "~"}, {"→", ">"}, {"—", "-"}, {"–", "-"}, {"─", "-"},
	{"│", "|"}, {"╭", "+"}, {"╮", "+"}, {"╰", "+"}, {"╯", "+"}, {"┃", "|"}, {"━", "-"},
	{"▶", ">"}, {"▌", ">"}, {"▷", "-"}, {"›", "-"}, {"▏", "|"},
	{"◆", "+"}, {"●", "*"}, {"○", "o"}, {"◐", "o"}, {"▸", ">"}, {"‹", "<"}, {"▾", "v"}, {"↳", ">"}, {"×", "x"}, {"≤", "~"},
	{"✗", "x"}, {"✓", "v"}, {"✔", "v"}, {"✘", "x"}, {"⚠", "!"}, {"Δ", "D"}, {"•", "*"},
	{"↑", "^"}, {"↓", "v"}, {"←", "<"}, {"⏎", "<"}, {"∅", "0"},
	{"⠋", "|"}, {"⠙", "/"}, {"⠹", "-"}, {"⠸", "\\"}, {"⠼", "|"}, {"⠴", "/"}, {"⠦", "-"}, {"⠧", "\\"},
	{"⠇", "|"}, {"⠏", "/"},
}

var asciiReplacer = func() *strings.Replacer {
	pairs := make([]string, 0, 2*len(asciiGlyphs))
	for _, g := range asciiGlyphs {
		pairs = append(pairs, g[0], g[1])
	}
	return strings.NewReplacer(pairs...)
}()

// ASCII replaces prscope's glyphs in a drawn screen with ASCII (--ascii),
// for terminals and fonts that lack them. Text from GitHub is left as it is
// but for these same glyphs.
func ASCII(screen string) string { return asciiReplacer.Replace(screen) }

// ASCIIGlyphs lists the glyphs ASCII replaces, for tests.
func ASCIIGlyphs() map[string]string {
	out := make(map[string]string, len(asciiGlyphs))
	for _, g := range asciiGlyphs {
		out[g[0]] = g[1]
	}
	return out
}
