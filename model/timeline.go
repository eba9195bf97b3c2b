package model

import (
	"slices"
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

// EventSummary is one short plain-text line saying what e was, to follow
// the actor's name in the timeline, e.g. "closed this" or
// `added label bug`: its kind's row in the kinds table says it. Kinds
// prscope does not know are shown by GitHub's name, "event: some_future_event",
// so nothing is silently hidden.
func EventSummary(e Event) string {
	if info, ok := kinds[e.Event]; ok {
		s := info.summary
		if info.describe != nil {
			if d := info.describe(e); d != "" {
				s = d
			}
		}
		// Why a state changed, where GitHub says: "closed this (not planned)".
		if r := SanitizeLine(e.StateReason); r != "" && r != "reopened" { // "reopened this (reopened)" says nothing
			s += " (" + strings.ReplaceAll(r, "_", " ") + ")"
		}
		return s
	}
	if name := SanitizeLine(string(e.Event)); name != "" {
		return "event: " + name
	}
	return "event: unknown"
}
