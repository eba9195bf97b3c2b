package model

import (
	"net/url"
	"sort"
	"strings"
)

// Remote is a git remote that points at a GitHub repository.
type Remote struct {
	Name string
	Host string // NormalizeHost'd
	Repo Repo
	// Base is set when `gh repo set-default` chose this remote
	// (remote.NAME.gh-resolved = base): gh then uses it before any other.
	Base bool
}

// ParseRemoteURL reads the repository a git remote URL points at:
//
//	https://HOST/OWNER/REPO(.git)
//	git@HOST:OWNER/REPO(.git)        (scp-like)
//	ssh://git@HOST(:PORT)/OWNER/REPO(.git)
//	git://HOST/OWNER/REPO(.git)
//
// ok is false for anything else (a path, a file:// URL, more or fewer
// path segments, a name GitHub would refuse).
func ParseRemoteURL(raw string) (host string, repo Repo, ok bool) {
	raw = strings.TrimSpace(raw)
	var path string
	switch {
	case strings.Contains(raw, "://"):
		u, err := url.Parse(raw)
		if err != nil {
			return "", Repo{}, false
		}
		switch strings.ToLower(u.Scheme) {
		case "https", "http":
			host = u.Host // an https port is part of where the server is
		case "ssh", "git", "git+ssh", "ssh+git":
			host = u.Hostname() // an ssh port is not
		default:
			return "", Repo{}, false
		}
		path = u.Path
	default:
		// scp-like: [user@]host:path, where host has no slash before the colon.
		before, after, found := strings.Cut(raw, ":")
		// A one-letter "host" is a Windows drive (C:/repos/x), as git reads it.
		if !found || strings.Contains(before, "/") || len(before) == 1 {
			return "", Repo{}, false
		}
		if i := strings.LastIndex(before, "@"); i >= 0 {
			before = before[i+1:]
		}
		host, path = before, after
	}
	if HostProblem(host) != "" {
		return "", Repo{}, false // the API URL is built from it
	}
	path = strings.TrimSuffix(strings.Trim(path, "/"), ".git")
	r, err := parseRepo(path)
	if err != nil {
		return "", Repo{}, false
	}
	return NormalizeHost(host), r, true
}

// ParseGitRemotes reads the output of `git config --get-regexp
// '^remote\..*\.(url|gh-resolved)$'`: lines of "remote.NAME.url URL" and
// "remote.NAME.gh-resolved base". Remotes whose URL is not a GitHub-shaped
// repository URL are left out.
func ParseGitRemotes(out string) []Remote {
	urls := map[string]string{}
	base := map[string]bool{}
	var order []string
	for _, line := range strings.Split(out, "\n") {
		k, v, _ := strings.Cut(strings.TrimSpace(line), " ")
		rest, ok := strings.CutPrefix(k, "remote.")
		if !ok {
			continue
		}
		// Remote names may contain dots: the key is the last part.
		i := strings.LastIndex(rest, ".")
		if i <= 0 {
			continue
		}
		name, key := rest[:i], rest[i+1:]
		switch key {
		case "url":
			if _, seen := urls[name]; !seen { // the first url is the one fetched
				urls[name] = strings.TrimSpace(v)
				order = append(order, name)
			}
		case "gh-resolved":
			base[name] = strings.TrimSpace(v) == "base"
		}
	}
	var remotes []Remote
	for _, name := range order {
		if host, repo, ok := ParseRemoteURL(urls[name]); ok {
			remotes = append(remotes, Remote{Name: name, Host: host, Repo: repo, Base: base[name]})
		}
	}
	return remotes
}

// remoteRank orders remotes as gh does: upstream, github, origin, then
// the rest in git's order.
func remoteRank(name string) int {
	switch strings.ToLower(name) {
	case "upstream":
		return 0
	case "github":
		return 1
	case "origin":
		return 2
	}
	return 3
}

// PickRemote chooses the remote whose repository to browse, as gh does:
// the one `gh repo set-default` marked, else by name (upstream, github,
// origin, others). Only remotes on hosts count: with prefer set (--hostname
// or GH_HOST), remotes on that host if there are any; else those on
// github.com or any of hosts (the hosts gh is logged in to).
func PickRemote(remotes []Remote, prefer string, hosts []string) (Remote, bool) {
	on := func(allowed map[string]bool) []Remote {
		var out []Remote
		for _, r := range remotes {
			if allowed[r.Host] {
				out = append(out, r)
			}
		}
		return out
	}
	var candidates []Remote
	if prefer != "" {
		candidates = on(map[string]bool{NormalizeHost(prefer): true})
	}
	if len(candidates) == 0 {
		allowed := map[string]bool{GitHubHost: true}
		if prefer != "" {
			allowed[NormalizeHost(prefer)] = true
		}
		for _, h := range hosts {
			allowed[NormalizeHost(h)] = true
		}
		candidates = on(allowed)
	}
	if len(candidates) == 0 {
		return Remote{}, false
	}
	sort.SliceStable(candidates, func(i, j int) bool {
		a, b := candidates[i], candidates[j]
		if a.Base != b.Base {
			return a.Base
		}
		return remoteRank(a.Name) < remoteRank(b.Name)
	})
	return candidates[0], true
}

// ParseRepoSpec reads GH_REPO: OWNER/REPO, or HOST/OWNER/REPO as gh
// accepts it (host "" when not given). Errors are *UsageError.
func ParseRepoSpec(s string) (host string, repo Repo, err error) {
	parts := strings.Split(s, "/")
	if len(parts) == 3 {
		if parts[0] == "" {
			return "", Repo{}, usageErrorf("invalid GH_REPO %q: want OWNER/REPO or HOST/OWNER/REPO", s)
		}
		if p := HostProblem(parts[0]); p != "" {
			return "", Repo{}, usageErrorf("invalid GH_REPO %q: %s", s, p)
		}
		host, s = NormalizeHost(parts[0]), parts[1]+"/"+parts[2]
	}
	if repo, err = parseRepo(s); err != nil {
		return "", Repo{}, usageErrorf("invalid GH_REPO: %v", err)
	}
	return host, repo, nil
}
