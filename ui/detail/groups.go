package detail

import (
	"cmp"
	"fmt"

	"github.com/prscope/prscope/model"
)

// pushInfo places one referencing commit in the patch it carries: the same
// patch pushed again and again (22 times on the demo's #11) reads as one
// entry, "pushed 22×, 3 revisions", until it is opened.
type pushInfo struct {
	group    *model.PatchGroup
	pos      int // 0 for the first push, which stands for the group
	revision int
}

// regroup finds the patches the loaded, known commit messages carry. Only
// referencing commits are grouped, so only they are looked at.
func (m *Model) regroup() {
	m.pushes = map[int]pushInfo{}
	refs, at := m.pushedRefs(m.events)
	groups := model.GroupPatches(refs)
	for g := range groups {
		for pos, k := range groups[g].Events {
			groups[g].Events[pos] = at[k] // from now on, indexes into m.events
		}
	}
	// A bot's unchanged comments fold the same way, under the comment that
	// announced what they repeat.
	bots := model.GroupBotRuns(m.events)
	m.versionHeads = map[int]bool{}
	for _, g := range bots {
		if model.AnnouncesVersion(m.events[g.Events[0]]) {
			m.versionHeads[g.Events[0]] = true
		}
	}
	groups = append(groups, bots...)
	for g := range groups {
		group := &groups[g]
		if len(group.Events) < 2 {
			continue
		}
		for pos, e := range group.Events {
			m.pushes[e] = pushInfo{group: group, pos: pos, revision: group.PushRevisions[pos]}
		}
	}
}

// pushedRefs are the referencing commits of events whose messages are
// known, each with its message filled in; refs[k] is events[at[k]].
func (m Model) pushedRefs(events []model.Event) (refs []model.Event, at []int) {
	for i, ev := range events {
		c := shownCommit(ev)
		if c == nil || !ev.Event.References() {
			continue
		}
		msg := m.messageOf(*c)
		if msg == "" {
			continue
		}
		filled := *c
		filled.Message = msg
		ev.Commit = &filled
		refs = append(refs, ev)
		at = append(at, i)
	}
	return refs, at
}

// foldsPushes reports that events hold a patch pushed more than once
// whose messages are known (cached from an earlier look, say): the
// timeline is laid out whole, grouped.
func (m Model) foldsPushes(events []model.Event) bool {
	refs, _ := m.pushedRefs(events)
	for _, g := range model.GroupPatches(refs) {
		if len(g.Events) > 1 {
			return true
		}
	}
	return false
}

// foldsBotRuns reports that events hold a bot's repeated comments, which
// fold: the timeline is laid out whole, not only appended to.
func foldsBotRuns(events []model.Event) bool {
	for _, g := range model.GroupBotRuns(events) {
		if len(g.Events) > 1 {
			return true
		}
	}
	return false
}

// grouped reports whether grouping changes what shows.
func (m Model) grouped() bool { return len(m.pushes) > 0 }

// hiddenInGroup reports a later push of a group that is closed.
func (m Model) hiddenInGroup(i int) bool {
	p, ok := m.pushes[i]
	return ok && p.pos > 0 && !m.openGroups[p.group.ID]
}

// groupHead reports whether item it stands for a group of pushes.
func (m Model) groupHead(it item) (pushInfo, bool) {
	if it.kind != kindEvent {
		return pushInfo{}, false
	}
	p, ok := m.pushes[it.event]
	return p, ok && p.pos == 0
}

// groupSummary is the line a group shows instead of one push.
func (m Model) groupSummary(p pushInfo) string {
	g := p.group
	span := g.Span()
	if g.Kind == model.GroupOfBotRuns {
		// The verdict before the span: a cut line keeps what matters.
		s := fmt.Sprintf("%d runs at version %s", len(g.Events), g.Subject)
		if v := cmp.Or(m.ciVerdicts[m.events[g.Events[0]].ID], m.ciVerdicts[VersionKey(g.Subject)]); v != "" {
			s += " · " + v
		}
		return s + " · " + span
	}
	revs := ""
	if g.Revisions > 1 {
		revs = fmt.Sprintf(", %d revisions", g.Revisions)
	}
	return fmt.Sprintf("pushed %d×%s, %s", len(g.Events), revs, span)
}

// pushNote says where a push sits in its group when the group is open.
func (m Model) pushNote(i int) string {
	p, ok := m.pushes[i]
	if !ok || !m.openGroups[p.group.ID] {
		return ""
	}
	if p.group.Kind == model.GroupOfBotRuns {
		return fmt.Sprintf("run %d/%d", p.pos+1, len(p.group.Events))
	}
	note := fmt.Sprintf("push %d/%d, rev %d", p.pos+1, len(p.group.Events), p.revision)
	if m.firstOfRevision(i) {
		note += " (" + keyHint(m.KeyMap.RevisionDiff) + ": what changed)"
	}
	return note
}

// joinsGroup reports whether the commit just loaded makes or grows a patch
// group, which changes what shows. Counting pushes is enough: a message
// that arrives either stays alone (no change) or joins a group, adding
// itself to the count, even when it bridges two groups or renumbers
// revisions.
func (m *Model) joinsGroup(key string) bool {
	before := len(m.pushes)
	m.regroup()
	return len(m.pushes) != before
}

// jumpVersion moves the cursor to the next (dir 1) or previous (-1) item
// that announces a version; it stays when there is none that way.
func (m *Model) jumpVersion(dir int) {
	for i := m.cursor + dir; i >= 0 && i < len(m.items); i += dir {
		if it := m.items[i]; it.kind == kindEvent && m.versionHeads[it.event] {
			m.cursor = i
			m.renderItem(i)
			m.ensureVisible()
			return
		}
	}
}
