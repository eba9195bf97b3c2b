package fake

import (
	"strconv"
	"time"

	"github.com/prscope/prscope/model"
)

// FakeChecks is the CI on one commit, as GET .../commits/{sha}/check-runs
// and .../commits/{sha}/status serve it.
type FakeChecks struct {
	Runs []FakeCheckRun `json:"runs,omitempty"`
	// Statuses may hold several of one context, oldest or newest first: the
	// combined status serves only the newest of each, as GitHub does.
	Statuses []FakeStatus `json:"statuses,omitempty"`
}

// FakeCheckRun is one check run. Status is queued, in_progress or
// completed; Conclusion is set only when completed.
type FakeCheckRun struct {
	Name        string     `json:"name"`
	App         string     `json:"app"` // the GitHub App's name, e.g. "GitHub Actions"
	Status      string     `json:"status"`
	Conclusion  string     `json:"conclusion,omitempty"`
	StartedAt   *time.Time `json:"started_at,omitempty"`
	CompletedAt *time.Time `json:"completed_at,omitempty"`
	Title       string     `json:"title,omitempty"` // output.title
	DetailsURL  string     `json:"details_url,omitempty"`
	// Workflow names the workflow whose job it is: each workflow's runs
	// are a check suite of their own. "" puts it in the app's one suite.
	Workflow string `json:"workflow,omitempty"`
}

// FakeStatus is one commit status: State is success, failure, error or
// pending.
type FakeStatus struct {
	Context     string    `json:"context"`
	State       string    `json:"state"`
	Description string    `json:"description,omitempty"`
	TargetURL   string    `json:"target_url,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
}

// SetChecks stores the CI of commit sha, replacing any there.
func (r *RepoData) SetChecks(sha string, c *FakeChecks) {
	if r.Checks == nil {
		r.Checks = map[string]*FakeChecks{}
	}
	r.Checks[sha] = c
}

// HeadSHAIn is the SHA the fake server serves as the PR's head.sha in
// repository repo ("owner/name"): HeadSHA when set, else the newest
// committed event's, else one derived from repo and number, so that every
// PR has a head commit to hang checks on.
func (p *FakePull) HeadSHAIn(repo string) string {
	if p.HeadSHA != "" {
		return p.HeadSHA
	}
	var newest *FakeEvent
	for i := range p.Timeline {
		// Of equally new ones, the last listed: the server keeps the
		// Dataset's order for events at the same instant.
		if e := &p.Timeline[i]; e.Event == model.KindCommitted && e.SHA != "" && (newest == nil || !e.CreatedAt.Before(newest.CreatedAt)) {
			newest = e
		}
	}
	if newest != nil {
		return newest.SHA
	}
	return fakeSHA("head", repo, strconv.Itoa(p.Number))
}
