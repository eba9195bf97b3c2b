package model

// SanitizePull returns p with every API string sanitized. The client does
// this as it converts; the renderers do it again, cheaply (clean strings
// come back as they are, with no allocation), so no path to the screen
// depends on every caller remembering.
func SanitizePull(p PullRequest) PullRequest {
	p.Title = SanitizeLine(p.Title)
	p.User = SanitizeLine(p.User)
	p.Head = SanitizeLine(p.Head)
	p.Base = SanitizeLine(p.Base)
	p.HeadSHA = SanitizeLine(p.HeadSHA)
	p.Body = Sanitize(p.Body)
	p.HTMLURL = SanitizeLine(p.HTMLURL)
	if len(p.Labels) > 0 {
		labels := make([]Label, len(p.Labels))
		for i, l := range p.Labels {
			labels[i] = Label{Name: SanitizeLine(l.Name), Color: SanitizeLine(l.Color)}
		}
		p.Labels = labels
	}
	return p
}

// SanitizeEvent returns e with every API string sanitized (see SanitizePull).
func SanitizeEvent(e Event) Event {
	e.Event = SanitizeLine(e.Event)
	e.Actor = SanitizeLine(e.Actor)
	e.Author = SanitizeLine(e.Author)
	e.Body = Sanitize(e.Body)
	e.HTMLURL = SanitizeLine(e.HTMLURL)
	e.ReviewState = SanitizeLine(e.ReviewState)
	e.RequestedReviewer = SanitizeLine(e.RequestedReviewer)
	e.Assignee = SanitizeLine(e.Assignee)
	e.LockReason = SanitizeLine(e.LockReason)
	if e.Commit != nil {
		c := *e.Commit
		c.SHA, c.Repo, c.Message, c.Err = SanitizeLine(c.SHA), SanitizeLine(c.Repo), Sanitize(c.Message), SanitizeLine(c.Err)
		e.Commit = &c
	}
	if e.Label != nil {
		e.Label = &Label{Name: SanitizeLine(e.Label.Name), Color: SanitizeLine(e.Label.Color)}
	}
	if e.Rename != nil {
		e.Rename = &Rename{From: SanitizeLine(e.Rename.From), To: SanitizeLine(e.Rename.To)}
	}
	if e.Source != nil {
		s := *e.Source
		s.Repo, s.Title, s.State = SanitizeLine(s.Repo), SanitizeLine(s.Title), SanitizeLine(s.State)
		e.Source = &s
	}
	return e
}
