package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// TestDumpDemoHistory: dump of the demo's #262 holds its test history:
// the versions, every run on its version with its jobs and failing tests;
// --logs adds each failed job's log summary, and the expired ones say so
// (a warning, exit 0).
func TestDumpDemoHistory(t *testing.T) {
	code, stdout, stderr := runCLI(t, nil, "dump", "--demo", "--no-cache", "--logs", "kernel-patches/bpf#262")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var d struct {
		History struct {
			Headline string `json:"headline"`
			Versions []struct {
				Version string `json:"version"`
				Applied bool   `json:"applied"`
			} `json:"versions"`
			Runs []struct {
				Version *string `json:"version"`
				Jobs    []struct {
					Suite       string   `json:"suite"`
					Arch        string   `json:"arch"`
					FailedTests []string `json:"failed_tests"`
					Log         *struct {
						Summary string `json:"summary"`
					} `json:"log_summary"`
					LogError string `json:"log_error"`
				} `json:"jobs"`
			} `json:"runs"`
			Tests []struct {
				Test  string `json:"test"`
				Flaky bool   `json:"flaky"`
			} `json:"tests"`
		} `json:"history"`
	}
	if err := json.Unmarshal([]byte(stdout), &d); err != nil {
		t.Fatal(err)
	}
	h := d.History
	var versions, runVersions []string
	for _, v := range h.Versions {
		versions = append(versions, v.Version)
	}
	logs, expired := 0, 0
	for _, r := range h.Runs {
		runVersions = append(runVersions, *r.Version)
		for _, j := range r.Jobs {
			if j.Log != nil && strings.Contains(j.Log.Summary, "1 FAILED") {
				logs++
			}
			if strings.Contains(j.LogError, "expired") {
				expired++
			}
		}
	}
	if !slices.Equal(versions, []string{"1", "1", "2", "3"}) || !slices.Equal(runVersions, []string{"1", "1", "2", "2", "3"}) {
		t.Errorf("versions %v, runs on %v", versions, runVersions)
	}
	if logs == 0 || expired == 0 || !strings.Contains(stderr, `"log_error"`) {
		t.Errorf("%d logs read, %d expired; stderr %q", logs, expired, stderr)
	}
	if len(h.Tests) != 2 || h.Tests[0].Test != "btf_dump/btf_dump: struct_data" || !h.Tests[1].Flaky {
		t.Errorf("tests %+v", h.Tests)
	}
	if !strings.HasPrefix(h.Headline, "tested 4 versions · 4 runs, 1 re-run") {
		t.Errorf("headline %q", h.Headline)
	}
}

func TestLogsOnlyForOnePR(t *testing.T) {
	code, _, stderr := runCLI(t, nil, "dump", "--demo", "--logs", "kernel-patches/bpf")
	if code == exitOK || !strings.Contains(stderr, "--logs only applies to dump OWNER/REPO#N") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}
