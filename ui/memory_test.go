package ui

import (
	"runtime"
	"testing"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/store"

	tea "github.com/charmbracelet/bubbletea"
)

// TestMemoryWithHugeRepoAndTimeline loads 100,000 PRs and a 50,000-event
// timeline into the real root model, then reads the Go runtime's own
// accounting (runtime.ReadMemStats after a GC). Sys is all the memory the
// process took from the OS, which bounds its RSS from above.
func TestMemoryWithHugeRepoAndTimeline(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 150,000 fixtures")
	}
	if raceEnabled {
		t.Skip("the race detector's shadow memory would be measured too")
	}
	prs := benchPulls(100000)
	events := benchEvents(50000)
	var m tea.Model = New(Config{Repo: widgets, Source: benchSource{}})
	m, _ = m.Update(tea.WindowSizeMsg{Width: 160, Height: 45})
	m, _ = m.Update(store.Reply[[]model.PullRequest]{Envelope: store.Envelope{Key: store.Key{Kind: store.KindList, Page: 1}}, Value: prs})
	root := m.(Model)
	m, _ = m.Update(settleMsg{seq: root.selSeq})
	root = m.(Model)
	m, _ = m.Update(timelineReply(root, events))
	m, _ = m.Update(keyMsg("tab"))
	m, _ = m.Update(keyMsg("G"))
	_ = m.View()
	prs, events = nil, nil // only the model holds them now

	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	const mb = 1 << 20
	t.Logf("100,000 PRs + 50,000 events: heap in use %d MB, from the OS %d MB", ms.HeapInuse/mb, ms.Sys/mb)
	if ms.Sys > 200*mb {
		t.Errorf("the process holds %d MB from the OS, want under 200 MB", ms.Sys/mb)
	}
	runtime.KeepAlive(m)
}
