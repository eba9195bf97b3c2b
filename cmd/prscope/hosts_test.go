package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cli/go-gh/v2/pkg/config"

	"github.com/prscope/prscope/model"
)

// No test reads the real gh login or git repository unless it says so
// (useLookups): init runs before TestMain and every test.
func init() { machine = lookups{} }

// useLookups makes run see l for the rest of the test.
func useLookups(t *testing.T, l lookups) {
	t.Helper()
	old := machine
	machine = l
	t.Cleanup(func() { machine = old })
}

func TestTokenOrder(t *testing.T) {
	stored := func(host string) string { return "stored-for-" + host }
	all := map[string]string{"GH_TOKEN": "gh", "GITHUB_TOKEN": "github", "GH_ENTERPRISE_TOKEN": "gh-ent", "GITHUB_ENTERPRISE_TOKEN": "github-ent"}
	without := func(keys ...string) map[string]string {
		m := map[string]string{}
		for k, v := range all {
			if !slices.Contains(keys, k) {
				m[k] = v
			}
		}
		return m
	}
	tests := []struct {
		name, host string
		env        map[string]string
		stored     func(string) string
		want       string
	}{
		{"GH_TOKEN first", "github.com", all, stored, "gh"},
		{"then GITHUB_TOKEN", "github.com", without("GH_TOKEN"), stored, "github"},
		{"enterprise vars are not for github.com", "github.com", without("GH_TOKEN", "GITHUB_TOKEN"), stored, "stored-for-github.com"},
		{"GH_ENTERPRISE_TOKEN first on an enterprise host", "ghe.example.com", all, stored, "gh-ent"},
		{"then GITHUB_ENTERPRISE_TOKEN", "ghe.example.com", without("GH_ENTERPRISE_TOKEN"), stored, "github-ent"},
		{"GH_TOKEN is not for an enterprise host", "ghe.example.com", without("GH_ENTERPRISE_TOKEN", "GITHUB_ENTERPRISE_TOKEN"), stored, "stored-for-ghe.example.com"},
		{"GitHub's cloud hosts take GH_TOKEN", "acme.ghe.com", all, stored, "gh"},
		{"gh's login last", "github.com", nil, stored, "stored-for-github.com"},
		{"nothing at all", "github.com", nil, nil, ""},
	}
	for _, tt := range tests {
		if got := tokenFor(tt.host, envOf(tt.env), tt.stored); got != tt.want {
			t.Errorf("%s: tokenFor(%q) = %q, want %q", tt.name, tt.host, got, tt.want)
		}
	}
}

func TestAPIBaseURL(t *testing.T) {
	for host, want := range map[string]string{
		"github.com":           "https://api.github.com/",
		"GitHub.com":           "https://api.github.com/",
		"ghe.example.com":      "https://ghe.example.com/api/v3/",
		"ghe.example.com:8443": "https://ghe.example.com:8443/api/v3/",
		"acme.ghe.com":         "https://api.acme.ghe.com/",
		"github.localhost":     "http://api.github.localhost/",
	} {
		if got := apiBaseURL(host); got != want {
			t.Errorf("apiBaseURL(%q) = %q, want %q", host, got, want)
		}
	}
}

// fakeGH puts a gh on PATH that answers `gh auth token --hostname HOST`
// for hosts as the keyring would, and logs how it was called.
func fakeGH(t *testing.T, tokens map[string]string) (logFile string) {
	t.Helper()
	dir := t.TempDir()
	logFile = filepath.Join(dir, "calls")
	script := "#!/bin/sh\necho \"$@\" >> " + logFile + "\n"
	for host, tok := range tokens {
		script += "case \" $* \" in *\" auth token \"*\" --hostname " + host + " \"*) echo " + tok + "; exit 0;; esac\n"
	}
	script += "exit 1\n"
	if err := os.WriteFile(filepath.Join(dir, "gh"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	t.Setenv("GH_PATH", "")
	return logFile
}

// ghConfigDir points gh's config at a temp dir holding hosts.yml.
func ghConfigDir(t *testing.T, hostsYML string) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "hosts.yml"), []byte(hostsYML), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GH_CONFIG_DIR", dir)
	for _, v := range []string{"GH_TOKEN", "GITHUB_TOKEN", "GH_ENTERPRISE_TOKEN", "GITHUB_ENTERPRISE_TOKEN", "GH_HOST"} {
		t.Setenv(v, "")
	}
	// go-gh reads its config once per process: read it again now, and
	// again after the test puts the environment back.
	if err := config.Reload(nil); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = config.Reload(nil) })
}

