package store

import (
	"context"
	"maps"
	"slices"
	"strings"
	"time"

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
	// verdicts is every known head's verdict, shared by the store's copies.
	verdicts *headVerdicts
}

// headVerdicts is the verdict of each head the store's runs tell, made
// again only when they changed (sources), and with a version that changes
// only when a verdict did: the list redraws and re-indexes only then.
type headVerdicts struct {
	sources, version int
	of               map[string]string
}

func newHeadCIStore() headCIStore {
	return headCIStore{runs: newRecords[string, []model.WorkflowRun](), verdicts: &headVerdicts{sources: -1}}
}

// HeadCIVersion changes whenever a head's verdict did.
func (s Store) HeadCIVersion() int { return s.headVerdicts().version }

// HeadVerdict is what CI says of head commit sha (model.HeadVerdict), ""
// when the store's runs do not tell.
func (s Store) HeadVerdict(sha string) string { return s.headVerdicts().of[strings.ToLower(sha)] }

// headVerdicts brings the verdicts up to date with the runs: a head's own
// runs, the repository's newest (for the heads they cover) and the
// branches' read for the CI history, each run once, its latest copy.
func (s Store) headVerdicts() *headVerdicts {
	h, v := &s.headCI, s.headCI.verdicts
	sources := h.runs.version + s.history.runs.version
	if v.sources == sources {
		return v
	}
	v.sources = sources
	byHead := map[string]map[int64]model.WorkflowRun{}
	add := func(runs []model.WorkflowRun, covers func(sha string) bool) {
		for _, r := range runs {
			sha := strings.ToLower(r.HeadSHA)
			if sha == "" || (covers != nil && !covers(sha)) {
				continue
			}
			if byHead[sha] == nil {
				byHead[sha] = map[int64]model.WorkflowRun{}
			}
			if old, ok := byHead[sha][r.ID]; !ok || r.UpdatedAt.After(old.UpdatedAt) ||
				(r.UpdatedAt.Equal(old.UpdatedAt) && r.Attempt > old.Attempt) {
				byHead[sha][r.ID] = r
			}
		}
	}
	for sha, e := range h.runs.entries {
		if sha != recentRuns {
			add(e.value, nil)
		}
	}
	recent := h.runs.status(recentRuns).Value
	add(recent, coveredBy(recent, h.recentAll))
	for _, e := range s.history.runs.entries {
		add(e.value, nil)
	}
	of := make(map[string]string, len(byHead))
	for sha, runs := range byHead {
		if verdict := model.HeadVerdict(slices.Collect(maps.Values(runs)), sha); verdict != "" {
			of[sha] = verdict
		}
	}
	if !maps.Equal(of, v.of) {
		v.of = of
		v.version++
	}
	return v
}

// coveredBy reports the heads whose every run the repository's newest
// runs hold: all when they are all there are, else those pushed a while
// after the oldest of them (a head at the page's edge may have runs of
// another workflow just past it).
func coveredBy(recent []model.WorkflowRun, all bool) func(sha string) bool {
	if all || len(recent) == 0 {
		return nil
	}
	oldest := recent[0].CreatedAt
	first := map[string]time.Time{} // head → its first run in the page
	for _, r := range recent {
		sha := strings.ToLower(r.HeadSHA)
		if t, ok := first[sha]; !ok || r.CreatedAt.Before(t) {
			first[sha] = r.CreatedAt
		}
		if r.CreatedAt.Before(oldest) {
			oldest = r.CreatedAt
		}
	}
	return func(sha string) bool { return first[sha].Sub(oldest) > pageEdge }
}

// pageEdge is how long after the oldest of the newest runs a head must
// have started its first to count as wholly in them: one push's workflows
// start within minutes of each other.
const pageEdge = 15 * time.Minute

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
		if !h.runs.asked(strings.ToLower(sha)) && s.HeadVerdict(sha) == "" {
			cmds = append(cmds, s.requestHeadRuns(src, strings.ToLower(sha)))
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
