package fake

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// The commit CI endpoints:
//
//	GET /repos/{o}/{r}/commits/{sha}/check-runs  {total_count, check_runs: [...]}, paged
//	GET /repos/{o}/{r}/commits/{sha}/status      the combined status, statuses paged
//
// A commit the repository knows (a stored commit, a PR's head, or one with
// checks) answers with its checks, none being an empty list; any other SHA
// answers as GitHub does for a commit it lacks: 422 for check runs, 404 for
// the status.
func (s *FakeServer) commitRoute(r *http.Request, ri *repoIndex, sha, what string) reply {
	sha = strings.ToLower(sha)
	if !ri.knowsCommit(sha) {
		switch what {
		case "check-runs":
			return reply{status: http.StatusUnprocessableEntity, value: ghError{Message: "No commit found for SHA: " + sha,
				DocumentationURL: "https://docs.github.com/rest/checks/runs#list-check-runs-for-a-git-reference"}}
		case "status":
			return reply{status: http.StatusNotFound, value: ghError{Message: "No commit found for SHA: " + sha,
				DocumentationURL: "https://docs.github.com/rest/commits/statuses#get-the-combined-status-for-a-specific-reference"}}
		}
		return notFound
	}
	checks := ri.data.Checks[sha]
	if checks == nil {
		checks = &FakeChecks{}
	}
	switch what {
	case "check-runs":
		return s.listCheckRuns(r, ri, sha, checks)
	case "status":
		return s.combinedStatus(r, ri, sha, checks)
	}
	return notFound
}

// knowsCommit reports whether sha is a commit of the repository.
func (ri *repoIndex) knowsCommit(sha string) bool {
	if ri.commit(sha) != nil || ri.data.Checks[sha] != nil {
		return true
	}
	for _, pi := range ri.pulls {
		if pi.headSHA(ri) == sha {
			return true
		}
	}
	return false
}

type ghCheckRun struct {
	ID          int64         `json:"id"`
	HeadSHA     string        `json:"head_sha"`
	NodeID      string        `json:"node_id"`
	ExternalID  string        `json:"external_id"`
	URL         string        `json:"url"`
	HTMLURL     string        `json:"html_url"`
	DetailsURL  string        `json:"details_url"`
	Status      string        `json:"status"`
	Conclusion  *string       `json:"conclusion"`
	StartedAt   *string       `json:"started_at"`
	CompletedAt *string       `json:"completed_at"`
	Output      ghCheckOutput `json:"output"`
	Name        string        `json:"name"`
	CheckSuite  struct {
		ID int64 `json:"id"`
	} `json:"check_suite"`
	App          ghApp            `json:"app"`
	PullRequests []ghCheckRunPull `json:"pull_requests"`
}

type ghCheckOutput struct {
	Title            *string `json:"title"`
	Summary          *string `json:"summary"`
	Text             *string `json:"text"`
	AnnotationsCount int     `json:"annotations_count"`
	AnnotationsURL   string  `json:"annotations_url"`
}

type ghApp struct {
	ID          int64   `json:"id"`
	Slug        string  `json:"slug"`
	NodeID      string  `json:"node_id"`
	Owner       *ghUser `json:"owner"`
	Name        string  `json:"name"`
	Description string  `json:"description"`
	ExternalURL string  `json:"external_url"`
	HTMLURL     string  `json:"html_url"`
	CreatedAt   string  `json:"created_at"`
	UpdatedAt   string  `json:"updated_at"`
}

type ghCheckRunPull struct {
	URL    string         `json:"url"`
	ID     int64          `json:"id"`
	Number int            `json:"number"`
	Head   ghCheckRunBase `json:"head"`
	Base   ghCheckRunBase `json:"base"`
}

type ghCheckRunBase struct {
	Ref  string `json:"ref"`
	SHA  string `json:"sha"`
	Repo struct {
		ID   int64  `json:"id"`
		URL  string `json:"url"`
		Name string `json:"name"`
	} `json:"repo"`
}

