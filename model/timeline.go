package model

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// EventTime is when e happened. GitHub's timeline gives committed events no
// created_at and reviewed events only submitted_at; the API client fills
// CreatedAt from the commit's author date and from submitted_at, so this is
// CreatedAt for every kind. It is the zero time when GitHub gave none.
func EventTime(e Event) time.Time { return e.CreatedAt }

// SortTimeline sorts events chronologically, in place and stably, so events
// with equal times keep GitHub's order. An event without a time is sorted as
// if it had the time of the event before it, so it stays where GitHub put it
// instead of jumping to the top.
func SortTimeline(events []Event) {
	keys := make([]time.Time, len(events))
	var previous time.Time
	sorted := true
	for i, e := range events {
		t := EventTime(e)
		if t.IsZero() {
			t = previous
		}
		keys[i] = t
		if i > 0 && t.Before(previous) {
			sorted = false
		}
		previous = t
	}
	if sorted {
		return // the usual case: GitHub already sends them in order
	}

	order := make([]int, len(events))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return keys[a].Compare(keys[b]) })
	sortedEvents := make([]Event, len(events))
	for i, j := range order {
		sortedEvents[i] = events[j]
	}
	copy(events, sortedEvents)
}

// FirstLine is the first non-blank line of s with surrounding space trimmed:
// a commit's subject, or a comment's preview.
func FirstLine(s string) string {
	for line := range strings.Lines(s) {
		if line = strings.TrimSpace(line); line != "" {
			return line
		}
	}
	return ""
}

// shortSHALen is how much of a SHA git and GitHub show by default.
const shortSHALen = 7

// ShortSHA is the abbreviated form of a commit SHA, as GitHub shows it.
func ShortSHA(sha string) string {
	n := 0
	for i := range sha {
		if n == shortSHALen {
			return sha[:i]
		}
		n++
	}
	return sha
}

// DisplayActor is the name to show for an event's actor: GitHub sends a null
// actor for deleted accounts and shows them as "ghost".
func DisplayActor(login string) string {
	if login = SanitizeLine(login); login == "" {
		return "ghost"
	}
	return login
}

// EventActor is who to name for an event: the actor's login, the git
// author for a commit (which has no login), or "ghost" for a deleted user.
func EventActor(e Event) string {
	if e.Actor == "" && e.Author != "" {
		return SanitizeLine(e.Author)
	}
	return DisplayActor(e.Actor)
}

// fixedSummaries are the events whose summary needs none of their fields.
var fixedSummaries = map[string]string{
	"added_to_merge_queue":            "added this to the merge queue",
	"added_to_project":                "added this to a project",
	"auto_merge_disabled":             "disabled auto-merge",
	"auto_merge_enabled":              "enabled auto-merge",
	"auto_rebase_enabled":             "enabled auto-merge (rebase)",
	"auto_squash_enabled":             "enabled auto-merge (squash)",
	"automatic_base_change_failed":    "automatic base change failed",
	"automatic_base_change_succeeded": "base branch changed automatically",
	"base_ref_changed":                "changed the base branch",
	"base_ref_force_pushed":           "force-pushed the base branch",
	"comment_deleted":                 "deleted a comment",
	"commented":                       "commented",
	"commit-commented":                "commented on a commit",
	"connected":                       "linked an issue",
	"convert_to_draft":                "marked as draft",
	"converted_note_to_issue":         "created this from a project note",
	"converted_to_discussion":         "converted this to a discussion",
	"demilestoned":                    "removed this from a milestone",
	"deployed":                        "deployed this",
	"deployment_environment_changed":  "changed the deployment environment",
	"disconnected":                    "unlinked an issue",
	"head_ref_deleted":                "deleted the head branch",
	"head_ref_force_pushed":           "force-pushed the head branch",
	"head_ref_restored":               "restored the head branch",
	"line-commented":                  "commented on the code",
	"marked_as_duplicate":             "marked this as a duplicate",
	"mentioned":                       "mentioned this",
	"milestoned":                      "added this to a milestone",
	"moved_columns_in_project":        "moved this in a project",
	"pinned":                          "pinned this",
	"ready_for_review":                "marked ready for review",
	"removed_from_merge_queue":        "removed this from the merge queue",
	"removed_from_project":            "removed this from a project",
	"reopened":                        "reopened this",
	"review_dismissed":                "dismissed a review",
	"subscribed":                      "subscribed",
	"transferred":                     "transferred this",
	"unmarked_as_duplicate":           "unmarked this as a duplicate",
	"unlocked":                        "unlocked this",
	"unpinned":                        "unpinned this",
	"unsubscribed":                    "unsubscribed",
	"user_blocked":                    "blocked a user",
}

