package model

import (
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// WindowAround cuts line (plain text, one line) to at most width cells so
// that its bytes [start, end) stay in view: half the room left goes before
// them, half after, and what one side cannot use goes to the
// other. A cut side is marked "…". It returns the window and where
// [start, end) lies in it. A line that fits, or a span that does not
// (nor lies in the line), comes back as it was.
func WindowAround(line string, start, end, width int) (string, int, int) {
	if ansi.StringWidth(line) <= width || start < 0 || end > len(line) || start > end ||
		ansi.StringWidth(line[start:end])+2 > width {
		return line, start, end
	}
	left, right := start, end
	room := width - ansi.StringWidth(line[start:end]) - 2 // both markers, given back below
	room = growLeft(line, &left, room/2) + room - room/2
	room = growRight(line, &right, room)
	for range 2 { // a side that reached its end needs no marker: its cell goes to context
		if left == 0 {
			room++
		}
		if right == len(line) {
			room++
		}
		room = growLeft(line, &left, room)
		room = growRight(line, &right, room)
		if room == 0 {
			break
		}
	}
	out, at := line[left:right], start-left
	if left > 0 {
		out, at = "…"+out, at+len("…")
	}
	if right < len(line) {
		out += "…"
	}
	return out, at, at + end - start
}

// growLeft moves *left back over whole runes while they fit in room cells,
// and returns the room left over.
func growLeft(line string, left *int, room int) int {
	for *left > 0 {
		r, size := utf8.DecodeLastRuneInString(line[:*left])
		w := ansi.StringWidth(string(r))
		if w > room {
			break
		}
		room -= w
		*left -= size
	}
	return room
}

// growRight moves *right on over whole runes while they fit in room cells.
func growRight(line string, right *int, room int) int {
	for *right < len(line) {
		r, size := utf8.DecodeRuneInString(line[*right:])
		w := ansi.StringWidth(string(r))
		if w > room {
			break
		}
		room -= w
		*right += size
	}
	return room
}
