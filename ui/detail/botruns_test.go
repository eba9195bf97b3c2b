package detail

import (
	"strings"
	"testing"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/store"
)

// TestBotRunsFold: a bot's unchanged comments read as one entry of their
// version until it is opened; a new version is an entry of its own.
func TestBotRunsFold(t *testing.T) {
	m, _ := newPane(t, 100, 30)
	block := func(v string) string { return "branch: bpf-next_test\nbase: bpf-next\nversion: " + v + "\n" }
	events := []model.Event{comment(1, block("1d64a92")), comment(2, block("1d64a92")), comment(3, block("1d64a92")), comment(4, block("9f0e1d2"))}
	m.ShowTimeline(testPR(1), events, nil, store.TimelineStatus{})
	v := strings.Join(doc(m), "\n")
	if !strings.Contains(v, "bob 3 runs at version 1d64a92") || strings.Count(v, "version: 1d64a92") != 1 || !strings.Contains(v, "version: 9f0e1d2") {
		t.Fatalf("folded:\n%s", v)
	}
	m.SetCIVerdicts(map[string]string{"c1": "✗ 2 of 24 jobs failed"}) // by the announcing comment
	if v := strings.Join(doc(m), "\n"); !strings.Contains(v, "3 runs at version 1d64a92 · ✗ 2 of 24 jobs failed · May 1 2023") {
		t.Errorf("the version's verdict is not on its entry:\n%s", v)
	}
	for m.cursor < len(m.items) && !strings.Contains(strings.Join(m.items[m.cursor].lines, ""), "3 runs at") {
		m = press(m, "j")
	}
	m = press(m, "enter")
	v = strings.Join(doc(m), "\n")
	if !strings.Contains(v, "run 2/3") || !strings.Contains(v, "= no change since the previous run") {
		t.Errorf("opened:\n%s", v)
	}
}

// TestJumpToVersions: } and { go from one announced version to the next.
func TestJumpToVersions(t *testing.T) {
	m, _ := newPane(t, 100, 30)
	block := func(v string) string { return "branch: bpf-next_test\nbase: bpf-next\nversion: " + v + "\n" }
	events := []model.Event{comment(1, block("aaaaaaa")), comment(2, block("aaaaaaa")), comment(3, "thanks"), comment(4, block("bbbbbbb")), comment(5, block("bbbbbbb"))}
	m.ShowTimeline(testPR(1), events, nil, store.TimelineStatus{})
	line := func() string { return strings.Join(m.items[m.cursor].lines, "") }
	m = press(m, "}")
	if !strings.Contains(line(), "version aaaaaaa") {
		t.Fatalf("first }: on %q", line())
	}
	m = press(m, "}")
	if !strings.Contains(line(), "version bbbbbbb") {
		t.Errorf("second }: on %q", line())
	}
	m = press(m, "}", "{")
	if !strings.Contains(line(), "version aaaaaaa") {
		t.Errorf("{: on %q", line())
	}
}
