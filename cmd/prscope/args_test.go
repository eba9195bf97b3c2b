package main

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/model"
)

// envOf is a getenv over a fixed map, so tests never see the real environment.
func envOf(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// runCLI runs the command line as main would, with env as the environment.
func runCLI(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut, envOf(env))
	return code, out.String(), errOut.String()
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string // what the one line must name
	}{
		{"unknown flag", []string{"--nope"}, []string{"unknown flag", "nope"}},
		{"unknown flag after target", []string{"acme/widgets", "--nope"}, []string{"unknown flag", "nope"}},
		{"flag without value", []string{"acme/widgets", "--state"}, []string{"state"}},
		{"three parts", []string{"a/b/c"}, []string{`"a/b/c"`, "OWNER/REPO"}},
		{"no owner", []string{"/x"}, []string{`"/x"`, "owner"}},
		{"no slash", []string{"widgets"}, []string{`"widgets"`, "OWNER/REPO"}},
		{"PR zero", []string{"acme/widgets#0"}, []string{`"0"`, "pull request number"}},
		{"PR negative", []string{"acme/widgets#-1"}, []string{`"-1"`, "pull request number"}},
		{"PR not a number", []string{"acme/widgets#abc"}, []string{`"abc"`, "pull request number"}},
		{"PR too large", []string{"acme/widgets#99999999999"}, []string{`"99999999999"`, "too large"}},
		{"PR empty", []string{"acme/widgets#"}, []string{"pull request number"}},
		{"not github", []string{"https://gitlab.com/a/b/pull/1"}, []string{"gitlab.com", "not GitHub"}},
		{"issue URL", []string{"https://github.com/a/b/issues/1"}, []string{"issues/1", "not a pull request"}},
		{"bad state", []string{"--state", "bogus", "acme/widgets"}, []string{"--state", `"bogus"`}},
		{"limit zero", []string{"dump", "--limit", "0", "acme/widgets"}, []string{"--limit", "0"}},
		{"limit negative", []string{"dump", "acme/widgets", "--limit", "-3"}, []string{"--limit", "-3"}},
		{"limit not a number", []string{"dump", "acme/widgets", "--limit", "many"}, []string{"limit", "many"}},
		{"limit without dump", []string{"--limit", "5", "acme/widgets"}, []string{"--limit", "dump"}},
		{"limit with one PR", []string{"dump", "--limit", "5", "acme/widgets#3"}, []string{"--limit", "one PR"}},
		{"bad timeout", []string{"--timeout", "0s", "acme/widgets"}, []string{"--timeout"}},
		{"a repo twice", []string{"acme/widgets", "acme/widgets#3"}, []string{"acme/widgets", "twice"}},
		{"two hosts", []string{"https://github.com/a/b/pull/1", "https://ghe.example.com/c/d/pull/2"}, []string{"one host"}},
		{"two targets for dump", []string{"dump", "acme/widgets#1", "acme/widgets#2"}, []string{`"acme/widgets#2"`}},
		{"no target", nil, []string{"missing OWNER/REPO", "--demo"}},
		{"dump without target", []string{"dump"}, []string{"dump needs OWNER/REPO"}},
		{"dump demo without target", []string{"dump", "--demo"}, []string{"dump needs OWNER/REPO"}},
		{"whitespace", []string{"acme/widgets #1"}, []string{"whitespace"}},
		{"bad API URL", []string{"dump", "--api-url", "ftp://example.com/", "acme/widgets#1"}, []string{"API URL", "ftp://example.com/"}},
		{"API URL without scheme", []string{"dump", "--api-url", "127.0.0.1:8080", "acme/widgets#1"}, []string{"API URL", "127.0.0.1:8080"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{"GH_TOKEN": "never-used"}
			code, stdout, stderr := runCLI(t, env, tt.args...)
			checkUsageError(t, code, stdout, stderr, tt.want)
		})
	}
	t.Run("bad PRSCOPE_API_URL", func(t *testing.T) {
		code, stdout, stderr := runCLI(t, map[string]string{"PRSCOPE_API_URL": "not a url"}, "dump", "acme/widgets#1")
		checkUsageError(t, code, stdout, stderr, []string{"API URL", `"not a url"`})
	})
}

