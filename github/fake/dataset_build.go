package fake

import "strings"

// Repo returns the repository named "owner/name", matching case-insensitively
// as GitHub does, or nil.
func (d *Dataset) Repo(fullName string) *RepoData {
	if d == nil {
		return nil
	}
	if r, ok := d.Repos[fullName]; ok {
		return r
	}
	for name, r := range d.Repos {
		if strings.EqualFold(name, fullName) {
			return r
		}
	}
	return nil
}

// EnsureRepo returns the repository named "owner/name", adding an empty one
// when the Dataset has none.
func (d *Dataset) EnsureRepo(fullName string) *RepoData {
	if r := d.Repo(fullName); r != nil {
		return r
	}
	if d.Repos == nil {
		d.Repos = map[string]*RepoData{}
	}
	r := &RepoData{Commits: map[string]*FakeCommit{}}
	d.Repos[fullName] = r
	return r
}

// Pull returns PR number n, or nil.
func (r *RepoData) Pull(n int) *FakePull {
	for _, p := range r.Pulls {
		if p.Number == n {
			return p
		}
	}
	return nil
}

// AddCommit stores c under its SHA, replacing any commit already there.
func (r *RepoData) AddCommit(c *FakeCommit) {
	if r.Commits == nil {
		r.Commits = map[string]*FakeCommit{}
	}
	r.Commits[c.SHA] = c
}

// Merge adds other's repositories, pulls, commits, checks and runs to d. Pulls
// whose number d already has in the same repository are kept from d, so
// real data wins over generated filler.
func (d *Dataset) Merge(other *Dataset) {
	for name, src := range other.Repos {
		dst := d.EnsureRepo(name)
		have := make(map[int]bool, len(dst.Pulls))
		for _, p := range dst.Pulls {
			have[p.Number] = true
		}
		for _, p := range src.Pulls {
			if !have[p.Number] {
				have[p.Number] = true
				dst.Pulls = append(dst.Pulls, p)
			}
		}
		for _, c := range src.Commits {
			if _, ok := dst.Commits[c.SHA]; !ok {
				dst.AddCommit(c)
			}
		}
		for sha, c := range src.Checks {
			if _, ok := dst.Checks[sha]; !ok {
				dst.SetChecks(sha, c)
			}
		}
		dst.mergeRuns(src.Runs)
	}
}
