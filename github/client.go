// Package github is everything in prscope that talks to the GitHub REST API:
// the client the UI and dump use, the fake GitHub server the tests and the
// demo run against, and the embedded demo data.
package github

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	gh "github.com/google/go-github/v62/github"

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
	// Transport overrides the HTTP transport (tests, caching). Nil: the default.
	Transport http.RoundTripper
}

// Client is a small, typed view of the endpoints prscope uses. It converts
// GitHub's large JSON objects into slim model types at once, sanitizing every
// string on the way in, so nothing downstream holds raw API text. It is safe
// for concurrent use.
type Client struct {
	gh            *gh.Client
	authenticated bool

	mu   sync.Mutex
	rate model.RateLimit
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
	hc := &http.Client{Timeout: timeout, Transport: opts.Transport}
	c := gh.NewClient(hc)
	if opts.Token != "" {
		c = c.WithAuthToken(opts.Token)
	}
	// Set BaseURL as given: WithEnterpriseURLs would append api/v3/ to bare hosts.
	c.BaseURL = u
	c.UserAgent = "prscope"
	return &Client{gh: c, authenticated: opts.Token != ""}, nil
}

// Authenticated reports whether requests carry a token.
func (c *Client) Authenticated() bool { return c.authenticated }

// RateLimit returns the latest rate-limit state GitHub reported.
func (c *Client) RateLimit() model.RateLimit {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.rate
}

func (c *Client) noteResponse(resp *gh.Response) {
	if resp == nil || resp.Response == nil || resp.Header.Get("X-RateLimit-Limit") == "" {
		return
	}
	c.mu.Lock()
	c.rate = model.RateLimit{
		Limit:     resp.Rate.Limit,
		Remaining: resp.Rate.Remaining,
		Reset:     resp.Rate.Reset.Time,
		Known:     true,
	}
	c.mu.Unlock()
}

// ListPulls returns one page of repo's pull requests, newest first.
// state is "open", "closed" or "all".
func (c *Client) ListPulls(ctx context.Context, repo model.Repo, state string, page, perPage int) ([]model.PullRequest, model.Page, error) {
	opts := &gh.PullRequestListOptions{
		State:       state,
		Sort:        "created",
		Direction:   "desc",
		ListOptions: gh.ListOptions{Page: page, PerPage: perPage},
	}
	prs, resp, err := c.gh.PullRequests.List(ctx, repo.Owner, repo.Name, opts)
	c.noteResponse(resp)
	if err != nil {
		return nil, model.Page{}, wrapError(err, repo.String())
	}
	out := make([]model.PullRequest, 0, len(prs))
	for _, p := range prs {
		out = append(out, convertPull(p))
	}
	return out, pageOf(resp, page, perPage, len(out)), nil
}

