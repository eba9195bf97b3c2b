package detail

import (
	"strings"
	"testing"

	"github.com/prscope/prscope/ui/store"

	"github.com/prscope/prscope/model"
)

// TestRevisionDiffOnRequest: a patch pushed three times, the third time
// with a reworded message, shows "d: what changed" on that push once its
// group is open, and d shows the changed lines against revision 1.
func TestRevisionDiffOnRequest(t *testing.T) {
	v1 := "bpf: fix the verifier\n\nThe verifier misses a case.\n\nSigned-off-by: A <a@example.com>"
	v2 := "bpf: fix the verifier\n\nThe verifier misses a corner case.\n\nSigned-off-by: A <a@example.com>\nAcked-by: B <b@example.com>"
	m, commits := newPane(t, 100, 40)
	events := []model.Event{referenced(1, ""), referenced(2, ""), referenced(3, "")}
	m.ShowTimeline(testPR(11), events, nil, store.TimelineStatus{})
	for i, msg := range []string{v1, v1, v2} { // messages arrive as commits load
		c := events[i].Commit
		commits[store.CommitKey(c.Repo, c.SHA)] = store.CommitInfo{Message: msg, Loaded: true}
		m.CommitLoaded(store.CommitKey(c.Repo, c.SHA))
	}

	if got := strings.Join(doc(m), "\n"); !strings.Contains(got, "pushed 3×, 2 revisions") {
		t.Fatalf("the pushes are not grouped:\n%s", got)
	}
	m = press(m, "j", "j", "enter") // header, body, group
	got := strings.Join(doc(m), "\n")
	if !strings.Contains(got, "push 3/3, rev 2 (d: what changed)") || strings.Contains(got, "push 2/3, rev 1 (d") {
		t.Fatalf("only the first push of a new revision points at its diff:\n%s", got)
	}
	m = press(m, "d") // on push 1: nothing to diff against
	if got := strings.Join(doc(m), "\n"); strings.Contains(got, "rev 1 → rev 2") {
		t.Fatalf("d on a first revision shows a diff:\n%s", got)
	}
	m = press(m, "j", "j", "d")
	got = strings.Join(doc(m), "\n")
	for _, want := range []string{
		"message: rev 1 → rev 2",
		"- The verifier misses a case.",
		"+ The verifier misses a corner case.",
		"+ Acked-by: B <b@example.com>",
		"⋯ 1 unchanged line", // the subject, beyond one line of context
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the diff lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "  bpf: fix the verifier\n    ") {
		t.Errorf("unchanged lines far from a change are shown:\n%s", got)
	}
	m = press(m, "d")
	if got := strings.Join(doc(m), "\n"); strings.Contains(got, "rev 1 → rev 2") {
		t.Errorf("d again does not hide the diff:\n%s", got)
	}
}

func TestCondenseDiff(t *testing.T) {
	diff := model.MessageDiff("a\nb\nc\nd\ne\nf", "a\nb\nc\nD\ne\nf")
	var got []string
	for _, l := range condenseDiff(diff, 1) {
		got = append(got, string(l.Op)+l.Text)
	}
	want := []string{"~⋯ 2 unchanged lines", " c", "-d", "+D", " e", "~⋯ 1 unchanged line"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("condensed diff = %q, want %q", got, want)
	}
	if c := condenseDiff(model.MessageDiff("same", "same  "), 1); c != nil {
		t.Errorf("a whitespace-only change condenses to %q, want nothing", c)
	}
}

// TestOpeningAGroupAtTheBottomShowsItsFirstPush: enter on a group at the
// bottom of the view scrolls so the first push under it shows.
func TestOpeningAGroupAtTheBottomShowsItsFirstPush(t *testing.T) {
	m, commits := newPane(t, 100, 14)
	events := append(mixedEvents(8), referenced(20, ""), referenced(21, ""))
	m.ShowTimeline(testPR(11), events, nil, store.TimelineStatus{})
	for _, ev := range events[8:] {
		c := ev.Commit
		commits[store.CommitKey(c.Repo, c.SHA)] = store.CommitInfo{Message: "bpf: one patch\\n\\nbody", Loaded: true}
		m.CommitLoaded(store.CommitKey(c.Repo, c.SHA))
	}
	for i := 0; i < 40 && !strings.Contains(m.View(), "▌ ◆ dave pushed 2×"); i++ {
		m = press(m, "j")
	}
	if !strings.Contains(m.View(), "▌ ◆ dave pushed 2×") {
		t.Fatalf("setup: the group is not selected:\n%s", m.View())
	}
	m = press(m, "enter")
	if v := m.View(); !strings.Contains(v, "push 2/2") || !strings.Contains(v, "pushed 2×") {
		t.Errorf("the opened group's second push is not in view:\n%s", v)
	}
}
