// Package model holds prscope's domain types and the pure logic over them.
// Nothing here does I/O or knows about Bubble Tea, so all of it is cheap to test.
package model

import "time"

// PR states as prscope shows them: GitHub reports a merged PR as "closed"
// with merged_at set; we fold that into one word because it is what users ask.
const (
	StateOpen   = "open"
	StateClosed = "closed"
	StateMerged = "merged"
)

// Repo names a GitHub repository.
type Repo struct {
	Owner string
	Name  string
}

func (r Repo) String() string { return r.Owner + "/" + r.Name }

// Label is a PR label, slimmed to what we draw.
type Label struct {
	Name  string `json:"name"`
	Color string `json:"color,omitempty"`
}

// PullRequest is the slim form of a GitHub pull request: only what the list
// and the detail header draw, so 100,000 of them stay small in memory.
type PullRequest struct {
	Number  int    `json:"number"`
	Title   string `json:"title"`
	State   string `json:"state"` // StateOpen, StateClosed or StateMerged
	Draft   bool   `json:"draft"`
	User    string `json:"user"`
	Head    string `json:"head"`
	Base    string `json:"base"`
	HeadSHA string `json:"head_sha"` // head.sha: the commit whose CI checks the detail shows
	// HeadRepo is head.repo.full_name: a fork's PR runs CI on a branch of
	// the fork, which may share its name with one of the base repository.
	HeadRepo  string     `json:"-"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
	ClosedAt  *time.Time `json:"closed_at"`
	MergedAt  *time.Time `json:"merged_at"`
	Labels    []Label    `json:"labels"`
	Body      string     `json:"body"`
	HTMLURL   string     `json:"html_url"`
	// Comments and Commits are counts GitHub only returns from the single-PR
	// endpoint; zero from the list endpoint means "unknown", not none.
	Comments int  `json:"-"`
	Commits  int  `json:"-"`
	Detailed bool `json:"-"` // true once fetched from GET /pulls/{n}
}

// CommitRef is the commit an event points at. Message is empty until the
// commit itself has been fetched (referenced events do not carry it).
type CommitRef struct {
	SHA     string `json:"sha"`
	Repo    string `json:"repo"` // "owner/name"; a fork's for commits pushed elsewhere
	Message string `json:"message"`
	URL     string `json:"-"` // API URL, where the owner/repo came from
	// Err says why the message could not be fetched (a commit in a deleted
	// fork answers 404); empty when it was, or was not tried.
	Err string `json:"-"`
}

// Event is one entry of a PR's timeline: a comment, a review, a commit or a
// state change. Event holds GitHub's own event name (EventKind) so that
// kinds we do not know yet are still shown, by name.
type Event struct {
	ID    string    `json:"-"` // stable identity for caching rendered lines
	Event EventKind `json:"event"`
	Actor string    `json:"actor"` // "" when GitHub sent null (shown as "ghost")
	// Author is the git author's name on committed events, which have a
	// commit author instead of an actor login.
	Author    string     `json:"-"`
	CreatedAt time.Time  `json:"created_at"`
	Body      string     `json:"body,omitempty"`
	Commit    *CommitRef `json:"commit,omitempty"`
	HTMLURL   string     `json:"html_url,omitempty"`

	// Fields only some events have.
	Label             *Label     `json:"label,omitempty"`
	Rename            *Rename    `json:"rename,omitempty"`
	ReviewState       string     `json:"state,omitempty"`
	RequestedReviewer string     `json:"requested_reviewer,omitempty"`
	Assignee          string     `json:"assignee,omitempty"`
	LockReason        string     `json:"lock_reason,omitempty"`
	Source            *SourceRef `json:"source,omitempty"`
	// ReviewID is a reviewed event's review id (Review.ID), which its
	// review comments name; 0 for other events.
	ReviewID int64 `json:"-"`
	// Milestone is a (de)milestoned event's milestone title.
	Milestone string `json:"milestone,omitempty"`
	// RequestedTeam is the team a review was requested from (or no longer).
	RequestedTeam string `json:"requested_team,omitempty"`
	// StateReason is why a closed or reopened event changed the state
	// (completed, not_planned, reopened), when GitHub says.
	StateReason string `json:"state_reason,omitempty"`
	// Dismissed is a review_dismissed event's review: its state then; the
	// dismissal's message is the event's Body.
	Dismissed string `json:"dismissed_state,omitempty"`
	// Project is a project card event's card.
	Project *ProjectCard `json:"project_card,omitempty"`
}

// ProjectCard is where a project card event put the PR (classic projects).
type ProjectCard struct {
	Column         string `json:"column"`
	PreviousColumn string `json:"previous_column,omitempty"`
}

// Rename is a renamed event's title change.
type Rename struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// SourceRef is the issue or PR a cross-referenced event came from.
type SourceRef struct {
	Repo   string `json:"repo"`
	Number int    `json:"number"`
	Title  string `json:"title"`
	IsPull bool   `json:"is_pull"`
	// State is StateOpen, StateClosed or StateMerged (a PR merged since);
	// "" when GitHub did not say.
	State string `json:"state,omitempty"`
}

// Page describes where a paged listing stands.
type Page struct {
	Next  int // next page number, 0 when this was the last
	Last  int // last page number when GitHub said it, else 0
	Total int // total items when known (estimated from Last), else 0
	// From says where the answer came from: "network", "fresh" (cached,
	// within max-age), "revalidated" (cached, GitHub said unchanged) or
	// "stale" (cached; the network, the rate limit or --offline allowed
	// nothing newer); "" when unknown (no cache).
	From     string
	StoredAt time.Time // when the cached copy was last fetched or revalidated
	// Incomplete is a search's incomplete_results: GitHub stopped looking
	// (a timeout), so more may match than were found.
	Incomplete bool
}

// RateLimit is the latest rate-limit state GitHub reported.
type RateLimit struct {
	Limit     int
	Remaining int
	Reset     time.Time
	Known     bool
}

// Rate-limit resources: GitHub's names (X-RateLimit-Resource) for the
// budgets it counts apart.
const (
	ResourceCore       = "core"
	ResourceSearch     = "search"
	ResourceCodeSearch = "code_search"
)
