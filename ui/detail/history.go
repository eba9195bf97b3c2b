package detail

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
