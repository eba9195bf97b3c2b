package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/model"
)

// TestMain points the default cache at a temp dir, so no test reads or
// writes the user's real cache (os.UserCacheDir reads the process
// environment, not run's getenv).
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "prscope-cmd-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	// go build (TestBinaryExitStatus) keeps its build cache under
	// XDG_CACHE_HOME too: pin it where it was, or it rebuilds everything.
	if os.Getenv("GOCACHE") == "" {
		if base, err := os.UserCacheDir(); err == nil {
			os.Setenv("GOCACHE", filepath.Join(base, "go-build"))
		}
	}
	os.Setenv("XDG_CACHE_HOME", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func TestParseCacheArgs(t *testing.T) {
	widgets := model.Target{Repo: model.Repo{Owner: "acme", Name: "widgets"}}
	base := options{state: "all", limit: 30, timeout: 30 * time.Second}
	with := func(f func(*options)) options {
		o := base
		f(&o)
		return o
	}
	for _, tt := range []struct {
		args []string
		want options
	}{
		{[]string{"--offline", "acme/widgets"}, with(func(o *options) { o.offline, o.target = true, widgets })},
		{[]string{"acme/widgets", "--no-cache"}, with(func(o *options) { o.noCache, o.target = true, widgets })},
		{[]string{"--cache-dir", "/tmp/c", "acme/widgets"}, with(func(o *options) { o.cacheDir, o.target = "/tmp/c", widgets })},
		{[]string{"cache"}, with(func(o *options) { o.cacheCmd = "show" })},
		{[]string{"cache", "clear", "--cache-dir", "/tmp/c"}, with(func(o *options) { o.cacheCmd, o.cacheDir = "clear", "/tmp/c" })},
	} {
		got, err := parseArgs(tt.args, envOf(nil))
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parseArgs(%q) = %+v, %v\nwant %+v", tt.args, got, err, tt.want)
		}
	}
	for _, tt := range []struct {
		args []string
		want []string
	}{
		{[]string{"--no-cache", "--cache-dir", "/tmp/c", "acme/widgets"}, []string{"--no-cache", "--cache-dir"}},
		{[]string{"--no-cache", "--offline", "acme/widgets"}, []string{"--offline", "--no-cache"}},
		{[]string{"cache", "purge"}, []string{`"purge"`, "prscope cache [clear]"}},
		{[]string{"cache", "clear", "now"}, []string{`"now"`}},
		{[]string{"cache", "--no-cache"}, []string{"--no-cache"}},
		{[]string{"--cache-dir"}, []string{"--cache-dir needs a value"}},
	} {
		code, stdout, stderr := runCLI(t, nil, tt.args...)
		checkUsageError(t, code, stdout, stderr, tt.want)
	}
}

// cacheRun runs prscope with --cache-dir dir and the token env gives.
func cacheRun(t *testing.T, dir string, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	return runCLI(t, env, append([]string{"--cache-dir", dir}, args...)...)
}

func TestCacheSubcommand(t *testing.T) {
	srv := widgetsServer(t)
	dir := filepath.Join(t.TempDir(), "cache")
	out := runOK(t, nil, "cache", "--cache-dir", dir)
	for _, want := range []string{"cache:   " + dir + "\n", "entries: 0\n", "size:    0 B (limit 500 MB)\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("prscope cache on an empty cache:\n%s\nwant %q", out, want)
		}
	}

	runOK(t, nil, "dump", "--cache-dir", dir, "--api-url", srv.URL, "acme/widgets#3")
	out = runOK(t, nil, "cache", "--cache-dir", dir)
	// The PR, its timeline's one page, the fork's commit, the head
	// commit's check runs and status, and the branch's CI runs (none).
	if !strings.Contains(out, "entries: 6\n") || !strings.Contains(out, " kB (limit 500 MB)\n") || strings.Contains(out, "demo:") {
		t.Errorf("prscope cache after one dump:\n%s", out)
	}

	runOK(t, nil, "dump", "--demo", "--cache-dir", dir, "kernel-patches/bpf", "--limit", "5")
	out = runOK(t, nil, "cache", "--cache-dir", dir)
	if !strings.Contains(out, "entries: 6\n") || !strings.Contains(out, "demo:    1 entry, ") || !strings.Contains(out, filepath.Join(dir, "demo")) {
		t.Errorf("the demo's answers should be kept apart:\n%s", out)
	}

	out = runOK(t, nil, "cache", "clear", "--cache-dir", dir)
	if !strings.Contains(out, "cleared "+dir+": 6 entries, ") || !strings.Contains(out, "cleared "+filepath.Join(dir, "demo")+": 1 entry, ") {
		t.Errorf("prscope cache clear:\n%s", out)
	}
	out = runOK(t, nil, "cache", "--cache-dir", dir)
	if !strings.Contains(out, "entries: 0\n") || !strings.Contains(out, "demo:    0 entries, 0 B") {
		t.Errorf("after clear:\n%s", out)
	}
}

