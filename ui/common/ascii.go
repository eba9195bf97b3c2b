package common

import "strings"

// asciiGlyphs maps every non-ASCII glyph prscope draws to one ASCII
// character of the same width, so --ascii keeps every column where it
// was. A test walks the ui source and fails on a glyph missing here.
var asciiGlyphs = [][2]string{
	{"·", "|"}, {"…", "~"}, {"⋯", "~"}, {"→", ">"}, {"—", "-"}, {"–", "-"}, {"─", "-"},
	{"│", "|"}, {"╭", "+"}, {"╮", "+"}, {"╰", "+"}, {"╯", "+"}, {"┃", "|"}, {"━", "-"},
	{"▶", ">"}, {"▌", ">"}, {"▷", ":"}, {"›", ":"}, {"▏", "|"},
	{"◆", "#"}, {"●", "*"}, {"○", "o"}, {"◐", "o"}, {"▸", "+"}, {"‹", "<"}, {"▾", "-"}, {"↳", "\\"}, {"×", "x"}, {"≤", "~"},
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
	for _, w := range asciiWide {
		if strings.Contains(screen, w[0]) {
			screen = widen(screen, w[0], w[1])
		}
	}
	return asciiReplacer.Replace(screen)
}

// asciiWide are the glyphs whose one-column stand-in would say something
// else: "≤300" means at most 300, not about ("~"); "j/↓" is the down
// arrow, not the key v. Each is written out where the line has room.
var asciiWide = [][2]string{{"≤", "<="}, {"/↓", "/down"}, {"/↑", "/up"}}

// widen writes each from in screen as the wider to, giving the extra
// columns back from the first run of spaces wide enough between it and the
// next pane border (so the panes beside it stay where they were). Where no run is
// wide enough, the one-column stand-in is left to asciiReplacer.
func widen(screen, from, to string) string {
	extra := len([]rune(to)) - len([]rune(from))
	lines := strings.Split(screen, "\n")
	for i, line := range lines {
		var b strings.Builder
		for {
			at := strings.Index(line, from)
			if at < 0 {
				break
			}
			rest := line[at+len(from):]
			seg := len(rest)
			if end := strings.IndexAny(rest, "│┃╮╯|"); end >= 0 {
				seg = end
			}
			b.WriteString(line[:at])
			if sp, run := spacesOver(rest[:seg], extra); run > extra {
				b.WriteString(to)
				line = rest[:sp] + rest[sp+extra:]
			} else {
				b.WriteString(from)
				line = rest
			}
		}
		b.WriteString(line)
		lines[i] = b.String()
	}
	return strings.Join(lines, "\n")
}

// spacesOver is where the first run of more than n spaces in line starts,
// and how long it is: the nearest slack, so a help table's column after a
// widened key stays aligned, and a status bar gives from its filler.
func spacesOver(line string, n int) (at, run int) {
	for i := 0; i < len(line); {
		j := i
		for j < len(line) && line[j] == ' ' {
			j++
		}
		if j-i > n {
			return i, j - i
		}
		i = max(j, i+1)
	}
	return 0, 0
}

// ASCIIGlyphs lists the glyphs ASCII replaces, for tests.
func ASCIIGlyphs() map[string]string {
	out := make(map[string]string, len(asciiGlyphs))
	for _, g := range asciiGlyphs {
		out[g[0]] = g[1]
	}
	return out
}
