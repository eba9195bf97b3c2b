package ui

import (
	"context"
	"strconv"

	tea "github.com/charmbracelet/bubbletea"

	gh "github.com/prscope/prscope/github"
	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/detail"
)

// The store's record of CI: the check runs and statuses of each PR's head
// commit, fetched once the selection settles on the PR (when its timeline
// is asked for) and kept, keyed by PR and SHA, so a push shows fresh ones.

const errChecks = "checks"

type checksKey struct {
	number int
	sha    string
}

func (k checksKey) String() string { return strconv.Itoa(k.number) + "@" + k.sha }

type checksEntry struct {
	gen     int // bumped by each request; answers to earlier ones are dropped
	version int // the store's change counter when this last changed
	loading bool
	loaded  bool
	err     string
	checks  model.Checks
}

type checksMsg struct {
	key      checksKey
	gen      int
	runs     []model.CheckRun
	statuses []model.CommitStatus
	err      error
}

// fetchChecks captures values only: the Source is safe for concurrent use.
func fetchChecks(ctx context.Context, src Source, repo model.Repo, key checksKey, gen int) tea.Cmd {
	return func() tea.Msg {
		runs, statuses, err := gh.FetchChecks(ctx, src, repo, key.sha, gh.MaxCheckRunPages)
		return checksMsg{key: key, gen: gen, runs: runs, statuses: statuses, err: err}
	}
}

// shownChecksKey is the key of the CI the detail pane would show.
func (m *Model) shownChecksKey() (checksKey, bool) {
	pr, ok := m.detail.PR()
	if !ok || m.shown == 0 || pr.Number != m.shown || pr.HeadSHA == "" {
		return checksKey{}, false
	}
	return checksKey{number: pr.Number, sha: pr.HeadSHA}, true
}

// checksNeeded runs after every message: it asks for the shown PR's CI once
// its timeline has been asked for (the selection settled) while the detail
// is on screen, and hands the pane whatever the store has for it.
func (m *Model) checksNeeded() tea.Cmd {
	var cmd tea.Cmd
	key, ok := m.shownChecksKey()
	if ok && m.detailOnScreen() && m.checks[key] == nil {
		if t, asked := m.timelines[m.shown]; asked && (t.loading() || t.loaded || t.err != "") {
			cmd = m.requestChecks(m.ctx, key)
		}
	}
	m.syncChecks()
	return cmd
}

// requestChecks asks for key's CI; an answer to an earlier request for
// it no longer counts. What was loaded stays shown until the answer (a
// reload must not make the checks item vanish and come back).
func (m *Model) requestChecks(ctx context.Context, key checksKey) tea.Cmd {
	e := m.checks[key]
	if e == nil {
		e = &checksEntry{}
		m.checks[key] = e
	} else {
		e.gen++
	}
	e.loading = true
	m.checksVersion++
	e.version = m.checksVersion
	return m.track(fetchChecks(ctx, m.cfg.Source, m.cfg.Repo, key, e.gen))
}

// reloadChecks asks GitHub again for the shown PR's CI (r), past the cache.
func (m *Model) reloadChecks() tea.Cmd {
	key, ok := m.shownChecksKey()
	if !ok {
		return nil
	}
	return m.requestChecks(gh.WithRevalidate(m.ctx), key)
}

// onChecks files an answer under its key, whatever is shown now;
// syncChecks draws it only if it is the shown PR's.
func (m *Model) onChecks(msg checksMsg) {
	m.done()
	e := m.checks[msg.key]
	if e == nil || e.gen != msg.gen {
		return // superseded by a reload
	}
	e.loading = false
	if msg.err != nil {
		if m.fail(errChecks, msg.err) {
			e.err = oneLine(msg.err)
		}
	} else {
		m.succeed(errChecks)
		e.loaded, e.err = true, ""
		e.checks = model.SummarizeChecks(msg.runs, msg.statuses)
	}
	m.checksVersion++
	e.version = m.checksVersion
}

// syncChecks hands the detail pane the shown PR's CI; the pane redraws
// only when it changed.
func (m *Model) syncChecks() {
	key, ok := m.shownChecksKey()
	if !ok {
		m.detail.SetChecks(detail.ChecksStatus{})
		return
	}
	s := detail.ChecksStatus{Key: key.String()}
	if e := m.checks[key]; e != nil {
		s.Version, s.Loading, s.Loaded, s.Err, s.Checks = e.version, e.loading, e.loaded, e.err, e.checks
	}
	m.detail.SetChecks(s)
}
