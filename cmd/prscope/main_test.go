package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/github/fake"
)

// The JSON dump as tests read it back.
type dumpedCommit struct {
	SHA     string `json:"sha"`
	Repo    string `json:"repo"`
	Message string `json:"message"`
}

type dumpedEvent struct {
	Event     string        `json:"event"`
	Actor     *string       `json:"actor"`
	Author    *string       `json:"author"`
	CreatedAt *string       `json:"created_at"`
	Body      *string       `json:"body"`
	Commit    *dumpedCommit `json:"commit"`
	State     string        `json:"state"`
}

type dumpedPull struct {
	Number    int      `json:"number"`
	Title     string   `json:"title"`
	State     string   `json:"state"`
	Draft     bool     `json:"draft"`
	User      string   `json:"user"`
	Head      string   `json:"head"`
	Base      string   `json:"base"`
	CreatedAt string   `json:"created_at"`
	UpdatedAt string   `json:"updated_at"`
	ClosedAt  *string  `json:"closed_at"`
	MergedAt  *string  `json:"merged_at"`
	Labels    []string `json:"labels"`
	Body      string   `json:"body"`
	HTMLURL   string   `json:"html_url"`
}

type dumped struct {
	Repo     string          `json:"repo"`
	Pull     json.RawMessage `json:"pull"`
	Pulls    []dumpedPull    `json:"pulls"`
	Timeline []dumpedEvent   `json:"timeline"`
}

// pullKeys is the documented key order of a dumped pull request.
var pullKeys = []string{"number", "title", "state", "draft", "user", "head", "base",
	"created_at", "updated_at", "closed_at", "merged_at", "labels", "body", "html_url"}

var sha40 = regexp.MustCompile(`^[0-9a-f]{40}$`)

// decodeDump checks stdout is exactly one JSON object and decodes it.
func decodeDump(t *testing.T, stdout string) dumped {
	t.Helper()
	if !strings.HasSuffix(stdout, "}\n") {
		t.Errorf("stdout does not end with one object and a newline: ...%q", stdout[max(0, len(stdout)-40):])
	}
	dec := json.NewDecoder(strings.NewReader(stdout))
	var d dumped
	if err := dec.Decode(&d); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%.500s", err, stdout)
	}
	var extra json.RawMessage
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		t.Fatalf("stdout holds more than one JSON value (next: %.100s, err %v)", extra, err)
	}
	return d
}

// objectKeys returns the keys of a JSON object in the order they appear.
func objectKeys(t *testing.T, raw []byte) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("not a JSON object: %.100s", raw)
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}

func (d dumped) pull(t *testing.T) dumpedPull {
	t.Helper()
	var p dumpedPull
	if err := json.Unmarshal(d.Pull, &p); err != nil {
		t.Fatalf("pull: %v\n%s", err, d.Pull)
	}
	return p
}

func str(p *string) string {
	if p == nil {
		return "<null>"
	}
	return *p
}

// checkChronological fails unless the events' times never go backwards.
func checkChronological(t *testing.T, events []dumpedEvent) {
	t.Helper()
	var prev time.Time
	for i, e := range events {
		if e.CreatedAt == nil {
			continue
		}
		at, err := time.Parse(time.RFC3339, *e.CreatedAt)
		if err != nil {
			t.Errorf("event %d created_at %q is not RFC 3339: %v", i, *e.CreatedAt, err)
			continue
		}
		if at.Before(prev) {
			t.Errorf("event %d (%s) at %s comes after an event at %s", i, e.Event, at, prev)
		}
		prev = at
	}
}

// runOK runs the command line and fails unless it exits 0 with nothing on stderr.
func runOK(t *testing.T, env map[string]string, args ...string) string {
	t.Helper()
	code, stdout, stderr := runCLI(t, env, args...)
	if code != exitOK || stderr != "" {
		t.Fatalf("prscope %s: exit %d, stderr %q", strings.Join(args, " "), code, stderr)
	}
	return stdout
}

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