// TestGHStoredLogin runs go-gh for real: hosts.yml first, then `gh auth
// token` (gh's keyring) for a host hosts.yml has no token for.
func TestGHStoredLogin(t *testing.T) {
	calls := fakeGH(t, map[string]string{"ghe.example.com": "from-keyring"})
	ghConfigDir(t, "github.com:\n    user: me\n    oauth_token: from-hosts-yml\n")

	if got := ghAndGit.ghToken("github.com"); got != "from-hosts-yml" {
		t.Errorf("github.com token = %q, want the one in hosts.yml", got)
	}
	if got := ghAndGit.ghToken("ghe.example.com"); got != "from-keyring" {
		t.Errorf("ghe.example.com token = %q, want the one gh auth token prints", got)
	}
	if got := ghAndGit.ghToken("other.example.com"); got != "" {
		t.Errorf("other.example.com token = %q, want none", got)
	}
	log, _ := os.ReadFile(calls)
	if !strings.Contains(string(log), "auth token") || !strings.Contains(string(log), "--hostname ghe.example.com") {
		t.Errorf("gh was called as:\n%s\nwant gh auth token --hostname ghe.example.com", log)
	}
	if hosts := ghAndGit.ghHosts(); !slices.Contains(hosts, "github.com") {
		t.Errorf("known hosts = %q, want github.com among them", hosts)
	}
	if got := ghAndGit.ghDefaultHost(); got != "github.com" {
		t.Errorf("default host = %q, want the only host in hosts.yml", got)
	}

	// End to end: run sends the keyring's token to the enterprise host.
	useLookups(t, ghAndGit)
	srv := widgetsServer(t)
	code, stdout, stderr := runCLI(t, map[string]string{"GH_TOKEN": "not-for-ghe"},
		"dump", "--hostname", "ghe.example.com", "--api-url", srv.URL, "acme/widgets#3")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if strings.Contains(stdout+stderr, "from-keyring") {
		t.Error("the token was printed")
	}
	for _, r := range srv.Requests() {
		if got := r.Header.Get("Authorization"); got != "Bearer from-keyring" {
			t.Errorf("%s Authorization = %q, want gh's token for ghe.example.com", r.Path, got)
		}
	}
}

