package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/prscope/prscope/config"
	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui"
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

// readConfig reads and checks the config file: nil when there is none
// (a missing default file is no error; a missing --config FILE is).
func readConfig(o options, getenv func(string) string) (*config.File, configFile, error) {
	where := findConfig(o, getenv)
	if where.path == "" {
		return nil, where, nil
	}
	data, err := readConfigFile(where.path, where.display)
	switch {
	case err == nil:
		f, err := config.Decode(where.display, data, ui.ConfigKeys)
		if err != nil {
			return nil, where, err
		}
		return &f, where, nil
	case errors.Is(err, fs.ErrNotExist) && !where.required:
		where.source += ", not found"
		return nil, where, nil
	}
	return nil, where, fmt.Errorf("config: %w", err)
}

// maxConfigBytes bounds the config file: a real one is a few KiB, and
// --config /dev/zero must not read until memory runs out.
const maxConfigBytes = 1 << 20

// readConfigFile reads a regular file (after symlinks) of at most
// maxConfigBytes. O_NONBLOCK is what lets a FIFO be refused: opening one
// for reading otherwise waits for a writer, and prscope would hang before
// it could look at what it opened. On a regular file it changes nothing.
func readConfigFile(path, display string) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is %s, not a regular file", display, fileKind(fi.Mode()))
	}
	data, err := io.ReadAll(io.LimitReader(f, maxConfigBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxConfigBytes {
		return nil, fmt.Errorf("%s is larger than 1 MiB: that is no config file", display)
	}
	return data, nil
}

// fileKind names what a non-regular file is, for the message refusing it.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "something else"
}

// loadConfig merges flags, environment and the config file into o.conf;
// o.state and the paging follow it. The repository was settled by
// parseArgs (targetFromContext, which also reads repo: from the file).
// Every error is a usage error: exit 2, naming the file, line and key.
func loadConfig(o *options, getenv func(string) string) error {
	file, where, err := readConfig(*o, getenv)
	if err != nil {
		return err
	}
	repoSource := "argument"
	if o.repoSource != "" {
		repoSource = o.repoSource
	}

	in := config.Inputs{Keys: ui.ConfigKeys,
		File: file, ConfigName: where.display, ConfigSource: where.source,
		Getenv: getenv, Flags: map[string]string{}, RepoSource: repoSource,
	}
	// The flags that beat the config; a flag added for another setting
	// (--author, --page-size, …) goes here under config's name for it.
	if o.stateGiven {
		in.Flags["state"] = o.state
	}
	for name, v := range map[string]string{"author": o.filter.Author, "base": o.filter.Base, "head": o.filter.Head, "label": o.filter.Label} {
		if v != "" {
			in.Flags[name] = v
		}
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
	f := eff.Filters
	o.filter = model.ListFilter{Author: f.Author, Base: f.Base, Head: f.Head, Label: f.Label}
	if o.configCmd {
		return nil
	}
	return applyListFilter(o)
}
