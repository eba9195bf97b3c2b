package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/github/fake"

	"github.com/prscope/prscope/ui/store"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/prscope/prscope/github"
	"github.com/prscope/prscope/model"
)

// harness drives the real root model synchronously: it runs the commands
// Update returns and feeds their messages back, as the Bubble Tea runtime
// would, but under the test's control (so "quick" key presses can happen
// before any timer fires).
type harness struct {
	t       *testing.T
	m       tea.Model
	pending []tea.Cmd
	server  *fake.FakeServer
}

var testNow = time.Date(2024, 1, 15, 12, 0, 0, 0, time.UTC)

func newHarness(t *testing.T, ds *fake.Dataset, cfg Config, w, h int) *harness {
	t.Helper()
	return newHarnessWrapped(t, ds, cfg, w, h, nil)
}

// newHarnessWrapped lets a test put a store.Source of its own in front of the
// client, to make chosen requests fail.
func newHarnessWrapped(t *testing.T, ds *fake.Dataset, cfg Config, w, h int, wrap func(store.Source) store.Source) *harness {
	t.Helper()
	return newHarnessFull(t, ds, cfg, w, h, wrap, timeoutForTests)
}

// newHarnessFull also sets the client's per-request timeout.
func newHarnessFull(t *testing.T, ds *fake.Dataset, cfg Config, w, h int, wrap func(store.Source) store.Source, timeout time.Duration) *harness {
	t.Helper()
	return newHarnessOpts(t, ds, cfg, w, h, wrap, timeout, fake.FakeOptions{})
}

