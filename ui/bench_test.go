package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/ui/store"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/prscope/prscope/model"
)

// benchSource answers nothing: benchmarks feed results in as messages, so
// they time Update and View alone.
type benchSource struct{}

var errBench = errors.New("benchmarks make no requests")

func (benchSource) ListPulls(context.Context, model.Repo, string, int, int) ([]model.PullRequest, model.Page, error) {
	return nil, model.Page{}, errBench
}
func (benchSource) GetPull(context.Context, model.Repo, int) (model.PullRequest, error) {
	return model.PullRequest{}, errBench
}
func (benchSource) Timeline(context.Context, model.Repo, int, int, int) ([]model.Event, model.Page, error) {
	return nil, model.Page{}, errBench
}
func (benchSource) CommitMessage(context.Context, string, string) (string, error) {
	return "", errBench
}
func (benchSource) Reviews(context.Context, model.Repo, int, int, int) ([]model.Review, model.Page, error) {
	return nil, model.Page{}, errBench
}
func (benchSource) ReviewComments(context.Context, model.Repo, int, int, int) ([]model.ReviewComment, model.Page, error) {
	return nil, model.Page{}, errBench
}
func (benchSource) CheckRuns(context.Context, model.Repo, string, int, int) ([]model.CheckRun, model.Page, error) {
	return nil, model.Page{}, nil
}
func (benchSource) CombinedStatus(context.Context, model.Repo, string) ([]model.CommitStatus, error) {
	return nil, nil
}
func (benchSource) RateLimit() model.RateLimit {
	return model.RateLimit{Limit: 5000, Remaining: 4000, Known: true}
}
func (benchSource) Authenticated() bool { return true }

func (benchSource) User(context.Context) (string, error) { return "bench", nil }

var benchEpoch = time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)

func benchPulls(n int) []model.PullRequest {
	prs := make([]model.PullRequest, n)
	for i := range prs {
		num := n - i
		prs[i] = model.PullRequest{
			Number: num, Title: fmt.Sprintf("bpf: fix verifier precision tracking for subprog %d", num),
			State: []string{model.StateOpen, model.StateClosed, model.StateMerged}[num%3], Draft: num%7 == 0,
			User: "kernel-patches-bot", Head: fmt.Sprintf("series/%d", num), Base: "bpf-next",
			CreatedAt: benchEpoch.Add(time.Duration(num) * time.Minute), UpdatedAt: benchEpoch.Add(time.Duration(num) * time.Minute),
			Labels: []model.Label{{Name: "bpf"}}, Body: "branch: bpf-next_test\nbase: bpf-next\nversion: edc21dc",
		}
	}
	return prs
}

// benchEvents mixes comments, state events and referencing commits (with
// their messages known), as a long-lived test PR gathers them.
func benchEvents(n int) []model.Event {
	events := make([]model.Event, n)
	for i := range events {
		at := benchEpoch.Add(time.Duration(i) * time.Minute)
		switch i % 4 {
		case 0:
			events[i] = model.Event{ID: fmt.Sprint(i), Event: "commented", Actor: "kernel-patches-bot", CreatedAt: at,
				Body: fmt.Sprintf("branch: bpf-next_test\nbase: bpf-next\nversion: %07x", i)}
		case 1:
			events[i] = model.Event{ID: fmt.Sprint(i), Event: "labeled", Actor: "kernel-patches-bot", CreatedAt: at, Label: &model.Label{Name: "ci"}}
		case 2:
			msg := strings.Repeat(fmt.Sprintf("bpf: patch %d line of the commit message that wraps around\n", i), 12)
			events[i] = model.Event{ID: fmt.Sprint(i), Event: "referenced", Actor: "kernel-patches-daemon-bpf-rc[bot]", CreatedAt: at,
				Commit: &model.CommitRef{SHA: fmt.Sprintf("%040x", i), Repo: "kernel-patches/bpf", Message: msg}}
		case 3:
			events[i] = model.Event{ID: fmt.Sprint(i), Event: "head_ref_force_pushed", Actor: "kernel-patches-bot", CreatedAt: at}
		}
	}
	return events
}

func benchRoot(b *testing.B, prs []model.PullRequest) Model {
	b.Helper()
	var m tea.Model = New(Config{Repo: model.Repo{Owner: "kernel-patches", Name: "bpf"}, Source: benchSource{},
		Now: func() time.Time { return benchEpoch.AddDate(2, 0, 0) }})
	m, _ = m.Update(tea.WindowSizeMsg{Width: 160, Height: 45})
	m, _ = m.Update(store.Reply[[]model.PullRequest]{Envelope: store.Envelope{Key: store.Key{Kind: store.KindList, Page: 1}}, Value: prs})
	return m.(Model)
}

// benchWithTimeline returns a root showing one PR whose timeline holds
// events, the detail pane focused, some items expanded, the cursor mid-way.
func benchWithTimeline(b *testing.B, events []model.Event) Model {
	b.Helper()
	m := tea.Model(benchRoot(b, benchPulls(1)))
	root := m.(Model)
	m, _ = m.Update(settleMsg{seq: root.selSeq})
	root = m.(Model)
	m, _ = m.Update(timelineReply(root, events))
	m, _ = m.Update(keyMsg("tab"))
	for i := 0; i < 40; i++ { // expand every third item on the way down
		m, _ = m.Update(keyMsg("j"))
		if i%3 == 0 {
			m, _ = m.Update(keyMsg("enter"))
		}
	}
	return m.(Model)
}

// pressAlternately times one key at a time through Update plus View,
// alternating keys so the cursor stays where the fixture put it.
func pressAlternately(b *testing.B, m tea.Model, keys ...tea.Msg) {
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m, _ = m.Update(keys[i%len(keys)])
		_ = m.View()
	}
}

func BenchmarkListNavigate(b *testing.B) {
	for _, n := range []int{100, 10000, 100000} {
		b.Run(fmt.Sprintf("prs=%d", n), func(b *testing.B) {
			var m tea.Model = benchRoot(b, benchPulls(n))
			for i := 0; i < 50; i++ { // away from the top, far from the end
				m, _ = m.Update(keyMsg("j"))
			}
			pressAlternately(b, m, keyMsg("j"), keyMsg("k"))
		})
	}
}

func BenchmarkTimelineScroll(b *testing.B) {
	for _, n := range []int{50, 5000, 50000} {
		b.Run(fmt.Sprintf("events=%d", n), func(b *testing.B) {
			var m tea.Model = benchWithTimeline(b, benchEvents(n))
			pressAlternately(b, m, keyMsg("j"), keyMsg("k"))
		})
	}
}

func BenchmarkTimelineExpand(b *testing.B) {
	for _, n := range []int{50000} {
		b.Run(fmt.Sprintf("events=%d", n), func(b *testing.B) {
			var m tea.Model = benchWithTimeline(b, benchEvents(n))
			m, _ = m.Update(keyMsg("j"))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				m, _ = m.Update(keyMsg("enter")) // expand
				m, _ = m.Update(keyMsg("enter")) // collapse
				_ = m.View()
			}
		})
	}
}

func BenchmarkResize(b *testing.B) {
	for _, n := range []int{50000} {
		b.Run(fmt.Sprintf("events=%d", n), func(b *testing.B) {
			var m tea.Model = benchWithTimeline(b, benchEvents(n))
			sizes := []tea.Msg{tea.WindowSizeMsg{Width: 120, Height: 40}, tea.WindowSizeMsg{Width: 160, Height: 45}}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				m, _ = m.Update(sizes[i%2])
				_ = m.View()
			}
		})
	}
}
