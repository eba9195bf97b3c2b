// Package filterbar is the small form that edits the list's filters from
// inside prscope (F): state, author, base, head and label, the same as the
// --state, --author, --base, --head and --label flags. It draws on one
// line, where the status bar is, while it is open.
package filterbar

import (
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/common"
)

// KeyMap is the bar's bindings; every other key edits the focused field.
type KeyMap struct {
	Next, Prev key.Binding
	Cycle      key.Binding // the state field: all → open → closed
	Apply      key.Binding
	Cancel     key.Binding
}

// DefaultKeyMap returns the bar's default bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Next:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next field")),
		Prev:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous field")),
		Cycle:  key.NewBinding(key.WithKeys(" ", "left", "right"), key.WithHelp("space", "cycle the state")),
		Apply:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Next, k.Cycle, k.Apply, k.Cancel} }

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp(), {k.Prev}} }

var states = []string{"all", model.StateOpen, model.StateClosed}

// fieldNames are the text fields, in order after the state.
var fieldNames = [4]string{"author", "base", "head", "label"}

// Model is the filter bar.
type Model struct {
	KeyMap KeyMap

	common common.Common
	state  int // index into states
	fields [4]textinput.Model
	focus  int // 0 is the state, 1..4 the fields
	width  int
}

// New returns a closed bar with no filter.
func New(c common.Common) Model {
	m := Model{KeyMap: DefaultKeyMap(), common: c, focus: -1}
	for i := range m.fields {
		in := textinput.New()
		in.Prompt = ""
		in.Placeholder = "any"
		in.CharLimit = 100
		in.PlaceholderStyle = c.Styles.Muted
		in.Cursor.SetMode(cursor.CursorStatic) // no blink timer
		m.fields[i] = in
	}
	return m
}

// SetSize sets the bar's width (it is one line).
func (m *Model) SetSize(width, _ int) { m.width = width }

// Set fills the bar with a filter and state.
func (m *Model) Set(f model.ListFilter, state string) {
	m.state = 0
	for i, s := range states {
		if s == state {
			m.state = i
		}
	}
	for i, v := range []string{f.Author, f.Base, f.Head, f.Label} {
		m.fields[i].SetValue(v)
		m.fields[i].CursorEnd()
	}
}

// Filter is what the bar holds: the filter (trimmed, made one line) and
// the state.
func (m Model) Filter() (model.ListFilter, string) {
	v := func(i int) string { return strings.TrimSpace(model.SanitizeLine(m.fields[i].Value())) }
	return model.ListFilter{Author: v(0), Base: v(1), Head: v(2), Label: v(3)}, states[m.state]
}

// Focus opens the bar on its first field, the state; Blur closes it.
func (m *Model) Focus() { m.setFocus(0) }
func (m *Model) Blur() {
	for i := range m.fields {
		m.fields[i].Blur()
	}
	m.focus = -1
}

// Focused reports whether the bar is open.
func (m Model) Focused() bool { return m.focus >= 0 }

func (m *Model) setFocus(i int) {
	m.Blur()
	m.focus = (i + 5) % 5
	if m.focus > 0 {
		m.fields[m.focus-1].Focus()
	}
}

// Update moves between fields and edits them. Apply and Cancel are the
// caller's to act on (check them with key.Matches first).
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok || !m.Focused() {
		return m, nil
	}
	switch {
	case key.Matches(k, m.KeyMap.Next):
		m.setFocus(m.focus + 1)
		return m, nil
	case key.Matches(k, m.KeyMap.Prev):
		m.setFocus(m.focus - 1)
		return m, nil
	case m.focus == 0 && key.Matches(k, m.KeyMap.Cycle):
		step := 1
		if k.Type == tea.KeyLeft {
			step = len(states) - 1
		}
		m.state = (m.state + step) % len(states)
		return m, nil
	case m.focus == 0:
		return m, nil // the state takes no text
	}
	var cmd tea.Cmd
	m.fields[m.focus-1], cmd = m.fields[m.focus-1].Update(k)
	return m, cmd
}

// View draws the bar on one line: each field as name: value, the focused
// one marked with ▸ (so NO_COLOR shows it too) and styled.
func (m Model) View() string {
	if m.width <= 0 {
		return ""
	}
	s := m.common.Styles
	parts := []string{s.StatusWarning.Render("filter")}
	label := func(i int, name, value string) string {
		if i == m.focus {
			return s.Selected.Render("▸"+name+":") + " " + value
		}
		return s.Muted.Render(" "+name+":") + " " + value
	}
	parts = append(parts, label(0, "state", "‹"+states[m.state]+"›"))
	for i, in := range m.fields {
		value := in.View()
		if i+1 != m.focus && in.Value() == "" {
			value = s.Muted.Render("any")
		}
		parts = append(parts, label(i+1, fieldNames[i], value))
	}
	hint := s.Muted.Render("tab next · enter apply · esc cancel")
	line := strings.Join(parts, " ") + "  " + hint
	return ansi.Truncate(line, m.width, "…")
}
