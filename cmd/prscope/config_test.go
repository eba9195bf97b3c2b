package main

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var updateGolden = flag.Bool("update", false, "rewrite testdata goldens")

// writeConfig puts text where prscope looks by default under home
// (~/.config/prscope/config.yml) and returns the environment that points
// there, nothing else from the real one.
func writeConfig(t *testing.T, text string) map[string]string {
	t.Helper()
	home := t.TempDir()
	dir := filepath.Join(home, ".config", "prscope")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "config.yml"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return map[string]string{"HOME": home}
}

// configLine is the line `prscope config` prints for name, as
// value and source.
func configLine(t *testing.T, env map[string]string, name string, args ...string) (value, source string) {
	t.Helper()
	code, stdout, stderr := runCLI(t, env, append([]string{"config"}, args...)...)
	if code != exitOK || stderr != "" {
		t.Fatalf("prscope config %v: exit %d, stderr %q", args, code, stderr)
	}
	for _, line := range strings.Split(stdout, "\n") {
		f := strings.Fields(line)
		if len(f) >= 3 && f[0] == name {
			return f[1], strings.Join(f[2:], " ")
		}
	}
	t.Fatalf("no %s in\n%s", name, stdout)
	return "", ""
}

const precedenceFile = `filters:
  state: closed
page_size: 40
repos:
  acme/widgets:
    filters:
      state: open
    page_size: 20
`

// TestConfigPrecedence: flag > env > repos: section > top level > default,
// each step checked by taking the stronger source away.
func TestConfigPrecedence(t *testing.T) {
	const file = "~/.config/prscope/config.yml"
	tests := []struct {
		name       string
		file       string
		env        map[string]string
		args       []string
		wantState  string
		wantSource string
	}{
		{"default", "", nil, []string{"acme/widgets"}, "all", "default"},
		{"top level", precedenceFile, nil, []string{"acme/gadgets"}, "closed", file + ":2"},
		{"repos section", precedenceFile, nil, []string{"acme/widgets"}, "open", file + ":7"},
		{"repos section by any case", precedenceFile, nil, []string{"ACME/Widgets"}, "open", file + ":7"},
		{"env", precedenceFile, map[string]string{"PRSCOPE_STATE": "all"}, []string{"acme/widgets"}, "all", "env PRSCOPE_STATE"},
		{"flag", precedenceFile, map[string]string{"PRSCOPE_STATE": "all"}, []string{"--state", "closed", "acme/widgets"}, "closed", "flag --state"},
		{"flag equal to the default still wins", precedenceFile, nil, []string{"--state", "all", "acme/widgets"}, "all", "flag --state"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{"HOME": t.TempDir()}
			if tt.file != "" {
				env = writeConfig(t, tt.file)
			}
			for k, v := range tt.env {
				env[k] = v
			}
			value, source := configLine(t, env, "filters.state", tt.args...)
			if value != tt.wantState || source != tt.wantSource {
				t.Errorf("filters.state = %s (%s), want %s (%s)", value, source, tt.wantState, tt.wantSource)
			}
		})
	}
	t.Run("page size", func(t *testing.T) {
		env := writeConfig(t, precedenceFile)
		if v, s := configLine(t, env, "page_size", "acme/widgets"); v != "20" || s != file+":8" {
			t.Errorf("page_size = %s (%s), want the section's 20", v, s)
		}
		env["PRSCOPE_PAGE_SIZE"] = "7"
		if v, s := configLine(t, env, "page_size", "acme/widgets"); v != "7" || s != "env PRSCOPE_PAGE_SIZE" {
			t.Errorf("page_size = %s (%s), want the environment's 7", v, s)
		}
	})
}