func TestDumpAgainstAPIURL(t *testing.T) {
	srv := widgetsServer(t)
	d := decodeDump(t, runOK(t, nil, "dump", "--api-url", srv.URL, "acme/widgets#3"))
	if d.Repo != "acme/widgets" {
		t.Errorf("repo = %q", d.Repo)
	}
	p := d.pull(t)
	if p.Number != 3 || p.Title != "Frob the widget" || p.State != "merged" || p.Body != "Frobs.\n\nFixes #2." ||
		strings.Join(p.Labels, ",") != "enhancement" || p.MergedAt == nil || *p.MergedAt != "2024-02-03T10:00:00Z" {
		t.Errorf("pull = %+v", p)
	}
	var kinds []string
	for _, e := range d.Timeline {
		kinds = append(kinds, e.Event)
	}
	if got, want := strings.Join(kinds, ","), "committed,commented,referenced,merged,closed"; got != want {
		t.Errorf("timeline = %s, want %s", got, want)
	}
	if len(d.Timeline) == 5 {
		committed, comment, ref := d.Timeline[0], d.Timeline[1], d.Timeline[2]
		if committed.Commit == nil || committed.Commit.Message != "frob the widget" || committed.Actor != nil || str(committed.Author) != "Alice" ||
			str(committed.CreatedAt) != "2024-02-01T10:00:00Z" {
			t.Errorf("committed = %+v (commit %+v)", committed, committed.Commit)
		}
		if str(comment.Body) != "nice" || str(comment.Actor) != "bob" {
			t.Errorf("commented = body %s actor %s", str(comment.Body), str(comment.Actor))
		}
		want := dumpedCommit{SHA: strings.Repeat("ab", 20), Repo: "someone/widgets", Message: "widgets: frob\n\nFixes acme/widgets#3"}
		if ref.Commit == nil || *ref.Commit != want || ref.Body != nil {
			t.Errorf("referenced commit = %+v body %s, want %+v and no body", ref.Commit, str(ref.Body), want)
		}
	}
	checkChronological(t, d.Timeline)

	paths := map[string]int{}
	for _, r := range srv.Requests() {
		paths[r.Path]++
	}
	want := map[string]int{
		"/repos/acme/widgets/pulls/3":                                    1,
		"/repos/acme/widgets/issues/3/timeline":                          1,
		"/repos/someone/widgets/git/commits/" + strings.Repeat("ab", 20): 1,
		// The head commit's CI (the committed event's SHA is the head).
		"/repos/acme/widgets/commits/" + strings.Repeat("cd", 20) + "/check-runs": 1,
		"/repos/acme/widgets/commits/" + strings.Repeat("cd", 20) + "/status":     1,
	}
	if len(paths) != len(want) {
		t.Errorf("requests = %v, want %v", paths, want)
	}
	for path, n := range want {
		if paths[path] != n {
			t.Errorf("%s requested %d times, want %d", path, paths[path], n)
		}
	}
}

func TestDumpListAgainstAPIURLFromEnv(t *testing.T) {
	srv := widgetsServer(t)
	d := decodeDump(t, runOK(t, map[string]string{"PRSCOPE_API_URL": srv.URL}, "dump", "acme/widgets", "--limit", "2", "--state", "open"))
	var got []int
	for _, p := range d.Pulls {
		got = append(got, p.Number)
	}
	if len(got) != 2 || got[0] != 4 || got[1] != 2 {
		t.Errorf("pulls = %v, want the two newest open PRs [4 2]", got)
	}
	reqs := srv.Requests()
	if len(reqs) != 1 || reqs[0].Path != "/repos/acme/widgets/pulls" || reqs[0].Query.Get("state") != "open" || reqs[0].Query.Get("per_page") != "2" {
		t.Errorf("requests = %+v, want one list request for 2 open PRs", reqs)
	}
}

func TestTokenFromEnvironment(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"GH_TOKEN wins", map[string]string{"GH_TOKEN": "gh-token", "GITHUB_TOKEN": "github-token"}, "Bearer gh-token"},
		{"GITHUB_TOKEN", map[string]string{"GITHUB_TOKEN": "github-token"}, "Bearer github-token"},
		{"empty GH_TOKEN falls back", map[string]string{"GH_TOKEN": "", "GITHUB_TOKEN": "github-token"}, "Bearer github-token"},
		{"none", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := widgetsServer(t)
			env := map[string]string{"PRSCOPE_API_URL": srv.URL}
			for k, v := range tt.env {
				env[k] = v
			}
			runOK(t, env, "dump", "acme/widgets#3")
			reqs := srv.Requests()
			if len(reqs) == 0 {
				t.Fatal("no requests reached the server")
			}
			for _, r := range reqs {
				if got := r.Header.Get("Authorization"); got != tt.want {
					t.Errorf("%s Authorization = %q, want %q", r.Path, got, tt.want)
				}
			}
		})
	}
}

