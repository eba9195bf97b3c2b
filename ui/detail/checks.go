package detail

import (
	"fmt"
	"slices"
	"strings"

	"github.com/prscope/prscope/ui/store"

	"github.com/charmbracelet/lipgloss"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/common"
)

// maxFailingCollapsed is how many failing checks the collapsed item names.
const maxFailingCollapsed = 5

// SetChecks shows the CI of the PR shown: a line in the header and, when
// there are checks, an item after it that lists them. Items below keep
// their place on screen.
func (m *Model) SetChecks(s store.ChecksStatus) {
	if s.Key == m.checks.Key && s.Version == m.checks.Version {
		return
	}
	m.checks = s
	if !m.hasPR {
		return
	}
	anchorItem, anchorLine := m.anchor()
	i := m.checksIndex()
	switch want := len(s.Checks.Items) > 0; {
	case want && i < 0:
		m.addChecksItem()
		if m.cursor >= 1 {
			m.cursor++
		}
		if anchorItem >= 1 {
			anchorItem++
		}
	case !want && i >= 0:
		m.items = slices.Delete(m.items, i, i+1)
		m.resetHeights()
		if m.cursor > i {
			m.cursor--
		}
		switch {
		case anchorItem > i:
			anchorItem--
		case anchorItem == i:
			anchorLine = 0 // the body takes its place
		}
	case i >= 0:
		m.invalidate(i)
	}
	m.invalidate(0) // the header's checks line
	m.holdAnchor(anchorItem, anchorLine)
	if m.followEnd {
		m.showEnd()
	}
	m.clampTop()
	m.ensureRendered()
}

// checksIndex is the checks item's index, or -1 when there is none (it
// only ever sits right after the header).
func (m Model) checksIndex() int {
	if len(m.items) > 1 && m.items[1].kind == kindChecks {
		return 1
	}
	return -1
}

// addChecksItem puts the checks item after the header when there are
// checks to list and it is not there yet.
func (m *Model) addChecksItem() {
	if len(m.checks.Checks.Items) == 0 || m.checksIndex() >= 0 || len(m.items) == 0 {
		return
	}
	m.items = slices.Insert(m.items, 1, item{kind: kindChecks})
	m.resetHeights()
}

// resetHeights recounts every item's height after items were inserted or
// removed: rendered ones by their lines, the rest by estimate.
func (m *Model) resetHeights() {
	h := make([]int, len(m.items))
	for i, it := range m.items {
		if it.lines != nil {
			h[i] = len(it.lines)
		} else {
			h[i] = m.estimate(it)
		}
	}
	m.lay.reset(h)
}

// leadItems are the items before the timeline: the header, the checks
// when listed, the body.
func (m Model) leadItems() []item {
	for i, it := range m.items {
		if it.kind == kindBody {
			return slices.Clone(m.items[:i+1])
		}
	}
	return []item{{kind: kindHeader}, {kind: kindBody}}
}

// bodyIndex is the body item's index.
func (m Model) bodyIndex() int {
	if m.checksIndex() >= 0 {
		return 2
	}
	return 1
}

// checksLine is the header's line about CI, naming the head commit the
// checks are of; "" when nothing is known yet.
func (m Model) checksLine() string {
	s := m.common.Styles
	c := m.checks
	head := ""
	if sha := model.ShortSHA(model.SanitizeLine(m.pr.HeadSHA)); sha != "" {
		head = "head " + sha
	}
	switch {
	case c.Key == "":
		return ""
	case c.Loading && !c.Loaded:
		return s.Loading.Render("checks: loading…")
	case c.Err != "" && !c.Loaded:
		return s.Error.Render("checks: could not load (" + m.common.Retry() + "): " + model.SanitizeLine(c.Err))
	case c.Loaded && len(c.Checks.Items) == 0:
		return s.Muted.Render(strings.TrimSuffix("no checks on "+head, " on "))
	case c.Loaded:
		return "checks: " + m.checksSummary() + s.Muted.Render(strings.TrimSuffix(" · "+head, " · "))
	}
	return ""
}

// checksSummary is the counts, each styled by what it means; the words say
// it all without colour.
func (m Model) checksSummary() string {
	s := m.common.Styles
	c := m.checks.Checks
	var parts []string
	add := func(n int, word model.Verdict, style lipgloss.Style) {
		if n > 0 {
			parts = append(parts, style.Render(fmt.Sprintf("%d %s", n, word)))
		}
	}
	add(c.Passed, model.VerdictPassed, s.StateOpen)
	add(c.Failed, model.VerdictFailed, s.Error)
	add(c.Running, model.VerdictRunning, s.StatusWarning)
	add(c.Skipped, model.VerdictSkipped, s.Muted)
	add(c.Neutral, model.VerdictNeutral, s.Muted)
	return strings.Join(parts, " · ")
}

// checkGlyph marks a verdict: ✓ passed, ✗ failed, ● running, – skipped,
// ○ neutral.
func (m Model) checkGlyph(v model.Verdict) string {
	s := m.common.Styles
	switch v {
	case model.VerdictPassed:
		return s.StateOpen.Render("✓")
	case model.VerdictFailed:
		return s.Error.Render("✗")
	case model.VerdictRunning:
		return s.StatusWarning.Render("●")
	case model.VerdictSkipped:
		return s.Muted.Render("–")
	}
	return s.Muted.Render("○")
}

// renderChecks is the checks item: collapsed, the counts and the failing
// checks by name; expanded, every check with its app, result and duration.
func (m Model) renderChecks(w int, expanded bool) []string {
	s := m.common.Styles
	c := m.checks.Checks
	n := len(c.Items)
	hint := fmt.Sprintf("enter to list all %d", n)
	if expanded {
		hint = "enter to fold"
	}
	title := m.checkGlyph(c.State) + " " + s.Title.Render("Checks") + " " + m.checksSummary()
	lines := []string{joinEnds(title, s.Muted.Render(hint), w)}
	tw := w - len(bodyIndent)
	if !expanded {
		failing := c.Failing()
		for _, f := range failing[:min(len(failing), maxFailingCollapsed)] {
			lines = append(lines, bodyIndent+common.Truncate(m.checkGlyph(f.Verdict)+" "+f.Name, tw))
		}
		if more := len(failing) - maxFailingCollapsed; more > 0 {
			lines = append(lines, bodyIndent+s.Muted.Render(common.Truncate(fmt.Sprintf("… and %d more failed", more), tw)))
		}
		return lines
	}
	for _, it := range c.Items {
		lines = append(lines, bodyIndent+m.checkLine(it, tw))
	}
	return lines
}

// checkLine is one check: glyph and name on the left; app or context,
// result and duration on the right.
func (m Model) checkLine(c model.Check, w int) string {
	s := m.common.Styles
	right := []string{c.Source, c.Result}
	if c.HasDuration {
		right = append(right, model.FormatDuration(c.Duration))
	}
	resultStyle := s.Muted
	if c.Verdict == model.VerdictFailed {
		resultStyle = s.Error
	}
	return joinEnds(m.checkGlyph(c.Verdict)+" "+c.Name, resultStyle.Render(strings.Join(slices.DeleteFunc(right, func(x string) bool { return x == "" }), " · ")), w)
}

// checksEstimate guesses the checks item's height without rendering it.
func (m Model) checksEstimate(expanded bool) int {
	c := m.checks.Checks
	if expanded {
		return 1 + len(c.Items) + 1
	}
	f := c.Failed
	if f > maxFailingCollapsed {
		f = maxFailingCollapsed + 1
	}
	return 1 + f + 1
}
