package fake

import (
	"slices"
	"strconv"

	"github.com/prscope/prscope/model"
)

// ghPull is one element of GET /repos/{o}/{r}/pulls.
type ghPull struct {
	URL                string      `json:"url"`
	ID                 int64       `json:"id"`
	NodeID             string      `json:"node_id"`
	HTMLURL            string      `json:"html_url"`
	DiffURL            string      `json:"diff_url"`
	PatchURL           string      `json:"patch_url"`
	IssueURL           string      `json:"issue_url"`
	CommitsURL         string      `json:"commits_url"`
	ReviewCommentsURL  string      `json:"review_comments_url"`
	ReviewCommentURL   string      `json:"review_comment_url"`
	CommentsURL        string      `json:"comments_url"`
	StatusesURL        string      `json:"statuses_url"`
	Number             int         `json:"number"`
	State              string      `json:"state"`
	Locked             bool        `json:"locked"`
	Title              string      `json:"title"`
	User               *ghUser     `json:"user"`
	Body               *string     `json:"body"`
	Labels             []ghLabel   `json:"labels"`
	Milestone          *struct{}   `json:"milestone"`
	ActiveLockReason   *string     `json:"active_lock_reason"`
	CreatedAt          string      `json:"created_at"`
	UpdatedAt          string      `json:"updated_at"`
	ClosedAt           *string     `json:"closed_at"`
	MergedAt           *string     `json:"merged_at"`
	MergeCommitSHA     *string     `json:"merge_commit_sha"`
	Assignee           *ghUser     `json:"assignee"`
	Assignees          []*ghUser   `json:"assignees"`
	RequestedReviewers []*ghUser   `json:"requested_reviewers"`
	RequestedTeams     []struct{}  `json:"requested_teams"`
	Head               ghBranch    `json:"head"`
	Base               ghBranch    `json:"base"`
	Links              ghPullLinks `json:"_links"`
	AuthorAssociation  string      `json:"author_association"`
	AutoMerge          *struct{}   `json:"auto_merge"`
	Draft              bool        `json:"draft"`
}

// ghPullDetail is GET /repos/{o}/{r}/pulls/{n}: the list shape plus counts
// and merge state.
type ghPullDetail struct {
	ghPull
	Merged              bool    `json:"merged"`
	Mergeable           *bool   `json:"mergeable"`
	Rebaseable          *bool   `json:"rebaseable"`
	MergeableState      string  `json:"mergeable_state"`
	MergedBy            *ghUser `json:"merged_by"`
	Comments            int     `json:"comments"`
	ReviewComments      int     `json:"review_comments"`
	MaintainerCanModify bool    `json:"maintainer_can_modify"`
	Commits             int     `json:"commits"`
	Additions           int     `json:"additions"`
	Deletions           int     `json:"deletions"`
	ChangedFiles        int     `json:"changed_files"`
}

type ghBranch struct {
	Label string  `json:"label"`
	Ref   string  `json:"ref"`
	SHA   string  `json:"sha"`
	User  *ghUser `json:"user"`
	Repo  ghRepo  `json:"repo"`
}

type ghHref struct {
	Href string `json:"href"`
}

type ghPullLinks struct {
	Self           ghHref `json:"self"`
	HTML           ghHref `json:"html"`
	Issue          ghHref `json:"issue"`
	Comments       ghHref `json:"comments"`
	ReviewComments ghHref `json:"review_comments"`
	ReviewComment  ghHref `json:"review_comment"`
	Commits        ghHref `json:"commits"`
	Statuses       ghHref `json:"statuses"`
}

