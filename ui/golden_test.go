package ui

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/github/fake"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"github.com/prscope/prscope/github"
	"github.com/prscope/prscope/model"
)

func TestMain(m *testing.M) {
	// Goldens hold plain text: no colour codes, whatever the terminal.
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

var bpf = model.Repo{Owner: "kernel-patches", Name: "bpf"}

func demoHarness(t *testing.T, cfg Config, w, h int) *harness {
	t.Helper()
	return demoHarnessWith(t, cfg, w, h, fake.FakeOptions{})
}

// demoHarnessWith is demoHarness with the fake server's options.
func demoHarnessWith(t *testing.T, cfg Config, w, h int, opts fake.FakeOptions) *harness {
	t.Helper()
	ds, err := fake.DemoDataset()
	if err != nil {
		t.Fatal(err)
	}
	cfg.Repo = bpf
	return newHarnessOpts(t, ds, cfg, w, h, nil, timeoutForTests, opts)
}

func TestGoldenDemoPR11(t *testing.T) {
	h := demoHarness(t, Config{Number: 11}, 160, 45)
	h.run()
	golden.RequireEqual(t, []byte(h.view()))
}

func TestGoldenDemoPR11End(t *testing.T) {
	h := demoHarness(t, Config{Number: 11}, 160, 45)
	h.run()
	h.keys("G")
	h.run()
	v := h.view()
	if !strings.Contains(v, "2023-08-03") {
		t.Errorf("G did not reach the last referencing commit (Aug 3, 2023):\n%s", v)
	}
	golden.RequireEqual(t, []byte(v))
}

func TestGoldenDemoExpandedCommit(t *testing.T) {
	h := demoHarness(t, Config{Number: 11}, 160, 45)
	h.run()
	// header, body, the PR's commit, the bot's 4 comments (one entry), then
	// the first referencing commit
	h.keys(repeat("j", 4)...)
	h.keys("enter")
	h.run()
	v := h.view()
	if !strings.Contains(v, "dma_pool_alloc") {
		t.Errorf("expanding the first commit should show its stack trace:\n%s", v)
	}
	golden.RequireEqual(t, []byte(v))
}

func TestGoldenNarrowList(t *testing.T) {
	h := demoHarness(t, Config{}, 80, 24)
	h.run()
	golden.RequireEqual(t, []byte(h.view()))
}

func TestGoldenNarrowDetail(t *testing.T) {
	h := demoHarness(t, Config{Number: 11}, 80, 24)
	h.run()
	golden.RequireEqual(t, []byte(h.view()))
}

func TestGoldenHelp(t *testing.T) {
	h := demoHarness(t, Config{}, 120, 40)
	h.run()
	h.keys("?")
	golden.RequireEqual(t, []byte(h.view()))
}

// TestProgramRunsTheDemo drives the real Bubble Tea runtime (goroutines,
// timers, the renderer) rather than the synchronous harness.
func TestProgramRunsTheDemo(t *testing.T) {
	ds, err := fake.DemoDataset()
	if err != nil {
		t.Fatal(err)
	}
	srv, err := fake.NewFakeServer(ds, fake.FakeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	client, err := github.NewClient(github.Options{BaseURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	m := New(Config{Repo: bpf, Number: 11, Source: client, Now: func() time.Time { return testNow }})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(160, 45))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return strings.Contains(string(b), "referenced this in commit")
	}, teatest.WithDuration(10*time.Second))
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("G")})
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return strings.Contains(string(b), "end of timeline")
	}, teatest.WithDuration(10*time.Second))
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	if pr, _ := final.detail.PR(); pr.Number != 11 || pr.Title != "[test] bpf-next_test" {
		t.Fatalf("final detail shows #%d %q", pr.Number, pr.Title)
	}
	tl, _ := final.store.Asked(11)
	if tl == nil || len(tl.Events()) < 56 { // 4 comments, 51 references, the commit, closed
		t.Fatalf("PR #11's timeline not loaded: %+v", tl)
	}
}

