package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/github/fake"
)

// dump of a PR whose timeline and head SHA carry identifiers that would
// steer requests elsewhere: exit 0, the hostile commit is in the JSON with
// an "error" saying it was not fetched, the checks say why they are
// missing, and every request stayed on the PR's own paths.
func TestDumpRefusesHostileIdentifiers(t *testing.T) {
	const hostileHead = "../../../user?per_page=1&status=x#frag"
	t0 := time.Date(2024, 2, 1, 10, 0, 0, 0, time.UTC)
	ds := &fake.Dataset{}
	repo := ds.EnsureRepo("steer/bpf")
	repo.Pulls = append(repo.Pulls, &fake.FakePull{Number: 1, Title: "Steer", State: "open", User: "alice", Head: hostileHead, Base: "main",
		CreatedAt: t0, UpdatedAt: t0, HeadSHA: "../../../../user",
		Timeline: []fake.FakeEvent{
			{Event: "commented", Actor: "bob", Body: "hi", CreatedAt: t0},
			{Event: "referenced", Actor: "eve", SHA: "../../../user", CreatedAt: t0.Add(time.Hour)},
		}})
	srv, err := fake.NewFakeServer(ds, fake.FakeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })

	code, stdout, stderr := runCLI(t, nil, "dump", "--no-cache", "--api-url", srv.URL, "steer/bpf#1")
	if code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	var d struct {
		Timeline []struct {
			Event  string `json:"event"`
			Commit *struct {
				SHA   string `json:"sha"`
				Error string `json:"error"`
			} `json:"commit"`
		} `json:"timeline"`
		Checks *struct {
			Error string `json:"error"`
		} `json:"checks"`
	}
	if err := json.Unmarshal([]byte(stdout), &d); err != nil {
		t.Fatalf("%v\n%.400s", err, stdout)
	}
	if len(d.Timeline) != 2 || d.Timeline[1].Commit == nil || d.Timeline[1].Commit.SHA != "../../../user" ||
		!strings.Contains(d.Timeline[1].Commit.Error, "not fetched") || !strings.Contains(d.Timeline[1].Commit.Error, "not a commit SHA") {
		t.Errorf("timeline = %+v, want the referenced commit with an error", d.Timeline)
	}
	if d.Checks == nil || !strings.Contains(d.Checks.Error, "not a commit SHA") {
		t.Errorf("checks = %+v, want an error", d.Checks)
	}
	for _, r := range srv.Requests() {
		switch r.Path {
		case "/repos/steer/bpf/pulls/1", "/repos/steer/bpf/issues/1/timeline":
		case "/repos/steer/bpf/actions/runs": // the head branch is a query value, escaped
			if r.Query.Get("branch") != hostileHead || r.Query.Get("status") != "" {
				t.Errorf("runs asked with %v, want branch=%q and nothing else of it", r.Query, hostileHead)
			}
		default:
			t.Errorf("request %s %s: outside the PR's paths", r.Method, r.Path)
		}
	}
}
