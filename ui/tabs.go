package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/prscope/prscope/ui/common"
	"github.com/prscope/prscope/ui/store"
)

// Tabs is the program when several repositories are browsed at once:
// `prscope kernel-patches/bpf kernel-patches/vmtest` gives each its own
// Model (list, detail, store, searches), and [ and ] switch between them.
// Tabs only routes: keys and mouse to the tab shown, every other message to
// the tab whose command produced it (commands are wrapped so their messages
// say which tab asked), so an answer for a hidden tab is stored there,
// never drawn into the one on screen. With one repository there is no tab
// bar and the tab's screen is the whole screen.
type Tabs struct {
	tabs   []Model
	active int
	width  int
	height int
}

// tabMsg is a message produced by a command of tab i.
type tabMsg struct {
	tab int
	msg tea.Msg
}

// NewTabs builds one tab per configuration, in order.
func NewTabs(cfgs ...Config) Tabs {
	t := Tabs{}
	for i, cfg := range cfgs {
		cfg.identityFromFirstTab = i > 0
		m := New(cfg)
		if len(cfgs) > 1 {
			m.KeyMap.PrevTab.SetEnabled(true)
			m.KeyMap.NextTab.SetEnabled(true)
		}
		t.tabs = append(t.tabs, m)
	}
	return t
}

// Init starts every tab: each loads its first page at once, so switching
// shows a list already there.
func (t Tabs) Init() tea.Cmd {
	cmds := make([]tea.Cmd, len(t.tabs))
	for i, m := range t.tabs {
		cmds[i] = wrapCmd(i, m.Init())
	}
	return tea.Batch(cmds...)
}

func (t Tabs) barHeight() int {
	if len(t.tabs) > 1 {
		return 1
	}
	return 0
}

// shareIdentity: one token, one owner; the first tab's GET /user names it
// in every tab.
func (t Tabs) shareIdentity(msg tabMsg) {
	id, ok := store.IdentityIn(msg.msg)
	if !ok {
		return
	}
	for i := range t.tabs {
		if i != msg.tab {
			t.tabs[i].store.SetIdentity(id)
			t.tabs[i].refreshStatus()
		}
	}
}

// Update routes msg; see Tabs.
func (t Tabs) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tabMsg:
		t.shareIdentity(msg)
		return t.updateTab(msg.tab, msg.msg)
	case tea.WindowSizeMsg:
		t.width, t.height = msg.Width, msg.Height
		inner := tea.WindowSizeMsg{Width: msg.Width, Height: max(msg.Height-t.barHeight(), 0)}
		var cmds []tea.Cmd
		for i := range t.tabs {
			var cmd tea.Cmd
			t, cmd = t.updateTabModel(i, inner)
			cmds = append(cmds, cmd)
		}
		return t, tea.Batch(cmds...)
	case tea.KeyMsg:
		active := t.tabs[t.active]
		if keys := splitBurst(msg, active.Typing()); keys != nil {
			// One key at a time: ] in a burst switches tabs for the keys after it.
			var cmds []tea.Cmd
			var model tea.Model = t
			for _, one := range keys {
				var cmd tea.Cmd
				model, cmd = model.Update(one)
				cmds = append(cmds, cmd)
			}
			return model, tea.Batch(cmds...)
		}
		if key.Matches(msg, active.KeyMap.Quit) && (!active.Typing() || msg.Type == tea.KeyCtrlC) {
			// Every tab's requests end with the program, not only the shown one's.
			for _, m := range t.tabs {
				m.cancel()
			}
			return t, tea.Quit
		}
		if !active.Typing() {
			switch {
			case key.Matches(msg, active.KeyMap.NextTab):
				t.active = (t.active + 1) % len(t.tabs)
				return t, nil
			case key.Matches(msg, active.KeyMap.PrevTab):
				t.active = (t.active + len(t.tabs) - 1) % len(t.tabs)
				return t, nil
			}
		}
	case tea.MouseMsg:
		msg.Y -= t.barHeight()
		if msg.Y < 0 {
			if msg.Action == tea.MouseActionPress && msg.Button == tea.MouseButtonLeft {
				t.active = t.tabAt(msg.X)
			}
			return t, nil
		}
		return t.updateTab(t.active, msg)
	}
	return t.updateTab(t.active, msg)
}

func (t Tabs) updateTab(i int, msg tea.Msg) (tea.Model, tea.Cmd) {
	if i < 0 || i >= len(t.tabs) {
		return t, nil
	}
	return t.updateTabModel(i, msg)
}

func (t Tabs) updateTabModel(i int, msg tea.Msg) (Tabs, tea.Cmd) {
	m, cmd := t.tabs[i].Update(msg)
	t.tabs[i] = m.(Model)
	return t, wrapCmd(i, cmd)
}

// wrapCmd makes cmd's message say it is tab i's. A batch is wrapped
// command by command; quitting is for the whole program.
func wrapCmd(i int, cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg {
		switch msg := cmd().(type) {
		case nil:
			return nil
		case tea.QuitMsg:
			return msg
		case tea.BatchMsg:
			out := make(tea.BatchMsg, len(msg))
			for k, c := range msg {
				out[k] = wrapCmd(i, c)
			}
			return out
		default:
			return tabMsg{tab: i, msg: msg}
		}
	}
}

// tabLabel is how tab i names its repository in the bar.
func (t Tabs) tabLabel(i int) string {
	return " " + t.tabs[i].cfg.Repo.String() + " "
}

// tabAt is the tab whose label is at column x of the bar.
func (t Tabs) tabAt(x int) int {
	at := 0
	for i := range t.tabs {
		at += len([]rune(t.tabLabel(i))) + 1
		if x < at {
			return i
		}
	}
	return t.active
}

// View draws the tab bar, then the tab shown.
func (t Tabs) View() string {
	if len(t.tabs) == 1 {
		return t.tabs[0].View()
	}
	s := t.tabs[t.active].common.Styles
	var bar strings.Builder
	for i := range t.tabs {
		label := t.tabLabel(i)
		if i == t.active {
			// Marked by a glyph too, so NO_COLOR still shows which is open.
			label = s.StatusRepo.Render("▸" + label[1:])
		} else {
			label = s.Muted.Render(label)
		}
		bar.WriteString(label + " ")
	}
	line := common.Truncate(bar.String(), t.width)
	if t.tabs[t.active].cfg.ASCII {
		line = common.ASCII(line) // the tab's View converts its own screen
	}
	return line + "\n" + t.tabs[t.active].View()
}
