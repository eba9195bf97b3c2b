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
func ASCII(screen string) string {
	if strings.Contains(screen, "≤") {
		screen = atMost(screen)
	}
	return asciiReplacer.Replace(screen)
}

// atMost writes "≤" as "<=", which says "at most" where "~" would say
// "about": each line gives the extra column back from its widest run of
// spaces (the status bar's filler), so it keeps its width.
func atMost(screen string) string {
	lines := strings.Split(screen, "\n")
	for i, line := range lines {
		n := strings.Count(line, "≤")
		if n == 0 {
			continue
		}
		at, run := widestSpaces(line)
		if run <= n {
			continue // no room: the one-column stand-in
		}
		line = line[:at] + line[at+n:]
		lines[i] = strings.ReplaceAll(line, "≤", "<=")
	}
	return strings.Join(lines, "\n")
}

// widestSpaces is where the longest run of spaces in line starts, and how
// long it is.
func widestSpaces(line string) (at, run int) {
	for i := 0; i < len(line); {
		j := i
		for j < len(line) && line[j] == ' ' {
			j++
		}
		if j-i > run {
			at, run = i, j-i
		}
		i = max(j, i+1)
	}
	return at, run
}

// ASCIIGlyphs lists the glyphs ASCII replaces, for tests.
func ASCIIGlyphs() map[string]string {
	out := make(map[string]string, len(asciiGlyphs))
	for _, g := range asciiGlyphs {
		out[g[0]] = g[1]
	}
	return out
}