func (s *FakeServer) renderPull(ri *repoIndex, pi *pullIndex) ghPull {
	p := pi.pull
	num := strconv.Itoa(p.Number)
	api := s.URL + "repos/" + ri.fullName + "/"
	id := stableID("pull", ri.fullName, p.Number)
	headSHA := pi.headSHA(ri)
	repo := s.repoObject(ri.fullName)
	gp := ghPull{
		URL:                api + "pulls/" + num,
		ID:                 id,
		NodeID:             nodeID("PR", id),
		HTMLURL:            githubWeb + ri.fullName + "/pull/" + num,
		DiffURL:            githubWeb + ri.fullName + "/pull/" + num + ".diff",
		PatchURL:           githubWeb + ri.fullName + "/pull/" + num + ".patch",
		IssueURL:           api + "issues/" + num,
		CommitsURL:         api + "pulls/" + num + "/commits",
		ReviewCommentsURL:  api + "pulls/" + num + "/comments",
		ReviewCommentURL:   api + "pulls/comments{/number}",
		CommentsURL:        api + "issues/" + num + "/comments",
		StatusesURL:        api + "statuses/" + headSHA,
		Number:             p.Number,
		State:              p.State,
		Title:              p.Title,
		User:               s.user(p.User),
		Body:               stringPtr(p.Body),
		Labels:             []ghLabel{},
		CreatedAt:          isoTime(p.CreatedAt),
		UpdatedAt:          isoTime(p.UpdatedAt),
		ClosedAt:           isoTimePtr(p.ClosedAt),
		MergedAt:           isoTimePtr(p.MergedAt),
		Assignees:          []*ghUser{},
		RequestedReviewers: pi.pendingReviewers(s),
		RequestedTeams:     []struct{}{},
		// Head branches live in the base repository, as kernel-patches' do.
		Head:              ghBranch{Label: repo.Owner.Login + ":" + p.Head, Ref: p.Head, SHA: headSHA, User: repo.Owner, Repo: repo},
		Base:              ghBranch{Label: repo.Owner.Login + ":" + p.Base, Ref: p.Base, SHA: fakeSHA("base", ri.fullName, p.Base, num), User: repo.Owner, Repo: repo},
		AuthorAssociation: "CONTRIBUTOR",
		Draft:             p.Draft,
	}
	if p.MergedAt != nil {
		gp.MergeCommitSHA = stringPtr(fakeSHA("merge", ri.fullName, num))
	}
	if p.User == "" {
		gp.AuthorAssociation = "NONE"
	}
	for _, l := range p.Labels {
		gp.Labels = append(gp.Labels, s.label(ri, l))
	}
	gp.Links = ghPullLinks{
		Self:           ghHref{gp.URL},
		HTML:           ghHref{gp.HTMLURL},
		Issue:          ghHref{gp.IssueURL},
		Comments:       ghHref{gp.CommentsURL},
		ReviewComments: ghHref{gp.ReviewCommentsURL},
		ReviewComment:  ghHref{gp.ReviewCommentURL},
		Commits:        ghHref{gp.CommitsURL},
		Statuses:       ghHref{gp.StatusesURL},
	}
	return gp
}

func (s *FakeServer) renderPullDetail(ri *repoIndex, pi *pullIndex) ghPullDetail {
	p := pi.pull
	d := ghPullDetail{
		ghPull:              s.renderPull(ri, pi),
		Merged:              p.MergedAt != nil,
		Comments:            len(pi.comments),
		MaintainerCanModify: false,
		Commits:             p.Commits,
		MergeableState:      "unknown",
	}
	if d.Commits == 0 {
		d.Commits = pi.count(model.KindCommitted)
	}
	// Size figures are made up but fixed per PR, so the header has something to show.
	size := stableID("size", ri.fullName, p.Number)
	d.Additions, d.Deletions, d.ChangedFiles = int(size%900)+1, int(size/900%300), int(size/270000%20)+1
	if p.State == "open" {
		yes := true
		d.Mergeable, d.Rebaseable, d.MergeableState = &yes, &yes, "clean"
		if p.Draft {
			d.MergeableState = "draft"
		}
	}
	if d.Merged {
		d.MergedBy = s.user(pi.lastActor(model.KindMerged, p.User))
	}
	return d
}

// headSHA is the PR's last commit (see FakePull.HeadSHAIn).
func (pi *pullIndex) headSHA(ri *repoIndex) string { return pi.pull.HeadSHAIn(ri.fullName) }

func (pi *pullIndex) count(event model.EventKind) int {
	n := 0
	for _, e := range pi.timeline {
		if e.ev.Event == event {
			n++
		}
	}
	return n
}

// lastActor is who did event most recently, or fallback.
func (pi *pullIndex) lastActor(event model.EventKind, fallback string) string {
	for _, e := range slices.Backward(pi.timeline) {
		if e.ev.Event == event {
			return e.ev.Actor
		}
	}
	return fallback
}

// pendingReviewers are the reviewers requested on an open PR who have not
// reviewed since.
func (pi *pullIndex) pendingReviewers(s *FakeServer) []*ghUser {
	out := []*ghUser{}
	if pi.pull.State != "open" {
		return out
	}
	pending := map[string]bool{}
	var order []string
	for _, e := range pi.timeline {
		switch e.ev.Event {
		case model.KindReviewRequested:
			if e.ev.Reviewer != "" && !pending[e.ev.Reviewer] {
				pending[e.ev.Reviewer] = true
				order = append(order, e.ev.Reviewer)
			}
		case model.KindReviewed:
			pending[e.ev.Actor] = false
		}
	}
	for _, login := range order {
		if pending[login] {
			out = append(out, s.user(login))
		}
	}
	return out
}
