package detail

import (
	"fmt"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/common"
)

// Revision diffs: a re-pushed patch whose message changed (a v2 that
// reworded the commit, added a tag, fixed a typo) shows what changed against
// the revision before it, on request (d), below the push.

const (
	diffContext  = 1  // unchanged lines kept around each change
	maxDiffLines = 60 // lines of diff shown before "… N more"
)

// revisionPair is the message of push i and of the revision before it.
// ok is false when i is not a push of a later revision, or either message
// is not loaded yet.
func (m Model) revisionPair(i int) (prev, cur string, rev int, ok bool) {
	p, inGroup := m.pushes[i]
	if !inGroup || p.revision < 2 {
		return "", "", 0, false
	}
	for pos, e := range p.group.Events {
		if p.group.PushRevisions[pos] != p.revision-1 {
			continue
		}
		if c := shownCommit(m.events[e]); c != nil {
			prev = m.messageOf(*c)
		}
		break
	}
	if c := shownCommit(m.events[i]); c != nil {
		cur = m.messageOf(*c)
	}
	return prev, cur, p.revision, prev != "" && cur != ""
}

// firstOfRevision reports whether push i is the first push of a later
// revision: where a message changed, so where a diff is worth pointing out.
func (m Model) firstOfRevision(i int) bool {
	p, ok := m.pushes[i]
	if !ok || p.revision < 2 {
		return false
	}
	for pos, e := range p.group.Events {
		if p.group.PushRevisions[pos] == p.revision {
			return e == i
		}
	}
	return false
}

// toggleDiff shows or hides the revision diff of the selected push.
func (m *Model) toggleDiff() {
	it := m.items[m.cursor]
	if it.kind != kindEvent {
		return
	}
	if _, _, _, ok := m.revisionPair(it.event); !ok {
		return
	}
	k := m.itemKey(it)
	m.diffShown[k] = !m.diffShown[k]
	m.invalidate(m.cursor)
	m.renderItem(m.cursor)
	m.ensureVisible()
}

// renderRevisionDiff is the diff lines item it shows, if its diff is on.
func (m Model) renderRevisionDiff(it item, w int) []string {
	if it.kind != kindEvent || !m.diffShown[m.itemKey(it)] {
		return nil
	}
	prev, cur, rev, ok := m.revisionPair(it.event)
	if !ok {
		return nil
	}
	s := m.common.Styles
	width := w - len(bodyIndent)
	lines := []string{bodyIndent + s.Muted.Render(common.Truncate(fmt.Sprintf("message: rev %d → rev %d", rev-1, rev), width))}
	diff := model.MessageDiff(prev, cur)
	shown := 0
	for _, l := range condenseDiff(diff, diffContext) {
		if shown == maxDiffLines {
			lines = append(lines, bodyIndent+s.Muted.Render(common.Truncate("… more changes: the diff is cut here", width)))
			break
		}
		shown++
		text := common.Truncate(string(l.Op)+" "+l.Text, width)
		switch l.Op {
		case '+':
			text = s.DiffAdded.Render(text)
		case '-':
			text = s.DiffRemoved.Render(text)
		case '~':
			text = s.Muted.Render(common.Truncate(l.Text, width))
		}
		lines = append(lines, bodyIndent+text)
	}
	if shown == 0 {
		lines = append(lines, bodyIndent+s.Muted.Render(common.Truncate("(only whitespace changed)", width)))
	}
	return lines
}

// condenseDiff keeps the changed lines and ctx unchanged lines around each
// change; each run of unchanged lines left out becomes one '~' line saying
// how many. A diff with no change condenses to nothing.
func condenseDiff(diff []model.DiffLine, ctx int) []model.DiffLine {
	keep := make([]bool, len(diff))
	changed := false
	for i, l := range diff {
		if l.Op == ' ' {
			continue
		}
		changed = true
		for j := max(i-ctx, 0); j <= min(i+ctx, len(diff)-1); j++ {
			keep[j] = true
		}
	}
	if !changed {
		return nil
	}
	var out []model.DiffLine
	for i := 0; i < len(diff); {
		if keep[i] {
			out = append(out, diff[i])
			i++
			continue
		}
		j := i
		for j < len(diff) && !keep[j] {
			j++
		}
		out = append(out, model.DiffLine{Op: '~', Text: fmt.Sprintf("⋯ %d unchanged line%s", j-i, plural(j-i))})
		i = j
	}
	return out
}
