package store

import (
	"context"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/prscope/prscope/github"
	"github.com/prscope/prscope/github/httpcache"
	"github.com/prscope/prscope/model"
)

// The record of PRs' own commits (GET /pulls/{n}/commits), asked for with
// the reviews once the selection settles on a PR, once per timeline
// generation. The header counts them.

// PullCommitsSource is a Source that can list a PR's commits
// (*github.Client is one); with another Source the header keeps
// GET /pulls/{n}'s count.
type PullCommitsSource interface {
	PullCommits(ctx context.Context, repo model.Repo, number, page, perPage int) ([]model.PullCommit, model.Page, error)
}

// maxPullCommitPages covers GitHub's 250 commits at the smallest page size
// we ask for, and stops a server whose Link header never ends.
const maxPullCommitPages = 10

// PullCommitsStatus is what the store knows of the shown PR's commits. The
// zero value shows nothing but GET /pulls/{n}'s count.
type PullCommitsStatus struct {
	Number  int
	Version int // changes whenever the record changes, so the pane redraws only then
	Loaded  bool
	Err     string // why they could not be listed
	Commits []model.PullCommit
}

// pullCommitStore is the record of PRs' commit lists, with the timeline
// generation each was asked in (a reload asks again).
type pullCommitStore struct {
	records[int, []model.PullCommit]
	askedIn map[int]int
}

func newPullCommitStore() pullCommitStore {
	return pullCommitStore{records: newRecords[int, []model.PullCommit](), askedIn: map[int]int{}}
}

// PullCommits is what is known of PR number's commits.
func (s Store) PullCommits(number int) PullCommitsStatus {
	st := s.pullCommits.status(number)
	if st.Version == 0 {
		return PullCommitsStatus{}
	}
	return PullCommitsStatus{Number: number, Version: st.Version, Loaded: st.Loaded, Err: st.Err, Commits: st.Value}
}

// loadPullCommits asks for PR number's commits when its timeline has been
// asked for, once per timeline generation: a reload asks again, past the
// cache. What was listed stays shown until the answer.
func (s *Store) loadPullCommits(number int) tea.Cmd {
	src, ok := s.cfg.Source.(PullCommitsSource)
	t, asked := s.timelines[number]
	if !ok || number == 0 || !asked || !(t.loaded || t.loading()) {
		return nil
	}
	pc := &s.pullCommits
	intent := httpcache.Initial
	if pc.asked(number) {
		if pc.askedIn[number] == t.gen {
			return nil // asked already (answered, failed or on its way)
		}
		intent = httpcache.Revalidate
	}
	pc.askedIn[number] = t.gen
	gen := pc.begin(number)
	repo, perPage := s.cfg.Repo, s.cfg.PerPage
	subject := fmt.Sprintf("%s#%d commits", repo, number)
	return request(s, Key{Kind: KindPullCommits, Number: number}, gen, intent, func(ctx context.Context) ([]model.PullCommit, model.Page, error) {
		v, err := github.AllPages(subject, maxPullCommitPages, model.PullCommitKey, func(page int) ([]model.PullCommit, model.Page, error) {
			return src.PullCommits(ctx, repo, number, page, perPage)
		})
		return v, model.Page{}, err
	})
}

var _ PullCommitsSource = (*github.Client)(nil)