// checkUsageError fails unless the run exited 2 with one line on stderr
// naming everything in want, and nothing on stdout.
func checkUsageError(t *testing.T, code int, stdout, stderr string, want []string) {
	t.Helper()
	if code != exitUsage {
		t.Errorf("exit %d, want %d (stderr %q)", code, exitUsage, stderr)
	}
	if stdout != "" {
		t.Errorf("stdout = %q, want nothing", stdout)
	}
	if strings.Count(stderr, "\n") != 1 || !strings.HasSuffix(stderr, "\n") {
		t.Errorf("stderr = %q, want exactly one line", stderr)
	}
	if !strings.HasPrefix(stderr, "prscope: ") {
		t.Errorf("stderr = %q, want it to start with \"prscope: \"", stderr)
	}
	for _, w := range want {
		if !strings.Contains(stderr, w) {
			t.Errorf("stderr = %q, want it to name %q", stderr, w)
		}
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"-help"}, {"dump", "--help"}, {"acme/widgets", "-h"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, stdout, stderr := runCLI(t, nil, args...)
			if code != exitOK {
				t.Errorf("exit %d, want 0", code)
			}
			if stderr != "" {
				t.Errorf("stderr = %q, want nothing", stderr)
			}
			for _, want := range []string{
				"Usage:", "Examples:", "prscope --demo", "prscope dump", "OWNER/REPO#N",
				"--api-url", "PRSCOPE_API_URL", "--state", "--limit", "GH_TOKEN", "GITHUB_TOKEN",
			} {
				if !strings.Contains(stdout, want) {
					t.Errorf("help does not mention %q", want)
				}
			}
		})
	}
}

func TestVersion(t *testing.T) {
	code, stdout, stderr := runCLI(t, nil, "--version")
	if code != exitOK || stderr != "" {
		t.Errorf("exit %d stderr %q, want 0 and nothing", code, stderr)
	}
	if !strings.HasPrefix(stdout, "prscope ") || strings.Count(stdout, "\n") != 1 || len(strings.TrimSpace(stdout)) <= len("prscope") {
		t.Errorf("stdout = %q, want one line \"prscope VERSION\"", stdout)
	}
}

