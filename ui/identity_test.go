package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/github/fake"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/prscope/prscope/github"
	"github.com/prscope/prscope/model"
)

// identityHarness is the harness with a client sending token to a fake
// server that knows opts' login and token.
func identityHarness(t *testing.T, opts fake.FakeOptions, token string, demo bool) *harness {
	t.Helper()
	srv, err := fake.NewFakeServer(testDataset(3, nil), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	client, err := github.NewClient(github.Options{BaseURL: srv.URL, Token: token, Timeout: timeoutForTests})
	if err != nil {
		t.Fatal(err)
	}
	root := New(Config{Repo: widgets, Source: client, Demo: demo, SettleDelay: time.Millisecond, Now: func() time.Time { return testNow }})
	h := &harness{t: t, m: root, server: srv}
	h.send(tea.WindowSizeMsg{Width: 140, Height: 30})
	h.queue(root.Init())
	h.run()
	return h
}

func statusOf(h *harness) string {
	lines := strings.Split(h.view(), "\n")
	return lines[len(lines)-1]
}

func TestStatusBarShowsTheLogin(t *testing.T) {
	h := identityHarness(t, fake.FakeOptions{Login: "mona", Token: "good"}, "good", false)
	if s := statusOf(h); !strings.Contains(s, "@mona") || strings.Contains(s, "anonymous") {
		t.Errorf("status bar %q, want @mona", s)
	}
	if n := h.requests("/user"); n != 1 {
		t.Errorf("GET /user sent %d times, want once per run", n)
	}
	h.keys("j", "j", "R")
	h.run()
	if n := h.requests("/user"); n != 1 {
		t.Errorf("GET /user sent %d times after moving and reloading, want once per run", n)
	}
}

func TestStatusBarSaysAnonymousWithoutAToken(t *testing.T) {
	h := identityHarness(t, fake.FakeOptions{Login: "mona"}, "", false)
	if s := statusOf(h); !strings.Contains(s, "anonymous") || strings.Contains(s, "mona") {
		t.Errorf("status bar %q, want anonymous", s)
	}
	if n := h.requests("/user"); n != 0 {
		t.Errorf("GET /user sent %d times without a token, want none", n)
	}
}

// A login that cannot be had is no error: the bar says "token", the list
// loads, and no error banner appears.
func TestStatusBarWhenTheLoginFails(t *testing.T) {
	h := identityHarness(t, fake.FakeOptions{Login: "mona", Token: "other"}, "good", false)
	s := statusOf(h)
	if !strings.Contains(s, "token") || strings.Contains(s, "mona") || strings.Contains(s, "error") {
		t.Errorf("status bar %q, want \"token\" and no error", s)
	}
	if !strings.Contains(h.view(), "Widget change number 3") {
		t.Error("the list did not load")
	}
}

func TestDemoAsksNoIdentity(t *testing.T) {
	h := identityHarness(t, fake.FakeOptions{}, "", true)
	if n := h.requests("/user"); n != 0 {
		t.Errorf("the demo sent GET /user %d times", n)
	}
}

// TestTabsAskForTheLoginOnce: several repositories share one token, so
// GET /user is asked once and every tab's status bar names its owner.
func TestTabsAskForTheLoginOnce(t *testing.T) {
	h := identityHarness(t, fake.FakeOptions{Login: "mona", Token: "good"}, "good", false)
	client := h.root().cfg.Source
	h.server.ResetRequests()
	cfg := func(r model.Repo) Config {
		return Config{Repo: r, Source: client, SettleDelay: time.Millisecond, Now: func() time.Time { return testNow }}
	}
	tabs := NewTabs(cfg(widgets), cfg(model.Repo{Owner: "acme", Name: "gadgets"}))
	h.m, h.pending = tabs, nil
	h.send(tea.WindowSizeMsg{Width: 140, Height: 30})
	h.queue(tabs.Init())
	h.run()
	if n := h.requests("/user"); n != 1 {
		t.Errorf("GET /user sent %d times for two tabs, want once", n)
	}
	h.keys("]")
	if s := statusOf(h); !strings.Contains(s, "@mona") {
		t.Errorf("the second tab's status bar %q, want @mona", s)
	}
}
