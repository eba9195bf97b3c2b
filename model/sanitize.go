package model

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// tabStop is the distance between tab stops, as on a terminal.
const tabStop = 8

// Sanitize makes text from the GitHub API safe to measure, wrap and draw on a
// terminal. Anyone can write a PR title or comment, so the text may carry
// escape sequences that would move the cursor, retitle the window, set the
// clipboard (OSC 52) or reorder what is shown (bidi controls).
//
// Sanitize:
//   - removes escape sequences whole: CSI (ESC [ … final), string sequences
//     (OSC, DCS, SOS, PM, APC; up to BEL, ST or the end of s) and ESC with
//     one final byte (after any intermediates);
//   - treats the C1 controls U+0080–U+009F the same, whether encoded as UTF-8
//     or as raw 8-bit bytes, because terminals in 8-bit mode act on both:
//     CSI/OSC/DCS/SOS/PM/APC lose their payload, the rest are dropped;
//   - drops every other C0 control and DEL, except '\n'; CRLF and lone CR
//     become '\n', and '\t' becomes spaces up to the next 8-column tab stop,
//     measured in display cells;
//   - drops the bidi controls U+202A–U+202E and U+2066–U+2069 and the marks
//     U+200E, U+200F and U+061C, which can make text read differently from
//     how it is stored;
//   - replaces any other invalid UTF-8 byte with U+FFFD.
//
// Everything else, including CJK, emoji with ZWJ sequences and combining
// marks, is kept. Sanitize is idempotent, and returns s itself without
// allocating when there is nothing to change, which is the common case.
//
// A text longer than MaxTextBytes is cut there, with a marker: before the
// work, and again after it, since expanded tabs can lengthen a text.
func Sanitize(s string) string {
	s = clip(s, MaxTextBytes)
	if isClean(s) {
		return s
	}
	return clip(sanitizeSlow(s), MaxTextBytes)
}

// SanitizeLine is Sanitize for single-line fields (titles, logins, branch
// names, labels): newlines become spaces and surrounding space is trimmed.
// It is cut at MaxLineBytes first, with a marker.
func SanitizeLine(s string) string {
	s = Sanitize(clip(s, MaxLineBytes))
	if strings.IndexByte(s, '\n') >= 0 {
		s = strings.ReplaceAll(s, "\n", " ")
	}
	return clip(strings.TrimSpace(s), MaxLineBytes)
}

// isClean reports whether Sanitize would return s unchanged.
func isClean(s string) bool {
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if (b < 0x20 && b != '\n') || b == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || isDroppedRune(r) {
			return false
		}
		i += size
	}
	return true
}

// isDroppedRune reports whether a valid non-ASCII rune is removed: the C1
// controls and the bidi formatting characters.
func isDroppedRune(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	}
	return false
}

// C1 controls that begin a sequence with a payload.
const (
	c1DCS = 0x90
	c1SOS = 0x98
	c1CSI = 0x9b
	c1ST  = 0x9c
	c1OSC = 0x9d
	c1PM  = 0x9e
	c1APC = 0x9f
)

// lineWriter builds sanitized output and keeps the display column of the
// current line so that tabs expand to the right stop.
type lineWriter struct {
	out strings.Builder
	// col is the width of the current line up to measuredTo; the text after
	// measuredTo is measured only when a tab needs it, so graphemes that span
	// several runes are measured whole.
	col        int
	measuredTo int
}

func (w *lineWriter) writeString(s string) { w.out.WriteString(s) }
func (w *lineWriter) writeRune(r rune)     { w.out.WriteRune(r) }

func (w *lineWriter) newline() {
	w.out.WriteByte('\n')
	w.col = 0
	w.measuredTo = w.out.Len()
}

func (w *lineWriter) tab() {
	// String() does not copy, and the builder only appends, so the slice
	// stays valid.
	w.col += ansi.StringWidth(w.out.String()[w.measuredTo:])
	n := tabStop - w.col%tabStop
	for range n {
		w.out.WriteByte(' ')
	}
	w.col += n
	w.measuredTo = w.out.Len()
}

func sanitizeSlow(s string) string {
	var w lineWriter
	w.out.Grow(len(s))
	for i := 0; i < len(s); {
		b := s[i]
		if b >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				// A raw 8-bit byte: C1 controls are acted on by terminals
				// in 8-bit mode, anything else is just broken UTF-8.
				if b <= 0x9f {
					i = skipC1(s, i+1, b)
				} else {
					w.writeRune(utf8.RuneError)
					i++
				}
				continue
			}
			switch {
			case r <= 0x9f:
				i = skipC1(s, i+size, byte(r))
			case isDroppedRune(r):
				i += size
			default:
				w.writeString(s[i : i+size])
				i += size
			}
			continue
		}

		switch {
		case b == '\n':
			w.newline()
			i++
		case b == '\r':
			// CRLF and lone CR both end the line once.
			w.newline()
			i++
			if i < len(s) && s[i] == '\n' {
				i++
			}
		case b == '\t':
			w.tab()
			i++
		case b == 0x1b:
			i = skipEscape(s, i+1)
		case b < 0x20 || b == 0x7f:
			i++
		default:
			// Copy the run of printable ASCII in one go.
			j := i + 1
			for j < len(s) && s[j] >= 0x20 && s[j] < 0x7f {
				j++
			}
			w.writeString(s[i:j])
			i = j
		}
	}
	return w.out.String()
}

// skipEscape returns the index just past the escape sequence whose ESC was
// at i-1.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[':
		return skipCSI(s, i+1)
	case ']', 'P', 'X', '^', '_':
		return skipString(s, i+1)
	}
	// nF and Fp/Fe/Fs sequences: intermediates 0x20–0x2F, then one final
	// byte 0x30–0x7E. Anything else ends the sequence unconsumed.
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
		i++
	}
	return i
}

// skipC1 returns the index just past the sequence begun by C1 control c,
// whose payload starts at i.
func skipC1(s string, i int, c byte) int {
	switch c {
	case c1CSI:
		return skipCSI(s, i)
	case c1OSC, c1DCS, c1SOS, c1PM, c1APC:
		return skipString(s, i)
	}
	return i
}

// skipCSI returns the index just past a control sequence whose parameters
// start at i: parameter and intermediate bytes 0x20–0x3F, then a final byte
// 0x40–0x7E. A byte that fits neither ends the sequence and is kept, so a
// broken sequence cannot swallow the text after it.
func skipCSI(s string, i int) int {
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x3f {
		i++
	}
	if i < len(s) && s[i] >= 0x40 && s[i] <= 0x7e {
		i++
	}
	return i
}

// skipString returns the index just past a control string (OSC, DCS, SOS,
// PM, APC) whose payload starts at i. It ends at BEL, at ST (ESC \ or C1
// ST, raw or UTF-8), or before any other ESC, which starts a new sequence on
// a terminal too. An unterminated string runs to the end of s, as it would
// on a terminal.
func skipString(s string, i int) int {
	for i < len(s) {
		switch b := s[i]; {
		case b == 0x07:
			return i + 1
		case b == 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i
		case b == c1ST:
			// A raw ST byte; a UTF-8 continuation byte with the same value
			// never gets here because multi-byte runes are stepped over whole.
			return i + 1
		case b >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == c1ST {
				return i + size
			}
			i += size
		default:
			i++
		}
	}
	return i
}
