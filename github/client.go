// Package github is everything in prscope that talks to the GitHub REST API:
// the client the UI and dump use, the on-disk cache and the rate-limit guard
// under it, the fake GitHub server the tests and the demo run against, and
// the embedded demo data.
//
// Requests go go-github → Cache.Transport → RateGuard → the network. The
// cache is a small RoundTripper of our own over one file per entry, written
// by atomic rename, rather than github.com/gregjones/httpcache (unmaintained:
// only a 2019 pseudo-version) or an embedded database such as bbolt or
// SQLite (a store we do not need: a file per entry and rename already make
// it safe against a crash at any moment); cache.go says more.
package github

import (
	"context"
	"fmt"
	"github.com/prscope/prscope/github/httpcache"
	"net/http"
	"net/url"
	"strings"
	"time"

	gogithub "github.com/google/go-github/v62/github"

	"github.com/prscope/prscope/model"
)

// DefaultAPIURL is github.com's REST API.
const DefaultAPIURL = "https://api.github.com/"

// MaxPerPage is the largest page GitHub serves.
const MaxPerPage = 100

// Options configure a Client.
type Options struct {
	BaseURL string        // REST API base, used as given; DefaultAPIURL when empty
	Token   string        // empty: unauthenticated (60 requests an hour)
	Timeout time.Duration // per request; 30s when zero
	// Transport overrides the network transport (tests). Nil: the default.
	Transport http.RoundTripper
	// Cache, when set, answers what it can and keeps what is fetched.
	Cache *httpcache.Cache
	// Offline sends nothing: only what Cache holds is answered, and the rest
	// fails "not cached (offline)".
	Offline bool
	// NotFoundHint, when set, is what a 404 suggests instead of checking
	// the name or the token (the demo says which repositories it has).
	NotFoundHint string
	// Now is the rate guard's clock (tests); time.Now when nil.
	Now func() time.Time
	// BodyLimits bound each response body; zero fields: DefaultBodyLimits.
	BodyLimits BodyLimits
}

// Client is a small, typed view of the endpoints prscope uses. It converts
// GitHub's large JSON objects into slim model types at once, sanitizing every
// string on the way in, so nothing downstream holds raw API text. It is safe
// for concurrent use.
type Client struct {
	gh            *gogithub.Client
	guard         *httpcache.RateGuard
	authenticated bool
	notFoundHint  string
	token         string        // only to keep it out of error messages
	timeout       time.Duration // per request, for messages
	logHTTP       *http.Client  // job log downloads: never a token (logclient.go)
	renames       *renameTransport
}

// NewClient builds a Client for opts.
func NewClient(opts Options) (*Client, error) {
	base := opts.BaseURL
	if base == "" {
		base = DefaultAPIURL
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("invalid API URL %q: want http(s)://host/path/", opts.BaseURL)
	}
	timeout := opts.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	network := opts.Transport
	if network == nil {
		network = http.DefaultTransport
	}
	if opts.Offline {
		network = httpcache.OfflineTransport{}
	}
	logHTTP := newLogClient(network, logTimeout(timeout))
	network = &limitTransport{limits: opts.BodyLimits.orDefault(), next: network}
	guard := httpcache.NewRateGuard(network, opts.Now)
	var transport http.RoundTripper = guard
	if opts.Cache != nil {
		transport = opts.Cache.Transport(guard, opts.Offline)
	}
	if opts.Token != "" {
		transport = &authTransport{origin: originOf(u), header: "Bearer " + opts.Token, next: transport}
	}
	renames := &renameTransport{base: u.Path, next: transport, moved: map[string]string{}}
	// Timeout bounds each whole exchange, redirects and body included.
	hc := &http.Client{Timeout: timeout, Transport: renames, CheckRedirect: checkRedirect}
	c := gogithub.NewClient(hc)
	// Set BaseURL as given: WithEnterpriseURLs would append api/v3/ to bare hosts.
	c.BaseURL = u
	c.UserAgent = "prscope"
	return &Client{gh: c, guard: guard, authenticated: opts.Token != "", token: opts.Token, timeout: timeout,
		notFoundHint: opts.NotFoundHint, logHTTP: logHTTP, renames: renames}, nil
}

// Renames are the repositories GitHub said were renamed (a 301 to
// /repositories/{id}), each found once; their requests now go to the new
// name.
func (c *Client) Renames() []Rename { return c.renames.renames() }

// RequestsSent counts the requests that went to the network (the cache
// answered the rest).
func (c *Client) RequestsSent() int { return c.guard.Sent() }

// Authenticated reports whether requests carry a token.
func (c *Client) Authenticated() bool { return c.authenticated }

// RateLimit returns the latest rate-limit state GitHub reported.
func (c *Client) RateLimit() model.RateLimit { return c.guard.RateLimit() }

// User returns the login of the token's owner (GET /user), sanitized.
// Without a token GitHub answers 401: callers ask only when Authenticated.
func (c *Client) User(ctx context.Context) (string, error) {
	u, _, err := c.gh.Users.Get(ctx, "")
	if err != nil {
		return "", c.wrapError(ctx, err, "the signed-in user")
	}
	login := model.SanitizeLine(u.GetLogin())
	if login == "" {
		return "", &APIError{Message: "malformed response from the API: no login in it",
			Subject: "the signed-in user", Hint: "the answer is not GitHub's JSON; try again"}
	}
	return login, nil
}

