package detail

import (
	"maps"

	"github.com/prscope/prscope/model"
)

// SetCIVerdicts gives the folded bot comments the CI verdict of the
// version they announce, by the id of the comment that announced it.
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