func TestParseArgs(t *testing.T) {
	widgets := model.Repo{Owner: "acme", Name: "widgets"}
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want options
	}{
		{
			name: "defaults",
			args: []string{"acme/widgets"},
			want: options{state: "all", limit: 30, timeout: 30 * time.Second, target: model.Target{Repo: widgets}},
		},
		{
			name: "PR and flags",
			args: []string{"--state", "open", "--timeout", "5s", "acme/widgets#12"},
			want: options{state: "open", stateGiven: true, limit: 30, timeout: 5 * time.Second, target: model.Target{Repo: widgets, Number: 12}},
		},
		{
			name: "PR URL",
			args: []string{"https://github.com/acme/widgets/pull/7"},
			want: options{state: "all", limit: 30, timeout: 30 * time.Second, target: model.Target{Repo: widgets, Number: 7, Host: "github.com"}},
		},
		{
			name: "dump with limit after the target",
			args: []string{"dump", "acme/widgets", "--limit", "5"},
			want: options{dump: true, state: "all", limit: 5, timeout: 30 * time.Second, target: model.Target{Repo: widgets}},
		},
		{
			name: "flags between dump and target",
			args: []string{"dump", "--state", "closed", "acme/widgets"},
			want: options{dump: true, state: "closed", stateGiven: true, limit: 30, timeout: 30 * time.Second, target: model.Target{Repo: widgets}},
		},
		{
			name: "demo defaults to the real PR and ignores tokens",
			args: []string{"--demo"},
			env:  map[string]string{"GH_TOKEN": "t1", "PRSCOPE_API_URL": "http://127.0.0.1:1/"},
			want: options{demo: true, state: "all", limit: 30, timeout: 30 * time.Second, apiURL: "http://127.0.0.1:1/",
				target: model.Target{Repo: model.Repo{Owner: "kernel-patches", Name: "bpf"}, Number: 11}},
		},
		{
			name: "GH_TOKEN wins over GITHUB_TOKEN",
			args: []string{"acme/widgets"},
			env:  map[string]string{"GH_TOKEN": "gh", "GITHUB_TOKEN": "github"},
			want: options{state: "all", limit: 30, timeout: 30 * time.Second, token: "gh", target: model.Target{Repo: widgets}},
		},
		{
			name: "GITHUB_TOKEN as the fallback",
			args: []string{"acme/widgets"},
			env:  map[string]string{"GITHUB_TOKEN": "github"},
			want: options{state: "all", limit: 30, timeout: 30 * time.Second, token: "github", target: model.Target{Repo: widgets}},
		},
		{
			name: "API URL from the environment",
			args: []string{"acme/widgets"},
			env:  map[string]string{"PRSCOPE_API_URL": "https://ghe.example.com/api/v3/"},
			want: options{state: "all", limit: 30, timeout: 30 * time.Second, apiURL: "https://ghe.example.com/api/v3/", target: model.Target{Repo: widgets}},
		},
		{
			name: "--api-url wins over the environment",
			args: []string{"--api-url", "http://127.0.0.1:8080/", "acme/widgets"},
			env:  map[string]string{"PRSCOPE_API_URL": "https://ghe.example.com/api/v3/"},
			want: options{state: "all", limit: 30, timeout: 30 * time.Second, apiURL: "http://127.0.0.1:8080/", target: model.Target{Repo: widgets}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseArgs(tt.args, envOf(tt.env))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("parseArgs(%q) =\n%+v\nwant\n%+v", tt.args, got, tt.want)
			}
		})
	}
}

func TestFlagValueErrorsNameTheFlagAsTyped(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--timeout", "5", "a/b"}, `invalid --timeout "5": want a duration`},
		{[]string{"dump", "--limit", "abc", "a/b"}, `invalid --limit "abc": want a whole number`},
		{[]string{"--state"}, "--state needs a value"},
	} {
		_, err := parseArgs(tt.args, func(string) string { return "" })
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("parseArgs(%q) = %v, want an error containing %q", tt.args, err, tt.want)
		}
	}
}

func TestTokenIsNeverSentInClearTextAcrossANetwork(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	withToken := map[string]string{"GH_TOKEN": "ghp_secret"}
	for _, tt := range []struct {
		args    []string
		env     map[string]string
		wantErr bool
	}{
		{[]string{"--api-url", "http://ghe.example.com/api/v3/", "a/b"}, withToken, true},
		{[]string{"--api-url", "http://10.0.0.5:8080/", "a/b"}, withToken, true},
		{[]string{"--api-url", "http://ghe.example.com/api/v3/", "--insecure", "a/b"}, withToken, false},
		{[]string{"--api-url", "http://ghe.example.com/api/v3/", "a/b"}, nil, false}, // no token to leak
		{[]string{"--api-url", "https://ghe.example.com/api/v3/", "a/b"}, withToken, false},
		{[]string{"--api-url", "http://127.0.0.1:8080/", "a/b"}, withToken, false},
		{[]string{"--api-url", "http://localhost:8080/", "a/b"}, withToken, false},
		{[]string{"--api-url", "http://[::1]:8080/", "a/b"}, withToken, false},
		{[]string{"a/b"}, map[string]string{"GH_TOKEN": "t", "PRSCOPE_API_URL": "http://ghe.example.com/"}, true},
	} {
		_, err := parseArgs(tt.args, env(tt.env))
		if (err != nil) != tt.wantErr {
			t.Errorf("parseArgs(%q) with %v: err = %v, want error %v", tt.args, tt.env, err, tt.wantErr)
		}
		if err != nil && (!strings.Contains(err.Error(), "plain http") || strings.Contains(err.Error(), "ghp_secret")) {
			t.Errorf("message %q should name the problem and never the token", err)
		}
	}
}

