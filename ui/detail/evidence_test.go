package detail

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/store"
)

// TestEvidenceLineShowsTheMention: the line that names the PR is windowed
// on the mention at every width, not cut before it; opened, it shows whole.
func TestEvidenceLineShowsTheMention(t *testing.T) {
	msg := "mm: fix a split bug\n\nCPU: 6 PID: 553 Comm: split_bug Not tainted 5.18.0-rc1+ #11 and the rest of the splat"
	for _, w := range []int{50, 70, 90, 120, 160} {
		m, _ := newPane(t, w, 20)
		m.ShowTimeline(testPR(11), []model.Event{referenced(1, msg)}, nil, store.TimelineStatus{})
		var evidence string
		for _, l := range strings.Split(ansi.Strip(m.View()), "\n") {
			if strings.Contains(l, "↳") {
				evidence = l
			}
		}
		if !strings.Contains(evidence, "#11") || (w >= 90 && !strings.Contains(evidence, "rc1+ #11 and")) {
			t.Errorf("width %d: the evidence line does not show the mention: %q", w, evidence)
		}
		m = moveCursorTo(t, m, eventItem(m, 0))
		m = press(m, "enter")
		if v := strings.Join(strings.Fields(ansi.Strip(m.View())), " "); !strings.Contains(v, "CPU: 6 PID: 553") || !strings.Contains(v, "the rest of the splat") {
			t.Errorf("width %d: opened, the evidence line is not whole:\n%s", w, m.View())
		}
	}
}
