package common

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// Frame is a rounded border of one size and colour, its pieces styled once
// (on resize or focus change), not on every frame.
type Frame struct {
	width, height int
	top, bottom   string
	side          string
}

// NewFrame builds the border for a pane whose inner size is width x height,
// in the border colour of style.
func NewFrame(style lipgloss.Style, width, height int) Frame {
	border := lipgloss.RoundedBorder()
	paint := lipgloss.NewStyle().Foreground(style.GetBorderTopForeground())
	width, height = max(width, 0), max(height, 0)
	return Frame{
		width:  width,
		height: height,
		top:    paint.Render(border.TopLeft + strings.Repeat(border.Top, width) + border.TopRight),
		bottom: paint.Render(border.BottomLeft + strings.Repeat(border.Bottom, width) + border.BottomRight),
		side:   paint.Render(border.Left),
	}
}

// Render frames content, whose lines the component has already fitted to
// the width: it only pads them. (lipgloss's Border+Width+Height would
// re-wrap every line of both panes on every frame.)
func (f Frame) Render(content string) string {
	var b strings.Builder
	b.Grow((f.width + 16) * (f.height + 2))
	b.WriteString(f.top)
	for i := 0; i < f.height; i++ {
		line := ""
		if nl := strings.IndexByte(content, '\n'); nl >= 0 {
			line, content = content[:nl], content[nl+1:]
		} else {
			line, content = content, ""
		}
		b.WriteByte('\n')
		b.WriteString(f.side)
		b.WriteString(line)
		if pad := f.width - lipgloss.Width(line); pad > 0 {
			b.WriteString(strings.Repeat(" ", pad))
		}
		b.WriteString(f.side)
	}
	b.WriteByte('\n')
	b.WriteString(f.bottom)
	return b.String()
}
