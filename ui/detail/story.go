package detail

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/prscope/prscope/ui/store"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/common"
)

// SetRepo tells the pane which repository its PRs are in, to find the
// references to them in commit messages.
func (m *Model) SetRepo(repo model.Repo) { m.repo = repo }

// messageOf is a commit's message as far as it is known: carried by the
// event (committed) or fetched (referenced). "" while unknown.
func (m Model) messageOf(c model.CommitRef) string {
	msg := c.Message
	if msg == "" {
		msg = m.commits[store.CommitKey(c.Repo, c.SHA)].Message
	}
	return model.DisplaySafe(model.Sanitize(msg))
}

// referenceOf is why commit c references the PR shown: the most telling
// occurrence of the PR's number in its message.
// Classifications are kept per commit (commits never change), so filters
// and renders do not scan messages again.
func (m Model) referenceOf(c model.CommitRef) (model.Reference, bool) {
	if !m.hasPR {
		return model.Reference{}, false
	}
	key := refKey{commit: c.SHA, repo: c.Repo, pr: m.pr.Number}
	if r, ok := m.refs[key]; ok {
		return r.ref, r.ok
	}
	msg := m.messageOf(c)
	if msg == "" {
		return model.Reference{}, false // not known yet: nothing to keep
	}
	ref, ok := model.PrimaryReference(model.FindReferences(msg, m.repo, m.pr.Number))
	m.refs[key] = cachedRef{ref, ok}
	return ref, ok
}

type refKey struct {
	commit, repo string
	pr           int
}

type cachedRef struct {
	ref model.Reference
	ok  bool
}

// renderReference is the line a referencing commit mentions the PR on,
// with the mention highlighted and its kind tagged; kinds that are almost
// always accidental (a stack frame, a patch number) say so.
func (m Model) renderReference(c model.CommitRef, w int, expanded bool) []string {
	ref, ok := m.referenceOf(c)
	if !ok {
		return nil
	}
	s := m.common.Styles
	tag := string(ref.Kind)
	tagStyle := s.Label
	if ref.Kind.LikelyAccidental() {
		tag += " · likely accidental"
		tagStyle = s.Muted
	}
	lead := "↳ " + tag + ": "
	line := strings.TrimSpace(ref.Line)
	start := strings.Index(line, ref.Text())
	if expanded {
		// Opened: the whole line, wrapped, the mention marked where it is.
		var out []string
		for _, l := range wrap(lead+line, w-len(bodyIndent)) {
			out = append(out, bodyIndent+strings.Replace(l, ref.Text(), s.Title.Render(ref.Text()), 1))
		}
		return out
	}
	// Folded: the line is windowed on the mention, at any width, so the
	// reason it is a reference is never what the cut drops.
	end := start + len(ref.Text())
	text := line
	if start >= 0 {
		text, start, end = model.WindowAround(line, start, end, w-len(bodyIndent)-ansi.StringWidth(lead))
		text = text[:start] + s.Title.Render(text[start:end]) + text[end:]
	}
	return []string{bodyIndent + common.Truncate("↳ "+tagStyle.Render(tag)+": "+text, w-len(bodyIndent))}
}

// kvNote reads a bot comment of key: value lines as a step in a version
// history: what changed since the previous such comment.
func (m Model) kvNote(index int) string {
	kv, ok := model.ParseKV(model.Sanitize(m.events[index].Body))
	if !ok {
		return ""
	}
	for i := index - 1; i >= 0 && i >= index-200; i-- {
		if m.gapBetween(i, index) {
			return "" // the previous run may be in pages not loaded
		}
		prev := m.events[i]
		if prev.Event != model.KindCommented || prev.Actor != m.events[index].Actor {
			continue
		}
		before, ok := model.ParseKV(model.Sanitize(prev.Body))
		if !ok {
			continue
		}
		changes := model.DiffKV(before, kv)
		if len(changes) == 0 {
			return "= no change since the previous run"
		}
		parts := make([]string, 0, len(changes))
		for _, c := range changes {
			switch {
			case c.From == "":
				parts = append(parts, c.Key+" added: "+c.To)
			case c.To == "":
				parts = append(parts, c.Key+" removed")
			default:
				parts = append(parts, c.Key+" "+c.From+" → "+c.To)
			}
		}
		return "Δ " + strings.Join(parts, ", ")
	}
	return ""
}

// gapBetween reports a gap of unloaded pages between events i and j (i < j).
func (m Model) gapBetween(i, j int) bool {
	for _, g := range m.gaps {
		if g.At > i && g.At <= j {
			return true
		}
	}
	return false
}
