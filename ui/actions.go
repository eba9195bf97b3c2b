package ui

import (
	"errors"
	"io"
	"strings"

	"github.com/aymanbagabas/go-osc52/v2"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/detail"
)

// Actions reach outside the terminal: o opens what is selected in the
// browser, y copies its URL and Y its SHA or number. Copying uses OSC 52,
// which the terminal (or tmux, with set-clipboard on) turns into a
// clipboard write, so it works over SSH where no clipboard tool could.

// actionMsg reports how an action went, for the status bar.
type actionMsg struct {
	notice string
	err    error
}

// actions are o, y and Y: what they need of the configuration. The root
// tells them the target (the detail's selected item when the detail has
// the focus, else the selected PR).
type actions struct {
	open      func(url string) error // nil when there is no browser
	clipboard io.Writer              // nil for none
}

// openSelected opens the selection's page in the browser, in a command:
// starting a browser can take a while.
func (a actions) openSelected(t detail.Target, ok bool) tea.Cmd {
	switch {
	case !ok:
		return nil
	case !model.SafeWebURL(t.URL):
		return notice("", errors.New(t.What+" has no web page to open"))
	case a.open == nil:
		return notice("", errors.New("no browser to open "+t.URL))
	}
	open, url, what := a.open, t.URL, t.What
	return func() tea.Msg {
		if err := open(url); err != nil {
			return actionMsg{err: errors.New("could not open " + url + ": " + err.Error())}
		}
		return actionMsg{notice: "opened " + what + " in the browser"}
	}
}

// copySelected copies the selection's URL (or, with id, its SHA or number).
func (a actions) copySelected(t detail.Target, ok, id bool) tea.Cmd {
	if !ok {
		return nil
	}
	text, what := t.URL, "URL of "+t.What
	if id {
		text, what = t.ID, "the SHA of "+t.What // "commit 009880d"
		if strings.HasPrefix(t.ID, "#") {
			what = t.ID // a PR's number, also for a comment on it
		}
	}
	text = model.SanitizeLine(text)
	switch {
	case text == "":
		return notice("", errors.New(t.What+" has nothing to copy"))
	case a.clipboard == nil:
		return notice("", errors.New("no terminal to copy through"))
	}
	w := a.clipboard
	return func() tea.Msg {
		if err := writeClipboard(w, text); err != nil {
			return actionMsg{err: errors.New("could not copy: " + err.Error())}
		}
		return actionMsg{notice: "copied " + what}
	}
}

// writeClipboard writes one OSC 52 sequence in a single Write, so it does
// not interleave with a frame the renderer writes to the same terminal.
func writeClipboard(w io.Writer, text string) error {
	_, err := io.WriteString(w, osc52.New(text).String())
	return err
}

func notice(text string, err error) tea.Cmd {
	return func() tea.Msg { return actionMsg{notice: text, err: err} }
}

// text is how an action went, shown until the next key.
func (msg actionMsg) text() string {
	if msg.err != nil {
		return "✗ " + msg.err.Error()
	}
	return msg.notice
}

// selectedTarget is what o, y and Y act on: the detail's selected item
// when the detail has the focus, else the PR selected in the list shown.
func selectedTarget(focus pane, d detail.Model, ci ciSide, l *listSide) (detail.Target, bool) {
	if focus == detailPane && ci.shown {
		return ci.selected()
	}
	if focus == detailPane {
		return d.Selected()
	}
	if pr, ok := l.selected(); ok {
		return detail.PRTarget(pr), true
	}
	return detail.Target{}, false
}
