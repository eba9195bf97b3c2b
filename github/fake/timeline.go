package fake

import (
	"strconv"
	"strings"
	"time"

	"github.com/prscope/prscope/model"
)

// Timeline event shapes, as GET /repos/{o}/{r}/issues/{n}/timeline sends
// them: comments, reviews and commits are their own objects with an "event"
// field added; everything else is an issue event.

type ghReactions struct {
	URL        string `json:"url"`
	TotalCount int    `json:"total_count"`
	PlusOne    int    `json:"+1"`
	MinusOne   int    `json:"-1"`
	Laugh      int    `json:"laugh"`
	Hooray     int    `json:"hooray"`
	Confused   int    `json:"confused"`
	Heart      int    `json:"heart"`
	Rocket     int    `json:"rocket"`
	Eyes       int    `json:"eyes"`
}

// ghComment is an issue comment, as GET .../issues/{n}/comments lists them.
type ghComment struct {
	URL                   string      `json:"url"`
	HTMLURL               string      `json:"html_url"`
	IssueURL              string      `json:"issue_url"`
	ID                    int64       `json:"id"`
	NodeID                string      `json:"node_id"`
	User                  *ghUser     `json:"user"`
	CreatedAt             string      `json:"created_at"`
	UpdatedAt             string      `json:"updated_at"`
	AuthorAssociation     string      `json:"author_association"`
	Body                  string      `json:"body"`
	Reactions             ghReactions `json:"reactions"`
	PerformedViaGithubApp *struct{}   `json:"performed_via_github_app"`
}

type ghTimelineComment struct {
	ghComment
	Event string  `json:"event"`
	Actor *ghUser `json:"actor"`
}

type ghTimelineReview struct {
	ID                int64         `json:"id"`
	NodeID            string        `json:"node_id"`
	User              *ghUser       `json:"user"`
	Body              string        `json:"body"`
	CommitID          string        `json:"commit_id"`
	SubmittedAt       string        `json:"submitted_at"`
	State             string        `json:"state"`
	HTMLURL           string        `json:"html_url"`
	PullRequestURL    string        `json:"pull_request_url"`
	AuthorAssociation string        `json:"author_association"`
	Links             ghReviewLinks `json:"_links"`
	Event             string        `json:"event"`
}

type ghReviewLinks struct {
	HTML        ghHref `json:"html"`
	PullRequest ghHref `json:"pull_request"`
}

// ghTimelineCommit carries an id beyond GitHub's committed events so that
// every timeline entry has one.
type ghTimelineCommit struct {
	ID int64 `json:"id"`
	ghGitCommit
	Event string `json:"event"`
}

// ghIssueEvent covers labeled, renamed, closed, referenced and the rest.
type ghIssueEvent struct {
	ID                    int64          `json:"id"`
	NodeID                string         `json:"node_id"`
	URL                   string         `json:"url"`
	Actor                 *ghUser        `json:"actor"`
	Event                 string         `json:"event"`
	CommitID              *string        `json:"commit_id"`
	CommitURL             *string        `json:"commit_url"`
	CreatedAt             string         `json:"created_at"`
	Label                 *ghEventLabel  `json:"label,omitempty"`
	Rename                *ghRename      `json:"rename,omitempty"`
	ReviewRequester       *ghUser        `json:"review_requester,omitempty"`
	RequestedReviewer     *ghUser        `json:"requested_reviewer,omitempty"`
	Source                *ghEventSource `json:"source,omitempty"`
	UpdatedAt             string         `json:"updated_at,omitempty"`
	PerformedViaGithubApp *struct{}      `json:"performed_via_github_app"`
}

type ghEventLabel struct {
	Name  string `json:"name"`
	Color string `json:"color"`
}

type ghRename struct {
	From string `json:"from"`
	To   string `json:"to"`
}

type ghEventSource struct {
	Type  string        `json:"type"`
	Issue ghSourceIssue `json:"issue"`
}

// ghSourceIssue is the referencing issue or PR, slimmed to what identifies it.
type ghSourceIssue struct {
	URL           string         `json:"url"`
	RepositoryURL string         `json:"repository_url"`
	HTMLURL       string         `json:"html_url"`
	ID            int64          `json:"id"`
	NodeID        string         `json:"node_id"`
	Number        int            `json:"number"`
	Title         string         `json:"title"`
	User          *ghUser        `json:"user"`
	State         string         `json:"state"`
	PullRequest   *ghIssuePRRefs `json:"pull_request,omitempty"`
	Repository    ghRepo         `json:"repository"`
}

