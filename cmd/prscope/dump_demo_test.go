package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func TestDumpDemoPR11(t *testing.T) {
	stdout := runOK(t, nil, "dump", "--demo", "kernel-patches/bpf#11")
	d := decodeDump(t, stdout)
	if d.Repo != "kernel-patches/bpf" {
		t.Errorf("repo = %q", d.Repo)
	}
	if d.Pulls != nil {
		t.Errorf("a PR dump has \"pulls\"")
	}
	if got := objectKeys(t, d.Pull); strings.Join(got, ",") != strings.Join(pullKeys, ",") {
		t.Errorf("pull keys = %v\nwant %v", got, pullKeys)
	}
	p := d.pull(t)
	if p.Number != 11 || p.Title != "[test] bpf-next_test" || p.State != "closed" || p.Draft ||
		p.User != "kernel-patches-bot" || p.Head != "bpf-next_test" || p.Base != "bpf-next" {
		t.Errorf("pull = %+v", p)
	}
	if !strings.Contains(p.Body, "branch: bpf-next_test") || !strings.Contains(p.Body, "version: edc21dc") {
		t.Errorf("body = %q, want the bot's branch/base/version lines", p.Body)
	}
	if p.ClosedAt == nil || p.MergedAt != nil {
		t.Errorf("closed_at = %s, merged_at = %s; want a time and null", str(p.ClosedAt), str(p.MergedAt))
	}
	if p.HTMLURL != "https://github.com/kernel-patches/bpf/pull/11" {
		t.Errorf("html_url = %q", p.HTMLURL)
	}

	var comments, refs []dumpedEvent
	for _, e := range d.Timeline {
		switch e.Event {
		case "commented":
			comments = append(comments, e)
		case "referenced":
			refs = append(refs, e)
		}
	}
	if len(comments) != 4 {
		t.Errorf("%d commented events, want 4", len(comments))
	}
	for i, c := range comments {
		if c.Body == nil || !strings.Contains(*c.Body, "version: edc21dc") || !strings.Contains(*c.Body, "branch: bpf-next_test") {
			t.Errorf("comment %d body = %s, want the bot's version line", i, str(c.Body))
		}
		if str(c.Actor) != "kernel-patches-bot" {
			t.Errorf("comment %d actor = %s", i, str(c.Actor))
		}
	}
	if len(refs) != 51 {
		t.Fatalf("%d referenced events, want 51", len(refs))
	}
	shas := map[string]bool{}
	for i, r := range refs {
		if r.Commit == nil || !sha40.MatchString(r.Commit.SHA) || r.Commit.Repo == "" || strings.TrimSpace(r.Commit.Message) == "" {
			t.Errorf("reference %d commit = %+v, want a 40-hex SHA, a repo and a message", i, r.Commit)
			continue
		}
		shas[r.Commit.SHA] = true
		if a := str(r.Actor); a != "kernel-patches-bot" && a != "kernel-patches-daemon-bpf-rc[bot]" {
			t.Errorf("reference %d actor = %q", i, a)
		}
		if r.CreatedAt == nil {
			t.Errorf("reference %d has no created_at", i)
		}
	}
	if len(shas) < 2 {
		t.Errorf("the 51 references name %d distinct commits", len(shas))
	}
	first, last := refs[0], refs[len(refs)-1]
	if !strings.HasPrefix(str(first.CreatedAt), "2022-02-18") {
		t.Errorf("first reference at %s, want Feb 18, 2022", str(first.CreatedAt))
	}
	if !strings.HasPrefix(str(last.CreatedAt), "2023-08-03") || str(last.Actor) != "kernel-patches-daemon-bpf-rc[bot]" {
		t.Errorf("last reference = %s by %s, want Aug 3, 2023 by kernel-patches-daemon-bpf-rc[bot]", str(last.CreatedAt), str(last.Actor))
	}
	checkChronological(t, d.Timeline)

	// Each event starts with the documented keys.
	var raw struct {
		Timeline []json.RawMessage `json:"timeline"`
	}
	if err := json.Unmarshal([]byte(stdout), &raw); err != nil {
		t.Fatal(err)
	}
	for i, e := range raw.Timeline {
		keys := objectKeys(t, e)
		if len(keys) < 3 || keys[0] != "event" || keys[1] != "actor" || keys[2] != "created_at" {
			t.Errorf("event %d keys = %v, want event, actor, created_at first", i, keys)
		}
	}
}

