package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/prscope/prscope/config"
	"github.com/prscope/prscope/model"
)

// configFile is where the config is read from and why.
type configFile struct {
	path     string // "" when there is no place to look
	display  string // path as messages show it: ~ for the home directory
	source   string // "flag --config", "default"
	required bool   // named on the command line: it must exist
}

// findConfig: --config FILE, else $XDG_CONFIG_HOME/prscope/config.yml, else
// ~/.config/prscope/config.yml. The environment comes through getenv so
// tests point it at a temporary directory.
func findConfig(o options, getenv func(string) string) configFile {
	home := getenv("HOME")
	var c configFile
	switch {
	case o.configFile != "":
		c = configFile{path: o.configFile, source: "flag --config", required: true}
	case filepath.IsAbs(getenv("XDG_CONFIG_HOME")):
		c = configFile{path: filepath.Join(getenv("XDG_CONFIG_HOME"), "prscope", "config.yml"), source: "default ($XDG_CONFIG_HOME)"}
	case home != "":
		c = configFile{path: filepath.Join(home, ".config", "prscope", "config.yml"), source: "default"}
	default:
		return configFile{}
	}
	c.display = c.path
	if rest, ok := strings.CutPrefix(c.path, home+string(filepath.Separator)); ok && home != "" {
		c.display = filepath.Join("~", rest)
	}
	return c
}

// loadConfig reads the config file, fills in the repository when none was
// given, and merges flags, environment and file into o.conf; o.state and
// the paging follow it. Every error is a usage error: exit 2, naming the
// file, line and key.
func loadConfig(o *options, getenv func(string) string) error {
	where := findConfig(*o, getenv)
	var file *config.File
	if where.path != "" {
		data, err := os.ReadFile(where.path)
		switch {
		case err == nil:
			f, err := config.Decode(where.display, data)
			if err != nil {
				return err
			}
			file = &f
		case errors.Is(err, fs.ErrNotExist) && !where.required:
			where.source += ", not found"
		default:
			return fmt.Errorf("config: %w", err)
		}
	}

	repoSource := "argument"
	if o.target.Repo.Owner == "" {
		repo, source := defaultRepo(getenv, file)
		if repo == "" && !o.configCmd {
			if o.dump {
				return errors.New("dump needs OWNER/REPO or OWNER/REPO#N")
			}
			return errors.New("missing OWNER/REPO (try prscope --demo, or prscope --help, or set repo: in the config)")
		}
		if repo != "" {
			t, err := model.ParseTarget(repo)
			if err != nil {
				return fmt.Errorf("%s: %w", source, err)
			}
			o.target.Repo = t.Repo
		}
		repoSource = source
	}

	in := config.Inputs{
		File: file, ConfigName: where.display, ConfigSource: where.source,
		Getenv: getenv, Flags: map[string]string{}, RepoSource: repoSource,
	}
	// The flags that beat the config; a flag added for another setting
	// (--author, --page-size, …) goes here under config's name for it.
	if o.stateGiven {
		in.Flags["state"] = o.state
	}
	if o.target.Repo.Owner != "" {
		in.Repo = o.target.Repo.String()
	}
	eff, err := config.Resolve(in)
	if err != nil {
		return err
	}
	o.conf = &eff
	o.state = eff.Filters.State
	return nil
}

// defaultRepo is the repository to browse when the command line names
// none, and where it came from. The order, first found wins:
//
//  1. GH_REPO, as gh reads it            (added on the auth branch)
//  2. repo: in the config file
//  3. the current directory's git remote (added on the auth branch)
//
// The config comes after GH_REPO because an environment variable is set for
// the moment and the file for always; before the git remote because a user
// who wrote repo: meant it wherever they stand.
func defaultRepo(getenv func(string) string, file *config.File) (repo, source string) {
	_ = getenv // GH_REPO and the git remote will need it
	if file != nil && file.Repo != "" {
		return file.Repo, fmt.Sprintf("%s:%d", file.Name, file.Settings.Lines["repo"])
	}
	return "", ""
}
