package main

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/model"
)

func TestSearchFlag(t *testing.T) {
	widgets := model.Repo{Owner: "acme", Name: "widgets"}
	for _, tt := range []struct {
		args []string
		want options
	}{
		{[]string{"acme/widgets", "--search", "is:open label:bpf author:alice"},
			options{state: "all", limit: 30, timeout: 30 * time.Second, target: model.Target{Repo: widgets}, search: "is:open label:bpf author:alice"}},
		{[]string{"--search=frob", "dump", "acme/widgets", "--limit", "3"},
			options{dump: true, state: "all", limit: 3, timeout: 30 * time.Second, target: model.Target{Repo: widgets}, search: "frob"}},
		{[]string{"dump", "acme/widgets", "--search", "repo:acme/widgets is:pr"},
			options{dump: true, state: "all", limit: 30, timeout: 30 * time.Second, target: model.Target{Repo: widgets}, search: "repo:acme/widgets is:pr"}},
	} {
		got, err := parseArgs(tt.args, envOf(nil))
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parseArgs(%q) = %+v, %v; want %+v", tt.args, got, err, tt.want)
		}
	}
	for _, tt := range []struct {
		name string
		args []string
		want []string
	}{
		{"empty query", []string{"acme/widgets", "--search", ""}, []string{"--search needs a query"}},
		{"no value", []string{"acme/widgets", "--search"}, []string{"--search needs a value"}},
		{"one PR", []string{"acme/widgets#3", "--search", "x"}, []string{"--search", "acme/widgets#3"}},
		{"another repo", []string{"dump", "acme/widgets", "--search", "repo:acme/gadgets x"}, []string{"repo:acme/gadgets", "acme/widgets"}},
		{"issues", []string{"acme/widgets", "--search", "is:issue"}, []string{"is:issue"}},
		{"misspelt", []string{"acme/widgets", "--serch", "x"}, []string{"unknown flag", "--serch"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, nil, tt.args...)
			checkUsageError(t, code, stdout, stderr, tt.want)
		})
	}
}

func TestDumpSearchAgainstAPIURL(t *testing.T) {
	srv := widgetsServer(t)
	d := decodeDump(t, runOK(t, nil, "dump", "--api-url", srv.URL, "acme/widgets", "--search", "is:merged label:enhancement"))
	if d.Repo != "acme/widgets" || d.Pull != nil || d.Timeline != nil || len(d.Pulls) != 1 {
		t.Fatalf("dump = %+v, want a list dump of one PR", d)
	}
	p := d.Pulls[0]
	if p.Number != 3 || p.State != "merged" || p.Title != "Frob the widget" || strings.Join(p.Labels, ",") != "enhancement" ||
		p.MergedAt == nil || p.Body != "Frobs.\n\nFixes #2." || p.Head != "h" || p.Base != "main" {
		t.Errorf("pull = %+v; head and base come from GET /pulls/3", p)
	}
	var q string
	for _, r := range srv.Requests() {
		if r.Path == "/search/issues" {
			q = r.Query.Get("q")
		}
	}
	if q != "is:pr repo:acme/widgets is:merged label:enhancement" {
		t.Errorf("q sent = %q", q)
	}

	// --limit pages through the results; the shape is the list dump's.
	d = decodeDump(t, runOK(t, nil, "dump", "--api-url", srv.URL, "acme/widgets", "--search", "sort:created-asc", "--limit", "2"))
	if len(d.Pulls) != 2 || d.Pulls[0].Number != 1 || d.Pulls[1].Number != 2 {
		t.Errorf("--limit 2: %+v", d.Pulls)
	}
	out := runOK(t, nil, "dump", "--api-url", srv.URL, "acme/widgets", "--search", "sort:created-asc", "--limit", "1")
	if keys := objectKeys(t, []byte(out)); strings.Join(keys, ",") != "repo,pulls" {
		t.Errorf("top-level keys %v, want the list dump's", keys)
	}

	// GitHub's 422 exits 1 with its message.
	code, stdout, stderr := runCLI(t, nil, "dump", "--api-url", srv.URL, "nobody/none", "--search", "x")
	if code != exitAPI || stdout != "" || !strings.Contains(stderr, "422") || !strings.Contains(stderr, "cannot be searched") {
		t.Errorf("unknown repo: exit %d, stdout %q, stderr %q; want 1 and GitHub's message", code, stdout, stderr)
	}
}

func TestDumpSearchDemo(t *testing.T) {
	d := decodeDump(t, runOK(t, nil, "dump", "--demo", "kernel-patches/bpf", "--search", "is:merged", "--limit", "5"))
	if len(d.Pulls) != 5 {
		t.Fatalf("%d pulls, want 5", len(d.Pulls))
	}
	for _, p := range d.Pulls {
		if p.State != "merged" || p.MergedAt == nil {
			t.Errorf("is:merged gave %+v", p)
		}
	}
}