func TestAPIErrorsExit1(t *testing.T) {
	srv := widgetsServer(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + ln.Addr().String() + "/"
	if err := ln.Close(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"unknown repo", []string{"dump", "--api-url", srv.URL, "acme/nope#1"}, []string{"404 Not Found", "acme/nope#1"}},
		{"unknown PR", []string{"dump", "--api-url", srv.URL, "acme/widgets#99"}, []string{"404 Not Found", "acme/widgets#99"}},
		{"unknown repo list", []string{"dump", "--api-url", srv.URL, "acme/nope"}, []string{"404 Not Found", "acme/nope"}},
		{"connection refused", []string{"dump", "--api-url", refused, "acme/widgets#1"}, []string{"refused", "acme/widgets#1"}},
		{"demo repo unknown", []string{"dump", "--demo", "acme/nope#1"}, []string{"404 Not Found"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, nil, tt.args...)
			if code != exitAPI {
				t.Errorf("exit %d, want %d (stderr %q)", code, exitAPI, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout = %q, want nothing", stdout)
			}
			if strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "prscope: ") {
				t.Errorf("stderr = %q, want one line starting \"prscope: \"", stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr = %q, want it to contain %q", stderr, w)
				}
			}
		})
	}
}

// TestBinaryExitStatus builds prscope and checks exit statuses through the OS.
func TestBinaryExitStatus(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool in PATH")
	}
	bin := filepath.Join(t.TempDir(), "prscope")
	if out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	tests := []struct {
		args []string
		want int
	}{
		{[]string{"--nope"}, exitUsage},
		{[]string{"acme/widgets#0"}, exitUsage},
		{[]string{"--version"}, exitOK},
		{[]string{"--help"}, exitOK},
	}
	for _, tt := range tests {
		cmd := exec.Command(bin, tt.args...)
		cmd.Env = []string{"PATH=/usr/bin:/bin", "HOME=" + t.TempDir()}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		code := 0
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			code = exitErr.ExitCode()
		} else if err != nil {
			t.Fatalf("prscope %v: %v", tt.args, err)
		}
		if code != tt.want {
			t.Errorf("prscope %v exited %d, want %d (stderr %q)", tt.args, code, tt.want, stderr.String())
		}
		if tt.want == exitUsage && strings.Count(stderr.String(), "\n") != 1 {
			t.Errorf("prscope %v stderr = %q, want one line", tt.args, stderr.String())
		}
	}
}

// TestDumpExits1WithTheMessageOnEveryFault: whatever way the API fails,
// dump prints nothing on stdout, one line naming the failure on stderr,
// and exits 1.
func TestDumpExits1WithTheMessageOnEveryFault(t *testing.T) {
	for _, tt := range []struct {
		name  string
		fault *fake.Fault
		want  string
	}{
		{"401", fake.FaultBadToken(), "401 Unauthorized"},
		{"403", fake.FaultNoAccess(), "403 Forbidden"},
		{"SAML", fake.FaultSAML(), "SAML"},
		{"404", fake.FaultNotFound(), "404 Not Found"},
		{"410", fake.FaultGone(), "410 Gone"},
		{"422", fake.FaultUnprocessable(), "422"},
		{"rate limit", fake.FaultRateLimited(time.Now().Add(time.Hour)), "rate limit"},
		{"429", fake.FaultSecondary429(time.Minute), "429 Too Many Requests"},
		{"500", fake.FaultServerError(500), "500 Internal Server Error"},
		{"503", fake.FaultServerError(503), "503 Service Unavailable"},
		{"malformed", &fake.Fault{Malformed: true}, "malformed response"},
		{"cut off", &fake.Fault{Truncate: true}, "cut off"},
		{"hang", &fake.Fault{Hang: true}, "timed out"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := widgetsServer(t)
			f := tt.fault
			srv.SetFaults(func(r *http.Request) *fake.Fault {
				if strings.Contains(r.URL.Path, "/timeline") {
					return f
				}
				return nil
			})
			var stdout, stderr bytes.Buffer
			code := run([]string{"dump", "--timeout", "300ms", "--api-url", srv.URL, "acme/widgets#3"}, &stdout, &stderr, func(string) string { return "" })
			if code != 1 {
				t.Fatalf("exit %d, want 1 (stderr %q)", code, stderr.String())
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout holds %q: a failed dump must print no partial JSON", stdout.String())
			}
			if lines := strings.Count(strings.TrimRight(stderr.String(), "\n"), "\n") + 1; lines != 1 || !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("stderr %q: want one line containing %q", stderr.String(), tt.want)
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
