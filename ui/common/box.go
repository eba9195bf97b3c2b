package common

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// Box draws content (lines already fitted to width by the component) inside
// a rounded border. It is what lipgloss's Border+Width+Height would draw,
// without re-wrapping every line on every frame: components lay out their
// lines once, so the frame only pads and frames them.
func Box(style lipgloss.Style, content string, width, height int) string {
	border := lipgloss.RoundedBorder()
	paint := lipgloss.NewStyle().Foreground(style.GetBorderTopForeground())
	side := paint.Render(border.Left)
	var b strings.Builder
	b.Grow((width + 8) * (height + 2))
	b.WriteString(paint.Render(border.TopLeft + strings.Repeat(border.Top, width) + border.TopRight))
	lines := strings.Split(content, "\n")
	for i := 0; i < height; i++ {
		line := ""
		if i < len(lines) {
			line = lines[i]
		}
		b.WriteByte('\n')
		b.WriteString(side)
		b.WriteString(line)
		if pad := width - lipgloss.Width(line); pad > 0 {
			b.WriteString(strings.Repeat(" ", pad))
		}
		b.WriteString(side)
	}
	b.WriteByte('\n')
	b.WriteString(paint.Render(border.BottomLeft + strings.Repeat(border.Bottom, width) + border.BottomRight))
	return b.String()
}
