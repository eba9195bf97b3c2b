package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/prscope/prscope/github/fake"
)

// TestGoldenDemoHistory: the demo's series that failed at v1 and v2 reads
// from its history alone: the versions tested, the selftest that failed
// on two architectures, the flake, the pass at v3.
func TestGoldenDemoHistory(t *testing.T) {
	h := demoHarness(t, Config{Number: fake.DemoSeriesFixPR}, 160, 45)
	h.run()
	h.keys("c")
	h.run()
	v := h.view()
	for _, want := range []string{
		"tested 4 versions · 4 runs, 1 re-run · v3 ✓ 24 jobs passed",
		"btf_dump/btf_dump: struct_data: passed again after failing in v1, v1 rebased, v2",
		"flaky: failed in 1 of 2 runs on the same code",
		"▸ v2 · ✗ 4 of 24 jobs failed · 1 run, 1 re-run",
		"failed in test_progs on x86_64 gcc, test_progs_no_alu32 on x86_64 gcc",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("missing %q:\n%s", want, v)
		}
	}
	golden.RequireEqual(t, []byte(v))
}

// TestGoldenDemoJobMatrix: v2's re-run opens to its job matrix and failed
// jobs, and a failed job to its failing test.
func TestGoldenDemoJobMatrix(t *testing.T) {
	h := demoHarness(t, Config{Number: fake.DemoSeriesFixPR}, 160, 45)
	h.run()
	for _, k := range []string{"c", "j", "enter", "j", "enter", "j", "enter"} {
		h.keys(k)
		h.run() // shown, the history asks for the jobs it lacks
	}
	v := h.view()
	if !strings.Contains(v, "s390x-gcc") || !strings.Contains(v, "▾ ✗ test_progs on x86_64 gcc · 1 failing test") {
		t.Errorf("the matrix and the opened job:\n%s", v)
	}
	golden.RequireEqual(t, []byte(v))
}
