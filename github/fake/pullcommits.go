package fake

import (
	"net/http"

	"github.com/prscope/prscope/model"
)

// listPullCommits serves GET .../pulls/{n}/commits: the PR's "committed"
// timeline events, oldest first, paged like every list. They are the
// commits GET /pulls/{n} counts.
func (s *FakeServer) listPullCommits(r *http.Request, ri *repoIndex, pi *pullIndex) reply {
	var committed []indexedEvent
	for _, e := range pi.timeline {
		if e.ev.Event == model.KindCommitted {
			committed = append(committed, e)
		}
	}
	return listPage(s, r, committed, func(e indexedEvent) any { return s.renderPullCommit(ri, pi, e) })
}

func (s *FakeServer) renderPullCommit(ri *repoIndex, pi *pullIndex, e indexedEvent) ghListedCommit {
	return s.listedCommit(ri.fullName, s.renderCommitted(ri, pi, e).ghGitCommit, s.user(e.ev.Actor))
}
