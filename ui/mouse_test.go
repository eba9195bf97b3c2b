package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

func press(x, y int, b tea.MouseButton) tea.MouseMsg {
	return tea.MouseMsg{X: x, Y: y, Button: b, Action: tea.MouseActionPress}
}

// TestMouse: a click on a list row selects it and shows its PR; the wheel
// scrolls the pane under the pointer without taking the focus; a click on
// the detail gives it the focus. At 160 columns the list is 64 wide.
func TestMouse(t *testing.T) {
	h := newHarness(t, testDataset(150, map[int]int{150: 90, 145: 3}), Config{Repo: widgets}, 160, 45)
	h.run()
	h.send(press(10, 1+5, tea.MouseButtonLeft)) // the sixth row: #145
	h.run()
	if pr, _ := h.root().detail.PR(); pr.Number != 145 || h.root().focus != listPane {
		t.Fatalf("a click on the sixth row shows #%d (focus %v), want #145 in the list", pr.Number, h.root().focus)
	}
	h.send(press(10, 10, tea.MouseButtonWheelDown))
	if pr, _ := h.root().lists.list.Selected(); pr.Number != 142 {
		t.Errorf("the wheel in the list selects #%d, want #142 (3 rows on)", pr.Number)
	}
	h.run()
	h.send(press(10, 1, tea.MouseButtonLeft)) // #150, with 90 events
	h.run()
	before := h.root().detail.View()
	h.send(press(100, 10, tea.MouseButtonWheelDown))
	after := h.root().detail.View()
	if after == before || h.root().focus != listPane {
		t.Errorf("the wheel over the detail did not scroll it (focus %v):\n%s", h.root().focus, after)
	}
	// Line 3 is now the first, the cursor's gutter aside.
	if b, a := []rune(strings.Split(before, "\n")[3]), []rune(strings.Split(after, "\n")[0]); string(b[2:]) != string(a[2:]) {
		t.Errorf("one notch did not scroll 3 lines:\n%s\n----\n%s", before, after)
	}
	h.send(press(100, 10, tea.MouseButtonLeft))
	if h.root().focus != detailPane {
		t.Error("a click on the detail did not give it the focus")
	}
	h.send(press(100, 44, tea.MouseButtonLeft)) // the status bar
	h.send(press(0, 0, tea.MouseButtonLeft))    // a border
	if h.root().focus != detailPane {
		t.Error("a click on a border or the status bar moved the focus")
	}
}
