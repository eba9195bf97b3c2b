package detail

import (
	"fmt"
	"hash/maphash"
	"strconv"
	"strings"

	"github.com/charmbracelet/glamour"
	"github.com/charmbracelet/glamour/ansi"
	"github.com/charmbracelet/glamour/styles"
	xansi "github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/common"
)

// MarkdownStyle is how PR bodies and comments are drawn: glamour's dark or
// light style, or a plain one without colour (NO_COLOR, tests). It is
// chosen once at start, so the terminal is never asked again.
type MarkdownStyle string

const (
	MarkdownDark  MarkdownStyle = styles.DarkStyle
	MarkdownLight MarkdownStyle = styles.LightStyle
	MarkdownPlain MarkdownStyle = styles.NoTTYStyle
)

// MarkdownKey names one rendering: which text (an event ID, or
// "body:<number>"), its content (a PR body can be edited), and the width.
type MarkdownKey struct {
	ID    string
	Sum   uint64
	Width int
}

// MarkdownRequest is a text on screen that has no rendering at the pane's
// width yet.
type MarkdownRequest struct {
	Key  MarkdownKey
	Text string
}

// maxMarkdownBytes bounds what is rendered as markdown: a longer text
// stays plain, wrapped and cut as it is (rendering 5 MB is no help).
const maxMarkdownBytes = exactCountBytes

// maxMarkdownEntries bounds the renderings kept (a few widths of the
// comments seen), oldest dropped first.
const maxMarkdownEntries = 512

var markdownSeed = maphash.MakeSeed()

// markdownCache holds renderings, shared by the copies of the pane. A nil
// line slice is a failed rendering: the text stays plain.
type markdownCache struct {
	lines   map[MarkdownKey][]string
	order   []MarkdownKey // oldest first, for eviction
	pending map[MarkdownKey]bool
	kv      map[uint64]bool // texts by sum: true for key: value comments
}

func newMarkdownCache() *markdownCache {
	return &markdownCache{lines: map[MarkdownKey][]string{}, pending: map[MarkdownKey]bool{}, kv: map[uint64]bool{}}
}

// isKV is model.ParseKV's verdict on a text, remembered: the texts in
// view are looked at on every key press.
func (c *markdownCache) isKV(sum uint64, text string) bool {
	kv, ok := c.kv[sum]
	if !ok {
		if len(c.kv) >= maxMarkdownEntries*8 {
			clear(c.kv)
		}
		_, kv = model.ParseKV(text)
		c.kv[sum] = kv
	}
	return kv
}

func (c *markdownCache) store(k MarkdownKey, lines []string) {
	delete(c.pending, k)
	if _, ok := c.lines[k]; !ok {
		c.order = append(c.order, k)
	}
	c.lines[k] = lines
	for len(c.order) > maxMarkdownEntries {
		delete(c.lines, c.order[0])
		c.order = c.order[1:]
	}
}

// markdownText is an item's text if it may be markdown, and the ID its
// renderings go by (an event's own, or "body:<number>"): cheap, it only
// looks at the item's kind. Commit messages and events with no text of
// their own are never markdown.
func (m Model) markdownText(it item) (id, text string, ok bool) {
	switch it.kind {
	case kindBody:
		return "body:" + strconv.Itoa(m.pr.Number), m.pr.Body, true
	case kindEvent:
		ev := m.events[it.event]
		if !ev.Event.HasBody() || shownCommit(ev) != nil {
			return "", "", false
		}
		return ev.ID, model.DisplaySafe(model.Sanitize(ev.Body)), true // cleaned as every drawn text is
	}
	return "", "", false
}

// markdownKeyOf is the rendering an item would use at the current width,
// and false for items whose text is not markdown: see markdownText, and
// no text, key: value bot comments (drawn compactly, with their version
// notes), and texts too long to render.
func (m Model) markdownKeyOf(it item) (MarkdownKey, string, bool) {
	id, text, ok := m.markdownText(it)
	if !ok || len(text) > maxMarkdownBytes || strings.TrimSpace(text) == "" {
		return MarkdownKey{}, "", false
	}
	sum := maphash.String(markdownSeed, text)
	if m.markdown.isKV(sum, text) {
		return MarkdownKey{}, "", false
	}
	return MarkdownKey{ID: id, Sum: sum, Width: m.textWidth()}, text, true
}