func TestDumpDemoList(t *testing.T) {
	tests := []struct {
		args []string
		want int
	}{
		{[]string{"dump", "--demo", "kernel-patches/bpf", "--limit", "5"}, 5},
		{[]string{"dump", "--demo", "kernel-patches/bpf"}, 30},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			d := decodeDump(t, runOK(t, nil, tt.args...))
			if d.Repo != "kernel-patches/bpf" || d.Pull != nil || d.Timeline != nil {
				t.Errorf("repo = %q, pull = %s, timeline = %v; want a list dump", d.Repo, d.Pull, d.Timeline)
			}
			if len(d.Pulls) != tt.want {
				t.Fatalf("%d pulls, want %d", len(d.Pulls), tt.want)
			}
			seen := map[int]bool{}
			for i, p := range d.Pulls {
				if p.Number <= 0 || seen[p.Number] || p.Title == "" || p.Labels == nil {
					t.Errorf("pull %d = %+v: want a new positive number, a title and labels (maybe [])", i, p)
				}
				seen[p.Number] = true
				switch p.State {
				case "open", "closed", "merged":
				default:
					t.Errorf("pull #%d state = %q", p.Number, p.State)
				}
				if i > 0 && p.CreatedAt > d.Pulls[i-1].CreatedAt {
					t.Errorf("pull %d (#%d) is newer than the one before: not newest first", i, p.Number)
				}
			}
		})
	}
}

// TestDumpSaysWhyEachCommitReferencesThePR: every referenced event of the
// demo's #11 carries its reference kind and line, and its patch group; the
// verifier patch's 22 pushes share one group.
func TestDumpSaysWhyEachCommitReferencesThePR(t *testing.T) {
	out := runOK(t, nil, "dump", "--demo", "--no-cache", "kernel-patches/bpf#11")
	var d struct {
		Timeline []struct {
			Event     string `json:"event"`
			Reference *struct {
				Kind string `json:"kind"`
				Line string `json:"line"`
			} `json:"reference"`
			PatchGroup string `json:"patch_group"`
		} `json:"timeline"`
	}
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	kinds, groups := map[string]int{}, map[string]int{}
	for _, e := range d.Timeline {
		if e.Event != "referenced" {
			continue
		}
		if e.Reference == nil || !strings.Contains(e.Reference.Line, "#11") || e.PatchGroup == "" {
			t.Fatalf("a referenced event without its reason or group: %+v", e)
		}
		kinds[e.Reference.Kind]++
		groups[e.PatchGroup]++
	}
	want := map[string]int{"numbered-item": 22, "stack-frame": 14, "patch-number": 10, "kernel-build": 5}
	if fmt.Sprint(kinds) != fmt.Sprint(want) {
		t.Errorf("reference kinds %v, want %v", kinds, want)
	}
	biggest := 0
	for _, n := range groups {
		biggest = max(biggest, n)
	}
	if len(groups) != 23 || biggest != 22 {
		t.Errorf("%d patch groups, the largest of %d pushes; want 23 and 22", len(groups), biggest)
	}
}

// TestDemoNotFoundSaysWhatTheDemoHas: in the demo no token or name check
// helps a 404; the message says which repositories it serves.
func TestDemoNotFoundSaysWhatTheDemoHas(t *testing.T) {
	code, _, stderr := runCLI(t, nil, "dump", "--demo", "--no-cache", "kernel-patches/bpf-next")
	if code != exitAPI || !strings.Contains(stderr, "the demo serves only the pull requests of kernel-patches/bpf and kernel-patches/vmtest") ||
		strings.Contains(stderr, "GH_TOKEN") {
		t.Errorf("exit %d, %q", code, stderr)
	}
}
