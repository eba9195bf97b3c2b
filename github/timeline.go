package github

import (
	"strconv"
	"strings"

	"github.com/prscope/prscope/model"
)

// timelineEvent is the union of the timeline event shapes GitHub sends,
// limited to the fields prscope shows. Decoding into it (rather than
// go-github's Timeline) keeps memory small and gives us html_url,
// lock_reason and cross-reference sources.
type timelineEvent struct {
	ID          int64     `json:"id"`
	NodeID      string    `json:"node_id"`
	Event       string    `json:"event"`
	Actor       *userRef  `json:"actor"`
	User        *userRef  `json:"user"`
	CreatedAt   looseTime `json:"created_at"`
	SubmittedAt looseTime `json:"submitted_at"`
	Body        string    `json:"body"`
	State       string    `json:"state"`
	HTMLURL     string    `json:"html_url"`
	CommitID    string    `json:"commit_id"`
	CommitURL   string    `json:"commit_url"`
	LockReason  string    `json:"lock_reason"`

	// line-commented and commit-commented events group review comments.
	Comments []struct {
		User      *userRef  `json:"user"`
		CreatedAt looseTime `json:"created_at"`
		Body      string    `json:"body"`
		Path      string    `json:"path"`
		Line      *int      `json:"line"`
		Original  *int      `json:"original_line"`
		Position  *int      `json:"position"`
	} `json:"comments"`

	Milestone *struct {
		Title string `json:"title"`
	} `json:"milestone"`
	RequestedTeam *struct {
		Name string `json:"name"`
		Slug string `json:"slug"`
	} `json:"requested_team"`
	StateReason     string `json:"state_reason"`
	DismissedReview *struct {
		State   string `json:"state"`
		Message string `json:"dismissal_message"`
	} `json:"dismissed_review"`
	ProjectCard *struct {
		Column         string `json:"column_name"`
		PreviousColumn string `json:"previous_column_name"`
	} `json:"project_card"`

	// committed events are shaped like a git commit.
	SHA     string     `json:"sha"`
	Message string     `json:"message"`
	Author  *gitPerson `json:"author"`

	Label             *model.Label  `json:"label"`
	Rename            *model.Rename `json:"rename"`
	RequestedReviewer *userRef      `json:"requested_reviewer"`
	Assignee          *userRef      `json:"assignee"`
	Source            *struct {
		Issue *struct {
			Number        int    `json:"number"`
			Title         string `json:"title"`
			State         string `json:"state"`
			RepositoryURL string `json:"repository_url"`
			PullRequest   *struct {
				URL      string    `json:"url"`
				MergedAt looseTime `json:"merged_at"`
			} `json:"pull_request"`
		} `json:"issue"`
	} `json:"source"`
}

type userRef struct {
	Login string `json:"login"`
}

type gitPerson struct {
	Name string    `json:"name"`
	Date looseTime `json:"date"`
}

func (u *userRef) login() string {
	if u == nil {
		return ""
	}
	return model.SanitizeLine(u.Login)
}

