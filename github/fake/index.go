package fake

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/prscope/prscope/model"
)

// fakeIndex is the Dataset rearranged for serving: repositories by
// lower-cased name, PRs by number, listings pre-sorted, timelines in
// chronological order. It is built once and only read afterwards.
type fakeIndex struct {
	repos map[string]*repoIndex // key: strings.ToLower("owner/name")
	// former are the repositories by a name they had (lower case), byID by
	// their id: a renamed repository's old URLs redirect to its id.
	former map[string]*repoIndex
	byID   map[int64]*repoIndex
}

type repoIndex struct {
	fullName string // as spelled in the Dataset
	data     *RepoData
	pulls    map[int]*pullIndex
	// listings["state/sort"] holds the PRs in ascending order; descending
	// pages are read from the end.
	listings map[string][]*FakePull
	runs     *runsIndex // the Actions runs and their jobs
}

type pullIndex struct {
	pull     *FakePull
	timeline []indexedEvent // chronological
	comments []indexedEvent // the "commented" events of timeline
	reviews  []indexedEvent // the "reviewed" events of timeline
	// reviewComments are the PR's comments on its diff, oldest first.
	reviewComments []indexedReviewComment
}

// indexedEvent keeps an event's position in FakePull.Timeline, from which its
// id is derived, so ids stay stable whatever order it is served in.
type indexedEvent struct {
	pos int
	ev  *FakeEvent
}

var (
	listStates = []string{"open", "closed", "all"}
	listSorts  = []string{"created", "updated"}
)

func newFakeIndex(ds *Dataset) *fakeIndex {
	idx := &fakeIndex{repos: map[string]*repoIndex{}, former: map[string]*repoIndex{}, byID: map[int64]*repoIndex{}}
	if ds == nil {
		return idx
	}
	for name, data := range ds.Repos {
		ri := newRepoIndex(name, data)
		idx.repos[strings.ToLower(name)] = ri
		idx.byID[repoID(name)] = ri
		for _, old := range data.FormerNames {
			idx.former[strings.ToLower(old)] = ri
		}
	}
	return idx
}

func newRepoIndex(name string, data *RepoData) *repoIndex {
	ri := &repoIndex{
		fullName: name,
		data:     data,
		pulls:    make(map[int]*pullIndex, len(data.Pulls)),
		listings: map[string][]*FakePull{},
		runs:     newRunsIndex(data),
	}
	for _, p := range data.Pulls {
		ri.pulls[p.Number] = newPullIndex(p)
	}
	for _, state := range listStates {
		var matching []*FakePull
		for _, p := range data.Pulls {
			if state == "all" || p.State == state {
				matching = append(matching, p)
			}
		}
		for _, sort := range listSorts {
			sorted := slices.Clone(matching)
			slices.SortStableFunc(sorted, func(a, b *FakePull) int {
				return cmp.Or(sortTime(a, sort).Compare(sortTime(b, sort)), cmp.Compare(a.Number, b.Number))
			})
			ri.listings[state+"/"+sort] = sorted
		}
	}
	return ri
}

func sortTime(p *FakePull, sort string) time.Time {
	if sort == "updated" {
		return p.UpdatedAt
	}
	return p.CreatedAt
}

func newPullIndex(p *FakePull) *pullIndex {
	pi := &pullIndex{pull: p}
	for i := range p.Timeline {
		pi.timeline = append(pi.timeline, indexedEvent{pos: i, ev: &p.Timeline[i]})
	}
	// Stable, so same-instant events keep the order the Dataset gave them.
	slices.SortStableFunc(pi.timeline, func(a, b indexedEvent) int {
		return a.ev.CreatedAt.Compare(b.ev.CreatedAt)
	})
	for _, e := range pi.timeline {
		if e.ev.Event == model.KindCommented {
			pi.comments = append(pi.comments, e)
		}
	}
	pi.indexReviews()
	return pi
}

func (idx *fakeIndex) repo(owner, name string) *repoIndex {
	return idx.repos[strings.ToLower(owner+"/"+name)]
}

// commit finds a commit by full SHA or, as GitHub allows, by an unambiguous
// prefix of at least 7 hex digits.
func (ri *repoIndex) commit(sha string) *FakeCommit {
	sha = strings.ToLower(sha)
	if c, ok := ri.data.Commits[sha]; ok {
		return c
	}
	if len(sha) < 7 || len(sha) >= 40 {
		return nil
	}
	var found *FakeCommit
	for full, c := range ri.data.Commits {
		if strings.HasPrefix(full, sha) {
			if found != nil {
				return nil
			}
			found = c
		}
	}
	return found
}

// repoID is a repository's id, as its JSON gives it.
func repoID(fullName string) int64 { return stableID("repo", strings.ToLower(fullName)) }
