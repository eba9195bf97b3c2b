package model

import (
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"unicode"
)

// UsageError is a mistake in what the user typed on the command line, as
// opposed to a failure while running; main exits with status 2 for it.
type UsageError struct {
	Msg string
}

func (e *UsageError) Error() string { return e.Msg }

func usageErrorf(format string, args ...any) *UsageError {
	return &UsageError{Msg: fmt.Sprintf(format, args...)}
}

// Target is what prscope was asked to show: a repository, and optionally
// one of its pull requests.
type Target struct {
	Repo   Repo
	Number int // 0 when no pull request was named
	// Host is the GitHub host a URL named (NormalizeHost'd: "github.com",
	// or an enterprise host such as "ghe.example.com"); "" when the target
	// was OWNER/REPO, which leaves the host to --hostname, GH_HOST or gh.
	Host string
}

// GitHubHost is github.com's web host, the default host.
const GitHubHost = "github.com"

// NormalizeHost lowercases a host and folds github.com's own subdomains
// (www., ssh.) into github.com, as gh does, so hosts compare equal.
func NormalizeHost(host string) string {
	host = strings.ToLower(host)
	if strings.HasSuffix(host, "."+GitHubHost) {
		return GitHubHost
	}
	return host
}

// notGitHub are forges whose URLs look enough like GitHub's to be typed
// here by mistake; any other host may be a GitHub Enterprise Server.
var notGitHub = map[string]bool{"gitlab.com": true, "bitbucket.org": true, "codeberg.org": true}

// GitHub's limits on names, so that a typo fails here with a clear message
// instead of as a 404 after a network round trip.
const (
	maxOwnerLen = 39
	maxRepoLen  = 100
)

// ParseTarget parses the command-line target. It accepts
//
//	OWNER/REPO
//	OWNER/REPO#N
//	https://github.com/OWNER/REPO
//	https://github.com/OWNER/REPO/pull/N
//	https://HOST/OWNER/REPO/pull/N   (GitHub Enterprise Server)
//
// where the URL may also use http, www.github.com or no scheme at all, and
// may carry a trailing slash, a /files, /commits or /checks tab, a query
// string or a fragment such as #issuecomment-123. Errors are *UsageError.
func ParseTarget(s string) (Target, error) {
	if s == "" {
		return Target{}, usageErrorf("missing target: want OWNER/REPO, OWNER/REPO#N or a github.com pull request URL")
	}
	if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
		return Target{}, usageErrorf("invalid target %q: contains whitespace", s)
	}
	if isURLLike(s) {
		return parseTargetURL(s)
	}

	repoPart, numberPart, hasNumber := strings.Cut(s, "#")
	repo, err := parseRepo(repoPart)
	if err != nil {
		return Target{}, err
	}
	t := Target{Repo: repo}
	if hasNumber {
		if t.Number, err = parsePullNumber(numberPart); err != nil {
			return Target{}, err
		}
	}
	return t, nil
}

// isURLLike reports whether s should be read as a URL rather than
// OWNER/REPO. A bare "github.com/…" counts, and so does HOST/OWNER/REPO/…
// with a dot in HOST: an owner cannot contain a dot.
func isURLLike(s string) bool {
	lower := strings.ToLower(s)
	for _, prefix := range []string{"http://", "https://", "github.com/", "www.github.com/"} {
		if strings.HasPrefix(lower, prefix) {
			return true
		}
	}
	first, _, _ := strings.Cut(s, "/")
	return strings.Contains(s, "://") || strings.Count(s, "/") >= 2 && strings.Contains(first, ".")
}

func parseTargetURL(s string) (Target, error) {
	raw := s
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		return Target{}, usageErrorf("invalid URL %q: %v", s, unwrapURLError(err))
	}
	scheme := strings.ToLower(u.Scheme)
	host := NormalizeHost(u.Host)
	switch {
	case scheme != "https" && scheme != "http", u.User != nil, u.Hostname() == "",
		NormalizeHost(u.Hostname()) == GitHubHost && u.Port() != "": // github.com has no other port
		return Target{}, usageErrorf("unsupported URL %q: want https://HOST/OWNER/REPO/pull/N", s)
	case HostProblem(u.Host) != "":
		return Target{}, usageErrorf("unsupported URL %q: %s", s, HostProblem(u.Host))
	case strings.ToLower(u.Hostname()) == "api."+GitHubHost:
		return Target{}, usageErrorf("unsupported URL %q: that is the API, want https://github.com/OWNER/REPO/pull/N", s)
	case notGitHub[host]:
		return Target{}, usageErrorf("unsupported URL %q: %s is not GitHub", s, host)
	}

	segments := strings.Split(strings.Trim(u.Path, "/"), "/")
	notPull := func() (Target, error) {
		return Target{}, usageErrorf("unsupported URL %q: not a pull request URL, want https://%s/OWNER/REPO/pull/N", s, host)
	}
	if len(segments) < 2 {
		return notPull()
	}
	// Clone URLs end in .git; the repository is the same.
	repo, err := parseRepo(segments[0] + "/" + strings.TrimSuffix(segments[1], ".git"))
	if err != nil {
		return Target{}, err
	}
	t := Target{Repo: repo, Host: host}
	rest := segments[2:]
	switch {
	case len(rest) == 0, len(rest) == 1 && rest[0] == "pulls":
		return t, nil
	case rest[0] != "pull" || len(rest) < 2:
		return notPull()
	}
	if t.Number, err = parsePullNumber(rest[1]); err != nil {
		return Target{}, err
	}
	// The PR page's tabs, and a commit or file within them, are still that PR.
	if len(rest) > 2 {
		switch rest[2] {
		case "files", "commits", "checks":
		default:
			return notPull()
		}
	}
	return t, nil
}