// listCheckRuns pages through the commit's check runs. The page is an
// object, not an array, yet GitHub still sends Link headers for it.
func (s *FakeServer) listCheckRuns(r *http.Request, ri *repoIndex, sha string, checks *FakeChecks) reply {
	pg := parsePaging(r.URL.Query())
	lo, hi := pg.bounds(len(checks.Runs))
	pulls := s.checkRunPulls(ri, sha)
	out := make([]ghCheckRun, 0, hi-lo)
	for i := lo; i < hi; i++ {
		out = append(out, s.renderCheckRun(ri, sha, i, checks.Runs[i], pulls))
	}
	return reply{status: http.StatusOK, paged: true, link: s.linkHeader(r, pg, len(checks.Runs)), value: struct {
		TotalCount int          `json:"total_count"`
		CheckRuns  []ghCheckRun `json:"check_runs"`
	}{len(checks.Runs), out}}
}

func (s *FakeServer) renderCheckRun(ri *repoIndex, sha string, i int, run FakeCheckRun, pulls []ghCheckRunPull) ghCheckRun {
	id := stableID("check-run", ri.fullName, sha, i)
	api := s.URL + "repos/" + ri.fullName + "/check-runs/" + strconv.FormatInt(id, 10)
	html := githubWeb + ri.fullName + "/runs/" + strconv.FormatInt(id, 10)
	cr := ghCheckRun{
		ID:           id,
		HeadSHA:      sha,
		NodeID:       nodeID("CR", id),
		URL:          api,
		HTMLURL:      html,
		DetailsURL:   html,
		Status:       run.Status,
		StartedAt:    isoTimePtr(run.StartedAt),
		CompletedAt:  isoTimePtr(run.CompletedAt),
		Output:       ghCheckOutput{Title: stringPtr(run.Title), AnnotationsURL: api + "/annotations"},
		Name:         run.Name,
		App:          s.app(run.App),
		PullRequests: pulls,
	}
	cr.CheckSuite.ID = stableID("check-suite", ri.fullName, sha, run.App)
	if run.Workflow != "" {
		cr.CheckSuite.ID = stableID("check-suite", ri.fullName, sha, run.App, run.Workflow)
	}
	if run.DetailsURL != "" {
		cr.DetailsURL = run.DetailsURL
	}
	if run.Status == "completed" {
		cr.Conclusion = stringPtr(run.Conclusion)
	}
	return cr
}

// app renders a GitHub App by name; its slug is the name in lower case
// with dashes, as GitHub derives it.
func (s *FakeServer) app(name string) ghApp {
	slug := strings.ToLower(strings.Join(strings.Fields(name), "-"))
	id := stableID("app", slug)
	return ghApp{
		ID:        id,
		Slug:      slug,
		NodeID:    nodeID("A", id),
		Owner:     s.user(slug),
		Name:      name,
		HTMLURL:   githubWeb + "apps/" + slug,
		CreatedAt: "2018-05-04T01:14:52Z",
		UpdatedAt: "2018-05-04T01:14:52Z",
	}
}

// checkRunPulls are the repository's PRs whose head is sha, which GitHub
// lists in each of the commit's check runs.
func (s *FakeServer) checkRunPulls(ri *repoIndex, sha string) []ghCheckRunPull {
	out := []ghCheckRunPull{}
	repoID := stableID("repo", strings.ToLower(ri.fullName))
	_, name, _ := strings.Cut(ri.fullName, "/")
	for _, pi := range ri.pulls {
		if pi.headSHA(ri) != sha {
			continue
		}
		p := pi.pull
		pr := ghCheckRunPull{
			URL:    s.URL + "repos/" + ri.fullName + "/pulls/" + strconv.Itoa(p.Number),
			ID:     stableID("pull", ri.fullName, p.Number),
			Number: p.Number,
			Head:   ghCheckRunBase{Ref: p.Head, SHA: sha},
			Base:   ghCheckRunBase{Ref: p.Base, SHA: fakeSHA("base", ri.fullName, p.Base, strconv.Itoa(p.Number))},
		}
		for _, b := range []*ghCheckRunBase{&pr.Head, &pr.Base} {
			b.Repo.ID, b.Repo.URL, b.Repo.Name = repoID, s.URL+"repos/"+ri.fullName, name
		}
		out = append(out, pr)
	}
	slices.SortFunc(out, func(a, b ghCheckRunPull) int { return a.Number - b.Number })
	return out
}

