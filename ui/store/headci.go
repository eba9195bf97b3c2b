package store

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/prscope/prscope/github/httpcache"
	"github.com/prscope/prscope/model"
)

// The list's CI column, for rows whose labels say nothing: the verdict of
// each row's head commit from its workflow runs, asked for only for the
// rows on screen once the list rests. One request for the repository's
// newest runs covers the rows pushed lately, and when that page is all
// the runs there are, every row; only the heads it leaves out are asked
// for one by one, a few at a time, each once.

const (
	// recentRuns is the key of the repository's newest runs.
	recentRuns = ""
	// maxHeadFetches bounds the heads whose runs are asked for at once.
	maxHeadFetches = 4
)

type headCIStore struct {
	// runs are the repository's newest runs (recentRuns) and single
	// heads' runs, by head SHA.
	runs records[string, []model.WorkflowRun]
	// recentAll: the newest runs are all the repository has.
	recentAll bool
}

func newHeadCIStore() headCIStore {
	return headCIStore{runs: newRecords[string, []model.WorkflowRun]()}
}

// HeadCIVersion changes whenever a head's verdict may have.
func (s Store) HeadCIVersion() int { return s.headCI.runs.version + s.history.runs.version }

// HeadVerdict is what CI says of head commit sha (model.HeadVerdict) from
// the runs the store has: the repository's newest, sha's own, and those
// of the branches read for the CI history. "" when none tell.
func (s Store) HeadVerdict(sha string) string {
	h := &s.headCI
	if v := model.HeadVerdict(h.runs.status(sha).Value, sha); v != "" {
		return v
	}
	if v := model.HeadVerdict(h.runs.status(recentRuns).Value, sha); v != "" {
		return v
	}
	for _, e := range s.history.runs.entries {
		if v := model.HeadVerdict(e.value, sha); v != "" {
			return v
		}
	}
	return ""
}

// loadHeadCI asks for what the verdicts of heads (rows on screen, no
// verdict yet) still need: the repository's newest runs first, then the
// runs of each head those leave out.
func (s *Store) loadHeadCI(heads []string) tea.Cmd {
	src, ok := s.cfg.Source.(ActionsSource)
	h := &s.headCI
	if !ok || len(heads) == 0 {
		return nil
	}
	if !h.runs.asked(recentRuns) {
		return s.requestHeadRuns(src, recentRuns)
	}
	if recent := h.runs.status(recentRuns); !recent.Loaded || h.recentAll {
		return nil // the runs of heads it leaves out come after it; with all runs, none do
	}
	var cmds []tea.Cmd
	for _, sha := range heads {
		if h.runs.busy >= maxHeadFetches {
			break
		}
		if !h.runs.asked(sha) && s.HeadVerdict(sha) == "" {
			cmds = append(cmds, s.requestHeadRuns(src, sha))
		}
	}
	return tea.Batch(cmds...)
}

// requestHeadRuns asks for the runs of head sha, or the repository's
// newest (recentRuns): one page, the newest, is what a verdict needs.
func (s *Store) requestHeadRuns(src ActionsSource, sha string) tea.Cmd {
	gen := s.headCI.runs.begin(sha)
	repo := s.cfg.Repo
	return request(s, Key{Kind: KindHeadRuns, Ref: sha}, gen, httpcache.Initial, func(ctx context.Context) ([]model.WorkflowRun, model.Page, error) {
		return src.WorkflowRuns(ctx, repo, model.RunFilter{HeadSHA: sha}, 1, runsPerPage)
	})
}

// onHeadRuns files a head's runs, or the repository's newest.
func (s *Store) onHeadRuns(r Reply[[]model.WorkflowRun]) Change {
	ch := fileAnswer(s, &s.headCI.runs, r.Key.Ref, r)
	if ch.Kind != KindNone && r.Err == nil && r.Key.Ref == recentRuns {
		s.headCI.recentAll = r.Info.Total <= len(r.Value) && r.Info.Next == 0
	}
	return ch
}

// retryHeadCI lets the next rest ask again for the newest runs and for
// heads still running or that failed to load (free when nothing changed:
// the cache revalidates).
func (s *Store) retryHeadCI() {
	h := &s.headCI
	for sha, e := range h.runs.entries {
		if sha == recentRuns || e.err != "" || model.HeadVerdict(e.value, sha) == "running" {
			h.runs.forget(sha)
		}
	}
}