// unwrapURLError drops url.Error's repetition of the URL, which the caller
// already quotes.
func unwrapURLError(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}

func parseRepo(s string) (Repo, error) {
	owner, name, ok := strings.Cut(s, "/")
	if !ok || strings.Contains(name, "/") {
		return Repo{}, usageErrorf("invalid repository %q: want OWNER/REPO", s)
	}
	if owner == "" {
		return Repo{}, usageErrorf("invalid repository %q: missing owner before the slash", s)
	}
	if name == "" {
		return Repo{}, usageErrorf("invalid repository %q: missing repository name after the slash", s)
	}
	if problem := ownerProblem(owner); problem != "" {
		return Repo{}, usageErrorf("invalid owner %q in %q: %s", owner, s, problem)
	}
	if problem := repoNameProblem(name); problem != "" {
		return Repo{}, usageErrorf("invalid repository name %q in %q: %s", name, s, problem)
	}
	return Repo{Owner: owner, Name: name}, nil
}

// ownerProblem says what is wrong with a user or organization name, or ""
// when GitHub would accept it.
func ownerProblem(owner string) string {
	if len(owner) > maxOwnerLen {
		return fmt.Sprintf("longer than %d characters", maxOwnerLen)
	}
	for i := 0; i < len(owner); i++ {
		c := owner[i]
		if !isASCIIAlnum(c) && c != '-' {
			return "only letters, digits and hyphens are allowed"
		}
	}
	if owner[0] == '-' || owner[len(owner)-1] == '-' {
		return "must not begin or end with a hyphen"
	}
	if strings.Contains(owner, "--") {
		return "must not contain consecutive hyphens"
	}
	return ""
}

// repoNameProblem says what is wrong with a repository name, or "" when
// GitHub would accept it.
func repoNameProblem(name string) string {
	if len(name) > maxRepoLen {
		return fmt.Sprintf("longer than %d characters", maxRepoLen)
	}
	if name == "." || name == ".." {
		return "not a repository name"
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !isASCIIAlnum(c) && c != '-' && c != '_' && c != '.' {
			return "only letters, digits, '-', '_' and '.' are allowed"
		}
	}
	return ""
}

func isASCIIAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// parsePullNumber accepts decimal digits only: no sign, no spaces, and no
// value GitHub could never have (its numbers are 32-bit).
func parsePullNumber(s string) (int, error) {
	if s == "" || strings.TrimLeft(s, "0123456789") != "" {
		return 0, usageErrorf("invalid pull request number %q: must be a positive integer", s)
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n > math.MaxInt32 {
		return 0, usageErrorf("invalid pull request number %q: too large", s)
	}
	if n == 0 {
		return 0, usageErrorf("invalid pull request number %q: must be a positive integer", s)
	}
	return int(n), nil
}

// WebRoot is the scheme and host of a GitHub web URL, with a trailing
// slash ("https://github.com/"), or "" when u is not an http(s) URL. It
// builds links to commits on the same GitHub (or GitHub Enterprise) as the
// PR they are shown with.
func WebRoot(u string) string {
	parsed, err := url.Parse(u)
	if err != nil || (parsed.Scheme != "https" && parsed.Scheme != "http") || parsed.Host == "" {
		return ""
	}
	return parsed.Scheme + "://" + parsed.Host + "/"
}

// SafeWebURL reports whether u may be handed to a browser: an absolute
// http(s) URL with a host. A URL from the API could say file:// or
// javascript:, which must never reach the browser.
func SafeWebURL(u string) bool { return WebRoot(u) != "" && !strings.ContainsAny(u, " \t\r\n") }
