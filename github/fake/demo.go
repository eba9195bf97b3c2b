package fake

import (
	_ "embed"
	"encoding/json"
	"fmt"
)

//go:generate go run ../internal/gendemo -seed demodata/seed/kernel-patches-bpf-pr-11.txt -out demodata/kernel-patches-bpf-11.json

// The demo's repositories.
const (
	DemoRepo       = "kernel-patches/bpf"    // the real PR #11 among synthetic ones
	DemoSecondRepo = "kernel-patches/vmtest" // a few synthetic PRs only
)

// demoPR11JSON is kernel-patches/bpf PR #11 as rebuilt from a capture of its
// page by internal/gendemo; demodata/README.md says what was assumed.
//
//go:embed demodata/kernel-patches-bpf-11.json
var demoPR11JSON []byte

// DemoDataset returns the data prscope's demo mode serves: the real
// kernel-patches/bpf PR #11; KPD-made PRs with a CI history of bpf-ci runs
// (demo_ci.go: the e2e test PR #201 and the series PRs #261..#263); and,
// around them, the rest of PRs 1..260 generated (marked Synthetic, their
// bodies starting with SyntheticMarker) so the list spans three pages of
// 100, plus a small second repository. Every call returns a fresh copy
// that the caller may change.
func DemoDataset() (*Dataset, error) {
	var ds Dataset
	if err := json.Unmarshal(demoPR11JSON, &ds); err != nil {
		return nil, fmt.Errorf("embedded demo data: %w", err)
	}
	// Before the synthetic PRs, which skip the numbers taken.
	if err := addDemoCI(&ds); err != nil {
		return nil, fmt.Errorf("demo CI data: %w", err)
	}
	ds.AddSynthetic(SyntheticOptions{Repo: DemoRepo, First: 1, Last: 260, Seed: 1})
	ds.AddSynthetic(SyntheticOptions{Repo: DemoSecondRepo, First: 1, Last: 12, Seed: 2})
	return &ds, nil
}