type ghStatus struct {
	URL         string  `json:"url"`
	AvatarURL   string  `json:"avatar_url"`
	ID          int64   `json:"id"`
	NodeID      string  `json:"node_id"`
	State       string  `json:"state"`
	Description *string `json:"description"`
	TargetURL   *string `json:"target_url"`
	Context     string  `json:"context"`
	CreatedAt   string  `json:"created_at"`
	UpdatedAt   string  `json:"updated_at"`
}

type ghCombinedStatus struct {
	State      string     `json:"state"`
	Statuses   []ghStatus `json:"statuses"`
	SHA        string     `json:"sha"`
	TotalCount int        `json:"total_count"`
	Repository ghRepo     `json:"repository"`
	CommitURL  string     `json:"commit_url"`
	URL        string     `json:"url"`
}

// combinedStatus is the newest status of each context, newest first, with
// their overall state: failure if any failed or erred, else pending if any
// is pending or there are none, else success.
func (s *FakeServer) combinedStatus(r *http.Request, ri *repoIndex, sha string, checks *FakeChecks) reply {
	latest := map[string]FakeStatus{}
	for _, st := range checks.Statuses {
		if old, ok := latest[st.Context]; !ok || st.CreatedAt.After(old.CreatedAt) {
			latest[st.Context] = st
		}
	}
	all := make([]FakeStatus, 0, len(latest))
	for _, st := range latest {
		all = append(all, st)
	}
	slices.SortFunc(all, func(a, b FakeStatus) int {
		if c := b.CreatedAt.Compare(a.CreatedAt); c != 0 {
			return c
		}
		return strings.Compare(a.Context, b.Context)
	})
	state := "success"
	if len(all) == 0 {
		state = "pending"
	}
	for _, st := range all {
		switch {
		case st.State == "failure" || st.State == "error":
			state = "failure"
		case st.State == "pending" && state != "failure":
			state = "pending"
		}
	}
	pg := parsePaging(r.URL.Query())
	lo, hi := pg.bounds(len(all))
	api := s.URL + "repos/" + ri.fullName
	cs := ghCombinedStatus{
		State:      state,
		Statuses:   make([]ghStatus, 0, hi-lo),
		SHA:        sha,
		TotalCount: len(all),
		Repository: s.repoObject(ri.fullName),
		CommitURL:  api + "/commits/" + sha,
		URL:        api + "/commits/" + sha + "/status",
	}
	for _, st := range all[lo:hi] {
		id := stableID("status", ri.fullName, sha, st.Context, st.CreatedAt.Unix())
		cs.Statuses = append(cs.Statuses, ghStatus{
			URL:         api + "/statuses/" + sha,
			AvatarURL:   "https://avatars.githubusercontent.com/u/" + strconv.FormatInt(stableID("user", st.Context), 10) + "?v=4",
			ID:          id,
			NodeID:      nodeID("SC", id),
			State:       st.State,
			Description: stringPtr(st.Description),
			TargetURL:   stringPtr(st.TargetURL),
			Context:     st.Context,
			CreatedAt:   isoTime(st.CreatedAt),
			UpdatedAt:   isoTime(st.CreatedAt),
		})
	}
	return reply{status: http.StatusOK, paged: true, link: s.linkHeader(r, pg, len(all)), value: cs}
}
