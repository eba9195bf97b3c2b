package model

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

var (
	cest     = time.FixedZone("CEST", 2*3600)
	created  = time.Date(2023, 8, 1, 11, 0, 0, 0, time.UTC)
	updated  = time.Date(2023, 8, 3, 16, 5, 0, 0, cest) // 14:05 UTC
	closedAt = time.Date(2023, 8, 3, 14, 5, 0, 0, time.UTC)
)

func TestNewDumpPull(t *testing.T) {
	tests := []struct {
		name string
		in   PullRequest
		want string
	}{
		{
			name: "merged with labels",
			in: PullRequest{
				Number: 42, Title: "Fix parser", State: StateMerged, User: "alice",
				Head: "fix-parser", Base: "main", CreatedAt: created, UpdatedAt: updated,
				ClosedAt: &closedAt, MergedAt: &closedAt,
				Labels: []Label{{Name: "bug", Color: "d73a4a"}, {Name: "good first issue"}},
				Body:   "Fixes #41.\n\nDetails.", HTMLURL: "https://github.com/o/r/pull/42",
				Comments: 3, Commits: 2, Detailed: true,
			},
			want: `{"number":42,"title":"Fix parser","state":"merged","draft":false,"user":"alice",` +
				`"head":"fix-parser","base":"main","created_at":"2023-08-01T11:00:00Z",` +
				`"updated_at":"2023-08-03T14:05:00Z","closed_at":"2023-08-03T14:05:00Z",` +
				`"merged_at":"2023-08-03T14:05:00Z","labels":["bug","good first issue"],` +
				`"body":"Fixes #41.\n\nDetails.","html_url":"https://github.com/o/r/pull/42"}`,
		},
		{
			name: "open draft without labels",
			in: PullRequest{
				Number: 7, Title: "WIP", State: StateOpen, Draft: true, User: "bob",
				Head: "wip", Base: "main", CreatedAt: created, UpdatedAt: created,
			},
			want: `{"number":7,"title":"WIP","state":"open","draft":true,"user":"bob",` +
				`"head":"wip","base":"main","created_at":"2023-08-01T11:00:00Z",` +
				`"updated_at":"2023-08-01T11:00:00Z","closed_at":null,"merged_at":null,` +
				`"labels":[],"body":"","html_url":""}`,
		},
		{
			name: "hostile strings sanitized",
			in: PullRequest{
				Number: 1, Title: "\x1b]0;pwned\x07Title\nsecond line", State: StateClosed,
				User: "eve\u202e", Head: "\x1b[2Jhead", Base: "main\t",
				CreatedAt: created, UpdatedAt: created, ClosedAt: &closedAt,
				Labels: []Label{{Name: "\x9b31mred"}},
				Body:   "a\r\nb\x1b]52;c;AAAA\x07<script>&",
			},
			want: `{"number":1,"title":"Title second line","state":"closed","draft":false,"user":"eve",` +
				`"head":"head","base":"main","created_at":"2023-08-01T11:00:00Z",` +
				`"updated_at":"2023-08-01T11:00:00Z","closed_at":"2023-08-03T14:05:00Z",` +
				`"merged_at":null,"labels":["red"],"body":"a\nb<script>&","html_url":""}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mustMarshal(t, NewDumpPull(tt.in))
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestDumpPullBuiltDirectly(t *testing.T) {
	// A DumpPull not made by NewDumpPull still encodes to the contract.
	p := DumpPull{Number: 3, Title: "\x1b[1mbold", State: StateOpen, CreatedAt: updated, UpdatedAt: updated}
	got := mustMarshal(t, p)
	want := `{"number":3,"title":"bold","state":"open","draft":false,"user":"","head":"","base":"",` +
		`"created_at":"2023-08-03T14:05:00Z","updated_at":"2023-08-03T14:05:00Z",` +
		`"closed_at":null,"merged_at":null,"labels":[],"body":"","html_url":""}`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestDumpEvent(t *testing.T) {
	const sha = "abc1234def5678abc1234def5678abc1234def56"
	at := time.Date(2023, 8, 3, 16, 5, 0, 0, cest)
	tests := []struct {
		name string
		in   Event
		want string
	}{
		{
			"commented",
			Event{ID: "c1", Event: "commented", Actor: "alice", CreatedAt: at, Body: "LGTM <3 & thanks", HTMLURL: "https://github.com/o/r/pull/1#issuecomment-1"},
			`{"event":"commented","actor":"alice","created_at":"2023-08-03T14:05:00Z","body":"LGTM <3 & thanks","html_url":"https://github.com/o/r/pull/1#issuecomment-1"}`,
		},
		{
			"commented with empty body keeps body",
			Event{Event: "commented", Actor: "alice", CreatedAt: at},
			`{"event":"commented","actor":"alice","created_at":"2023-08-03T14:05:00Z","body":""}`,
		},
		{
			"reviewed",
			Event{Event: "reviewed", Actor: "bob", CreatedAt: at, ReviewState: "approved"},
			`{"event":"reviewed","actor":"bob","created_at":"2023-08-03T14:05:00Z","body":"","state":"approved"}`,
		},
		{
			"committed",
			Event{Event: "committed", Actor: "Alice Doe", CreatedAt: at, Commit: &CommitRef{SHA: sha, Repo: "o/r", Message: "Fix\n\nLong text", URL: "https://api.github.com/x"}},
			`{"event":"committed","actor":"Alice Doe","created_at":"2023-08-03T14:05:00Z","commit":{"sha":"` + sha + `","repo":"o/r","message":"Fix\n\nLong text"}}`,
		},
		{
			"referenced with unfetched message",
			Event{Event: "referenced", Actor: "carol", CreatedAt: at, Commit: &CommitRef{SHA: sha, Repo: "fork/r"}},
			`{"event":"referenced","actor":"carol","created_at":"2023-08-03T14:05:00Z","commit":{"sha":"` + sha + `","repo":"fork/r","message":""}}`,
		},
		{
			"referenced without commit",
			Event{Event: "referenced", Actor: "carol", CreatedAt: at},
			`{"event":"referenced","actor":"carol","created_at":"2023-08-03T14:05:00Z","commit":null}`,
		},
		{
			"merged with commit",
			Event{Event: "merged", Actor: "alice", CreatedAt: at, Commit: &CommitRef{SHA: sha}},
			`{"event":"merged","actor":"alice","created_at":"2023-08-03T14:05:00Z","commit_id":"` + sha + `"}`,
		},
		{
			"closed ignores body",
			Event{Event: "closed", Actor: "alice", CreatedAt: at, Body: "stray"},
			`{"event":"closed","actor":"alice","created_at":"2023-08-03T14:05:00Z"}`,
		},
		{
			"ghost actor and unknown time",
			Event{Event: "closed"},
			`{"event":"closed","actor":null,"created_at":null}`,
		},
		{
			"labeled",
			Event{Event: "labeled", Actor: "alice", CreatedAt: at, Label: &Label{Name: "bug", Color: "d73a4a"}},
			`{"event":"labeled","actor":"alice","created_at":"2023-08-03T14:05:00Z","label":{"name":"bug","color":"d73a4a"}}`,
		},
		{
			"unlabeled without color",
			Event{Event: "unlabeled", Actor: "alice", CreatedAt: at, Label: &Label{Name: "bug"}},
			`{"event":"unlabeled","actor":"alice","created_at":"2023-08-03T14:05:00Z","label":{"name":"bug","color":""}}`,
		},
		{
			"renamed",
			Event{Event: "renamed", Actor: "alice", CreatedAt: at, Rename: &Rename{From: "old", To: `new "quoted"`}},
			`{"event":"renamed","actor":"alice","created_at":"2023-08-03T14:05:00Z","rename":{"from":"old","to":"new \"quoted\""}}`,
		},
		{
			"review_requested",
			Event{Event: "review_requested", Actor: "alice", CreatedAt: at, RequestedReviewer: "bob"},
			`{"event":"review_requested","actor":"alice","created_at":"2023-08-03T14:05:00Z","requested_reviewer":"bob"}`,
		},
		{
			"assigned",
			Event{Event: "assigned", Actor: "alice", CreatedAt: at, Assignee: "bob"},
			`{"event":"assigned","actor":"alice","created_at":"2023-08-03T14:05:00Z","assignee":"bob"}`,
		},
		{
			"locked",
			Event{Event: "locked", Actor: "alice", CreatedAt: at, LockReason: "too heated"},
			`{"event":"locked","actor":"alice","created_at":"2023-08-03T14:05:00Z","lock_reason":"too heated"}`,
		},
		{
			"cross-referenced",
			Event{Event: "cross-referenced", Actor: "dave", CreatedAt: at, Source: &SourceRef{Repo: "other/repo", Number: 12, Title: "Uses this", IsPull: true}},
			`{"event":"cross-referenced","actor":"dave","created_at":"2023-08-03T14:05:00Z","source":{"repo":"other/repo","number":12,"title":"Uses this","is_pull":true}}`,
		},
		{
			"unknown kind keeps its fields",
			Event{Event: "some_future_event", Actor: "alice", CreatedAt: at, Assignee: "x", HTMLURL: "https://github.com/u"},
			`{"event":"some_future_event","actor":"alice","created_at":"2023-08-03T14:05:00Z","assignee":"x","html_url":"https://github.com/u"}`,
		},
		{
			"every field in order",
			Event{
				Event: "reviewed", Actor: "a", CreatedAt: at, Body: "b",
				Commit: &CommitRef{SHA: "s", Repo: "o/r", Message: "m"}, Label: &Label{Name: "l", Color: "c"},
				Rename: &Rename{From: "f", To: "t"}, ReviewState: "commented", RequestedReviewer: "rr",
				Assignee: "as", LockReason: "lr", Source: &SourceRef{Repo: "o/s", Number: 1}, HTMLURL: "u",
			},
			`{"event":"reviewed","actor":"a","created_at":"2023-08-03T14:05:00Z","body":"b",` +
				`"commit_id":"s","label":{"name":"l","color":"c"},` +
				`"rename":{"from":"f","to":"t"},"state":"commented","requested_reviewer":"rr",` +
				`"assignee":"as","lock_reason":"lr","source":{"repo":"o/s","number":1,"title":"","is_pull":false},"html_url":"u"}`,
		},
		{
			"hostile strings sanitized",
			Event{
				Event: "commented", Actor: "\x1b[2J", CreatedAt: at,
				Body:   "hi\x1b]52;c;Y3VybA==\x07\r\nthere\u202e\x00",
				Label:  &Label{Name: "x\x1b[31m"},
				Commit: &CommitRef{SHA: "\u009b2J", Message: "m\x1bPq\x1b\\sg"},
			},
			`{"event":"commented","actor":null,"created_at":"2023-08-03T14:05:00Z","body":"hi\nthere",` +
				`"commit_id":"","label":{"name":"x","color":""}}`,
		},
		{
			"hostile commit message sanitized",
			Event{
				Event: "referenced", Actor: "bot", CreatedAt: at,
				Commit: &CommitRef{SHA: "\u009b2J", Repo: "o/r\x07", Message: "m\x1bPq\x1b\\sg"},
			},
			`{"event":"referenced","actor":"bot","created_at":"2023-08-03T14:05:00Z",` +
				`"commit":{"sha":"","repo":"o/r","message":"msg"}}`,
		},
		{
			"commit whose message could not be fetched",
			Event{
				Event: "referenced", Actor: "bot", CreatedAt: at,
				Commit: &CommitRef{SHA: "abc", Repo: "o/fork", Err: "404 Not Found"},
			},
			`{"event":"referenced","actor":"bot","created_at":"2023-08-03T14:05:00Z",` +
				`"commit":{"sha":"abc","repo":"o/fork","message":null,"error":"404 Not Found"}}`,
		},
		{
			"committed: no actor login, the git author",
			Event{
				Event: "committed", Author: "Jane Doe", CreatedAt: at,
				Commit: &CommitRef{SHA: "abc", Repo: "o/r", Message: "fix"},
			},
			`{"event":"committed","actor":null,"created_at":"2023-08-03T14:05:00Z",` +
				`"commit":{"sha":"abc","repo":"o/r","message":"fix"},"author":"Jane Doe"}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw, err := DumpEvent(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got := string(raw); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			if !json.Valid(raw) {
				t.Errorf("invalid JSON: %s", raw)
			}
		})
	}
}

