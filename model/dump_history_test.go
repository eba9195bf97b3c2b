package model

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"
)

// keysIn is the keys of the JSON object raw, in order.
func keysIn(t *testing.T, raw json.RawMessage) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}

func TestDumpHistory(t *testing.T) {
	h := fixHistory()
	h.Versions[0].Runs[0].Jobs[1].Annotations = []Annotation{{Path: ".github", Line: 1, Level: "failure", Message: "#32/14 btf_dump/btf_dump: struct_data"}}
	h.Versions[1].Runs[0].JobsErr = "502 bad gateway"
	h.Unmatched = []RunResult{{Run: WorkflowRun{ID: 99, HeadSHA: "zzz", Status: "completed", Conclusion: "success"}}}
	b, err := json.Marshal(Dump{Repo: "kernel-patches/bpf", History: &DumpHistory{History: h}})
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		History struct {
			Headline string            `json:"headline"`
			Versions []json.RawMessage `json:"versions"`
			Runs     []json.RawMessage `json:"runs"`
			Tests    []json.RawMessage `json:"tests"`
		} `json:"history"`
	}
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	hd := d.History
	if hd.Headline != h.Headline() || len(hd.Versions) != 3 || len(hd.Runs) != 6 || len(hd.Tests) != 2 {
		t.Fatalf("history %s", b)
	}
	wants := map[string][]string{
		"version": {"version", "kind", "upstream", "pushed_at", "actor", "head_sha", "applied", "label_verdict"},
		"run":     {"id", "head_sha", "attempt", "workflow", "event", "status", "conclusion", "created_at", "html_url", "version", "version_index", "jobs"},
		"test":    {"test", "where", "failed_in", "passed_in", "first_failed", "passed_before", "passed_after", "flaky", "summary"},
	}
	for what, raw := range map[string]json.RawMessage{"version": hd.Versions[0], "run": hd.Runs[0], "test": hd.Tests[0]} {
		if got := keysIn(t, raw); !slices.Equal(got, wants[what]) {
			t.Errorf("%s keys %v\nwant %v", what, got, wants[what])
		}
	}
	var run struct {
		Jobs []json.RawMessage `json:"jobs"`
	}
	_ = json.Unmarshal(hd.Runs[0], &run)
	wantJob := []string{"id", "name", "arch", "toolchain", "suite", "conclusion", "html_url", "failed_tests", "annotations"}
	if got := keysIn(t, run.Jobs[1]); !slices.Equal(got, wantJob) {
		t.Errorf("job keys %v\nwant %v", got, wantJob)
	}
	if got := keysIn(t, hd.Runs[1]); !slices.Contains(got, "jobs_error") || slices.Contains(got, "jobs") {
		t.Errorf("a run whose jobs failed: %v", got)
	}
	var last struct {
		Version      *string `json:"version"`
		VersionIndex *int    `json:"version_index"`
	}
	_ = json.Unmarshal(hd.Runs[5], &last)
	if last.Version != nil || last.VersionIndex != nil {
		t.Errorf("an unmatched run names a version: %s", hd.Runs[5])
	}
	if b, _ := json.Marshal(Dump{History: &DumpHistory{Err: "runs: 500"}}); !bytes.Contains(b, []byte(`"history":{"error":"runs: 500"}`)) {
		t.Errorf("failed history: %s", b)
	}
}
