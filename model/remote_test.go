package model

import (
	"errors"
	"testing"
)

func TestParseRemoteURL(t *testing.T) {
	cli := Repo{Owner: "cli", Name: "cli"}
	tests := []struct {
		in   string
		host string
		repo Repo
		ok   bool
	}{
		{"https://github.com/cli/cli", "github.com", cli, true},
		{"https://github.com/cli/cli.git", "github.com", cli, true},
		{"https://github.com/cli/cli/", "github.com", cli, true},
		{"http://www.github.com/cli/cli.git", "github.com", cli, true},
		{"https://user:pw@github.com/cli/cli.git", "github.com", cli, true},
		{"git@github.com:cli/cli.git", "github.com", cli, true},
		{"git@github.com:cli/cli", "github.com", cli, true},
		{"github.com:cli/cli.git", "github.com", cli, true},
		{"ssh://git@github.com/cli/cli.git", "github.com", cli, true},
		{"ssh://git@ssh.github.com:443/cli/cli.git", "github.com", cli, true},
		{"git://github.com/cli/cli.git", "github.com", cli, true},
		{"git@GHE.example.com:cli/cli.git", "ghe.example.com", cli, true},
		{"https://ghe.example.com:8443/cli/cli.git", "ghe.example.com:8443", cli, true},
		{"ssh://git@ghe.example.com:2222/cli/cli.git", "ghe.example.com", cli, true},

		{"/srv/git/cli.git", "", Repo{}, false},
		{"../cli", "", Repo{}, false},
		{"file:///srv/git/cli/cli.git", "", Repo{}, false},
		{"https://github.com/cli", "", Repo{}, false},
		{"https://github.com/cli/cli/extra", "", Repo{}, false},
		{"git@github.com:cli", "", Repo{}, false},
		{"git@github.com:-bad/cli.git", "", Repo{}, false},
		{"C:/repos/cli", "", Repo{}, false},
		{"", "", Repo{}, false},
	}
	for _, tt := range tests {
		host, repo, ok := ParseRemoteURL(tt.in)
		if host != tt.host || repo != tt.repo || ok != tt.ok {
			t.Errorf("ParseRemoteURL(%q) = %q, %v, %v; want %q, %v, %v", tt.in, host, repo, ok, tt.host, tt.repo, tt.ok)
		}
	}
}

func TestParseGitRemotes(t *testing.T) {
	out := `remote.origin.url git@github.com:me/cli.git
remote.upstream.url https://github.com/cli/cli.git
remote.local.url /srv/git/cli.git
remote.my.fork.url https://github.com/me2/cli
remote.upstream.gh-resolved base
remote.origin.url https://github.com/second/url.git
`
	got := ParseGitRemotes(out)
	want := []Remote{
		{Name: "origin", Host: "github.com", Repo: Repo{"me", "cli"}},
		{Name: "upstream", Host: "github.com", Repo: Repo{"cli", "cli"}, Base: true},
		{Name: "my.fork", Host: "github.com", Repo: Repo{"me2", "cli"}},
	}
	if len(got) != len(want) {
		t.Fatalf("ParseGitRemotes = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("remote %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if len(ParseGitRemotes("")) != 0 {
		t.Error("no output should give no remotes")
	}
}

func TestPickRemote(t *testing.T) {
	r := func(name, host, owner string) Remote {
		return Remote{Name: name, Host: host, Repo: Repo{Owner: owner, Name: "r"}}
	}
	origin := r("origin", "github.com", "me")
	upstream := r("upstream", "github.com", "them")
	ghub := r("github", "github.com", "gh")
	other := r("fork", "github.com", "fork")
	ghe := r("work", "ghe.example.com", "corp")
	gitlab := r("upstream", "gitlab.com", "lab")
	based := r("zzz", "github.com", "chosen")
	based.Base = true

	tests := []struct {
		name    string
		remotes []Remote
		prefer  string
		hosts   []string
		want    Remote
		ok      bool
	}{
		{"upstream before origin", []Remote{origin, upstream}, "", nil, upstream, true},
		{"github before origin", []Remote{other, origin, ghub}, "", nil, ghub, true},
		{"origin before others", []Remote{other, origin}, "", nil, origin, true},
		{"others in git's order", []Remote{other, r("b", "github.com", "b")}, "", nil, other, true},
		{"gh set-default wins", []Remote{upstream, origin, based}, "", nil, based, true},
		{"unknown host ignored", []Remote{gitlab, ghe, origin}, "", nil, origin, true},
		{"known gh host counts", []Remote{ghe, other}, "", []string{"ghe.example.com"}, ghe, true},
		{"known host ranks by name", []Remote{ghe, origin}, "", []string{"GHE.example.com"}, origin, true},
		{"--hostname prefers its host", []Remote{upstream, ghe}, "ghe.example.com", nil, ghe, true},
		{"--hostname without a remote on it", []Remote{origin}, "ghe.example.com", nil, origin, true},
		{"nothing on GitHub", []Remote{gitlab}, "", nil, Remote{}, false},
		{"no remotes", nil, "", nil, Remote{}, false},
	}
	for _, tt := range tests {
		got, ok := PickRemote(tt.remotes, tt.prefer, tt.hosts)
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s: PickRemote = %+v, %v; want %+v, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseRepoSpec(t *testing.T) {
	tests := []struct {
		in   string
		host string
		repo Repo
	}{
		{"cli/cli", "", Repo{"cli", "cli"}},
		{"github.com/cli/cli", "github.com", Repo{"cli", "cli"}},
		{"GHE.example.com/corp/tool", "ghe.example.com", Repo{"corp", "tool"}},
	}
	for _, tt := range tests {
		host, repo, err := ParseRepoSpec(tt.in)
		if err != nil || host != tt.host || repo != tt.repo {
			t.Errorf("ParseRepoSpec(%q) = %q, %v, %v; want %q, %v", tt.in, host, repo, err, tt.host, tt.repo)
		}
	}
	for _, in := range []string{"cli", "/cli/cli", "a/b/c/d", "cli/", "-x/y"} {
		_, _, err := ParseRepoSpec(in)
		var usage *UsageError
		if !errors.As(err, &usage) {
			t.Errorf("ParseRepoSpec(%q) error = %v, want a *UsageError", in, err)
		}
	}
}