// textWidth is the width bodies are wrapped to.
func (m Model) textWidth() int { return max(m.width-gutterWidth-len(bodyIndent), 1) }

// markdownLines is item it's rendering at the current width, if there is one.
func (m Model) markdownLines(it item) ([]string, bool) {
	if m.markdown == nil {
		return nil, false
	}
	k, _, ok := m.markdownKeyOf(it)
	if !ok {
		return nil, false
	}
	lines, ok := m.markdown.lines[k]
	return lines, ok && lines != nil
}

// VisibleMarkdown returns the texts on screen with no rendering at the
// current width, neither kept nor asked for, so the root can render just
// those.
func (m Model) VisibleMarkdown() []MarkdownRequest {
	if m.markdown == nil || !m.hasPR || m.width <= gutterWidth {
		return nil
	}
	var out []MarkdownRequest
	first, last := m.visibleItems()
	for i := first; i <= last && i < len(m.items); i++ {
		k, text, ok := m.markdownKeyOf(m.items[i])
		if !ok || m.markdown.pending[k] {
			continue
		}
		if _, done := m.markdown.lines[k]; !done {
			out = append(out, MarkdownRequest{Key: k, Text: text})
		}
	}
	return out
}

// MarkdownRequested notes that k is being rendered, so it is asked for once.
func (m *Model) MarkdownRequested(k MarkdownKey) { m.markdown.pending[k] = true }

// MarkdownRendered keeps a rendering (nil when it failed), and redraws the
// items that show it now; one for another width or another PR is only kept.
func (m *Model) MarkdownRendered(k MarkdownKey, lines []string) {
	m.markdown.store(k, lines)
	if lines == nil || k.Width != m.textWidth() || !m.hasPR {
		return
	}
	anchorItem, anchorLine := m.anchor()
	atEnd := m.top+m.height >= m.lay.total() // the end in view: keep it there
	changed := false
	for i, it := range m.items {
		if it.lines == nil || (it.kind != kindBody && it.kind != kindEvent) {
			continue // not drawn yet: it will find the rendering when it is
		}
		if id, _, ok := m.markdownText(it); !ok || id != k.ID {
			continue
		}
		if ik, _, ok := m.markdownKeyOf(it); ok && ik == k {
			m.invalidate(i)
			changed = true
		}
	}
	if !changed {
		return
	}
	if m.followEnd || atEnd {
		m.showEnd()
	} else {
		m.holdAnchor(anchorItem, anchorLine)
	}
	m.clampTop()
	m.ensureRendered()
}

// RenderMarkdown renders text as markdown wrapped to width, as lines with
// only colour codes (SGR) in them, with no margins and no blank lines at
// either end. It is safe to call from any goroutine: each call builds its
// own renderer (a glamour TermRenderer is not safe for concurrent use).
func RenderMarkdown(text string, width int, style MarkdownStyle, profile termenv.Profile) ([]string, error) {
	cfg := styles.NoTTYStyleConfig
	switch style {
	case MarkdownDark:
		cfg = styles.DarkStyleConfig
	case MarkdownLight:
		cfg = styles.LightStyleConfig
	default:
		profile = termenv.Ascii // plain means no escape codes at all
	}
	// The pane has its own indent: glamour's document margin and blank
	// lines around the document would only waste a narrow pane's columns.
	zero := uint(0)
	cfg.Document = ansi.StyleBlock{StylePrimitive: cfg.Document.StylePrimitive, Margin: &zero}
	cfg.Document.BlockPrefix, cfg.Document.BlockSuffix = "", ""
	r, err := glamour.NewTermRenderer(
		glamour.WithStyles(cfg),
		glamour.WithColorProfile(profile),
		glamour.WithWordWrap(max(width, 1)),
		// GitHub breaks comment lines where their authors did.
		glamour.WithPreservedNewLines(),
	)
	if err != nil {
		return nil, err
	}
	out, err := r.Render(text)
	if err != nil {
		return nil, err
	}
	var lines []string
	plain := profile == termenv.Ascii
	for l := range strings.SplitSeq(out, "\n") {
		l = cleanLine(l, plain)
		if l == "" && (len(lines) == 0 || lines[len(lines)-1] == "") {
			continue // no blank lines at the top, nor two in a row
		}
		if xansi.StringWidth(l) > width {
			// glamour breaks after a hyphen one cell past the width: the
			// pane would clip that cell (a URL lost its "-"). Break the
			// line again, hard, so nothing is lost.
			lines = append(lines, strings.Split(xansi.Hardwrap(l, max(width, 1), true), "\n")...)
			continue
		}
		lines = append(lines, l)
	}
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if len(lines) > maxExpandedLines+1 {
		lines = lines[:maxExpandedLines+1] // one past the cap: the pane says it cut
	}
	return lines, nil
}

