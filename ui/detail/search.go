package detail

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/query"
	"github.com/prscope/prscope/ui/store"
)

// search is the timeline's incremental search over what is loaded:
// comment bodies, commit messages, actors and what each event says.
type search struct {
	editor  query.Model // the query as typed; focused while it is typed; matching folds case
	matches []int       // event indexes that match, in timeline order
	at      int         // which match the cursor went to last
	// from is where the cursor was when / was pressed: esc goes back there.
	from struct {
		key   string // the item's key, which survives rebuilds
		delta int    // the view's top, relative to that item's first line
	}
	// opened are the patch groups and expanded the items (by key) that
	// showing a match opened: esc folds them again.
	opened, expanded []string
	// held: the store stopped fetching for the search (the rate limit).
	held bool
	// onMatch: the cursor was put on the current match and has not moved
	// since, so the match is kept in view as what arrives regroups it.
	onMatch bool
	// first: the cursor is on the match the search chose itself (the first
	// after where / was pressed) and no key has moved it since; a match
	// before it that arrives later (messages come in any order) is gone to
	// instead, so a fresh search lands on 1 of n.
	first bool
	// wrapped: the last n or N went past the end (or the start) and came
	// round, which the status says as vim does.
	wrapped string
	// drawn is the event whose item is drawn as the current match (-1:
	// none), so moving to the next redraws both.
	drawn int
}

// startSearch opens the query, remembering where the cursor is.
func (m *Model) startSearch() {
	m.search = search{editor: query.New("/"), drawn: -1}
	m.search.editor.Delay = searchDelay
	m.search.editor.Focus()
	if m.cursor < len(m.items) {
		m.search.from.key = m.itemKey(m.items[m.cursor])
		m.search.from.delta = m.top - m.lay.offset(m.cursor)
	}
	m.runSearch()
}

// cancelSearch drops the query and puts the cursor back where / found it.
func (m *Model) cancelSearch() {
	from, opened, expanded := m.search.from, m.search.opened, m.search.expanded
	m.search = search{drawn: -1}
	for _, id := range opened {
		delete(m.openGroups, id)
	}
	if len(opened) > 0 {
		m.rebuild(m.events, m.gaps, m.status)
	}
	m.collapse(expanded)
	m.runSearch()
	for i, it := range m.items {
		if m.itemKey(it) == from.key {
			m.cursor = i
			m.renderItem(i)
			m.top = max(m.lay.offset(i)+from.delta, 0)
			m.clampTop()
			m.ensureRendered()
			m.ensureVisible()
			return
		}
	}
}

// SearchKept reports that a query was kept (enter): its matches are
// highlighted and n/N go through them.
func (m Model) SearchKept() bool { return !m.search.editor.Focused() && m.search.text() != "" }

// ClearSearch drops a kept query and its highlights, leaving the cursor on
// the match it went to: the user came here on purpose. What showing the
// matches opened stays open, as the cursor may be inside it.
func (m *Model) ClearSearch() {
	m.search = search{drawn: -1}
	m.runSearch()
}

// Searching reports that the pane takes every key for the search query.
func (m Model) Searching() bool { return m.search.editor.Focused() }

// text is the query searched for ("" for none).
func (s search) text() string { return s.editor.Value() }

// SearchStatus is what to show of the search: "/query — 3 of 12 (n/N)".
func (m Model) SearchStatus() string {
	typing := m.search.editor.Focused()
	if !typing && m.search.text() == "" {
		return ""
	}
	status := m.search.editor.Inline()
	switch n := len(m.search.matches); {
	case m.search.text() == "":
	case n == 0:
		status += " — no match"
	default:
		status += fmt.Sprintf(" — %d of %d", m.search.at+1, n)
		if !typing {
			status += " (" + m.KeyMap.NextMatch.Help().Key + ")"
		}
		if m.search.wrapped != "" && m.search.onMatch {
			status += " · " + m.search.wrapped
		}
	}
	if m.search.text() != "" {
		status += m.searchProgress()
	}
	return status
}

// searchProgress says what the search has not read yet, rather than miss
// it silently: what is still being fetched, what the rate limit spared,
// what failed.
func (m Model) searchProgress() string {
	pending, failed := m.unsearched()
	out := ""
	switch {
	case pending > 0 && m.search.held:
		out = fmt.Sprintf(" · %d not searched: the rate limit is low", pending)
	case pending > 0:
		out = fmt.Sprintf(" · searching %d more", pending)
	}
	if failed > 0 {
		out += fmt.Sprintf(" · %d commit message%s failed to load", failed, plural(failed))
	}
	return out
}

