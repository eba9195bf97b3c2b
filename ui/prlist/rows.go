package prlist

import (
	"strconv"
	"strings"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/common"
)

// rowCache holds each PR's rendered row for the current width; "" means not
// rendered yet (a real row is never empty).
type rowCache struct{ rows []string }

func (c *rowCache) reset() {
	for i := range c.rows {
		c.rows[i] = ""
	}
}
func (c *rowCache) grow(n int) {
	for len(c.rows) < n {
		c.rows = append(c.rows, "")
	}
}
func (c *rowCache) insert(at, n int) {
	c.rows = append(c.rows[:at], append(make([]string, n), c.rows[at:]...)...)
}
func (c *rowCache) removeAt(i int) {
	if i < len(c.rows) {
		c.rows = append(c.rows[:i], c.rows[i+1:]...)
	}
}
func (c *rowCache) invalidate(i int) {
	if i < len(c.rows) {
		c.rows[i] = ""
	}
}
func (c *rowCache) has(i int) bool { return i < len(c.rows) && c.rows[i] != "" }
func (c *rowCache) set(i int, row string) {
	c.grow(i + 1)
	c.rows[i] = row
}
func (c *rowCache) get(i int) (string, bool) {
	if !c.has(i) {
		return "", false
	}
	return c.rows[i], true
}

const (
	markWidth   = 2 // the selection glyph and a space
	stateWidth  = 6 // "merged"
	authorWidth = 16
)

// renderRow lays out one PR: state, number, title, author, age. The title
// takes what the other columns leave; narrow panes drop the author first.
func (m Model) renderRow(pr model.PullRequest) string {
	s := m.common.Styles
	w := m.width - markWidth
	state := common.StateWord(pr)
	stateStyle := s.State(state)
	num := "#" + strconv.Itoa(pr.Number)
	num += strings.Repeat(" ", max(m.numDigits+1-len(num), 0))
	age := m.common.Age(pr.CreatedAt)
	author := model.DisplayActor(pr.User)

	ageWidth := m.common.AgeWidth()
	fixed := stateWidth + 1 + len(num) + 1 + 1 + ageWidth
	showAuthor := w-fixed-authorWidth-1 >= 12
	if showAuthor {
		fixed += authorWidth + 1
	}
	titleWidth := w - fixed
	if titleWidth < 1 {
		// Too narrow for columns: number and title only.
		return common.Truncate(num+" "+pr.Title, w)
	}
	var b strings.Builder
	b.WriteString(stateStyle.Render(common.PadRight(state, stateWidth)))
	b.WriteByte(' ')
	b.WriteString(s.Number.Render(num))
	b.WriteByte(' ')
	b.WriteString(common.PadRight(common.Truncate(ciMark(model.PullCI(pr, m.headVerdict(pr)))+pr.Title, titleWidth), titleWidth))
	b.WriteByte(' ')
	if showAuthor {
		b.WriteString(s.Author.Render(common.PadRight(common.Truncate(author, authorWidth), authorWidth)))
		b.WriteByte(' ')
	}
	b.WriteString(s.Muted.Render(common.PadLeft(age, ageWidth)))
	return b.String()
}

// decorate puts the selection glyph in front of a row: a glyph, not only a
// colour, so the selection stays visible with NO_COLOR.
func (m Model) decorate(row string, selected bool) string {
	if !selected {
		return "  " + row
	}
	mark := "▶ "
	if !m.focused {
		mark = "▷ "
	}
	return m.common.Styles.SelectedMark.Render(mark) + row
}

func itoa(n int) string { return strconv.Itoa(n) }

// ciMark is a PR's CI verdict (model.PullCI) in front of its title: "✗ "
// failed, "✓ " passed, "● " running, none when not known.
func ciMark(verdict string) string {
	switch verdict {
	case "fail":
		return "✗ "
	case "pass":
		return "✓ "
	case "running":
		return "● "
	}
	return ""
}
