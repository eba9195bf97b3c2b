package fake

import (
	"net/http"

	"github.com/prscope/prscope/model"
)

// ghPullCommit is one entry of GET .../pulls/{n}/commits (GitHub's
// "list commits on a pull request": a commit without stats or files).
type ghPullCommit struct {
	URL         string          `json:"url"`
	SHA         string          `json:"sha"`
	NodeID      string          `json:"node_id"`
	HTMLURL     string          `json:"html_url"`
	CommentsURL string          `json:"comments_url"`
	Commit      ghRepoCommitGit `json:"commit"`
	Author      *ghUser         `json:"author"`
	Committer   *ghUser         `json:"committer"`
	Parents     []ghParent      `json:"parents"`
}

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

func (s *FakeServer) renderPullCommit(ri *repoIndex, pi *pullIndex, e indexedEvent) ghPullCommit {
	git := s.renderCommitted(ri, pi, e).ghGitCommit
	api := s.URL + "repos/" + ri.fullName + "/commits/"
	parents := make([]ghParent, len(git.Parents))
	for i, p := range git.Parents {
		parents[i] = ghParent{SHA: p.SHA, URL: api + p.SHA} // the list's parents have no html_url
	}
	return ghPullCommit{
		URL:         api + git.SHA,
		SHA:         git.SHA,
		NodeID:      git.NodeID,
		HTMLURL:     git.HTMLURL,
		CommentsURL: api + git.SHA + "/comments",
		Commit: ghRepoCommitGit{
			URL:          git.URL,
			Author:       git.Author,
			Committer:    git.Committer,
			Message:      git.Message,
			Tree:         git.Tree,
			Verification: git.Verification,
		},
		Author:    s.user(e.ev.Actor),
		Committer: s.user(e.ev.Actor),
		Parents:   parents,
	}
}
