package github

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/prscope/prscope/github/httpcache"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	gogithub "github.com/google/go-github/v62/github"

	"github.com/prscope/prscope/model"
)

// APIError is a failed API request, in words a user can act on. Every field
// is one sanitized line, and none holds the token.
type APIError struct {
	Status  int    // HTTP status; 0 when no usable answer arrived (network error, timeout, malformed or cut-off body, endless pagination)
	Message string // GitHub's message, or what went wrong
	Subject string // what was asked for: "owner/repo", "owner/repo#12"
	Hint    string // what to do about it

	// Unsent: the request was never sent (a rate limit still in force):
	// Status is the answer it stands for, not one GitHub gave.
	Unsent bool

	// RetryAfter is how long GitHub asked to wait after a secondary rate
	// limit (its Retry-After); 0 when it did not say or for other errors.
	RetryAfter time.Duration
	// Reset is when a used-up primary rate limit refills; zero otherwise.
	Reset time.Time
	// TimedOut: no answer came within the timeout.
	TimedOut bool
	// SecondaryLimit: GitHub answered with its secondary rate limit (or
	// the guard stood in for it, Unsent): asked again after the backoff,
	// the request may well succeed.
	SecondaryLimit bool
}

func (e *APIError) Error() string {
	var b strings.Builder
	// GitHub's messages are sentences: their full stop would sit before
	// the colon that names the subject ("rate limit.: acme/big#7").
	msg := strings.TrimSuffix(e.Message, ".")
	if e.Status != 0 && !e.Unsent {
		fmt.Fprintf(&b, "%d %s", e.Status, http.StatusText(e.Status))
		if msg != "" && e.Message != http.StatusText(e.Status) {
			b.WriteString(": " + msg)
		}
	} else {
		b.WriteString(msg) // nothing was sent, so no status was answered
	}
	if e.Subject != "" {
		b.WriteString(": " + e.Subject)
	}
	if e.Hint != "" {
		b.WriteString(" — " + e.Hint)
	}
	return b.String()
}

// Short is the error for one line (a status bar): GitHub's own message is
// left out when there is a hint, which says more in less room.
func (e *APIError) Short() string {
	if e.Hint == "" || e.Status == 0 {
		return e.Error()
	}
	short := *e
	short.Message = ""
	return short.Error()
}

// maxMessage bounds the length, in runes, of a message taken from a response.
const maxMessage = 300

// wrapError turns what go-github or net/http returned for a request made
// with ctx into an *APIError; a canceled context is returned as it is.
func (c *Client) wrapError(ctx context.Context, err error, subject string) error {
	e := c.describe(ctx, err, model.SanitizeLine(subject))
	if e == nil {
		return err
	}
	if c.token != "" {
		// GitHub never echoes a token, but whatever answered may.
		for _, s := range []*string{&e.Message, &e.Subject, &e.Hint} {
			*s = strings.ReplaceAll(*s, c.token, "[token]")
		}
	}
	return e
}

func (c *Client) describe(ctx context.Context, err error, subject string) *APIError {
	var rl *gogithub.RateLimitError
	var abuse *gogithub.AbuseRateLimitError
	var er *gogithub.ErrorResponse
	switch {
	case errors.As(err, &rl):
		return primaryLimit(statusOf(rl.Response), subject, c.tokenHint(rl.Rate.Limit), rl.Rate.Reset.Time, notSent(rl.Message))
	case errors.As(err, &abuse):
		var after time.Duration
		if abuse.RetryAfter != nil {
			after = *abuse.RetryAfter
		}
		msg := githubMessage(abuse.Message)
		if notSent(abuse.Message) {
			msg = "secondary rate limit still in force; request not sent"
		}
		return secondaryLimit(statusOf(abuse.Response), msg, subject, after)
	case errors.As(err, &er) && er.Response != nil:
		return c.describeResponse(er, subject)
	case errors.Is(err, context.Canceled):
		return nil
	}
	var tooLarge *httpcache.BodyTooLargeError
	switch {
	case errors.As(err, &tooLarge):
		return &APIError{Message: tooLarge.Error(), Subject: subject,
			Hint: "nothing of it was kept; GitHub sends nothing this large, so whatever answered is not GitHub"}
	case errors.Is(err, errRedirectDowngrade):
		return &APIError{Message: errRedirectDowngrade.Error(), Subject: subject,
			Hint: "the API redirected to an address without TLS; not followed"}
	}
	if timedOut(err) {
		msg := "request timed out"
		if ctx.Err() == nil {
			msg += " after " + formatWait(c.timeout) // the client's timeout, not the caller's deadline
		}
		return &APIError{Message: msg, Subject: subject, Hint: "no answer from the server; try again, or allow longer with --timeout",
			TimedOut: true}
	}
	var syntax *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return &APIError{Message: "response cut off before its end (unexpected EOF)", Subject: subject,
			Hint: "the connection closed mid-answer; try again"}
	case errors.As(err, &syntax) || errors.As(err, &typeErr):
		return &APIError{Message: "malformed response from the API: " + clipLine(model.SanitizeLine(err.Error()), maxMessage), Subject: subject,
			Hint: "the answer is not GitHub's JSON; try again"}
	}
	msg := err.Error()
	var ue *url.Error
	if errors.As(err, &ue) {
		msg = ue.Err.Error()
		if errors.Is(ue.Err, io.EOF) {
			msg = "the server closed the connection without answering"
		}
	}
	return &APIError{Message: clipLine(model.SanitizeLine(msg), maxMessage), Subject: subject, Hint: "network error"}
}