// GetPull fetches one pull request, with its comment and commit counts.
func (c *Client) GetPull(ctx context.Context, repo model.Repo, number int) (model.PullRequest, error) {
	p, resp, err := c.gh.PullRequests.Get(ctx, repo.Owner, repo.Name, number)
	c.noteResponse(resp)
	if err != nil {
		return model.PullRequest{}, wrapError(err, fmt.Sprintf("%s#%d", repo, number))
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
	c.noteResponse(resp)
	if err != nil {
		return nil, model.Page{}, wrapError(err, fmt.Sprintf("%s#%d", repo, number))
	}
	events := make([]model.Event, 0, len(raw))
	for i := range raw {
		events = append(events, raw[i].convert(repo, page, i))
	}
	return events, pageOf(resp, page, perPage, len(events)), nil
}

// CommitMessage fetches the full message of commit sha in commitRepo
// ("owner/name", which may be a fork of the PR's repository).
func (c *Client) CommitMessage(ctx context.Context, commitRepo, sha string) (string, error) {
	owner, name, ok := strings.Cut(commitRepo, "/")
	if !ok || owner == "" || name == "" {
		return "", fmt.Errorf("commit %s: bad repository %q", model.ShortSHA(sha), commitRepo)
	}
	commit, resp, err := c.gh.Git.GetCommit(ctx, owner, name, sha)
	c.noteResponse(resp)
	if err != nil {
		return "", wrapError(err, commitRepo+"@"+model.ShortSHA(sha))
	}
	return model.Sanitize(commit.GetMessage()), nil
}

// pageOf reads where a listing stands from the Link header go-github parsed.
func pageOf(resp *gh.Response, page, perPage, got int) model.Page {
	p := model.Page{Next: resp.NextPage, Last: resp.LastPage}
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

func convertPull(p *gh.PullRequest) model.PullRequest {
	pr := model.PullRequest{
		Number:    p.GetNumber(),
		Title:     model.SanitizeLine(p.GetTitle()),
		State:     p.GetState(),
		Draft:     p.GetDraft(),
		User:      model.SanitizeLine(p.GetUser().GetLogin()),
		Head:      model.SanitizeLine(p.GetHead().GetRef()),
		Base:      model.SanitizeLine(p.GetBase().GetRef()),
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

// APIError is a failed API request, in words a user can act on.
type APIError struct {
	Status  int    // HTTP status; 0 for network errors
	Message string // GitHub's message, or the network error
	Subject string // what was asked for: "owner/repo", "owner/repo#12"
	Hint    string
}

func (e *APIError) Error() string {
	var b strings.Builder
	if e.Status != 0 {
		fmt.Fprintf(&b, "%d %s", e.Status, http.StatusText(e.Status))
		if e.Message != "" && e.Message != http.StatusText(e.Status) {
			b.WriteString(": " + e.Message)
		}
	} else {
		b.WriteString(e.Message)
	}
	if e.Subject != "" {
		b.WriteString(": " + e.Subject)
	}
	if e.Hint != "" {
		b.WriteString(" — " + e.Hint)
	}
	return b.String()
}

func wrapError(err error, subject string) error {
	subject = model.SanitizeLine(subject)
	var rl *gh.RateLimitError
	var abuse *gh.AbuseRateLimitError
	var er *gh.ErrorResponse
	switch {
	case errors.As(err, &rl):
		status := 0
		if rl.Response != nil {
			status = rl.Response.StatusCode
		}
		return &APIError{Status: status, Message: "API rate limit exceeded", Subject: subject,
			Hint: "resets at " + rl.Rate.Reset.Time.Local().Format("15:04") + tokenHint(rl.Rate.Limit)}
	case errors.As(err, &abuse):
		hint := "secondary rate limit; wait a little"
		if abuse.RetryAfter != nil {
			hint = fmt.Sprintf("secondary rate limit; retry in %s", abuse.RetryAfter.Round(time.Second))
		}
		return &APIError{Status: abuse.Response.StatusCode, Message: model.SanitizeLine(abuse.Message), Subject: subject, Hint: hint}
	case errors.As(err, &er) && er.Response != nil:
		status := er.Response.StatusCode
		e := &APIError{Status: status, Message: model.SanitizeLine(er.Message), Subject: subject}
		switch status {
		case http.StatusNotFound:
			e.Hint = "check the name, or your token's access"
		case http.StatusUnauthorized:
			e.Hint = "the token was refused; check GH_TOKEN / GITHUB_TOKEN"
		case http.StatusForbidden:
			e.Hint = "no access with this token"
		}
		return e
	}
	if errors.Is(err, context.Canceled) {
		return err
	}
	var syntax *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &syntax) || errors.As(err, &typeErr) || errors.Is(err, io.ErrUnexpectedEOF) {
		return &APIError{Message: "malformed response from the API: " + model.SanitizeLine(err.Error()), Subject: subject}
	}
	msg := err.Error()
	var ue *url.Error
	if errors.As(err, &ue) {
		msg = ue.Err.Error()
		if ue.Timeout() {
			msg = "request timed out"
		}
	}
	return &APIError{Message: model.SanitizeLine(msg), Subject: subject, Hint: "network error"}
}

func tokenHint(limit int) string {
	if limit > 0 && limit <= 60 {
		return "; set GH_TOKEN for 5,000 requests an hour"
	}
	return ""
}
