package store

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/prscope/prscope/github/httpcache"
	"github.com/prscope/prscope/model"
)

// CommitInfo is what is known of one referenced commit's message.
type CommitInfo struct {
	Loaded  bool // the message arrived (it may be empty)
	Message string
	Err     string // why it could not be fetched
	Loading bool
}

// Commits maps CommitKey(repo, sha) to what is known of that commit. The
// root owns and fills it; the pane reads it while rendering, on the UI
// goroutine only. Commits never change, so entries are kept for good.
type Commits map[string]CommitInfo

// CommitKey identifies a commit across forks.
func CommitKey(repo, sha string) string { return repo + "@" + sha }

// Commits is the shared record of commit messages, which the detail pane
// reads while rendering.
func (s Store) Commits() Commits { return s.commits }

// CommitsBusy counts the commit messages on their way: kept as a count,
// since Fetch asks after every message and a long PR knows thousands.
func (s Store) CommitsBusy() int { return s.commitsLoading }

// loadCommits asks for the messages of the commits in view not known yet,
// at most MaxCommitFetches at a time.
func (s *Store) loadCommits(refs []model.CommitRef) tea.Cmd {
	return s.loadCommitsIn(s.ctx, refs, s.cfg.MaxCommitFetches)
}

// loadCommitsIn asks under ctx for refs' messages not known yet, until
// limit are on their way.
func (s *Store) loadCommitsIn(ctx context.Context, refs []model.CommitRef, limit int) tea.Cmd {
	var cmds []tea.Cmd
	src := s.cfg.Source
	for _, c := range refs {
		if s.commitsLoading >= limit { // MaxCommitFetches for the view, SearchInFlight for a search
			break
		}
		key := CommitKey(c.Repo, c.SHA)
		if _, known := s.commits[key]; known {
			continue // the same commit referenced twice on screen
		}
		s.commitsLoading++
		s.commits[key] = CommitInfo{Loading: true}
		c := c
		cmds = append(cmds, requestIn(ctx, s, Key{Kind: KindCommit, Ref: key}, 0, httpcache.Initial,
			func(ctx context.Context) (string, model.Page, error) {
				msg, err := src.CommitMessage(ctx, c.Repo, c.SHA)
				return msg, model.Page{}, err
			}))
	}
	return tea.Batch(cmds...)
}

func (s *Store) onCommit(r Reply[string]) Change {
	if s.commits[r.Key.Ref].Loading {
		s.commitsLoading--
	}
	if canceled(r.Err) {
		delete(s.commits, r.Key.Ref) // called off, not failed: it may be asked again
		return Change{Key: r.Key, Err: r.Err}
	}
	info := CommitInfo{Message: r.Value, Loaded: true}
	if r.Err != nil {
		s.fail(KindCommit, r.Err)
		info = CommitInfo{Err: OneLine(r.Err)}
	} else {
		s.succeed(KindCommit)
	}
	s.commits[r.Key.Ref] = info
	return Change{Key: r.Key, Err: r.Err}
}

// forgetFailedCommits gives failed fetches another chance (r).
func (s *Store) forgetFailedCommits() {
	for k, c := range s.commits {
		if c.Err != "" {
			delete(s.commits, k)
		}
	}
}