const sgrReset = "\x1b[0m"

// cleanLine makes one line of glamour's output safe and lean, in one pass:
//   - only colour codes (SGR) are kept; everything else goes through
//     Sanitize, so no other sequence (a hyperlink, a cursor move) and no
//     control character can reach the terminal, whatever glamour or the
//     text made of it; plain drops the colour codes too (glamour's tables
//     reset colours even when there are none);
//   - codes that style no text are dropped (glamour styles each word and
//     the empty runs between them): fewer bytes for View to copy;
//   - the spaces glamour pads each line to the full width with go, and a
//     styled line ends with a reset, so no style runs on past it.
//
// sgrEnd is the index of the final m of the colour code (SGR) at line[i],
// or -1 when none starts there.
func sgrEnd(line string, i int) int {
	if line[i] != '\x1b' || i+1 >= len(line) || line[i+1] != '[' {
		return -1
	}
	j := i + 2
	for j < len(line) && (line[j] >= '0' && line[j] <= '9' || line[j] == ';' || line[j] == ':') {
		j++
	}
	if j >= len(line) || line[j] != 'm' {
		return -1
	}
	return j
}

func cleanLine(line string, plain bool) string {
	if !strings.Contains(line, "\x1b") {
		return strings.TrimRight(model.Sanitize(line), " ")
	}
	var b strings.Builder
	b.Grow(len(line))
	pending := ""                // codes since the last text: written only if text follows
	styled := false              // a colour is in effect at the end of b
	keep, keepStyled := 0, false // b up to its last non-space character, and its colour then
	text := func(s string) {
		if s = model.Sanitize(s); s == "" {
			return
		}
		if pending != "" {
			b.WriteString(pending)
			styled = pending != sgrReset
			pending = ""
		}
		b.WriteString(s)
		if trimmed := strings.TrimRight(s, " "); trimmed != "" {
			keep, keepStyled = b.Len()-(len(s)-len(trimmed)), styled
		}
	}
	from := 0 // start of the text not written yet
	for i := 0; i < len(line); i++ {
		j := sgrEnd(line, i)
		if j < 0 {
			continue // not a colour code: Sanitize drops it with the text around it
		}
		text(line[from:i])
		from = j + 1
		switch code := line[i : j+1]; {
		case plain:
		case code == sgrReset || code == "\x1b[m":
			pending = ""
			if styled {
				pending = sgrReset
			}
		default:
			pending += code
		}
		i = j
	}
	text(line[from:])
	out := b.String()[:keep]
	if keepStyled {
		out += sgrReset
	}
	return out
}

// renderBody draws a PR body or a comment: its markdown rendering once
// there is one for this width, the plain wrapped text until then. Either
// shows collapsedLines lines until expanded.
func (m Model) renderBody(it item, text, empty string, w int) []string {
	md, ok := m.markdownLines(it)
	if !ok {
		return m.renderText(text, empty, w, it.expanded)
	}
	limit := collapsedLines
	if it.expanded {
		limit = maxExpandedLines
	}
	shown, note := md, ""
	switch hidden := len(md) - limit; {
	case hidden > 0 && !it.expanded:
		shown = md[:limit]
		note = fmt.Sprintf("… %d more line%s (%s to expand)", hidden, plural(hidden), keyHint(m.KeyMap.Toggle))
	case hidden > 0:
		shown = md[:limit]
		note = fmt.Sprintf("… cut at %d lines: the text is %s", limit, sizeOf(len(text)))
	}
	lines := make([]string, 0, len(shown)+1)
	for _, l := range shown {
		lines = append(lines, bodyIndent+l)
	}
	if note != "" {
		lines = append(lines, bodyIndent+m.common.Styles.Muted.Render(common.Truncate(note, w-len(bodyIndent))))
	}
	return lines
}