// newHarnessOpts also sets the fake server's options (its latency).
func newHarnessOpts(t *testing.T, ds *fake.Dataset, cfg Config, w, h int, wrap func(store.Source) store.Source, timeout time.Duration, opts fake.FakeOptions) *harness {
	t.Helper()
	srv, err := fake.NewFakeServer(ds, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	client, err := github.NewClient(github.Options{BaseURL: srv.URL, Timeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	cfg.Source = client
	if wrap != nil {
		cfg.Source = wrap(client)
	}
	if cfg.SettleDelay == 0 {
		cfg.SettleDelay = time.Millisecond
	}
	cfg.Now = func() time.Time { return testNow }
	root := New(cfg)
	hs := &harness{t: t, m: root, server: srv}
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	hs.queue(root.Init())
	return hs
}

// timeoutForTests bounds every request: long enough that a loaded, shared
// machine never times out a healthy answer (that made goldens flaky).
const timeoutForTests = 10 * time.Second

// hangTimeout is the timeout of tests that make the server hang on purpose.
const hangTimeout = 300 * time.Millisecond

func (h *harness) queue(cmd tea.Cmd) {
	if cmd != nil {
		h.pending = append(h.pending, cmd)
	}
}

func (h *harness) send(msg tea.Msg) {
	m, cmd := h.m.Update(msg)
	h.m = m
	h.queue(cmd)
}

// keys sends key presses without running any command in between.
func (h *harness) keys(ks ...string) {
	for _, k := range ks {
		h.send(keyMsg(k))
	}
}

// run executes pending commands, and those their messages produce, until
// none are left. Spinner ticks are dropped: they only animate.
func (h *harness) run() {
	for i := 0; len(h.pending) > 0; i++ {
		if i > 10000 {
			h.t.Fatal("commands never settle")
		}
		cmd := h.pending[0]
		h.pending = h.pending[1:]
		h.deliver(cmd())
	}
	// Every command has run, so every answer is in: a request still counted
	// in flight would keep the spinner going for ever.
	if tabs, ok := h.m.(Tabs); ok {
		for i, m := range tabs.tabs {
			if m.store.InFlight() != 0 {
				h.t.Fatalf("tab %d: %d requests still counted in flight after all answers arrived", i, m.store.InFlight())
			}
		}
		return
	}
	if n := h.root().store.InFlight(); n != 0 {
		h.t.Fatalf("%d requests still counted in flight after all answers arrived", n)
	}
}

// runConcurrently is run as Bubble Tea's runtime does it: every command in
// a goroutine of its own, the messages delivered one at a time as they
// come, so requests asked together are in flight together and the fake
// server's log shows the round trips a user waits through. done, checked
// after each message, ends it early: nothing more is started, what runs
// is delivered, and what that asks waits in pending.
func (h *harness) runConcurrently(done func(Model) bool) {
	msgs := make(chan tea.Msg)
	outstanding := 0
	start := func() {
		for _, cmd := range h.pending {
			outstanding++
			go func() { msgs <- cmd() }()
		}
		h.pending = nil
	}
	start()
	for outstanding > 0 {
		msg := <-msgs
		outstanding--
		h.deliver(msg)
		if done != nil && done(h.root()) {
			break
		}
		start()
	}
	// What is still running ends and is delivered (the store counts it in
	// flight); what that asks for waits in pending for the next run.
	for ; outstanding > 0; outstanding-- {
		h.deliver(<-msgs)
	}
}

// deliver feeds a command's message back, as the runtime would.
func (h *harness) deliver(msg tea.Msg) {
	switch msg := msg.(type) {
	case nil, spinner.TickMsg:
	case tea.BatchMsg:
		h.pending = append(h.pending, msg...)
	default:
		h.send(msg)
	}
}

func (h *harness) root() Model { return h.m.(Model) }

// timelineReply is page 1 of the shown PR's timeline holding events, as
// the store would be answered.
func timelineReply(root Model, events []model.Event) store.Reply[[]model.Event] {
	t := root.store.Timeline(root.shown)
	return store.Reply[[]model.Event]{Envelope: store.Envelope{Key: store.Key{Kind: store.KindTimeline, Number: root.shown, Page: 1}, Gen: t.Gen()}, Value: events}
}

func (h *harness) view() string { return h.m.View() }

// requests counts served requests whose path contains part.
func (h *harness) requests(part string) int {
	n := 0
	for _, r := range h.server.Requests() {
		if strings.Contains(r.Path, part) {
			n++
		}
	}
	return n
}

// pullRequests counts GET /pulls (the list) and, for n > 0, GET
// /pulls/{n}: requests for PRs themselves, not their reviews.
func (h *harness) pullRequests(n int) int {
	want := "/pulls"
	if n > 0 {
		want += "/" + fmt.Sprint(n)
	}
	count := 0
	for _, r := range h.server.Requests() {
		if strings.HasSuffix(r.Path, want) {
			count++
		}
	}
	return count
}

func keyMsg(k string) tea.KeyMsg {
	switch k {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "ctrl+d":
		return tea.KeyMsg{Type: tea.KeyCtrlD}
	case "ctrl+c":
		return tea.KeyMsg{Type: tea.KeyCtrlC}
	case "backspace":
		return tea.KeyMsg{Type: tea.KeyBackspace}
	case "ctrl+u":
		return tea.KeyMsg{Type: tea.KeyCtrlU}
	case "pgup":
		return tea.KeyMsg{Type: tea.KeyPgUp}
	case "pgdown":
		return tea.KeyMsg{Type: tea.KeyPgDown}
	case "shift+tab":
		return tea.KeyMsg{Type: tea.KeyShiftTab}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case " ":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	}
	if len([]rune(k)) != 1 {
		panic("keyMsg: no key named " + k) // a typo would type its letters
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

func repeat(k string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = k
	}
	return out
}

// testDataset builds acme/widgets with n PRs (#1..#n, newest highest); PR
// numbers in timelines get that many events, alternating comments, label
// changes and referencing commits.
func testDataset(n int, timelines map[int]int) *fake.Dataset {
	ds := &fake.Dataset{}
	repo := ds.EnsureRepo("acme/widgets")
	base := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 1; i <= n; i++ {
		pr := &fake.FakePull{
			Number: i, Title: fmt.Sprintf("Widget change number %d", i), State: "open",
			User: "alice", Head: fmt.Sprintf("feature-%d", i), Base: "main",
			Body:      fmt.Sprintf("Body of PR %d.", i),
			CreatedAt: base.Add(time.Duration(i) * time.Hour), UpdatedAt: base.Add(time.Duration(i) * time.Hour),
		}
		for e := 0; e < timelines[i]; e++ {
			at := pr.CreatedAt.Add(time.Duration(e+1) * time.Minute)
			switch e % 3 {
			case 0:
				pr.Timeline = append(pr.Timeline, fake.FakeEvent{Event: "commented", Actor: "bob", CreatedAt: at, Body: fmt.Sprintf("comment %d on PR %d", e, i)})
			case 1:
				pr.Timeline = append(pr.Timeline, fake.FakeEvent{Event: "labeled", Actor: "carol", CreatedAt: at, Label: "bug"})
			case 2:
				sha := fmt.Sprintf("%040x", i*100000+e)
				repo.AddCommit(&fake.FakeCommit{SHA: sha, Message: fmt.Sprintf("Fix thing %d\n\nRefs #%d", e, i), AuthorName: "dave", Date: at})
				pr.Timeline = append(pr.Timeline, fake.FakeEvent{Event: "referenced", Actor: "dave", CreatedAt: at, SHA: sha, CommitRepo: "acme/widgets"})
			}
		}
		repo.Pulls = append(repo.Pulls, pr)
	}
	return ds
}

var widgets = model.Repo{Owner: "acme", Name: "widgets"}

// timelineOf is the store's record of PR number's timeline, empty if never
// asked for.
func timelineOf(m Model, number int) *store.Timeline {
	if t, ok := m.store.Asked(number); ok {
		return t
	}
	return &store.Timeline{}
}
