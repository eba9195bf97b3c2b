package detail

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/prscope/prscope/ui/store"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/common"
)

const (
	gutterWidth = 2
	// Long comments and bodies show this many lines until expanded.
	collapsedLines = 8
	bodyIndent     = "  "
)

// render lays out one item for the current width. Every item but the footer
// ends with a blank separator line.
func (m Model) render(it item) []string {
	w := max(m.width-gutterWidth, 1)
	var lines []string
	switch it.kind {
	case kindHeader:
		lines = m.renderHeader(w)
	case kindBody:
		if !m.prKnown() {
			break // a stand-in for a PR that could not be had: it has no body to speak of
		}
		lines = m.renderBody(it, m.pr.Body, "No description provided.", w)
	case kindEvent:
		lines = m.renderEvent(it.event, model.SanitizeEvent(m.events[it.event]), w, it.expanded)
		lines = append(lines, m.renderRevisionDiff(it, w)...)
	case kindGap:
		lines = m.renderGap(m.gaps[it.event], w)
	case kindChecks:
		lines = m.renderChecks(w, it.expanded)
	case kindFooter:
		return m.renderFooter(w)
	}
	return append(fit(lines, w), "")
}

// prKnown reports that the PR shown is GitHub's, not the stand-in for one
// that could not be had (its title says why): a stand-in has no author
// and no creation time, which every real PR has.
func (m Model) prKnown() bool { return m.pr.User != "" || !m.pr.CreatedAt.IsZero() }

// fit cuts any line wider than w, so that however narrow the pane (the
// indents alone can overflow a pane a few columns wide), no line spills.
func fit(lines []string, w int) []string {
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	return lines
}

// shownCommit is the commit whose message an event shows: a referencing
// commit's (References), fetched on demand, or one that came with the event
// (committed).
// A closed or merged event's commit is named in its summary and never
// fetched: it may live in a deleted fork.
func shownCommit(ev model.Event) *model.CommitRef {
	if c := ev.Commit; c != nil && (ev.Event.References() || c.Message != "") {
		return c
	}
	return nil
}

// expandable says whether enter changes anything for this item.
func (m Model) expandable(it item) bool {
	if it.kind == kindEvent {
		ev := model.SanitizeEvent(m.events[it.event])
		if threads, own := m.reviewComments(ev); len(threads)+len(own) > 0 {
			return true // its review comments show when expanded
		}
	}
	if md, ok := m.markdownLines(it); ok {
		return len(md) > collapsedLines
	}
	switch it.kind {
	case kindChecks:
		return true
	case kindBody:
		return longerThan(m.pr.Body, collapsedLines, m.width-gutterWidth-len(bodyIndent))
	case kindEvent:
		ev := model.SanitizeEvent(m.events[it.event])
		if shownCommit(ev) != nil || m.headCutAt(it.event) {
			return true
		}
		return longerThan(ev.Body, collapsedLines, m.width-gutterWidth-len(bodyIndent))
	}
	return false
}

// headCut reports that an event's first line, left then when, is cut at
// width w: enter shows it whole.
func headCut(left, when string, w int) bool {
	return lipgloss.Width(left)+1+lipgloss.Width(when) > w
}

// longerThan reports whether text wraps to more than n lines at width w.
func longerThan(text string, n, w int) bool {
	lines, _ := wrapHead(strings.TrimRight(text, "\n"), n+1, w)
	return len(lines) > n
}

func (m Model) renderHeader(w int) []string {
	s := m.common.Styles
	pr := m.pr
	var lines []string
	for _, l := range wrap(pr.Title+" #"+strconv.Itoa(pr.Number), w) {
		lines = append(lines, s.Title.Render(l))
	}
	if pr.State != "" || !pr.CreatedAt.IsZero() { // else only its number is known: no made-up author or dates
		lines = append(lines, m.renderWhoAndWhen(w)...)
	}
	return append(lines, m.renderFacts(w)...)
}

// renderWhoAndWhen is the header's state, author, branches and times.
func (m Model) renderWhoAndWhen(w int) []string {
	s := m.common.Styles
	pr := m.pr
	var lines []string
	state := common.StateWord(pr)
	verb := "wants to merge"
	switch state {
	case model.StateMerged:
		verb = "merged"
	case model.StateClosed:
		verb = "wanted to merge"
	}
	commits := ""
	if n := m.commitCount(); n > 0 {
		commits = fmt.Sprintf(" %d commit%s", n, plural(n))
	}
	meta := fmt.Sprintf("%s %s%s into %s from %s", model.DisplayActor(pr.User), verb, commits, pr.Base, pr.Head)
	lines = append(lines, wrap(m.common.Styles.State(state).Render(strings.ToUpper(state))+" "+meta, w)...)

	times := []string{"created " + m.common.When(pr.CreatedAt)}
	if !pr.UpdatedAt.IsZero() {
		times = append(times, "updated "+m.common.When(pr.UpdatedAt))
	}
	if pr.MergedAt != nil {
		times = append(times, "merged "+m.common.When(*pr.MergedAt))
	} else if pr.ClosedAt != nil {
		times = append(times, "closed "+m.common.When(*pr.ClosedAt))
	}
	for _, l := range wrapParts(times, w) {
		lines = append(lines, s.Muted.Render(l))
	}
	return lines
}

