package model

// SanitizePull returns p with every API string sanitized and made safe to
// measure (DisplaySafe), for drawing. The client sanitizes as it converts;
// the renderers do it again, cheaply (clean strings come back as they are,
// with no allocation), so no path to the screen depends on every caller
// remembering.
func SanitizePull(p PullRequest) PullRequest {
	p.Title = displayLine(p.Title)
	p.User = displayLine(p.User)
	p.Head = displayLine(p.Head)
	p.Base = displayLine(p.Base)
	p.HeadSHA = displayLine(p.HeadSHA)
	p.Body = displayText(p.Body)
	p.HTMLURL = displayLine(p.HTMLURL)
	if len(p.Labels) > 0 {
		labels := make([]Label, len(p.Labels))
		for i, l := range p.Labels {
			labels[i] = Label{Name: displayLine(l.Name), Color: displayLine(l.Color)}
		}
		p.Labels = labels
	}
	return p
}

// SanitizeEvent returns e with every API string sanitized (see SanitizePull).
func SanitizeEvent(e Event) Event {
	e.Event = e.Event.cleaned(displayLine)
	e.Actor = displayLine(e.Actor)
	e.Author = displayLine(e.Author)
	e.Body = displayText(e.Body)
	e.HTMLURL = displayLine(e.HTMLURL)
	e.ReviewState = displayLine(e.ReviewState)
	e.RequestedReviewer = displayLine(e.RequestedReviewer)
	e.Assignee = displayLine(e.Assignee)
	e.LockReason = displayLine(e.LockReason)
	e.Milestone, e.RequestedTeam = displayLine(e.Milestone), displayLine(e.RequestedTeam)
	e.StateReason, e.Dismissed = displayLine(e.StateReason), displayLine(e.Dismissed)
	if e.Project != nil {
		e.Project = &ProjectCard{Column: displayLine(e.Project.Column), PreviousColumn: displayLine(e.Project.PreviousColumn)}
	}
	if e.Commit != nil {
		c := *e.Commit
		c.SHA, c.Repo, c.Message, c.Err = displayLine(c.SHA), displayLine(c.Repo), displayText(c.Message), displayLine(c.Err)
		e.Commit = &c
	}
	if e.Label != nil {
		e.Label = &Label{Name: displayLine(e.Label.Name), Color: displayLine(e.Label.Color)}
	}
	if e.Rename != nil {
		e.Rename = &Rename{From: displayLine(e.Rename.From), To: displayLine(e.Rename.To)}
	}
	if e.Source != nil {
		s := *e.Source
		s.Repo, s.Title, s.State = displayLine(s.Repo), displayLine(s.Title), displayLine(s.State)
		e.Source = &s
	}
	return e
}

func displayLine(s string) string { return DisplaySafe(SanitizeLine(s)) }
func displayText(s string) string { return DisplaySafe(Sanitize(s)) }