// SetSearchHeld says whether the store stopped a search's fetching to
// spare the rate limit.
func (m *Model) SetSearchHeld(held bool) { m.search.held = held }

// SearchWants reports whether a query is searched, so the store fetches
// the rest of the PR's timeline, and up to n of the referenced commits
// whose messages are not known (nor asked for).
func (m Model) SearchWants(n int) (searching bool, refs []model.CommitRef) {
	if m.search.text() == "" {
		return false, nil
	}
	return true, m.MissingMessages(n)
}

// MissingMessages are up to n of the referenced commits whose messages are
// not known (nor asked for), in timeline order.
func (m Model) MissingMessages(n int) []model.CommitRef {
	var refs []model.CommitRef
	for _, ev := range m.events {
		if len(refs) >= n {
			break
		}
		if c := shownCommit(ev); c != nil && c.Message == "" {
			if _, known := m.commits[store.CommitKey(c.Repo, c.SHA)]; !known {
				refs = append(refs, *c)
			}
		}
	}
	return refs
}

// searchKey handles a key while the query is typed: text edits it at once
// (incremental), enter keeps it, esc drops it.
func (m *Model) searchKey(k tea.KeyMsg) tea.Cmd {
	e := &m.search.editor
	switch {
	case key.Matches(k, e.KeyMap.Submit):
		e.Blur()
		if e.Settle() {
			m.runSearch() // enter before the pause: search now
		}
		return nil
	case key.Matches(k, e.KeyMap.Cancel):
		m.cancelSearch()
		return nil
	}
	// The editor asks for a search once typing pauses, not on every key:
	// each search reads the whole loaded timeline.
	var cmd tea.Cmd
	*e, cmd = e.Update(k)
	return cmd
}

// searchDelay is how long typing must pause before the timeline is searched.
const searchDelay = 60 * time.Millisecond

// refreshMatches finds the matches again after the timeline changed (pages
// or commit messages arrived, a filter or group changed), staying on the
// match the cursor went to.
func (m *Model) refreshMatches() {
	if m.search.text() == "" {
		return
	}
	found := m.findMatches()
	if len(m.search.matches) == 0 {
		// Nothing matched yet, so nothing is shown: the first matches that
		// arrive (a search reads the rest of the PR) are gone to.
		if len(found) > 0 {
			m.goToFirst(found)
		}
		return
	}
	current := m.search.matches[min(m.search.at, len(m.search.matches)-1)]
	m.search.matches, m.search.at = found, 0
	for n, e := range m.search.matches {
		if e <= current {
			m.search.at = n
		}
	}
	if m.search.first {
		if at := m.firstFrom(found); found[at] != current {
			m.search.at = at
			m.gotoMatch()
			return
		}
	}
	if m.search.onMatch && m.matchHidden() {
		m.gotoMatch() // a message that arrived folded it into a group
	} else if len(m.search.matches) > 0 {
		m.drawCurrent(m.search.matches[m.search.at])
	}
}

// matchHidden reports that the current match is not under the cursor with
// its line shown, where gotoMatch would put it.
func (m Model) matchHidden() bool {
	if len(m.search.matches) == 0 {
		return false
	}
	e := m.search.matches[m.search.at]
	i := m.itemOf(e)
	return i < 0 || i != m.cursor || (m.matchLine(e) < 0 && !m.items[i].expanded && m.expandable(m.items[i]))
}

func (m Model) findMatches() []int {
	var out []int
	for i := range m.events {
		if m.filterShows(i) && m.matches(i) {
			out = append(out, i)
		}
	}
	return out
}

// runSearch finds the matches and goes to the first at or after the cursor;
// every item is redrawn so the matches show highlighted.
func (m *Model) runSearch() {
	var found []int
	if m.search.text() != "" {
		found = m.findMatches()
	}
	m.goToFirst(found)
}

// goToFirst makes found the matches and goes to the first at or after the
// cursor, redrawing every item so the matches show highlighted.
func (m *Model) goToFirst(found []int) {
	m.search.matches, m.search.at = found, 0
	anchorItem, anchorLine := m.anchor()
	for i := range m.items {
		if m.items[i].lines != nil {
			m.invalidate(i)
		}
	}
	m.holdAnchor(anchorItem, anchorLine)
	m.search.at = m.firstFrom(found)
	m.gotoMatch()
	m.search.first = len(found) > 0
}

