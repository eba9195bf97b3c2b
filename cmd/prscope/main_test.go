package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"
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
