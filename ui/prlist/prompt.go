package prlist

import (
	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/common"
)

// PromptKeyMap is the prompt's own bindings; every other key edits the query.
type PromptKeyMap struct {
	Submit key.Binding
	Cancel key.Binding
}

// DefaultPromptKeyMap returns the prompt's default bindings.
func DefaultPromptKeyMap() PromptKeyMap {
	return PromptKeyMap{
		Submit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "search")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}

// ShortHelp implements help.KeyMap.
func (k PromptKeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Submit, k.Cancel} }

// FullHelp implements help.KeyMap.
func (k PromptKeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// Prompt is a one-line query input drawn as the list pane's first line
// (bubbles' textinput). Its cursor does not blink: a blink is a timer, and
// the prompt must not keep the program waking up, nor make views differ.
type Prompt struct {
	KeyMap PromptKeyMap

	common common.Common
	input  textinput.Model
	width  int
}

// NewPrompt returns a blurred, empty prompt whose line starts with label.
func NewPrompt(c common.Common, label, placeholder string) Prompt {
	in := textinput.New()
	in.Prompt = label
	in.Placeholder = placeholder
	in.CharLimit = 256 // GitHub refuses longer searches
	in.PromptStyle = c.Styles.StatusWarning
	in.PlaceholderStyle = c.Styles.Muted
	in.Cursor.SetMode(cursor.CursorStatic)
	return Prompt{KeyMap: DefaultPromptKeyMap(), common: c, input: in}
}

// SetWidth sets the prompt line's width.
func (p *Prompt) SetWidth(w int) {
	p.width = max(w, 0)
	p.input.Width = max(w-ansi.StringWidth(p.input.Prompt)-1, 1)
}

// Focus starts taking keys; Blur stops.
func (p *Prompt) Focus()       { p.input.Focus() }
func (p *Prompt) Blur()        { p.input.Blur() }
func (p Prompt) Focused() bool { return p.input.Focused() }
func (p *Prompt) SetValue(s string) {
	p.input.SetValue(s)
	p.input.CursorEnd()
}

// Value is the query as typed, made one safe line.
func (p Prompt) Value() string { return model.SanitizeLine(p.input.Value()) }

// Update edits the query. Submit and Cancel are the caller's to act on
// (check them with key.Matches before calling Update).
func (p Prompt) Update(msg tea.Msg) (Prompt, tea.Cmd) {
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	return p, cmd
}

// View draws the prompt line.
func (p Prompt) View() string {
	if p.width <= 0 {
		return ""
	}
	return ansi.Truncate(p.input.View(), p.width, "…")
}
