package main

import (
	"strings"
	"testing"
)

// TestListFilterFlags: --author, --base, --head and --label (with --state)
// become search qualifiers ahead of any --search text, and the PRs dumped
// are the ones that match.
func TestListFilterFlags(t *testing.T) {
	srv := widgetsServer(t)
	d := decodeDump(t, runOK(t, nil, "dump", "--api-url", srv.URL, "acme/widgets",
		"--state", "closed", "--label", "enhancement", "--base", "main", "--search", "frob"))
	var q string
	for _, r := range srv.Requests() {
		if r.Path == "/search/issues" {
			q = r.Query.Get("q")
		}
	}
	if want := "is:pr repo:acme/widgets is:closed base:main label:enhancement frob"; q != want {
		t.Errorf("q sent = %q, want %q", q, want)
	}
	if len(d.Pulls) != 1 || d.Pulls[0].Number != 3 {
		t.Errorf("pulls = %+v, want #3", d.Pulls)
	}
	d = decodeDump(t, runOK(t, nil, "dump", "--api-url", srv.URL, "acme/widgets", "--base", "no-such-branch"))
	if len(d.Pulls) != 0 {
		t.Errorf("--base no-such-branch found %+v", d.Pulls)
	}
}

func TestListFilterFlagErrors(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--author", "a b", "acme/widgets"}, "--author"},
		{[]string{"--label", `x"y`, "acme/widgets"}, "--label"},
		{[]string{"--head", "topic", "acme/widgets#3"}, "filter a list"},
	} {
		code, _, stderr := runCLI(t, nil, tt.args...)
		if code != exitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("%q: exit %d, %q; want 2 naming %s", tt.args, code, stderr, tt.want)
		}
	}
	o, err := parseArgs([]string{"--author", "alice", "acme/widgets"}, envOf(nil))
	if err == nil {
		err = loadConfig(&o, envOf(nil))
	}
	if err != nil || o.search != "author:alice" {
		t.Errorf("--author alice: search %q, err %v", o.search, err)
	}
}
