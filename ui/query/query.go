// Package query is prscope's one query editor: the list filter, the
// timeline search and the GitHub search prompt all type their query in it.
// Editing is bubbles' textinput (cursor moves, word deletes, ctrl+u…);
// this package adds what the three share: typed text made safe before it
// is stored, a pause after typing before an expensive match runs, and the
// two ways a query is drawn (a line of its own, or inline in a status).
package query

import (
	"strings"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/prscope/prscope/model"
)

// CharLimit bounds a query: GitHub refuses longer searches, and no local
// match needs more.
const CharLimit = 256

// KeyMap is the editor's own bindings; the caller checks them with
// key.Matches before Update, and every other key edits the query.
type KeyMap struct {
	Submit key.Binding
	Cancel key.Binding
}

// DefaultKeyMap returns the editor's default bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Submit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Submit, k.Cancel} }

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// Styles draw the editor's own line (View); Inline is plain text.
type Styles struct {
	Label       lipgloss.Style
	Placeholder lipgloss.Style
}

// DefaultStyles returns unstyled text.
func DefaultStyles() Styles { return Styles{} }

// PauseMsg says typing paused; Paused tells the editor it belongs to.
type PauseMsg struct{ id, seq int }

var lastID atomic.Int64

// Model is one query editor.
type Model struct {
	KeyMap KeyMap
	Styles Styles
	// Delay is how long typing must pause before a PauseMsg is sent; zero
	// sends none (the query is acted on at Submit only).
	Delay time.Duration

	id      int
	seq     int  // counts edits
	pending bool // edited since the query was last acted on
	input   textinput.Model
	width   int
}

// New returns a blurred, empty editor whose query follows label.
func New(label string) Model {
	in := textinput.New()
	in.Prompt = label
	in.CharLimit = CharLimit
	// No blink: a blink is a timer, and an editor must not keep the
	// program waking up, nor make two views of one state differ.
	in.Cursor.SetMode(cursor.CursorStatic)
	// A paste arrives as typed runes (bracketed paste), sanitized below;
	// ctrl+v would read the clipboard around that.
	in.KeyMap.Paste.SetEnabled(false)
	in.KeyMap.AcceptSuggestion.SetEnabled(false)
	in.KeyMap.NextSuggestion.SetEnabled(false)
	in.KeyMap.PrevSuggestion.SetEnabled(false)
	m := Model{KeyMap: DefaultKeyMap(), Styles: DefaultStyles(), id: int(lastID.Add(1)), input: in}
	return m
}

// SetPlaceholder sets what the empty editor's own line shows.
func (m *Model) SetPlaceholder(s string) { m.input.Placeholder = s }

// SetWidth sets the width of the editor's own line.
func (m *Model) SetWidth(w int) {
	m.width = max(w, 0)
	m.input.Width = max(w-ansi.StringWidth(m.input.Prompt)-1, 1)
}

// Focus starts taking keys; Blur stops.
func (m *Model) Focus()       { m.input.Focus() }
func (m *Model) Blur()        { m.input.Blur() }
func (m Model) Focused() bool { return m.input.Focused() }

// SetValue replaces the query, the cursor at its end.
func (m *Model) SetValue(s string) {
	m.input.SetValue(Clean(s))
	m.input.CursorEnd()
}

// Value is the query as typed (already clean: see Update).
func (m Model) Value() string { return m.input.Value() }

// Update edits the query. After an edit it sends a PauseMsg once typing
// has paused for Delay.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok || !m.input.Focused() {
		return m, nil
	}
	if len(k.Runes) > 0 {
		k.Runes = []rune(Clean(string(k.Runes)))
	}
	before := m.input.Value()
	m.input, _ = m.input.Update(k) // a static cursor answers no command
	if m.input.Value() == before {
		return m, nil
	}
	m.seq++
	m.pending = true
	if m.Delay <= 0 {
		return m, nil
	}
	id, seq := m.id, m.seq
	return m, tea.Tick(m.Delay, func(time.Time) tea.Msg { return PauseMsg{id: id, seq: seq} })
}

// Paused reports whether msg is this editor's pause after its latest edit,
// with that edit not yet acted on; the query counts as acted on.
func (m *Model) Paused(msg PauseMsg) bool {
	if msg.id != m.id || msg.seq != m.seq || !m.pending {
		return false
	}
	m.pending = false
	return true
}

// Settle reports whether the query was edited since it was last acted on
// (say enter before the pause), and counts it as acted on now.
func (m *Model) Settle() bool {
	was := m.pending
	m.pending = false
	return was
}

// View draws the editor as a line of its own: label, then the query with a
// thin bar at the cursor (a bar, not reverse video, so it shows without
// colour too), scrolled sideways to keep the cursor in view; the
// placeholder, dimmed, while the query is empty.
func (m Model) View() string {
	if m.width <= 0 {
		return ""
	}
	label := m.Styles.Label.Render(m.input.Prompt)
	room := m.width - ansi.StringWidth(m.input.Prompt)
	if m.input.Value() == "" && m.input.Placeholder != "" {
		bar := ""
		if m.input.Focused() {
			bar, room = "▏", room-1
		}
		return ansi.Truncate(label+bar+m.Styles.Placeholder.Render(ansi.Truncate(m.input.Placeholder, max(room, 0), "…")), m.width, "…")
	}
	return ansi.Truncate(label+m.text(room), m.width, "…")
}

// InlineCells is how much of a query Inline shows: a status line has room
// for the rest of what it says.
const InlineCells = 40

// Inline draws the query inside a status line: label and query, with a
// thin bar where the cursor is while it is typed; a long query is shown
// around the cursor.
func (m Model) Inline() string { return m.input.Prompt + m.text(InlineCells) }

// text is the query in at most cells cells, with the bar at the cursor
// while focused; when it does not fit, the part around the cursor, "…"
// where it was cut.
func (m Model) text(cells int) string {
	r := []rune(m.input.Value())
	pos := min(m.input.Position(), len(r))
	bar, barCells := "", 0
	if m.input.Focused() {
		bar, barCells = "▏", 1
	}
	if ansi.StringWidth(string(r))+barCells <= cells || cells < 3 {
		return string(r[:pos]) + bar + string(r[pos:])
	}
	// Grow a window from the cursor, mostly over what comes before it
	// (what was just typed), keeping a cell for each "…".
	lo, hi, used := pos, pos, barCells
	for used < cells-2 && (lo > 0 || hi < len(r)) {
		if lo > 0 && (hi == len(r) || pos-lo < 3*(hi-pos)+cells/2) {
			lo--
			used += ansi.StringWidth(string(r[lo]))
		} else {
			used += ansi.StringWidth(string(r[hi]))
			hi++
		}
	}
	out := string(r[lo:pos]) + bar + string(r[pos:hi])
	if lo > 0 {
		out = "…" + out
	}
	if hi < len(r) {
		out += "…"
	}
	return out
}

// Clean makes typed or pasted text safe for a query: sanitized (no
// control or escape sequences), on one line.
func Clean(s string) string {
	return strings.ReplaceAll(model.Sanitize(s), "\n", "")
}
