package detail

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/common"
)

var hostileSeeds = []string{
	"\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\x07",
	"\x1b]2;pwned\x07",
	"\x1b]8;;https://evil.example/\x1b\\click me\x1b]8;;\x1b\\",
	"\x1b[2J\x1b[H",
	"\x1b[10A\x1b[5Coverwrite",
	"\x9b31mred",
	"\xc2\x9b31mred",
	"\u202eevil\u202c txt.exe",
	"\x1bP1;2|dcs\x1b\\",
	"\x1b_apc\x1b\\\x1b^pm\x1b\\\x1bXsos\x1b\\",
	"tab\there\r\nback\bspace\x00nul\x7f",
	"日本語のコメント 🚀 e\u0301 👩‍👩‍👧\n" + strings.Repeat("長い行", 40),
	"\x1b",
	"\x1b[",
}

var fuzzKinds = []string{"commented", "reviewed", "referenced", "committed", "labeled", "renamed", "closed", "some_future_event"}

// FuzzTimeline: whatever a PR's and its events' strings hold, the pane
// draws no escape sequence of theirs and never a line wider than itself,
// collapsed or expanded, before and after a commit message arrives.
func FuzzTimeline(f *testing.F) {
	for i, s := range hostileSeeds {
		f.Add(s, s, s, uint8(i), uint8(60), uint8(12))
	}
	f.Add("title", "body", "alice", uint8(2), uint8(1), uint8(1))
	f.Fuzz(func(t *testing.T, title, text, actor string, kind, width, height uint8) {
		w, h := int(width), int(height)%50
		commits := Commits{}
		m := New(common.New(), commits)
		m.Focus()
		m.SetSize(w, h)
		at := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
		ev := model.Event{
			Event: fuzzKinds[int(kind)%len(fuzzKinds)], Actor: actor, Author: actor, CreatedAt: at, Body: text,
			Label: &model.Label{Name: text}, Rename: &model.Rename{From: title, To: text}, LockReason: text,
		}
		if ev.Event == "referenced" || ev.Event == "committed" {
			ev.Commit = &model.CommitRef{SHA: text, Repo: actor}
		}
		m.Show(model.PullRequest{Number: 1, Title: title, User: actor, Head: text, Base: title, Body: text,
			State: model.StateOpen, Labels: []model.Label{{Name: title}}}, []model.Event{ev, ev},
			TimelineStatus{Err: text})
		checkScreen(t, m.View(), w, h)
		for _, k := range []string{"j", "j", "enter", "j", "enter", "G", "enter"} {
			m = press(m, k)
			checkScreen(t, m.View(), w, h)
		}
		if ev.Commit != nil {
			commits[CommitKey(ev.Commit.Repo, ev.Commit.SHA)] = CommitInfo{Loaded: true, Message: text, Err: title}
			m.CommitLoaded(CommitKey(ev.Commit.Repo, ev.Commit.SHA))
			checkScreen(t, m.View(), w, h)
		}
	})
}

// checkScreen fails on any escape sequence (the colour profile is ASCII in
// these tests, so even our own styling has none), any other control
// character, or a line wider than w.
func checkScreen(t *testing.T, view string, w, h int) {
	t.Helper()
	if w == 0 || h == 0 {
		if view != "" {
			t.Fatalf("a pane with no room drew %q", view)
		}
		return
	}
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		t.Fatalf("view has %d lines, want %d", len(lines), h)
	}
	for _, l := range lines {
		if strings.ContainsAny(l, "\x1b\x07\x08\r\x00\x7f\u009b\u202e") {
			t.Fatalf("control character reached the screen: %q", l)
		}
		if lw := lipgloss.Width(l); lw > w {
			t.Fatalf("line %q is %d wide, pane is %d", l, lw, w)
		}
	}
}
