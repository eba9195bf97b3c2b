package ui

import (
	"runtime"
	"runtime/debug"
	"testing"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/store"

	tea "github.com/charmbracelet/bubbletea"
)

// TestMemoryWithHugeRepoAndTimeline loads 100,000 PRs and a 50,000-event
// timeline into the real root model, then reads the Go runtime's own
// accounting (runtime.ReadMemStats after a GC that returns what it can to
// the OS). Sys less HeapReleased is the memory the process holds from the
// OS, which bounds its RSS from above.
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

	// What the process holds is what it took from the OS less what it gave
	// back: Sys alone keeps the peak of the loading, which the GC's pace
	// on a busy machine (other test binaries running) moves by 40 MB.
	debug.FreeOSMemory()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	const mb = 1 << 20
	held := ms.Sys - ms.HeapReleased
	t.Logf("100,000 PRs + 50,000 events: heap in use %d MB, held from the OS %d MB (taken %d MB at the peak)", ms.HeapInuse/mb, held/mb, ms.Sys/mb)
	if held > 200*mb {
		t.Errorf("the process holds %d MB from the OS, want under 200 MB", held/mb)
	}
	runtime.KeepAlive(m)
}
