package store

import (
	"context"
	"strconv"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/prscope/prscope/github"
	"github.com/prscope/prscope/github/httpcache"
	"github.com/prscope/prscope/model"
)

// The record of CI: the check runs and statuses of each PR's head commit,
// fetched once the selection settles on the PR (when its timeline is
// asked for) and kept, keyed by PR and SHA, so a push shows fresh ones.

// ChecksKey names the CI of PR Number at head SHA.
type ChecksKey struct {
	Number int
	SHA    string
}

func (k ChecksKey) String() string { return strconv.Itoa(k.Number) + "@" + k.SHA }

// ChecksStatus is what the store knows of the CI on the shown PR's head
// commit. The zero value, or one whose checks were not asked for yet, shows
// nothing.
type ChecksStatus struct {
	Key string // the PR number and head SHA they are for; "" when unknown
	// Version changes whenever the store's record changes, so SetChecks
	// redraws only then.
	Version int
	Loading bool
	Loaded  bool
	Err     string // why they could not be loaded
	Checks  model.Checks
}

// checkStore is the record of CI by PR and head SHA.
type checkStore = records[ChecksKey, model.Checks]

// requestChecks asks for key's CI; an answer to an earlier request for it
// no longer counts. What was loaded stays shown until the answer (a reload
// must not make the checks item vanish and come back).
func (s *Store) requestChecks(key ChecksKey, intent httpcache.Intent) tea.Cmd {
	gen := s.checks.begin(key)
	src, repo := s.cfg.Source, s.cfg.Repo
	return request(s, Key{Kind: KindChecks, Number: key.Number, Ref: key.SHA}, gen, intent,
		func(ctx context.Context) (model.Checks, model.Page, error) {
			runs, statuses, err := github.FetchChecks(ctx, src, repo, key.SHA, github.MaxCheckRunPages)
			return model.SummarizeChecks(runs, statuses), model.Page{}, err
		})
}

// loadChecks asks for key's CI once its PR's timeline has been asked for
// (the selection settled), unless it was asked for already.
func (s *Store) loadChecks(key ChecksKey) tea.Cmd {
	if s.checks.asked(key) {
		return nil
	}
	if t, asked := s.timelines[key.Number]; asked && t.Asked() {
		return s.requestChecks(key, httpcache.Initial)
	}
	return nil
}

// onChecks files an answer under its key, whatever is shown now.
func (s *Store) onChecks(r Reply[model.Checks]) Change {
	key := ChecksKey{Number: r.Key.Number, SHA: r.Key.Ref}
	return fileAnswer(s, &s.checks, key, r)
}

// Checks is what the store has of key's CI, for the pane.
func (s Store) Checks(key ChecksKey) ChecksStatus {
	st := s.checks.status(key)
	return ChecksStatus{Key: key.String(), Version: st.Version, Loading: st.Loading, Loaded: st.Loaded, Err: st.Err, Checks: st.Value}
}

// ChecksLoaded reports that key's CI arrived without an error.
func (s Store) ChecksLoaded(key ChecksKey) bool {
	st := s.checks.status(key)
	return st.Loaded && st.Err == ""
}

// ChecksKeys are the keys whose CI was asked for.
func (s Store) ChecksKeys() []ChecksKey {
	keys := make([]ChecksKey, 0, len(s.checks.entries))
	for k := range s.checks.entries {
		keys = append(keys, k)
	}
	return keys
}
