package detail

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/ui/store"

	"github.com/charmbracelet/lipgloss"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/common"
)

func TestResizeKeepsTopItem(t *testing.T) {
	evs := mixedEvents(40)
	evs[10] = comment(10, strings.Repeat("a rather long comment that wraps differently at every width ", 12))
	for _, start := range []int{3, 10, 17, 25} {
		t.Run(fmt.Sprint("top item event ", start), func(t *testing.T) {
			m, _ := newPane(t, 100, 12)
			m.ShowTimeline(testPR(1), evs, nil, store.TimelineStatus{})
			// G then k until the cursor is the first item on screen.
			m = press(m, "G")
			target := eventItem(m, start)
			m = moveCursorTo(t, m, target)
			if m.top != m.lay.offset(target) {
				t.Fatalf("setup: item %d not at the top (top %d, item at %d)", target, m.top, m.lay.offset(target))
			}
			for _, w := range []int{60, 30, 140, 21, 200, 100} {
				m.SetSize(w, 12)
				if got := m.itemAt(m.top); got != target {
					t.Fatalf("width %d: item %d at the top, want %d", w, got, target)
				}
				if m.top != m.lay.offset(target) {
					t.Fatalf("width %d: top is line %d of the item, want its first", w, m.top-m.lay.offset(target))
				}
				top := absTop(t, m)
				if top != m.lay.offset(target) {
					t.Fatalf("width %d: view starts at %d, want %d", w, top, m.lay.offset(target))
				}
			}
		})
	}
}

func TestResizeInsideTallItem(t *testing.T) {
	tc := tallCases[0]
	m, _ := newPane(t, 70, 10)
	m.ShowTimeline(testPR(1), tc.events(), nil, store.TimelineStatus{})
	tall := eventItem(m, tc.tallAt)
	m = moveCursorTo(t, m, tall)
	m = press(m, "enter")
	m = press(m, slices.Repeat([]string{"j"}, 30)...)
	line := m.top - m.lay.offset(tall)
	if m.cursor != tall || line <= 0 {
		t.Fatalf("setup: cursor %d, line %d", m.cursor, line)
	}
	for _, w := range []int{120, 50, 70} {
		m.SetSize(w, 10)
		if got := m.itemAt(m.top); got != tall {
			t.Errorf("width %d: item %d at the top, want %d", w, got, tall)
		}
	}
	// Back at the first width: the very same line is at the top again.
	if got := m.top - m.lay.offset(tall); got != line {
		t.Errorf("line %d of the item at the top after resizing back, want %d", got, line)
	}
}

// hostileEvents have text that is hard to fit: wide runes, long words, long
// names, and every footer and item kind.
func hostileEvents() []model.Event {
	evs := mixedEvents(16)
	evs = append(evs,
		comment(20, "日本語のコメントです。"+strings.Repeat("漢字", 60)),
		comment(21, "emoji 🎉🎉🎉 "+strings.Repeat("🚀", 70)),
		comment(22, strings.Repeat("x", 500)),
		model.Event{Event: "commented", Actor: strings.Repeat("verylongname", 10), CreatedAt: at(23), Body: "hi"},
		referenced(24, strings.Repeat("Ü", 300)+"\n\n"+strings.Repeat("y", 400)),
		model.Event{Event: "referenced", Actor: "dave", CreatedAt: at(25), Commit: &model.CommitRef{SHA: sha(25), Repo: "acme/widgets"}},
		model.Event{Event: model.EventKind("some_future_event_with_a_long_name_" + strings.Repeat("z", 80)), CreatedAt: at(26)},
	)
	return evs
}

func hostilePR() model.PullRequest {
	pr := testPR(123456)
	pr.Title = "A very long title " + strings.Repeat("長い", 50) + strings.Repeat("w", 200)
	pr.Head = strings.Repeat("branch-", 30)
	pr.Labels = []model.Label{{Name: strings.Repeat("label", 30)}, {Name: "ラベル"}}
	pr.Body = strings.Repeat("body text ", 100) + "\n" + strings.Repeat("🙂", 100)
	return pr
}

func TestEveryLineFitsTheWidth(t *testing.T) {
	if testing.Short() {
		t.Skip("sweeps every size")
	}
	commits := store.Commits{store.CommitKey("acme/widgets", sha(25)): {Err: strings.Repeat("not found ", 20)}}
	m := New(common.Common{Styles: common.DefaultStyles(), Now: func() time.Time { return testNow }}, commits)
	m.Focus()
	m.ShowTimeline(hostilePR(), hostileEvents(), nil, store.TimelineStatus{Err: strings.Repeat("a long error ", 20)})
	check := func(w, h int, where string) {
		lines := viewLines(m)
		if len(lines) != h {
			t.Fatalf("%dx%d %s: %d lines, want %d", w, h, where, len(lines), h)
		}
		for _, l := range lines {
			if lw := lipgloss.Width(l); lw > w {
				t.Fatalf("%dx%d %s: line of width %d: %q", w, h, where, lw, l)
			}
		}
	}
	for w := 20; w <= 200; w++ {
		for h := 1; h <= 60; h++ {
			m.SetSize(w, h)
			check(w, h, "top")
		}
		// Expand everything and look at the middle and the end too.
		m = press(m, "g")
		for range 8 {
			m = press(m, "enter", "j", "j")
		}
		check(w, 60, "expanded")
		m = press(m, "G")
		check(w, 60, "end")
		m = press(m, "g")
	}
}

func TestTinySizesDoNotPanic(t *testing.T) {
	for _, size := range [][2]int{{0, 0}, {1, 1}, {0, 5}, {5, 0}, {2, 1}, {1, 30}, {-3, -3}} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			m, _ := newPane(t, size[0], size[1])
			_ = m.View()
			m = press(m, "j", "k", "G", "g", "enter")
			m.ShowTimeline(hostilePR(), hostileEvents(), nil, store.TimelineStatus{More: true})
			_ = m.View()
			m = press(m, "j", "enter", "ctrl+d", "pgdown", "G", "k", "ctrl+u", "pgup", "g", " ")
			m.SetTimeline(append(hostileEvents(), mixedEvents(50)...), nil, store.TimelineStatus{})
			m.CommitLoaded(store.CommitKey("acme/widgets", sha(25)))
			_ = m.VisibleCommits()
			_ = m.NearEnd()
			v := m.View()
			if size[0] <= 0 || size[1] <= 0 {
				if v != "" {
					t.Errorf("view at %v is %q, want empty", size, v)
				}
			} else if got := len(strings.Split(v, "\n")); got != size[1] {
				t.Errorf("view at %v has %d lines", size, got)
			}
			m.SetSize(80, 20)
			if !strings.Contains(m.View(), "A very long title") && !strings.Contains(m.View(), "▌") {
				t.Errorf("pane broken after growing from %v:\n%s", size, m.View())
			}
		})
	}
}