// renderFacts is the header's labels, counts and review tally.
func (m Model) renderFacts(w int) []string {
	s := m.common.Styles
	pr := m.pr
	var lines []string

	labels := "no labels"
	if len(pr.Labels) > 0 {
		names := make([]string, len(pr.Labels))
		for i, l := range pr.Labels {
			names[i] = l.Name
		}
		labels = "labels: " + s.Label.Render(strings.Join(names, ", "))
	}
	facts := append([]string{labels}, m.counts()...)
	if !m.prKnown() {
		facts = m.counts() // nothing is known of its labels either
	}
	if tally := m.reviewTally(); tally != "" {
		facts = append(facts, tally)
	}
	if note := m.pullCommitsNote(); note != "" {
		facts = append(facts, s.Error.Render(note))
	}
	if note := m.filterNote(); note != "" {
		facts = append(facts, s.StatusWarning.Render(note))
	}
	if !m.status.CachedAt.IsZero() {
		facts = append(facts, s.StatusWarning.Render("cached "+m.common.Since(m.status.CachedAt)))
	}
	lines = append(lines, wrapParts(facts, w)...)
	if ci := m.checksLine(); ci != "" {
		lines = append(lines, wrap(ci, w)...)
	}
	if m.ciHeadline != "" {
		// Wrapped between its parts, so no line ends on a dangling "·".
		lines = append(lines, wrapParts(strings.Split("history: "+m.ciHeadline, " · "), w)...)
	}
	return append(lines, s.Muted.Render(strings.Repeat("─", w)))
}

// counts summarises the timeline loaded so far; "+" while more pages exist.
func (m Model) counts() []string {
	if len(m.events) == 0 && len(m.gaps) == 0 && m.status.Err != "" {
		// Nothing is known, which is not "0 events": say so, with
		// GitHub's own count of comments where it gave one.
		out := []string{"timeline not loaded"}
		if m.pr.Detailed {
			out = append([]string{fmt.Sprintf("%s comment%s", groupDigits(m.pr.Comments), plural(m.pr.Comments))}, out...)
		}
		return out
	}
	comments, refs := 0, 0
	for _, ev := range m.events {
		switch {
		case ev.Event == model.KindCommented: // as GitHub counts comments
			comments++
		case ev.Event.References():
			refs++
		}
	}
	more := ""
	if m.status.More || len(m.gaps) > 0 {
		more = "+"
	}
	commentsMore := more
	if m.pr.Detailed && m.pr.Comments > comments {
		comments, commentsMore = m.pr.Comments, "" // GitHub's own count is exact
	}
	// Every count is written alike (2,500 beside ~2,600), digits grouped.
	events := fmt.Sprintf("%s%s events", groupDigits(len(m.events)), more)
	if len(m.gaps) > 0 { // the pages not loaded have an estimated size
		events = fmt.Sprintf("%s of ~%s events", groupDigits(len(m.events)), groupDigits(len(m.events)+m.gapEvents()))
	}
	return []string{
		fmt.Sprintf("%s%s comment%s", groupDigits(comments), commentsMore, plural(comments)),
		fmt.Sprintf("%s%s referencing commit%s", groupDigits(refs), more, plural(refs)),
		events,
	}
}

func (m Model) renderEvent(index int, ev model.Event, w int, expanded bool) []string {
	s := m.common.Styles
	commit := shownCommit(ev)
	left, when := m.eventHead(index, ev)
	lines := []string{joinEnds(left, s.Muted.Render(when), w)}
	if expanded && headCut(left, when, w) {
		lines = wrap(left+"  "+s.Muted.Render(when), w) // opened: the whole line
	}
	switch {
	case commit != nil:
		lines = append(lines, m.renderCommit(*commit, w, expanded)...)
		if ev.Event.References() {
			lines = append(lines, m.renderReference(*commit, w, expanded)...)
		}
	case ev.Event.HasBody():
		if strings.TrimSpace(ev.Body) != "" {
			lines = append(lines, m.renderBody(item{kind: kindEvent, event: index, expanded: expanded}, ev.Body, "", w)...)
		}
		if note := m.kvNote(index); note != "" {
			lines = append(lines, bodyIndent+s.Muted.Render(common.Truncate(note, w-len(bodyIndent))))
		}
		lines = append(lines, m.renderReviewComments(ev, w, expanded)...)
	}
	return lines
}