// EventSummary is one short plain-text line saying what e was, to follow
// the actor's name in the timeline, e.g. "closed this" or
// `added label bug`. Kinds prscope does not know are shown by GitHub's
// name, "event: some_future_event", so nothing is silently hidden.
func EventSummary(e Event) string {
	if s, ok := fixedSummaries[e.Event]; ok {
		return s
	}
	switch e.Event {
	case "assigned", "unassigned":
		return assignmentSummary(e)
	case "closed":
		if sha := commitSHA(e); sha != "" {
			return "closed this in " + sha
		}
		return "closed this"
	case "merged":
		if sha := commitSHA(e); sha != "" {
			return "merged commit " + sha
		}
		return "merged this"
	case "committed":
		if sha := commitSHA(e); sha != "" {
			return "committed " + sha
		}
		return "committed"
	case "referenced":
		if sha := commitSHA(e); sha != "" {
			return "referenced this in commit " + sha
		}
		return "referenced this in a commit"
	case "cross-referenced":
		if e.Source != nil && e.Source.Repo != "" && e.Source.Number > 0 {
			return "cross-referenced from " + SanitizeLine(e.Source.Repo) + "#" + strconv.Itoa(e.Source.Number)
		}
		return "cross-referenced this"
	case "labeled", "unlabeled":
		return labelSummary(e)
	case "locked":
		// REST says "too heated", GraphQL "TOO_HEATED"; show both the same.
		if reason := SanitizeLine(e.LockReason); reason != "" {
			return "locked (" + strings.ToLower(strings.ReplaceAll(reason, "_", " ")) + ")"
		}
		return "locked"
	case "renamed":
		if e.Rename != nil {
			// Plain quotes, not strconv.Quote: titles are for people, and
			// escaping would mangle emoji ZWJ sequences and inner quotes.
			return `renamed "` + SanitizeLine(e.Rename.From) + `" → "` + SanitizeLine(e.Rename.To) + `"`
		}
		return "renamed this"
	case "review_requested":
		if who := SanitizeLine(e.RequestedReviewer); who != "" {
			return "requested review from " + who
		}
		return "requested a review"
	case "review_request_removed":
		if who := SanitizeLine(e.RequestedReviewer); who != "" {
			return "removed review request for " + who
		}
		return "removed a review request"
	case "reviewed":
		return reviewSummary(e.ReviewState)
	}
	if name := SanitizeLine(e.Event); name != "" {
		return "event: " + name
	}
	return "event: unknown"
}

func commitSHA(e Event) string {
	if e.Commit == nil {
		return ""
	}
	return ShortSHA(SanitizeLine(e.Commit.SHA))
}

func assignmentSummary(e Event) string {
	assignee := SanitizeLine(e.Assignee)
	self := assignee != "" && assignee == SanitizeLine(e.Actor)
	switch {
	case e.Event == "assigned" && self:
		return "self-assigned this"
	case e.Event == "assigned" && assignee != "":
		return "assigned " + assignee
	case e.Event == "assigned":
		return "assigned someone"
	case self:
		return "removed their assignment"
	case assignee != "":
		return "unassigned " + assignee
	}
	return "unassigned someone"
}

func labelSummary(e Event) string {
	verb := "added"
	if e.Event == "unlabeled" {
		verb = "removed"
	}
	if e.Label != nil {
		if name := SanitizeLine(e.Label.Name); name != "" {
			return verb + " label " + name
		}
	}
	return verb + " a label"
}

// reviewSummary words a review by its state; GitHub's REST API spells the
// states in lower case and GraphQL in upper, so both are accepted.
func reviewSummary(state string) string {
	switch strings.ToLower(state) {
	case "approved":
		return "approved"
	case "changes_requested":
		return "requested changes"
	case "dismissed":
		return "reviewed (dismissed)"
	}
	return "reviewed"
}
