package model

import "strings"

// EventKind is a timeline event's kind as GitHub names it on the wire
// ("commented", "head_ref_force_pushed", …). What prscope knows about each
// kind is one row of the kinds table below; decoding, the summary line, the
// detail pane's glyph, body and filter, and dump all ask the kind instead of
// comparing names. GitHub adds kinds: an unknown kind is kept as it came
// (sanitized) and shown by name, "event: some_future_event", so nothing is
// silently hidden.
type EventKind string

// The kinds code refers to by name; the others exist only as table rows.
const (
	KindAssigned             EventKind = "assigned"
	KindClosed               EventKind = "closed"
	KindCommented            EventKind = "commented"
	KindCommitCommented      EventKind = "commit-commented"
	KindCommitted            EventKind = "committed"
	KindConvertToDraft       EventKind = "convert_to_draft"
	KindCrossReferenced      EventKind = "cross-referenced"
	KindHeadRefDeleted       EventKind = "head_ref_deleted"
	KindHeadRefForcePushed   EventKind = "head_ref_force_pushed"
	KindLabeled              EventKind = "labeled"
	KindLineCommented        EventKind = "line-commented"
	KindLocked               EventKind = "locked"
	KindMerged               EventKind = "merged"
	KindReadyForReview       EventKind = "ready_for_review"
	KindReferenced           EventKind = "referenced"
	KindRenamed              EventKind = "renamed"
	KindReopened             EventKind = "reopened"
	KindReviewed             EventKind = "reviewed"
	KindReviewRequestRemoved EventKind = "review_request_removed"
	KindReviewRequested      EventKind = "review_requested"
	KindUnassigned           EventKind = "unassigned"
	KindUnlabeled            EventKind = "unlabeled"
)

// Class is what an event is about, for the timeline's filter (f).
type Class int

const (
	ClassState   Class = iota // a change of state; the zero Class, so also unknown kinds
	ClassComment              // a comment on the PR or on its code
	ClassReview               // a review, with its body and its review comments
	ClassCommit               // a commit of the PR, or one that mentions it
)

func (c Class) String() string {
	return [...]string{"state", "comment", "review", "commit"}[c]
}

// Shape is which of GitHub's JSON shapes the timeline serves a kind in,
// which says where its actor, time and text are.
type Shape int

const (
	ShapeEvent        Shape = iota // an issue event: actor, created_at, maybe commit_id; unknown kinds too
	ShapeComment                   // an issue comment: body, user when actor is null
	ShapeReview                    // a review: user, body, state, submitted_at; commit_id is only its head
	ShapeCommit                    // a git commit: sha, message, author name and date, no actor
	ShapeCommentGroup              // review comments grouped: who, when and bodies on the comments
)

// kindInfo is one row of the kinds table.
type kindInfo struct {
	// summary follows the actor's name in the timeline, when describe is
	// nil or finds nothing in the event's fields to say more.
	summary  string
	describe func(Event) string
	class    Class
	shape    Shape
	// body: the event's body is its content, drawn (as markdown) under it
	// and dumped as "body" even when empty.
	body bool
	// references: its commit mentions the PR, so its message is fetched,
	// read for references (Reference) and grouped into patch versions.
	references bool
	// noun is what the event's web page is, for "open in browser"; the
	// kind's own name when empty.
	noun string
}

