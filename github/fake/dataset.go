package fake

import (
	"time"

	"github.com/prscope/prscope/model"
)

// Dataset is what the fake GitHub server serves: repositories with their pull
// requests, each PR's timeline, and the git commits those timelines point at.
// It is kept in prscope's own compact form; the server renders GitHub's JSON
// shapes from it on every request.
type Dataset struct {
	Repos map[string]*RepoData `json:"repos"` // key "owner/name"
}

// RepoData is one repository of a Dataset.
type RepoData struct {
	// FormerNames are names the repository had before it was renamed
	// ("owner/name"): GitHub answers every request to one with a 301 to
	// /repositories/{id}/….
	FormerNames []string `json:"former_names,omitempty"`

	Pulls   []*FakePull            `json:"pulls"`   // any order; the server sorts as GitHub does
	Commits map[string]*FakeCommit `json:"commits"` // key: full 40-hex SHA
	// Checks is the CI on commits (check runs and statuses), by full SHA;
	// a PR's checks are those on its head commit (FakePull.HeadSHA).
	Checks map[string]*FakeChecks `json:"checks,omitempty"`
	// Runs are the repository's GitHub Actions workflow runs, any order;
	// the server lists them newest first, as GitHub does.
	Runs []*FakeRun `json:"runs,omitempty"`
}

// FakePull is a pull request and its timeline.
type FakePull struct {
	Number    int         `json:"number"`
	Title     string      `json:"title"`
	State     string      `json:"state"` // "open" or "closed" (GitHub's words)
	Draft     bool        `json:"draft,omitempty"`
	User      string      `json:"user"`
	Head      string      `json:"head"` // branch name
	Base      string      `json:"base"`
	HeadSHA   string      `json:"head_sha,omitempty"` // head.sha; derived from the timeline when empty
	Body      string      `json:"body"`
	Labels    []string    `json:"labels,omitempty"`
	CreatedAt time.Time   `json:"created_at"`
	UpdatedAt time.Time   `json:"updated_at"`
	ClosedAt  *time.Time  `json:"closed_at,omitempty"`
	MergedAt  *time.Time  `json:"merged_at,omitempty"`
	Commits   int         `json:"commits,omitempty"` // the PR's own commit count
	Synthetic bool        `json:"synthetic,omitempty"`
	Timeline  []FakeEvent `json:"timeline,omitempty"`
	// ReviewComments are the comments on lines of the diff, each sent with
	// one of Timeline's "reviewed" events.
	ReviewComments []FakeReviewComment `json:"review_comments,omitempty"`
}

// FakeReviewComment is a comment on a line of a PR's diff, as GET
// /repos/{o}/{r}/pulls/{n}/comments serves it. Its author and time are its
// review's unless set.
type FakeReviewComment struct {
	Review    int       `json:"review"`               // index in FakePull.Timeline of its "reviewed" event
	ReplyTo   int       `json:"reply_to,omitempty"`   // 1 + index in ReviewComments of the comment replied to; 0 for none
	Actor     string    `json:"actor,omitempty"`      // "": the review's
	CreatedAt time.Time `json:"created_at,omitzero"`  // zero: the review's
	Path      string    `json:"path"`                 // file in the repository
	Line      int       `json:"line"`                 // 0: outdated (no longer in the diff; served as null)
	StartLine int       `json:"start_line,omitempty"` // first line of a multi-line comment
	OrigLine  int       `json:"original_line"`        // the line it was written on
	DiffHunk  string    `json:"diff_hunk"`            // the hunk up to the line
	Body      string    `json:"body"`
}

// FakeEvent is one timeline entry. Which fields are used depends on Event,
// following GitHub's timeline JSON:
//   - "commented": Actor, Body, CreatedAt (served with user, body, html_url)
//   - "reviewed": Actor, Body, State, CreatedAt (served as submitted_at, no created_at)
//   - "committed": SHA, Message, Actor as author name, CreatedAt as author date (no created_at)
//   - "referenced": Actor, CreatedAt, SHA, CommitRepo ("owner/name", may be a fork);
//     served with commit_id and commit_url, never the message — that lives in
//     RepoData.Commits of CommitRepo.
//   - "labeled"/"unlabeled": Label; "renamed": RenameFrom/RenameTo;
//     "review_requested": Reviewer; "closed"/"merged"/"head_ref_force_pushed":
//     SHA as commit_id when set; "cross-referenced": Source;
//     anything else is served with the common fields only.
//
// A zero Actor is served as null ("ghost").
type FakeEvent struct {
	Event      model.EventKind `json:"event"`
	Actor      string          `json:"actor,omitempty"`
	CreatedAt  time.Time       `json:"created_at"`
	Body       string          `json:"body,omitempty"`
	State      string          `json:"state,omitempty"`
	SHA        string          `json:"sha,omitempty"`
	CommitRepo string          `json:"commit_repo,omitempty"`
	Message    string          `json:"message,omitempty"`
	Label      string          `json:"label,omitempty"`
	RenameFrom string          `json:"rename_from,omitempty"`
	RenameTo   string          `json:"rename_to,omitempty"`
	Reviewer   string          `json:"reviewer,omitempty"`
	// Source is where a "cross-referenced" event came from.
	Source *FakeSource `json:"source,omitempty"`
}

// FakeSource is the issue or PR that mentioned this one (a "cross-referenced"
// event). When Repo/Number name a PR of the Dataset, its state and author are
// served from there; otherwise Title and IsPull are all the server knows.
type FakeSource struct {
	Repo   string `json:"repo"` // "owner/name"
	Number int    `json:"number"`
	Title  string `json:"title"`
	IsPull bool   `json:"is_pull,omitempty"`
	// State of a source the Dataset does not hold: "open" (the default),
	// "closed" or "merged" (a PR; served closed with merged_at).
	State string `json:"state,omitempty"`
}

// FakeCommit is a git commit as GET /repos/{o}/{r}/git/commits/{sha} serves it.
type FakeCommit struct {
	SHA         string    `json:"sha"`
	Message     string    `json:"message"`
	AuthorName  string    `json:"author_name"`
	AuthorEmail string    `json:"author_email"`
	Date        time.Time `json:"date"`
	Parents     []string  `json:"parents,omitempty"`
}
