package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/ui/store"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/detail"
)

// benchMarkdown is a PR description of about 2 KB with what they hold:
// headings, emphasis, links, lists, a code block, a table, a quote.
var benchMarkdown = strings.Repeat(`## Motivation

The verifier loses **precision** when a subprogram spills a scalar, see
[the report](https://lore.kernel.org/bpf/) and `+"`check_stack_write()`"+`.

- track the spilled register's *bounds*
- keep them across calls

`+"```c\nif (reg->type == SCALAR_VALUE)\n\tmark_chain_precision(env, regno);\n```"+`

| test | before | after |
|---|---|---|
| pyperf600 | 1.2 M | 0.4 M |

> Acked-by: someone
`, 5)

func BenchmarkMarkdownRender(b *testing.B) {
	for _, style := range []detail.MarkdownStyle{detail.MarkdownDark, detail.MarkdownPlain} {
		b.Run(fmt.Sprintf("style=%s/bytes=%d", style, len(benchMarkdown)), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := detail.RenderMarkdown(benchMarkdown, 90, style, termenv.TrueColor); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// runRenders runs the markdown renderings among what cmd starts and feeds
// their answers back, until none is asked for; other commands are dropped.
func runRenders(m tea.Model, cmd tea.Cmd) tea.Model {
	pending := []tea.Cmd{cmd}
	for len(pending) > 0 {
		c := pending[0]
		pending = pending[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case tea.BatchMsg:
			pending = append(pending, msg...)
		case markdownMsg:
			var next tea.Cmd
			m, next = m.Update(msg)
			pending = append(pending, next)
		}
	}
	return m
}

// BenchmarkTimelineScrollMarkdown is BenchmarkTimelineScroll over comments
// rendered in the dark style on a colour terminal: the heaviest lines
// View copies.
func BenchmarkTimelineScrollMarkdown(b *testing.B) {
	lipgloss.SetColorProfile(termenv.TrueColor)
	defer lipgloss.SetColorProfile(termenv.Ascii)
	for _, n := range []int{5000} {
		b.Run(fmt.Sprintf("events=%d", n), func(b *testing.B) {
			events := benchEvents(n)
			for i := range events {
				if events[i].Event == "commented" {
					events[i].Body = fmt.Sprintf("Run %d: **2 failures**, see [logs](https://ci.example/%d).\n\n- `test_verifier`\n- `test_progs`", i, i)
				}
			}
			var m tea.Model = New(Config{Repo: model.Repo{Owner: "kernel-patches", Name: "bpf"}, Source: benchSource{},
				MarkdownStyle: detail.MarkdownDark, Now: func() time.Time { return benchEpoch.AddDate(2, 0, 0) }})
			m, _ = m.Update(tea.WindowSizeMsg{Width: 160, Height: 45})
			m, _ = m.Update(store.Reply[[]model.PullRequest]{Envelope: store.Envelope{Key: store.Key{Kind: store.KindList, Page: 1}}, Value: benchPulls(1)})
			root := m.(Model)
			m, _ = m.Update(settleMsg{seq: root.selSeq})
			root = m.(Model)
			m, _ = m.Update(timelineReply(root, events))
			m, _ = m.Update(keyMsg("tab"))
			for i := 0; i < 40; i++ {
				var cmd tea.Cmd
				m, cmd = m.Update(keyMsg("j"))
				m = runRenders(m, cmd)
			}
			var cmd tea.Cmd
			m, cmd = m.Update(keyMsg("k"))
			m = runRenders(m, cmd)
			if !strings.Contains(m.View(), "•") {
				b.Fatal("no comment in view is rendered")
			}
			pressAlternately(b, m, keyMsg("j"), keyMsg("k"))
		})
	}
}