// TestHostileTextNeverReachesTheTerminal opens the demo PR whose title and
// comments carry escape sequences; with colours off, the screen must hold no
// ESC at all (anything left would be the API's, not ours).
func TestHostileTextNeverReachesTheTerminal(t *testing.T) {
	h := demoHarness(t, Config{Number: fake.SyntheticControlCharsPR}, 160, 45)
	h.run()
	h.keys(repeat("j", 5)...)
	h.keys("enter")
	h.run()
	v := h.view()
	if pr, _ := h.root().detail.PR(); pr.Number != fake.SyntheticControlCharsPR {
		t.Fatalf("detail shows #%d", pr.Number)
	}
	for _, bad := range []string{"\x1b", "\x07", "\u009b", "\u202e", "\r"} {
		if strings.Contains(v, bad) {
			t.Errorf("screen holds %q:\n%q", bad, v)
		}
	}
}

// sgr matches our own styling: Select Graphic Rendition, ESC [ … m.
var sgr = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

// With colours on, the only escape sequences on screen are our own colour
// codes, even on the demo PR whose texts are full of hostile sequences.
func TestOnlyOurStylingReachesAColourTerminal(t *testing.T) {
	lipgloss.SetColorProfile(termenv.TrueColor)
	defer lipgloss.SetColorProfile(termenv.Ascii)
	h := demoHarness(t, Config{Number: fake.SyntheticControlCharsPR}, 160, 45)
	h.run()
	h.keys(repeat("j", 5)...)
	h.keys("enter", "tab", "G")
	h.run()
	v := h.view()
	if !strings.Contains(v, "\x1b[") {
		t.Fatal("no colour at all: the profile did not take")
	}
	if rest := sgr.ReplaceAllString(v, ""); strings.ContainsAny(rest, "\x1b\x07\u009b") {
		i := strings.IndexAny(rest, "\x1b\x07\u009b")
		t.Fatalf("a sequence that is not our styling reached the screen: %q", rest[max(0, i-20):min(len(rest), i+20)])
	}
	// A search for a letter that ends every colour code must not cut them.
	h.keys("tab", "/", "m", "enter") // back in the timeline
	if rest := sgr.ReplaceAllString(h.view(), ""); strings.ContainsAny(rest, "\x1b") {
		i := strings.IndexAny(rest, "\x1b")
		t.Fatalf("the search highlight broke a colour code: %q", rest[max(0, i-20):min(len(rest), i+20)])
	}
}

// TestTheDemoSaysWhyCommitsReferenceThePR: on #11, each referencing
// commit's line naming #11 is shown with its kind, and the bot's repeated
// comments fold into one entry of its version.
func TestTheDemoSaysWhyCommitsReferenceThePR(t *testing.T) {
	h := demoHarness(t, Config{Number: 11}, 160, 45)
	h.run()
	v := h.view()
	for _, want := range []string{
		"↳ stack-frame · likely accidental: #11 [ffff89240e1a3a18] cmd_exec",
		"● kernel-patches-bot 4 runs at version edc21dc · Feb 20 2020",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("the screen lacks %q:\n%s", want, v)
		}
	}
	h.keys(repeat("j", 10)...) // the detail has the focus: #11 was asked for
	h.run()
	if v := h.view(); !strings.Contains(v, "↳ patch-number · likely accidental: Patches #3-#11 are small cleanups") {
		t.Errorf("the second commit's reason is not shown:\n%s", v)
	}
}

// TestFiltersNarrowTheTimeline: f cycles all / comments / commits / state
// events; x hides the references that are likely accidental — on #11,
// every one of the 51, once their messages are known.
func TestFiltersNarrowTheTimeline(t *testing.T) {
	h := demoHarness(t, Config{Number: 11}, 160, 45)
	h.run()
	h.keys("f") // comments
	v := h.view()
	if !strings.Contains(v, "showing comments (f)") || strings.Contains(v, "referenced this") || !strings.Contains(v, "runs at version") {
		t.Fatalf("the comments filter:\n%s", v)
	}
	h.keys("f") // commits
	if v := h.view(); strings.Contains(v, "● kernel-patches-bot commented") || !strings.Contains(v, "referenced this") {
		t.Fatalf("the commits filter:\n%s", v)
	}
	h.keys("f", "f") // state events, then all again
	h.keys("x")
	h.run()
	for i := 0; i < 12; i++ { // walk down so every commit's message is fetched
		h.keys("G", "g")
		h.run()
	}
	v = h.view()
	if strings.Contains(v, "referenced this") {
		t.Errorf("likely-accidental references still shown:\n%s", v)
	}
	if !strings.Contains(v, "hidden: 51 (x)") {
		t.Errorf("the header does not say how many are hidden:\n%s", v)
	}
	h.keys("x")
	if v := h.view(); !strings.Contains(v, "referenced this") {
		t.Errorf("x again does not bring them back:\n%s", v)
	}
}

