package statusbar

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/common"
)

func TestIdentity(t *testing.T) {
	lipgloss.SetColorProfile(termenv.Ascii)
	tests := []struct {
		name string
		info Info
		want string
		not  []string
	}{
		{"login", Info{Repo: "acme/widgets", Identity: "@mona"}, "@mona", []string{"anonymous"}},
		{"login unknown", Info{Repo: "acme/widgets", Identity: "token"}, "token", []string{"anonymous"}},
		{"anonymous", Info{Repo: "acme/widgets", Anonymous: true, Rate: model.RateLimit{Known: true, Limit: 60, Remaining: 59}},
			"anonymous (60 req/h) · rate 59/60", []string{"@"}},
		// The server's figures decide: a GitHub Enterprise without a token
		// may allow more, and before any answer nothing is known.
		{"anonymous, 5000", Info{Repo: "acme/widgets", Anonymous: true, Rate: model.RateLimit{Known: true, Limit: 5000, Remaining: 4999}},
			"anonymous · rate 4999/5000", []string{"60 req/h"}},
		{"anonymous, unknown", Info{Repo: "acme/widgets", Anonymous: true}, "anonymous", []string{"60 req/h"}},
		// A warm start within max-age sends nothing: the bar says why it
		// has no figure, rather than leave the rate out unexplained.
		{"all cached", Info{Repo: "acme/widgets", Identity: "@mona", NoneSent: true}, "@mona · rate: all cached", nil},
		{"sent, no headers", Info{Repo: "acme/widgets", Identity: "@mona"}, "@mona", []string{"rate"}},
		{"hostile login", Info{Repo: "acme/widgets", Identity: "@mo\x1b[2Jna"}, "@mo", []string{"\x1b[2J"}},
	}
	for _, tt := range tests {
		m := New(common.New())
		m.SetSize(100, 1)
		m.SetInfo(tt.info)
		v := m.View()
		if !strings.Contains(v, tt.want) {
			t.Errorf("%s: %q does not show %q", tt.name, v, tt.want)
		}
		for _, s := range tt.not {
			if strings.Contains(v, s) {
				t.Errorf("%s: %q shows %q", tt.name, v, s)
			}
		}
	}
}

func TestStatusBarSaysTheState(t *testing.T) {
	m := New(common.Common{Styles: common.DefaultStyles()})
	m.SetSize(120, 1)
	m.SetInfo(Info{Repo: "acme/widgets", Loaded: 94, Total: 94, TotalKnow: true, State: "open"})
	if v := m.View(); !strings.Contains(v, "94 open PRs") {
		t.Errorf("--state open is not shown: %q", v)
	}
	m.SetInfo(Info{Repo: "acme/widgets", Loaded: 94, Total: 94, TotalKnow: true, State: "all"})
	if v := m.View(); !strings.Contains(v, "94 PRs") {
		t.Errorf("all: %q", v)
	}
}

// TestCutLeavesNoDanglingSeparator: a bar too narrow for its facts is cut
// with "…", not on a separator ("· demo ·…").
func TestCutLeavesNoDanglingSeparator(t *testing.T) {
	lipgloss.SetColorProfile(termenv.Ascii)
	for w := 30; w < 60; w++ {
		m := New(common.New())
		m.SetSize(w, 1)
		m.SetInfo(Info{Repo: "kernel-patches/bpf", Demo: true, Loaded: 100, Total: 300,
			Rate: model.RateLimit{Known: true, Limit: 5000, Remaining: 4983}})
		if v := m.View(); strings.Contains(v, "·…") {
			t.Errorf("width %d: %q", w, v)
		}
	}
}