func TestNoMouseFlag(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want bool
	}{
		{[]string{"acme/widgets"}, false},
		{[]string{"--no-mouse", "acme/widgets"}, true},
		{[]string{"acme/widgets", "--no-mouse"}, true},
	} {
		o, err := parseArgs(tt.args, envOf(nil))
		if err != nil || o.noMouse != tt.want {
			t.Errorf("%q: noMouse %v, err %v; want %v", tt.args, o.noMouse, err, tt.want)
		}
	}
}

func TestSeveralRepositories(t *testing.T) {
	o, err := parseArgs([]string{"acme/widgets", "acme/gadgets#4", "https://github.com/acme/gizmos/pull/2"}, envOf(nil))
	if err != nil {
		t.Fatal(err)
	}
	if o.target.Repo.String() != "acme/widgets" || len(o.more) != 2 || o.more[0].Repo.String() != "acme/gadgets" || o.more[0].Number != 4 ||
		o.more[1].Repo.String() != "acme/gizmos" {
		t.Errorf("targets: %+v then %+v", o.target, o.more)
	}
	if _, err := parseArgs([]string{"dump", "acme/widgets", "acme/gadgets"}, envOf(nil)); err == nil ||
		!strings.Contains(err.Error(), "dump takes one") {
		t.Errorf("dump of two repositories: %v", err)
	}
}

// TestDemoLatency: --demo-latency (or PRSCOPE_DEMO_LATENCY) sets the demo
// server's latency, and means nothing without --demo.
func TestDemoLatency(t *testing.T) {
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == "PRSCOPE_DEMO_LATENCY" {
				return v
			}
			return ""
		}
	}
	o, err := parseArgs([]string{"--demo", "--demo-latency", "200ms"}, env("1s"))
	if err != nil || !o.latencySet || o.demoLatency != 200*time.Millisecond {
		t.Errorf("flag: %v %v %v, want 200ms (the flag beats the env)", o.latencySet, o.demoLatency, err)
	}
	o, err = parseArgs([]string{"--demo"}, env("1s"))
	if err != nil || !o.latencySet || o.demoLatency != time.Second {
		t.Errorf("env: %v %v %v, want 1s", o.latencySet, o.demoLatency, err)
	}
	if o, err = parseArgs([]string{"--demo"}, env("")); err != nil || o.latencySet {
		t.Errorf("neither: %v %v, want the demo's default", o.latencySet, err)
	}
	for _, bad := range [][]string{{"--demo-latency", "200ms", "acme/widgets"}, {"--demo", "--demo-latency", "-1s"}} {
		if _, err := parseArgs(bad, env("")); err == nil {
			t.Errorf("%v: no error", bad)
		}
	}
	if _, err := parseArgs([]string{"--demo"}, env("fast")); err == nil {
		t.Errorf("PRSCOPE_DEMO_LATENCY=fast: no error")
	}
	if o, err := parseArgs([]string{"acme/widgets"}, env("200ms")); err != nil || o.latencySet {
		t.Errorf("PRSCOPE_DEMO_LATENCY without --demo: %v, %v; want it ignored", err, o.latencySet)
	}
	if _, err := parseArgs([]string{"--demo", "--demo-latency", "bogus"}, env("")); err == nil || !strings.Contains(err.Error(), "want a duration such as 200ms") {
		t.Errorf("--demo-latency bogus: %v", err)
	}
}
