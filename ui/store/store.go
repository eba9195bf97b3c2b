// Package store is everything the UI has fetched and keeps: the list and
// search pages, PRs, timelines with their pages and gaps, commit messages,
// reviews, checks and the token's owner, with the ledger of what is in
// flight. It decides what to fetch from what the screen wants (Fetch) and
// files every answer under the resource and generation it was asked for
// (Update), so a late answer is kept, never drawn into the wrong pane. It
// knows no pane: the root routes what changed to the pane showing it.
package store

import (
	"context"
	"errors"

	"github.com/prscope/prscope/model"
)

// Source is what the UI needs from GitHub; *github.Client implements it.
// Implementations must be safe for concurrent use: commands call them from
// their own goroutines.
type Source interface {
	ListPulls(ctx context.Context, repo model.Repo, state string, page, perPage int) ([]model.PullRequest, model.Page, error)
	GetPull(ctx context.Context, repo model.Repo, number int) (model.PullRequest, error)
	Timeline(ctx context.Context, repo model.Repo, number, page, perPage int) ([]model.Event, model.Page, error)
	CommitMessage(ctx context.Context, commitRepo, sha string) (string, error)
	Reviews(ctx context.Context, repo model.Repo, number, page, perPage int) ([]model.Review, model.Page, error)
	ReviewComments(ctx context.Context, repo model.Repo, number, page, perPage int) ([]model.ReviewComment, model.Page, error)
	// CheckRuns and CombinedStatus are a commit's CI (checks.go).
	CheckRuns(ctx context.Context, repo model.Repo, sha string, page, perPage int) ([]model.CheckRun, model.Page, error)
	CombinedStatus(ctx context.Context, repo model.Repo, sha string) ([]model.CommitStatus, error)
	RateLimit() model.RateLimit
	Authenticated() bool
	// User is the token owner's login (GET /user).
	User(ctx context.Context) (string, error)
}

// Searcher is a Source that can also ask GitHub's search
// (*github.Client is one).
type Searcher interface {
	SearchPulls(ctx context.Context, repo model.Repo, query string, page, perPage int) ([]model.PullRequest, model.Page, error)
}

// Config says what the store fetches from where.
type Config struct {
	Source  Source
	Repo    model.Repo
	State   string // open, closed or all
	PerPage int
	// MaxCommitFetches bounds concurrent commit-message requests.
	MaxCommitFetches int
}

// Store is the record of what has been fetched, whether on screen or not.
// It is a value inside the root model; its maps are shared by copies, as
// Bubble Tea models are copied on every Update.
type Store struct {
	cfg Config
	ctx context.Context

	List   PagedList // the repository's list
	Search PagedList // a GitHub search's results, when one is shown

	timelines map[int]*Timeline
	commits   Commits
	// commitsLoading counts the entries of commits marked Loading.
	commitsLoading int
	reviews        reviewStore
	checks         checkStore
	// pullCommits are PRs' own commits (pullcommits.go).
	pullCommits pullCommitStore
	// history is the PRs' CI runs, jobs, annotations and logs (history.go).
	history historyStore
	// headCI is the list rows' head commits' CI runs (headci.go).
	headCI headCIStore
	// search is a timeline search's fetching (timelinesearch.go).
	search   searchFetch
	identity string

	inFlight int
	lastErr  string
	errKind  Kind
}

// New is an empty store fetching with cfg, for as long as ctx lives.
func New(ctx context.Context, cfg Config) Store {
	return Store{
		cfg:         cfg,
		ctx:         ctx,
		List:        newPagedList(KindList, 0, "", listFetch(cfg)),
		timelines:   map[int]*Timeline{},
		commits:     Commits{},
		reviews:     newReviewStore(),
		checks:      newRecords[ChecksKey, model.Checks](),
		pullCommits: newPullCommitStore(),
		history:     newHistoryStore(),
		headCI:      newHeadCIStore(),
	}
}

// InFlight is how many requests are on their way; every request the store
// sends is counted here and its answer, whatever it says, uncounts it.
func (s Store) InFlight() int { return s.inFlight }

// LastErr is the last failure, in one line, until a request of the same
// kind works again or the user reloads.
func (s Store) LastErr() string { return s.lastErr }

// SetErr reports a failure that is not an answer's (a search with no
// search to ask).
func (s *Store) SetErr(k Kind, text string) { s.lastErr, s.errKind = text, k }

// ClearErr forgets the last failure (r: everything is asked again).
func (s *Store) ClearErr() { s.lastErr, s.errKind = "", 0 }

// fail records err as the last error, unless it is only our own
// cancellation (on quit). It reports whether err counts.
func (s *Store) fail(k Kind, err error) bool {
	if canceled(err) {
		return false
	}
	if k == KindHeadRuns {
		// The list's CI column is asked for unasked: a row without its
		// mark is the whole of its failure, never the status bar's news
		// (a token without Actions access would say so on every start).
		return true
	}
	s.lastErr, s.errKind = OneLine(err), k.errClass()
	return true
}

// succeed clears the last error once the same kind of request works again.
func (s *Store) succeed(k Kind) {
	if s.errKind == k.errClass() && s.lastErr != "" {
		s.ClearErr()
	}
}

// OneLine is an error for a single line (the status bar, under a commit):
// the short form when the error has one, keeping its hint in view.
func OneLine(err error) string {
	var short interface{ Short() string }
	if errors.As(err, &short) {
		return short.Short()
	}
	return err.Error()
}

// Identity is the token owner as the status bar names it: "@login",
// "token" when GET /user failed, "" until it answers.
func (s Store) Identity() string { return s.identity }