// describeResponse explains an error status GitHub answered with.
func (c *Client) describeResponse(er *gogithub.ErrorResponse, subject string) *APIError {
	status, h := er.Response.StatusCode, er.Response.Header
	secondary := strings.Contains(strings.ToLower(er.Message), "secondary rate limit")
	limit, _ := strconv.Atoi(rateHeader(h, "Limit"))
	if r := rateHeader(h, "Resource"); r != "" && r != model.ResourceCore {
		limit = 0 // a search budget (30 a minute) is small anyway: no token hint from it
	}
	switch {
	case h.Get(httpcache.HeaderOffline) != "":
		return &APIError{Message: httpcache.NotCachedOffline, Subject: subject, Hint: "only what was seen online can be shown offline"}
	case h.Get(httpcache.HeaderRefused) != "" && h.Get(httpcache.HeaderRateReset) != "":
		reset, _ := time.Parse(time.RFC3339, h.Get(httpcache.HeaderRateReset))
		return primaryLimit(status, subject, c.tokenHint(limit), reset, true)
	case h.Get(httpcache.HeaderRefused) != "":
		secs, _ := strconv.Atoi(h.Get(httpcache.HeaderRetryAfter))
		e := secondaryLimit(status, "secondary rate limit still in force; request not sent", subject, time.Duration(secs)*time.Second)
		e.Unsent = true
		return e
	case (status == http.StatusForbidden || status == http.StatusTooManyRequests) && rateHeader(h, "Remaining") == "0" && !secondary:
		// The rate guard renames the headers, so go-github sees a plain
		// 403 or 429 (it would recognise only the 403 form anyway).
		var reset time.Time
		if n, err := strconv.ParseInt(rateHeader(h, "Reset"), 10, 64); err == nil {
			reset = time.Unix(n, 0)
		}
		return primaryLimit(status, subject, c.tokenHint(limit), reset, false)
	case status == http.StatusTooManyRequests || (status == http.StatusForbidden && (secondary || h.Get("Retry-After") != "")):
		// go-github v62 does not recognise 429, nor a 403 whose
		// documentation_url it does not know, as a secondary limit.
		return secondaryLimit(status, githubMessage(er.Message), subject, httpcache.RetryAfter(h, time.Now()))
	}
	e := &APIError{Status: status, Message: githubMessage(er.Message), Subject: subject}
	switch {
	case status == http.StatusUnauthorized:
		e.Hint = "the token was refused; check GH_TOKEN / GITHUB_TOKEN"
		if !c.authenticated {
			e.Hint = "GitHub wants a token; set GH_TOKEN / GITHUB_TOKEN"
		}
	case status == http.StatusForbidden && (strings.HasPrefix(h.Get("X-GitHub-SSO"), "required") || strings.Contains(er.Message, "SAML")):
		e.Hint = "the organization enforces SAML SSO; authorize your token for it in GitHub's token settings"
		if u := c.ssoURL(h.Get("X-GitHub-SSO")); u != "" {
			e.Hint = "authorize your token for SSO: " + u
		}
	case status == http.StatusForbidden:
		e.Hint = "this token has no access to it; check the token's permissions"
		if !c.authenticated {
			e.Hint = "no access without a token; set GH_TOKEN / GITHUB_TOKEN"
		}
	case status == http.StatusNotFound:
		e.Hint = "check the name, or your token's access"
		if !c.authenticated {
			e.Hint = "check the name; a private repository needs GH_TOKEN / GITHUB_TOKEN"
		}
		if c.notFoundHint != "" {
			e.Hint = c.notFoundHint
		}
	case status == http.StatusGone:
		e.Hint = "it was removed or turned off on GitHub"
	case status == http.StatusUnprocessableEntity:
		if d := errorDetails(er.Errors); d != "" {
			e.Message = clipLine(e.Message+" ("+d+")", maxMessage)
		}
	case status >= 500:
		e.Hint = "GitHub is having trouble; try again in a moment"
	}
	return e
}