type ghIssuePRRefs struct {
	URL      string  `json:"url"`
	HTMLURL  string  `json:"html_url"`
	DiffURL  string  `json:"diff_url"`
	PatchURL string  `json:"patch_url"`
	MergedAt *string `json:"merged_at"`
}

// eventNodePrefixes imitate GitHub's node id prefixes per event kind.
var eventNodePrefixes = map[model.EventKind]string{
	model.KindLabeled: "LE", model.KindUnlabeled: "UNLE", model.KindRenamed: "RTE", model.KindClosed: "CE",
	model.KindReopened: "REE", model.KindMerged: "ME", model.KindReferenced: "REFE", model.KindReviewRequested: "RRE",
	model.KindHeadRefForcePushed: "HRFPE", model.KindHeadRefDeleted: "HRDE", model.KindCrossReferenced: "CRE",
}

// eventID is the stable id of the event at pos in a PR's Dataset timeline.
func eventID(ri *repoIndex, pi *pullIndex, pos int) int64 {
	return stableID("event", strings.ToLower(ri.fullName), pi.pull.Number, pos)
}

func (s *FakeServer) renderComment(ri *repoIndex, pi *pullIndex, e indexedEvent) ghComment {
	id := eventID(ri, pi, e.pos)
	api := s.URL + "repos/" + ri.fullName + "/issues/"
	num := strconv.Itoa(pi.pull.Number)
	return ghComment{
		URL:               api + "comments/" + strconv.FormatInt(id, 10),
		HTMLURL:           githubWeb + ri.fullName + "/pull/" + num + "#issuecomment-" + strconv.FormatInt(id, 10),
		IssueURL:          api + num,
		ID:                id,
		NodeID:            nodeID("IC", id),
		User:              s.user(e.ev.Actor),
		CreatedAt:         isoTime(e.ev.CreatedAt),
		UpdatedAt:         isoTime(e.ev.CreatedAt),
		AuthorAssociation: association(e.ev.Actor, pi.pull.User),
		Body:              e.ev.Body,
		Reactions:         ghReactions{URL: api + "comments/" + strconv.FormatInt(id, 10) + "/reactions"},
	}
}

func (s *FakeServer) renderTimelineEvent(ri *repoIndex, pi *pullIndex, e indexedEvent) any {
	ev := e.ev
	switch ev.Event {
	case model.KindCommented:
		return ghTimelineComment{ghComment: s.renderComment(ri, pi, e), Event: string(ev.Event), Actor: s.user(ev.Actor)}
	case model.KindReviewed:
		return s.renderReview(ri, pi, e)
	case model.KindCommitted:
		return s.renderCommitted(ri, pi, e)
	}
	id := eventID(ri, pi, e.pos)
	prefix := eventNodePrefixes[ev.Event]
	if prefix == "" {
		prefix = "E"
	}
	out := ghIssueEvent{
		ID:        id,
		NodeID:    nodeID(prefix, id),
		URL:       s.URL + "repos/" + ri.fullName + "/issues/events/" + strconv.FormatInt(id, 10),
		Actor:     s.user(ev.Actor),
		Event:     string(ev.Event),
		CreatedAt: isoTime(ev.CreatedAt),
	}
	if ev.SHA != "" {
		repo := ev.CommitRepo
		if repo == "" {
			repo = ri.fullName
		}
		commitURL := s.URL + "repos/" + repo + "/commits/" + ev.SHA
		out.CommitID, out.CommitURL = &ev.SHA, &commitURL
	}
	switch ev.Event {
	case model.KindLabeled, model.KindUnlabeled:
		out.Label = &ghEventLabel{Name: ev.Label, Color: labelColor(ev.Label)}
	case model.KindRenamed:
		out.Rename = &ghRename{From: ev.RenameFrom, To: ev.RenameTo}
	case model.KindReviewRequested, model.KindReviewRequestRemoved:
		out.ReviewRequester, out.RequestedReviewer = s.user(ev.Actor), s.user(ev.Reviewer)
	case model.KindCrossReferenced:
		if ev.Source != nil {
			src := s.renderSource(ev.Source, ev.CreatedAt)
			out.Source, out.UpdatedAt = &src, out.CreatedAt
		}
	}
	return out
}