// firstFrom is the index in found of the first match at or after where /
// was pressed (the first of all when that place is gone, or none follows).
func (m Model) firstFrom(found []int) int {
	from := -1
	for i, it := range m.items {
		if m.itemKey(it) != m.search.from.key {
			continue
		}
		for ; i < len(m.items); i++ {
			if m.items[i].kind == kindEvent {
				from = m.items[i].event
				break
			}
		}
		break
	}
	for n, e := range found {
		if e >= from {
			return n
		}
	}
	return 0
}

// nextMatch moves to the next (or, back, the previous) match, wrapping.
func (m *Model) nextMatch(back bool) {
	n := len(m.search.matches)
	if n == 0 {
		return
	}
	m.search.wrapped = ""
	pending, _ := m.unsearched()
	switch {
	case pending > 0:
		// Still reading: the last match found is not the last there is.
	case back && m.search.at == 0 && n > 1:
		m.search.wrapped = "wrapped to the last"
	case !back && m.search.at == n-1 && n > 1:
		m.search.wrapped = "wrapped to the first"
	}
	if back {
		m.search.at = (m.search.at + n - 1) % n
	} else {
		m.search.at = (m.search.at + 1) % n
	}
	m.gotoMatch()
}

// gotoMatch puts the cursor on the current match and its matching line in
// view: a push folded into its patch group opens the group, an item whose
// collapsed lines do not hold the match opens.
func (m *Model) gotoMatch() {
	if len(m.search.matches) == 0 {
		m.clampTop()
		m.ensureRendered()
		return
	}
	e := m.search.matches[m.search.at]
	if p, ok := m.pushes[e]; ok && !m.openGroups[p.group.ID] && (p.pos > 0 || m.matchLine(e) < 0) {
		m.openGroups[p.group.ID] = true
		m.search.opened = append(m.search.opened, p.group.ID)
		m.rebuild(m.events, m.gaps, m.status)
	}
	i := m.itemOf(e)
	if i < 0 {
		return
	}
	m.drawCurrent(e)
	m.cursor = i
	m.renderItem(i)
	if it := &m.items[i]; m.matchLine(e) < 0 && !it.expanded && m.expandable(*it) {
		it.expanded = true
		m.search.expanded = append(m.search.expanded, m.itemKey(*it))
		m.invalidate(i)
		m.renderItem(i)
	}
	m.ensureVisible()
	m.showLine(i, max(m.matchLine(e), 0))
	m.search.onMatch = true
}

// drawCurrent draws event e's item as the current match and the one drawn
// so before as any other. Only the style changes, so both keep their height
// and are redrawn at once, wherever they are.
func (m *Model) drawCurrent(e int) {
	if m.search.drawn == e {
		return
	}
	old := m.search.drawn
	m.search.drawn = e
	for _, ev := range []int{old, e} {
		if i := m.itemOf(ev); ev >= 0 && i >= 0 && m.items[i].lines != nil {
			m.items[i].lines = nil
			m.renderItem(i)
		}
	}
}

// collapse folds the items of keys again.
func (m *Model) collapse(keys []string) {
	for i := range m.items {
		if it := &m.items[i]; it.expanded && slices.Contains(keys, m.itemKey(*it)) {
			it.expanded = false
			m.invalidate(i)
		}
	}
}

// itemOf is the index of the item that shows event e, -1 for none.
func (m Model) itemOf(e int) int {
	for i, it := range m.items {
		if it.kind == kindEvent && it.event == e {
			return i
		}
	}
	return -1
}

// matchLine is the first rendered line of event e's item that holds the
// query, -1 when none does (not rendered, folded away, or the query is
// split by a wrap).
func (m Model) matchLine(e int) int {
	i := m.itemOf(e)
	if i < 0 {
		return -1
	}
	q := strings.ToLower(m.search.text())
	for l, line := range m.items[i].lines {
		if strings.Contains(strings.ToLower(ansi.Strip(line)), q) {
			return l
		}
	}
	return -1
}

// showLine scrolls as little as needed to show line l of item i, a third
// of the way down when it was out of view.
func (m *Model) showLine(i, l int) {
	at := m.lay.offset(i) + l
	if at < m.top || at >= m.top+m.height {
		m.top = at - m.height/3
	}
	m.clampTop()
	m.ensureRendered()
}

