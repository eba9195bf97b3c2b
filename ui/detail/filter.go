package detail

import (
	"strconv"
	"strings"

	"github.com/prscope/prscope/ui/store"

	"github.com/prscope/prscope/model"
)

// Filter is which kind of event the timeline shows.
type Filter int

const (
	FilterAll Filter = iota
	FilterComments
	FilterCommits
	FilterStateEvents
	filterCount
)

func (f Filter) String() string {
	return [...]string{"all events", "comments", "commits", "state events"}[f]
}

func (m Model) filtering() bool { return m.filter != FilterAll || m.hideAccidental }

// shows reports whether event i passes the filters.
func (m Model) shows(i int) bool {
	return !m.hiddenInGroup(i) && m.filterShows(i)
}

// filterShows reports that the filter lets event i show, folded into its
// patch group or not (a search finds a push the group hides).
func (m Model) filterShows(i int) bool {
	ev := m.events[i]
	commit := shownCommit(ev)
	switch m.filter {
	case FilterComments:
		if !isComment(ev.Event) {
			return false
		}
	case FilterCommits:
		if commit == nil {
			return false
		}
	case FilterStateEvents:
		if isComment(ev.Event) || commit != nil {
			return false
		}
	}
	if m.hideAccidental && ev.Event.References() && commit != nil {
		if ref, ok := m.referenceOf(*commit); ok && ref.Kind.LikelyAccidental() {
			return false
		}
	}
	return true
}

// isComment says whether the comments filter shows an event of kind k:
// comments and reviews, as the kinds table classes them.
func isComment(k model.EventKind) bool {
	c := k.Class()
	return c == model.ClassComment || c == model.ClassReview
}

// filterNote says what the filters hide, for the header; "" when none.
func (m Model) filterNote() string {
	var parts []string
	if m.filter != FilterAll {
		parts = append(parts, "showing "+m.filter.String()+" ("+keyHint(m.KeyMap.Filter)+")")
	}
	if m.hideAccidental {
		hidden := 0
		for _, ev := range m.events {
			if c := shownCommit(ev); c != nil && ev.Event.References() {
				if ref, ok := m.referenceOf(*c); ok && ref.Kind.LikelyAccidental() {
					hidden++
				}
			}
		}
		parts = append(parts, "likely-accidental references hidden: "+strconv.Itoa(hidden)+" ("+keyHint(m.KeyMap.Accidental)+")")
	}
	return strings.Join(parts, " · ")
}

// accidental reports whether the commit with this key references the PR
// only by accident, as far as its message says.
func (m Model) accidental(key string) bool {
	for _, ev := range m.events {
		if c := shownCommit(ev); c != nil && ev.Event.References() && store.CommitKey(c.Repo, c.SHA) == key {
			ref, ok := m.referenceOf(*c)
			return ok && ref.Kind.LikelyAccidental()
		}
	}
	return false
}