func TestDumpTwiceCostsNoRequests(t *testing.T) {
	srv := widgetsServer(t)
	dir := t.TempDir()
	env := map[string]string{"GH_TOKEN": secretToken}
	first := runOK(t, env, "dump", "--cache-dir", dir, "--api-url", srv.URL, "acme/widgets#3")
	n := len(srv.Requests())
	second := runOK(t, env, "dump", "--cache-dir", dir, "--api-url", srv.URL, "acme/widgets#3")
	if len(srv.Requests()) != n || second != first {
		t.Errorf("the second dump made %d requests (want 0) and printed the same: %v", len(srv.Requests())-n, second == first)
	}
	// The token is nowhere under the cache directory.
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if strings.Contains(string(data), secretToken) || strings.Contains(string(data), secretToken[4:20]) {
			t.Errorf("%s holds the token", p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// --no-cache fetches again.
	runOK(t, env, "dump", "--no-cache", "--api-url", srv.URL, "acme/widgets#3")
	if len(srv.Requests()) != 2*n {
		t.Errorf("with --no-cache: %d requests, want %d", len(srv.Requests())-n, n)
	}
}

func TestDumpOffline(t *testing.T) {
	srv := widgetsServer(t)
	dir := t.TempDir()
	online := runOK(t, nil, "dump", "--cache-dir", dir, "--api-url", srv.URL, "acme/widgets#3")
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	offline := runOK(t, nil, "dump", "--offline", "--cache-dir", dir, "--api-url", srv.URL, "acme/widgets#3")
	if offline != online {
		t.Errorf("offline dump differs from the online one:\n%s\nwant\n%s", offline, online)
	}
	for _, args := range [][]string{
		{"dump", "--offline", "--cache-dir", dir, "--api-url", srv.URL, "acme/widgets#1"},
		{"dump", "--offline", "--cache-dir", dir, "--api-url", srv.URL, "acme/widgets"},
	} {
		code, stdout, stderr := runCLI(t, nil, args...)
		if code != exitAPI || stdout != "" || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "not cached (offline)") {
			t.Errorf("prscope %s: exit %d, stdout %q, stderr %q; want 1 and one line saying not cached (offline)", strings.Join(args, " "), code, stdout, stderr)
		}
	}
}

func TestNoCacheDirectoryIsNotFatal(t *testing.T) {
	srv := widgetsServer(t)
	file := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := cacheRun(t, file, nil, "dump", "--api-url", srv.URL, "acme/widgets#3")
	if code != exitOK || stdout == "" || !strings.Contains(stderr, "going on without a cache") {
		t.Errorf("a cache dir that is a file: exit %d, stderr %q; want the dump and a warning", code, stderr)
	}
	code, _, stderr = cacheRun(t, file, nil, "dump", "--offline", "--api-url", srv.URL, "acme/widgets#3")
	if code != exitAPI || !strings.Contains(stderr, "--offline needs the cache") {
		t.Errorf("--offline without a usable cache: exit %d, stderr %q", code, stderr)
	}
}

func TestHumanSizes(t *testing.T) {
	for n, want := range map[int64]string{0: "0 B", 999: "999 B", 1000: "1 kB", 12345: "12.3 kB", 500_000_000: "500 MB",
		999_960: "1 MB", 1_234_567_890: "1.2 GB"} {
		if got := humanBytes(n); got != want {
			t.Errorf("humanBytes(%d) = %q, want %q", n, got, want)
		}
	}
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestHelpMentionsTheCache(t *testing.T) {
	out := runOK(t, nil, "--help")
	for _, want := range []string{"--offline", "--no-cache", "--cache-dir DIR", "prscope cache [--cache-dir DIR]", "prscope cache clear", "XDG_CACHE_HOME"} {
		if !strings.Contains(out, want) {
			t.Errorf("help does not mention %q", want)
		}
	}
}
