package model

import (
	"strconv"
	"strings"
)

// The describe functions of the kinds table: each words an event from its
// fields, or returns "" when they say nothing, for the row's summary.

// withSHA names the event's commit after prefix: "closed this in 1a2b3c4".
func withSHA(prefix string) func(Event) string {
	return func(e Event) string {
		if e.Commit == nil {
			return ""
		}
		if sha := ShortSHA(SanitizeLine(e.Commit.SHA)); sha != "" {
			return prefix + sha
		}
		return ""
	}
}

// withLabel names the event's label after prefix: "added label bug".
func withLabel(prefix string) func(Event) string {
	return func(e Event) string {
		if e.Label == nil {
			return ""
		}
		if name := SanitizeLine(e.Label.Name); name != "" {
			return prefix + name
		}
		return ""
	}
}

// withReviewer names the requested reviewer, or team, after prefix.
func withReviewer(prefix string) func(Event) string {
	return func(e Event) string {
		if who := SanitizeLine(e.RequestedReviewer); who != "" {
			return prefix + who
		}
		if team := SanitizeLine(e.RequestedTeam); team != "" {
			return prefix + "team " + team
		}
		return ""
	}
}

// withMilestone names the milestone after prefix.
func withMilestone(prefix string) func(Event) string {
	return func(e Event) string {
		if title := SanitizeLine(e.Milestone); title != "" {
			return prefix + title
		}
		return ""
	}
}

// dismissal says which review was dismissed: "dismissed a review (changes
// requested)"; the message is the body.
func dismissal(e Event) string {
	if state := SanitizeLine(e.Dismissed); state != "" {
		return "dismissed a review (" + strings.ToLower(strings.ReplaceAll(state, "_", " ")) + ")"
	}
	return ""
}

// projectCard says where in a project the card went: "moved this in a
// project from To do to Done", "added this to a project (To do)".
func projectCard(what string) func(Event) string {
	return func(e Event) string {
		c := e.Project
		if c == nil || SanitizeLine(c.Column) == "" {
			return ""
		}
		if from := SanitizeLine(c.PreviousColumn); from != "" {
			return what + " from " + from + " to " + SanitizeLine(c.Column)
		}
		return what + " (" + SanitizeLine(c.Column) + ")"
	}
}

// assignment says self when the actor (un)assigned themself, else names
// the assignee after prefix.
func assignment(self, prefix string) func(Event) string {
	return func(e Event) string {
		assignee := SanitizeLine(e.Assignee)
		switch {
		case assignee == "":
			return ""
		case assignee == SanitizeLine(e.Actor):
			return self
		}
		return prefix + assignee
	}
}

func crossReference(e Event) string {
	if e.Source != nil && e.Source.Repo != "" && e.Source.Number > 0 {
		return "cross-referenced from " + SanitizeLine(e.Source.Repo) + "#" + strconv.Itoa(e.Source.Number)
	}
	return ""
}

func lockSummary(e Event) string {
	// REST says "too heated", GraphQL "TOO_HEATED"; show both the same.
	if reason := SanitizeLine(e.LockReason); reason != "" {
		return "locked (" + strings.ToLower(strings.ReplaceAll(reason, "_", " ")) + ")"
	}
	return ""
}

func renameSummary(e Event) string {
	if e.Rename == nil {
		return ""
	}
	// Plain quotes, not strconv.Quote: titles are for people, and escaping
	// would mangle emoji ZWJ sequences and inner quotes.
	return `renamed "` + SanitizeLine(e.Rename.From) + `" → "` + SanitizeLine(e.Rename.To) + `"`
}

// reviewSummary words a review by its state; GitHub's REST API spells the
// states in lower case and GraphQL in upper, so both are accepted.
func reviewSummary(e Event) string {
	switch strings.ToLower(e.ReviewState) {
	case "approved":
		return "approved"
	case "changes_requested":
		return "requested changes"
	case "dismissed":
		return "reviewed (dismissed)"
	}
	return "reviewed"
}