// eventHead is an event's first line: its glyph, actor and summary on the
// left, when on the right.
func (m Model) eventHead(index int, ev model.Event) (left, when string) {
	s := m.common.Styles
	glyph := "○"
	switch {
	case ev.Event.HasBody():
		glyph = "●"
	case shownCommit(ev) != nil:
		glyph = "◆"
	}
	when = m.common.When(ev.CreatedAt)

	summary := model.EventSummary(ev)
	if p, ok := m.pushes[index]; ok && p.pos == 0 {
		summary = m.groupSummary(p) // the group sits at its first push; it names its last
		if !m.openGroups[p.group.ID] {
			when = "" // its span says when: the room goes to the summary
		}
	} else if note := m.pushNote(index); note != "" {
		summary = note + ": " + summary
	}
	summary += m.sourceSuffix(ev)
	return glyph + " " + s.Author.Render(model.EventActor(ev)) + " " + summary, when
}

// headCutAt reports that event index's first line is cut in the pane.
func (m Model) headCutAt(index int) bool {
	left, when := m.eventHead(index, model.SanitizeEvent(m.events[index]))
	return headCut(left, when, m.width-gutterWidth)
}

func (m Model) renderCommit(c model.CommitRef, w int, expanded bool) []string {
	s := m.common.Styles
	msg := c.Message
	if msg == "" {
		info := m.commits[store.CommitKey(c.Repo, c.SHA)]
		switch {
		case info.Message != "":
			msg = model.Sanitize(info.Message)
		case info.Loaded:
			return []string{bodyIndent + s.Muted.Render(common.Truncate(model.ShortSHA(c.SHA)+" (empty commit message)", w-len(bodyIndent)))}
		case info.Err != "":
			return []string{bodyIndent + s.Error.Render(common.Truncate("message unavailable: "+model.SanitizeLine(info.Err), w-len(bodyIndent)))}
		default:
			return []string{bodyIndent + s.Loading.Render(common.Truncate("loading commit message…", w-len(bodyIndent)))}
		}
	}
	sha := s.SHA.Render(model.ShortSHA(c.SHA))
	if !expanded {
		return []string{bodyIndent + common.Truncate(sha+" "+model.FirstLine(msg), w-len(bodyIndent))}
	}
	// Opened, the subject stays where it was, the repository after it;
	// the rest of the message follows.
	subject, rest, _ := strings.Cut(strings.TrimRight(msg, "\n"), "\n")
	first, repo := sha+" "+subject, s.Muted.Render("in "+c.Repo)
	if lipgloss.Width(first+" · "+repo) <= w-len(bodyIndent) {
		first, repo = first+" · "+repo, ""
	}
	lines := []string{bodyIndent + common.Truncate(first, w-len(bodyIndent))}
	msgLines, cut := wrapHead(strings.TrimLeft(rest, "\n"), maxExpandedLines, w-len(bodyIndent))
	if cut {
		msgLines = append(msgLines, s.Muted.Render(fmt.Sprintf("… cut at %d lines: the message is %s", maxExpandedLines, sizeOf(len(msg)))))
	}
	for _, l := range msgLines {
		lines = append(lines, bodyIndent+l)
	}
	if repo != "" { // the subject fills its line: the repository goes after the message
		lines = append(lines, bodyIndent+repo)
	}
	return lines
}

// renderText wraps a body of text, showing the first collapsedLines lines
// and a note of how many more until expanded.
func (m Model) renderText(text, empty string, w int, expanded bool) []string {
	if strings.TrimSpace(text) == "" {
		if empty == "" {
			return nil
		}
		return []string{bodyIndent + m.common.Styles.Muted.Render(common.Truncate(empty, w-len(bodyIndent)))}
	}
	text = strings.TrimRight(text, "\n")
	tw := w - len(bodyIndent)
	limit := maxExpandedLines
	if !expanded {
		limit = collapsedLines
	}
	n := limit + 1
	if !expanded && len(text) <= exactCountBytes {
		n = len(text) + 1 // wrap it all, to say exactly how many lines are hidden
	}
	wrapped, cut := wrapHead(text, n, tw)
	var note string
	switch {
	case len(wrapped) > limit && !expanded:
		hidden := len(wrapped) - limit
		if cut {
			note = fmt.Sprintf("… %s more (%s to expand)", sizeOf(len(text)), keyHint(m.KeyMap.Toggle))
		} else {
			note = fmt.Sprintf("… %d more line%s (%s to expand)", hidden, plural(hidden), keyHint(m.KeyMap.Toggle))
		}
		wrapped = wrapped[:limit]
	case len(wrapped) > limit:
		note = fmt.Sprintf("… cut at %d lines: the text is %s", limit, sizeOf(len(text)))
		wrapped = wrapped[:limit]
	}
	lines := make([]string, 0, len(wrapped)+1)
	for _, l := range wrapped {
		lines = append(lines, bodyIndent+l)
	}
	if note != "" {
		lines = append(lines, bodyIndent+m.common.Styles.Muted.Render(common.Truncate(note, tw)))
	}
	return lines
}