func TestDump(t *testing.T) {
	pull := NewDumpPull(PullRequest{Number: 5, Title: "T", State: StateOpen, User: "u", Head: "h", Base: "b", CreatedAt: created, UpdatedAt: created})
	tests := []struct {
		name string
		in   Dump
		want string
	}{
		{
			"pull and timeline",
			Dump{Repo: "o/r", Pull: &pull, Timeline: []Event{
				{Event: "commented", Actor: "a", CreatedAt: created, Body: "x"},
				{Event: "closed", Actor: "a", CreatedAt: closedAt},
			}},
			`{"repo":"o/r","pull":{"number":5,"title":"T","state":"open","draft":false,"user":"u",` +
				`"head":"h","base":"b","created_at":"2023-08-01T11:00:00Z","updated_at":"2023-08-01T11:00:00Z",` +
				`"closed_at":null,"merged_at":null,"labels":[],"body":"","html_url":""},` +
				`"timeline":[{"event":"commented","actor":"a","created_at":"2023-08-01T11:00:00Z","body":"x"},` +
				`{"event":"closed","actor":"a","created_at":"2023-08-03T14:05:00Z"}]}`,
		},
		{
			"nothing",
			Dump{Repo: "o/r"},
			`{"repo":"o/r","pull":null,"timeline":[]}`,
		},
		{
			"empty non-nil timeline",
			Dump{Repo: "o/r\x1b[H", Timeline: []Event{}},
			`{"repo":"o/r","pull":null,"timeline":[]}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mustMarshal(t, tt.in); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestDumpList(t *testing.T) {
	tests := []struct {
		name string
		in   DumpList
		want string
	}{
		{"nil pulls", DumpList{Repo: "o/r"}, `{"repo":"o/r","pulls":[]}`},
		{
			"two pulls",
			DumpList{Repo: "o/r", Pulls: []DumpPull{
				NewDumpPull(PullRequest{Number: 2, Title: "B", State: StateOpen, CreatedAt: created, UpdatedAt: created}),
				{Number: 1, Title: "A", State: StateClosed, CreatedAt: created, UpdatedAt: created, ClosedAt: &closedAt},
			}},
			`{"repo":"o/r","pulls":[` +
				`{"number":2,"title":"B","state":"open","draft":false,"user":"","head":"","base":"",` +
				`"created_at":"2023-08-01T11:00:00Z","updated_at":"2023-08-01T11:00:00Z","closed_at":null,` +
				`"merged_at":null,"labels":[],"body":"","html_url":""},` +
				`{"number":1,"title":"A","state":"closed","draft":false,"user":"","head":"","base":"",` +
				`"created_at":"2023-08-01T11:00:00Z","updated_at":"2023-08-01T11:00:00Z",` +
				`"closed_at":"2023-08-03T14:05:00Z","merged_at":null,"labels":[],"body":"","html_url":""}]}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mustMarshal(t, tt.in); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// Whatever the API sends, the dump is valid JSON with no raw ESC, so piping
// it to a terminal is as safe as prscope's screens.
func TestDumpOfHostileInputIsSafeJSON(t *testing.T) {
	hostile := "\x1b]52;c;Y3VybA==\x07\x1b[2J\x1b[H\u009b31m\x9d0;t\x9c\u202e\x00\x7f\xff\t<>&\u2028"
	pull := NewDumpPull(PullRequest{
		Number: 1, Title: hostile, State: hostile, User: hostile, Head: hostile, Base: hostile,
		Labels: []Label{{Name: hostile, Color: hostile}}, Body: hostile, HTMLURL: hostile,
	})
	dump := Dump{Repo: hostile, Pull: &pull, Timeline: []Event{{
		Event: EventKind(hostile), Actor: hostile, Body: hostile, HTMLURL: hostile,
		Commit:            &CommitRef{SHA: hostile, Repo: hostile, Message: hostile},
		Label:             &Label{Name: hostile, Color: hostile},
		Rename:            &Rename{From: hostile, To: hostile},
		ReviewState:       hostile,
		RequestedReviewer: hostile, Assignee: hostile, LockReason: hostile,
		Source: &SourceRef{Repo: hostile, Title: hostile},
	}}}
	list := DumpList{Repo: hostile, Pulls: []DumpPull{pull}}
	for name, v := range map[string]any{"dump": dump, "list": list} {
		for _, indent := range []bool{false, true} {
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			if indent {
				enc.SetIndent("", "  ")
			}
			if err := enc.Encode(v); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			out := buf.Bytes()
			if !json.Valid(out) {
				t.Errorf("%s: invalid JSON:\n%s", name, out)
			}
			for _, bad := range []string{"\x1b", "\x07", "\x00", "\x7f", "\u009b", "\u202e", "\t"} {
				if bytes.Contains(out, []byte(bad)) {
					t.Errorf("%s: output holds %q:\n%s", name, bad, out)
				}
			}
			if !bytes.Contains(out, []byte("<>&")) {
				t.Errorf("%s: HTML characters were escaped:\n%s", name, out)
			}
		}
	}
}

func mustMarshal(t *testing.T, v any) string {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // as `prscope dump` should print
	if err := enc.Encode(v); err != nil {
		t.Fatalf("encode: %v", err)
	}
	out := strings.TrimSuffix(buf.String(), "\n")
	if !json.Valid([]byte(out)) {
		t.Fatalf("invalid JSON: %s", out)
	}
	return out
}

func TestDumpAnnotated(t *testing.T) {
	at := time.Date(2023, 4, 26, 10, 0, 0, 0, time.UTC)
	timeline := []Event{
		{Event: "commented", Actor: "a", CreatedAt: at, Body: "x"},
		{Event: "referenced", Actor: "bot", CreatedAt: at, Commit: &CommitRef{SHA: "s1", Repo: "o/r", Message: "m"}, Author: "A"},
		{Event: "referenced", Actor: "bot", CreatedAt: at, Commit: &CommitRef{SHA: "s2", Repo: "o/r", Message: "n"}},
		{Event: "referenced", Actor: "bot", CreatedAt: at, Commit: &CommitRef{SHA: "s3", Repo: "o/r", Message: "p"}},
	}
	refs := map[int]Reference{
		0: {Kind: RefMention, Line: "ignored: not a referenced event"},
		1: {Kind: RefStackFrame, Line: "#11 [ffff89240e1a3a18] cmd_exec at ffffffffc046ad62", Start: 0, End: 3},
		3: {Kind: RefKernelBuild, Line: "Not tainted 5.18.0 #11\x1b]0;x\x07 <b>"},
	}
	groups := map[int]string{0: "ignored", 1: "abc123def456", 2: "0123456789ab"}
	got := mustMarshal(t, Dump{Repo: "o/r", Timeline: timeline, Refs: refs, Groups: groups})
	want := `{"repo":"o/r","pull":null,"timeline":[` +
		`{"event":"commented","actor":"a","created_at":"2023-04-26T10:00:00Z","body":"x"},` +
		`{"event":"referenced","actor":"bot","created_at":"2023-04-26T10:00:00Z","commit":{"sha":"s1","repo":"o/r","message":"m"},` +
		`"reference":{"kind":"stack-frame","line":"#11 [ffff89240e1a3a18] cmd_exec at ffffffffc046ad62"},"patch_group":"abc123def456","author":"A"},` +
		`{"event":"referenced","actor":"bot","created_at":"2023-04-26T10:00:00Z","commit":{"sha":"s2","repo":"o/r","message":"n"},` +
		`"patch_group":"0123456789ab"},` +
		`{"event":"referenced","actor":"bot","created_at":"2023-04-26T10:00:00Z","commit":{"sha":"s3","repo":"o/r","message":"p"},` +
		`"reference":{"kind":"kernel-build","line":"Not tainted 5.18.0 #11 <b>"}}]}`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}

	// Without annotations the same timeline encodes as it always did.
	plain := mustMarshal(t, Dump{Repo: "o/r", Timeline: timeline})
	for i, e := range timeline {
		raw, _ := DumpEvent(e)
		if !strings.Contains(plain, string(raw)) {
			t.Errorf("event %d: unannotated dump lacks %s", i, raw)
		}
	}
	if strings.Contains(plain, `"reference":`) || strings.Contains(plain, `"patch_group":`) {
		t.Errorf("unannotated dump has annotations: %s", plain)
	}
}
