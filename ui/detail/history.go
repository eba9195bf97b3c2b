package detail

import (
	"maps"

	"github.com/prscope/prscope/model"
)

// SetCIVerdicts gives the folded bot comments the CI verdict of the
// version they announce, by the id of the comment that announced it, or
// by VersionKey of an upstream version: a bot that says its version before
// it pushes it announces each in the last comment of the fold before.
func (m *Model) SetCIVerdicts(v map[string]string) {
	if maps.Equal(v, m.ciVerdicts) {
		return
	}
	m.ciVerdicts = v
	for i, it := range m.items {
		if p, ok := m.groupHead(it); ok && p.group.Kind == model.GroupOfBotRuns {
			m.invalidate(i)
		}
	}
	m.ensureRendered()
}

// SetCIHeadline gives the header the PR's CI history in one line ("" for
// none); the header redraws only when it changed.
func (m *Model) SetCIHeadline(s string) {
	if s == m.ciHeadline {
		return
	}
	m.ciHeadline = s
	if m.hasPR {
		m.redrawHeader(nil)
	}
}

// VersionKey is the key SetCIVerdicts also takes an upstream version's
// verdict by: its label, as a fold of bot runs names it.
func VersionKey(label string) string { return "version " + label }