// matches reports whether event i holds the query.
func (m Model) matches(i int) bool {
	ev := m.events[i]
	q := strings.ToLower(m.search.text())
	if strings.Contains(strings.ToLower(ev.Actor), q) || strings.Contains(strings.ToLower(ev.Body), q) ||
		strings.Contains(strings.ToLower(model.EventSummary(ev)), q) {
		return true
	}
	// What the pane derives is searchable as drawn: a version note (Δ …)
	// and the summary a patch group or a bot's run shows.
	if strings.Contains(strings.ToLower(m.kvNote(i)), q) {
		return true
	}
	if p, ok := m.pushes[i]; ok && p.pos == 0 && strings.Contains(strings.ToLower(m.groupSummary(p)), q) {
		return true
	}
	c := shownCommit(ev)
	if c == nil {
		return false
	}
	if strings.Contains(strings.ToLower(m.messageOf(*c)), q) {
		return true
	}
	// The reference line's tag is searchable too: /stack-frame finds them.
	if ref, ok := m.referenceOf(*c); ok && ev.Event.References() {
		tag := string(ref.Kind)
		if ref.Kind.LikelyAccidental() {
			tag += " · likely accidental"
		}
		return strings.Contains(tag, q)
	}
	return false
}

// highlight marks the query in a rendered line (reverse video). Rendered
// lines mix text with the SGR sequences our styles wrote; only the text
// between sequences is searched, and after each match the style in force is
// written again, because the match's own style ends with a reset.
func (m Model) highlight(line string, current bool) string {
	if m.search.text() == "" {
		return line
	}
	var b strings.Builder
	active := "" // the SGR sequences in force since the last reset
	for line != "" {
		if line[0] == '\x1b' {
			n := csiLen(line)
			seq := line[:n]
			b.WriteString(seq)
			if seq == "\x1b[0m" || seq == "\x1b[m" {
				active = ""
			} else {
				active += seq
			}
			line = line[n:]
			continue
		}
		end := strings.IndexByte(line, '\x1b')
		if end < 0 {
			end = len(line)
		}
		b.WriteString(m.highlightRun(line[:end], active, current))
		line = line[end:]
	}
	return b.String()
}

// csiLen is the length of the escape sequence s starts with: a CSI up to
// its final byte, or the lone ESC for anything else (our styles write only
// SGR; text from the API was sanitized long before).
func csiLen(s string) int {
	if len(s) < 2 || s[1] != '[' {
		return 1
	}
	for i := 2; i < len(s); i++ {
		if s[i] >= 0x40 && s[i] <= 0x7e {
			return i + 1
		}
	}
	return len(s)
}

// highlightRun marks the query in plain text, restoring active after each
// match.
func (m Model) highlightRun(text, active string, current bool) string {
	style, plain := m.common.Styles.Match, [2]string{"\x1b[7m", "\x1b[27m"}
	if current {
		style, plain = m.common.Styles.CurrentMatch, [2]string{"\x1b[7;1;4m", "\x1b[27;22;24m"}
	}
	q := strings.ToLower(m.search.text())
	lower := strings.ToLower(text)
	if len(lower) != len(text) || !strings.Contains(lower, q) {
		return text // case folding changed byte offsets: leave it plain
	}
	var b strings.Builder
	for {
		i := strings.Index(lower, q)
		if i < 0 {
			b.WriteString(text)
			return b.String()
		}
		b.WriteString(text[:i])
		if mark := style.Render(text[i : i+len(q)]); mark != text[i:i+len(q)] {
			b.WriteString(mark)
			b.WriteString(active)
		} else {
			// No colours (NO_COLOR): the style draws nothing, but reverse
			// video is not colour, and a match must still show.
			b.WriteString(plain[0] + text[i:i+len(q)] + plain[1])
		}
		text, lower = text[i+len(q):], lower[i+len(q):]
	}
}

// unsearched counts what the search cannot look into yet: pending are the
// timeline pages not loaded and the referencing commits whose message has
// not arrived; failed the messages that could not be fetched.
func (m Model) unsearched() (pending, failed int) {
	for _, g := range m.gaps {
		pending += g.LastPage - g.FirstPage + 1
	}
	if m.status.More {
		pending++ // the next page, when GitHub did not say how many follow
	}
	for _, ev := range m.events {
		c := shownCommit(ev)
		if c == nil || c.Message != "" {
			continue
		}
		switch info := m.commits[store.CommitKey(c.Repo, c.SHA)]; {
		case info.Err != "":
			failed++
		case !info.Loaded:
			pending++
		}
	}
	return pending, failed
}