// exactCountBytes is the size up to which a collapsed text is wrapped in
// full to count its hidden lines; past it the note gives its size instead.
const exactCountBytes = 64 << 10

// maxExpandedLines bounds an expanded text: a 5 MB comment must not turn
// into 100,000 lines on one keypress.
const maxExpandedLines = 2000

// wrapHead wraps only as much of text as n lines of width w can show, so
// the cost follows what is drawn, not the size of the text. cut says text
// went on past what was wrapped.
func wrapHead(text string, n, w int) (lines []string, cut bool) {
	w = max(w, 1)
	// n lines hold at most n newlines and n*w columns: at most 4 bytes each.
	end := min(len(text), n*(w+1)*4)
	for i, nl := 0, 0; i < end; i++ {
		if text[i] == '\n' {
			if nl++; nl == n {
				end = i
				break
			}
		}
	}
	for end < len(text) && !utf8.RuneStart(text[end]) {
		end-- // never cut a character in two
	}
	return wrap(text[:end], w), end < len(text)
}

func sizeOf(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// renderFooter says where the timeline stands; a failure is said in full,
// wrapped, since its hint is the useful part.
func (m Model) renderFooter(w int) []string {
	s := m.common.Styles
	switch {
	case m.status.Err != "":
		lines := wrap("⚠ "+model.SanitizeLine(m.status.Err), w)
		for i, l := range lines {
			lines[i] = s.Error.Render(l)
		}
		return fit(append(lines, s.Muted.Render(m.common.Retry())), w)
	case m.status.Loading:
		return []string{s.Loading.Render(common.Truncate("loading timeline…", w))}
	case m.status.More:
		return []string{s.Muted.Render(common.Truncate("more events to load…", w))}
	}
	if missing := m.gapEvents(); missing > 0 {
		return []string{s.Muted.Render(common.Truncate(fmt.Sprintf("end of timeline · %s events loaded, about %s in gaps above", groupDigits(len(m.events)), groupDigits(missing)), w))}
	}
	return []string{s.Muted.Render(common.Truncate(fmt.Sprintf("end of timeline · %s events", groupDigits(len(m.events))), w))}
}

// joinEnds puts left and right on one line of width w, truncating left.
func joinEnds(left, right string, w int) string {
	rw := lipgloss.Width(right)
	if rw+2 > w {
		return common.Truncate(left, w)
	}
	left = common.Truncate(left, w-rw-1)
	return left + strings.Repeat(" ", w-lipgloss.Width(left)-rw) + right
}

// wrap word-wraps plain (sanitized) text to width w, breaking words longer
// than a line.
func wrap(text string, w int) []string {
	if w < 1 {
		w = 1
	}
	if text == "" {
		return nil
	}
	lines := strings.Split(ansi.Wrap(text, w, ""), "\n")
	for i := 0; i < len(lines); i++ {
		// ansi.Wrap can leave a line one column too wide when it ends in
		// a hyphen exactly at the limit; cut such lines hard.
		if ansi.StringWidth(lines[i]) > w {
			cut := strings.Split(ansi.Hardwrap(lines[i], w, true), "\n")
			lines = append(lines[:i], append(cut, lines[i+1:]...)...)
			i += len(cut) - 1
		}
	}
	return lines
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// wrapParts joins parts with " · " into lines of at most w cells, breaking
// only between parts, so "reviews: 1 approved, 1 changes requested" never
// splits mid-phrase; a part wider than w alone is wrapped on its own.
func wrapParts(parts []string, w int) []string {
	var lines []string
	cur := ""
	for _, p := range parts {
		switch {
		case cur == "":
			cur = p
		case ansi.StringWidth(cur)+3+ansi.StringWidth(p) <= w:
			cur += " · " + p
		default:
			lines = append(lines, wrap(cur, w)...)
			cur = p
		}
	}
	if cur != "" {
		lines = append(lines, wrap(cur, w)...)
	}
	return lines
}