// ListPulls returns one page of repo's pull requests, newest first.
// state is "open", "closed" or "all".
func (c *Client) ListPulls(ctx context.Context, repo model.Repo, state string, page, perPage int) ([]model.PullRequest, model.Page, error) {
	opts := &gogithub.PullRequestListOptions{
		State:       state,
		Sort:        "created",
		Direction:   "desc",
		ListOptions: gogithub.ListOptions{Page: page, PerPage: perPage},
	}
	prs, resp, err := c.gh.PullRequests.List(ctx, repo.Owner, repo.Name, opts)
	if err != nil {
		return nil, model.Page{}, c.wrapError(ctx, err, repo.String())
	}
	out := make([]model.PullRequest, 0, len(prs))
	for _, p := range prs {
		if p != nil { // a null in the list: nothing to show
			out = append(out, convertPull(p))
		}
	}
	return out, pageOf(resp, page, perPage, len(out)), nil
}

// GetPull fetches one pull request, with its comment and commit counts.
func (c *Client) GetPull(ctx context.Context, repo model.Repo, number int) (model.PullRequest, error) {
	p, _, err := c.gh.PullRequests.Get(ctx, repo.Owner, repo.Name, number)
	if err != nil {
		return model.PullRequest{}, c.wrapError(ctx, err, fmt.Sprintf("%s#%d", repo, number))
	}
	if p.GetNumber() == 0 { // an empty body, JSON null or {}
		return model.PullRequest{}, &APIError{Message: "malformed response from the API: no pull request in it",
			Subject: model.SanitizeLine(fmt.Sprintf("%s#%d", repo, number)), Hint: "the answer is not GitHub's JSON; try again"}
	}
	pr := convertPull(p)
	pr.Comments = p.GetComments()
	pr.Commits = p.GetCommits()
	pr.Detailed = true
	return pr, nil
}

// Timeline returns one page of PR number's timeline, in GitHub's
// (chronological) order.
func (c *Client) Timeline(ctx context.Context, repo model.Repo, number, page, perPage int) ([]model.Event, model.Page, error) {
	// go-github's Timeline type lacks fields we show (html_url, lock_reason,
	// the commit author date), so decode into our own slim shape.
	path := fmt.Sprintf("repos/%s/%s/issues/%d/timeline?per_page=%d&page=%d",
		url.PathEscape(repo.Owner), url.PathEscape(repo.Name), number, perPage, page)
	req, err := c.gh.NewRequest(http.MethodGet, path, nil)
	if err != nil {
		return nil, model.Page{}, err
	}
	req.Header.Set("Accept", "application/vnd.github+json")
	var raw []timelineEvent
	resp, err := c.gh.Do(ctx, req, &raw)
	if err != nil {
		return nil, model.Page{}, c.wrapError(ctx, err, fmt.Sprintf("%s#%d timeline", repo, number))
	}
	events := make([]model.Event, 0, len(raw))
	for i := range raw {
		events = append(events, raw[i].convert(repo, page, i))
	}
	return events, pageOf(resp, page, perPage, len(events)), nil
}

// CommitMessage fetches the full message of commit sha in commitRepo
// ("owner/name", which may be a fork of the PR's repository). Both come
// from an API response: one that is no SHA or no repository name is
// refused (ErrBadIdentifier) before any request is built from it.
func (c *Client) CommitMessage(ctx context.Context, commitRepo, sha string) (string, error) {
	repo, err := commitIdent(commitRepo, sha)
	if err != nil {
		return "", err
	}
	commit, _, err := c.gh.Git.GetCommit(withBodyKind(ctx, bodyCommit), pathSegment(repo.Owner), pathSegment(repo.Name), pathSegment(sha))
	if err != nil {
		return "", c.wrapError(ctx, err, commitRepo+"@"+model.ShortSHA(sha))
	}
	return model.Sanitize(commit.GetMessage()), nil
}

// pageOf reads where a listing stands from the Link header go-github
// parsed, and where the answer came from from the cache's headers.
func pageOf(resp *gogithub.Response, page, perPage, got int) model.Page {
	p := model.Page{Next: resp.NextPage, Last: resp.LastPage, From: resp.Header.Get(httpcache.HeaderCache)}
	if t, err := time.Parse(time.RFC3339, resp.Header.Get(httpcache.HeaderStored)); err == nil {
		p.StoredAt = t
	}
	if page < 1 {
		page = 1
	}
	switch {
	case p.Next == 0:
		// The last page: now the total is exact.
		p.Total = (page-1)*perPage + got
		p.Last = page
	case p.Last > 0:
		p.Total = p.Last * perPage // an upper bound until the last page arrives
	}
	return p
}

func convertPull(p *gogithub.PullRequest) model.PullRequest {
	pr := model.PullRequest{
		Number:    p.GetNumber(),
		Title:     model.SanitizeLine(p.GetTitle()),
		State:     p.GetState(),
		Draft:     p.GetDraft(),
		User:      model.SanitizeLine(p.GetUser().GetLogin()),
		Head:      model.SanitizeLine(p.GetHead().GetRef()),
		Base:      model.SanitizeLine(p.GetBase().GetRef()),
		HeadSHA:   model.SanitizeLine(p.GetHead().GetSHA()),
		HeadRepo:  model.SanitizeLine(p.GetHead().GetRepo().GetFullName()),
		CreatedAt: p.GetCreatedAt().Time,
		UpdatedAt: p.GetUpdatedAt().Time,
		Body:      model.Sanitize(p.GetBody()),
		HTMLURL:   model.SanitizeLine(p.GetHTMLURL()),
	}
	if p.ClosedAt != nil {
		t := p.ClosedAt.Time
		pr.ClosedAt = &t
	}
	if p.MergedAt != nil {
		t := p.MergedAt.Time
		pr.MergedAt = &t
		pr.State = model.StateMerged
	}
	for _, l := range p.Labels {
		pr.Labels = append(pr.Labels, model.Label{Name: model.SanitizeLine(l.GetName()), Color: model.SanitizeLine(l.GetColor())})
	}
	return pr
}
