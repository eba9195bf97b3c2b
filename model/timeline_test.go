package model

import (
	"slices"
	"testing"
	"time"
)

func TestEventTime(t *testing.T) {
	at := time.Date(2023, 8, 3, 14, 5, 0, 0, time.UTC)
	for _, kind := range []EventKind{"commented", "committed", "reviewed", "closed"} {
		if got := EventTime(Event{Event: kind, CreatedAt: at}); !got.Equal(at) {
			t.Errorf("EventTime(%s) = %v, want %v", kind, got, at)
		}
	}
	if got := EventTime(Event{Event: "committed"}); !got.IsZero() {
		t.Errorf("EventTime without a time = %v, want zero", got)
	}
}

func TestSortTimeline(t *testing.T) {
	base := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	at := func(minutes int) time.Time { return base.Add(time.Duration(minutes) * time.Minute) }
	var zero time.Time
	type item struct {
		id string
		t  time.Time
	}
	tests := []struct {
		name string
		in   []item
		want []string
	}{
		{"empty", nil, nil},
		{"single", []item{{"a", at(1)}}, []string{"a"}},
		{"already sorted", []item{{"a", at(1)}, {"b", at(2)}, {"c", at(3)}}, []string{"a", "b", "c"}},
		{"reversed", []item{{"c", at(3)}, {"b", at(2)}, {"a", at(1)}}, []string{"a", "b", "c"}},
		{"equal times keep order", []item{{"b", at(2)}, {"a1", at(1)}, {"a2", at(1)}, {"a3", at(1)}}, []string{"a1", "a2", "a3", "b"}},
		{"zero follows its predecessor", []item{{"late", at(3)}, {"z", zero}, {"early", at(1)}}, []string{"early", "late", "z"}},
		{"run of zeros follows predecessor", []item{{"b", at(2)}, {"z1", zero}, {"z2", zero}, {"a", at(1)}, {"c", at(3)}}, []string{"a", "b", "z1", "z2", "c"}},
		{"leading zero stays first", []item{{"z", zero}, {"b", at(2)}, {"a", at(1)}}, []string{"z", "a", "b"}},
		{"all zero unchanged", []item{{"x", zero}, {"y", zero}, {"z", zero}}, []string{"x", "y", "z"}},
		{"zero among sorted unchanged", []item{{"a", at(1)}, {"z", zero}, {"b", at(2)}}, []string{"a", "z", "b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			events := make([]Event, len(tt.in))
			for i, it := range tt.in {
				events[i] = Event{ID: it.id, CreatedAt: it.t}
			}
			SortTimeline(events)
			var got []string
			for _, e := range events {
				got = append(got, e.ID)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("order = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSortTimelineKeepsWholeEvents(t *testing.T) {
	events := []Event{
		{ID: "2", Event: "commented", Body: "second", CreatedAt: time.Unix(200, 0)},
		{ID: "1", Event: "committed", Commit: &CommitRef{SHA: "abc"}, CreatedAt: time.Unix(100, 0)},
	}
	SortTimeline(events)
	if events[0].Commit == nil || events[0].Commit.SHA != "abc" || events[1].Body != "second" {
		t.Errorf("events were not moved whole: %+v", events)
	}
}

func TestFirstLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"subject", "subject"},
		{"subject\n\nbody text", "subject"},
		{"  padded subject  \nmore", "padded subject"},
		{"\n\n  \nfirst real line\nsecond", "first real line"},
		{"only\n", "only"},
		{"   \n \n", ""},
		{"日本語のタイトル\n本文", "日本語のタイトル"},
	}
	for _, tt := range tests {
		if got := FirstLine(tt.in); got != tt.want {
			t.Errorf("FirstLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestShortSHA(t *testing.T) {
	tests := []struct{ in, want string }{
		{"0123456789abcdef0123456789abcdef01234567", "0123456"},
		{"0123456", "0123456"},
		{"abc", "abc"},
		{"", ""},
		{"ééééééééé", "ééééééé"}, // cut on runes, never mid-rune
	}
	for _, tt := range tests {
		if got := ShortSHA(tt.in); got != tt.want {
			t.Errorf("ShortSHA(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDisplayActor(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "ghost"},
		{"alice", "alice"},
		{"dependabot[bot]", "dependabot[bot]"},
		{"\x1b[2J", "ghost"},
		{"bob\u202e", "bob"},
	}
	for _, tt := range tests {
		if got := DisplayActor(tt.in); got != tt.want {
			t.Errorf("DisplayActor(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEventSummary(t *testing.T) {
	const sha = "abc1234def5678abc1234def5678abc1234def56"
	tests := []struct {
		e    Event
		want string
	}{
		{Event{Event: "added_to_project"}, "added this to a project"},
		{Event{Event: "assigned", Actor: "bob", Assignee: "alice"}, "assigned alice"},
		{Event{Event: "assigned", Actor: "alice", Assignee: "alice"}, "self-assigned this"},
		{Event{Event: "assigned"}, "assigned someone"},
		{Event{Event: "unassigned", Actor: "bob", Assignee: "alice"}, "unassigned alice"},
		{Event{Event: "unassigned", Actor: "alice", Assignee: "alice"}, "removed their assignment"},
		{Event{Event: "unassigned"}, "unassigned someone"},
		{Event{Event: "automatic_base_change_failed"}, "automatic base change failed"},
		{Event{Event: "automatic_base_change_succeeded"}, "base branch changed automatically"},
		{Event{Event: "base_ref_changed"}, "changed the base branch"},
		{Event{Event: "closed"}, "closed this"},
		{Event{Event: "closed", Commit: &CommitRef{SHA: sha}}, "closed this in abc1234"},
		{Event{Event: "commented", Body: "hi"}, "commented"},
		{Event{Event: "committed", Commit: &CommitRef{SHA: sha, Message: "Fix"}}, "committed abc1234"},
		{Event{Event: "committed"}, "committed"},
		{Event{Event: "connected"}, "linked an issue"},
		{Event{Event: "convert_to_draft"}, "marked as draft"},
		{Event{Event: "converted_note_to_issue"}, "created this from a project note"},
		{Event{Event: "converted_to_discussion"}, "converted this to a discussion"},
		{Event{Event: "cross-referenced", Source: &SourceRef{Repo: "owner/repo", Number: 12}}, "cross-referenced from owner/repo#12"},
		{Event{Event: "cross-referenced"}, "cross-referenced this"},
		{Event{Event: "demilestoned"}, "removed this from a milestone"},
		{Event{Event: "deployed"}, "deployed this"},
		{Event{Event: "deployment_environment_changed"}, "changed the deployment environment"},
		{Event{Event: "disconnected"}, "unlinked an issue"},
		{Event{Event: "head_ref_deleted"}, "deleted the head branch"},
		{Event{Event: "head_ref_restored"}, "restored the head branch"},
		{Event{Event: "head_ref_force_pushed"}, "force-pushed the head branch"},
		{Event{Event: "labeled", Label: &Label{Name: "bug", Color: "d73a4a"}}, "added label bug"},
		{Event{Event: "labeled"}, "added a label"},
		{Event{Event: "unlabeled", Label: &Label{Name: "bug"}}, "removed label bug"},
		{Event{Event: "unlabeled", Label: &Label{}}, "removed a label"},
		{Event{Event: "locked", LockReason: "too heated"}, "locked (too heated)"},
		{Event{Event: "locked", LockReason: "off-topic"}, "locked (off-topic)"},
		{Event{Event: "locked", LockReason: "TOO_HEATED"}, "locked (too heated)"},
		{Event{Event: "locked"}, "locked"},
		{Event{Event: "mentioned"}, "mentioned this"},
		{Event{Event: "marked_as_duplicate"}, "marked this as a duplicate"},
		{Event{Event: "merged", Commit: &CommitRef{SHA: sha}}, "merged commit abc1234"},
		{Event{Event: "merged"}, "merged this"},
		{Event{Event: "milestoned"}, "added this to a milestone"},
		{Event{Event: "moved_columns_in_project"}, "moved this in a project"},
		{Event{Event: "pinned"}, "pinned this"},
		{Event{Event: "ready_for_review"}, "marked ready for review"},
		{Event{Event: "referenced", Commit: &CommitRef{SHA: sha, Repo: "fork/repo"}}, "referenced this in commit abc1234"},
		{Event{Event: "referenced"}, "referenced this in a commit"},
		{Event{Event: "removed_from_project"}, "removed this from a project"},
		{Event{Event: "renamed", Rename: &Rename{From: "a", To: "b"}}, `renamed "a" → "b"`},
		{Event{Event: "renamed", Rename: &Rename{From: `say "hi"`, To: "👩‍👩‍👧"}}, `renamed "say "hi"" → "👩‍👩‍👧"`},
		{Event{Event: "renamed"}, "renamed this"},
		{Event{Event: "reopened"}, "reopened this"},
		{Event{Event: "review_dismissed"}, "dismissed a review"},
		{Event{Event: "review_requested", RequestedReviewer: "alice"}, "requested review from alice"},
		{Event{Event: "review_requested"}, "requested a review"},
		{Event{Event: "review_request_removed", RequestedReviewer: "alice"}, "removed review request for alice"},
		{Event{Event: "review_request_removed"}, "removed a review request"},
		{Event{Event: "reviewed", ReviewState: "approved"}, "approved"},
		{Event{Event: "reviewed", ReviewState: "APPROVED"}, "approved"},
		{Event{Event: "reviewed", ReviewState: "changes_requested"}, "requested changes"},
		{Event{Event: "reviewed", ReviewState: "commented"}, "reviewed"},
		{Event{Event: "reviewed", ReviewState: "dismissed"}, "reviewed (dismissed)"},
		{Event{Event: "reviewed"}, "reviewed"},
		{Event{Event: "subscribed"}, "subscribed"},
		{Event{Event: "transferred"}, "transferred this"},
		{Event{Event: "unlocked"}, "unlocked this"},
		{Event{Event: "unmarked_as_duplicate"}, "unmarked this as a duplicate"},
		{Event{Event: "unpinned"}, "unpinned this"},
		{Event{Event: "unsubscribed"}, "unsubscribed"},
		{Event{Event: "user_blocked"}, "blocked a user"},
		{Event{Event: "auto_merge_enabled"}, "enabled auto-merge"},
		{Event{Event: "some_future_event"}, "event: some_future_event"},
		{Event{}, "event: unknown"},

		// Fields are sanitized even though callers should have done it.
		{Event{Event: "labeled", Label: &Label{Name: "\x1b[31mbug\x1b[0m\n"}}, "added label bug"},
		{Event{Event: "renamed", Rename: &Rename{From: "a\nb", To: "c\u202ed"}}, `renamed "a b" → "cd"`},
		{Event{Event: "review_requested", RequestedReviewer: "\x1b]2;x\x07eve"}, "requested review from eve"},
		{Event{Event: "merged", Commit: &CommitRef{SHA: "\x1b[2Jabc1234567"}}, "merged commit abc1234"},
		{Event{Event: "cross-referenced", Source: &SourceRef{Repo: "o/r\x1b[H", Number: 3}}, "cross-referenced from o/r#3"},
		{Event{Event: "evil\x1b[2J\nname"}, "event: evil name"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			got := EventSummary(tt.e)
			if got != tt.want {
				t.Errorf("EventSummary(%+v) = %q, want %q", tt.e, got, tt.want)
			}
			assertSafe(t, got)
		})
	}
}

// Every event name GitHub documents must get a real summary, not the
// fallback for unknown kinds.
func TestEventSummaryKnowsGitHubEvents(t *testing.T) {
	for _, kind := range []EventKind{
		"added_to_project", "assigned", "automatic_base_change_failed",
		"automatic_base_change_succeeded", "base_ref_changed", "closed",
		"commented", "committed", "connected", "convert_to_draft",
		"converted_note_to_issue", "converted_to_discussion", "cross-referenced",
		"demilestoned", "deployed", "deployment_environment_changed",
		"disconnected", "head_ref_deleted", "head_ref_restored",
		"head_ref_force_pushed", "labeled", "locked", "mentioned",
		"marked_as_duplicate", "merged", "milestoned", "moved_columns_in_project",
		"pinned", "ready_for_review", "referenced", "removed_from_project",
		"renamed", "reopened", "review_dismissed", "review_requested",
		"review_request_removed", "reviewed", "subscribed", "transferred",
		"unassigned", "unlabeled", "unlocked", "unmarked_as_duplicate",
		"unpinned", "unsubscribed", "user_blocked",
	} {
		if got := EventSummary(Event{Event: kind}); got == "event: "+string(kind) || got == "" {
			t.Errorf("EventSummary(%q) = %q: not handled", kind, got)
		}
	}
}
