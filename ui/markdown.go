package ui

import (
	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"

	"github.com/prscope/prscope/ui/detail"
)

// markdownMsg is a body or comment rendered as markdown. Its key names the
// text and the width, so a rendering that arrives after a resize or a move
// to another PR is kept for later, never drawn at the wrong width.
type markdownMsg struct {
	key   detail.MarkdownKey
	lines []string // nil when the rendering failed: the text stays plain
}

// maxMarkdownRenders bounds the renderings running at once: holding j
// through a long timeline asks only for what is on screen, and never for
// more than this many at a time (the rest are asked for when they are
// still in view after).
const maxMarkdownRenders = 4

// renderMarkdown renders one text off the Update loop. It captures values
// only: the text, the width in the key, the style and colour profile.
func renderMarkdown(req detail.MarkdownRequest, style detail.MarkdownStyle, profile termenv.Profile) tea.Cmd {
	return func() tea.Msg {
		lines, err := detail.RenderMarkdown(req.Text, req.Key.Width, style, profile)
		if err != nil {
			lines = nil
		}
		return markdownMsg{key: req.Key, lines: lines}
	}
}

// markdownJobs are the renderings running, for the detail pane: slow
// rendering happens in commands, and is done again on resize.
type markdownJobs struct {
	style   detail.MarkdownStyle
	profile termenv.Profile // read once at start
	busy    int
}

// load asks for the renderings of the bodies and comments in view that
// have none at the pane's width.
func (j *markdownJobs) load(d *detail.Model) tea.Cmd {
	var cmds []tea.Cmd
	for _, req := range d.VisibleMarkdown() {
		if j.busy >= maxMarkdownRenders {
			break
		}
		j.busy++
		d.MarkdownRequested(req.Key)
		cmds = append(cmds, renderMarkdown(req, j.style, j.profile))
	}
	return tea.Batch(cmds...)
}

func (j *markdownJobs) done(d *detail.Model, msg markdownMsg) {
	j.busy--
	d.MarkdownRendered(msg.key, msg.lines)
}