// kinds is every kind prscope knows. A new kind is a row here; only what is
// truly new about it (a new field to decode, a new Shape) goes elsewhere.
var kinds = map[EventKind]kindInfo{
	KindCommented:       {summary: "commented", class: ClassComment, shape: ShapeComment, body: true, noun: "comment"},
	KindLineCommented:   {summary: "commented on the code", class: ClassComment, shape: ShapeCommentGroup, body: true},
	KindCommitCommented: {summary: "commented on a commit", class: ClassComment, shape: ShapeCommentGroup, body: true},
	KindReviewed:        {summary: "reviewed", describe: reviewSummary, class: ClassReview, shape: ShapeReview, body: true, noun: "review"},

	KindCommitted:  {summary: "committed", describe: withSHA("committed "), class: ClassCommit, shape: ShapeCommit},
	KindReferenced: {summary: "referenced this in a commit", describe: withSHA("referenced this in commit "), class: ClassCommit, references: true},

	KindAssigned:             {summary: "assigned someone", describe: assignment("self-assigned this", "assigned ")},
	KindUnassigned:           {summary: "unassigned someone", describe: assignment("removed their assignment", "unassigned ")},
	KindClosed:               {summary: "closed this", describe: withSHA("closed this in ")},
	KindMerged:               {summary: "merged this", describe: withSHA("merged commit ")},
	KindCrossReferenced:      {summary: "cross-referenced this", describe: crossReference},
	KindLabeled:              {summary: "added a label", describe: withLabel("added label ")},
	KindUnlabeled:            {summary: "removed a label", describe: withLabel("removed label ")},
	KindLocked:               {summary: "locked", describe: lockSummary},
	KindRenamed:              {summary: "renamed this", describe: renameSummary},
	KindReviewRequested:      {summary: "requested a review", describe: withReviewer("requested review from ")},
	KindReviewRequestRemoved: {summary: "removed a review request", describe: withReviewer("removed review request for ")},

	"added_to_merge_queue":            {summary: "added this to the merge queue"},
	"added_to_project":                {summary: "added this to a project", describe: projectCard("added this to a project")},
	"auto_merge_disabled":             {summary: "disabled auto-merge"},
	"auto_merge_enabled":              {summary: "enabled auto-merge"},
	"auto_rebase_enabled":             {summary: "enabled auto-merge (rebase)"},
	"auto_squash_enabled":             {summary: "enabled auto-merge (squash)"},
	"automatic_base_change_failed":    {summary: "automatic base change failed"},
	"automatic_base_change_succeeded": {summary: "base branch changed automatically"},
	"base_ref_changed":                {summary: "changed the base branch"},
	"base_ref_force_pushed":           {summary: "force-pushed the base branch"},
	"comment_deleted":                 {summary: "deleted a comment"},
	"connected":                       {summary: "linked an issue"},
	KindConvertToDraft:                {summary: "marked as draft"},
	"converted_note_to_issue":         {summary: "created this from a project note", describe: projectCard("created this from a project note")},
	"converted_to_discussion":         {summary: "converted this to a discussion"},
	"demilestoned":                    {summary: "removed this from a milestone", describe: withMilestone("removed this from milestone ")},
	"deployed":                        {summary: "deployed this"},
	"deployment_environment_changed":  {summary: "changed the deployment environment"},
	"disconnected":                    {summary: "unlinked an issue"},
	KindHeadRefDeleted:                {summary: "deleted the head branch"},
	KindHeadRefForcePushed:            {summary: "force-pushed the head branch"},
	"head_ref_restored":               {summary: "restored the head branch"},
	"marked_as_duplicate":             {summary: "marked this as a duplicate"},
	"mentioned":                       {summary: "mentioned this"},
	"milestoned":                      {summary: "added this to a milestone", describe: withMilestone("added this to milestone ")},
	"moved_columns_in_project":        {summary: "moved this in a project", describe: projectCard("moved this in a project")},
	"pinned":                          {summary: "pinned this"},
	KindReadyForReview:                {summary: "marked ready for review"},
	"removed_from_merge_queue":        {summary: "removed this from the merge queue"},
	"removed_from_project":            {summary: "removed this from a project", describe: projectCard("removed this from a project")},
	KindReopened:                      {summary: "reopened this"},
	"review_dismissed":                {summary: "dismissed a review", describe: dismissal, class: ClassReview, body: true},
	"subscribed":                      {summary: "subscribed"},
	"transferred":                     {summary: "transferred this"},
	"unmarked_as_duplicate":           {summary: "unmarked this as a duplicate"},
	"unlocked":                        {summary: "unlocked this"},
	"unpinned":                        {summary: "unpinned this"},
	"unsubscribed":                    {summary: "unsubscribed"},
	"user_blocked":                    {summary: "blocked a user"},
}

// Known reports whether k has a row in the table.
func (k EventKind) Known() bool {
	_, ok := kinds[k]
	return ok
}

// Class is what k is about. An unknown kind named like GitHub's grouped
// comments ("…-commented") is a comment; any other unknown kind a state
// change.
func (k EventKind) Class() Class {
	if info, ok := kinds[k]; ok {
		return info.class
	}
	if strings.HasSuffix(string(k), "-commented") {
		return ClassComment
	}
	return ClassState
}

// Shape is the JSON shape GitHub serves k in; ShapeEvent for unknown kinds.
func (k EventKind) Shape() Shape { return kinds[k].shape }

// HasBody reports whether an event of kind k is its body: the body is
// drawn under it and dumped, even when empty.
func (k EventKind) HasBody() bool { return kinds[k].body }

// HasCommit reports whether an event of kind k is about its commit, which
// dump then gives in full (sha, repo, message) rather than as a commit_id.
func (k EventKind) HasCommit() bool { return kinds[k].class == ClassCommit }

// References reports whether k's commit mentions the PR (a referenced
// event): its message is fetched when missing, read for references and
// grouped into patch versions.
func (k EventKind) References() bool { return kinds[k].references }

// Noun is what an event of kind k is called when its web page is opened:
// "comment", "review", or else the kind's own name.
func (k EventKind) Noun() string {
	if n := kinds[k].noun; n != "" {
		return n
	}
	return string(k)
}

// Sanitized is k safe to show (SanitizeLine). A known kind is clean as it
// is, so only unknown ones, which came from the API, are rewritten.
func (k EventKind) Sanitized() EventKind { return k.cleaned(SanitizeLine) }

func (k EventKind) cleaned(clean func(string) string) EventKind {
	if k.Known() {
		return k
	}
	return EventKind(clean(string(k)))
}

// Kinds lists every kind with a row in the table, in no particular order,
// for tests and docs.
func Kinds() []EventKind {
	out := make([]EventKind, 0, len(kinds))
	for k := range kinds {
		out = append(out, k)
	}
	return out
}