func TestHostPicksAPIAndToken(t *testing.T) {
	widgets := model.Repo{Owner: "acme", Name: "widgets"}
	env := map[string]string{"GH_TOKEN": "gh", "GH_ENTERPRISE_TOKEN": "ent"}
	with := func(extra map[string]string) map[string]string {
		m := map[string]string{}
		for k, v := range env {
			m[k] = v
		}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	tests := []struct {
		name     string
		args     []string
		env      map[string]string
		apiURL   string
		token    string
		wantHost string
	}{
		{"github.com by default", []string{"acme/widgets"}, env, "", "gh", ""},
		{"--hostname", []string{"--hostname", "ghe.example.com", "acme/widgets"}, env, "https://ghe.example.com/api/v3/", "ent", ""},
		{"GH_HOST", []string{"acme/widgets"}, with(map[string]string{"GH_HOST": "ghe.example.com"}), "https://ghe.example.com/api/v3/", "ent", ""},
		{"--hostname beats GH_HOST", []string{"--hostname", "github.com", "acme/widgets"}, with(map[string]string{"GH_HOST": "ghe.example.com"}), "", "gh", ""},
		{"a pull URL's host", []string{"https://ghe.example.com/acme/widgets/pull/5"}, env, "https://ghe.example.com/api/v3/", "ent", "ghe.example.com"},
		{"a github.com URL beats GH_HOST", []string{"https://github.com/acme/widgets/pull/5"}, with(map[string]string{"GH_HOST": "ghe.example.com"}), "", "gh", "github.com"},
		{"--api-url still wins", []string{"--hostname", "ghe.example.com", "--api-url", "https://proxy.example.com/", "acme/widgets"}, env, "https://proxy.example.com/", "ent", ""},
		{"PRSCOPE_API_URL still wins", []string{"--hostname", "ghe.example.com", "acme/widgets"}, with(map[string]string{"PRSCOPE_API_URL": "https://proxy.example.com/"}), "https://proxy.example.com/", "ent", ""},
		{"cloud host", []string{"--hostname", "acme.ghe.com", "acme/widgets"}, env, "https://api.acme.ghe.com/", "gh", ""},
	}
	for _, tt := range tests {
		o, err := parseArgs(tt.args, envOf(tt.env))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if o.apiURL != tt.apiURL || o.token != tt.token || o.target.Repo != widgets || o.target.Host != tt.wantHost {
			t.Errorf("%s: api %q token %q target %+v; want api %q token %q host %q", tt.name, o.apiURL, o.token, o.target, tt.apiURL, tt.token, tt.wantHost)
		}
	}

	useLookups(t, lookups{ghDefaultHost: func() string { return "ghe.example.com" }})
	if o, err := parseArgs([]string{"acme/widgets"}, envOf(nil)); err != nil || o.apiURL != "https://ghe.example.com/api/v3/" {
		t.Errorf("the one host gh is logged in to: api %q, %v; want ghe.example.com's", o.apiURL, err)
	}
}

func TestHostnameContradictingTheURL(t *testing.T) {
	code, stdout, stderr := runCLI(t, nil, "--hostname", "ghe.example.com", "https://github.com/acme/widgets/pull/5")
	checkUsageError(t, code, stdout, stderr, []string{"github.com", "--hostname", "ghe.example.com"})
}

// gitRepo makes a git repository with the given remotes (name, URL pairs)
// and makes run read its remotes.
func gitRepo(t *testing.T, remotes ...string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %q: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	for i := 0; i+1 < len(remotes); i += 2 {
		git("remote", "add", remotes[i], remotes[i+1])
	}
	useLookups(t, lookups{gitRemotes: func() string { return gitRemotesIn(dir) }})
}

func TestRepoFromGitRemote(t *testing.T) {
	gitRepo(t, "origin", "git@github.com:me/widgets.git", "upstream", "https://github.com/acme/widgets.git")
	o, err := parseArgs(nil, envOf(map[string]string{"GH_TOKEN": "gh"}))
	if err != nil {
		t.Fatal(err)
	}
	if want := (model.Repo{Owner: "acme", Name: "widgets"}); o.target.Repo != want || o.target.Number != 0 || o.token != "gh" {
		t.Errorf("target %+v token %q, want upstream's %v with GH_TOKEN", o.target, o.token, want)
	}

	t.Run("GH_REPO wins", func(t *testing.T) {
		o, err := parseArgs([]string{"dump"}, envOf(map[string]string{"GH_REPO": "ghe.example.com/corp/tool", "GH_ENTERPRISE_TOKEN": "ent"}))
		if err != nil {
			t.Fatal(err)
		}
		if want := (model.Repo{Owner: "corp", Name: "tool"}); o.target.Repo != want || o.apiURL != "https://ghe.example.com/api/v3/" || o.token != "ent" {
			t.Errorf("target %+v api %q token %q, want %v on ghe.example.com", o.target, o.apiURL, o.token, want)
		}
	})
	t.Run("a bad GH_REPO", func(t *testing.T) {
		code, stdout, stderr := runCLI(t, map[string]string{"GH_REPO": "nope"}, "dump")
		checkUsageError(t, code, stdout, stderr, []string{"GH_REPO", `"nope"`})
	})
	t.Run("an argument wins", func(t *testing.T) {
		o, err := parseArgs([]string{"cli/cli"}, envOf(map[string]string{"GH_REPO": "corp/tool"}))
		if err != nil || o.target.Repo != (model.Repo{Owner: "cli", Name: "cli"}) {
			t.Errorf("target %+v, %v; want cli/cli", o.target, err)
		}
	})
}

func TestRepoFromEnterpriseRemote(t *testing.T) {
	gitRepo(t, "origin", "git@ghe.example.com:corp/tool.git", "upstream", "https://gitlab.com/acme/widgets.git")
	env := map[string]string{"GH_ENTERPRISE_TOKEN": "ent"}
	if _, err := parseArgs(nil, envOf(env)); err == nil || !strings.Contains(err.Error(), "missing OWNER/REPO") {
		t.Errorf("an unknown host's remote was used: %v", err)
	}
	env["GH_HOST"] = "ghe.example.com"
	o, err := parseArgs(nil, envOf(env))
	if err != nil {
		t.Fatal(err)
	}
	if o.target.Repo != (model.Repo{Owner: "corp", Name: "tool"}) || o.apiURL != "https://ghe.example.com/api/v3/" || o.token != "ent" {
		t.Errorf("target %+v api %q token %q, want corp/tool on ghe.example.com", o.target, o.apiURL, o.token)
	}
}

func TestNoRepoAnywhere(t *testing.T) {
	gitRepo(t) // a repository without remotes
	code, stdout, stderr := runCLI(t, nil)
	checkUsageError(t, code, stdout, stderr, []string{"missing OWNER/REPO", "GH_REPO", "git", "--demo", "--help"})
	code, stdout, stderr = runCLI(t, nil, "dump")
	checkUsageError(t, code, stdout, stderr, []string{"dump needs OWNER/REPO", "GH_REPO", "--help"})

	useLookups(t, lookups{gitRemotes: func() string { return gitRemotesIn(t.TempDir()) }}) // not a repository at all
	code, stdout, stderr = runCLI(t, nil)
	checkUsageError(t, code, stdout, stderr, []string{"missing OWNER/REPO"})
}

func TestHelpMentionsAuthHostsAndRepo(t *testing.T) {
	_, stdout, _ := runCLI(t, nil, "--help")
	for _, want := range []string{"--hostname", "GH_HOST", "GH_TOKEN", "GITHUB_TOKEN", "GH_ENTERPRISE_TOKEN",
		"GITHUB_ENTERPRISE_TOKEN", "gh auth token", "hosts.yml", "GH_REPO", "upstream", "origin", "/api/v3/"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("--help does not mention %s", want)
		}
	}
}

func TestTokenFromEnvironment(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"GH_TOKEN wins", map[string]string{"GH_TOKEN": "gh-token", "GITHUB_TOKEN": "github-token"}, "Bearer gh-token"},
		{"GITHUB_TOKEN", map[string]string{"GITHUB_TOKEN": "github-token"}, "Bearer github-token"},
		{"empty GH_TOKEN falls back", map[string]string{"GH_TOKEN": "", "GITHUB_TOKEN": "github-token"}, "Bearer github-token"},
		{"none", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := widgetsServer(t)
			env := map[string]string{"PRSCOPE_API_URL": srv.URL}
			for k, v := range tt.env {
				env[k] = v
			}
			runOK(t, env, "dump", "acme/widgets#3")
			reqs := srv.Requests()
			if len(reqs) == 0 {
				t.Fatal("no requests reached the server")
			}
			for _, r := range reqs {
				if got := r.Header.Get("Authorization"); got != tt.want {
					t.Errorf("%s Authorization = %q, want %q", r.Path, got, tt.want)
				}
			}
		})
	}
}
