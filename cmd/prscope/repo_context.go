package main

import (
	"errors"
	"fmt"
	"os/exec"

	"github.com/prscope/prscope/model"
)

// noRepoHint ends the message for a run that names no repository and has
// none from its context.
const noRepoHint = ": none given, GH_REPO is not set, the config names no repo:, and the current directory is not in a git repository with a GitHub remote (see prscope --help)"

// targetFromContext is the repository to browse when none was named, as
// gh finds it: GH_REPO (OWNER/REPO or HOST/OWNER/REPO), else the current
// git repository's GitHub remote. ok is false when there is neither.
func targetFromContext(hostname string, getenv func(string) string) (t model.Target, ok bool, err error) {
	if spec := getenv("GH_REPO"); spec != "" {
		host, repo, err := model.ParseRepoSpec(spec)
		if err != nil {
			return model.Target{}, false, err
		}
		return model.Target{Repo: repo, Host: host}, true, nil
	}
	if machine.gitRemotes == nil {
		return model.Target{}, false, nil
	}
	prefer := hostname
	if prefer == "" {
		prefer = getenv("GH_HOST")
	}
	var known []string
	if machine.ghHosts != nil {
		known = machine.ghHosts()
	}
	r, ok := model.PickRemote(model.ParseGitRemotes(machine.gitRemotes()), prefer, known)
	if !ok {
		return model.Target{}, false, nil
	}
	return model.Target{Repo: r.Repo, Host: r.Host}, true, nil
}

// gitRemotesIn lists the remotes of the git repository at dir ("" for the
// current directory): their URLs, and which one `gh repo set-default`
// chose. Outside a repository, with no remotes or no git, it is "": there
// is simply no remote to use.
func gitRemotesIn(dir string) string {
	cmd := exec.Command("git", "config", "--get-regexp", `^remote\..*\.(url|gh-resolved)$`)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return ""
	}
	return string(out)
}

// targetFromContext is the target when the command line names none:
// GH_REPO, as gh reads it; else repo: in the config file; else the current
// directory's git remote. The config comes after GH_REPO because an
// environment variable is set for the moment and the file for always;
// before the git remote because a user who wrote repo: meant it wherever
// they stand. It notes in o.repoSource where the repository came from.
func (o *options) targetFromContext(getenv func(string) string) (model.Target, error) {
	if getenv("GH_REPO") == "" {
		file, _, err := readConfig(*o, getenv)
		if err != nil {
			return model.Target{}, err
		}
		if file != nil && file.Repo != "" {
			t, err := model.ParseTarget(file.Repo)
			o.repoSource = fmt.Sprintf("%s:%d", file.Name, file.Settings.Lines["repo"])
			return t, err
		}
	}
	t, ok, err := targetFromContext(o.hostname, getenv)
	switch {
	case err != nil:
		return t, err
	case ok && getenv("GH_REPO") != "":
		o.repoSource = "env GH_REPO"
		return t, nil
	case ok:
		o.repoSource = "git remote"
		return t, nil
	case o.configCmd:
		return t, nil // prscope config shows the settings without a repository
	case o.dump:
		return t, errors.New("dump needs OWNER/REPO or OWNER/REPO#N" + noRepoHint)
	}
	return t, errors.New("missing OWNER/REPO (or try prscope --demo)" + noRepoHint)
}
