package detail

import (
	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/store"
)

// SetPullCommits gives the pane what the store knows of the shown PR's own
// commits; the header redraws only when that changed.
func (m *Model) SetPullCommits(s store.PullCommitsStatus) {
	if s.Number == m.pullCommits.Number && s.Version == m.pullCommits.Version {
		return
	}
	m.pullCommits = s
	if m.hasPR && s.Number == m.pr.Number {
		m.redrawHeader(nil)
	}
}

// commitCount is the header's "N commits": the PR's commit list once it
// is in, else GET /pulls/{n}'s count (0 when neither is known).
func (m Model) commitCount() int {
	c := m.pullCommits
	if c.Number != m.pr.Number {
		return m.pr.Commits
	}
	return model.CommitCount(c.Commits, c.Loaded, m.pr.Commits)
}

// pullCommitsNote is the header's word when the commit list failed.
func (m Model) pullCommitsNote() string {
	if c := m.pullCommits; c.Number == m.pr.Number && c.Err != "" && !c.Loaded {
		return "commits: could not list (" + m.common.Retry() + "): " + c.Err
	}
	return ""
}