func (s *FakeServer) renderReview(ri *repoIndex, pi *pullIndex, e indexedEvent) ghTimelineReview {
	id := eventID(ri, pi, e.pos)
	state := strings.ToLower(e.ev.State)
	if state == "" {
		state = "commented"
	}
	html := githubWeb + ri.fullName + "/pull/" + strconv.Itoa(pi.pull.Number) + "#pullrequestreview-" + strconv.FormatInt(id, 10)
	pullURL := s.URL + "repos/" + ri.fullName + "/pulls/" + strconv.Itoa(pi.pull.Number)
	return ghTimelineReview{
		ID:                id,
		NodeID:            nodeID("PRR", id),
		User:              s.user(e.ev.Actor),
		Body:              e.ev.Body,
		CommitID:          pi.headSHA(ri),
		SubmittedAt:       isoTime(e.ev.CreatedAt),
		State:             state,
		HTMLURL:           html,
		PullRequestURL:    pullURL,
		AuthorAssociation: association(e.ev.Actor, pi.pull.User),
		Links:             ghReviewLinks{HTML: ghHref{html}, PullRequest: ghHref{pullURL}},
		Event:             string(e.ev.Event),
	}
}

// renderCommitted serves a commit of the PR: the Dataset's commit when it has
// one under that SHA, else what the event itself says.
func (s *FakeServer) renderCommitted(ri *repoIndex, pi *pullIndex, e indexedEvent) ghTimelineCommit {
	ev := e.ev
	sha := ev.SHA
	if sha == "" {
		sha = fakeSHA("committed", ri.fullName, strconv.Itoa(pi.pull.Number), strconv.Itoa(e.pos))
	}
	author := ghGitActor{Name: ev.Actor, Email: noreplyEmail(ev.Actor), Date: isoTime(ev.CreatedAt)}
	message := ev.Message
	var parents []string
	if c := ri.data.Commits[sha]; c != nil {
		author.Email, parents = c.AuthorEmail, c.Parents
		if message == "" {
			message = c.Message
		}
	}
	return ghTimelineCommit{
		ID:          eventID(ri, pi, e.pos),
		ghGitCommit: s.gitCommit(ri.fullName, sha, message, author, parents),
		Event:       string(ev.Event),
	}
}

// renderSource serves src as the timeline does; a source the Dataset does
// not hold is served in src.State, a merged one as merged at (before) at.
func (s *FakeServer) renderSource(src *FakeSource, at time.Time) ghEventSource {
	num := strconv.Itoa(src.Number)
	id := stableID("issue", strings.ToLower(src.Repo), src.Number)
	issue := ghSourceIssue{
		URL:           s.URL + "repos/" + src.Repo + "/issues/" + num,
		RepositoryURL: s.URL + "repos/" + src.Repo,
		HTMLURL:       githubWeb + src.Repo + "/issues/" + num,
		ID:            id,
		NodeID:        nodeID("I", id),
		Number:        src.Number,
		Title:         src.Title,
		State:         "open",
		Repository:    s.repoObject(src.Repo),
	}
	var mergedAt *string
	switch src.State {
	case "closed":
		issue.State = "closed"
	case "merged":
		issue.State, mergedAt = "closed", isoTimePtr(&at)
	}
	owner, name, _ := strings.Cut(src.Repo, "/")
	ri := s.index.repo(owner, name)
	var pull *FakePull
	if ri != nil && ri.pulls[src.Number] != nil {
		pull = ri.pulls[src.Number].pull
		issue.Title, issue.State, issue.User = pull.Title, pull.State, s.user(pull.User)
	}
	if src.IsPull || pull != nil {
		issue.HTMLURL = githubWeb + src.Repo + "/pull/" + num
		issue.NodeID = nodeID("PR", id)
		refs := &ghIssuePRRefs{
			URL:      s.URL + "repos/" + src.Repo + "/pulls/" + num,
			HTMLURL:  issue.HTMLURL,
			DiffURL:  issue.HTMLURL + ".diff",
			PatchURL: issue.HTMLURL + ".patch",
		}
		refs.MergedAt = mergedAt
		if pull != nil {
			refs.MergedAt = isoTimePtr(pull.MergedAt)
		}
		issue.PullRequest = refs
	}
	return ghEventSource{Type: "issue", Issue: issue}
}

// association is GitHub's author_association, roughly: the PR author is
// its contributor, everyone else a member of the project.
func association(actor, prAuthor string) string {
	switch {
	case actor == "":
		return "NONE"
	case actor == prAuthor:
		return "CONTRIBUTOR"
	default:
		return "MEMBER"
	}
}

func noreplyEmail(name string) string {
	if name == "" {
		return "ghost@users.noreply.github.com"
	}
	return strings.ReplaceAll(strings.ToLower(name), " ", ".") + "@users.noreply.github.com"
}
