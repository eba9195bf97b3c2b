package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/prscope/prscope/github/fake"
)

type dumpedChecks struct {
	Checks *struct {
		HeadSHA string         `json:"head_sha"`
		State   string         `json:"state"`
		Summary map[string]int `json:"summary"`
		Runs    []struct {
			Name       string  `json:"name"`
			App        string  `json:"app"`
			Status     string  `json:"status"`
			Conclusion *string `json:"conclusion"`
			URL        string  `json:"url"`
		} `json:"runs"`
		Statuses []struct {
			Context string `json:"context"`
			State   string `json:"state"`
		} `json:"statuses"`
		Error string `json:"error"`
	} `json:"checks"`
}

func decodeChecks(t *testing.T, stdout string) dumpedChecks {
	t.Helper()
	var d dumpedChecks
	if err := json.Unmarshal([]byte(stdout), &d); err != nil {
		t.Fatal(err)
	}
	if d.Checks == nil {
		t.Fatalf("no \"checks\" in the dump:\n%.300s", stdout)
	}
	return d
}

func TestDumpChecks(t *testing.T) {
	stdout := runOK(t, nil, "dump", "--demo", "kernel-patches/bpf#14")
	c := decodeChecks(t, stdout).Checks
	if !sha40.MatchString(c.HeadSHA) || c.State != "failed" || c.Summary["failed"] != 2 || c.Summary["running"] != 1 ||
		c.Summary["passed"] != 7 || c.Summary["skipped"] != 1 || len(c.Runs) != 9 || len(c.Statuses) != 2 {
		t.Errorf("checks of #14 = %+v", c)
	}
	running := 0
	for _, r := range c.Runs {
		if r.App != "GitHub Actions" || !strings.HasPrefix(r.URL, "https://github.com/kernel-patches/bpf/runs/") {
			t.Errorf("run %+v", r)
		}
		if r.Status != "completed" {
			running++
			if r.Conclusion != nil {
				t.Errorf("a running run has conclusion %q", *r.Conclusion)
			}
		}
	}
	if running != 1 {
		t.Errorf("%d running runs, want 1", running)
	}

	c = decodeChecks(t, runOK(t, nil, "dump", "--demo", "kernel-patches/bpf#11")).Checks
	if c.State != "" || len(c.Runs) != 0 || c.Runs == nil || c.Summary["passed"] != 0 || c.Error != "" {
		t.Errorf("#11 (no CI): %+v", c)
	}
}

// CI that cannot be fetched spoils nothing else: the dump says why, and
// a warning says so on stderr.
func TestDumpChecksUnavailable(t *testing.T) {
	srv := widgetsServer(t)
	srv.SetFaults(fake.FaultPath("/check-runs", fake.FaultNoAccess()))
	code, stdout, stderr := runCLI(t, nil, "dump", "--api-url", srv.URL, "acme/widgets#3")
	if code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if !strings.Contains(stderr, "CI checks could not be fetched") {
		t.Errorf("stderr %q", stderr)
	}
	c := decodeChecks(t, stdout).Checks
	if !strings.Contains(c.Error, "403") || c.Runs != nil {
		t.Errorf("checks = %+v, want the 403 and nothing else", c)
	}
	if d := decodeDump(t, stdout); len(d.Timeline) != 5 {
		t.Errorf("the timeline suffered: %d events", len(d.Timeline))
	}
}