// convert turns a decoded event into the model's form. page and index make
// an identity for events GitHub gives none (committed events have only a SHA).
func (t *timelineEvent) convert(repo model.Repo, page, index int) model.Event {
	kind := model.EventKind(t.Event) // as sent: the shape is chosen by GitHub's name
	e := model.Event{
		Event:      kind.Sanitized(),
		Actor:      t.Actor.login(),
		HTMLURL:    model.SanitizeLine(t.HTMLURL),
		LockReason: model.SanitizeLine(t.LockReason),
		Label:      sanitizeLabel(t.Label),
		Assignee:   t.Assignee.login(),
	}
	switch {
	case t.NodeID != "":
		e.ID = t.NodeID
	case t.ID != 0:
		e.ID = strconv.FormatInt(t.ID, 10)
	case t.SHA != "":
		e.ID = t.Event + ":" + t.SHA
	default:
		e.ID = model.PositionalEventID(t.Event, page, index)
	}
	e.CreatedAt = t.CreatedAt.value()
	if t.Rename != nil {
		e.Rename = &model.Rename{From: model.SanitizeLine(t.Rename.From), To: model.SanitizeLine(t.Rename.To)}
	}
	if t.RequestedReviewer != nil {
		e.RequestedReviewer = t.RequestedReviewer.login()
	}
	t.convertDetails(&e)
	switch kind.Shape() {
	case model.ShapeComment:
		e.Body = model.Sanitize(t.Body)
		if e.Actor == "" {
			e.Actor = t.User.login()
		}
	case model.ShapeReview:
		// Reviews have no created_at and no actor; GitHub gives the reviewer
		// as user and the time as submitted_at.
		e.Body = model.Sanitize(t.Body)
		e.ReviewState = model.SanitizeLine(t.State)
		e.ReviewID = t.ID // what its review comments name
		e.Actor = t.User.login()
		if t.SubmittedAt.ptr() != nil {
			e.CreatedAt = t.SubmittedAt.value()
		}
	case model.ShapeCommit:
		// A committed event is a git commit: its time is the author date.
		e.Commit = &model.CommitRef{SHA: model.SanitizeLine(t.SHA), Repo: repo.String(), Message: model.Sanitize(t.Message)}
		// It has a git author, not an actor login: actor stays null.
		if t.Author != nil {
			e.Author = model.SanitizeLine(t.Author.Name)
			e.CreatedAt = t.Author.Date.value()
		}
	case model.ShapeCommentGroup:
		// Review comments come grouped: who and when are on the comments.
		if len(t.Comments) > 0 {
			first := t.Comments[0]
			e.Actor = first.User.login()
			if first.CreatedAt.ptr() != nil {
				e.CreatedAt = first.CreatedAt.value()
			}
			bodies := make([]string, 0, len(t.Comments))
			for _, c := range t.Comments {
				// Each comment under where it was made: path:line.
				if at := codePlace(c.Path, c.Line, c.Original, c.Position); at != "" {
					bodies = append(bodies, at+"\n"+c.Body)
				} else {
					bodies = append(bodies, c.Body)
				}
			}
			e.Body = model.Sanitize(strings.Join(bodies, "\n\n"))
		}
	}
	// A review's commit_id is only the head it was made on, not a commit that
	// references the PR: giving it a Commit would hide the review's body in
	// the detail pane and make dump fetch (and maybe 404 on) that commit.
	if t.CommitID != "" && e.Commit == nil && kind.Shape() != model.ShapeReview {
		e.Commit = &model.CommitRef{SHA: model.SanitizeLine(t.CommitID), Repo: commitRepo(t.CommitURL, repo), URL: t.CommitURL}
	}
	if s := t.Source; s != nil && s.Issue != nil {
		e.Source = &model.SourceRef{
			Repo:   repoFromAPIURL(s.Issue.RepositoryURL),
			Number: s.Issue.Number,
			Title:  model.SanitizeLine(s.Issue.Title),
			IsPull: s.Issue.PullRequest != nil,
			State:  model.SanitizeLine(s.Issue.State),
		}
		// GitHub says "closed" for a merged PR too; merged_at tells.
		if pr := s.Issue.PullRequest; pr != nil && !pr.MergedAt.value().IsZero() {
			e.Source.State = model.StateMerged
		}
	}
	return e
}

// convertDetails fills what only some kinds carry: a milestone, a team
// asked to review, why the state changed, a dismissed review, a project
// card.
func (t *timelineEvent) convertDetails(e *model.Event) {
	if t.Milestone != nil {
		e.Milestone = model.SanitizeLine(t.Milestone.Title)
	}
	if rt := t.RequestedTeam; rt != nil {
		e.RequestedTeam = model.SanitizeLine(rt.Name)
		if e.RequestedTeam == "" {
			e.RequestedTeam = model.SanitizeLine(rt.Slug)
		}
	}
	e.StateReason = model.SanitizeLine(t.StateReason)
	if d := t.DismissedReview; d != nil {
		e.Dismissed = model.SanitizeLine(d.State)
		e.Body = model.Sanitize(d.Message)
	}
	if c := t.ProjectCard; c != nil {
		e.Project = &model.ProjectCard{Column: model.SanitizeLine(c.Column), PreviousColumn: model.SanitizeLine(c.PreviousColumn)}
	}
}

// codePlace is where a review or commit comment was made, "path:line":
// the line when GitHub still knows it, else the original line, else the
// diff position; "" without a path.
func codePlace(path string, lines ...*int) string {
	if path == "" {
		return ""
	}
	for _, l := range lines {
		if l != nil && *l > 0 {
			return path + ":" + strconv.Itoa(*l)
		}
	}
	return path
}

func sanitizeLabel(l *model.Label) *model.Label {
	if l == nil {
		return nil
	}
	return &model.Label{Name: model.SanitizeLine(l.Name), Color: model.SanitizeLine(l.Color)}
}

// commitRepo takes "owner/name" from a commit_url such as
// https://api.github.com/repos/OWNER/NAME/commits/SHA; the commit may live
// in a fork, so the PR's own repository is only the fallback.
func commitRepo(commitURL string, fallback model.Repo) string {
	_, rest, ok := strings.Cut(commitURL, "/repos/")
	if !ok {
		return fallback.String()
	}
	parts := strings.SplitN(rest, "/", 4)
	if len(parts) < 3 || parts[0] == "" || parts[1] == "" || parts[2] != "commits" {
		return fallback.String()
	}
	return model.SanitizeLine(parts[0] + "/" + parts[1])
}

// repoFromAPIURL takes "owner/name" from https://api.github.com/repos/OWNER/NAME.
func repoFromAPIURL(u string) string {
	_, rest, ok := strings.Cut(u, "/repos/")
	if !ok {
		return ""
	}
	parts := strings.SplitN(rest, "/", 3)
	if len(parts) < 2 {
		return ""
	}
	return model.SanitizeLine(parts[0] + "/" + parts[1])
}
