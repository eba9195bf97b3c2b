package filterbar

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/common"
)

func TestFieldsStateAndView(t *testing.T) {
	m := New(common.Common{Styles: common.DefaultStyles()})
	m.SetSize(200, 1)
	if m.Focused() {
		t.Fatal("a new bar is open")
	}
	m.Set(model.ListFilter{Author: "alice", Label: "needs review"}, "closed")
	m.Focus()
	if v := m.View(); !strings.Contains(v, "▸state: ‹closed›") || !strings.Contains(v, "alice") || !strings.Contains(v, "needs review") {
		t.Fatalf("view %q", v)
	}
	key := func(msg tea.KeyMsg) { m, _ = m.Update(msg) }
	key(tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}) // closed → all
	key(tea.KeyMsg{Type: tea.KeyTab})                       // author
	key(tea.KeyMsg{Type: tea.KeyBackspace})
	key(tea.KeyMsg{Type: tea.KeyTab}) // base
	key(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("main")})
	f, state := m.Filter()
	if state != "all" || f != (model.ListFilter{Author: "alic", Base: "main", Label: "needs review"}) {
		t.Errorf("Filter() = %+v, %q", f, state)
	}
	key(tea.KeyMsg{Type: tea.KeyShiftTab})
	key(tea.KeyMsg{Type: tea.KeyShiftTab}) // back to the state
	key(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("x")})
	if _, state := m.Filter(); state != "all" {
		t.Errorf("text typed on the state changed it to %q", state)
	}
	key(tea.KeyMsg{Type: tea.KeyLeft}) // all → closed, backwards
	if _, state := m.Filter(); state != "closed" {
		t.Errorf("left from all gives %q, want closed", state)
	}
	m.Blur()
	if m.Focused() {
		t.Error("Blur left the bar open")
	}
}
