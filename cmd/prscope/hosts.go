package main

import (
	"fmt"

	"github.com/cli/go-gh/v2/pkg/auth"

	"github.com/prscope/prscope/model"
)

// Auth and hosts follow gh through go-gh, gh's own library: the same
// token order, the same hosts.yml, and the same fallback to `gh auth
// token` when gh keeps its token in the system keyring. So whatever
// `gh auth login` set up works here unchanged.

// lookups is where prscope looks beyond its command line and environment
// variables: gh's stored login and the git repository it runs in.
// Environment variables always come from run's getenv; these read files
// and run programs, so tests replace them (hermeticLookups in
// hosts_test.go) and no test reads the real gh login or git repository.
type lookups struct {
	// ghToken is the token gh stored for host: hosts.yml, else `gh auth
	// token --hostname HOST` (the keyring); "" when there is none.
	ghToken func(host string) string
	// ghHosts are the hosts gh is logged in to.
	ghHosts func() []string
	// ghDefaultHost is the host gh is logged in to when it is the only
	// one, as gh takes it for its default; "" otherwise.
	ghDefaultHost func() string
	// gitRemotes is the current git repository's remotes as `git config
	// --get-regexp` prints them; "" outside a repository.
	gitRemotes func() string
}

// machine is what run uses; tests swap in their own.
var machine = ghAndGit

// ghAndGit looks at the real gh login and git repository.
var ghAndGit = lookups{
	ghToken: func(host string) string {
		// go-gh checks the environment variables first, as we just did
		// through getenv: in production that is the same environment.
		token, _ := auth.TokenForHost(host)
		return token
	},
	ghHosts: auth.KnownHosts,
	ghDefaultHost: func() string {
		if host, source := auth.DefaultHost(); source == "hosts" {
			return host
		}
		return ""
	},
	gitRemotes: func() string { return gitRemotesIn("") },
}

// tokenFor is the token for host in gh's order: GH_TOKEN, GITHUB_TOKEN for
// github.com (and GitHub's other cloud hosts), GH_ENTERPRISE_TOKEN,
// GITHUB_ENTERPRISE_TOKEN for an enterprise server; then gh's stored login.
func tokenFor(host string, getenv func(string) string, stored func(string) string) string {
	vars := []string{"GH_TOKEN", "GITHUB_TOKEN"}
	if auth.IsEnterprise(host) {
		vars = []string{"GH_ENTERPRISE_TOKEN", "GITHUB_ENTERPRISE_TOKEN"}
	}
	for _, v := range vars {
		if t := getenv(v); t != "" {
			return t
		}
	}
	if stored == nil {
		return ""
	}
	return stored(host)
}

// apiBaseURL is host's REST API, as gh computes it: api.github.com for
// github.com, HOST/api/v3/ for an enterprise server, api.HOST for
// GitHub's other cloud hosts (SUBDOMAIN.ghe.com).
func apiBaseURL(host string) string {
	switch h := auth.NormalizeHostname(host); {
	case auth.IsEnterprise(h):
		return "https://" + h + "/api/v3/"
	case h == "github.localhost":
		return "http://api.github.localhost/"
	default:
		return "https://api." + h + "/"
	}
}

// pickHost is the GitHub host to talk to: the one the target named (a
// URL, GH_REPO's HOST/, a git remote), else --hostname, GH_HOST, the one
// host gh is logged in to, github.com. A --hostname the target
// contradicts is a usage error: one of them is a mistake.
func pickHost(targetHost, hostname string, getenv func(string) string) (string, error) {
	hostname = model.NormalizeHost(hostname)
	switch {
	case targetHost != "" && hostname != "" && targetHost != hostname:
		return "", fmt.Errorf("the repository is on %s but --hostname says %s: give one", targetHost, hostname)
	case targetHost != "":
		return targetHost, nil
	case hostname != "":
		return hostname, nil
	}
	if h := getenv("GH_HOST"); h != "" {
		return model.NormalizeHost(h), nil
	}
	if machine.ghDefaultHost != nil {
		if h := machine.ghDefaultHost(); h != "" {
			if p := model.HostProblem(h); p != "" {
				return "", fmt.Errorf("gh's login names host %q: %s", h, p)
			}
			return model.NormalizeHost(h), nil
		}
	}
	return model.GitHubHost, nil
}

// checkHostInputs refuses a --hostname or GH_HOST that is not a host name
// (with an optional :PORT): the API URL is built from it, and
// "github.com:443@evil.example" would send the token to evil.example.
// Both are checked whether or not they end up used (the target or --demo
// may win): a mistake all the same, and the next run may use it.
func checkHostInputs(hostname string, getenv func(string) string) error {
	if p := model.HostProblem(hostname); hostname != "" && p != "" {
		return fmt.Errorf("invalid --hostname %q: %s", hostname, p)
	}
	if h := getenv("GH_HOST"); h != "" {
		if p := model.HostProblem(h); p != "" {
			return fmt.Errorf("invalid GH_HOST %q: %s", h, p)
		}
	}
	return nil
}

// resolveHost sets the API base for the host (unless --api-url or
// PRSCOPE_API_URL gave one) and the token for it.
func (o *options) resolveHost(getenv func(string) string) error {
	host, err := pickHost(o.target.Host, o.hostname, getenv)
	if err != nil {
		return err
	}
	if o.apiURL == "" && host != model.GitHubHost {
		o.apiURL = apiBaseURL(host)
	}
	o.token = tokenFor(host, getenv, machine.ghToken)
	return nil
}