// TestConfigCommandGolden: the whole of `prscope config` for a file that
// sets something of every kind.
func TestConfigCommandGolden(t *testing.T) {
	data, err := os.ReadFile("testdata/config.yml")
	if err != nil {
		t.Fatal(err)
	}
	env := writeConfig(t, string(data))
	env["PRSCOPE_DATES"] = "absolute"
	code, stdout, stderr := runCLI(t, env, "config", "--state", "open")
	if code != exitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if *updateGolden {
		if err := os.WriteFile("testdata/config.golden", []byte(stdout), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("testdata/config.golden")
	if err != nil {
		t.Fatal(err)
	}
	if stdout != string(want) {
		t.Errorf("prscope config:\n%s\nwant:\n%s", stdout, want)
	}
}

func TestConfigFlagAndPlaces(t *testing.T) {
	t.Run("--config FILE", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "mine.yml")
		if err := os.WriteFile(path, []byte("dates: relative\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		env := writeConfig(t, "dates: absolute\n") // not read: --config wins
		if v, s := configLine(t, env, "dates", "--config", path); v != "relative" || s != path+":1" {
			t.Errorf("dates = %s (%s), want relative from %s:1", v, s, path)
		}
	})
	t.Run("XDG_CONFIG_HOME", func(t *testing.T) {
		xdg := t.TempDir()
		if err := os.MkdirAll(filepath.Join(xdg, "prscope"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(xdg, "prscope", "config.yml"), []byte("page_size: 9\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		env := writeConfig(t, "page_size: 8\n") // ~/.config: not read when XDG_CONFIG_HOME is set
		env["XDG_CONFIG_HOME"] = xdg
		if v, _ := configLine(t, env, "page_size", "acme/widgets"); v != "9" {
			t.Errorf("page_size = %s, want 9 from $XDG_CONFIG_HOME", v)
		}
	})
	t.Run("a missing default file is fine", func(t *testing.T) {
		if v, s := configLine(t, map[string]string{"HOME": t.TempDir()}, "config"); v != "~/.config/prscope/config.yml" || s != "default, not found" {
			t.Errorf("config = %s (%s)", v, s)
		}
	})
	t.Run("a missing --config file is an error", func(t *testing.T) {
		missing := filepath.Join(t.TempDir(), "nope.yml")
		code, stdout, stderr := runCLI(t, nil, "--config", missing, "acme/widgets")
		checkUsageError(t, code, stdout, stderr, []string{missing, "no such file"})
	})
}

// TestBrokenConfigStopsEverything: the UI, dump and config all refuse to
// start, exit 2, and name the file, line and key.
func TestBrokenConfigStopsEverything(t *testing.T) {
	broken := "repo: acme/widgets\nfilters:\n  state: opne\n"
	want := []string{`~/.config/prscope/config.yml:3: filters.state: "opne" is not one of open, closed, all`}
	for _, args := range [][]string{{"acme/widgets"}, {"--demo"}, {"dump", "--demo", "kernel-patches/bpf#11"}, {"config"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, stdout, stderr := runCLI(t, writeConfig(t, broken), args...)
			checkUsageError(t, code, stdout, stderr, want)
		})
	}
	t.Run("bad environment value", func(t *testing.T) {
		env := map[string]string{"PRSCOPE_PAGE_SIZE": "500"}
		code, stdout, stderr := runCLI(t, env, "acme/widgets")
		checkUsageError(t, code, stdout, stderr, []string{"PRSCOPE_PAGE_SIZE", "500", "1..100"})
	})
	t.Run("the cache commands still work", func(t *testing.T) {
		env := writeConfig(t, broken)
		code, _, stderr := runCLI(t, env, "cache", "--cache-dir", t.TempDir())
		if code != exitOK {
			t.Errorf("prscope cache: exit %d (stderr %q)", code, stderr)
		}
	})
}

// TestConfigRepoAndPageSizeReachDump: with repo: set, dump needs no
// OWNER/REPO; page_size pages its list.
func TestConfigRepoAndPageSizeReachDump(t *testing.T) {
	env := writeConfig(t, "repo: kernel-patches/bpf\npage_size: 2\n")
	code, stdout, stderr := runCLI(t, env, "dump", "--demo", "--no-cache", "--limit", "5")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got dumped
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatal(err)
	}
	if got.Repo != "kernel-patches/bpf" || len(got.Pulls) != 5 {
		t.Errorf("dumped %s with %d PRs, want kernel-patches/bpf with 5", got.Repo, len(got.Pulls))
	}
	if v, s := configLine(t, env, "repo"); v != "kernel-patches/bpf" || s != "~/.config/prscope/config.yml:1" {
		t.Errorf("repo = %s (%s), want it from the file's line 1", v, s)
	}
	if v, s := configLine(t, env, "repo", "acme/widgets"); v != "acme/widgets" || s != "argument" {
		t.Errorf("repo = %s (%s), want the argument over the file", v, s)
	}
	t.Run("without repo: the old message", func(t *testing.T) {
		code, stdout, stderr := runCLI(t, writeConfig(t, "page_size: 2\n"), "dump")
		checkUsageError(t, code, stdout, stderr, []string{"dump needs OWNER/REPO"})
	})
}

// TestRepoFromContextOrder: with no OWNER/REPO, GH_REPO wins, then repo:
// in the config, then the git remote; prscope config says which.
func TestRepoFromContextOrder(t *testing.T) {
	useLookups(t, lookups{gitRemotes: func() string { return "remote.origin.url https://github.com/acme/from-git.git\n" }})
	env := writeConfig(t, "repo: acme/from-config\n")
	if v, s := configLine(t, env, "repo"); v != "acme/from-config" || s != "~/.config/prscope/config.yml:1" {
		t.Errorf("config over git: repo = %s (%s)", v, s)
	}
	env["GH_REPO"] = "acme/from-env"
	if v, s := configLine(t, env, "repo"); v != "acme/from-env" || s != "env GH_REPO" {
		t.Errorf("GH_REPO over config: repo = %s (%s)", v, s)
	}
	noFile := map[string]string{"HOME": t.TempDir()}
	if v, s := configLine(t, noFile, "repo"); v != "acme/from-git" || s != "git remote" {
		t.Errorf("git remote last: repo = %s (%s)", v, s)
	}
}