// TestSearchingTheTimeline: / then a word finds the events that hold it
// (here the commit messages that mention veristat, once their messages
// are loaded), n and N move between them, esc drops the search.
func TestSearchingTheTimeline(t *testing.T) {
	h := demoHarness(t, Config{Number: 11}, 160, 45)
	h.run()
	for i := 0; i < 8; i++ { // load every commit message
		h.keys("G", "g")
		h.run()
	}
	h.keys("/", "v", "e", "r", "i", "s", "t", "a", "t")
	h.run() // the search runs once typing pauses
	v := h.view()
	// The 22 pushes that mention it fold into one entry, which the match
	// opens: each push matches, and the first's matching line shows.
	if !strings.Contains(v, "/veristat") || !strings.Contains(v, "1 of 22") {
		t.Fatalf("the status bar does not show the search and its count:\n%s", v)
	}
	if !strings.Contains(v, "./\x1b[7;1;4mveristat\x1b[27;22;24m -C") {
		t.Errorf("the matching line is not on screen, highlighted:\n%s", v)
	}
	h.keys("enter") // keep the query
	status := h.root().detail.SearchStatus()
	h.keys("n")
	if got := h.root().detail.SearchStatus(); got == status || !strings.Contains(got, "2 of 22") {
		t.Errorf("n did not move to the next match: %q then %q", status, got)
	}
	if !strings.Contains(h.view(), "veristat") {
		t.Errorf("the match is not on screen:\n%s", h.view())
	}
	h.keys("N", "/", "esc")
	if got := h.root().detail.SearchStatus(); got != "" {
		t.Errorf("esc left the search: %q", got)
	}
	h.keys("q") // q quits again once the search is gone
}

// TestRePushedPatchesFoldIntoOneEntry: on #11 the verifier patch's 22
// pushes read as one entry until opened; enter lists each push with its
// revision, and again folds them.
func TestRePushedPatchesFoldIntoOneEntry(t *testing.T) {
	h := demoHarness(t, Config{Number: 11}, 160, 45)
	h.run()
	for i := 0; i < 8; i++ { // load every commit message
		h.keys("G", "g")
		h.run()
	}
	h.keys("G")
	h.run()
	v := h.view()
	if !strings.Contains(v, "pushed 22×, 3 revisions") || strings.Count(v, "Add support precision backtracking") != 1 {
		t.Fatalf("the 22 pushes do not fold into one entry:\n%s", v)
	}
	for i := 0; i < 40 && !strings.Contains(h.view(), "▌ ◆ kernel-patches-daemon-bpf-rc[bot] pushed 22×"); i++ {
		h.keys("k")
	}
	h.keys("enter")
	h.run()
	v = h.view()
	if !strings.Contains(v, "push 2/22, rev 1") {
		t.Fatalf("enter does not list the pushes with their revisions:\n%s", v)
	}
	// The first push of revision 2 offers its diff; d shows it.
	for i := 0; i < 30 && !strings.Contains(h.view(), "▌ ◆ kernel-patches-daemon-bpf-rc[bot] push 18/22, rev 2 (d: what changed)"); i++ {
		h.keys("j")
	}
	h.keys("d")
	if v := h.view(); !strings.Contains(v, "message: rev 1 → rev 2") || !strings.Contains(v, "+ ") {
		t.Fatalf("d does not show what revision 2 changed:\n%s", v)
	}
	h.keys("d")
	for i := 0; i < 30 && !strings.Contains(h.view(), "▌ ◆ kernel-patches-daemon-bpf-rc[bot] pushed 22×"); i++ {
		h.keys("k")
	}
	h.keys("enter")
	if v := h.view(); strings.Contains(v, "push 2/22") {
		t.Errorf("enter again does not fold them:\n%s", v)
	}
}

func TestGoldenHelpNarrow(t *testing.T) {
	h := demoHarness(t, Config{}, 90, 45)
	h.run()
	h.keys("?")
	v := h.view()
	for _, want := range []string{"hide/show likely-accidental references", "search the timeline", "filter the list"} {
		if !strings.Contains(v, want) {
			t.Errorf("the narrow help hides %q:\n%s", want, v)
		}
	}
	golden.RequireEqual(t, []byte(v))
}