// rateHeader reads X-RateLimit-<name>, under the rate guard's name
// (X-Prscope-RateLimit-<name>) or GitHub's.
func rateHeader(h http.Header, name string) string {
	if v := h.Get("X-Prscope-RateLimit-" + name); v != "" {
		return v
	}
	return h.Get("X-RateLimit-" + name)
}

func statusOf(r *http.Response) int {
	if r == nil {
		return 0
	}
	return r.StatusCode
}

// notSent reports go-github's own message for a request it did not send
// because a rate limit was known to be still in force.
func notSent(msg string) bool { return strings.Contains(msg, "not making remote request") }

func primaryLimit(status int, subject, tokenHint string, reset time.Time, unsent bool) *APIError {
	e := &APIError{Status: status, Message: "API rate limit exceeded", Subject: subject, Reset: reset}
	if reset.IsZero() {
		e.Hint = "rate limit used up; wait for it to reset"
	} else {
		e.Hint = "rate limit used up; resets at " + reset.Local().Format("15:04")
	}
	e.Hint += tokenHint
	if unsent {
		e.Hint += "; request not sent"
		e.Unsent = true
	}
	return e
}

func secondaryLimit(status int, msg, subject string, after time.Duration) *APIError {
	if msg == "" {
		msg = "secondary rate limit exceeded"
	}
	e := &APIError{Status: status, Message: msg, Subject: subject, Hint: "secondary rate limit; wait a minute before retrying", SecondaryLimit: true}
	if after > 0 {
		e.RetryAfter = max(after.Round(time.Second), time.Second)
		e.Hint = "secondary rate limit; retry in " + formatWait(e.RetryAfter)
	}
	return e
}

// formatWait writes d as "30s", "2m", "1m30s" or "1h".
func formatWait(d time.Duration) string {
	if d < time.Second {
		return d.String()
	}
	s := d.Round(time.Second).String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

func timedOut(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// githubMessage is GitHub's message made one short, safe line: secondary
// rate-limit messages keep their first sentence, and the support
// boilerplate (a request ID) goes.
func githubMessage(msg string) string {
	msg, _, _ = strings.Cut(msg, " If you reach out to GitHub Support")
	if strings.Contains(strings.ToLower(msg), "secondary rate limit") {
		if i := strings.Index(msg, ". "); i >= 0 {
			msg = msg[:i+1]
		}
	}
	return clipLine(model.SanitizeLine(msg), maxMessage)
}

// errorDetails summarises a 422's "errors": "state invalid".
func errorDetails(errs []gogithub.Error) string {
	var parts []string
	for _, e := range errs[:min(len(errs), 3)] {
		part := e.Message
		if part == "" {
			part = strings.TrimSpace(e.Field + " " + e.Code)
		}
		if part = model.SanitizeLine(part); part != "" {
			parts = append(parts, part)
		}
	}
	return strings.Join(parts, "; ")
}

// ssoURL is the authorization URL of an X-GitHub-SSO header
// ("required; url=https://github.com/orgs/ORG/sso?authorization_request=…"),
// only if it leads to github.com over https or to the API's own host;
// anything else is not shown.
func (c *Client) ssoURL(header string) string {
	for _, part := range strings.Split(header, ";") {
		raw, ok := strings.CutPrefix(strings.TrimSpace(part), "url=")
		if !ok {
			continue
		}
		u, err := url.Parse(raw)
		if err != nil || u.User != nil || u.Opaque != "" {
			return ""
		}
		base := c.gh.BaseURL
		if !(u.Scheme == "https" && strings.EqualFold(u.Host, "github.com")) &&
			!(u.Scheme == base.Scheme && strings.EqualFold(u.Host, base.Host)) {
			return ""
		}
		s := u.String()
		if len(s) > 512 || s != model.SanitizeLine(s) || strings.ContainsAny(s, " \t") {
			return ""
		}
		return s
	}
	return ""
}

// clipLine cuts s to at most n runes, marking the cut with "…".
func clipLine(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	runes := []rune(s)
	return string(runes[:n-1]) + "…"
}

// tokenHint is what a used-up limit suggests: a token, when none is in
// use and the server's limit is the anonymous one (60 an hour). With a
// token, whatever its budget, the advice would be wrong.
func (c *Client) tokenHint(limit int) string {
	if !c.authenticated && limit > 0 && limit <= 60 {
		return "; set GH_TOKEN for 5,000 requests an hour"
	}
	return ""
}
