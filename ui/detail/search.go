package detail

import (
	"fmt"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/prscope/prscope/model"
)

// search is the timeline's incremental search over what is loaded:
// comment bodies, commit messages, actors and what each event says.
type search struct {
	typing  bool   // the query is being typed: keys go to it
	seq     int    // counts edits of the query
	pending bool   // the query changed and has not been searched yet
	query   string // lower-cased
	matches []int  // event indexes that match, in timeline order
	at      int    // which match the cursor went to last
}

// Searching reports that the pane takes every key for the search query.
func (m Model) Searching() bool { return m.search.typing }

// SearchStatus is what to show of the search: "/query — 3 of 12 (n/N)".
func (m Model) SearchStatus() string {
	if !m.search.typing && m.search.query == "" {
		return ""
	}
	status := "/" + m.search.query
	if m.search.typing {
		status += "▏"
	}
	switch n := len(m.search.matches); {
	case m.search.query == "":
	case n == 0:
		status += " — no match"
	default:
		status += fmt.Sprintf(" — %d of %d", m.search.at+1, n)
		if !m.search.typing {
			status += " (n/N)"
		}
	}
	return status
}

// searchKey handles a key while the query is typed: text edits it at once
// (incremental), enter keeps it, esc drops it.
func (m *Model) searchKey(k tea.KeyMsg) tea.Cmd {
	switch k.Type {
	case tea.KeyEnter:
		m.search.typing = false
		if m.search.pending {
			m.runSearch() // enter before the pause: search now
		}
		return nil
	case tea.KeyEsc:
		m.search = search{}
		m.runSearch()
		return nil
	case tea.KeyBackspace:
		if r := []rune(m.search.query); len(r) > 0 {
			m.search.query = string(r[:len(r)-1])
		}
	case tea.KeySpace:
		m.search.query += " "
	case tea.KeyRunes:
		m.search.query += strings.ToLower(queryText(k.Runes))
	default:
		return nil
	}
	// Search once typing pauses, not on every key: each search reads the
	// whole loaded timeline.
	m.search.seq++
	m.search.pending = true
	seq := m.search.seq
	return tea.Tick(searchDelay, func(time.Time) tea.Msg { return SearchTickMsg{seq: seq} })
}

// searchDelay is how long typing must pause before the timeline is searched.
const searchDelay = 60 * time.Millisecond

// SearchTickMsg says typing paused; the search runs if the query has not
// changed since.
type SearchTickMsg struct{ seq int }

// queryText is typed text made safe for a query: sanitized, on one line.
func queryText(r []rune) string {
	return strings.ReplaceAll(model.Sanitize(string(r)), "\n", "")
}

// refreshMatches finds the matches again after the timeline changed (pages
// or commit messages arrived, a filter or group changed), staying on the
// match the cursor went to.
func (m *Model) refreshMatches() {
	if m.search.query == "" {
		return
	}
	current := -1
	if m.search.at < len(m.search.matches) {
		current = m.search.matches[m.search.at]
	}
	m.search.matches, m.search.at = m.findMatches(), 0
	for n, e := range m.search.matches {
		if e <= current {
			m.search.at = n
		}
	}
}

func (m Model) findMatches() []int {
	var out []int
	for i := range m.events {
		if m.shows(i) && m.matches(i) {
			out = append(out, i)
		}
	}
	return out
}

// runSearch finds the matches and goes to the first at or after the cursor;
// every item is redrawn so the matches show highlighted.
func (m *Model) runSearch() {
	m.search.pending = false
	m.search.matches, m.search.at = nil, 0
	if m.search.query != "" {
		m.search.matches = m.findMatches()
	}
	anchorItem, anchorLine := m.anchor()
	for i := range m.items {
		if m.items[i].lines != nil {
			m.invalidate(i)
		}
	}
	m.renderItem(anchorItem)
	m.top = m.lay.offset(anchorItem) + min(anchorLine, m.itemHeight(anchorItem)-1)
	current := -1
	if m.cursor < len(m.items) && m.items[m.cursor].kind == kindEvent {
		current = m.items[m.cursor].event
	}
	for n, e := range m.search.matches {
		if e >= current {
			m.search.at = n
			break
		}
	}
	m.gotoMatch()
}

// nextMatch moves to the next (or, back, the previous) match, wrapping.
func (m *Model) nextMatch(back bool) {
	n := len(m.search.matches)
	if n == 0 {
		return
	}
	if back {
		m.search.at = (m.search.at + n - 1) % n
	} else {
		m.search.at = (m.search.at + 1) % n
	}
	m.gotoMatch()
}

func (m *Model) gotoMatch() {
	if len(m.search.matches) == 0 {
		m.clampTop()
		m.ensureRendered()
		return
	}
	e := m.search.matches[m.search.at]
	for i, it := range m.items {
		if it.kind == kindEvent && it.event == e {
			m.cursor = i
			m.ensureVisible()
			return
		}
	}
}

// matches reports whether event i holds the query.
func (m Model) matches(i int) bool {
	ev := m.events[i]
	q := m.search.query
	if strings.Contains(strings.ToLower(ev.Actor), q) || strings.Contains(strings.ToLower(ev.Body), q) ||
		strings.Contains(strings.ToLower(model.EventSummary(ev)), q) {
		return true
	}
	if c := shownCommit(ev); c != nil {
		return strings.Contains(strings.ToLower(m.messageOf(*c)), q)
	}
	return false
}

// highlight marks the query in a rendered line (reverse video, which keeps
// the line's own colours around it).
func (m Model) highlight(line string) string {
	q := m.search.query
	if q == "" || strings.Contains(line, "\x1b") {
		return line // styled lines are left alone: a match could cut a colour code
	}
	lower := strings.ToLower(line)
	if len(lower) != len(line) || !strings.Contains(lower, q) {
		return line // case folding changed byte offsets: leave it plain
	}
	var b strings.Builder
	for {
		i := strings.Index(lower, q)
		if i < 0 {
			b.WriteString(line)
			return b.String()
		}
		b.WriteString(line[:i])
		b.WriteString(m.common.Styles.Match.Render(line[i : i+len(q)]))
		line, lower = line[i+len(q):], lower[i+len(q):]
	}
}
